//! The mails of transfers (xfer18): after each step, everyone concerned is told, each in
//! their own language (the tenant's when they chose none): the federation's staff who
//! decide transfers, the administrators and transfer handlers of the old and the new
//! club, and the person. Plain text: a reason is quoted as typed, never as markup.

use super::{TRANSFERS_DECIDE, TRANSFERS_HANDLE};
use crate::args;
use crate::db::{Db, Tx};
use crate::error::Result;
use crate::mail::{Mail, Mailer};
use crate::scope::Permission;
use tessera_common::transfer::step_msg;
use tessera_common::{Lang, Msg, TenantId};

fn lang_of(chosen: Option<&str>, default: &str) -> Lang {
    chosen
        .and_then(Lang::parse)
        .or_else(|| Lang::parse(default))
        .unwrap_or_default()
}

/// The administrators of `tenant` and the holders of `permission` there, with their
/// language.
async fn holders(
    tx: &mut Tx,
    tenant: TenantId,
    permission: Permission,
) -> Result<Vec<(String, Lang)>> {
    tx.as_tenant(tenant, None).await?;
    let rows: Vec<(String, Option<String>, String)> = tx
        .fetch_all(
            "SELECT DISTINCT i.email, i.lang, t.default_lang FROM memberships m \
             JOIN membership_roles mr ON mr.tenant_id = m.tenant_id AND mr.membership_id = m.id \
             JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id \
             AND (r.builtin = 'admin' OR (' ' || r.permissions || ' ') LIKE $2) \
             JOIN identities i ON i.id = m.identity_id JOIN tenants t ON t.id = m.tenant_id \
             WHERE m.tenant_id = $1 ORDER BY i.email",
            args![tenant.0, format!("% {} %", permission.id())],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(email, lang, default)| (email, lang_of(lang.as_deref(), &default)))
        .collect())
}

/// The person of a record in `club`: the accounts linked to it, or else the record's own
/// address, with their language.
async fn person(tx: &mut Tx, club: TenantId, member: i64) -> Result<Vec<(String, Lang)>> {
    tx.as_tenant(club, None).await?;
    let linked: Vec<(String, Option<String>, String)> = tx
        .fetch_all(
            "SELECT DISTINCT i.email, i.lang, t.default_lang FROM memberships m \
             JOIN identities i ON i.id = m.identity_id JOIN tenants t ON t.id = m.tenant_id \
             WHERE m.tenant_id = $1 AND m.member_id = $2 ORDER BY i.email",
            args![club.0, member],
        )
        .await?;
    if !linked.is_empty() {
        return Ok(linked
            .into_iter()
            .map(|(email, lang, default)| (email, lang_of(lang.as_deref(), &default)))
            .collect());
    }
    let own: Option<(Option<String>, String)> = tx
        .fetch_optional(
            "SELECT m.email, t.default_lang FROM members m JOIN tenants t ON t.id = m.tenant_id \
             WHERE m.tenant_id = $1 AND m.id = $2 AND m.restricted_at IS NULL \
             AND m.erased_at IS NULL",
            args![club.0, member],
        )
        .await?;
    Ok(own
        .and_then(|(email, default)| {
            email
                .filter(|e| !e.trim().is_empty())
                .map(|e| (e, lang_of(None, &default)))
        })
        .into_iter()
        .collect())
}

async fn tenant_name(tx: &mut Tx, tenant: i64) -> Result<(String, String)> {
    tx.fetch_one(
        "SELECT slug, name FROM tenants WHERE id = $1",
        args![tenant],
    )
    .await
}

#[derive(sqlx::FromRow)]
struct Subject {
    given_name: String,
    family_name: String,
    licence_number: String,
    from_club: i64,
    from_member: i64,
    to_club: i64,
}

