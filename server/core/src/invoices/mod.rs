//! Seasons and fees (issue 20, inv20): the club's seasons with their pricing rules and fee
//! schedules, its bank details (`seasons`), and the pure computation of what a payer owes
//! (`pricing`). Everything needs `fees.manage`, except the season report (`report`,
//! `fees.view`).
//!
//! Layer: above accounts, members and groups.

pub mod epc;
pub mod issue;
pub mod pdf;
pub mod pricing;
pub mod reminders;
pub mod report; // rep20
pub mod seasons;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_reminders;
#[cfg(test)]
mod tests_report; // rep20

pub use issue::{
    add_one_off, communication_base, credit, generate, issue_for_members, mine, of_member,
    of_season, pdf, preview_filtered, send, Outgoing, Selection, MAX_FILTERED,
};
pub use report::{report, report_xlsx, ReportFile}; // rep20
pub use seasons::{add_fee, overview, remove_fee, save_season, save_settings};
