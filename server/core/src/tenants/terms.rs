//! Terms of use, versioned per club: an administrator publishes a new version; every person
//! in the club accepts the latest one before anything else of the club opens (at their first
//! visit, and again after each new version), and each acceptance is recorded with its date,
//! time and version.

use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use tessera_common::dto::{Stamp, TermsSettings, TermsText};
use tessera_common::modules::SETTINGS_MANAGE;
use tessera_common::time::Timestamp;
use tessera_common::AppError;
use tessera_common::{Msg, Problem};

pub const MAX_BODY: usize = 20_000;

#[derive(sqlx::FromRow)]
struct TermsRow {
    number: i64,
    body: String,
    published_at: i64,
    updated_by_name: Option<String>,
}

impl TermsRow {
    fn text(self) -> TermsText {
        TermsText {
            number: self.number,
            body: self.body,
            published_at: Timestamp(self.published_at),
            stamp: Stamp {
                at: Timestamp(self.published_at),
                by: self.updated_by_name,
            },
        }
    }
}

/// The latest version of the club's terms, if it published any.
pub async fn latest(db: &Db, scope: &TenantScope) -> Result<Option<TermsText>> {
    let mut tx = db.tenant_read(scope).await?;
    let row: Option<TermsRow> = tx
        .fetch_optional(
            "SELECT number, body, published_at, updated_by_name FROM terms WHERE tenant_id = $1 \
             ORDER BY number DESC LIMIT 1",
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(row.map(TermsRow::text))
}

/// Records that the caller accepted version `number` (the latest; a newer one published
/// meanwhile must be read first). Accepting twice changes nothing. With no terms published,
/// version 0 is "nothing to accept".
pub async fn accept(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    number: i64,
) -> Result<()> {
    let membership = scope.membership_id().ok_or(AppError::NotFound)?;
    let latest = latest(db, scope).await?;
    match &latest {
        None if number == 0 => return Ok(()),
        None => return Err(AppError::NotFound),
        Some(t) if t.number != number => return Err(AppError::Conflict(Msg::ErrTermsNewer.into())),
        Some(_) => {}
    }
    // Accepting is allowed in a read-only environment too: it records consent, not data.
    db.record_terms_acceptance(scope, actor, now, membership, number)
        .await
        .map(|_| ())
}

/// The club's terms as its settings page shows them (`settings.manage`).
pub async fn settings(db: &Db, scope: &TenantScope) -> Result<TermsSettings> {
    scope.require(SETTINGS_MANAGE)?;
    let current = latest(db, scope).await?;
    let mut tx = db.tenant_read(scope).await?;
    let (people,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM memberships WHERE tenant_id = $1",
            args![],
        )
        .await?;
    let accepted = match &current {
        Some(t) => {
            let (n,): (i64,) = tx
                .fetch_one(
                    "SELECT count(*) FROM terms_acceptances WHERE tenant_id = $1 AND number = $2",
                    args![t.number],
                )
                .await?;
            n
        }
        None => 0,
    };
    tx.commit().await?;
    Ok(TermsSettings {
        current,
        accepted,
        people,
    })
}

/// Publishes a new version of the club's terms (`settings.manage`): everyone accepts it at
/// their next visit.
pub async fn publish(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    body: &str,
) -> Result<i64> {
    scope.require(SETTINGS_MANAGE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let number = publish_in(&mut tx, scope, now, body).await?;
    tx.commit().await?;
    Ok(number)
}

/// Publishes a new version of the club's terms inside a transaction of the caller
/// (`settings.manage`), with every rule of [`publish`]: a federation template adopted by
/// the club is published through here.
pub(crate) async fn publish_in(
    tx: &mut TenantTx,
    scope: &TenantScope,
    now: Timestamp,
    body: &str,
) -> Result<i64> {
    scope.require(SETTINGS_MANAGE)?;
    let body = body.trim().replace("\r\n", "\n");
    if body.is_empty() || body.chars().count() > MAX_BODY {
        return Err(AppError::field(
            "body",
            Problem::new(Msg::ErrTermsBody).arg("max", MAX_BODY),
        ));
    }
    let (last,): (Option<i64>,) = tx
        .fetch_one(
            "SELECT max(number) FROM terms WHERE tenant_id = $1",
            args![],
        )
        .await?;
    let number = last.unwrap_or(0) + 1;
    tx.insert(
        "terms",
        vec![
            ("id", ids::new_id().into()),
            ("number", number.into()),
            ("body", body.into()),
            ("published_at", now.into()),
        ],
    )
    .await?;
    tx.log("terms_published", Some(&format!("version {number}")))
        .await?;
    Ok(number)
}
