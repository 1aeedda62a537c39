//! Seasons, fee schedules and invoices (issue 20, inv20): the wire types of the fees page
//! (`/c/{club}/fees`) and its forms. Amounts are integer cents in euro; dates `YYYY-MM-DD`.

use crate::dto::Stamp;
use serde::{Deserialize, Serialize};

/// How a season prices who joins late.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Prorata {
    /// The full fee whenever one joins.
    #[default]
    None,
    /// The fee times the months left of the season (the joining month counted) over the
    /// season's months.
    Monthly,
    /// A fixed reduction (percent) for who joins on or after a date.
    AfterDate,
}

impl Prorata {
    pub fn key(self) -> &'static str {
        match self {
            Prorata::None => "none",
            Prorata::Monthly => "monthly",
            Prorata::AfterDate => "after_date",
        }
    }

    pub fn from_key(s: &str) -> Option<Prorata> {
        match s {
            "none" | "" => Some(Prorata::None),
            "monthly" => Some(Prorata::Monthly),
            "after_date" => Some(Prorata::AfterDate),
            _ => None,
        }
    }
}

/// A season of the club with its pricing rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Season {
    pub id: i64,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub is_current: bool,
    /// The day ages are taken on (`None`: the season's first day).
    pub reference_date: Option<String>,
    /// Percent off each child after the first of one payer.
    pub sibling_percent: i64,
    /// The most one payer pays in membership fees for the season.
    pub family_cap_cents: Option<i64>,
    pub prorata: Prorata,
    pub prorata_date: Option<String>,
    pub prorata_percent: i64,
    pub fees: Vec<SeasonFee>,
    pub version: i64,
    pub stamp: Stamp,
}

/// One fee of a season's schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeasonFee {
    pub id: i64,
    /// `membership` (the first matching one applies) or `one_off`.
    pub kind: String,
    pub name: String,
    pub amount_cents: i64,
    pub min_age: Option<i64>,
    pub max_age: Option<i64>,
    pub birth_year_from: Option<i64>,
    pub birth_year_to: Option<i64>,
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
}

/// The club's bank details and payment terms.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeSettings {
    /// Normalised (no spaces, upper case); `None` until set.
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub beneficiary: Option<String>,
    pub payment_days: i64,
    /// 0 while never saved.
    pub version: i64,
}

/// A group a fee can be priced by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeGroupChoice {
    pub id: i64,
    pub name: String,
}

/// `/c/{club}/fees`: the seasons and their schedules, the bank details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeesOverview {
    pub seasons: Vec<Season>,
    pub settings: FeeSettings,
    pub groups: Vec<FeeGroupChoice>,
    /// Today in the club's zone.
    pub today: String,
}

/// A season as its form sends it (`id` empty: a new one).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeasonForm {
    pub club: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub current: Option<String>,
    #[serde(default)]
    pub reference_date: String,
    #[serde(default)]
    pub sibling_percent: String,
    #[serde(default)]
    pub family_cap: String,
    #[serde(default)]
    pub prorata: String,
    #[serde(default)]
    pub prorata_date: String,
    #[serde(default)]
    pub prorata_percent: String,
}

/// The bank details as their form sends them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeSettingsForm {
    pub club: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub iban: String,
    #[serde(default)]
    pub bic: String,
    #[serde(default)]
    pub beneficiary: String,
    #[serde(default)]
    pub payment_days: String,
}

/// A fee added to a season's schedule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeasonFeeForm {
    pub club: String,
    #[serde(default)]
    pub season: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub min_age: String,
    #[serde(default)]
    pub max_age: String,
    #[serde(default)]
    pub birth_year_from: String,
    #[serde(default)]
    pub birth_year_to: String,
    #[serde(default)]
    pub group: String,
}

/// One line of an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLine {
    pub description: String,
    pub member: Option<i64>,
    pub amount_cents: i64,
}

/// An invoice or a credit note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: i64,
    /// `invoice` or `credit_note`.
    pub kind: String,
    /// `2026-00042`: the year and the number in it.
    pub number: String,
    pub season: Option<i64>,
    pub member: Option<i64>,
    pub payer: Option<i64>,
    pub payer_name: String,
    pub payer_email: Option<String>,
    pub credited_invoice: Option<i64>,
    /// `+++123/4567/89002+++`.
    pub communication: String,
    pub total_cents: i64,
    pub paid_cents: i64,
    /// draft, open, partial, paid, overpaid, credited, cancelled.
    pub status: String,
    pub issued_on: String,
    pub due_on: String,
    pub sent: bool,
    pub lines: Vec<InvoiceLine>,
    /// The EPC QR code to pay it, as inline SVG (an open invoice on the payer's page).
    pub qr_svg: Option<String>,
}

