//! The federation's oversight dashboard (issue 18, deliverable 3): per affiliated club and
//! in total, members and active members, approved licences by season and category, the age
//! and gender distribution of the active members, growth over the seasons, staff without a
//! second factor and data-protection requests past their deadline. Counts only: nothing
//! personal crosses, restricted and erased records are not counted.
//!
//! A federation of a thousand clubs and a million members cannot be aggregated per
//! request, so the counts are kept per club in the federation (`fed_club_stats`, one row per
//! club) and the page reads O(clubs) rows. [`refresh_all`] counts again in the daily job and
//! at seed time, [`refresh`] when the federation asks ("count again"); the page shows when
//! its counts were taken. Each club is counted in a read of its own tables bound to it
//! (row-level security follows, `Tx::into_tenant`), after `affiliations::active_clubs`; the
//! numbers are written into the federation in one transaction. The page joins the counts
//! with the active affiliations of the moment, so a club that leaves is gone at once and a
//! club not affiliated never appears.
//!
//! The CSV of each table ([`csv`]) is logged in the federation's own event log
//! (`dashboard_exported`): aggregated counts are no read of a person, so nothing is written
//! into the clubs' logs (unlike `fedreads`).

use crate::affiliations;
use crate::db::{Db, Value};
use crate::error::Result;
use crate::jobs::SystemTask;
use crate::scope::{Actor, TenantScope};
use crate::{args, ids, tenancy};
use std::collections::BTreeMap;
use std::sync::Arc;
use tessera_common::dto::{
    FedClubFigures, FedDashboard, FedGrowthPoint, FedSeasonChoice, FED_AGE_BANDS, FED_GENDERS,
};
use tessera_common::modules::FEDERATION_CLUBS_VIEW;
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, TenantId};

/// How many seasons the growth chart shows (the last ones started).
pub const GROWTH_SEASONS: usize = 5;

/// Clubs per page of the dashboard's clubs table (the CSV has them all).
pub const CLUBS_PAGE: usize = 50;

/// Bars in the members-per-club chart: the largest clubs.
pub const CHART_CLUBS: usize = 20;

/// The tables of the dashboard that can be downloaded as CSV.
pub const TABLES: [&str; 5] = ["clubs", "licences", "ages", "genders", "growth"];

#[derive(sqlx::FromRow)]
struct MemberGroup {
    birth_date: Option<String>,
    gender: Option<String>,
    status: String,
    joined_on: Option<String>,
    ended_on: Option<String>,
    n: i64,
}

#[derive(sqlx::FromRow)]
struct StaffRow {
    staff: i64,
    without: i64,
}

#[derive(sqlx::FromRow)]
struct CountRow {
    n: i64,
}

#[derive(sqlx::FromRow, Clone)]
struct SeasonRow {
    id: i64,
    name: String,
    starts_on: String,
}

#[derive(sqlx::FromRow)]
struct LicenceRow {
    club_id: i64,
    season_id: i64,
    category_id: i64,
    n: i64,
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    name: String,
}

#[derive(sqlx::FromRow)]
struct ClubRow {
    id: i64,
    slug: String,
    name: String,
    city: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StatsRow {
    club_id: i64,
    members: i64,
    active_members: i64,
    ages: String,
    genders: String,
    growth: String,
    licences: String,
    staff: i64,
    staff_without_2fa: i64,
    overdue_requests: i64,
    reference_on: String,
    computed_at: i64,
}

/// One club's counts, as computed and stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClubCounts {
    pub members: i64,
    pub active_members: i64,
    /// Per [`FED_AGE_BANDS`] band, then unknown birth date.
    pub ages: Vec<i64>,
    /// Per [`FED_GENDERS`].
    pub genders: Vec<i64>,
    /// Season id → members on its first day.
    pub growth: BTreeMap<i64, i64>,
    /// (season id, category id) → approved licences.
    pub licences: BTreeMap<(i64, i64), i64>,
    pub staff: i64,
    pub staff_without_2fa: i64,
    pub overdue_requests: i64,
}

fn band_of(age: i32) -> usize {
    FED_AGE_BANDS
        .iter()
        .position(|(lo, hi, _)| age >= *lo && age <= *hi)
        .unwrap_or(0)
}

