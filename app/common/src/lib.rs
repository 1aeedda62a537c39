//! Types shared by the server and the browser.
//!
//! Everything here compiles to wasm: id newtypes, the data transfer objects the server
//! functions return, the one error type that crosses the server-function boundary, the
//! translation tables and calendar helpers. Nothing server-only belongs here.

pub mod activity;
pub mod affiliation;
pub mod breach;
pub mod color;
pub mod consent;
pub mod documents;
pub mod dto;
pub mod dupes;
pub mod error;
pub mod fedreads;
pub mod groups;
pub mod i18n;
pub mod ids;
pub mod invoices;
pub mod licence;
pub mod local_path;
pub mod mailing;
pub mod modules;
pub mod money;
pub mod reconcile;
pub mod renewal;
pub mod rights;
pub mod templates;
pub mod time;
pub mod transfer; // xfer18: transfers

pub use error::{AppError, Arg, FieldError, Problem};
pub use i18n::{Lang, Msg};
pub use ids::*;
