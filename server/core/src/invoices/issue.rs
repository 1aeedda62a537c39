//! Invoices and credit notes: issuing a season's invoices per payer (the guardian who pays
//! for a minor child, the member otherwise), numbered without gaps per club, kind and year,
//! each with a structured communication unique in the club; sending (draft → open, never
//! changed after); credit notes; what a member sees of their own and their children's.

use super::epc;
use super::pricing::{self, Line, Person};
use super::seasons::{rules_of, settings_in};
use crate::db::{Db, TenantTx, Value};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use std::collections::{BTreeMap, HashMap, HashSet};
use tessera_common::invoices::*;
use tessera_common::modules::FEES_MANAGE;
use tessera_common::money::{ogm_digits, ogm_display};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, MemberId, Msg};

/// At most this many ids in one `IN (…)` list.
const CHUNK: usize = 500;
/// The largest invoice number of a kind in a year (the structured communication holds 7
/// digits of it).
pub const MAX_NUMBER: i64 = 9_999_999;
/// A person is a minor (their guardian pays) below this age on the day of issue.
pub const ADULT_AGE: i32 = 18;

/// The 10-digit base of an invoice's structured communication: the year's last two digits,
/// the kind (1 invoice, 2 credit note) and the 7-digit number. Unique per club because the
/// number is unique per club, kind and year (the 100-year wrap aside).
pub fn communication_base(kind: &str, year: i32, number: i64) -> u64 {
    let k: u64 = if kind == "credit_note" { 2 } else { 1 };
    (year.rem_euclid(100) as u64) * 100_000_000 + k * 10_000_000 + number as u64
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    joined_on: Option<String>,
    email: Option<String>,
}

async fn members_by_id(tx: &mut TenantTx, ids: &[i64]) -> Result<HashMap<i64, MemberRow>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<MemberRow> = tx
            .fetch_all(
                &format!(
                    "SELECT id, given_name, family_name, birth_date, joined_on, email FROM members \
                     WHERE tenant_id = $1 AND erased_at IS NULL AND id IN ({})",
                    placeholders(2, chunk.len())
                ),
                chunk.iter().map(|i| Value::from(*i)).collect(),
            )
            .await?;
        out.extend(rows.into_iter().map(|r| (r.id, r)));
    }
    Ok(out)
}

async fn pairs(
    tx: &mut TenantTx,
    sql: &str,
    ids: &[i64],
    extra: Vec<Value>,
) -> Result<Vec<(i64, i64)>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let mut a = extra.clone();
        a.extend(chunk.iter().map(|i| Value::from(*i)));
        let rows: Vec<(i64, i64)> = tx
            .fetch_all(
                &sql.replace("{in}", &placeholders(2 + extra.len(), chunk.len())),
                a,
            )
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

fn full_name(m: &MemberRow) -> String {
    format!("{} {}", m.given_name, m.family_name)
}

