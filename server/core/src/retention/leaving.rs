//! A club that leaves: the operator ends its contract with an end date and a deletion delay
//! (at most six months); from the end date the club is read-only (the tenant's
//! `read_only_since`), its administrators can download the export bundle, are reminded 30
//! and 7 days before the deletion, and at the deletion day every row of the tenant is
//! deleted, table by table, each in its own transaction (so a deletion cut off half-way is
//! completed by the next run), and the platform log records it without personal data.

use super::job::Limits;
use super::plus_months;
use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::jobs::SystemTask;
use crate::mail::{Brand, Mail, Mailer};
use crate::scope::{Actor, TenantScope};
use crate::tenancy::TenantRecord;
use tessera_common::dto::TenantKind;
use tessera_common::modules::PLATFORM_MANAGE;
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, Lang, Msg, TenantId};

/// The longest a club's data is kept after its contract ends.
pub const MAX_DELAY_MONTHS: i64 = 6;

const DAY_MS: i64 = 86_400_000;

/// The first instant of `day` in the time zone `tz`.
pub fn start_of_day(day: Date, tz: &str) -> Timestamp {
    let midnight_utc = day.days_since_epoch() * DAY_MS;
    // Time zones lie between UTC-12 and UTC+14; offsets are whole quarters of an hour.
    let quarter = 15 * 60 * 1000;
    let mut t = midnight_utc - 14 * 3600 * 1000;
    while t <= midnight_utc + 12 * 3600 * 1000 {
        if Timestamp(t).date_in(tz) == day {
            return Timestamp(t);
        }
        t += quarter;
    }
    Timestamp(midnight_utc)
}

