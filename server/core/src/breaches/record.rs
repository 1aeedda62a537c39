//! The record of processing of a club (GDPR art. 30), generated from its configuration:
//! the categories of data (standard fields, the club's own fields with their
//! sensitivity), purposes and consents, retention, recipients (the federation, exports),
//! and the platform's sub-processors.

use super::platform::club_view;
use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::scope::TenantScope;
use crate::tenancy::find_by_id;
use tessera_common::breach::{PrivacyNotices, ProcessingRecord, RecordField};
use tessera_common::modules::PRIVACY_MANAGE;
use tessera_common::time::Timestamp;

#[derive(sqlx::FromRow)]
struct FieldRow {
    label: String,
    kind: String,
    visibility: String,
}

/// The club's record of processing (`privacy.manage`).
pub async fn processing_record(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
) -> Result<ProcessingRecord> {
    scope.require(PRIVACY_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let fields: Vec<FieldRow> = tx
        .fetch_all(
            "SELECT label, kind, visibility FROM custom_fields WHERE tenant_id = $1 \
             ORDER BY position, id",
            args![],
        )
        .await?;
    tx.commit().await?;
    let t = scope.tenant();
    let federation = match t.parent_id {
        Some(p) => find_by_id(db, p)
            .await?
            .filter(|f| f.kind == tessera_common::dto::TenantKind::Federation)
            .map(|f| f.name),
        None => None,
    };
    let (subprocessors, changes) = club_view(db, t.id, now).await?;
    // Purposes and consents, and the retention rules in force (both checked above:
    // `privacy.manage`).
    let purposes = crate::consents::purposes_of(db, scope).await?;
    let (retention, _, _) = crate::retention::rules(db, scope).await?;
    Ok(ProcessingRecord {
        club_name: t.name.clone(),
        club_slug: t.slug.clone(),
        city: t.city.clone(),
        time_zone: t.time_zone.clone(),
        generated_at: now,
        custom_fields: fields
            .into_iter()
            .map(|f| RecordField {
                label: f.label,
                kind: f.kind,
                visibility: f.visibility,
            })
            .collect(),
        registration_forms: scope.module_active("forms"),
        federation,
        exports: scope.module_active("exports"),
        purposes,
        retention,
        subprocessors,
        changes,
    })
}

/// The sub-processors and the open changes for the club's privacy page, for a viewer
/// without `privacy.manage` too (they are public facts of the platform).
pub async fn club_subprocessors(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
) -> Result<PrivacyNotices> {
    let (_, changes) = club_view(db, scope.tenant_id(), now).await?;
    Ok(PrivacyNotices {
        breaches: Vec::new(),
        changes,
    })
}
