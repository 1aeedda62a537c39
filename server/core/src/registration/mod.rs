//! Registration: the club's public sign-up forms (defined by the club), the submissions,
//! their confirmation by mail and their review into members. Types and limits (`model`),
//! rules (`validation`), SQL (`storage`) and what a request does (`operations`).
//!
//! Layer: above accounts, tenants (terms) and members.

mod model;
mod operations;
mod storage;
mod validation;

pub use model::*;
pub use operations::*;
pub(crate) use validation::check_form;
#[cfg(test)]
pub(crate) use validation::*;
