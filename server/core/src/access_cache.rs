//! A per-process memory of what every signed-in request reads before its page: the
//! session's person (`accounts::state_row`) and, per tenant and person, the tenant with the
//! person's membership, roles and terms and the tenant's module switches (`scope`). On
//! PostgreSQL these two reads were ten of a member page's nineteen trips to the database.
//!
//! Kept on PostgreSQL only, and only while this process listens on the database's change
//! channel: triggers on every table those reads come from (migration 0014) notify
//! [`CHANNEL`] when a transaction changes them, whichever process made the change, and each
//! notification makes everything kept here stale. This process's own write transactions do
//! the same when they commit, before their notification comes back, so a change applies to
//! the next request served here at once and to other processes as soon as the notification
//! reaches them (milliseconds). While the listening connection is lost nothing is kept, and
//! what was kept is stale; an entry is also dropped after [`MAX_AGE`] whatever happens. On
//! SQLite nothing is kept: its reads run in this process and cost little.
//!
//! Sessions (the records tower-sessions loads for every request) are kept the same way, but
//! forgotten one by one: a trigger on the session table notifies [`SESSIONS_CHANNEL`] with
//! the id of each session changed or deleted (migration 0015), so one member's activity
//! does not make every other session be read again. This process forgets a session it
//! changes itself at once (`session_store`, `accounts::revoke_sessions`).

use crate::error::Result;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::Record;

/// The notification channel the triggers of migration 0014 notify.
pub(crate) const CHANNEL: &str = "tessera_access";
/// The notification channel the session table's trigger (migration 0015) notifies with the
/// id of a changed or deleted session; an empty payload stands for every session.
pub(crate) const SESSIONS_CHANNEL: &str = "tessera_sessions";
/// The longest an entry is used, even with no change notified.
const MAX_AGE: Duration = Duration::from_secs(10);
/// Past this many entries a memory starts over.
const MAX_ENTRIES: usize = 10_000;
/// The wait before listening again after the listening connection failed.
const RETRY: Duration = Duration::from_secs(1);

#[derive(Clone, Default)]
pub(crate) struct AccessCache(Arc<Inner>);

#[derive(Default)]
struct Inner {
    /// Moves on every change: an entry is used only while it is still the one it was read at.
    generation: AtomicU64,
    /// Whether change notifications are being received (nothing is kept otherwise).
    listening: AtomicBool,
    /// How many reads were answered from memory.
    hits: AtomicU64,
    persons: Memo<i64, crate::tenancy::StateRow>,
    scopes: Memo<ScopeKey, crate::scope::ScopeRows>,
    sessions: Mutex<HashMap<String, (Instant, Record)>>,
    /// Moves whenever a session is forgotten: a session read before is not kept.
    session_changes: AtomicU64,
    listener: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// Tenant kind, slug and identity.
pub(crate) type ScopeKey = (&'static str, String, i64);

impl Inner {
    /// Everything kept so far is stale.
    fn changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The session `id` (every session when `None`) may have changed.
    fn session_changed(&self, id: Option<&str>) {
        self.session_changes.fetch_add(1, Ordering::AcqRel);
        if let Ok(mut map) = self.sessions.lock() {
            match id {
                Some(id) => {
                    map.remove(id);
                }
                None => map.clear(),
            }
        }
    }

    /// Not listening any more: nothing kept can be trusted.
    fn deaf(&self) {
        self.listening.store(false, Ordering::Release);
        self.changed();
        self.session_changed(None);
    }

    fn stop_listening(&self) {
        self.deaf();
        if let Ok(mut task) = self.listener.lock() {
            if let Some(task) = task.take() {
                task.abort();
            }
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.stop_listening();
    }
}

struct Memo<K, V>(Mutex<HashMap<K, (u64, Instant, V)>>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(Mutex::new(HashMap::new()))
    }
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    fn get(&self, key: &K, generation: u64) -> Option<V> {
        let map = self.0.lock().ok()?;
        map.get(key)
            .filter(|(g, at, _)| *g == generation && at.elapsed() < MAX_AGE)
            .map(|(_, _, v)| v.clone())
    }
    fn put(&self, key: K, generation: u64, value: V) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
            map.insert(key, (generation, crate::clock::monotonic(), value));
        }
    }
}

impl AccessCache {
    /// The generation a read starting now may be kept at; `None` when nothing may be kept.
    fn ticket(&self) -> Option<u64> {
        self.0
            .listening
            .load(Ordering::Acquire)
            .then(|| self.0.generation.load(Ordering::Acquire))
    }

    /// Everything kept so far is stale.
    pub(crate) fn changed(&self) {
        self.0.changed();
    }

    /// Whether this process receives change notifications (and so keeps anything).
    #[cfg(test)]
    pub(crate) fn is_listening(&self) -> bool {
        self.0.listening.load(Ordering::Acquire)
    }

    /// How many reads were answered from memory so far.
    #[cfg(test)]
    pub(crate) fn hits(&self) -> u64 {
        self.0.hits.load(Ordering::Relaxed)
    }

