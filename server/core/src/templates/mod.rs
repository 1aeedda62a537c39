//! Federation templates (issue 18, deliverable 6).
//!
//! A federation (`templates.manage`) publishes versioned templates of four kinds: a role
//! with its permissions, custom fields, a registration form, terms of use. It authors them
//! from its own definitions (it never reads a club's setup). A published version never
//! changes; publishing again adds the next version and keeps the old ones.
//!
//! A club actively affiliated to the federation (`affiliations::active`) reads the
//! published templates through a narrow read: a platform transaction that checks the
//! affiliation and then switches to the federation's tenant for the template tables only.
//! It adopts the newest version of one as a copy made through its own functions (roles,
//! custom fields, registration forms, terms), with all their rules, in one transaction with
//! the record of the adoption (which template, which version, its content, for the
//! comparison with a newer version later). The copy is the club's: it may change it.
//!
//! Choices: only the newest version can be adopted (an older one is refused, naming the
//! newest); the same version twice is refused; a newer version of an adopted template is
//! adopted as a new copy (the club's own rules refuse a name it already uses, so the club
//! renames or removes its older copy first: nothing of the club's is overwritten).

mod diff;
#[cfg(test)]
mod tests;

pub use diff::changes;

use crate::affiliations;
use crate::db::{Db, Tx};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use std::collections::BTreeMap;
use tessera_common::dto::{FieldForm, RegFormInput, TenantKind, FORM_STANDARD_FIELDS};
use tessera_common::modules::{
    Module, Permission, FORMS_MANAGE, MEMBERS_FIELDS, ROLES_MANAGE, SETTINGS_MANAGE,
    TEMPLATES_MANAGE,
};
use tessera_common::templates::{
    ClubTemplate, ClubTemplates, FederationOffer, FederationTemplates, TemplateBody,
    TemplateDetail, TemplateSummary, TemplateVersion, MAX_TEMPLATE_FIELDS, TEMPLATE_KINDS,
};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, FieldError, Msg, Problem, TenantId};

/// The longest template name.
pub const MAX_NAME: usize = 80;
/// The longest note with a version.
pub const MAX_NOTE: usize = 500;

/// The permission a club needs to adopt a template of `kind`.
pub fn adopt_permission(kind: &str) -> Option<Permission> {
    Some(match kind {
        "role" => ROLES_MANAGE,
        "fields" => MEMBERS_FIELDS,
        "form" => FORMS_MANAGE,
        "terms" => SETTINGS_MANAGE,
        _ => return None,
    })
}

fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn one_line(s: &str, max: usize) -> bool {
    !s.is_empty() && s.chars().count() <= max && !s.chars().any(char::is_control)
}

