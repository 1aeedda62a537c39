//! Who is asking ([`Actor`]) and in which tenant with which rights ([`TenantScope`]).
//!
//! [`resolve`] is the one place that turns a path's tenant slug and the session's identity
//! into a scope. A `TenantScope` cannot be built anywhere else (its fields are private and
//! its constructors crate-private), and tenant data can only be read or written through a
//! transaction opened with one, so no query on tenant data runs without a checked scope.

use crate::db::Db;
use crate::error::Result;
use crate::tenants::{self, TenantRecord};
use tessera_common::dto::{Role, TenantKind};
use tessera_common::{AppError, IdentityId, TenantId};

/// How far the person behind a request has proven who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AuthLevel {
    Anonymous,
    Password,
    SecondFactor,
}

/// The person (or system task) behind a request.
#[derive(Clone, Debug)]
pub struct Actor {
    pub identity: Option<IdentityId>,
    pub name: String,
    pub level: AuthLevel,
    /// A step still to take (second factor, enrolment): until then the actor reaches
    /// nothing but that step.
    pub pending: Option<crate::accounts::Pending>,
}

impl Actor {
    pub fn anonymous() -> Actor {
        Actor {
            identity: None,
            name: String::new(),
            level: AuthLevel::Anonymous,
            pending: None,
        }
    }

    /// A command-line or background task; its changes are stamped as made by the system.
    pub fn system(task: &str) -> Actor {
        Actor {
            identity: None,
            name: task.to_string(),
            level: AuthLevel::SecondFactor,
            pending: None,
        }
    }

    /// Signed in, with nothing pending: the only state that reaches tenant data.
    pub fn is_signed_in(&self) -> bool {
        self.identity.is_some() && self.level >= AuthLevel::Password && self.pending.is_none()
    }

    /// The name written into last-change stamps: the person's name, or `None` for the
    /// system.
    pub fn stamp_name(&self) -> Option<String> {
        self.identity.map(|_| self.name.clone())
    }
}

/// A right inside a tenant. Every check goes through [`TenantScope::require`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// See the tenant's home page.
    ViewHome,
    /// See the member register.
    MembersView,
    /// Change member records.
    MembersEdit,
    /// See the clubs of a federation and their counts.
    FederationClubsView,
    /// See every tenant and its usage counts (operator).
    PlatformOverview,
}

/// The rights of a role. Club-defined roles replace this table with the roles module; it is
/// the only place that maps roles to rights.
fn role_grants(kind: TenantKind, role: Role, p: Permission) -> bool {
    use Permission::*;
    match (kind, p) {
        (_, ViewHome) => true,
        (TenantKind::Club, MembersView) => role >= Role::Staff,
        (TenantKind::Club, MembersEdit) => role >= Role::Admin,
        (TenantKind::Federation, FederationClubsView) => role >= Role::Staff,
        (TenantKind::Operator, PlatformOverview) => role >= Role::Staff,
        _ => false,
    }
}

/// A checked tenant scope: this actor is a member of this tenant with this role.
#[derive(Clone, Debug)]
pub struct TenantScope {
    tenant: TenantRecord,
    identity: Option<IdentityId>,
    role: Role,
}

impl TenantScope {
    pub fn tenant_id(&self) -> TenantId {
        self.tenant.id
    }
    pub fn tenant(&self) -> &TenantRecord {
        &self.tenant
    }
    pub fn kind(&self) -> TenantKind {
        self.tenant.kind
    }
    pub fn role(&self) -> Role {
        self.role
    }
    pub fn identity_id(&self) -> Option<IdentityId> {
        self.identity
    }

    pub fn can(&self, p: Permission) -> bool {
        role_grants(self.tenant.kind, self.role, p)
    }

    /// The one permission check.
    pub fn require(&self, p: Permission) -> Result<()> {
        if self.can(p) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// A scope for a command-line or background task acting on one tenant with full rights
    /// (seeding, imports, retention). Never reachable from a request.
    pub fn for_system_task(tenant: TenantRecord) -> TenantScope {
        TenantScope {
            tenant,
            identity: None,
            role: Role::Admin,
        }
    }
}

/// Resolves the tenant named in the path for this actor. Unknown slugs, tenants of another
/// kind and tenants the actor does not belong to all answer `NotFound`, so nothing about
/// other tenants can be learnt by probing; an anonymous visitor is asked to sign in.
pub async fn resolve(db: &Db, actor: &Actor, kind: TenantKind, slug: &str) -> Result<TenantScope> {
    if !tenants::is_valid_slug(slug) {
        return Err(AppError::NotFound);
    }
    let tenant = tenants::find_by_slug(db, kind, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(identity) = actor.identity.filter(|_| actor.is_signed_in()) else {
        return Err(AppError::Unauthenticated);
    };
    let role = tenants::role_of(db, tenant.id, identity)
        .await?
        .ok_or(AppError::NotFound)?;
    if tenant.status != "active" && kind != TenantKind::Operator {
        return Err(AppError::NotFound);
    }
    Ok(TenantScope {
        tenant,
        identity: Some(identity),
        role,
    })
}

/// Resolves the operator tenant (`/admin/…`) for this actor.
pub async fn resolve_operator(db: &Db, actor: &Actor) -> Result<TenantScope> {
    let slug = tenants::operator_slug(db)
        .await?
        .ok_or(AppError::NotFound)?;
    resolve(db, actor, TenantKind::Operator, &slug).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_rights_by_kind() {
        assert!(role_grants(
            TenantKind::Club,
            Role::Member,
            Permission::ViewHome
        ));
        assert!(!role_grants(
            TenantKind::Club,
            Role::Member,
            Permission::MembersView
        ));
        assert!(role_grants(
            TenantKind::Club,
            Role::Staff,
            Permission::MembersView
        ));
        assert!(!role_grants(
            TenantKind::Club,
            Role::Staff,
            Permission::MembersEdit
        ));
        assert!(role_grants(
            TenantKind::Club,
            Role::Admin,
            Permission::MembersEdit
        ));
        // Rights of one kind of tenant never leak into another.
        assert!(!role_grants(
            TenantKind::Federation,
            Role::Admin,
            Permission::MembersView
        ));
        assert!(!role_grants(
            TenantKind::Club,
            Role::Admin,
            Permission::PlatformOverview
        ));
        assert!(!role_grants(
            TenantKind::Club,
            Role::Admin,
            Permission::FederationClubsView
        ));
    }
}
