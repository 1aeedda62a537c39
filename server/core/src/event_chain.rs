//! Tamper evidence for the event logs: every club's log (`security_events`, one chain per
//! tenant) and the platform's (`platform_events`, one chain) are hash chains.
//!
//! An entry holds its place in its chain (`seq`: 1, 2, 3, …), the hash of the entry before
//! it (`prev_hash`; the chain's anchor hash for the first) and its own `hash`: SHA-256 over
//! the chain, `seq`, its content (id, person, kind, the detail's digest, address, instant)
//! and `prev_hash` (see [`entry_hash`]). The detail itself is covered through its digest
//! (`detail_sha`: SHA-256 over a random per-entry `detail_salt` and the detail, see
//! [`detail_digest`]), so an erasure may replace a detail that names the erased person by
//! [`ERASED`] and drop the salt (the one change the triggers allow) without breaking the
//! chain: [`verify`] counts such entries as erased; any other change of a detail no
//! longer matches its digest. Without the salt the digest tells nothing about the erased
//! detail (no guessing a name and comparing). A head row per chain (`security_event_heads`,
//! `platform_event_head`) holds the newest `seq` and hash and the anchor (`anchor_seq`,
//! `anchor_hash`: where verification starts once the oldest entries were pruned). The one
//! writer ([`append`], called by `TenantTx::log`, `Tx::insert_tenant_event` and
//! `accounts::events`) moves the head in the transaction that adds the entry: its first
//! statement updates the head row, whose row lock (PostgreSQL) makes a second writer of the
//! same chain wait until the first commits, so two writers cannot both extend the same
//! entry; SQLite's writes run one at a time anyway.
//!
//! A changed entry no longer matches its hash; a deleted one leaves a gap in `seq` (or, at
//! the end, a head beyond the last entry); an entry inserted by hand has no hash or a
//! wrong link. [`verify`] reports the first such break of each chain. Entries up to the
//! anchor may be deleted (the triggers of migration 0026 allow nothing else): [`prune`]
//! moves the anchor to the newest entry that goes and deletes the entries up to it.

use crate::db::{Backend, Tx, Value};
use crate::error::Result;
use sha2::{Digest, Sha256};
use tessera_common::time::Timestamp;
use tessera_common::TenantId;

/// What an erasure leaves of a detail that named the erased person.
pub const ERASED: &str = "[erased]";

/// The hash before a chain's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Which chain an entry belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chain {
    /// A tenant's event log (`security_events` of that tenant).
    Tenant(TenantId),
    /// The platform's event log (`platform_events`: a person's sign-ins, factors, …).
    Platform,
}

/// The content of one entry, as hashed.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub identity_id: Option<i64>,
    pub kind: String,
    pub detail: Option<String>,
    pub address: Option<String>,
    pub at: i64,
}

fn field(h: &mut Sha256, value: Option<&[u8]>) {
    match value {
        None => h.update([0u8]),
        Some(v) => {
            h.update([1u8]);
            h.update((v.len() as u64).to_be_bytes());
            h.update(v);
        }
    }
}

/// SHA-256 (hex) of a detail with its salt (both length-prefixed after a version tag).
pub fn detail_digest(salt: &str, detail: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"tessera-event-detail-v1");
    field(&mut h, Some(salt.as_bytes()));
    field(&mut h, Some(detail.as_bytes()));
    hex(&h.finalize())
}

/// A new entry's salt and digest (none without a detail).
fn seal(detail: Option<&str>) -> Result<(Option<String>, Option<String>)> {
    match detail {
        None => Ok((None, None)),
        Some(d) => {
            let salt = hex(&crate::ids::random_bytes::<16>()?);
            let sha = detail_digest(&salt, d);
            Ok((Some(salt), Some(sha)))
        }
    }
}

