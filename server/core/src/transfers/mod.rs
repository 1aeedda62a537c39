//! Transfers of a licensed person between two clubs of one federation (issue 18, item 5;
//! xfer18), within the transfer windows the federation sets per season.
//!
//! The flow (`transfers.status`): the new club asks, naming the person by licence number
//! and birth date (`consent`: the person confirms from their own account,
//! [`consent`]), or the person asks from their own record ([`ask_by_member`], consent given
//! by asking): `open`, the old club has the window's objection period to release or object
//! with a reason ([`answer`]); no answer by then counts as released
//! ([`release_overdue`], a job on the injected clock). Released or objected, the
//! federation decides ([`decide`]): refused with a reason, or approved, which in ONE
//! transaction moves the licence (`fed_people.club_id/member_id`, the person's current
//! licences), creates the new club's record from the fields the person's old club
//! shared, and ends the old record (status `ended`, end date today). Every step is kept in
//! `transfer_steps`. Refused with a clear message and nothing stored: outside a window, a
//! club of another federation or not affiliated, a person with an open transfer, no licence
//! in the federation, another club's transfer.
//!
//! The person may also decline a club's ask ([`decline`]: refused, step `declined`).
//! After each step the server function mails everyone concerned ([`notify`]); the daily
//! job mails the silent releases ([`release_overdue_mailed`]). The pages' read models are
//! in `views.rs`.

use crate::affiliations;
use crate::args;
use crate::db::{Db, Tx, Value};
use crate::error::Result;
use crate::jobs::SystemTask;
use crate::members::NewMember;
use crate::scope::{Actor, TenantScope};
use tessera_common::dto::MemberStatus;
use tessera_common::modules::{TRANSFERS_DECIDE, TRANSFERS_HANDLE};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, Msg, TenantId};

mod notify;
mod views;
pub use notify::notify;
pub use views::{club_overview, fed_overview, mine};

/// The longest reason (an objection, a refusal).
pub const MAX_REASON: usize = 1000;
const DAY_MS: i64 = 86_400_000;

fn reason(field: &str, v: &str) -> Result<String> {
    let v = v.trim();
    if v.is_empty() {
        return Err(AppError::field(field, Msg::ErrTransferReasonRequired));
    }
    if v.chars().count() > MAX_REASON {
        return Err(AppError::field(field, Msg::ErrTransferReasonTooLong));
    }
    Ok(v.to_string())
}

/// Appends a step to a transfer's history (the transaction's tenant is the federation).
async fn step(
    tx: &mut Tx,
    federation: TenantId,
    transfer: i64,
    what: &str,
    why: Option<&str>,
    actor: &Actor,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO transfer_steps (tenant_id, id, transfer_id, step, reason, at, created_at, \
         updated_at, updated_by, updated_by_name) VALUES ($1, $2, $3, $4, $5, $6, $6, $6, $7, $8)",
        args![
            federation.0,
            crate::ids::new_id(),
            transfer,
            what,
            why,
            now.0,
            actor.identity.map(|i| i.0),
            actor.stamp_name()
        ],
    )
    .await
    .map(|_| ())
}

/// A transfer window as the federation sets it.
#[derive(Clone, Debug, Default)]
pub struct WindowInput {
    pub season: i64,
    pub opens_on: String,
    pub closes_on: String,
    pub objection_days: i64,
}

