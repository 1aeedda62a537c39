//! Data protection (issue 17): the breach register (a club's own breaches, the operator's
//! incidents with the 72-hour notification of each affected club), the platform's
//! sub-processors with the 14 days in which a club can object to a change, and the record
//! of processing generated from a club's configuration.
//!
//! Layer: above accounts (the operator's actions go to the platform log).
//!
//! - `validation`: the rules of what a form may hold.
//! - `club`: a club's register, its follow-up (authority, people concerned), the banner.
//! - `platform`: the operator's incidents and notifications, the sub-processors, objections.
//! - `record`: the record of processing.

mod club;
mod platform;
mod record;
mod storage;
pub mod validation;

pub use club::*;
pub use platform::*;
pub use record::*;
