//! Id generation. Ids are 63-bit integers made by the application, so rows of every table can
//! carry `(tenant_id, id)` as their key on both backends (SQLite has no sequences spanning a
//! composite key) and ids do not reveal how many records another tenant has. The high bits
//! are the creation time in milliseconds, which keeps B-tree inserts local; the low 22
//! bits start at a random point each millisecond and count up within this process.

use std::sync::atomic::{AtomicI64, Ordering};

static LAST: AtomicI64 = AtomicI64::new(0);

fn random_u64() -> u64 {
    let mut b = [0u8; 8];
    // getrandom only fails when the OS has no entropy source; fall back to the address of
    // a stack value mixed with the time rather than panicking.
    if getrandom::getrandom(&mut b).is_err() {
        let x = &b as *const _ as u64;
        return x ^ now_ms() as u64;
    }
    u64::from_le_bytes(b)
}

fn now_ms() -> i64 {
    use crate::clock::Clock;
    crate::clock::SystemClock.now().0
}

/// A new unique id.
pub fn new_id() -> i64 {
    let candidate = (now_ms() << 22) | (random_u64() & 0x1f_ffff) as i64;
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

/// Random bytes from the OS for secrets (salts, tokens).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    let mut filled = 0;
    while filled < N {
        let chunk = random_u64().to_le_bytes();
        let take = (N - filled).min(8);
        b[filled..filled + take].copy_from_slice(&chunk[..take]);
        filled += take;
    }
    b
}

/// A short reference for log correlation, shown to users with internal errors.
pub fn short_reference() -> String {
    format!("{:08x}", random_u64() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

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
