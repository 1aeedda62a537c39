//! Activities and attendance (issue 19): trainings (weekly, with a required end date),
//! matches and one-off events per group; exceptions per occurrence (cancelled with a reason,
//! moved); attendance marked by the group's leader or an `activities.attendance` holder;
//! absences reported beforehand by the member or a guardian; figures per member and group;
//! private calendar feeds (iCalendar) at an unguessable address kept only as a hash.
//!
//! Times are local in the club's zone: an occurrence is a date and a wall-clock time there,
//! turned into an instant with the zone's rules of that day, so a training at 19:00 stays at
//! 19:00 across summer-time changes (its UTC instant moves by an hour).
//!
//! Who sees what: `activities.manage` and `activities.attendance` see every group; a leader
//! sees the groups they lead; a member the groups they and their minor children are in.
//!
//! Layer: above accounts and members.

mod feed;
#[cfg(test)]
mod tests;

pub use feed::{feed_ics, feeds, renew_feed, revoke_feed};

use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::members::{require_guardian, Problems};
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use std::collections::{BTreeMap, BTreeSet};
use tessera_common::activity::*;
use tessera_common::modules::{ACTIVITIES_ATTENDANCE, ACTIVITIES_MANAGE};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, MemberId, Msg, Problem};

/// A weekly activity runs at most this many days (about two years).
pub const MAX_SPAN_DAYS: i64 = 731;
/// A title or a place: at most this many characters.
pub const MAX_TEXT: usize = 120;
/// A reason (cancellation, absence): at most this many characters.
pub const MAX_REASON: usize = 300;
/// The activities page shows this many days ahead.
pub const UPCOMING_DAYS: i64 = 28;
/// Figures cover at most this many days.
pub const MAX_FIGURE_DAYS: i64 = 366;

/// A new activity as typed.
#[derive(Clone, Debug, Default)]
pub struct PlanInput {
    pub group: String,
    pub kind: String,
    pub title: String,
    pub place: String,
    /// Weekly (a training that recurs) or one date.
    pub weekly: bool,
    pub first_date: String,
    pub end_date: String,
    pub start_time: String,
    pub duration_min: String,
}

/// A change to one occurrence.
#[derive(Clone, Debug)]
pub enum OccChange {
    Cancel {
        reason: String,
    },
    Move {
        date: String,
        time: String,
        place: String,
    },
    Restore,
}

/// The weekday of a date, 0 = Monday.
pub fn weekday(d: Date) -> i64 {
    (d.days_since_epoch() + 3).rem_euclid(7)
}

/// Reads `HH:MM`.
pub fn parse_time(s: &str) -> Option<(u8, u8)> {
    let b = s.trim().as_bytes();
    if b.len() != 5 || b[2] != b':' {
        return None;
    }
    let h: u8 = std::str::from_utf8(&b[0..2]).ok()?.parse().ok()?;
    let m: u8 = std::str::from_utf8(&b[3..5]).ok()?.parse().ok()?;
    (h < 24 && m < 60 && b[0..2].iter().chain(&b[3..5]).all(u8::is_ascii_digit)).then_some((h, m))
}

/// The instant of a wall-clock time on a date in zone `tz` (a time in the spring gap reads
/// as the earlier offset, so it lands an hour later on the clock: 02:30 → 03:30).
pub fn local_instant(date: &str, time: &str, tz: &str) -> Option<Timestamp> {
    Timestamp::parse_local(&format!("{date}T{time}"), tz)
}

fn clean(field: &str, v: &str, max: usize, p: &mut Problems) -> String {
    let v = v.trim().to_string();
    if v.chars().count() > max {
        p.add(field, Problem::new(Msg::ErrMaxChars).arg("max", max as i64));
    } else if v.chars().any(char::is_control) {
        p.add(field, Msg::ErrActControl);
    }
    v
}

/// A checked activity.
#[derive(Clone, Debug)]
pub struct Planned {
    pub group: i64,
    pub kind: ActivityKind,
    pub title: String,
    pub place: String,
    pub weekday: Option<i64>,
    pub first: Date,
    pub end: Date,
    pub start_time: String,
    pub duration_min: i64,
}