/// Issues the season's invoice for each of `members` that has none yet (cancelled and
/// credited ones do not count), one per payer: a minor's guardian (the one linked first,
/// by id) pays for them, with the family discount and cap over all the children they pay
/// for here; anyone else pays for themselves. Members no membership fee applies to, erased
/// or of another club are skipped. Invoices start as drafts, dated `today`, due after the
/// club's payment days, numbered on from the year's last number without gaps. Returns the
/// new invoices' ids.
///
/// Runs in the caller's write transaction and checks no permission: the treasurer's
/// [`generate`] checks `fees.manage`; season renewal (a member confirming) calls it as part
/// of its own checked operation.
pub async fn issue_for_members(
    tx: &mut TenantTx,
    scope: &TenantScope,
    season_id: i64,
    members: &[MemberId],
    today: Date,
) -> Result<Vec<i64>> {
    let (_season, rules, fees) = rules_of(tx, season_id).await?;
    let settings = settings_in(tx).await?;
    let lang = scope.tenant().default_lang;
    let mut wanted: Vec<i64> = members.iter().map(|m| m.0).collect();
    wanted.sort_unstable();
    wanted.dedup();
    // Who already has this season's invoice.
    let done = invoiced(tx, season_id).await?;
    wanted.retain(|m| !done.contains(m));
    let people = members_by_id(tx, &wanted).await?;
    let wanted: Vec<i64> = wanted
        .into_iter()
        .filter(|m| people.contains_key(m))
        .collect();
    let guardians = pairs(
        tx,
        "SELECT child_id, min(guardian_id) FROM member_guardians WHERE tenant_id = $1 \
         AND child_id IN ({in}) GROUP BY child_id",
        &wanted,
        vec![],
    )
    .await?;
    let guardian_of: HashMap<i64, i64> = guardians.into_iter().collect();
    let reference = rules.reference.to_string();
    let groups = pairs(
        tx,
        "SELECT member_id, group_id FROM group_members WHERE tenant_id = $1 \
         AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2) AND member_id IN ({in})",
        &wanted,
        vec![Value::from(reference)],
    )
    .await?;
    let mut groups_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for (m, g) in groups {
        groups_of.entry(m).or_default().push(g);
    }
    // Payers: a minor with a guardian is paid for by the guardian.
    let mut by_payer: BTreeMap<i64, Vec<Person>> = BTreeMap::new();
    for id in &wanted {
        let m = &people[id];
        let birth = m.birth_date.as_deref().and_then(Date::parse);
        let minor = birth.is_some_and(|b| b.age_on(today) < ADULT_AGE);
        let payer = match guardian_of.get(id) {
            Some(g) if minor => *g,
            _ => *id,
        };
        by_payer.entry(payer).or_default().push(Person {
            member: MemberId(*id),
            name: full_name(m),
            birth_date: birth,
            groups: groups_of.remove(id).unwrap_or_default(),
            joined_on: m.joined_on.as_deref().and_then(Date::parse),
        });
    }
    let missing: Vec<i64> = by_payer
        .keys()
        .filter(|p| !people.contains_key(p))
        .copied()
        .collect();
    let payers = members_by_id(tx, &missing).await?;
    let mut priced: Vec<(i64, String, Option<String>, Vec<Line>)> = Vec::new();
    for (payer, persons) in &by_payer {
        let lines = pricing::price_family(&rules, &fees, persons, lang)
            .map_err(|_| AppError::bad_request(Msg::FeesErrNegativeRule))?;
        if lines.is_empty() {
            continue;
        }
        let p = people.get(payer).or_else(|| payers.get(payer));
        let (name, email) = match p {
            Some(p) => (full_name(p), p.email.clone()),
            None => (persons[0].name.clone(), None),
        };
        priced.push((*payer, name, email, lines));
    }
    if priced.is_empty() {
        return Ok(Vec::new());
    }
    // Gapless numbers: one issuer at a time per club (the advisory lock on PostgreSQL; the
    // one writer on SQLite), numbered in the same transaction that stores the invoices.
    tx.lock("invoice_numbers").await?;
    let year = today.year;
    let (last,): (i64,) = tx
        .fetch_one(
            "SELECT coalesce(max(number), 0) FROM invoices WHERE tenant_id = $1 \
             AND kind = 'invoice' AND year = $2",
            args![year as i64],
        )
        .await?;
    if last + priced.len() as i64 > MAX_NUMBER {
        return Err(AppError::conflict(Msg::InvErrNumbers));
    }
    let due = Date::from_days(today.days_since_epoch() + settings.payment_days);
    let now_ms = tx_now(tx)?;
    let mut invoice_rows = Vec::with_capacity(priced.len());
    let mut line_rows = Vec::new();
    let mut made = Vec::with_capacity(priced.len());
    for (i, (payer, name, email, lines)) in priced.into_iter().enumerate() {
        let number = last + 1 + i as i64;
        let id = ids::new_id();
        made.push(id);
        let total: i64 = lines.iter().map(|l| l.amount_cents).sum();
        let member = if lines.iter().all(|l| l.member == lines[0].member) {
            Some(lines[0].member.0)
        } else {
            None
        };
        invoice_rows.push(vec![
            ("id", Value::from(id)),
            ("kind", "invoice".into()),
            ("year", (year as i64).into()),
            ("number", number.into()),
            ("season_id", season_id.into()),
            ("member_id", member.into()),
            ("payer_member_id", payer.into()),
            ("payer_name", name.into()),
            ("payer_email", email.into()),
            (
                "communication",
                ogm_digits(communication_base("invoice", year, number)).into(),
            ),
            ("total_cents", total.into()),
            ("status", "draft".into()),
            ("issued_on", today.to_string().into()),
            ("due_on", due.to_string().into()),
            ("created_at", now_ms.into()),
        ]);
        for (pos, l) in lines.into_iter().enumerate() {
            line_rows.push(vec![
                ("id", Value::from(ids::new_id())),
                ("invoice_id", id.into()),
                ("position", (pos as i64 + 1).into()),
                ("description", l.description.into()),
                ("member_id", l.member.0.into()),
                ("group_id", l.group_id.into()),
                ("fee_key", l.fee_key.into()),
                ("amount_cents", l.amount_cents.into()),
                ("created_at", now_ms.into()),
            ]);
        }
    }
    tx.insert_many("invoices", invoice_rows).await?;
    tx.insert_many("invoice_lines", line_rows).await?;
    Ok(made)
}

