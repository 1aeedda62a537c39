//! Signing in, as decisions without HTTP: the password step (attempt limits per account
//! and per client address, the check, the event log, what is still pending) and the
//! second-factor step (a TOTP code whose step must be newer than the last one accepted,
//! or a recovery code that works once). The HTTP layer (`server/src/auth.rs`) reads the
//! form, calls these, and writes the session, the cookie and the redirect.

use crate::accounts::{identities, log_event, throttle, use_recovery_code, verify_totp};
use crate::db::Db;
use crate::error::Result;
use crate::tenancy::{factor_state, pending_after_password, Pending};
use tessera_common::time::Timestamp;
use tessera_common::IdentityId;

/// The longest password we will hash; longer input is refused like a wrong one.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// The longest e-mail address looked up (RFC 5321's path limit).
const MAX_EMAIL_BYTES: usize = 254;

/// The longest second-factor input looked at (a recovery code with spaces fits easily).
const MAX_CODE_BYTES: usize = 64;

/// A password sign-in as typed.
#[derive(Clone, Debug)]
pub struct PasswordAttempt<'a> {
    /// The address as typed (trimmed and lowercased here).
    pub email: &'a str,
    pub password: String,
    /// The client's address, for the per-address limit and the event log.
    pub client: Option<&'a str>,
    pub now: Timestamp,
}

/// What a password sign-in leads to. Too many attempts is an error
/// (`AppError::TooManyRequests`), not an outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasswordOutcome {
    /// The password was right and nothing more is asked: the session is signed in.
    SignedIn(IdentityId),
    /// The password was right; the session is signed in with the password only until the
    /// second factor is given (`Pending::Verify`) or enrolled (`Pending::Enrol`).
    NeedSecondFactor {
        identity: IdentityId,
        pending: Pending,
    },
    /// Unknown address, wrong password or unusable input: one answer for all, so the
    /// answer does not tell whether the address has an account. Carries the address
    /// (normalised) to offer back in the form.
    Refused { email: String },
}

impl PasswordOutcome {
    /// The person signed in (fully or pending a second factor), if any.
    pub fn identity(&self) -> Option<IdentityId> {
        match self {
            PasswordOutcome::SignedIn(id) => Some(*id),
            PasswordOutcome::NeedSecondFactor { identity, .. } => Some(*identity),
            PasswordOutcome::Refused { .. } => None,
        }
    }
}

/// What comes after a proven password for this person: signed in, or a second factor.
pub async fn after_password(db: &Db, id: IdentityId) -> Result<PasswordOutcome> {
    Ok(match pending_after_password(&factor_state(db, id).await?) {
        None => PasswordOutcome::SignedIn(id),
        Some(pending) => PasswordOutcome::NeedSecondFactor {
            identity: id,
            pending,
        },
    })
}

/// The password step. Attempts are counted before the password is checked (see
/// [`throttle`]): of simultaneous attempts exactly the limit reach the check. An attempt
/// the address limit refuses did not reach it, so it is given back to the account. A right
/// password clears the account's counter and gives the address its attempt back.
pub async fn sign_in_password(db: &Db, a: PasswordAttempt<'_>) -> Result<PasswordOutcome> {
    let email = a.email.trim().to_lowercase();
    let account_key = format!("account:{email}");
    let addr_key = format!("address:{}", a.client.unwrap_or_default());
    throttle::attempt(db, &account_key, throttle::ACCOUNT, a.now).await?;
    if let Err(e) = throttle::attempt(db, &addr_key, throttle::ADDRESS, a.now).await {
        throttle::refund(db, &account_key, a.now).await?;
        return Err(e);
    }
    let verified = if a.password.len() > MAX_PASSWORD_BYTES || email.len() > MAX_EMAIL_BYTES {
        None
    } else {
        identities::authenticate(db, &email, a.password).await?
    };
    let Some(id) = verified else {
        let known = identities::find_by_email(db, &email).await?;
        log_event(db, known, "sign_in_failure", None, a.client, a.now).await?;
        return Ok(PasswordOutcome::Refused { email });
    };
    throttle::clear(db, &account_key).await?;
    throttle::refund(db, &addr_key, a.now).await?;
    log_event(db, Some(id), "sign_in_password", None, a.client, a.now).await?;
    after_password(db, id).await
}

/// A second factor as typed, for a session signed in with the password.
#[derive(Clone, Debug)]
pub struct CodeAttempt<'a> {
    pub identity: IdentityId,
    /// What the session still waits for (from the session's state).
    pub pending: Option<Pending>,
    /// A six-digit TOTP code (spaces allowed) or a recovery code.
    pub code: &'a str,
    pub client: Option<&'a str>,
    pub now: Timestamp,
}

