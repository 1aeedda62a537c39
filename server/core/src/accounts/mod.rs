//! Accounts: the person behind a sign-in. Identities (create, find, authenticate),
//! passwords (hashing, policy), the second factor (TOTP, recovery codes), attempt limits,
//! the links sent by mail (invitation, password reset, address change), sessions and the
//! security event log, and the sign-in flow over them (`signin`).
//!
//! Layer: above the infrastructure only; imports no other feature.

mod events;
mod factors;
pub mod identities;
pub mod links;
pub mod password;
mod policy;
mod sessions;
pub mod signin;
pub mod throttle;
pub mod totp;

pub use crate::tenancy::{factor_state, pending_after_password, FactorState, Pending};
pub use events::*;
pub use factors::*;
pub use policy::*;
pub use sessions::*;
