//! Links by mail: invitation (sets the first password, 7 days), password reset (1 hour),
//! e-mail change confirmation (24 hours). Single use, expiring, stored only as a hash; a
//! reset never bypasses the second factor (it does not sign anyone in).

use crate::accounts::{self, check_password_policy};
use crate::db::Db;
use crate::error::Result;
use crate::mail::{Mail, Mailer};
use crate::scope::{Actor, TenantScope};
use crate::{accounts::identities, accounts::password, accounts::throttle, args, ids};
use sha2::{Digest, Sha256};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, IdentityId, Lang, Msg};

pub const INVITE_SECS: i64 = 7 * 24 * 3600;
pub const RESET_SECS: i64 = 3600;
pub const EMAIL_CHANGE_SECS: i64 = 24 * 3600;

/// Reset requests per e-mail address: 3 an hour.
const RESET_LIMIT: throttle::Limit = throttle::Limit {
    max_attempts: 3,
    window_secs: 3600,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Invite,
    Reset,
    EmailChange,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invite => "invite",
            Purpose::Reset => "reset",
            Purpose::EmailChange => "email_change",
        }
    }
}

pub(crate) fn hash_token(token: &str) -> String {
    let d = Sha256::digest(format!("tessera-link:{token}").as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh random token for a mailed link (43 URL-safe characters, 256 bits).
pub(crate) fn new_token() -> Result<String> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    Ok(ids::random_bytes::<43>()?
        .iter()
        .map(|b| ALPHABET[(*b & 63) as usize] as char)
        .collect())
}

fn expired() -> AppError {
    AppError::BadRequest(Msg::LinkExpired.into())
}

pub(crate) async fn issue(
    db: &Db,
    id: IdentityId,
    purpose: Purpose,
    new_email: Option<&str>,
    now: Timestamp,
    ttl: i64,
) -> Result<String> {
    let token = new_token()?;
    let mut tx = db.platform(true).await?;
    // A new link replaces the unused ones of the same purpose.
    tx.execute(
        "DELETE FROM auth_tokens WHERE identity_id = $1 AND purpose = $2 AND used_at IS NULL",
        args![id, purpose.as_str()],
    )
    .await?;
    tx.execute(
        "INSERT INTO auth_tokens (token_hash, identity_id, purpose, new_email, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        args![hash_token(&token), id, purpose.as_str(), new_email, now.plus_seconds(ttl), now],
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    identity_id: i64,
    new_email: Option<String>,
}

/// Whether a link is still good, without using it (to show its page).
pub async fn check(db: &Db, token: &str, purpose: Purpose, now: Timestamp) -> Result<IdentityId> {
    let mut tx = db.platform(false).await?;
    let row: Option<TokenRow> = tx
        .fetch_optional(
            "SELECT identity_id, new_email FROM auth_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
            args![hash_token(token), purpose.as_str(), now],
        )
        .await?;
    tx.commit().await?;
    row.map(|r| IdentityId(r.identity_id)).ok_or_else(expired)
}

/// Uses a link: of two simultaneous uses, one wins.
async fn consume(
    tx: &mut crate::db::Tx,
    token: &str,
    purpose: Purpose,
    now: Timestamp,
) -> Result<TokenRow> {
    let hash = hash_token(token);
    let row: Option<TokenRow> = tx
        .fetch_optional(
            "SELECT identity_id, new_email FROM auth_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
            args![hash.clone(), purpose.as_str(), now],
        )
        .await?;
    let row = row.ok_or_else(expired)?;
    let n = tx
        .execute(
            "UPDATE auth_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL",
            args![hash, now],
        )
        .await?;
    if n != 1 {
        return Err(expired());
    }
    Ok(row)
}

/// The address of a mailed link. Not percent-encoded on purpose: the token's alphabet is
/// URL-safe by construction ([`new_token`]) and the paths are this crate's constants.
pub(crate) fn link(base_url: &str, path: &str, token: &str) -> String {
    format!("{}{path}?token={token}", base_url.trim_end_matches('/'))
}

async fn name_and_lang(db: &Db, id: IdentityId) -> Result<(String, String, Lang)> {
    let mut tx = db.platform(false).await?;
    let row: Option<(String, String, Option<String>)> = tx
        .fetch_optional(
            "SELECT name, email, lang FROM identities WHERE id = $1",
            args![id],
        )
        .await?;
    tx.commit().await?;
    let (name, email, lang) = row.ok_or(AppError::NotFound)?;
    Ok((
        name,
        email,
        lang.and_then(|l| Lang::parse(&l)).unwrap_or_default(),
    ))
}

/// Sends a reset link when the address belongs to an account; the caller always answers the
/// same, whether it does or not. Limited per address.
///
/// Both paths do the same work, so the time of the answer tells nothing either: the same
/// throttle writes, one read of the account, a fresh token and its hash, one write
/// transaction of three statements (known: the old link dropped, the new one stored, the
/// request logged; unknown: a row written to the throttle table and removed again, the
/// request logged without a person), and the mail handed to a task of its own (nothing for an
/// unknown address), so the answer never waits for the mail server.
pub async fn request_reset(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    email: &str,
    lang: Lang,
    now: Timestamp,
) -> Result<()> {
    let Some(normalized) = identities::normalize_email(email) else {
        return Ok(());
    };
    let key = format!("reset:{normalized}");
    throttle::attempt(db, &key, RESET_LIMIT, now).await?;
    let mut tx = db.platform(false).await?;
    let row: Option<(i64, String, Option<String>)> = tx
        .fetch_optional(
            "SELECT id, name, lang FROM identities WHERE email = $1",
            args![normalized.clone()],
        )
        .await?;
    tx.commit().await?;
    let token = new_token()?;
    let token_hash = hash_token(&token);
    let purpose = Purpose::Reset.as_str();
    let mut tx = db.platform(true).await?;
    let mail = match row {
        Some((id, name, own_lang)) => {
            let id = IdentityId(id);
            tx.execute(
                "DELETE FROM auth_tokens WHERE identity_id = $1 AND purpose = $2 AND used_at IS NULL",
                args![id, purpose],
            )
            .await?;
            tx.execute(
                "INSERT INTO auth_tokens (token_hash, identity_id, purpose, new_email, expires_at, created_at) VALUES ($1, $2, $3, NULL, $4, $5)",
                args![token_hash, id, purpose, now.plus_seconds(RESET_SECS), now],
            )
            .await?;
            accounts::log_in_tx(
                &mut tx,
                Some(id),
                None,
                "password_reset_requested",
                None,
                None,
                now,
            )
            .await?;
            let lang = match own_lang.and_then(|l| Lang::parse(&l)) {
                Some(own) if own != Lang::default() => own,
                _ => lang,
            };
            Some(Mail {
                to: normalized,
                subject: Msg::MailResetSubject.text(lang).to_string(),
                body: Msg::MailResetBody.fill(
                    lang,
                    &[
                        ("name", &name),
                        ("link", &link(base_url, "/login/reset", &token)),
                    ],
                ),
                brand: None,
            })
        }
        None => {
            // A row written and removed again, like the known path's link: no trace left.
            let decoy = {
                use sha2::Digest;
                sha2::Sha256::digest(format!("reset-decoy:{token_hash}").as_bytes()).to_vec()
            };
            tx.execute(
                "INSERT INTO auth_throttle (key_hash, attempts, window_end) VALUES ($1, 0, $2)",
                args![decoy.clone(), now],
            )
            .await?;
            tx.execute(
                "DELETE FROM auth_throttle WHERE key_hash = $1",
                args![decoy],
            )
            .await?;
            accounts::log_in_tx(
                &mut tx,
                None,
                None,
                "password_reset_requested",
                Some("no account"),
                None,
                now,
            )
            .await?;
            None
        }
    };
    tx.commit().await?;
    mailer.send_later(mail);
    Ok(())
}

/// Sets a new password from a reset link, ends every session of the account, and signs no
/// one in: the person signs in next, second factor included. The link's use, the new
/// password, the end of the sessions and the event are one transaction: a failure leaves
/// the old password and the sessions as they were, never a new password with the old
/// sessions still open.
pub async fn complete_reset(
    db: &Db,
    token: &str,
    new_password: String,
    now: Timestamp,
) -> Result<IdentityId> {
    let id = check(db, token, Purpose::Reset, now).await?;
    let hash = checked_hash(db, id, new_password).await?;
    let mut tx = db.platform(true).await?;
    consume(&mut tx, token, Purpose::Reset, now).await?;
    write_password(&mut tx, id, &hash, now).await?;
    let ended = accounts::revoke_sessions_in_tx(&mut tx, id, None, None, now, None).await?;
    accounts::log_in_tx(&mut tx, Some(id), None, "password_reset", None, None, now).await?;
    tx.commit().await?;
    accounts::forget_ended(db, &ended);
    Ok(id)
}

/// The new password checked against the policy (staff or not, the person's name and
/// address as context) and hashed.
async fn checked_hash(db: &Db, id: IdentityId, new_password: String) -> Result<String> {
    let staff = accounts::factor_state(db, id).await?.is_staff;
    let (name, email, _) = name_and_lang(db, id).await?;
    check_password_policy(&new_password, staff, &[&name, &email])?;
    password::hash(new_password).await
}

async fn write_password(
    tx: &mut crate::db::Tx,
    id: IdentityId,
    hash: &str,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "UPDATE identities SET password_hash = $2, password_changed_at = $3, updated_at = $3, version = version + 1 WHERE id = $1",
        args![id, hash.to_string(), now],
    )
    .await
    .map(|_| ())
}

async fn set_password_from_link(
    db: &Db,
    id: IdentityId,
    token: &str,
    purpose: Purpose,
    new_password: String,
    now: Timestamp,
) -> Result<()> {
    let hash = checked_hash(db, id, new_password).await?;
    let mut tx = db.platform(true).await?;
    consume(&mut tx, token, purpose, now).await?;
    write_password(&mut tx, id, &hash, now).await?;
    tx.commit().await
}

/// Invites a person to the tenant of `scope` as a plain member: their identity is made when
/// new (without a password), the membership added, and a 7-day link mailed to set a
/// password. Administrators are invited through `roles::invite_admin`.
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    scope: &TenantScope,
    inviter: &Actor,
    email: &str,
    name: &str,
    now: Timestamp,
) -> Result<IdentityId> {
    let id = match identities::find_by_email(db, email).await? {
        Some(id) => id,
        None => identities::create(db, inviter, now, email, name, None).await?,
    };
    match identities::add_membership(db, scope, inviter, now, id, None).await {
        Ok(_) | Err(AppError::Conflict(_)) => {}
        Err(e) => return Err(e),
    }
    send_invite(db, mailer, base_url, scope, inviter, id, now).await?;
    Ok(id)
}

