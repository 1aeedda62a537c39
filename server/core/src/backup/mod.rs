//! Backups: `tessera backup` and `tessera restore`, on SQLite and PostgreSQL.
//!
//! A backup is logical and the same for both databases: every table of the schema (all of
//! `public` on PostgreSQL, every table on SQLite) but the migrations' ledger and the web
//! sessions, read in one snapshot while the server goes on serving (PostgreSQL: one
//! REPEATABLE READ READ ONLY transaction as the owner role, in maintenance mode so
//! row-level security shows every tenant; SQLite: one read transaction of a reader
//! connection, which sees one moment of the WAL while the writer goes on). The body is a
//! gzip stream of JSON lines (below), framed, optionally encrypted, and checksummed (see
//! [`format`]). So a SQLite backup restores into PostgreSQL and the other way round, as long
//! as both are at the same schema (the last migration, in the header).
//!
//! Body lines: `{"table":{"name":…,"columns":[[name,type],…]}}` opens a table (types
//! `int`, `text`, `bool`, `bytes`), each row follows as a JSON array (bytes in hex, null for
//! NULL), `{"table_end":{"rows":n}}` closes it, and `{"end":{"tables":n,"rows":m}}` ends
//! the body: a body without it is incomplete.
//!
//! A restore checks the file's checksum (one pass over it), the key and the schema before it
//! touches anything, refuses a database that holds any tenant or account unless forced,
//! then replaces the content of every table in ONE transaction (as the owner: the
//! append-only and counting triggers off, foreign keys checked once at the end), so it
//! either restores everything or nothing. Web sessions are not restored and the existing
//! ones are ended: everyone signs in again.

pub mod format;

use crate::db::{Backend, ColType, Db, Tx, Value};
pub use format::{BackupError, Header, Key};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::Path;
use tessera_common::time::Timestamp;

/// Tables a backup leaves out: the migrations' ledger (the header carries the schema) and
/// the web sessions (SQLite's table; PostgreSQL keeps them outside `public`).
const LEFT_OUT: &[&str] = &["_sqlx_migrations", "tower_sessions"];

/// Rows per insert batch of a restore.
const BATCH: usize = 2_000;

/// What a backup or a restore did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub tables: usize,
    pub rows: u64,
    /// The file's size.
    pub bytes: u64,
    pub schema: i64,
    /// The kind of database the backup was taken from.
    pub database: String,
    pub encrypted: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Table {
    name: String,
    columns: Vec<(String, ColType)>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Meta {
    Table {
        name: String,
        columns: Vec<(String, String)>,
    },
    TableEnd {
        rows: u64,
    },
    End {
        tables: usize,
        rows: u64,
    },
}

fn db_err(e: tessera_common::AppError) -> BackupError {
    BackupError::Database(format!("the database refused: {e}"))
}

fn type_name(t: ColType) -> &'static str {
    match t {
        ColType::Int => "int",
        ColType::Text => "text",
        ColType::Bool => "bool",
        ColType::Bytes => "bytes",
    }
}

fn type_of(declared: &str) -> Option<ColType> {
    let d = declared.to_lowercase();
    Some(match d.as_str() {
        "int" => ColType::Int,
        "text" => ColType::Text,
        "bool" => ColType::Bool,
        "bytes" => ColType::Bytes,
        _ if d.contains("int") => ColType::Int,
        _ if d.contains("bool") => ColType::Bool,
        _ if d.contains("bytea") || d.contains("blob") => ColType::Bytes,
        _ if d.contains("text") || d.contains("char") => ColType::Text,
        _ => return None,
    })
}

