//! Licences (issue 18, deliverable 2).
//!
//! - The federation (`licences.manage`) defines its seasons (no two overlap) and its licence
//!   categories (a fee in cents; an age band on a reference date), and approves, refuses
//!   with a reason, suspends or ends the licences clubs request ([`decide`]).
//! - A club (`licences.request`) requests licences for its members ([`request`]): one, a
//!   selection or the whole filtered register, for a season and category of a federation it
//!   is actively affiliated to under accepted terms. The request copies the member's SHARED
//!   fields only (`fedcopy`) into the federation's `fed_people` and adds a `requested`
//!   licence, all in the club's one write transaction switched to the federation for its
//!   statements: all or nothing.
//! - Licence numbers (`numbers`): an 8-digit serial with a Luhn check digit, given when a
//!   person is first licensed, kept across clubs and seasons.
//! - A member sees their own licences ([`mine`]), read through the federation rows of
//!   (this club, this member) only.
//!
//! Restricted records never appear in a federation's views; [`refresh_shared`] keeps the
//! copy right when the club changes a record.

pub mod numbers;

pub use crate::fedcopy::refresh_shared;

use crate::affiliations::{self, Affiliation};
use crate::args;
use crate::db::{Backend, Db, TenantTx, Value};
use crate::error::Result;
use crate::fedcopy::{self, MemberSource};
use crate::ids;
use crate::scope::{Actor, TenantScope};
use std::collections::{BTreeMap, BTreeSet};
use tessera_common::dto::{MemberFilter, TenantKind};
use tessera_common::licence::*;
use tessera_common::modules::{LICENCES_MANAGE, LICENCES_REQUEST, MEMBERS_VIEW};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, FieldError, MemberId, Msg, Problem, TenantId};

/// The most members one request licenses (a whole club's register fits).
pub const MAX_REQUEST: usize = 5_000;
/// The most licences one decision changes.
pub const MAX_DECIDE: usize = 1_000;
/// The rows of the federation's licence list.
pub const LIST_ROWS: i64 = 200;

fn invalid(field: &str, p: impl Into<Problem>) -> FieldError {
    FieldError::new(field, p)
}

fn done(problems: Vec<FieldError>) -> Result<()> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

fn check_name(p: &mut Vec<FieldError>, v: &str) -> String {
    let v = v.trim();
    if v.is_empty() {
        p.push(invalid("name", Msg::ErrRequired));
    } else if v.chars().count() > 80 || v.chars().any(char::is_control) {
        p.push(invalid(
            "name",
            Problem::new(Msg::ErrMaxChars).arg("max", 80),
        ));
    }
    v.to_string()
}

