//! Mailings (issue 19): a mail to a group, a filtered selection of the register or the
//! subscribers of a newsletter topic (a consent purpose), with a subject and text per
//! language and the placeholders `{first_name}` and `{club_name}`.
//!
//! - A mailing starts as a draft (`mailings`), shown with a preview for any recipient.
//! - Sending it resolves the recipients once, in one transaction, into its outbox
//!   (`mailing_recipients`): one row per address, in that person's language (their
//!   account's, else the club's); a minor's mail goes to their guardians too. A newsletter
//!   goes only to people whose latest answer for its topic is given; restricted, erased
//!   and anonymised records get nothing.
//! - [`deliver`] sends the outbox (the job `serve` runs): each row is claimed in a
//!   transaction of its own (status `sending`, with a lease), sent, and marked `sent` or
//!   `failed` in another, so a row is never sent twice: a row claimed by a process that
//!   stopped is marked `interrupted` once its lease ran out, never sent again. A
//!   temporary failure is tried again with back-off; a refusal (a bounce) is marked on
//!   the person's row, shown on the mailing's page.
//! - A newsletter carries a one-click unsubscribe (RFC 8058) with a signed token naming
//!   its outbox row ([`unsubscribe`]); using it records the withdrawal in the consent
//!   events (source `unsubscribe`), once.
//!
//! Layer: above accounts, members and consents.

pub(crate) mod outbox;
mod render;
mod token;

pub use outbox::{deliver, deliver_mailing, recover, spawn_delivery, Pace, Sender};
pub use render::{check_placeholders, fill};
pub use token::{unsubscribe, unsubscribe_state, UnsubscribeState};

use crate::args;
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::ids;
use crate::members::Problems;
use crate::scope::{Actor, TenantScope};
use std::collections::{BTreeMap, HashMap};
use tessera_common::consent::Localized;
use tessera_common::dto::Stamp;
use tessera_common::mailing::*;
use tessera_common::modules::MAILINGS_SEND;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, Lang, Msg, Problem};

/// A subject: at most this many characters.
pub const MAX_SUBJECT: usize = 200;
/// A text: at most this many characters.
pub const MAX_BODY: usize = 20_000;
/// A preview offers at most this many recipients to choose from.
pub const MAX_CHOICES: usize = 200;

/// A mailing as typed, parsed from the form.
#[derive(Clone, Debug)]
pub struct MailingInput {
    pub kind: MailingKind,
    pub purpose: Option<i64>,
    pub audience: Audience,
    pub subject: Localized,
    pub body: Localized,
}

fn text_of(l: &Localized, lang: Lang) -> &str {
    match lang {
        Lang::En => &l.en,
        Lang::Nl => &l.nl,
        Lang::Fr => &l.fr,
    }
}

/// The text in `lang`, or in the club's language when that one was left empty.
pub fn in_lang(l: &Localized, lang: Lang, club: Lang) -> &str {
    let t = text_of(l, lang);
    if t.trim().is_empty() {
        text_of(l, club)
    } else {
        t
    }
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
    } else if let Err(name) = check_placeholders(&v) {
        p.add(
            field,
            Problem::new(Msg::ErrMailingPlaceholder).arg("name", format!("{{{name}}}")),
        );
    }
    v
}