    /// The session person of `identity`, kept or read by `load` (`None`: no such person,
    /// never kept).
    pub(crate) async fn person<F>(
        &self,
        identity: i64,
        load: F,
    ) -> Result<Option<crate::tenancy::StateRow>>
    where
        F: Future<Output = Result<Option<crate::tenancy::StateRow>>>,
    {
        kept_or_load(self, &self.0.persons, identity, load).await
    }

    /// What the scope of `identity` in the tenant at `slug` is built from, kept or read by
    /// `load` (`None`: no such tenant, never kept).
    pub(crate) async fn scope<F>(
        &self,
        key: ScopeKey,
        load: F,
    ) -> Result<Option<crate::scope::ScopeRows>>
    where
        F: Future<Output = Result<Option<crate::scope::ScopeRows>>>,
    {
        kept_or_load(self, &self.0.scopes, key, load).await
    }

    /// The session `id` as kept, if it is and has not expired.
    pub(crate) fn session(&self, id: &str) -> Option<Record> {
        self.ticket()?;
        let map = self.0.sessions.lock().ok()?;
        let (at, record) = map.get(id)?;
        (at.elapsed() < MAX_AGE && record.expiry_date > OffsetDateTime::now_utc()).then(|| {
            self.0.hits.fetch_add(1, Ordering::Relaxed);
            record.clone()
        })
    }

    /// What a session read starting now may be kept with (`None`: it may not).
    pub(crate) fn session_ticket(&self) -> Option<u64> {
        self.ticket()?;
        Some(self.0.session_changes.load(Ordering::Acquire))
    }

    /// Keeps `record`, read under `ticket`, unless a session changed since.
    pub(crate) fn keep_session(&self, ticket: u64, record: &Record) {
        if let Ok(mut map) = self.0.sessions.lock() {
            // Checked under the lock a change takes too: no change slips in between.
            if self.ticket().is_none() || self.0.session_changes.load(Ordering::Acquire) != ticket {
                return;
            }
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
            map.insert(
                record.id.to_string(),
                (crate::clock::monotonic(), record.clone()),
            );
        }
    }

    /// This process changed or ended the session `id`.
    pub(crate) fn forget_session(&self, id: &str) {
        self.0.session_changed(Some(id));
    }

    /// Starts listening for change notifications on a connection of its own (PostgreSQL),
    /// reconnecting after a failure; stops when the last handle to this memory is dropped.
    pub(crate) fn listen(&self, opts: PgConnectOptions) {
        let inner = Arc::downgrade(&self.0);
        let task = tokio::spawn(async move {
            loop {
                let pool = PgPoolOptions::new()
                    .max_connections(1)
                    .max_lifetime(None)
                    .idle_timeout(None)
                    .connect_lazy_with(opts.clone());
                let outcome = receive(&pool, &inner).await;
                // Not listening from here on, before anything else can wait.
                let Some(this) = inner.upgrade() else { return };
                this.deaf();
                drop(this);
                // A connection cut off without an answer must not hold the retry back.
                let _ = tokio::time::timeout(RETRY * 5, pool.close()).await;
                if let Err(e) = outcome {
                    tracing::warn!(error = %e, "not listening for access changes; retrying");
                }
                tokio::time::sleep(RETRY).await;
            }
        });
        if let Ok(mut slot) = self.0.listener.lock() {
            if let Some(old) = slot.replace(task) {
                old.abort();
            }
        }
    }

    /// Stops listening (the database is being closed).
    pub(crate) fn stop(&self) {
        self.0.stop_listening();
    }
}

async fn kept_or_load<K, V, F>(
    cache: &AccessCache,
    memo: &Memo<K, V>,
    key: K,
    load: F,
) -> Result<Option<V>>
where
    K: Hash + Eq,
    V: Clone,
    F: Future<Output = Result<Option<V>>>,
{
    let ticket = cache.ticket();
    if let Some(generation) = ticket {
        if let Some(v) = memo.get(&key, generation) {
            cache.0.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(Some(v));
        }
    }
    let value = load.await?;
    if let (Some(generation), Some(v)) = (ticket, &value) {
        memo.put(key, generation, v.clone());
    }
    Ok(value)
}

/// Listens on `pool`'s connection and makes the memory stale on every notification and on
/// every reconnection (notifications may have been missed meanwhile). Returns when the
/// memory is gone, or with the error that ended the listening.
async fn receive(pool: &sqlx::PgPool, inner: &Weak<Inner>) -> std::result::Result<(), sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen_all([CHANNEL, SESSIONS_CHANNEL]).await?;
    {
        let Some(this) = inner.upgrade() else {
            return Ok(());
        };
        this.changed();
        this.session_changed(None);
        this.listening.store(true, Ordering::Release);
    }
    loop {
        // `None`: the connection was lost and made again (listening again).
        let notification = listener.try_recv().await?;
        let Some(this) = inner.upgrade() else {
            return Ok(());
        };
        match notification {
            Some(n) if n.channel() == SESSIONS_CHANNEL => {
                this.session_changed(Some(n.payload()).filter(|id| !id.is_empty()))
            }
            Some(_) => this.changed(),
            None => {
                this.changed();
                this.session_changed(None);
            }
        }
    }
}