/// Checks a template's name and content with the rules that do not depend on a club (the
/// club's own rules apply again when it adopts); returns the content in its stored form.
pub fn check(name: &str, note: &str, body: TemplateBody) -> Result<(String, String, TemplateBody)> {
    let name = name.trim().to_string();
    let note = note.trim().replace("\r\n", "\n");
    let mut problems: Vec<FieldError> = Vec::new();
    if !one_line(&name, MAX_NAME) {
        problems.push(FieldError::new(
            "name",
            Problem::new(Msg::ErrTemplateName).arg("max", MAX_NAME),
        ));
    }
    if note.chars().count() > MAX_NOTE {
        problems.push(FieldError::new(
            "note",
            Problem::new(Msg::ErrMaxChars).arg("max", MAX_NOTE),
        ));
    }
    let body = match body {
        TemplateBody::Role { staff, permissions } => {
            let mut perms: Vec<String> = Vec::new();
            for id in &permissions {
                match Permission::parse(id.trim()) {
                    None => problems.push(FieldError::new(
                        "permissions",
                        Problem::new(Msg::ErrNoSuchPermission)
                            .arg("name", id.chars().take(60).collect::<String>()),
                    )),
                    Some(p) if p.module().map(|m| m.kind) != Some(TenantKind::Club) => problems
                        .push(FieldError::new(
                            "permissions",
                            Problem::new(Msg::ErrPermissionOtherKind).arg("permission", p.id()),
                        )),
                    Some(p) => {
                        if !perms.iter().any(|x| x == p.id()) {
                            perms.push(p.id().to_string());
                        }
                    }
                }
            }
            if permissions.is_empty() {
                problems.push(FieldError::new("permissions", Msg::ErrTemplateNoPermission));
            }
            perms.sort();
            TemplateBody::Role {
                staff,
                permissions: perms,
            }
        }
        TemplateBody::Fields { fields } => {
            if fields.is_empty() || fields.len() > MAX_TEMPLATE_FIELDS {
                problems.push(FieldError::new(
                    "rows",
                    Problem::new(Msg::ErrTemplateFieldCount).arg("max", MAX_TEMPLATE_FIELDS),
                ));
            }
            let mut labels: Vec<String> = Vec::new();
            for (n, f) in fields.iter().enumerate() {
                if let Err(AppError::Invalid(errors)) =
                    crate::members::custom_fields::validate(f).map(|_| ())
                {
                    for e in errors {
                        problems.push(FieldError::new(format!("{}{}", e.field, n + 1), e.problem));
                    }
                }
                let key = name_key(&f.label);
                if labels.contains(&key) {
                    problems.push(FieldError::new(
                        format!("label{}", n + 1),
                        Msg::ErrFieldLabelTaken,
                    ));
                }
                labels.push(key);
            }
            TemplateBody::Fields {
                fields: fields
                    .into_iter()
                    .map(|f| FieldForm {
                        label: f.label.trim().to_string(),
                        kind: f.kind.trim().to_string(),
                        help: f.help.trim().to_string(),
                        options: f
                            .options
                            .lines()
                            .map(str::trim)
                            .filter(|o| !o.is_empty())
                            .collect::<Vec<_>>()
                            .join("\n"),
                        ..f
                    })
                    .collect(),
            }
        }
        TemplateBody::Form {
            slug,
            intro,
            audience,
            fields,
            consent_text,
        } => {
            // Only the standard fields: a club's own fields have ids of that club.
            let fields: BTreeMap<String, String> = fields
                .into_iter()
                .filter(|(k, _)| {
                    let key = k.rsplit(':').next().unwrap_or(k);
                    FORM_STANDARD_FIELDS.contains(&key)
                })
                .collect();
            let input = RegFormInput {
                title: name.clone(),
                slug: slug.trim().to_lowercase(),
                intro: intro.trim().replace("\r\n", "\n"),
                audience: audience.trim().to_string(),
                fields,
                consent_text: consent_text.trim().replace("\r\n", "\n"),
                auto_approve: false,
                published: false,
            };
            if let Err(AppError::Invalid(errors)) =
                crate::registration::check_form(&input, &[]).map(|_| ())
            {
                problems.extend(errors.into_iter().filter(|e| e.field != "title"));
            }
            TemplateBody::Form {
                slug: input.slug,
                intro: input.intro,
                audience: input.audience,
                fields: input.fields,
                consent_text: input.consent_text,
            }
        }
        TemplateBody::Terms { body } => {
            let body = body.trim().replace("\r\n", "\n");
            let max = crate::tenants::terms::MAX_BODY;
            if body.is_empty() || body.chars().count() > max {
                problems.push(FieldError::new(
                    "body",
                    Problem::new(Msg::ErrTermsBody).arg("max", max),
                ));
            }
            TemplateBody::Terms { body }
        }
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    Ok((name, note, body))
}

fn encode(body: &TemplateBody) -> Result<String> {
    serde_json::to_string(body).map_err(crate::error::internal)
}

fn decode(content: &str) -> Result<TemplateBody> {
    serde_json::from_str(content).map_err(crate::error::internal)
}

#[derive(sqlx::FromRow)]
struct TemplateRow {
    id: i64,
    kind: String,
    name: String,
    latest: i64,
    published_at: i64,
}

impl TemplateRow {
    fn summary(self) -> TemplateSummary {
        TemplateSummary {
            id: self.id,
            kind: self.kind,
            name: self.name,
            latest: self.latest,
            published_at: Timestamp(self.published_at),
        }
    }
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    number: i64,
    name: String,
    note: String,
    content: String,
    published_at: i64,
    updated_by_name: Option<String>,
}

impl VersionRow {
    fn version(self) -> Result<TemplateVersion> {
        Ok(TemplateVersion {
            number: self.number,
            name: self.name,
            note: self.note,
            body: decode(&self.content)?,
            published_at: Timestamp(self.published_at),
            published_by: self.updated_by_name,
        })
    }
}

const LIST: &str = "SELECT t.id, t.kind, t.name, t.latest, v.published_at FROM fed_templates t \
     JOIN fed_template_versions v ON v.tenant_id = t.tenant_id AND v.template_id = t.id \
     AND v.number = t.latest WHERE t.tenant_id = $1";

// The version's name is kept in its content row: the template's name may change with a
// new version (a renamed role), and the comparison shows it.
const VERSIONS: &str = "SELECT number, name, note, content, published_at, updated_by_name \
     FROM fed_template_versions WHERE tenant_id = $1 AND template_id = $2";

fn federation_only(scope: &TenantScope) -> Result<()> {
    if scope.kind() != TenantKind::Federation {
        return Err(AppError::NotFound);
    }
    scope.require(TEMPLATES_MANAGE)
}

/// The federation's templates (`templates.manage`).
pub async fn list(db: &Db, scope: &TenantScope) -> Result<FederationTemplates> {
    federation_only(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<TemplateRow> = tx
        .fetch_all(&format!("{LIST} ORDER BY t.kind, t.name_key"), args![])
        .await?;
    tx.commit().await?;
    Ok(FederationTemplates {
        templates: rows.into_iter().map(TemplateRow::summary).collect(),
        club_permissions: Module::of_kind(TenantKind::Club)
            .flat_map(|m| m.permissions.iter().map(|p| p.permission.id().to_string()))
            .collect(),
    })
}

/// One template of the federation with every version, newest first (`templates.manage`).
pub async fn detail(db: &Db, scope: &TenantScope, id: i64) -> Result<TemplateDetail> {
    federation_only(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let row: Option<TemplateRow> = tx
        .fetch_optional(&format!("{LIST} AND t.id = $2"), args![id])
        .await?;
    let row = row.ok_or(AppError::NotFound)?;
    let versions: Vec<VersionRow> = tx
        .fetch_all(&format!("{VERSIONS} ORDER BY number DESC"), args![id])
        .await?;
    tx.commit().await?;
    Ok(TemplateDetail {
        summary: row.summary(),
        versions: versions
            .into_iter()
            .map(VersionRow::version)
            .collect::<Result<_>>()?,
    })
}

/// Publishes a template (`templates.manage`): a new one (`id` none) as version 1, or the
/// next version of `id` (of the same kind; the older versions stay). A version that
/// changes nothing is refused. Returns the template and the version's number.
#[allow(clippy::too_many_arguments)]
pub async fn publish(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: Option<i64>,
    name: &str,
    note: &str,
    body: TemplateBody,
) -> Result<(i64, i64)> {
    federation_only(scope)?;
    let (name, note, body) = check(name, note, body)?;
    let kind = body.kind();
    let content = encode(&body)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let taken: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM fed_templates WHERE tenant_id = $1 AND kind = $2 AND name_key = $3",
            args![kind, name_key(&name)],
        )
        .await?;
    if taken.is_some_and(|(t,)| Some(t) != id) {
        return Err(AppError::field("name", Msg::ErrTemplateNameTaken));
    }
    let (template, number) = match id {
        None => {
            let template = ids::new_id();
            tx.insert(
                "fed_templates",
                vec![
                    ("id", template.into()),
                    ("kind", kind.into()),
                    ("name", name.clone().into()),
                    ("name_key", name_key(&name).into()),
                    ("latest", 1i64.into()),
                    ("created_at", now.into()),
                ],
            )
            .await?;
            (template, 1)
        }
        Some(template) => {
            let row: Option<(String, i64, i64)> = tx
                .fetch_optional(
                    "SELECT kind, latest, version FROM fed_templates WHERE tenant_id = $1 AND id = $2",
                    args![template],
                )
                .await?;
            let (stored_kind, latest, version) = row.ok_or(AppError::NotFound)?;
            if stored_kind != kind {
                return Err(AppError::bad_request(Msg::ErrTemplateKindFixed));
            }
            let last: (String, String) = tx
                .fetch_one(
                    "SELECT name, content FROM fed_template_versions \
                     WHERE tenant_id = $1 AND template_id = $2 AND number = $3",
                    args![template, latest],
                )
                .await?;
            if last.0 == name && decode(&last.1)? == body {
                return Err(AppError::bad_request(Msg::ErrTemplateUnchanged));
            }
            let number = latest + 1;
            if !tx
                .update(
                    "fed_templates",
                    template,
                    vec![
                        ("name", name.clone().into()),
                        ("name_key", name_key(&name).into()),
                        ("latest", number.into()),
                    ],
                    Some(version),
                )
                .await?
            {
                return Err(AppError::conflict(Msg::ErrTemplateChanged));
            }
            (template, number)
        }
    };
    tx.insert(
        "fed_template_versions",
        vec![
            ("id", ids::new_id().into()),
            ("template_id", template.into()),
            ("number", number.into()),
            ("name", name.clone().into()),
            ("content", content.into()),
            ("note", note.into()),
            ("published_at", now.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log(
        "template_published",
        Some(&format!("{kind} {name} version {number}")),
    )
    .await?;
    tx.commit().await?;
    Ok((template, number))
}

// ---------------------------------------------------------------- the club's side

/// A template as a club reads it from its federation.
struct Offered {
    federation: TenantId,
    federation_name: String,
    summary: TemplateSummary,
    latest: TemplateVersion,
}

/// The published templates of the federations `club` is actively affiliated to (all, or
/// the one template `only`): the narrow read across tenants. The affiliation is asked in
/// the same transaction, so a club that left sees nothing from then on.
async fn offered(tx: &mut Tx, club: TenantId, only: Option<i64>) -> Result<Vec<Offered>> {
    let mut out = Vec::new();
    for a in affiliations::of_club(tx, club).await? {
        // `of_club` lists every row; the question that counts is `active`.
        if !a.is_active()
            || affiliations::active(tx, a.federation, club)
                .await?
                .is_none()
        {
            continue;
        }
        let federation: Option<(String,)> = tx
            .fetch_optional(
                "SELECT name FROM tenants WHERE id = $1 AND kind = 'federation' AND status = 'active'",
                args![a.federation.0],
            )
            .await?;
        let Some((federation_name,)) = federation else {
            continue;
        };
        tx.as_tenant(a.federation, None).await?;
        let rows: Vec<TemplateRow> = match only {
            Some(id) => {
                tx.fetch_all(&format!("{LIST} AND t.id = $2"), args![a.federation.0, id])
                    .await?
            }
            None => {
                tx.fetch_all(
                    &format!("{LIST} ORDER BY t.kind, t.name_key"),
                    args![a.federation.0],
                )
                .await?
            }
        };
        for row in rows {
            let v: VersionRow = tx
                .fetch_one(
                    &format!("{VERSIONS} AND number = $3"),
                    args![a.federation.0, row.id, row.latest],
                )
                .await?;
            out.push(Offered {
                federation: a.federation,
                federation_name: federation_name.clone(),
                latest: v.version()?,
                summary: row.summary(),
            });
        }
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct AdoptionRow {
    template_id: i64,
    number: i64,
    name: String,
    content: String,
    adopted_at: i64,
}

fn club_only(scope: &TenantScope) -> Result<()> {
    if scope.kind() != TenantKind::Club {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The templates the club's federations publish, with what the club adopted and what
/// changed since. Any member of the club may look (templates are the federation's public
/// offer to its clubs, nothing personal); each kind is offered for adoption to those who
/// hold its permission, and the page shows only the kinds the caller may adopt.
pub async fn for_club(db: &Db, scope: &TenantScope) -> Result<ClubTemplates> {
    club_only(scope)?;
    let kinds: Vec<&str> = TEMPLATE_KINDS
        .into_iter()
        .filter(|k| adopt_permission(k).is_some_and(|p| scope.require(p).is_ok()))
        .collect();
    if kinds.is_empty() {
        return Ok(ClubTemplates {
            federations: Vec::new(),
        });
    }
    let mut tx = db.platform(false).await?;
    let offered = offered(&mut tx, scope.tenant_id(), None).await?;
    tx.commit().await?;
    let mut tx = db.tenant_read(scope).await?;
    let adoptions: Vec<AdoptionRow> = tx
        .fetch_all(
            "SELECT template_id, number, name, content, adopted_at FROM template_adoptions \
             WHERE tenant_id = $1 ORDER BY number",
            args![],
        )
        .await?;
    tx.commit().await?;
    let mut federations: Vec<FederationOffer> = Vec::new();
    for o in offered {
        if !kinds.contains(&o.summary.kind.as_str()) {
            continue;
        }
        // The newest adopted version of this template (rows are in number order).
        let adopted = adoptions.iter().rfind(|a| a.template_id == o.summary.id);
        let changes = match adopted {
            Some(a) if a.number < o.summary.latest => changes(
                &a.name,
                &decode(&a.content)?,
                &o.latest.name,
                &o.latest.body,
            ),
            _ => Vec::new(),
        };
        let t = ClubTemplate {
            id: o.summary.id,
            kind: o.summary.kind.clone(),
            name: o.summary.name.clone(),
            adopted: adopted.map(|a| a.number),
            adopted_at: adopted.map(|a| Timestamp(a.adopted_at)),
            changes,
            may_adopt: true,
            latest: o.latest,
        };
        match federations
            .iter_mut()
            .find(|f| f.federation == o.federation_name)
        {
            Some(f) => f.templates.push(t),
            None => federations.push(FederationOffer {
                federation: o.federation_name,
                templates: vec![t],
            }),
        }
    }
    Ok(ClubTemplates { federations })
}

/// Checks that every permission a role template names is one this club's plan includes
/// (its module is active here): a clear refusal naming the first one that is not, before
/// anything is created.
fn plan_allows(scope: &TenantScope, permissions: &[String]) -> Result<()> {
    for id in permissions {
        let Some(p) = Permission::parse(id) else {
            return Err(AppError::bad_request(
                Problem::new(Msg::ErrNoSuchPermission)
                    .arg("name", id.chars().take(60).collect::<String>()),
            ));
        };
        match p.module() {
            Some(m) if m.kind == TenantKind::Club => {
                // The roles' own rule: the modules of the plan, switched on or not.
                if !crate::roles::grantable(scope).contains(&p) {
                    return Err(AppError::bad_request(
                        Problem::new(Msg::ErrTemplateNotInPlan)
                            .arg("permission", p.id())
                            .arg_words("module", m.name.en, m.name.nl, m.name.fr),
                    ));
                }
            }
            _ => {
                return Err(AppError::bad_request(
                    Problem::new(Msg::ErrPermissionOtherKind).arg("permission", p.id()),
                ))
            }
        }
    }
    Ok(())
}

/// Adopts version `number` of the federation's template `id` of `kind` as the club's own
/// copy (the kind's permission: roles, fields, forms, terms), made through the club's own
/// functions with all their rules, in one transaction with the record of the adoption.
/// Only the newest version can be adopted, and the same version once.
#[allow(clippy::too_many_arguments)]
pub async fn adopt(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    kind: &str,
    id: i64,
    number: i64,
) -> Result<()> {
    club_only(scope)?;
    let permission = adopt_permission(kind).ok_or(AppError::NotFound)?;
    scope.require(permission)?;
    let mut tx = db.platform(false).await?;
    let found = offered(&mut tx, scope.tenant_id(), Some(id)).await?;
    tx.commit().await?;
    let Some(o) = found.into_iter().next() else {
        return Err(AppError::NotFound);
    };
    if o.summary.kind != kind || number < 1 || number > o.summary.latest {
        return Err(AppError::NotFound);
    }
    if number != o.summary.latest {
        return Err(AppError::conflict(
            Problem::new(Msg::ErrTemplateNewerExists).arg("latest", o.summary.latest),
        ));
    }
    let name = o.latest.name.clone();
    let body = o.latest.body.clone();
    if let TemplateBody::Role { permissions, .. } = &body {
        plan_allows(scope, permissions)?;
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let done: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM template_adoptions WHERE tenant_id = $1 AND template_id = $2 AND number = $3",
            args![id, number],
        )
        .await?;
    if done.is_some() {
        return Err(AppError::conflict(
            Problem::new(Msg::ErrTemplateAdopted).arg("version", number),
        ));
    }
    match &body {
        TemplateBody::Role { staff, permissions } => {
            crate::roles::create_in(
                &mut tx,
                scope,
                crate::roles::RoleInput {
                    name: name.clone(),
                    staff: *staff,
                    permissions: permissions.clone(),
                },
            )
            .await?;
        }
        TemplateBody::Fields { fields } => {
            for f in fields {
                crate::members::custom_fields::create_in(&mut tx, scope, f).await?;
            }
        }
        TemplateBody::Form {
            slug,
            intro,
            audience,
            fields,
            consent_text,
        } => {
            let input = RegFormInput {
                title: name.clone(),
                slug: slug.clone(),
                intro: intro.clone(),
                audience: audience.clone(),
                fields: fields.clone(),
                consent_text: consent_text.clone(),
                auto_approve: false,
                published: false,
            };
            crate::registration::save_form_in(&mut tx, scope, now, None, &input, None).await?;
        }
        TemplateBody::Terms { body } => {
            crate::tenants::terms::publish_in(&mut tx, scope, now, body).await?;
        }
    }
    tx.insert(
        "template_adoptions",
        vec![
            ("id", ids::new_id().into()),
            ("federation_id", o.federation.0.into()),
            ("template_id", id.into()),
            ("kind", kind.into()),
            ("name", name.clone().into()),
            ("number", number.into()),
            ("content", encode(&body)?.into()),
            ("adopted_at", now.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log(
        "template_adopted",
        Some(&format!(
            "{kind} {name} version {number} from {}",
            o.federation_name
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