/// Parses and checks the form: kind, topic, audience, texts (the club's language needs a
/// subject and a text; others may be left empty), placeholders.
pub fn parse_form(f: &MailingForm, club_lang: Lang) -> Result<MailingInput> {
    let mut p = Problems::default();
    let kind = MailingKind::parse(f.kind.trim());
    if kind.is_none() {
        p.add("kind", Msg::ErrMailingKind);
    }
    let purpose = match f.purpose.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                p.add("purpose", Msg::ErrChoosePurpose);
                None
            }
        },
    };
    if kind == Some(MailingKind::Newsletter) && purpose.is_none() {
        p.add("purpose", Msg::ErrChoosePurpose);
    }
    let audience = match f.audience.trim() {
        "group" => match f.group.trim().parse::<i64>() {
            Ok(g) => Some(Audience::Group(g)),
            Err(_) => {
                p.add("group", Msg::ErrMailingGroup);
                None
            }
        },
        "selection" => {
            let s = f.selection.trim().trim_start_matches('?').to_string();
            if s.chars().count() > 1000 {
                p.add("selection", Problem::new(Msg::ErrMaxChars).arg("max", 1000));
            }
            Some(Audience::Selection(s))
        }
        "topic" => {
            if kind == Some(MailingKind::Service) {
                p.add("audience", Msg::ErrMailingTopicIsNewsletter);
            }
            Some(Audience::Topic)
        }
        _ => {
            p.add("audience", Msg::ErrMailingAudience);
            None
        }
    };
    let mut subject = Localized::default();
    let mut body = Localized::default();
    for (lang, s, b) in [
        (Lang::En, &f.subject_en, &f.body_en),
        (Lang::Nl, &f.subject_nl, &f.body_nl),
        (Lang::Fr, &f.subject_fr, &f.body_fr),
    ] {
        let code = lang.code();
        let s = clean(&format!("subject_{code}"), s, MAX_SUBJECT, false, &mut p);
        let b = clean(&format!("body_{code}"), b, MAX_BODY, true, &mut p);
        if lang == club_lang {
            if s.is_empty() {
                p.add(&format!("subject_{code}"), Msg::ErrMailingTextNeeded);
            }
            if b.is_empty() {
                p.add(&format!("body_{code}"), Msg::ErrMailingTextNeeded);
            }
        }
        match lang {
            Lang::En => (subject.en, body.en) = (s, b),
            Lang::Nl => (subject.nl, body.nl) = (s, b),
            Lang::Fr => (subject.fr, body.fr) = (s, b),
        }
    }
    p.done()?;
    match (kind, audience) {
        (Some(kind), Some(audience)) => Ok(MailingInput {
            kind,
            purpose: if kind == MailingKind::Newsletter {
                purpose
            } else {
                None
            },
            audience,
            subject,
            body,
        }),
        _ => Err(AppError::bad_request(Msg::ErrMailingKind)),
    }
}

/// What the new-mailing form offers: the club's groups and newsletter topics.
pub async fn choices(db: &Db, scope: &TenantScope) -> Result<MailingChoices> {
    scope.require(MAILINGS_SEND)?;
    let topics = crate::consents::purposes_of(db, scope).await?;
    let mut tx = db.tenant_read(scope).await?;
    let groups: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, name FROM club_groups WHERE tenant_id = $1 AND archived_at IS NULL \
             ORDER BY name, id",
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(MailingChoices {
        groups,
        topics: topics.into_iter().map(|p| (p.id, p.title)).collect(),
        default_lang: scope.tenant().default_lang,
    })
}

/// One mail to send, before it is queued.
#[derive(Clone, Debug)]
pub(crate) struct Recipient {
    pub member: i64,
    pub to_member: i64,
    pub first_name: String,
    pub to_name: String,
    pub email: String,
    pub lang: Lang,
}

