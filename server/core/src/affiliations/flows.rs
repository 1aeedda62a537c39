//! The affiliation flows (issue 18): a federation invites a club or a club asks to join, the
//! other side accepts or refuses with a reason, the operator sets one directly, the
//! federation proposes sharing terms that the club's admin accepts (a newer version needs
//! a new acceptance, and until then only the previously accepted fields are shared), and
//! the club leaves (the row ends, history kept; every access ends with it).
//!
//! Every step is one platform transaction that writes the row and an entry in the event
//! log of BOTH tenants; the other side's administrators get a mail (after the commit).
//! A row is reached only from the side it belongs to: another tenant's id is `NotFound`.

use crate::args;
use crate::db::{Db, Tx};
use crate::error::Result;
use crate::ids;
use crate::mail::{Brand, Mail, Mailer};
use crate::scope::{Actor, TenantScope};
use crate::tenancy::is_valid_slug;
use tessera_common::affiliation::*;
use tessera_common::dto::TenantKind;
use tessera_common::modules::{AFFILIATIONS_MANAGE, PLATFORM_MANAGE, TEMPLATES_MANAGE};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, Lang, Msg, Problem, TenantId};

/// The longest refusal reason kept.
const MAX_REASON: usize = 500;
/// The most own fields a federation keeps.
const MAX_FED_FIELDS: i64 = 100;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    federation_id: i64,
    status: String,
    initiated_by: String,
    shared_fields: String,
    terms_version: i64,
    accepted_at: Option<i64>,
    accepted_by_name: Option<String>,
    proposed_fields: String,
    proposed_version: i64,
    started_at: Option<i64>,
    ended_at: Option<i64>,
    reason: Option<String>,
    created_at: i64,
    other_slug: String,
    other_name: String,
}

const COLS: &str = "a.id, a.federation_id, a.status, a.initiated_by, a.shared_fields, \
     a.terms_version, a.accepted_at, a.accepted_by_name, a.proposed_fields, a.proposed_version, \
     a.started_at, a.ended_at, a.reason, a.created_at, o.slug AS other_slug, o.name AS other_name";

