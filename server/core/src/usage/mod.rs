//! Usage and licensing counts (issue 18, deliverable 7).
//!
//! Per club and federation: the stored records (a club's members; a federation's licensed
//! people), the accounts (memberships), the administrators (holders of the Administrator
//! role), the active modules (always-on ones and those of the plan the tenant switched on),
//! and the bytes of stored files (the logo, member documents, import uploads still kept;
//! rows of other tables are not counted). Across tenants the counts come from one query
//! (on PostgreSQL the security-definer function `usage_counts()`, numbers and module ids
//! only).
//!
//! `usage_snapshots` keeps one row per tenant and month (`YYYY-MM`, UTC): the job
//! (`run_daily`, on the injected clock) and the operator's button write the month's row
//! again, so the last measurement of a month stays. The operator sees every tenant now and
//! the history and downloads it as CSV (logged in the operator's event log); a club or a
//! federation sees its own, against its plan.

use crate::db::{Backend, Db};
use crate::error::Result;
use crate::jobs::SystemTask;
use crate::scope::{Actor, TenantScope};
use crate::{args, tenancy};
use tessera_common::dto::TenantKind;
use tessera_common::modules::{
    FEDERATION_CLUBS_VIEW, PLATFORM_MANAGE, PLATFORM_OVERVIEW, SETTINGS_MANAGE,
};
use tessera_common::templates::{OwnUsage, UsageOverview, UsageRow};
use tessera_common::time::Timestamp;
use tessera_common::AppError;

/// How many months of history the pages show.
pub const HISTORY_MONTHS: usize = 24;

/// The month of `now` (UTC), as stored: `YYYY-MM`.
pub fn month_of(now: Timestamp) -> String {
    let d = now.utc_date();
    format!("{:04}-{:02}", d.year, d.month)
}

#[derive(sqlx::FromRow)]
struct Measured {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    plan_id: Option<String>,
    members: i64,
    accounts: i64,
    admins: i64,
    storage_bytes: i64,
    modules: String,
}

const SQLITE: &str = "SELECT t.id, t.slug, t.name, t.kind, t.plan_id, \
     (SELECT count(*) FROM members m WHERE m.tenant_id = t.id) \
       + (SELECT count(*) FROM fed_people p WHERE p.tenant_id = t.id) AS members, \
     (SELECT count(*) FROM memberships s WHERE s.tenant_id = t.id) AS accounts, \
     (SELECT count(DISTINCT mr.membership_id) FROM membership_roles mr \
        JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id \
       WHERE mr.tenant_id = t.id AND r.builtin = 'admin') AS admins, \
     (SELECT coalesce(sum(length(l.data)), 0) FROM tenant_logos l WHERE l.tenant_id = t.id) \
       + (SELECT coalesce(sum(d.size), 0) FROM member_documents d WHERE d.tenant_id = t.id) \
       + (SELECT coalesce(sum(length(i.content)), 0) FROM member_imports i WHERE i.tenant_id = t.id) \
       AS storage_bytes, \
     coalesce((SELECT group_concat(tm.id, ' ') FROM tenant_modules tm \
                WHERE tm.tenant_id = t.id AND tm.enabled), '') AS modules \
     FROM tenants t WHERE t.kind <> 'operator' AND ($1 IS NULL OR t.id = $1) \
     ORDER BY t.kind DESC, t.name";

const POSTGRES: &str = "SELECT t.id, t.slug, t.name, t.kind, t.plan_id, u.members, u.accounts, \
     u.admins, u.storage_bytes, u.modules FROM usage_counts() u JOIN tenants t ON t.id = u.tenant_id \
     WHERE CAST($1 AS BIGINT) IS NULL OR t.id = $1 ORDER BY t.kind DESC, t.name";

/// The counts now, of every club and federation or of one.
async fn measure(db: &Db, only: Option<i64>, month: &str) -> Result<Vec<UsageRow>> {
    Ok(measure_ids(db, only, month)
        .await?
        .into_iter()
        .map(|(_, r)| r)
        .collect())
}

async fn measure_ids(db: &Db, only: Option<i64>, month: &str) -> Result<Vec<(i64, UsageRow)>> {
    let plans = tenancy::plans(db).await?;
    let mut tx = db.platform(false).await?;
    let sql = match tx.backend() {
        Backend::Postgres => POSTGRES,
        Backend::Sqlite => SQLITE,
    };
    let rows: Vec<Measured> = tx.fetch_all(sql, args![only]).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let kind = TenantKind::parse(&r.kind).unwrap_or(TenantKind::Club);
            let plan = r
                .plan_id
                .as_deref()
                .and_then(|p| plans.iter().find(|x| x.id == p));
            let on: Vec<String> = r.modules.split_whitespace().map(str::to_string).collect();
            let modules = crate::scope::active_modules(kind, plan, &on).len() as i64;
            let row = UsageRow {
                slug: r.slug,
                name: r.name,
                kind: r.kind,
                month: month.to_string(),
                members: r.members,
                accounts: r.accounts,
                admins: r.admins,
                modules,
                storage_bytes: r.storage_bytes,
            };
            (r.id, row)
        })
        .collect())
}

