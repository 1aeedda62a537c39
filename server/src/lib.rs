//! The Tessera server: configuration, start-up, the router with its security layers, the
//! session layer, the sign-in form handlers and the command line.

pub mod auth;
pub mod cli;
pub mod club_files;
pub mod config;
pub mod delivery;
pub mod document_files;
pub mod fed_files;
pub mod invoice_files;
pub mod renewal_files;
pub mod rights_files;
pub mod router;
pub mod security;
pub mod statement_files;
pub mod unsubscribe;
pub mod usage_files; // templates (usage)

pub use config::Config;
pub use router::{build_router, without_delay, AppState};
