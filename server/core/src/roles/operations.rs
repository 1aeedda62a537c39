//! Club-defined roles: each a set of permissions from the module registry, optionally a
//! staff role (second factor required). The built-in Administrator role holds every
//! permission and can neither be emptied nor left without a holder; a plan may cap how
//! many administrators a tenant has. Every change carries the last-change stamp, lands in
//! the tenant's event log in the same transaction, and moves the rights counter of each
//! person it affects, so their session id is rotated on their next request.

use crate::db::{Backend, Db, TenantTx};
use crate::error::Result;
use crate::mail::Mailer;
use crate::scope::{parse_permissions, Actor, Permission, TenantScope};
use crate::{accounts::identities, accounts::links, args, ids};
use tessera_common::dto::{
    AccountRoles, AdminEntry, AdminInvitationEntry, AdminsOverview, PersonRef, RoleChoice,
    RoleDetail, RoleInfo, RolesOverview, Stamp, TenantKind,
};
use tessera_common::modules::{Module, ROLES_MANAGE};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, FieldError, IdentityId, MemberId, MembershipId, RoleId};
use tessera_common::{Msg, Problem};

pub const MAX_NAME: usize = 60;
/// Roles a tenant may define besides the administrator role.
pub const MAX_ROLES: i64 = 100;

fn require_manage(scope: &TenantScope) -> Result<()> {
    if scope.is_system_task() {
        Ok(())
    } else {
        scope.require(ROLES_MANAGE)
    }
}

#[derive(sqlx::FromRow)]
struct RoleRow {
    id: i64,
    name: String,
    builtin: Option<String>,
    is_staff: bool,
    permissions: String,
    holders: i64,
    version: i64,
    updated_at: i64,
    updated_by_name: Option<String>,
}

impl RoleRow {
    fn info(&self) -> RoleInfo {
        RoleInfo {
            id: RoleId(self.id),
            name: self.name.clone(),
            admin: self.builtin.as_deref() == Some("admin"),
            staff: self.is_staff || self.builtin.as_deref() == Some("admin"),
            permissions: parse_permissions(&self.permissions)
                .into_iter()
                .map(|p| p.id().to_string())
                .collect(),
            holders: self.holders,
            version: self.version,
            stamp: Stamp {
                at: Timestamp(self.updated_at),
                by: self.updated_by_name.clone(),
            },
        }
    }
}

const ROLE_SELECT: &str = "SELECT r.id, r.name, r.builtin, r.is_staff, r.permissions, r.version, \
    r.updated_at, r.updated_by_name, \
    (SELECT count(*) FROM membership_roles mr WHERE mr.tenant_id = r.tenant_id AND mr.role_id = r.id) AS holders \
    FROM roles r";

async fn all_roles(tx: &mut TenantTx) -> Result<Vec<RoleRow>> {
    tx.fetch_all(
        &format!("{ROLE_SELECT} WHERE r.tenant_id = $1 ORDER BY r.builtin IS NULL, r.name_key"),
        args![],
    )
    .await
}

async fn role_row(tx: &mut TenantTx, id: RoleId) -> Result<RoleRow> {
    tx.fetch_optional(
        &format!("{ROLE_SELECT} WHERE r.tenant_id = $1 AND r.id = $2"),
        args![id],
    )
    .await?
    .ok_or(AppError::NotFound)
}

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

