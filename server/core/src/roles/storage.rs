//! Roles: their SQL. Roles with their holders, the rights counters bumped when roles
//! change, the administrator role and its count.

use crate::args;
use crate::db::{Backend, Db, TenantTx};
use crate::error::Result;
use crate::scope::{parse_permissions, TenantScope};
use tessera_common::dto::{AccountRoles, PersonRef, RoleChoice, RoleInfo, Stamp};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, IdentityId, MemberId, MembershipId, RoleId};

#[derive(sqlx::FromRow)]
pub(super) struct RoleRow {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) builtin: Option<String>,
    pub(super) is_staff: bool,
    pub(super) permissions: String,
    pub(super) holders: i64,
    pub(super) version: i64,
    pub(super) updated_at: i64,
    pub(super) updated_by_name: Option<String>,
    pub(super) group_scoped: bool,
}

impl RoleRow {
    pub(super) fn info(&self) -> RoleInfo {
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

pub(super) const ROLE_SELECT: &str = "SELECT r.id, r.name, r.builtin, r.is_staff, r.permissions, r.version, \
    r.updated_at, r.updated_by_name, r.group_scoped, \
    (SELECT count(*) FROM membership_roles mr WHERE mr.tenant_id = r.tenant_id AND mr.role_id = r.id) AS holders \
    FROM roles r";

pub(super) async fn all_roles(tx: &mut TenantTx) -> Result<Vec<RoleRow>> {
    tx.fetch_all(
        &format!("{ROLE_SELECT} WHERE r.tenant_id = $1 ORDER BY r.builtin IS NULL, r.name_key"),
        args![],
    )
    .await
}

pub(super) async fn role_row(tx: &mut TenantTx, id: RoleId) -> Result<RoleRow> {
    tx.fetch_optional(
        &format!("{ROLE_SELECT} WHERE r.tenant_id = $1 AND r.id = $2"),
        args![id],
    )
    .await?
    .ok_or(AppError::NotFound)
}

#[derive(sqlx::FromRow)]
pub(super) struct PersonRow {
    pub(super) membership_id: i64,
    pub(super) name: String,
    pub(super) email: String,
    pub(super) member_id: Option<i64>,
    pub(super) invited: bool,
    pub(super) updated_at: i64,
    pub(super) updated_by_name: Option<String>,
}

impl PersonRow {
    pub(super) fn person(&self) -> PersonRef {
        PersonRef {
            membership: MembershipId(self.membership_id),
            name: self.name.clone(),
            email: self.email.clone(),
            member: self.member_id.map(MemberId),
        }
    }
}

pub(super) async fn holders(tx: &mut TenantTx, role: RoleId) -> Result<Vec<PersonRow>> {
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

/// Moves the rights counter of everyone holding `role`: their next request rotates their
/// session id and sees the new rights.
pub(super) async fn bump_holders(tx: &mut TenantTx, role: RoleId) -> Result<()> {
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

pub(super) async fn bump_member(tx: &mut TenantTx, membership: MembershipId) -> Result<()> {
    tx.execute(
        "UPDATE identities SET rights_serial = rights_serial + 1 WHERE id IN (\
         SELECT m.identity_id FROM memberships m WHERE m.tenant_id = $1 AND m.id = $2)",
        args![membership],
    )
    .await
    .map(|_| ())
}

#[derive(sqlx::FromRow)]
pub(super) struct IdRow {
    pub(super) id: i64,
}

/// Locks the administrator role for the rest of the transaction on PostgreSQL, so two
/// concurrent demotions cannot both see "another administrator is left" (SQLite runs one
/// write transaction at a time anyway). Returns its id.
pub(super) async fn lock_admin_role(tx: &mut TenantTx) -> Result<RoleId> {
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

pub(super) async fn admin_count(tx: &mut TenantTx, admin: RoleId) -> Result<i64> {
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM membership_roles WHERE tenant_id = $1 AND role_id = $2",
            args![admin],
        )
        .await?;
    Ok(n)
}

pub(super) async fn membership_exists(tx: &mut TenantTx, m: MembershipId) -> Result<()> {
    let row: Option<IdRow> = tx
        .fetch_optional(
            "SELECT id FROM memberships WHERE tenant_id = $1 AND id = $2",
            args![m],
        )
        .await?;
    row.map(|_| ()).ok_or(AppError::NotFound)
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

/// Whether `identity` is an administrator of the tenant, and whether their account still
/// waits for its first password, inside an open transaction.
pub(super) async fn admin_state_in(
    tx: &mut TenantTx,
    identity: IdentityId,
) -> Result<(bool, bool)> {
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

/// Whether `identity` is an administrator of the tenant, and whether their account still
/// waits for its first password.
pub(super) async fn admin_state(
    db: &Db,
    scope: &TenantScope,
    identity: IdentityId,
) -> Result<(bool, bool)> {
    let mut tx = db.tenant_read(scope).await?;
    let state = admin_state_in(&mut tx, identity).await?;
    tx.commit().await?;
    Ok(state)
}
