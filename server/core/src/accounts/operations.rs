//! Second factors, recovery codes, the password policy, the sessions a person can see,
//! and the security event log.

use crate::accounts::password::{self, Verified};
use crate::db::Db;
use crate::error::Result;
use crate::scope::Actor;
use crate::tenancy::factor_state;
use crate::{accounts::throttle, accounts::totp, args, ids};
use sha2::{Digest, Sha256};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, IdentityId};
use tessera_common::{Msg, Problem};

// ---------------------------------------------------------------- password policy

pub const MIN_MEMBER: usize = 8;
pub const MIN_STAFF: usize = 12;
pub const MAX_PASSWORD: usize = 256;

/// Checks a new password: length by role (no composition rules, no truncation), and not weak
/// or common (zxcvbn score of at least 3), also considering the person's own name and e-mail.
pub fn check_password_policy(password: &str, staff: bool, user_inputs: &[&str]) -> Result<()> {
    let len = password.chars().count();
    let min = if staff { MIN_STAFF } else { MIN_MEMBER };
    if len < min {
        return Err(AppError::field(
            "password",
            Problem::new(Msg::ErrPasswordMin).arg("min", min),
        ));
    }
    if len > MAX_PASSWORD {
        return Err(AppError::field(
            "password",
            Problem::new(Msg::ErrMaxChars).arg("max", MAX_PASSWORD),
        ));
    }
    let estimate = zxcvbn::zxcvbn(password, user_inputs);
    if (estimate.score() as u8) < 3 {
        // zxcvbn's own hints are English only: the message stays general.
        return Err(AppError::field("password", Msg::ErrPasswordWeak));
    }
    Ok(())
}

// ---------------------------------------------------------------- TOTP

/// Starts (or restarts) enrolment: a new pending secret, not active until confirmed.
pub async fn begin_totp(db: &Db, id: IdentityId) -> Result<(String, String)> {
    let secret = totp::new_secret()?;
    let mut tx = db.platform(true).await?;
    let email: Option<(String,)> = tx
        .fetch_optional("SELECT email FROM identities WHERE id = $1", args![id])
        .await?;
    let (email,) = email.ok_or(AppError::NotFound)?;
    tx.execute(
        "UPDATE identities SET totp_pending_secret = $2 WHERE id = $1",
        args![id, secret.clone()],
    )
    .await?;
    tx.commit().await?;
    Ok((secret, email))
}