fn tx_now(tx: &TenantTx) -> Result<Timestamp> {
    Ok(tx.now())
}

/// Which members to invoice.
#[derive(Clone, Debug)]
pub enum Selection {
    Members(Vec<MemberId>),
    /// Every active member of the register.
    AllActive,
    /// The members the register's filter shows (every page; the register's own parsing and
    /// checks), at most [`MAX_FILTERED`].
    Filter(tessera_common::dto::MemberFilter),
}

/// The most members one generation by the register's filter takes (narrow the filter).
pub const MAX_FILTERED: i64 = 20_000;

/// Rows per page read from the register for a filtered generation (its largest page).
const FILTER_PAGE: i64 = 100;

/// Every member the register's `filter` shows (all pages), refused above [`MAX_FILTERED`].
async fn filtered_members(
    db: &Db,
    scope: &TenantScope,
    filter: &tessera_common::dto::MemberFilter,
) -> Result<Vec<MemberId>> {
    let mut f = filter.clone();
    f.per_page = FILTER_PAGE;
    let first = crate::members::list_for_fees(db, scope, &f, 1).await?;
    if first.total > MAX_FILTERED {
        return Err(AppError::bad_request(
            tessera_common::Problem::new(Msg::ErrTooManySelected).arg("max", MAX_FILTERED),
        ));
    }
    let mut chosen: Vec<MemberId> = first.rows.iter().map(|r| r.id).collect();
    let mut page = 2;
    while (chosen.len() as i64) < first.total && page <= MAX_FILTERED / FILTER_PAGE + 1 {
        let p = crate::members::list_for_fees(db, scope, &f, page).await?;
        if p.rows.is_empty() {
            break;
        }
        chosen.extend(p.rows.iter().map(|r| r.id));
        page += 1;
    }
    Ok(chosen)
}

/// What generating a season's invoices for the register's filter would take
/// (`fees.manage`): how many members the filter shows and how many of them have the
/// season's invoice already (they get none). Nothing is written.
pub async fn preview_filtered(
    db: &Db,
    scope: &TenantScope,
    season: i64,
    filter: &tessera_common::dto::MemberFilter,
) -> Result<InvoicePreview> {
    scope.require(FEES_MANAGE)?;
    let members = filtered_members(db, scope, filter).await?;
    let mut tx = db.tenant_read(scope).await?;
    let found: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM seasons WHERE tenant_id = $1 AND id = $2",
            args![season],
        )
        .await?;
    if found.is_none() {
        return Err(AppError::NotFound);
    }
    let done = invoiced(&mut tx, season).await?;
    tx.commit().await?;
    let already = members.iter().filter(|m| done.contains(&m.0)).count() as i64;
    Ok(InvoicePreview {
        members: members.len() as i64,
        already,
    })
}

