//! Tenants: what a request does with the tree. Creating a tenant, the operator's
//! directory and overview, a federation's clubs, status and plan, and provisioning a
//! club with its first administrator.

use super::model::*;
use super::storage::*;
use crate::db::Db;
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::tenancy::{
    find_by_id, find_by_slug, is_valid_slug, plan_by_id, plans, Plan, TenantRecord,
};
use crate::{accounts, args, ids};
use tessera_common::dto::{
    AdminOverview, ClubSummary, DirectoryEntry, TenantKind, TenantOverviewRow,
};
use tessera_common::modules::{FEDERATION_CLUBS_VIEW, PLATFORM_MANAGE, PLATFORM_OVERVIEW};
use tessera_common::time::Timestamp;
use tessera_common::Msg;
use tessera_common::{AppError, TenantId};

/// Creates a tenant (operator console, seeding, `create-operator`).
pub async fn create(db: &Db, actor: &Actor, now: Timestamp, t: NewTenant) -> Result<TenantRecord> {
    t.validate()?;
    let mut tx = db.platform(true).await?;
    if let Some(parent) = t.parent {
        let p: Option<(String,)> = tx
            .fetch_optional("SELECT kind FROM tenants WHERE id = $1", args![parent])
            .await?;
        let allowed = matches!(
            (p.as_ref().map(|r| r.0.as_str()), t.kind),
            (Some("operator"), TenantKind::Federation | TenantKind::Club)
                | (Some("federation"), TenantKind::Club)
        );
        if !allowed {
            return Err(AppError::field("parent", Msg::ErrParentKind));
        }
    }
    let plan = match (&t.plan, t.kind) {
        (Some(id), TenantKind::Club) => Some(
            plan_by_id(&mut tx, id)
                .await?
                .ok_or_else(|| AppError::field("plan", Msg::ErrChoosePlan))?,
        ),
        (Some(_), _) => return Err(AppError::field("plan", Msg::ErrPlansForClubs)),
        (None, _) => None,
    };
    let trial_ends_at = trial_end(plan.as_ref(), now);
    let id = ids::new_id();
    tx.execute(
        "INSERT INTO tenants (id, parent_id, kind, slug, name, status, city, primary_color, \
         accent_color, default_lang, created_at, updated_at, updated_by, updated_by_name, \
         plan_id, trial_ends_at) \
         VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $9, $10, $10, $11, $12, $13, $14)",
        args![
            id,
            t.parent.map(|p| p.0),
            t.kind.as_str(),
            t.slug.clone(),
            t.name.trim(),
            t.city.clone(),
            t.primary_color.clone(),
            t.accent_color.clone(),
            t.default_lang.code(),
            now,
            actor.identity,
            actor.stamp_name(),
            plan.as_ref().map(|p| p.id.clone()),
            trial_ends_at.map(|t| t.0)
        ],
    )
    .await
    .map_err(|e| match e {
        AppError::Conflict(_) => AppError::field("slug", Msg::ErrSlugTaken),
        other => other,
    })?;
    // A club made under a federation is affiliated to it (set by the operator), on no
    // sharing terms yet: nothing personal crosses until the club's admin accepts terms.
    if let (Some(parent), TenantKind::Club) = (t.parent, t.kind) {
        let federation: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM tenants WHERE id = $1 AND kind = 'federation'",
                args![parent],
            )
            .await?;
        if let Some((federation,)) = federation {
            tx.execute(
                "INSERT INTO affiliations (id, federation_id, club_id, status, initiated_by, \
                 started_at, created_at, updated_at, updated_by, updated_by_name) \
                 VALUES ($1, $2, $3, 'active', 'operator', $4, $4, $4, $5, $6)",
                args![
                    ids::new_id(),
                    federation,
                    id,
                    now,
                    actor.identity,
                    actor.stamp_name()
                ],
            )
            .await?;
        }
    }
    // Every tenant has the built-in administrator role from the start.
    tx.as_tenant(TenantId(id), actor.identity.map(|i| i.0))
        .await?;
    tx.execute(
        "INSERT INTO roles (tenant_id, id, name, name_key, builtin, is_staff, permissions, \
         updated_at, updated_by, updated_by_name) \
         VALUES ($1, $2, 'Administrator', 'administrator', 'admin', $3, '', $4, $5, $6)",
        args![
            id,
            ids::new_id(),
            true,
            now,
            actor.identity,
            actor.stamp_name()
        ],
    )
    .await?;
    accounts::log_in_tx(
        &mut tx,
        actor.identity,
        Some(TenantId(id)),
        "tenant_created",
        Some(&t.slug),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    // A visit to the path before the tenant existed may have been kept as unknown.
    db.langs.clear();
    find_by_id(db, TenantId(id))
        .await?
        .ok_or(AppError::NotFound)
}

