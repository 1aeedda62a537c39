//! Who is asking ([`Actor`]) and in which tenant with which rights ([`TenantScope`]).
//!
//! [`resolve`] is the one place that turns a path's tenant slug and the session's identity
//! into a scope. A `TenantScope` cannot be built anywhere else (its fields are private and
//! its constructors crate-private), and tenant data can only be read or written through a
//! transaction opened with one, so no query on tenant data runs without a checked scope.

use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::tenancy::{self, Plan, TenantRecord};
use std::collections::BTreeSet;
use tessera_common::dto::TenantKind;
use tessera_common::modules::Module;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, IdentityId, MemberId, MembershipId, RoleId, TenantId};

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
    pub pending: Option<crate::tenancy::Pending>,
    /// What the changes of a system task are stamped as (`None`: no name, shown as "the
    /// system"). A person's changes are always stamped with their own name.
    pub stamp_label: Option<String>,
}

impl Actor {
    pub fn anonymous() -> Actor {
        Actor {
            identity: None,
            name: String::new(),
            level: AuthLevel::Anonymous,
            pending: None,
            stamp_label: None,
        }
    }

    /// A command-line or background task; its changes are stamped as made by the system.
    pub fn system(task: &str) -> Actor {
        Actor {
            identity: None,
            name: task.to_string(),
            level: AuthLevel::SecondFactor,
            pending: None,
            stamp_label: None,
        }
    }

    /// A system task whose changes are stamped with `label` instead of no name, so the
    /// records say where they came from (for example "import (command line)").
    pub fn system_labelled(task: &str, label: &str) -> Actor {
        Actor {
            stamp_label: Some(label.to_string()),
            ..Actor::system(task)
        }
    }

    /// The operator importing members from the command line (`tessera import-members`).
    pub fn command_line_import() -> Actor {
        Actor::system_labelled("import-members", "import (command line)")
    }

    /// Signed in, with nothing pending: the only state that reaches tenant data.
    pub fn is_signed_in(&self) -> bool {
        self.identity.is_some() && self.level >= AuthLevel::Password && self.pending.is_none()
    }

    /// The name written into last-change stamps: the person's name, or for the system its
    /// label (`None` without one).
    pub fn stamp_name(&self) -> Option<String> {
        match self.identity {
            Some(_) => Some(self.name.clone()),
            None => self.stamp_label.clone(),
        }
    }
}

pub use tessera_common::modules::Permission;

/// A role the person holds in the tenant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldRole {
    pub id: RoleId,
    pub name: String,
    /// The built-in administrator role: every permission of every active module.
    pub admin: bool,
    pub staff: bool,
    pub permissions: Vec<Permission>,
    /// Limited to the members of the groups its holder leads (groups module), and of their
    /// records to `member_fields`.
    pub group_scoped: bool,
    /// The member fields a group-scoped role grants (standard keys and `cf<id>`).
    pub member_fields: Vec<String>,
}

/// The permissions a group-scoped role may carry: the register's, on the led members only,
/// and the leader's own tasks. Anything else stored on such a role is ignored.
pub const LEADER_PERMISSIONS: &[Permission] = &[
    tessera_common::modules::MEMBERS_VIEW,
    tessera_common::modules::MEMBERS_EDIT,
    tessera_common::modules::MEMBERS_SENSITIVE,
    tessera_common::modules::ACTIVITIES_ATTENDANCE,
];

/// What a person reaches through group-scoped roles alone (no role of theirs grants the
/// whole register): the members of the groups they lead on `today`, and of those records
/// only `fields`. The members feature applies it where member records are read or changed
/// (`members::access`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaderGrant {
    /// The leader's own member record (a leader is a member of the group).
    pub leader: MemberId,
    /// The day in the club's zone on which "in the group" is taken.
    pub today: tessera_common::time::Date,
    pub view: bool,
    pub edit: bool,
    pub sensitive: bool,
    /// Marks attendance of the groups they lead (`activities.attendance` on the role).
    pub attendance: bool,
    pub fields: BTreeSet<String>,
}