fn ids_of(perms: impl IntoIterator<Item = Permission>) -> Vec<String> {
    perms.into_iter().map(|p| p.id().to_string()).collect()
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

#[derive(sqlx::FromRow)]
struct PersonRow {
    membership_id: i64,
    name: String,
    email: String,
    member_id: Option<i64>,
    invited: bool,
    updated_at: i64,
    updated_by_name: Option<String>,
}

impl PersonRow {
    fn person(&self) -> PersonRef {
        PersonRef {
            membership: MembershipId(self.membership_id),
            name: self.name.clone(),
            email: self.email.clone(),
            member: self.member_id.map(MemberId),
        }
    }
}

async fn holders(tx: &mut TenantTx, role: RoleId) -> Result<Vec<PersonRow>> {
    tx.fetch_all(
        "SELECT m.id AS membership_id, i.name, i.email, m.member_id, \
         (i.password_hash IS NULL) AS invited, mr.updated_at, mr.updated_by_name \
         FROM membership_roles mr \
         JOIN memberships m ON m.tenant_id = mr.tenant_id AND m.id = mr.membership_id \
         JOIN identities i ON i.id = m.identity_id \
         WHERE mr.tenant_id = $1 AND mr.role_id = $2 ORDER BY i.name, i.email",
        args![role],
    )
    .await
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

/// A role as an administrator submits it.
#[derive(Clone, Debug, Default)]
pub struct RoleInput {
    pub name: String,
    pub staff: bool,
    pub permissions: Vec<String>,
}

/// Checks a submitted role: a name of 1 to 60 characters, and permissions that exist and
/// that the plan contains. Every problem is reported at once, per field.
fn validate(scope: &TenantScope, input: &RoleInput) -> Result<(String, Vec<Permission>)> {
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

fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn duplicate_name(e: AppError) -> AppError {
    match e {
        AppError::Conflict(_) => AppError::field("name", Msg::ErrRoleNameTaken),
        other => other,
    }
}

fn joined(perms: &[Permission]) -> String {
    perms.iter().map(|p| p.id()).collect::<Vec<_>>().join(" ")
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
    let (name, perms) = validate(scope, &input)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
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
    tx.commit().await?;
    Ok(RoleId(id))
}

fn describe(name: &str, staff: bool, perms: &[Permission]) -> String {
    let list = if perms.is_empty() {
        "no permissions".to_string()
    } else {
        perms.iter().map(|p| p.id()).collect::<Vec<_>>().join(", ")
    };
    format!("{name}{}: {list}", if staff { " (staff)" } else { "" })
}

/// Moves the rights counter of everyone holding `role`: their next request rotates their
/// session id and sees the new rights.
async fn bump_holders(tx: &mut TenantTx, role: RoleId) -> Result<()> {
    tx.execute(
        "UPDATE identities SET rights_serial = rights_serial + 1 WHERE id IN (\
         SELECT m.identity_id FROM memberships m JOIN membership_roles mr \
         ON mr.tenant_id = m.tenant_id AND mr.membership_id = m.id \
         WHERE m.tenant_id = $1 AND mr.role_id = $2)",
        args![role],
    )
    .await
    .map(|_| ())
}

async fn bump_member(tx: &mut TenantTx, membership: MembershipId) -> Result<()> {
    tx.execute(
        "UPDATE identities SET rights_serial = rights_serial + 1 WHERE id IN (\
         SELECT m.identity_id FROM memberships m WHERE m.tenant_id = $1 AND m.id = $2)",
        args![membership],
    )
    .await
    .map(|_| ())
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

#[derive(sqlx::FromRow)]
struct IdRow {
    id: i64,
}

/// Locks the administrator role for the rest of the transaction on PostgreSQL, so two
/// concurrent demotions cannot both see "another administrator is left" (SQLite runs one
/// write transaction at a time anyway). Returns its id.
async fn lock_admin_role(tx: &mut TenantTx) -> Result<RoleId> {
    let sql = match tx.backend() {
        Backend::Postgres => {
            "SELECT id FROM roles WHERE tenant_id = $1 AND builtin = 'admin' FOR UPDATE"
        }
        Backend::Sqlite => "SELECT id FROM roles WHERE tenant_id = $1 AND builtin = 'admin'",
    };
    let row: Option<IdRow> = tx.fetch_optional(sql, args![]).await?;
    row.map(|r| RoleId(r.id))
        .ok_or_else(|| crate::error::internal("a tenant without its administrator role"))
}

async fn admin_count(tx: &mut TenantTx, admin: RoleId) -> Result<i64> {
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM membership_roles WHERE tenant_id = $1 AND role_id = $2",
            args![admin],
        )
        .await?;
    Ok(n)
}

pub(crate) fn cap_reached(cap: i64) -> AppError {
    AppError::Conflict(Problem::new(Msg::ErrAdminCap).arg("cap", cap))
}

pub(crate) fn last_admin() -> AppError {
    AppError::Conflict(Msg::ErrLastAdmin.into())
}

async fn membership_exists(tx: &mut TenantTx, m: MembershipId) -> Result<()> {
    let row: Option<IdRow> = tx
        .fetch_optional(
            "SELECT id FROM memberships WHERE tenant_id = $1 AND id = $2",
            args![m],
        )
        .await?;
    row.map(|_| ()).ok_or(AppError::NotFound)
}

/// A change to the roles one person holds.
#[derive(Clone, Copy, Debug)]
pub enum RoleChange<'a> {
    /// The whole new set.
    Set(&'a [RoleId]),
    Add(RoleId),
    Remove(RoleId),
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

/// [`account_roles`] in the caller's transaction, without the permission check (the member
/// page checks `roles.manage` before asking).
pub(crate) async fn account_roles_in(
    tx: &mut TenantTx,
    member: MemberId,
) -> Result<Option<AccountRoles>> {
    let account: Option<(i64, String, i64, Option<String>)> = tx
        .fetch_optional(
            "SELECT m.id, i.email, m.updated_at, m.updated_by_name FROM memberships m \
             JOIN identities i ON i.id = m.identity_id \
             WHERE m.tenant_id = $1 AND m.member_id = $2 ORDER BY m.id LIMIT 1",
            args![member],
        )
        .await?;
    let Some((membership, email, at, by)) = account else {
        return Ok(None);
    };
    let roles = all_roles(tx).await?;
    let held: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT role_id FROM membership_roles WHERE tenant_id = $1 AND membership_id = $2",
            args![membership],
        )
        .await?;
    Ok(Some(AccountRoles {
        membership: MembershipId(membership),
        email,
        roles: roles
            .iter()
            .map(|r| {
                let info = r.info();
                RoleChoice {
                    id: info.id,
                    name: info.name,
                    admin: info.admin,
                    staff: info.staff,
                    held: held.iter().any(|h| h.0 == r.id),
                }
            })
            .collect(),
        stamp: Stamp {
            at: Timestamp(at),
            by,
        },
    }))
}

/// The tenant's administrators and the plan's cap.
pub async fn admins(db: &Db, scope: &TenantScope) -> Result<AdminsOverview> {
    require_manage(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let admin: IdRow = tx
        .fetch_one(
            "SELECT id FROM roles WHERE tenant_id = $1 AND builtin = 'admin'",
            args![],
        )
        .await?;
    let people = holders(&mut tx, RoleId(admin.id)).await?;
    tx.commit().await?;
    Ok(AdminsOverview {
        admins: people
            .iter()
            .map(|p| AdminEntry {
                person: p.person(),
                invited: p.invited,
                stamp: Stamp {
                    at: Timestamp(p.updated_at),
                    by: p.updated_by_name.clone(),
                },
            })
            .collect(),
        max_admins: scope.tenant().plan.as_ref().and_then(|p| p.max_admins),
        pending: Vec::new(),
    })
}

/// Makes a person an administrator of the tenant, inside an open transaction: adds the
/// membership when they have none, checks the plan's cap.
async fn make_admin(
    tx: &mut TenantTx,
    scope: &TenantScope,
    identity: IdentityId,
) -> Result<MembershipId> {
    let admin = lock_admin_role(tx).await?;
    let existing: Option<IdRow> = tx
        .fetch_optional(
            "SELECT id FROM memberships WHERE tenant_id = $1 AND identity_id = $2",
            args![identity],
        )
        .await?;
    let membership = match existing {
        Some(r) => MembershipId(r.id),
        None => {
            let id = ids::new_id();
            tx.insert(
                "memberships",
                vec![("id", id.into()), ("identity_id", identity.into())],
            )
            .await?;
            MembershipId(id)
        }
    };
    let holds: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT role_id FROM membership_roles WHERE tenant_id = $1 AND membership_id = $2 AND role_id = $3",
            args![membership, admin],
        )
        .await?;
    if holds.is_some() {
        return Err(AppError::Conflict(Msg::ErrAlreadyAdmin.into()));
    }
    if let Some(cap) = scope.tenant().plan.as_ref().and_then(|p| p.max_admins) {
        if admin_count(tx, admin).await? >= cap {
            return Err(cap_reached(cap));
        }
    }
    tx.insert(
        "membership_roles",
        vec![
            ("membership_id", membership.into()),
            ("role_id", admin.0.into()),
        ],
    )
    .await?;
    bump_member(tx, membership).await?;
    Ok(membership)
}

/// Makes an existing account an administrator without mail (seeding, the command line,
/// the operator creating a tenant for someone who already has an account).
pub async fn grant_admin(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    identity: IdentityId,
) -> Result<MembershipId> {
    require_manage(scope)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let m = make_admin(&mut tx, scope, identity).await?;
    tx.log("admin_added", None).await?;
    tx.commit().await?;
    Ok(m)
}

/// How long an administrator invitation's link lasts.
pub const ADMIN_INVITE_SECS: i64 = links::INVITE_SECS;

/// Adds an administrator by e-mail (`roles.manage`). A person who already has a membership
/// in this club gets the role at once (within the plan's cap). Anyone else, with or without
/// an account elsewhere, is sent a single-use 7-day link and becomes an administrator only
/// when they accept it themselves ([`accept_admin_invitation`]); the answer is the same
/// either way and nothing of another club's person (their name) is read or shown: the
/// invitation keeps what the inviter typed.
#[allow(clippy::too_many_arguments)]
pub async fn invite_admin(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    email: &str,
    name: &str,
) -> Result<AdminInvite> {
    require_manage(scope)?;
    scope.writable()?;
    let email = identities::normalize_email(email)
        .ok_or_else(|| AppError::field("email", Msg::ErrEmailInvalid))?;
    let name = identities::check_name("name", name)?;
    let name = name.as_str();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    // Only this club's memberships are looked at: whether the address has an account in
    // another club changes nothing below.
    let member: Option<(i64, bool)> = tx
        .fetch_optional(
            "SELECT m.identity_id, i.password_hash IS NULL FROM memberships m \
             JOIN identities i ON i.id = m.identity_id \
             WHERE m.tenant_id = $1 AND i.email = $2",
            args![email.clone()],
        )
        .await?;
    if let Some((identity, no_password)) = member {
        let identity = IdentityId(identity);
        let (already, _) = admin_state_in(&mut tx, identity).await?;
        if already {
            tx.commit().await?;
            if no_password {
                // Invited before and not activated yet: a new link replaces the old one.
                links::send_invite(db, mailer, base_url, scope, actor, identity, now).await?;
                return Ok(AdminInvite::Added);
            }
            return Err(AppError::Conflict(Msg::ErrAlreadyAdmin.into()));
        }
        make_admin(&mut tx, scope, identity).await?;
        tx.log("admin_added", Some(&email)).await?;
        tx.commit().await?;
        if no_password {
            links::send_invite(db, mailer, base_url, scope, actor, identity, now).await?;
        }
        return Ok(AdminInvite::Added);
    }
    // The cap is checked here as a courtesy and again when the invitation is accepted.
    if let Some(cap) = scope.tenant().plan.as_ref().and_then(|p| p.max_admins) {
        let admin = lock_admin_role(&mut tx).await?;
        if admin_count(&mut tx, admin).await? >= cap {
            return Err(cap_reached(cap));
        }
    }
    // A new invitation replaces the pending ones for the same address.
    tx.execute(
        "UPDATE admin_invitations SET withdrawn_at = $2 WHERE tenant_id = $1 AND email = $3 \
         AND accepted_at IS NULL AND withdrawn_at IS NULL",
        args![now, email.clone()],
    )
    .await?;
    let token = links::new_token()?;
    tx.insert(
        "admin_invitations",
        vec![
            ("id", ids::new_id().into()),
            ("email", email.clone().into()),
            ("name", name.into()),
            ("token_hash", links::hash_token(&token).into()),
            ("created_at", now.into()),
            ("expires_at", now.plus_seconds(ADMIN_INVITE_SECS).into()),
            ("invited_by", actor.identity.into()),
        ],
    )
    .await?;
    tx.log("admin_invitation_sent", Some(&email)).await?;
    tx.commit().await?;
    let lang = scope.tenant().default_lang;
    let inviter = if actor.name.is_empty() {
        scope.tenant().name.clone()
    } else {
        actor.name.clone()
    };
    let club = scope.tenant().name.clone();
    let path = format!("/c/{}/admin-invitation", scope.tenant().slug);
    mailer
        .send(crate::mail::Mail {
            to: email.clone(),
            subject: Msg::MailAdminInviteSubject.fill(lang, &[("club", &club)]),
            body: Msg::MailAdminInviteBody.fill(
                lang,
                &[
                    ("name", name),
                    ("inviter", &inviter),
                    ("club", &club),
                    ("link", &links::link(base_url, &path, &token)),
                ],
            ),
            brand: Some(crate::mail::Brand::of(scope.tenant(), base_url)),
        })
        .await?;
    // Someone without any account yet also gets the account invitation (the existing
    // flow: choose a password, then accept). Nothing of it reaches the inviter's answer.
    if identities::find_by_email(db, &email).await?.is_none() {
        let id = identities::create(db, actor, now, &email, name, None).await?;
        links::send_invite(db, mailer, base_url, scope, actor, id, now).await?;
    }
    Ok(AdminInvite::Invited)
}

/// What [`invite_admin`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdminInvite {
    /// The person is a member of the club and now an administrator.
    Added,
    /// An invitation was stored and mailed (whether or not an account exists).
    Invited,
}

/// The club's pending administrator invitations (`roles.manage`): not accepted, not
/// withdrawn, not expired.
pub async fn pending_admin_invitations(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
) -> Result<Vec<AdminInvitationEntry>> {
    require_manage(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<(i64, String, String, i64, i64)> = tx
        .fetch_all(
            "SELECT id, email, name, created_at, expires_at FROM admin_invitations \
             WHERE tenant_id = $1 AND accepted_at IS NULL AND withdrawn_at IS NULL \
             AND expires_at > $2 ORDER BY created_at, id",
            args![now],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, name, at, until)| AdminInvitationEntry {
            id,
            email,
            name,
            invited_at: Timestamp(at),
            expires_at: Timestamp(until),
        })
        .collect())
}

/// Withdraws a pending administrator invitation (`roles.manage`): its link stops working.
pub async fn withdraw_admin_invitation(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    require_manage(scope)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row: Option<(String,)> = tx
        .fetch_optional(
            "SELECT email FROM admin_invitations WHERE tenant_id = $1 AND id = $2 \
             AND accepted_at IS NULL AND withdrawn_at IS NULL",
            args![id],
        )
        .await?;
    let (email,) = row.ok_or(AppError::NotFound)?;
    tx.update(
        "admin_invitations",
        id,
        vec![("withdrawn_at", now.into())],
        None,
    )
    .await?;
    tx.log("admin_invitation_withdrawn", Some(&email)).await?;
    tx.commit().await
}

/// Accepts an administrator invitation of the club of `scope` (resolved publicly from the
/// link's club: the person is not a member yet) as the signed-in `actor`, whose address
/// must be the invited one. Adds the membership and the Administrator role, checking the
/// plan's cap again; the link is used once.
pub async fn accept_admin_invitation(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    token: &str,
) -> Result<MembershipId> {
    let identity = actor.identity.ok_or(AppError::Unauthenticated)?;
    let invalid = || AppError::bad_request(Msg::ErrAdminInviteInvalid);
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row: Option<(i64, String)> = tx
        .fetch_optional(
            "SELECT id, email FROM admin_invitations WHERE tenant_id = $1 AND token_hash = $2 \
             AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > $3",
            args![links::hash_token(token), now],
        )
        .await?;
    let (id, email) = row.ok_or_else(invalid)?;
    let mine: Option<(String,)> = tx
        .fetch_optional(
            "SELECT email FROM identities WHERE id = $2",
            args![identity],
        )
        .await?;
    if mine.map(|m| m.0) != Some(email.clone()) {
        return Err(AppError::bad_request(Msg::ErrAdminInviteOtherAccount));
    }
    // Of two simultaneous acceptances, one wins.
    let n = tx
        .execute(
            "UPDATE admin_invitations SET accepted_at = $3, accepted_by = $4, version = version + 1 \
             WHERE tenant_id = $1 AND id = $2 AND accepted_at IS NULL AND withdrawn_at IS NULL",
            args![id, now, identity],
        )
        .await?;
    if n != 1 {
        return Err(invalid());
    }
    let admin = lock_admin_role(&mut tx).await?;
    let held: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT mr.role_id FROM membership_roles mr JOIN memberships m \
             ON m.tenant_id = mr.tenant_id AND m.id = mr.membership_id \
             WHERE mr.tenant_id = $1 AND m.identity_id = $2 AND mr.role_id = $3",
            args![identity, admin],
        )
        .await?;
    if held.is_some() {
        return Err(AppError::Conflict(Msg::ErrAlreadyAdmin.into()));
    }
    let membership = make_admin(&mut tx, scope, identity).await?;
    tx.log("admin_invitation_accepted", Some(&email)).await?;
    tx.commit().await?;
    Ok(membership)
}