fn hash_code(code: &str) -> String {
    let normalized: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let digest = Sha256::digest(format!("tessera-recovery:{normalized}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Ten new single-use recovery codes: returned once, stored hashed, replacing older ones.
async fn new_recovery_codes(
    tx: &mut crate::db::Tx,
    id: IdentityId,
    now: Timestamp,
) -> Result<Vec<String>> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    tx.execute(
        "DELETE FROM recovery_codes WHERE identity_id = $1",
        args![id],
    )
    .await?;
    let mut codes = Vec::with_capacity(10);
    for _ in 0..10 {
        let bytes = ids::random_bytes::<10>()?;
        let raw: String = bytes
            .iter()
            .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
            .collect();
        let code = format!("{}-{}", &raw[..5], &raw[5..]);
        tx.execute(
            "INSERT INTO recovery_codes (identity_id, code_hash, created_at) VALUES ($1, $2, $3)",
            args![id, hash_code(&code), now],
        )
        .await?;
        codes.push(code);
    }
    Ok(codes)
}

/// Confirms enrolment with a code of the pending secret; the code's step counts as used, so
/// the enrolment code cannot sign anyone in. Returns the recovery codes (shown once).
pub async fn confirm_totp(
    db: &Db,
    id: IdentityId,
    code: &str,
    now: Timestamp,
    address: Option<&str>,
) -> Result<Vec<String>> {
    let mut tx = db.platform(true).await?;
    let pending: Option<(Option<String>,)> = tx
        .fetch_optional(
            "SELECT totp_pending_secret FROM identities WHERE id = $1",
            args![id],
        )
        .await?;
    let secret = pending
        .and_then(|p| p.0)
        .ok_or_else(|| AppError::bad_request(Msg::ErrTotpStartFirst))?;
    let Some(step) = totp::matching_step(&secret, code, now)? else {
        return Err(AppError::field("code", Msg::ErrTotpCodeWrong));
    };
    tx.execute(
        "UPDATE identities SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, \
         totp_enabled_at = $2, totp_last_step = $3 WHERE id = $1",
        args![id, now, step],
    )
    .await?;
    let codes = new_recovery_codes(&mut tx, id, now).await?;
    log_in_tx(
        &mut tx,
        Some(id),
        None,
        "second_factor_enrolled",
        None,
        address,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(codes)
}

/// Checks a sign-in code: right for this moment (±1 step), for a step after the last one
/// accepted, and the account not locked by too many wrong codes. The step is advanced by a
/// conditional update, so of two simultaneous submissions of one code only one passes.
pub async fn verify_totp(
    db: &Db,
    id: IdentityId,
    code: &str,
    now: Timestamp,
    address: Option<&str>,
) -> Result<bool> {
    let key = format!("totp:{}", id.0);
    throttle::attempt(db, &key, throttle::TOTP, now).await?;
    let mut tx = db.platform(true).await?;
    let secret: Option<(Option<String>,)> = tx
        .fetch_optional(
            "SELECT totp_secret FROM identities WHERE id = $1",
            args![id],
        )
        .await?;
    let secret = secret.and_then(|s| s.0).ok_or(AppError::Unauthenticated)?;
    let accepted = match totp::matching_step(&secret, code, now)? {
        Some(step) => {
            tx.execute(
                "UPDATE identities SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
                args![id, step],
            )
            .await?
                == 1
        }
        None => false,
    };
    let kind = if accepted {
        "second_factor_success"
    } else {
        "second_factor_failure"
    };
    log_in_tx(&mut tx, Some(id), None, kind, None, address, now).await?;
    tx.commit().await?;
    count_attempt(db, &key, accepted).await
}

/// Uses one recovery code instead of a TOTP code; each works once.
pub async fn use_recovery_code(
    db: &Db,
    id: IdentityId,
    code: &str,
    now: Timestamp,
    address: Option<&str>,
) -> Result<bool> {
    let key = format!("totp:{}", id.0);
    throttle::attempt(db, &key, throttle::TOTP, now).await?;
    let mut tx = db.platform(true).await?;
    let used = tx
        .execute(
            "UPDATE recovery_codes SET used_at = $3 WHERE identity_id = $1 AND code_hash = $2 AND used_at IS NULL",
            args![id, hash_code(code), now],
        )
        .await?
        == 1;
    let kind = if used {
        "recovery_code_used"
    } else {
        "second_factor_failure"
    };
    log_in_tx(&mut tx, Some(id), None, kind, None, address, now).await?;
    tx.commit().await?;
    count_attempt(db, &key, used).await
}

/// A right second factor clears the account's attempts; a wrong one was counted before it
/// was checked (`throttle::attempt`), so it stays counted towards the lock.
async fn count_attempt(db: &Db, key: &str, ok: bool) -> Result<bool> {
    if ok {
        throttle::clear(db, key).await?;
    }
    Ok(ok)
}

/// New recovery codes (the old ones stop working).
pub async fn regenerate_recovery_codes(
    db: &Db,
    id: IdentityId,
    now: Timestamp,
    address: Option<&str>,
) -> Result<Vec<String>> {
    let mut tx = db.platform(true).await?;
    let codes = new_recovery_codes(&mut tx, id, now).await?;
    log_in_tx(
        &mut tx,
        Some(id),
        None,
        "recovery_codes_regenerated",
        None,
        address,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(codes)
}

/// Removes one's own second factor: needs the password again, and is refused while the
/// person holds a staff role.
pub async fn remove_own_totp(
    db: &Db,
    id: IdentityId,
    password: String,
    now: Timestamp,
    address: Option<&str>,
) -> Result<()> {
    if factor_state(db, id).await?.is_staff {
        return Err(AppError::bad_request(Msg::ErrStaffKeepsFactor));
    }
    if !check_password(db, id, password).await? {
        return Err(AppError::field("password", Msg::ErrPasswordWrong));
    }
    let mut tx = db.platform(true).await?;
    tx.execute(
        "UPDATE identities SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL WHERE id = $1",
        args![id],
    )
    .await?;
    tx.execute(
        "DELETE FROM recovery_codes WHERE identity_id = $1",
        args![id],
    )
    .await?;
    log_in_tx(
        &mut tx,
        Some(id),
        None,
        "second_factor_removed",
        None,
        address,
        now,
    )
    .await?;
    tx.commit().await
}

/// Re-checks the password of a signed-in person.
pub async fn check_password(db: &Db, id: IdentityId, password: String) -> Result<bool> {
    let mut tx = db.platform(false).await?;
    let row: Option<(Option<String>,)> = tx
        .fetch_optional(
            "SELECT password_hash FROM identities WHERE id = $1",
            args![id],
        )
        .await?;
    tx.commit().await?;
    Ok(!matches!(
        password::verify(password, row.and_then(|r| r.0)).await?,
        Verified::No
    ))
}

/// Changes the password: the current one is needed, the new one must pass the policy.
pub async fn change_password(
    db: &Db,
    actor: &Actor,
    current: String,
    new: String,
    now: Timestamp,
    address: Option<&str>,
) -> Result<()> {
    let id = actor.identity.ok_or(AppError::Unauthenticated)?;
    let staff = factor_state(db, id).await?.is_staff;
    let email: Option<(String, String)> = {
        let mut tx = db.platform(false).await?;
        let r = tx
            .fetch_optional(
                "SELECT email, name FROM identities WHERE id = $1",
                args![id],
            )
            .await?;
        tx.commit().await?;
        r
    };
    let (email, name) = email.ok_or(AppError::NotFound)?;
    if !check_password(db, id, current).await? {
        return Err(AppError::field(
            "current_password",
            Msg::ErrCurrentPasswordWrong,
        ));
    }
    check_password_policy(&new, staff, &[&email, &name])?;
    let hash = password::hash(new).await?;
    let mut tx = db.platform(true).await?;
    tx.execute(
        "UPDATE identities SET password_hash = $2, password_changed_at = $3, updated_at = $3, updated_by = $1, \
         updated_by_name = $4, version = version + 1 WHERE id = $1",
        args![id, hash, now, actor.name.clone()],
    )
    .await?;
    log_in_tx(
        &mut tx,
        Some(id),
        None,
        "password_changed",
        None,
        address,
        now,
    )
    .await?;
    tx.commit().await
}

// ---------------------------------------------------------------- sessions

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

// ---------------------------------------------------------------- event log

pub(crate) async fn log_in_tx(
    tx: &mut crate::db::Tx,
    identity: Option<IdentityId>,
    tenant: Option<tessera_common::TenantId>,
    kind: &str,
    detail: Option<&str>,
    address: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    match tenant {
        // An event of a club's: its event log, under the club's row-level security.
        Some(tenant) => {
            tx.insert_tenant_event(
                tenant,
                identity.map(|i| i.0),
                kind,
                detail,
                address,
                now,
            )
            .await
        }
        // A person's own event (sign-in, factors, sessions, links): no tenant.
        None => tx
            .execute(
                "INSERT INTO platform_events (id, identity_id, kind, detail, address, at) VALUES ($1, $2, $3, $4, $5, $6)",
                args![ids::new_id(), identity, kind, detail, address, now],
            )
            .await
            .map(|_| ()),
    }
}

/// Appends one event about a tenant (visible to its administrators) to the security log.
pub async fn log_tenant_event(
    db: &Db,
    identity: Option<IdentityId>,
    tenant: tessera_common::TenantId,
    kind: &str,
    detail: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    let mut tx = db.platform(true).await?;
    log_in_tx(&mut tx, identity, Some(tenant), kind, detail, None, now).await?;
    tx.commit().await
}

/// Appends one event to the security log.
pub async fn log_event(
    db: &Db,
    identity: Option<IdentityId>,
    kind: &str,
    detail: Option<&str>,
    address: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    let mut tx = db.platform(true).await?;
    log_in_tx(&mut tx, identity, None, kind, detail, address, now).await?;
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

fn session_table(backend: crate::db::Backend) -> &'static str {
    match backend {
        crate::db::Backend::Sqlite => "tower_sessions",
        crate::db::Backend::Postgres => "tower_sessions.session",
    }
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    session_id: String,
    created_at: i64,
    last_seen_at: i64,
    address: Option<String>,
    user_agent: Option<String>,
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

#[derive(sqlx::FromRow)]
struct EventRow {
    kind: String,
    detail: Option<String>,
    address: Option<String>,
    at: i64,
}

/// One entry of the security event log.
#[derive(Clone, Debug)]
pub struct EventEntry {
    pub kind: String,
    pub detail: Option<String>,
    pub address: Option<String>,
    pub at: Timestamp,
}

/// The latest events about one person.
pub async fn events_of(db: &Db, id: IdentityId, limit: i64) -> Result<Vec<EventEntry>> {
    let mut tx = db.platform(false).await?;
    let rows: Vec<EventRow> = tx
        .fetch_all(
            "SELECT kind, detail, address, at FROM platform_events WHERE identity_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
            args![id, limit],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| EventEntry {
            kind: r.kind,
            detail: r.detail,
            address: r.address,
            at: Timestamp(r.at),
        })
        .collect())
}

/// The account linked to a member record of the tenant in `scope`, if any.
async fn account_of_member(
    db: &Db,
    scope: &crate::scope::TenantScope,
    member: tessera_common::MemberId,
) -> Result<Option<IdentityId>> {
    let mut tx = db.tenant_read(scope).await?;
    let row: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT identity_id FROM memberships WHERE tenant_id = $1 AND member_id = $2 \
             UNION SELECT identity_id FROM members WHERE tenant_id = $1 AND id = $2 AND identity_id IS NOT NULL",
            args![member],
        )
        .await?;
    tx.commit().await?;
    Ok(row.map(|r| IdentityId(r.0)))
}

/// A club administrator resets the second factor of a member's account (lost phone, no
/// recovery codes): the member sets it up again at the next sign-in if they must. Never
/// one's own; recorded in the member's and the club's event log.
pub async fn reset_member_factor(
    db: &Db,
    scope: &crate::scope::TenantScope,
    actor: &Actor,
    member: tessera_common::MemberId,
    now: Timestamp,
    address: Option<&str>,
) -> Result<()> {
    scope.require(tessera_common::modules::MEMBERS_EDIT)?;
    let target = account_of_member(db, scope, member)
        .await?
        .ok_or(AppError::NotFound)?;
    if Some(target) == actor.identity {
        return Err(AppError::bad_request(Msg::ErrResetOwnFactor));
    }
    let mut tx = db.platform(true).await?;
    tx.execute(
        "UPDATE identities SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL WHERE id = $1",
        args![target],
    )
    .await?;
    tx.execute(
        "DELETE FROM recovery_codes WHERE identity_id = $1",
        args![target],
    )
    .await?;
    let detail = format!("by {}", actor.name);
    log_in_tx(
        &mut tx,
        Some(target),
        Some(scope.tenant_id()),
        "second_factor_reset",
        Some(&detail),
        address,
        now,
    )
    .await?;
    // And in the member's own events (their account page), which are the platform's.
    log_in_tx(
        &mut tx,
        Some(target),
        None,
        "second_factor_reset",
        Some(&detail),
        address,
        now,
    )
    .await?;
    tx.commit().await?;
    revoke_sessions(db, target, None, None, now, address).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ClubEventRow {
    kind: String,
    detail: Option<String>,
    at: i64,
    name: Option<String>,
}

/// One entry of a club's event log.
#[derive(Clone, Debug)]
pub struct ClubEvent {
    pub kind: String,
    pub detail: Option<String>,
    pub at: Timestamp,
    pub person: Option<String>,
}

/// The latest security events recorded for the tenant in `scope` (administrators only).
pub async fn club_events(
    db: &Db,
    scope: &crate::scope::TenantScope,
    limit: i64,
) -> Result<Vec<ClubEvent>> {
    scope.require(tessera_common::modules::AUDIT_VIEW)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<ClubEventRow> = tx
        .fetch_all(
            "SELECT e.kind, e.detail, e.at, i.name FROM security_events e LEFT JOIN identities i ON i.id = e.identity_id \
             WHERE e.tenant_id = $1 ORDER BY e.at DESC, e.id DESC LIMIT $2",
            args![limit],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| ClubEvent {
            kind: r.kind,
            detail: r.detail,
            at: Timestamp(r.at),
            person: r.name,
        })
        .collect())
}
