//! The members' requests: asked on the My data page by the member (or a guardian for a
//! minor child), worked by staff with `privacy.requests` in a queue sorted by deadline:
//! started, extended once with a reason before the first deadline, done or refused with a
//! reason. The member gets a mail at each step, in their language. Done, an erasure
//! anonymises the person ([`super::erasure`]) and a restriction sets
//! `members.restricted_at`.

use super::deadlines::*;
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::mail::{Mail, Mailer};
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use tessera_common::dto::PersonLink;
use tessera_common::modules::{MEMBERS_EDIT, PRIVACY_REQUESTS};
use tessera_common::rights::*;
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, Lang, MemberId, Msg, Problem};

/// The longest text a member or staff member may type into a request or a reason.
pub const MAX_TEXT: usize = 2000;

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    member_id: i64,
    given_name: String,
    family_name: String,
    erased_at: Option<i64>,
    kind: String,
    details: Option<String>,
    status: String,
    received_at: i64,
    first_due_on: String,
    due_on: String,
    extension_reason: Option<String>,
    refusal_reason: Option<String>,
    closed_at: Option<i64>,
    version: i64,
}

const REQUEST_COLUMNS: &str = "r.id, r.member_id, m.given_name, m.family_name, m.erased_at, \
    r.kind, r.details, r.status, r.received_at, r.first_due_on, r.due_on, r.extension_reason, \
    r.refusal_reason, r.closed_at, r.version";
const REQUEST_FROM: &str = "privacy_requests r JOIN members m \
    ON m.tenant_id = r.tenant_id AND m.id = r.member_id";

