//! A federation's scoped, logged reads of the people it licenses (issue 18, item 4).
//!
//! Federation staff with `federation.people` search the licensed people of their clubs
//! (`fed_people`, the federation's own copy of what each club shares) and open one. Three
//! walls, each asked on every read, nothing cached:
//! - only clubs with an ACTIVE affiliation whose sharing terms were accepted
//!   (`crate::affiliations`): a club that left is out at once;
//! - never a restricted person (`fed_people.restricted`, refreshed by the club);
//! - only the fields the club shares NOW (`Affiliation::shares`), whatever the copy holds.
//!
//! Every read of personal data (a result page, a person opened, an export) is recorded in
//! the CLUB's event log as a `federation_read` (who: the entry's person; when; which
//! people by their member ids, never their names; see [`ReadDetail`]) by [`log_read`],
//! with the read: no read shown without its record. A result page that spans clubs queues
//! one read per club with its people; the job (`queue`) moves each club's reads into its
//! log, a reader's reads moved at once as one entry ([`ReadBatch`]).

use crate::affiliations::{self, Affiliation};
use crate::args;
use crate::db::{Backend, Db, Tx, Value};
use crate::error::Result;
use crate::scope::TenantScope;
use std::collections::BTreeMap;
pub use tessera_common::fedreads::*;
use tessera_common::modules::FEDERATION_PEOPLE;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, Msg, TenantId};

/// People on one result page.
pub const PAGE_SIZE: i64 = 25;
/// The most people one export holds.
pub const MAX_EXPORT: i64 = 10_000;
/// The longest search text taken.
const MAX_QUERY: usize = 100;

/// The standard fields the federation may see, in the order shown (besides the names,
/// birth date and gender, which have columns, they come from `fed_people.shared`).
pub const STANDARD_KEYS: &[&str] = &[
    "given_name",
    "family_name",
    "birth_date",
    "gender",
    "email",
    "phone",
    "address",
];

/// One person read, for [`log_read`]: their club and their member id there (the log
/// keeps ids only; the club's log page shows the club's own name for each).
#[derive(Clone, Debug)]
pub struct Read {
    pub club: TenantId,
    pub member: i64,
}

/// THE function every federation page or export that shows personal data calls, in the
/// platform transaction of its read: queues for each club's event log (one read per club,
/// in one statement; `queue` moves them into the log) that `scope`'s person read these
/// people of it (their ids), and what (`search`, `person`, `export`, or the page's own
/// word). Nothing to record, nothing written.
pub async fn log_read(
    tx: &mut Tx,
    scope: &TenantScope,
    what: &str,
    people: &[Read],
    now: Timestamp,
) -> Result<()> {
    let mut by_club: BTreeMap<i64, Vec<&Read>> = BTreeMap::new();
    for p in people {
        by_club.entry(p.club.0).or_default().push(p);
    }
    let identity = scope.identity_id().map(|i| i.0);
    let mut details = Vec::new();
    for (club, reads) in by_club {
        let detail = ReadDetail {
            federation: scope.tenant().slug.clone(),
            what: what.to_string(),
            count: reads.len() as i64,
            people: reads
                .iter()
                .map(|r| ReadPerson {
                    member: r.member,
                    name: None,
                })
                .collect(),
        };
        let text = serde_json::to_string(&detail).map_err(crate::error::internal)?;
        details.push((TenantId(club), text));
    }
    tx.insert_federation_reads(identity, details, now).await?;
    // The read's transaction writes this record only: the sessions' access kept in memory
    // stays valid.
    tx.leaves_access_alone();
    Ok(())
}

/// Records a read whose rows were read in a transaction of their own, which ended: in a
/// short write of its own, before the caller shows anything of them (no read shown without
/// its record). On SQLite the read's statements then run beside other reads instead of
/// holding the one writer (a search at 1,000 clubs held it for the whole read).
pub(crate) async fn log_read_after(
    db: &Db,
    scope: &TenantScope,
    what: &str,
    people: &[Read],
    now: Timestamp,
) -> Result<()> {
    if people.is_empty() {
        return Ok(());
    }
    let mut tx = db.platform(true).await?;
    log_read(&mut tx, scope, what, people, now).await?;
    tx.commit().await
}

