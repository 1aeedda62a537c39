//! Members: the club's register. Records (`model`), their rules (`validation`), their SQL
//! (`storage`) and what a request does with them (`operations`); the club's own fields,
//! exports, and the daily invitation of members who came of age.
//!
//! Layer: above accounts and roles.

pub mod access;
pub mod custom_fields;
pub mod exports;
mod field_rules;
mod model;
mod operations;
mod register_export;
mod storage;
mod validation;

pub use model::*;
pub use operations::*;
pub(crate) use storage::*;
pub use validation::*;
