//! Storage: one API over SQLite and PostgreSQL.
//!
//! The same SQL text runs on both backends (`$1`-style parameters work on both); where the
//! dialects differ a caller asks [`Db::backend`]. Values are bound through [`Value`], rows
//! decode through `sqlx::FromRow`, which is generic over the backend.
//!
//! Tenant data is reached only through a [`TenantTx`], which needs a [`TenantScope`]: it
//! binds the tenant id as `$1` of every statement, sets `app.tenant_id` for PostgreSQL's
//! row-level security, and writes the last-change stamp on every insert and update.
//! Platform tables (tenants, identities) go through [`Tx`], whose constructor is private
//! to this crate.

use crate::error::{internal, Result};
use crate::scope::{Actor, TenantScope};
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{FromRow, PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;
use tessera_common::time::Timestamp;
use tessera_common::Msg;
use tessera_common::{AppError, TenantId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the database is, parsed from `DATABASE_URL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DbUrl {
    /// A SQLite file; its directory is created on first run.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

pub const ACCEPTED_URLS: &str = "accepted forms: sqlite://PATH (for example sqlite://./data/tessera.db) or postgres://USER:PASSWORD@HOST:PORT/DATABASE";

impl DbUrl {
    pub fn parse(url: &str) -> std::result::Result<DbUrl, String> {
        let url = url.trim();
        if let Some(rest) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            let path = rest.split('?').next().unwrap_or("");
            if path.is_empty() || path == ":memory:" {
                return Err(format!(
                    "DATABASE_URL {url:?} names no database file; {ACCEPTED_URLS}"
                ));
            }
            return Ok(DbUrl::Sqlite(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DbUrl::Postgres(url.to_string()));
        }
        let shown = url.split('@').next_back().unwrap_or(url);
        Err(format!(
            "unsupported DATABASE_URL ({shown}); {ACCEPTED_URLS}"
        ))
    }

    /// The user name in a PostgreSQL URL, if any.
    pub fn pg_user(&self) -> Option<String> {
        match self {
            DbUrl::Postgres(url) => PgConnectOptions::from_str(url)
                .ok()
                .map(|o| o.get_username().to_string()),
            DbUrl::Sqlite(_) => None,
        }
    }
}

/// A start-up problem, worded for the person starting the server.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("{0}")]
    Config(String),
    #[error("the data directory {path} cannot be used: {reason}")]
    DataDir { path: String, reason: String },
    #[error("cannot open the database: {0}")]
    Connect(String),
    #[error("cannot apply the database migrations: {0}")]
    Migrate(String),
}

#[derive(Clone)]
enum Pools {
    /// Many readers, one writer: SQLite allows one write transaction at a time, so every
    /// write goes through one connection and never meets "database is locked".
    Sqlite {
        read: SqlitePool,
        write: SqlitePool,
    },
    Postgres(PgPool),
}

/// What a transaction is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Reading: on SQLite a reader connection in autocommit mode.
    Read,
    /// Reading one moment across statements: a transaction on both backends.
    Snapshot,
    /// Changing: `BEGIN IMMEDIATE` on SQLite's one writer.
    Write,
}

/// The database handle; cheap to clone.
#[derive(Clone)]
pub struct Db {
    pools: Pools,
    /// Tenants' default languages by path, for a few seconds (see `tenants::default_lang`).
    pub(crate) langs: crate::tenancy::LangCache,
    /// Sessions' persons and scopes while nothing they come from changed (PostgreSQL).
    pub(crate) access: crate::access_cache::AccessCache,
    /// Federation dashboards by federation and season id while what they were built from
    /// is unchanged (`fedstats`).
    pub(crate) dashboards: crate::memo::Memo<(i64, Option<i64>), tessera_common::dto::FedDashboard>,
    /// The clubs with federation reads queued by this process, for the job that chains
    /// them (`fedreads::queue`).
    pub(crate) read_queue: ReadQueueWake,
    /// PostgreSQL: the connections of imports and exports (see [`Db::bulk`]).
    bulk: Option<PgPool>,
}

/// The connections of imports and exports on PostgreSQL, besides the pages' pool.
pub const BULK_CONNECTIONS: u32 = 2;

fn check_data_dir(dir: &Path) -> std::result::Result<(), StartupError> {
    let shown = dir.display().to_string();
    let fail = |reason: String| StartupError::DataDir {
        path: shown.clone(),
        reason,
    };
    if dir.exists() && !dir.is_dir() {
        return Err(fail("it exists but is not a directory".into()));
    }
    std::fs::create_dir_all(dir).map_err(|e| fail(format!("it cannot be created ({e})")))?;
    let probe = dir.join(".tessera-write-check");
    std::fs::write(&probe, b"ok").map_err(|e| fail(format!("it is not writable ({e})")))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Whether a pooled connection is outside any transaction, so it may be handed out. A
/// connection is given back to its pool when its holder is dropped, wherever that holder
/// was: a request future dropped inside sqlx's `begin` (after the BEGIN ran, before the
/// `Transaction` existed) gave back a connection still inside that transaction, and on
/// SQLite's one writer every later `BEGIN IMMEDIATE` then failed until a restart. Checked
/// when a connection is taken from the pool, after sqlx's return ping has run any ROLLBACK a
/// dropped `Transaction` queued: a counter read, no statement, no round trip. Such a
/// connection is closed (which rolls its transaction back and releases its locks) and the
/// pool opens another. [`Db::begin`] also runs `begin` in a task of its own, so a dropped
/// caller cannot interrupt it; this check is the second wall.
fn outside_transaction<DB: sqlx::Database>(conn: &DB::Connection) -> bool {
    let depth = <DB::TransactionManager as sqlx::TransactionManager>::get_transaction_depth(conn);
    if depth > 0 {
        tracing::warn!(
            depth,
            "a pooled connection was left inside a transaction; closing it"
        );
    }
    depth == 0
}

impl Db {
    /// Opens the database named by `url`, creating a SQLite file (and its directory) on
    /// first use.
    pub async fn connect(
        url: &DbUrl,
        max_connections: u32,
    ) -> std::result::Result<Db, StartupError> {
        match url {
            DbUrl::Sqlite(path) => {
                let dir = path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                check_data_dir(dir)?;
                if path.exists() {
                    let meta = std::fs::metadata(path).map_err(|e| StartupError::DataDir {
                        path: path.display().to_string(),
                        reason: e.to_string(),
                    })?;
                    if meta.permissions().readonly() {
                        return Err(StartupError::DataDir {
                            path: path.display().to_string(),
                            reason: "the database file is read-only".into(),
                        });
                    }
                }
                let opts = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    .pragma("temp_store", "memory")
                    .pragma("cache_size", "-32000");
                // No ping before handing out a connection: the file is local, and on a
                // SQLite connection the ping is one more trip to its worker thread for
                // every transaction.
                let write = SqlitePoolOptions::new()
                    .max_connections(1)
                    .test_before_acquire(false)
                    .before_acquire(|conn, _| {
                        Box::pin(async move { Ok(outside_transaction::<Sqlite>(conn)) })
                    })
                    .connect_with(opts.clone())
                    .await
                    .map_err(|e| StartupError::Connect(format!("{}: {e}", path.display())))?;
                // Readers keep a small page cache each (the operating system caches the
                // file for all of them): 16 readers at 32 MB each held 300 MB once a
                // 100,000-member club had been read through.
                let read = SqlitePoolOptions::new()
                    .max_connections(max_connections.max(2))
                    .test_before_acquire(false)
                    .before_acquire(|conn, _| {
                        Box::pin(async move { Ok(outside_transaction::<Sqlite>(conn)) })
                    })
                    .connect_with(opts.read_only(true).pragma("cache_size", "-2000"))
                    .await
                    .map_err(|e| StartupError::Connect(format!("{}: {e}", path.display())))?;
                Ok(Db {
                    pools: Pools::Sqlite { read, write },
                    langs: Default::default(),
                    access: Default::default(),
                    dashboards: Default::default(),
                    read_queue: Default::default(),
                    bulk: None,
                })
            }
            DbUrl::Postgres(url) => {
                let opts = PgConnectOptions::from_str(url)
                    .map_err(|e| StartupError::Config(format!("invalid DATABASE_URL: {e}")))?
                    // The server's own backstop: a session left idle inside a transaction
                    // (which nothing here does on purpose: see `outside_transaction`) is
                    // ended by the server, so its locks cannot outlive a minute.
                    .options([("idle_in_transaction_session_timeout", "60s")]);
                // A connection back from a request moments ago is handed out as it is; one
                // that sat idle for longer is pinged first (the server may have restarted).
                // Pinging every time cost a round trip per transaction.
                let pool = PgPoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(Duration::from_secs(10))
                    .test_before_acquire(false)
                    .before_acquire(|conn, meta| {
                        Box::pin(async move {
                            if !outside_transaction::<Postgres>(conn) {
                                return Ok(false);
                            }
                            if meta.idle_for > Duration::from_secs(5) {
                                sqlx::Connection::ping(conn).await?;
                            }
                            Ok(true)
                        })
                    })
                    .connect_with(opts.clone())
                    .await
                    .map_err(|e| StartupError::Connect(e.to_string()))?;
                let bulk = PgPoolOptions::new()
                    .max_connections(BULK_CONNECTIONS)
                    .acquire_timeout(Duration::from_secs(60))
                    .before_acquire(|conn, _| {
                        Box::pin(async move { Ok(outside_transaction::<Postgres>(conn)) })
                    })
                    .connect_lazy_with(opts.clone());
                let access = crate::access_cache::AccessCache::default();
                access.listen(opts);
                Ok(Db {
                    pools: Pools::Postgres(pool),
                    langs: Default::default(),
                    access,
                    dashboards: Default::default(),
                    read_queue: Default::default(),
                    bulk: Some(bulk),
                })
            }
        }
    }

    /// This database as seen by an import or an export: on PostgreSQL through a pool of
    /// its own ([`BULK_CONNECTIONS`], connected when first used), so one holding a
    /// connection for seconds never leaves the pages without one (their pool is small:
    /// one connection per core serves them best). On SQLite the same handle (its writes
    /// go through one writer whatever asks).
    pub fn bulk(&self) -> Db {
        match &self.bulk {
            Some(pool) => Db {
                pools: Pools::Postgres(pool.clone()),
                langs: self.langs.clone(),
                access: self.access.clone(),
                dashboards: self.dashboards.clone(),
                read_queue: self.read_queue.clone(),
                bulk: None,
            },
            None => self.clone(),
        }
    }

    pub fn backend(&self) -> Backend {
        match self.pools {
            Pools::Sqlite { .. } => Backend::Sqlite,
            Pools::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations of this backend. On PostgreSQL, `grant_to` names the role the
    /// application connects as (neither owner nor superuser); it receives the privileges it
    /// needs on the tables, and row-level security applies to it.
    pub async fn migrate(&self, grant_to: Option<&str>) -> std::result::Result<(), StartupError> {
        let m = |e: sqlx::migrate::MigrateError| StartupError::Migrate(e.to_string());
        match &self.pools {
            Pools::Sqlite { write, .. } => {
                sqlx::migrate!("../../migrations/sqlite")
                    .run(write)
                    .await
                    .map_err(m)?;
                self.rebuild_search().await?;
            }
            Pools::Postgres(pool) => {
                sqlx::migrate!("../../migrations/postgres")
                    .run(pool)
                    .await
                    .map_err(m)?;
                self.rebuild_search().await?;
                if let Some(role) = grant_to {
                    if !role
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                        || role.is_empty()
                    {
                        return Err(StartupError::Migrate(format!(
                            "cannot grant privileges to role {role:?}: use a lowercase name of letters, digits and _"
                        )));
                    }
                    let statements = [
                        format!("GRANT USAGE ON SCHEMA public, tower_sessions TO {role}"),
                        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"),
                        format!("REVOKE ALL ON _sqlx_migrations FROM {role}"),
                        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA tower_sessions TO {role}"),
                        format!("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {role}"),
                    ];
                    for s in statements {
                        sqlx::query(&s)
                            .execute(pool)
                            .await
                            .map_err(|e| StartupError::Migrate(format!("{s}: {e}")))?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Brings the register's search index up to date after the migrations (see
    /// [`crate::search::rebuild_if_stale`]).
    async fn rebuild_search(&self) -> std::result::Result<(), StartupError> {
        let fail = |e: AppError| StartupError::Migrate(format!("search index: {e}"));
        let mut tx = self.begin(Access::Write).await.map_err(fail)?;
        tx.maintenance().await.map_err(fail)?;
        crate::search::rebuild_if_stale(tx).await.map_err(fail)?;
        self.chain_existing_events().await
    }

    /// Chains the event log entries written before migration 0026, once per chain (see
    /// [`crate::event_chain::chain_existing`]).
    async fn chain_existing_events(&self) -> std::result::Result<(), StartupError> {
        let fail = |e: AppError| StartupError::Migrate(format!("event chains: {e}"));
        let mut tx = self.owner_write().await.map_err(fail)?;
        let tenants: Vec<(i64,)> = tx
            .fetch_all("SELECT id FROM tenants ORDER BY id", vec![])
            .await
            .map_err(fail)?;
        let tenants: Vec<TenantId> = tenants.into_iter().map(|(t,)| TenantId(t)).collect();
        crate::event_chain::chain_existing(&mut tx, &tenants)
            .await
            .map_err(fail)?;
        tx.commit().await.map_err(fail)
    }

    /// A write across tenants as the owner in maintenance mode (PostgreSQL: row-level
    /// security lets the owner through with `app.maintenance`; the application role sees
    /// nothing of any tenant). For the command line's restore and the migrations' follow-ups.
    pub(crate) async fn owner_write(&self) -> Result<Tx> {
        let mut tx = self.begin(Access::Write).await?;
        tx.maintenance().await?;
        Ok(tx)
    }

    /// A read of one moment across tenants as the owner in maintenance mode (PostgreSQL:
    /// REPEATABLE READ READ ONLY; SQLite: a reader's transaction, one snapshot of the WAL),
    /// for a backup and the event chains' verification.
    pub(crate) async fn owner_snapshot(&self) -> Result<Tx> {
        let mut tx = self.begin(Access::Snapshot).await?;
        tx.maintenance().await?;
        Ok(tx)
    }

    /// Why PostgreSQL's row-level security would not apply to the role this handle connects
    /// as: it owns (or is a member of the owner of) tables of the `public` schema, is a
    /// superuser, or has `BYPASSRLS`. `None` when it applies, and always on SQLite (which has
    /// no roles). The server refuses to start on such a role (`serve`).
    pub async fn rls_exemption(&self) -> Result<Option<String>> {
        let Pools::Postgres(pool) = &self.pools else {
            return Ok(None);
        };
        let (role, superuser, bypass, owned): (String, bool, bool, i64) = sqlx::query_as(
            "SELECT r.rolname::text, r.rolsuper, r.rolbypassrls, \
             (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') \
              AND pg_has_role(current_user, c.relowner, 'USAGE')) \
             FROM pg_roles r WHERE r.rolname = current_user",
        )
        .fetch_one(pool)
        .await
        .map_err(internal)?;
        Ok(if superuser {
            Some(format!("the database role {role} is a superuser"))
        } else if bypass {
            Some(format!("the database role {role} has BYPASSRLS"))
        } else if owned > 0 {
            Some(format!(
                "the database role {role} owns the tables ({owned} of them)"
            ))
        } else {
            None
        })
    }

    /// For the command line's backup, restore and log verification, which read or write
    /// every tenant: on PostgreSQL the role must own the tables (row-level security lets
    /// the owner through in maintenance mode; the application role would see no tenant's
    /// rows, and a backup or verification would pass over them in silence). A worded error
    /// otherwise. SQLite has no roles.
    pub async fn owner_check(&self) -> std::result::Result<(), String> {
        if self.backend() == Backend::Sqlite {
            return Ok(());
        }
        match self.rls_exemption().await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err("this needs the PostgreSQL role that owns the tables (it reads and writes every club, which row-level security hides from the application role): set DATABASE_MIGRATION_URL to the owner role".into()),
            Err(e) => Err(format!("cannot check the database role: {e}")),
        }
    }

    /// Refreshes PostgreSQL's planner statistics of `tables` (`ANALYZE`), for a bulk load
    /// that goes on to query what it just loaded (the demo seed's exports right after it
    /// gave 10,000 consents): without statistics the planner takes the new rows for none
    /// and may join them by scanning (the seed's export of 10,000 members took minutes).
    /// Autovacuum does the same within a minute or so. Needs the role that owns the tables
    /// (the migration role); SQLite plans without statistics, so nothing happens there.
    pub async fn analyze(&self, tables: &[&str]) -> Result<()> {
        let Pools::Postgres(pool) = &self.pools else {
            return Ok(());
        };
        for t in tables {
            check_ident(t);
        }
        sqlx::query(&format!("ANALYZE {}", tables.join(", ")))
            .execute(pool)
            .await
            .map(|_| ())
            .map_err(internal)
    }

    /// A database round trip, for `/healthz`.
    pub async fn ping(&self) -> Result<()> {
        let r = match &self.pools {
            Pools::Sqlite { read, .. } => sqlx::query("SELECT 1").execute(read).await.map(|_| ()),
            Pools::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()),
        };
        r.map_err(internal)
    }

    /// Runs one statement outside any tenant scope: for this crate's test set-up only
    /// (creating test databases, breaking things on purpose), never for tenant data.
    /// Crate-private, so nothing outside `tessera_core` runs SQL of its own.
    pub(crate) async fn raw_execute(&self, sql: &str) -> Result<()> {
        let r = match &self.pools {
            Pools::Sqlite { write, .. } => sqlx::query(sql).execute(write).await.map(|_| ()),
            Pools::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
        };
        self.access.changed();
        r.map_err(internal)
    }

    /// The session store on this database, handed to tower-sessions by the server crate.
    pub fn sessions(&self) -> crate::session_store::Sessions {
        use crate::session_store::{Sessions, Store};
        use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};
        Sessions(match &self.pools {
            Pools::Sqlite { read, write } => Store::Sqlite {
                read: SqliteStore::new(read.clone()),
                write: SqliteStore::new(write.clone()),
            },
            Pools::Postgres(pool) => Store::Postgres {
                store: PostgresStore::new(pool.clone()),
                kept: self.access.clone(),
            },
        })
    }

    pub async fn close(&self) {
        self.access.stop();
        match &self.pools {
            Pools::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Pools::Postgres(pool) => pool.close().await,
        }
        if let Some(bulk) = &self.bulk {
            bulk.close().await;
        }
    }

    /// A transaction on platform tables (tenants, identities). Crate-private: only the
    /// domain modules of this crate choose what it touches.
    pub(crate) async fn platform(&self, write: bool) -> Result<Tx> {
        let access = if write { Access::Write } else { Access::Read };
        self.begin(access).await
    }

    async fn begin(&self, access: Access) -> Result<Tx> {
        // sqlx's `begin` is not safe to drop halfway: dropped after its BEGIN ran but before
        // it returned the `Transaction`, it gives the connection back to the pool inside that
        // transaction. So it runs in a task of its own, which a dropped caller does not stop:
        // the task ends, and a `Transaction` nobody awaits any more is dropped there, which
        // rolls it back. (`outside_transaction` is the second wall.) A task costs no round
        // trip; SQLite's plain reads begin nothing and take none.
        async fn detached<DB: sqlx::Database>(
            pool: sqlx::Pool<DB>,
            statement: &'static str,
        ) -> Result<Transaction<'static, DB>> {
            tokio::spawn(async move { pool.begin_with(statement).await })
                .await
                .map_err(internal)?
                .map_err(internal)
        }
        let inner = match &self.pools {
            Pools::Sqlite { read, write } => match access {
                Access::Write => TxInner::Sqlite(detached(write.clone(), "BEGIN IMMEDIATE").await?),
                Access::Snapshot => TxInner::Sqlite(detached(read.clone(), "BEGIN").await?),
                Access::Read => TxInner::SqliteRead(read.acquire().await.map_err(internal)?),
            },
            // PostgreSQL reads each statement as of its own start under READ COMMITTED: one
            // moment across statements needs REPEATABLE READ. Reads are READ ONLY, so
            // ending one without a COMMIT (`Tx::commit`) cannot lose a change.
            Pools::Postgres(pool) => TxInner::Postgres(
                detached(
                    pool.clone(),
                    match access {
                        Access::Write => "BEGIN",
                        Access::Read => "BEGIN READ ONLY",
                        Access::Snapshot => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                    },
                )
                .await?,
            ),
        };
        Ok(Tx {
            inner,
            backend: self.backend(),
            changes: (access == Access::Write).then(|| self.access.clone()),
            reads_queued: (access == Access::Write).then(|| (self.read_queue.clone(), Vec::new())),
            access_untouched: false,
        })
    }

    /// `/healthz`: whether a write can be made now. Reads a reader connection and writes the
    /// one row of `platform_health` in a real write transaction (SQLite: the one writer with
    /// `BEGIN IMMEDIATE`), all within `limit`; on PostgreSQL it also takes a pooled
    /// connection, so a pool whose connections are all stuck fails it too. The write makes
    /// nothing kept in memory stale (unlike every other write).
    pub async fn health(&self, now: Timestamp, limit: Duration) -> Result<()> {
        let check = async {
            self.ping().await?;
            let mut tx = self.begin(Access::Write).await?;
            tx.changes = None;
            if let TxInner::Postgres(t) = &mut tx.inner {
                // The server gives up too, rather than keep waiting on a lock after we have.
                sqlx::query(
                    "SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $1, true)",
                )
                .bind(limit.as_millis().to_string())
                .execute(&mut **t)
                .await
                .map_err(internal)?;
            }
            let n = tx
                .execute(
                    "UPDATE platform_health SET checked_at = $1 WHERE id = 1",
                    vec![Value::from(now)],
                )
                .await?;
            if n != 1 {
                return Err(AppError::Internal("platform_health has no row".into()));
            }
            tx.commit().await
        };
        tokio::time::timeout(limit, check)
            .await
            .map_err(|_| AppError::Internal(format!("no write within {limit:?}")))?
    }

    /// A transaction on one tenant's data, for reading (on SQLite each statement reads a
    /// committed state of its own, see `TxInner::SqliteRead`).
    pub async fn tenant_read(&self, scope: &TenantScope) -> Result<TenantTx> {
        self.tenant_tx(scope, Access::Read, None, Timestamp(0))
            .await
    }

    /// A read of one tenant's data whose statements all see the same moment, on both
    /// backends: for documents taken from several statements, such as an export.
    pub async fn tenant_snapshot(&self, scope: &TenantScope) -> Result<TenantTx> {
        self.tenant_tx(scope, Access::Snapshot, None, Timestamp(0))
            .await
    }

    /// A transaction on one tenant's data, for changing it: every insert and update made
    /// through it carries `actor` and `now` as the last-change stamp. A read-only
    /// environment (an ended trial) refuses here, so no change slips past it.
    pub async fn tenant_write(
        &self,
        scope: &TenantScope,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<TenantTx> {
        scope.writable()?;
        self.tenant_tx(scope, Access::Write, Some(actor.clone()), now)
            .await
    }

    /// A write of the export register only (`members::exports::record_export`), which a
    /// read-only club must still make: its administrators download their data before the
    /// club leaves, and that export is accounted for like every other. Only the register's
    /// two tables and the event log are written through it.
    pub(crate) async fn export_register_write(
        &self,
        scope: &TenantScope,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<TenantTx> {
        self.tenant_tx(scope, Access::Write, Some(actor.clone()), now)
            .await
    }

    /// A read that leaves its trace in the event log (a member's document downloaded),
    /// which a read-only club must still allow: its staff may read. Only the event log is
    /// written through it.
    pub(crate) async fn event_log_write(
        &self,
        scope: &TenantScope,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<TenantTx> {
        self.tenant_tx(scope, Access::Write, Some(actor.clone()), now)
            .await
    }

    /// Records that the caller accepted version `number` of the club's terms (once; `false`
    /// when it was already recorded). The one write a read-only environment (an ended trial)
    /// allows: it records consent, not the club's data. It writes `terms_acceptances` and
    /// the event log and nothing else; no other table can be written past the read-only
    /// check.
    pub(crate) async fn record_terms_acceptance(
        &self,
        scope: &TenantScope,
        actor: &Actor,
        now: Timestamp,
        membership: tessera_common::MembershipId,
        number: i64,
    ) -> Result<bool> {
        let mut tx = self
            .tenant_tx(scope, Access::Write, Some(actor.clone()), now)
            .await?;
        let done: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT number FROM terms_acceptances WHERE tenant_id = $1 AND membership_id = $2 AND number = $3",
                vec![Value::from(membership.0), Value::from(number)],
            )
            .await?;
        if done.is_some() {
            return Ok(false);
        }
        tx.insert(
            "terms_acceptances",
            vec![
                ("membership_id", Value::from(membership.0)),
                ("number", Value::from(number)),
                ("accepted_at", Value::from(now)),
            ],
        )
        .await?;
        tx.log("terms_accepted", Some(&format!("version {number}")))
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A withdrawal of consent, which a read-only club (an ended contract or trial) must
    /// still take: withdrawing is as easy as giving, and a club's end keeps no one's
    /// consent alive against their will. Only `consents::record` opens it, for a
    /// withdrawal, and writes `consent_events`, `member_consents` and the event log.
    pub(crate) async fn consent_withdrawal_write(
        &self,
        scope: &TenantScope,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<TenantTx> {
        self.tenant_tx(scope, Access::Write, Some(actor.clone()), now)
            .await
    }

    /// A write of an import job's own state (its progress, its end, its interruption), which
    /// a read-only environment must still let end: a club whose trial ends while its import
    /// runs would otherwise keep an import "running" for ever. It can only change rows of
    /// `member_imports` ([`ImportStateTx`]); the import's members go through
    /// [`Db::tenant_write`] like every other change of club data.
    pub(crate) async fn member_import_state(
        &self,
        scope: &TenantScope,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<ImportStateTx> {
        let tx = self
            .tenant_tx(scope, Access::Write, Some(actor.clone()), now)
            .await?;
        Ok(ImportStateTx(tx))
    }

    async fn tenant_tx(
        &self,
        scope: &TenantScope,
        access: Access,
        actor: Option<Actor>,
        now: Timestamp,
    ) -> Result<TenantTx> {
        let mut tx = self.begin(access).await?;
        tx.set_rls(Some(scope.tenant_id()), scope.identity_id().map(|i| i.0))
            .await?;
        Ok(TenantTx {
            tx,
            tenant: scope.tenant_id(),
            actor,
            now,
        })
    }
}

const IMPORTS_TABLE: &str = "member_imports";

/// A write transaction that can only change `member_imports` rows (see
/// [`Db::member_import_state`]).
pub(crate) struct ImportStateTx(TenantTx);

impl ImportStateTx {
    /// Runs an `UPDATE member_imports … WHERE tenant_id = $1 …`; anything else is refused.
    pub(crate) async fn update(&mut self, sql: &str, args: Vec<Value>) -> Result<u64> {
        let mut words = sql.split_whitespace();
        if words.next() != Some("UPDATE") || words.next() != Some(IMPORTS_TABLE) {
            return Err(crate::error::internal(format!(
                "an import's state write touches another table: {sql}"
            )));
        }
        self.0.execute(sql, args).await
    }

    /// See [`TenantTx::lock_within`].
    pub(crate) async fn lock_within(&mut self, name: &str, wait: Duration) -> Result<bool> {
        self.0.lock_within(name, wait).await
    }

    pub(crate) async fn commit(self) -> Result<()> {
        self.0.commit().await
    }
}

/// The kind of a column's values, for reading and writing any table (backups).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColType {
    Int,
    Text,
    Bool,
    Bytes,
}

/// Ids as one JSON list (`[1,2,3]`), bound as one parameter of a statement of fixed text:
/// a statement with a parameter per id takes longer to prepare than to run for thousands
/// of ids, and each new count stays in the connection's statement cache.
pub(crate) fn json_ids(ids: &[i64]) -> String {
    format!(
        "[{}]",
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    )
}

/// The condition "`column` is one of the ids of the JSON list bound at `param`" (see
/// [`json_ids`]), as each database answers it from the column's index: PostgreSQL as
/// `= ANY` of an array (a join with the list let it hash the whole table), SQLite with
/// the list as a subquery.
pub(crate) fn in_json_ids(backend: Backend, column: &str, param: &str) -> String {
    match backend {
        Backend::Postgres => format!(
            "{column} = ANY(ARRAY(SELECT CAST(j.value AS BIGINT) \
             FROM json_array_elements_text(CAST({param} AS JSON)) j))"
        ),
        Backend::Sqlite => {
            format!("{column} IN (SELECT CAST(j.value AS INTEGER) FROM json_each({param}) j)")
        }
    }
}

/// A value bound to a statement. Typed even when null, because PostgreSQL wants to know.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(Option<bool>),
    Bytes(Option<Vec<u8>>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(Some(v))
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_string()))
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}
impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Self {
        Value::Text(v.map(str::to_string))
    }
}
impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Bytes(Some(v))
    }
}
impl From<Timestamp> for Value {
    fn from(v: Timestamp) -> Self {
        Value::Int(Some(v.0))
    }
}
macro_rules! id_value {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Self { Value::Int(Some(v.0)) }
        }
        impl From<Option<$t>> for Value {
            fn from(v: Option<$t>) -> Self { Value::Int(v.map(|x| x.0)) }
        }
    )*};
}
id_value!(
    tessera_common::TenantId,
    tessera_common::IdentityId,
    tessera_common::MemberId,
    tessera_common::MembershipId,
    tessera_common::RoleId
);

/// Builds a `Vec<Value>` from anything convertible: `args![a, b, c]`.
#[macro_export]
macro_rules! args {
    ($($v:expr),* $(,)?) => { vec![$($crate::db::Value::from($v)),*] };
}

enum TxInner {
    Sqlite(Transaction<'static, Sqlite>),
    /// A read on SQLite: a reader connection in autocommit mode. Each statement reads a
    /// committed state of its own; an explicit BEGIN … COMMIT around them would cost two
    /// more trips to the connection's worker thread per read, for a snapshot no page needs
    /// (a record's version travels in the same statement as its fields).
    SqliteRead(PoolConnection<Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// The most bound parameters one multi-row statement of [`Tx::insert_rows`] is given, per
/// backend. PostgreSQL allows 65535, SQLite 32766; on SQLite the statements stay shorter
/// (each distinct statement is prepared and kept in the connection's statement cache).
const MAX_PARAMS_POSTGRES: usize = 32_000;
const MAX_PARAMS_SQLITE: usize = 4_000;

/// A transaction on either backend.
pub struct Tx {
    inner: TxInner,
    backend: Backend,
    /// A write's committing makes the sessions' persons and scopes kept in this process
    /// stale (see `access_cache`).
    changes: Option<crate::access_cache::AccessCache>,
    /// A write's federation reads queued for these clubs: on commit, the job that chains
    /// them is told (`fedreads::queue`).
    reads_queued: Option<(ReadQueueWake, Vec<i64>)>,
    /// The write changes nothing the access memory keeps (`Tx::leaves_access_alone`).
    access_untouched: bool,
}

macro_rules! bind_all {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for v in $args {
            q = match v {
                Value::Int(x) => q.bind(x),
                Value::Text(x) => q.bind(x),
                Value::Bool(x) => q.bind(x),
                Value::Bytes(x) => q.bind(x),
            };
        }
        q
    }};
}

/// A row type that decodes on both backends (derive `sqlx::FromRow`).
pub trait Row: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> {}
impl<T> Row for T where T: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow>
{}

impl Tx {
    pub(crate) fn backend(&self) -> Backend {
        self.backend
    }

    /// Sets the tenant and person row-level security sees in this transaction (PostgreSQL;
    /// a prepared statement after BEGIN: sent with the BEGIN as one simple query it was
    /// parsed and planned every time, which cost the server more than the round trip saved).
    async fn set_rls(&mut self, tenant: Option<TenantId>, identity: Option<i64>) -> Result<()> {
        if let TxInner::Postgres(tx) = &mut self.inner {
            sqlx::query(
                "SELECT set_config('app.tenant_id', $1, true), set_config('app.identity_id', $2, true)",
            )
            .bind(tenant.map(|t| t.0.to_string()).unwrap_or_default())
            .bind(identity.map(|i| i.to_string()).unwrap_or_default())
            .execute(&mut **tx)
            .await
            .map_err(internal)?;
        }
        Ok(())
    }

    /// The owner's maintenance across tenants (rebuilding the search index after the
    /// migrations), PostgreSQL: row-level security is forced on tenant tables, and its
    /// `owner_maintenance` policy lets the owner through with `app.maintenance` on (migration
    /// 0018). For the application role this changes nothing: it is not the owner.
    async fn maintenance(&mut self) -> Result<()> {
        if let TxInner::Postgres(tx) = &mut self.inner {
            sqlx::query("SELECT set_config('app.maintenance', 'on', true)")
                .execute(&mut **tx)
                .await
                .map_err(internal)?;
        }
        Ok(())
    }

    /// Appends an event to one tenant's event log from a platform transaction (a plan, a
    /// status, a logo, a second factor reset by the club): PostgreSQL's row-level security
    /// on `security_events` sees the tenant set for this one statement, and the
    /// transaction's setting is put back after it.
    pub(crate) async fn insert_tenant_event(
        &mut self,
        tenant: TenantId,
        identity: Option<i64>,
        kind: &str,
        detail: Option<&str>,
        address: Option<&str>,
        at: Timestamp,
    ) -> Result<()> {
        let entry = crate::event_chain::Entry {
            id: crate::ids::new_id(),
            identity_id: identity,
            kind: kind.to_string(),
            detail: detail.map(str::to_string),
            address: address.map(str::to_string),
            at: at.0,
        };
        let chain = crate::event_chain::Chain::Tenant(tenant);
        let TxInner::Postgres(tx) = &mut self.inner else {
            return crate::event_chain::append(self, chain, &entry).await;
        };
        let (before,): (Option<String>,) = sqlx::query_as(
            "SELECT current_setting('app.tenant_id', true), set_config('app.tenant_id', $1, true)",
        )
        .bind(tenant.0.to_string())
        .fetch_one(&mut **tx)
        .await
        .map_err(internal)?;
        crate::event_chain::append(self, chain, &entry).await?;
        if let TxInner::Postgres(tx) = &mut self.inner {
            sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
                .bind(before.unwrap_or_default())
                .execute(&mut **tx)
                .await
                .map_err(internal)?;
        }
        Ok(())
    }

    /// Declares that this write changes none of the tables the access memory keeps reads of
    /// (`access_cache`: persons, memberships, roles, tenants, modules), so its commit leaves
    /// this process's memory in place. A federation's read writes only the clubs' queues of
    /// reads; every page of a busy federation emptied the memory of every session before.
    /// (Were it wrong, the database's change notification would still reach every process,
    /// this one included, within milliseconds.)
    pub(crate) fn leaves_access_alone(&mut self) {
        self.access_untouched = true;
    }

    /// Records a federation's read for several clubs at once (one `detail` per club, each
    /// club once), all `identity`'s at `at`: one statement into the clubs' queues of reads
    /// (`federation_read_queue`), which `fedreads::queue` moves into each club's event log
    /// after the commit. On PostgreSQL the clubs are named for row-level security in
    /// `app.federation_read_tenants` for this call only (migration 0056 admits that list to
    /// insert into those queues, nothing else).
    pub(crate) async fn insert_federation_reads(
        &mut self,
        identity: Option<i64>,
        details: Vec<(TenantId, String)>,
        at: Timestamp,
    ) -> Result<()> {
        if details.is_empty() {
            return Ok(());
        }
        let clubs: Vec<i64> = details.iter().map(|(t, _)| t.0).collect();
        let rows = serde_json::Value::Array(
            details
                .into_iter()
                .map(|(t, d)| serde_json::json!([t.0, crate::ids::new_id(), d]))
                .collect(),
        )
        .to_string();
        let args = vec![Value::from(rows), Value::Int(identity), Value::from(at)];
        let sql = match self.backend {
            Backend::Postgres => {
                "INSERT INTO federation_read_queue (tenant_id, id, identity_id, detail, at) \
                 SELECT CAST(j.value ->> 0 AS BIGINT), CAST(j.value ->> 1 AS BIGINT), \
                 CAST($2 AS BIGINT), j.value ->> 2, CAST($3 AS BIGINT) \
                 FROM json_array_elements(CAST($1 AS JSON)) j"
            }
            Backend::Sqlite => {
                "INSERT INTO federation_read_queue (tenant_id, id, identity_id, detail, at) \
                 SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), $2, \
                 json_extract(value, '$[2]'), $3 FROM json_each($1)"
            }
        };
        if let TxInner::Postgres(tx) = &mut self.inner {
            let list: Vec<String> = clubs.iter().map(|c| c.to_string()).collect();
            sqlx::query("SELECT set_config('app.federation_read_tenants', $1, true)")
                .bind(list.join(","))
                .execute(&mut **tx)
                .await
                .map_err(internal)?;
        }
        self.execute(sql, args).await?;
        if let TxInner::Postgres(tx) = &mut self.inner {
            sqlx::query("SELECT set_config('app.federation_read_tenants', '', true)")
                .execute(&mut **tx)
                .await
                .map_err(internal)?;
        }
        if let Some(wake) = &mut self.reads_queued {
            wake.1.extend(clubs);
        }
        Ok(())
    }

    /// Lets memberships of `identity` be read across tenants in this transaction (the
    /// row-level security policy on memberships allows a person to see their own).
    pub(crate) async fn as_identity(&mut self, identity: i64) -> Result<()> {
        self.set_rls(None, Some(identity)).await
    }

    /// Sets the tenant (and person) for row-level security in this transaction: for the
    /// resolver, which reads a person's membership in a tenant before a scope exists.
    pub(crate) async fn as_tenant(
        &mut self,
        tenant: TenantId,
        identity: Option<i64>,
    ) -> Result<()> {
        self.set_rls(Some(tenant), identity).await
    }

    /// This platform transaction as a write of `tenant`'s data by `actor` (row-level
    /// security set to it), for a change that must commit with the platform's and other
    /// tenants' (a transfer's approval: the new club's record, the old one's end, the
    /// federation's licence; `transfers::decide`). Back with [`TenantTx::into_platform`].
    pub(crate) async fn into_tenant(
        mut self,
        tenant: TenantId,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<TenantTx> {
        self.set_rls(Some(tenant), actor.identity.map(|i| i.0))
            .await?;
        Ok(TenantTx {
            tx: self,
            tenant,
            actor: Some(actor.clone()),
            now,
        })
    }

    pub(crate) async fn fetch_all<T: Row>(
        &mut self,
        sql: &str,
        args: Vec<Value>,
    ) -> Result<Vec<T>> {
        match &mut self.inner {
            TxInner::Sqlite(tx) => bind_all!(sqlx::query_as::<_, T>(sql), args)
                .fetch_all(&mut **tx)
                .await
                .map_err(internal),
            TxInner::SqliteRead(c) => bind_all!(sqlx::query_as::<_, T>(sql), args)
                .fetch_all(&mut **c)
                .await
                .map_err(internal),
            TxInner::Postgres(tx) => bind_all!(sqlx::query_as::<_, T>(sql), args)
                .fetch_all(&mut **tx)
                .await
                .map_err(internal),
        }
    }

    pub(crate) async fn fetch_optional<T: Row>(
        &mut self,
        sql: &str,
        args: Vec<Value>,
    ) -> Result<Option<T>> {
        match &mut self.inner {
            TxInner::Sqlite(tx) => bind_all!(sqlx::query_as::<_, T>(sql), args)
                .fetch_optional(&mut **tx)
                .await
                .map_err(internal),
            TxInner::SqliteRead(c) => bind_all!(sqlx::query_as::<_, T>(sql), args)
                .fetch_optional(&mut **c)
                .await
                .map_err(internal),
            TxInner::Postgres(tx) => bind_all!(sqlx::query_as::<_, T>(sql), args)
                .fetch_optional(&mut **tx)
                .await
                .map_err(internal),
        }
    }

    pub(crate) async fn fetch_one<T: Row>(&mut self, sql: &str, args: Vec<Value>) -> Result<T> {
        self.fetch_optional(sql, args)
            .await?
            .ok_or_else(|| internal("expected a row"))
    }

    /// Runs a statement; returns the number of rows it touched.
    pub(crate) async fn execute(&mut self, sql: &str, args: Vec<Value>) -> Result<u64> {
        let r = match &mut self.inner {
            TxInner::Sqlite(tx) => bind_all!(sqlx::query(sql), args)
                .execute(&mut **tx)
                .await
                .map(|r| r.rows_affected()),
            TxInner::SqliteRead(c) => bind_all!(sqlx::query(sql), args)
                .execute(&mut **c)
                .await
                .map(|r| r.rows_affected()),
            TxInner::Postgres(tx) => bind_all!(sqlx::query(sql), args)
                .execute(&mut **tx)
                .await
                .map(|r| r.rows_affected()),
        };
        r.map_err(map_write_error)
    }

    /// Runs a query and hands each row to `each`, decoded by `types` (one per column), as
    /// the rows arrive (nothing of the whole result is held): for a backup, which reads
    /// every table whatever its columns. Returns how many rows there were.
    pub(crate) async fn stream_rows(
        &mut self,
        sql: &str,
        types: &[ColType],
        mut each: impl FnMut(Vec<Value>) -> Result<()>,
    ) -> Result<u64> {
        use futures_util::TryStreamExt;
        use sqlx::Row as _;
        macro_rules! decode {
            ($row:expr) => {{
                let row = $row;
                let mut out = Vec::with_capacity(types.len());
                for (i, t) in types.iter().enumerate() {
                    out.push(match t {
                        ColType::Int => Value::Int(row.try_get(i).map_err(internal)?),
                        ColType::Text => Value::Text(row.try_get(i).map_err(internal)?),
                        ColType::Bool => Value::Bool(row.try_get(i).map_err(internal)?),
                        ColType::Bytes => Value::Bytes(row.try_get(i).map_err(internal)?),
                    });
                }
                out
            }};
        }
        let mut n = 0;
        match &mut self.inner {
            TxInner::Sqlite(tx) => {
                let mut rows = sqlx::query(sql).fetch(&mut **tx);
                while let Some(row) = rows.try_next().await.map_err(internal)? {
                    each(decode!(row))?;
                    n += 1;
                }
            }
            TxInner::SqliteRead(c) => {
                let mut rows = sqlx::query(sql).fetch(&mut **c);
                while let Some(row) = rows.try_next().await.map_err(internal)? {
                    each(decode!(row))?;
                    n += 1;
                }
            }
            TxInner::Postgres(tx) => {
                let mut rows = sqlx::query(sql).fetch(&mut **tx);
                while let Some(row) = rows.try_next().await.map_err(internal)? {
                    each(decode!(row))?;
                    n += 1;
                }
            }
        }
        Ok(n)
    }

    /// Inserts `rows` (each with a value per column of `cols`) with multi-row INSERT
    /// statements, as many rows per statement as the bound-parameter limit allows. `shared`
    /// columns have the same value in every row: on PostgreSQL bound once per statement and
    /// named by every row; on SQLite bound for every row, because there the parameters are
    /// anonymous (`?`): SQLite looks a numbered parameter (`$n`) up by a linear search, which
    /// made binding quadratic (39 % of seeding 200,000 members went to that lookup).
    pub(crate) async fn insert_rows(
        &mut self,
        table: &str,
        shared: &[(&str, Value)],
        cols: &[&str],
        rows: Vec<Vec<Value>>,
    ) -> Result<()> {
        check_ident(table);
        if cols.is_empty() || rows.iter().any(|r| r.len() != cols.len()) {
            return Err(internal(format!(
                "insert into {table}: every row needs one value per column"
            )));
        }
        let names: Vec<&str> = shared
            .iter()
            .map(|(c, _)| *c)
            .chain(cols.iter().copied())
            .collect();
        names.iter().for_each(|c| check_ident(c));
        let max = match self.backend {
            Backend::Sqlite => MAX_PARAMS_SQLITE,
            Backend::Postgres => MAX_PARAMS_POSTGRES,
        };
        let sqlite = self.backend == Backend::Sqlite;
        let per_statement = if sqlite {
            (max / names.len()).max(1)
        } else {
            ((max - shared.len()) / cols.len()).max(1)
        };
        let shared_ph: Vec<String> = (1..=shared.len()).map(|i| format!("${i}")).collect();
        let anonymous = format!("({})", vec!["?"; names.len()].join(", "));
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let mut values: Vec<Value> = if sqlite {
                Vec::new()
            } else {
                shared.iter().map(|(_, v)| v.clone()).collect()
            };
            let mut tuples = Vec::new();
            for row in rows.by_ref().take(per_statement) {
                if sqlite {
                    values.extend(shared.iter().map(|(_, v)| v.clone()));
                    values.extend(row);
                    tuples.push(anonymous.clone());
                    continue;
                }
                let mut ph = shared_ph.clone();
                for v in row {
                    values.push(v);
                    ph.push(format!("${}", values.len()));
                }
                tuples.push(format!("({})", ph.join(", ")));
            }
            let sql = format!(
                "INSERT INTO {table} ({}) VALUES {}",
                names.join(", "),
                tuples.join(", ")
            );
            self.execute(&sql, values).await?;
        }
        Ok(())
    }

    pub async fn commit(self) -> Result<()> {
        let done = match self.inner {
            TxInner::Sqlite(tx) => tx.commit().await.map_err(internal),
            TxInner::SqliteRead(_) => Ok(()),
            // A read (READ ONLY, see `Db::begin`) has nothing to commit: dropped, its
            // ROLLBACK goes out with the ping sqlx sends when the connection returns to the
            // pool, one round trip where a COMMIT was one more.
            TxInner::Postgres(tx) if self.changes.is_none() => {
                drop(tx);
                Ok(())
            }
            TxInner::Postgres(tx) => tx.commit().await.map_err(internal),
        };
        if let Some(kept) = self.changes.filter(|_| !self.access_untouched) {
            // Also after a failed COMMIT: whether it applied is not known.
            kept.changed();
        }
        if let Some((wake, clubs)) = self.reads_queued {
            if done.is_ok() && !clubs.is_empty() {
                wake.queued(clubs);
            }
        }
        done
    }
}

/// Unique-constraint violations are the caller's conflict, not our failure.
fn map_write_error(e: sqlx::Error) -> AppError {
    if let sqlx::Error::Database(db) = &e {
        if db.is_unique_violation() {
            return AppError::Conflict(Msg::ErrValueTaken.into());
        }
        if db.is_foreign_key_violation() {
            return AppError::bad_request(Msg::ErrNoSuchReference);
        }
    }
    internal(e)
}

/// A transaction on one tenant's data. `$1` of every statement is the tenant id.
pub struct TenantTx {
    tx: Tx,
    tenant: TenantId,
    actor: Option<Actor>,
    now: Timestamp,
}

/// The most parameters one statement may bind on both backends (SQLite's default limit
/// since 3.32; PostgreSQL allows 65535).
const MAX_BOUND_PARAMETERS: usize = 32_766;

/// The most rows [`TenantTx::insert_many`] puts in one statement.
pub const INSERT_MANY_ROWS: usize = 500;

/// The most rows [`TenantTx::update_many`] changes in one statement (each binds two
/// parameters per column and one more).
pub const UPDATE_MANY_ROWS: usize = 250;

fn with_tenant(tenant: TenantId, args: Vec<Value>) -> Vec<Value> {
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(Value::from(tenant));
    all.extend(args);
    all
}

fn check_ident(name: &str) {
    debug_assert!(
        name.chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()),
        "not a plain identifier: {name}"
    );
}

impl TenantTx {
    pub fn tenant(&self) -> TenantId {
        self.tenant
    }

    pub fn backend(&self) -> Backend {
        self.tx.backend()
    }

    /// Makes this tenant's transactions that take the lock `name` wait for one another until
    /// they end: for work that reads what is there and then adds what is not (an import),
    /// which two transactions at once would both add. PostgreSQL: an advisory lock on the
    /// tenant and the name, held until this transaction ends. SQLite: nothing to do, its
    /// write transactions run one at a time.
    pub async fn lock(&mut self, name: &str) -> Result<()> {
        if let TxInner::Postgres(tx) = &mut self.tx.inner {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($2 || ':' || $1::text, 0))")
                .bind(self.tenant.0)
                .bind(name)
                .execute(&mut **tx)
                .await
                .map_err(internal)?;
        }
        Ok(())
    }

    /// Like [`TenantTx::lock`], but waits at most `wait` (PostgreSQL): `Ok(false)` when
    /// another transaction still holds the lock then (this transaction can then only be
    /// dropped). SQLite: `Ok(true)`, its write transactions run one at a time.
    pub async fn lock_within(&mut self, name: &str, wait: Duration) -> Result<bool> {
        let TxInner::Postgres(tx) = &mut self.tx.inner else {
            return Ok(true);
        };
        sqlx::query("SELECT set_config('lock_timeout', $1, true)")
            .bind(wait.as_millis().to_string())
            .execute(&mut **tx)
            .await
            .map_err(internal)?;
        let locked =
            sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($2 || ':' || $1::text, 0))")
                .bind(self.tenant.0)
                .bind(name)
                .execute(&mut **tx)
                .await;
        match locked {
            Ok(_) => Ok(true),
            // lock_not_available: the lock timeout passed.
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("55P03") => Ok(false),
            Err(e) => Err(internal(e)),
        }
    }

    /// Plans the rest of this transaction's statements once per connection (PostgreSQL):
    /// for a statement whose best plan is the same whatever its values but whose estimate is
    /// not, such as a search over a range of words of unknown width. PostgreSQL then plans
    /// it anew on every call (0.38 ms of planning for 1.1 ms of work, a page of the
    /// register's search at 100,000 members). Nothing on SQLite, which plans once per
    /// prepared statement.
    pub async fn reuse_plans(&mut self) -> Result<()> {
        if let TxInner::Postgres(tx) = &mut self.tx.inner {
            sqlx::query("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)")
                .execute(&mut **tx)
                .await
                .map_err(internal)?;
        }
        Ok(())
    }

    /// Runs a query whose text filters on `tenant_id = $1`; `args` bind from `$2` on. (The
    /// filter is checked on the source: `tests_tenancy` reads every statement of this crate.)
    pub async fn fetch_all<T: Row>(&mut self, sql: &str, args: Vec<Value>) -> Result<Vec<T>> {
        self.tx.fetch_all(sql, with_tenant(self.tenant, args)).await
    }

    pub async fn fetch_optional<T: Row>(
        &mut self,
        sql: &str,
        args: Vec<Value>,
    ) -> Result<Option<T>> {
        self.tx
            .fetch_optional(sql, with_tenant(self.tenant, args))
            .await
    }

    pub async fn fetch_one<T: Row>(&mut self, sql: &str, args: Vec<Value>) -> Result<T> {
        self.tx.fetch_one(sql, with_tenant(self.tenant, args)).await
    }

    /// The instant this transaction stamps its changes with (inv20: invoices' `created_at`
    /// in bulk inserts).
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// The last-change stamp of this write: (updated_at, updated_by, updated_by_name).
    pub(crate) fn stamp_values(&self) -> Result<(Value, Value, Value)> {
        let actor = self
            .actor
            .as_ref()
            .ok_or_else(|| internal("write through a read transaction"))?;
        Ok((
            Value::from(self.now),
            Value::from(actor.identity),
            Value::from(actor.stamp_name()),
        ))
    }

    /// Inserts a row of `table` for this tenant, with the last-change stamp.
    pub async fn insert(&mut self, table: &str, cols: Vec<(&str, Value)>) -> Result<()> {
        check_ident(table);
        let (at, by, by_name) = self.stamp_values()?;
        let mut names = vec!["tenant_id"];
        let mut values = vec![Value::from(self.tenant)];
        for (c, v) in cols {
            check_ident(c);
            names.push(c);
            values.push(v);
        }
        names.extend(["updated_at", "updated_by", "updated_by_name"]);
        values.extend([at, by, by_name]);
        let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            placeholders.join(", ")
        );
        self.tx.execute(&sql, values).await.map(|_| ())
    }

    /// Inserts many rows of `table` for this tenant, each with the last-change stamp, as
    /// [`TenantTx::insert`] does row by row, but in multi-row statements (bulk imports).
    /// Every row names the same columns in the same order. A statement holds at most
    /// [`INSERT_MANY_ROWS`] rows and stays under the bound-parameter limits of both backends
    /// (SQLite 32766, PostgreSQL 65535). On SQLite the parameters are anonymous (`?`):
    /// SQLite looks a numbered or named parameter up by a linear search, which makes binding
    /// thousands of `$n` quadratic (storing 100,000 members took 21 s with `$n`, 6 s with `?`).
    pub async fn insert_many(&mut self, table: &str, rows: Vec<Vec<(&str, Value)>>) -> Result<()> {
        check_ident(table);
        let Some(first) = rows.first() else {
            return Ok(());
        };
        let names: Vec<&str> = first.iter().map(|(c, _)| *c).collect();
        for c in &names {
            check_ident(c);
        }
        let (at, by, by_name) = self.stamp_values()?;
        let sqlite = self.backend() == Backend::Sqlite;
        // The row's own columns plus the tenant id and the three stamp columns.
        let per_row = names.len() + 4;
        let per_statement = (MAX_BOUND_PARAMETERS / per_row).clamp(1, INSERT_MANY_ROWS);
        let head = format!(
            "INSERT INTO {table} (tenant_id, {}, updated_at, updated_by, updated_by_name) VALUES ",
            names.join(", ")
        );
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let mut sql = head.clone();
            let mut values = Vec::with_capacity(per_row * per_statement);
            for (i, row) in rows.by_ref().take(per_statement).enumerate() {
                if row.len() != names.len() || row.iter().zip(&names).any(|((c, _), n)| c != n) {
                    return Err(internal(format!(
                        "insert_many into {table}: the rows name different columns"
                    )));
                }
                values.push(Value::from(self.tenant));
                values.extend(row.into_iter().map(|(_, v)| v));
                values.extend([at.clone(), by.clone(), by_name.clone()]);
                sql.push_str(if i == 0 { "(" } else { ", (" });
                for k in 0..per_row {
                    if k > 0 {
                        sql.push_str(", ");
                    }
                    if sqlite {
                        sql.push('?');
                    } else {
                        sql.push_str(&format!("${}", values.len() - per_row + k + 1));
                    }
                }
                sql.push(')');
            }
            self.tx.execute(&sql, values).await?;
        }
        Ok(())
    }

    /// Inserts many rows of `table` for this tenant, each with the last-change stamp, in as
    /// few statements as the bound-parameter limits allow (no round trip per row). Each row
    /// holds a value per column of `cols`.
    pub async fn insert_many_cols(
        &mut self,
        table: &str,
        cols: &[&str],
        rows: Vec<Vec<Value>>,
    ) -> Result<()> {
        let (at, by, by_name) = self.stamp_values()?;
        let shared = [
            ("tenant_id", Value::from(self.tenant)),
            ("updated_at", at),
            ("updated_by", by),
            ("updated_by_name", by_name),
        ];
        self.tx.insert_rows(table, &shared, cols, rows).await
    }

    /// Inserts rows of a table derived from others (an index such as `member_search`, which
    /// carries no stamp of its own) for this tenant, in a write transaction.
    pub(crate) async fn insert_index_rows(
        &mut self,
        table: &str,
        cols: &[&str],
        rows: Vec<Vec<Value>>,
    ) -> Result<()> {
        self.stamp_values()?;
        if rows.is_empty() {
            return Ok(());
        }
        let shared = [("tenant_id", Value::from(self.tenant))];
        self.tx.insert_rows(table, &shared, cols, rows).await
    }

    /// Updates the row `id` of `table` for this tenant, stamping the change and bumping its
    /// version. With `expected_version`, a row changed meanwhile is left alone and the
    /// result is `Ok(false)`; a missing row is `NotFound`.
    pub async fn update(
        &mut self,
        table: &str,
        id: i64,
        cols: Vec<(&str, Value)>,
        expected_version: Option<i64>,
    ) -> Result<bool> {
        check_ident(table);
        let (at, by, by_name) = self.stamp_values()?;
        let mut values = vec![Value::from(self.tenant), Value::from(id)];
        let mut sets = Vec::new();
        for (c, v) in cols {
            check_ident(c);
            values.push(v);
            sets.push(format!("{c} = ${}", values.len()));
        }
        for (c, v) in [
            ("updated_at", at),
            ("updated_by", by),
            ("updated_by_name", by_name),
        ] {
            values.push(v);
            sets.push(format!("{c} = ${}", values.len()));
        }
        let mut sql = format!(
            "UPDATE {table} SET {}, version = version + 1 WHERE tenant_id = $1 AND id = $2",
            sets.join(", ")
        );
        if let Some(v) = expected_version {
            values.push(Value::from(v));
            sql.push_str(&format!(" AND version = ${}", values.len()));
        }
        let n = self.tx.execute(&sql, values).await?;
        if n == 1 {
            return Ok(true);
        }
        if expected_version.is_some() {
            let exists: Option<(i64,)> = self
                .fetch_optional(
                    &format!("SELECT id FROM {table} WHERE tenant_id = $1 AND id = $2"),
                    vec![Value::from(id)],
                )
                .await?;
            if exists.is_some() {
                return Ok(false);
            }
        }
        Err(AppError::NotFound)
    }

    /// Updates many rows of `table` for this tenant, each to its own values of `cols`,
    /// stamping every change and bumping each version as [`TenantTx::update`] does row by
    /// row, but in a few statements (`SET c = CASE id WHEN … THEN … END … WHERE id IN
    /// (…)`, [`UPDATE_MANY_ROWS`] rows a statement) instead of a round trip per row. Each
    /// row is `(id, one value per column)`. Returns how many rows changed; the caller
    /// compares with what it asked when a missing row matters.
    pub async fn update_many(
        &mut self,
        table: &str,
        cols: &[&str],
        rows: Vec<(i64, Vec<Value>)>,
    ) -> Result<u64> {
        check_ident(table);
        cols.iter().for_each(|c| check_ident(c));
        if cols.is_empty() || rows.iter().any(|(_, r)| r.len() != cols.len()) {
            return Err(internal(format!(
                "update_many of {table}: every row needs one value per column"
            )));
        }
        let (at, by, by_name) = self.stamp_values()?;
        // SQLite: anonymous parameters in the order of the text (a numbered one is looked
        // up by a linear search, see `insert_many`); PostgreSQL: numbered.
        let sqlite = self.backend() == Backend::Sqlite;
        let mut n = 0;
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<(i64, Vec<Value>)> = rows.by_ref().take(UPDATE_MANY_ROWS).collect();
            let mut values: Vec<Value> = Vec::new();
            let mark = |v: Value, values: &mut Vec<Value>| {
                values.push(v);
                if sqlite {
                    "?".to_string()
                } else {
                    format!("${}", values.len())
                }
            };
            let mut sets = Vec::with_capacity(cols.len() + 3);
            for (k, c) in cols.iter().enumerate() {
                let mut case = format!("{c} = CASE id");
                for (id, row) in &chunk {
                    let i = mark(Value::from(*id), &mut values);
                    let v = mark(row[k].clone(), &mut values);
                    case.push_str(&format!(" WHEN {i} THEN {v}"));
                }
                case.push_str(&format!(" ELSE {c} END"));
                sets.push(case);
            }
            for (c, v) in [
                ("updated_at", at.clone()),
                ("updated_by", by.clone()),
                ("updated_by_name", by_name.clone()),
            ] {
                let m = mark(v, &mut values);
                sets.push(format!("{c} = {m}"));
            }
            let tenant = mark(Value::from(self.tenant), &mut values);
            let ids: Vec<String> = chunk
                .iter()
                .map(|(id, _)| mark(Value::from(*id), &mut values))
                .collect();
            let sql = format!(
                "UPDATE {table} SET {}, version = version + 1 WHERE tenant_id = {tenant} \
                 AND id IN ({})",
                sets.join(", "),
                ids.join(", ")
            );
            n += self.tx.execute(&sql, values).await?;
        }
        Ok(n)
    }

    /// Runs a write statement whose text filters on `tenant_id = $1`, for the rare change
    /// that the stamped helpers cannot express (deleting link rows).
    pub async fn execute(&mut self, sql: &str, args: Vec<Value>) -> Result<u64> {
        self.stamp_values()?;
        self.tx.execute(sql, with_tenant(self.tenant, args)).await
    }

    /// The platform transaction under this write, for the changes that must commit with a
    /// tenant's: an erasure ending the erased people's accounts, tokens and sessions
    /// (`rights::erasure`), the platform log entry of a breach notified to a club
    /// (`breaches::notify_club`). Platform tables only: tenant tables go through the bound
    /// helpers.
    /// The platform transaction under this one (see [`Tx::into_tenant`]).
    pub(crate) fn into_platform(self) -> Tx {
        self.tx
    }

    pub(crate) fn platform_part(&mut self) -> Result<&mut Tx> {
        self.stamp_values()?;
        Ok(&mut self.tx)
    }

    /// Points this transaction at another tenant (issue 18, licences): a club's licence
    /// request writes the shared fields into its federation's tables, and the member's later
    /// changes refresh that copy, in the club's own transaction. Row-level security and the
    /// bound `$1` follow the switch; the stamp stays the actor's. Returns the tenant it was
    /// on, to switch back. Crate-private: only `licences`/`fedcopy` call it, after asking
    /// `affiliations` that the two tenants are actively affiliated.
    pub(crate) async fn switch_tenant(&mut self, tenant: TenantId) -> Result<TenantId> {
        let identity = self.actor.as_ref().and_then(|a| a.identity).map(|i| i.0);
        self.tx.set_rls(Some(tenant), identity).await?;
        Ok(std::mem::replace(&mut self.tenant, tenant))
    }

    /// Appends an event about this tenant to the event log, in this transaction, so the
    /// change and its record land together; the entry joins the tenant's hash chain
    /// (`event_chain`).
    pub async fn log(&mut self, kind: &str, detail: Option<&str>) -> Result<()> {
        let actor = self
            .actor
            .as_ref()
            .ok_or_else(|| internal("write through a read transaction"))?;
        let entry = crate::event_chain::Entry {
            id: crate::ids::new_id(),
            identity_id: actor.identity.map(|i| i.0),
            kind: kind.to_string(),
            detail: detail.map(str::to_string),
            address: None,
            at: self.now.0,
        };
        crate::event_chain::append(
            &mut self.tx,
            crate::event_chain::Chain::Tenant(self.tenant),
            &entry,
        )
        .await
    }

    /// See [`Tx::leaves_access_alone`].
    pub(crate) fn leaves_access_alone(&mut self) {
        self.tx.leaves_access_alone();
    }

    /// Appends `entries` to this tenant's event log, in their order, as they are (their own
    /// ids, persons and times): the club's queued federation reads (`fedreads::queue`).
    pub(crate) async fn append_events(
        &mut self,
        entries: &[crate::event_chain::Entry],
    ) -> Result<()> {
        crate::event_chain::append_many(&mut self.tx, self.tenant, entries).await
    }

    /// Prunes this tenant's event log: the entries written before `before` go, the chain's
    /// anchor moves to the newest of them so the rest stays verifiable (see
    /// [`crate::event_chain::prune`]); returns how many went. For the retention of security
    /// events, and with `before` past every entry for a club's deletion.
    pub async fn prune_events(&mut self, before: Timestamp) -> Result<u64> {
        self.prune_events_batch(before, None).await
    }

    /// [`Self::prune_events`], at most `limit` entries (the oldest) when given: the
    /// retention job's batches.
    pub async fn prune_events_batch(
        &mut self,
        before: Timestamp,
        limit: Option<u64>,
    ) -> Result<u64> {
        self.stamp_values()?;
        crate::event_chain::prune(
            &mut self.tx,
            crate::event_chain::Chain::Tenant(self.tenant),
            before,
            limit,
        )
        .await
    }

    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await
    }
}

