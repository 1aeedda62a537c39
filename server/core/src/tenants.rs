//! The tenant tree (operator → federations → clubs) and its platform-level queries.

use crate::db::{Backend, Db};
use crate::error::Result;
use crate::scope::{Actor, Permission, TenantScope};
use crate::{args, ids};
use tessera_common::dto::{
    AdminOverview, ClubSummary, DirectoryEntry, Role, Stamp, TenantKind, TenantOverviewRow,
};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, IdentityId, Lang, TenantId};

/// A tenant as stored.
#[derive(Clone, Debug)]
pub struct TenantRecord {
    pub id: TenantId,
    pub parent_id: Option<TenantId>,
    pub kind: TenantKind,
    pub slug: String,
    pub name: String,
    pub status: String,
    pub city: Option<String>,
    pub primary_color: String,
    pub accent_color: String,
    pub default_lang: Lang,
    pub stamp: Stamp,
}

#[derive(sqlx::FromRow)]
struct TenantRow {
    id: i64,
    parent_id: Option<i64>,
    kind: String,
    slug: String,
    name: String,
    status: String,
    city: Option<String>,
    primary_color: String,
    accent_color: String,
    default_lang: String,
    updated_at: i64,
    updated_by_name: Option<String>,
}

impl From<TenantRow> for TenantRecord {
    fn from(r: TenantRow) -> Self {
        TenantRecord {
            id: TenantId(r.id),
            parent_id: r.parent_id.map(TenantId),
            kind: TenantKind::parse(&r.kind).unwrap_or(TenantKind::Club),
            slug: r.slug,
            name: r.name,
            status: r.status,
            city: r.city,
            primary_color: r.primary_color,
            accent_color: r.accent_color,
            default_lang: Lang::parse(&r.default_lang).unwrap_or_default(),
            stamp: Stamp {
                at: Timestamp(r.updated_at),
                by: r.updated_by_name,
            },
        }
    }
}

const TENANT_COLS: &str = "id, parent_id, kind, slug, name, status, city, primary_color, \
    accent_color, default_lang, updated_at, updated_by_name";

