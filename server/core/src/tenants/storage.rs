//! Tenants: their SQL beyond the records in `tenancy`: the directory, usage counts,
//! a managed tenant by slug, and the stamp of a change.

use crate::args;
use crate::db::{Backend, Db};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::tenancy::{is_valid_slug, TenantRecord, TenantRow, TENANT_SELECT};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, TenantId};

#[derive(sqlx::FromRow)]
pub(super) struct DirectoryRow {
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) city: Option<String>,
    pub(super) federation: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct UsageRow {
    pub(super) id: i64,
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) kind: String,
    pub(super) status: String,
    pub(super) city: Option<String>,
    pub(super) parent: Option<String>,
    pub(super) plan: Option<String>,
    pub(super) trial_ends_at: Option<i64>,
    pub(super) contract_end_on: Option<String>,
    pub(super) deletion_on: Option<String>,
    pub(super) members: i64,
    pub(super) active_members: i64,
    pub(super) users: i64,
}

/// Counts per tenant (members, active members, users), optionally only the clubs actively
/// affiliated to the federation `parent` (no affiliation, no counts). Counts only: no record of any tenant is read by the caller.
pub(super) async fn usage(db: &Db, parent: Option<TenantId>) -> Result<Vec<UsageRow>> {
    let mut tx = db.platform(false).await?;
    let sql = match tx.backend() {
        Backend::Postgres => {
            "SELECT t.id, t.slug, t.name, t.kind, t.status, t.city, p.name AS parent, \
             pl.name AS plan, t.trial_ends_at, t.contract_end_on, t.deletion_on, u.members, u.active_members, u.users \
             FROM tenant_usage($1) u JOIN tenants t ON t.id = u.tenant_id \
             LEFT JOIN tenants p ON p.id = t.parent_id LEFT JOIN plans pl ON pl.id = t.plan_id \
             ORDER BY t.kind DESC, t.name"
        }
        Backend::Sqlite => {
            "SELECT t.id, t.slug, t.name, t.kind, t.status, t.city, p.name AS parent, \
             pl.name AS plan, t.trial_ends_at, t.contract_end_on, t.deletion_on, \
             (SELECT count(*) FROM members m WHERE m.tenant_id = t.id \
              AND ($1 IS NULL OR m.restricted_at IS NULL)) AS members, \
             (SELECT count(*) FROM members m WHERE m.tenant_id = t.id AND m.status = 'active' \
              AND ($1 IS NULL OR m.restricted_at IS NULL)) AS active_members, \
             (SELECT count(*) FROM memberships s WHERE s.tenant_id = t.id) AS users \
             FROM tenants t LEFT JOIN tenants p ON p.id = t.parent_id \
             LEFT JOIN plans pl ON pl.id = t.plan_id \
             WHERE $1 IS NULL OR EXISTS (SELECT 1 FROM affiliations a \
              WHERE a.federation_id = $1 AND a.club_id = t.id AND a.status = 'active') \
             ORDER BY t.kind DESC, t.name"
        }
    };
    let rows = tx.fetch_all(sql, args![parent]).await?;
    tx.commit().await?;
    Ok(rows)
}

/// A club or federation of the platform, found by the operator (never the operator itself).
pub(super) async fn managed_tenant(tx: &mut crate::db::Tx, slug: &str) -> Result<TenantRecord> {
    if !is_valid_slug(slug) {
        return Err(AppError::NotFound);
    }
    let row: Option<TenantRow> = tx
        .fetch_optional(
            &format!("{TENANT_SELECT} WHERE t.slug = $1 AND t.kind <> 'operator'"),
            args![slug],
        )
        .await?;
    row.map(Into::into).ok_or(AppError::NotFound)
}

/// Stamps the tenant row with a change to something it owns (its logo).
pub(super) async fn touch(
    tx: &mut crate::db::Tx,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "UPDATE tenants SET updated_at = $2, updated_by = $3, updated_by_name = $4, version = version + 1 WHERE id = $1",
        args![scope.tenant_id(), now, actor.identity, actor.stamp_name()],
    )
    .await
    .map(|_| ())
}