/// A person's own invoices and their children's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyInvoices {
    pub invoices: Vec<Invoice>,
    pub iban: Option<String>,
    pub beneficiary: Option<String>,
}

/// A season's invoices, for the treasurer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeasonInvoices {
    pub season: Season,
    pub invoices: Vec<Invoice>,
    /// The one-off fees of the season (to add to a draft).
    pub one_off: Vec<SeasonFee>,
}

/// What generating a season's invoices for the register's filter would take (pay20): the
/// members the filter shows and how many of them have the season's invoice already.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoicePreview {
    pub members: i64,
    pub already: i64,
}

/// The register's filter as the season's invoices page carries it (pay20): the register's
/// own parameters (`q`, `status`, `type`, `season`, `group`, `consent`, `unpaid`, the
/// custom-field filters as `cf{id}=value` lines in `fields`), and the fee season the
/// invoices are for (`for_season`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceFilterForm {
    pub club: String,
    pub for_season: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub membership_type: String,
    #[serde(default)]
    pub season: String,
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub consent: String,
    #[serde(default)]
    pub unpaid: String,
    #[serde(default)]
    pub fields: String,
}

impl InvoiceFilterForm {
    /// The register's filter this form carries (the register checks it).
    pub fn filter(&self) -> crate::dto::MemberFilter {
        crate::dto::MemberFilter {
            query: self.q.clone(),
            status: self.status.clone(),
            membership_type: self.membership_type.clone(),
            season: self.season.clone(),
            group: self.group.clone(),
            consent: self.consent.clone(),
            unpaid: self.unpaid.clone(),
            fields: self
                .fields
                .lines()
                .filter_map(|l| {
                    let (k, v) = l.split_once('=')?;
                    Some((k.trim().strip_prefix("cf")?.parse().ok()?, v.to_string()))
                })
                .collect(),
            ..Default::default()
        }
    }

    /// The form for a register filter (the hidden fields of the generate form).
    pub fn of(club: &str, for_season: i64, f: &crate::dto::MemberFilter) -> Self {
        InvoiceFilterForm {
            club: club.to_string(),
            for_season: for_season.to_string(),
            q: f.query.clone(),
            status: f.status.clone(),
            membership_type: f.membership_type.clone(),
            season: f.season.clone(),
            group: f.group.clone(),
            consent: f.consent.clone(),
            unpaid: f.unpaid.clone(),
            fields: f
                .fields
                .iter()
                .map(|(k, v)| format!("cf{k}={v}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// A member's invoices for the staff (pay20): every season, those for them, paid by them or
/// with a line for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberInvoices {
    pub member: i64,
    pub name: String,
    pub invoices: Vec<Invoice>,
    /// The viewer may open the PDFs (`fees.manage`).
    pub can_manage: bool,
}

// ---------------------------------------------------------------------------------------
// The season report (rep20)

/// What a row of the season report stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportKind {
    /// A group or a fee of the club, named in `FeeReportRow::name`.
    #[default]
    Named,
    /// Lines whose fee named no group.
    NoGroup,
    /// Lines priced by a group that was removed since.
    GroupGone,
    /// A fee removed from the schedule since.
    FeeGone,
    /// The discount on further children of one payer.
    Sibling,
    /// The family cap.
    Cap,
    /// Any other line.
    Other,
    /// The totals.
    Total,
}

/// One row of the report: what was billed, credited, paid and is still outstanding, in
/// cents. `billed − credited = paid + outstanding`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeReportRow {
    pub kind: ReportKind,
    /// The club's name of the group or fee (`ReportKind::Named`).
    pub name: Option<String>,
    /// How many invoice lines the row sums.
    pub lines: i64,
    pub billed_cents: i64,
    pub credited_cents: i64,
    pub paid_cents: i64,
    pub outstanding_cents: i64,
}

impl FeeReportRow {
    /// The row's label in `lang`: the club's name, or what the row stands for.
    pub fn label(&self, lang: crate::Lang) -> String {
        use crate::Msg;
        let msg = match self.kind {
            ReportKind::Named => return self.name.clone().unwrap_or_default(),
            ReportKind::NoGroup => Msg::RepNoGroup,
            ReportKind::GroupGone => Msg::RepGroupGone,
            ReportKind::FeeGone => Msg::RepFeeGone,
            ReportKind::Sibling => Msg::RepSibling,
            ReportKind::Cap => Msg::RepCap,
            ReportKind::Other => Msg::RepOther,
            ReportKind::Total => Msg::RepTotal,
        };
        msg.text(lang).to_string()
    }

    /// Adds another row's figures to this one.
    pub fn add(&mut self, o: &FeeReportRow) {
        self.lines += o.lines;
        self.billed_cents += o.billed_cents;
        self.credited_cents += o.credited_cents;
        self.paid_cents += o.paid_cents;
        self.outstanding_cents += o.outstanding_cents;
    }
}

/// A season to choose in the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSeason {
    pub id: i64,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub is_current: bool,
}

/// The season report (`fees.view`): per group and per fee, with the totals; overpayments
/// apart (money to refund or carry over, not counted as paid).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeReport {
    /// The season reported on (`None`: the club has no season).
    pub season: Option<ReportSeason>,
    pub seasons: Vec<ReportSeason>,
    pub by_group: Vec<FeeReportRow>,
    pub by_fee: Vec<FeeReportRow>,
    pub total: FeeReportRow,
    /// Sent invoices counted.
    pub invoices: i64,
    /// Invoices paid more than they ask, and by how much in all.
    pub overpaid_invoices: i64,
    pub overpaid_cents: i64,
    /// Drafts of the season, not counted.
    pub drafts: i64,
}

