//! The tenant tree (operator → federations → clubs) and its platform-level queries.

use crate::db::{Backend, Db};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{accounts, args, ids};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tessera_common::color::{self, MIN_TEXT_CONTRAST, TEXT_ON_ACCENT, TEXT_ON_PRIMARY};
use tessera_common::dto::{
    AdminOverview, ClubSummary, DirectoryEntry, LookSettings, PlanInfo, Stamp, TenantKind,
    TenantOverviewRow,
};
use tessera_common::modules::{
    FEDERATION_CLUBS_VIEW, PLATFORM_MANAGE, PLATFORM_OVERVIEW, SETTINGS_MANAGE,
};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, Lang, TenantId};
use tessera_common::{Msg, Problem};

/// A plan: the switchable modules a tenant may use, a cap on administrators, and whether it
/// is a trial with its length. A reference table, shared by every tenant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub modules: Vec<String>,
    pub max_admins: Option<i64>,
    pub trial_days: Option<i64>,
}

impl Plan {
    pub fn info(&self) -> PlanInfo {
        PlanInfo {
            id: self.id.clone(),
            name: self.name.clone(),
            modules: self.modules.clone(),
            max_admins: self.max_admins,
            trial_days: self.trial_days,
        }
    }
    pub fn contains(&self, module: &str) -> bool {
        self.modules.iter().any(|m| m == module)
    }
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: String,
    name: String,
    modules: String,
    max_admins: Option<i64>,
    trial_days: Option<i64>,
}

impl From<PlanRow> for Plan {
    fn from(r: PlanRow) -> Self {
        Plan {
            id: r.id,
            name: r.name,
            modules: r.modules.split_whitespace().map(str::to_string).collect(),
            max_admins: r.max_admins,
            trial_days: r.trial_days,
        }
    }
}

/// Every plan, in their display order.
pub async fn plans(db: &Db) -> Result<Vec<Plan>> {
    let mut tx = db.platform(false).await?;
    let rows: Vec<PlanRow> = tx
        .fetch_all(
            "SELECT id, name, modules, max_admins, trial_days FROM plans ORDER BY sort, id",
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

async fn plan_by_id(tx: &mut crate::db::Tx, id: &str) -> Result<Option<Plan>> {
    let row: Option<PlanRow> = tx
        .fetch_optional(
            "SELECT id, name, modules, max_admins, trial_days FROM plans WHERE id = $1",
            args![id],
        )
        .await?;
    Ok(row.map(Into::into))
}

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
    pub plan: Option<Plan>,
    pub trial_ends_at: Option<Timestamp>,
    /// The tenant's time zone (a time-zone database name, `Europe/Brussels` by default):
    /// where the days of dates that belong to a day are taken.
    pub time_zone: String,
    /// The hash of the logo, which versions its address; `None` without a logo.
    pub logo_hash: Option<String>,
    pub version: i64,
    pub stamp: Stamp,
}

impl TenantRecord {
    /// The logo's address, versioned by its content so it can be cached for long.
    pub fn logo_url(&self) -> Option<String> {
        let base = match self.kind {
            TenantKind::Club => format!("/c/{}", self.slug),
            TenantKind::Federation => format!("/f/{}", self.slug),
            TenantKind::Operator => return None,
        };
        self.logo_hash
            .as_ref()
            .map(|h| format!("{base}/logo?v={}", &h[..h.len().min(16)]))
    }
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
    version: i64,
    trial_ends_at: Option<i64>,
    time_zone: String,
    plan_id: Option<String>,
    plan_name: Option<String>,
    plan_modules: Option<String>,
    max_admins: Option<i64>,
    trial_days: Option<i64>,
    logo_hash: Option<String>,
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
            plan: match (r.plan_id, r.plan_name) {
                (Some(id), Some(name)) => Some(Plan::from(PlanRow {
                    id,
                    name,
                    modules: r.plan_modules.unwrap_or_default(),
                    max_admins: r.max_admins,
                    trial_days: r.trial_days,
                })),
                _ => None,
            },
            trial_ends_at: r.trial_ends_at.map(Timestamp),
            time_zone: r.time_zone,
            logo_hash: r.logo_hash,
            version: r.version,
            stamp: Stamp {
                at: Timestamp(r.updated_at),
                by: r.updated_by_name,
            },
        }
    }
}

/// A tenant with its plan and logo hash: `FROM tenants t` joined as below.
const TENANT_SELECT: &str = "SELECT t.id, t.parent_id, t.kind, t.slug, t.name, t.status, t.city, \
    t.primary_color, t.accent_color, t.default_lang, t.updated_at, t.updated_by_name, t.version, \
    t.trial_ends_at, t.time_zone, t.plan_id, p.name AS plan_name, p.modules AS plan_modules, p.max_admins, \
    p.trial_days, l.hash AS logo_hash \
    FROM tenants t LEFT JOIN plans p ON p.id = t.plan_id LEFT JOIN tenant_logos l ON l.tenant_id = t.id";

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
    color::parse_hex(s).is_some()
}

