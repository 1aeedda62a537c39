//! Member imports through the web (`members.edit`): the uploaded file is stored with a
//! proposed mapping; the person maps the columns, looks at the report, then starts the
//! all-or-nothing import, which runs in the background while the page shows its progress.
//! The rules are [`crate::import`]'s, the same as on the command line.

use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::import::{self, CommitError};
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use tessera_common::dto::{ImportColumn, ImportJob, Stamp};
use tessera_common::modules::MEMBERS_EDIT;
use tessera_common::time::Timestamp;
use tessera_common::AppError;
use tessera_common::Msg;

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
    version: i64,
    updated_at: i64,
    updated_by_name: Option<String>,
}

async fn row(tx: &mut TenantTx, id: i64) -> Result<JobRow> {
    let r: Option<JobRow> = tx
        .fetch_optional(
            "SELECT file_name, headers, row_count, mapping, status, added, skipped, error, \
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
        progress: progress_of(id),
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
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let r = row(&mut tx, id).await?;
    let n = tx
        .execute(
            "UPDATE member_imports SET status = 'running', error = NULL, version = version + 1, \
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
    set_progress(id, Some((0, 0)));
    let (db, scope, actor) = (db.clone(), scope.clone(), actor.clone());
    tokio::spawn(async move {
        let outcome = import::commit(
            &db,
            &scope,
            &actor,
            now,
            &bytes,
            &mapping,
            &|done, total| set_progress(id, Some((done, total))),
        )
        .await;
        let cols: Vec<(&str, crate::db::Value)> = match outcome {
            Ok(o) => vec![
                ("status", "done".into()),
                ("added", (o.added as i64).into()),
                ("skipped", (o.skipped_duplicates as i64).into()),
            ],
            Err(e) => {
                // Stored as the error's JSON, shown in the reader's language.
                let message = CommitError::into_app_error(e).to_json();
                vec![("status", "failed".into()), ("error", message.into())]
            }
        };
        let write = async {
            let mut tx = db.tenant_write_always(&scope, &actor, now).await?;
            tx.update("member_imports", id, cols, None).await?;
            tx.commit().await
        };
        if let Err(e) = write.await {
            tracing::error!("recording the end of import {id}: {e}");
        }
        set_progress(id, None);
    });
    Ok(())
}