/// The public club directory: active, listed clubs.
pub async fn directory(db: &Db) -> Result<Vec<DirectoryEntry>> {
    let mut tx = db.platform(false).await?;
    let rows: Vec<DirectoryRow> = tx
        .fetch_all(
            "SELECT c.slug, c.name, c.city, f.name AS federation FROM tenants c \
             LEFT JOIN tenants f ON f.id = c.parent_id AND f.kind = 'federation' \
             WHERE c.kind = 'club' AND c.status = 'active' AND c.listed = $1 \
             ORDER BY c.name LIMIT 500",
            args![true],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| DirectoryEntry {
            slug: r.slug,
            name: r.name,
            city: r.city,
            federation: r.federation,
        })
        .collect())
}

/// The clubs affiliated to the federation in `scope`, with their counts.
pub async fn federation_clubs(db: &Db, scope: &TenantScope) -> Result<Vec<ClubSummary>> {
    scope.require(FEDERATION_CLUBS_VIEW)?;
    Ok(usage(db, Some(scope.tenant_id()))
        .await?
        .into_iter()
        .filter(|r| r.kind == "club")
        .map(|r| ClubSummary {
            slug: r.slug,
            name: r.name,
            city: r.city,
            members: r.members,
            active_members: r.active_members,
        })
        .collect())
}

/// Every tenant with its usage counts, for the operator.
pub async fn overview(db: &Db, scope: &TenantScope) -> Result<AdminOverview> {
    scope.require(PLATFORM_OVERVIEW)?;
    let tenants = usage(db, None)
        .await?
        .into_iter()
        .filter(|r| r.id != scope.tenant_id().0)
        .map(|r| TenantOverviewRow {
            slug: r.slug,
            name: r.name,
            kind: TenantKind::parse(&r.kind).unwrap_or(TenantKind::Club),
            parent: r.parent,
            status: r.status,
            plan: r.plan,
            trial_ends_at: r.trial_ends_at.map(Timestamp),
            members: r.members,
            users: r.users,
            contract: match (r.contract_end_on, r.deletion_on) {
                (Some(ends_on), Some(deletion_on)) => Some(tessera_common::dto::ContractEnd {
                    ends_on,
                    deletion_on,
                }),
                _ => None,
            },
        })
        .collect();
    Ok(AdminOverview {
        tenants,
        plans: plans(db).await?.iter().map(Plan::info).collect(),
        can_manage: scope.can(PLATFORM_MANAGE),
        stamp: scope.tenant().stamp.clone(),
    })
}

/// When a trial on `plan` that starts `now` ends; `None` for a plan that is not a trial.
pub fn trial_end(plan: Option<&Plan>, now: Timestamp) -> Option<Timestamp> {
    plan.and_then(|p| p.trial_days)
        .map(|days| Timestamp(now.0 + days * 86_400_000))
}

/// Suspends (`active = false`) or reactivates a club or federation. A suspended tenant's
/// pages answer 404 to its people; nothing is deleted.
pub async fn set_status(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    slug: &str,
    active: bool,
) -> Result<()> {
    scope.require(PLATFORM_MANAGE)?;
    let mut tx = db.platform(true).await?;
    let t = managed_tenant(&mut tx, slug).await?;
    let status = if active { "active" } else { "suspended" };
    if t.status == status {
        return Ok(());
    }
    tx.execute(
        "UPDATE tenants SET status = $2, updated_at = $3, updated_by = $4, updated_by_name = $5, \
         version = version + 1 WHERE id = $1",
        args![t.id, status, now, actor.identity, actor.stamp_name()],
    )
    .await?;
    let kind = if active {
        "tenant_reactivated"
    } else {
        "tenant_suspended"
    };
    accounts::log_in_tx(&mut tx, actor.identity, Some(t.id), kind, None, None, now).await?;
    tx.commit().await
}

