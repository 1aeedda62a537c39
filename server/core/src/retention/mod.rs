//! Retention (issue 17, deliverables 4 and 5): what a club keeps and for how long, and a
//! club that leaves.
//!
//! - `policy`: the club's retention rules (defaults, bounds), read and changed with
//!   `privacy.manage`.
//! - `job`: the daily retention job (in batches, each in its own transaction; resumes an
//!   interrupted run), its dry run and the log of its runs. Ended members are erased by
//!   the erasure of a person (`rights::erasure::erase_members_in_tx`, a batch at a time):
//!   one mechanism, one marker (`members.erased_at`).
//! - `leaving`: the operator ends a club's contract (read-only from its end), reminders to
//!   the club's administrators, and the deletion of every row of the tenant.
//! - `bundle`: the export bundle of a club (every tenant table as JSON and CSV, the logo
//!   and files, in one zip).
//!
//! Layer: above accounts, roles, tenants, members, registration and rights (it removes their
//! records); only the seed is above it.

pub mod bundle;
pub mod job;
pub mod leaving;
pub mod policy;

pub use bundle::export_bundle;
pub use job::{dry_run, page, run_club, run_due, runs, Limits, RunOutcome};
pub use leaving::{delete_due_tenants, delete_tenant, end_contract, send_reminders, tenant_tables};
pub use policy::{rules, save_rules, validate};

/// A calendar date `months` months before or after `d`; the 31st becomes the last day of a
/// shorter month (31 March minus one month: 28 or 29 February).
pub fn plus_months(d: tessera_common::time::Date, months: i64) -> tessera_common::time::Date {
    let index = i64::from(d.year) * 12 + i64::from(d.month) - 1 + months;
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(d.year);
    let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
    (1..=d.day)
        .rev()
        .find_map(|day| tessera_common::time::Date::new(year, month, day))
        .unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::plus_months;
    use tessera_common::time::Date;

    #[test]
    fn months_are_calendar_months_and_month_ends_shrink() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(plus_months(d("2026-12-04"), -24), d("2024-12-04"));
        assert_eq!(plus_months(d("2026-03-31"), -1), d("2026-02-28"));
        assert_eq!(plus_months(d("2024-03-31"), -1), d("2024-02-29"));
        assert_eq!(plus_months(d("2026-01-15"), -1), d("2025-12-15"));
        assert_eq!(plus_months(d("2026-08-31"), 6), d("2027-02-28"));
    }
}