fn date_of(s: &str) -> Date {
    Date::parse(s).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

impl RequestRow {
    fn view(self, today: Date) -> PrivacyRequest {
        let status = RequestStatus::parse(&self.status).unwrap_or(RequestStatus::Open);
        let first = date_of(&self.first_due_on);
        let due = date_of(&self.due_on);
        PrivacyRequest {
            id: self.id.to_string(),
            member: PersonLink {
                id: MemberId(self.member_id),
                // An erased person has no name: the page says so in its language.
                name: if self.erased_at.is_some() {
                    String::new()
                } else {
                    format!("{} {}", self.given_name, self.family_name)
                },
            },
            kind: RequestKind::parse(&self.kind).unwrap_or(RequestKind::Access),
            details: self.details,
            status,
            received_at: Timestamp(self.received_at),
            first_due_on: first,
            due_on: due,
            extension_reason: self.extension_reason,
            refusal_reason: self.refusal_reason,
            closed_at: self.closed_at.map(Timestamp),
            overdue: is_overdue(status, due, today),
            can_extend: !status.is_closed() && status != RequestStatus::Extended && today <= first,
            version: self.version,
        }
    }
}

/// Whose data a request or download is about: the caller's own record (`child` none) or a
/// minor child's whose guardian the caller is. Someone else's record is not found; an adult
/// child is refused with the reason (they manage their own data).
pub async fn subject(
    db: &Db,
    scope: &TenantScope,
    today: Date,
    child: Option<MemberId>,
) -> Result<MemberId> {
    match child {
        // Someone without a record of their own here has no data of their own either.
        None => scope.member_id().ok_or(AppError::NotFound),
        Some(c) => {
            crate::members::require_guardian(db, scope, c, today).await?;
            Ok(c)
        }
    }
}

#[derive(sqlx::FromRow)]
struct StateRow {
    given_name: String,
    family_name: String,
    restricted_at: Option<i64>,
    erased_at: Option<i64>,
}

async fn state_of(tx: &mut TenantTx, member: MemberId) -> Result<StateRow> {
    tx.fetch_optional(
        "SELECT given_name, family_name, restricted_at, erased_at FROM members \
         WHERE tenant_id = $1 AND id = $2",
        args![member],
    )
    .await?
    .ok_or(AppError::NotFound)
}

/// The My data page of the caller (or of their minor child `child`).
pub async fn my_data(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    child: Option<MemberId>,
) -> Result<MyData> {
    let today = scope.today(now);
    let member = subject(db, scope, today, child).await?;
    let mut people = Vec::new();
    if let Some(me) = scope.member_id() {
        people.push((
            None,
            PersonLink {
                id: me,
                name: String::new(),
            },
        ));
    }
    for c in crate::members::my_children(db, scope, today).await? {
        people.push((Some(c.id), c));
    }
    let mut tx = db.tenant_read(scope).await?;
    let state = state_of(&mut tx, member).await?;
    let rows: Vec<RequestRow> = tx
        .fetch_all(
            &format!(
                "SELECT {REQUEST_COLUMNS} FROM {REQUEST_FROM} WHERE r.tenant_id = $1 \
                 AND r.member_id = $2 ORDER BY r.received_at DESC, r.id DESC LIMIT 200"
            ),
            args![member],
        )
        .await?;
    let federation_reads = crate::fedreads::reads_about(&mut tx, member.0).await?;
    tx.commit().await?;
    Ok(MyData {
        federation_reads,
        subject: PersonLink {
            id: member,
            name: if state.erased_at.is_some() {
                String::new()
            } else {
                format!("{} {}", state.given_name, state.family_name)
            },
        },
        child,
        people,
        requests: rows.into_iter().map(|r| r.view(today)).collect(),
        restricted_at: state
            .restricted_at
            .filter(|_| state.erased_at.is_none())
            .map(Timestamp),
        erased: state.erased_at.is_some(),
        time_zone: scope.tenant().time_zone.clone(),
    })
}

/// Checks a text typed into a request or a reason: trimmed, at most [`MAX_TEXT`]
/// characters, required when `required`.
fn text(field: &str, v: &str, required: Option<Msg>) -> Result<Option<String>> {
    let v = v.trim();
    if v.chars().count() > MAX_TEXT {
        return Err(AppError::field(
            field,
            Problem::new(Msg::ErrMaxChars).arg("max", MAX_TEXT),
        ));
    }
    match (v.is_empty(), required) {
        (true, Some(m)) => Err(AppError::field(field, m)),
        (true, None) => Ok(None),
        (false, _) => Ok(Some(v.to_string())),
    }
}

/// A member (or a guardian for a minor child) asks the club: the request is stored with
/// its deadline, logged, and confirmed by mail. An erased person, or a second erasure
/// while one is pending, is refused with the reason.
#[allow(clippy::too_many_arguments)]
pub async fn ask(
    db: &Db,
    mailer: &Mailer,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    child: Option<MemberId>,
    kind: &str,
    details: &str,
) -> Result<i64> {
    let today = scope.today(now);
    let kind =
        RequestKind::parse(kind).ok_or_else(|| AppError::field("kind", Msg::ErrRightsKind))?;
    let details = text(
        "details",
        details,
        kind.needs_details().then_some(Msg::ErrRightsDetailsNeeded),
    )?;
    let member = subject(db, scope, today, child).await?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let state = state_of(&mut tx, member).await?;
    if state.erased_at.is_some() {
        return Err(AppError::conflict(Msg::ErrRightsErased));
    }
    if kind == RequestKind::Erasure {
        let pending: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM privacy_requests WHERE tenant_id = $1 AND member_id = $2 \
                 AND kind = 'erasure' AND closed_at IS NULL",
                args![member],
            )
            .await?;
        if pending.is_some() {
            return Err(AppError::conflict(Msg::ErrRightsErasureAsked));
        }
    }
    let id = ids::new_id();
    let due = first_deadline(today);
    tx.insert(
        "privacy_requests",
        vec![
            ("id", id.into()),
            ("member_id", member.into()),
            ("kind", kind.as_str().into()),
            ("details", details.into()),
            ("requested_by", actor.identity.into()),
            ("status", RequestStatus::Open.as_str().into()),
            ("received_at", now.into()),
            ("first_due_on", due.to_string().into()),
            ("due_on", due.to_string().into()),
        ],
    )
    .await?;
    tx.log("privacy_request_received", Some(kind.as_str()))
        .await?;
    let to = recipient(&mut tx, id).await?;
    tx.commit().await?;
    notify(mailer, scope, to, Step::Received { date: today, due }, kind).await;
    Ok(id)
}