fn plain(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The tables of the database (those a backup holds), with their columns in order. Generated
/// columns are left out (PostgreSQL computes them again on restore; SQLite's
/// `pragma_table_info` does not list them).
async fn tables(tx: &mut Tx) -> Result<Vec<Table>, BackupError> {
    let names: Vec<(String,)> = match tx.backend() {
        Backend::Sqlite => tx
            .fetch_all(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
                vec![],
            )
            .await,
        Backend::Postgres => tx
            .fetch_all(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
                vec![],
            )
            .await,
    }
    .map_err(db_err)?;
    let mut out = Vec::new();
    for (name,) in names {
        if LEFT_OUT.contains(&name.as_str()) {
            continue;
        }
        if !plain(&name) {
            return Err(BackupError::Mismatch(format!(
                "the database has a table named {name:?}, which a backup cannot name"
            )));
        }
        let cols: Vec<(String, String)> = match tx.backend() {
            Backend::Sqlite => {
                tx.fetch_all(
                    "SELECT name, type FROM pragma_table_info($1) ORDER BY cid",
                    vec![Value::from(name.as_str())],
                )
                .await
            }
            Backend::Postgres => {
                tx.fetch_all(
                    "SELECT column_name::text, data_type::text FROM information_schema.columns \
                     WHERE table_schema = 'public' AND table_name = $1 \
                     AND is_generated = 'NEVER' ORDER BY ordinal_position",
                    vec![Value::from(name.as_str())],
                )
                .await
            }
        }
        .map_err(db_err)?;
        let mut columns = Vec::new();
        for (col, declared) in cols {
            let t = type_of(&declared).filter(|_| plain(&col)).ok_or_else(|| {
                BackupError::Mismatch(format!(
                    "column {name}.{col} is of type {declared}, which a backup does not know"
                ))
            })?;
            columns.push((col, t));
        }
        out.push(Table { name, columns });
    }
    Ok(out)
}

/// The last migration applied.
async fn schema_version(tx: &mut Tx) -> Result<i64, BackupError> {
    let (v,): (Option<i64>,) = tx
        .fetch_one(
            "SELECT max(version) FROM _sqlx_migrations WHERE success",
            vec![],
        )
        .await
        .map_err(|_| {
            BackupError::Mismatch("it is not a Tessera database (it has no migrations)".into())
        })?;
    v.ok_or_else(|| {
        BackupError::Mismatch("it is not a Tessera database (it has no migrations)".into())
    })
}

fn backend_name(b: Backend) -> &'static str {
    match b {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

fn write_row(out: &mut Vec<u8>, row: &[Value]) {
    out.push(b'[');
    for (i, v) in row.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match v {
            Value::Int(Some(n)) => out.extend(n.to_string().as_bytes()),
            Value::Bool(Some(b)) => out.extend(if *b { b"true" as &[u8] } else { b"false" }),
            Value::Text(Some(s)) => {
                // A string always serialises.
                let _ = serde_json::to_writer(&mut *out, s);
            }
            Value::Bytes(Some(b)) => {
                out.push(b'"');
                out.extend(hex::encode(b).as_bytes());
                out.push(b'"');
            }
            _ => out.extend(b"null"),
        }
    }
    out.extend(b"]\n");
}

/// Writes a backup of `db` to `path` (through `path.partial`, renamed when complete, so no
/// half-written file ever carries the name). `db` must read every tenant: the owner role on
/// PostgreSQL ([`Db::owner_check`]).
pub async fn backup(
    db: &Db,
    path: &Path,
    key: Option<&Key>,
    now: Timestamp,
) -> Result<Summary, BackupError> {
    let partial = path.with_file_name(format!(
        "{}.partial",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "backup".into())
    ));
    let result = write_backup(db, &partial, key, now).await;
    match result {
        Ok(summary) => {
            std::fs::rename(&partial, path)
                .map_err(|e| BackupError::Io(format!("cannot write {}: {e}", path.display())))?;
            Ok(summary)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

async fn write_backup(
    db: &Db,
    path: &Path,
    key: Option<&Key>,
    now: Timestamp,
) -> Result<Summary, BackupError> {
    let file = std::fs::File::create(path)
        .map_err(|e| BackupError::Io(format!("cannot write {}: {e}", path.display())))?;
    let mut tx = db.owner_snapshot().await.map_err(db_err)?;
    let schema = schema_version(&mut tx).await?;
    let tables = tables(&mut tx).await?;
    let header = Header {
        format: format::FORMAT,
        schema,
        database: backend_name(db.backend()).into(),
        created_at: now.0,
        compression: "gzip".into(),
        encryption: None,
        checksum: format::CHECKSUM.into(),
    };
    let frames = format::FrameWriter::start(
        std::io::BufWriter::with_capacity(1 << 20, file),
        header,
        key,
    )?;
    let mut gz = flate2::write::GzEncoder::new(frames, flate2::Compression::fast());
    let mut total = 0u64;
    let mut line = Vec::with_capacity(4096);
    let meta = |m: &Meta| -> Result<Vec<u8>, BackupError> {
        let mut v = serde_json::to_vec(m).map_err(|e| BackupError::Io(e.to_string()))?;
        v.push(b'\n');
        Ok(v)
    };
    for t in &tables {
        gz.write_all(&meta(&Meta::Table {
            name: t.name.clone(),
            columns: t
                .columns
                .iter()
                .map(|(c, ty)| (c.clone(), type_name(*ty).to_string()))
                .collect(),
        })?)?;
        let types: Vec<ColType> = t.columns.iter().map(|(_, ty)| *ty).collect();
        let cols: Vec<String> = t.columns.iter().map(|(c, _)| format!("\"{c}\"")).collect();
        let sql = format!("SELECT {} FROM \"{}\"", cols.join(", "), t.name);
        let mut failed: Option<std::io::Error> = None;
        let rows = tx
            .stream_rows(&sql, &types, |row| {
                line.clear();
                write_row(&mut line, &row);
                gz.write_all(&line).map_err(|e| {
                    let msg = e.to_string();
                    failed = Some(e);
                    tessera_common::AppError::Internal(msg)
                })
            })
            .await;
        if let Some(e) = failed {
            return Err(BackupError::Io(format!(
                "cannot write {}: {e}",
                path.display()
            )));
        }
        let rows = rows.map_err(db_err)?;
        gz.write_all(&meta(&Meta::TableEnd { rows })?)?;
        total += rows;
    }
    tx.commit().await.map_err(db_err)?;
    gz.write_all(&meta(&Meta::End {
        tables: tables.len(),
        rows: total,
    })?)?;
    let frames = gz.finish()?;
    let bytes = frames.finish()?;
    Ok(Summary {
        tables: tables.len(),
        rows: total,
        bytes,
        schema,
        database: backend_name(db.backend()).into(),
        encrypted: key.is_some(),
    })
}

/// Reads a backup's header (and checks its checksum), without a database: what `restore`
/// checks first.
pub fn inspect(path: &Path) -> Result<Header, BackupError> {
    let mut f = std::fs::File::open(path)
        .map_err(|e| BackupError::Io(format!("cannot read {}: {e}", path.display())))?;
    let (header, _) = format::read_header(&mut f, &path.display().to_string())?;
    format::verify_checksum(path)?;
    Ok(header)
}

/// A cell of the backup (of type `from`) as a value of this database's column (`to`): the
/// same type, or an int 0/1 and a bool for each other.
fn cell(v: &serde_json::Value, from: ColType, to: ColType) -> Option<Value> {
    Some(match (read_cell(v, from)?, to) {
        (Value::Int(Some(n)), ColType::Bool) if n == 0 || n == 1 => Value::Bool(Some(n == 1)),
        (Value::Int(None), ColType::Bool) => Value::Bool(None),
        (Value::Bool(b), ColType::Int) => Value::Int(b.map(i64::from)),
        (v @ Value::Int(_), ColType::Int)
        | (v @ Value::Text(_), ColType::Text)
        | (v @ Value::Bool(_), ColType::Bool)
        | (v @ Value::Bytes(_), ColType::Bytes) => v,
        _ => return None,
    })
}

fn read_cell(v: &serde_json::Value, t: ColType) -> Option<Value> {
    use serde_json::Value as J;
    Some(match (t, v) {
        (ColType::Int, J::Null) => Value::Int(None),
        (ColType::Text, J::Null) => Value::Text(None),
        (ColType::Bool, J::Null) => Value::Bool(None),
        (ColType::Bytes, J::Null) => Value::Bytes(None),
        (ColType::Int, J::Number(n)) => Value::Int(Some(n.as_i64()?)),
        (ColType::Text, J::String(s)) => Value::Text(Some(s.clone())),
        (ColType::Bool, J::Bool(b)) => Value::Bool(Some(*b)),
        (ColType::Bytes, J::String(s)) => Value::Bytes(Some(hex::decode(s).ok()?)),
        _ => return None,
    })
}

/// How a backup's table's columns go into this database's: (name, type in the backup,
/// type here), in the backup's order.
type Plan = Vec<(String, ColType, ColType)>;

/// What a database holds that a restore would replace: its tenants and accounts.
async fn contents(tx: &mut Tx) -> Result<Option<String>, BackupError> {
    let (tenants,): (i64,) = tx
        .fetch_one("SELECT count(*) FROM tenants", vec![])
        .await
        .map_err(db_err)?;
    let (people,): (i64,) = tx
        .fetch_one("SELECT count(*) FROM identities", vec![])
        .await
        .map_err(db_err)?;
    Ok((tenants + people > 0).then(|| format!("{tenants} tenants and {people} accounts")))
}

/// What a restore undoes before and puts back after loading the rows.
struct Prepared {
    /// SQLite: the triggers' SQL; PostgreSQL: the foreign keys (table, name, definition).
    triggers: Vec<String>,
    foreign_keys: Vec<(String, String, String)>,
}

async fn prepare(tx: &mut Tx, tables: &[Table]) -> Result<Prepared, BackupError> {
    let mut p = Prepared {
        triggers: Vec::new(),
        foreign_keys: Vec::new(),
    };
    match tx.backend() {
        Backend::Sqlite => {
            // Foreign keys are checked at COMMIT; the triggers (append-only logs, counts
            // kept by triggers) go for the load and come back, all inside the transaction.
            tx.execute("PRAGMA defer_foreign_keys = ON", vec![])
                .await
                .map_err(db_err)?;
            let triggers: Vec<(String, String)> = tx
                .fetch_all(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
                    vec![],
                )
                .await
                .map_err(db_err)?;
            for (name, sql) in triggers {
                tx.execute(&format!("DROP TRIGGER \"{name}\""), vec![])
                    .await
                    .map_err(db_err)?;
                p.triggers.push(sql);
            }
            for t in tables {
                tx.execute(&format!("DELETE FROM \"{}\"", t.name), vec![])
                    .await
                    .map_err(db_err)?;
            }
            tx.execute("DELETE FROM tower_sessions", vec![])
                .await
                .map_err(db_err)?;
        }
        Backend::Postgres => {
            // The owner drops the foreign keys for the load and adds them back at the end
            // (which checks every row once), and switches its own triggers off meanwhile.
            p.foreign_keys = tx
                .fetch_all(
                    "SELECT c.conrelid::regclass::text, c.conname::text, pg_get_constraintdef(c.oid) \
                     FROM pg_constraint c WHERE c.contype = 'f' \
                     AND c.connamespace = 'public'::regnamespace ORDER BY 1, 2",
                    vec![],
                )
                .await
                .map_err(db_err)?;
            for (table, name, _) in &p.foreign_keys {
                tx.execute(
                    &format!("ALTER TABLE {table} DROP CONSTRAINT \"{name}\""),
                    vec![],
                )
                .await
                .map_err(db_err)?;
            }
            for t in tables {
                tx.execute(
                    &format!("ALTER TABLE \"{}\" DISABLE TRIGGER USER", t.name),
                    vec![],
                )
                .await
                .map_err(db_err)?;
            }
            let all: Vec<String> = tables.iter().map(|t| format!("\"{}\"", t.name)).collect();
            tx.execute(&format!("TRUNCATE {}", all.join(", ")), vec![])
                .await
                .map_err(db_err)?;
            tx.execute("DELETE FROM tower_sessions.session", vec![])
                .await
                .map_err(db_err)?;
        }
    }
    Ok(p)
}

async fn finish(tx: &mut Tx, tables: &[Table], p: Prepared) -> Result<(), BackupError> {
    match tx.backend() {
        Backend::Sqlite => {
            for sql in p.triggers {
                tx.execute(&sql, vec![]).await.map_err(db_err)?;
            }
        }
        Backend::Postgres => {
            for (table, name, def) in &p.foreign_keys {
                tx.execute(
                    &format!("ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {def}"),
                    vec![],
                )
                .await
                .map_err(|e| {
                    BackupError::Mismatch(format!(
                        "its rows break the reference {name} of table {table} ({e})"
                    ))
                })?;
            }
            for t in tables {
                tx.execute(
                    &format!("ALTER TABLE \"{}\" ENABLE TRIGGER USER", t.name),
                    vec![],
                )
                .await
                .map_err(db_err)?;
            }
        }
    }
    Ok(())
}

/// Restores the backup at `path` into `db` (migrated to the backup's schema; the owner role
/// on PostgreSQL), replacing everything in it, in one transaction. Refuses a database that
/// holds any tenant or account unless `force`.
pub async fn restore(
    db: &Db,
    path: &Path,
    key: Option<&Key>,
    force: bool,
) -> Result<Summary, BackupError> {
    let shown = path.display().to_string();
    let mut file = std::fs::File::open(path)
        .map_err(|e| BackupError::Io(format!("cannot read {shown}: {e}")))?;
    let (header, head) = format::read_header(&mut file, &shown)?;
    // Damage first: a file that fails its checksum is refused whatever else is wrong.
    format::verify_checksum(path)?;
    let frames = format::FrameReader::new(
        std::io::BufReader::with_capacity(1 << 20, file),
        &header,
        head,
        key,
    )?;
    let mut tx = db.owner_write().await.map_err(db_err)?;
    let schema = schema_version(&mut tx).await?;
    if schema != header.schema {
        return Err(BackupError::Schema {
            backup: header.schema,
            database: schema,
        });
    }
    if !force {
        if let Some(what) = contents(&mut tx).await? {
            return Err(BackupError::NotEmpty(what));
        }
    }
    let target = tables(&mut tx).await?;
    let by_name: BTreeMap<&str, &Table> = target.iter().map(|t| (t.name.as_str(), t)).collect();
    let prepared = prepare(&mut tx, &target).await?;
    let mut lines =
        std::io::BufReader::with_capacity(1 << 20, flate2::read::MultiGzDecoder::new(frames));
    let mut line = Vec::new();
    // The table being read, and its columns as the backup has them: (name, type in the
    // backup, type in this database).
    let mut current: Option<(&Table, Plan)> = None;
    let mut batch: Vec<Vec<Value>> = Vec::new();
    let mut in_table = 0u64;
    let mut total = 0u64;
    let mut seen: Vec<&str> = Vec::new();
    let mut ended = false;
    let bad = |what: String| BackupError::Mismatch(what);
    loop {
        line.clear();
        let n = lines
            .read_until(b'\n', &mut line)
            .map_err(format::unwrap_io)?;
        if n == 0 {
            break;
        }
        if ended {
            return Err(BackupError::Damaged);
        }
        if line.first() == Some(&b'[') {
            let (t, plan) = current.as_ref().ok_or(BackupError::Damaged)?;
            let cells: Vec<serde_json::Value> =
                serde_json::from_slice(&line).map_err(|_| BackupError::Damaged)?;
            if cells.len() != plan.len() {
                return Err(BackupError::Damaged);
            }
            let mut row = Vec::with_capacity(cells.len());
            for (v, (col, from, to)) in cells.iter().zip(plan) {
                row.push(cell(v, *from, *to).ok_or_else(|| {
                    bad(format!(
                        "a value of {}.{col} is not of type {}",
                        t.name,
                        type_name(*from)
                    ))
                })?);
            }
            batch.push(row);
            in_table += 1;
            if batch.len() == BATCH {
                insert(&mut tx, t, plan, std::mem::take(&mut batch)).await?;
            }
            continue;
        }
        let meta: Meta = serde_json::from_slice(&line).map_err(|_| BackupError::Damaged)?;
        match meta {
            Meta::Table { name, columns } => {
                if current.is_some() {
                    return Err(BackupError::Damaged);
                }
                let t = by_name.get(name.as_str()).copied().ok_or_else(|| {
                    bad(format!(
                        "it has a table {name:?} that this database has not"
                    ))
                })?;
                // Columns by name (their order may differ between the databases); an int
                // and a bool column match (SQLite keeps booleans as integers).
                let mut plan = Vec::with_capacity(columns.len());
                for (col, ty) in &columns {
                    let from = type_of(ty).ok_or(BackupError::Damaged)?;
                    let to = t.columns.iter().find(|(c, _)| c == col).map(|(_, ty)| *ty);
                    let fits = |to: ColType| {
                        to == from
                            || matches!(
                                (from, to),
                                (ColType::Int, ColType::Bool) | (ColType::Bool, ColType::Int)
                            )
                    };
                    match to {
                        Some(to) if fits(to) => plan.push((col.clone(), from, to)),
                        _ => {
                            return Err(bad(format!(
                                "its column {name}.{col} ({ty}) is not a column of this database's table"
                            )))
                        }
                    }
                }
                if plan.len() != t.columns.len() {
                    return Err(bad(format!(
                        "this database's table {name} has columns the backup has not"
                    )));
                }
                if seen.contains(&t.name.as_str()) {
                    return Err(BackupError::Damaged);
                }
                seen.push(t.name.as_str());
                current = Some((t, plan));
                in_table = 0;
            }
            Meta::TableEnd { rows } => {
                let (t, plan) = current.take().ok_or(BackupError::Damaged)?;
                insert(&mut tx, t, &plan, std::mem::take(&mut batch)).await?;
                if rows != in_table {
                    return Err(BackupError::Damaged);
                }
                total += rows;
            }
            Meta::End { tables, rows } => {
                if current.is_some() || tables != seen.len() || rows != total {
                    return Err(BackupError::Damaged);
                }
                ended = true;
            }
        }
    }
    if !ended {
        return Err(BackupError::Damaged);
    }
    if let Some(missing) = target.iter().find(|t| !seen.contains(&t.name.as_str())) {
        return Err(bad(format!(
            "this database has a table {} that the backup has not",
            missing.name
        )));
    }
    finish(&mut tx, &target, prepared).await?;
    tx.commit()
        .await
        .map_err(|e| BackupError::Database(format!("the restore could not be committed: {e}")))?;
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(Summary {
        tables: seen.len(),
        rows: total,
        bytes,
        schema,
        database: header.database,
        encrypted: header.encryption.is_some(),
    })
}

async fn insert(
    tx: &mut Tx,
    t: &Table,
    plan: &[(String, ColType, ColType)],
    rows: Vec<Vec<Value>>,
) -> Result<(), BackupError> {
    if rows.is_empty() {
        return Ok(());
    }
    let cols: Vec<&str> = plan.iter().map(|(c, _, _)| c.as_str()).collect();
    tx.insert_rows(&t.name, &[], &cols, rows)
        .await
        .map_err(|e| BackupError::Database(format!("table {}: {e}", t.name)))
}

/// Every row of every table a backup holds, each table's rows sorted, booleans as 0 and 1
/// (as SQLite keeps them) and columns by name: for tests that compare two databases, of
/// the same kind or not.
pub async fn all_rows(db: &Db) -> Result<BTreeMap<String, Vec<String>>, BackupError> {
    let mut tx = db.owner_snapshot().await.map_err(db_err)?;
    let mut out = BTreeMap::new();
    for t in tables(&mut tx).await? {
        let mut columns = t.columns.clone();
        columns.sort_by(|a, b| a.0.cmp(&b.0));
        let types: Vec<ColType> = columns.iter().map(|(_, ty)| *ty).collect();
        let cols: Vec<String> = columns.iter().map(|(c, _)| format!("\"{c}\"")).collect();
        let sql = format!("SELECT {} FROM \"{}\"", cols.join(", "), t.name);
        let mut rows = Vec::new();
        tx.stream_rows(&sql, &types, |row| {
            let row: Vec<Value> = row
                .into_iter()
                .map(|v| match v {
                    Value::Bool(b) => Value::Int(b.map(i64::from)),
                    v => v,
                })
                .collect();
            let mut line = Vec::new();
            write_row(&mut line, &row);
            rows.push(String::from_utf8_lossy(&line).into_owned());
            Ok(())
        })
        .await
        .map_err(db_err)?;
        rows.sort();
        out.insert(t.name, rows);
    }
    tx.commit().await.map_err(db_err)?;
    Ok(out)
}
