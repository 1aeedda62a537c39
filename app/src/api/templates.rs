//! Server functions of federation templates (issue 18): the federation's list, one
//! template with its versions and publishing (`templates.manage`); a club's view of its
//! federations' templates (any member; only the kinds the caller may adopt) and adopting
//! one, one function per kind so each needs exactly its permission (`roles.manage`,
//! `members.fields`, `forms.manage`, `settings.manage`).

use leptos::prelude::*;
use tessera_common::templates::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::parse_id;
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The federation's templates (`templates.manage`).
#[server(prefix = "/api", endpoint = "federation_templates")]
pub async fn get_federation_templates(federation: String) -> Result<FederationTemplates, AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    tessera_core::templates::list(&c.services.db, &scope).await
}

/// One template of the federation with all its versions (`templates.manage`).
#[server(prefix = "/api", endpoint = "federation_template")]
pub async fn get_federation_template(
    federation: String,
    id: String,
) -> Result<TemplateDetail, AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    let id: i64 = parse_id(&id)?;
    tessera_core::templates::detail(&c.services.db, &scope, id).await
}

/// The body of a template as the editor posted it (only `kind`'s fields are read).
#[cfg(feature = "ssr")]
fn body_of(input: &TemplateInput) -> Result<TemplateBody, AppError> {
    use tessera_common::dto::FieldForm;
    Ok(match input.kind.as_str() {
        "role" => TemplateBody::Role {
            staff: input.staff.is_some(),
            permissions: input.permissions.clone(),
        },
        "fields" => {
            let get = |k: &str, n: usize| {
                input
                    .rows
                    .get(&format!("{k}{n}"))
                    .cloned()
                    .unwrap_or_default()
            };
            let fields = (1..=MAX_TEMPLATE_FIELDS)
                .filter(|n| !get("label", *n).trim().is_empty())
                .map(|n| FieldForm {
                    label: get("label", n),
                    kind: get("kind", n),
                    help: get("help", n),
                    required: get("required", n) == "on",
                    options: get("options", n),
                    visibility: get("visibility", n),
                    member_editable: get("editable", n) == "on",
                })
                .collect();
            TemplateBody::Fields { fields }
        }
        "form" => TemplateBody::Form {
            slug: input.slug.clone(),
            intro: input.intro.clone(),
            audience: input.audience.clone(),
            fields: input.fields.clone(),
            consent_text: input.consent_text.clone(),
        },
        "terms" => TemplateBody::Terms {
            body: input.body.clone(),
        },
        _ => {
            return Err(AppError::field(
                "kind",
                tessera_common::Msg::ErrTemplateKind,
            ))
        }
    })
}

/// Publishes a new template, or the next version of `id` (`templates.manage`).
#[server(prefix = "/api", endpoint = "publish_template")]
pub async fn publish_template(#[server(flatten)] input: TemplateInput) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&input.federation).await?;
    let id: Option<i64> = if input.id.trim().is_empty() {
        None
    } else {
        Some(parse_id(&input.id)?)
    };
    let body = body_of(&input)?;
    let (id, _) = tessera_core::templates::publish(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        id,
        &input.name,
        &input.note,
        body,
    )
    .await?;
    done(&format!(
        "/f/{}/templates/{id}?done=published",
        scope.tenant().slug
    ));
    Ok(())
}

/// The templates of the club's federations (any member of an actively affiliated club;
/// the kinds the caller may adopt).
#[server(prefix = "/api", endpoint = "club_templates")]
pub async fn get_club_templates(club: String) -> Result<ClubTemplates, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::templates::for_club(&c.services.db, &scope).await
}

#[cfg(feature = "ssr")]
async fn adopt(club: String, kind: &str, id: String, number: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let number: i64 = parse_id(&number)?;
    tessera_core::templates::adopt(&c.services.db, &scope, &c.actor, c.now(), kind, id, number)
        .await?;
    done(&format!(
        "/c/{}/templates?done=adopted",
        scope.tenant().slug
    ));
    Ok(())
}

/// Adopts a role template as a role of the club's own (`roles.manage`).
#[server(prefix = "/api", endpoint = "adopt_role_template")]
pub async fn adopt_role_template(club: String, id: String, number: String) -> Result<(), AppError> {
    adopt(club, "role", id, number).await
}

/// Adopts a fields template as custom fields of the club's own (`members.fields`).
#[server(prefix = "/api", endpoint = "adopt_fields_template")]
pub async fn adopt_fields_template(
    club: String,
    id: String,
    number: String,
) -> Result<(), AppError> {
    adopt(club, "fields", id, number).await
}

/// Adopts a registration-form template as a form of the club's own, unpublished
/// (`forms.manage`).
#[server(prefix = "/api", endpoint = "adopt_form_template")]
pub async fn adopt_form_template(club: String, id: String, number: String) -> Result<(), AppError> {
    adopt(club, "form", id, number).await
}

/// Adopts terms of use as the club's next terms version (`settings.manage`).
#[server(prefix = "/api", endpoint = "adopt_terms_template")]
pub async fn adopt_terms_template(
    club: String,
    id: String,
    number: String,
) -> Result<(), AppError> {
    adopt(club, "terms", id, number).await
}

// ---------------------------------------------------------------- usage

/// Every club's and federation's usage now and the monthly history (`platform.overview`).
#[server(prefix = "/api", endpoint = "usage_overview")]
pub async fn get_usage_overview() -> Result<UsageOverview, AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    tessera_core::usage::overview(&c.services.db, &scope, c.now()).await
}

/// Measures now: this month's snapshot written again (`platform.manage`).
#[server(prefix = "/api", endpoint = "measure_usage")]
pub async fn measure_usage() -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    tessera_core::usage::measure_now(&c.services.db, &scope, c.now()).await?;
    done("/admin?done=measured");
    Ok(())
}

/// The club's own usage against its plan (`settings.manage`).
#[server(prefix = "/api", endpoint = "club_usage")]
pub async fn get_club_usage(club: String) -> Result<OwnUsage, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::usage::own(&c.services.db, &scope, c.now()).await
}

/// The federation's own usage against its plan (`clubs.view`).
#[server(prefix = "/api", endpoint = "federation_usage")]
pub async fn get_federation_usage(federation: String) -> Result<OwnUsage, AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    tessera_core::usage::own(&c.services.db, &scope, c.now()).await
}