/// How many federation reads of the club in `tx` named its member `member` (the person's
/// My data page and download): the person's count of reads moved into the club's log
/// (`federation_read_counts`, kept by `queue`) and those still queued for it, read in one
/// statement so a read being moved counts once.
pub async fn reads_about(tx: &mut crate::db::TenantTx, member: i64) -> Result<i64> {
    let rows: Vec<(Option<String>, i64)> = tx
        .fetch_all(
            "SELECT NULL, reads FROM federation_read_counts WHERE tenant_id = $1 AND member_id = $2 \
             UNION ALL SELECT detail, 0 FROM federation_read_queue WHERE tenant_id = $1",
            args![member],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|(d, n)| match d {
            None => *n,
            Some(d) => i64::from(ReadDetail::parse(d).is_some_and(|d| d.names_member(member))),
        })
        .sum())
}

/// What the federation searches for: a licence number (any text with a digit, matched
/// whole), else the start of a family name; and optionally one club (its slug).
#[derive(Clone, Debug, Default)]
pub struct PeopleQuery {
    pub q: String,
    pub club: String,
    pub page: i64,
}

#[derive(sqlx::FromRow)]
struct PersonRowDb {
    id: i64,
    licence_number: String,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    gender: Option<String>,
    shared: String,
    club_id: i64,
    member_id: i64,
    club_slug: String,
    club_name: String,
}

const PERSON_COLUMNS: &str = "p.id, p.licence_number, p.given_name, p.family_name, p.birth_date, \
     p.gender, p.shared, p.club_id, p.member_id, t.slug AS club_slug, t.name AS club_name";

/// The lowercase family and given name the search compares and sorts by. PostgreSQL keeps
/// them as generated columns in the "C" order (migration 0052): under row-level security a
/// condition on `lower(...)` of a column cannot use an index, as `lower` is not leakproof.
/// SQLite indexes the expressions themselves.
pub(crate) fn name_keys(backend: Backend) -> (&'static str, &'static str) {
    match backend {
        Backend::Postgres => ("p.family_key", "p.given_key"),
        Backend::Sqlite => ("lower(p.family_name)", "lower(p.given_name)"),
    }
}

/// The active affiliation of each club among `clubs` (those of the rows read), asked of
/// `crate::affiliations` in the read's transaction: a club that left is not among them.
async fn affiliations_of(
    tx: &mut Tx,
    federation: TenantId,
    clubs: &[i64],
) -> Result<BTreeMap<i64, Affiliation>> {
    let mut clubs = clubs.to_vec();
    clubs.sort_unstable();
    clubs.dedup();
    Ok(affiliations::active_of(tx, federation, &clubs)
        .await?
        .into_iter()
        .map(|a| (a.club.0, a))
        .collect())
}

/// Whether anything of the club's people may be shown at all: an active affiliation whose
/// terms the club accepted.
fn open(a: &Affiliation) -> bool {
    a.is_active() && a.accepted_at.is_some()
}

fn shown(a: &Affiliation, key: &str, v: Option<String>) -> Option<String> {
    v.filter(|_| a.shares(key))
}

fn row_of(r: PersonRowDb, a: &Affiliation) -> FedPersonRow {
    FedPersonRow {
        id: r.id,
        licence_number: r.licence_number,
        club_slug: r.club_slug,
        club_name: r.club_name,
        given_name: shown(a, "given_name", Some(r.given_name)),
        family_name: shown(a, "family_name", Some(r.family_name)),
        birth_date: shown(a, "birth_date", r.birth_date),
        gender: shown(a, "gender", r.gender),
    }
}

/// The most clubs the search's club filter lists; a federation with more types the club's
/// name (or follows a result row's club link).
pub const CLUB_OPTIONS: i64 = 100;

/// The clubs the federation may search now (an active affiliation on accepted terms), by
/// name, for the page's club filter: `None` when there are more than [`CLUB_OPTIONS`].
async fn searchable_clubs(tx: &mut Tx, federation: TenantId) -> Result<Option<Vec<FedClubOption>>> {
    // Counted first, up to one too many: naming and sorting a thousand clubs for nothing
    // was the search's costliest statement.
    let (n,): (i64,) = tx
        .fetch_one(
            &format!(
                "SELECT count(*) FROM (SELECT 1 FROM affiliations WHERE federation_id = $1 \
                 AND status = 'active' AND accepted_at IS NOT NULL LIMIT {}) x",
                CLUB_OPTIONS + 1
            ),
            args![federation.0],
        )
        .await?;
    if n > CLUB_OPTIONS {
        return Ok(None);
    }
    let rows: Vec<(String, String)> = tx
        .fetch_all(
            "SELECT t.slug, t.name FROM tenants t JOIN affiliations a ON a.club_id = t.id \
             WHERE a.federation_id = $1 AND a.status = 'active' AND a.accepted_at IS NOT NULL \
             ORDER BY t.name, t.id",
            args![federation.0],
        )
        .await?;
    Ok(Some(
        rows.into_iter()
            .map(|(slug, name)| FedClubOption { slug, name })
            .collect(),
    ))
}