/// Whether a record counts as a member on `day`: joined on or before it (or no date
/// known and not an applicant) and not ended by then.
fn member_on(g: &MemberGroup, day: &str) -> bool {
    if g.status == "applicant" {
        return false;
    }
    let joined = g.joined_on.as_deref().is_none_or(|j| j <= day);
    let not_ended = match g.ended_on.as_deref() {
        Some(e) => e > day,
        None => g.status != "ended",
    };
    joined && not_ended
}

/// Counts one club (its own tables, bound to it) on `today` (the club's day).
async fn count_club(
    db: &Db,
    club: TenantId,
    seasons: &[SeasonRow],
    today: Date,
    now: Timestamp,
) -> Result<ClubCounts> {
    let actor = Actor::system("fed_stats");
    let mut tx = db
        .platform(false)
        .await?
        .into_tenant(club, &actor, now)
        .await?;
    let groups: Vec<MemberGroup> = tx
        .fetch_all(
            "SELECT birth_date, gender, status, joined_on, ended_on, count(*) AS n FROM members \
             WHERE tenant_id = $1 AND restricted_at IS NULL AND erased_at IS NULL \
             GROUP BY birth_date, gender, status, joined_on, ended_on",
            args![],
        )
        .await?;
    let staff: StaffRow = tx
        .fetch_one(
            "SELECT count(*) AS staff, count(CASE WHEN i.totp_enabled_at IS NULL THEN 1 END) AS without \
             FROM memberships s JOIN identities i ON i.id = s.identity_id \
             WHERE s.tenant_id = $1 AND EXISTS (SELECT 1 FROM membership_roles mr \
               JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id \
               WHERE mr.tenant_id = s.tenant_id AND mr.membership_id = s.id \
               AND (r.is_staff OR r.builtin = 'admin'))",
            args![],
        )
        .await?;
    let overdue: CountRow = tx
        .fetch_one(
            "SELECT count(*) AS n FROM privacy_requests \
             WHERE tenant_id = $1 AND closed_at IS NULL AND due_on < $2",
            args![today.to_string()],
        )
        .await?;
    tx.commit().await?;
    let mut c = ClubCounts {
        ages: vec![0; FED_AGE_BANDS.len() + 1],
        genders: vec![0; FED_GENDERS.len()],
        staff: staff.staff,
        staff_without_2fa: staff.without,
        overdue_requests: overdue.n,
        ..Default::default()
    };
    for g in &groups {
        c.members += g.n;
        if g.status == "active" {
            c.active_members += g.n;
            let band = match g.birth_date.as_deref().and_then(Date::parse) {
                Some(b) if b <= today => band_of(b.age_on(today)),
                _ => FED_AGE_BANDS.len(),
            };
            c.ages[band] += g.n;
            let gender = g.gender.as_deref().unwrap_or("");
            let i = FED_GENDERS
                .iter()
                .position(|x| *x == gender)
                .unwrap_or(FED_GENDERS.len() - 1);
            c.genders[i] += g.n;
        }
    }
    for s in seasons
        .iter()
        .filter(|s| s.starts_on.as_str() <= today.to_string().as_str())
    {
        let n = groups
            .iter()
            .filter(|g| member_on(g, &s.starts_on))
            .map(|g| g.n)
            .sum();
        c.growth.insert(s.id, n);
    }
    Ok(c)
}

fn join_counts(v: &[i64]) -> String {
    v.iter().map(i64::to_string).collect::<Vec<_>>().join(" ")
}

fn parse_counts(s: &str, len: usize) -> Vec<i64> {
    let mut v: Vec<i64> = s
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    v.resize(len, 0);
    v
}

