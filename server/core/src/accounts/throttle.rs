//! Attempt counters in the database (so limits hold across app servers): sign-in per
//! account and per client address, second-factor codes per account, reset requests,
//! registration submissions.
//!
//! An attempt is counted before it is let through, in one statement that adds it and
//! returns the new count (`INSERT … ON CONFLICT … DO UPDATE … RETURNING`, atomic on both
//! backends), and only then is the decision made: of any number of simultaneous attempts,
//! exactly the limit get through. A read first and a count afterwards let every attempt
//! that was in flight together pass. Keys are stored as their SHA-256 (32 bytes whatever
//! the key), and [`purge_expired`] (the hourly job) deletes counters whose window ended.

use crate::args;
use crate::db::Db;
use crate::error::Result;
use sha2::{Digest, Sha256};
use tessera_common::time::Timestamp;
use tessera_common::AppError;

/// At most `max_attempts` attempts per fixed window of `window_secs`, counted from the
/// first; further attempts are refused until the window ends. A success may clear the
/// counter ([`clear`]) or give its attempt back ([`refund`]).
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max_attempts: i64,
    pub window_secs: i64,
}

/// Sign-in attempts per account: 10 per 15 minutes (a success clears them).
pub const ACCOUNT: Limit = Limit {
    max_attempts: 10,
    window_secs: 900,
};
/// Failed sign-ins per client address (coarse: shared addresses exist): 50 per 15 minutes
/// (a success gives its attempt back).
pub const ADDRESS: Limit = Limit {
    max_attempts: 50,
    window_secs: 900,
};
/// Second-factor codes per account: 5 per 5-minute window (a right code clears them).
pub const TOTP: Limit = Limit {
    max_attempts: 5,
    window_secs: 300,
};

/// The stored form of a key: its SHA-256.
fn key_hash(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

#[derive(sqlx::FromRow)]
struct Counted {
    attempts: i64,
    window_end: i64,
}

/// Counts one attempt for `key` (starting a new window when the last one ended) and lets
/// it through when it is within the limit; otherwise `Err(TooManyRequests(seconds))` until
/// the window ends. Call it before the work it guards, never after.
pub async fn attempt(db: &Db, key: &str, limit: Limit, now: Timestamp) -> Result<()> {
    let mut tx = db.platform(true).await?;
    let counted: Counted = tx
        .fetch_one(
            "INSERT INTO auth_throttle (key_hash, attempts, window_end) VALUES ($1, 1, $2) \
             ON CONFLICT (key_hash) DO UPDATE SET \
               attempts = CASE WHEN auth_throttle.window_end <= $3 THEN 1 \
                          ELSE auth_throttle.attempts + 1 END, \
               window_end = CASE WHEN auth_throttle.window_end <= $3 THEN $2 \
                            ELSE auth_throttle.window_end END \
             RETURNING attempts, window_end",
            args![key_hash(key), now.0 + limit.window_secs * 1000, now],
        )
        .await?;
    tx.commit().await?;
    if counted.attempts > limit.max_attempts {
        let secs = (counted.window_end - now.0 + 999) / 1000;
        return Err(AppError::TooManyRequests(secs.max(1) as u64));
    }
    Ok(())
}

/// Gives back one attempt of `key` that should not count (a success, or something refused
/// before it was tried).
pub async fn refund(db: &Db, key: &str, now: Timestamp) -> Result<()> {
    let mut tx = db.platform(true).await?;
    tx.execute(
        "UPDATE auth_throttle SET attempts = attempts - 1 \
         WHERE key_hash = $1 AND attempts > 0 AND window_end > $2",
        args![key_hash(key), now],
    )
    .await?;
    tx.commit().await
}

/// Forgets the attempts of `key` (after a success).
pub async fn clear(db: &Db, key: &str) -> Result<()> {
    let mut tx = db.platform(true).await?;
    tx.execute(
        "DELETE FROM auth_throttle WHERE key_hash = $1",
        args![key_hash(key)],
    )
    .await?;
    tx.commit().await
}

/// Deletes the counters whose window has ended (run by the hourly job); returns how many.
pub async fn purge_expired(db: &Db, now: Timestamp) -> Result<u64> {
    let mut tx = db.platform(true).await?;
    let n = tx
        .execute(
            "DELETE FROM auth_throttle WHERE window_end <= $1",
            args![now],
        )
        .await?;
    tx.commit().await?;
    Ok(n)
}

/// How many counters are stored, and whether every stored key has the fixed size (tests).
#[doc(hidden)]
#[cfg(test)]
pub(crate) async fn stored_keys(db: &Db) -> Result<(i64, bool)> {
    let mut tx = db.platform(false).await?;
    let row: (i64, i64) = tx
        .fetch_one(
            "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(MAX(length(key_hash)), 32) AS BIGINT) \
             FROM auth_throttle",
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok((row.0, row.1 == 32))
}
