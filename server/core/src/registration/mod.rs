//! Registration: the club's public sign-up forms (defined by the club), the submissions,
//! their confirmation by mail and their review into members.
//!
//! Layer: above accounts, tenants (terms) and members.

mod operations;

pub use operations::*;
