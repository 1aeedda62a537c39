//! Reconciliation (issue 20): the wire types of the bank page (statements imported, their
//! lines and match state, the queue) and of the payments recorded by hand.

use serde::{Deserialize, Serialize};

/// An invoice as a statement line or a payment names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRef {
    pub id: i64,
    pub year: i64,
    pub number: i64,
    pub payer_name: String,
    /// The 12 digits of its structured communication.
    pub communication: String,
    pub total_cents: i64,
    pub paid_cents: i64,
    /// open, partial, paid, overpaid, credited, cancelled, draft.
    pub status: String,
    pub due_on: String,
}

/// A statement imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementRow {
    pub id: i64,
    /// `camt053` or `coda`.
    pub format: String,
    pub account_iban: String,
    pub reference: String,
    pub file_name: String,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub lines_total: i64,
    /// Lines not in an earlier statement.
    pub lines_new: i64,
    pub imported_at: i64,
    pub imported_by: Option<String>,
}

/// One line of a statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankLine {
    pub id: i64,
    pub booked_on: String,
    /// Positive for money in.
    pub amount_cents: i64,
    pub counterparty_name: String,
    pub counterparty_iban: String,
    pub communication: String,
    /// The structured communication read from it (12 digits), when its check digits are right.
    pub ogm: Option<String>,
    /// It carries a structured communication whose check digits are wrong.
    pub ogm_invalid: bool,
    /// matched, suggested, unmatched, not_fee, debit.
    pub state: String,
    /// How the payment left its invoice: paid, partial, overpaid, double (paid already).
    pub outcome: Option<String>,
    pub invoice: Option<InvoiceRef>,
}

/// A payment recorded by hand (cash, a transfer seen elsewhere).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualPayment {
    pub id: i64,
    pub amount_cents: i64,
    pub paid_on: String,
    /// cash or manual.
    pub method: String,
    pub note: String,
    pub invoice: InvoiceRef,
    pub recorded_by: Option<String>,
}

/// The bank page (`fees.reconcile`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankOverview {
    /// The club's account a statement must be of (`fee_settings.iban`).
    pub iban: Option<String>,
    pub statements: Vec<StatementRow>,
    /// Lines waiting for the treasurer (suggested and unmatched), oldest first.
    pub queue: Vec<BankLine>,
    /// The statement asked for, with all its lines.
    pub statement: Option<(StatementRow, Vec<BankLine>)>,
    pub manual: Vec<ManualPayment>,
    pub can_write: bool,
}

/// The form of a payment recorded by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualPaymentForm {
    pub club: String,
    /// The invoice: its structured communication or its number (`2026-17`).
    pub invoice: String,
    pub amount: String,
    pub paid_on: String,
    /// cash or manual.
    pub method: String,
    #[serde(default)]
    pub note: String,
}

/// A member's invoices and their payment status, on the member page (`fees.view`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPayments {
    /// The invoices for the member or paid by them, newest first (at most 50).
    pub invoices: Vec<InvoiceRef>,
    /// An invoice of the current season still open or partly paid.
    pub unpaid_this_season: bool,
    /// The reminders sent for those invoices (issue 20, reminders), oldest first.
    #[serde(default)]
    pub reminders: Vec<crate::invoices::ReminderSent>,
}
