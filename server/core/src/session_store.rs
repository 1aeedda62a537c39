//! Where tower-sessions keeps the sessions: in the application's database, through
//! [`Sessions`], which the server crate hands to its session layer.

use crate::access_cache::AccessCache;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The session store of a [`crate::db::Db`] (see [`crate::db::Db::sessions`]).
#[derive(Clone)]
pub struct Sessions(pub(crate) Store);

#[derive(Clone)]
pub(crate) enum Store {
    /// Loads on the readers (every request loads its session) and every change on the one
    /// writer, so loading a session never waits for a write transaction to finish.
    Sqlite {
        read: SqliteStore,
        write: SqliteStore,
    },
    /// Loads answered from this process's memory while it hears of every change to the
    /// session table (`access_cache`); a session this process changes is forgotten at once.
    Postgres {
        store: PostgresStore,
        kept: AccessCache,
    },
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Store::Sqlite { .. } => "Sessions(SQLite)",
            Store::Postgres { .. } => "Sessions(PostgreSQL)",
        })
    }
}

impl Sessions {
    fn forget(&self, id: &Id) {
        if let Store::Postgres { kept, .. } = &self.0 {
            kept.forget_session(&id.to_string());
        }
    }
}

#[async_trait::async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A new session was never kept: nothing to forget.
        match &self.0 {
            Store::Sqlite { write, .. } => write.create(record).await,
            Store::Postgres { store, .. } => store.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let saved = match &self.0 {
            Store::Sqlite { write, .. } => write.save(record).await,
            Store::Postgres { store, .. } => store.save(record).await,
        };
        // Forgotten even when the save failed: it may have reached the database.
        self.forget(&record.id);
        saved
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match &self.0 {
            Store::Sqlite { read, .. } => read.load(id).await,
            Store::Postgres { store, kept } => {
                if let Some(record) = kept.session(&id.to_string()) {
                    return Ok(Some(record));
                }
                let ticket = kept.session_ticket();
                let record = store.load(id).await?;
                if let (Some(ticket), Some(record)) = (ticket, &record) {
                    kept.keep_session(ticket, record);
                }
                Ok(record)
            }
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let deleted = match &self.0 {
            Store::Sqlite { write, .. } => write.delete(id).await,
            Store::Postgres { store, .. } => store.delete(id).await,
        };
        self.forget(id);
        deleted
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for Sessions {
    async fn delete_expired(&self) -> session_store::Result<()> {
        // Kept sessions are checked against their expiry on every use.
        match &self.0 {
            Store::Sqlite { write, .. } => write.delete_expired().await,
            Store::Postgres { store, .. } => store.delete_expired().await,
        }
    }
}