/// Records a request received otherwise (on paper, by phone) for `member`, as staff
/// (`privacy.requests`); `received` is the day it came in.
#[allow(clippy::too_many_arguments)]
pub async fn record(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    member: MemberId,
    kind: RequestKind,
    details: Option<&str>,
    received_at: Timestamp,
) -> Result<i64> {
    scope.require(PRIVACY_REQUESTS)?;
    let received = received_at.date_in(&scope.tenant().time_zone);
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let state = state_of(&mut tx, member).await?;
    if state.erased_at.is_some() {
        return Err(AppError::conflict(Msg::ErrRightsErased));
    }
    let id = ids::new_id();
    let due = first_deadline(received);
    tx.insert(
        "privacy_requests",
        vec![
            ("id", id.into()),
            ("member_id", member.into()),
            ("kind", kind.as_str().into()),
            ("details", details.map(str::to_string).into()),
            ("requested_by", Option::<i64>::None.into()),
            ("status", RequestStatus::Open.as_str().into()),
            ("received_at", received_at.into()),
            ("first_due_on", due.to_string().into()),
            ("due_on", due.to_string().into()),
        ],
    )
    .await?;
    tx.log("privacy_request_received", Some(kind.as_str()))
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// The staff queue (`privacy.requests`): the open requests by deadline (overdue first,
/// as they are due earliest), then the 50 latest closed ones.
pub async fn queue(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<RequestQueue> {
    scope.require(PRIVACY_REQUESTS)?;
    let today = scope.today(now);
    let mut tx = db.tenant_read(scope).await?;
    let open: Vec<RequestRow> = tx
        .fetch_all(
            &format!(
                "SELECT {REQUEST_COLUMNS} FROM {REQUEST_FROM} WHERE r.tenant_id = $1 \
                 AND r.closed_at IS NULL ORDER BY r.due_on, r.received_at, r.id LIMIT 1000"
            ),
            args![],
        )
        .await?;
    let closed: Vec<RequestRow> = tx
        .fetch_all(
            &format!(
                "SELECT {REQUEST_COLUMNS} FROM {REQUEST_FROM} WHERE r.tenant_id = $1 \
                 AND r.closed_at IS NOT NULL ORDER BY r.closed_at DESC, r.id DESC LIMIT 50"
            ),
            args![],
        )
        .await?;
    tx.commit().await?;
    let open: Vec<PrivacyRequest> = open.into_iter().map(|r| r.view(today)).collect();
    Ok(RequestQueue {
        overdue: open.iter().filter(|r| r.overdue).count() as i64,
        open,
        closed: closed.into_iter().map(|r| r.view(today)).collect(),
        time_zone: scope.tenant().time_zone.clone(),
    })
}

/// How many open requests are past their deadline, for the club home of those who work
/// the queue; `None` for everyone else.
pub async fn overdue_count(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<Option<i64>> {
    if !scope.can(PRIVACY_REQUESTS) {
        return Ok(None);
    }
    let today = scope.today(now).to_string();
    let mut tx = db.tenant_read(scope).await?;
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM privacy_requests WHERE tenant_id = $1 AND closed_at IS NULL \
             AND due_on < $2",
            args![today],
        )
        .await?;
    tx.commit().await?;
    Ok(Some(n))
}

/// What staff do with a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Start,
    Extend { months: i32, reason: String },
    Refuse { reason: String },
    Complete,
}

/// Staff (`privacy.requests`) move request `id` on: start, extend, refuse or complete.
/// `version` is the one the page showed: a request changed meanwhile is refused with who
/// changed it. Completing an erasure erases the person in the same transaction; a
/// restriction sets the record's `restricted_at`. The member gets a mail after the commit
/// (`mailer` none: the demo data, which tells nobody).
#[allow(clippy::too_many_arguments)]
pub async fn act(
    db: &Db,
    mailer: Option<&Mailer>,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    version: i64,
    action: Action,
) -> Result<()> {
    scope.require(PRIVACY_REQUESTS)?;
    let today = scope.today(now);
    // The typed reason is checked before anything is opened.
    let reason = match &action {
        Action::Extend { reason, .. } | Action::Refuse { reason } => {
            text("reason", reason, Some(Msg::ErrRightsReason))?
        }
        _ => None,
    };
    // An erasure ends the account too when it belongs to no other tenant: known before.
    let kind_of: Option<(String, i64)> = {
        let mut tx = db.tenant_read(scope).await?;
        let r = tx
            .fetch_optional(
                "SELECT kind, member_id FROM privacy_requests WHERE tenant_id = $1 AND id = $2",
                args![id],
            )
            .await?;
        tx.commit().await?;
        r
    };
    let account = match kind_of {
        Some((k, m)) if k == "erasure" && action == Action::Complete => {
            super::erasure::account_of(db, scope, MemberId(m)).await?
        }
        Some(_) => None,
        None => return Err(AppError::NotFound),
    };
    let mut ended = Vec::new();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row: RequestRow = tx
        .fetch_optional(
            &format!(
                "SELECT {REQUEST_COLUMNS} FROM {REQUEST_FROM} WHERE r.tenant_id = $1 AND r.id = $2"
            ),
            args![id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let status = RequestStatus::parse(&row.status).unwrap_or(RequestStatus::Open);
    let kind = RequestKind::parse(&row.kind).unwrap_or(RequestKind::Access);
    let member = MemberId(row.member_id);
    if row.version != version {
        return Err(changed(&mut tx, id).await?);
    }
    if status.is_closed() {
        return Err(AppError::conflict(Msg::ErrRightsClosed));
    }
    let to = recipient(&mut tx, id).await?;
    let (cols, step, event): (Vec<(&str, crate::db::Value)>, Step, &str) = match action {
        Action::Start => {
            if status != RequestStatus::Open {
                return Err(AppError::conflict(Msg::ErrRightsClosed));
            }
            (
                vec![("status", RequestStatus::InProgress.as_str().into())],
                Step::Started,
                "privacy_request_started",
            )
        }
        Action::Extend { months, .. } => {
            let reason = reason.unwrap_or_default();
            let received = Timestamp(row.received_at).date_in(&scope.tenant().time_zone);
            let due = check_extension(
                status,
                received,
                date_of(&row.first_due_on),
                today,
                months,
                &reason,
            )?;
            (
                vec![
                    ("status", RequestStatus::Extended.as_str().into()),
                    ("due_on", due.to_string().into()),
                    ("extension_reason", reason.clone().into()),
                ],
                Step::Extended { due, reason },
                "privacy_request_extended",
            )
        }
        Action::Refuse { .. } => {
            let reason = reason.unwrap_or_default();
            (
                vec![
                    ("status", RequestStatus::Refused.as_str().into()),
                    ("refusal_reason", reason.clone().into()),
                    ("closed_at", now.into()),
                ],
                Step::Refused { reason },
                "privacy_request_refused",
            )
        }
        Action::Complete => {
            match kind {
                RequestKind::Erasure => {
                    ended =
                        super::erasure::erase_in_tx(&mut tx, member, account, now, today).await?;
                }
                RequestKind::Restriction => {
                    let state = state_of(&mut tx, member).await?;
                    if state.erased_at.is_some() {
                        return Err(AppError::conflict(Msg::ErrRightsErased));
                    }
                    if state.restricted_at.is_none() {
                        restrict_in_tx(&mut tx, member, now).await?;
                    }
                }
                _ => {}
            }
            (
                vec![
                    ("status", RequestStatus::Done.as_str().into()),
                    ("closed_at", now.into()),
                ],
                Step::Done,
                "privacy_request_done",
            )
        }
    };
    if !tx
        .update("privacy_requests", id, cols, Some(version))
        .await?
    {
        return Err(changed(&mut tx, id).await?);
    }
    tx.log(event, Some(kind.as_str())).await?;
    tx.commit().await?;
    crate::accounts::forget_ended(db, &ended);
    if let Some(mailer) = mailer {
        notify(mailer, scope, to, step, kind).await;
    }
    Ok(())
}

/// The refusal of a save over someone else's change of the request.
async fn changed(tx: &mut TenantTx, id: i64) -> Result<AppError> {
    let row: Option<(i64, Option<String>)> = tx
        .fetch_optional(
            "SELECT updated_at, updated_by_name FROM privacy_requests WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    let (at, by) = row.ok_or(AppError::NotFound)?;
    Ok(AppError::Conflict(
        Problem::new(Msg::ErrRecordChanged)
            .arg_or("who", by, Msg::SystemActor)
            .arg("when", Timestamp(at).format_brussels()),
    ))
}

/// Restricts a record: it keeps its data but leaves the register's lists, search (its
/// words leave the index), exports and counts.
async fn restrict_in_tx(tx: &mut TenantTx, member: MemberId, now: Timestamp) -> Result<()> {
    tx.update(
        "members",
        member.0,
        vec![("restricted_at", now.into())],
        None,
    )
    .await?;
    tx.execute(
        "DELETE FROM member_search WHERE tenant_id = $1 AND member_id = $2",
        args![member],
    )
    .await?;
    // licences: a restricted record leaves the federations' views at once.
    crate::fedcopy::refresh_shared(tx, &[member]).await?;
    Ok(())
}

/// Lifts the restriction of a record (`members.edit`): the one change a restricted record
/// takes. Its words return to the search index.
pub async fn lift_restriction(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    member: MemberId,
) -> Result<()> {
    scope.require(MEMBERS_EDIT)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let state = state_of(&mut tx, member).await?;
    if state.erased_at.is_some() {
        return Err(AppError::conflict(Msg::ErrRightsErased));
    }
    if state.restricted_at.is_none() {
        return Err(AppError::conflict(Msg::ErrRightsNotRestricted));
    }
    tx.update(
        "members",
        member.0,
        vec![("restricted_at", Option::<i64>::None.into())],
        None,
    )
    .await?;
    crate::search::reindex(&mut tx, member).await?;
    crate::fedcopy::refresh_shared(&mut tx, &[member]).await?; // licences
    tx.log("restriction_lifted", None).await?;
    tx.commit().await
}

/// Where a request's mails go: the account that asked (in its language), else the
/// record's address (in the club's language). Read before the step, as an erasure takes
/// both away.
#[derive(Debug)]
struct Recipient {
    email: Option<String>,
    lang: Option<String>,
}

async fn recipient(tx: &mut TenantTx, id: i64) -> Result<Recipient> {
    let row: Option<(Option<String>, Option<String>)> = tx
        .fetch_optional(
            "SELECT coalesce(i.email, m.email), i.lang FROM privacy_requests r \
             JOIN members m ON m.tenant_id = r.tenant_id AND m.id = r.member_id \
             LEFT JOIN identities i ON i.id = r.requested_by \
             WHERE r.tenant_id = $1 AND r.id = $2",
            args![id],
        )
        .await?;
    let (email, lang) = row.unwrap_or((None, None));
    Ok(Recipient { email, lang })
}

enum Step {
    Received { date: Date, due: Date },
    Started,
    Extended { due: Date, reason: String },
    Done,
    Refused { reason: String },
}

/// Mails the member about a step of their request. A mail that cannot be sent is logged:
/// the step itself is done.
async fn notify(
    mailer: &Mailer,
    scope: &TenantScope,
    to: Recipient,
    step: Step,
    kind: RequestKind,
) {
    let Some(email) = to.email else {
        return;
    };
    let lang = to
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(scope.tenant().default_lang);
    let long = |d: Date| d.format(lang, tessera_common::time::DateStyle::Long);
    let kind_text = kind.msg().text(lang);
    let body = match step {
        Step::Received { date, due } => Msg::RightsMailReceived.fill(
            lang,
            &[
                ("kind", kind_text),
                ("date", &long(date)),
                ("due", &long(due)),
            ],
        ),
        Step::Started => Msg::RightsMailStarted.fill(lang, &[("kind", kind_text)]),
        Step::Extended { due, reason } => Msg::RightsMailExtended.fill(
            lang,
            &[
                ("kind", kind_text),
                ("due", &long(due)),
                ("reason", &reason),
            ],
        ),
        Step::Done => Msg::RightsMailDone.fill(lang, &[("kind", kind_text)]),
        Step::Refused { reason } => {
            Msg::RightsMailRefused.fill(lang, &[("kind", kind_text), ("reason", &reason)])
        }
    };
    let mail = Mail {
        to: email,
        subject: Msg::RightsMailSubject.fill(lang, &[("club", &scope.tenant().name)]),
        body,
        brand: Some(crate::mail::Brand::of(scope.tenant(), "")),
    };
    if let Err(e) = mailer.send(mail).await {
        tracing::error!(error = %e, "a data-protection request mail could not be sent");
    }
}
