//! Member imports through the web (`members.edit`): the uploaded file is stored with a
//! proposed mapping; the person maps the columns, looks at the report, then starts the
//! all-or-nothing import, which runs in the background while the page shows its progress.
//! The rules are [`crate::imports::import`]'s, the same as on the command line.
//!
//! The import's state lives in `member_imports`: `running` while it runs, its progress
//! (PostgreSQL: written every second from another connection; SQLite, whose one writer the
//! import holds, keeps it in this process's memory as well), and `done` written in the same
//! transaction as the rows, so it is done with every row or not with none. An import left
//! `running` by a process that stopped mid-way (a crash, a kill) stored nothing; at start-up
//! (and every hour) [`recover`] marks it failed and interrupted, and the page says so.

use crate::db::{Backend, Db, TenantTx};
use crate::error::Result;
use crate::imports::import::{self, CommitError};
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tessera_common::dto::{ImportColumn, ImportJob, ImportPreview, Stamp};
use tessera_common::modules::MEMBERS_EDIT;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, Msg, TenantId};

/// The progress of running imports, by import id: rows stored, of how many.
fn running() -> &'static Mutex<HashMap<i64, (usize, usize)>> {
    static RUNNING: OnceLock<Mutex<HashMap<i64, (usize, usize)>>> = OnceLock::new();
    RUNNING.get_or_init(|| Mutex::new(HashMap::new()))
}

fn set_progress(id: i64, p: Option<(usize, usize)>) {
    if let Ok(mut m) = running().lock() {
        match p {
            Some(p) => {
                m.insert(id, p);
            }
            None => {
                m.remove(&id);
            }
        }
    }
}

fn progress_of(id: i64) -> Option<(usize, usize)> {
    running().lock().ok().and_then(|m| m.get(&id).copied())
}

/// This process runs the import `id` while this lives: its entry in [`running`] goes with
/// it, also when the task running the import panics.
struct Running(i64);

impl Running {
    fn start(id: i64) -> Running {
        set_progress(id, Some((0, 0)));
        Running(id)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        set_progress(self.0, None);
    }
}

/// The advisory lock (PostgreSQL) an import's own transaction holds from before it is
/// marked running until it ends, so [`recover`] can tell an import some process still runs
/// from one whose process is gone (its connection closed, its lock released).
fn job_lock(id: i64) -> String {
    format!("member-import-job:{id}")
}