/// The leader grant of a set of roles, if the unscoped roles do not already grant the
/// register and a group-scoped role grants it (within the active modules; the groups
/// module must be active). A person without a member record leads nothing.
pub fn leader_grant(
    roles: &[HeldRole],
    active: &[&'static Module],
    member: Option<MemberId>,
    today: tessera_common::time::Date,
) -> Option<LeaderGrant> {
    use tessera_common::modules::{MEMBERS_EDIT, MEMBERS_SENSITIVE, MEMBERS_VIEW};
    let unscoped: Vec<HeldRole> = roles.iter().filter(|r| !r.group_scoped).cloned().collect();
    if granted(&unscoped, active).contains(&MEMBERS_VIEW)
        || !active.iter().any(|m| m.id == "groups")
    {
        return None;
    }
    let scoped: Vec<&HeldRole> = roles
        .iter()
        .filter(|r| r.group_scoped && !r.admin)
        .collect();
    let has = |p: Permission| scoped.iter().any(|r| r.permissions.contains(&p));
    let attendance = has(tessera_common::modules::ACTIVITIES_ATTENDANCE)
        && active.iter().any(|m| m.id == "activities");
    let view = has(MEMBERS_VIEW) || has(MEMBERS_EDIT);
    if !view && !attendance {
        return None;
    }
    Some(LeaderGrant {
        leader: member?,
        today,
        view,
        edit: has(MEMBERS_EDIT),
        sensitive: has(MEMBERS_SENSITIVE),
        attendance,
        fields: scoped
            .iter()
            .flat_map(|r| r.member_fields.iter().cloned())
            .collect(),
    })
}

/// The modules active for a tenant: the always-on modules of its kind, and for a club each
/// switchable module that its plan contains, that it switched on, and whose needs are active.
pub fn active_modules(
    kind: TenantKind,
    plan: Option<&Plan>,
    switched_on: &[String],
) -> Vec<&'static Module> {
    let candidates: Vec<&'static Module> = Module::of_kind(kind)
        .filter(|m| {
            m.always_on
                || (kind == TenantKind::Club
                    && plan.is_some_and(|p| p.modules.iter().any(|x| x == m.id))
                    && switched_on.iter().any(|x| x == m.id))
        })
        .collect();
    // A module whose need is not active is not active either (until nothing changes).
    let mut active = candidates;
    loop {
        let before = active.len();
        let ids: Vec<&str> = active.iter().map(|m| m.id).collect();
        active.retain(|m| m.needs.iter().all(|n| ids.contains(n)));
        if active.len() == before {
            return active;
        }
    }
}