/// Whether `identity` is an administrator of the tenant, and whether their account still
/// waits for its first password, inside an open transaction.
async fn admin_state_in(tx: &mut TenantTx, identity: IdentityId) -> Result<(bool, bool)> {
    let row: Option<(bool, bool)> = tx
        .fetch_optional(
            "SELECT EXISTS (SELECT 1 FROM membership_roles mr JOIN roles r \
               ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id \
               WHERE mr.tenant_id = m.tenant_id AND mr.membership_id = m.id AND r.builtin = 'admin'), \
             i.password_hash IS NULL \
             FROM memberships m JOIN identities i ON i.id = m.identity_id \
             WHERE m.tenant_id = $1 AND m.identity_id = $2",
            args![identity],
        )
        .await?;
    Ok(row.unwrap_or((false, false)))
}

/// The operator provisions a tenant's administrator by e-mail (a new tenant, or one that
/// lost its administrators): the account is made when new, the role given within the
/// plan's cap, and a 7-day link mailed to set a password. Clubs themselves add
/// administrators through [`invite_admin`], which never grants a non-member anything
/// before they accept.
#[allow(clippy::too_many_arguments)]
pub async fn provision_admin(
    db: &Db,
    mailer: &Mailer,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    email: &str,
    name: &str,
) -> Result<()> {
    require_manage(scope)?;
    scope.writable()?;
    let email = identities::normalize_email(email)
        .ok_or_else(|| AppError::field("email", Msg::ErrEmailInvalid))?;
    let name = identities::check_name("name", name)?;
    let name = name.as_str();
    let known = identities::find_by_email(db, &email).await?;
    // Checked before anything is stored, so a refusal leaves no account behind (the write
    // transaction checks again).
    let (already, pending) = match known {
        Some(id) => admin_state(db, scope, id).await?,
        None => (false, true),
    };
    if already {
        if pending {
            // Invited before and not accepted yet: a new link replaces the old one.
            let id = known.ok_or(AppError::NotFound)?;
            return links::send_invite(db, mailer, base_url, scope, actor, id, now).await;
        }
        return Err(AppError::Conflict(Msg::ErrAlreadyAdmin.into()));
    }
    if let Some(cap) = scope.tenant().plan.as_ref().and_then(|p| p.max_admins) {
        if admins(db, scope).await?.admins.len() as i64 >= cap {
            return Err(cap_reached(cap));
        }
    }
    let identity = match known {
        Some(id) => id,
        None => identities::create(db, actor, now, &email, name, None).await?,
    };
    let mut tx = db.tenant_write(scope, actor, now).await?;
    make_admin(&mut tx, scope, identity).await?;
    tx.log("admin_invited", Some(&email)).await?;
    tx.commit().await?;
    links::send_invite(db, mailer, base_url, scope, actor, identity, now).await
}