fn require_federation(scope: &TenantScope) -> Result<()> {
    scope.require(LICENCES_MANAGE)?;
    if scope.kind() != TenantKind::Federation {
        return Err(AppError::NotFound);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Seasons and categories

#[derive(sqlx::FromRow)]
struct SeasonRow {
    id: i64,
    name: String,
    starts_on: String,
    ends_on: String,
}

impl From<SeasonRow> for FedSeason {
    fn from(r: SeasonRow) -> Self {
        FedSeason {
            id: r.id,
            name: r.name,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
        }
    }
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    name: String,
    fee_cents: i64,
    min_age: Option<i64>,
    max_age: Option<i64>,
    age_on: Option<String>,
}

impl From<CategoryRow> for LicenceCategory {
    fn from(r: CategoryRow) -> Self {
        LicenceCategory {
            id: r.id,
            name: r.name,
            fee_cents: r.fee_cents,
            min_age: r.min_age,
            max_age: r.max_age,
            age_on: r.age_on,
        }
    }
}

async fn seasons_in(tx: &mut TenantTx) -> Result<Vec<FedSeason>> {
    let rows: Vec<SeasonRow> = tx
        .fetch_all(
            "SELECT id, name, starts_on, ends_on FROM fed_seasons WHERE tenant_id = $1 \
             ORDER BY starts_on DESC",
            args![],
        )
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

async fn categories_in(tx: &mut TenantTx) -> Result<Vec<LicenceCategory>> {
    let rows: Vec<CategoryRow> = tx
        .fetch_all(
            "SELECT id, name, fee_cents, min_age, max_age, age_on FROM licence_categories \
             WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY name",
            args![],
        )
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Adds a season (`licences.manage`): a name, a start and an end date; a season that
/// overlaps another is refused.
pub async fn add_season(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    form: &SeasonForm,
) -> Result<i64> {
    require_federation(scope)?;
    let mut p = Vec::new();
    let name = check_name(&mut p, &form.name);
    let start = Date::parse(form.starts_on.trim());
    let end = Date::parse(form.ends_on.trim());
    if start.is_none() {
        p.push(invalid("starts_on", Msg::ErrDateFormat));
    }
    if end.is_none() {
        p.push(invalid("ends_on", Msg::ErrDateFormat));
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            p.push(invalid("ends_on", Msg::ErrToBeforeFrom));
        } else if s.plus_years(2) < e {
            p.push(invalid("ends_on", Msg::ErrLicSeasonLength));
        }
    }
    done(p)?;
    let (starts_on, ends_on) = (form.starts_on.trim(), form.ends_on.trim());
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let overlap: Option<(String,)> = tx
        .fetch_optional(
            "SELECT name FROM fed_seasons WHERE tenant_id = $1 AND starts_on <= $3 \
             AND ends_on >= $2 ORDER BY starts_on LIMIT 1",
            args![starts_on, ends_on],
        )
        .await?;
    if let Some((other,)) = overlap {
        return Err(AppError::field(
            "starts_on",
            Problem::new(Msg::ErrLicSeasonOverlap).arg("name", other),
        ));
    }
    let taken: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM fed_seasons WHERE tenant_id = $1 AND name = $2",
            args![name.as_str()],
        )
        .await?;
    if taken.is_some() {
        return Err(AppError::field("name", Msg::ErrValueTaken));
    }
    let id = ids::new_id();
    tx.insert(
        "fed_seasons",
        vec![
            ("id", id.into()),
            ("name", name.into()),
            ("starts_on", starts_on.into()),
            ("ends_on", ends_on.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log("fed_season_added", Some(&format!("{starts_on}..{ends_on}")))
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Checks a category form: the fee in euro (to cents), the age band with its reference
/// date `MM-DD`.
type CheckedCategory = (String, i64, Option<i64>, Option<i64>, Option<String>);

fn check_category(form: &CategoryForm) -> Result<CheckedCategory> {
    let mut p = Vec::new();
    let name = check_name(&mut p, &form.name);
    let fee = if form.fee.trim().is_empty() {
        Some(0)
    } else {
        tessera_common::money::parse_cents(&form.fee).filter(|c| *c <= 100_000_000)
    };
    if fee.is_none() {
        p.push(invalid("fee", Msg::ErrLicFee));
    }
    let age = |field: &str, v: &str, p: &mut Vec<FieldError>| -> Option<i64> {
        let v = v.trim();
        if v.is_empty() {
            return None;
        }
        match v.parse::<i64>() {
            Ok(n) if (0..=120).contains(&n) => Some(n),
            _ => {
                p.push(invalid(field, Msg::ErrLicAge));
                None
            }
        }
    };
    let min_age = age("min_age", &form.min_age, &mut p);
    let max_age = age("max_age", &form.max_age, &mut p);
    if let (Some(a), Some(b)) = (min_age, max_age) {
        if b < a {
            p.push(invalid("max_age", Msg::ErrLicAge));
        }
    }
    let age_on = form.age_on.trim();
    let age_on = if min_age.is_none() && max_age.is_none() {
        if !age_on.is_empty() && month_day(age_on).is_none() {
            p.push(invalid("age_on", Msg::ErrLicAgeOn));
        }
        month_day(age_on).map(|_| age_on.to_string())
    } else if month_day(age_on).is_none() {
        p.push(invalid("age_on", Msg::ErrLicAgeOn));
        None
    } else {
        Some(age_on.to_string())
    };
    done(p)?;
    Ok((name, fee.unwrap_or(0), min_age, max_age, age_on))
}

/// `MM-DD` as (month, day), a day that exists in a leap year.
fn month_day(v: &str) -> Option<(u8, u8)> {
    let b = v.as_bytes();
    if b.len() != 5 || b[2] != b'-' {
        return None;
    }
    let m: u8 = v.get(..2)?.parse().ok()?;
    let d: u8 = v.get(3..)?.parse().ok()?;
    Date::new(2000, m, d).map(|_| (m, d))
}

/// The reference date of an age band in a season: the first `MM-DD` on or after the
/// season's start (29 February in a common year: 28 February).
pub fn reference_date(season_start: Date, age_on: &str) -> Option<Date> {
    let (m, d) = month_day(age_on)?;
    let on = |y: i32| Date::new(y, m, d).or_else(|| Date::new(y, m, d - 1));
    let first = on(season_start.year)?;
    if first < season_start {
        on(season_start.year + 1)
    } else {
        Some(first)
    }
}

/// Adds a licence category (`licences.manage`).
pub async fn add_category(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    form: &CategoryForm,
) -> Result<i64> {
    require_federation(scope)?;
    let (name, fee, min_age, max_age, age_on) = check_category(form)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let taken: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM licence_categories WHERE tenant_id = $1 AND name = $2",
            args![name.as_str()],
        )
        .await?;
    if taken.is_some() {
        return Err(AppError::field("name", Msg::ErrValueTaken));
    }
    let id = ids::new_id();
    tx.insert(
        "licence_categories",
        vec![
            ("id", id.into()),
            ("name", name.into()),
            ("fee_cents", fee.into()),
            ("min_age", min_age.into()),
            ("max_age", max_age.into()),
            ("age_on", age_on.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log("licence_category_added", None).await?;
    tx.commit().await?;
    Ok(id)
}

// ---------------------------------------------------------------------------------------
// The federation's licence list and decisions

#[derive(sqlx::FromRow)]
struct FedLicenceDbRow {
    id: i64,
    licence_number: String,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    club: String,
    season: String,
    category: String,
    status: String,
    reason: Option<String>,
    person_club: i64,
    member_id: i64,
}

const STATUSES: &[&str] = &["requested", "approved", "refused", "suspended", "ended"];

/// The federation's licences page (`licences.manage`): its seasons, categories and the
/// licences of its actively affiliated clubs (restricted people never), filtered by season
/// and status, at most [`LIST_ROWS`]. Shows names: a read of personal data, recorded in
/// each club whose people the page shows (`fedreads::log_read`, one entry per club with
/// the people shown, "licences"), in the page's own transaction (fedlog18). A read of a
/// read-only federation is still recorded.
pub async fn overview(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    filter: &FedLicenceFilter,
) -> Result<FedLicences> {
    require_federation(scope)?;
    let mut p = Vec::new();
    let status = filter.status.trim();
    if !status.is_empty() && !STATUSES.contains(&status) {
        p.push(invalid("status", Msg::ErrChooseStatus));
    }
    let season = match filter.season.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                p.push(invalid("season", Msg::ErrChooseOption));
                None
            }
        },
    };
    done(p)?;
    let mut tx = db.tenant_read(scope).await?;
    let seasons = seasons_in(&mut tx).await?;
    let categories = categories_in(&mut tx).await?;
    // The clubs actively affiliated, asked once (PostgreSQL: an array, `$1` and not
    // `l.tenant_id` so it is not asked per licence; SQLite: a list subquery), with `+ 0` /
    // `+` so no club index drives the read; the rows in the order of the people's search
    // index, so a federation of a million licences reads the first 200 people and stops
    // (the season-first order sorted every licence: 4.5 s at 850,000 on PostgreSQL); the
    // matches counted up to COUNT_CAP + 1 (6 s in full). SQLite, which plans without
    // statistics, is told the order: from the people, or from the licences of the status
    // asked for (`licences_status`, migration 0054: a few thousand requests among
    // 850,000 licences); its correlated EXISTS read every affiliation per licence.
    let (affiliated, from) = match tx.backend() {
        Backend::Postgres => (
            "(l.club_id + 0) = ANY(ARRAY(SELECT a.club_id FROM affiliations a \
             WHERE a.federation_id = $1 AND a.status = 'active'))",
            "FROM licences l \
             JOIN fed_people p ON p.tenant_id = l.tenant_id AND p.id = l.person_id \
             JOIN fed_seasons s ON s.tenant_id = l.tenant_id AND s.id = l.season_id \
             JOIN licence_categories c ON c.tenant_id = l.tenant_id AND c.id = l.category_id",
        ),
        Backend::Sqlite => (
            "+l.club_id IN (SELECT a.club_id FROM affiliations a \
             WHERE a.federation_id = $1 AND a.status = 'active')",
            if status.is_empty() {
                "FROM fed_people p \
                 CROSS JOIN licences l ON l.tenant_id = p.tenant_id AND l.person_id = p.id \
                 CROSS JOIN fed_seasons s ON s.tenant_id = l.tenant_id AND s.id = l.season_id \
                 CROSS JOIN licence_categories c ON c.tenant_id = l.tenant_id AND c.id = l.category_id"
            } else {
                "FROM licences l \
                 CROSS JOIN fed_people p ON p.tenant_id = l.tenant_id AND p.id = l.person_id \
                 CROSS JOIN fed_seasons s ON s.tenant_id = l.tenant_id AND s.id = l.season_id \
                 CROSS JOIN licence_categories c ON c.tenant_id = l.tenant_id AND c.id = l.category_id"
            },
        ),
    };
    let mut cond = format!("p.restricted = $2 AND {affiliated}");
    let mut args: Vec<Value> = args![false];
    if let Some(s) = season {
        args.push(s.into());
        cond.push_str(&format!(" AND l.season_id = ${}", args.len() + 1));
    }
    if !status.is_empty() {
        args.push(status.into());
        cond.push_str(&format!(" AND l.status = ${}", args.len() + 1));
    }
    let (total,): (i64,) = tx
        .fetch_one(
            &format!(
                "SELECT count(*) FROM (SELECT 1 FROM licences l \
                 JOIN fed_people p ON p.tenant_id = l.tenant_id AND p.id = l.person_id \
                 WHERE l.tenant_id = $1 AND {cond} LIMIT {}) x",
                COUNT_CAP + 1
            ),
            args.clone(),
        )
        .await?;
    let (family, given) = crate::fedreads::name_keys(tx.backend());
    let rows: Vec<FedLicenceDbRow> = tx
        .fetch_all(
            &format!(
                "SELECT l.id, p.licence_number, p.given_name, p.family_name, p.birth_date, \
                 (SELECT t.name FROM tenants t WHERE t.id = l.club_id) AS club, \
                 s.name AS season, c.name AS category, l.status, l.reason, \
                 p.club_id AS person_club, p.member_id \
                 {from} WHERE l.tenant_id = $1 AND {cond} \
                 ORDER BY {family}, {given}, p.id, s.starts_on DESC, l.id LIMIT {LIST_ROWS}"
            ),
            args,
        )
        .await?;
    // The read, in each club whose shared data the rows show (the copy's club), each
    // person once however many seasons they appear in.
    let mut seen = BTreeSet::new();
    let reads: Vec<crate::fedreads::Read> = rows
        .iter()
        .filter(|r| seen.insert((r.person_club, r.member_id)))
        .map(|r| crate::fedreads::Read {
            club: TenantId(r.person_club),
            member: r.member_id,
        })
        .collect();
    tx.commit().await?;
    crate::fedreads::log_read_after(db, scope, "licences", &reads, now).await?;
    Ok(FedLicences {
        seasons,
        categories,
        total,
        licences: rows
            .into_iter()
            .map(|r| FedLicenceRow {
                id: r.id,
                licence_number: r.licence_number,
                given_name: r.given_name,
                family_name: r.family_name,
                birth_date: r.birth_date,
                club: r.club,
                season: r.season,
                category: r.category,
                status: r.status,
                reason: r.reason,
            })
            .collect(),
    })
}

/// The new status of a decision on a licence in `from`, if the decision applies.
fn transition(action: &str, from: &str) -> Option<&'static str> {
    match (action, from) {
        ("approve", "requested" | "suspended") => Some("approved"),
        ("refuse", "requested") => Some("refused"),
        ("suspend", "approved") => Some("suspended"),
        ("end", "approved" | "suspended") => Some("ended"),
        _ => None,
    }
}

/// The federation's decision (`licences.manage`) on the licences `ids`: `approve`,
/// `refuse` (a reason required), `suspend` or `end` (a reason optional). All or nothing:
/// a licence of a club no longer affiliated, or whose status does not allow the decision,
/// refuses the whole decision. Each licence is stamped; the federation's log records it.
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    action: &str,
    reason: &str,
    ids: &[i64],
) -> Result<usize> {
    require_federation(scope)?;
    let mut p = Vec::new();
    if !["approve", "refuse", "suspend", "end"].contains(&action) {
        p.push(invalid("action", Msg::ErrChooseOption));
    }
    let reason = reason.trim();
    if reason.chars().count() > 1000 || (action == "refuse" && reason.is_empty()) {
        p.push(invalid("reason", Msg::ErrLicReason));
    }
    if ids.is_empty() {
        p.push(invalid("ids", Msg::ErrLicSelect));
    } else if ids.len() > MAX_DECIDE {
        p.push(invalid(
            "ids",
            Problem::new(Msg::ErrTooManySelected).arg("max", MAX_DECIDE),
        ));
    }
    done(p)?;
    let ids: BTreeSet<i64> = ids.iter().copied().collect();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let rows: Vec<(i64, String, i64, String, bool)> = tx
        .fetch_all(
            &format!(
                "SELECT l.id, l.status, l.club_id, p.licence_number, p.restricted FROM licences l \
                 JOIN fed_people p ON p.tenant_id = l.tenant_id AND p.id = l.person_id \
                 WHERE l.tenant_id = $1 AND l.id IN ({})",
                list.join(", ")
            ),
            args![],
        )
        .await?;
    if rows.len() != ids.len() || rows.iter().any(|r| r.4) {
        return Err(AppError::NotFound);
    }
    let federation = scope.tenant_id();
    let mut affiliated: BTreeMap<i64, bool> = BTreeMap::new();
    let mut changes = Vec::with_capacity(rows.len());
    for (id, status, club, number, _) in rows {
        let ok = match affiliated.get(&club) {
            Some(ok) => *ok,
            None => {
                let a = affiliations::active(tx.platform_part()?, federation, TenantId(club))
                    .await?
                    .is_some();
                affiliated.insert(club, a);
                a
            }
        };
        if !ok {
            return Err(AppError::conflict(
                Problem::new(Msg::ErrLicClubNotAffiliated).arg("number", number),
            ));
        }
        let Some(to) = transition(action, &status) else {
            return Err(AppError::conflict(
                Problem::new(Msg::ErrLicTransition).arg("number", number),
            ));
        };
        changes.push((id, to));
    }
    let reason = (!reason.is_empty()).then(|| reason.to_string());
    for (id, to) in &changes {
        tx.update(
            "licences",
            *id,
            vec![
                ("status", (*to).into()),
                ("reason", reason.clone().into()),
                ("decided_at", now.into()),
            ],
            None,
        )
        .await?;
    }
    tx.log(
        &format!("licences_{action}"),
        Some(&format!("n={}", changes.len())),
    )
    .await?;
    tx.commit().await?;
    Ok(changes.len())
}

/// Approves every requested licence of `club` in `season` in one statement
/// (`licences.manage`): the whole club's batch at once (the seed's load-test path, and a
/// federation approving a club's season). The club must still be affiliated.
pub async fn approve_all_requested(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    club: TenantId,
    season: i64,
) -> Result<u64> {
    require_federation(scope)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    if affiliations::active(tx.platform_part()?, scope.tenant_id(), club)
        .await?
        .is_none()
    {
        return Err(AppError::conflict(
            Problem::new(Msg::ErrLicClubNotAffiliated).arg("number", "—"),
        ));
    }
    let (at, by, by_name) = tx.stamp_values()?;
    let n = tx
        .execute(
            "UPDATE licences SET status = 'approved', decided_at = $4, updated_at = $4, \
             updated_by = $5, updated_by_name = $6, version = version + 1 \
             WHERE tenant_id = $1 AND club_id = $2 AND season_id = $3 AND status = 'requested' \
             AND person_id IN (SELECT id FROM fed_people WHERE tenant_id = $1 AND restricted = $7)",
            vec![
                Value::from(club.0),
                Value::from(season),
                at,
                by,
                by_name,
                Value::from(false),
            ],
        )
        .await?;
    tx.log("licences_approve", Some(&format!("n={n}"))).await?;
    tx.commit().await?;
    Ok(n)
}

// ---------------------------------------------------------------------------------------
// The club's side: requests and its members' licences

#[derive(sqlx::FromRow)]
struct FedFieldRow {
    key: String,
    label: String,
    kind: String,
    choices: String,
    required: bool,
}

async fn fed_fields(tx: &mut TenantTx) -> Result<Vec<FedFieldRow>> {
    tx.fetch_all(
        "SELECT key, label, kind, choices, required FROM fed_fields \
         WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY label",
        args![],
    )
    .await
}

fn choices_of(f: &FedFieldRow) -> Vec<String> {
    f.choices
        .split(['\n', '|', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// A federation field's value as typed, checked by its kind (`None`: empty).
fn check_fed_value(f: &FedFieldRow, v: &str) -> std::result::Result<Option<String>, Problem> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > 200 || v.chars().any(char::is_control) {
        return Err(Problem::new(Msg::ErrMaxChars).arg("max", 200));
    }
    match f.kind.as_str() {
        "number"
            if v.replace(',', ".")
                .parse::<f64>()
                .map_or(true, |n| !n.is_finite()) =>
        {
            Err(Msg::ErrNumber.into())
        }
        "date" if Date::parse(v).is_none() => Err(Msg::ErrDateFormat.into()),
        "choice" if !choices_of(f).iter().any(|c| c == v) => Err(Msg::ErrChooseOption.into()),
        "yes_no" if !matches!(v, "yes" | "no") => Err(Msg::ErrYesNo.into()),
        _ => Ok(Some(v.to_string())),
    }
}

/// A federation by its slug, active.
async fn federation_by_slug(db: &Db, slug: &str) -> Result<Option<(TenantId, String, String)>> {
    let mut tx = db.platform(false).await?;
    let row: Option<(i64, String, String)> = tx
        .fetch_optional(
            "SELECT id, slug, name FROM tenants WHERE slug = $1 AND kind = 'federation' \
             AND status = 'active'",
            args![slug],
        )
        .await?;
    tx.commit().await?;
    Ok(row.map(|(id, s, n)| (TenantId(id), s, n)))
}

/// The federations the club may request from now: actively affiliated, terms accepted
/// (with their slugs and names).
async fn request_federations(
    db: &Db,
    club: TenantId,
) -> Result<Vec<(Affiliation, String, String)>> {
    let mut tx = db.platform(false).await?;
    let affs = affiliations::of_club(&mut tx, club).await?;
    let mut out = Vec::new();
    for a in affs
        .into_iter()
        .filter(|a| a.is_active() && a.accepted_at.is_some())
    {
        let row: Option<(String, String)> = tx
            .fetch_optional(
                "SELECT slug, name FROM tenants WHERE id = $1 AND status = 'active'",
                args![a.federation.0],
            )
            .await?;
        if let Some((slug, name)) = row {
            out.push((a, slug, name));
        }
    }
    tx.commit().await?;
    Ok(out)
}

/// A member's name as the club writes it in a message.
fn name_of(m: &MemberSource) -> String {
    format!("{} {}", m.given_name, m.family_name)
}

/// What a club asks for in a request.
pub struct RequestInput<'a> {
    pub federation: &'a str,
    pub season: &'a str,
    pub category: &'a str,
    pub members: Vec<MemberId>,
    pub fed: &'a BTreeMap<String, String>,
}

/// Requests licences (`licences.request`) for the members `input.members` of the club of
/// `scope`. See the module's documentation; refused with what to put right, and nothing
/// stored, when the club is not actively affiliated under accepted terms, a member is
/// restricted, lacks a required field (the federation's required fields, the birth date of
/// an age band) or is outside the category's ages, or a federation field is outside the
/// terms.
pub async fn request(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: RequestInput<'_>,
) -> Result<RequestOutcome> {
    scope.require(LICENCES_REQUEST)?;
    let mut p = Vec::new();
    let mut members = input.members.clone();
    members.sort();
    members.dedup();
    if members.is_empty() {
        p.push(invalid("ids", Msg::ErrSelectMembers));
    } else if members.len() > MAX_REQUEST {
        p.push(invalid(
            "ids",
            Problem::new(Msg::ErrTooManySelected).arg("max", MAX_REQUEST),
        ));
    }
    let season: Option<i64> = input.season.trim().parse().ok();
    if season.is_none() {
        p.push(invalid("season", Msg::ErrChooseOption));
    }
    let category: Option<i64> = input.category.trim().parse().ok();
    if category.is_none() {
        p.push(invalid("category", Msg::ErrChooseOption));
    }
    let fed = federation_by_slug(db, input.federation.trim()).await?;
    if fed.is_none() {
        p.push(invalid("federation", Msg::ErrChooseFederation));
    }
    done(p)?;
    let (Some((federation, fed_slug, _)), Some(season), Some(category)) = (fed, season, category)
    else {
        return Err(AppError::NotFound);
    };
    let club = scope.tenant_id();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let terms = affiliations::active(tx.platform_part()?, federation, club)
        .await?
        .ok_or_else(|| AppError::field("federation", Msg::ErrLicNotAffiliated))?;
    if terms.accepted_at.is_none() {
        return Err(AppError::field("federation", Msg::ErrLicNoTerms));
    }
    if !terms.shares("given_name") || !terms.shares("family_name") {
        return Err(AppError::field("federation", Msg::ErrLicNameNotShared));
    }
    let sources = fedcopy::read_sources(&mut tx, &members).await?;
    if sources.len() != members.len() {
        return Err(AppError::field("ids", Msg::ErrNoSuchMember));
    }
    let withheld: Vec<String> = sources
        .iter()
        .filter(|m| m.withheld())
        .map(name_of)
        .collect();
    if !withheld.is_empty() {
        return Err(AppError::bad_request(
            Problem::new(Msg::ErrLicRestricted).arg("names", withheld.join(", ")),
        ));
    }
    // The federation's side, in this same transaction.
    tx.switch_tenant(federation).await?;
    let season_row: Option<SeasonRow> = tx
        .fetch_optional(
            "SELECT id, name, starts_on, ends_on FROM fed_seasons WHERE tenant_id = $1 AND id = $2",
            args![season],
        )
        .await?;
    let category_row: Option<CategoryRow> = tx
        .fetch_optional(
            "SELECT id, name, fee_cents, min_age, max_age, age_on FROM licence_categories \
             WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL",
            args![category],
        )
        .await?;
    let Some(season_row) = season_row else {
        return Err(AppError::field("season", Msg::ErrChooseOption));
    };
    let Some(category_row) = category_row else {
        return Err(AppError::field("category", Msg::ErrChooseOption));
    };
    // The federation's own fields: what is posted must be a field the club shares, and
    // valid for its kind.
    let fields = fed_fields(&mut tx).await?;
    let mut p = Vec::new();
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    for (key, v) in input.fed {
        let name = format!("fed[{key}]");
        let Some(f) = fields.iter().find(|f| &f.key == key) else {
            if !v.trim().is_empty() {
                p.push(invalid(&name, Msg::ErrLicFieldNotShared));
            }
            continue;
        };
        match check_fed_value(f, v) {
            Ok(None) => {}
            Ok(Some(_)) if !terms.shares(&format!("fed:{key}")) => {
                p.push(invalid(&name, Msg::ErrLicFieldNotShared))
            }
            Ok(Some(v)) => {
                values.insert(format!("fed:{key}"), v);
            }
            Err(e) => p.push(invalid(&name, e)),
        }
    }
    done(p)?;
    numbers::lock(&mut tx).await?;
    // The people the federation already licenses from this club.
    let mut existing: BTreeMap<i64, (i64, String)> = BTreeMap::new();
    for chunk in members.chunks(500) {
        let list: Vec<String> = chunk.iter().map(|m| m.0.to_string()).collect();
        let rows: Vec<(i64, i64, String)> = tx
            .fetch_all(
                &format!(
                    "SELECT member_id, id, shared FROM fed_people WHERE tenant_id = $1 \
                     AND club_id = $2 AND member_id IN ({})",
                    list.join(", ")
                ),
                args![club.0],
            )
            .await?;
        existing.extend(rows.into_iter().map(|(m, id, s)| (m, (id, s))));
    }
    let licensed: BTreeSet<i64> = if existing.is_empty() {
        BTreeSet::new()
    } else {
        let persons: Vec<String> = existing.values().map(|(id, _)| id.to_string()).collect();
        let rows: Vec<(i64,)> = tx
            .fetch_all(
                &format!(
                    "SELECT person_id FROM licences WHERE tenant_id = $1 AND season_id = $2 \
                     AND person_id IN ({})",
                    persons.join(", ")
                ),
                args![season],
            )
            .await?;
        rows.into_iter().map(|r| r.0).collect()
    };
    // What each person lacks: the federation's required fields, the birth date of an age
    // band, an age outside the band.
    let band = category_row.min_age.is_some() || category_row.max_age.is_some();
    let reference = match (&category_row.age_on, Date::parse(&season_row.starts_on)) {
        (Some(on), Some(start)) => reference_date(start, on),
        _ => None,
    };
    let mut lacking: Vec<String> = Vec::new();
    for m in &sources {
        if existing
            .get(&m.id)
            .is_some_and(|(id, _)| licensed.contains(id))
        {
            continue;
        }
        let stored: BTreeMap<String, String> = existing
            .get(&m.id)
            .and_then(|(_, s)| serde_json::from_str(s).ok())
            .unwrap_or_default();
        let mut missing: Vec<String> = Vec::new();
        if band {
            match (
                terms.shares("birth_date"),
                m.birth_date.as_deref().and_then(Date::parse),
            ) {
                (true, Some(born)) => {
                    if let Some(on) = reference {
                        let age = i64::from(born.age_on(on));
                        if category_row.min_age.is_some_and(|a| age < a)
                            || category_row.max_age.is_some_and(|a| age > a)
                        {
                            missing.push(format!("age {age}"));
                        }
                    }
                }
                _ => missing.push("birth_date".into()),
            }
        }
        for f in fields.iter().filter(|f| f.required) {
            let key = format!("fed:{}", f.key);
            if !values.contains_key(&key) && !stored.contains_key(&key) {
                missing.push(f.label.clone());
            }
        }
        if !missing.is_empty() {
            lacking.push(format!("{} ({})", name_of(m), missing.join(", ")));
        }
    }
    if !lacking.is_empty() {
        return Err(AppError::bad_request(
            Problem::new(Msg::ErrLicLacking).arg("people", lacking.join("; ")),
        ));
    }
    // New people get a number; known ones get their copy refreshed.
    let new: Vec<&MemberSource> = sources
        .iter()
        .filter(|m| !existing.contains_key(&m.id))
        .collect();
    let numbers = numbers::allocate(&mut tx, new.len()).await?;
    let mut people_rows = Vec::with_capacity(new.len());
    let mut person_of: BTreeMap<i64, i64> = existing.iter().map(|(m, (id, _))| (*m, *id)).collect();
    for (m, number) in new.iter().zip(numbers) {
        let c = fedcopy::copy_of(m, &terms);
        let mut shared = c.shared.clone();
        shared.extend(values.clone());
        let id = ids::new_id();
        person_of.insert(m.id, id);
        people_rows.push(vec![
            ("id", Value::from(id)),
            ("licence_number", number.into()),
            ("given_name", c.given_name.into()),
            ("family_name", c.family_name.into()),
            ("birth_date", c.birth_date.into()),
            ("gender", c.gender.into()),
            (
                "shared",
                serde_json::to_string(&shared)
                    .unwrap_or_else(|_| "{}".into())
                    .into(),
            ),
            ("club_id", club.0.into()),
            ("member_id", m.id.into()),
            ("restricted", false.into()),
            ("created_at", now.into()),
        ]);
    }
    tx.insert_many("fed_people", people_rows).await?;
    for m in sources.iter().filter(|m| existing.contains_key(&m.id)) {
        let Some((id, stored)) = existing.get(&m.id) else {
            continue;
        };
        if licensed.contains(id) {
            continue;
        }
        let c = fedcopy::copy_of(m, &terms);
        let mut shared: BTreeMap<String, String> =
            serde_json::from_str(&fedcopy::merged_shared(stored, &c.shared)).unwrap_or_default();
        shared.extend(values.clone());
        tx.update(
            "fed_people",
            *id,
            vec![
                ("given_name", c.given_name.into()),
                ("family_name", c.family_name.into()),
                ("birth_date", c.birth_date.into()),
                ("gender", c.gender.into()),
                (
                    "shared",
                    serde_json::to_string(&shared)
                        .unwrap_or_else(|_| "{}".into())
                        .into(),
                ),
                ("restricted", false.into()),
            ],
            None,
        )
        .await?;
    }
    let mut licence_rows = Vec::new();
    for m in &sources {
        let Some(person) = person_of.get(&m.id) else {
            continue;
        };
        if licensed.contains(person) {
            continue;
        }
        licence_rows.push(vec![
            ("id", Value::from(ids::new_id())),
            ("season_id", season.into()),
            ("category_id", category.into()),
            ("person_id", (*person).into()),
            ("club_id", club.0.into()),
            ("status", "requested".into()),
            ("requested_at", now.into()),
            ("requested_by_name", actor.stamp_name().into()),
            ("created_at", now.into()),
        ]);
    }
    let requested = licence_rows.len() as i64;
    tx.insert_many("licences", licence_rows).await?;
    let detail = format!("club={} season={season} n={requested}", scope.tenant().slug);
    tx.log("licences_requested", Some(&detail)).await?;
    tx.switch_tenant(club).await?;
    tx.log(
        "licences_requested",
        Some(&format!("federation={fed_slug} n={requested}")),
    )
    .await?;
    tx.commit().await?;
    Ok(RequestOutcome {
        requested,
        skipped: members.len() as i64 - requested,
    })
}

/// Requests licences for every member the register's filter shows (`q`, `status`), as
/// [`request`] does for a selection.
pub async fn request_filtered(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    filter: &MemberFilter,
    input: RequestInput<'_>,
) -> Result<RequestOutcome> {
    scope.require(LICENCES_REQUEST)?;
    let mut f = filter.clone();
    f.per_page = 100;
    let first = crate::members::list_for_groups(db, scope, &f, 1).await?;
    if first.total as usize > MAX_REQUEST {
        return Err(AppError::bad_request(
            Problem::new(Msg::ErrTooManySelected).arg("max", MAX_REQUEST),
        ));
    }
    let mut chosen: Vec<MemberId> = first.rows.iter().map(|r| r.id).collect();
    let mut page = 2;
    while (chosen.len() as i64) < first.total && page <= (MAX_REQUEST as i64 / 100) + 1 {
        let p = crate::members::list_for_groups(db, scope, &f, page).await?;
        if p.rows.is_empty() {
            break;
        }
        chosen.extend(p.rows.iter().map(|r| r.id));
        page += 1;
    }
    request(
        db,
        scope,
        actor,
        now,
        RequestInput {
            members: chosen,
            ..input
        },
    )
    .await
}

#[derive(sqlx::FromRow)]
struct ClubLicenceDbRow {
    member_id: i64,
    given_name: String,
    family_name: String,
    licence_number: String,
    season: String,
    category: String,
    status: String,
    reason: Option<String>,
}

/// The club's licences page (`licences.request`): the federations it may request from
/// (with their seasons, categories and the fields it shares), its members' licences in
/// them, and (with `members.view`) the active members to choose from.
pub async fn club_page(db: &Db, scope: &TenantScope) -> Result<ClubLicences> {
    scope.require(LICENCES_REQUEST)?;
    let club = scope.tenant_id();
    let feds = request_federations(db, club).await?;
    let mut federations = Vec::new();
    let mut licences = Vec::new();
    let mut tx = db.tenant_read(scope).await?;
    for (terms, slug, name) in &feds {
        tx.switch_tenant(terms.federation).await?;
        let seasons = seasons_in(&mut tx).await?;
        let categories = categories_in(&mut tx).await?;
        let fields = fed_fields(&mut tx)
            .await?
            .into_iter()
            .filter(|f| terms.shares(&format!("fed:{}", f.key)))
            .map(|f| RequestField {
                choices: choices_of(&f),
                key: f.key,
                label: f.label,
                kind: f.kind,
                required: f.required,
            })
            .collect();
        let rows: Vec<ClubLicenceDbRow> = tx
            .fetch_all(
                "SELECT p.member_id, p.given_name, p.family_name, p.licence_number, \
                 s.name AS season, c.name AS category, l.status, l.reason FROM licences l \
                 JOIN fed_people p ON p.tenant_id = l.tenant_id AND p.id = l.person_id \
                 JOIN fed_seasons s ON s.tenant_id = l.tenant_id AND s.id = l.season_id \
                 JOIN licence_categories c ON c.tenant_id = l.tenant_id AND c.id = l.category_id \
                 WHERE l.tenant_id = $1 AND l.club_id = $2 AND p.club_id = $2 \
                 ORDER BY s.starts_on DESC, p.family_name, p.given_name LIMIT 2000",
                args![club.0],
            )
            .await?;
        licences.extend(rows.into_iter().map(|r| ClubLicenceRow {
            member_id: r.member_id,
            name: format!("{} {}", r.given_name, r.family_name),
            federation: name.clone(),
            licence_number: r.licence_number,
            season: r.season,
            category: r.category,
            status: r.status,
            reason: r.reason,
        }));
        federations.push(RequestFederation {
            slug: slug.clone(),
            name: name.clone(),
            seasons,
            categories,
            fields,
        });
    }
    tx.switch_tenant(club).await?;
    tx.commit().await?;
    let members = if scope.can(MEMBERS_VIEW) {
        let page = crate::members::list_filtered(
            db,
            scope,
            &MemberFilter {
                status: "active".into(),
                per_page: 100,
                ..Default::default()
            },
            1,
        )
        .await?;
        page.rows
            .into_iter()
            .map(|r| (r.id.0, format!("{} {}", r.given_name, r.family_name)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(ClubLicences {
        federations,
        licences,
        members,
    })
}

#[derive(sqlx::FromRow)]
struct MyLicenceRow {
    licence_number: String,
    season: String,
    category: String,
    status: String,
}

/// The caller's own licences in this club (My details): for each federation the club has
/// belonged to, the licences of the person the federation keeps for (this club, this
/// member) and nothing else.
pub async fn mine(db: &Db, scope: &TenantScope) -> Result<Vec<MyLicence>> {
    let member = scope.member_id().ok_or(AppError::NotFound)?;
    let club = scope.tenant_id();
    let mut ptx = db.platform(false).await?;
    let affs = affiliations::of_club(&mut ptx, club).await?;
    let mut feds: Vec<(TenantId, String)> = Vec::new();
    for a in affs {
        if feds.iter().any(|(f, _)| *f == a.federation) {
            continue;
        }
        let row: Option<(String,)> = ptx
            .fetch_optional(
                "SELECT name FROM tenants WHERE id = $1",
                args![a.federation.0],
            )
            .await?;
        if let Some((name,)) = row {
            feds.push((a.federation, name));
        }
    }
    ptx.commit().await?;
    let mut out = Vec::new();
    if feds.is_empty() {
        return Ok(out);
    }
    let mut tx = db.tenant_read(scope).await?;
    for (fed, name) in feds {
        tx.switch_tenant(fed).await?;
        let rows: Vec<MyLicenceRow> = tx
            .fetch_all(
                "SELECT p.licence_number, s.name AS season, c.name AS category, l.status \
                 FROM fed_people p \
                 JOIN licences l ON l.tenant_id = p.tenant_id AND l.person_id = p.id \
                 JOIN fed_seasons s ON s.tenant_id = l.tenant_id AND s.id = l.season_id \
                 JOIN licence_categories c ON c.tenant_id = l.tenant_id AND c.id = l.category_id \
                 WHERE p.tenant_id = $1 AND p.club_id = $2 AND p.member_id = $3 \
                 ORDER BY s.starts_on DESC",
                args![club.0, member.0],
            )
            .await?;
        out.extend(rows.into_iter().map(|r| MyLicence {
            licence_number: r.licence_number,
            federation: name.clone(),
            season: r.season,
            category: r.category,
            status: r.status,
        }));
    }
    tx.switch_tenant(club).await?;
    tx.commit().await?;
    Ok(out)
}

#[cfg(test)]
mod tests;
