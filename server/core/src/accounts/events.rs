//! The security event log: what happened to an account (sign-ins, factors, sessions) and
//! in a club (exports, modules), for the person and the club to see.

use crate::db::Db;
use crate::error::Result;
use crate::{args, ids};
use std::collections::BTreeMap;
use tessera_common::fedreads::{logged_reads, ReadDetail, FEDERATION_READ};
use tessera_common::time::Timestamp;
use tessera_common::IdentityId;

pub(crate) async fn log_in_tx(
    tx: &mut crate::db::Tx,
    identity: Option<IdentityId>,
    tenant: Option<tessera_common::TenantId>,
    kind: &str,
    detail: Option<&str>,
    address: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    match tenant {
        // An event of a club's: its event log, under the club's row-level security.
        Some(tenant) => {
            tx.insert_tenant_event(tenant, identity.map(|i| i.0), kind, detail, address, now)
                .await
        }
        // A person's own event (sign-in, factors, sessions, links): no tenant.
        // It joins the platform's hash chain (`event_chain`).
        None => {
            let entry = crate::event_chain::Entry {
                id: ids::new_id(),
                identity_id: identity.map(|i| i.0),
                kind: kind.to_string(),
                detail: detail.map(str::to_string),
                address: address.map(str::to_string),
                at: now.0,
            };
            crate::event_chain::append(tx, crate::event_chain::Chain::Platform, &entry).await
        }
    }
}

/// Appends one event about a tenant (visible to its administrators) to the security log.
pub async fn log_tenant_event(
    db: &Db,
    identity: Option<IdentityId>,
    tenant: tessera_common::TenantId,
    kind: &str,
    detail: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    let mut tx = db.platform(true).await?;
    log_in_tx(&mut tx, identity, Some(tenant), kind, detail, None, now).await?;
    tx.commit().await
}

/// Appends one event to the security log.
pub async fn log_event(
    db: &Db,
    identity: Option<IdentityId>,
    kind: &str,
    detail: Option<&str>,
    address: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    let mut tx = db.platform(true).await?;
    log_in_tx(&mut tx, identity, None, kind, detail, address, now).await?;
    tx.commit().await
}

#[derive(sqlx::FromRow)]
pub(super) struct EventRow {
    pub(super) kind: String,
    pub(super) detail: Option<String>,
    pub(super) address: Option<String>,
    pub(super) at: i64,
}

/// One entry of the security event log.
#[derive(Clone, Debug)]
pub struct EventEntry {
    pub kind: String,
    pub detail: Option<String>,
    pub address: Option<String>,
    pub at: Timestamp,
}

