//! Members: the club's register. Records, their validation and storage, the search over
//! them, the club's own fields, exports, and the daily invitation of members who came of
//! age.
//!
//! Layer: above accounts and roles.

pub mod custom_fields;
pub mod exports;
mod operations;

pub use operations::*;
