//! Password hashing: argon2id, m = 19 MiB, t = 2, p = 1, run on the blocking pool so the
//! async workers keep serving pages. Unknown accounts are verified against a dummy hash so
//! they cost the same time as known ones.

use crate::error::{internal, Result};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

fn hasher() -> Result<Argon2<'static>> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).map_err(internal)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_blocking(password: &str) -> Result<String> {
    let salt_bytes = crate::ids::random_bytes::<16>()?;
    let salt = SaltString::encode_b64(&salt_bytes).map_err(internal)?;
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(internal)
}

/// The outcome of checking a password.
#[derive(Debug, PartialEq, Eq)]
pub enum Verified {
    No,
    Yes,
    /// Correct, but stored with weaker parameters: store this new hash.
    YesRehash(String),
}

fn verify_blocking(password: &str, stored: &str) -> Result<Verified> {
    let parsed = PasswordHash::new(stored).map_err(internal)?;
    let ok = hasher()?
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    if !ok {
        return Ok(Verified::No);
    }
    let current = Params::try_from(&parsed).ok();
    let strong = parsed.algorithm.as_str() == "argon2id"
        && current.is_some_and(|p| {
            p.m_cost() >= MEMORY_KIB && p.t_cost() >= ITERATIONS && p.p_cost() >= PARALLELISM
        });
    if strong {
        Ok(Verified::Yes)
    } else {
        Ok(Verified::YesRehash(hash_blocking(password)?))
    }
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_blocking("tessera dummy password for unknown accounts")
            .unwrap_or_else(|_| String::from("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A"))
    })
}

/// At most this many hashes run at once: one core less than the machine has (at least
/// one), so a burst of sign-ins queues instead of starving the page-serving workers.
fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        tokio::sync::Semaphore::new(cores.saturating_sub(1).max(1))
    })
}

/// Hashes a password off the async workers.
pub async fn hash(password: String) -> Result<String> {
    let _slot = hashing_slots().acquire().await.map_err(internal)?;
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(internal)?
}

/// Checks a password against a stored hash, or against the dummy hash when there is no
/// account, so both take the same time. Always `Verified::No` without an account.
pub async fn verify(password: String, stored: Option<String>) -> Result<Verified> {
    let _slot = hashing_slots().acquire().await.map_err(internal)?;
    tokio::task::spawn_blocking(move || match stored {
        Some(h) => verify_blocking(&password, &h),
        None => verify_blocking(&password, dummy_hash()).map(|_| Verified::No),
    })
    .await
    .map_err(internal)?
}

/// Warms the dummy hash so the first unknown-account sign-in is not cheaper or dearer.
pub fn warm_up() {
    let _ = dummy_hash();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_weak_ones_are_upgraded() {
        let h = hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_eq!(
            verify("correct horse battery".into(), Some(h.clone()))
                .await
                .unwrap(),
            Verified::Yes
        );
        assert_eq!(verify("wrong".into(), Some(h)).await.unwrap(), Verified::No);
        assert_eq!(verify("anything".into(), None).await.unwrap(), Verified::No);

        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(1024, 1, 1, None).unwrap(),
        )
        .hash_password(b"pw", &SaltString::encode_b64(b"0123456789abcdef").unwrap())
        .unwrap()
        .to_string();
        match verify("pw".into(), Some(weak)).await.unwrap() {
            Verified::YesRehash(new) => assert!(new.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")),
            other => panic!("expected a rehash, got {other:?}"),
        }
    }
}
