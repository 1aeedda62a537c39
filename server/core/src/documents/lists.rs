//! The secretary's everyday lists (issue 19): birthdays this week for the club home, a
//! member card and a team list with emergency contacts to print. Staff with `members.view`
//! see them for the whole club; a trainer (a group-scoped role, `members::access`) for the
//! members of the groups they lead today, with only the fields their roles grant (birth
//! dates for the birthdays, guardians' phones for the emergency contacts). Records under
//! restriction and erased ones are left out.

use crate::args;
use crate::db::{Db, Value};
use crate::error::Result;
use crate::members::access::{self, Reach};
use crate::scope::TenantScope;
use tessera_common::documents::*;
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, MemberId, Msg};

/// The Monday of the week of `d` (ISO weeks, Monday first).
pub fn monday_of(d: Date) -> Date {
    let days = d.days_since_epoch();
    // 1970-01-01 was a Thursday: Monday is 0 after adding 3.
    Date::from_days(days - (days + 3).rem_euclid(7))
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The seven days of the week of `today` as (day, the `MM-DD` birthdays celebrated on it):
/// in a common year 28 February also celebrates those born on 29 February.
pub fn week_days(today: Date) -> Vec<(Date, Vec<String>)> {
    let monday = monday_of(today).days_since_epoch();
    (0..7)
        .map(|i| {
            let d = Date::from_days(monday + i);
            let mut md = vec![format!("{:02}-{:02}", d.month, d.day)];
            if d.month == 2 && d.day == 28 && !is_leap(d.year) {
                md.push("02-29".to_string());
            }
            (d, md)
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct BirthRow {
    id: i64,
    given_name: String,
    family_name: String,
    birth_date: String,
}

/// At most this many people are listed among this week's birthdays.
pub const MAX_BIRTHDAYS: i64 = 60;

/// The conditions of SQLite's `members_birthdays` index: active records with a birth date,
/// not restricted, not erased.
const BIRTHDAY_FILTER: &str = "birth_date IS NOT NULL AND status = 'active' \
    AND restricted_at IS NULL AND erased_at IS NULL";

/// Birthdays from Monday to Sunday of this week in the club's zone, by day then in the
/// register's order, at most [`MAX_BIRTHDAYS`] listed and the rest counted (`None` for a
/// viewer who sees no birth dates: without `members.view`, or a trainer whose roles do not
/// grant them; a trainer sees those of the groups they lead). Active members only, not under
/// restriction. One index range per day (SQLite: `members_birthdays`; PostgreSQL: the
/// status and birth-date index), stopping once the page is full (no count: the widget says that the list goes on).
pub async fn birthdays(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<Option<Birthdays>> {
    let led = match access::register(scope, false) {
        Ok(r) if r.sees("birth_date") => r.leader().cloned(),
        _ => return Ok(None),
    };
    let today = scope.today(now);
    let days = week_days(today);
    let mut tx = db.tenant_read(scope).await?;
    // PostgreSQL applies row-level security before any condition whose function is not
    // leakproof, so `substr(birth_date, …)` could not use an expression index there (migration
    // 0052 dropped it): each day read every record (50 ms at 100,000). There the day is asked as
    // its date in every year from the oldest birth date on, plain equalities that the
    // birth-date index answers (2 ms).
    let first_year = match tx.backend() {
        crate::db::Backend::Sqlite => None,
        crate::db::Backend::Postgres => {
            let (oldest,): (Option<String>,) = tx
                .fetch_one(
                    &format!("SELECT min(birth_date) FROM members WHERE tenant_id = $1 AND {BIRTHDAY_FILTER}"),
                    args![],
                )
                .await?;
            // Nobody with a birth date: no year to ask, every day is skipped below.
            Some(
                oldest
                    .as_deref()
                    .and_then(Date::parse)
                    .map_or(i32::MAX, |d| d.year),
            )
        }
    };
    let mut people = Vec::new();
    for (day, md) in &days {
        // One more than fits: whether the list goes on.
        let left = MAX_BIRTHDAYS + 1 - people.len() as i64;
        if left <= 1 {
            break;
        }
        let (column, mut args): (&str, Vec<crate::db::Value>) = match first_year {
            None => (
                "substr(birth_date, 6, 5)",
                md.iter().map(|s| s.as_str().into()).collect(),
            ),
            Some(first) => (
                "birth_date",
                md.iter()
                    .flat_map(|m| (first..=day.year).map(move |y| format!("{y:04}-{m}").into()))
                    .collect(),
            ),
        };
        if args.is_empty() {
            // Every birth date lies after this day's year, or there is none.
            continue;
        }
        let placeholders: Vec<String> = (0..args.len()).map(|i| format!("${}", i + 2)).collect();
        // A trainer's: the members of the groups they lead.
        let mut scoped = String::new();
        if let Some(l) = &led {
            let cond = access::led_condition(l, |v: Value| {
                args.push(v);
                format!("${}", args.len() + 1)
            });
            scoped = format!(" AND {cond}");
        }
        args.push(left.into());
        let rows: Vec<BirthRow> = tx
            .fetch_all(
                &format!(
                    "SELECT id, given_name, family_name, birth_date FROM members \
                     WHERE tenant_id = $1 AND {BIRTHDAY_FILTER} \
                     AND {column} IN ({}){scoped} ORDER BY sort_name, id LIMIT ${}",
                    placeholders.join(", "),
                    args.len() + 1
                ),
                args,
            )
            .await?;
        for r in rows {
            let Some(born) = Date::parse(&r.birth_date) else {
                continue;
            };
            let age = day.year - born.year;
            if age < 0 {
                continue;
            }
            people.push(Birthday {
                member: MemberId(r.id),
                name: format!("{} {}", r.given_name, r.family_name),
                on: day.to_string(),
                age,
                today: *day == today,
            });
        }
    }
    tx.commit().await?;
    let more = people.len() as i64 > MAX_BIRTHDAYS;
    people.truncate(MAX_BIRTHDAYS as usize);
    let from = days.first().map(|d| d.0.to_string()).unwrap_or_default();
    let to = days.last().map(|d| d.0.to_string()).unwrap_or_default();
    Ok(Some(Birthdays {
        from,
        to,
        people,
        more,
    }))
}

#[derive(sqlx::FromRow)]
struct CardRow {
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    status: String,
    joined_on: Option<String>,
    membership_type: Option<String>,
    season: Option<String>,
    phone: Option<String>,
    restricted_at: Option<i64>,
    erased_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    child_id: i64,
    given_name: String,
    family_name: String,
    phone: Option<String>,
    email: Option<String>,
}

/// The guardians of each of `children`, with their phone and address.
async fn guardians_of(
    tx: &mut crate::db::TenantTx,
    children: &[i64],
) -> Result<Vec<(i64, Contact)>> {
    let mut out = Vec::new();
    for chunk in children.chunks(500) {
        let ph: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let rows: Vec<ContactRow> = tx
            .fetch_all(
                &format!(
                    "SELECT g.child_id, p.given_name, p.family_name, p.phone, p.email \
                     FROM member_guardians g JOIN members p ON p.tenant_id = g.tenant_id \
                     AND p.id = g.guardian_id WHERE g.tenant_id = $1 AND g.child_id IN ({}) \
                     AND p.restricted_at IS NULL AND p.erased_at IS NULL \
                     ORDER BY p.family_name, p.given_name",
                    ph.join(", ")
                ),
                chunk.iter().map(|&c| crate::db::Value::from(c)).collect(),
            )
            .await?;
        out.extend(rows.into_iter().map(|r| {
            (
                r.child_id,
                Contact {
                    name: format!("{} {}", r.given_name, r.family_name),
                    phone: r.phone,
                    email: r.email,
                },
            )
        }));
    }
    Ok(out)
}

/// A member card to print (`members.view`, or a trainer for a member of a group they lead,
/// with the fields their roles grant): name, birth date, membership, the guardians to call.
/// A record under restriction is not printed (a clear refusal); an erased one or another
/// club's is not found.
pub async fn member_card(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    member: MemberId,
) -> Result<MemberCard> {
    let mut tx = db.tenant_read(scope).await?;
    let reach = access::record(&mut tx, scope, member, false).await?;
    let row: Option<CardRow> = tx
        .fetch_optional(
            "SELECT given_name, family_name, birth_date, status, joined_on, membership_type, \
             season, phone, restricted_at, erased_at FROM members WHERE tenant_id = $1 AND id = $2",
            args![member],
        )
        .await?;
    let Some(r) = row.filter(|r| r.erased_at.is_none()) else {
        return Err(AppError::NotFound);
    };
    if r.restricted_at.is_some() {
        return Err(AppError::conflict(Msg::ListRestricted));
    }
    let contacts = if reach.sees("guardians_phone") {
        guardians_of(&mut tx, &[member.0])
            .await?
            .into_iter()
            .map(|(_, c)| contact_for(&reach, c))
            .collect()
    } else {
        Vec::new()
    };
    tx.commit().await?;
    let t = scope.tenant();
    let membership = reach.sees("membership");
    Ok(MemberCard {
        club_name: t.name.clone(),
        club_logo: t.logo_url(),
        member,
        name: format!("{} {}", r.given_name, r.family_name),
        birth_date: r.birth_date.filter(|_| reach.sees("birth_date")),
        status: r.status,
        joined_on: r.joined_on.filter(|_| membership),
        membership_type: r.membership_type.filter(|_| membership),
        season: r.season.filter(|_| membership),
        phone: r.phone.filter(|_| reach.sees("phone")),
        contacts,
        printed_on: scope.today(now).to_string(),
    })
}

#[derive(sqlx::FromRow)]
struct TeamMemberRow {
    id: i64,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    phone: Option<String>,
    leader: bool,
}

/// A guardian to call as the reader may see them: a trainer sees the name and phone (their
/// roles grant the guardians' phones), not the e-mail address.
fn contact_for(reach: &Reach, c: Contact) -> Contact {
    match reach {
        Reach::All => c,
        Reach::Led(_) => Contact { email: None, ..c },
    }
}

/// A group's members today (in the club's zone) with their emergency contacts, to print
/// (`members.view`, or a trainer for a group they lead today, with the fields their roles
/// grant: the guardians only when the guardians' phones are): leaders first, then by name;
/// a minor's guardians with their phones. Records under restriction are left out. Another
/// club's group (or one the trainer does not lead) is not found.
pub async fn team_list(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    group: i64,
) -> Result<TeamList> {
    let reach = access::register(scope, false)?;
    let today = scope.today(now);
    let on = today.to_string();
    let minor_cutoff = today
        .plus_years(-crate::members::AGE_OF_MAJORITY)
        .to_string();
    let mut tx = db.tenant_read(scope).await?;
    let g: Option<(String, String)> = tx
        .fetch_optional(
            "SELECT g.name, k.name FROM club_groups g JOIN group_kinds k ON k.tenant_id = g.tenant_id \
             AND k.id = g.kind_id WHERE g.tenant_id = $1 AND g.id = $2",
            args![group],
        )
        .await?;
    let Some((name, kind)) = g else {
        return Err(AppError::NotFound);
    };
    if let Reach::Led(l) = &reach {
        if !crate::groups::leads(&mut tx, l.leader, group, &on).await? {
            return Err(AppError::NotFound);
        }
    }
    let rows: Vec<TeamMemberRow> = tx
        .fetch_all(
            "SELECT m.id, m.given_name, m.family_name, m.birth_date, m.phone, \
             max(CASE WHEN gm.leader THEN 1 ELSE 0 END) = 1 AS leader \
             FROM group_members gm JOIN members m ON m.tenant_id = gm.tenant_id AND m.id = gm.member_id \
             WHERE gm.tenant_id = $1 AND gm.group_id = $2 AND gm.from_date <= $3 \
             AND (gm.to_date IS NULL OR gm.to_date >= $3) \
             AND m.restricted_at IS NULL AND m.erased_at IS NULL \
             GROUP BY m.id, m.given_name, m.family_name, m.birth_date, m.phone, m.sort_name \
             ORDER BY 6 DESC, m.sort_name, m.id",
            args![group, on.clone()],
        )
        .await?;
    let minors: Vec<i64> = rows
        .iter()
        .filter(|r| {
            r.birth_date
                .as_deref()
                .is_some_and(|b| b > minor_cutoff.as_str())
        })
        .map(|r| r.id)
        .collect();
    let contacts = if reach.sees("guardians_phone") {
        guardians_of(&mut tx, &minors).await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    let (birth, phone) = (reach.sees("birth_date"), reach.sees("phone"));
    Ok(TeamList {
        club_name: scope.tenant().name.clone(),
        group: name,
        kind,
        on,
        rows: rows
            .into_iter()
            .map(|r| TeamRow {
                member: MemberId(r.id),
                contacts: contacts
                    .iter()
                    .filter(|(c, _)| *c == r.id)
                    .map(|(_, c)| contact_for(&reach, c.clone()))
                    .collect(),
                name: format!("{} {}", r.given_name, r.family_name),
                birth_date: r.birth_date.filter(|_| birth),
                leader: r.leader,
                phone: r.phone.filter(|_| phone),
            })
            .collect(),
    })
}