/// The mails of the last step of transfer `id` of `fed`: built in one read, sent after.
pub(super) async fn mails_of_last_step(
    db: &Db,
    base_url: &str,
    fed: TenantId,
    id: i64,
) -> Result<Vec<Mail>> {
    let base = base_url.trim_end_matches('/');
    let mut tx = db.platform(false).await?;
    tx.as_tenant(fed, None).await?;
    let Some(t): Option<Subject> = tx
        .fetch_optional(
            "SELECT p.given_name, p.family_name, p.licence_number, t.from_club, t.from_member, t.to_club \
             FROM transfers t JOIN fed_people p ON p.tenant_id = t.tenant_id \
             AND p.id = t.person_id WHERE t.tenant_id = $1 AND t.id = $2",
            args![fed.0, id],
        )
        .await?
    else {
        return Ok(Vec::new());
    };
    let Some((step, reason)): Option<(String, Option<String>)> = tx
        .fetch_optional(
            "SELECT step, reason FROM transfer_steps WHERE tenant_id = $1 AND transfer_id = $2 \
             ORDER BY at DESC, created_at DESC, id DESC LIMIT 1",
            args![fed.0, id],
        )
        .await?
    else {
        return Ok(Vec::new());
    };
    let (fed_slug, fed_name) = tenant_name(&mut tx, fed.0).await?;
    let (from_slug, from_name) = tenant_name(&mut tx, t.from_club).await?;
    let (to_slug, to_name) = tenant_name(&mut tx, t.to_club).await?;
    let mut to: Vec<(String, Lang, String)> = Vec::new();
    let mut add = |list: Vec<(String, Lang)>, link: String| {
        for (email, lang) in list {
            if !to.iter().any(|(e, _, _)| e.eq_ignore_ascii_case(&email)) {
                to.push((email, lang, link.clone()));
            }
        }
    };
    add(
        holders(&mut tx, fed, TRANSFERS_DECIDE).await?,
        format!("{base}/f/{fed_slug}/transfers"),
    );
    add(
        holders(&mut tx, TenantId(t.from_club), TRANSFERS_HANDLE).await?,
        format!("{base}/c/{from_slug}/transfers"),
    );
    add(
        holders(&mut tx, TenantId(t.to_club), TRANSFERS_HANDLE).await?,
        format!("{base}/c/{to_slug}/transfers"),
    );
    add(
        person(&mut tx, TenantId(t.from_club), t.from_member).await?,
        format!("{base}/c/{from_slug}/me"),
    );
    tx.commit().await?;
    let who = format!("{} {}", t.given_name, t.family_name);
    Ok(to
        .into_iter()
        .map(|(email, lang, link)| {
            let what = step_msg(&step).text(lang);
            let subject = Msg::XferMailSubject.fill(lang, &[("person", &who), ("step", what)]);
            let why = reason
                .as_deref()
                .map(|r| Msg::XferMailReason.fill(lang, &[("reason", r)]))
                .unwrap_or_default();
            let body = Msg::XferMailBody.fill(
                lang,
                &[
                    ("person", &who),
                    ("number", &t.licence_number),
                    ("step", what),
                    ("from", &from_name),
                    ("to", &to_name),
                    ("federation", &fed_name),
                    ("reason", &why),
                    ("link", &link),
                ],
            );
            Mail {
                to: email,
                subject,
                body,
                brand: None,
            }
        })
        .collect())
}

/// Mails the last step of transfer `id` to everyone concerned. `near` is the tenant the
/// step was taken in: the federation, or a club of it (its active federations are
/// searched). A failure to mail is logged: the step itself is stored.
pub async fn notify(db: &Db, mailer: &Mailer, base_url: &str, near: TenantId, id: i64) {
    match find_federation(db, near, id).await {
        Ok(Some(fed)) => send(db, mailer, base_url, fed, id).await,
        Ok(None) => {}
        Err(e) => tracing::error!(error = %e, transfer = id, "a transfer's mails were not sent"),
    }
}

pub(super) async fn send(db: &Db, mailer: &Mailer, base_url: &str, fed: TenantId, id: i64) {
    match mails_of_last_step(db, base_url, fed, id).await {
        Ok(mails) => {
            for m in mails {
                mailer.send_later(Some(m));
            }
        }
        Err(e) => tracing::error!(error = %e, transfer = id, "a transfer's mails were not sent"),
    }
}

async fn find_federation(db: &Db, near: TenantId, id: i64) -> Result<Option<TenantId>> {
    let mut tx = db.platform(false).await?;
    let (kind,): (String,) = tx
        .fetch_one("SELECT kind FROM tenants WHERE id = $1", args![near.0])
        .await?;
    let feds: Vec<TenantId> = if kind == "federation" {
        vec![near]
    } else {
        crate::affiliations::of_club(&mut tx, near)
            .await?
            .into_iter()
            .filter(|a| a.is_active())
            .map(|a| a.federation)
            .collect()
    };
    for fed in feds {
        tx.as_tenant(fed, None).await?;
        let found: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM transfers WHERE tenant_id = $1 AND id = $2",
                args![fed.0, id],
            )
            .await?;
        if found.is_some() {
            tx.commit().await?;
            return Ok(Some(fed));
        }
    }
    tx.commit().await?;
    Ok(None)
}
