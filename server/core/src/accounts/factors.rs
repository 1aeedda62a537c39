//! The second factor: enrolling an authenticator app (TOTP), checking its codes once per
//! time step, recovery codes that work once, removing one's own factor, and an
//! administrator resetting a member's.

use super::events::*;
use super::policy::*;
use super::sessions::*;
use crate::db::Db;
use crate::error::Result;
use crate::scope::Actor;
use crate::tenancy::factor_state;
use crate::{accounts::throttle, accounts::totp, args, ids};
use sha2::{Digest, Sha256};
use tessera_common::time::Timestamp;
use tessera_common::Msg;
use tessera_common::{AppError, IdentityId};

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

pub(super) fn hash_code(code: &str) -> String {
    let normalized: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let digest = Sha256::digest(format!("tessera-recovery:{normalized}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Ten new single-use recovery codes: returned once, stored hashed, replacing older ones.
pub(super) async fn new_recovery_codes(
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
pub(super) async fn count_attempt(db: &Db, key: &str, ok: bool) -> Result<bool> {
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

/// The account linked to a member record of the tenant in `scope`, if any.
pub(super) async fn account_of_member(
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