/// The search's rows (at most `limit` from `offset`) and whether more follow; the
/// refusals for a club that is not searchable.
async fn search_rows(
    tx: &mut Tx,
    federation: TenantId,
    query: &PeopleQuery,
    limit: i64,
    offset: i64,
) -> Result<Vec<PersonRowDb>> {
    let q = query.q.trim();
    if q.chars().count() > MAX_QUERY {
        return Err(AppError::field("q", Msg::FedReadQueryTooLong));
    }
    let (family, given) = name_keys(tx.backend());
    let by_number = q.chars().any(|ch| ch.is_ascii_digit());
    let by_name = !q.is_empty() && !by_number;
    let mut args: Vec<Value> = vec![Value::from(federation.0)];
    let mut sql = match tx.backend() {
        // CROSS JOIN keeps SQLite reading `fed_people` first, in the order of its search
        // index, and stopping at the page's end (with a plain JOIN it began with the small
        // affiliations table and sorted every match: 0.59 ms against 0.25 ms at 100,000
        // people, growing with the clubs).
        // Each row's affiliation is found by its club (`affiliations_club`): with the
        // federation and status as index terms SQLite chose `affiliations_federation` and
        // read every affiliation of the federation per row, 1,000 at 1,000 clubs (`+`
        // keeps those two terms out of the index choice).
        Backend::Sqlite => format!(
            "SELECT {PERSON_COLUMNS} FROM fed_people p \
             CROSS JOIN affiliations a CROSS JOIN tenants t \
             WHERE p.tenant_id = $1 AND NOT p.restricted \
             AND +a.federation_id = p.tenant_id AND a.club_id = p.club_id \
             AND +a.status = 'active' AND a.accepted_at IS NOT NULL AND t.id = p.club_id{}",
            if by_name {
                " AND (' ' || a.shared_fields || ' ') LIKE '% family_name %'"
            } else {
                ""
            }
        ),
        // PostgreSQL planned the join from the affiliations (a LIKE on them looks
        // selective): one index range per club and every match sorted, 6 ms at 20 people a
        // club and hundreds at 1,000 clubs of 1,000. Then the clubs that may be searched
        // were asked once as an array (an init plan): at 1,000 clubs that scan of every
        // affiliation was half the statement (0.66 of 1.3 ms). Now the row's own club is
        // asked per row read (a scalar subquery, which the planner keeps a per-row filter):
        // the people are read in the order of `fed_people_search` and the scan stops at the
        // page's end, 26 lookups by club. The club's slug and name are asked per row shown
        // too (a join let it hash every club and sort every match first).
        Backend::Postgres => format!(
            "SELECT p.id, p.licence_number, p.given_name, p.family_name, p.birth_date, \
             p.gender, p.shared, p.club_id, p.member_id, \
             (SELECT t.slug FROM tenants t WHERE t.id = p.club_id) AS club_slug, \
             (SELECT t.name FROM tenants t WHERE t.id = p.club_id) AS club_name \
             FROM fed_people p WHERE p.tenant_id = $1 AND NOT p.restricted \
             AND (SELECT true FROM affiliations a WHERE a.federation_id = $1 \
             AND a.club_id = p.club_id AND a.status = 'active' \
             AND a.accepted_at IS NOT NULL{} LIMIT 1)",
            if by_name {
                " AND (' ' || a.shared_fields || ' ') LIKE '% family_name %'"
            } else {
                ""
            }
        ),
    };
    let club = query.club.trim();
    if !club.is_empty() {
        // The club by its slug (the filter's options, a result row's club link) or, typed
        // where the federation has too many clubs for a list, by its name.
        let found: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT t.id FROM tenants t JOIN affiliations a ON a.club_id = t.id \
                 WHERE (t.slug = $1 OR lower(t.name) = lower($1)) AND t.kind = 'club' \
                 AND a.federation_id = $2 AND a.status = 'active' AND a.accepted_at IS NOT NULL \
                 ORDER BY t.slug = $1 DESC LIMIT 2",
                args![club, federation.0],
            )
            .await?;
        let id = match found.as_slice() {
            [] => return Err(AppError::field("club", Msg::FedReadNotAffiliated)),
            [(id,)] => *id,
            // A slug is unique and comes first; two names alike need the club's link.
            [(a,), (b,)] if a != b => {
                return Err(AppError::field("club", Msg::FedPeopleClubAmbiguous))
            }
            [(id,), ..] => *id,
        };
        args.push(Value::from(id));
        sql.push_str(&format!(" AND p.club_id = ${}", args.len()));
    }
    if by_number {
        args.push(Value::from(q));
        sql.push_str(&format!(" AND p.licence_number = ${}", args.len()));
    } else if by_name {
        args.push(Value::from(q));
        let n = args.len();
        args.push(Value::from("\u{10FFFF}"));
        let m = args.len();
        sql.push_str(&format!(
            " AND {family} >= lower(${n}) AND {family} < (lower(${n}) || ${m})"
        ));
    }
    sql.push_str(&format!(
        " ORDER BY {family}, {given}, p.id LIMIT {} OFFSET {}",
        limit.max(0),
        offset.max(0)
    ));
    tx.fetch_all(&sql, args).await
}

