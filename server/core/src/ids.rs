//! Id generation. Ids are 63-bit integers made by the application, so rows of every table can
//! carry `(tenant_id, id)` as their key on both backends (SQLite has no sequences spanning a
//! composite key) and ids do not reveal how many records another tenant has. The high bits
//! are the creation time in milliseconds, which keeps B-tree inserts local; the low 22
//! bits start at a random point each millisecond and count up within this process.

use std::sync::atomic::{AtomicI64, Ordering};
use tessera_common::AppError;

static LAST: AtomicI64 = AtomicI64::new(0);
/// A counter mixed into the low bits of ids when the OS has no randomness to give.
static SPREAD: AtomicI64 = AtomicI64::new(0);

/// Random bits for the low part of an id. Ids are not secrets (their uniqueness within
/// a process comes from `LAST`), so when the OS has no randomness a counter stands in;
/// secrets never come from here (see [`random_bytes`], which fails instead).
fn id_noise() -> u64 {
    let mut b = [0u8; 8];
    match getrandom::getrandom(&mut b) {
        Ok(()) => u64::from_le_bytes(b),
        Err(_) => SPREAD.fetch_add(0x9e37_79b9, Ordering::Relaxed) as u64,
    }
}

fn now_ms() -> i64 {
    use crate::clock::Clock;
    crate::clock::SystemClock.now().0
}

/// A new unique id.
pub fn new_id() -> i64 {
    let candidate = (now_ms() << 22) | (id_noise() & 0x1f_ffff) as i64;
    let mut prev = LAST.load(Ordering::Relaxed);
    loop {
        let next = if candidate > prev {
            candidate
        } else {
            prev + 1
        };
        match LAST.compare_exchange_weak(prev, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next & i64::MAX,
            Err(p) => prev = p,
        }
    }
}

/// Random bytes from the OS for secrets (salts, tokens, keys). Fails closed: when the OS
/// cannot give randomness the caller gets an error and makes no secret, never a
/// predictable stand-in.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], AppError> {
    random_bytes_from(getrandom::getrandom)
}

/// [`random_bytes`] from the given source (tests give one that fails).
fn random_bytes_from<const N: usize>(
    source: impl FnOnce(&mut [u8]) -> Result<(), getrandom::Error>,
) -> Result<[u8; N], AppError> {
    let mut b = [0u8; N];
    match source(&mut b) {
        Ok(()) => Ok(b),
        Err(e) => {
            tracing::error!(error = %e, "the operating system gave no random bytes; no secret was made");
            Err(AppError::Internal(short_reference()))
        }
    }
}

/// A short reference for log correlation, shown to users with internal errors.
pub fn short_reference() -> String {
    format!("{:08x}", id_noise() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn random_bytes_fail_closed_when_the_os_has_none() {
        let failing = |_: &mut [u8]| Err(getrandom::Error::UNSUPPORTED);
        assert!(matches!(
            random_bytes_from::<32>(failing),
            Err(AppError::Internal(_))
        ));
        let a = random_bytes::<32>().unwrap();
        let b = random_bytes::<32>().unwrap();
        assert_ne!(a, b);
        assert_ne!(a, [0u8; 32]);
    }

    #[test]
    fn ids_are_unique_and_increasing() {
        let mut seen = HashSet::new();
        let mut last = 0;
        for _ in 0..100_000 {
            let id = new_id();
            assert!(id > last, "ids must increase within a process");
            assert!(seen.insert(id));
            last = id;
        }
    }
}
