//! Seasons and fees (issue 20, inv20): the club's seasons with their pricing rules and fee
//! schedules, its bank details (`seasons`), and the pure computation of what a payer owes
//! (`pricing`). Everything needs `fees.manage`.
//!
//! Layer: above accounts, members and groups.

pub mod epc;
pub mod issue;
pub mod pdf;
pub mod pricing;
pub mod reminders;
pub mod seasons;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_reminders;

pub use issue::{
    add_one_off, communication_base, credit, generate, issue_for_members, mine, of_member,
    of_season, pdf, preview_filtered, send, Outgoing, Selection, MAX_FILTERED,
};
pub use seasons::{add_fee, overview, remove_fee, save_season, save_settings};
