//! Consent per purpose (data protection, issue 17). The club defines purposes, each with a
//! text in English, Dutch and French; a text people consented to is never changed: changing
//! it makes a new version, and every consent keeps the version it was given on. Every
//! consent given or withdrawn is an event (`consent_events`: when, on which version, how,
//! who recorded it); the latest event per member and purpose (`member_consents`) is what
//! counts ("the latest event wins").
//!
//! The API other features use: [`given`], [`record`], [`history`].
//!
//! Layer: above accounts and members.

use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::members::{require_guardian, Problems};
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use tessera_common::consent::*;
use tessera_common::dto::Stamp;
use tessera_common::modules::{MEMBERS_VIEW, PRIVACY_CONSENTS};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, MemberId, Msg, Problem};

/// A purpose's title: at most this many characters.
pub const MAX_TITLE: usize = 120;
/// A purpose's text: at most this many characters.
pub const MAX_BODY: usize = 4000;
/// A note on a consent recorded by staff: at most this many characters.
pub const MAX_NOTE: usize = 500;
/// At most this many purposes per club.
pub const MAX_PURPOSES: i64 = 50;

/// A purpose's texts as typed, before they are checked.
#[derive(Clone, Debug, Default)]
pub struct PurposeInput {
    pub title: Localized,
    pub body: Localized,
}

/// A consent to record.
#[derive(Clone, Debug)]
pub struct ConsentChange {
    pub member: MemberId,
    pub purpose: i64,
    pub given: bool,
    pub source: ConsentSource,
    pub note: Option<String>,
}

fn clean(field: &str, v: &str, max: usize, multiline: bool, p: &mut Problems) -> String {
    let v = v.trim().replace("\r\n", "\n");
    if v.chars().count() > max {
        p.add(field, Problem::new(Msg::ErrMaxChars).arg("max", max as i64));
    } else if v
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')))
    {
        p.add(field, Msg::ErrConsentControl);
    }
    v
}