/// What a set of roles grants among the active modules: the one mapping from roles to
/// rights. The administrator role holds every permission of every active module.
/// A group-scoped role grants nothing for the whole club: its reach is the
/// [`LeaderGrant`] (the register and attendance of the groups its holder leads).
pub fn granted(roles: &[HeldRole], active: &[&'static Module]) -> BTreeSet<Permission> {
    let admin = roles.iter().any(|r| r.admin);
    active
        .iter()
        .flat_map(|m| m.permissions.iter().map(|p| p.permission))
        .filter(|p| {
            admin
                || roles
                    .iter()
                    .any(|r| !r.group_scoped && r.permissions.contains(p))
        })
        .collect()
}

/// A checked tenant scope: this actor belongs to this tenant, holds these roles, and has
/// these rights among the modules active right now.
#[derive(Clone, Debug)]
pub struct TenantScope {
    tenant: TenantRecord,
    identity: Option<IdentityId>,
    membership: Option<MembershipId>,
    /// The member record the caller's account is linked to in this tenant, if any.
    member: Option<MemberId>,
    roles: Vec<HeldRole>,
    active: Vec<&'static Module>,
    permissions: BTreeSet<Permission>,
    read_only_since: Option<Timestamp>,
    /// The latest terms of use are not accepted yet.
    terms_pending: bool,
    /// The member record the account is linked to has ended (status `ended`, or an end
    /// date before today in the tenant's time zone).
    membership_ended: bool,
    system: bool,
    /// Reaches members only as a leader of groups (see [`LeaderGrant`]).
    leader: Option<LeaderGrant>,
    /// Today in the tenant's zone when a request resolved the scope (`None` for a system
    /// task, which has no request time).
    resolved_on: Option<tessera_common::time::Date>,
}

impl TenantScope {
    /// Tests (inv20): `base`'s tenant seen by a plain member linked to `member`, with no role.
    #[cfg(test)]
    pub(crate) fn for_tests_member(base: &TenantScope, member: MemberId) -> TenantScope {
        TenantScope {
            member: Some(member),
            roles: Vec::new(),
            permissions: BTreeSet::new(),
            system: false,
            leader: None,
            ..base.clone()
        }
    }

    /// The leader grant: the person reaches the register only through group-scoped roles.
    pub fn leader(&self) -> Option<&LeaderGrant> {
        self.leader.as_ref()
    }
    /// Today in the tenant's zone at the time the request resolved the scope.
    pub fn resolved_today(&self) -> Option<tessera_common::time::Date> {
        self.resolved_on
    }

    /// A command-line or background task (see [`TenantScope::for_system_task`]).
    pub fn is_system_task(&self) -> bool {
        self.system
    }
    pub fn tenant_id(&self) -> TenantId {
        self.tenant.id
    }
    pub fn tenant(&self) -> &TenantRecord {
        &self.tenant
    }
    pub fn kind(&self) -> TenantKind {
        self.tenant.kind
    }
    pub fn roles(&self) -> &[HeldRole] {
        &self.roles
    }
    /// The names of the club-defined roles held (the built-in administrator role aside;
    /// see [`TenantScope::is_admin`]).
    pub fn role_names(&self) -> Vec<String> {
        self.roles
            .iter()
            .filter(|r| !r.admin)
            .map(|r| r.name.clone())
            .collect()
    }
    /// Holds the built-in administrator role.
    pub fn is_admin(&self) -> bool {
        self.roles.iter().any(|r| r.admin)
    }
    pub fn identity_id(&self) -> Option<IdentityId> {
        self.identity
    }
    pub fn membership_id(&self) -> Option<MembershipId> {
        self.membership
    }
    /// The caller's own member record in this tenant, if their account is linked to one.
    pub fn member_id(&self) -> Option<MemberId> {
        self.member
    }
    pub fn active_modules(&self) -> &[&'static Module] {
        &self.active
    }
    /// The permissions of the active modules (what a role's rights can be among right now).
    pub fn active_permissions(&self) -> impl Iterator<Item = Permission> + '_ {
        self.active
            .iter()
            .flat_map(|m| m.permissions.iter().map(|p| p.permission))
    }
    pub fn module_active(&self, id: &str) -> bool {
        self.active.iter().any(|m| m.id == id)
    }
    pub fn permissions(&self) -> impl Iterator<Item = Permission> + '_ {
        self.permissions.iter().copied()
    }
    /// Today in the tenant's time zone: the day a date that belongs to a day (joined,
    /// ended, an age) is taken on at `now`.
    pub fn today(&self, now: Timestamp) -> tessera_common::time::Date {
        now.date_in(&self.tenant.time_zone)
    }
    /// When the environment turned read-only (an ended trial), if it did.
    pub fn read_only_since(&self) -> Option<Timestamp> {
        self.read_only_since
    }

    pub fn can(&self, p: Permission) -> bool {
        self.permissions.contains(&p)
    }

    /// The one permission check. A permission of a module that is not active here (switched
    /// off, outside the plan, or of another kind of tenant) answers `NotFound`: for this
    /// tenant the feature does not exist. An active one the roles do not grant is `Forbidden`.
    pub fn require(&self, p: Permission) -> Result<()> {
        if self.can(p) {
            return Ok(());
        }
        match p.module() {
            Some(m) if self.module_active(m.id) => Err(AppError::Forbidden),
            _ => Err(AppError::NotFound),
        }
    }

    /// Refuses everything of the club until its latest terms of use are accepted (the resolver
    /// calls this for every request but the terms themselves and the page frame).
    pub fn terms_accepted(&self) -> Result<()> {
        if self.terms_pending {
            Err(AppError::TermsRequired)
        } else {
            Ok(())
        }
    }

    /// The person's membership has ended: they reach only their own data.
    pub fn membership_ended(&self) -> bool {
        self.membership_ended
    }

    /// Refuses everything of the club but the person's own data (`/me`, their children's
    /// records, the terms and the page frame) once their membership has ended: the one
    /// check, made by [`resolve`] for every request (`Forbidden`).
    pub fn membership_current(&self) -> Result<()> {
        if self.membership_ended {
            Err(AppError::Forbidden)
        } else {
            Ok(())
        }
    }

    /// Refuses every change while the environment is read-only.
    pub fn writable(&self) -> Result<()> {
        match self.read_only_since {
            Some(_) => Err(AppError::ReadOnly),
            None => Ok(()),
        }
    }

    /// A scope for a command-line or background task acting on one tenant with every right
    /// of every module of its kind (seeding, imports, retention). Never reachable from a
    /// request: it needs a [`SystemTask`](crate::jobs::SystemTask), which only the jobs,
    /// seeding and operator provisioning of this crate and the `tessera` command line make.
    pub fn for_system_task(_task: &crate::jobs::SystemTask, tenant: TenantRecord) -> TenantScope {
        let active: Vec<&'static Module> = Module::of_kind(tenant.kind).collect();
        let permissions = active
            .iter()
            .flat_map(|m| m.permissions.iter().map(|p| p.permission))
            .collect();
        TenantScope {
            tenant,
            identity: None,
            membership: None,
            member: None,
            roles: Vec::new(),
            active,
            permissions,
            read_only_since: None,
            terms_pending: false,
            membership_ended: false,
            system: true,
            leader: None,
            resolved_on: None,
        }
    }
}