/// A page of the search of licensed people, logged in each club it shows.
pub async fn search(
    db: &Db,
    scope: &TenantScope,
    query: &PeopleQuery,
    now: Timestamp,
) -> Result<FedPeoplePage> {
    scope.require(FEDERATION_PEOPLE)?;
    let federation = scope.tenant_id();
    let page = query.page.clamp(1, 10_000);
    let mut tx = db.platform(false).await?;
    tx.as_tenant(federation, scope.identity_id().map(|i| i.0))
        .await?;
    let clubs = searchable_clubs(&mut tx, federation).await?;
    let mut rows = search_rows(
        &mut tx,
        federation,
        query,
        PAGE_SIZE + 1,
        (page - 1) * PAGE_SIZE,
    )
    .await?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let club_ids: Vec<i64> = rows.iter().map(|r| r.club_id).collect();
    let affs = affiliations_of(&mut tx, federation, &club_ids).await?;
    let name_search = !query.q.trim().is_empty() && !query.q.chars().any(|c| c.is_ascii_digit());
    let mut out = Vec::new();
    let mut reads = Vec::new();
    for r in rows {
        // The affiliation as `crate::affiliations` tells it decides, row by row.
        let Some(a) = affs.get(&r.club_id).filter(|a| open(a)) else {
            continue;
        };
        if name_search && !a.shares("family_name") {
            continue;
        }
        let (club, member) = (TenantId(r.club_id), r.member_id);
        let row = row_of(r, a);
        reads.push(Read { club, member });
        out.push(row);
    }
    tx.commit().await?;
    log_read_after(db, scope, "search", &reads, now).await?;
    Ok(FedPeoplePage {
        federation: scope.tenant().slug.clone(),
        federation_name: scope.tenant().name.clone(),
        q: query.q.trim().to_string(),
        club: query.club.trim().to_string(),
        page,
        has_more,
        rows: out,
        many_clubs: clubs.is_none(),
        clubs: clubs.unwrap_or_default(),
    })
}

#[derive(sqlx::FromRow)]
struct LicenceRowDb {
    season: String,
    category: String,
    club_id: i64,
    status: String,
}