fn parse_pairs(s: &str) -> BTreeMap<i64, i64> {
    s.split_whitespace()
        .filter_map(|p| {
            let (a, b) = p.split_once(':')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect()
}

fn parse_triples(s: &str) -> BTreeMap<(i64, i64), i64> {
    s.split_whitespace()
        .filter_map(|p| {
            let mut it = p.split(':');
            let a = it.next()?.parse().ok()?;
            let b = it.next()?.parse().ok()?;
            let n = it.next()?.parse().ok()?;
            Some(((a, b), n))
        })
        .collect()
}

/// Counts every club actively affiliated to `federation` again and replaces the
/// federation's stored counts in one transaction. Returns how many clubs were counted.
async fn refresh_federation(
    db: &Db,
    federation: TenantId,
    actor: &Actor,
    now: Timestamp,
) -> Result<usize> {
    let fed = tenancy::find_by_id(db, federation)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = now.date_in(&fed.time_zone);
    let mut tx = db.platform(false).await?;
    let clubs = affiliations::active_clubs(&mut tx, federation).await?;
    let mut ftx = tx.into_tenant(federation, actor, now).await?;
    let seasons: Vec<SeasonRow> = ftx
        .fetch_all(
            "SELECT id, name, starts_on FROM fed_seasons WHERE tenant_id = $1 ORDER BY starts_on",
            args![],
        )
        .await?;
    let licences: Vec<LicenceRow> = ftx
        .fetch_all(
            "SELECT l.club_id, l.season_id, l.category_id, count(*) AS n FROM licences l \
             JOIN fed_people p ON p.tenant_id = l.tenant_id AND p.id = l.person_id \
             WHERE l.tenant_id = $1 AND l.status = 'approved' AND NOT p.restricted \
             GROUP BY l.club_id, l.season_id, l.category_id",
            args![],
        )
        .await?;
    ftx.commit().await?;
    let mut counted = Vec::with_capacity(clubs.len());
    for a in &clubs {
        let club_today = match tenancy::find_by_id(db, a.club).await? {
            Some(c) => now.date_in(&c.time_zone),
            None => continue,
        };
        let mut c = count_club(db, a.club, &seasons, club_today, now).await?;
        c.licences = licences
            .iter()
            .filter(|l| l.club_id == a.club.0)
            .map(|l| ((l.season_id, l.category_id), l.n))
            .collect();
        counted.push((a.club, c));
    }
    let mut w = db
        .platform(true)
        .await?
        .into_tenant(federation, actor, now)
        .await?;
    w.execute("DELETE FROM fed_club_stats WHERE tenant_id = $1", args![])
        .await?;
    let rows: Vec<Vec<(&str, Value)>> = counted
        .iter()
        .map(|(club, c)| {
            vec![
                ("id", Value::from(ids::new_id())),
                ("club_id", Value::from(club.0)),
                ("members", Value::from(c.members)),
                ("active_members", Value::from(c.active_members)),
                ("ages", Value::from(join_counts(&c.ages))),
                ("genders", Value::from(join_counts(&c.genders))),
                (
                    "growth",
                    Value::from(
                        c.growth
                            .iter()
                            .map(|(s, n)| format!("{s}:{n}"))
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                ),
                (
                    "licences",
                    Value::from(
                        c.licences
                            .iter()
                            .map(|((s, k), n)| format!("{s}:{k}:{n}"))
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                ),
                ("staff", Value::from(c.staff)),
                ("staff_without_2fa", Value::from(c.staff_without_2fa)),
                ("overdue_requests", Value::from(c.overdue_requests)),
                ("reference_on", Value::from(today.to_string())),
                ("computed_at", Value::from(now)),
                ("created_at", Value::from(now)),
            ]
        })
        .collect();
    w.insert_many("fed_club_stats", rows).await?;
    w.commit().await?;
    Ok(counted.len())
}

/// The federation counts its clubs again now (`clubs.view`).
pub async fn refresh(db: &Db, scope: &TenantScope, actor: &Actor, now: Timestamp) -> Result<usize> {
    scope.require(FEDERATION_CLUBS_VIEW)?;
    scope.writable()?;
    refresh_federation(db, scope.tenant_id(), actor, now).await
}

#[derive(sqlx::FromRow)]
struct IdRow {
    id: i64,
}

/// Counts the clubs of every federation again: the daily job and the demo seed.
pub async fn refresh_all(db: &Db, _task: &SystemTask, now: Timestamp) -> Result<usize> {
    let mut tx = db.platform(false).await?;
    let feds: Vec<IdRow> = tx
        .fetch_all(
            "SELECT id FROM tenants WHERE kind = 'federation' ORDER BY id",
            args![],
        )
        .await?;
    tx.commit().await?;
    let actor = Actor::system("fed_stats");
    let mut n = 0;
    for f in feds {
        n += refresh_federation(db, TenantId(f.id), &actor, now).await?;
    }
    Ok(n)
}

// The dashboards built lately are kept per database (`Db::dashboards`, a `Memo`) by
// federation and season. Building one reads and adds up the stored counts of every club
// (1,000 clubs: about 12 ms on SQLite, most of it handing 2,000 rows over). An entry is
// used only while what it was built from is unchanged, which each request checks with two
// aggregate reads that return one row each (see `built`): the club counts (their number
// and newest row id; every count run writes new rows), the active affiliations with their
// clubs (number, newest id, sum of versions and newest change of both: any change to an
// affiliation or a club's name bumps its version), and the seasons, categories and the
// federation's day read in full. So a club that leaves or is renamed, or counts taken
// again, by this process or another, show on the next request.

#[derive(sqlx::FromRow)]
struct AffiliationPrint {
    n: i64,
    last_id: i64,
    versions: i64,
    changed: i64,
    club_versions: i64,
    club_changed: i64,
}

#[derive(sqlx::FromRow)]
struct StatsPrint {
    n: i64,
    last_id: i64,
}

/// The dashboard of a federation (`clubs.view`): the stored counts of the clubs actively
/// affiliated now, for the season `season` (an id; the current season, else the latest
/// started, when it is empty or unknown). Every club is in `clubs` (the CSV's rows).
pub async fn dashboard(
    db: &Db,
    scope: &TenantScope,
    season: &str,
    now: Timestamp,
) -> Result<FedDashboard> {
    let built = built(db, scope, season, now).await?;
    Ok(for_viewer(scope, (*built).clone()))
}

/// The parts of the dashboard that depend on who looks.
fn for_viewer(scope: &TenantScope, mut d: FedDashboard) -> FedDashboard {
    let t = scope.tenant();
    d.slug = t.slug.clone();
    d.name = t.name.clone();
    d.admin = scope.is_admin();
    d.roles = scope.role_names();
    d.stamp = t.stamp.clone();
    d.time_zone = t.time_zone.clone();
    d
}

/// The dashboard of every club for `season`, from the memory while what it was built from
/// is unchanged, else built again.
async fn built(
    db: &Db,
    scope: &TenantScope,
    season: &str,
    now: Timestamp,
) -> Result<Arc<FedDashboard>> {
    scope.require(FEDERATION_CLUBS_VIEW)?;
    let mut tx = db.platform(false).await?;
    let aff: AffiliationPrint = tx
        .fetch_one(
            "SELECT count(*) AS n, coalesce(max(a.id), 0) AS last_id, \
             CAST(coalesce(sum(a.version), 0) AS BIGINT) AS versions, \
             coalesce(max(a.updated_at), 0) AS changed, \
             CAST(coalesce(sum(t.version), 0) AS BIGINT) AS club_versions, \
             coalesce(max(t.updated_at), 0) AS club_changed \
             FROM affiliations a JOIN tenants t ON t.id = a.club_id \
             WHERE a.federation_id = $1 AND a.status = 'active'",
            args![scope.tenant_id()],
        )
        .await?;
    tx.commit().await?;
    let mut ftx = db.tenant_read(scope).await?;
    let stats: StatsPrint = ftx
        .fetch_one(
            "SELECT count(*) AS n, coalesce(max(id), 0) AS last_id FROM fed_club_stats \
             WHERE tenant_id = $1",
            args![],
        )
        .await?;
    let seasons: Vec<SeasonRow> = ftx
        .fetch_all(
            "SELECT id, name, starts_on FROM fed_seasons WHERE tenant_id = $1 ORDER BY starts_on",
            args![],
        )
        .await?;
    let categories: Vec<CategoryRow> = ftx
        .fetch_all(
            "SELECT id, name FROM licence_categories WHERE tenant_id = $1 ORDER BY name, id",
            args![],
        )
        .await?;
    ftx.commit().await?;
    let today = scope.today(now).to_string();
    let current = seasons
        .iter()
        .rev()
        .find(|s| s.starts_on.as_str() <= today.as_str())
        .or(seasons.first())
        .map(|s| s.id);
    let chosen = season
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| seasons.iter().any(|s| s.id == *id))
        .or(current);
    let mut fingerprint = format!(
        "{today}|{}:{}:{}:{}:{}:{}|{}:{}|",
        aff.n,
        aff.last_id,
        aff.versions,
        aff.changed,
        aff.club_versions,
        aff.club_changed,
        stats.n,
        stats.last_id
    );
    for s in &seasons {
        fingerprint.push_str(&format!("{}:{}:{};", s.id, s.starts_on, s.name));
    }
    fingerprint.push('|');
    for c in &categories {
        fingerprint.push_str(&format!("{}:{};", c.id, c.name));
    }
    let key = (scope.tenant_id().0, chosen);
    if let Some(d) = db.dashboards.get(&key, &fingerprint) {
        return Ok(d);
    }
    let d = Arc::new(build(db, scope, seasons, categories, chosen, &today).await?);
    db.dashboards.put(key, fingerprint, Arc::clone(&d));
    Ok(d)
}

/// Reads the active clubs and their stored counts and adds them up.
async fn build(
    db: &Db,
    scope: &TenantScope,
    mut seasons: Vec<SeasonRow>,
    categories: Vec<CategoryRow>,
    chosen: Option<i64>,
    today: &str,
) -> Result<FedDashboard> {
    let mut tx = db.platform(false).await?;
    let clubs: Vec<ClubRow> = tx
        .fetch_all(
            "SELECT t.id, t.slug, t.name, t.city FROM affiliations a JOIN tenants t ON t.id = a.club_id \
             WHERE a.federation_id = $1 AND a.status = 'active' ORDER BY t.name, t.id",
            args![scope.tenant_id()],
        )
        .await?;
    tx.commit().await?;
    let mut ftx = db.tenant_read(scope).await?;
    let stats: Vec<StatsRow> = ftx
        .fetch_all(
            "SELECT club_id, members, active_members, ages, genders, growth, licences, staff, \
             staff_without_2fa, overdue_requests, reference_on, computed_at FROM fed_club_stats \
             WHERE tenant_id = $1",
            args![],
        )
        .await?;
    ftx.commit().await?;
    let by_club: BTreeMap<i64, StatsRow> = stats.into_iter().map(|s| (s.club_id, s)).collect();
    let mut total = FedClubFigures {
        counted: true,
        licences: vec![0; categories.len()],
        ages: vec![0; FED_AGE_BANDS.len() + 1],
        genders: vec![0; FED_GENDERS.len()],
        ..Default::default()
    };
    // The seasons of the growth chart and of each club's growth: the last ones started.
    let started: Vec<SeasonRow> = seasons
        .iter()
        .filter(|s| s.starts_on.as_str() <= today)
        .cloned()
        .collect();
    let shown: Vec<SeasonRow> = started
        .iter()
        .skip(started.len().saturating_sub(GROWTH_SEASONS))
        .cloned()
        .collect();
    let mut growth_members: BTreeMap<i64, i64> = BTreeMap::new();
    let mut growth_licences: BTreeMap<i64, i64> = BTreeMap::new();
    let mut as_of: Option<i64> = None;
    let mut reference_on = None;
    let mut figures = Vec::with_capacity(clubs.len());
    for c in clubs {
        let mut f = FedClubFigures {
            slug: c.slug,
            name: c.name,
            city: c.city,
            licences: vec![0; categories.len()],
            ages: vec![0; FED_AGE_BANDS.len() + 1],
            genders: vec![0; FED_GENDERS.len()],
            growth_members: vec![0; shown.len()],
            growth_licences: vec![0; shown.len()],
            ..Default::default()
        };
        if let Some(s) = by_club.get(&c.id) {
            f.counted = true;
            f.members = s.members;
            f.active_members = s.active_members;
            f.ages = parse_counts(&s.ages, FED_AGE_BANDS.len() + 1);
            f.genders = parse_counts(&s.genders, FED_GENDERS.len());
            f.staff = s.staff;
            f.staff_without_2fa = s.staff_without_2fa;
            f.overdue_requests = s.overdue_requests;
            for ((season_id, category), n) in parse_triples(&s.licences) {
                *growth_licences.entry(season_id).or_default() += n;
                if let Some(i) = shown.iter().position(|x| x.id == season_id) {
                    f.growth_licences[i] += n;
                }
                if Some(season_id) == chosen {
                    if let Some(i) = categories.iter().position(|k| k.id == category) {
                        f.licences[i] += n;
                    }
                    f.licences_total += n;
                }
            }
            for (season_id, n) in parse_pairs(&s.growth) {
                *growth_members.entry(season_id).or_default() += n;
                if let Some(i) = shown.iter().position(|x| x.id == season_id) {
                    f.growth_members[i] += n;
                }
            }
            as_of = Some(as_of.map_or(s.computed_at, |a| a.min(s.computed_at)));
            reference_on.get_or_insert_with(|| s.reference_on.clone());
        } else {
            total.counted = false;
        }
        total.members += f.members;
        total.active_members += f.active_members;
        total.licences_total += f.licences_total;
        for (t, n) in total.licences.iter_mut().zip(&f.licences) {
            *t += n;
        }
        for (t, n) in total.ages.iter_mut().zip(&f.ages) {
            *t += n;
        }
        for (t, n) in total.genders.iter_mut().zip(&f.genders) {
            *t += n;
        }
        total.staff += f.staff;
        total.staff_without_2fa += f.staff_without_2fa;
        total.overdue_requests += f.overdue_requests;
        figures.push(f);
    }
    total.growth_members = shown
        .iter()
        .map(|s| growth_members.get(&s.id).copied().unwrap_or(0))
        .collect();
    total.growth_licences = shown
        .iter()
        .map(|s| growth_licences.get(&s.id).copied().unwrap_or(0))
        .collect();
    let growth = shown
        .iter()
        .map(|s| FedGrowthPoint {
            season: s.name.clone(),
            starts_on: s.starts_on.clone(),
            members: growth_members.get(&s.id).copied().unwrap_or(0),
            licences: growth_licences.get(&s.id).copied().unwrap_or(0),
        })
        .collect();
    seasons.reverse();
    let mut largest: Vec<&FedClubFigures> = figures.iter().collect();
    largest.sort_by(|a, b| b.members.cmp(&a.members).then(a.name.cmp(&b.name)));
    let largest = largest.into_iter().take(CHART_CLUBS).cloned().collect();
    // The federation's own fields are set again for each viewer (`for_viewer`).
    let t = scope.tenant();
    Ok(FedDashboard {
        slug: t.slug.clone(),
        name: t.name.clone(),
        admin: false,
        roles: Vec::new(),
        stamp: t.stamp.clone(),
        time_zone: t.time_zone.clone(),
        as_of: as_of.map(Timestamp),
        reference_on,
        seasons: seasons
            .iter()
            .map(|s| FedSeasonChoice {
                id: s.id.to_string(),
                name: s.name.clone(),
            })
            .collect(),
        season: chosen.map(|id| id.to_string()),
        categories: categories.into_iter().map(|c| c.name).collect(),
        club_count: figures.len(),
        page: 1,
        pages: 1,
        largest,
        clubs_no2fa: figures.iter().filter(|c| c.staff_without_2fa > 0).count(),
        clubs_overdue: figures.iter().filter(|c| c.overdue_requests > 0).count(),
        clubs: figures,
        total,
        growth,
    })
}

/// The dashboard with one page of its clubs table (`page` from 1, beyond the last is the
/// last; [`CLUBS_PAGE`] clubs a page): what the page shows. The totals, the chart of the
/// largest clubs and the compliance counts stay those of every club.
pub async fn dashboard_page(
    db: &Db,
    scope: &TenantScope,
    season: &str,
    page: usize,
    now: Timestamp,
) -> Result<FedDashboard> {
    let built = built(db, scope, season, now).await?;
    Ok(for_viewer(scope, paged(&built, page, CLUBS_PAGE)))
}

/// A copy of `d` with page `page` (from 1) of its clubs, `per_page` a page; only that
/// page's clubs are copied.
fn paged(d: &FedDashboard, page: usize, per_page: usize) -> FedDashboard {
    let per_page = per_page.max(1);
    let pages = d.clubs.len().div_ceil(per_page).max(1);
    let page = page.clamp(1, pages);
    FedDashboard {
        slug: d.slug.clone(),
        name: d.name.clone(),
        admin: d.admin,
        roles: d.roles.clone(),
        stamp: d.stamp.clone(),
        time_zone: d.time_zone.clone(),
        as_of: d.as_of,
        reference_on: d.reference_on.clone(),
        seasons: d.seasons.clone(),
        season: d.season.clone(),
        categories: d.categories.clone(),
        clubs: d
            .clubs
            .iter()
            .skip((page - 1) * per_page)
            .take(per_page)
            .cloned()
            .collect(),
        club_count: d.club_count,
        page,
        pages,
        largest: d.largest.clone(),
        clubs_no2fa: d.clubs_no2fa,
        clubs_overdue: d.clubs_overdue,
        total: d.total.clone(),
        growth: d.growth.clone(),
    }
}

fn cell(v: &str) -> String {
    // A spreadsheet must not run a name as a formula; quotes around anything with a
    // separator, a quote or a line break.
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

fn line(cells: Vec<String>) -> String {
    let mut s = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    s.push_str("\r\n");
    s
}

/// One table of the dashboard (`clubs`, `licences`, `ages`, `genders`, `growth`) as CSV,
/// each club a line and the total last; recorded in the federation's event log. Returns
/// the file name and the text.
pub async fn csv(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    table: &str,
    season: &str,
    now: Timestamp,
) -> Result<(String, String)> {
    scope.require(FEDERATION_CLUBS_VIEW)?;
    if !TABLES.contains(&table) {
        return Err(AppError::NotFound);
    }
    let d = dashboard(db, scope, season, now).await?;
    let season_name = d
        .season
        .as_ref()
        .and_then(|id| d.seasons.iter().find(|s| &s.id == id))
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let mut rows: Vec<&FedClubFigures> = d.clubs.iter().collect();
    let mut total = d.total.clone();
    total.name = "total".into();
    rows.push(&total);
    let nums = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>();
    let mut out = String::new();
    let lines = match table {
        "clubs" => {
            out.push_str(&line(
                [
                    "club",
                    "name",
                    "members",
                    "active_members",
                    "licences",
                    "staff",
                    "staff_without_2fa",
                    "overdue_requests",
                ]
                .map(String::from)
                .to_vec(),
            ));
            for r in &rows {
                out.push_str(&line(vec![
                    r.slug.clone(),
                    r.name.clone(),
                    r.members.to_string(),
                    r.active_members.to_string(),
                    r.licences_total.to_string(),
                    r.staff.to_string(),
                    r.staff_without_2fa.to_string(),
                    r.overdue_requests.to_string(),
                ]));
            }
            rows.len()
        }
        "licences" => {
            let mut head = vec!["season".to_string(), "club".into(), "name".into()];
            head.extend(d.categories.iter().cloned());
            head.push("total".into());
            out.push_str(&line(head));
            for r in &rows {
                let mut v = vec![season_name.clone(), r.slug.clone(), r.name.clone()];
                v.extend(nums(&r.licences));
                v.push(r.licences_total.to_string());
                out.push_str(&line(v));
            }
            rows.len()
        }
        "ages" => {
            let mut head = vec!["reference_on".to_string(), "club".into(), "name".into()];
            head.extend(FED_AGE_BANDS.iter().map(|(_, _, l)| l.to_string()));
            head.push("unknown".into());
            out.push_str(&line(head));
            for r in &rows {
                let mut v = vec![
                    d.reference_on.clone().unwrap_or_default(),
                    r.slug.clone(),
                    r.name.clone(),
                ];
                v.extend(nums(&r.ages));
                out.push_str(&line(v));
            }
            rows.len()
        }
        "genders" => {
            out.push_str(&line(
                ["club", "name", "f", "m", "x", "unknown"]
                    .map(String::from)
                    .to_vec(),
            ));
            for r in &rows {
                let mut v = vec![r.slug.clone(), r.name.clone()];
                v.extend(nums(&r.genders));
                out.push_str(&line(v));
            }
            rows.len()
        }
        _ => {
            // Each club's members at each season's start and its licences of the season,
            // then the totals (the chart's figures).
            out.push_str(&line(
                ["season", "starts_on", "club", "name", "members", "licences"]
                    .map(String::from)
                    .to_vec(),
            ));
            for r in &rows {
                for (i, g) in d.growth.iter().enumerate() {
                    let at = |v: &[i64]| v.get(i).copied().unwrap_or(0).to_string();
                    out.push_str(&line(vec![
                        g.season.clone(),
                        g.starts_on.clone(),
                        r.slug.clone(),
                        r.name.clone(),
                        at(&r.growth_members),
                        at(&r.growth_licences),
                    ]));
                }
            }
            rows.len() * d.growth.len()
        }
    };
    let mut tx = db.event_log_write(scope, actor, now).await?;
    tx.log(
        "dashboard_exported",
        Some(&format!("{table}: {lines} rows (counts only)")),
    )
    .await?;
    tx.commit().await?;
    Ok((format!("{}-{table}.csv", d.slug), out))
}

#[cfg(test)]
mod tests;
