//! Reconciliation (issue 20): payments recorded against invoices ([`apply_payment`], the
//! one place `invoices.paid_cents`, `status` and `paid_on` change with money), bank
//! statements imported as CAMT.053 or CODA ([`parse`], [`import_statement`]) and matched
//! line by line (by structured communication; else a suggestion by amount and payer name
//! for the treasurer to confirm), the queue of lines nobody matched (assigned by hand or
//! set aside as not a fee), and payments recorded by hand (cash). Everything needs
//! `fees.reconcile`.
//!
//! Works on the tables of migration 0036 (invoices, payments, fee_settings, seasons) and
//! its own (0039: bank_statements, bank_lines); it imports no other fee feature.
//!
//! Layer: 1 (imports no feature).

pub mod parse;
#[cfg(test)]
mod tests;

use crate::db::{Backend, Db, TenantTx};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use parse::{ParseError, Statement};
use std::collections::{HashMap, HashSet};
use tessera_common::modules::FEES_RECONCILE;
use tessera_common::money::{iban_display, parse_cents, parse_ogm, OgmError};
use tessera_common::reconcile::*;
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, Msg, Problem};

/// How a payment is made (`payments.method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Bank,
    Cash,
    Provider,
    Manual,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Bank => "bank",
            Method::Cash => "cash",
            Method::Provider => "provider",
            Method::Manual => "manual",
        }
    }
}

/// A payment to record against an invoice.
#[derive(Clone, Debug)]
pub struct NewPayment {
    pub invoice_id: i64,
    pub amount_cents: i64,
    pub paid_on: Date,
    pub method: Method,
    pub payer_name: String,
    pub reference: String,
    pub note: String,
}

/// What recording a payment did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub payment_id: i64,
    /// The invoice's status after it: partial, paid or overpaid.
    pub status: String,
    /// paid, partial, overpaid, or double (the invoice was paid in full already).
    pub outcome: &'static str,
}

/// An invoice's status for what was paid against what it asks.
fn status_for(total: i64, paid: i64) -> &'static str {
    if paid <= 0 {
        "open"
    } else if paid < total {
        "partial"
    } else if paid == total {
        "paid"
    } else {
        "overpaid"
    }
}

/// Statuses an invoice takes money in.
const PAYABLE: &[&str] = &["open", "partial", "paid", "overpaid"];

/// Records a payment against an invoice inside the caller's write transaction, and keeps
/// the invoice right: `paid_cents` grows by the amount, `status` follows (open → partial →
/// paid | overpaid) and `paid_on` is the day it was paid in full. A draft, credited or
/// cancelled invoice, a credit note, or an amount that is not positive are refused. One
/// payment through [`apply_payments`], the one function that changes an invoice's payment
/// state; [`unapply_payment`] undoes it.
pub async fn apply_payment(tx: &mut TenantTx, p: NewPayment) -> Result<Applied> {
    apply_payments(tx, vec![p])
        .await?
        .pop()
        .unwrap_or_else(|| Err(crate::error::internal("no payment applied")))
}

/// Invoices read at once by [`apply_payments`] (one bound parameter each).
const APPLY_CHUNK: usize = 500;