fn store_mapping(m: &[(usize, String)]) -> String {
    m.iter()
        .map(|(c, t)| format!("{c}={t}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_mapping(s: &str) -> Vec<(usize, String)> {
    s.lines()
        .filter_map(|l| {
            let (c, t) = l.split_once('=')?;
            Some((c.parse().ok()?, t.to_string()))
        })
        .collect()
}

/// Stores an uploaded file (checked first: UTF-8, a header, the size and row limits) with
/// the mapping proposed from its header names.
pub async fn upload(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<i64> {
    scope.require(MEMBERS_EDIT)?;
    scope.writable()?;
    let info = import::inspect(&bytes)?;
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let mapping: Vec<(usize, String)> = info
        .suggested
        .iter()
        .map(|c| (c.column, c.target.clone()))
        .collect();
    let id = ids::new_id();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    tx.insert(
        "member_imports",
        vec![
            ("id", id.into()),
            ("file_name", name.into()),
            ("headers", info.headers.join("\n").into()),
            ("row_count", (info.rows as i64).into()),
            ("content", bytes.into()),
            ("mapping", store_mapping(&mapping).into()),
            ("status", "uploaded".into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct JobRow {
    file_name: String,
    headers: String,
    row_count: i64,
    mapping: String,
    status: String,
    added: Option<i64>,
    skipped: Option<i64>,
    error: Option<String>,
    progress_done: Option<i64>,
    progress_total: Option<i64>,
    interrupted_at: Option<i64>,
    version: i64,
    updated_at: i64,
    updated_by_name: Option<String>,
}

async fn row(tx: &mut TenantTx, id: i64) -> Result<JobRow> {
    let r: Option<JobRow> = tx
        .fetch_optional(
            "SELECT file_name, headers, row_count, mapping, status, added, skipped, error, \
             progress_done, progress_total, interrupted_at, \
             version, updated_at, updated_by_name FROM member_imports \
             WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    r.ok_or(AppError::NotFound)
}

/// The uploaded file of an import, read only where the rows are needed (the report, the
/// import itself).
async fn content(db: &Db, scope: &TenantScope, id: i64) -> Result<Vec<u8>> {
    let mut tx = db.tenant_read(scope).await?;
    let r: Option<(Option<Vec<u8>>,)> = tx
        .fetch_optional(
            "SELECT content FROM member_imports WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    tx.commit().await?;
    Ok(r.ok_or(AppError::NotFound)?.0.unwrap_or_default())
}

/// An import with its columns and mapping; with `with_preview`, the full report of what
/// importing it now would do.
pub async fn get(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    id: i64,
    with_preview: bool,
) -> Result<ImportJob> {
    scope.require(MEMBERS_EDIT)?;
    let mut tx = db.tenant_read(scope).await?;
    let r = row(&mut tx, id).await?;
    let custom = import::importable_fields(&mut tx, scope).await?;
    tx.commit().await?;
    let headers: Vec<String> = r.headers.lines().map(str::to_string).collect();
    let mapping = parse_mapping(&r.mapping);
    let columns = headers
        .iter()
        .enumerate()
        .map(|(i, h)| ImportColumn {
            column: i,
            header: h.clone(),
            target: mapping
                .iter()
                .find(|(c, _)| *c == i)
                .map(|(_, t)| t.clone())
                .unwrap_or_else(|| import::IGNORE.to_string()),
        })
        .collect();
    let targets = import::FIELDS
        .iter()
        .map(|f| (f.to_string(), String::new()))
        .chain(
            custom
                .into_iter()
                .map(|f| (format!("custom:{}", f.id), f.label)),
        )
        .collect();
    let preview = if with_preview && r.status != "done" {
        let bytes = content(db, scope, id).await?;
        Some(import::preview(db, scope, now, &bytes, &mapping).await?)
    } else {
        None
    };
    Ok(ImportJob {
        id,
        file_name: r.file_name,
        headers,
        rows: usize::try_from(r.row_count).unwrap_or(0),
        mapping: columns,
        // This process's own count when it runs the import (fresher, and the only one on
        // SQLite), else the one stored.
        progress: (r.status == "running").then(|| {
            progress_of(id).unwrap_or((
                usize::try_from(r.progress_done.unwrap_or(0)).unwrap_or(0),
                usize::try_from(r.progress_total.unwrap_or(0)).unwrap_or(0),
            ))
        }),
        interrupted: r.status == "failed" && r.interrupted_at.is_some(),
        status: r.status,
        added: r.added,
        skipped: r.skipped,
        error: r.error,
        preview,
        targets,
        version: r.version,
        stamp: Stamp {
            at: Timestamp(r.updated_at),
            by: r.updated_by_name,
        },
    })
}

/// Saves the mapping of an import's columns; each target at most once, the names mapped
/// (checked with the import's own rules).
/// The report of an import under a mapping that is not stored (`members.edit`): what
/// [`set_mapping`] would check and show, for the mapping form's preview as it changes.
pub async fn preview_mapping(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    id: i64,
    mapping: &[(usize, String)],
) -> Result<ImportPreview> {
    scope.require(MEMBERS_EDIT)?;
    let mut tx = db.tenant_read(scope).await?;
    row(&mut tx, id).await?;
    tx.commit().await?;
    let bytes = content(db, scope, id).await?;
    import::preview(db, scope, now, &bytes, mapping).await
}

pub async fn set_mapping(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    mapping: &[(usize, String)],
) -> Result<()> {
    scope.require(MEMBERS_EDIT)?;
    let mut tx = db.tenant_read(scope).await?;
    let r = row(&mut tx, id).await?;
    tx.commit().await?;
    if r.status == "running" || r.status == "done" {
        return Err(AppError::Conflict(Msg::ErrImportStarted.into()));
    }
    let bytes = content(db, scope, id).await?;
    // The preview refuses a mapping it cannot use, per column; nothing is stored then.
    import::preview(db, scope, now, &bytes, mapping).await?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    tx.update(
        "member_imports",
        id,
        vec![("mapping", store_mapping(mapping).into())],
        None,
    )
    .await?;
    tx.commit().await
}

/// Starts the import in the background (all or nothing); the page shows its progress. A
/// second start of the same import (a double click) is refused.
pub async fn start(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    scope.require(MEMBERS_EDIT)?;
    scope.writable()?;
    // Read before the import is marked running, so a failure here leaves it as it was.
    let bytes = content(db, scope, id).await?;
    // PostgreSQL: the import's own transaction is opened and holds the import's lock before
    // the import is marked running, so whenever it shows as running, either its runner
    // holds that lock or its runner is gone (see `recover`). SQLite: one process serves the
    // file, and the one writer could not open both transactions at once.
    let held = match db.backend() {
        Backend::Postgres => {
            let mut tx = db.bulk().tenant_write(scope, actor, now).await?;
            tx.lock(&job_lock(id)).await?;
            Some(tx)
        }
        Backend::Sqlite => None,
    };
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let r = row(&mut tx, id).await?;
    let n = tx
        .execute(
            "UPDATE member_imports SET status = 'running', error = NULL, interrupted_at = NULL, \
             progress_done = 0, progress_total = NULL, version = version + 1, \
             updated_at = $3, updated_by = $4, updated_by_name = $5 \
             WHERE tenant_id = $1 AND id = $2 AND status IN ('uploaded', 'failed')",
            args![id, now, actor.identity, actor.stamp_name()],
        )
        .await?;
    tx.commit().await?;
    if n != 1 {
        return Err(AppError::Conflict(Msg::ErrImportRunning.into()));
    }
    let mapping = parse_mapping(&r.mapping);
    let running = Running::start(id);
    let (db, scope, actor) = (db.clone(), scope.clone(), actor.clone());
    tokio::spawn(async move {
        // In a task of its own, so a panic in it is recorded as the import's failure
        // instead of leaving it running until the next recovery.
        let job = {
            let (db, scope, actor) = (db.clone(), scope.clone(), actor.clone());
            tokio::spawn(async move {
                run(&db, &scope, &actor, now, id, &bytes, &mapping, held).await;
            })
        };
        if let Err(e) = job.await {
            let message = crate::error::internal(format!("member import {id}: {e}")).to_json();
            record_failure(&db, &scope, &actor, now, id, message).await;
        }
        drop(running);
    });
    Ok(())
}

/// Records that an import failed, with the message the page shows.
async fn record_failure(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    message: String,
) {
    let write = async {
        let mut tx = db.member_import_state(scope, actor, now).await?;
        tx.update(
            "UPDATE member_imports SET status = 'failed', error = $3, version = version + 1 \
             WHERE tenant_id = $1 AND id = $2 AND status = 'running'",
            args![id, message],
        )
        .await?;
        tx.commit().await
    };
    if let Err(e) = write.await {
        tracing::error!("recording the end of import {id}: {e}");
    }
}

/// Runs a started import to its end and records it.
#[allow(clippy::too_many_arguments)]
async fn run(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    bytes: &[u8],
    mapping: &[(usize, String)],
    held: Option<TenantTx>,
) {
    let counts = Arc::new((
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicBool::new(false),
    ));
    if db.backend() == Backend::Postgres {
        tokio::spawn(write_progress(
            db.clone(),
            scope.clone(),
            actor.clone(),
            now,
            id,
            counts.clone(),
        ));
    }
    let progress = |done: usize, total: usize| {
        set_progress(id, Some((done, total)));
        counts.0.store(done, Ordering::Relaxed);
        counts.1.store(total, Ordering::Relaxed);
    };
    let outcome = async {
        let tx = match held {
            Some(tx) => tx,
            None => db.bulk().tenant_write(scope, actor, now).await?,
        };
        let (mut tx, o) = import::store(tx, scope, now, bytes, mapping, &progress).await?;
        // The end is written with the rows: done with all of them, or neither.
        tx.update(
            "member_imports",
            id,
            vec![
                ("status", "done".into()),
                ("added", (o.added as i64).into()),
                ("skipped", (o.skipped_duplicates as i64).into()),
                ("progress_done", (o.added as i64).into()),
                ("progress_total", (o.added as i64).into()),
            ],
            None,
        )
        .await?;
        tx.commit().await?;
        Ok::<_, CommitError>(())
    }
    .await;
    counts.2.store(true, Ordering::Relaxed);
    if let Err(e) = outcome {
        // Stored as the error's JSON, shown in the reader's language.
        let message = CommitError::into_app_error(e).to_json();
        record_failure(db, scope, actor, now, id, message).await;
    }
}

/// PostgreSQL: stores a running import's progress once a second (from another connection
/// than the import's, so every app server's page shows it) until it ends.
async fn write_progress(
    db: Db,
    scope: TenantScope,
    actor: Actor,
    now: Timestamp,
    id: i64,
    counts: Arc<(AtomicUsize, AtomicUsize, AtomicBool)>,
) {
    let mut written = (0, 0);
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        if counts.2.load(Ordering::Relaxed) {
            return;
        }
        let now_counts = (
            counts.0.load(Ordering::Relaxed),
            counts.1.load(Ordering::Relaxed),
        );
        if now_counts == written {
            continue;
        }
        let write = async {
            let mut tx = db.member_import_state(&scope, &actor, now).await?;
            tx.update(
                "UPDATE member_imports SET progress_done = $3, progress_total = $4 \
                 WHERE tenant_id = $1 AND id = $2 AND status = 'running'",
                args![id, now_counts.0 as i64, now_counts.1 as i64],
            )
            .await?;
            tx.commit().await
        };
        match write.await {
            Ok(()) => written = now_counts,
            Err(e) => tracing::warn!("storing the progress of import {id}: {e}"),
        }
    }
}

#[derive(sqlx::FromRow)]
struct RunningRow {
    tenant_id: i64,
    id: i64,
}

/// Marks failed (interrupted) every import left running by a process that stopped while it
/// ran: at start-up of `serve`, and every hour. Nothing of such an import was stored (its
/// rows and its end are one transaction), so it can be started again. An import this
/// process runs is left alone; on PostgreSQL so is one whose runner still holds its lock
/// (another app server), waited for two seconds. Returns how many were marked.
pub async fn recover(db: &Db, now: Timestamp) -> Result<usize> {
    let sql = match db.backend() {
        Backend::Postgres => "SELECT tenant_id, id FROM running_member_imports()",
        Backend::Sqlite => "SELECT tenant_id, id FROM member_imports WHERE status = 'running'",
    };
    let mut tx = db.platform(false).await?;
    let found: Vec<RunningRow> = tx.fetch_all(sql, vec![]).await?;
    tx.commit().await?;
    let actor = Actor::system_labelled("recover-imports", "Tessera");
    let mut marked = 0;
    for r in found {
        if progress_of(r.id).is_some() {
            continue;
        }
        let Some(tenant) = crate::tenants::find_by_id(db, TenantId(r.tenant_id)).await? else {
            continue;
        };
        let scope = TenantScope::for_system_task(&crate::jobs::SystemTask::background(), tenant);
        let mut tx = db.member_import_state(&scope, &actor, now).await?;
        if !tx
            .lock_within(&job_lock(r.id), Duration::from_secs(2))
            .await?
        {
            continue;
        }
        let n = tx
            .update(
                "UPDATE member_imports SET status = 'failed', error = NULL, interrupted_at = $3, \
                 version = version + 1, updated_at = $3, updated_by = NULL, updated_by_name = $4 \
                 WHERE tenant_id = $1 AND id = $2 AND status = 'running'",
                args![r.id, now, actor.stamp_name()],
            )
            .await?;
        tx.commit().await?;
        if n == 1 {
            tracing::warn!(
                tenant = r.tenant_id,
                import = r.id,
                "a member import was interrupted (its process stopped); marked failed, nothing of it was stored"
            );
            marked += 1;
        }
    }
    Ok(marked)
}