/// The members who have the season's invoice (cancelled and credited ones do not count).
async fn invoiced(tx: &mut TenantTx, season_id: i64) -> Result<HashSet<i64>> {
    let done: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT DISTINCT l.member_id FROM invoice_lines l JOIN invoices i \
             ON i.tenant_id = l.tenant_id AND i.id = l.invoice_id WHERE l.tenant_id = $1 \
             AND i.season_id = $2 AND i.kind = 'invoice' AND i.status NOT IN ('cancelled', 'credited') \
             AND l.member_id IS NOT NULL",
            args![season_id],
        )
        .await?;
    Ok(done.into_iter().map(|r| r.0).collect())
}

/// Issues the season's invoices for a selection (`fees.manage`), as drafts; logged.
pub async fn generate(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    season: i64,
    selection: Selection,
) -> Result<Vec<i64>> {
    scope.require(FEES_MANAGE)?;
    let today = scope.today(now);
    // The filter is read through the register (its own transactions) before the write.
    let filtered = match &selection {
        Selection::Filter(f) => Some(filtered_members(db, scope, f).await?),
        _ => None,
    };
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let members: Vec<MemberId> = match selection {
        Selection::Members(m) => m,
        Selection::Filter(_) => filtered.unwrap_or_default(),
        Selection::AllActive => {
            let rows: Vec<(i64,)> = tx
                .fetch_all(
                    "SELECT id FROM members WHERE tenant_id = $1 AND status = 'active' \
                     AND erased_at IS NULL",
                    args![],
                )
                .await?;
            rows.into_iter().map(|r| MemberId(r.0)).collect()
        }
    };
    if members.is_empty() {
        return Err(AppError::bad_request(Msg::InvErrNoMembers));
    }
    let made = issue_for_members(&mut tx, scope, season, &members, today).await?;
    tx.log(
        "invoices_issued",
        Some(&format!("season {season}: {} invoices", made.len())),
    )
    .await?;
    tx.commit().await?;
    Ok(made)
}

#[derive(sqlx::FromRow)]
struct InvoiceRow {
    id: i64,
    kind: String,
    year: i64,
    number: i64,
    season_id: Option<i64>,
    member_id: Option<i64>,
    payer_member_id: Option<i64>,
    payer_name: String,
    payer_email: Option<String>,
    credited_invoice_id: Option<i64>,
    communication: String,
    total_cents: i64,
    paid_cents: i64,
    status: String,
    issued_on: String,
    due_on: String,
    sent_at: Option<i64>,
}

const INVOICE_COLS: &str = "id, kind, year, number, season_id, member_id, payer_member_id, \
    payer_name, payer_email, credited_invoice_id, communication, total_cents, paid_cents, \
    status, issued_on, due_on, sent_at";

#[derive(sqlx::FromRow)]
struct LineRow {
    invoice_id: i64,
    description: String,
    member_id: Option<i64>,
    amount_cents: i64,
}

async fn load(tx: &mut TenantTx, filter: &str, a: Vec<Value>) -> Result<Vec<Invoice>> {
    let rows: Vec<InvoiceRow> = tx
        .fetch_all(
            &format!(
                "SELECT {INVOICE_COLS} FROM invoices WHERE tenant_id = $1 AND {filter} \
                 ORDER BY year DESC, kind, number DESC LIMIT 500"
            ),
            a,
        )
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut lines: HashMap<i64, Vec<InvoiceLine>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let ls: Vec<LineRow> = tx
            .fetch_all(
                &format!(
                    "SELECT invoice_id, description, member_id, amount_cents FROM invoice_lines \
                     WHERE tenant_id = $1 AND invoice_id IN ({}) ORDER BY invoice_id, position",
                    placeholders(2, chunk.len())
                ),
                chunk.iter().map(|i| Value::from(*i)).collect(),
            )
            .await?;
        for l in ls {
            lines.entry(l.invoice_id).or_default().push(InvoiceLine {
                description: l.description,
                member: l.member_id,
                amount_cents: l.amount_cents,
            });
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| Invoice {
            lines: lines.remove(&r.id).unwrap_or_default(),
            id: r.id,
            kind: r.kind,
            number: format!("{}-{:05}", r.year, r.number),
            season: r.season_id,
            member: r.member_id,
            payer: r.payer_member_id,
            payer_name: r.payer_name,
            payer_email: r.payer_email,
            credited_invoice: r.credited_invoice_id,
            communication: ogm_display(&r.communication),
            total_cents: r.total_cents,
            paid_cents: r.paid_cents,
            status: r.status,
            issued_on: r.issued_on,
            due_on: r.due_on,
            sent: r.sent_at.is_some(),
            qr_svg: None,
        })
        .collect())
}