/// Records payments against invoices inside the caller's write transaction, in order, as
/// [`apply_payment`] does one by one, with a constant number of round trips: the invoices
/// read (and locked on PostgreSQL) in chunks, the payments inserted in multi-row
/// statements, each invoice touched updated once (`update_many`). Two payments of one
/// invoice see each other: the second of two full payments is a double one. Each payment
/// gets its own answer (refused: the amount not positive, the invoice not found or not
/// payable, and nothing of it stored); the outer error is the database's.
pub async fn apply_payments(
    tx: &mut TenantTx,
    payments: Vec<NewPayment>,
) -> Result<Vec<Result<Applied>>> {
    struct Inv {
        payable: bool,
        total: i64,
        paid: i64,
        paid_on: Option<String>,
        touched: bool,
    }
    let lock = if tx.backend() == Backend::Postgres {
        " ORDER BY id FOR UPDATE"
    } else {
        ""
    };
    let wanted: Vec<i64> = payments
        .iter()
        .filter(|p| p.amount_cents > 0)
        .map(|p| p.invoice_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut invoices: HashMap<i64, Inv> = HashMap::with_capacity(wanted.len());
    for chunk in wanted.chunks(APPLY_CHUNK) {
        let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let vals: Vec<crate::db::Value> = chunk.iter().map(|id| (*id).into()).collect();
        let rows: Vec<(i64, String, String, i64, i64, Option<String>)> = tx
            .fetch_all(
                &format!(
                    "SELECT id, kind, status, total_cents, paid_cents, paid_on FROM invoices \
                     WHERE tenant_id = $1 AND id IN ({}){lock}",
                    marks.join(", ")
                ),
                vals,
            )
            .await?;
        for (id, kind, status, total, paid, paid_on) in rows {
            invoices.insert(
                id,
                Inv {
                    payable: kind == "invoice" && PAYABLE.contains(&status.as_str()),
                    total,
                    paid,
                    paid_on,
                    touched: false,
                },
            );
        }
    }
    let created_at = tx_now(tx)?;
    let mut out = Vec::with_capacity(payments.len());
    let mut rows = Vec::new();
    for p in payments {
        if p.amount_cents <= 0 {
            out.push(Err(AppError::field("amount", Msg::BankErrAmountPositive)));
            continue;
        }
        let Some(inv) = invoices.get_mut(&p.invoice_id) else {
            out.push(Err(AppError::NotFound));
            continue;
        };
        if !inv.payable {
            out.push(Err(AppError::conflict(Msg::BankErrNotPayable)));
            continue;
        }
        let payment_id = ids::new_id();
        let new_paid = inv.paid.saturating_add(p.amount_cents);
        let new_status = status_for(inv.total, new_paid);
        let was_paid = inv.total > 0 && inv.paid >= inv.total;
        if !was_paid {
            inv.paid_on = (new_paid >= inv.total).then(|| p.paid_on.to_string());
        }
        inv.paid = new_paid;
        inv.touched = true;
        rows.push(vec![
            ("id", payment_id.into()),
            ("invoice_id", p.invoice_id.into()),
            ("amount_cents", p.amount_cents.into()),
            ("paid_on", p.paid_on.to_string().into()),
            ("method", p.method.as_str().into()),
            ("payer_name", p.payer_name.into()),
            ("reference", p.reference.into()),
            ("note", p.note.into()),
            ("created_at", created_at.into()),
        ]);
        out.push(Ok(Applied {
            payment_id,
            status: new_status.to_string(),
            outcome: if was_paid { "double" } else { new_status },
        }));
    }
    tx.insert_many("payments", rows).await?;
    let changes: Vec<(i64, Vec<crate::db::Value>)> = invoices
        .into_iter()
        .filter(|(_, inv)| inv.touched)
        .map(|(id, inv)| {
            (
                id,
                vec![
                    inv.paid.into(),
                    status_for(inv.total, inv.paid).into(),
                    inv.paid_on.into(),
                ],
            )
        })
        .collect();
    let expected = changes.len() as u64;
    let changed = tx
        .update_many("invoices", &["paid_cents", "status", "paid_on"], changes)
        .await?;
    if changed != expected {
        return Err(crate::error::internal("an invoice paid went missing"));
    }
    Ok(out)
}

/// The instant of the write transaction (its stamp).
fn tx_now(tx: &TenantTx) -> Result<Timestamp> {
    let (at, _, _) = tx.stamp_values()?;
    match at {
        crate::db::Value::Int(Some(ms)) => Ok(Timestamp(ms)),
        _ => Err(crate::error::internal("no stamp instant")),
    }
}

/// Recomputes an invoice's `paid_cents`, `status` and `paid_on` from its payments (after
/// one was removed). A credited, cancelled or draft invoice keeps its status.
async fn recompute_invoice(tx: &mut TenantTx, invoice_id: i64) -> Result<()> {
    let inv: Option<(String, i64)> = tx
        .fetch_optional(
            "SELECT status, total_cents FROM invoices WHERE tenant_id = $1 AND id = $2",
            args![invoice_id],
        )
        .await?;
    let Some((status, total)) = inv else {
        return Err(AppError::NotFound);
    };
    let pays: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT amount_cents, paid_on FROM payments WHERE tenant_id = $1 AND invoice_id = $2 \
             ORDER BY paid_on, id",
            args![invoice_id],
        )
        .await?;
    let (mut sum, mut paid_on) = (0i64, None);
    for (amount, on) in pays {
        sum = sum.saturating_add(amount);
        if paid_on.is_none() && total > 0 && sum >= total {
            paid_on = Some(on);
        }
    }
    let new_status = if PAYABLE.contains(&status.as_str()) {
        status_for(total, sum).to_string()
    } else {
        status
    };
    tx.update(
        "invoices",
        invoice_id,
        vec![
            ("paid_cents", sum.into()),
            ("status", new_status.into()),
            ("paid_on", paid_on.into()),
        ],
        None,
    )
    .await?;
    Ok(())
}

/// Removes a payment (a wrong match undone, a cash payment entered twice) inside the
/// caller's write transaction and puts its invoice back as the remaining payments leave
/// it. Returns the invoice.
pub async fn unapply_payment(tx: &mut TenantTx, payment_id: i64) -> Result<i64> {
    let row: Option<(Option<i64>,)> = tx
        .fetch_optional(
            "SELECT invoice_id FROM payments WHERE tenant_id = $1 AND id = $2",
            args![payment_id],
        )
        .await?;
    let Some((invoice,)) = row else {
        return Err(AppError::NotFound);
    };
    tx.execute(
        "DELETE FROM payments WHERE tenant_id = $1 AND id = $2",
        args![payment_id],
    )
    .await?;
    if let Some(invoice) = invoice {
        recompute_invoice(tx, invoice).await?;
        Ok(invoice)
    } else {
        Ok(0)
    }
}

// ---------------------------------------------------------------------------------------
// Statements

