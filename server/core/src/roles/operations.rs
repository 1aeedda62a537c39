//! Roles: what a request does. The roles overview and detail, creating, changing and
//! deleting a role, and who holds it.

use super::model::*;
use super::storage::*;
use super::validation::*;
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{accounts::identities, args, ids};
use tessera_common::dto::{AccountRoles, RoleDetail, RolesOverview};
use tessera_common::modules::ROLES_MANAGE;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, MemberId, MembershipId, RoleId};
use tessera_common::{Msg, Problem};

pub(super) fn require_manage(scope: &TenantScope) -> Result<()> {
    if scope.is_system_task() {
        Ok(())
    } else {
        scope.require(ROLES_MANAGE)
    }
}

pub async fn overview(db: &Db, scope: &TenantScope) -> Result<RolesOverview> {
    require_manage(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows = all_roles(&mut tx).await?;
    tx.commit().await?;
    Ok(RolesOverview {
        roles: rows.iter().map(RoleRow::info).collect(),
        grantable: ids_of(grantable(scope)),
        active: ids_of(scope.active_permissions()),
    })
}

pub async fn detail(db: &Db, scope: &TenantScope, id: RoleId) -> Result<RoleDetail> {
    require_manage(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let row = role_row(&mut tx, id).await?;
    let people = holders(&mut tx, id).await?;
    tx.commit().await?;
    Ok(RoleDetail {
        role: row.info(),
        holders: people.iter().map(PersonRow::person).collect(),
        grantable: ids_of(grantable(scope)),
        active: ids_of(scope.active_permissions()),
    })
}

/// Creates a role.
pub async fn create(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: RoleInput,
) -> Result<RoleId> {
    require_manage(scope)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let id = create_in(&mut tx, scope, input).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a role inside a transaction of the caller (`roles.manage`), with every rule of
/// [`create`]: a federation template adopted by the club is created through here.
pub(crate) async fn create_in(
    tx: &mut TenantTx,
    scope: &TenantScope,
    input: RoleInput,
) -> Result<RoleId> {
    require_manage(scope)?;
    let (name, perms) = validate(scope, &input)?;
    let (count,): (i64,) = tx
        .fetch_one("SELECT count(*) FROM roles WHERE tenant_id = $1", args![])
        .await?;
    if count > MAX_ROLES {
        return Err(AppError::bad_request(
            Problem::new(Msg::ErrTooManyRoles).arg("max", MAX_ROLES),
        ));
    }
    let id = ids::new_id();
    tx.insert(
        "roles",
        vec![
            ("id", id.into()),
            ("name", name.clone().into()),
            ("name_key", name_key(&name).into()),
            ("is_staff", input.staff.into()),
            ("permissions", joined(&perms).into()),
        ],
    )
    .await
    .map_err(duplicate_name)?;
    tx.log("role_created", Some(&describe(&name, input.staff, &perms)))
        .await?;
    Ok(RoleId(id))
}

/// Renames a role and sets its staff flag and permissions. A change made meanwhile by
/// someone else is a conflict naming who and when.
pub async fn update(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: RoleId,
    input: RoleInput,
    expected_version: i64,
) -> Result<()> {
    require_manage(scope)?;
    let (name, perms) = validate(scope, &input)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let current = role_row(&mut tx, id).await?;
    if current.builtin.is_some() {
        return Err(AppError::bad_request(Msg::ErrBuiltinRole));
    }
    // A role limited to the groups its holder leads keeps to the leader's permissions.
    if current.group_scoped
        && perms
            .iter()
            .any(|p| !crate::scope::LEADER_PERMISSIONS.contains(p))
    {
        return Err(AppError::field("permissions", Msg::ErrLeaderPermissions));
    }
    let saved = tx
        .update(
            "roles",
            id.0,
            vec![
                ("name", name.clone().into()),
                ("name_key", name_key(&name).into()),
                ("is_staff", input.staff.into()),
                ("permissions", joined(&perms).into()),
            ],
            Some(expected_version),
        )
        .await
        .map_err(duplicate_name)?;
    if !saved {
        return Err(AppError::Conflict(
            Problem::new(Msg::ErrRoleChanged)
                .arg_or("who", current.updated_by_name, Msg::SystemActor)
                .arg("when", Timestamp(current.updated_at).format_brussels()),
        ));
    }
    bump_holders(&mut tx, id).await?;
    tx.log("role_changed", Some(&describe(&name, input.staff, &perms)))
        .await?;
    tx.commit().await
}

/// Deletes a role; its holders lose it (their records stay).
pub async fn delete(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: RoleId,
) -> Result<()> {
    require_manage(scope)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let current = role_row(&mut tx, id).await?;
    if current.builtin.is_some() {
        return Err(AppError::bad_request(Msg::ErrAdminRoleDelete));
    }
    bump_holders(&mut tx, id).await?;
    tx.execute(
        "DELETE FROM membership_roles WHERE tenant_id = $1 AND role_id = $2",
        args![id],
    )
    .await?;
    tx.execute(
        "DELETE FROM roles WHERE tenant_id = $1 AND id = $2",
        args![id],
    )
    .await?;
    tx.log(
        "role_deleted",
        Some(&format!("{} ({} holders)", current.name, current.holders)),
    )
    .await?;
    tx.commit().await
}

/// Sets the roles a person holds in the tenant: `roles` is the whole new set. Adding the
/// administrator role respects the plan's cap; removing it from the last administrator is
/// refused. Applies on the person's next request, with a new session id.
pub async fn assign(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    membership: MembershipId,
    roles: &[RoleId],
) -> Result<()> {
    change_roles(db, scope, actor, now, membership, RoleChange::Set(roles)).await
}

/// Changes the roles one person holds, read and written in one transaction.
pub async fn change_roles(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    membership: MembershipId,
    change: RoleChange<'_>,
) -> Result<()> {
    require_manage(scope)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let admin = lock_admin_role(&mut tx).await?;
    membership_exists(&mut tx, membership).await?;
    let existing = all_roles(&mut tx).await?;
    let held: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT role_id FROM membership_roles WHERE tenant_id = $1 AND membership_id = $2",
            args![membership],
        )
        .await?;
    let held: Vec<RoleId> = held.into_iter().map(|r| RoleId(r.0)).collect();
    let roles: Vec<RoleId> = match change {
        RoleChange::Set(v) => v.to_vec(),
        RoleChange::Add(r) => held.iter().copied().chain([r]).collect(),
        RoleChange::Remove(r) => held.iter().copied().filter(|h| *h != r).collect(),
    };
    for r in &roles {
        if !existing.iter().any(|e| e.id == r.0) {
            return Err(AppError::field("roles", Msg::ErrRoleGone));
        }
    }
    let added: Vec<RoleId> = roles
        .iter()
        .filter(|r| !held.contains(r))
        .copied()
        .collect();
    let removed: Vec<RoleId> = held
        .iter()
        .filter(|r| !roles.contains(r))
        .copied()
        .collect();
    if added.is_empty() && removed.is_empty() {
        return Ok(());
    }
    if removed.contains(&admin) && admin_count(&mut tx, admin).await? <= 1 {
        return Err(last_admin());
    }
    if added.contains(&admin) {
        if let Some(cap) = scope.tenant().plan.as_ref().and_then(|p| p.max_admins) {
            if admin_count(&mut tx, admin).await? >= cap {
                return Err(cap_reached(cap));
            }
        }
    }
    for r in &removed {
        tx.execute(
            "DELETE FROM membership_roles WHERE tenant_id = $1 AND membership_id = $2 AND role_id = $3",
            args![membership, *r],
        )
        .await?;
    }
    for r in &added {
        tx.insert(
            "membership_roles",
            vec![
                ("membership_id", membership.into()),
                ("role_id", r.0.into()),
            ],
        )
        .await?;
    }
    // The membership row carries the last change of its assignments.
    tx.update("memberships", membership.0, vec![], None).await?;
    bump_member(&mut tx, membership).await?;
    let name_of = |id: &RoleId| {
        existing
            .iter()
            .find(|e| e.id == id.0)
            .map(|e| e.name.clone())
            .unwrap_or_default()
    };
    let who: Option<(String,)> = tx
        .fetch_optional(
            "SELECT i.name FROM memberships m JOIN identities i ON i.id = m.identity_id \
             WHERE m.tenant_id = $1 AND m.id = $2",
            args![membership],
        )
        .await?;
    let mut detail = who.map(|w| w.0).unwrap_or_default();
    if !added.is_empty() {
        detail.push_str(&format!(
            " + {}",
            added.iter().map(name_of).collect::<Vec<_>>().join(", ")
        ));
    }
    if !removed.is_empty() {
        detail.push_str(&format!(
            " − {}",
            removed.iter().map(name_of).collect::<Vec<_>>().join(", ")
        ));
    }
    tx.log("roles_assigned", Some(&detail)).await?;
    tx.commit().await
}

/// Gives `role` to the person with an account in the tenant under `email`.
pub async fn add_holder(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    role: RoleId,
    email: &str,
) -> Result<()> {
    require_manage(scope)?;
    let email = identities::normalize_email(email)
        .ok_or_else(|| AppError::field("email", Msg::ErrEmailInvalid))?;
    let mut tx = db.tenant_read(scope).await?;
    role_row(&mut tx, role).await?;
    let found: Option<IdRow> = tx
        .fetch_optional(
            "SELECT m.id FROM memberships m JOIN identities i ON i.id = m.identity_id \
             WHERE m.tenant_id = $1 AND i.email = $2",
            args![email],
        )
        .await?;
    tx.commit().await?;
    let membership = found
        .map(|r| MembershipId(r.id))
        .ok_or_else(|| AppError::field("email", Msg::ErrNoAccountInClub))?;
    change_roles(db, scope, actor, now, membership, RoleChange::Add(role)).await
}

/// Takes `role` from one holder.
pub async fn remove_holder(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    role: RoleId,
    membership: MembershipId,
) -> Result<()> {
    change_roles(db, scope, actor, now, membership, RoleChange::Remove(role)).await
}

/// The account linked to a member record and the roles it holds (for the member page).
pub async fn account_roles(
    db: &Db,
    scope: &TenantScope,
    member: MemberId,
) -> Result<Option<AccountRoles>> {
    require_manage(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let found = account_roles_in(&mut tx, member).await?;
    tx.commit().await?;
    Ok(found)
}