/// Writes this month's snapshot of every club and federation (the month's row again if
/// there is one): the job's step, and the operator's "measure now". Returns the rows.
pub async fn snapshot(db: &Db, _task: &SystemTask, now: Timestamp) -> Result<usize> {
    let month = month_of(now);
    let rows = measure_ids(db, None, &month).await?;
    let mut tx = db.platform(true).await?;
    tx.execute(
        "DELETE FROM usage_snapshots WHERE month = $1",
        args![month.clone()],
    )
    .await?;
    for (id, r) in &rows {
        tx.execute(
            "INSERT INTO usage_snapshots (subject_id, month, members, accounts, admins, modules, \
             storage_bytes, taken_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            args![
                *id,
                month.clone(),
                r.members,
                r.accounts,
                r.admins,
                r.modules,
                r.storage_bytes,
                now
            ],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

/// The demo's history: for each of the `months` months before `now`, every tenant's counts
/// of today scaled down a little per month (a club that grew), then this month measured.
pub(crate) async fn seed_history(
    db: &Db,
    task: &SystemTask,
    now: Timestamp,
    months: i64,
) -> Result<()> {
    let rows = measure_ids(db, None, &month_of(now)).await?;
    for back in (1..=months).rev() {
        let at = Timestamp(now.0 - back * 31 * 86_400_000);
        for (id, r) in &rows {
            let scaled = |n: i64| n - n * back * 4 / 100;
            let row = UsageRow {
                members: scaled(r.members),
                accounts: scaled(r.accounts),
                storage_bytes: scaled(r.storage_bytes),
                ..r.clone()
            };
            record(db, *id, at, &row).await?;
        }
    }
    snapshot(db, task, now).await.map(|_| ())
}

/// One backdated row: the month of `at` with the given counts, for one tenant.
async fn record(db: &Db, tenant: i64, at: Timestamp, row: &UsageRow) -> Result<()> {
    let mut tx = db.platform(true).await?;
    tx.execute(
        "DELETE FROM usage_snapshots WHERE subject_id = $1 AND month = $2",
        args![tenant, month_of(at)],
    )
    .await?;
    tx.execute(
        "INSERT INTO usage_snapshots (subject_id, month, members, accounts, admins, modules, \
         storage_bytes, taken_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        args![
            tenant,
            month_of(at),
            row.members,
            row.accounts,
            row.admins,
            row.modules,
            row.storage_bytes,
            at
        ],
    )
    .await?;
    tx.commit().await
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    slug: String,
    name: String,
    kind: String,
    month: String,
    members: i64,
    accounts: i64,
    admins: i64,
    modules: i64,
    storage_bytes: i64,
}

async fn history(db: &Db, only: Option<i64>) -> Result<Vec<UsageRow>> {
    let mut tx = db.platform(false).await?;
    let rows: Vec<HistoryRow> = tx
        .fetch_all(
            "SELECT t.slug, t.name, t.kind, u.month, u.members, u.accounts, u.admins, u.modules, \
             u.storage_bytes FROM usage_snapshots u JOIN tenants t ON t.id = u.subject_id \
             WHERE CAST($1 AS BIGINT) IS NULL OR u.subject_id = $1 ORDER BY u.month DESC, t.kind DESC, t.name",
            args![only],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| UsageRow {
            slug: r.slug,
            name: r.name,
            kind: r.kind,
            month: r.month,
            members: r.members,
            accounts: r.accounts,
            admins: r.admins,
            modules: r.modules,
            storage_bytes: r.storage_bytes,
        })
        .collect())
}

/// The operator's usage page: every club and federation now, and the monthly history.
pub async fn overview(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<UsageOverview> {
    scope.require(PLATFORM_OVERVIEW)?;
    Ok(UsageOverview {
        current: measure(db, None, &month_of(now)).await?,
        history: history(db, None).await?,
    })
}

/// The operator measures now (`platform.manage`): this month's snapshot written again.
pub async fn measure_now(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<usize> {
    scope.require(PLATFORM_MANAGE)?;
    snapshot(db, &SystemTask::background(), now).await
}

fn cell(v: &str) -> String {
    // A spreadsheet must not run a name as a formula; quotes around anything with a
    // separator, a quote or a line break.
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// The monthly history as CSV (`platform.overview`), recorded in the operator's event log.
pub async fn csv(db: &Db, scope: &TenantScope, actor: &Actor, now: Timestamp) -> Result<String> {
    scope.require(PLATFORM_OVERVIEW)?;
    let rows = history(db, None).await?;
    let mut out =
        String::from("month,tenant,name,kind,members,accounts,admins,modules,storage_bytes\r\n");
    for r in &rows {
        out.push_str(
            &[
                cell(&r.month),
                cell(&r.slug),
                cell(&r.name),
                cell(&r.kind),
                r.members.to_string(),
                r.accounts.to_string(),
                r.admins.to_string(),
                r.modules.to_string(),
                r.storage_bytes.to_string(),
            ]
            .join(","),
        );
        out.push_str("\r\n");
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    tx.log("usage_exported", Some(&format!("{} rows", rows.len())))
        .await?;
    tx.commit().await?;
    Ok(out)
}

/// A club's (`settings.manage`) or a federation's (`clubs.view`) own usage against its
/// plan, with its history.
pub async fn own(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<OwnUsage> {
    match scope.kind() {
        TenantKind::Club => scope.require(SETTINGS_MANAGE)?,
        TenantKind::Federation => scope.require(FEDERATION_CLUBS_VIEW)?,
        TenantKind::Operator => return Err(AppError::NotFound),
    }
    let id = scope.tenant_id().0;
    let current = measure(db, Some(id), &month_of(now))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let plan = scope.tenant().plan.clone();
    Ok(OwnUsage {
        now: current,
        plan: plan.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
        max_admins: plan.as_ref().and_then(|p| p.max_admins),
        plan_modules: plan.as_ref().map(|p| p.modules.len() as i64).unwrap_or(0),
        history: history(db, Some(id))
            .await?
            .into_iter()
            .take(HISTORY_MONTHS)
            .collect(),
    })
}

#[cfg(test)]
mod tests;
