//! Tessera's backend rules: storage over SQLite and PostgreSQL, tenancy and the one
//! resolver, permissions, last-change stamps, identities and passwords, members, and the
//! demo dataset. Testable without HTTP or a browser, and never compiled into the wasm.

mod access_cache;
pub mod accounts;
pub mod clock;
pub mod custom_fields;
pub mod db;
pub mod error;
pub mod exports;
pub mod identities;
pub mod ids;
pub mod import;
pub mod jobs;
pub mod links;
pub mod logo;
pub mod mail;
pub mod member_imports;
pub mod members;
pub mod module_settings;
pub mod password;
pub mod registration;
pub mod roles;
pub mod scope;
pub mod search;
pub mod secrets;
pub mod seed;
pub mod session_store;
pub mod tenants;
pub mod terms;
pub mod testing;
pub mod throttle;
pub mod totp;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_accounts;
#[cfg(test)]
mod tests_errors;
#[cfg(test)]
mod tests_limits;
#[cfg(test)]
mod tests_secretary;
#[cfg(test)]
mod tests_tenancy;

use std::sync::Arc;

/// How long sessions live.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    /// Idle timeout of people with a staff role.
    pub staff_idle_secs: i64,
    /// Idle timeout of everyone else.
    pub member_idle_secs: i64,
    /// Absolute lifetime of a sign-in, whatever the activity.
    pub absolute_secs: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            staff_idle_secs: 30 * 60,
            member_idle_secs: 8 * 3600,
            absolute_secs: 12 * 3600,
        }
    }
}

/// What the request handlers need: the database, the clock and the session policy. Cheap
/// to clone.
#[derive(Clone)]
pub struct Services {
    pub db: db::Db,
    pub clock: Arc<dyn clock::Clock>,
    pub sessions: SessionPolicy,
    pub mailer: mail::Mailer,
    /// The address people reach the application at, for links in mail.
    pub public_url: String,
    /// The reverse proxy whose X-Forwarded-For names the client (per-address limits).
    pub trusted_proxy: Option<std::net::IpAddr>,
}

impl Services {
    pub fn now(&self) -> tessera_common::time::Timestamp {
        self.clock.now()
    }
}