/// Checks a new activity: a weekly one needs an end date, after its first date and at most
/// [`MAX_SPAN_DAYS`] later; a one-off one is on its first date.
pub fn check_plan(input: &PlanInput) -> Result<Planned> {
    let mut p = Problems::default();
    let group = input.group.trim().parse::<i64>().ok();
    if group.is_none() {
        p.add("group", Msg::ErrActGroup);
    }
    let kind = ActivityKind::parse(input.kind.trim());
    if kind.is_none() {
        p.add("kind", Msg::ErrActKind);
    }
    let title = clean("title", &input.title, MAX_TEXT, &mut p);
    if title.is_empty() {
        p.add("title", Msg::ErrRequired);
    }
    let place = clean("place", &input.place, MAX_TEXT, &mut p);
    let first = Date::parse(input.first_date.trim());
    if first.is_none() {
        p.add("first_date", Msg::ErrActDate);
    }
    let end = if input.weekly {
        if input.end_date.trim().is_empty() {
            p.add("end_date", Msg::ErrActNoEnd);
            None
        } else {
            let end = Date::parse(input.end_date.trim());
            match (first, end) {
                (_, None) => p.add("end_date", Msg::ErrActDate),
                (Some(f), Some(e)) if e < f => p.add("end_date", Msg::ErrActEndBeforeStart),
                (Some(f), Some(e))
                    if e.days_since_epoch() - f.days_since_epoch() > MAX_SPAN_DAYS =>
                {
                    p.add("end_date", Msg::ErrActTooLong)
                }
                _ => {}
            }
            end
        }
    } else {
        first
    };
    let time = input.start_time.trim().to_string();
    if parse_time(&time).is_none() {
        p.add("start_time", Msg::ErrActTime);
    }
    let duration = input.duration_min.trim().parse::<i64>().ok();
    if !duration.is_some_and(|d| (1..=1440).contains(&d)) {
        p.add("duration_min", Msg::ErrActDuration);
    }
    p.done()?;
    match (group, kind, first, end, duration) {
        (Some(group), Some(kind), Some(first), Some(end), Some(duration_min)) => Ok(Planned {
            group,
            kind,
            title,
            place,
            weekday: input.weekly.then(|| weekday(first)),
            first,
            end,
            start_time: time,
            duration_min,
        }),
        _ => Err(AppError::bad_request(Msg::ErrActDate)),
    }
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub(crate) struct ActivityRow {
    pub id: i64,
    pub group_id: i64,
    pub group_name: String,
    pub kind: String,
    pub title: String,
    pub place: String,
    pub weekday: Option<i64>,
    pub start_time: String,
    pub duration_min: i64,
    pub first_date: String,
    pub end_date: String,
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub(crate) struct ExceptionRow {
    pub activity_id: i64,
    pub occ_date: String,
    pub cancelled: bool,
    pub reason: String,
    pub new_date: Option<String>,
    pub new_time: Option<String>,
    pub new_place: Option<String>,
}

const ACTIVITY_SELECT: &str = "SELECT a.id, a.group_id, g.name AS group_name, a.kind, a.title, \
    a.place, a.weekday, a.start_time, a.duration_min, a.first_date, a.end_date \
    FROM activities a JOIN club_groups g ON g.tenant_id = a.tenant_id AND g.id = a.group_id \
    WHERE a.tenant_id = $1";

/// The scheduled dates of an activity within `[from, to]`.
pub(crate) fn scheduled_dates(a: &ActivityRow, from: Date, to: Date) -> Vec<Date> {
    let (Some(first), Some(end)) = (Date::parse(&a.first_date), Date::parse(&a.end_date)) else {
        return Vec::new();
    };
    let lo = first.max(from).days_since_epoch();
    let hi = end.min(to).days_since_epoch();
    if a.weekday.is_none() {
        return if first >= from && first <= to {
            vec![first]
        } else {
            Vec::new()
        };
    }
    let wd = a.weekday.unwrap_or(0);
    let mut out = Vec::new();
    let mut d = lo;
    while d <= hi {
        let date = Date::from_days(d);
        if weekday(date) == wd {
            out.push(date);
            d += 7;
        } else {
            d += 1;
        }
    }
    out
}

/// The occurrences of the activities within `[from, to]` (scheduled dates), with their
/// exceptions applied, in the club's zone `tz`, sorted by start.
pub(crate) fn expand(
    activities: &[ActivityRow],
    exceptions: &[ExceptionRow],
    from: Date,
    to: Date,
    tz: &str,
) -> Vec<Occurrence> {
    let ex: BTreeMap<(i64, &str), &ExceptionRow> = exceptions
        .iter()
        .map(|e| ((e.activity_id, e.occ_date.as_str()), e))
        .collect();
    let mut out = Vec::new();
    for a in activities {
        for d in scheduled_dates(a, from, to) {
            let date = d.to_string();
            out.push(occurrence_of(
                a,
                &date,
                ex.get(&(a.id, date.as_str())).copied(),
                tz,
            ));
        }
    }
    out.sort_by_key(|o| (o.start, o.activity));
    out
}

pub(crate) fn occurrence_of(
    a: &ActivityRow,
    date: &str,
    e: Option<&ExceptionRow>,
    tz: &str,
) -> Occurrence {
    let local_date = e
        .and_then(|e| e.new_date.clone())
        .unwrap_or_else(|| date.to_string());
    let local_time = e
        .and_then(|e| e.new_time.clone())
        .unwrap_or_else(|| a.start_time.clone());
    let place = e
        .and_then(|e| e.new_place.clone())
        .unwrap_or_else(|| a.place.clone());
    let start = local_instant(&local_date, &local_time, tz).unwrap_or(Timestamp(0));
    Occurrence {
        activity: a.id,
        date: date.to_string(),
        group: GroupRef {
            id: a.group_id,
            name: a.group_name.clone(),
        },
        kind: ActivityKind::parse(&a.kind).unwrap_or(ActivityKind::Event),
        title: a.title.clone(),
        place,
        moved: e
            .is_some_and(|e| e.new_date.is_some() || e.new_time.is_some() || e.new_place.is_some()),
        local_date,
        local_time,
        start,
        end: start.plus_seconds(a.duration_min * 60),
        cancelled: e.is_some_and(|e| e.cancelled),
        reason: e.map(|e| e.reason.clone()).unwrap_or_default(),
        weekly: a.weekday.is_some(),
    }
}

/// What the caller may reach: every group (`activities.attendance`), or those they lead and
/// those they (or their minor children) are in, on `today`. (`activities.manage` plans and
/// changes every group's activities and lists them, but the attendance lists and figures are
/// `activities.attendance`'s.)
#[derive(Clone, Debug, Default)]
pub(crate) struct Access {
    pub all: bool,
    pub led: BTreeSet<i64>,
    pub member_of: BTreeSet<i64>,
}

impl Access {
    pub fn sees(&self, group: i64) -> bool {
        self.all || self.led.contains(&group) || self.member_of.contains(&group)
    }
    pub fn groups(&self) -> Vec<i64> {
        self.led.union(&self.member_of).copied().collect()
    }
}

pub(crate) async fn access(tx: &mut TenantTx, scope: &TenantScope, today: Date) -> Result<Access> {
    let mut a = Access {
        all: scope.can(ACTIVITIES_ATTENDANCE),
        ..Default::default()
    };
    let Some(me) = scope.member_id() else {
        return Ok(a);
    };
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT gm.group_id FROM group_members gm WHERE gm.tenant_id = $1 \
             AND gm.from_date <= $3 AND (gm.to_date IS NULL OR gm.to_date >= $3) \
             AND (gm.member_id = $2 OR gm.member_id IN (SELECT child_id FROM member_guardians \
             WHERE tenant_id = $1 AND guardian_id = $2))",
            args![me, today.to_string()],
        )
        .await?;
    // A leader row of a child does not make the guardian a leader.
    let own: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT group_id FROM group_members WHERE tenant_id = $1 AND member_id = $2 \
             AND leader = $3 AND from_date <= $4 AND (to_date IS NULL OR to_date >= $4)",
            args![me, true, today.to_string()],
        )
        .await?;
    a.led = own.into_iter().map(|(g,)| g).collect();
    a.member_of = rows.into_iter().map(|(g,)| g).collect();
    Ok(a)
}