/// The register's filter of a selection: `q` (its text search), `status`, `type`,
/// `season`, `consent`, `group` (in the group today).
fn parse_selection(s: &str) -> Result<Vec<(&'static str, String)>> {
    let mut out = Vec::new();
    for pair in s.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = percent_encoding::percent_decode_str(&v.replace('+', " "))
            .decode_utf8_lossy()
            .trim()
            .to_string();
        let col = match k {
            "status" => {
                if !v.is_empty() && tessera_common::dto::MemberStatus::parse(&v).is_none() {
                    return Err(AppError::field("selection", Msg::ErrChooseStatus));
                }
                "status"
            }
            "type" => "membership_type",
            "season" => "season",
            "consent" => "consent",
            // The register's text search and its group filter.
            "q" => {
                if v.chars().count() > 100 {
                    return Err(AppError::field("selection", Msg::ErrSearchLength));
                }
                if !v.is_empty() {
                    out.push(("q", v));
                }
                continue;
            }
            "group" => {
                if !v.is_empty() && v.parse::<i64>().ok().filter(|g| *g > 0).is_none() {
                    return Err(AppError::field("selection", Msg::ErrChooseGroup));
                }
                "group"
            }
            // The register's order and paging choose no one.
            "sort" | "per" | "page" => continue,
            other => {
                return Err(AppError::field(
                    "selection",
                    Problem::new(Msg::ErrMailingSelection).arg("name", other),
                ))
            }
        };
        if v.chars().count() > 40 {
            return Err(AppError::field(
                "selection",
                Problem::new(Msg::ErrMaxChars).arg("max", 40),
            ));
        }
        if !v.is_empty() {
            out.push((col, v));
        }
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct BaseRow {
    id: i64,
    given_name: String,
    family_name: String,
    email: Option<String>,
    birth_date: Option<String>,
    lang: Option<String>,
}

/// The recipients of a mailing today: the people chosen (never restricted, erased or
/// anonymised ones; for a newsletter only those whose latest answer for its topic is
/// given), each with an address, and a minor's guardians with theirs, in name order.
pub(crate) async fn recipients_in(
    tx: &mut TenantTx,
    scope: &TenantScope,
    now: Timestamp,
    kind: MailingKind,
    purpose: Option<i64>,
    audience: &Audience,
) -> Result<Vec<Recipient>> {
    let today = scope.today(now).to_string();
    let mut conds = vec![
        "m.restricted_at IS NULL".to_string(),
        "m.erased_at IS NULL".to_string(),
    ];
    let mut args: Vec<crate::db::Value> = Vec::new();
    let param = |args: &mut Vec<crate::db::Value>, v: crate::db::Value| {
        args.push(v);
        format!("${}", args.len() + 1)
    };
    match audience {
        Audience::Group(g) => {
            let g = param(&mut args, (*g).into());
            let d = param(&mut args, today.clone().into());
            conds.push("m.status <> 'ended'".into());
            conds.push(format!(
                "EXISTS (SELECT 1 FROM group_members gm WHERE gm.tenant_id = m.tenant_id \
                 AND gm.member_id = m.id AND gm.group_id = {g} AND gm.from_date <= {d} \
                 AND (gm.to_date IS NULL OR gm.to_date >= {d}))"
            ));
        }
        Audience::Selection(s) => {
            for (col, v) in parse_selection(s)? {
                if col == "q" {
                    // The register's search: every word a prefix of a name or address word.
                    let words = crate::search::query_words(&v);
                    if words.is_empty() {
                        conds.push("1 = 0".into());
                        continue;
                    }
                    let ranges = crate::search::bind_ranges(&words, |x| param(&mut args, x));
                    conds.push(format!(
                        "m.id IN (SELECT s.member_id FROM ({}) s)",
                        crate::search::matches(&ranges)
                    ));
                } else if col == "group" {
                    let g: i64 = v
                        .parse()
                        .map_err(|_| AppError::field("selection", Msg::ErrChooseGroup))?;
                    let g = param(&mut args, g.into());
                    let d = param(&mut args, today.clone().into());
                    conds.push(format!(
                        "EXISTS (SELECT 1 FROM group_members gm WHERE gm.tenant_id = m.tenant_id \
                         AND gm.member_id = m.id AND gm.group_id = {g} AND gm.from_date <= {d} \
                         AND (gm.to_date IS NULL OR gm.to_date >= {d}))"
                    ));
                } else if col == "consent" {
                    let id: i64 = v
                        .parse()
                        .map_err(|_| AppError::field("selection", Msg::ErrChoosePurpose))?;
                    let p = param(&mut args, id.into());
                    let yes = param(&mut args, true.into());
                    conds.push(format!(
                        "EXISTS (SELECT 1 FROM member_consents c WHERE c.tenant_id = m.tenant_id \
                         AND c.member_id = m.id AND c.purpose_id = {p} AND c.given = {yes})"
                    ));
                } else {
                    let ph = param(&mut args, v.into());
                    conds.push(format!("m.{col} = {ph}"));
                }
            }
        }
        Audience::Topic => {
            conds.push("m.status <> 'ended'".into());
        }
    }
    if let (MailingKind::Newsletter, Some(p)) = (kind, purpose) {
        let p = param(&mut args, p.into());
        let yes = param(&mut args, true.into());
        conds.push(format!(
            "EXISTS (SELECT 1 FROM member_consents c WHERE c.tenant_id = m.tenant_id \
             AND c.member_id = m.id AND c.purpose_id = {p} AND c.given = {yes})"
        ));
    }
    let sql = format!(
        "SELECT m.id, m.given_name, m.family_name, m.email, m.birth_date, i.lang FROM members m \
         LEFT JOIN identities i ON i.id = m.identity_id WHERE m.tenant_id = $1 AND {} \
         ORDER BY m.sort_name, m.id",
        conds.join(" AND ")
    );
    let base: Vec<BaseRow> = tx.fetch_all(&sql, args).await?;
    let club_lang = scope.tenant().default_lang;
    let lang_of = |l: &Option<String>| l.as_deref().and_then(Lang::parse).unwrap_or(club_lang);
    // A minor's guardians: everyone linked as one, with an address.
    let cutoff = scope
        .today(now)
        .plus_years(-crate::members::AGE_OF_MAJORITY)
        .to_string();
    let minors: HashMap<i64, ()> = base
        .iter()
        .filter(|r| r.birth_date.as_deref().is_some_and(|b| b > cutoff.as_str()))
        .map(|r| (r.id, ()))
        .collect();
    let mut guardians: HashMap<i64, Vec<BaseRow>> = HashMap::new();
    if !minors.is_empty() {
        type GuardianRow = (i64, i64, String, String, Option<String>, Option<String>);
        let rows: Vec<GuardianRow> = tx
            .fetch_all(
                "SELECT g.child_id, m.id, m.given_name, m.family_name, m.email, i.lang \
                 FROM member_guardians g JOIN members m ON m.tenant_id = g.tenant_id \
                 AND m.id = g.guardian_id LEFT JOIN identities i ON i.id = m.identity_id \
                 WHERE g.tenant_id = $1 AND m.restricted_at IS NULL AND m.erased_at IS NULL \
                 AND m.email IS NOT NULL ORDER BY m.sort_name, m.id",
                args![],
            )
            .await?;
        for (child, id, given_name, family_name, email, lang) in rows {
            if minors.contains_key(&child) {
                guardians.entry(child).or_default().push(BaseRow {
                    id,
                    given_name,
                    family_name,
                    email,
                    birth_date: None,
                    lang,
                });
            }
        }
    }
    let mut out = Vec::with_capacity(base.len());
    for r in &base {
        if let Some(e) = r.email.as_deref().filter(|e| !e.trim().is_empty()) {
            out.push(Recipient {
                member: r.id,
                to_member: r.id,
                first_name: r.given_name.clone(),
                to_name: format!("{} {}", r.given_name, r.family_name),
                email: e.trim().to_string(),
                lang: lang_of(&r.lang),
            });
        }
        for g in guardians.get(&r.id).map(Vec::as_slice).unwrap_or(&[]) {
            if let Some(e) = g.email.as_deref().filter(|e| !e.trim().is_empty()) {
                out.push(Recipient {
                    member: r.id,
                    to_member: g.id,
                    first_name: r.given_name.clone(),
                    to_name: format!("{} {}", g.given_name, g.family_name),
                    email: e.trim().to_string(),
                    lang: lang_of(&g.lang),
                });
            }
        }
    }
    Ok(out)
}

/// Checks the topic and group a mailing names (of this club, the topic not archived).
async fn check_targets(tx: &mut TenantTx, input: &MailingInput) -> Result<()> {
    if let Some(p) = input.purpose {
        let found: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM consent_purposes WHERE tenant_id = $1 AND id = $2 \
                 AND archived_at IS NULL",
                args![p],
            )
            .await?;
        if found.is_none() {
            return Err(AppError::field("purpose", Msg::ErrChoosePurpose));
        }
    }
    if let Audience::Group(g) = input.audience {
        let found: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM club_groups WHERE tenant_id = $1 AND id = $2",
                args![g],
            )
            .await?;
        if found.is_none() {
            return Err(AppError::field("group", Msg::ErrMailingGroup));
        }
    }
    Ok(())
}

