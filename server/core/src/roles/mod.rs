//! Roles: the permissions of a club's roles, who holds which role, administrators and
//! their invitation, and the staff flag that makes a second factor compulsory.
//!
//! Layer: above accounts.

mod operations;

pub use operations::*;