/// A cell of a row read without knowing its table's columns (the export bundle of a club).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bool(bool),
    Bytes(Vec<u8>),
}

fn sqlite_cell(row: &SqliteRow, i: usize) -> Result<Cell> {
    use sqlx::{Row as _, TypeInfo, ValueRef};
    let raw = row.try_get_raw(i).map_err(internal)?;
    if raw.is_null() {
        return Ok(Cell::Null);
    }
    let kind = raw.type_info().name().to_ascii_uppercase();
    Ok(match kind.as_str() {
        "INTEGER" | "BOOLEAN" | "INT" | "BIGINT" => Cell::Int(row.try_get(i).map_err(internal)?),
        "REAL" => Cell::Real(row.try_get(i).map_err(internal)?),
        "BLOB" => Cell::Bytes(row.try_get(i).map_err(internal)?),
        _ => Cell::Text(row.try_get(i).map_err(internal)?),
    })
}

fn pg_cell(row: &PgRow, i: usize) -> Result<Cell> {
    use sqlx::{Row as _, TypeInfo, ValueRef};
    let raw = row.try_get_raw(i).map_err(internal)?;
    if raw.is_null() {
        return Ok(Cell::Null);
    }
    let kind = raw.type_info().name().to_ascii_uppercase();
    Ok(match kind.as_str() {
        "INT8" => Cell::Int(row.try_get(i).map_err(internal)?),
        "INT4" => Cell::Int(i64::from(row.try_get::<i32, _>(i).map_err(internal)?)),
        "INT2" => Cell::Int(i64::from(row.try_get::<i16, _>(i).map_err(internal)?)),
        "FLOAT8" => Cell::Real(row.try_get(i).map_err(internal)?),
        "FLOAT4" => Cell::Real(f64::from(row.try_get::<f32, _>(i).map_err(internal)?)),
        "BOOL" => Cell::Bool(row.try_get(i).map_err(internal)?),
        "BYTEA" => Cell::Bytes(row.try_get(i).map_err(internal)?),
        _ => Cell::Text(row.try_get(i).map_err(internal)?),
    })
}