/// Whether `identity` is an administrator of the tenant, and whether their account still
/// waits for its first password.
async fn admin_state(db: &Db, scope: &TenantScope, identity: IdentityId) -> Result<(bool, bool)> {
    let mut tx = db.tenant_read(scope).await?;
    let state = admin_state_in(&mut tx, identity).await?;
    tx.commit().await?;
    Ok(state)
}

/// Takes the administrator role from a person (never from the last administrator).
pub async fn remove_admin(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    membership: MembershipId,
) -> Result<()> {
    require_manage(scope)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let admin = lock_admin_role(&mut tx).await?;
    membership_exists(&mut tx, membership).await?;
    let n = tx
        .execute(
            "DELETE FROM membership_roles WHERE tenant_id = $1 AND membership_id = $2 AND role_id = $3",
            args![membership, admin],
        )
        .await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    if admin_count(&mut tx, admin).await? == 0 {
        return Err(last_admin());
    }
    tx.update("memberships", membership.0, vec![], None).await?;
    bump_member(&mut tx, membership).await?;
    let who: Option<(String,)> = tx
        .fetch_optional(
            "SELECT i.email FROM memberships m JOIN identities i ON i.id = m.identity_id \
             WHERE m.tenant_id = $1 AND m.id = $2",
            args![membership],
        )
        .await?;
    tx.log("admin_removed", who.as_ref().map(|w| w.0.as_str()))
        .await?;
    tx.commit().await
}