// ---------------------------------------------------------------------------------------
// Reminders (issue 20, deliverable 5)

/// The placeholders a reminder text may use.
pub const REMINDER_PLACEHOLDERS: [&str; 6] = [
    "first_name",
    "invoice_number",
    "amount",
    "communication",
    "due_date",
    "club_name",
];

/// At most this many steps in a club's reminder schedule.
pub const MAX_REMINDER_STEPS: usize = 3;

/// One step of the reminder schedule: `days` after the invoice's due date, with its text
/// per language (empty: the club's language's, else the default text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderStep {
    pub days: i64,
    pub text_en: String,
    pub text_nl: String,
    pub text_fr: String,
}

/// A club's reminder schedule (`fees.manage`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSettings {
    /// The steps switched on, in order (at most [`MAX_REMINDER_STEPS`]).
    pub steps: Vec<ReminderStep>,
    /// The club never saved a schedule: these are the defaults.
    pub is_default: bool,
}

/// The schedule as its form sends it: per step the days (empty: switched off) and the
/// texts per language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSettingsForm {
    pub club: String,
    #[serde(default)]
    pub days1: String,
    #[serde(default)]
    pub text1_en: String,
    #[serde(default)]
    pub text1_nl: String,
    #[serde(default)]
    pub text1_fr: String,
    #[serde(default)]
    pub days2: String,
    #[serde(default)]
    pub text2_en: String,
    #[serde(default)]
    pub text2_nl: String,
    #[serde(default)]
    pub text2_fr: String,
    #[serde(default)]
    pub days3: String,
    #[serde(default)]
    pub text3_en: String,
    #[serde(default)]
    pub text3_nl: String,
    #[serde(default)]
    pub text3_fr: String,
}

/// A reminder sent for an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSent {
    pub invoice_id: i64,
    /// The step of the schedule; 0 for one sent by hand.
    pub step: i64,
    /// When (milliseconds).
    pub sent_at: i64,
    pub sent_to: String,
    pub outstanding_cents: i64,
}

/// An invoice past its due date and not paid, on the treasurer's overdue list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueInvoice {
    pub id: i64,
    /// `2026-00017`.
    pub number: String,
    pub season_id: Option<i64>,
    pub payer_name: String,
    pub payer_member_id: Option<i64>,
    pub payer_email: Option<String>,
    /// Displayed form (`+++123/4567/89002+++`).
    pub communication: String,
    pub total_cents: i64,
    pub outstanding_cents: i64,
    /// open or partial.
    pub status: String,
    pub due_on: String,
    pub days_overdue: i64,
    /// Oldest first.
    pub reminders: Vec<ReminderSent>,
    /// Every step of the schedule has been sent.
    pub after_last_step: bool,
}

/// `/c/{club}/fees/overdue` (`fees.manage`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueList {
    pub invoices: Vec<OverdueInvoice>,
    /// The seasons to filter by.
    pub seasons: Vec<FeeGroupChoice>,
    /// The season filtered by, if any.
    pub season: Option<i64>,
    /// Only those past the schedule's last step.
    pub after_last: bool,
    pub total_outstanding_cents: i64,
    pub today: String,
}