impl Db {
    /// Every table with a `tenant_id` column, each listed before the tables it references
    /// (so deleting them in this order never breaks a foreign key): for the export bundle
    /// and the deletion of a club that left. Read from the schema, so a table added later is
    /// included without a change here.
    pub async fn tenant_tables(&self) -> Result<Vec<String>> {
        let mut tx = self.begin(Access::Read).await?;
        let (tables, links): (Vec<(String,)>, Vec<(String, String)>) = match self.backend() {
            Backend::Sqlite => (
                tx.fetch_all(
                    "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS \
                     (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'tenant_id') ORDER BY m.name",
                    vec![],
                )
                .await?,
                tx.fetch_all(
                    "SELECT m.name, f.\"table\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
                     WHERE m.type = 'table'",
                    vec![],
                )
                .await?,
            ),
            Backend::Postgres => (
                tx.fetch_all(
                    "SELECT c.table_name::text FROM information_schema.columns c \
                     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
                     WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE' \
                     ORDER BY 1",
                    vec![],
                )
                .await?,
                tx.fetch_all(
                    "SELECT ch.relname::text, pa.relname::text FROM pg_constraint k \
                     JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid \
                     JOIN pg_namespace n ON n.oid = ch.relnamespace \
                     WHERE k.contype = 'f' AND n.nspname = 'public'",
                    vec![],
                )
                .await?,
            ),
        };
        tx.commit().await?;
        let mut left: Vec<String> = tables.into_iter().map(|(t,)| t).collect();
        let mut ordered = Vec::with_capacity(left.len());
        // Children first: a table goes once no table left references it.
        while !left.is_empty() {
            let ready: Vec<String> = left
                .iter()
                .filter(|t| {
                    !links
                        .iter()
                        .any(|(child, parent)| parent == *t && child != *t && left.contains(child))
                })
                .cloned()
                .collect();
            if ready.is_empty() {
                // A cycle (none today): the rest in name order.
                ordered.append(&mut left);
                break;
            }
            left.retain(|t| !ready.contains(t));
            ordered.extend(ready);
        }
        Ok(ordered)
    }
}