/// The structured communication a line carries: `Ok(digits)` when right, `Err(true)` when
/// it is one with wrong check digits, `Err(false)` when there is none. A structured field,
/// a text between `+++`/`***`, or a communication that is only 12 digits counts; 12 digits
/// inside free text count only when their check digits are right.
pub fn line_ogm(communication: &str, structured: bool) -> std::result::Result<String, bool> {
    let c = communication.trim();
    if structured || c.starts_with("+++") || c.starts_with("***") {
        return match parse_ogm(c) {
            Ok(d) => Ok(d),
            Err(OgmError::CheckDigits) => Err(true),
            Err(OgmError::Shape) => {
                // A marked communication followed by words: read up to the closing marks.
                for mark in ["+++", "***"] {
                    if let Some(rest) = c.strip_prefix(mark) {
                        if let Some(end) = rest.find(mark) {
                            return match parse_ogm(&rest[..end]) {
                                Ok(d) => Ok(d),
                                Err(OgmError::CheckDigits) => Err(true),
                                Err(OgmError::Shape) => Err(false),
                            };
                        }
                    }
                }
                Err(false)
            }
        };
    }
    match parse_ogm(c) {
        Ok(d) => return Ok(d),
        Err(OgmError::CheckDigits) => return Err(true),
        Err(OgmError::Shape) => {}
    }
    // Marked inside free text: `lidgeld +++090/9337/55493+++`.
    for mark in ["+++", "***"] {
        if let Some(start) = c.find(mark) {
            let rest = &c[start + 3..];
            if let Some(end) = rest.find(mark) {
                match parse_ogm(&rest[..end]) {
                    Ok(d) => return Ok(d),
                    Err(OgmError::CheckDigits) => return Err(true),
                    Err(OgmError::Shape) => {}
                }
            }
        }
    }
    // 12 digits in a row inside free text, only when right.
    let b = c.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let j = (i..b.len())
                .find(|&k| !b[k].is_ascii_digit())
                .unwrap_or(b.len());
            if j - i == 12 {
                if let Ok(d) = parse_ogm(&c[i..j]) {
                    return Ok(d);
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    Err(false)
}

/// The words of a name for comparing: lower case, without accents, letters and digits.
fn name_words(name: &str) -> HashSet<String> {
    use unicode_normalization::UnicodeNormalization;
    let plain: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    plain
        .split_whitespace()
        .filter(|w| {
            w.chars().count() >= 2
                && !matches!(
                    *w,
                    "mr" | "mrs" | "mevr" | "dhr" | "mme" | "en" | "et" | "and" | "of" | "ou"
                )
        })
        .map(str::to_string)
        .collect()
}

/// Whether a bank's payer name and an invoice's payer name are the same person or family:
/// two words in common, or the one word a name has.
pub fn names_agree(bank: &str, invoice: &str) -> bool {
    let (a, b) = (name_words(bank), name_words(invoice));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let common = a.intersection(&b).count();
    common >= 2 || (common == 1 && (a.len() == 1 || b.len() == 1))
}

/// A file name as kept: its last path part, cleaned, at most 200 characters.
fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let c = parse::clean(last, 200);
    if c.is_empty() {
        "statement".to_string()
    } else {
        c
    }
}

/// The refusal of a statement that could not be read.
fn parse_refusal(e: ParseError) -> AppError {
    let p = match e {
        ParseError::Empty => Problem::new(Msg::BankErrEmpty),
        ParseError::TooLarge => {
            Problem::new(Msg::BankErrTooLarge).arg("max", parse::MAX_BYTES / 1024 / 1024)
        }
        ParseError::TooManyLines => {
            Problem::new(Msg::BankErrTooManyLines).arg("max", parse::MAX_LINES)
        }
        ParseError::UnknownFormat => Problem::new(Msg::BankErrFormat),
        ParseError::Truncated => Problem::new(Msg::BankErrTruncated),
        ParseError::Malformed(at) => Problem::new(Msg::BankErrMalformed).arg("at", at),
        ParseError::Amount(v) => Problem::new(Msg::BankErrAmount).arg("value", v),
        ParseError::Date(v) => Problem::new(Msg::BankErrDate).arg("value", v),
        ParseError::Account(v) => Problem::new(Msg::BankErrAccount).arg("account", v),
    };
    AppError::field("file", p)
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    pub statement_id: i64,
    /// The file had been imported before: nothing changed.
    pub already: bool,
    pub lines_total: usize,
    pub lines_new: usize,
    pub matched: usize,
    pub suggested: usize,
    pub unmatched: usize,
}

/// An open invoice a line may be suggested for.
struct Candidate {
    id: i64,
    payer_name: String,
}

/// Reads and checks a statement before anything is stored: of the club's account, in euro,
/// every line booked within one of the club's seasons.
async fn check_statement(tx: &mut TenantTx, st: &Statement) -> Result<()> {
    let iban: Option<(Option<String>,)> = tx
        .fetch_optional(
            "SELECT iban FROM fee_settings WHERE tenant_id = $1",
            args![],
        )
        .await?;
    let Some(club_iban) = iban.and_then(|(i,)| i).filter(|i| !i.trim().is_empty()) else {
        return Err(AppError::conflict(Msg::BankErrNoIban));
    };
    let club_iban = tessera_common::money::normalize_iban(&club_iban).unwrap_or(club_iban);
    for (acct, ccy) in &st.accounts {
        if *acct != club_iban {
            return Err(AppError::field(
                "file",
                Problem::new(Msg::BankErrOtherAccount)
                    .arg("account", iban_display(acct))
                    .arg("club", iban_display(&club_iban)),
            ));
        }
        if ccy != "EUR" {
            return Err(AppError::field(
                "file",
                Problem::new(Msg::BankErrCurrency).arg("currency", parse::clean(ccy, 5)),
            ));
        }
    }
    if let Some(l) = st.lines.iter().find(|l| l.currency != "EUR") {
        return Err(AppError::field(
            "file",
            Problem::new(Msg::BankErrCurrency).arg("currency", parse::clean(&l.currency, 5)),
        ));
    }
    let seasons: Vec<(String, String)> = tx
        .fetch_all(
            "SELECT starts_on, ends_on FROM seasons WHERE tenant_id = $1",
            args![],
        )
        .await?;
    let seasons: Vec<(Date, Date)> = seasons
        .iter()
        .filter_map(|(a, b)| Some((Date::parse(a)?, Date::parse(b)?)))
        .collect();
    let days: std::collections::BTreeSet<Date> = st.lines.iter().map(|l| l.booked_on).collect();
    for d in days {
        if !seasons.iter().any(|(a, b)| *a <= d && d <= *b) {
            return Err(AppError::field(
                "file",
                Problem::new(Msg::BankErrOutsideSeason).arg("date", d),
            ));
        }
    }
    Ok(())
}

/// Imports a bank statement (`fees.reconcile`): CAMT.053 or CODA, refused whole when it
/// cannot be read, is of another account than the club's, not in euro, or has a line
/// booked outside every season. Lines already imported (from this file or another) are
/// skipped; each new credit line is matched by its structured communication (a payment
/// recorded through [`apply_payment`]), else suggested by amount and payer name, else left
/// in the queue. The same file twice changes nothing.
pub async fn import_statement(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    file_name: &str,
    data: &[u8],
) -> Result<ImportOutcome> {
    scope.require(FEES_RECONCILE)?;
    scope.writable()?;
    let st = parse::parse(data).map_err(parse_refusal)?;
    let sha = {
        use sha2::{Digest, Sha256};
        hex::encode(Sha256::digest(data))
    };
    let mut tx = db.tenant_write(scope, actor, now).await?;
    check_statement(&mut tx, &st).await?;
    let before: Option<(i64, i64)> = tx
        .fetch_optional(
            "SELECT id, lines_total FROM bank_statements WHERE tenant_id = $1 AND sha256 = $2",
            args![sha.clone()],
        )
        .await?;
    if let Some((id, total)) = before {
        tx.commit().await?;
        return Ok(ImportOutcome {
            statement_id: id,
            already: true,
            lines_total: total as usize,
            ..Default::default()
        });
    }
    // Each line's key, identical lines of the file told apart by their occurrence.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let keys: Vec<String> = st
        .lines
        .iter()
        .map(|l| {
            let base = l.key(0);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                base
            } else {
                l.key(*n - 1)
            }
        })
        .collect();
    let first = st.lines.iter().map(|l| l.booked_on).min();
    let last = st.lines.iter().map(|l| l.booked_on).max();
    let mut known: HashSet<String> = HashSet::new();
    if let (Some(a), Some(b)) = (first, last) {
        let rows: Vec<(String,)> = tx
            .fetch_all(
                "SELECT line_key FROM bank_lines WHERE tenant_id = $1 AND booked_on >= $2 \
                 AND booked_on <= $3",
                args![a.to_string(), b.to_string()],
            )
            .await?;
        known.extend(rows.into_iter().map(|(k,)| k));
    }
    // The invoices the new lines may pay: by structured communication, and the open ones
    // by outstanding amount for the suggestions.
    let open: Vec<(i64, String, String, i64)> = tx
        .fetch_all(
            "SELECT id, communication, payer_name, total_cents - paid_cents FROM invoices \
             WHERE tenant_id = $1 AND kind = 'invoice' AND status IN ('open', 'partial')",
            args![],
        )
        .await?;
    let mut by_amount: HashMap<i64, Vec<Candidate>> = HashMap::new();
    for (id, _, payer_name, due) in &open {
        by_amount.entry(*due).or_default().push(Candidate {
            id: *id,
            payer_name: payer_name.clone(),
        });
    }
    let mut by_ogm: HashMap<String, i64> = HashMap::new();
    let wanted: Vec<String> = st
        .lines
        .iter()
        .zip(&keys)
        .filter(|(l, k)| l.amount_cents > 0 && !known.contains(*k))
        .filter_map(|(l, _)| line_ogm(&l.communication, l.structured).ok())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    for chunk in wanted.chunks(400) {
        let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let vals: Vec<crate::db::Value> = chunk.iter().map(|c| c.clone().into()).collect();
        let rows: Vec<(i64, String)> = tx
            .fetch_all(
                &format!(
                    "SELECT id, communication FROM invoices WHERE tenant_id = $1 \
                     AND communication IN ({})",
                    marks.join(", ")
                ),
                vals,
            )
            .await?;
        by_ogm.extend(rows.into_iter().map(|(id, c)| (c, id)));
    }
    let statement_id = ids::new_id();
    let mut out = ImportOutcome {
        statement_id,
        lines_total: st.lines.len(),
        ..Default::default()
    };
    let new_count = keys.iter().filter(|k| !known.contains(*k)).count();
    tx.insert(
        "bank_statements",
        vec![
            ("id", statement_id.into()),
            ("format", st.format.as_str().into()),
            ("account_iban", st.accounts[0].0.clone().into()),
            ("reference", parse::clean(&st.reference, 200).into()),
            ("file_name", clean_file_name(file_name).into()),
            ("sha256", sha.into()),
            ("first_day", first.map(|d| d.to_string()).into()),
            ("last_day", last.map(|d| d.to_string()).into()),
            ("lines_total", (st.lines.len() as i64).into()),
            ("lines_new", (new_count as i64).into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    // First every line's state without the payments; then the matched lines' payments in
    // one batch (apply_payments, in the file's order), whose answers settle those lines.
    struct Pending<'a> {
        line: &'a parse::Line,
        key: &'a String,
        ogm: std::result::Result<String, bool>,
        state: &'static str,
        invoice: Option<i64>,
        payment: Option<i64>,
        outcome: Option<&'static str>,
    }
    let mut pending: Vec<Pending> = Vec::with_capacity(new_count);
    let mut to_pay: Vec<(usize, NewPayment)> = Vec::new();
    let mut suggested_taken: HashSet<i64> = HashSet::new();
    for (l, key) in st.lines.iter().zip(&keys) {
        if !known.insert(key.clone()) {
            continue;
        }
        out.lines_new += 1;
        let ogm = line_ogm(&l.communication, l.structured);
        let (mut state, mut invoice) = ("unmatched", None);
        if l.amount_cents <= 0 {
            state = "debit";
        } else if let Some(inv) = ogm.as_ref().ok().and_then(|d| by_ogm.get(d)) {
            to_pay.push((
                pending.len(),
                NewPayment {
                    invoice_id: *inv,
                    amount_cents: l.amount_cents,
                    paid_on: l.booked_on,
                    method: Method::Bank,
                    payer_name: l.counterparty_name.clone(),
                    reference: l.bank_ref.clone(),
                    note: String::new(),
                },
            ));
        } else if ogm.is_err() && ogm != Err(true) {
            // No structured communication: a suggestion when exactly one open invoice asks
            // this amount of a payer of this name.
            let hits: Vec<i64> = by_amount
                .get(&l.amount_cents)
                .map(|c| {
                    c.iter()
                        .filter(|c| names_agree(&l.counterparty_name, &c.payer_name))
                        .map(|c| c.id)
                        .collect()
                })
                .unwrap_or_default();
            if let [one] = hits.as_slice() {
                if suggested_taken.insert(*one) {
                    state = "suggested";
                    invoice = Some(*one);
                }
            }
        }
        pending.push(Pending {
            line: l,
            key,
            ogm,
            state,
            invoice,
            payment: None,
            outcome: None,
        });
    }
    let (at, payments): (Vec<usize>, Vec<NewPayment>) = to_pay.into_iter().unzip();
    let invoices: Vec<i64> = payments.iter().map(|p| p.invoice_id).collect();
    let answers = apply_payments(&mut tx, payments).await?;
    for ((i, invoice), answer) in at.into_iter().zip(invoices).zip(answers) {
        match answer {
            Ok(a) => {
                let p = &mut pending[i];
                p.state = "matched";
                p.invoice = Some(invoice);
                p.payment = Some(a.payment_id);
                p.outcome = Some(a.outcome);
            }
            // A cancelled or credited invoice's communication: the queue decides.
            Err(AppError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    let mut rows = Vec::with_capacity(pending.len());
    for p in pending {
        match p.state {
            "matched" => out.matched += 1,
            "suggested" => out.suggested += 1,
            "unmatched" => out.unmatched += 1,
            _ => {}
        }
        let l = p.line;
        rows.push(vec![
            ("id", ids::new_id().into()),
            ("statement_id", statement_id.into()),
            ("line_key", p.key.clone().into()),
            ("booked_on", l.booked_on.to_string().into()),
            ("amount_cents", l.amount_cents.into()),
            ("counterparty_name", l.counterparty_name.clone().into()),
            ("counterparty_iban", l.counterparty_iban.clone().into()),
            ("communication", l.communication.clone().into()),
            ("ogm", p.ogm.as_ref().ok().cloned().into()),
            ("ogm_invalid", (p.ogm == Err(true)).into()),
            ("state", p.state.into()),
            ("invoice_id", p.invoice.into()),
            ("outcome", p.outcome.into()),
            ("payment_id", p.payment.into()),
            ("created_at", now.into()),
        ]);
    }
    tx.insert_many("bank_lines", rows).await?;
    tx.log(
        "bank_statement_imported",
        Some(&format!(
            "{} ({}): {} lines, {} new, {} matched",
            parse::clean(file_name, 80),
            st.format.as_str(),
            out.lines_total,
            out.lines_new,
            out.matched
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// The queue

/// A line's state, amount, invoice, payment and day.
type LineState = (String, i64, Option<i64>, Option<i64>, String);

async fn line_state(tx: &mut TenantTx, line: i64) -> Result<LineState> {
    let row: Option<LineState> = tx
        .fetch_optional(
            "SELECT state, amount_cents, invoice_id, payment_id, booked_on FROM bank_lines \
             WHERE tenant_id = $1 AND id = $2",
            args![line],
        )
        .await?;
    row.ok_or(AppError::NotFound)
}

/// Records a line's payment against `invoice` and marks it matched.
async fn match_line(tx: &mut TenantTx, line: i64, invoice: i64) -> Result<Applied> {
    let (_, amount, _, _, booked_on) = line_state(tx, line).await?;
    let (name, reference): (String, String) = tx
        .fetch_one(
            "SELECT counterparty_name, line_key FROM bank_lines WHERE tenant_id = $1 AND id = $2",
            args![line],
        )
        .await?;
    let paid_on = Date::parse(&booked_on).ok_or_else(|| crate::error::internal("line day"))?;
    let a = apply_payment(
        tx,
        NewPayment {
            invoice_id: invoice,
            amount_cents: amount,
            paid_on,
            method: Method::Bank,
            payer_name: name,
            reference: reference.chars().take(60).collect(),
            note: String::new(),
        },
    )
    .await?;
    tx.update(
        "bank_lines",
        line,
        vec![
            ("state", "matched".into()),
            ("invoice_id", invoice.into()),
            ("payment_id", a.payment_id.into()),
            ("outcome", a.outcome.into()),
        ],
        None,
    )
    .await?;
    Ok(a)
}

/// Confirms a suggested line (`fees.reconcile`): its payment is recorded against the
/// suggested invoice.
pub async fn confirm_line(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    line: i64,
) -> Result<Applied> {
    scope.require(FEES_RECONCILE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (state, _, invoice, _, _) = line_state(&mut tx, line).await?;
    let (Some(invoice), "suggested") = (invoice, state.as_str()) else {
        return Err(AppError::conflict(Msg::BankErrLineHandled));
    };
    let a = match_line(&mut tx, line, invoice).await?;
    tx.log(
        "bank_line_confirmed",
        Some(&format!("line {line}, invoice {invoice}")),
    )
    .await?;
    tx.commit().await?;
    Ok(a)
}

/// The invoice named by its structured communication (any spelling) or its number
/// (`2026-17` or `2026/17`).
async fn find_invoice(tx: &mut TenantTx, text: &str) -> Result<i64> {
    let t = text.trim();
    let refused = || AppError::field("invoice", Msg::BankErrInvoiceRef);
    let row: Option<(i64,)> = match parse_ogm(t) {
        Ok(digits) => {
            tx.fetch_optional(
                "SELECT id FROM invoices WHERE tenant_id = $1 AND communication = $2",
                args![digits],
            )
            .await?
        }
        Err(OgmError::CheckDigits) => {
            return Err(AppError::field("invoice", Msg::BankErrOgmCheck));
        }
        Err(OgmError::Shape) => {
            let (y, n) = t.split_once(['-', '/']).ok_or_else(refused)?;
            let (y, n): (i64, i64) = (
                y.trim().parse().map_err(|_| refused())?,
                n.trim().parse().map_err(|_| refused())?,
            );
            tx.fetch_optional(
                "SELECT id FROM invoices WHERE tenant_id = $1 AND kind = 'invoice' AND year = $2 \
                 AND number = $3",
                args![y, n],
            )
            .await?
        }
    };
    row.map(|(id,)| id).ok_or_else(refused)
}

/// Assigns a queued line to an invoice by hand (`fees.reconcile`).
pub async fn assign_line(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    line: i64,
    invoice: &str,
) -> Result<Applied> {
    scope.require(FEES_RECONCILE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (state, amount, _, _, _) = line_state(&mut tx, line).await?;
    if !matches!(state.as_str(), "suggested" | "unmatched") || amount <= 0 {
        return Err(AppError::conflict(Msg::BankErrLineHandled));
    }
    let invoice = find_invoice(&mut tx, invoice).await?;
    let a = match_line(&mut tx, line, invoice).await?;
    tx.log(
        "bank_line_assigned",
        Some(&format!("line {line}, invoice {invoice}")),
    )
    .await?;
    tx.commit().await?;
    Ok(a)
}

/// Sets a queued line aside as not a fee (`fees.reconcile`).
pub async fn set_aside_line(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    line: i64,
) -> Result<()> {
    scope.require(FEES_RECONCILE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (state, amount, _, _, _) = line_state(&mut tx, line).await?;
    if !matches!(state.as_str(), "suggested" | "unmatched") || amount <= 0 {
        return Err(AppError::conflict(Msg::BankErrLineHandled));
    }
    tx.update(
        "bank_lines",
        line,
        vec![
            ("state", "not_fee".into()),
            ("invoice_id", Option::<i64>::None.into()),
        ],
        None,
    )
    .await?;
    tx.log("bank_line_set_aside", Some(&format!("line {line}")))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Puts a matched or set-aside line back in the queue (`fees.reconcile`): a wrong match is
/// undone, its payment removed and its invoice put back.
pub async fn release_line(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    line: i64,
) -> Result<()> {
    scope.require(FEES_RECONCILE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (state, _, _, payment, _) = line_state(&mut tx, line).await?;
    match (state.as_str(), payment) {
        ("matched", Some(p)) => {
            unapply_payment(&mut tx, p).await?;
        }
        ("not_fee", _) => {}
        _ => return Err(AppError::conflict(Msg::BankErrLineHandled)),
    }
    tx.update(
        "bank_lines",
        line,
        vec![
            ("state", "unmatched".into()),
            ("invoice_id", Option::<i64>::None.into()),
            ("payment_id", Option::<i64>::None.into()),
            ("outcome", Option::<String>::None.into()),
        ],
        None,
    )
    .await?;
    tx.log("bank_line_released", Some(&format!("line {line}")))
        .await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Payments by hand

/// At most this many characters in a note.
pub const MAX_NOTE: usize = 200;

/// Records a payment by hand (`fees.reconcile`): cash at the bar, a transfer seen
/// elsewhere. Returns the payment.
pub async fn record_manual_payment(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    form: &ManualPaymentForm,
) -> Result<Applied> {
    scope.require(FEES_RECONCILE)?;
    let amount = parse_cents(&form.amount)
        .filter(|c| *c > 0)
        .ok_or_else(|| AppError::field("amount", Msg::BankErrAmountPositive))?;
    let paid_on = Date::parse(form.paid_on.trim())
        .filter(|d| (2000..=2200).contains(&d.year))
        .ok_or_else(|| AppError::field("paid_on", Msg::ErrDateFormat))?;
    let method = match form.method.as_str() {
        "cash" => Method::Cash,
        "manual" => Method::Manual,
        _ => return Err(AppError::field("method", Msg::BankErrMethod)),
    };
    if form.note.chars().count() > MAX_NOTE || form.note.chars().any(char::is_control) {
        return Err(AppError::field(
            "note",
            Problem::new(Msg::ErrMaxCharsOneLine).arg("max", MAX_NOTE as i64),
        ));
    }
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let invoice = find_invoice(&mut tx, &form.invoice).await?;
    let a = apply_payment(
        &mut tx,
        NewPayment {
            invoice_id: invoice,
            amount_cents: amount,
            paid_on,
            method,
            payer_name: String::new(),
            reference: String::new(),
            note: form.note.trim().to_string(),
        },
    )
    .await?;
    tx.log(
        "payment_recorded",
        Some(&format!(
            "invoice {invoice}: {} ({})",
            amount,
            method.as_str()
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(a)
}

/// Removes a payment recorded by hand (`fees.reconcile`); a bank payment is undone from its
/// statement line instead.
pub async fn remove_manual_payment(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    payment: i64,
) -> Result<()> {
    scope.require(FEES_RECONCILE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row: Option<(String,)> = tx
        .fetch_optional(
            "SELECT method FROM payments WHERE tenant_id = $1 AND id = $2",
            args![payment],
        )
        .await?;
    match row {
        None => return Err(AppError::NotFound),
        Some((m,)) if m != "cash" && m != "manual" => {
            return Err(AppError::conflict(Msg::BankErrNotManual))
        }
        Some(_) => {}
    }
    let invoice = unapply_payment(&mut tx, payment).await?;
    tx.log(
        "payment_removed",
        Some(&format!("payment {payment}, invoice {invoice}")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Reading

#[derive(sqlx::FromRow)]
struct LineRow {
    id: i64,
    booked_on: String,
    amount_cents: i64,
    counterparty_name: String,
    counterparty_iban: String,
    communication: String,
    ogm: Option<String>,
    ogm_invalid: bool,
    state: String,
    outcome: Option<String>,
    invoice_id: Option<i64>,
    i_year: Option<i64>,
    i_number: Option<i64>,
    i_payer: Option<String>,
    i_communication: Option<String>,
    i_total: Option<i64>,
    i_paid: Option<i64>,
    i_status: Option<String>,
    i_due: Option<String>,
}

impl From<LineRow> for BankLine {
    fn from(r: LineRow) -> Self {
        let invoice = match (r.invoice_id, r.i_year, r.i_number) {
            (Some(id), Some(year), Some(number)) => Some(InvoiceRef {
                id,
                year,
                number,
                payer_name: r.i_payer.unwrap_or_default(),
                communication: r.i_communication.unwrap_or_default(),
                total_cents: r.i_total.unwrap_or_default(),
                paid_cents: r.i_paid.unwrap_or_default(),
                status: r.i_status.unwrap_or_default(),
                due_on: r.i_due.unwrap_or_default(),
            }),
            _ => None,
        };
        BankLine {
            id: r.id,
            booked_on: r.booked_on,
            amount_cents: r.amount_cents,
            counterparty_name: r.counterparty_name,
            counterparty_iban: r.counterparty_iban,
            communication: r.communication,
            ogm: r.ogm,
            ogm_invalid: r.ogm_invalid,
            state: r.state,
            outcome: r.outcome,
            invoice,
        }
    }
}

const LINE_SELECT: &str = "SELECT l.id, l.booked_on, l.amount_cents, l.counterparty_name, \
     l.counterparty_iban, l.communication, l.ogm, l.ogm_invalid, l.state, l.outcome, \
     l.invoice_id, i.year AS i_year, i.number AS i_number, i.payer_name AS i_payer, \
     i.communication AS i_communication, i.total_cents AS i_total, i.paid_cents AS i_paid, \
     i.status AS i_status, i.due_on AS i_due FROM bank_lines l \
     LEFT JOIN invoices i ON i.tenant_id = l.tenant_id AND i.id = l.invoice_id \
     WHERE l.tenant_id = $1";

#[derive(sqlx::FromRow)]
struct StatementDbRow {
    id: i64,
    format: String,
    account_iban: String,
    reference: String,
    file_name: String,
    first_day: Option<String>,
    last_day: Option<String>,
    lines_total: i64,
    lines_new: i64,
    created_at: i64,
    updated_by_name: Option<String>,
}

impl From<StatementDbRow> for StatementRow {
    fn from(r: StatementDbRow) -> Self {
        StatementRow {
            id: r.id,
            format: r.format,
            account_iban: r.account_iban,
            reference: r.reference,
            file_name: r.file_name,
            first_day: r.first_day,
            last_day: r.last_day,
            lines_total: r.lines_total,
            lines_new: r.lines_new,
            imported_at: r.created_at,
            imported_by: r.updated_by_name,
        }
    }
}

const STATEMENT_SELECT: &str = "SELECT id, format, account_iban, reference, file_name, \
     first_day, last_day, lines_total, lines_new, created_at, updated_by_name \
     FROM bank_statements WHERE tenant_id = $1";

/// At most this many statements, queued lines and manual payments on the page.
pub const MAX_LISTED: i64 = 500;

/// The bank page (`fees.reconcile`): the club's account, the statements imported, the
/// queue, the statement asked for with its lines, the payments recorded by hand.
pub async fn overview(
    db: &Db,
    scope: &TenantScope,
    statement: Option<i64>,
) -> Result<BankOverview> {
    scope.require(FEES_RECONCILE)?;
    let mut tx = db.tenant_snapshot(scope).await?;
    let iban: Option<(Option<String>,)> = tx
        .fetch_optional(
            "SELECT iban FROM fee_settings WHERE tenant_id = $1",
            args![],
        )
        .await?;
    let statements: Vec<StatementDbRow> = tx
        .fetch_all(
            &format!("{STATEMENT_SELECT} ORDER BY created_at DESC, id DESC LIMIT {MAX_LISTED}"),
            args![],
        )
        .await?;
    let queue: Vec<LineRow> = tx
        .fetch_all(
            &format!(
                "{LINE_SELECT} AND l.state IN ('suggested', 'unmatched') \
                 ORDER BY l.booked_on, l.id LIMIT {MAX_LISTED}"
            ),
            args![],
        )
        .await?;
    let chosen = match statement {
        None => None,
        Some(id) => {
            let row: Option<StatementDbRow> = tx
                .fetch_optional(&format!("{STATEMENT_SELECT} AND id = $2"), args![id])
                .await?;
            let Some(row) = row else {
                return Err(AppError::NotFound);
            };
            let lines: Vec<LineRow> = tx
                .fetch_all(
                    &format!("{LINE_SELECT} AND l.statement_id = $2 ORDER BY l.booked_on, l.id"),
                    args![id],
                )
                .await?;
            Some((
                StatementRow::from(row),
                lines.into_iter().map(BankLine::from).collect(),
            ))
        }
    };
    #[derive(sqlx::FromRow)]
    struct ManualRow {
        id: i64,
        amount_cents: i64,
        paid_on: String,
        method: String,
        note: String,
        updated_by_name: Option<String>,
        invoice_id: i64,
        year: i64,
        number: i64,
        payer_name: String,
        communication: String,
        total_cents: i64,
        paid_cents: i64,
        status: String,
        due_on: String,
    }
    let manual: Vec<ManualRow> = tx
        .fetch_all(
            &format!(
                "SELECT p.id, p.amount_cents, p.paid_on, p.method, p.note, p.updated_by_name, \
                 i.id AS invoice_id, i.year, i.number, i.payer_name, i.communication, \
                 i.total_cents, i.paid_cents, i.status, i.due_on FROM payments p \
                 JOIN invoices i ON i.tenant_id = p.tenant_id AND i.id = p.invoice_id \
                 WHERE p.tenant_id = $1 AND p.method IN ('cash', 'manual') \
                 ORDER BY p.created_at DESC, p.id DESC LIMIT {MAX_LISTED}"
            ),
            args![],
        )
        .await?;
    tx.commit().await?;
    Ok(BankOverview {
        iban: iban.and_then(|(i,)| i),
        statements: statements.into_iter().map(StatementRow::from).collect(),
        queue: queue.into_iter().map(BankLine::from).collect(),
        statement: chosen,
        manual: manual
            .into_iter()
            .map(|r| ManualPayment {
                id: r.id,
                amount_cents: r.amount_cents,
                paid_on: r.paid_on,
                method: r.method,
                note: r.note,
                recorded_by: r.updated_by_name,
                invoice: InvoiceRef {
                    id: r.invoice_id,
                    year: r.year,
                    number: r.number,
                    payer_name: r.payer_name,
                    communication: r.communication,
                    total_cents: r.total_cents,
                    paid_cents: r.paid_cents,
                    status: r.status,
                    due_on: r.due_on,
                },
            })
            .collect(),
        can_write: scope.writable().is_ok(),
    })
}

/// A member's invoices (for them or paid by them) and whether one of the current season is
/// unpaid (`fees.view`). A member of another club is not found.
pub async fn member_payments(
    db: &Db,
    scope: &TenantScope,
    member: tessera_common::MemberId,
) -> Result<MemberPayments> {
    scope.require(tessera_common::modules::FEES_VIEW)?;
    let mut tx = db.tenant_read(scope).await?;
    let exists: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM members WHERE tenant_id = $1 AND id = $2 AND erased_at IS NULL",
            args![member],
        )
        .await?;
    if exists.is_none() {
        return Err(AppError::NotFound);
    }
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        year: i64,
        number: i64,
        payer_name: String,
        communication: String,
        total_cents: i64,
        paid_cents: i64,
        status: String,
        due_on: String,
        current: bool,
    }
    let rows: Vec<Row> = tx
        .fetch_all(
            "SELECT i.id, i.year, i.number, i.payer_name, i.communication, i.total_cents, \
             i.paid_cents, i.status, i.due_on, \
             (CASE WHEN s.is_current = $3 THEN $3 ELSE $4 END) AS current \
             FROM invoices i LEFT JOIN seasons s ON s.tenant_id = i.tenant_id AND s.id = i.season_id \
             WHERE i.tenant_id = $1 AND i.kind = 'invoice' AND i.status <> 'draft' \
             AND (i.member_id = $2 OR i.payer_member_id = $2) \
             ORDER BY i.issued_on DESC, i.id DESC LIMIT 50",
            args![member, true, false],
        )
        .await?;
    // The reminders sent for these invoices (issue 20, reminders).
    let reminders: Vec<(i64, i64, i64, String, i64)> = tx
        .fetch_all(
            "SELECT r.invoice_id, r.step, r.sent_at, r.sent_to, r.outstanding_cents \
             FROM invoice_reminders r JOIN invoices i ON i.tenant_id = r.tenant_id \
             AND i.id = r.invoice_id WHERE r.tenant_id = $1 AND i.kind = 'invoice' \
             AND (i.member_id = $2 OR i.payer_member_id = $2) \
             ORDER BY r.sent_at, r.id LIMIT 200",
            args![member],
        )
        .await?;
    tx.commit().await?;
    let unpaid_this_season = rows
        .iter()
        .any(|r| r.current && matches!(r.status.as_str(), "open" | "partial"));
    Ok(MemberPayments {
        invoices: rows
            .into_iter()
            .map(|r| InvoiceRef {
                id: r.id,
                year: r.year,
                number: r.number,
                payer_name: r.payer_name,
                communication: r.communication,
                total_cents: r.total_cents,
                paid_cents: r.paid_cents,
                status: r.status,
                due_on: r.due_on,
            })
            .collect(),
        unpaid_this_season,
        reminders: reminders
            .into_iter()
            .map(|(invoice_id, step, sent_at, sent_to, outstanding_cents)| {
                tessera_common::invoices::ReminderSent {
                    invoice_id,
                    step,
                    sent_at,
                    sent_to,
                    outstanding_cents,
                }
            })
            .collect(),
    })
}