/// Slugs are lowercase ASCII letters, digits and single hyphens, 2 to 63 characters.
pub fn is_valid_slug(s: &str) -> bool {
    (2..=63).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// `#rrggbb`.
pub fn is_valid_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

pub async fn find_by_slug(db: &Db, kind: TenantKind, slug: &str) -> Result<Option<TenantRecord>> {
    let mut tx = db.platform(false).await?;
    let row: Option<TenantRow> = tx
        .fetch_optional(
            &format!("SELECT {TENANT_COLS} FROM tenants WHERE slug = $1 AND kind = $2"),
            args![slug, kind.as_str()],
        )
        .await?;
    tx.commit().await?;
    Ok(row.map(Into::into))
}

pub async fn find_by_id(db: &Db, id: TenantId) -> Result<Option<TenantRecord>> {
    let mut tx = db.platform(false).await?;
    let row: Option<TenantRow> = tx
        .fetch_optional(
            &format!("SELECT {TENANT_COLS} FROM tenants WHERE id = $1"),
            args![id],
        )
        .await?;
    tx.commit().await?;
    Ok(row.map(Into::into))
}

/// The default language of the club or federation at this path, if it exists.
pub async fn default_lang(db: &Db, kind: TenantKind, slug: &str) -> Result<Option<Lang>> {
    if !is_valid_slug(slug) {
        return Ok(None);
    }
    Ok(find_by_slug(db, kind, slug).await?.map(|t| t.default_lang))
}

pub async fn operator_slug(db: &Db) -> Result<Option<String>> {
    let mut tx = db.platform(false).await?;
    let row: Option<(String,)> = tx
        .fetch_optional(
            "SELECT slug FROM tenants WHERE kind = 'operator' ORDER BY id LIMIT 1",
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(row.map(|r| r.0))
}

/// The role of `identity` in `tenant`, if they belong to it.
pub async fn role_of(db: &Db, tenant: TenantId, identity: IdentityId) -> Result<Option<Role>> {
    let mut tx = db.platform(false).await?;
    tx.as_identity(identity.0).await?;
    let row: Option<(String,)> = tx
        .fetch_optional(
            "SELECT role FROM memberships WHERE tenant_id = $1 AND identity_id = $2",
            args![tenant, identity],
        )
        .await?;
    tx.commit().await?;
    Ok(row.and_then(|r| Role::parse(&r.0)))
}

/// What a new tenant needs.
#[derive(Clone, Debug)]
pub struct NewTenant {
    pub parent: Option<TenantId>,
    pub kind: TenantKind,
    pub slug: String,
    pub name: String,
    pub city: Option<String>,
    pub primary_color: String,
    pub accent_color: String,
    pub default_lang: Lang,
}

impl NewTenant {
    fn validate(&self) -> Result<()> {
        if !is_valid_slug(&self.slug) {
            return Err(AppError::field(
                "slug",
                "use 2 to 63 lowercase letters, digits and single hyphens",
            ));
        }
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(AppError::field(
                "name",
                "give a name of 1 to 120 characters",
            ));
        }
        for (field, c) in [
            ("primary_color", &self.primary_color),
            ("accent_color", &self.accent_color),
        ] {
            if !is_valid_color(c) {
                return Err(AppError::field(field, "use a colour written as #rrggbb"));
            }
        }
        Ok(())
    }
}

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
            return Err(AppError::field(
                "parent",
                "a club belongs to a federation or the operator; a federation to the operator",
            ));
        }
    }
    let id = ids::new_id();
    tx.execute(
        "INSERT INTO tenants (id, parent_id, kind, slug, name, status, city, primary_color, \
         accent_color, default_lang, created_at, updated_at, updated_by, updated_by_name) \
         VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $9, $10, $10, $11, $12)",
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
            actor.stamp_name()
        ],
    )
    .await
    .map_err(|e| match e {
        AppError::Conflict(_) => AppError::field("slug", "this address is already taken"),
        other => other,
    })?;
    tx.commit().await?;
    find_by_id(db, TenantId(id))
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(sqlx::FromRow)]
struct DirectoryRow {
    slug: String,
    name: String,
    city: Option<String>,
    federation: Option<String>,
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

#[derive(sqlx::FromRow)]
struct UsageRow {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    status: String,
    city: Option<String>,
    parent: Option<String>,
    members: i64,
    active_members: i64,
    users: i64,
}

/// Counts per tenant (members, active members, users), optionally only the children of
/// `parent`. Counts only: no record of any tenant is read by the caller.
async fn usage(db: &Db, parent: Option<TenantId>) -> Result<Vec<UsageRow>> {
    let mut tx = db.platform(false).await?;
    let sql = match tx.backend() {
        Backend::Postgres => {
            "SELECT t.id, t.slug, t.name, t.kind, t.status, t.city, p.name AS parent, \
             u.members, u.active_members, u.users \
             FROM tenant_usage($1) u JOIN tenants t ON t.id = u.tenant_id \
             LEFT JOIN tenants p ON p.id = t.parent_id ORDER BY t.kind DESC, t.name"
        }
        Backend::Sqlite => {
            "SELECT t.id, t.slug, t.name, t.kind, t.status, t.city, p.name AS parent, \
             (SELECT count(*) FROM members m WHERE m.tenant_id = t.id) AS members, \
             (SELECT count(*) FROM members m WHERE m.tenant_id = t.id AND m.status = 'active') AS active_members, \
             (SELECT count(*) FROM memberships s WHERE s.tenant_id = t.id) AS users \
             FROM tenants t LEFT JOIN tenants p ON p.id = t.parent_id \
             WHERE $1 IS NULL OR t.parent_id = $1 ORDER BY t.kind DESC, t.name"
        }
    };
    let rows = tx.fetch_all(sql, args![parent]).await?;
    tx.commit().await?;
    Ok(rows)
}

/// The clubs affiliated to the federation in `scope`, with their counts.
pub async fn federation_clubs(db: &Db, scope: &TenantScope) -> Result<Vec<ClubSummary>> {
    scope.require(Permission::FederationClubsView)?;
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
    scope.require(Permission::PlatformOverview)?;
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
            members: r.members,
            users: r.users,
        })
        .collect();
    Ok(AdminOverview {
        tenants,
        stamp: scope.tenant().stamp.clone(),
    })
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
        assert!(is_valid_color("#1d3557"));
        assert!(is_valid_color("#ABCDEF"));
        assert!(!is_valid_color("1d3557"));
        assert!(!is_valid_color("#1d355"));
        assert!(!is_valid_color("#1d355g"));
        assert!(!is_valid_color("red"));
    }
}
