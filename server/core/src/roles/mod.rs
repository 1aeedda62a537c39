//! Roles: the permissions of a club's roles, who holds which role, administrators and
//! their invitation, and the staff flag that makes a second factor compulsory. Types
//! (`model`), rules (`validation`), SQL (`storage`), and what a request does
//! (`operations`, `admins`).
//!
//! Layer: above accounts.

mod admins;
mod model;
mod operations;
mod storage;
mod validation;

pub use admins::*;
pub use model::*;
pub use operations::*;
pub(crate) use storage::*;
pub use validation::*;
