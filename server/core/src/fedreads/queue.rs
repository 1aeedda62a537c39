//! The federation reads queued for each club (`federation_read_queue`, migration 0056) and
//! the job that moves them into the club's hash-chained event log.
//!
//! A federation's read writes its record into the queues of the clubs it showed people of,
//! with the read (`Tx::insert_federation_reads`: in the read's transaction, or in a short
//! write right after it, before anything of it is shown, `fedreads::log_read_after`): no
//! read shown without its record, and no lock on a club's chain head held by a search until its commit. After
//! the commit the clubs are handed to `db::ReadQueueWake`; the server's job ([`spawn`])
//! chains them within a second, each reader's reads of the moment as one entry
//! ([`ReadBatch`], ids only), and adds them to the people's `federation_read_counts`;
//! a sweep over every club ([`sweep`]) every few minutes picks up what a
//! stopped process (or another server on the same database) left. Whatever is still queued
//! is read with the log: the club's log page and a person's count of federation reads
//! (`fedreads::reads_about`), and an erasure chains the club's queue first ([`chain_in`]),
//! so an erased record's reads are counted and logged before its count row goes.

use crate::args;
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::event_chain::Entry;
use crate::jobs::SystemTask;
use crate::scope::{Actor, TenantScope};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use tessera_common::fedreads::{BatchedRead, ReadBatch, ReadDetail, FEDERATION_READ};
use tessera_common::time::Timestamp;
use tessera_common::TenantId;

/// The most queued reads one transaction moves into the log.
const BATCH: i64 = 2_000;

#[derive(sqlx::FromRow)]
struct Queued {
    id: i64,
    identity_id: Option<i64>,
    detail: String,
    at: i64,
}

/// Moves every read queued for the club of `tx` into its event log, oldest first, and
/// empties the queue; returns how many. The rows are taken out of the queue and read in
/// one statement (`DELETE … RETURNING`): a second mover at the same moment (another
/// server, an erasure) waits for this one's rows and then finds them gone, so no read is
/// logged twice.
///
/// The club's chain head is locked first (PostgreSQL), as every writer of the log locks it
/// before anything of this queue: an erasure that already wrote to the log and a mover
/// that already took queued rows would otherwise each wait for the other.
pub(crate) async fn chain_in(tx: &mut TenantTx) -> Result<usize> {
    if tx.backend() == crate::db::Backend::Postgres {
        tx.fetch_all::<(i64,)>(
            "SELECT head_seq FROM security_event_heads WHERE tenant_id = $1 FOR UPDATE",
            args![],
        )
        .await?;
    }
    let mut total = 0;
    loop {
        let mut rows: Vec<Queued> = tx
            .fetch_all(
                &format!(
                    "DELETE FROM federation_read_queue WHERE tenant_id = $1 AND id IN (\
                     SELECT q.id FROM federation_read_queue q WHERE q.tenant_id = $1 \
                     ORDER BY q.id LIMIT {BATCH}) RETURNING id, identity_id, detail, at"
                ),
                args![],
            )
            .await?;
        if rows.is_empty() {
            return Ok(total);
        }
        rows.sort_by_key(|r| (r.at, r.id));
        let (entries, counts) = batches(&rows)?;
        tx.append_events(&entries).await?;
        add_counts(tx, counts).await?;
        total += rows.len();
        if (rows.len() as i64) < BATCH {
            return Ok(total);
        }
    }
}

/// The log entries of the reads moved at once: one per person reading and federation
/// (a [`ReadBatch`] of their reads, oldest first), each with the id and the instant of
/// its newest read, in the order of those. A busy federation's searches then add a few
/// entries to a club's chain, not one per result page. `rows` are oldest first; a row whose
/// detail is not a read (none is written so) goes into the log as it is, an entry of its own.
/// With them, how many of the reads named each member (for [`add_counts`]).
fn batches(rows: &[Queued]) -> Result<(Vec<Entry>, BTreeMap<i64, i64>)> {
    /// A batch being gathered: the id and instant of its newest read, and its reads.
    struct Group {
        id: i64,
        at: i64,
        reads: Vec<BatchedRead>,
    }
    let entry = |id, identity_id, detail, at| Entry {
        id,
        identity_id,
        kind: FEDERATION_READ.to_string(),
        detail: Some(detail),
        address: None,
        at,
    };
    let mut groups: BTreeMap<(Option<i64>, String), Group> = BTreeMap::new();
    let mut entries = Vec::new();
    let mut counts: BTreeMap<i64, i64> = BTreeMap::new();
    for r in rows {
        let Some(d) = ReadDetail::parse(&r.detail) else {
            entries.push(entry(r.id, r.identity_id, r.detail.clone(), r.at));
            continue;
        };
        let people: Vec<i64> = d.people.iter().map(|p| p.member).collect();
        let mut named = people.clone();
        named.sort_unstable();
        named.dedup();
        for m in named {
            *counts.entry(m).or_default() += 1;
        }
        let read = BatchedRead {
            at: r.at,
            what: d.what,
            count: d.count,
            people,
        };
        let g = groups
            .entry((r.identity_id, d.federation))
            .or_insert_with(|| Group {
                id: r.id,
                at: r.at,
                reads: Vec::new(),
            });
        (g.id, g.at) = (r.id, r.at);
        g.reads.push(read);
    }
    for ((identity_id, federation), g) in groups {
        let detail = serde_json::to_string(&ReadBatch {
            federation,
            reads: g.reads,
        })
        .map_err(crate::error::internal)?;
        entries.push(entry(g.id, identity_id, detail, g.at));
    }
    entries.sort_by_key(|e| (e.at, e.id));
    Ok((entries, counts))
}