/// Mails an invitation link (7 days) to `id` for the tenant of `scope`, in the tenant's
/// language, naming the inviter and the tenant.
pub async fn send_invite(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    scope: &TenantScope,
    inviter: &Actor,
    id: IdentityId,
    now: Timestamp,
) -> Result<()> {
    let (name, email, _) = name_and_lang(db, id).await?;
    let lang = scope.tenant().default_lang;
    let token = issue(db, id, Purpose::Invite, None, now, INVITE_SECS).await?;
    let inviter_name = if inviter.name.is_empty() {
        scope.tenant().name.clone()
    } else {
        inviter.name.clone()
    };
    mailer
        .send(Mail {
            to: email,
            subject: Msg::MailInviteSubject.fill(lang, &[("club", &scope.tenant().name)]),
            body: Msg::MailInviteBody.fill(
                lang,
                &[
                    ("name", &name),
                    ("inviter", &inviter_name),
                    ("club", &scope.tenant().name),
                    ("link", &link(base_url, "/invite", &token)),
                ],
            ),
            brand: Some(crate::mail::Brand::of(scope.tenant(), base_url)),
        })
        .await?;
    accounts::log_event(
        db,
        Some(id),
        "invited",
        Some(&scope.tenant().slug),
        None,
        now,
    )
    .await
}