/// A person's federation view: the fields their club shares now and their licences;
/// logged in the club. Not licensed here, restricted, or of a club that is not (or no
/// longer) affiliated on accepted terms: not found.
pub async fn person(
    db: &Db,
    scope: &TenantScope,
    id: i64,
    now: Timestamp,
) -> Result<FedPersonView> {
    scope.require(FEDERATION_PEOPLE)?;
    let federation = scope.tenant_id();
    let mut tx = db.platform(false).await?;
    tx.as_tenant(federation, scope.identity_id().map(|i| i.0))
        .await?;
    let r: PersonRowDb = tx
        .fetch_optional(
            &format!(
                "SELECT {PERSON_COLUMNS} FROM fed_people p JOIN tenants t ON t.id = p.club_id \
                 WHERE p.tenant_id = $1 AND p.id = $2 AND NOT p.restricted"
            ),
            args![federation.0, id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let a = affiliations::active(&mut tx, federation, TenantId(r.club_id))
        .await?
        .filter(open)
        .ok_or(AppError::NotFound)?;
    let shared: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&r.shared).unwrap_or_default();
    let labels: Vec<(String, String)> = tx
        .fetch_all(
            "SELECT key, label FROM fed_fields WHERE tenant_id = $1 ORDER BY id",
            args![federation.0],
        )
        .await?;
    let mut fields = Vec::new();
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    for key in STANDARD_KEYS {
        if !a.shares(key) {
            continue;
        }
        let value = match *key {
            "given_name" => Some(r.given_name.clone()),
            "family_name" => Some(r.family_name.clone()),
            "birth_date" => r.birth_date.clone(),
            "gender" => r.gender.clone(),
            k => shared.get(k).map(text),
        };
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            fields.push(FedField {
                key: key.to_string(),
                label: None,
                value,
            });
        }
    }
    for (key, label) in labels {
        let full = format!("fed:{key}");
        if !a.shares(&full) {
            continue;
        }
        if let Some(value) = shared
            .get(&full)
            .or_else(|| shared.get(&key))
            .map(text)
            .filter(|v| !v.is_empty())
        {
            fields.push(FedField {
                key: full,
                label: Some(label),
                value,
            });
        }
    }
    let lic: Vec<LicenceRowDb> = tx
        .fetch_all(
            "SELECT s.name AS season, c.name AS category, l.club_id, l.status FROM licences l \
             JOIN fed_seasons s ON s.tenant_id = l.tenant_id AND s.id = l.season_id \
             JOIN licence_categories c ON c.tenant_id = l.tenant_id AND c.id = l.category_id \
             WHERE l.tenant_id = $1 AND l.person_id = $2 ORDER BY s.starts_on DESC, l.id",
            args![federation.0, id],
        )
        .await?;
    let mut club_names: BTreeMap<i64, String> = BTreeMap::new();
    for l in &lic {
        if let std::collections::btree_map::Entry::Vacant(e) = club_names.entry(l.club_id) {
            let n: Option<(String,)> = tx
                .fetch_optional("SELECT name FROM tenants WHERE id = $1", args![l.club_id])
                .await?;
            e.insert(n.map(|n| n.0).unwrap_or_default());
        }
    }
    tx.commit().await?;
    log_read_after(
        db,
        scope,
        "person",
        &[Read {
            club: TenantId(r.club_id),
            member: r.member_id,
        }],
        now,
    )
    .await?;
    Ok(FedPersonView {
        federation: scope.tenant().slug.clone(),
        id: r.id,
        licence_number: r.licence_number,
        club_slug: r.club_slug,
        club_name: r.club_name,
        fields,
        licences: lic
            .into_iter()
            .map(|l| FedLicence {
                club_name: club_names.get(&l.club_id).cloned().unwrap_or_default(),
                season: l.season,
                category: l.category,
                status: l.status,
            })
            .collect(),
    })
}

/// The search's whole result (at most [`MAX_EXPORT`] people) as CSV, with only the shared
/// fields; logged in each club with how many of its people and which (ids only). Returns
/// the file name and the text.
pub async fn export_csv(
    db: &Db,
    scope: &TenantScope,
    query: &PeopleQuery,
    now: Timestamp,
) -> Result<(String, String)> {
    scope.require(FEDERATION_PEOPLE)?;
    let federation = scope.tenant_id();
    let mut tx = db.platform(true).await?;
    tx.as_tenant(federation, scope.identity_id().map(|i| i.0))
        .await?;
    let rows = search_rows(&mut tx, federation, query, MAX_EXPORT, 0).await?;
    let club_ids: Vec<i64> = rows.iter().map(|r| r.club_id).collect();
    let affs = affiliations_of(&mut tx, federation, &club_ids).await?;
    let name_search = !query.q.trim().is_empty() && !query.q.chars().any(|c| c.is_ascii_digit());
    let mut csv_rows = vec![[
        "licence_number",
        "club",
        "given_name",
        "family_name",
        "birth_date",
        "gender",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect::<Vec<_>>()];
    let mut reads = Vec::new();
    for r in rows {
        let Some(a) = affs.get(&r.club_id).filter(|a| open(a)) else {
            continue;
        };
        if name_search && !a.shares("family_name") {
            continue;
        }
        let (club, member) = (TenantId(r.club_id), r.member_id);
        let row = row_of(r, a);
        reads.push(Read { club, member });
        csv_rows.push(
            [
                Some(row.licence_number),
                Some(row.club_name),
                row.given_name,
                row.family_name,
                row.birth_date,
                row.gender,
            ]
            .into_iter()
            .map(|v| crate::members::exports::cell(&v.unwrap_or_default()))
            .collect(),
        );
    }
    let text = crate::members::exports::write_csv(&csv_rows)?;
    log_read(&mut tx, scope, "export", &reads, now).await?;
    // The federation's own log counts its exports too (fedlog18: how many people, never
    // whom; the clubs' logs say whom).
    tx.insert_tenant_event(
        federation,
        scope.identity_id().map(|i| i.0),
        FEDERATION_EXPORT,
        Some(&format!("n={}", reads.len())),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    let date = now.date_in(&scope.tenant().time_zone);
    Ok((format!("{}-people-{date}.csv", scope.tenant().slug), text))
}

pub mod queue;
pub mod stand_in;

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
pub(crate) mod tests_fedlog; // fedlog18
