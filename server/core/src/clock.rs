//! Time as a parameter: domain code gets `now` from a [`Clock`], so tests control it.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use tessera_common::time::Timestamp;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;
}

/// The real clock: the only place that reads the system time.
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(
        clippy::disallowed_methods,
        reason = "the clock module is the one place that reads the system clock"
    )]
    fn now(&self) -> Timestamp {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Timestamp(ms)
    }
}

/// The monotonic clock, for what is not domain time: the age of a cache entry, how long a
/// command ran. Domain time comes from a [`Clock`].
#[allow(
    clippy::disallowed_methods,
    reason = "the clock module is the one place that reads the system clock"
)]
pub fn monotonic() -> std::time::Instant {
    std::time::Instant::now()
}

/// A clock that tests set and advance by hand.
#[derive(Clone, Default)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn at(t: Timestamp) -> Self {
        ManualClock(Arc::new(AtomicI64::new(t.0)))
    }
    pub fn set(&self, t: Timestamp) {
        self.0.store(t.0, Ordering::SeqCst);
    }
    pub fn advance_secs(&self, s: i64) {
        self.0.fetch_add(s * 1000, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}
