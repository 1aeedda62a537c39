//! Passwords as a policy: how long and how strong they must be (longer for staff), checking
//! one again, and changing one's own.

use super::events::*;
use crate::accounts::password::{self, Verified};
use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::scope::Actor;
use crate::tenancy::factor_state;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, IdentityId};
use tessera_common::{Msg, Problem};

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