impl TenantTx {
    /// Every row of `table` (a name from [`Db::tenant_tables`]) for this tenant, with the
    /// column names, in the table's key order: the export bundle.
    pub async fn dump_table(&mut self, table: &str) -> Result<(Vec<String>, Vec<Vec<Cell>>)> {
        use sqlx::{Column as _, Row as _};
        if !table
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
        {
            return Err(internal(format!("not a table name: {table}")));
        }
        let sql = format!("SELECT * FROM {table} WHERE tenant_id = $1");
        let tenant = self.tenant.0;
        let mut names = Vec::new();
        let mut rows = Vec::new();
        // SQLite's writer and reader connections give the same rows: read them, then one loop.
        let sqlite_rows = match &mut self.tx.inner {
            TxInner::Sqlite(tx) => sqlx::query(&sql)
                .bind(tenant)
                .fetch_all(&mut **tx)
                .await
                .map_err(internal)?,
            TxInner::SqliteRead(c) => sqlx::query(&sql)
                .bind(tenant)
                .fetch_all(&mut **c)
                .await
                .map_err(internal)?,
            TxInner::Postgres(tx) => {
                for r in sqlx::query(&sql)
                    .bind(tenant)
                    .fetch_all(&mut **tx)
                    .await
                    .map_err(internal)?
                {
                    if names.is_empty() {
                        names = r.columns().iter().map(|c| c.name().to_string()).collect();
                    }
                    rows.push(
                        (0..r.len())
                            .map(|i| pg_cell(&r, i))
                            .collect::<Result<Vec<_>>>()?,
                    );
                }
                Vec::new()
            }
        };
        for r in sqlite_rows {
            if names.is_empty() {
                names = r.columns().iter().map(|c| c.name().to_string()).collect();
            }
            rows.push(
                (0..r.len())
                    .map(|i| sqlite_cell(&r, i))
                    .collect::<Result<Vec<_>>>()?,
            );
        }
        Ok((names, rows))
    }
}

