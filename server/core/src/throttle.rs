//! Failure counters in the database (so limits hold across app servers): sign-in per
//! account and per client address, second-factor codes per account, reset requests.

use crate::args;
use crate::db::Db;
use crate::error::Result;
use tessera_common::time::Timestamp;
use tessera_common::AppError;

/// At most `max_failures` failures per fixed window of `window_secs`; once reached, the key
/// is locked until the window ends.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max_failures: i64,
    pub window_secs: i64,
}

/// Sign-in failures per account: 10 per 15 minutes.
pub const ACCOUNT: Limit = Limit {
    max_failures: 10,
    window_secs: 900,
};
/// Sign-in failures per client address (coarse: shared addresses exist): 50 per 15 minutes.
pub const ADDRESS: Limit = Limit {
    max_failures: 50,
    window_secs: 900,
};
/// Wrong second-factor codes per account: 5 per 5-minute window.
pub const TOTP: Limit = Limit {
    max_failures: 5,
    window_secs: 300,
};

#[derive(sqlx::FromRow)]
struct Row {
    failures: i64,
    window_start: i64,
}

/// `Err(TooManyRequests(seconds))` while `key` is over its limit.
pub async fn check(db: &Db, key: &str, limit: Limit, now: Timestamp) -> Result<()> {
    let mut tx = db.platform(false).await?;
    let row: Option<Row> = tx
        .fetch_optional(
            "SELECT failures, window_start FROM auth_throttle WHERE key = $1",
            args![key],
        )
        .await?;
    tx.commit().await?;
    if let Some(r) = row {
        let window_end = r.window_start + limit.window_secs * 1000;
        if r.failures >= limit.max_failures && now.0 < window_end {
            let secs = ((window_end - now.0) + 999) / 1000;
            return Err(AppError::TooManyRequests(secs.max(1) as u64));
        }
    }
    Ok(())
}

/// Counts one failure for `key`, starting a new window when the last one has ended.
pub async fn fail(db: &Db, key: &str, limit: Limit, now: Timestamp) -> Result<()> {
    let mut tx = db.platform(true).await?;
    let window_floor = now.0 - limit.window_secs * 1000;
    tx.execute(
        "INSERT INTO auth_throttle (key, failures, window_start) VALUES ($1, 1, $2) \
         ON CONFLICT (key) DO UPDATE SET \
           failures = CASE WHEN auth_throttle.window_start <= $3 THEN 1 ELSE auth_throttle.failures + 1 END, \
           window_start = CASE WHEN auth_throttle.window_start <= $3 THEN $2 ELSE auth_throttle.window_start END",
        args![key, now, window_floor],
    )
    .await?;
    tx.commit().await
}

/// Forgets the failures of `key` (after a success).
pub async fn clear(db: &Db, key: &str) -> Result<()> {
    let mut tx = db.platform(true).await?;
    tx.execute("DELETE FROM auth_throttle WHERE key = $1", args![key])
        .await?;
    tx.commit().await
}