/// Adds the reads moved into the log to each named person's count
/// (`federation_read_counts`, what My data shows): one statement for the batch.
async fn add_counts(tx: &mut TenantTx, counts: BTreeMap<i64, i64>) -> Result<()> {
    if counts.is_empty() {
        return Ok(());
    }
    let list = serde_json::Value::Array(
        counts
            .into_iter()
            .map(|(m, n)| serde_json::json!([m, n]))
            .collect(),
    )
    .to_string();
    let sql = match tx.backend() {
        crate::db::Backend::Postgres => {
            "INSERT INTO federation_read_counts (tenant_id, member_id, reads) \
             SELECT $1, CAST(j.value ->> 0 AS BIGINT), CAST(j.value ->> 1 AS BIGINT) \
             FROM json_array_elements(CAST($2 AS JSON)) j \
             ON CONFLICT (tenant_id, member_id) \
             DO UPDATE SET reads = federation_read_counts.reads + excluded.reads"
        }
        crate::db::Backend::Sqlite => {
            "INSERT INTO federation_read_counts (tenant_id, member_id, reads) \
             SELECT $1, json_extract(value, '$[0]'), json_extract(value, '$[1]') \
             FROM json_each($2) WHERE true \
             ON CONFLICT (tenant_id, member_id) \
             DO UPDATE SET reads = federation_read_counts.reads + excluded.reads"
        }
    };
    tx.execute(sql, args![list]).await?;
    Ok(())
}

/// Chains the queued reads of `club` in a transaction of their own; returns how many.
pub async fn chain_club(db: &Db, club: TenantId, now: Timestamp) -> Result<usize> {
    let Some(tenant) = crate::tenancy::find_by_id(db, club).await? else {
        return Ok(0);
    };
    let scope = TenantScope::for_system_task(&SystemTask::background(), tenant);
    let mut tx = db
        .event_log_write(&scope, &Actor::system("federation reads"), now)
        .await?;
    let n = chain_in(&mut tx).await?;
    // The log and the queue only: the sessions' access kept in memory stays valid.
    tx.leaves_access_alone();
    tx.commit().await?;
    Ok(n)
}

/// Chains the queue of every club that has reads queued (a stopped process's, another
/// server's); returns how many reads.
pub async fn sweep(db: &Db, now: Timestamp) -> Result<usize> {
    let task = SystemTask::background();
    let mut total = 0;
    for club in crate::tenancy::clubs(db).await? {
        let id = club.id;
        let scope = TenantScope::for_system_task(&task, club);
        let mut tx = db.tenant_read(&scope).await?;
        let any: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM federation_read_queue WHERE tenant_id = $1 LIMIT 1",
                args![],
            )
            .await?;
        tx.commit().await?;
        if any.is_some() {
            total += chain_club(db, id, now).await?;
        }
    }
    Ok(total)
}

/// How long the job gathers reads after the first before it chains them: a busy
/// federation's reads go into each club's log a batch at a time.
const GATHER: Duration = Duration::from_millis(250);

/// How often the job sweeps every club's queue.
const SWEEP_EVERY: Duration = Duration::from_secs(300);

/// Starts the job of this server: chains the clubs this process queued reads for (within
/// a second of the read), sweeps every club at start and every [`SWEEP_EVERY`].
pub fn spawn(db: Db, clock: Arc<dyn crate::clock::Clock>) {
    tokio::spawn(async move {
        let wake = db.read_queue.clone();
        let mut sweeps = tokio::time::interval(SWEEP_EVERY);
        sweeps.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = sweeps.tick() => match sweep(&db, clock.now()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(reads = n, "queued federation reads were logged"),
                    Err(e) => tracing::error!(error = %e, "sweeping the federation reads' queues failed"),
                },
                _ = wake.notified() => {
                    tokio::time::sleep(GATHER).await;
                    for club in wake.take() {
                        if let Err(e) = chain_club(&db, TenantId(club), clock.now()).await {
                            tracing::error!(error = %e, club, "logging a club's federation reads failed; the sweep retries");
                        }
                    }
                }
            }
        }
    });
}