fn keys(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// A tenant of `kind` by slug, active; `None` when there is none (or the slug is not one).
async fn tenant_by_slug(tx: &mut Tx, kind: TenantKind, slug: &str) -> Result<Option<Who>> {
    if !is_valid_slug(slug) {
        return Ok(None);
    }
    let row: Option<(i64, String, String, String)> = tx
        .fetch_optional(
            "SELECT id, slug, name, kind FROM tenants WHERE slug = $1 AND status = 'active'",
            args![slug],
        )
        .await?;
    Ok(row
        .filter(|r| r.3 == kind.as_str())
        .map(|(id, slug, name, _)| Who {
            id: TenantId(id),
            slug,
            name,
        }))
}

struct Who {
    id: TenantId,
    slug: String,
    name: String,
}

async fn who(tx: &mut Tx, id: i64) -> Result<Who> {
    let (slug, name): (String, String) = tx
        .fetch_one("SELECT slug, name FROM tenants WHERE id = $1", args![id])
        .await?;
    Ok(Who {
        id: TenantId(id),
        slug,
        name,
    })
}

/// The labels of a federation's own fields, read under the federation's row-level security
/// (labels only: nothing personal).
async fn fed_labels(tx: &mut Tx, federation: TenantId) -> Result<Vec<(String, String)>> {
    tx.as_tenant(federation, None).await?;
    let rows: Vec<(String, String)> = tx
        .fetch_all(
            "SELECT key, label FROM fed_fields WHERE tenant_id = $1 ORDER BY key",
            args![federation.0],
        )
        .await?;
    Ok(rows)
}

fn term_fields(stored: &str, labels: &[(String, String)]) -> Vec<TermField> {
    keys(stored)
        .into_iter()
        .map(|key| {
            let label = key.strip_prefix("fed:").map(|k| {
                labels
                    .iter()
                    .find(|(x, _)| x == k)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_else(|| k.to_string())
            });
            TermField { key, label }
        })
        .collect()
}

fn info(r: Row, labels: &[(String, String)]) -> AffiliationInfo {
    AffiliationInfo {
        id: r.id,
        other_slug: r.other_slug,
        other_name: r.other_name,
        status: r.status,
        initiated_by: r.initiated_by,
        shared_fields: term_fields(&r.shared_fields, labels),
        terms_version: r.terms_version,
        accepted_at: r.accepted_at.map(Timestamp),
        accepted_by_name: r.accepted_by_name,
        proposed_fields: term_fields(&r.proposed_fields, labels),
        proposed_version: r.proposed_version,
        started_at: r.started_at.map(Timestamp),
        ended_at: r.ended_at.map(Timestamp),
        reason: r.reason,
        created_at: Timestamp(r.created_at),
    }
}

/// `/c/{club}/federations` (`affiliations.manage`): every affiliation of the club, open and
/// past, and the federations it may ask to join.
pub async fn club_overview(db: &Db, scope: &TenantScope) -> Result<ClubFederations> {
    scope.require(AFFILIATIONS_MANAGE)?;
    let club = scope.tenant_id();
    let mut tx = db.platform(false).await?;
    let rows: Vec<Row> = tx
        .fetch_all(
            &format!(
                "SELECT {COLS} FROM affiliations a JOIN tenants o ON o.id = a.federation_id \
                 WHERE a.club_id = $1 ORDER BY a.created_at DESC, a.id DESC"
            ),
            args![club.0],
        )
        .await?;
    let mut affiliations = Vec::with_capacity(rows.len());
    for r in rows {
        let labels = fed_labels(&mut tx, TenantId(r.federation_id)).await?;
        affiliations.push(info(r, &labels));
    }
    let federations: Vec<(String, String)> = tx
        .fetch_all(
            "SELECT slug, name FROM tenants WHERE kind = 'federation' AND status = 'active' \
             ORDER BY name LIMIT 500",
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(ClubFederations {
        affiliations,
        federations: federations
            .into_iter()
            .map(|(slug, name)| FederationEntry { slug, name })
            .collect(),
    })
}

/// `/f/{federation}/clubs` (`templates.manage`): the federation's affiliations, open and
/// past, its own fields and the directory's clubs it may invite.
pub async fn federation_overview(db: &Db, scope: &TenantScope) -> Result<FederationAffiliations> {
    scope.require(TEMPLATES_MANAGE)?;
    let fed = scope.tenant_id();
    let mut tx = db.platform(false).await?;
    let rows: Vec<Row> = tx
        .fetch_all(
            &format!(
                "SELECT {COLS} FROM affiliations a JOIN tenants o ON o.id = a.club_id \
                 WHERE a.federation_id = $1 \
                 ORDER BY CASE a.status WHEN 'requested' THEN 0 WHEN 'invited' THEN 1 \
                 WHEN 'active' THEN 2 ELSE 3 END, o.name, a.created_at DESC"
            ),
            args![fed.0],
        )
        .await?;
    let directory: Vec<(String, String, Option<String>)> = tx
        .fetch_all(
            "SELECT slug, name, city FROM tenants WHERE kind = 'club' AND status = 'active' \
             AND listed = $1 ORDER BY name LIMIT 2000",
            args![true],
        )
        .await?;
    tx.commit().await?;
    let fields = list_fields(db, scope).await?;
    let labels: Vec<(String, String)> = fields
        .iter()
        .map(|f| (f.key.clone(), f.label.clone()))
        .collect();
    Ok(FederationAffiliations {
        name: scope.tenant().name.clone(),
        affiliations: rows.into_iter().map(|r| info(r, &labels)).collect(),
        fields,
        directory: directory
            .into_iter()
            .map(|(slug, name, city)| ClubEntry { slug, name, city })
            .collect(),
    })
}

#[derive(sqlx::FromRow)]
struct FieldRow {
    id: i64,
    key: String,
    label: String,
    kind: String,
    choices: String,
    required: bool,
    archived_at: Option<i64>,
}

async fn list_fields(db: &Db, scope: &TenantScope) -> Result<Vec<FedField>> {
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<FieldRow> = tx
        .fetch_all(
            "SELECT id, key, label, kind, choices, required, archived_at FROM fed_fields \
             WHERE tenant_id = $1 ORDER BY archived_at IS NOT NULL, label",
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| FedField {
            id: r.id,
            key: r.key,
            label: r.label,
            kind: r.kind,
            choices: r.choices,
            required: r.required,
            archived: r.archived_at.is_some(),
        })
        .collect())
}

/// Adds one of the federation's own fields (`templates.manage`): a key of lower-case
/// letters, digits and `_` (unique in the federation), a label, a kind, and for a choice
/// its options (one per line or separated by `;`).
pub async fn add_field(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: &FedFieldForm,
) -> Result<i64> {
    scope.require(TEMPLATES_MANAGE)?;
    let mut errors = Vec::new();
    let key = input.key.trim().to_string();
    if key.is_empty()
        || key.len() > 40
        || !key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        errors.push(tessera_common::FieldError::new("key", Msg::AffErrFieldKey));
    }
    let label = input.label.trim().to_string();
    if label.is_empty() || label.chars().count() > 80 || label.chars().any(char::is_control) {
        errors.push(tessera_common::FieldError::new(
            "label",
            Msg::AffErrFieldLabel,
        ));
    }
    let kind = input.kind.trim();
    if !FED_FIELD_KINDS.iter().any(|(k, _)| *k == kind) {
        errors.push(tessera_common::FieldError::new(
            "kind",
            Msg::AffErrFieldKind,
        ));
    }
    let choices: Vec<String> = input
        .choices
        .split(['\n', ';'])
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    if kind == "choice"
        && (choices.is_empty()
            || choices.len() > 50
            || choices
                .iter()
                .any(|c| c.chars().count() > 80 || c.chars().any(char::is_control)))
    {
        errors.push(tessera_common::FieldError::new(
            "choices",
            Msg::AffErrFieldChoices,
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (n, same): (i64, i64) = tx
        .fetch_one(
            "SELECT count(*), coalesce(sum(CASE WHEN key = $2 THEN 1 ELSE 0 END), 0) \
             FROM fed_fields WHERE tenant_id = $1",
            args![key.clone()],
        )
        .await?;
    if same > 0 {
        return Err(AppError::field("key", Msg::AffErrFieldTaken));
    }
    if n >= MAX_FED_FIELDS {
        return Err(AppError::conflict(
            Problem::new(Msg::AffErrTooManyFields).arg("max", MAX_FED_FIELDS),
        ));
    }
    let id = ids::new_id();
    tx.insert(
        "fed_fields",
        vec![
            ("id", id.into()),
            ("key", key.clone().into()),
            ("label", label.into()),
            ("kind", kind.into()),
            (
                "choices",
                if kind == "choice" {
                    choices.join("\n")
                } else {
                    String::new()
                }
                .into(),
            ),
            ("required", input.required.is_some().into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log("fed_field_added", Some(&key)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Archives (or brings back) one of the federation's own fields (`templates.manage`): an
/// archived field can no longer be proposed in new terms; terms already accepted keep it.
pub async fn archive_field(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    archived: bool,
) -> Result<()> {
    scope.require(TEMPLATES_MANAGE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let key: Option<(String,)> = tx
        .fetch_optional(
            "SELECT key FROM fed_fields WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    let Some((key,)) = key else {
        return Err(AppError::NotFound);
    };
    let (at, by, name) = tx.stamp_values()?;
    tx.execute(
        "UPDATE fed_fields SET archived_at = $3, updated_at = $4, updated_by = $5, \
         updated_by_name = $6, version = version + 1 WHERE tenant_id = $1 AND id = $2",
        vec![id.into(), archived.then_some(now.0).into(), at, by, name],
    )
    .await?;
    tx.log(
        if archived {
            "fed_field_archived"
        } else {
            "fed_field_restored"
        },
        Some(&key),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Checks a proposal's field keys against the standard fields and the federation's
/// current (unarchived) own fields; returns them in a stable order, without duplicates.
async fn check_terms(tx: &mut Tx, federation: TenantId, fields: &[String]) -> Result<String> {
    tx.as_tenant(federation, None).await?;
    let own: Vec<(String,)> = tx
        .fetch_all(
            "SELECT key FROM fed_fields WHERE tenant_id = $1 AND archived_at IS NULL",
            args![federation.0],
        )
        .await?;
    let mut chosen: Vec<String> = Vec::new();
    for f in fields {
        let f = f.trim();
        if f.is_empty() {
            continue;
        }
        let ok = STANDARD_FIELDS.iter().any(|(k, _)| *k == f)
            || f.strip_prefix("fed:")
                .is_some_and(|k| own.iter().any(|(o,)| o == k));
        if !ok {
            return Err(AppError::field("fields", Msg::AffErrUnknownField));
        }
        if !chosen.iter().any(|c| c == f) {
            chosen.push(f.to_string());
        }
    }
    if chosen.is_empty() {
        return Err(AppError::field("fields", Msg::AffErrNoFields));
    }
    chosen.sort_by_key(|k| {
        STANDARD_FIELDS
            .iter()
            .position(|(s, _)| s == k)
            .unwrap_or(STANDARD_FIELDS.len())
    });
    Ok(chosen.join(" "))
}

/// Who answers affiliations for `tenant`: its administrators and the holders of
/// `permission` (a federation's staff with `templates.manage`, a club's with
/// `affiliations.manage`), with their language (the tenant's when they chose none).
async fn admin_addresses(tx: &mut Tx, tenant: TenantId) -> Result<Vec<(String, Lang)>> {
    let kind: (String,) = tx
        .fetch_one("SELECT kind FROM tenants WHERE id = $1", args![tenant.0])
        .await?;
    let permission = if kind.0 == "federation" {
        TEMPLATES_MANAGE.id()
    } else {
        AFFILIATIONS_MANAGE.id()
    };
    tx.as_tenant(tenant, None).await?;
    let rows: Vec<(String, Option<String>, String)> = tx
        .fetch_all(
            "SELECT DISTINCT i.email, i.lang, t.default_lang FROM memberships m \
             JOIN membership_roles mr ON mr.tenant_id = m.tenant_id AND mr.membership_id = m.id \
             JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id \
             AND (r.builtin = 'admin' OR (' ' || r.permissions || ' ') LIKE $2) \
             JOIN identities i ON i.id = m.identity_id JOIN tenants t ON t.id = m.tenant_id \
             WHERE m.tenant_id = $1 ORDER BY i.email",
            args![tenant.0, format!("% {permission} %")],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(email, lang, default)| {
            let lang = lang
                .as_deref()
                .and_then(Lang::parse)
                .or_else(|| Lang::parse(&default))
                .unwrap_or_default();
            (email, lang)
        })
        .collect())
}

/// What the other side's administrators are told, after the commit.
struct Notice {
    to: Vec<(String, Lang)>,
    /// The message of the event (its subject line), `{from}` the acting tenant.
    what: Msg,
    from: String,
    link: String,
}

fn send(mailer: Option<&Mailer>, brand: Option<Brand>, notice: Notice) {
    let Some(mailer) = mailer else { return };
    for (to, lang) in notice.to {
        let subject = notice.what.fill(lang, &[("from", &notice.from)]);
        let body = Msg::AffMailBody.fill(lang, &[("what", &subject), ("link", &notice.link)]);
        mailer.send_later(Some(Mail {
            to,
            subject,
            body,
            brand: brand.clone(),
        }));
    }
}

/// Logs `kind` in both tenants' event logs: the club's with the federation's slug as the
/// detail, the federation's with the club's.
async fn log_both(
    tx: &mut Tx,
    actor: &Actor,
    now: Timestamp,
    kind: &str,
    federation: &Who,
    club: &Who,
    extra: Option<&str>,
) -> Result<()> {
    let identity = actor.identity.map(|i| i.0);
    let with = |slug: &str| match extra {
        Some(e) => format!("{slug} {e}"),
        None => slug.to_string(),
    };
    tx.insert_tenant_event(
        club.id,
        identity,
        kind,
        Some(&with(&federation.slug)),
        None,
        now,
    )
    .await?;
    tx.insert_tenant_event(
        federation.id,
        identity,
        kind,
        Some(&with(&club.slug)),
        None,
        now,
    )
    .await?;
    Ok(())
}

async fn open_row(tx: &mut Tx, federation: TenantId, club: TenantId) -> Result<Option<String>> {
    let row: Option<(String,)> = tx
        .fetch_optional(
            "SELECT status FROM affiliations WHERE federation_id = $1 AND club_id = $2 \
             AND status IN ('invited', 'requested', 'active')",
            args![federation.0, club.0],
        )
        .await?;
    Ok(row.map(|r| r.0))
}

fn already(status: &str) -> AppError {
    AppError::conflict(match status {
        "active" => Msg::AffErrAlreadyActive,
        _ => Msg::AffErrAlreadyOpen,
    })
}

/// Opens a new affiliation row between `fed` and `club` (`status` and who began it),
/// refused while the pair has an open one, and logs `event` in both tenants' logs: an
/// invitation by the federation and a request by the club are the same step from either
/// side.
async fn open_new(
    tx: &mut Tx,
    actor: &Actor,
    now: Timestamp,
    (fed, club): (&Who, &Who),
    (status, initiated_by): (&str, &str),
    event: &str,
) -> Result<i64> {
    if let Some(open) = open_row(tx, fed.id, club.id).await? {
        return Err(already(&open));
    }
    let id = ids::new_id();
    tx.execute(
        "INSERT INTO affiliations (id, federation_id, club_id, status, initiated_by, \
         created_at, updated_at, updated_by, updated_by_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8)",
        args![
            id,
            fed.id.0,
            club.id.0,
            status,
            initiated_by,
            now,
            actor.identity.map(|i| i.0),
            actor.stamp_name()
        ],
    )
    .await?;
    log_both(tx, actor, now, event, fed, club, None).await?;
    Ok(id)
}

fn link(base_url: &str, path: &str) -> String {
    format!("{}{path}", base_url.trim_end_matches('/'))
}

/// The federation of `scope` invites the club `club_slug` of the platform
/// (`templates.manage`); the club's administrators are mailed. Returns the row's id.
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    db: &Db,
    mailer: Option<&Mailer>,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    club_slug: &str,
) -> Result<i64> {
    scope.require(TEMPLATES_MANAGE)?;
    scope.writable()?;
    let mut tx = db.platform(true).await?;
    let Some(club) = tenant_by_slug(&mut tx, TenantKind::Club, club_slug.trim()).await? else {
        return Err(AppError::field("club", Msg::AffErrNoSuchClub));
    };
    let fed = who(&mut tx, scope.tenant_id().0).await?;
    let id = open_new(
        &mut tx,
        actor,
        now,
        (&fed, &club),
        ("invited", "federation"),
        "affiliation_invited",
    )
    .await?;
    let to = admin_addresses(&mut tx, club.id).await?;
    tx.commit().await?;
    send(
        mailer,
        None,
        Notice {
            to,
            what: Msg::AffMailInvited,
            from: fed.name.clone(),
            link: link(base_url, &format!("/c/{}/federations", club.slug)),
        },
    );
    Ok(id)
}

/// The club of `scope` asks to join the federation `federation_slug`
/// (`affiliations.manage`); the federation's administrators are mailed. A slug that is not
/// a federation's (a club's, say) is a field error.
#[allow(clippy::too_many_arguments)]
pub async fn ask(
    db: &Db,
    mailer: Option<&Mailer>,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    federation_slug: &str,
) -> Result<i64> {
    scope.require(AFFILIATIONS_MANAGE)?;
    scope.writable()?;
    let mut tx = db.platform(true).await?;
    let Some(fed) = tenant_by_slug(&mut tx, TenantKind::Federation, federation_slug.trim()).await?
    else {
        return Err(AppError::field("federation", Msg::AffErrNotAFederation));
    };
    let club = who(&mut tx, scope.tenant_id().0).await?;
    let id = open_new(
        &mut tx,
        actor,
        now,
        (&fed, &club),
        ("requested", "club"),
        "affiliation_requested",
    )
    .await?;
    let to = admin_addresses(&mut tx, fed.id).await?;
    tx.commit().await?;
    send(
        mailer,
        Some(Brand::of(scope.tenant(), base_url)),
        Notice {
            to,
            what: Msg::AffMailRequested,
            from: club.name.clone(),
            link: link(base_url, &format!("/f/{}/clubs", fed.slug)),
        },
    );
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct Bare {
    federation_id: i64,
    club_id: i64,
    status: String,
    terms_version: i64,
    proposed_version: i64,
}

/// The row `id` as seen from the tenant of `scope` (its club or its federation side);
/// another tenant's row, or an unknown id, is `NotFound`. Locks it on PostgreSQL.
async fn own_row(tx: &mut Tx, scope: &TenantScope, id: i64) -> Result<Bare> {
    let side = match scope.kind() {
        TenantKind::Club => "club_id",
        TenantKind::Federation => "federation_id",
        TenantKind::Operator => return Err(AppError::NotFound),
    };
    let lock = match tx.backend() {
        crate::db::Backend::Postgres => " FOR UPDATE",
        crate::db::Backend::Sqlite => "",
    };
    let row: Option<Bare> = tx
        .fetch_optional(
            &format!(
                "SELECT federation_id, club_id, status, terms_version, proposed_version \
                 FROM affiliations WHERE id = $1 AND {side} = $2{lock}"
            ),
            args![id, scope.tenant_id().0],
        )
        .await?;
    row.ok_or(AppError::NotFound)
}

fn check_reason(reason: &str) -> Result<String> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(AppError::field("reason", Msg::AffErrReasonNeeded));
    }
    if r.chars().count() > MAX_REASON {
        return Err(AppError::field(
            "reason",
            Problem::new(Msg::AffErrReasonLong).arg("max", MAX_REASON),
        ));
    }
    Ok(r.to_string())
}

/// The other side answers an invitation (the club, `affiliations.manage`) or a request (the
/// federation, `templates.manage`): accepted, the affiliation is active from `now`;
/// refused, with a reason (kept on the row and shown to the other side).
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    db: &Db,
    mailer: Option<&Mailer>,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    accept: bool,
    reason: &str,
) -> Result<()> {
    let (waiting, permission) = match scope.kind() {
        TenantKind::Club => ("invited", AFFILIATIONS_MANAGE),
        TenantKind::Federation => ("requested", TEMPLATES_MANAGE),
        TenantKind::Operator => return Err(AppError::NotFound),
    };
    scope.require(permission)?;
    scope.writable()?;
    let reason = if accept {
        None
    } else {
        Some(check_reason(reason)?)
    };
    let mut tx = db.platform(true).await?;
    let row = own_row(&mut tx, scope, id).await?;
    if row.status != waiting {
        return Err(AppError::conflict(Msg::AffErrNotWaiting));
    }
    let changed = tx
        .execute(
            "UPDATE affiliations SET status = $2, started_at = $3, ended_at = $4, reason = $5, \
             updated_at = $6, updated_by = $7, updated_by_name = $8, version = version + 1 \
             WHERE id = $1 AND status = $9",
            args![
                id,
                if accept { "active" } else { "refused" },
                accept.then_some(now.0),
                (!accept).then_some(now.0),
                reason.clone(),
                now,
                actor.identity.map(|i| i.0),
                actor.stamp_name(),
                waiting
            ],
        )
        .await?;
    if changed != 1 {
        return Err(AppError::conflict(Msg::AffErrNotWaiting));
    }
    let fed = who(&mut tx, row.federation_id).await?;
    let club = who(&mut tx, row.club_id).await?;
    log_both(
        &mut tx,
        actor,
        now,
        if accept {
            "affiliation_accepted"
        } else {
            "affiliation_refused"
        },
        &fed,
        &club,
        None,
    )
    .await?;
    let (other, from, path) = match scope.kind() {
        TenantKind::Club => (fed.id, club.name.clone(), format!("/f/{}/clubs", fed.slug)),
        _ => (
            club.id,
            fed.name.clone(),
            format!("/c/{}/federations", club.slug),
        ),
    };
    let to = admin_addresses(&mut tx, other).await?;
    tx.commit().await?;
    send(
        mailer,
        None,
        Notice {
            to,
            what: if accept {
                Msg::AffMailAccepted
            } else {
                Msg::AffMailRefused
            },
            from,
            link: link(base_url, &path),
        },
    );
    Ok(())
}

/// The federation proposes sharing terms on an open affiliation (`templates.manage`): the
/// fields it needs, at a new version. Nothing more is shared until the club's admin
/// accepts them; until then the previously accepted fields stay the shared ones.
#[allow(clippy::too_many_arguments)]
pub async fn propose_terms(
    db: &Db,
    mailer: Option<&Mailer>,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    fields: &[String],
) -> Result<i64> {
    scope.require(TEMPLATES_MANAGE)?;
    scope.writable()?;
    if scope.kind() != TenantKind::Federation {
        return Err(AppError::NotFound);
    }
    let mut tx = db.platform(true).await?;
    let row = own_row(&mut tx, scope, id).await?;
    if !matches!(row.status.as_str(), "invited" | "requested" | "active") {
        return Err(AppError::conflict(Msg::AffErrNotOpen));
    }
    let chosen = check_terms(&mut tx, scope.tenant_id(), fields).await?;
    let version = row.terms_version.max(row.proposed_version) + 1;
    tx.execute(
        "UPDATE affiliations SET proposed_fields = $2, proposed_version = $3, updated_at = $4, \
         updated_by = $5, updated_by_name = $6, version = version + 1 WHERE id = $1",
        args![
            id,
            chosen.clone(),
            version,
            now,
            actor.identity.map(|i| i.0),
            actor.stamp_name()
        ],
    )
    .await?;
    let fed = who(&mut tx, row.federation_id).await?;
    let club = who(&mut tx, row.club_id).await?;
    log_both(
        &mut tx,
        actor,
        now,
        "affiliation_terms_proposed",
        &fed,
        &club,
        Some(&format!("v{version}: {chosen}")),
    )
    .await?;
    let to = admin_addresses(&mut tx, club.id).await?;
    tx.commit().await?;
    send(
        mailer,
        None,
        Notice {
            to,
            what: Msg::AffMailTerms,
            from: fed.name.clone(),
            link: link(base_url, &format!("/c/{}/federations", club.slug)),
        },
    );
    Ok(version)
}

/// The club's admin accepts the proposed terms at `version` (`affiliations.manage`): the
/// proposed fields become the shared ones, with the date, the version and the name. An
/// older version, or terms accepted already, is a conflict and changes nothing.
pub async fn accept_terms(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    version: i64,
) -> Result<()> {
    scope.require(AFFILIATIONS_MANAGE)?;
    scope.writable()?;
    if scope.kind() != TenantKind::Club {
        return Err(AppError::NotFound);
    }
    let mut tx = db.platform(true).await?;
    let row = own_row(&mut tx, scope, id).await?;
    if !matches!(row.status.as_str(), "invited" | "requested" | "active") {
        return Err(AppError::conflict(Msg::AffErrNotOpen));
    }
    if row.proposed_version <= row.terms_version {
        return Err(AppError::conflict(Msg::AffErrTermsAccepted));
    }
    if version != row.proposed_version {
        return Err(AppError::conflict(Msg::AffErrTermsStale));
    }
    let changed = tx
        .execute(
            "UPDATE affiliations SET shared_fields = proposed_fields, terms_version = $2, \
             accepted_at = $3, accepted_by_name = $4, updated_at = $3, updated_by = $5, \
             updated_by_name = $4, version = version + 1 \
             WHERE id = $1 AND proposed_version = $2 AND terms_version < $2",
            args![
                id,
                version,
                now,
                actor.stamp_name(),
                actor.identity.map(|i| i.0)
            ],
        )
        .await?;
    if changed != 1 {
        return Err(AppError::conflict(Msg::AffErrTermsAccepted));
    }
    let fed = who(&mut tx, row.federation_id).await?;
    let club = who(&mut tx, row.club_id).await?;
    log_both(
        &mut tx,
        actor,
        now,
        "affiliation_terms_accepted",
        &fed,
        &club,
        Some(&format!("v{version}")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The club leaves the federation (`affiliations.manage`), or withdraws its request /
/// turns down an open invitation the same way: the row ends at `now`, its history stays,
/// and every access of the federation ends with it.
#[allow(clippy::too_many_arguments)]
pub async fn leave(
    db: &Db,
    mailer: Option<&Mailer>,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    scope.require(AFFILIATIONS_MANAGE)?;
    scope.writable()?;
    if scope.kind() != TenantKind::Club {
        return Err(AppError::NotFound);
    }
    let mut tx = db.platform(true).await?;
    let row = own_row(&mut tx, scope, id).await?;
    if !matches!(row.status.as_str(), "invited" | "requested" | "active") {
        return Err(AppError::conflict(Msg::AffErrNotOpen));
    }
    end_row(&mut tx, actor, now, id).await?;
    let fed = who(&mut tx, row.federation_id).await?;
    let club = who(&mut tx, row.club_id).await?;
    log_both(&mut tx, actor, now, "affiliation_ended", &fed, &club, None).await?;
    let to = admin_addresses(&mut tx, fed.id).await?;
    tx.commit().await?;
    send(
        mailer,
        None,
        Notice {
            to,
            what: Msg::AffMailLeft,
            from: club.name.clone(),
            link: link(base_url, &format!("/f/{}/clubs", fed.slug)),
        },
    );
    Ok(())
}

async fn end_row(tx: &mut Tx, actor: &Actor, now: Timestamp, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE affiliations SET status = 'ended', ended_at = $2, updated_at = $2, \
         updated_by = $3, updated_by_name = $4, version = version + 1 WHERE id = $1",
        args![id, now, actor.identity.map(|i| i.0), actor.stamp_name()],
    )
    .await?;
    Ok(())
}

/// The operator sets an affiliation directly (`platform.manage`): `active` makes the
/// pair's open row active (or a new one), otherwise the open row ends. Sharing terms are
/// never set by the operator: they stay the club's to accept.
pub async fn operator_set(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    federation_slug: &str,
    club_slug: &str,
    active: bool,
) -> Result<()> {
    scope.require(PLATFORM_MANAGE)?;
    let mut tx = db.platform(true).await?;
    let Some(fed) = tenant_by_slug(&mut tx, TenantKind::Federation, federation_slug.trim()).await?
    else {
        return Err(AppError::field("federation", Msg::AffErrNotAFederation));
    };
    let Some(club) = tenant_by_slug(&mut tx, TenantKind::Club, club_slug.trim()).await? else {
        return Err(AppError::field("club", Msg::AffErrNoSuchClub));
    };
    let open: Option<(i64, String)> = tx
        .fetch_optional(
            "SELECT id, status FROM affiliations WHERE federation_id = $1 AND club_id = $2 \
             AND status IN ('invited', 'requested', 'active')",
            args![fed.id.0, club.id.0],
        )
        .await?;
    let kind = match (open, active) {
        (Some((_, status)), true) if status == "active" => {
            return Err(AppError::conflict(Msg::AffErrAlreadyActive))
        }
        (Some((id, _)), true) => {
            tx.execute(
                "UPDATE affiliations SET status = 'active', started_at = $2, updated_at = $2, \
                 updated_by = $3, updated_by_name = $4, version = version + 1 WHERE id = $1",
                args![id, now, actor.identity.map(|i| i.0), actor.stamp_name()],
            )
            .await?;
            "affiliation_set"
        }
        (None, true) => {
            tx.execute(
                "INSERT INTO affiliations (id, federation_id, club_id, status, initiated_by, \
                 started_at, created_at, updated_at, updated_by, updated_by_name) \
                 VALUES ($1, $2, $3, 'active', 'operator', $4, $4, $4, $5, $6)",
                args![
                    ids::new_id(),
                    fed.id.0,
                    club.id.0,
                    now,
                    actor.identity.map(|i| i.0),
                    actor.stamp_name()
                ],
            )
            .await?;
            "affiliation_set"
        }
        (Some((id, _)), false) => {
            end_row(&mut tx, actor, now, id).await?;
            "affiliation_ended"
        }
        (None, false) => return Err(AppError::conflict(Msg::AffErrNotOpen)),
    };
    log_both(&mut tx, actor, now, kind, &fed, &club, None).await?;
    tx.insert_tenant_event(
        scope.tenant_id(),
        actor.identity.map(|i| i.0),
        kind,
        Some(&format!("{} {}", fed.slug, club.slug)),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