#[derive(sqlx::FromRow, Clone)]
struct HeldRow {
    membership_id: i64,
    member_id: Option<i64>,
    terms_latest: Option<i64>,
    terms_accepted: Option<i64>,
    member_status: Option<String>,
    member_ended_on: Option<String>,
    role_id: Option<i64>,
    name: Option<String>,
    builtin: Option<String>,
    is_staff: Option<bool>,
    permissions: Option<String>,
    group_scoped: Option<bool>,
    member_fields: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SwitchRow {
    id: String,
}

/// The modules a club has switched on (in a transaction bound to the tenant).
async fn switched_on(tx: &mut crate::db::Tx, tenant: TenantId) -> Result<Vec<String>> {
    let rows: Vec<SwitchRow> = tx
        .fetch_all(
            "SELECT id FROM tenant_modules WHERE tenant_id = $1 AND enabled = $2",
            args![tenant, true],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Parses a stored, space-separated permission list; unknown ids (a module that was
/// removed from the code) are skipped.
pub fn parse_permissions(stored: &str) -> Vec<Permission> {
    stored
        .split_whitespace()
        .filter_map(Permission::parse)
        .collect()
}

/// Resolves the tenant named in the path for this actor at `now`, once they accepted its
/// latest terms of use (`TermsRequired` until then). Unknown slugs, tenants of another kind
/// and tenants the actor does not belong to all answer `NotFound`, so nothing about other
/// tenants can be learnt by probing; an anonymous visitor is asked to sign in. Roles, plan,
/// module switches and terms are read on every call (on PostgreSQL kept between calls until
/// anything they come from changes, see `access_cache`), so a change applies on the person's
/// next request.
pub async fn resolve(
    db: &Db,
    actor: &Actor,
    kind: TenantKind,
    slug: &str,
    now: Timestamp,
) -> Result<TenantScope> {
    let scope = resolve_own_data(db, actor, kind, slug, now).await?;
    scope.membership_current()?;
    Ok(scope)
}

/// [`resolve`] without the membership check: for a person's own data (`/me`, their
/// children's records), which they still reach after their membership has ended.
pub async fn resolve_own_data(
    db: &Db,
    actor: &Actor,
    kind: TenantKind,
    slug: &str,
    now: Timestamp,
) -> Result<TenantScope> {
    let scope = resolve_before_terms(db, actor, kind, slug, now).await?;
    scope.terms_accepted()?;
    Ok(scope)
}

/// [`resolve`] without the terms-of-use check: for the page frame, which shows the terms,
/// and for accepting them. Everything else goes through [`resolve`].
pub async fn resolve_before_terms(
    db: &Db,
    actor: &Actor,
    kind: TenantKind,
    slug: &str,
    now: Timestamp,
) -> Result<TenantScope> {
    let Some(identity) = actor.identity.filter(|_| actor.is_signed_in()) else {
        // Someone not signed in is asked to sign in for every slug, whether a tenant has
        // it or not, without reading anything: the answer (and its time) tells nothing
        // about which clubs exist.
        return Err(AppError::Unauthenticated);
    };
    if !tenancy::is_valid_slug(slug) {
        return Err(AppError::NotFound);
    }
    let ScopeRows {
        tenant,
        rows,
        switched,
    } = db
        .access
        .scope(
            (kind.as_str(), slug.to_string(), identity.0),
            // Boxed: every page's future holds this one while it waits.
            Box::pin(read_scope(db, kind, slug, identity)),
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let first = rows.first().ok_or(AppError::NotFound)?;
    let (membership, member) = (first.membership_id, first.member_id);
    let terms_pending = first
        .terms_latest
        .is_some_and(|latest| first.terms_accepted.is_none_or(|a| a < latest));
    if tenant.status != "active" && kind != TenantKind::Operator {
        return Err(AppError::NotFound);
    }
    let record_ended = member_has_ended(
        first.member_status.as_deref(),
        first.member_ended_on.as_deref(),
        now.date_in(&tenant.time_zone),
    );
    let roles: Vec<HeldRole> = rows
        .into_iter()
        // Once the membership has ended, the roles that came with it end too; the built-in
        // administrator role does not (it runs the club, whoever's membership it is, and
        // the club must not lose its last administrator to an end date).
        .filter(|r| !record_ended || r.builtin.as_deref() == Some("admin"))
        .filter_map(|r| {
            Some(HeldRole {
                id: RoleId(r.role_id?),
                name: r.name?,
                admin: r.builtin.as_deref() == Some("admin"),
                staff: r.is_staff.unwrap_or(false),
                permissions: parse_permissions(r.permissions.as_deref().unwrap_or("")),
                group_scoped: r.group_scoped.unwrap_or(false) && r.builtin.is_none(),
                member_fields: r
                    .member_fields
                    .as_deref()
                    .unwrap_or("")
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
            })
        })
        .collect();
    // An administrator keeps running the club; anyone else reaches only their own data.
    let membership_ended = record_ended && !roles.iter().any(|r| r.admin);
    let active = active_modules(kind, tenant.plan.as_ref(), &switched);
    let permissions = granted(&roles, &active);
    let resolved_on = now.date_in(&tenant.time_zone);
    let leader = leader_grant(&roles, &active, member.map(MemberId), resolved_on);
    let read_only_since = tenant.read_only_since(now);
    Ok(TenantScope {
        leader,
        resolved_on: Some(resolved_on),
        tenant,
        identity: Some(identity),
        membership: Some(MembershipId(membership)),
        member: member.map(MemberId),
        roles,
        active,
        permissions,
        read_only_since,
        terms_pending,
        membership_ended,
        system: false,
    })
}

/// Whether a member record has ended on `today` (a day in the tenant's time zone): its
/// status says so, or its end date is before today (the end date is the last day).
pub fn member_has_ended(
    status: Option<&str>,
    ended_on: Option<&str>,
    today: tessera_common::time::Date,
) -> bool {
    status == Some("ended")
        || ended_on
            .and_then(tessera_common::time::Date::parse)
            .is_some_and(|end| end < today)
}

/// What a person's scope in a tenant is built from: the tenant, the person's membership and
/// roles in it (one row per role) and its module switches.
#[derive(Clone)]
pub(crate) struct ScopeRows {
    tenant: TenantRecord,
    rows: Vec<HeldRow>,
    switched: Vec<String>,
}

/// One read for the tenant, the person's roles in it and its switches (`None`: no such
/// tenant).
async fn read_scope(
    db: &Db,
    kind: TenantKind,
    slug: &str,
    identity: IdentityId,
) -> Result<Option<ScopeRows>> {
    let mut tx = db.platform(false).await?;
    let Some(tenant) = tenancy::find_by_slug_in(&mut tx, kind, slug).await? else {
        return Ok(None);
    };
    tx.as_tenant(tenant.id, Some(identity.0)).await?;
    let rows: Vec<HeldRow> = tx
        .fetch_all(
            "SELECT m.id AS membership_id, m.member_id, \
             (SELECT max(number) FROM terms t WHERE t.tenant_id = m.tenant_id) AS terms_latest, \
             (SELECT max(number) FROM terms_acceptances a WHERE a.tenant_id = m.tenant_id \
              AND a.membership_id = m.id) AS terms_accepted, \
             rec.status AS member_status, rec.ended_on AS member_ended_on, \
             r.id AS role_id, r.name, r.builtin, r.is_staff, r.permissions, r.group_scoped, \
             r.member_fields \
             FROM memberships m \
             LEFT JOIN members rec ON rec.tenant_id = m.tenant_id AND rec.id = m.member_id \
             LEFT JOIN membership_roles mr ON mr.tenant_id = m.tenant_id AND mr.membership_id = m.id \
             LEFT JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id \
             WHERE m.tenant_id = $1 AND m.identity_id = $2 ORDER BY r.builtin, r.name",
            args![tenant.id, identity],
        )
        .await?;
    let switched = if kind == TenantKind::Club {
        switched_on(&mut tx, tenant.id).await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    Ok(Some(ScopeRows {
        tenant,
        rows,
        switched,
    }))
}

/// Resolves an active club for an anonymous visitor of its public pages (a registration
/// form): its modules as the plan and switches make them, and no permission at all.
/// Unknown, suspended and non-club tenants are not found.
pub async fn resolve_public(db: &Db, slug: &str, now: Timestamp) -> Result<TenantScope> {
    if !tenancy::is_valid_slug(slug) {
        return Err(AppError::NotFound);
    }
    let mut tx = db.platform(false).await?;
    let tenant = tenancy::find_by_slug_in(&mut tx, TenantKind::Club, slug)
        .await?
        .filter(|t| t.status == "active")
        .ok_or(AppError::NotFound)?;
    tx.as_tenant(tenant.id, None).await?;
    let switched = switched_on(&mut tx, tenant.id).await?;
    tx.commit().await?;
    let active = active_modules(TenantKind::Club, tenant.plan.as_ref(), &switched);
    let read_only_since = tenant.read_only_since(now);
    let tenant_zone = tenant.time_zone.clone();
    Ok(TenantScope {
        tenant,
        identity: None,
        membership: None,
        member: None,
        roles: Vec::new(),
        active,
        permissions: BTreeSet::new(),
        read_only_since,
        terms_pending: false,
        membership_ended: false,
        system: false,
        leader: None,
        resolved_on: Some(now.date_in(&tenant_zone)),
    })
}

/// Resolves the operator tenant (`/admin/…`) for this actor.
pub async fn resolve_operator(db: &Db, actor: &Actor, now: Timestamp) -> Result<TenantScope> {
    let slug = tenancy::operator_slug(db)
        .await?
        .ok_or(AppError::NotFound)?;
    resolve(db, actor, TenantKind::Operator, &slug, now).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use tessera_common::modules::*;

    fn plan(modules: &[&str]) -> Plan {
        Plan {
            id: "p".into(),
            name: "P".into(),
            modules: modules.iter().map(|m| m.to_string()).collect(),
            max_admins: None,
            trial_days: None,
        }
    }

    fn ids(v: &[&'static Module]) -> Vec<&'static str> {
        v.iter().map(|m| m.id).collect()
    }

    fn role(perms: &[Permission]) -> HeldRole {
        HeldRole {
            id: RoleId(5),
            name: "Trainer".into(),
            admin: false,
            staff: false,
            permissions: perms.to_vec(),
            group_scoped: false,
            member_fields: Vec::new(),
        }
    }

    #[test]
    fn modules_are_active_within_the_plan_when_switched_on_and_their_needs_are() {
        let club = TenantKind::Club;
        let on = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let always = ids(&active_modules(club, None, &on(&["audit", "exports"])));
        assert_eq!(
            always,
            vec!["members", "roles", "settings", "privacy", "affiliation"]
        );
        let p = plan(&["audit", "exports"]);
        assert_eq!(
            ids(&active_modules(club, Some(&p), &on(&["audit"]))),
            vec![
                "members",
                "audit",
                "roles",
                "settings",
                "privacy",
                "affiliation"
            ]
        );
        assert_eq!(
            ids(&active_modules(club, Some(&p), &on(&["audit", "exports"]))),
            vec![
                "members",
                "audit",
                "exports",
                "roles",
                "settings",
                "privacy",
                "affiliation"
            ]
        );
        // Exports needs the event log: with the log off it is not active, even if switched on.
        assert_eq!(
            ids(&active_modules(club, Some(&p), &on(&["exports"]))),
            vec!["members", "roles", "settings", "privacy", "affiliation"]
        );
        // Outside the plan nothing is active, whatever the switches say.
        assert_eq!(
            ids(&active_modules(club, Some(&plan(&[])), &on(&["audit"]))),
            vec!["members", "roles", "settings", "privacy", "affiliation"]
        );
        assert_eq!(
            ids(&active_modules(TenantKind::Federation, None, &[])),
            vec!["federation"]
        );
    }

    #[test]
    fn roles_grant_their_permissions_among_active_modules_and_admin_grants_all() {
        let p = plan(&["audit", "exports"]);
        let active = active_modules(TenantKind::Club, Some(&p), &["audit".into()]);
        let g = granted(&[role(&[MEMBERS_VIEW, EXPORTS_RUN])], &active);
        assert!(g.contains(&MEMBERS_VIEW));
        assert!(!g.contains(&EXPORTS_RUN), "exports is off");
        assert!(!g.contains(&MEMBERS_EDIT));
        assert!(granted(&[], &active).is_empty());
        let mut admin = role(&[]);
        admin.admin = true;
        let g = granted(&[admin], &active);
        for perm in [
            MEMBERS_VIEW,
            MEMBERS_EDIT,
            AUDIT_VIEW,
            ROLES_MANAGE,
            SETTINGS_MANAGE,
        ] {
            assert!(g.contains(&perm), "{perm:?}");
        }
        assert!(!g.contains(&EXPORTS_RUN));
        assert!(
            !g.contains(&PLATFORM_MANAGE),
            "rights of one kind never leak into another"
        );
        assert!(!g.contains(&FEDERATION_CLUBS_VIEW));
    }

    #[test]
    fn stored_permission_lists_skip_unknown_ids() {
        assert_eq!(
            parse_permissions(" members.view  nonsense.do exports.run"),
            vec![MEMBERS_VIEW, EXPORTS_RUN]
        );
    }
}
