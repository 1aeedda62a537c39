//! Tessera's backend rules: storage over SQLite and PostgreSQL, tenancy and the one
//! resolver, permissions, last-change stamps, identities and passwords, members, and the
//! demo dataset. Testable without HTTP or a browser, and never compiled into the wasm.

pub mod clock;
pub mod db;
pub mod error;
pub mod identities;
pub mod ids;
pub mod members;
pub mod password;
pub mod scope;
pub mod seed;
pub mod tenants;
pub mod testing;

#[cfg(test)]
mod tests;

use std::sync::Arc;

/// What the request handlers need: the database and the clock. Cheap to clone.
#[derive(Clone)]
pub struct Services {
    pub db: db::Db,
    pub clock: Arc<dyn clock::Clock>,
}

impl Services {
    pub fn now(&self) -> tessera_common::time::Timestamp {
        self.clock.now()
    }
}