/// Accepts an invitation: sets the first password. The caller signs the person in (at the
/// password level: staff then enrol their second factor).
pub async fn accept_invite(
    db: &Db,
    token: &str,
    new_password: String,
    now: Timestamp,
) -> Result<IdentityId> {
    let id = check(db, token, Purpose::Invite, now).await?;
    set_password_from_link(db, id, token, Purpose::Invite, new_password, now).await?;
    accounts::log_event(db, Some(id), "invitation_accepted", None, None, now).await?;
    Ok(id)
}

/// Mails a confirmation link to a new address; the address changes only when it is used.
pub async fn request_email_change(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    actor: &Actor,
    new_email: &str,
    now: Timestamp,
) -> Result<()> {
    let id = actor.identity.ok_or(AppError::Unauthenticated)?;
    let normalized = identities::normalize_email(new_email)
        .ok_or_else(|| AppError::field("email", Msg::ErrEmailInvalid))?;
    if identities::find_by_email(db, &normalized).await?.is_some() {
        return Err(AppError::field("email", Msg::ErrAccountExists));
    }
    let (name, _, lang) = name_and_lang(db, id).await?;
    let token = issue(
        db,
        id,
        Purpose::EmailChange,
        Some(&normalized),
        now,
        EMAIL_CHANGE_SECS,
    )
    .await?;
    mailer
        .send(Mail {
            to: normalized.clone(),
            subject: Msg::MailEmailSubject.text(lang).to_string(),
            body: Msg::MailEmailBody.fill(
                lang,
                &[
                    ("name", &name),
                    ("link", &link(base_url, "/account/email", &token)),
                ],
            ),
            brand: None,
        })
        .await?;
    accounts::log_event(db, Some(id), "email_change_requested", None, None, now).await
}

/// Confirms a new address from its link.
pub async fn confirm_email_change(db: &Db, token: &str, now: Timestamp) -> Result<IdentityId> {
    let mut tx = db.platform(true).await?;
    let row = consume(&mut tx, token, Purpose::EmailChange, now).await?;
    let new_email = row.new_email.ok_or_else(expired)?;
    tx.execute(
        "UPDATE identities SET email = $2, updated_at = $3, version = version + 1 WHERE id = $1",
        args![row.identity_id, new_email, now],
    )
    .await
    .map_err(|e| match e {
        AppError::Conflict(_) => AppError::field("email", Msg::ErrAccountExists),
        other => other,
    })?;
    tx.commit().await?;
    let id = IdentityId(row.identity_id);
    accounts::log_event(db, Some(id), "email_changed", None, None, now).await?;
    Ok(id)
}