fn nobody(kind: MailingKind) -> AppError {
    match kind {
        MailingKind::Newsletter => AppError::bad_request(Msg::ErrMailingNoSubscribers),
        MailingKind::Service => AppError::bad_request(Msg::ErrMailingNobody),
    }
}

/// Stores a new mailing as a draft (`mailings.send`); refused when it would reach nobody
/// (a topic nobody consented to). Returns its id.
pub async fn create(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: &MailingInput,
) -> Result<i64> {
    scope.require(MAILINGS_SEND)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    check_targets(&mut tx, input).await?;
    let found = recipients_in(
        &mut tx,
        scope,
        now,
        input.kind,
        input.purpose,
        &input.audience,
    )
    .await?;
    if found.is_empty() {
        return Err(nobody(input.kind));
    }
    let id = ids::new_id();
    let (audience, group, selection) = match &input.audience {
        Audience::Group(g) => ("group", Some(*g), None),
        Audience::Selection(s) => ("selection", None, Some(s.clone())),
        Audience::Topic => ("topic", None, None),
    };
    tx.insert(
        "mailings",
        vec![
            ("id", id.into()),
            ("kind", input.kind.as_str().into()),
            ("purpose_id", input.purpose.into()),
            ("audience", audience.into()),
            ("group_id", group.into()),
            ("selection", selection.into()),
            ("subject_en", input.subject.en.clone().into()),
            ("subject_nl", input.subject.nl.clone().into()),
            ("subject_fr", input.subject.fr.clone().into()),
            ("body_en", input.body.en.clone().into()),
            ("body_nl", input.body.nl.clone().into()),
            ("body_fr", input.body.fr.clone().into()),
            ("status", "draft".into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log("mailing_created", Some(&format!("mailing {id}")))
        .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct MailingRow {
    id: i64,
    kind: String,
    purpose_id: Option<i64>,
    audience: String,
    group_id: Option<i64>,
    selection: Option<String>,
    subject_en: String,
    subject_nl: String,
    subject_fr: String,
    body_en: String,
    body_nl: String,
    body_fr: String,
    status: String,
    created_at: i64,
    updated_at: i64,
    updated_by_name: Option<String>,
    version: i64,
}

const MAILING_COLS: &str = "id, kind, purpose_id, audience, group_id, selection, subject_en, \
    subject_nl, subject_fr, body_en, body_nl, body_fr, status, created_at, updated_at, \
    updated_by_name, version";

impl MailingRow {
    fn kind(&self) -> MailingKind {
        MailingKind::parse(&self.kind).unwrap_or(MailingKind::Service)
    }
    fn status(&self) -> MailingStatus {
        MailingStatus::parse(&self.status).unwrap_or(MailingStatus::Done)
    }
    fn subject(&self) -> Localized {
        Localized {
            en: self.subject_en.clone(),
            nl: self.subject_nl.clone(),
            fr: self.subject_fr.clone(),
        }
    }
    fn body(&self) -> Localized {
        Localized {
            en: self.body_en.clone(),
            nl: self.body_nl.clone(),
            fr: self.body_fr.clone(),
        }
    }
    fn audience(&self) -> Audience {
        match (self.audience.as_str(), self.group_id) {
            ("group", Some(g)) => Audience::Group(g),
            ("topic", _) => Audience::Topic,
            _ => Audience::Selection(self.selection.clone().unwrap_or_default()),
        }
    }
    fn summary(&self, club: Lang, figures: Figures) -> MailingSummary {
        MailingSummary {
            id: self.id,
            kind: self.kind(),
            subject: in_lang(&self.subject(), club, club).to_string(),
            status: self.status(),
            figures,
            created_at: Timestamp(self.created_at),
            stamp: Stamp {
                at: Timestamp(self.updated_at),
                by: self.updated_by_name.clone(),
            },
        }
    }
}

async fn figures_of(tx: &mut TenantTx, mailing: Option<i64>) -> Result<HashMap<i64, Figures>> {
    let rows: Vec<(i64, String, i64)> = match mailing {
        Some(id) => {
            tx.fetch_all(
                "SELECT mailing_id, status, count(*) FROM mailing_recipients \
                 WHERE tenant_id = $1 AND mailing_id = $2 GROUP BY mailing_id, status",
                args![id],
            )
            .await?
        }
        None => {
            tx.fetch_all(
                "SELECT mailing_id, status, count(*) FROM mailing_recipients \
                 WHERE tenant_id = $1 GROUP BY mailing_id, status",
                args![],
            )
            .await?
        }
    };
    let mut out: HashMap<i64, Figures> = HashMap::new();
    for (m, status, n) in rows {
        let f = out.entry(m).or_default();
        f.recipients += n;
        match status.as_str() {
            "queued" | "sending" => f.queued += n,
            "sent" => f.sent += n,
            "failed" => f.failed += n,
            _ => f.interrupted += n,
        }
    }
    Ok(out)
}

/// The club's mailings, newest first, with their figures (`mailings.send`).
pub async fn list(db: &Db, scope: &TenantScope) -> Result<Vec<MailingSummary>> {
    scope.require(MAILINGS_SEND)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<MailingRow> = tx
        .fetch_all(
            &format!(
                "SELECT {MAILING_COLS} FROM mailings WHERE tenant_id = $1 \
                 ORDER BY created_at DESC, id DESC LIMIT 500"
            ),
            args![],
        )
        .await?;
    let mut figures = figures_of(&mut tx, None).await?;
    tx.commit().await?;
    let club = scope.tenant().default_lang;
    Ok(rows
        .iter()
        .map(|r| r.summary(club, figures.remove(&r.id).unwrap_or_default()))
        .collect())
}

async fn mailing_row(tx: &mut TenantTx, id: i64) -> Result<MailingRow> {
    tx.fetch_optional(
        &format!("SELECT {MAILING_COLS} FROM mailings WHERE tenant_id = $1 AND id = $2"),
        args![id],
    )
    .await?
    .ok_or(AppError::NotFound)
}

/// The base address unsubscribe links start with; `{public_url}/unsubscribe/`.
pub fn unsubscribe_base(public_url: &str) -> String {
    format!("{}/unsubscribe/", public_url.trim_end_matches('/'))
}

/// One mailing with its texts, figures and undelivered mails, and a preview for the
/// recipient `key` (`member:to_member`; the first when none or unknown) (`mailings.send`).
pub async fn detail(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    id: i64,
    key: Option<&str>,
) -> Result<MailingDetail> {
    scope.require(MAILINGS_SEND)?;
    let mut tx = db.tenant_read(scope).await?;
    let row = mailing_row(&mut tx, id).await?;
    let club = scope.tenant().default_lang;
    let figures = figures_of(&mut tx, Some(id))
        .await?
        .remove(&id)
        .unwrap_or_default();
    let topic = match row.purpose_id {
        Some(p) => {
            let t: Option<(String, String, String)> = tx
                .fetch_optional(
                    "SELECT t.title_en, t.title_nl, t.title_fr FROM consent_purposes p \
                     JOIN consent_texts t ON t.tenant_id = p.tenant_id AND t.purpose_id = p.id \
                     AND t.text_version = p.text_version WHERE p.tenant_id = $1 AND p.id = $2",
                    args![p],
                )
                .await?;
            t.map(|(en, nl, fr)| Localized { en, nl, fr }.get(club).to_string())
        }
        None => None,
    };
    let audience = match row.audience() {
        Audience::Group(g) => {
            let name: Option<(String,)> = tx
                .fetch_optional(
                    "SELECT name FROM club_groups WHERE tenant_id = $1 AND id = $2",
                    args![g],
                )
                .await?;
            name.map(|n| n.0).unwrap_or_default()
        }
        Audience::Selection(s) => s,
        Audience::Topic => topic.clone().unwrap_or_default(),
    };
    // The recipients: as queued once sent, as they would be today while a draft.
    let recipients: Vec<Recipient> = if row.status() == MailingStatus::Draft {
        recipients_in(
            &mut tx,
            scope,
            now,
            row.kind(),
            row.purpose_id,
            &row.audience(),
        )
        .await?
    } else {
        type QueuedRow = (i64, i64, String, String, String, String, String);
        let rows: Vec<QueuedRow> = tx
            .fetch_all(
                "SELECT r.member_id, r.to_member_id, r.first_name, m.given_name, m.family_name, \
                 r.email, r.lang FROM mailing_recipients r JOIN members m \
                 ON m.tenant_id = r.tenant_id AND m.id = r.to_member_id \
                 WHERE r.tenant_id = $1 AND r.mailing_id = $2 ORDER BY m.sort_name, r.id \
                 LIMIT 200",
                args![id],
            )
            .await?;
        rows.into_iter()
            .map(|(member, to_member, first, g, f, email, lang)| Recipient {
                member,
                to_member,
                first_name: first,
                to_name: format!("{g} {f}"),
                email,
                lang: Lang::parse(&lang).unwrap_or(club),
            })
            .collect()
    };
    type UndeliveredRow = (i64, String, String, String, String, Option<String>);
    let undelivered_rows: Vec<UndeliveredRow> = tx
        .fetch_all(
            "SELECT r.to_member_id, m.given_name, m.family_name, r.email, r.status, r.error \
             FROM mailing_recipients r JOIN members m ON m.tenant_id = r.tenant_id \
             AND m.id = r.to_member_id WHERE r.tenant_id = $1 AND r.mailing_id = $2 \
             AND r.status IN ('failed', 'interrupted') ORDER BY m.sort_name, r.id LIMIT 500",
            args![id],
        )
        .await?;
    tx.commit().await?;
    let choices: Vec<PreviewChoice> = recipients
        .iter()
        .take(MAX_CHOICES)
        .map(|r| PreviewChoice {
            key: format!("{}:{}", r.member, r.to_member),
            label: if r.member == r.to_member {
                format!("{} <{}>", r.to_name, r.email)
            } else {
                format!("{} <{}> ({})", r.to_name, r.email, r.first_name)
            },
        })
        .collect();
    let chosen = key
        .and_then(|k| {
            recipients
                .iter()
                .find(|r| format!("{}:{}", r.member, r.to_member) == k)
        })
        .or(recipients.first());
    let subject = row.subject();
    let body = row.body();
    let preview = chosen.map(|r| {
        let (s, b) = render::mail_texts(
            &subject,
            &body,
            r.lang,
            club,
            &r.first_name,
            &scope.tenant().name,
        );
        Preview {
            key: format!("{}:{}", r.member, r.to_member),
            to: r.email.clone(),
            lang: r.lang,
            subject: s,
            body: b,
            unsubscribe: row.kind() == MailingKind::Newsletter,
        }
    });
    let draft_count = if row.status() == MailingStatus::Draft {
        recipients.len() as i64
    } else {
        0
    };
    Ok(MailingDetail {
        draft_count,
        summary: row.summary(club, figures),
        subject,
        body,
        audience,
        topic,
        choices,
        preview,
        undelivered: undelivered_rows
            .into_iter()
            .map(|(member, g, f, email, status, error)| Undelivered {
                member,
                name: format!("{g} {f}"),
                email,
                interrupted: status == "interrupted",
                error: error.unwrap_or_default(),
            })
            .collect(),
        version: row.version,
    })
}

/// Sends a draft (`mailings.send`): resolves its recipients now and queues one mail per
/// address in its outbox, in one transaction; [`deliver`] sends them. Refused when it
/// would reach nobody (a topic whose subscribers all withdrew meanwhile). Returns how
/// many mails were queued.
pub async fn send(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    version: i64,
) -> Result<usize> {
    scope.require(MAILINGS_SEND)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row = mailing_row(&mut tx, id).await?;
    if row.status() != MailingStatus::Draft {
        return Err(AppError::conflict(Msg::ErrMailingAlreadySent));
    }
    if row.version != version {
        return Err(AppError::conflict(Msg::ErrMailingAlreadySent));
    }
    let recipients = recipients_in(
        &mut tx,
        scope,
        now,
        row.kind(),
        row.purpose_id,
        &row.audience(),
    )
    .await?;
    if recipients.is_empty() {
        return Err(nobody(row.kind()));
    }
    let mut seen: BTreeMap<(i64, i64), ()> = BTreeMap::new();
    let mut rows = Vec::with_capacity(recipients.len());
    for r in &recipients {
        if seen.insert((r.member, r.to_member), ()).is_some() {
            continue;
        }
        rows.push(vec![
            crate::db::Value::from(ids::new_id()),
            id.into(),
            r.member.into(),
            r.to_member.into(),
            r.email.clone().into(),
            r.first_name.clone().into(),
            r.lang.code().into(),
            "queued".into(),
            0i64.into(),
            now.into(),
        ]);
    }
    let n = rows.len();
    tx.insert_many_cols(
        "mailing_recipients",
        &[
            "id",
            "mailing_id",
            "member_id",
            "to_member_id",
            "email",
            "first_name",
            "lang",
            "status",
            "attempts",
            "next_at",
        ],
        rows,
    )
    .await?;
    let updated = tx
        .update(
            "mailings",
            id,
            vec![("status", "sending".into()), ("queued_at", now.into())],
            Some(version),
        )
        .await?;
    if !updated {
        return Err(AppError::conflict(Msg::ErrMailingAlreadySent));
    }
    tx.log(
        "mailing_sent",
        Some(&format!("mailing {id}, {n} mails queued")),
    )
    .await?;
    tx.commit().await?;
    outbox::wake();
    Ok(n)
}

/// The mails to a member's current address that failed (refused by the mail server, or
/// given up after the attempts), newest first, for the staff's member page
/// (`members.view`). A mail to an address the member no longer has is not shown: changing
/// the e-mail clears the mark. Empty while the mailings module is off.
pub async fn bounces_of(
    db: &Db,
    scope: &TenantScope,
    member: tessera_common::MemberId,
) -> Result<Vec<tessera_common::groups::MailBounce>> {
    scope.require(tessera_common::modules::MEMBERS_VIEW)?;
    if !scope.module_active("mailings") {
        return Ok(Vec::new());
    }
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<(String, i64, Option<String>)> = tx
        .fetch_all(
            "SELECT r.email, r.updated_at, r.error FROM mailing_recipients r JOIN members m \
             ON m.tenant_id = r.tenant_id AND m.id = r.to_member_id WHERE r.tenant_id = $1 \
             AND r.to_member_id = $2 AND r.status = 'failed' AND m.email IS NOT NULL \
             AND lower(r.email) = lower(trim(m.email)) ORDER BY r.updated_at DESC, r.id LIMIT 5",
            args![member],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|(email, at, error)| tessera_common::groups::MailBounce {
            email,
            day: scope.today(Timestamp(at)).to_string(),
            reason: error.unwrap_or_default(),
        })
        .collect())
}

#[cfg(test)]
mod tests;