/// Checks the club's colours: each a `#rrggbb` colour, the primary readable under white
/// text (the header, buttons), the accent under dark text (highlights), both at the WCAG AA
/// ratio for text.
pub fn check_colors(primary: &str, accent: &str) -> Result<()> {
    let mut problems = Vec::new();
    for (field, c, text, on) in [
        ("primary_color", primary, TEXT_ON_PRIMARY, Msg::ErrWhiteText),
        ("accent_color", accent, TEXT_ON_ACCENT, Msg::ErrDarkText),
    ] {
        match color::contrast_ratio(c, text) {
            None => problems.push(tessera_common::FieldError::new(field, Msg::ErrColorFormat)),
            Some(r) if r < MIN_TEXT_CONTRAST => problems.push(tessera_common::FieldError::new(
                field,
                Problem::new(Msg::ErrColorContrast)
                    .arg_msg("on", on)
                    .arg("ratio", format!("{r:.1}"))
                    .arg("min", MIN_TEXT_CONTRAST),
            )),
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

pub async fn find_by_slug(db: &Db, kind: TenantKind, slug: &str) -> Result<Option<TenantRecord>> {
    let mut tx = db.platform(false).await?;
    let found = find_by_slug_in(&mut tx, kind, slug).await?;
    tx.commit().await?;
    Ok(found)
}

/// [`find_by_slug`] inside a transaction the caller goes on with (the scope resolver).
pub(crate) async fn find_by_slug_in(
    tx: &mut crate::db::Tx,
    kind: TenantKind,
    slug: &str,
) -> Result<Option<TenantRecord>> {
    let row: Option<TenantRow> = tx
        .fetch_optional(
            &format!("{TENANT_SELECT} WHERE t.slug = $1 AND t.kind = $2"),
            args![slug, kind.as_str()],
        )
        .await?;
    Ok(row.map(Into::into))
}

pub async fn find_by_id(db: &Db, id: TenantId) -> Result<Option<TenantRecord>> {
    let mut tx = db.platform(false).await?;
    let row: Option<TenantRow> = tx
        .fetch_optional(&format!("{TENANT_SELECT} WHERE t.id = $1"), args![id])
        .await?;
    tx.commit().await?;
    Ok(row.map(Into::into))
}

/// Every active club (for the jobs that run over all of them).
pub async fn active_clubs(db: &Db) -> Result<Vec<TenantRecord>> {
    let mut tx = db.platform(false).await?;
    let rows: Vec<TenantRow> = tx
        .fetch_all(
            &format!("{TENANT_SELECT} WHERE t.kind = 'club' AND t.status = 'active' ORDER BY t.id"),
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The default language of the club or federation at this path, if it exists.
/// Tenants' default languages by kind and slug with the moment they were read: every page
/// visited without a language cookie asks for its club's, so they are kept for
/// [`LANG_TTL`]. A change of the look clears them in this process; another process serving
/// the same database sees it once its copy is older than that.
#[derive(Clone, Default)]
pub(crate) struct LangCache(Arc<Mutex<LangMap>>);

/// Kind and slug → the default language (`None`: no such tenant) and when it was read.
type LangMap = HashMap<(TenantKind, String), (Option<Lang>, Instant)>;

const LANG_TTL: Duration = Duration::from_secs(5);
/// Unknown paths are kept too (probing costs no reads); past this many entries the cache
/// starts over.
const LANG_CACHE_MAX: usize = 10_000;

impl LangCache {
    fn get(&self, kind: TenantKind, slug: &str) -> Option<Option<Lang>> {
        let map = self.0.lock().ok()?;
        map.get(&(kind, slug.to_string()))
            .filter(|(_, at)| at.elapsed() < LANG_TTL)
            .map(|(lang, _)| *lang)
    }
    fn put(&self, kind: TenantKind, slug: &str, lang: Option<Lang>) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= LANG_CACHE_MAX {
                map.clear();
            }
            map.insert((kind, slug.to_string()), (lang, crate::clock::monotonic()));
        }
    }
    fn clear(&self) {
        if let Ok(mut map) = self.0.lock() {
            map.clear();
        }
    }
}

/// The default language of the club or federation at `slug`, `None` when there is none.
pub async fn default_lang(db: &Db, kind: TenantKind, slug: &str) -> Result<Option<Lang>> {
    if !is_valid_slug(slug) {
        return Ok(None);
    }
    if let Some(lang) = db.langs.get(kind, slug) {
        return Ok(lang);
    }
    let lang = find_by_slug(db, kind, slug).await?.map(|t| t.default_lang);
    db.langs.put(kind, slug, lang);
    Ok(lang)
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
    /// The plan of a club (`None` for federations and the operator, whose modules are
    /// always on).
    pub plan: Option<String>,
}

impl NewTenant {
    fn validate(&self) -> Result<()> {
        if !is_valid_slug(&self.slug) {
            return Err(AppError::field("slug", Msg::ErrTenantSlug));
        }
        crate::identities::check_name("name", &self.name)?;
        if self.city.as_ref().is_some_and(|c| c.chars().count() > 120) {
            return Err(AppError::field("city", Msg::ErrCityLength));
        }
        check_colors(&self.primary_color, &self.accent_color)
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
    plan: Option<String>,
    trial_ends_at: Option<i64>,
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
             pl.name AS plan, t.trial_ends_at, u.members, u.active_members, u.users \
             FROM tenant_usage($1) u JOIN tenants t ON t.id = u.tenant_id \
             LEFT JOIN tenants p ON p.id = t.parent_id LEFT JOIN plans pl ON pl.id = t.plan_id \
             ORDER BY t.kind DESC, t.name"
        }
        Backend::Sqlite => {
            "SELECT t.id, t.slug, t.name, t.kind, t.status, t.city, p.name AS parent, \
             pl.name AS plan, t.trial_ends_at, \
             (SELECT count(*) FROM members m WHERE m.tenant_id = t.id) AS members, \
             (SELECT count(*) FROM members m WHERE m.tenant_id = t.id AND m.status = 'active') AS active_members, \
             (SELECT count(*) FROM memberships s WHERE s.tenant_id = t.id) AS users \
             FROM tenants t LEFT JOIN tenants p ON p.id = t.parent_id \
             LEFT JOIN plans pl ON pl.id = t.plan_id \
             WHERE $1 IS NULL OR t.parent_id = $1 ORDER BY t.kind DESC, t.name"
        }
    };
    let rows = tx.fetch_all(sql, args![parent]).await?;
    tx.commit().await?;
    Ok(rows)
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

/// A club or federation of the platform, found by the operator (never the operator itself).
async fn managed_tenant(tx: &mut crate::db::Tx, slug: &str) -> Result<TenantRecord> {
    if !is_valid_slug(slug) {
        return Err(AppError::NotFound);
    }
    let row: Option<TenantRow> = tx
        .fetch_optional(
            &format!("{TENANT_SELECT} WHERE t.slug = $1 AND t.kind <> 'operator'"),
            args![slug],
        )
        .await?;
    row.map(Into::into).ok_or(AppError::NotFound)
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

/// The club's look as its settings page shows it.
pub fn look(scope: &TenantScope) -> Result<LookSettings> {
    scope.require(SETTINGS_MANAGE)?;
    let t = scope.tenant();
    Ok(LookSettings {
        name: t.name.clone(),
        primary_color: t.primary_color.clone(),
        accent_color: t.accent_color.clone(),
        default_lang: t.default_lang.code().to_string(),
        logo: t.logo_url(),
        version: t.version,
        stamp: t.stamp.clone(),
    })
}

/// What an administrator may change of the club's look.
#[derive(Clone, Debug)]
pub struct LookInput {
    pub name: String,
    pub primary_color: String,
    pub accent_color: String,
    pub default_lang: String,
}

/// Changes the club's display name, colours and default language, all checked first and
/// saved together; a change made meanwhile by someone else is a conflict.
pub async fn update_look(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: LookInput,
    expected_version: i64,
) -> Result<()> {
    scope.require(SETTINGS_MANAGE)?;
    scope.writable()?;
    let mut problems = Vec::new();
    let name = match crate::identities::check_name("name", &input.name) {
        Ok(n) => n,
        Err(AppError::Invalid(mut f)) => {
            problems.append(&mut f);
            String::new()
        }
        Err(e) => return Err(e),
    };
    let name = name.as_str();
    let lang = Lang::ALL
        .into_iter()
        .find(|l| l.code() == input.default_lang);
    if lang.is_none() {
        problems.push(tessera_common::FieldError {
            field: "default_lang".into(),
            problem: Msg::ErrChooseLang.into(),
        });
    }
    let primary = input.primary_color.trim().to_ascii_lowercase();
    let accent = input.accent_color.trim().to_ascii_lowercase();
    if let Err(AppError::Invalid(mut more)) = check_colors(&primary, &accent) {
        problems.append(&mut more);
    }
    let Some(lang) = lang.filter(|_| problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let mut tx = db.platform(true).await?;
    let n = tx
        .execute(
            "UPDATE tenants SET name = $2, primary_color = $3, accent_color = $4, default_lang = $5, \
             updated_at = $6, updated_by = $7, updated_by_name = $8, version = version + 1 \
             WHERE id = $1 AND version = $9",
            args![
                scope.tenant_id(),
                name,
                primary,
                accent,
                lang.code(),
                now,
                actor.identity,
                actor.stamp_name(),
                expected_version
            ],
        )
        .await?;
    if n != 1 {
        let t = scope.tenant();
        return Err(AppError::Conflict(
            Problem::new(Msg::ErrSettingsChanged)
                .arg_or("who", t.stamp.by.clone(), Msg::SystemActor)
                .arg("when", t.stamp.at.format_brussels()),
        ));
    }
    accounts::log_in_tx(
        &mut tx,
        actor.identity,
        Some(scope.tenant_id()),
        "look_changed",
        Some(name),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    db.langs.clear();
    Ok(())
}

/// The logo of a club or federation: content type, bytes and content hash.
#[derive(sqlx::FromRow)]
pub struct Logo {
    pub content_type: String,
    pub data: Vec<u8>,
    pub hash: String,
}

/// The logo of the tenant at this path, if it exists and has one. Public, like the
/// tenant's name: it appears on its public pages and in its mails.
pub async fn logo(db: &Db, kind: TenantKind, slug: &str) -> Result<Option<Logo>> {
    if !is_valid_slug(slug) {
        return Ok(None);
    }
    let mut tx = db.platform(false).await?;
    let row: Option<Logo> = tx
        .fetch_optional(
            "SELECT l.content_type, l.data, l.hash FROM tenant_logos l JOIN tenants t ON t.id = l.tenant_id \
             WHERE t.slug = $1 AND t.kind = $2 AND t.status = 'active'",
            args![slug, kind.as_str()],
        )
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// Stores a checked logo (see `logo::check`) for the club in `scope`, replacing any other.
pub async fn set_logo(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    logo: crate::logo::CheckedLogo,
) -> Result<()> {
    scope.require(SETTINGS_MANAGE)?;
    scope.writable()?;
    let mut tx = db.platform(true).await?;
    // The logo is the club's: written with the club set for row-level security.
    tx.as_tenant(scope.tenant_id(), scope.identity_id().map(|i| i.0))
        .await?;
    tx.execute(
        "DELETE FROM tenant_logos WHERE tenant_id = $1",
        args![scope.tenant_id()],
    )
    .await?;
    tx.execute(
        "INSERT INTO tenant_logos (tenant_id, content_type, data, hash, updated_at, updated_by, updated_by_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        args![
            scope.tenant_id(),
            logo.content_type,
            logo.data,
            logo.hash,
            now,
            actor.identity,
            actor.stamp_name()
        ],
    )
    .await?;
    touch(&mut tx, scope, actor, now).await?;
    let detail = format!(
        "{} · {} × {} px",
        logo.content_type, logo.width, logo.height
    );
    accounts::log_in_tx(
        &mut tx,
        actor.identity,
        Some(scope.tenant_id()),
        "logo_changed",
        Some(&detail),
        None,
        now,
    )
    .await?;
    tx.commit().await
}

/// Removes the club's logo.
pub async fn remove_logo(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
) -> Result<()> {
    scope.require(SETTINGS_MANAGE)?;
    scope.writable()?;
    let mut tx = db.platform(true).await?;
    tx.as_tenant(scope.tenant_id(), scope.identity_id().map(|i| i.0))
        .await?;
    let n = tx
        .execute(
            "DELETE FROM tenant_logos WHERE tenant_id = $1",
            args![scope.tenant_id()],
        )
        .await?;
    if n > 0 {
        touch(&mut tx, scope, actor, now).await?;
        accounts::log_in_tx(
            &mut tx,
            actor.identity,
            Some(scope.tenant_id()),
            "logo_removed",
            None,
            None,
            now,
        )
        .await?;
    }
    tx.commit().await
}

/// Stamps the tenant row with a change to something it owns (its logo).
async fn touch(
    tx: &mut crate::db::Tx,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "UPDATE tenants SET updated_at = $2, updated_by = $3, updated_by_name = $4, version = version + 1 WHERE id = $1",
        args![scope.tenant_id(), now, actor.identity, actor.stamp_name()],
    )
    .await
    .map(|_| ())
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
        if crate::identities::normalize_email(email).is_none() {
            return Err(AppError::field("admin_email", Msg::ErrEmailInvalid));
        }
        crate::identities::check_name("admin_name", name)?;
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
        assert!(is_valid_color("#1d3557"));
        assert!(is_valid_color("#ABCDEF"));
        assert!(!is_valid_color("1d3557"));
        assert!(!is_valid_color("#1d355"));
        assert!(!is_valid_color("#1d355g"));
        assert!(!is_valid_color("red"));
    }
}