/// Ends the club `slug`'s contract on `end_on` (`YYYY-MM-DD`, today or later in the club's
/// time zone), deleting its data `delay_days` days later (at most six calendar months after
/// the end): the operator (`platform.manage`). Refused, changing nothing, for a contract
/// already ended, a day in the past, or a delay out of range.
pub async fn end_contract(
    db: &Db,
    operator: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    slug: &str,
    end_on: &str,
    delay_days: &str,
) -> Result<TenantRecord> {
    operator.require(PLATFORM_MANAGE)?;
    let club = crate::tenancy::find_by_slug(db, TenantKind::Club, slug.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let mut problems = Vec::new();
    let end = Date::parse(end_on.trim());
    let today = now.date_in(&club.time_zone);
    match end {
        None => problems.push(tessera_common::FieldError::new(
            "end_on",
            Msg::ErrContractEndDay,
        )),
        Some(d) if d < today => problems.push(tessera_common::FieldError::new(
            "end_on",
            Msg::ErrContractEndPast,
        )),
        _ => {}
    }
    let delay = delay_days.trim().parse::<i64>().ok().filter(|d| *d >= 0);
    let deletion = match (end, delay) {
        (Some(end), Some(days)) => Some(Date::from_days(end.days_since_epoch() + days)),
        _ => None,
    };
    let too_long = match (end, deletion) {
        (Some(end), Some(day)) => day > plus_months(end, MAX_DELAY_MONTHS),
        _ => false,
    };
    if delay.is_none() || too_long {
        problems.push(tessera_common::FieldError::new(
            "delay_days",
            tessera_common::Problem::new(Msg::ErrDeletionDelay).arg("months", MAX_DELAY_MONTHS),
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let (Some(end), Some(deletion)) = (end, deletion) else {
        return Err(AppError::bad_request(Msg::ErrContractEndDay));
    };
    let ends_at = start_of_day(end, &club.time_zone);
    let deletion_at = start_of_day(deletion, &club.time_zone);
    let mut tx = db.platform(true).await?;
    // Conditional: a second ending (or two at once) changes nothing.
    let n = tx
        .execute(
            "UPDATE tenants SET contract_end_on = $2, contract_ends_at = $3, deletion_on = $4, \
             deletion_at = $5, updated_at = $6, updated_by = $7, updated_by_name = $8, \
             version = version + 1 WHERE id = $1 AND kind = 'club' AND contract_end_on IS NULL",
            args![
                club.id,
                end.to_string(),
                ends_at,
                deletion.to_string(),
                deletion_at,
                now,
                actor.identity,
                actor.stamp_name()
            ],
        )
        .await?;
    if n != 1 {
        return Err(AppError::conflict(Msg::ErrContractAlreadyEnded));
    }
    tx.insert_tenant_event(
        club.id,
        actor.identity.map(|i| i.0),
        "contract_ended",
        Some(&format!("read-only from {end}, deleted on {deletion}")),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    db.langs.clear();
    crate::tenancy::find_by_id(db, club.id)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(sqlx::FromRow)]
struct DueRow {
    id: i64,
    deletion_at: i64,
    reminder_30_at: Option<i64>,
    reminder_7_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct AdminRow {
    email: String,
    lang: Option<String>,
}

/// Mails the administrators of every club whose deletion is 30 days away (and again at 7
/// days), each reminder once: the reminder is marked sent by a conditional update before
/// the mails go, so two runs at once, or a run after a crash, never send it twice. Returns
/// how many mails were sent.
pub async fn send_reminders(
    db: &Db,
    task: &SystemTask,
    mailer: &Mailer,
    public_url: &str,
    now: Timestamp,
) -> Result<usize> {
    let mut tx = db.platform(false).await?;
    let due: Vec<DueRow> = tx
        .fetch_all(
            "SELECT id, deletion_at, reminder_30_at, reminder_7_at FROM tenants \
             WHERE kind = 'club' AND deletion_at IS NOT NULL AND deletion_at > $1 \
             AND deletion_at - $1 <= $2 AND (reminder_30_at IS NULL OR reminder_7_at IS NULL)",
            args![now, 30 * DAY_MS],
        )
        .await?;
    tx.commit().await?;
    let mut sent = 0;
    for d in due {
        let left = d.deletion_at - now.0;
        let which = if left <= 7 * DAY_MS {
            (d.reminder_7_at.is_none()).then_some(7)
        } else {
            (d.reminder_30_at.is_none()).then_some(30)
        };
        let Some(which) = which else { continue };
        let mut tx = db.platform(true).await?;
        let claimed = if which == 7 {
            tx.execute(
                "UPDATE tenants SET reminder_7_at = $2, reminder_30_at = coalesce(reminder_30_at, $2) \
                 WHERE id = $1 AND reminder_7_at IS NULL",
                args![d.id, now],
            )
            .await?
        } else {
            tx.execute(
                "UPDATE tenants SET reminder_30_at = $2 WHERE id = $1 AND reminder_30_at IS NULL",
                args![d.id, now],
            )
            .await?
        };
        tx.commit().await?;
        if claimed != 1 {
            continue;
        }
        let Some(club) = crate::tenancy::find_by_id(db, TenantId(d.id)).await? else {
            continue;
        };
        let scope = TenantScope::for_system_task(task, club.clone());
        let mut tx = db.tenant_read(&scope).await?;
        let admins: Vec<AdminRow> = tx
            .fetch_all(
                "SELECT i.email, i.lang FROM memberships m \
                 JOIN membership_roles mr ON mr.tenant_id = m.tenant_id AND mr.membership_id = m.id \
                 JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id \
                 JOIN identities i ON i.id = m.identity_id \
                 WHERE m.tenant_id = $1 AND r.builtin = 'admin' ORDER BY i.email",
                vec![],
            )
            .await?;
        tx.commit().await?;
        let days = (left + DAY_MS - 1) / DAY_MS;
        for a in admins {
            let lang = a
                .lang
                .as_deref()
                .and_then(Lang::parse)
                .unwrap_or(club.default_lang);
            let date = |on: &Option<String>| {
                on.as_deref()
                    .and_then(Date::parse)
                    .map(|d| d.format(lang, tessera_common::time::DateStyle::Long))
                    .unwrap_or_default()
            };
            let url = format!(
                "{}/c/{}/privacy/retention",
                public_url.trim_end_matches('/'),
                club.slug
            );
            let subject = Msg::ContractReminderSubject.fill(
                lang,
                &[
                    ("club", club.name.as_str()),
                    ("n", days.to_string().as_str()),
                ],
            );
            let body = Msg::ContractReminderBody.fill(
                lang,
                &[
                    ("club", club.name.as_str()),
                    ("end", date(&club.contract_end_on).as_str()),
                    ("date", date(&club.deletion_on).as_str()),
                    ("url", url.as_str()),
                ],
            );
            mailer
                .send(Mail {
                    to: a.email,
                    subject,
                    body,
                    brand: Some(Brand::of(&club, public_url)),
                })
                .await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// Every table holding tenant rows, children first (see [`Db::tenant_tables`]).
pub async fn tenant_tables(db: &Db) -> Result<Vec<String>> {
    db.tenant_tables().await
}

/// What a deletion did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Deletion {
    pub rows: u64,
    pub batches: usize,
    /// False when it stopped at the batch limit with tables left.
    pub finished: bool,
}

/// Deletes every row of the club `tenant` (every table with a `tenant_id`, one transaction
/// per table, last the event log through its hash chain: pruned past its newest entry, then
/// the chain's head), then the tenant itself, and records it
/// in the platform log (the club's id and address only). Resumable: a table already emptied
/// deletes nothing the second time; a tenant already gone is done.
pub async fn delete_tenant(
    db: &Db,
    task: &SystemTask,
    tenant: TenantId,
    now: Timestamp,
    limits: Limits,
) -> Result<Deletion> {
    let mut out = Deletion::default();
    let Some(club) = crate::tenancy::find_by_id(db, tenant).await? else {
        out.finished = true;
        return Ok(out);
    };
    if club.kind != TenantKind::Club {
        return Err(AppError::NotFound);
    }
    let scope = TenantScope::for_system_task(task, club.clone());
    let actor = Actor::system("tenant-deletion");
    // The event log and its chain's head go last (nothing is logged for the club after
    // them), through the chain: pruned past its newest entry, then the head.
    let chain_tables = ["security_events", "security_event_heads"];
    let tables: Vec<String> = db
        .tenant_tables()
        .await?
        .into_iter()
        .filter(|t| !chain_tables.contains(&t.as_str()))
        .collect();
    // Triggers may touch another table (tallies); a second pass finds them empty.
    for _pass in 0..3 {
        let mut this_pass = 0;
        for table in &tables {
            let mut tx = db.tenant_read(&scope).await?;
            let (n,): (i64,) = tx
                .fetch_one(
                    &format!("SELECT count(*) FROM {table} WHERE tenant_id = $1"),
                    vec![],
                )
                .await?;
            tx.commit().await?;
            if n == 0 {
                continue;
            }
            if limits.max_batches.is_some_and(|m| out.batches >= m) {
                return Ok(out);
            }
            let mut tx = db.tenant_write(&scope, &actor, now).await?;
            let deleted = tx
                .execute(&format!("DELETE FROM {table} WHERE tenant_id = $1"), vec![])
                .await?;
            tx.commit().await?;
            out.batches += 1;
            out.rows += deleted;
            this_pass += deleted;
        }
        if this_pass == 0 {
            break;
        }
    }
    let mut tx = db.tenant_read(&scope).await?;
    let (left,): (i64,) = tx
        .fetch_one(
            "SELECT (SELECT count(*) FROM security_events WHERE tenant_id = $1) \
             + (SELECT count(*) FROM security_event_heads WHERE tenant_id = $1)",
            vec![],
        )
        .await?;
    tx.commit().await?;
    if left > 0 {
        if limits.max_batches.is_some_and(|m| out.batches >= m) {
            return Ok(out);
        }
        let mut tx = db.tenant_write(&scope, &actor, now).await?;
        let pruned = tx.prune_events(Timestamp(i64::MAX)).await?;
        let heads = tx
            .execute(
                "DELETE FROM security_event_heads WHERE tenant_id = $1",
                vec![],
            )
            .await?;
        tx.commit().await?;
        out.batches += 1;
        out.rows += pruned + heads;
    }
    let mut tx = db.platform(true).await?;
    // Its affiliations (issue 18) go with it: a platform table that names the club (the
    // federation's own tables keep what the club sent it under the terms, naming the club
    // by id only).
    tx.execute(
        "DELETE FROM affiliations WHERE club_id = $1 OR federation_id = $1",
        args![club.id],
    )
    .await?;
    tx.execute("DELETE FROM tenants WHERE id = $1", args![club.id])
        .await?;
    // The platform's log (its hash chain) records it: the club's address and id only.
    let detail = format!(
        "club {} (id {}): contract ended {}, every row deleted",
        club.slug,
        club.id.0,
        club.contract_end_on.as_deref().unwrap_or("-")
    );
    crate::accounts::log_in_tx(
        &mut tx,
        None,
        None,
        "tenant_deleted",
        Some(&detail),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    db.langs.clear();
    out.finished = true;
    Ok(out)
}

/// The deletions that are due: every club whose deletion day has come. Returns how many
/// clubs were deleted completely.
pub async fn delete_due_tenants(
    db: &Db,
    task: &SystemTask,
    now: Timestamp,
    limits: Limits,
) -> Result<usize> {
    let mut tx = db.platform(false).await?;
    let due: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM tenants WHERE kind = 'club' AND deletion_at IS NOT NULL AND deletion_at <= $1 ORDER BY id",
            args![now],
        )
        .await?;
    tx.commit().await?;
    let mut done = 0;
    let mut batches = 0;
    for (id,) in due {
        let left = limits.max_batches.map(|m| m.saturating_sub(batches));
        let d = delete_tenant(
            db,
            task,
            TenantId(id),
            now,
            Limits {
                batch: limits.batch,
                max_batches: left,
            },
        )
        .await?;
        batches += d.batches;
        if !d.finished {
            break;
        }
        done += 1;
    }
    Ok(done)
}