/// The EPC QR code of an open invoice as inline SVG (`None` without bank details or for a
/// credit note, a draft or one settled).
fn qr_of(inv: &Invoice, settings: &FeeSettings, club: &str) -> Option<String> {
    if inv.kind != "invoice" || !matches!(inv.status.as_str(), "open" | "partial") {
        return None;
    }
    let iban = settings.iban.as_deref()?;
    let beneficiary = settings.beneficiary.as_deref().unwrap_or(club);
    let payload = epc::payload(&epc::EpcPayment {
        bic: settings.bic.as_deref(),
        beneficiary,
        iban,
        amount_cents: inv.total_cents - inv.paid_cents,
        communication: &inv.communication,
    })
    .ok()?;
    epc::svg(&payload, 180, &inv.communication).ok()
}

/// The invoices of a season and the credit notes correcting them (`fees.manage`).
pub async fn of_season(db: &Db, scope: &TenantScope, season: i64) -> Result<Vec<Invoice>> {
    scope.require(FEES_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let list = load(&mut tx, "season_id = $2", args![season]).await?;
    tx.commit().await?;
    Ok(list)
}

/// A member's invoices and credit notes for the staff (`fees.view`): those for them, those
/// they pay, and those with a line for them, every season, newest first. A member of
/// another club, or erased, is not found.
pub async fn of_member(db: &Db, scope: &TenantScope, member: MemberId) -> Result<MemberInvoices> {
    scope.require(tessera_common::modules::FEES_VIEW)?;
    let mut tx = db.tenant_read(scope).await?;
    let person: Option<(String, String)> = tx
        .fetch_optional(
            "SELECT given_name, family_name FROM members WHERE tenant_id = $1 AND id = $2 \
             AND erased_at IS NULL",
            args![member.0],
        )
        .await?;
    let Some((given, family)) = person else {
        return Err(AppError::NotFound);
    };
    let invoices = load(
        &mut tx,
        "(member_id = $2 OR payer_member_id = $2 OR id IN (SELECT l.invoice_id FROM invoice_lines l \
         WHERE l.tenant_id = $1 AND l.member_id = $2))",
        args![member.0],
    )
    .await?;
    tx.commit().await?;
    Ok(MemberInvoices {
        member: member.0,
        name: format!("{given} {family}"),
        invoices,
        can_manage: scope.require(FEES_MANAGE).is_ok(),
    })
}

async fn one(tx: &mut TenantTx, id: i64) -> Result<Invoice> {
    load(tx, "id = $2", args![id])
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

/// Adds a one-off fee of the invoice's season to a draft (`fees.manage`): the one change an
/// invoice takes, and only before it is sent; a sent one is refused (correct it with a
/// credit note).
pub async fn add_one_off(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    invoice: i64,
    fee: i64,
) -> Result<i64> {
    scope.require(FEES_MANAGE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let inv = one(&mut tx, invoice).await?;
    if inv.status != "draft" || inv.kind != "invoice" {
        return Err(AppError::conflict(Msg::InvErrSent));
    }
    let f: Option<(String, i64)> = tx
        .fetch_optional(
            "SELECT name, amount_cents FROM season_fees WHERE tenant_id = $1 AND id = $2 \
             AND season_id = $3 AND kind = 'one_off'",
            args![fee, inv.season.unwrap_or(0)],
        )
        .await?;
    let Some((name, amount)) = f else {
        return Err(AppError::field("fee", Msg::InvErrChooseFee));
    };
    let (pos,): (i64,) = tx
        .fetch_one(
            "SELECT coalesce(max(position), 0) FROM invoice_lines WHERE tenant_id = $1 AND invoice_id = $2",
            args![invoice],
        )
        .await?;
    tx.insert(
        "invoice_lines",
        vec![
            ("id", ids::new_id().into()),
            ("invoice_id", invoice.into()),
            ("position", (pos + 1).into()),
            ("description", name.into()),
            ("member_id", inv.member.into()),
            ("fee_key", format!("fee:{fee}").into()),
            ("amount_cents", amount.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    // Only a draft changes: the status in the condition keeps a concurrent send out.
    let n = tx
        .execute(
            "UPDATE invoices SET total_cents = total_cents + $3 WHERE tenant_id = $1 AND id = $2 \
             AND status = 'draft'",
            args![invoice, amount],
        )
        .await?;
    if n != 1 {
        return Err(AppError::conflict(Msg::InvErrSent));
    }
    tx.update("invoices", invoice, vec![], None).await?;
    tx.log("invoice_changed", Some(&inv.number)).await?;
    tx.commit().await?;
    Ok(inv.season.unwrap_or(0))
}

/// What sending an invoice hands to the mailer, after the transaction.
pub struct Outgoing {
    /// The invoice's season (0 for none), for the page to go back to.
    pub season: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub file_name: String,
    pub pdf: Vec<u8>,
}

/// Sends a draft (`fees.manage`): it becomes open, stamped as sent, and is never changed
/// again; the mail with the PDF goes to the payer. A sent one is refused (409), as is a
/// payer without an address (400) and a club without an IBAN (400): nothing changes then.
pub async fn send(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    invoice: i64,
) -> Result<Outgoing> {
    scope.require(FEES_MANAGE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let mut inv = one(&mut tx, invoice).await?;
    if inv.status != "draft" {
        return Err(AppError::conflict(Msg::InvErrSent));
    }
    let settings = settings_in(&mut tx).await?;
    if settings.iban.is_none() {
        return Err(AppError::bad_request(Msg::InvErrNoIban));
    }
    let Some(to) = inv.payer_email.clone() else {
        return Err(AppError::bad_request(Msg::InvErrNoEmail));
    };
    let n = tx
        .execute(
            "UPDATE invoices SET status = 'open', sent_at = $3 WHERE tenant_id = $1 AND id = $2 \
             AND status = 'draft'",
            args![invoice, now.millis()],
        )
        .await?;
    if n != 1 {
        return Err(AppError::conflict(Msg::InvErrSent));
    }
    tx.update("invoices", invoice, vec![], None).await?;
    tx.log("invoice_sent", Some(&inv.number)).await?;
    tx.commit().await?;
    inv.status = "open".into();
    inv.sent = true;
    let lang = scope.tenant().default_lang;
    let club = scope.tenant().name.clone();
    let pdf = super::pdf::render(&inv, &settings, &club, lang)?;
    let amount = tessera_common::money::format_eur(inv.total_cents, lang);
    Ok(Outgoing {
        season: inv.season.unwrap_or(0),
        to,
        subject: Msg::InvMailSubject.fill(lang, &[("club", &club), ("number", &inv.number)]),
        body: Msg::InvMailBody.fill(
            lang,
            &[
                ("name", &inv.payer_name),
                ("club", &club),
                ("number", &inv.number),
                ("amount", &amount),
                ("communication", &inv.communication),
                ("due", &inv.due_on),
            ],
        ),
        file_name: format!("invoice-{}.pdf", inv.number),
        pdf,
    })
}

/// Corrects an invoice with a credit note for what it still claims (`fees.manage`): a
/// credit note of its own numbering, `credited_invoice_id` the invoice, which becomes
/// `credited` (a draft is cancelled instead: it was never sent). Crediting twice is refused.
pub async fn credit(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    invoice: i64,
) -> Result<(i64, i64)> {
    scope.require(FEES_MANAGE)?;
    let today = scope.today(now);
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let inv = one(&mut tx, invoice).await?;
    if inv.kind != "invoice" || matches!(inv.status.as_str(), "credited" | "cancelled") {
        return Err(AppError::conflict(Msg::InvErrCredited));
    }
    if inv.status == "draft" {
        tx.update(
            "invoices",
            invoice,
            vec![("status", "cancelled".into())],
            None,
        )
        .await?;
        tx.log("invoice_cancelled", Some(&inv.number)).await?;
        tx.commit().await?;
        return Ok((invoice, inv.season.unwrap_or(0)));
    }
    tx.lock("invoice_numbers").await?;
    let year = today.year;
    let (last,): (i64,) = tx
        .fetch_one(
            "SELECT coalesce(max(number), 0) FROM invoices WHERE tenant_id = $1 \
             AND kind = 'credit_note' AND year = $2",
            args![year as i64],
        )
        .await?;
    let number = last + 1;
    if number > MAX_NUMBER {
        return Err(AppError::conflict(Msg::InvErrNumbers));
    }
    let id = ids::new_id();
    let lang = scope.tenant().default_lang;
    tx.insert(
        "invoices",
        vec![
            ("id", id.into()),
            ("kind", "credit_note".into()),
            ("year", (year as i64).into()),
            ("number", number.into()),
            ("season_id", inv.season.into()),
            ("member_id", inv.member.into()),
            ("payer_member_id", inv.payer.into()),
            ("payer_name", inv.payer_name.clone().into()),
            ("payer_email", inv.payer_email.clone().into()),
            ("credited_invoice_id", invoice.into()),
            (
                "communication",
                ogm_digits(communication_base("credit_note", year, number)).into(),
            ),
            ("total_cents", inv.total_cents.into()),
            ("status", "open".into()),
            ("issued_on", today.to_string().into()),
            ("due_on", today.to_string().into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.insert(
        "invoice_lines",
        vec![
            ("id", ids::new_id().into()),
            ("invoice_id", id.into()),
            ("position", 1i64.into()),
            (
                "description",
                Msg::InvCreditLine
                    .fill(lang, &[("number", &inv.number)])
                    .into(),
            ),
            ("member_id", inv.member.into()),
            ("fee_key", "credit".into()),
            ("amount_cents", inv.total_cents.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.update(
        "invoices",
        invoice,
        vec![("status", "credited".into())],
        None,
    )
    .await?;
    tx.log("invoice_credited", Some(&inv.number)).await?;
    tx.commit().await?;
    Ok((id, inv.season.unwrap_or(0)))
}

/// The invoices a person sees on their own page: those they pay or that are for them or a
/// child they are the guardian of; sent ones only (drafts are the treasurer's), with the QR
/// code to pay the open ones. Needs a member record of one's own and the module on.
pub async fn mine(db: &Db, scope: &TenantScope) -> Result<MyInvoices> {
    if !scope.module_active("fees") {
        return Err(AppError::NotFound);
    }
    let Some(me) = scope.member_id() else {
        return Err(AppError::NotFound);
    };
    let mut tx = db.tenant_read(scope).await?;
    let settings = settings_in(&mut tx).await?;
    let mut list = load(
        &mut tx,
        "status <> 'draft' AND (payer_member_id = $2 OR member_id = $2 OR member_id IN \
         (SELECT child_id FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2))",
        args![me.0],
    )
    .await?;
    tx.commit().await?;
    let club = scope.tenant().name.clone();
    for inv in &mut list {
        inv.qr_svg = qr_of(inv, &settings, &club);
    }
    Ok(MyInvoices {
        invoices: list,
        iban: settings.iban,
        beneficiary: settings.beneficiary.or(Some(club)),
    })
}

/// An invoice's PDF for whoever may see it: the treasurer (`fees.manage`), or the person
/// whose page lists it ([`mine`]); anyone else: not found.
pub async fn pdf(db: &Db, scope: &TenantScope, invoice: i64) -> Result<(String, Vec<u8>)> {
    let lang = scope.tenant().default_lang;
    let inv = if scope.require(FEES_MANAGE).is_ok() {
        let mut tx = db.tenant_read(scope).await?;
        let inv = one(&mut tx, invoice).await?;
        tx.commit().await?;
        inv
    } else {
        mine(db, scope)
            .await?
            .invoices
            .into_iter()
            .find(|i| i.id == invoice)
            .ok_or(AppError::NotFound)?
    };
    let mut tx = db.tenant_read(scope).await?;
    let settings = settings_in(&mut tx).await?;
    tx.commit().await?;
    let club = scope.tenant().name.clone();
    let bytes = super::pdf::render(&inv, &settings, &club, lang)?;
    Ok((format!("invoice-{}.pdf", inv.number), bytes))
}
