//! Data protection (issue 17): the breach register, the sub-processors and the record of
//! processing. Wire types shared by the server functions and the pages.

use crate::dto::Stamp;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// The operator must notify an affected club within 72 hours of discovering a breach.
pub const NOTIFY_WITHIN_MS: i64 = 72 * 3600 * 1000;
/// A change to the sub-processors can be objected to for 14 days after its announcement.
pub const OBJECTION_WINDOW_MS: i64 = 14 * 86_400 * 1000;

/// The longest text of a breach's descriptions (nature, consequences, measures) and of an
/// objection's reason, in characters.
pub const MAX_TEXT: usize = 4000;
/// The longest short text (categories, a sub-processor's name, location, service).
pub const MAX_SHORT: usize = 300;
/// The largest count of people or records a breach can name.
pub const MAX_COUNT: i64 = 1_000_000_000;

/// What is known of a breach: when it was discovered and what it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreachFacts {
    pub discovered_at: Timestamp,
    pub nature: String,
    pub categories: String,
    pub people_count: i64,
    pub records_count: i64,
    pub consequences: String,
    pub measures: String,
}

/// The 72-hour deadline of a breach discovered at `discovered_at`.
pub fn notify_deadline(discovered_at: Timestamp) -> Timestamp {
    Timestamp(discovered_at.0.saturating_add(NOTIFY_WITHIN_MS))
}

/// Whether a notification at `notified_at` of a breach discovered at `discovered_at` was late.
pub fn notified_late(discovered_at: Timestamp, notified_at: Timestamp) -> bool {
    notified_at > notify_deadline(discovered_at)
}

/// A breach in a club's register: recorded by the club, or notified by the operator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubBreach {
    pub id: i64,
    pub version: i64,
    pub facts: BreachFacts,
    /// Notified by the platform operator (rather than recorded by the club).
    pub from_operator: bool,
    pub recorded_at: Timestamp,
    /// When the operator notified the club (operator breaches only).
    pub notified_at: Option<Timestamp>,
    /// The operator's notification came after the 72 hours.
    pub notified_late: bool,
    pub acknowledged_at: Option<Timestamp>,
    pub authority_notified_at: Option<Timestamp>,
    pub authority_reason: Option<String>,
    pub people_notified_at: Option<Timestamp>,
    pub people_reason: Option<String>,
    pub resolved_at: Option<Timestamp>,
    pub stamp: Stamp,
}

/// A club's breach register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubBreaches {
    pub breaches: Vec<ClubBreach>,
    pub now: Timestamp,
}

/// The arguments of `record_breach` (a club records a breach), as its form posts them.
/// Numbers and the instant are text, so bad input is a message on the field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreachInput {
    #[serde(default)]
    pub club: String,
    /// `YYYY-MM-DDTHH:MM` on the club's wall clock (an `<input type="datetime-local">`).
    pub discovered_at: String,
    pub nature: String,
    pub categories: String,
    pub people_count: String,
    pub records_count: String,
    pub consequences: String,
    pub measures: String,
    /// The clubs an operator incident affects (slugs; operator only).
    #[serde(default)]
    pub clubs: Vec<String>,
}

/// The arguments of `record_breach_follow_up`: what the club did about notifying the
/// authority and the people concerned. `authority`/`people`: `yes` (with the instant),
/// `no` (with a reason) or empty (not decided yet).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreachFollowUpInput {
    pub club: String,
    /// Text, like every field of a flattened form (serde reads a flattened number as text).
    pub id: String,
    pub version: String,
    #[serde(default)]
    pub authority: String,
    #[serde(default)]
    pub authority_at: String,
    #[serde(default)]
    pub authority_reason: String,
    #[serde(default)]
    pub people: String,
    #[serde(default)]
    pub people_at: String,
    #[serde(default)]
    pub people_reason: String,
    /// Present when the breach is resolved (a checkbox).
    #[serde(default)]
    pub resolved: Option<String>,
}

/// An affected club of an operator incident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentClub {
    pub slug: String,
    pub name: String,
    pub notified_at: Option<Timestamp>,
    pub late: bool,
}

/// An incident of the platform, with the clubs it affects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorIncident {
    pub id: i64,
    pub facts: BreachFacts,
    pub recorded_at: Timestamp,
    pub deadline: Timestamp,
    pub clubs: Vec<IncidentClub>,
    pub stamp: Stamp,
}

/// A sub-processor of the platform.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubProcessor {
    pub id: i64,
    pub name: String,
    pub location: String,
    pub service: String,
    /// `YYYY-MM-DD`.
    pub since: String,
    pub version: i64,
}

/// The arguments of `save_subprocessor` (`id` empty: a new one).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubProcessorInput {
    #[serde(default)]
    pub id: String,
    pub name: String,
    pub location: String,
    pub service: String,
    pub since: String,
}

/// A club's objection to a change of the sub-processors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objection {
    pub club_slug: String,
    pub club_name: String,
    pub reason: String,
    pub at: Timestamp,
    pub by: Option<String>,
}

/// A change of the sub-processors: `added`, `modified` or `removed`, with the values after
/// it (before it, for a removal).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubProcessorChange {
    pub id: i64,
    pub change: String,
    pub name: String,
    pub location: String,
    pub service: String,
    pub announced_at: Timestamp,
    pub closes_at: Timestamp,
    /// Objections can still be made.
    pub open: bool,
    /// For the operator: every club's objection. For a club: its own, if any.
    pub objections: Vec<Objection>,
}

/// The operator's data-protection page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorPrivacy {
    pub now: Timestamp,
    pub incidents: Vec<OperatorIncident>,
    pub subprocessors: Vec<SubProcessor>,
    pub changes: Vec<SubProcessorChange>,
    /// Every club (slug, name), for choosing the affected ones.
    pub clubs: Vec<(String, String)>,
}

/// A club's custom field in the record of processing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordField {
    pub label: String,
    pub kind: String,
    /// `member`, `staff` or `sensitive`.
    pub visibility: String,
}

/// The record of processing of a club, generated from its configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessingRecord {
    pub club_name: String,
    pub club_slug: String,
    pub city: Option<String>,
    pub time_zone: String,
    pub generated_at: Timestamp,
    pub custom_fields: Vec<RecordField>,
    /// The registration forms ask for consent (the forms module is on).
    pub registration_forms: bool,
    /// The federation the club belongs to, if any.
    pub federation: Option<String>,
    /// The exports module is on (staff may export the register).
    pub exports: bool,
    /// The club's consent purposes people can answer, each with its current text version
    /// and how many people consent now.
    #[serde(default)]
    pub purposes: Vec<crate::consent::Purpose>,
    /// The club's retention rules in force (its own or the defaults).
    #[serde(default = "default_rules")]
    pub retention: crate::dto::RetentionRules,
    pub subprocessors: Vec<SubProcessor>,
    /// Changes still open for objection, or recent, with the club's own objection.
    pub changes: Vec<SubProcessorChange>,
}

/// What the club home shows the club's data-protection managers: breaches the operator
/// notified that nobody acknowledged yet, and sub-processor changes open for objection.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyNotices {
    pub breaches: Vec<ClubBreach>,
    pub changes: Vec<SubProcessorChange>,
}

fn default_rules() -> crate::dto::RetentionRules {
    crate::dto::RetentionRules::DEFAULT
}
