//! A club's retention rules: the defaults until the club changes them, bounds checked.

use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use tessera_common::dto::{RetentionRules, Stamp};
use tessera_common::modules::PRIVACY_MANAGE;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, FieldError, Msg, Problem};

#[derive(sqlx::FromRow)]
struct PolicyRow {
    member_months: i64,
    application_days: i64,
    link_days: i64,
    event_months: i64,
    updated_at: i64,
    updated_by_name: Option<String>,
    version: i64,
}

/// The one row of a club's policy (`id` 1).
const POLICY_ID: i64 = 1;

/// The club's rules as stored, with their stamp and version; the defaults (no stamp,
/// version 0) when the club never changed them.
pub(crate) async fn load(
    tx: &mut crate::db::TenantTx,
) -> Result<(RetentionRules, Option<Stamp>, i64)> {
    let row: Option<PolicyRow> = tx
        .fetch_optional(
            "SELECT member_months, application_days, link_days, event_months, updated_at, \
             updated_by_name, version FROM retention_policies WHERE tenant_id = $1 AND id = $2",
            args![POLICY_ID],
        )
        .await?;
    Ok(match row {
        Some(r) => (
            RetentionRules {
                member_months: r.member_months,
                application_days: r.application_days,
                link_days: r.link_days,
                event_months: r.event_months,
            },
            Some(Stamp {
                at: Timestamp(r.updated_at),
                by: r.updated_by_name,
            }),
            r.version,
        ),
        None => (RetentionRules::DEFAULT, None, 0),
    })
}

/// The club's retention rules (`privacy.manage`).
pub async fn rules(db: &Db, scope: &TenantScope) -> Result<(RetentionRules, Option<Stamp>, i64)> {
    scope.require(PRIVACY_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let found = load(&mut tx).await?;
    tx.commit().await?;
    Ok(found)
}

/// Checks every rule against its bounds; all problems at once, each on its field.
pub fn validate(r: &RetentionRules) -> Result<()> {
    let values = [
        r.member_months,
        r.application_days,
        r.link_days,
        r.event_months,
    ];
    let problems: Vec<FieldError> = RetentionRules::BOUNDS
        .iter()
        .zip(values)
        .filter(|((_, min, max), v)| v < min || v > max)
        .map(|((field, min, max), _)| {
            FieldError::new(
                *field,
                Problem::new(Msg::ErrRetentionRange)
                    .arg("min", min)
                    .arg("max", max),
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// Changes the club's rules (`privacy.manage`), at the version the form was opened at;
/// logged with the new values.
pub async fn save_rules(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    rules: RetentionRules,
    version: i64,
) -> Result<()> {
    scope.require(PRIVACY_MANAGE)?;
    validate(&rules)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (_, _, current) = load(&mut tx).await?;
    if current != version {
        return Err(AppError::conflict(Msg::ErrRetentionChanged));
    }
    let cols = vec![
        ("member_months", crate::db::Value::from(rules.member_months)),
        (
            "application_days",
            crate::db::Value::from(rules.application_days),
        ),
        ("link_days", crate::db::Value::from(rules.link_days)),
        ("event_months", crate::db::Value::from(rules.event_months)),
    ];
    if current == 0 {
        let mut cols = cols;
        cols.insert(0, ("id", crate::db::Value::from(POLICY_ID)));
        tx.insert("retention_policies", cols).await?;
    } else if !tx
        .update("retention_policies", POLICY_ID, cols, Some(version))
        .await?
    {
        return Err(AppError::conflict(Msg::ErrRetentionChanged));
    }
    tx.log(
        "retention_policy_changed",
        Some(&format!(
            "members {} months, applications {} days, invitations {} days, events {} months",
            rules.member_months, rules.application_days, rules.link_days, rules.event_months
        )),
    )
    .await?;
    tx.commit().await
}
