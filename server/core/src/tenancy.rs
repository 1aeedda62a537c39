//! The records tenancy stands on, read by the resolver ([`crate::scope`]) before any
//! feature runs: the tenants with their plans (found by slug or id), the cache of their
//! default languages, and the state of a signed-in person (name, rights counter, second
//! factor, what is still pending after the password). Infrastructure: it imports no
//! feature. The features re-export what they show (`tenants::TenantRecord`,
//! `accounts::Pending`, …).

use crate::args;
use crate::db::Db;
use crate::error::Result;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tessera_common::dto::{PlanInfo, Stamp, TenantKind};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, IdentityId, Lang, TenantId};

// ---------------------------------------------------------------- tenants and plans

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

pub(crate) async fn plan_by_id(tx: &mut crate::db::Tx, id: &str) -> Result<Option<Plan>> {
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
    /// The club's contract ends at this instant (the start of `contract_end_on` in its time
    /// zone): read-only from then on.
    pub contract_ends_at: Option<Timestamp>,
    /// The last day of the contract, as the operator gave it.
    pub contract_end_on: Option<String>,
    /// Every row of the tenant is deleted from this instant on (the start of `deletion_on`).
    pub deletion_at: Option<Timestamp>,
    pub deletion_on: Option<String>,
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

    /// Since when the environment is read-only at `now`: its trial ended, or its contract.
    pub fn read_only_since(&self, now: Timestamp) -> Option<Timestamp> {
        [self.trial_ends_at, self.contract_ends_at]
            .into_iter()
            .flatten()
            .filter(|end| now >= *end)
            .min()
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct TenantRow {
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
    contract_ends_at: Option<i64>,
    contract_end_on: Option<String>,
    deletion_at: Option<i64>,
    deletion_on: Option<String>,
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
            contract_ends_at: r.contract_ends_at.map(Timestamp),
            contract_end_on: r.contract_end_on,
            deletion_at: r.deletion_at.map(Timestamp),
            deletion_on: r.deletion_on,
            version: r.version,
            stamp: Stamp {
                at: Timestamp(r.updated_at),
                by: r.updated_by_name,
            },
        }
    }
}

/// A tenant with its plan and logo hash: `FROM tenants t` joined as below.
pub(crate) const TENANT_SELECT: &str = "SELECT t.id, t.parent_id, t.kind, t.slug, t.name, t.status, t.city, \
    t.primary_color, t.accent_color, t.default_lang, t.updated_at, t.updated_by_name, t.version, \
    t.trial_ends_at, t.time_zone, t.plan_id, p.name AS plan_name, p.modules AS plan_modules, p.max_admins, \
    p.trial_days, l.hash AS logo_hash, t.contract_ends_at, t.contract_end_on, t.deletion_at, \
    t.deletion_on \
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

/// Every club, whatever its status (for the jobs that must reach a read-only club too).
pub async fn clubs(db: &Db) -> Result<Vec<TenantRecord>> {
    clubs_where(db, "").await
}

/// Every active club (for the jobs that run over all of them).
pub async fn active_clubs(db: &Db) -> Result<Vec<TenantRecord>> {
    clubs_where(db, " AND t.status = 'active'").await
}

/// The clubs that meet `condition` (a fixed text of this module), in id order.
async fn clubs_where(db: &Db, condition: &'static str) -> Result<Vec<TenantRecord>> {
    let mut tx = db.platform(false).await?;
    let rows: Vec<TenantRow> = tx
        .fetch_all(
            &format!("{TENANT_SELECT} WHERE t.kind = 'club'{condition} ORDER BY t.id"),
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
    pub(crate) fn get(&self, kind: TenantKind, slug: &str) -> Option<Option<Lang>> {
        let map = self.0.lock().ok()?;
        map.get(&(kind, slug.to_string()))
            .filter(|(_, at)| at.elapsed() < LANG_TTL)
            .map(|(lang, _)| *lang)
    }
    pub(crate) fn put(&self, kind: TenantKind, slug: &str, lang: Option<Lang>) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= LANG_CACHE_MAX {
                map.clear();
            }
            map.insert((kind, slug.to_string()), (lang, crate::clock::monotonic()));
        }
    }
    pub(crate) fn clear(&self) {
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

// ---------------------------------------------------------------- the signed-in person

/// What still stands between a password-verified session and the application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    /// The person has a second factor: the code is asked next.
    Verify,
    /// The person holds a staff role and has no second factor yet: enrolment comes first.
    Enrol,
}

/// The second-factor state of an identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactorState {
    pub totp_enabled: bool,
    pub is_staff: bool,
    pub recovery_codes_left: i64,
}

#[derive(sqlx::FromRow, Clone)]
pub(crate) struct StateRow {
    pub name: String,
    pub email: String,
    pub rights_serial: i64,
    totp_enabled_at: Option<i64>,
    outside_clubs: i64,
    codes: i64,
    staff_role: bool,
}

impl StateRow {
    pub(crate) fn factors(&self) -> FactorState {
        FactorState {
            totp_enabled: self.totp_enabled_at.is_some(),
            is_staff: self.outside_clubs > 0 || self.staff_role,
            recovery_codes_left: self.codes,
        }
    }
}

/// A person as every signed-in request needs them, in one statement: name, address, rights
/// counter and second-factor state. `None` when the identity no longer exists.
pub(crate) async fn state_row(tx: &mut crate::db::Tx, id: IdentityId) -> Result<Option<StateRow>> {
    tx.as_identity(id.0).await?;
    // A role marked as staff (the administrator role always is) in any club. On PostgreSQL
    // through `my_roles()`, which returns the roles of the identity set for the transaction.
    let staff_role = match tx.backend() {
        crate::db::Backend::Postgres => {
            "EXISTS (SELECT 1 FROM my_roles() r WHERE r.is_staff OR r.builtin = 'admin')"
        }
        crate::db::Backend::Sqlite => {
            "EXISTS (SELECT 1 FROM memberships m \
             JOIN membership_roles mr ON mr.tenant_id = m.tenant_id AND mr.membership_id = m.id \
             JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id \
             WHERE m.identity_id = i.id AND (r.is_staff OR r.builtin = 'admin'))"
        }
    };
    tx.fetch_optional(
        &format!(
            "SELECT i.name, i.email, i.rights_serial, i.totp_enabled_at, \
             (SELECT count(*) FROM memberships m JOIN tenants t ON t.id = m.tenant_id \
              WHERE m.identity_id = i.id AND t.kind <> 'club') AS outside_clubs, \
             (SELECT count(*) FROM recovery_codes r WHERE r.identity_id = i.id AND r.used_at IS NULL) AS codes, \
             {staff_role} AS staff_role \
             FROM identities i WHERE i.id = $1"
        ),
        args![id],
    )
    .await
}

/// The second-factor state of a person. They are staff (and must use a second factor) when
/// they belong to a federation or the operator, or hold a role marked as staff (the
/// administrator role always is) in any club.
pub async fn factor_state(db: &Db, id: IdentityId) -> Result<FactorState> {
    let mut tx = db.platform(false).await?;
    let row = state_row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(row.factors())
}

/// What is pending for a session that proved the password only.
pub fn pending_after_password(state: &FactorState) -> Option<Pending> {
    if state.totp_enabled {
        Some(Pending::Verify)
    } else if state.is_staff {
        Some(Pending::Enrol)
    } else {
        None
    }
}
