//! Tessera's backend rules: storage over SQLite and PostgreSQL, tenancy and the one
//! resolver, permissions, last-change stamps, identities and passwords, members, and the
//! demo dataset. Testable without HTTP or a browser, and never compiled into the wasm.

// Infrastructure: storage, tenancy, time, ids, mail, secrets, the search index. Imports no
// feature (checked by `layering::infrastructure_imports_no_feature`).
mod access_cache;
pub mod clock;
pub mod db;
pub mod error;
pub mod event_chain;
pub mod ids;
pub mod jobs;
pub mod mail;
pub(crate) mod memo;
pub mod scope;
pub mod search;
pub mod secrets;
pub mod session_store;
pub mod smtp;
pub mod tenancy;
pub mod testing;

// Features, one folder each, in layers: a feature imports only those below it (the table
// in `layering`, checked by a test).
pub mod accounts;
pub mod activities;
pub mod affiliations;
pub mod backup;
pub mod breaches;
pub mod consents;
pub mod documents;
pub mod dupes;
pub mod fedcopy;
pub mod fedreads;
pub mod fedstats; // dash18
pub mod groups;
pub mod imports;
pub mod invoices;
pub mod licences;
pub mod mailings;
pub mod members;
pub mod reconcile;
pub mod registration;
pub mod renewal;
pub mod retention;
pub mod rights;
pub mod roles;
pub mod seed;
pub mod templates;
pub mod tenants;
pub mod transfers;
pub mod usage;

// The paths the app and server crates have used since before the feature folders.
pub use accounts::{identities, links, password, throttle, totp};
pub use imports::{import, member_imports};
pub use members::{custom_fields, exports};
pub use tenants::{module_settings, terms};
/// `tenants::logo` (the module only: `tenants` also has a function named `logo`).
pub mod logo {
    pub use crate::tenants::logo::*;
}

/// The jobs that follow the calendar rather than a request, run by `serve` every hour and
/// by tests with an injected clock: deletes the attempt counters whose window ended,
/// applies every club's retention rules, reminds the administrators of clubs that left of
/// their deletion and deletes the clubs whose day has come, and invites the members of
/// every active club who came of age (returns how many).
pub async fn run_daily(s: &Services) -> error::Result<usize> {
    let now = s.now();
    accounts::throttle::purge_expired(&s.db, now).await?;
    // Retention and the clubs that left: a failure is logged and the other jobs still run
    // (each step resumes where it stopped at the next run).
    let limits = retention::Limits::default();
    let task = jobs::SystemTask::background();
    match retention::run_due(&s.db, &task, now, limits).await {
        Ok(kept) if kept.total() > 0 => tracing::info!(
            members_anonymised = kept.members_anonymised,
            applications_removed = kept.applications_removed,
            invitations_removed = kept.links_removed,
            events_removed = kept.events_removed,
            "retention applied"
        ),
        Ok(_) => {}
        Err(e) => {
            tracing::error!(error = %e, "the retention job failed; it resumes at its next run")
        }
    }
    if let Err(e) = retention::send_reminders(&s.db, &task, &s.mailer, &s.public_url, now).await {
        tracing::error!(error = %e, "reminding clubs of their deletion failed");
    }
    match retention::delete_due_tenants(&s.db, &task, now, limits).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(clubs = n, "clubs whose contract ended were deleted"),
        Err(e) => {
            tracing::error!(error = %e, "deleting a club that left failed; it resumes at the next run")
        }
    }
    // usage: this month's counts of every club and federation (the last run of a month stays).
    if let Err(e) = usage::snapshot(&s.db, &task, now).await {
        tracing::error!(error = %e, "the usage snapshot failed; it is taken again at the next run");
    }
    // xfer18: transfers the old club did not answer within the objection period count as
    // released (each mailed to those concerned).
    match transfers::release_overdue_mailed(&s.db, &task, &s.mailer, &s.public_url, now).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(transfers = n, "unanswered transfers released"),
        Err(e) => {
            tracing::error!(error = %e, "releasing unanswered transfers failed; it resumes at the next run")
        }
    }
    // dash18: the federations' dashboards count their clubs again.
    if let Err(e) = fedstats::refresh_all(&s.db, &task, now).await {
        tracing::error!(error = %e, "counting the federations' clubs failed; it runs again at the next run");
    }
    let mut invited = 0;
    for club in tenancy::active_clubs(&s.db).await? {
        let scope = scope::TenantScope::for_system_task(&task, club);
        invited +=
            members::invite_members_of_age(&s.db, &s.mailer, &s.public_url, &scope, now).await?;
        // reminders of documents that expire soon (once per document).
        if let Err(e) =
            documents::send_reminders(&s.db, &s.mailer, &s.public_url, &scope, now).await
        {
            tracing::error!(error = %e, "document reminders failed; they resume at the next run");
        }
        // reminders: the payment reminders due (each step once per invoice).
        if let Err(e) =
            invoices::reminders::send_due(&s.db, &s.mailer, &s.public_url, &scope, now).await
        {
            tracing::error!(error = %e, "payment reminders failed; they resume at the next run");
        }
        // renewal: members who did not renew end on the day the club set.
        if let Err(e) = renewal::end_due(&s.db, &scope, now).await {
            tracing::error!(error = %e, "ending members who did not renew failed; it resumes at the next run");
        }
    }
    Ok(invited)
}

#[cfg(test)]
mod layering;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_accounts;
#[cfg(test)]
mod tests_backup;
#[cfg(test)]
mod tests_breach;
#[cfg(test)]
mod tests_chain;
#[cfg(test)]
mod tests_dupes;
#[cfg(test)]
mod tests_erasure;
#[cfg(test)]
mod tests_errors;
#[cfg(test)]
mod tests_groups;
#[cfg(test)]
mod tests_limits;
#[cfg(test)]
mod tests_renewal;
#[cfg(test)]
mod tests_retention;
#[cfg(test)]
mod tests_rights;
#[cfg(test)]
mod tests_secretary;
#[cfg(test)]
mod tests_tenancy;

use std::sync::Arc;

/// How long sessions live.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    /// Idle timeout of people with a staff role.
    pub staff_idle_secs: i64,
    /// Idle timeout of everyone else.
    pub member_idle_secs: i64,
    /// Absolute lifetime of a sign-in, whatever the activity.
    pub absolute_secs: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            staff_idle_secs: 30 * 60,
            member_idle_secs: 8 * 3600,
            absolute_secs: 12 * 3600,
        }
    }
}

/// What the request handlers need: the database, the clock and the session policy. Cheap
/// to clone.
#[derive(Clone)]
pub struct Services {
    pub db: db::Db,
    pub clock: Arc<dyn clock::Clock>,
    pub sessions: SessionPolicy,
    pub mailer: mail::Mailer,
    /// The address people reach the application at, for links in mail.
    pub public_url: String,
    /// The reverse proxy whose X-Forwarded-For names the client (per-address limits).
    pub trusted_proxy: Option<std::net::IpAddr>,
}

impl Services {
    pub fn now(&self) -> tessera_common::time::Timestamp {
        self.clock.now()
    }
}