/// Whether the caller may mark attendance (and see the list) of `group` on `day`.
async fn may_mark(
    tx: &mut TenantTx,
    scope: &TenantScope,
    group: i64,
    day: &str,
    today: Date,
) -> Result<bool> {
    if scope.can(ACTIVITIES_ATTENDANCE) {
        return Ok(true);
    }
    match scope.member_id() {
        Some(me) => Ok(crate::groups::leads(tx, me, group, day).await?
            || crate::groups::leads(tx, me, group, &today.to_string()).await?),
        None => Ok(false),
    }
}

fn require_module(scope: &TenantScope) -> Result<()> {
    if scope.module_active("activities") {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

async fn group_name(tx: &mut TenantTx, group: i64) -> Result<String> {
    let row: Option<(String,)> = tx
        .fetch_optional(
            "SELECT name FROM club_groups WHERE tenant_id = $1 AND id = $2",
            args![group],
        )
        .await?;
    row.map(|(n,)| n).ok_or(AppError::NotFound)
}

/// Plans an activity (`activities.manage`).
pub async fn plan(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: &PlanInput,
) -> Result<i64> {
    scope.require(ACTIVITIES_MANAGE)?;
    let p = check_plan(input)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let found: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM club_groups WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL",
            args![p.group],
        )
        .await?;
    if found.is_none() {
        return Err(AppError::Invalid(vec![tessera_common::FieldError::new(
            "group",
            Msg::ErrActGroup,
        )]));
    }
    let id = ids::new_id();
    tx.insert(
        "activities",
        vec![
            ("id", id.into()),
            ("group_id", p.group.into()),
            ("kind", p.kind.code().into()),
            ("title", p.title.clone().into()),
            ("place", p.place.clone().into()),
            ("weekday", p.weekday.into()),
            ("start_time", p.start_time.clone().into()),
            ("duration_min", p.duration_min.into()),
            ("first_date", p.first.to_string().into()),
            ("end_date", p.end.to_string().into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log("activity_planned", Some(&format!("activity {id}")))
        .await?;
    tx.commit().await?;
    Ok(id)
}

async fn activity_row(tx: &mut TenantTx, activity: i64) -> Result<ActivityRow> {
    let rows: Vec<ActivityRow> = tx
        .fetch_all(&format!("{ACTIVITY_SELECT} AND a.id = $2"), args![activity])
        .await?;
    rows.into_iter().next().ok_or(AppError::NotFound)
}

async fn exception_row(
    tx: &mut TenantTx,
    activity: i64,
    date: &str,
) -> Result<Option<ExceptionRow>> {
    let rows: Vec<ExceptionRow> = tx
        .fetch_all(
            "SELECT activity_id, occ_date, cancelled, reason, new_date, new_time, new_place \
             FROM activity_exceptions WHERE tenant_id = $1 AND activity_id = $2 AND occ_date = $3",
            args![activity, date.to_string()],
        )
        .await?;
    Ok(rows.into_iter().next())
}

/// The occurrence of `activity` scheduled on `date`; an activity of another club, or a date
/// it does not run on, is not found.
async fn load_occurrence(
    tx: &mut TenantTx,
    scope: &TenantScope,
    activity: i64,
    date: &str,
) -> Result<(ActivityRow, Occurrence)> {
    let d = Date::parse(date).ok_or(AppError::NotFound)?;
    let a = activity_row(tx, activity).await?;
    if scheduled_dates(&a, d, d).is_empty() {
        return Err(AppError::NotFound);
    }
    let e = exception_row(tx, activity, date).await?;
    let occ = occurrence_of(&a, date, e.as_ref(), &scope.tenant().time_zone);
    Ok((a, occ))
}

/// Cancels, moves or restores one occurrence (`activities.manage`, or the group's leader).
pub async fn change_occurrence(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    activity: i64,
    date: &str,
    change: &OccChange,
) -> Result<()> {
    require_module(scope)?;
    let today = scope.today(now);
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (a, _) = load_occurrence(&mut tx, scope, activity, date).await?;
    let allowed = scope.can(ACTIVITIES_MANAGE)
        || match scope.member_id() {
            Some(me) => crate::groups::leads(&mut tx, me, a.group_id, &today.to_string()).await?,
            None => false,
        };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let mut p = Problems::default();
    let (cancelled, reason, new_date, new_time, new_place) = match change {
        OccChange::Cancel { reason } => {
            let r = clean("reason", reason, MAX_REASON, &mut p);
            if r.is_empty() {
                p.add("reason", Msg::ErrRequired);
            }
            (true, r, None, None, None)
        }
        OccChange::Move {
            date: nd,
            time,
            place,
        } => {
            let nd = nd.trim();
            if Date::parse(nd).is_none() {
                p.add("new_date", Msg::ErrActDate);
            }
            if parse_time(time).is_none() {
                p.add("new_time", Msg::ErrActTime);
            }
            let place = clean("new_place", place, MAX_TEXT, &mut p);
            (
                false,
                String::new(),
                Some(nd.to_string()),
                Some(time.trim().to_string()),
                Some(if place.is_empty() {
                    a.place.clone()
                } else {
                    place
                }),
            )
        }
        OccChange::Restore => (false, String::new(), None, None, None),
    };
    p.done()?;
    let existing: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM activity_exceptions WHERE tenant_id = $1 AND activity_id = $2 \
             AND occ_date = $3",
            args![activity, date.to_string()],
        )
        .await?;
    let cols = vec![
        ("cancelled", cancelled.into()),
        ("reason", reason.into()),
        ("new_date", new_date.into()),
        ("new_time", new_time.into()),
        ("new_place", new_place.into()),
    ];
    match existing {
        Some((id,)) => {
            tx.update("activity_exceptions", id, cols, None).await?;
        }
        None => {
            let mut cols = cols;
            cols.insert(0, ("id", ids::new_id().into()));
            cols.push(("activity_id", activity.into()));
            cols.push(("occ_date", date.to_string().into()));
            cols.push(("created_at", now.into()));
            tx.insert("activity_exceptions", cols).await?;
        }
    }
    tx.log(
        "activity_occurrence_changed",
        Some(&format!("activity {activity} on {date}")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Tells the group of `activity` by mail that its occurrence of `date` is cancelled (with
/// the reason) or moved (to when and where), as it now stands: the group's service-mail
/// recipients today (`mailings::recipients_in`: each member with an address, and the
/// guardians of the minors), each address once, in their language. Called after the change
/// is stored, by whoever made it; the mails go out on their own task. Returns how many are
/// sent; an occurrence that is neither cancelled nor moved tells nobody.
pub async fn tell_group(
    db: &Db,
    mailer: &crate::mail::Mailer,
    public_url: &str,
    scope: &TenantScope,
    now: Timestamp,
    activity: i64,
    date: &str,
) -> Result<usize> {
    require_module(scope)?;
    let mut tx = db.tenant_read(scope).await?;
    let (a, o) = load_occurrence(&mut tx, scope, activity, date).await?;
    let people = if o.cancelled || o.moved {
        crate::mailings::recipients_in(
            &mut tx,
            scope,
            now,
            tessera_common::mailing::MailingKind::Service,
            None,
            &tessera_common::mailing::Audience::Group(a.group_id),
        )
        .await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    let club = scope.tenant();
    let brand = crate::mail::Brand::of(club, public_url);
    let (subject, body) = if o.cancelled {
        (Msg::ActToldCancelledSubject, Msg::ActToldCancelledBody)
    } else {
        (Msg::ActToldMovedSubject, Msg::ActToldMovedBody)
    };
    let mut seen = BTreeSet::new();
    let mut sent = 0;
    for p in people {
        if !seen.insert(p.email.to_lowercase()) {
            continue;
        }
        let long = |d: &str| {
            Date::parse(d)
                .map(|x| x.format(p.lang, tessera_common::time::DateStyle::Long))
                .unwrap_or_else(|| d.to_string())
        };
        let (day, new_day) = (long(date), long(&o.local_date));
        let vars = [
            ("title", o.title.as_str()),
            ("group", o.group.name.as_str()),
            ("date", day.as_str()),
            ("time", o.local_time.as_str()),
            ("reason", o.reason.as_str()),
            ("new_date", new_day.as_str()),
            ("new_time", o.local_time.as_str()),
            ("place", o.place.as_str()),
            ("club", club.name.as_str()),
        ];
        mailer.send_later(Some(crate::mail::Mail {
            to: p.email.clone(),
            subject: subject.fill(p.lang, &vars),
            body: body.fill(p.lang, &vars),
            brand: Some(brand.clone()),
        }));
        sent += 1;
    }
    Ok(sent)
}

async fn activities_of(
    tx: &mut TenantTx,
    groups: Option<&[i64]>,
    from: Date,
    to: Date,
) -> Result<(Vec<ActivityRow>, Vec<ExceptionRow>)> {
    let rows: Vec<ActivityRow> = tx
        .fetch_all(
            &format!("{ACTIVITY_SELECT} AND a.end_date >= $2 AND a.first_date <= $3 ORDER BY a.id"),
            args![from.to_string(), to.to_string()],
        )
        .await?;
    let rows: Vec<ActivityRow> = rows
        .into_iter()
        .filter(|a| groups.is_none_or(|g| g.contains(&a.group_id)))
        .collect();
    let ex: Vec<ExceptionRow> = if rows.is_empty() {
        Vec::new()
    } else {
        tx.fetch_all(
            "SELECT e.activity_id, e.occ_date, e.cancelled, e.reason, e.new_date, e.new_time, \
             e.new_place FROM activity_exceptions e WHERE e.tenant_id = $1 \
             AND e.occ_date >= $2 AND e.occ_date <= $3",
            args![from.to_string(), to.to_string()],
        )
        .await?
    };
    Ok((rows, ex))
}

/// The activities page: the coming [`UPCOMING_DAYS`] days' occurrences of the groups the
/// caller sees.
pub async fn overview(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<ActivitiesOverview> {
    require_module(scope)?;
    let today = scope.today(now);
    let to = Date::from_days(today.days_since_epoch() + UPCOMING_DAYS - 1);
    let mut tx = db.tenant_read(scope).await?;
    let acc = access(&mut tx, scope, today).await?;
    let groups = acc.groups();
    let every = acc.all || scope.can(ACTIVITIES_MANAGE);
    let (rows, ex) = activities_of(&mut tx, (!every).then_some(&groups[..]), today, to).await?;
    let all_groups: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, name FROM club_groups WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY name, id",
            args![],
        )
        .await?;
    tx.commit().await?;
    let refs = |f: &dyn Fn(i64) -> bool| {
        all_groups
            .iter()
            .filter(|(id, _)| f(*id))
            .map(|(id, name)| GroupRef {
                id: *id,
                name: name.clone(),
            })
            .collect::<Vec<_>>()
    };
    let plannable = if scope.can(ACTIVITIES_MANAGE) {
        refs(&|_| true)
    } else {
        Vec::new()
    };
    let figures = if acc.all {
        refs(&|_| true)
    } else {
        refs(&|g| acc.led.contains(&g))
    };
    Ok(ActivitiesOverview {
        occurrences: expand(&rows, &ex, today, to, &scope.tenant().time_zone),
        plannable,
        figures,
        today: today.to_string(),
    })
}

#[derive(sqlx::FromRow)]
struct ListRow {
    member_id: i64,
    given_name: String,
    family_name: String,
    leader: bool,
}

/// The members of `group` on `day` (leaders apart), by name.
async fn members_on(tx: &mut TenantTx, group: i64, day: &str) -> Result<Vec<ListRow>> {
    tx.fetch_all(
        "SELECT gm.member_id, m.given_name, m.family_name, gm.leader FROM group_members gm \
         JOIN members m ON m.tenant_id = gm.tenant_id AND m.id = gm.member_id \
         WHERE gm.tenant_id = $1 AND gm.group_id = $2 AND gm.from_date <= $3 \
         AND (gm.to_date IS NULL OR gm.to_date >= $3) \
         ORDER BY m.family_name, m.given_name, gm.member_id",
        args![group, day.to_string()],
    )
    .await
}

/// An occurrence with its attendance list (for those who may mark) and the people the
/// caller may report absent.
pub async fn occurrence(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    activity: i64,
    date: &str,
) -> Result<OccurrenceDetail> {
    require_module(scope)?;
    let today = scope.today(now);
    let mut tx = db.tenant_read(scope).await?;
    let (a, occ) = load_occurrence(&mut tx, scope, activity, date).await?;
    let acc = access(&mut tx, scope, today).await?;
    // Someone who was in the group on the day (a past occurrence) sees it too.
    let me = scope.member_id();
    let people = members_on(&mut tx, a.group_id, date).await?;
    let mut mine: BTreeSet<MemberId> = BTreeSet::new();
    if let Some(me) = me {
        mine.insert(me);
        let kids: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT child_id FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2",
                args![me],
            )
            .await?;
        mine.extend(kids.into_iter().map(|(k,)| MemberId(k)));
    }
    let in_list = people.iter().any(|p| mine.contains(&MemberId(p.member_id)));
    if !acc.sees(a.group_id) && !in_list {
        // The club's own activity, outside what the caller may see.
        return Err(AppError::Forbidden);
    }
    let can_mark = may_mark(&mut tx, scope, a.group_id, date, today).await?;
    let can_change = scope.can(ACTIVITIES_MANAGE) || acc.led.contains(&a.group_id);
    let marks: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT member_id, status FROM attendance WHERE tenant_id = $1 AND activity_id = $2 \
             AND occ_date = $3",
            args![activity, date.to_string()],
        )
        .await?;
    let absences: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT member_id, reason FROM activity_absences WHERE tenant_id = $1 \
             AND activity_id = $2 AND occ_date = $3",
            args![activity, date.to_string()],
        )
        .await?;
    tx.commit().await?;
    let marks: BTreeMap<MemberId, Mark> = marks
        .into_iter()
        .filter_map(|(m, s)| Mark::parse(&s).map(|s| (MemberId(m), s)))
        .collect();
    let absences: BTreeMap<MemberId, String> = absences
        .into_iter()
        .map(|(m, r)| (MemberId(m), r))
        .collect();
    let name = |p: &ListRow| format!("{} {}", p.given_name, p.family_name);
    let rows = if can_mark {
        people
            .iter()
            .filter(|p| !p.leader)
            .map(|p| AttendanceRow {
                member: MemberId(p.member_id),
                name: name(p),
                mark: marks.get(&MemberId(p.member_id)).copied(),
                absence: absences.get(&MemberId(p.member_id)).cloned(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let reportable = people
        .iter()
        .filter(|p| !p.leader && mine.contains(&MemberId(p.member_id)))
        .map(|p| Reportable {
            member: MemberId(p.member_id),
            name: name(p),
            reported: absences.get(&MemberId(p.member_id)).cloned(),
        })
        .collect();
    Ok(OccurrenceDetail {
        open: !occ.cancelled && occ.date.as_str() >= today.to_string().as_str(),
        occ,
        can_mark,
        can_change,
        rows,
        reportable,
    })
}

/// Whether `member` is in `group` on `day`.
async fn in_group_on(tx: &mut TenantTx, member: MemberId, group: i64, day: &str) -> Result<bool> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM group_members WHERE tenant_id = $1 AND member_id = $2 \
             AND group_id = $3 AND from_date <= $4 AND (to_date IS NULL OR to_date >= $4) LIMIT 1",
            args![member, group, day.to_string()],
        )
        .await?;
    Ok(row.is_some())
}

/// Marks one person present, absent or excused (the group's leader, or
/// `activities.attendance`). A cancelled occurrence, one still to come, or a person not in
/// the group that day is refused with a message; nothing is stored.
#[allow(clippy::too_many_arguments)]
pub async fn mark(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    activity: i64,
    date: &str,
    member: MemberId,
    status: Mark,
) -> Result<()> {
    require_module(scope)?;
    let today = scope.today(now);
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (a, occ) = load_occurrence(&mut tx, scope, activity, date).await?;
    if !may_mark(&mut tx, scope, a.group_id, date, today).await? {
        return Err(AppError::Forbidden);
    }
    if occ.cancelled {
        return Err(AppError::conflict(Msg::ErrActCancelled));
    }
    if occ.local_date.as_str() > today.to_string().as_str() {
        return Err(AppError::conflict(Msg::ErrActNotYet));
    }
    if !in_group_on(&mut tx, member, a.group_id, date).await? {
        return Err(AppError::bad_request(Msg::ErrActNotInGroup));
    }
    let existing: Option<(i64, String)> = tx
        .fetch_optional(
            "SELECT id, status FROM attendance WHERE tenant_id = $1 AND activity_id = $2 \
             AND occ_date = $3 AND member_id = $4",
            args![activity, date.to_string(), member],
        )
        .await?;
    // Tapping the same mark again re-confirms it (and its stamp).
    match existing {
        Some((id, _)) => {
            tx.update(
                "attendance",
                id,
                vec![("status", status.code().into())],
                None,
            )
            .await?;
        }
        None => {
            tx.insert(
                "attendance",
                vec![
                    ("id", ids::new_id().into()),
                    ("activity_id", activity.into()),
                    ("occ_date", date.to_string().into()),
                    ("member_id", member.into()),
                    ("status", status.code().into()),
                    ("created_at", now.into()),
                ],
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Reports `member` absent from an occurrence, with a reason: the member themselves, or a
/// guardian for their minor child. Another person's child is not found; a past or cancelled
/// occurrence is refused.
#[allow(clippy::too_many_arguments)]
pub async fn report_absence(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    activity: i64,
    date: &str,
    member: MemberId,
    reason: &str,
) -> Result<()> {
    require_module(scope)?;
    let today = scope.today(now);
    if scope.member_id() != Some(member) {
        require_guardian(db, scope, member, today).await?;
    }
    let mut p = Problems::default();
    let reason = clean("reason", reason, MAX_REASON, &mut p);
    if reason.is_empty() {
        p.add("reason", Msg::ErrRequired);
    }
    p.done()?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (a, occ) = load_occurrence(&mut tx, scope, activity, date).await?;
    if !in_group_on(&mut tx, member, a.group_id, date).await? {
        return Err(AppError::NotFound);
    }
    if occ.cancelled {
        return Err(AppError::conflict(Msg::ErrActCancelled));
    }
    if occ.local_date.as_str() < today.to_string().as_str() {
        return Err(AppError::conflict(Msg::ErrActPast));
    }
    let existing: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM activity_absences WHERE tenant_id = $1 AND activity_id = $2 \
             AND occ_date = $3 AND member_id = $4",
            args![activity, date.to_string(), member],
        )
        .await?;
    match existing {
        Some((id,)) => {
            tx.update(
                "activity_absences",
                id,
                vec![("reason", reason.into())],
                None,
            )
            .await?;
        }
        None => {
            tx.insert(
                "activity_absences",
                vec![
                    ("id", ids::new_id().into()),
                    ("activity_id", activity.into()),
                    ("occ_date", date.to_string().into()),
                    ("member_id", member.into()),
                    ("reason", reason.into()),
                    ("created_at", now.into()),
                ],
            )
            .await?;
        }
    }
    tx.log(
        "absence_reported",
        Some(&format!("activity {activity} on {date}")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Checks that the caller may see figures of `group`: every group with
/// `activities.attendance` or `activities.manage`, their own as a leader.
async fn require_figures(
    tx: &mut TenantTx,
    scope: &TenantScope,
    group: i64,
    today: Date,
) -> Result<String> {
    let name = group_name(tx, group).await?;
    let acc = access(tx, scope, today).await?;
    if acc.all || acc.led.contains(&group) {
        Ok(name)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Attendance figures of a group over `[from, to]` (at most [`MAX_FIGURE_DAYS`] days;
/// occurrences after today are not counted): per member, the occurrences held while they
/// were in the group and their marks.
pub async fn figures(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    group: i64,
    from: &str,
    to: &str,
) -> Result<Figures> {
    require_module(scope)?;
    let today = scope.today(now);
    let (Some(f), Some(t)) = (Date::parse(from.trim()), Date::parse(to.trim())) else {
        return Err(AppError::bad_request(Msg::ErrActDate));
    };
    if t < f {
        return Err(AppError::bad_request(Msg::ErrActEndBeforeStart));
    }
    if t.days_since_epoch() - f.days_since_epoch() > MAX_FIGURE_DAYS {
        return Err(AppError::bad_request(Msg::ErrActTooLong));
    }
    let mut tx = db.tenant_read(scope).await?;
    let name = require_figures(&mut tx, scope, group, today).await?;
    let last = t.min(today);
    let (rows, ex) = activities_of(&mut tx, Some(&[group]), f, last).await?;
    let held: Vec<Occurrence> = if last < f {
        Vec::new()
    } else {
        expand(&rows, &ex, f, last, &scope.tenant().time_zone)
            .into_iter()
            .filter(|o| !o.cancelled)
            .collect()
    };
    let spans: Vec<(i64, String, String, String, Option<String>)> = tx
        .fetch_all(
            "SELECT gm.member_id, m.given_name || ' ' || m.family_name, gm.from_date, \
             m.family_name || ' ' || m.given_name, gm.to_date FROM group_members gm \
             JOIN members m ON m.tenant_id = gm.tenant_id AND m.id = gm.member_id \
             WHERE gm.tenant_id = $1 AND gm.group_id = $2 AND gm.leader = $3 \
             AND gm.from_date <= $5 AND (gm.to_date IS NULL OR gm.to_date >= $4)",
            args![group, false, f.to_string(), t.to_string()],
        )
        .await?;
    let marks: Vec<(i64, String, String, i64)> = tx
        .fetch_all(
            "SELECT at.member_id, at.status, at.occ_date, at.activity_id FROM attendance at \
             JOIN activities a ON a.tenant_id = at.tenant_id AND a.id = at.activity_id \
             WHERE at.tenant_id = $1 AND a.group_id = $2 AND at.occ_date >= $3 AND at.occ_date <= $4",
            args![group, f.to_string(), last.to_string()],
        )
        .await?;
    tx.commit().await?;
    let marks: BTreeMap<(i64, String, i64), String> = marks
        .into_iter()
        .map(|(m, s, d, a)| ((m, d, a), s))
        .collect();
    let mut by_member: BTreeMap<(String, i64), FigureRow> = BTreeMap::new();
    for (member, name_, from_d, sort, to_d) in spans {
        let row = by_member
            .entry((sort, member))
            .or_insert_with(|| FigureRow {
                member: MemberId(member),
                name: name_,
                held: 0,
                present: 0,
                absent: 0,
                excused: 0,
            });
        for o in &held {
            let in_span = o.date >= from_d && to_d.as_ref().is_none_or(|e| o.date <= *e);
            if !in_span {
                continue;
            }
            row.held += 1;
            match marks
                .get(&(member, o.date.clone(), o.activity))
                .and_then(|s| Mark::parse(s))
            {
                Some(Mark::Present) => row.present += 1,
                Some(Mark::Absent) => row.absent += 1,
                Some(Mark::Excused) => row.excused += 1,
                None => {}
            }
        }
    }
    Ok(Figures {
        group: GroupRef { id: group, name },
        from: f.to_string(),
        to: t.to_string(),
        held: held.len() as i64,
        rows: by_member.into_values().collect(),
    })
}

/// A month's attendance sheet of a group (`YYYY-MM`), for print: the same people as
/// [`figures`] may see it.
pub async fn month_sheet(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    group: i64,
    month: &str,
) -> Result<MonthSheet> {
    require_module(scope)?;
    let today = scope.today(now);
    let first = Date::parse(&format!("{}-01", month.trim()))
        .ok_or_else(|| AppError::bad_request(Msg::ErrActDate))?;
    let last = Date::from_days(first.plus_months(1).days_since_epoch() - 1);
    let mut tx = db.tenant_read(scope).await?;
    let name = require_figures(&mut tx, scope, group, today).await?;
    let (rows, ex) = activities_of(&mut tx, Some(&[group]), first, last).await?;
    let occs: Vec<Occurrence> = expand(&rows, &ex, first, last, &scope.tenant().time_zone)
        .into_iter()
        .filter(|o| !o.cancelled)
        .collect();
    let people: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT DISTINCT gm.member_id, m.family_name || ', ' || m.given_name AS n FROM group_members gm \
             JOIN members m ON m.tenant_id = gm.tenant_id AND m.id = gm.member_id \
             WHERE gm.tenant_id = $1 AND gm.group_id = $2 AND gm.leader = $3 \
             AND gm.from_date <= $5 AND (gm.to_date IS NULL OR gm.to_date >= $4) ORDER BY n",
            args![group, false, first.to_string(), last.to_string()],
        )
        .await?;
    let marks: Vec<(i64, i64, String, String)> = tx
        .fetch_all(
            "SELECT at.member_id, at.activity_id, at.occ_date, at.status FROM attendance at \
             JOIN activities a ON a.tenant_id = at.tenant_id AND a.id = at.activity_id \
             WHERE at.tenant_id = $1 AND a.group_id = $2 AND at.occ_date >= $3 AND at.occ_date <= $4",
            args![group, first.to_string(), last.to_string()],
        )
        .await?;
    tx.commit().await?;
    let marks: BTreeMap<(i64, i64, String), Mark> = marks
        .into_iter()
        .filter_map(|(m, a, d, s)| Mark::parse(&s).map(|s| ((m, a, d), s)))
        .collect();
    let rows = people
        .into_iter()
        .map(|(m, n)| {
            let cells = occs
                .iter()
                .map(|o| marks.get(&(m, o.activity, o.date.clone())).copied())
                .collect();
            (n, cells)
        })
        .collect();
    Ok(MonthSheet {
        group: GroupRef { id: group, name },
        month: format!("{:04}-{:02}", first.year, first.month),
        occurrences: occs,
        rows,
    })
}

/// A member's own attendance over `[from, to]` (empty: the last 90 days up to today; at
/// most [`MAX_FIGURE_DAYS`] days; occurrences after today are not counted), per group they
/// were in (not as its leader): the occurrences held while they were in it and their
/// marks. `member` None: the caller's own record; another: a guardian for their minor child
/// (anyone else's is not found).
pub async fn my_figures(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    member: Option<MemberId>,
    from: &str,
    to: &str,
) -> Result<MyFigures> {
    require_module(scope)?;
    let today = scope.today(now);
    let member = match member {
        None => scope.member_id().ok_or(AppError::NotFound)?,
        Some(m) if scope.member_id() == Some(m) => m,
        Some(m) => {
            require_guardian(db, scope, m, today).await?;
            m
        }
    };
    let t = match to.trim() {
        "" => today,
        v => Date::parse(v).ok_or_else(|| AppError::bad_request(Msg::ErrActDate))?,
    };
    let f = match from.trim() {
        "" => Date::from_days(t.days_since_epoch() - 90),
        v => Date::parse(v).ok_or_else(|| AppError::bad_request(Msg::ErrActDate))?,
    };
    if t < f {
        return Err(AppError::bad_request(Msg::ErrActEndBeforeStart));
    }
    if t.days_since_epoch() - f.days_since_epoch() > MAX_FIGURE_DAYS {
        return Err(AppError::bad_request(Msg::ErrActTooLong));
    }
    let last = t.min(today);
    let mut tx = db.tenant_read(scope).await?;
    let spans: Vec<(i64, String, String, Option<String>)> = tx
        .fetch_all(
            "SELECT gm.group_id, g.name, gm.from_date, gm.to_date FROM group_members gm \
             JOIN club_groups g ON g.tenant_id = gm.tenant_id AND g.id = gm.group_id \
             WHERE gm.tenant_id = $1 AND gm.member_id = $2 AND gm.leader = $3 \
             AND gm.from_date <= $5 AND (gm.to_date IS NULL OR gm.to_date >= $4) \
             ORDER BY g.name, gm.from_date",
            args![member, false, f.to_string(), t.to_string()],
        )
        .await?;
    let groups: Vec<i64> = spans
        .iter()
        .map(|s| s.0)
        .collect::<BTreeSet<i64>>()
        .into_iter()
        .collect();
    let held: Vec<Occurrence> = if groups.is_empty() || last < f {
        Vec::new()
    } else {
        let (rows, ex) = activities_of(&mut tx, Some(&groups), f, last).await?;
        expand(&rows, &ex, f, last, &scope.tenant().time_zone)
            .into_iter()
            .filter(|o| !o.cancelled)
            .collect()
    };
    let marks: Vec<(i64, String, String)> = tx
        .fetch_all(
            "SELECT activity_id, occ_date, status FROM attendance WHERE tenant_id = $1 \
             AND member_id = $2 AND occ_date >= $3 AND occ_date <= $4",
            args![member, f.to_string(), last.to_string()],
        )
        .await?;
    tx.commit().await?;
    let marks: BTreeMap<(i64, String), Mark> = marks
        .into_iter()
        .filter_map(|(a, d, s)| Mark::parse(&s).map(|m| ((a, d), m)))
        .collect();
    let mut rows: Vec<MyFigureRow> = Vec::new();
    for (group, name, from_d, to_d) in spans {
        let at = match rows.iter().position(|r| r.group.id == group) {
            Some(i) => i,
            None => {
                rows.push(MyFigureRow {
                    group: GroupRef { id: group, name },
                    held: 0,
                    present: 0,
                    absent: 0,
                    excused: 0,
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[at];
        for o in held.iter().filter(|o| o.group.id == group) {
            if o.date < from_d || to_d.as_ref().is_some_and(|e| o.date > *e) {
                continue;
            }
            row.held += 1;
            match marks.get(&(o.activity, o.date.clone())) {
                Some(Mark::Present) => row.present += 1,
                Some(Mark::Absent) => row.absent += 1,
                Some(Mark::Excused) => row.excused += 1,
                None => {}
            }
        }
    }
    Ok(MyFigures {
        member,
        from: f.to_string(),
        to: t.to_string(),
        rows,
    })
}