/// What a second-factor attempt leads to. Too many wrong codes is an error
/// (`AppError::TooManyRequests`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeOutcome {
    /// The session was not waiting for a code (already signed in, or enrolment comes
    /// first): nothing was checked or counted.
    NotPending,
    /// The right code: the session is now fully signed in.
    Accepted,
    /// A wrong, replayed or already used code.
    Refused,
}

/// The second-factor step: digits are a TOTP code (accepted once per time step, only for a
/// step after the last one accepted), anything else a recovery code (each works once).
/// Every try counts towards the account's code limit.
pub async fn verify_second_factor(db: &Db, a: CodeAttempt<'_>) -> Result<CodeOutcome> {
    if a.pending != Some(Pending::Verify) {
        return Ok(CodeOutcome::NotPending);
    }
    let code = a.code.trim();
    let is_totp = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .all(|c| c.is_ascii_digit());
    let ok = if code.len() > MAX_CODE_BYTES {
        false
    } else if is_totp {
        verify_totp(db, a.identity, code, a.now, a.client).await?
    } else {
        use_recovery_code(db, a.identity, code, a.now, a.client).await?
    };
    Ok(if ok {
        CodeOutcome::Accepted
    } else {
        CodeOutcome::Refused
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::{begin_totp, confirm_totp, totp};
    use crate::scope::Actor;
    use crate::testing;
    use tessera_common::AppError;

    const PW: &str = "a long enough test passphrase";

    fn password(
        email: &str,
        password: &str,
        client: &'static str,
        now: Timestamp,
    ) -> PasswordAttempt<'static> {
        PasswordAttempt {
            email: Box::leak(email.to_string().into_boxed_str()),
            password: password.into(),
            client: Some(client),
            now,
        }
    }

    fn code(id: IdentityId, code: &str, now: Timestamp) -> CodeAttempt<'static> {
        CodeAttempt {
            identity: id,
            pending: Some(Pending::Verify),
            code: Box::leak(code.to_string().into_boxed_str()),
            client: Some("192.0.2.1"),
            now,
        }
    }

    /// The person with a second factor: returns their id, the TOTP secret and the
    /// recovery codes. The enrolment code used `now`'s step.
    async fn with_factor(
        db: &Db,
        email: &str,
        now: Timestamp,
    ) -> (IdentityId, String, Vec<String>) {
        let id = crate::accounts::identities::create(
            db,
            &Actor::system("test"),
            now,
            email,
            "Sign In",
            Some(PW.into()),
        )
        .await
        .unwrap();
        let (secret, _) = begin_totp(db, id).await.unwrap();
        let codes = confirm_totp(db, id, &totp::code_at(&secret, now).unwrap(), now, None)
            .await
            .unwrap();
        (id, secret, codes)
    }

    #[tokio::test]
    async fn a_password_signs_in_or_is_refused_with_one_answer() {
        for t in testing::all().await {
            let db = &t.db;
            let now = Timestamp(1_790_000_000_000);
            let id = crate::accounts::identities::create(
                db,
                &Actor::system("test"),
                now,
                "plain@example.be",
                "Plain",
                Some(PW.into()),
            )
            .await
            .unwrap();
            let right = sign_in_password(db, password(" Plain@Example.be ", PW, "192.0.2.1", now))
                .await
                .unwrap();
            assert_eq!(right, PasswordOutcome::SignedIn(id), "{:?}", t.backend());
            for (email, pw) in [
                ("plain@example.be", "not the passphrase"),
                ("nobody@example.be", PW),
                ("plain@example.be", &"x".repeat(MAX_PASSWORD_BYTES + 1)),
                (&"a".repeat(300), PW),
            ] {
                let wrong = sign_in_password(db, password(email, pw, "192.0.2.1", now))
                    .await
                    .unwrap();
                assert!(
                    matches!(wrong, PasswordOutcome::Refused { .. }),
                    "{email}: {wrong:?}"
                );
                assert_eq!(wrong.identity(), None);
            }
            // The failures are in the event log of the known account.
            let events = crate::accounts::events_of(db, id, 20).await.unwrap();
            assert!(events.iter().any(|e| e.kind == "sign_in_failure"));
            assert!(events.iter().any(|e| e.kind == "sign_in_password"));
        }
    }

    #[tokio::test]
    async fn too_many_attempts_are_refused_even_with_the_right_password() {
        for t in testing::all().await {
            let db = &t.db;
            let now = Timestamp(1_790_000_000_000);
            crate::accounts::identities::create(
                db,
                &Actor::system("test"),
                now,
                "busy@example.be",
                "Busy",
                Some(PW.into()),
            )
            .await
            .unwrap();
            for _ in 0..throttle::ACCOUNT.max_attempts {
                let r = sign_in_password(
                    db,
                    password("busy@example.be", "wrong guess", "192.0.2.7", now),
                )
                .await
                .unwrap();
                assert!(matches!(r, PasswordOutcome::Refused { .. }));
            }
            let r = sign_in_password(db, password("busy@example.be", PW, "192.0.2.8", now)).await;
            assert!(
                matches!(r, Err(AppError::TooManyRequests(_))),
                "{:?}: {r:?}",
                t.backend()
            );
            // After the window the right password works again, and clears the counter.
            let later = now.plus_seconds(throttle::ACCOUNT.window_secs + 1);
            let r = sign_in_password(db, password("busy@example.be", PW, "192.0.2.8", later))
                .await
                .unwrap();
            assert!(matches!(r, PasswordOutcome::SignedIn(_)), "{r:?}");
        }
    }

    #[tokio::test]
    async fn the_second_factor_is_asked_checked_and_never_accepted_twice() {
        for t in testing::all().await {
            let db = &t.db;
            let now = Timestamp(1_790_000_000_000);
            let (id, secret, recovery) = with_factor(db, "factor@example.be", now).await;
            // The password alone leaves the code pending.
            let later = now.plus_seconds(120);
            let r = sign_in_password(db, password("factor@example.be", PW, "192.0.2.1", later))
                .await
                .unwrap();
            assert_eq!(
                r,
                PasswordOutcome::NeedSecondFactor {
                    identity: id,
                    pending: Pending::Verify
                },
                "{:?}",
                t.backend()
            );
            // Nothing is checked for a session that waits for no code.
            let mut idle = code(id, "000000", later);
            idle.pending = None;
            assert_eq!(
                verify_second_factor(db, idle).await.unwrap(),
                CodeOutcome::NotPending
            );
            // A wrong code, then the right one; the same code again is a replay.
            let right = totp::code_at(&secret, later).unwrap();
            let wrong = if right == "000000" {
                "111111"
            } else {
                "000000"
            };
            assert_eq!(
                verify_second_factor(db, code(id, wrong, later))
                    .await
                    .unwrap(),
                CodeOutcome::Refused
            );
            assert_eq!(
                verify_second_factor(db, code(id, &right, later))
                    .await
                    .unwrap(),
                CodeOutcome::Accepted
            );
            assert_eq!(
                verify_second_factor(db, code(id, &right, later))
                    .await
                    .unwrap(),
                CodeOutcome::Refused,
                "replayed code, {:?}",
                t.backend()
            );
            // The enrolment code's step was used too: it cannot sign in.
            let enrol = totp::code_at(&secret, now).unwrap();
            assert_eq!(
                verify_second_factor(db, code(id, &enrol, later))
                    .await
                    .unwrap(),
                CodeOutcome::Refused
            );
            // A recovery code works once.
            let rc = recovery[0].clone();
            assert_eq!(
                verify_second_factor(db, code(id, &rc, later))
                    .await
                    .unwrap(),
                CodeOutcome::Accepted
            );
            let again = verify_second_factor(db, code(id, &rc, later.plus_seconds(1))).await;
            assert!(matches!(again, Ok(CodeOutcome::Refused)), "{again:?}");
            // Input longer than any code is refused without being looked up.
            let long = "1".repeat(MAX_CODE_BYTES + 1);
            assert_eq!(
                verify_second_factor(db, code(id, &long, later))
                    .await
                    .unwrap(),
                CodeOutcome::Refused
            );
        }
    }

    #[tokio::test]
    async fn wrong_codes_lock_the_second_factor_for_a_while() {
        for t in testing::all().await {
            let db = &t.db;
            let now = Timestamp(1_790_000_000_000);
            let (id, secret, _) = with_factor(db, "locked@example.be", now).await;
            let later = now.plus_seconds(120);
            let right = totp::code_at(&secret, later).unwrap();
            let wrong = if right == "000000" {
                "111111"
            } else {
                "000000"
            };
            for _ in 0..throttle::TOTP.max_attempts {
                assert_eq!(
                    verify_second_factor(db, code(id, wrong, later))
                        .await
                        .unwrap(),
                    CodeOutcome::Refused
                );
            }
            let r = verify_second_factor(db, code(id, &right, later)).await;
            assert!(
                matches!(r, Err(AppError::TooManyRequests(_))),
                "{:?}: {r:?}",
                t.backend()
            );
        }
    }
}