/// SHA-256 (hex) of an entry: a version tag, the chain (`tenant:<id>` or `platform`), its
/// seq, every field of its content (the detail by its digest `detail_sha`) and the previous
/// entry's hash, each field length-prefixed (a missing value marked as such), so no two
/// different entries hash alike by moving bytes from one field into the next.
pub fn entry_hash(
    chain: Chain,
    seq: i64,
    e: &Entry,
    detail_sha: Option<&str>,
    prev_hash: &str,
) -> String {
    let mut h = Sha256::new();
    h.update(b"tessera-event-chain-v2");
    let chain_name = match chain {
        Chain::Tenant(t) => format!("tenant:{}", t.0),
        Chain::Platform => "platform".to_string(),
    };
    field(&mut h, Some(chain_name.as_bytes()));
    field(&mut h, Some(&seq.to_be_bytes()));
    field(&mut h, Some(&e.id.to_be_bytes()));
    field(
        &mut h,
        e.identity_id.map(i64::to_be_bytes).as_ref().map(|b| &b[..]),
    );
    field(&mut h, Some(e.kind.as_bytes()));
    field(&mut h, detail_sha.map(str::as_bytes));
    field(&mut h, e.address.as_deref().map(str::as_bytes));
    field(&mut h, Some(&e.at.to_be_bytes()));
    field(&mut h, Some(prev_hash.as_bytes()));
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Moves the chain's head one entry on (creating the head at the genesis when the chain has
/// none) and returns the new entry's seq and the hash before it. The head row's update is
/// the first statement, so on PostgreSQL its row lock is taken before anything is read.
async fn advance(tx: &mut Tx, chain: Chain) -> Result<(i64, String)> {
    for _ in 0..2 {
        let head: Option<(i64, String)> = match chain {
            Chain::Tenant(t) => {
                tx.fetch_optional(
                    "UPDATE security_event_heads SET head_seq = head_seq + 1 WHERE tenant_id = $1 \
                     RETURNING head_seq, head_hash",
                    vec![Value::from(t)],
                )
                .await?
            }
            Chain::Platform => {
                tx.fetch_optional(
                    "UPDATE platform_event_head SET head_seq = head_seq + 1 WHERE id = 1 \
                     RETURNING head_seq, head_hash",
                    vec![],
                )
                .await?
            }
        };
        if let Some(h) = head {
            return Ok(h);
        }
        match chain {
            Chain::Tenant(t) => {
                tx.execute(
                    "INSERT INTO security_event_heads (tenant_id, head_seq, head_hash, anchor_seq, anchor_hash) \
                     VALUES ($1, 0, $2, 0, $2) ON CONFLICT (tenant_id) DO NOTHING",
                    vec![Value::from(t), Value::from(GENESIS)],
                )
                .await?;
            }
            Chain::Platform => {
                tx.execute(
                    "INSERT INTO platform_event_head (id, head_seq, head_hash, anchor_seq, anchor_hash) \
                     VALUES (1, 0, $1, 0, $1) ON CONFLICT (id) DO NOTHING",
                    vec![Value::from(GENESIS)],
                )
                .await?;
            }
        }
    }
    Err(crate::error::internal(
        "the event chain's head cannot be created",
    ))
}

async fn set_head_hash(tx: &mut Tx, chain: Chain, hash: &str) -> Result<()> {
    match chain {
        Chain::Tenant(t) => tx
            .execute(
                "UPDATE security_event_heads SET head_hash = $2 WHERE tenant_id = $1",
                vec![Value::from(t), Value::from(hash)],
            )
            .await
            .map(|_| ()),
        Chain::Platform => tx
            .execute(
                "UPDATE platform_event_head SET head_hash = $1 WHERE id = 1",
                vec![Value::from(hash)],
            )
            .await
            .map(|_| ()),
    }
}

/// Appends one entry to its chain in `tx`: the one way an event is written (on PostgreSQL,
/// for a tenant's chain, `app.tenant_id` must name that tenant for this call).
pub(crate) async fn append(tx: &mut Tx, chain: Chain, e: &Entry) -> Result<()> {
    let (salt, sha) = seal(e.detail.as_deref())?;
    let (seq, prev) = advance(tx, chain).await?;
    let hash = entry_hash(chain, seq, e, sha.as_deref(), &prev);
    let content = [
        Value::from(e.id),
        Value::Int(e.identity_id),
        Value::from(e.kind.as_str()),
        Value::from(e.detail.clone()),
        Value::from(e.address.clone()),
        Value::from(e.at),
        Value::from(seq),
        Value::from(prev),
        Value::from(hash.as_str()),
        Value::from(salt),
        Value::from(sha),
    ];
    match chain {
        Chain::Tenant(t) => {
            let mut args = vec![Value::from(t)];
            args.extend(content);
            tx.execute(
                "INSERT INTO security_events (tenant_id, id, identity_id, kind, detail, address, at, seq, prev_hash, hash, detail_salt, detail_sha) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                args,
            )
            .await?;
        }
        Chain::Platform => {
            tx.execute(
                "INSERT INTO platform_events (id, identity_id, kind, detail, address, at, seq, prev_hash, hash, detail_salt, detail_sha) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                content.to_vec(),
            )
            .await?;
        }
    }
    set_head_hash(tx, chain, &hash).await
}

/// Appends `entries` to one tenant's chain in `tx`, in their order, in three statements per
/// [`APPEND_ROWS`] entries (the head moved by their number at once, the entries written in
/// one statement, the head's hash set): the queued federation reads of a club
/// (`fedreads::queue`). The entries go as one JSON parameter, so the statement's text is
/// always the same: as thousands of parameters, SQLite's binding by number (a search of the
/// statement's list of names for each) took time in their number squared. On PostgreSQL
/// `app.tenant_id` must name that tenant.
pub(crate) async fn append_many(tx: &mut Tx, tenant: TenantId, entries: &[Entry]) -> Result<()> {
    let sql = match tx.backend() {
        Backend::Postgres => {
            "INSERT INTO security_events (tenant_id, id, identity_id, kind, detail, address, at, seq, prev_hash, hash, detail_salt, detail_sha) \
             SELECT $1, CAST(j.value ->> 0 AS BIGINT), CAST(j.value ->> 1 AS BIGINT), j.value ->> 2, \
             j.value ->> 3, j.value ->> 4, CAST(j.value ->> 5 AS BIGINT), CAST(j.value ->> 6 AS BIGINT), \
             j.value ->> 7, j.value ->> 8, j.value ->> 9, j.value ->> 10 \
             FROM json_array_elements(CAST($2 AS JSON)) j"
        }
        Backend::Sqlite => {
            "INSERT INTO security_events (tenant_id, id, identity_id, kind, detail, address, at, seq, prev_hash, hash, detail_salt, detail_sha) \
             SELECT $1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), \
             json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), \
             json_extract(value, '$[6]'), json_extract(value, '$[7]'), json_extract(value, '$[8]'), \
             json_extract(value, '$[9]'), json_extract(value, '$[10]') FROM json_each($2)"
        }
    };
    for batch in entries.chunks(APPEND_ROWS) {
        let n = batch.len() as i64;
        let chain = Chain::Tenant(tenant);
        let (last_seq, mut prev) = advance_by(tx, tenant, n).await?;
        let mut rows: Vec<serde_json::Value> = Vec::with_capacity(batch.len());
        for (i, e) in batch.iter().enumerate() {
            let seq = last_seq - n + 1 + i as i64;
            let (salt, sha) = seal(e.detail.as_deref())?;
            let hash = entry_hash(chain, seq, e, sha.as_deref(), &prev);
            rows.push(serde_json::json!([
                e.id,
                e.identity_id,
                e.kind,
                e.detail,
                e.address,
                e.at,
                seq,
                prev,
                hash,
                salt,
                sha
            ]));
            prev = hash;
        }
        let rows = serde_json::Value::Array(rows).to_string();
        tx.execute(sql, vec![Value::from(tenant), Value::from(rows)])
            .await?;
        set_head_hash(tx, chain, &prev).await?;
    }
    Ok(())
}

/// The most entries [`append_many`] writes in one statement.
pub(crate) const APPEND_ROWS: usize = 1_000;

/// Moves a tenant's head by `n` (creating it first if needed): its new sequence number
/// and the hash it had (the previous entry's).
async fn advance_by(tx: &mut Tx, tenant: TenantId, n: i64) -> Result<(i64, String)> {
    for _ in 0..2 {
        let head: Option<(i64, String)> = tx
            .fetch_optional(
                "UPDATE security_event_heads SET head_seq = head_seq + $2 WHERE tenant_id = $1 \
                 RETURNING head_seq, head_hash",
                vec![Value::from(tenant), Value::from(n)],
            )
            .await?;
        if let Some(h) = head {
            return Ok(h);
        }
        tx.execute(
            "INSERT INTO security_event_heads (tenant_id, head_seq, head_hash, anchor_seq, anchor_hash) \
             VALUES ($1, 0, $2, 0, $2) ON CONFLICT (tenant_id) DO NOTHING",
            vec![Value::from(tenant), Value::from(GENESIS)],
        )
        .await?;
    }
    Err(crate::error::internal(
        "the event chain's head cannot be created",
    ))
}

/// A helper row: an entry with its chain columns.
#[derive(sqlx::FromRow)]
struct Stored {
    id: i64,
    identity_id: Option<i64>,
    kind: String,
    detail: Option<String>,
    address: Option<String>,
    at: i64,
    seq: Option<i64>,
    prev_hash: Option<String>,
    hash: Option<String>,
    detail_salt: Option<String>,
    detail_sha: Option<String>,
}

impl Stored {
    fn entry(&self) -> Entry {
        Entry {
            id: self.id,
            identity_id: self.identity_id,
            kind: self.kind.clone(),
            detail: self.detail.clone(),
            address: self.address.clone(),
            at: self.at,
        }
    }
}

async fn entries(tx: &mut Tx, chain: Chain) -> Result<Vec<Stored>> {
    match chain {
        Chain::Tenant(t) => {
            tx.fetch_all(
                "SELECT id, identity_id, kind, detail, address, at, seq, prev_hash, hash, detail_salt, detail_sha FROM security_events \
                 WHERE tenant_id = $1 ORDER BY seq, at, id",
                vec![Value::from(t)],
            )
            .await
        }
        Chain::Platform => {
            tx.fetch_all(
                "SELECT id, identity_id, kind, detail, address, at, seq, prev_hash, hash, detail_salt, detail_sha FROM platform_events \
                 ORDER BY seq, at, id",
                vec![],
            )
            .await
        }
    }
}

/// A chain's head row: (head_seq, head_hash, anchor_seq, anchor_hash).
type Head = (i64, String, i64, String);

async fn head(tx: &mut Tx, chain: Chain) -> Result<Option<Head>> {
    match chain {
        Chain::Tenant(t) => {
            tx.fetch_optional(
                "SELECT head_seq, head_hash, anchor_seq, anchor_hash FROM security_event_heads WHERE tenant_id = $1",
                vec![Value::from(t)],
            )
            .await
        }
        Chain::Platform => {
            tx.fetch_optional(
                "SELECT head_seq, head_hash, anchor_seq, anchor_hash FROM platform_event_head WHERE id = 1",
                vec![],
            )
            .await
        }
    }
}

/// Chains the entries written before migration 0026 (in the order they were written), for
/// every chain that has no head yet: once, right after the migrations. A chain that has a
/// head is never touched again, so an entry slipped in by hand later stays unchained and
/// [`verify`] reports it. Runs as the owner in maintenance mode (PostgreSQL).
pub(crate) async fn chain_existing(tx: &mut Tx, tenants: &[TenantId]) -> Result<()> {
    let mut chains: Vec<Chain> = vec![Chain::Platform];
    chains.extend(tenants.iter().map(|t| Chain::Tenant(*t)));
    for chain in chains {
        if head(tx, chain).await?.is_some() {
            continue;
        }
        let rows = entries(tx, chain).await?;
        if rows.is_empty() {
            continue;
        }
        let mut prev = GENESIS.to_string();
        let mut seq = 0;
        let mut rows = rows;
        rows.sort_by_key(|r| (r.at, r.id));
        for r in &rows {
            seq += 1;
            let (salt, sha) = seal(r.detail.as_deref())?;
            let hash = entry_hash(chain, seq, &r.entry(), sha.as_deref(), &prev);
            let args = vec![
                Value::from(seq),
                Value::from(prev.as_str()),
                Value::from(hash.as_str()),
                Value::from(r.id),
                Value::from(salt),
                Value::from(sha),
            ];
            match chain {
                Chain::Tenant(t) => {
                    let mut all = vec![Value::from(t)];
                    all.extend(args);
                    tx.execute(
                        "UPDATE security_events SET seq = $2, prev_hash = $3, hash = $4, \
                         detail_salt = $6, detail_sha = $7 WHERE tenant_id = $1 AND id = $5 AND hash IS NULL",
                        all,
                    )
                    .await?;
                }
                Chain::Platform => {
                    tx.execute(
                        "UPDATE platform_events SET seq = $1, prev_hash = $2, hash = $3, detail_salt = $5, \
                         detail_sha = $6 WHERE id = $4 AND hash IS NULL",
                        args,
                    )
                    .await?;
                }
            }
            prev = hash;
        }
        match chain {
            Chain::Tenant(t) => {
                tx.execute(
                    "INSERT INTO security_event_heads (tenant_id, head_seq, head_hash, anchor_seq, anchor_hash) \
                     VALUES ($1, $2, $3, 0, $4)",
                    vec![
                        Value::from(t),
                        Value::from(seq),
                        Value::from(prev),
                        Value::from(GENESIS),
                    ],
                )
                .await?;
            }
            Chain::Platform => {
                tx.execute(
                    "INSERT INTO platform_event_head (id, head_seq, head_hash, anchor_seq, anchor_hash) \
                     VALUES (1, $1, $2, 0, $3)",
                    vec![Value::from(seq), Value::from(prev), Value::from(GENESIS)],
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// The first break found in a chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Break {
    /// The entry where the chain breaks (`None`: at the chain's end).
    pub entry_id: Option<i64>,
    /// Its place in the chain, when it has one.
    pub seq: Option<i64>,
    pub problem: String,
}

/// What [`verify`] found for one chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainReport {
    pub chain: Chain,
    /// Entries checked (those after the anchor).
    pub entries: u64,
    /// Of those, entries whose detail an erasure replaced by [`ERASED`] (their digest
    /// stays in the chain; the detail it covered cannot be checked any more).
    pub erased: u64,
    /// Verification starts after this entry (0: from the first; more after pruning).
    pub anchor_seq: i64,
    /// The newest entry's seq and hash (to keep outside the database, e.g. with the backups).
    pub head_seq: i64,
    pub head_hash: String,
    pub broken: Option<Break>,
}

/// Checks one chain from its anchor to its head and reports its first break.
pub(crate) async fn verify(tx: &mut Tx, chain: Chain) -> Result<ChainReport> {
    let rows = entries(tx, chain).await?;
    let head = head(tx, chain).await?;
    let (head_seq, head_hash, anchor_seq, anchor_hash) =
        head.unwrap_or((0, GENESIS.to_string(), 0, GENESIS.to_string()));
    let mut report = ChainReport {
        chain,
        entries: 0,
        erased: 0,
        anchor_seq,
        head_seq,
        head_hash: head_hash.clone(),
        broken: None,
    };
    let brk = |r: &Stored, problem: String| Break {
        entry_id: Some(r.id),
        seq: r.seq,
        problem,
    };
    // An entry without a place in the chain was not written by the chain's writer.
    if let Some(r) = rows.iter().find(|r| r.seq.is_none() || r.hash.is_none()) {
        report.broken = Some(brk(
            r,
            "the entry is not part of the chain (no hash): it was added outside the event writer"
                .into(),
        ));
        return Ok(report);
    }
    let mut expected = anchor_seq + 1;
    let mut prev = anchor_hash;
    for r in rows.iter().filter(|r| r.seq.unwrap_or(0) > anchor_seq) {
        let seq = r.seq.unwrap_or(0);
        if seq != expected {
            report.broken = Some(brk(
                r,
                if expected + 1 == seq {
                    format!("entry {expected}, the one before it, is missing (deleted)")
                } else {
                    format!(
                        "entries {expected} to {} before it are missing (deleted)",
                        seq - 1
                    )
                },
            ));
            return Ok(report);
        }
        if r.prev_hash.as_deref() != Some(prev.as_str()) {
            report.broken = Some(brk(
                r,
                "its link to the entry before it is wrong (that entry was replaced, or this one was inserted)".into(),
            ));
            return Ok(report);
        }
        // The detail against its digest, unless an erasure replaced it (placeholder, salt
        // gone, digest kept).
        let erased = r.detail.as_deref() == Some(ERASED)
            && r.detail_salt.is_none()
            && r.detail_sha.is_some();
        let detail_ok = erased
            || match (&r.detail, &r.detail_salt, &r.detail_sha) {
                (None, None, None) => true,
                (Some(d), Some(salt), Some(sha)) => detail_digest(salt, d) == *sha,
                _ => false,
            };
        let computed = entry_hash(chain, seq, &r.entry(), r.detail_sha.as_deref(), &prev);
        if !detail_ok || r.hash.as_deref() != Some(computed.as_str()) {
            report.broken = Some(brk(
                r,
                "its content does not match its hash: it was changed after it was written".into(),
            ));
            return Ok(report);
        }
        prev = computed;
        expected += 1;
        report.entries += 1;
        report.erased += u64::from(erased);
    }
    let last = expected - 1;
    if last != head_seq {
        report.broken = Some(Break {
            entry_id: None,
            seq: Some(last),
            problem: if last < head_seq {
                format!(
                    "the chain ends at entry {last} but its head says {head_seq}: the newest entries were deleted"
                )
            } else {
                format!("the chain goes on to entry {last} past its head {head_seq}")
            },
        });
    } else if prev != head_hash {
        report.broken = Some(Break {
            entry_id: None,
            seq: Some(last),
            problem:
                "the last entry's hash differs from the chain head's: the newest entry was replaced"
                    .into(),
        });
    }
    Ok(report)
}

/// Prunes a chain: deletes its entries up to the newest one written before `before` (at
/// most `limit` of them, oldest first, when given), after moving its anchor to the last
/// entry that goes (its seq and hash), in `tx`; the chain stays verifiable from the anchor
/// on. Returns how many entries went. The only way entries may be deleted (the triggers
/// refuse any other): the retention of security events (in batches) and a club's deletion
/// (with `before` past every entry) go through here. On PostgreSQL, for a tenant's chain,
/// `app.tenant_id` must name that tenant (a `TenantTx`).
pub(crate) async fn prune(
    tx: &mut Tx,
    chain: Chain,
    before: Timestamp,
    limit: Option<u64>,
) -> Result<u64> {
    let (table, only) = match chain {
        Chain::Tenant(_) => ("security_events", "tenant_id = $1 AND "),
        Chain::Platform => ("platform_events", ""),
    };
    let tenant_arg = |mut rest: Vec<Value>| match chain {
        Chain::Tenant(t) => {
            rest.insert(0, Value::from(t));
            rest
        }
        Chain::Platform => rest,
    };
    let n = |i: usize| match chain {
        Chain::Tenant(_) => format!("${}", i + 1),
        Chain::Platform => format!("${i}"),
    };
    let newest: Option<(i64,)> = tx
        .fetch_optional(
            &format!(
                "SELECT seq FROM {table} WHERE {only}at < {} AND seq IS NOT NULL \
                 ORDER BY seq DESC LIMIT 1",
                n(1)
            ),
            tenant_arg(vec![Value::from(before)]),
        )
        .await?;
    let Some((mut upto,)) = newest else {
        return Ok(0);
    };
    if let Some(limit) = limit {
        let offset = i64::try_from(limit.max(1) - 1).unwrap_or(i64::MAX);
        let nth: Option<(i64,)> = tx
            .fetch_optional(
                &format!(
                    "SELECT seq FROM {table} WHERE {only}seq IS NOT NULL AND seq <= {} \
                     ORDER BY seq LIMIT 1 OFFSET {}",
                    n(1),
                    n(2)
                ),
                tenant_arg(vec![Value::from(upto), Value::from(offset)]),
            )
            .await?;
        if let Some((seq,)) = nth {
            upto = upto.min(seq);
        }
    }
    let last: Option<(i64, String)> = tx
        .fetch_optional(
            &format!(
                "SELECT seq, hash FROM {table} WHERE {only}seq = {} AND hash IS NOT NULL",
                n(1)
            ),
            tenant_arg(vec![Value::from(upto)]),
        )
        .await?;
    let Some((seq, hash)) = last else {
        return Ok(0);
    };
    match chain {
        Chain::Tenant(t) => {
            tx.execute(
                "UPDATE security_event_heads SET anchor_seq = $2, anchor_hash = $3 \
                 WHERE tenant_id = $1 AND anchor_seq < $2",
                vec![Value::from(t), Value::from(seq), Value::from(hash)],
            )
            .await?;
            tx.execute(
                "DELETE FROM security_events WHERE tenant_id = $1 AND seq <= $2",
                vec![Value::from(t), Value::from(seq)],
            )
            .await
        }
        Chain::Platform => {
            tx.execute(
                "UPDATE platform_event_head SET anchor_seq = $1, anchor_hash = $2 \
                 WHERE id = 1 AND anchor_seq < $1",
                vec![Value::from(seq), Value::from(hash)],
            )
            .await?;
            tx.execute(
                "DELETE FROM platform_events WHERE seq <= $1",
                vec![Value::from(seq)],
            )
            .await
        }
    }
}

/// Verifies the platform's chain and every tenant's (or only the tenant with short name
/// `only`: `NotFound` when there is none) on `db`, which must
/// read every tenant: the owner role on PostgreSQL (see [`crate::db::Db::owner_check`]).
/// One snapshot for all chains. Each report carries the chain's name (`platform`, or the
/// tenant's kind and short name).
pub async fn verify_log(
    db: &crate::db::Db,
    only: Option<&str>,
) -> Result<Vec<(String, ChainReport)>> {
    let mut tx = db.owner_snapshot().await?;
    let tenants: Vec<(i64, String, String)> = tx
        .fetch_all("SELECT id, kind, slug FROM tenants ORDER BY id", vec![])
        .await?;
    if only.is_some_and(|slug| !tenants.iter().any(|(_, _, s)| s == slug)) {
        return Err(tessera_common::AppError::NotFound);
    }
    let mut out = Vec::new();
    if only.is_none() {
        out.push((
            "platform".to_string(),
            verify(&mut tx, Chain::Platform).await?,
        ));
    }
    for (id, kind, slug) in tenants {
        if only.is_some_and(|s| s != slug) {
            continue;
        }
        let report = verify(&mut tx, Chain::Tenant(TenantId(id))).await?;
        out.push((format!("{kind} {slug} (tenant {id})"), report));
    }
    tx.commit().await?;
    Ok(out)
}

/// Prunes the platform's event log (a person's sign-ins, factors, …): the entries written
/// before `before` go, the anchor moves to the newest of them (see [`prune`]); returns how
/// many went. For the retention job; a tenant's log is pruned through
/// `TenantTx::prune_events`.
pub async fn prune_platform_events(db: &crate::db::Db, before: Timestamp) -> Result<u64> {
    let mut tx = db.platform(true).await?;
    let n = prune(&mut tx, Chain::Platform, before, None).await?;
    tx.commit().await?;
    Ok(n)
}
