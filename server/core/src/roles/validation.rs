//! Roles: the rules. A role's name and permissions (only those the plan grants), and the
//! refusals for the administrator cap and the last administrator.

use super::model::*;
use crate::error::Result;
use crate::scope::{Permission, TenantScope};
use tessera_common::dto::TenantKind;
use tessera_common::modules::Module;
use tessera_common::{AppError, FieldError};
use tessera_common::{Msg, Problem};

/// The permissions a role of this tenant may be given: those of its kind's modules that are
/// always on or in its plan (switched on or not).
pub fn grantable(scope: &TenantScope) -> Vec<Permission> {
    let plan = scope.tenant().plan.as_ref();
    Module::of_kind(scope.kind())
        .filter(|m| {
            m.always_on
                || scope.kind() != TenantKind::Club
                || plan.is_some_and(|p| p.contains(m.id))
        })
        .flat_map(|m| m.permissions.iter().map(|p| p.permission))
        .collect()
}

pub(super) fn ids_of(perms: impl IntoIterator<Item = Permission>) -> Vec<String> {
    perms.into_iter().map(|p| p.id().to_string()).collect()
}

/// Checks a submitted role: a name of 1 to 60 characters, and permissions that exist and
/// that the plan contains. Every problem is reported at once, per field.
pub(super) fn validate(
    scope: &TenantScope,
    input: &RoleInput,
) -> Result<(String, Vec<Permission>)> {
    let mut problems = Vec::new();
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        problems.push(FieldError::new(
            "name",
            Problem::new(Msg::ErrRoleName).arg("max", MAX_NAME),
        ));
    }
    let allowed = grantable(scope);
    let mut perms: Vec<Permission> = Vec::new();
    for id in &input.permissions {
        match Permission::parse(id.trim()) {
            None => problems.push(FieldError::new(
                "permissions",
                Problem::new(Msg::ErrNoSuchPermission)
                    .arg("name", id.chars().take(60).collect::<String>()),
            )),
            Some(p) if !allowed.contains(&p) => {
                let problem = match p.module() {
                    Some(m) if m.kind == scope.kind() => Problem::new(Msg::ErrPermissionNotInPlan)
                        .arg("permission", p.id())
                        .arg_words("module", m.name.en, m.name.nl, m.name.fr),
                    _ => Problem::new(Msg::ErrPermissionOtherKind).arg("permission", p.id()),
                };
                problems.push(FieldError::new("permissions", problem));
            }
            Some(p) => {
                if !perms.contains(&p) {
                    perms.push(p);
                }
            }
        }
    }
    if problems.is_empty() {
        perms.sort();
        Ok((name, perms))
    } else {
        Err(AppError::Invalid(problems))
    }
}

pub(super) fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

pub(super) fn duplicate_name(e: AppError) -> AppError {
    match e {
        AppError::Conflict(_) => AppError::field("name", Msg::ErrRoleNameTaken),
        other => other,
    }
}

pub(super) fn joined(perms: &[Permission]) -> String {
    perms.iter().map(|p| p.id()).collect::<Vec<_>>().join(" ")
}

pub(super) fn describe(name: &str, staff: bool, perms: &[Permission]) -> String {
    let list = if perms.is_empty() {
        "no permissions".to_string()
    } else {
        perms.iter().map(|p| p.id()).collect::<Vec<_>>().join(", ")
    };
    format!("{name}{}: {list}", if staff { " (staff)" } else { "" })
}

pub(crate) fn cap_reached(cap: i64) -> AppError {
    AppError::Conflict(Problem::new(Msg::ErrAdminCap).arg("cap", cap))
}

pub(crate) fn last_admin() -> AppError {
    AppError::Conflict(Msg::ErrLastAdmin.into())
}
