//! The sessions a person can see and end: recorded at sign-in, touched while used,
//! renamed when the id changes, revoked one by one or all others.

use super::events::*;
use crate::args;
use crate::db::Db;
use crate::error::Result;
use sha2::{Digest, Sha256};
use tessera_common::time::Timestamp;
use tessera_common::IdentityId;

/// Records a signed-in session for the sessions page.
pub async fn record_session(
    db: &Db,
    session_id: &str,
    id: IdentityId,
    now: Timestamp,
    address: Option<&str>,
    user_agent: Option<&str>,
) -> Result<()> {
    let mut tx = db.platform(true).await?;
    tx.execute(
        "INSERT INTO account_sessions (session_id, identity_id, created_at, last_seen_at, address, user_agent) \
         VALUES ($1, $2, $3, $3, $4, $5) ON CONFLICT (session_id) DO UPDATE SET last_seen_at = $3",
        args![session_id, id, now, address, user_agent.map(|u| u.chars().take(300).collect::<String>())],
    )
    .await?;
    tx.commit().await
}

/// Moves a session record to the session's new id (after the id was rotated).
pub async fn rename_session(db: &Db, old_id: &str, new_id: &str, now: Timestamp) -> Result<()> {
    let mut tx = db.platform(true).await?;
    tx.execute(
        "UPDATE account_sessions SET session_id = $2, last_seen_at = $3 WHERE session_id = $1",
        args![old_id, new_id, now],
    )
    .await?;
    tx.commit().await
}

/// Forgets a session record (sign-out, rotation).
pub async fn forget_session(db: &Db, session_id: &str) -> Result<()> {
    let mut tx = db.platform(true).await?;
    tx.execute(
        "DELETE FROM account_sessions WHERE session_id = $1",
        args![session_id],
    )
    .await?;
    tx.commit().await
}

/// Notes activity on a session record.
pub async fn touch_session(db: &Db, session_id: &str, now: Timestamp) -> Result<()> {
    let mut tx = db.platform(true).await?;
    tx.execute(
        "UPDATE account_sessions SET last_seen_at = $2 WHERE session_id = $1",
        args![session_id, now],
    )
    .await?;
    tx.commit().await
}

pub(super) fn session_table(backend: crate::db::Backend) -> &'static str {
    match backend {
        crate::db::Backend::Sqlite => "tower_sessions",
        crate::db::Backend::Postgres => "tower_sessions.session",
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct SessionRow {
    pub(super) session_id: String,
    pub(super) created_at: i64,
    pub(super) last_seen_at: i64,
    pub(super) address: Option<String>,
    pub(super) user_agent: Option<String>,
}

/// An active session of a person, as listed to them.
#[derive(Clone, Debug)]
pub struct SessionEntry {
    pub session_id: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub address: Option<String>,
    pub user_agent: Option<String>,
}

/// The person's sessions that still exist in the session store, most recent first.
pub async fn sessions_of(db: &Db, id: IdentityId) -> Result<Vec<SessionEntry>> {
    let mut tx = db.platform(false).await?;
    let sql = format!(
        "SELECT a.session_id, a.created_at, a.last_seen_at, a.address, a.user_agent FROM account_sessions a \
         WHERE a.identity_id = $1 AND EXISTS (SELECT 1 FROM {} s WHERE s.id = a.session_id) \
         ORDER BY a.last_seen_at DESC",
        session_table(tx.backend())
    );
    let rows: Vec<SessionRow> = tx.fetch_all(&sql, args![id]).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionEntry {
            session_id: r.session_id,
            created_at: Timestamp(r.created_at),
            last_seen_at: Timestamp(r.last_seen_at),
            address: r.address,
            user_agent: r.user_agent,
        })
        .collect())
}

/// The name a session goes by on the sessions page: not its id (which is a bearer secret)
/// but a hash of it.
pub fn session_handle(session_id: &str) -> String {
    let digest = Sha256::digest(format!("tessera-session-handle:{session_id}").as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// Ends sessions of `id`: one (`only`, by its handle), or all but `keep` (by id). Returns
/// how many ended.
pub async fn revoke_sessions(
    db: &Db,
    id: IdentityId,
    only: Option<&str>,
    keep: Option<&str>,
    now: Timestamp,
    address: Option<&str>,
) -> Result<u64> {
    let mut tx = db.platform(true).await?;
    let ended = revoke_sessions_in_tx(&mut tx, id, only, keep, now, address).await?;
    tx.commit().await?;
    forget_ended(db, &ended);
    Ok(ended.len() as u64)
}

/// Ends sessions of `id` inside the caller's transaction (so a password change and the end
/// of the sessions commit together or not at all). Returns the ended ids: the caller hands
/// them to [`forget_ended`] after its commit.
pub(crate) async fn revoke_sessions_in_tx(
    tx: &mut crate::db::Tx,
    id: IdentityId,
    only: Option<&str>,
    keep: Option<&str>,
    now: Timestamp,
    address: Option<&str>,
) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = tx
        .fetch_all(
            "SELECT session_id FROM account_sessions WHERE identity_id = $1",
            args![id],
        )
        .await?;
    let table = session_table(tx.backend());
    let mut ended = Vec::new();
    for (sid,) in rows {
        if only.is_some_and(|o| o != session_handle(&sid)) || keep.is_some_and(|k| k == sid) {
            continue;
        }
        tx.execute(
            &format!("DELETE FROM {table} WHERE id = $1"),
            args![sid.clone()],
        )
        .await?;
        tx.execute(
            "DELETE FROM account_sessions WHERE session_id = $1",
            args![sid.clone()],
        )
        .await?;
        ended.push(sid);
    }
    if !ended.is_empty() {
        let detail = format!("{} session(s)", ended.len());
        log_in_tx(
            tx,
            Some(id),
            None,
            "sessions_revoked",
            Some(&detail),
            address,
            now,
        )
        .await?;
    }
    Ok(ended)
}

/// After the commit that ended them: this process forgets the sessions at once; other
/// processes forget them when the session table's notifications arrive.
pub(crate) fn forget_ended(db: &Db, ended: &[String]) {
    for sid in ended {
        db.access.forget_session(sid);
    }
}
