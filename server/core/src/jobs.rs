//! Jobs that follow the calendar rather than a request: run by `serve` every hour, and by
//! tests with an injected clock. Also the one maker of [`SystemTask`], the capability a
//! scope with every right of a tenant ([`TenantScope::for_system_task`]) needs.

use crate::error::Result;
use crate::scope::TenantScope;
use crate::{members, tenants, throttle, Services};
use tessera_common::modules::PLATFORM_MANAGE;

/// Proof that the caller is a command-line or background task, not a request: the only way
/// to [`TenantScope::for_system_task`]. Made by this crate's jobs, seeding and operator
/// provisioning ([`SystemTask::background`], crate-private), and by the `tessera` command
/// line ([`SystemTask::command_line`]). A test (`tests_tenancy`) reads the sources of `app/`
/// and `server/src/` and fails when anything but the command line (`cli.rs`, `main.rs`)
/// names it.
#[derive(Debug)]
pub struct SystemTask {
    _private: (),
}

impl SystemTask {
    /// For the command line of the `tessera` binary only (seeding, `import-members`,
    /// creating the operator). Request handlers must never call this.
    pub fn command_line() -> SystemTask {
        SystemTask { _private: () }
    }

    /// For this crate's background jobs and seeding.
    pub(crate) fn background() -> SystemTask {
        SystemTask { _private: () }
    }

    /// For the platform operator provisioning another tenant (creating a club with its first
    /// administrator, inviting an administrator into a tenant): allowed only with the
    /// operator's `platform.manage` on `operator`.
    pub(crate) fn operator_provisioning(operator: &TenantScope) -> Result<SystemTask> {
        operator.require(PLATFORM_MANAGE)?;
        Ok(SystemTask { _private: () })
    }
}

/// Runs the daily jobs of every active club; returns how many members were invited. Also
/// deletes the attempt counters whose window ended.
pub async fn run_daily(s: &Services) -> Result<usize> {
    let now = s.now();
    throttle::purge_expired(&s.db, now).await?;
    let task = SystemTask::background();
    let mut invited = 0;
    for club in tenants::active_clubs(&s.db).await? {
        let scope = TenantScope::for_system_task(&task, club);
        invited +=
            members::invite_members_of_age(&s.db, &s.mailer, &s.public_url, &scope, now).await?;
    }
    Ok(invited)
}