/// Sets a transfer window of the federation in `scope` for one of its seasons: from
/// `opens_on` to `closes_on` (days, inclusive), the old club answering within
/// `objection_days`. Returns its id.
pub async fn set_window(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    w: &WindowInput,
) -> Result<i64> {
    scope.require(TRANSFERS_DECIDE)?;
    let (season, opens_on, closes_on, objection_days) = (
        w.season,
        w.opens_on.as_str(),
        w.closes_on.as_str(),
        w.objection_days,
    );
    let (Some(from), Some(to)) = (Date::parse(opens_on.trim()), Date::parse(closes_on.trim()))
    else {
        return Err(AppError::field("opens_on", Msg::ErrTransferWindowDates));
    };
    if to < from {
        return Err(AppError::field("closes_on", Msg::ErrTransferWindowDates));
    }
    if !(1..=60).contains(&objection_days) {
        return Err(AppError::field(
            "objection_days",
            Msg::ErrTransferObjectionDays,
        ));
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let found: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM fed_seasons WHERE tenant_id = $1 AND id = $2",
            args![season],
        )
        .await?;
    if found.is_none() {
        return Err(AppError::NotFound);
    }
    let id = crate::ids::new_id();
    tx.insert(
        "transfer_windows",
        vec![
            ("id", Value::from(id)),
            ("season_id", Value::from(season)),
            ("opens_on", Value::from(from.to_string())),
            ("closes_on", Value::from(to.to_string())),
            ("objection_days", Value::from(objection_days)),
            ("created_at", Value::from(now)),
        ],
    )
    .await?;
    tx.log("transfer_window_set", Some(&format!("{from} – {to}")))
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// The window of `federation` open on `today`: its id and objection period.
async fn open_window(tx: &mut Tx, federation: TenantId, today: Date) -> Result<(i64, i64)> {
    let day = today.to_string();
    let w: Option<(i64, i64)> = tx
        .fetch_optional(
            "SELECT id, objection_days FROM transfer_windows WHERE tenant_id = $1 \
             AND opens_on <= $2 AND closes_on >= $2 ORDER BY opens_on DESC, id LIMIT 1",
            args![federation.0, day],
        )
        .await?;
    w.ok_or_else(|| AppError::bad_request(Msg::ErrTransferOutsideWindow))
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    club_id: i64,
    member_id: i64,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    gender: Option<String>,
    shared: String,
}

const PERSON: &str = "SELECT id, club_id, member_id, given_name, family_name, birth_date, gender, \
     shared FROM fed_people WHERE tenant_id = $1";

async fn has_open(tx: &mut Tx, federation: TenantId, person: i64) -> Result<bool> {
    let open: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM transfers WHERE tenant_id = $1 AND person_id = $2 \
             AND status IN ('consent', 'open', 'released', 'objected')",
            args![federation.0, person],
        )
        .await?;
    Ok(open.is_some())
}

/// Inserts the transfer and its first step (the transaction's tenant: the federation).
#[allow(clippy::too_many_arguments)]
async fn insert_transfer(
    tx: &mut Tx,
    federation: TenantId,
    person: &PersonRow,
    window: (i64, i64),
    to_club: TenantId,
    by_member: bool,
    actor: &Actor,
    now: Timestamp,
) -> Result<i64> {
    let id = crate::ids::new_id();
    let (status, consent_at, due) = if by_member {
        ("open", Some(now.0), Some(now.0 + window.1 * DAY_MS))
    } else {
        ("consent", None, None)
    };
    tx.execute(
        "INSERT INTO transfers (tenant_id, id, person_id, window_id, from_club, from_member, \
         to_club, status, asked_by, consent_at, answer_due_at, created_at, updated_at, \
         updated_by, updated_by_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14)",
        args![
            federation.0,
            id,
            person.id,
            window.0,
            person.club_id,
            person.member_id,
            to_club.0,
            status,
            if by_member { "member" } else { "club" },
            consent_at,
            due,
            now.0,
            actor.identity.map(|i| i.0),
            actor.stamp_name()
        ],
    )
    .await?;
    step(
        tx,
        federation,
        id,
        if by_member {
            "asked_by_member"
        } else {
            "asked_by_club"
        },
        None,
        actor,
        now,
    )
    .await?;
    Ok(id)
}