/// The clubs with federation reads queued by this process since the job that moves them
/// into the clubs' logs last ran (`fedreads::queue`), and the job's bell.
#[derive(Clone, Default)]
pub(crate) struct ReadQueueWake {
    clubs: std::sync::Arc<std::sync::Mutex<std::collections::BTreeSet<i64>>>,
    bell: std::sync::Arc<tokio::sync::Notify>,
}

impl ReadQueueWake {
    /// A committed write queued reads for `clubs`.
    pub(crate) fn queued(&self, clubs: Vec<i64>) {
        if let Ok(mut set) = self.clubs.lock() {
            set.extend(clubs);
        }
        self.bell.notify_one();
    }

    /// Waits for the next [`ReadQueueWake::queued`].
    pub(crate) async fn notified(&self) {
        self.bell.notified().await;
    }

    /// The clubs queued for since the last call.
    pub(crate) fn take(&self) -> Vec<i64> {
        match self.clubs.lock() {
            Ok(mut set) => std::mem::take(&mut *set).into_iter().collect(),
            Err(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_are_parsed_or_refused_with_the_accepted_forms() {
        assert_eq!(
            DbUrl::parse("sqlite://./data/tessera.db"),
            Ok(DbUrl::Sqlite(PathBuf::from("./data/tessera.db")))
        );
        assert_eq!(
            DbUrl::parse("sqlite:/tmp/x.db?mode=rwc"),
            Ok(DbUrl::Sqlite(PathBuf::from("/tmp/x.db")))
        );
        assert!(matches!(
            DbUrl::parse("postgres://u:p@h:5432/db"),
            Ok(DbUrl::Postgres(_))
        ));
        for bad in [
            "mysql://root:secret@db/x",
            "sqlite://",
            "sqlite::memory:",
            "",
            "./data/x.db",
        ] {
            let e = DbUrl::parse(bad).unwrap_err();
            assert!(e.contains("accepted forms") && !e.contains('\n'), "{e}");
            assert!(!e.contains("secret"), "passwords stay out of messages: {e}");
        }
    }

    #[tokio::test]
    async fn an_unusable_data_directory_is_named_in_the_error() {
        let base = std::env::temp_dir().join(format!("tessera-datadir-{}", crate::ids::new_id()));
        std::fs::create_dir_all(&base).unwrap();
        let blocker = base.join("data");
        std::fs::write(&blocker, b"a file, not a directory").unwrap();
        let url = DbUrl::Sqlite(blocker.join("tessera.db"));
        let err = Db::connect(&url, 2).await.err().expect("must fail");
        let msg = err.to_string();
        assert!(msg.contains(&blocker.display().to_string()), "{msg}");
        assert!(msg.contains("not a directory"), "{msg}");
        // A missing directory is created on first run.
        let fresh = base.join("new").join("tessera.db");
        let db = Db::connect(&DbUrl::Sqlite(fresh.clone()), 2).await.unwrap();
        db.migrate(None).await.unwrap();
        assert!(fresh.exists());
        db.close().await;
        let _ = std::fs::remove_dir_all(&base);
    }
}
