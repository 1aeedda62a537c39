//! Server functions of registration forms: building them (`forms.manage`), reviewing
//! registrations (`forms.review`), and the public side: the form, its submission and the
//! confirmation of the e-mail address, for anyone (no sign-in), through
//! `scope::resolve_public`.

// A server function's arguments are its form's fields, one per input.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use tessera_common::dto::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::{parse_id, parse_version};
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done, keep_draft_if_refused, take_draft};

#[cfg(feature = "ssr")]
fn form_draft_key(club: &str) -> String {
    format!("draft:form:{club}")
}

#[cfg(feature = "ssr")]
fn join_draft_key(club: &str, form: &str) -> String {
    format!("draft:join:{club}:{form}")
}

/// The club's registration forms (`forms.manage`).
#[server(prefix = "/api", endpoint = "forms")]
pub async fn get_forms(club: String) -> Result<FormsOverview, AppError> {
    let c = ctx().await?;
    c.once(format!("forms:{club}"), async {
        let scope = c.club(&club).await?;
        let mut o = tessera_core::registration::overview(&c.services.db, &scope).await?;
        let draft: Option<(String, RegFormInput)> =
            take_draft(&c.session, &form_draft_key(&club)).await;
        (o.draft_for, o.draft) = draft.unzip();
        Ok(o)
    })
    .await
}

/// Creates (no `id`) or changes a registration form (`forms.manage`).
#[server(prefix = "/api", endpoint = "save_form")]
pub async fn save_form(#[server(flatten)] input: SaveFormInput) -> Result<(), AppError> {
    let SaveFormInput {
        club,
        id,
        version,
        title,
        slug,
        intro,
        audience,
        consent_text,
        auto_approve,
        published,
        fields,
    } = input;
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    scope.require(tessera_common::modules::FORMS_MANAGE)?;
    let input = RegFormInput {
        title,
        slug,
        intro,
        audience,
        fields,
        consent_text,
        auto_approve: auto_approve.is_some(),
        published: published.is_some(),
    };
    let result = async {
        let (fid, v) = if id.trim().is_empty() {
            (None, None)
        } else {
            (Some(parse_id::<i64>(&id)?), Some(parse_version(&version)?))
        };
        tessera_core::registration::save_form(
            &c.services.db,
            &scope,
            &c.actor,
            c.now(),
            fid,
            &input,
            v,
        )
        .await
    }
    .await;
    let which = if id.trim().is_empty() {
        "new".to_string()
    } else {
        id.clone()
    };
    keep_draft_if_refused(&c.session, &form_draft_key(&club), &(which, input), result).await?;
    done(&format!("/c/{}/forms?done=saved", scope.tenant().slug));
    Ok(())
}

/// The registrations waiting for review and the latest decided (`forms.review`).
#[server(prefix = "/api", endpoint = "applications")]
pub async fn get_applications(club: String) -> Result<Applications, AppError> {
    let c = ctx().await?;
    c.once(format!("applications:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::registration::applications(&c.services.db, &scope).await
    })
    .await
}

/// Approves a registration (`forms.review`).
#[server(prefix = "/api", endpoint = "approve_application")]
pub async fn approve_application(
    club: String,
    id: String,
    version: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let aid: i64 = parse_id(&id)?;
    let v = parse_version(&version)?;
    tessera_core::registration::approve(
        &c.services.db,
        &c.services.mailer,
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        aid,
        v,
    )
    .await?;
    done(&format!(
        "/c/{}/applications?done=approved",
        scope.tenant().slug
    ));
    Ok(())
}

/// Rejects a registration with a reason for the applicant (`forms.review`).
#[server(prefix = "/api", endpoint = "reject_application")]
pub async fn reject_application(
    #[server(flatten)] input: RejectApplicationInput,
) -> Result<(), AppError> {
    let RejectApplicationInput {
        club,
        id,
        version,
        reason,
    } = input;
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let aid: i64 = parse_id(&id)?;
    let v = parse_version(&version)?;
    tessera_core::registration::reject(
        &c.services.db,
        &c.services.mailer,
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        aid,
        v,
        &reason,
    )
    .await?;
    done(&format!(
        "/c/{}/applications?done=rejected",
        scope.tenant().slug
    ));
    Ok(())
}

/// A published registration form, for anyone.
#[server(prefix = "/api", endpoint = "join_form")]
pub async fn get_join_form(club: String, form: String) -> Result<PublicForm, AppError> {
    let c = ctx().await?;
    c.once(format!("join_form:{club}:{form}"), async {
        let scope = tessera_core::scope::resolve_public(&c.services.db, &club, c.now()).await?;
        let mut f =
            tessera_core::registration::public_form(&c.services.db, &scope, &form, c.now()).await?;
        f.draft = take_draft(&c.session, &join_draft_key(&club, &form)).await;
        Ok(f)
    })
    .await
}

/// Submits a registration form (anyone): fields per person as `f[{n}.{key}]`, the
/// guardian's as `f[g.{key}]`.
#[server(prefix = "/api", endpoint = "submit_registration")]
pub async fn submit_registration(
    #[server(flatten)] input: SubmitRegistrationInput,
) -> Result<(), AppError> {
    let SubmitRegistrationInput {
        club,
        form,
        started,
        email,
        website,
        consent,
        terms,
        f,
        purposes,
    } = input;
    use tessera_core::registration::{self, Submission};
    let c = ctx().await?;
    let scope = tessera_core::scope::resolve_public(&c.services.db, &club, c.now()).await?;
    let address = crate::ssr::client_address(&c.services).await;
    let s = Submission {
        email: email.clone(),
        started,
        website,
        consent: consent.is_some(),
        purposes,
        terms: terms.is_some(),
        values: f.clone(),
        address,
    };
    let result = registration::submit(
        &c.services.db,
        &c.services.mailer,
        &c.services.public_url,
        &scope,
        c.now(),
        &form,
        &s,
    )
    .await;
    let mut kept = f;
    kept.insert("email".into(), email);
    keep_draft_if_refused(&c.session, &join_draft_key(&club, &form), &kept, result).await?;
    done(&format!("/c/{}/join/{form}?sent=1", scope.tenant().slug));
    Ok(())
}

/// Confirms the e-mail address of a registration (the link in the mail, then a button).
#[server(prefix = "/api", endpoint = "confirm_registration")]
pub async fn confirm_registration(
    club: String,
    form: String,
    token: String,
) -> Result<(), AppError> {
    use tessera_core::registration::{self, Confirmed};
    let c = ctx().await?;
    let scope = tessera_core::scope::resolve_public(&c.services.db, &club, c.now()).await?;
    let outcome = registration::confirm(
        &c.services.db,
        &c.services.mailer,
        &c.services.public_url,
        &scope,
        c.now(),
        &token,
    )
    .await?;
    let what = match outcome {
        Confirmed::Approved => "approved",
        Confirmed::Queued => "queued",
    };
    done(&format!(
        "/c/{}/join/{}?confirmed={what}",
        scope.tenant().slug,
        tessera_common::dto::encode(&form)
    ));
    Ok(())
}
