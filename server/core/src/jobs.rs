//! The one maker of [`SystemTask`], the capability a scope with every right of a tenant
//! ([`TenantScope::for_system_task`]) needs. The jobs themselves (`run_daily`, in the crate
//! root) call into the features, which this infrastructure module does not import.

use crate::error::Result;
use crate::scope::TenantScope;
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
