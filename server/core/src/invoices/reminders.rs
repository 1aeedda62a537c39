//! Payment reminders (issue 20, deliverable 5): the club's schedule (at most three steps,
//! each a number of days after the invoice's due date, with a text per language and
//! placeholders), the daily job that mails the reminders that are due for sent invoices
//! not (fully) paid, the reminder sent by hand, and the treasurer's list of overdue
//! invoices. Every reminder is recorded in `invoice_reminders` (invoice, step, when, to
//! whom, the outstanding amount); a step of the schedule goes out once per invoice.
//!
//! The mail carries the filled-in text and, whatever the text says, the amount still due
//! (total minus paid), the structured communication and the club's account. Nothing is
//! attached: the invoice's PDF shows the full amount, not what is left, and was sent with
//! the invoice already.

use super::seasons::settings_in;
use crate::db::{Db, TenantTx, Value};
use crate::error::Result;
use crate::mail::{Brand, Mail, Mailer};
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use std::collections::HashMap;
use tessera_common::invoices::*;
use tessera_common::modules::FEES_MANAGE;
use tessera_common::money::{format_eur, ogm_display};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, FieldError, Lang, Msg, Problem};

/// A reminder text: at most this many characters.
pub const MAX_TEXT: usize = 2000;
/// A step: at most this many days after the due date.
pub const MAX_DAYS: i64 = 365;
/// The default schedule: days after the due date.
pub const DEFAULT_DAYS: [i64; 2] = [14, 30];
/// The job handles at most this many invoices of a club per run (the rest at the next).
const BATCH: i64 = 5000;
const DAY_MS: i64 = 86_400_000;

// ---------------------------------------------------------------------------------------
// Placeholders

/// Calls `f` on every placeholder of `text` (a `{`, a name of letters, digits and `_`, a
/// `}`; any other brace is text): its name and byte range.
fn each_placeholder(text: &str, mut f: impl FnMut(&str, std::ops::Range<usize>)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                j += 1;
            }
            if j > start && j < bytes.len() && bytes[j] == b'}' {
                f(&text[start..j], i..j + 1);
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
}

/// The first placeholder of `text` that is not one of [`REMINDER_PLACEHOLDERS`].
pub fn unknown_placeholder(text: &str) -> Option<String> {
    let mut unknown = None;
    each_placeholder(text, |name, _| {
        if unknown.is_none() && !REMINDER_PLACEHOLDERS.contains(&name) {
            unknown = Some(name.to_string());
        }
    });
    unknown
}

/// `text` with its placeholders replaced by `values` (one not among them is left).
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    each_placeholder(text, |name, range| {
        if let Some((_, v)) = values.iter().find(|(n, _)| *n == name) {
            out.push_str(&text[last..range.start]);
            out.push_str(v);
            last = range.end;
        }
    });
    out.push_str(&text[last..]);
    out
}

// ---------------------------------------------------------------------------------------
// The schedule

/// The default text of a step (1-based) in `lang`: the first one friendly, later ones firmer.
pub fn default_text(step: usize, lang: Lang) -> &'static str {
    if step <= 1 {
        Msg::RemDefaultFirst.text(lang)
    } else {
        Msg::RemDefaultLater.text(lang)
    }
}

fn text_of(step: &ReminderStep, lang: Lang) -> &str {
    match lang {
        Lang::En => &step.text_en,
        Lang::Nl => &step.text_nl,
        Lang::Fr => &step.text_fr,
    }
}

/// The text of step `n` (1-based) for a payer reading `lang`: theirs, else the club's
/// language's, else the default.
fn step_text(steps: &[ReminderStep], n: usize, lang: Lang, club: Lang) -> String {
    if let Some(s) = n.checked_sub(1).and_then(|i| steps.get(i)) {
        for l in [lang, club] {
            let t = text_of(s, l);
            if !t.trim().is_empty() {
                return t.to_string();
            }
        }
    }
    default_text(n, lang).to_string()
}

