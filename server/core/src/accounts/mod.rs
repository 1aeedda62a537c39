//! Accounts: the person behind a sign-in. Identities (create, find, authenticate),
//! passwords (hashing, policy), the second factor (TOTP, recovery codes), attempt limits,
//! the links sent by mail (invitation, password reset, address change), sessions and the
//! security event log, and the sign-in flow over them (`signin`).
//!
//! Layer: above the infrastructure only; imports no other feature.

pub mod identities;
pub mod links;
mod operations;
pub mod password;
pub mod signin;
pub mod throttle;
pub mod totp;

pub use crate::tenancy::{factor_state, pending_after_password, FactorState, Pending};
pub use operations::*;