/// The new club in `scope` asks for the person with `licence_number` born on
/// `birth_date`, licensed in one of its federations. The person then confirms
/// ([`consent`]). Returns the transfer's id.
pub async fn ask_by_club(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    licence_number: &str,
    birth_date: &str,
) -> Result<i64> {
    scope.require(TRANSFERS_HANDLE)?;
    scope.writable()?;
    let number = licence_number.trim();
    if number.is_empty() || number.chars().count() > 40 {
        return Err(AppError::field("licence_number", Msg::ErrTransferNoLicence));
    }
    let Some(born) = Date::parse(birth_date.trim()) else {
        return Err(AppError::field("birth_date", Msg::ErrTransferNoLicence));
    };
    let club = scope.tenant_id();
    let mut tx = db.platform(true).await?;
    let feds: Vec<TenantId> = affiliations::of_club(&mut tx, club)
        .await?
        .into_iter()
        .filter(|a| a.is_active())
        .map(|a| a.federation)
        .collect();
    let mut found = None;
    for fed in feds {
        tx.as_tenant(fed, actor.identity.map(|i| i.0)).await?;
        let p: Option<PersonRow> = tx
            .fetch_optional(
                &format!(
                    "{PERSON} AND licence_number = $2 AND birth_date = $3 \
                     AND NOT restricted"
                ),
                args![fed.0, number, born.to_string()],
            )
            .await?;
        if let Some(p) = p {
            found = Some((fed, p));
            break;
        }
    }
    let Some((fed, person)) = found else {
        return Err(AppError::field("licence_number", Msg::ErrTransferNoLicence));
    };
    if person.club_id == club.0 {
        return Err(AppError::bad_request(Msg::ErrTransferSameClub));
    }
    if affiliations::active(&mut tx, fed, TenantId(person.club_id))
        .await?
        .is_none()
    {
        return Err(AppError::bad_request(Msg::ErrTransferOtherFederation));
    }
    let window = open_window(&mut tx, fed, scope.today(now)).await?;
    if has_open(&mut tx, fed, person.id).await? {
        return Err(AppError::conflict(Msg::ErrTransferOpen));
    }
    let id = insert_transfer(&mut tx, fed, &person, window, club, false, actor, now).await?;
    tx.insert_tenant_event(
        club,
        actor.identity.map(|i| i.0),
        "transfer_asked",
        None,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The person in `scope` (their own record in the club, the old club) asks to move to
/// the club `to_club` (a slug) of the same federation. Their consent is the asking.
pub async fn ask_by_member(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    to_club: &str,
) -> Result<i64> {
    let me = scope.member_id().ok_or(AppError::NotFound)?;
    let club = scope.tenant_id();
    let target =
        crate::tenancy::find_by_slug(db, tessera_common::dto::TenantKind::Club, to_club.trim())
            .await?
            .ok_or_else(|| AppError::field("to_club", Msg::ErrTransferOtherFederation))?;
    if target.id == club {
        return Err(AppError::bad_request(Msg::ErrTransferSameClub));
    }
    let mut tx = db.platform(true).await?;
    let feds: Vec<TenantId> = affiliations::of_club(&mut tx, club)
        .await?
        .into_iter()
        .filter(|a| a.is_active())
        .map(|a| a.federation)
        .collect();
    for fed in feds {
        tx.as_tenant(fed, actor.identity.map(|i| i.0)).await?;
        let p: Option<PersonRow> = tx
            .fetch_optional(
                &format!("{PERSON} AND club_id = $2 AND member_id = $3"),
                args![fed.0, club.0, me.0],
            )
            .await?;
        let Some(person) = p else { continue };
        if affiliations::active(&mut tx, fed, target.id)
            .await?
            .is_none()
        {
            return Err(AppError::field("to_club", Msg::ErrTransferOtherFederation));
        }
        let window = open_window(&mut tx, fed, scope.today(now)).await?;
        if has_open(&mut tx, fed, person.id).await? {
            return Err(AppError::conflict(Msg::ErrTransferOpen));
        }
        let id =
            insert_transfer(&mut tx, fed, &person, window, target.id, true, actor, now).await?;
        tx.insert_tenant_event(
            club,
            actor.identity.map(|i| i.0),
            "transfer_asked",
            None,
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        return Ok(id);
    }
    Err(AppError::bad_request(Msg::ErrTransferNoLicence))
}

#[derive(sqlx::FromRow)]
struct TransferRow {
    id: i64,
    person_id: i64,
    window_id: i64,
    from_club: i64,
    from_member: i64,
    to_club: i64,
    status: String,
    answer_due_at: Option<i64>,
}

const TRANSFER: &str = "SELECT id, person_id, window_id, from_club, from_member, to_club, status, \
     answer_due_at FROM transfers WHERE tenant_id = $1";

/// The transfer `id` in one of `club`'s active federations whose old club is `club`
/// (`as_old`) or whose new club is (`!as_old`); the transaction's tenant is left at its
/// federation.
async fn of_club(
    tx: &mut Tx,
    club: TenantId,
    id: i64,
    as_old: bool,
) -> Result<(TenantId, TransferRow)> {
    let feds: Vec<TenantId> = affiliations::of_club(tx, club)
        .await?
        .into_iter()
        .filter(|a| a.is_active())
        .map(|a| a.federation)
        .collect();
    for fed in feds {
        tx.as_tenant(fed, None).await?;
        let sql = if as_old {
            format!("{TRANSFER} AND id = $2 AND from_club = $3")
        } else {
            format!("{TRANSFER} AND id = $2 AND to_club = $3")
        };
        let t: Option<TransferRow> = tx.fetch_optional(&sql, args![fed.0, id, club.0]).await?;
        if let Some(t) = t {
            return Ok((fed, t));
        }
    }
    Err(AppError::NotFound)
}

/// The person confirms, from their own account in the old club, a transfer the new club
/// asked for: it opens, the old club's objection period starts.
pub async fn consent(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    let me = scope.member_id().ok_or(AppError::NotFound)?;
    consent_of(db, scope.tenant_id(), me.0, actor, now, id).await
}

/// The demo seed records the consent of the person of record `member` in `club` (a
/// command-line task: the capability is the [`SystemTask`]).
pub(crate) async fn consent_for_demo(
    db: &Db,
    _task: &SystemTask,
    club: TenantId,
    member: i64,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    consent_of(db, club, member, actor, now, id).await
}

async fn consent_of(
    db: &Db,
    club: TenantId,
    me: i64,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    let mut tx = db.platform(true).await?;
    let (fed, t) = of_club(&mut tx, club, id, true).await?;
    if t.from_member != me {
        return Err(AppError::NotFound);
    }
    if t.status != "consent" {
        return Err(AppError::conflict(Msg::ErrTransferState));
    }
    let (days,): (i64,) = tx
        .fetch_one(
            "SELECT objection_days FROM transfer_windows WHERE tenant_id = $1 AND id = $2",
            args![fed.0, t.window_id],
        )
        .await?;
    tx.execute(
        "UPDATE transfers SET status = 'open', consent_at = $3, answer_due_at = $4, \
         updated_at = $3, updated_by = $5, updated_by_name = $6, version = version + 1 \
         WHERE tenant_id = $1 AND id = $2 AND status = 'consent'",
        args![
            fed.0,
            t.id,
            now.0,
            now.0 + days * DAY_MS,
            actor.identity.map(|i| i.0),
            actor.stamp_name()
        ],
    )
    .await?;
    step(&mut tx, fed, t.id, "consented", None, actor, now).await?;
    tx.commit().await
}

/// The person declines, from their own account in the old club, a transfer the new club
/// asked for: it ends refused, the step `declined` in its history.
pub async fn decline(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    let me = scope.member_id().ok_or(AppError::NotFound)?;
    let mut tx = db.platform(true).await?;
    let (fed, t) = of_club(&mut tx, scope.tenant_id(), id, true).await?;
    if t.from_member != me.0 {
        return Err(AppError::NotFound);
    }
    if t.status != "consent" {
        return Err(AppError::conflict(Msg::ErrTransferState));
    }
    tx.execute(
        "UPDATE transfers SET status = 'refused', decided_at = $3, updated_at = $3, \
         updated_by = $4, updated_by_name = $5, version = version + 1 \
         WHERE tenant_id = $1 AND id = $2 AND status = 'consent'",
        args![
            fed.0,
            t.id,
            now.0,
            actor.identity.map(|i| i.0),
            actor.stamp_name()
        ],
    )
    .await?;
    step(&mut tx, fed, t.id, "declined", None, actor, now).await?;
    tx.commit().await
}

/// The old club in `scope` releases the person, or objects with a reason, before the
/// objection period ends.
pub async fn answer(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    release: bool,
    objection: &str,
) -> Result<()> {
    scope.require(TRANSFERS_HANDLE)?;
    scope.writable()?;
    let why = if release {
        None
    } else {
        Some(reason("reason", objection)?)
    };
    let mut tx = db.platform(true).await?;
    let (fed, t) = of_club(&mut tx, scope.tenant_id(), id, true).await?;
    if t.status != "open" {
        return Err(AppError::conflict(Msg::ErrTransferState));
    }
    if t.answer_due_at.is_some_and(|due| now.0 > due) {
        return Err(AppError::conflict(Msg::ErrTransferAnswerLate));
    }
    let status = if release { "released" } else { "objected" };
    tx.execute(
        "UPDATE transfers SET status = $3, objection = $4, updated_at = $5, updated_by = $6, \
         updated_by_name = $7, version = version + 1 WHERE tenant_id = $1 AND id = $2 AND status = 'open'",
        args![fed.0, t.id, status, why.clone(), now.0, actor.identity.map(|i| i.0), actor.stamp_name()],
    )
    .await?;
    step(&mut tx, fed, t.id, status, why.as_deref(), actor, now).await?;
    tx.insert_tenant_event(
        scope.tenant_id(),
        actor.identity.map(|i| i.0),
        if release {
            "transfer_released"
        } else {
            "transfer_objected"
        },
        None,
        None,
        now,
    )
    .await?;
    tx.commit().await
}

/// The job: every open transfer whose old club did not answer within the objection period
/// counts as released. Returns how many.
pub async fn release_overdue(db: &Db, task: &SystemTask, now: Timestamp) -> Result<u64> {
    Ok(release_due(db, task, now).await?.len() as u64)
}

/// [`release_overdue`], each release mailed to those concerned (the daily job).
pub async fn release_overdue_mailed(
    db: &Db,
    task: &SystemTask,
    mailer: &crate::mail::Mailer,
    base_url: &str,
    now: Timestamp,
) -> Result<u64> {
    let released = release_due(db, task, now).await?;
    for (fed, id) in &released {
        notify::send(db, mailer, base_url, *fed, *id).await;
    }
    Ok(released.len() as u64)
}

async fn release_due(db: &Db, _task: &SystemTask, now: Timestamp) -> Result<Vec<(TenantId, i64)>> {
    let mut tx = db.platform(true).await?;
    let feds: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT id FROM tenants WHERE kind = 'federation' ORDER BY id",
            vec![],
        )
        .await?;
    let system = Actor::system("transfers");
    let mut released = Vec::new();
    for (fed,) in feds {
        let fed = TenantId(fed);
        tx.as_tenant(fed, None).await?;
        let due: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT id FROM transfers WHERE tenant_id = $1 AND status = 'open' \
                 AND answer_due_at <= $2 ORDER BY id",
                args![fed.0, now.0],
            )
            .await?;
        for (id,) in due {
            tx.execute(
                "UPDATE transfers SET status = 'released', updated_at = $3, updated_by = NULL, \
                 updated_by_name = $4, version = version + 1 WHERE tenant_id = $1 AND id = $2 AND status = 'open'",
                args![fed.0, id, now.0, system.stamp_name()],
            )
            .await?;
            step(
                &mut tx,
                fed,
                id,
                "released_without_answer",
                None,
                &system,
                now,
            )
            .await?;
            released.push((fed, id));
        }
    }
    tx.commit().await?;
    Ok(released)
}

/// The federation in `scope` decides a released or objected transfer: refused (with a
/// reason) or approved. Approval, in one transaction: the licence moves, the new club's
/// record is made from what the old club shared, the old record ends today.
pub async fn decide(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    approve: bool,
    refusal: &str,
) -> Result<()> {
    scope.require(TRANSFERS_DECIDE)?;
    let fed = scope.tenant_id();
    let why = if approve {
        None
    } else {
        Some(reason("reason", refusal)?)
    };
    let mut tx = db.platform(true).await?;
    tx.as_tenant(fed, actor.identity.map(|i| i.0)).await?;
    let t: TransferRow = tx
        .fetch_optional(&format!("{TRANSFER} AND id = $2"), args![fed.0, id])
        .await?
        .ok_or(AppError::NotFound)?;
    if !matches!(t.status.as_str(), "released" | "objected") {
        return Err(AppError::conflict(Msg::ErrTransferState));
    }
    let ident = actor.identity.map(|i| i.0);
    if let Some(why) = why {
        tx.execute(
            "UPDATE transfers SET status = 'refused', decision_reason = $3, decided_at = $4, \
             updated_at = $4, updated_by = $5, updated_by_name = $6, version = version + 1 \
             WHERE tenant_id = $1 AND id = $2",
            args![fed.0, t.id, why.as_str(), now.0, ident, actor.stamp_name()],
        )
        .await?;
        step(&mut tx, fed, t.id, "refused", Some(&why), actor, now).await?;
        return tx.commit().await;
    }
    let Some(to_aff) = affiliations::active(&mut tx, fed, TenantId(t.to_club)).await? else {
        return Err(AppError::bad_request(Msg::ErrTransferOtherFederation));
    };
    let from_aff = affiliations::active(&mut tx, fed, TenantId(t.from_club)).await?;
    let p: PersonRow = tx
        .fetch_one(&format!("{PERSON} AND id = $2"), args![fed.0, t.person_id])
        .await?;
    // The new record: what the old club shared with the federation (and nothing it did not
    // share now), with the person's consent recorded on the transfer.
    let shares = |k: &str| from_aff.as_ref().is_some_and(|a| a.shares(k));
    let shared: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&p.shared).unwrap_or_default();
    let text = |k: &str| {
        shared
            .get(k)
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .filter(|v| !v.is_empty() && shares(k))
    };
    let to_today = crate::tenancy::find_by_id(db, TenantId(t.to_club))
        .await?
        .map(|c| now.date_in(&c.time_zone))
        .ok_or(AppError::NotFound)?;
    let new_member = NewMember {
        given_name: p.given_name.clone(),
        family_name: p.family_name.clone(),
        birth_date: p.birth_date.clone().filter(|_| shares("birth_date")),
        gender: p.gender.clone().filter(|_| shares("gender")),
        email: text("email"),
        phone: text("phone"),
        status: Some(MemberStatus::Active),
        joined_on: Some(to_today.to_string()),
        ..Default::default()
    };
    let _ = &to_aff;
    let mut club_tx = tx.into_tenant(TenantId(t.to_club), actor, now).await?;
    let new_id = crate::members::insert(&mut club_tx, &new_member).await?;
    club_tx.log("transfer_in", None).await?;
    let tx = club_tx.into_platform();
    let mut old_tx = tx.into_tenant(TenantId(t.from_club), actor, now).await?;
    let from_today = crate::tenancy::find_by_id(db, TenantId(t.from_club))
        .await?
        .map(|c| now.date_in(&c.time_zone))
        .ok_or(AppError::NotFound)?;
    old_tx
        .update(
            "members",
            t.from_member,
            vec![
                ("status", Value::from(MemberStatus::Ended.as_str())),
                ("ended_on", Value::from(from_today.to_string())),
            ],
            None,
        )
        .await?;
    old_tx.log("transfer_out", None).await?;
    let mut tx = old_tx.into_platform();
    tx.as_tenant(fed, ident).await?;
    tx.execute(
        "UPDATE fed_people SET club_id = $3, member_id = $4, updated_at = $5, updated_by = $6, \
         updated_by_name = $7, version = version + 1 WHERE tenant_id = $1 AND id = $2",
        args![
            fed.0,
            p.id,
            t.to_club,
            new_id.0,
            now.0,
            ident,
            actor.stamp_name()
        ],
    )
    .await?;
    tx.execute(
        "UPDATE licences SET club_id = $3, updated_at = $4, updated_by = $5, updated_by_name = $6, \
         version = version + 1 WHERE tenant_id = $1 AND person_id = $2 \
         AND status IN ('requested', 'approved', 'suspended')",
        args![fed.0, p.id, t.to_club, now.0, ident, actor.stamp_name()],
    )
    .await?;
    tx.execute(
        "UPDATE transfers SET status = 'approved', to_member = $3, decided_at = $4, updated_at = $4, \
         updated_by = $5, updated_by_name = $6, version = version + 1 WHERE tenant_id = $1 AND id = $2",
        args![fed.0, t.id, new_id.0, now.0, ident, actor.stamp_name()],
    )
    .await?;
    step(&mut tx, fed, t.id, "approved", None, actor, now).await?;
    tx.commit().await
}

/// A transfer as the federation sees it (tests and, later, the pages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferState {
    pub status: String,
    pub steps: Vec<(String, Option<String>)>,
    pub to_member: Option<i64>,
}

pub async fn state(db: &Db, scope: &TenantScope, id: i64) -> Result<TransferState> {
    scope.require(TRANSFERS_DECIDE)?;
    let mut tx = db.tenant_read(scope).await?;
    let (status, to_member): (String, Option<i64>) = tx
        .fetch_optional(
            "SELECT status, to_member FROM transfers WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let steps: Vec<(String, Option<String>)> = tx
        .fetch_all(
            "SELECT step, reason FROM transfer_steps WHERE tenant_id = $1 AND transfer_id = $2 \
             ORDER BY at, created_at, id",
            args![id],
        )
        .await?;
    tx.commit().await?;
    Ok(TransferState {
        status,
        steps,
        to_member,
    })
}

#[cfg(test)]
mod tests;