/// The latest events about one person.
pub async fn events_of(db: &Db, id: IdentityId, limit: i64) -> Result<Vec<EventEntry>> {
    let mut tx = db.platform(false).await?;
    let rows: Vec<EventRow> = tx
        .fetch_all(
            "SELECT kind, detail, address, at FROM platform_events WHERE identity_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
            args![id, limit],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| EventEntry {
            kind: r.kind,
            detail: r.detail,
            address: r.address,
            at: Timestamp(r.at),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
pub(super) struct ClubEventRow {
    pub(super) kind: String,
    pub(super) detail: Option<String>,
    pub(super) at: i64,
    pub(super) name: Option<String>,
}

/// One entry of a club's event log.
#[derive(Clone, Debug)]
pub struct ClubEvent {
    pub kind: String,
    pub detail: Option<String>,
    pub at: Timestamp,
    pub person: Option<String>,
}

/// The latest security events recorded for the tenant in `scope` (administrators only).
pub async fn club_events(
    db: &Db,
    scope: &crate::scope::TenantScope,
    limit: i64,
) -> Result<Vec<ClubEvent>> {
    scope.require(tessera_common::modules::AUDIT_VIEW)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<ClubEventRow> = tx
        .fetch_all(
            // The federation reads still queued for the club's log (`fedreads::queue`, moved
            // within a second) are shown with it, in one statement.
            "SELECT e.kind, e.detail, e.at, i.name FROM (\
             SELECT kind, detail, at, id, identity_id FROM security_events WHERE tenant_id = $1 \
             UNION ALL SELECT $3, detail, at, id, identity_id FROM federation_read_queue \
             WHERE tenant_id = $1) e LEFT JOIN identities i ON i.id = e.identity_id \
             ORDER BY e.at DESC, e.id DESC LIMIT $2",
            args![limit, FEDERATION_READ],
        )
        .await?;
    // A batch of federation reads is shown as its reads, each its own line.
    let mut lines: Vec<(ClubEvent, Option<ReadDetail>)> = Vec::with_capacity(rows.len());
    for r in rows {
        let logged = match (r.kind.as_str(), r.detail.as_deref()) {
            (FEDERATION_READ, Some(d)) => logged_reads(d, r.at),
            _ => Vec::new(),
        };
        if logged.is_empty() {
            let e = ClubEvent {
                kind: r.kind,
                detail: r.detail,
                at: Timestamp(r.at),
                person: r.name,
            };
            lines.push((e, None));
            continue;
        }
        for (at, read) in logged.into_iter().rev() {
            let e = ClubEvent {
                kind: r.kind.clone(),
                detail: None,
                at: Timestamp(at),
                person: r.name.clone(),
            };
            lines.push((e, Some(read)));
        }
    }
    // The entries come in the order of their newest instant, so the newest `limit` lines
    // are among theirs; the sort is stable (the log's order among lines of one instant).
    lines.sort_by_key(|(e, _)| std::cmp::Reverse(e.at));
    lines.truncate(usize::try_from(limit).unwrap_or(0));
    let names = read_names(&mut tx, lines.iter().filter_map(|(_, r)| r.as_ref())).await?;
    tx.commit().await?;
    lines
        .into_iter()
        .map(|(mut e, read)| {
            if let Some(mut read) = read {
                for p in &mut read.people {
                    if p.name.is_none() {
                        p.name = names.get(&p.member).cloned();
                    }
                }
                e.detail = Some(serde_json::to_string(&read).map_err(crate::error::internal)?);
            }
            Ok(e)
        })
        .collect()
}

/// The club's own name for each member the federation reads name (the log keeps their ids
/// only; an erased record's is its placeholder), in one statement of fixed text.
async fn read_names<'a>(
    tx: &mut crate::db::TenantTx,
    reads: impl Iterator<Item = &'a ReadDetail>,
) -> Result<BTreeMap<i64, String>> {
    let mut ids: Vec<i64> = reads
        .flat_map(|r| {
            r.people
                .iter()
                .filter(|p| p.name.is_none())
                .map(|p| p.member)
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let rows: Vec<(i64, String, String)> = tx
        .fetch_all(
            &format!(
                "SELECT id, given_name, family_name FROM members WHERE tenant_id = $1 AND {}",
                crate::db::in_json_ids(tx.backend(), "id", "$2")
            ),
            args![crate::db::json_ids(&ids)],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, given, family)| {
            let name = [given.trim(), family.trim()]
                .into_iter()
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            (id, name)
        })
        .collect())
}

/// A page of a federation's own event log (fedlog18, `/f/{federation}/log`, federation
/// staff with `clubs.view`): affiliation steps, seasons, categories and licence decisions,
/// templates published, transfer windows and exports, newest first, `page` (from 1) of
/// [`tessera_common::fedreads::FED_LOG_PAGE`] entries; with whether an older page
/// follows. The entries name no licensed person (their reads are in the clubs' logs).
pub async fn federation_events(
    db: &Db,
    scope: &crate::scope::TenantScope,
    page: i64,
) -> Result<(Vec<ClubEvent>, bool)> {
    scope.require(tessera_common::modules::FEDERATION_CLUBS_VIEW)?;
    if scope.kind() != tessera_common::dto::TenantKind::Federation {
        return Err(tessera_common::AppError::NotFound);
    }
    let size = tessera_common::fedreads::FED_LOG_PAGE;
    let page = page.clamp(1, 100_000);
    let mut tx = db.tenant_read(scope).await?;
    let mut rows: Vec<ClubEventRow> = tx
        .fetch_all(
            "SELECT e.kind, e.detail, e.at, i.name FROM security_events e LEFT JOIN identities i ON i.id = e.identity_id \
             WHERE e.tenant_id = $1 ORDER BY e.at DESC, e.id DESC LIMIT $2 OFFSET $3",
            args![size + 1, (page - 1) * size],
        )
        .await?;
    tx.commit().await?;
    let more = rows.len() as i64 > size;
    rows.truncate(size as usize);
    Ok((
        rows.into_iter()
            .map(|r| ClubEvent {
                kind: r.kind,
                detail: r.detail,
                at: Timestamp(r.at),
                person: r.name,
            })
            .collect(),
        more,
    ))
}
