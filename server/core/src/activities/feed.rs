//! Private calendar feeds: a member's (the occurrences of their groups) and a group's, each
//! at `/c/{club}/calendar/feed/{token}` where the token is 32 random bytes; only its SHA-256
//! is stored, so the address is shown once, when it is made. Renewing makes a new address
//! and revokes the old one; a revoked or unknown token is not found.

use super::*;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use sha2::{Digest, Sha256};

/// The feed's window: from this many days back …
const FEED_PAST_DAYS: i64 = 60;
/// … to this many days ahead.
const FEED_AHEAD_DAYS: i64 = 366;

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// What a feed is of.
enum Target {
    Me(MemberId),
    Group(i64),
}

async fn target_of(
    tx: &mut TenantTx,
    scope: &TenantScope,
    target: &str,
    today: Date,
) -> Result<Target> {
    if target == "me" {
        return scope.member_id().map(Target::Me).ok_or(AppError::NotFound);
    }
    let group: i64 = target.trim().parse().map_err(|_| AppError::NotFound)?;
    group_name(tx, group).await?;
    let acc = access(tx, scope, today).await?;
    if scope.can(ACTIVITIES_MANAGE) || acc.led.contains(&group) {
        Ok(Target::Group(group))
    } else {
        Err(AppError::Forbidden)
    }
}

/// The feeds the caller can have: their own (with a member record), and one per group they
/// lead (every group with `activities.manage`).
pub async fn feeds(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<CalendarFeeds> {
    require_module(scope)?;
    let today = scope.today(now);
    let mut tx = db.tenant_read(scope).await?;
    let acc = access(&mut tx, scope, today).await?;
    let groups: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, name FROM club_groups WHERE tenant_id = $1 AND archived_at IS NULL \
             ORDER BY name, id",
            args![],
        )
        .await?;
    let active: Vec<(Option<i64>, Option<i64>)> = tx
        .fetch_all(
            "SELECT member_id, group_id FROM calendar_feeds WHERE tenant_id = $1 \
             AND revoked_at IS NULL",
            args![],
        )
        .await?;
    tx.commit().await?;
    let mut out = Vec::new();
    if let Some(me) = scope.member_id() {
        out.push(FeedEntry {
            target: "me".into(),
            label: String::new(),
            active: active.iter().any(|(m, _)| *m == Some(me.0)),
        });
    }
    for (id, name) in groups {
        if scope.can(ACTIVITIES_MANAGE) || acc.led.contains(&id) {
            out.push(FeedEntry {
                target: id.to_string(),
                label: name,
                active: active.iter().any(|(_, g)| *g == Some(id)),
            });
        }
    }
    Ok(CalendarFeeds {
        feeds: out,
        fresh: None,
    })
}

async fn revoke_in(tx: &mut TenantTx, target: &Target, now: Timestamp) -> Result<u64> {
    let ids: Vec<(i64,)> = match target {
        Target::Me(m) => {
            tx.fetch_all(
                "SELECT id FROM calendar_feeds WHERE tenant_id = $1 AND member_id = $2 \
                 AND revoked_at IS NULL",
                args![*m],
            )
            .await?
        }
        Target::Group(g) => {
            tx.fetch_all(
                "SELECT id FROM calendar_feeds WHERE tenant_id = $1 AND group_id = $2 \
                 AND revoked_at IS NULL",
                args![*g],
            )
            .await?
        }
    };
    for (id,) in &ids {
        tx.update(
            "calendar_feeds",
            *id,
            vec![("revoked_at", now.into())],
            None,
        )
        .await?;
    }
    Ok(ids.len() as u64)
}