/// Checks a purpose's texts: a title and a text in at least one language (the others fall
/// back to it), each within its length, no control characters.
pub fn check_purpose(input: &PurposeInput) -> Result<PurposeInput> {
    let mut p = Problems::default();
    let t = &input.title;
    let b = &input.body;
    let out = PurposeInput {
        title: Localized {
            en: clean("title_en", &t.en, MAX_TITLE, false, &mut p),
            nl: clean("title_nl", &t.nl, MAX_TITLE, false, &mut p),
            fr: clean("title_fr", &t.fr, MAX_TITLE, false, &mut p),
        },
        body: Localized {
            en: clean("body_en", &b.en, MAX_BODY, true, &mut p),
            nl: clean("body_nl", &b.nl, MAX_BODY, true, &mut p),
            fr: clean("body_fr", &b.fr, MAX_BODY, true, &mut p),
        },
    };
    for (lang, title, body) in [
        ("en", &out.title.en, &out.body.en),
        ("nl", &out.title.nl, &out.body.nl),
        ("fr", &out.title.fr, &out.body.fr),
    ] {
        if title.is_empty() != body.is_empty() {
            let field = if title.is_empty() { "title" } else { "body" };
            p.add(&format!("{field}_{lang}"), Msg::ErrConsentBothOrNone);
        }
    }
    if out.title.en.is_empty() && out.title.nl.is_empty() && out.title.fr.is_empty() {
        p.add("title_en", Msg::ErrConsentOneLanguage);
    }
    p.done()?;
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct PurposeRow {
    id: i64,
    text_version: i64,
    archived_at: Option<i64>,
    version: i64,
    updated_at: i64,
    updated_by_name: Option<String>,
    title_en: String,
    title_nl: String,
    title_fr: String,
    body_en: String,
    body_nl: String,
    body_fr: String,
    given: i64,
}

impl PurposeRow {
    fn title(&self) -> Localized {
        Localized {
            en: self.title_en.clone(),
            nl: self.title_nl.clone(),
            fr: self.title_fr.clone(),
        }
    }
    fn body(&self) -> Localized {
        Localized {
            en: self.body_en.clone(),
            nl: self.body_nl.clone(),
            fr: self.body_fr.clone(),
        }
    }
    fn into_purpose(self) -> Purpose {
        Purpose {
            id: self.id,
            title: self.title(),
            body: self.body(),
            text_version: self.text_version,
            given: self.given,
            archived: self.archived_at.is_some(),
            version: self.version,
            stamp: Stamp {
                at: Timestamp(self.updated_at),
                by: self.updated_by_name,
            },
        }
    }
}

const PURPOSE_SELECT: &str = "SELECT p.id, p.text_version, p.archived_at, p.version, \
    p.updated_at, p.updated_by_name, t.title_en, t.title_nl, t.title_fr, t.body_en, t.body_nl, \
    t.body_fr, (SELECT count(*) FROM member_consents c WHERE c.tenant_id = p.tenant_id \
    AND c.purpose_id = p.id AND c.given = $2) AS given \
    FROM consent_purposes p JOIN consent_texts t ON t.tenant_id = p.tenant_id \
    AND t.purpose_id = p.id AND t.text_version = p.text_version WHERE p.tenant_id = $1";

/// [`PURPOSE_SELECT`] without the count of people who gave consent (`given` is 0): what a
/// single person's consents need. Counting reads every answer of the club (10,000 index
/// entries per purpose in a 100,000-member club), which the member page and the My-data
/// download must not pay on every request.
const PURPOSE_SELECT_UNCOUNTED: &str = "SELECT p.id, p.text_version, p.archived_at, p.version, \
    p.updated_at, p.updated_by_name, t.title_en, t.title_nl, t.title_fr, t.body_en, t.body_nl, \
    t.body_fr, CAST(0 AS BIGINT) AS given \
    FROM consent_purposes p JOIN consent_texts t ON t.tenant_id = p.tenant_id \
    AND t.purpose_id = p.id AND t.text_version = p.text_version WHERE p.tenant_id = $1";

/// The club's purposes with their current texts, in the order they were made, with how
/// many people gave consent to each.
pub(crate) async fn all_purposes(tx: &mut TenantTx) -> Result<Vec<Purpose>> {
    let rows: Vec<PurposeRow> = tx
        .fetch_all(
            &format!("{PURPOSE_SELECT} ORDER BY p.created_at, p.id"),
            args![true],
        )
        .await?;
    Ok(rows.into_iter().map(PurposeRow::into_purpose).collect())
}

/// [`all_purposes`] without the counts (each `given` is 0), for one person's consents.
async fn all_purposes_uncounted(tx: &mut TenantTx) -> Result<Vec<Purpose>> {
    let rows: Vec<PurposeRow> = tx
        .fetch_all(
            &format!("{PURPOSE_SELECT_UNCOUNTED} ORDER BY p.created_at, p.id"),
            args![],
        )
        .await?;
    Ok(rows.into_iter().map(PurposeRow::into_purpose).collect())
}

/// The purposes people can answer (not archived), for the register's filter, the export
/// page and the registration forms; no permission of its own (the caller's page has one).
pub async fn purposes_of(db: &Db, scope: &TenantScope) -> Result<Vec<Purpose>> {
    let mut tx = db.tenant_read(scope).await?;
    let all = all_purposes(&mut tx).await?;
    tx.commit().await?;
    Ok(all.into_iter().filter(|p| !p.archived).collect())
}

/// The purposes page (`privacy.consents`).
pub async fn settings(db: &Db, scope: &TenantScope) -> Result<PurposeSettings> {
    scope.require(PRIVACY_CONSENTS)?;
    let mut tx = db.tenant_read(scope).await?;
    let purposes = all_purposes(&mut tx).await?;
    tx.commit().await?;
    Ok(PurposeSettings {
        purposes,
        can_edit: scope.read_only_since().is_none(),
        draft: None,
    })
}

/// Creates a purpose (`id` none) or changes its texts (`privacy.consents`). A text nobody
/// consented to yet is corrected in place; once someone consented to it, the change is a new
/// version and their consent keeps the old one. `expected_version` is the purpose's version
/// the form was opened at: a purpose changed meanwhile is a conflict.
pub async fn save_purpose(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: Option<i64>,
    input: &PurposeInput,
    expected_version: Option<i64>,
) -> Result<i64> {
    scope.require(PRIVACY_CONSENTS)?;
    let input = check_purpose(input)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let id = upsert_in(&mut tx, now, id, &input, expected_version, true).await?;
    tx.commit().await?;
    Ok(id)
}

/// Archives a purpose (`archived`) or brings it back (`privacy.consents`), at the version
/// the page showed. An archived purpose is no longer asked: not on registration forms, not
/// on My data, not in the register's consent filter; the answers given stay in the
/// history, and a consent still given can be withdrawn. Doing what is already done changes
/// nothing.
pub async fn archive_purpose(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    archived: bool,
    expected_version: i64,
) -> Result<()> {
    scope.require(PRIVACY_CONSENTS)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row: Option<(Option<i64>, i64)> = tx
        .fetch_optional(
            "SELECT archived_at, version FROM consent_purposes WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    let (archived_at, version) = row.ok_or(AppError::NotFound)?;
    if version != expected_version {
        return Err(AppError::conflict(Msg::ErrPurposeChanged));
    }
    if archived_at.is_some() == archived {
        return tx.commit().await;
    }
    let at: Option<i64> = archived.then_some(now.0);
    if !tx
        .update(
            "consent_purposes",
            id,
            vec![("archived_at", at.into())],
            Some(expected_version),
        )
        .await?
    {
        return Err(AppError::conflict(Msg::ErrPurposeChanged));
    }
    tx.log(
        if archived {
            "consent_purpose_archived"
        } else {
            "consent_purpose_unarchived"
        },
        Some(&format!("purpose {id}")),
    )
    .await?;
    tx.commit().await
}

/// Creates (`id` none) or changes a purpose's checked texts inside the caller's write
/// transaction; `create_as` makes a new purpose under a given id (a registration form's
/// own consent, which is the purpose of the same id). See [`save_purpose`].
pub(crate) async fn upsert_in(
    tx: &mut TenantTx,
    now: Timestamp,
    id: Option<i64>,
    input: &PurposeInput,
    expected_version: Option<i64>,
    limit: bool,
) -> Result<i64> {
    let text_cols = |purpose: i64, text_version: i64| {
        vec![
            ("purpose_id", purpose.into()),
            ("text_version", text_version.into()),
            ("title_en", input.title.en.clone().into()),
            ("title_nl", input.title.nl.clone().into()),
            ("title_fr", input.title.fr.clone().into()),
            ("body_en", input.body.en.clone().into()),
            ("body_nl", input.body.nl.clone().into()),
            ("body_fr", input.body.fr.clone().into()),
            ("created_at", now.into()),
        ]
    };
    let existing = match id {
        Some(id) => {
            let rows: Vec<PurposeRow> = tx
                .fetch_all(&format!("{PURPOSE_SELECT} AND p.id = $3"), args![true, id])
                .await?;
            rows.into_iter().next()
        }
        None => None,
    };
    let id = match (id, existing) {
        (Some(_), None) if limit => return Err(AppError::NotFound),
        (id, None) => {
            if limit {
                let (n,): (i64,) = tx
                    .fetch_one(
                        "SELECT count(*) FROM consent_purposes WHERE tenant_id = $1",
                        args![],
                    )
                    .await?;
                if n >= MAX_PURPOSES {
                    return Err(AppError::conflict(
                        Problem::new(Msg::ErrTooManyPurposes).arg("max", MAX_PURPOSES),
                    ));
                }
            }
            let id = id.unwrap_or_else(ids::new_id);
            tx.insert(
                "consent_purposes",
                vec![
                    ("id", id.into()),
                    ("text_version", 1i64.into()),
                    ("created_at", now.into()),
                ],
            )
            .await?;
            let mut cols = text_cols(id, 1);
            cols.insert(0, ("id", ids::new_id().into()));
            tx.insert("consent_texts", cols).await?;
            tx.log("consent_purpose_created", Some(&format!("purpose {id}")))
                .await?;
            id
        }
        (_, Some(current)) => {
            let id = current.id;
            if current.title() == input.title && current.body() == input.body {
                return Ok(id);
            }
            // Has anyone answered the current text? Then it stays as it is.
            let (answered,): (i64,) = tx
                .fetch_one(
                    "SELECT count(*) FROM consent_events WHERE tenant_id = $1 AND purpose_id = $2 \
                     AND text_version = $3",
                    args![id, current.text_version],
                )
                .await?;
            let text_version = if answered > 0 {
                current.text_version + 1
            } else {
                current.text_version
            };
            if !tx
                .update(
                    "consent_purposes",
                    id,
                    vec![("text_version", text_version.into())],
                    expected_version,
                )
                .await?
            {
                return Err(AppError::conflict(Msg::ErrPurposeChanged));
            }
            if answered > 0 {
                let mut cols = text_cols(id, text_version);
                cols.insert(0, ("id", ids::new_id().into()));
                tx.insert("consent_texts", cols).await?;
            } else {
                let (text_id,): (i64,) = tx
                    .fetch_one(
                        "SELECT id FROM consent_texts WHERE tenant_id = $1 AND purpose_id = $2 \
                         AND text_version = $3",
                        args![id, text_version],
                    )
                    .await?;
                tx.update("consent_texts", text_id, text_cols(id, text_version), None)
                    .await?;
            }
            tx.log(
                "consent_purpose_changed",
                Some(&format!("purpose {id}, text version {text_version}")),
            )
            .await?;
            id
        }
    };
    Ok(id)
}

/// The purposes a registration form asks besides its own consent text: the club's
/// purposes that are not archived and are not another form's own consent.
pub(crate) async fn asked_on_forms(tx: &mut TenantTx) -> Result<Vec<AskedPurpose>> {
    let forms: Vec<(i64,)> = tx
        .fetch_all("SELECT id FROM reg_forms WHERE tenant_id = $1", args![])
        .await?;
    Ok(all_purposes_uncounted(tx)
        .await?
        .into_iter()
        .filter(|p| !p.archived && !forms.iter().any(|(f,)| *f == p.id))
        .map(|p| AskedPurpose {
            id: p.id,
            title: p.title,
            body: p.body,
        })
        .collect())
}

/// Whether `member` has consent given for `purpose` now (the latest event wins). A purpose
/// or member of another club is simply not given.
pub async fn given(db: &Db, scope: &TenantScope, purpose: i64, member: MemberId) -> Result<bool> {
    let mut tx = db.tenant_read(scope).await?;
    let row: Option<(bool,)> = tx
        .fetch_optional(
            "SELECT given FROM member_consents WHERE tenant_id = $1 AND member_id = $2 \
             AND purpose_id = $3",
            args![member, purpose],
        )
        .await?;
    tx.commit().await?;
    Ok(row.is_some_and(|(g,)| g))
}

/// Checks that the caller may record `change` on this scope: the member on their own
/// record, a guardian for their minor child, staff (`privacy.consents`) for paper and
/// imports, the system (or staff) for registrations and unsubscribe links.
async fn may_record(db: &Db, scope: &TenantScope, now: Timestamp, c: &ConsentChange) -> Result<()> {
    match c.source {
        ConsentSource::Member => {
            if scope.member_id() == Some(c.member) {
                Ok(())
            } else {
                Err(AppError::NotFound)
            }
        }
        ConsentSource::Guardian => require_guardian(db, scope, c.member, scope.today(now)).await,
        ConsentSource::Paper | ConsentSource::Import => scope.require(PRIVACY_CONSENTS),
        ConsentSource::Registration | ConsentSource::Unsubscribe => {
            if scope.is_system_task() {
                Ok(())
            } else {
                scope.require(PRIVACY_CONSENTS)
            }
        }
    }
}

/// Records a consent given or withdrawn (see [`may_record`] for who may). Recording the
/// answer that already stands (withdrawing twice, giving again on the same text) is a
/// conflict and stores nothing; giving again after the text changed records the new version.
pub async fn record(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    change: &ConsentChange,
) -> Result<()> {
    may_record(db, scope, now, change).await?;
    let note = match &change.note {
        Some(n) => {
            let mut p = Problems::default();
            let n = clean("note", n, MAX_NOTE, true, &mut p);
            p.done()?;
            (!n.is_empty()).then_some(n)
        }
        None => None,
    };
    let change = ConsentChange {
        note,
        ..change.clone()
    };
    // A withdrawal passes a read-only club, as accepting the terms does; giving does not.
    let mut tx = if change.given {
        db.tenant_write(scope, actor, now).await?
    } else {
        db.consent_withdrawal_write(scope, actor, now).await?
    };
    record_in(&mut tx, actor, now, &change).await?;
    tx.commit().await
}

/// Records a consent inside the caller's own write transaction (a registration's
/// confirmation); the caller checked who may. See [`record`].
pub(crate) async fn record_in(
    tx: &mut TenantTx,
    actor: &Actor,
    now: Timestamp,
    c: &ConsentChange,
) -> Result<()> {
    let member: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM members WHERE tenant_id = $1 AND id = $2",
            args![c.member],
        )
        .await?;
    member.ok_or(AppError::NotFound)?;
    let purpose: Option<(i64, Option<i64>)> = tx
        .fetch_optional(
            "SELECT text_version, archived_at FROM consent_purposes WHERE tenant_id = $1 AND id = $2",
            args![c.purpose],
        )
        .await?;
    let (text_version, archived) = purpose.ok_or(AppError::NotFound)?;
    if archived.is_some() && c.given {
        return Err(AppError::NotFound);
    }
    let now_state: Option<(bool, i64)> = tx
        .fetch_optional(
            "SELECT given, text_version FROM member_consents WHERE tenant_id = $1 \
             AND member_id = $2 AND purpose_id = $3",
            args![c.member, c.purpose],
        )
        .await?;
    match now_state {
        Some((false, _)) | None if !c.given => {
            return Err(AppError::conflict(Msg::ErrConsentAlreadyWithdrawn));
        }
        Some((true, v)) if c.given && v == text_version => {
            return Err(AppError::conflict(Msg::ErrConsentAlreadyGiven));
        }
        _ => {}
    }
    let id = ids::new_id();
    tx.insert(
        "consent_events",
        vec![
            ("id", id.into()),
            ("member_id", c.member.into()),
            ("purpose_id", c.purpose.into()),
            ("text_version", text_version.into()),
            ("given", c.given.into()),
            ("source", c.source.as_str().into()),
            ("note", c.note.clone().into()),
            ("at", now.into()),
            ("recorded_by", actor.identity.into()),
        ],
    )
    .await?;
    tx.execute(
        "DELETE FROM member_consents WHERE tenant_id = $1 AND member_id = $2 AND purpose_id = $3",
        args![c.member, c.purpose],
    )
    .await?;
    tx.insert(
        "member_consents",
        vec![
            ("member_id", c.member.into()),
            ("purpose_id", c.purpose.into()),
            ("given", c.given.into()),
            ("text_version", text_version.into()),
            ("event_id", id.into()),
            ("at", now.into()),
        ],
    )
    .await?;
    tx.log(
        if c.given {
            "consent_given"
        } else {
            "consent_withdrawn"
        },
        Some(&format!(
            "member {}, purpose {}, version {text_version}, {}",
            c.member,
            c.purpose,
            c.source.as_str()
        )),
    )
    .await?;
    Ok(())
}

/// Records that each of `members` gave consent for `purpose` (people without an answer
/// yet), in statements of many rows: the demo seed's and bulk loads' way (an import of
/// a federation's list). Checks nothing; the caller made the people and the purpose.
pub(crate) async fn give_many_in(
    tx: &mut TenantTx,
    actor: &Actor,
    now: Timestamp,
    purpose: i64,
    members: &[MemberId],
    source: ConsentSource,
) -> Result<()> {
    let mut events = Vec::with_capacity(members.len());
    let mut states = Vec::with_capacity(members.len());
    for m in members {
        let id = ids::new_id();
        events.push(vec![
            crate::db::Value::from(id),
            m.0.into(),
            purpose.into(),
            1i64.into(),
            true.into(),
            source.as_str().into(),
            now.into(),
            actor.identity.into(),
        ]);
        states.push(vec![
            crate::db::Value::from(m.0),
            purpose.into(),
            true.into(),
            1i64.into(),
            id.into(),
            now.into(),
        ]);
    }
    tx.insert_many_cols(
        "consent_events",
        &[
            "id",
            "member_id",
            "purpose_id",
            "text_version",
            "given",
            "source",
            "at",
            "recorded_by",
        ],
        events,
    )
    .await?;
    tx.insert_many_cols(
        "member_consents",
        &[
            "member_id",
            "purpose_id",
            "given",
            "text_version",
            "event_id",
            "at",
        ],
        states,
    )
    .await?;
    tx.log(
        "consent_given",
        Some(&format!(
            "{} members, purpose {purpose}, {}",
            members.len(),
            source.as_str()
        )),
    )
    .await
}

#[derive(sqlx::FromRow)]
struct EventRow {
    purpose_id: i64,
    text_version: i64,
    given: bool,
    source: String,
    note: Option<String>,
    at: i64,
    updated_by_name: Option<String>,
    title_en: Option<String>,
    title_nl: Option<String>,
    title_fr: Option<String>,
}

/// One person's consents, read without a permission check (the callers check theirs).
pub(crate) async fn consents_of(tx: &mut TenantTx, member: MemberId) -> Result<MemberConsents> {
    let person: Option<(String, String)> = tx
        .fetch_optional(
            "SELECT given_name, family_name FROM members WHERE tenant_id = $1 AND id = $2",
            args![member],
        )
        .await?;
    let (given_name, family_name) = person.ok_or(AppError::NotFound)?;
    let purposes = all_purposes_uncounted(tx).await?;
    let states_now: Vec<(i64, bool, i64, i64)> = tx
        .fetch_all(
            "SELECT purpose_id, given, text_version, at FROM member_consents \
             WHERE tenant_id = $1 AND member_id = $2",
            args![member],
        )
        .await?;
    let states = purposes
        .iter()
        .filter_map(|p| {
            let now = states_now.iter().find(|s| s.0 == p.id);
            // An archived purpose shows only where the person had answered it.
            if p.archived && now.is_none() {
                return None;
            }
            Some(ConsentState {
                purpose: p.id,
                title: p.title.clone(),
                body: p.body.clone(),
                text_version: p.text_version,
                given: now.map(|s| s.1),
                answered_version: now.map(|s| s.2),
                at: now.map(|s| Timestamp(s.3)),
                archived: p.archived,
            })
        })
        .collect();
    let rows: Vec<EventRow> = tx
        .fetch_all(
            "SELECT e.purpose_id, e.text_version, e.given, e.source, e.note, e.at, \
             e.updated_by_name, t.title_en, t.title_nl, t.title_fr FROM consent_events e \
             LEFT JOIN consent_texts t ON t.tenant_id = e.tenant_id \
             AND t.purpose_id = e.purpose_id AND t.text_version = e.text_version \
             WHERE e.tenant_id = $1 AND e.member_id = $2 ORDER BY e.at DESC, e.id DESC",
            args![member],
        )
        .await?;
    let history = rows
        .into_iter()
        .map(|r| {
            // A version whose text was not kept (before consents had versions) shows the
            // purpose's current title.
            let title = match (r.title_en, r.title_nl, r.title_fr) {
                (Some(en), Some(nl), Some(fr)) => Localized { en, nl, fr },
                _ => purposes
                    .iter()
                    .find(|p| p.id == r.purpose_id)
                    .map(|p| p.title.clone())
                    .unwrap_or_default(),
            };
            ConsentEvent {
                purpose: r.purpose_id,
                title,
                text_version: r.text_version,
                given: r.given,
                source: ConsentSource::parse(&r.source).unwrap_or(ConsentSource::Paper),
                note: r.note,
                at: Timestamp(r.at),
                recorded_by: r.updated_by_name,
            }
        })
        .collect();
    Ok(MemberConsents {
        member,
        name: format!("{given_name} {family_name}"),
        states,
        history,
        can_record: false,
    })
}

/// A member's consents and their history, for staff (`members.view`).
pub async fn history(db: &Db, scope: &TenantScope, member: MemberId) -> Result<MemberConsents> {
    scope.require(MEMBERS_VIEW)?;
    let mut tx = db.tenant_read(scope).await?;
    let mut out = consents_of(&mut tx, member).await?;
    tx.commit().await?;
    out.can_record = scope.can(PRIVACY_CONSENTS) && scope.read_only_since().is_none();
    Ok(out)
}

/// The caller's own consents and those of their minor children.
pub async fn mine(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<MyConsents> {
    // Someone without a record of their own in the club has no consents here.
    scope.member_id().ok_or(AppError::NotFound)?;
    let children = crate::members::my_children(db, scope, scope.today(now)).await?;
    let mut tx = db.tenant_read(scope).await?;
    let own = match scope.member_id() {
        Some(me) => Some(consents_of(&mut tx, me).await?),
        None => None,
    };
    let mut kids = Vec::with_capacity(children.len());
    for c in children {
        kids.push(consents_of(&mut tx, c.id).await?);
    }
    tx.commit().await?;
    Ok(MyConsents {
        own,
        children: kids,
    })
}

#[cfg(test)]
mod tests;
