//! A club's breach register: recording a breach, the follow-up (whether and when the club
//! notified the authority and the people concerned), acknowledging an operator's
//! notification, and the notices on the club home.

use super::storage::*;
use super::validation;
use crate::db::Db;
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use tessera_common::breach::{
    BreachFollowUpInput, BreachInput, ClubBreach, ClubBreaches, PrivacyNotices, MAX_TEXT,
};
use tessera_common::modules::PRIVACY_MANAGE;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, FieldError, Msg};

/// The club's breach register, newest discovery first (`privacy.manage`).
pub async fn club_breaches(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<ClubBreaches> {
    scope.require(PRIVACY_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<BreachRow> = tx
        .fetch_all(
            &format!(
                "SELECT {BREACH_COLUMNS} FROM breaches b WHERE b.tenant_id = $1 \
                 ORDER BY b.discovered_at DESC, b.id DESC LIMIT 500"
            ),
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(ClubBreaches {
        breaches: rows.into_iter().map(Into::into).collect(),
        now,
    })
}

/// One breach of the club (`privacy.manage`); another club's id is `NotFound`.
pub async fn club_breach(db: &Db, scope: &TenantScope, id: i64) -> Result<ClubBreach> {
    scope.require(PRIVACY_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let row: Option<BreachRow> = tx
        .fetch_optional(
            &format!(
                "SELECT {BREACH_COLUMNS} FROM breaches b WHERE b.tenant_id = $1 AND b.id = $2"
            ),
            args![id],
        )
        .await?;
    tx.commit().await?;
    row.map(Into::into).ok_or(AppError::NotFound)
}

/// The club records a breach of its own (`privacy.manage`). The discovery is read on the
/// club's wall clock and may not lie in the future.
pub async fn record_breach(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: &BreachInput,
) -> Result<i64> {
    scope.require(PRIVACY_MANAGE)?;
    let f = validation::facts(input, &scope.tenant().time_zone, now)?;
    let id = ids::new_id();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    tx.insert(
        "breaches",
        vec![
            ("id", id.into()),
            ("discovered_at", f.discovered_at.into()),
            ("nature", f.nature.into()),
            ("categories", f.categories.into()),
            ("people_count", f.people_count.into()),
            ("records_count", f.records_count.into()),
            ("consequences", f.consequences.into()),
            ("measures", f.measures.into()),
            ("recorded_at", now.into()),
        ],
    )
    .await?;
    tx.log("breach_recorded", None).await?;
    tx.commit().await?;
    Ok(id)
}

/// One side of the follow-up: notified at an instant, not notified for a reason, or not
/// decided yet.
fn decision(
    choice: &str,
    at: &str,
    reason: &str,
    (at_field, reason_field, choice_field): (&str, &str, &str),
    tz: &str,
    now: Timestamp,
    discovered_at: Timestamp,
) -> std::result::Result<(Option<Timestamp>, Option<String>), FieldError> {
    match choice {
        "" => Ok((None, None)),
        "yes" => validation::instant(
            at_field,
            at,
            tz,
            now,
            Some(discovered_at),
            Msg::ErrBreachNotifiedAt,
        )
        .map(|t| (Some(t), None)),
        "no" => validation::text(reason_field, reason, MAX_TEXT, Msg::ErrBreachReason)
            .map(|r| (None, Some(r))),
        _ => Err(FieldError::new(choice_field, Msg::ErrBreachChoice)),
    }
}

/// Records whether and when the club notified the authority (GBA/APD) and the people
/// concerned, and whether the breach is resolved (`privacy.manage`). `version` guards
/// against a change made meanwhile.
pub async fn record_follow_up(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: &BreachFollowUpInput,
) -> Result<()> {
    scope.require(PRIVACY_MANAGE)?;
    let id: i64 = input.id.trim().parse().map_err(|_| AppError::NotFound)?;
    let version: i64 = input
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::bad_request(Msg::ErrVersionMissing))?;
    let current = club_breach(db, scope, id).await?;
    let tz = scope.tenant().time_zone.clone();
    let discovered = current.facts.discovered_at;
    let authority = decision(
        &input.authority,
        &input.authority_at,
        &input.authority_reason,
        ("authority_at", "authority_reason", "authority"),
        &tz,
        now,
        discovered,
    );
    let people = decision(
        &input.people,
        &input.people_at,
        &input.people_reason,
        ("people_at", "people_reason", "people"),
        &tz,
        now,
        discovered,
    );
    let ((authority_at, authority_reason), (people_at, people_reason)) = match (authority, people) {
        (Ok(a), Ok(p)) => (a, p),
        (a, p) => {
            return Err(AppError::Invalid(
                [a.err(), p.err()].into_iter().flatten().collect(),
            ))
        }
    };
    let resolved_at = match (input.resolved.is_some(), current.resolved_at) {
        (true, Some(at)) => Some(at),
        (true, None) => Some(now),
        (false, _) => None,
    };
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let changed = tx
        .update(
            "breaches",
            id,
            vec![
                ("authority_notified_at", authority_at.map(|t| t.0).into()),
                ("authority_reason", authority_reason.into()),
                ("people_notified_at", people_at.map(|t| t.0).into()),
                ("people_reason", people_reason.into()),
                ("resolved_at", resolved_at.map(|t| t.0).into()),
            ],
            Some(version),
        )
        .await?;
    if !changed {
        return Err(AppError::conflict(Msg::ErrBreachChangedMeanwhile));
    }
    tx.log("breach_follow_up", None).await?;
    tx.commit().await
}

/// An administrator of the club acknowledges a breach the operator notified: its banner
/// leaves the club home (`privacy.manage`). Acknowledging twice changes nothing.
pub async fn acknowledge_breach(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    scope.require(PRIVACY_MANAGE)?;
    let current = club_breach(db, scope, id).await?;
    if !current.from_operator {
        return Err(AppError::bad_request(Msg::ErrBreachNotNotified));
    }
    if current.acknowledged_at.is_some() {
        return Ok(());
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    tx.update(
        "breaches",
        id,
        vec![
            ("acknowledged_at", now.into()),
            ("acknowledged_by", actor.identity.into()),
        ],
        None,
    )
    .await?;
    tx.log("breach_acknowledged", None).await?;
    tx.commit().await
}

/// What the club home shows a viewer with `privacy.manage`: the operator's notifications
/// nobody acknowledged yet and the sub-processor changes still open for objection to
/// which the club has not objected. Empty for everyone else.
pub async fn privacy_notices(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
) -> Result<PrivacyNotices> {
    if !scope.can(PRIVACY_MANAGE) {
        return Ok(PrivacyNotices::default());
    }
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<BreachRow> = tx
        .fetch_all(
            &format!(
                "SELECT {BREACH_COLUMNS} FROM breaches b WHERE b.tenant_id = $1 \
                 AND b.incident_id IS NOT NULL AND b.acknowledged_at IS NULL \
                 ORDER BY b.discovered_at DESC LIMIT 20"
            ),
            args![],
        )
        .await?;
    let changes: Vec<ChangeRow> = tx
        .fetch_all(
            &format!(
                "SELECT {CHANGE_COLUMNS} FROM subprocessor_changes c WHERE TRUE \
                 AND c.closes_at > $2 AND NOT EXISTS (SELECT 1 FROM subprocessor_objections o \
                 WHERE o.change_id = c.id AND o.club_id = $1) ORDER BY c.announced_at DESC LIMIT 20"
            ),
            args![now],
        )
        .await?;
    tx.commit().await?;
    Ok(PrivacyNotices {
        breaches: rows.into_iter().map(Into::into).collect(),
        changes: changes.into_iter().map(|c| c.into_change(now)).collect(),
    })
}