/// Makes a new feed address for `target` ("me" or a group id) and revokes the old one;
/// returns the token (shown once).
pub async fn renew_feed(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    target: &str,
) -> Result<String> {
    require_module(scope)?;
    let today = scope.today(now);
    let token = hex::encode(ids::random_bytes::<32>()?);
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let t = target_of(&mut tx, scope, target, today).await?;
    revoke_in(&mut tx, &t, now).await?;
    let (member, group) = match t {
        Target::Me(m) => (Some(m), None),
        Target::Group(g) => (None, Some(g)),
    };
    tx.insert(
        "calendar_feeds",
        vec![
            ("id", ids::new_id().into()),
            ("member_id", member.into()),
            ("group_id", group.into()),
            ("token_hash", hash(&token).into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log("calendar_feed_renewed", None).await?;
    tx.commit().await?;
    Ok(token)
}

/// Revokes the feed of `target`: its address answers 404 from now on.
pub async fn revoke_feed(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    target: &str,
) -> Result<()> {
    require_module(scope)?;
    let today = scope.today(now);
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let t = target_of(&mut tx, scope, target, today).await?;
    // Revoking what is already revoked changes nothing.
    if revoke_in(&mut tx, &t, now).await? > 0 {
        tx.log("calendar_feed_revoked", None).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// `YYYYMMDDTHHMMSSZ`.
fn utc(t: Timestamp) -> String {
    let s = t.local_input("UTC");
    format!("{}00Z", s.replace(['-', ':'], ""))
}

/// The feed behind `token` on the club's public scope, as an iCalendar text: the
/// occurrences of the member's groups and their children's (or the group's) from 60 days
/// back to a year ahead,
/// cancelled ones with `STATUS:CANCELLED`. An unknown or revoked token, or a club without
/// the module, is not found.
pub async fn feed_ics(db: &Db, scope: &TenantScope, now: Timestamp, token: &str) -> Result<String> {
    require_module(scope)?;
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let today = scope.today(now);
    let from = Date::from_days(today.days_since_epoch() - FEED_PAST_DAYS);
    let to = Date::from_days(today.days_since_epoch() + FEED_AHEAD_DAYS);
    let mut tx = db.tenant_read(scope).await?;
    let row: Option<(Option<i64>, Option<i64>)> = tx
        .fetch_optional(
            "SELECT member_id, group_id FROM calendar_feeds WHERE tenant_id = $1 \
             AND token_hash = $2 AND revoked_at IS NULL",
            args![hash(token)],
        )
        .await?;
    let groups: Vec<i64> = match row.ok_or(AppError::NotFound)? {
        (_, Some(g)) => vec![g],
        (Some(m), None) => {
            // The person's own groups and those of the children they are a guardian of:
            // a parent's calendar has their children's trainings.
            let rows: Vec<(i64,)> = tx
                .fetch_all(
                    "SELECT DISTINCT group_id FROM group_members WHERE tenant_id = $1 \
                     AND (member_id = $2 OR member_id IN (SELECT child_id FROM member_guardians \
                     WHERE tenant_id = $1 AND guardian_id = $2)) \
                     AND (to_date IS NULL OR to_date >= $3)",
                    args![m, from.to_string()],
                )
                .await?;
            rows.into_iter().map(|(g,)| g).collect()
        }
        (None, None) => return Err(AppError::NotFound),
    };
    let (rows, ex) = activities_of(&mut tx, Some(&groups), from, to).await?;
    tx.commit().await?;
    let occs = expand(&rows, &ex, from, to, &scope.tenant().time_zone);
    let tenant = scope.tenant();
    let mut cal = Calendar::new();
    // Times are written in UTC (each occurrence placed in the club's zone first, so the
    // summer-time changes are right); X-WR-TIMEZONE tells calendar apps the club's zone
    // for showing them.
    cal.name(&tenant.name).timezone(tenant.time_zone.as_str());
    for o in occs {
        let mut e = Event::new();
        e.uid(&format!(
            "{}-{}@{}.tessera",
            o.activity, o.date, tenant.slug
        ))
        .summary(&format!("{} · {}", o.title, o.group.name))
        .add_property("DTSTAMP", utc(now))
        .add_property("DTSTART", utc(o.start))
        .add_property("DTEND", utc(o.end));
        if !o.place.is_empty() {
            e.location(&o.place);
        }
        if o.cancelled {
            e.status(EventStatus::Cancelled);
            if !o.reason.is_empty() {
                e.description(&o.reason);
            }
        } else {
            e.status(EventStatus::Confirmed);
        }
        cal.push(e.done());
    }
    Ok(cal.done().to_string())
}