fn default_steps() -> Vec<ReminderStep> {
    DEFAULT_DAYS
        .iter()
        .enumerate()
        .map(|(i, d)| ReminderStep {
            days: *d,
            text_en: default_text(i + 1, Lang::En).into(),
            text_nl: default_text(i + 1, Lang::Nl).into(),
            text_fr: default_text(i + 1, Lang::Fr).into(),
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct StepRow {
    days: Option<i64>,
    text_en: String,
    text_nl: String,
    text_fr: String,
}

async fn schedule_in(tx: &mut TenantTx) -> Result<ReminderSettings> {
    let rows: Vec<StepRow> = tx
        .fetch_all(
            "SELECT days, text_en, text_nl, text_fr FROM reminder_steps WHERE tenant_id = $1 \
             ORDER BY id",
            args![],
        )
        .await?;
    if rows.is_empty() {
        return Ok(ReminderSettings {
            steps: default_steps(),
            is_default: true,
        });
    }
    Ok(ReminderSettings {
        steps: rows
            .into_iter()
            .filter_map(|r| {
                r.days.map(|days| ReminderStep {
                    days,
                    text_en: r.text_en,
                    text_nl: r.text_nl,
                    text_fr: r.text_fr,
                })
            })
            .collect(),
        is_default: false,
    })
}

/// The club's reminder schedule (`fees.manage`); the defaults while it saved none.
pub async fn settings(db: &Db, scope: &TenantScope) -> Result<ReminderSettings> {
    scope.require(FEES_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let s = schedule_in(&mut tx).await?;
    tx.commit().await?;
    Ok(s)
}

fn check_text(field: String, v: &str, errors: &mut Vec<FieldError>) -> String {
    let v = v.trim().replace("\r\n", "\n");
    if v.chars().count() > MAX_TEXT {
        errors.push(FieldError::new(
            field,
            Problem::new(Msg::ErrMaxChars).arg("max", MAX_TEXT as i64),
        ));
    } else if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        errors.push(FieldError::new(field, Msg::ErrConsentControl));
    } else if let Some(name) = unknown_placeholder(&v) {
        errors.push(FieldError::new(
            field,
            Problem::new(Msg::RemErrPlaceholder).arg("name", format!("{{{name}}}")),
        ));
    }
    v
}

/// Checks the schedule's form: per step the days (empty: off; a whole number from 1 to
/// 365, later than the step before) and the texts (at most [`MAX_TEXT`] characters, only
/// the known placeholders). The steps switched on keep their order.
pub fn parse_form(f: &ReminderSettingsForm) -> Result<Vec<ReminderStep>> {
    let mut errors = Vec::new();
    let mut steps: Vec<ReminderStep> = Vec::new();
    let slots = [
        (1, &f.days1, &f.text1_en, &f.text1_nl, &f.text1_fr),
        (2, &f.days2, &f.text2_en, &f.text2_nl, &f.text2_fr),
        (3, &f.days3, &f.text3_en, &f.text3_nl, &f.text3_fr),
    ];
    for (k, days, en, nl, fr) in slots {
        let text_en = check_text(format!("text{k}_en"), en, &mut errors);
        let text_nl = check_text(format!("text{k}_nl"), nl, &mut errors);
        let text_fr = check_text(format!("text{k}_fr"), fr, &mut errors);
        let days = days.trim();
        if days.is_empty() {
            continue;
        }
        let field = format!("days{k}");
        match days.parse::<i64>() {
            Ok(d) if (1..=MAX_DAYS).contains(&d) => {
                if steps.last().is_some_and(|s| s.days >= d) {
                    errors.push(FieldError::new(field, Msg::RemErrOrder));
                    continue;
                }
                steps.push(ReminderStep {
                    days: d,
                    text_en,
                    text_nl,
                    text_fr,
                });
            }
            _ => errors.push(FieldError::new(
                field,
                Problem::new(Msg::FeesErrWhole)
                    .arg("min", 1)
                    .arg("max", MAX_DAYS),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(steps)
}

/// Saves the club's reminder schedule (`fees.manage`): the steps switched on become steps
/// 1, 2, 3 in their order; none at all switches reminders off. Logged.
pub async fn save_settings(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    form: &ReminderSettingsForm,
) -> Result<()> {
    scope.require(FEES_MANAGE)?;
    let steps = parse_form(form)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    tx.execute("DELETE FROM reminder_steps WHERE tenant_id = $1", args![])
        .await?;
    let rows: Vec<Vec<(&str, Value)>> = (0..MAX_REMINDER_STEPS)
        .map(|i| {
            let s = steps.get(i).cloned();
            vec![
                ("id", Value::from(i as i64 + 1)),
                ("days", s.as_ref().map(|s| s.days).into()),
                (
                    "text_en",
                    s.as_ref()
                        .map(|s| s.text_en.clone())
                        .unwrap_or_default()
                        .into(),
                ),
                (
                    "text_nl",
                    s.as_ref()
                        .map(|s| s.text_nl.clone())
                        .unwrap_or_default()
                        .into(),
                ),
                (
                    "text_fr",
                    s.as_ref()
                        .map(|s| s.text_fr.clone())
                        .unwrap_or_default()
                        .into(),
                ),
                ("created_at", now.into()),
            ]
        })
        .collect();
    tx.insert_many("reminder_steps", rows).await?;
    let days: Vec<String> = steps.iter().map(|s| s.days.to_string()).collect();
    tx.log("reminder_schedule_changed", Some(&days.join(", ")))
        .await?;
    tx.commit().await
}

// ---------------------------------------------------------------------------------------
// Sending

#[derive(sqlx::FromRow)]
struct DueRow {
    id: i64,
    year: i64,
    number: i64,
    season_id: Option<i64>,
    payer_member_id: Option<i64>,
    payer_name: String,
    payer_email: Option<String>,
    communication: String,
    total_cents: i64,
    paid_cents: i64,
    status: String,
    due_on: String,
    first_name: Option<String>,
    lang: Option<String>,
    last_step: Option<i64>,
}

/// An invoice open for a reminder, with its payer's first name and language (the language
/// of the payer's account, else the club's).
const DUE_SELECT: &str = "SELECT i.id, i.year, i.number, i.season_id, i.payer_member_id, \
     i.payer_name, i.payer_email, i.communication, i.total_cents, i.paid_cents, i.status, \
     i.due_on, m.given_name AS first_name, idn.lang, \
     (SELECT max(r.step) FROM invoice_reminders r WHERE r.tenant_id = i.tenant_id \
      AND r.invoice_id = i.id AND r.step > 0) AS last_step \
     FROM invoices i LEFT JOIN members m ON m.tenant_id = i.tenant_id AND m.id = i.payer_member_id \
     LEFT JOIN identities idn ON idn.id = m.identity_id WHERE i.tenant_id = $1";

fn number_of(year: i64, number: i64) -> String {
    format!("{year}-{number:05}")
}

/// The mail of a reminder of step `step` (0: by hand, with the text of the next step due).
fn compose(
    scope: &TenantScope,
    public_url: &str,
    steps: &[ReminderStep],
    step: usize,
    r: &DueRow,
    iban: Option<&str>,
    to: &str,
) -> (Mail, Lang) {
    let club = scope.tenant();
    let club_lang = club.default_lang;
    let lang = r.lang.as_deref().and_then(Lang::parse).unwrap_or(club_lang);
    let number = number_of(r.year, r.number);
    let outstanding = format_eur(r.total_cents - r.paid_cents, lang);
    let communication = ogm_display(&r.communication);
    let first_name = r.first_name.clone().unwrap_or_else(|| r.payer_name.clone());
    let text = step_text(steps, step, lang, club_lang);
    let values = [
        ("first_name", first_name.as_str()),
        ("invoice_number", number.as_str()),
        ("amount", outstanding.as_str()),
        ("communication", communication.as_str()),
        ("due_date", r.due_on.as_str()),
        ("club_name", club.name.as_str()),
    ];
    let mut body = fill(&text, &values);
    body.push_str("\n\n");
    body.push_str(&Msg::RemMailFacts.fill(
        lang,
        &[
            ("number", &number),
            ("amount", &outstanding),
            ("communication", &communication),
            ("iban", iban.unwrap_or("")),
            ("due", &r.due_on),
        ],
    ));
    (
        Mail {
            to: to.to_string(),
            subject: Msg::RemMailSubject.fill(lang, &[("number", &number), ("club", &club.name)]),
            body,
            brand: Some(Brand::of(club, public_url)),
        },
        lang,
    )
}

async fn record(
    tx: &mut TenantTx,
    r: &DueRow,
    step: i64,
    to: &str,
    lang: Lang,
    at: Timestamp,
) -> Result<()> {
    let created = tx.now();
    tx.insert(
        "invoice_reminders",
        vec![
            ("id", ids::new_id().into()),
            ("invoice_id", r.id.into()),
            ("step", step.into()),
            ("sent_at", at.into()),
            ("to_member_id", r.payer_member_id.into()),
            ("sent_to", to.into()),
            ("lang", lang.code().into()),
            ("outstanding_cents", (r.total_cents - r.paid_cents).into()),
            ("created_at", created.into()),
        ],
    )
    .await?;
    let label = if step == 0 {
        number_of(r.year, r.number)
    } else {
        format!("{} (step {step})", number_of(r.year, r.number))
    };
    tx.log("invoice_reminder_sent", Some(&label)).await
}

/// The step due for an invoice `days_over` days past its due date: the last step whose
/// day has come (earlier steps not sent are skipped, never sent late one after another).
pub fn step_due(steps: &[ReminderStep], days_over: i64) -> usize {
    steps.iter().take_while(|s| s.days <= days_over).count()
}

/// Whether the club has the fees module on (a system task's scope has every module, so the
/// job asks the club's own settings and plan).
async fn module_on(db: &Db, scope: &TenantScope) -> Result<bool> {
    let mut tx = db.tenant_read(scope).await?;
    let on: Vec<(String,)> = tx
        .fetch_all(
            "SELECT id FROM tenant_modules WHERE tenant_id = $1 AND enabled = $2",
            args![true],
        )
        .await?;
    tx.commit().await?;
    let on: Vec<String> = on.into_iter().map(|(id,)| id).collect();
    let t = scope.tenant();
    Ok(crate::scope::active_modules(t.kind, t.plan.as_ref(), &on)
        .iter()
        .any(|m| m.id == "fees"))
}

/// The daily job for one club: mails the reminder due for every sent invoice that is open
/// or partly paid, past its due date by a step's days, whose payer has an address and a
/// record that is neither restricted nor erased; each step once per invoice, recorded in
/// its own transaction before the mail goes (a mail that fails is logged, not repeated).
/// Paid, overpaid, credited, cancelled and draft invoices get nothing. Returns how many
/// were sent.
pub async fn send_due(
    db: &Db,
    mailer: &Mailer,
    public_url: &str,
    scope: &TenantScope,
    now: Timestamp,
) -> Result<usize> {
    if !module_on(db, scope).await? {
        return Ok(0);
    }
    let today = scope.today(now);
    let mut tx = db.tenant_read(scope).await?;
    let schedule = schedule_in(&mut tx).await?;
    let Some(first) = schedule.steps.first() else {
        tx.commit().await?;
        return Ok(0);
    };
    let cutoff = Date::from_days(today.days_since_epoch() - first.days).to_string();
    let due: Vec<DueRow> = tx
        .fetch_all(
            &format!(
                "{DUE_SELECT} AND i.kind = 'invoice' \
                 AND i.status IN ('open', 'partial') AND i.sent_at IS NOT NULL \
                 AND i.due_on <= $2 AND i.payer_email IS NOT NULL \
                 AND (m.id IS NULL OR (m.restricted_at IS NULL AND m.erased_at IS NULL)) \
                 ORDER BY i.due_on, i.id LIMIT {BATCH}"
            ),
            args![cutoff],
        )
        .await?;
    let iban = settings_in(&mut tx).await?.iban;
    tx.commit().await?;
    let system = Actor::system("payment-reminders");
    let mut sent = 0;
    for r in due {
        let Some(due_on) = Date::parse(&r.due_on) else {
            continue;
        };
        let step = step_due(
            &schedule.steps,
            today.days_since_epoch() - due_on.days_since_epoch(),
        );
        if step == 0 || r.last_step.unwrap_or(0) >= step as i64 {
            continue;
        }
        let Some(to) = r.payer_email.clone().filter(|e| !e.trim().is_empty()) else {
            continue;
        };
        let (mail, lang) = compose(
            scope,
            public_url,
            &schedule.steps,
            step,
            &r,
            iban.as_deref(),
            &to,
        );
        // Claimed in a transaction of its own: the invoice still unpaid, the step (or a
        // later one) not recorded meanwhile.
        let mut tx = db.tenant_write(scope, &system, now).await?;
        let still: Option<(String, i64)> = tx
            .fetch_optional(
                "SELECT status, (SELECT count(*) FROM invoice_reminders r WHERE r.tenant_id = $1 \
                 AND r.invoice_id = $2 AND r.step >= $3) FROM invoices \
                 WHERE tenant_id = $1 AND id = $2",
                args![r.id, step as i64],
            )
            .await?;
        match still {
            Some((status, 0)) if matches!(status.as_str(), "open" | "partial") => {}
            _ => continue,
        }
        record(&mut tx, &r, step as i64, &to, lang, now).await?;
        tx.commit().await?;
        if let Err(e) = mailer.send(mail).await {
            tracing::warn!(error = %e, invoice = r.id, "a payment reminder could not be mailed");
        }
        sent += 1;
    }
    Ok(sent)
}

/// Sends a reminder now, by hand (`fees.manage`): for a sent invoice still open or partly
/// paid (anything else: 409), to a payer with an address (else 400); recorded as step 0,
/// which leaves the schedule's steps as they were. Returns the mail for the caller to send
/// after the answer, and the invoice's season.
pub async fn send_now(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    public_url: &str,
    invoice: i64,
) -> Result<(Mail, Option<i64>)> {
    scope.require(FEES_MANAGE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let schedule = schedule_in(&mut tx).await?;
    let r: Option<DueRow> = tx
        .fetch_optional(
            &format!("{DUE_SELECT} AND i.id = $2 AND i.kind = 'invoice'"),
            args![invoice],
        )
        .await?;
    let Some(r) = r else {
        return Err(AppError::NotFound);
    };
    if !matches!(r.status.as_str(), "open" | "partial") {
        return Err(AppError::conflict(Msg::RemErrNotDue));
    }
    let Some(to) = r.payer_email.clone().filter(|e| !e.trim().is_empty()) else {
        return Err(AppError::bad_request(Msg::InvErrNoEmail));
    };
    let iban = settings_in(&mut tx).await?.iban;
    // The text of the next step (the last one once all were sent).
    let next = (r.last_step.unwrap_or(0) as usize + 1).min(schedule.steps.len().max(1));
    let (mail, lang) = compose(
        scope,
        public_url,
        &schedule.steps,
        next,
        &r,
        iban.as_deref(),
        &to,
    );
    record(&mut tx, &r, 0, &to, lang, now).await?;
    tx.commit().await?;
    Ok((mail, r.season_id))
}

// ---------------------------------------------------------------------------------------
// The overdue list

#[derive(sqlx::FromRow)]
struct SentRow {
    invoice_id: i64,
    step: i64,
    sent_at: i64,
    sent_to: String,
    outstanding_cents: i64,
}

/// The invoices past their due date and not (fully) paid, longest overdue first, with the
/// reminders sent (`fees.manage`); of one season, and only those past the schedule's last
/// step, when asked.
pub async fn overdue(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    season: Option<i64>,
    after_last: bool,
) -> Result<OverdueList> {
    scope.require(FEES_MANAGE)?;
    let today = scope.today(now);
    let today_s = today.to_string();
    let mut tx = db.tenant_read(scope).await?;
    let schedule = schedule_in(&mut tx).await?;
    let base = format!(
        "{DUE_SELECT} AND i.kind = 'invoice' \
         AND i.status IN ('open', 'partial') AND i.sent_at IS NOT NULL AND i.due_on < $2"
    );
    let rows: Vec<DueRow> = match season {
        Some(s) => {
            tx.fetch_all(
                &format!("{base} AND i.season_id = $3 ORDER BY i.due_on, i.id LIMIT 1000"),
                args![today_s.clone(), s],
            )
            .await?
        }
        None => {
            tx.fetch_all(
                &format!("{base} ORDER BY i.due_on, i.id LIMIT 1000"),
                args![today_s.clone()],
            )
            .await?
        }
    };
    let sent: Vec<SentRow> = tx
        .fetch_all(
            "SELECT r.invoice_id, r.step, r.sent_at, r.sent_to, r.outstanding_cents \
             FROM invoice_reminders r JOIN invoices i ON i.tenant_id = r.tenant_id \
             AND i.id = r.invoice_id WHERE r.tenant_id = $1 AND i.status IN ('open', 'partial') \
             AND i.due_on < $2 ORDER BY r.sent_at, r.id",
            args![today_s.clone()],
        )
        .await?;
    let seasons: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, name FROM seasons WHERE tenant_id = $1 ORDER BY starts_on DESC",
            args![],
        )
        .await?;
    tx.commit().await?;
    let mut by_invoice: HashMap<i64, Vec<ReminderSent>> = HashMap::new();
    for s in sent {
        by_invoice
            .entry(s.invoice_id)
            .or_default()
            .push(ReminderSent {
                invoice_id: s.invoice_id,
                step: s.step,
                sent_at: s.sent_at,
                sent_to: s.sent_to,
                outstanding_cents: s.outstanding_cents,
            });
    }
    let last = schedule.steps.len() as i64;
    let mut invoices = Vec::new();
    for r in rows {
        let days_overdue = Date::parse(&r.due_on)
            .map(|d| today.days_since_epoch() - d.days_since_epoch())
            .unwrap_or(0);
        let after_last_step = last > 0 && r.last_step.unwrap_or(0) >= last;
        if after_last && !after_last_step {
            continue;
        }
        invoices.push(OverdueInvoice {
            id: r.id,
            number: number_of(r.year, r.number),
            season_id: r.season_id,
            payer_name: r.payer_name,
            payer_member_id: r.payer_member_id,
            payer_email: r.payer_email,
            communication: ogm_display(&r.communication),
            total_cents: r.total_cents,
            outstanding_cents: r.total_cents - r.paid_cents,
            status: r.status,
            due_on: r.due_on,
            days_overdue,
            reminders: by_invoice.remove(&r.id).unwrap_or_default(),
            after_last_step,
        });
    }
    let total_outstanding_cents = invoices.iter().map(|i| i.outstanding_cents).sum();
    Ok(OverdueList {
        invoices,
        seasons: seasons
            .into_iter()
            .map(|(id, name)| FeeGroupChoice { id, name })
            .collect(),
        season,
        after_last,
        total_outstanding_cents,
        today: today_s,
    })
}

/// The demo: records step 1 as sent (on the day it fell due, no mail) for at most `max`
/// sent invoices past their due date by the first step's days; returns how many.
pub async fn seed_sent(db: &Db, scope: &TenantScope, now: Timestamp, max: i64) -> Result<usize> {
    if !module_on(db, scope).await? {
        return Ok(0);
    }
    let sys = Actor::system("seed-demo");
    let today = scope.today(now);
    let mut tx = db.tenant_write(scope, &sys, now).await?;
    let schedule = schedule_in(&mut tx).await?;
    let Some(first) = schedule.steps.first().cloned() else {
        tx.commit().await?;
        return Ok(0);
    };
    let cutoff = Date::from_days(today.days_since_epoch() - first.days).to_string();
    let due: Vec<DueRow> = tx
        .fetch_all(
            &format!(
                "{DUE_SELECT} AND i.kind = 'invoice' \
                 AND i.status IN ('open', 'partial') AND i.sent_at IS NOT NULL \
                 AND i.due_on <= $2 AND i.payer_email IS NOT NULL \
                 AND NOT EXISTS (SELECT 1 FROM invoice_reminders x WHERE x.tenant_id = i.tenant_id \
                 AND x.invoice_id = i.id) ORDER BY i.due_on, i.id LIMIT {max}"
            ),
            args![cutoff],
        )
        .await?;
    let club_lang = scope.tenant().default_lang;
    let mut n = 0;
    for r in &due {
        let Some(due_on) = Date::parse(&r.due_on) else {
            continue;
        };
        let lang = r.lang.as_deref().and_then(Lang::parse).unwrap_or(club_lang);
        let day = due_on.days_since_epoch() + first.days - today.days_since_epoch();
        let at = Timestamp(now.millis() + day * DAY_MS);
        let to = r.payer_email.clone().unwrap_or_default();
        record(&mut tx, r, 1, &to, lang, at).await?;
        n += 1;
    }
    tx.commit().await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_named() {
        let v = [
            ("first_name", "Ann"),
            ("amount", "€ 12,50"),
            ("club_name", "<KVK>"),
        ];
        assert_eq!(
            fill("Hi {first_name}, {amount} to {club_name} {x} {", &v),
            "Hi Ann, € 12,50 to <KVK> {x} {"
        );
        assert_eq!(
            unknown_placeholder("{first_name} {invoice_number} {due_date}"),
            None
        );
        assert_eq!(unknown_placeholder("{ a } {} {{amount}}"), None);
        assert_eq!(
            unknown_placeholder("Dear {firstname}"),
            Some("firstname".into())
        );
        for lang in Lang::ALL {
            for step in 1..=3 {
                assert_eq!(unknown_placeholder(default_text(step, lang)), None);
            }
        }
    }

    #[test]
    fn the_step_due_is_the_last_whose_day_has_come() {
        let s = |d: i64| ReminderStep {
            days: d,
            ..Default::default()
        };
        let steps = [s(14), s(30), s(60)];
        assert_eq!(step_due(&steps, 13), 0);
        assert_eq!(step_due(&steps, 14), 1);
        assert_eq!(step_due(&steps, 29), 1);
        assert_eq!(step_due(&steps, 30), 2);
        assert_eq!(step_due(&steps, 400), 3);
        assert_eq!(step_due(&[], 400), 0);
    }

    #[test]
    fn the_form_keeps_the_steps_on_in_order_and_names_what_is_wrong() {
        let mut f = ReminderSettingsForm {
            club: "c".into(),
            days1: "".into(),
            days2: "10".into(),
            text2_en: "Hi {first_name}".into(),
            days3: "20".into(),
            ..Default::default()
        };
        let steps = parse_form(&f).unwrap();
        assert_eq!(
            steps.iter().map(|s| s.days).collect::<Vec<_>>(),
            vec![10, 20]
        );
        f.days3 = "5".into();
        let e = parse_form(&f).unwrap_err();
        assert_eq!(e.status(), 400);
        f.days3 = "x".into();
        f.text1_fr = "Bonjour {prenom}".into();
        let AppError::Invalid(v) = parse_form(&f).unwrap_err() else {
            panic!("invalid expected")
        };
        assert!(v.iter().any(|e| e.field == "days3"));
        let p = v.iter().find(|e| e.field == "text1_fr").unwrap();
        assert_eq!(p.problem.msg, Msg::RemErrPlaceholder);
        assert!(
            p.problem.render(Lang::En).contains("{prenom}"),
            "{}",
            p.problem.render(Lang::En)
        );
    }
}