/// Assigns a plan to a club; it applies from the club's next request. A trial plan starts
/// its trial now; any other plan ends a trial (and with it a read-only state).
pub async fn assign_plan(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    slug: &str,
    plan_id: &str,
) -> Result<()> {
    scope.require(PLATFORM_MANAGE)?;
    let mut tx = db.platform(true).await?;
    let t = managed_tenant(&mut tx, slug).await?;
    if t.kind != TenantKind::Club {
        return Err(AppError::field("plan", Msg::ErrPlansForClubs));
    }
    let plan = plan_by_id(&mut tx, plan_id)
        .await?
        .ok_or_else(|| AppError::field("plan", Msg::ErrChoosePlan))?;
    tx.execute(
        "UPDATE tenants SET plan_id = $2, trial_ends_at = $3, updated_at = $4, updated_by = $5, \
         updated_by_name = $6, version = version + 1 WHERE id = $1",
        args![
            t.id,
            plan.id.clone(),
            trial_end(Some(&plan), now).map(|x| x.0),
            now,
            actor.identity,
            actor.stamp_name()
        ],
    )
    .await?;
    accounts::log_in_tx(
        &mut tx,
        actor.identity,
        Some(t.id),
        "plan_assigned",
        Some(&plan.name),
        None,
        now,
    )
    .await?;
    tx.commit().await
}

/// The operator creates a club or federation: under the federation named by
/// `parent_slug` (a club) or directly under the platform, and optionally invites its first
/// administrator. Everything is checked before anything is stored.
#[allow(clippy::too_many_arguments)]
pub async fn provision(
    db: &Db,
    mailer: &crate::mail::Mailer,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    mut new: NewTenant,
    parent_slug: Option<String>,
    admin: Option<(String, String)>,
) -> Result<TenantRecord> {
    scope.require(PLATFORM_MANAGE)?;
    new.parent = match parent_slug {
        None => Some(scope.tenant_id()),
        Some(slug) => {
            if new.kind != TenantKind::Club {
                return Err(AppError::field("parent", Msg::ErrFederationParent));
            }
            let f = find_by_slug(db, TenantKind::Federation, &slug)
                .await?
                .filter(|_| is_valid_slug(&slug))
                .ok_or_else(|| AppError::field("parent", Msg::ErrChooseFederation))?;
            Some(f.id)
        }
    };
    if new.kind == TenantKind::Club && new.plan.is_none() {
        return Err(AppError::field("plan", Msg::ErrChoosePlanForClub));
    }
    if let Some((email, name)) = &admin {
        if crate::accounts::identities::normalize_email(email).is_none() {
            return Err(AppError::field("admin_email", Msg::ErrEmailInvalid));
        }
        crate::accounts::identities::check_name("admin_name", name)?;
    }
    new.validate()?;
    let created = create(db, actor, now, new).await?;
    if let Some((email, name)) = admin {
        crate::roles::provision_admin(
            db,
            mailer,
            base_url,
            &TenantScope::for_system_task(
                &crate::jobs::SystemTask::operator_provisioning(scope)?,
                created.clone(),
            ),
            actor,
            now,
            &email,
            &name,
        )
        .await?;
    }
    Ok(created)
}

/// The operator invites an administrator for a club or federation (a new tenant, or one
/// that lost its administrators), within the plan's cap.
#[allow(clippy::too_many_arguments)]
pub async fn invite_tenant_admin(
    db: &Db,
    mailer: &crate::mail::Mailer,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    slug: &str,
    email: &str,
    name: &str,
) -> Result<()> {
    scope.require(PLATFORM_MANAGE)?;
    let mut tx = db.platform(false).await?;
    let t = managed_tenant(&mut tx, slug).await?;
    tx.commit().await?;
    crate::roles::provision_admin(
        db,
        mailer,
        base_url,
        &TenantScope::for_system_task(&crate::jobs::SystemTask::operator_provisioning(scope)?, t),
        actor,
        now,
        email,
        name,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for ok in ["ab", "vc-herentals", "club-2", "x1"] {
            assert!(is_valid_slug(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "-ab",
            "ab-",
            "a--b",
            "AB",
            "a b",
            "a/b",
            "é-club",
            &"a".repeat(64),
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn colors() {
        assert!(tessera_common::color::parse_hex("#1d3557").is_some());
        assert!(tessera_common::color::parse_hex("#ABCDEF").is_some());
        assert!(tessera_common::color::parse_hex("1d3557").is_none());
        assert!(tessera_common::color::parse_hex("#1d355").is_none());
        assert!(tessera_common::color::parse_hex("#1d355g").is_none());
        assert!(tessera_common::color::parse_hex("red").is_none());
    }
}
