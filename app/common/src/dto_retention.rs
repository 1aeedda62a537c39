//! Wire types of retention (issue 17, deliverables 4 and 5): a club's retention policy, the
//! dry run of the next run of the retention job, the log of its runs, and a club's contract
//! end as its pages show it.

use crate::dto::Stamp;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// A club's retention policy: how long each kind of record is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRules {
    /// Ended members are anonymised this many months after their end date.
    pub member_months: i64,
    /// Rejected or abandoned (never confirmed) applications are removed this many days
    /// after their decision or expiry.
    pub application_days: i64,
    /// Expired or withdrawn invitations are removed this many days after their end.
    pub link_days: i64,
    /// Entries of the club's event log are removed this many months after they were made.
    pub event_months: i64,
}

impl RetentionRules {
    pub const DEFAULT: RetentionRules = RetentionRules {
        member_months: 24,
        application_days: 90,
        link_days: 30,
        event_months: 12,
    };
    /// The accepted range of each rule (field name, least, most).
    pub const BOUNDS: [(&'static str, i64, i64); 4] = [
        ("member_months", 1, 120),
        ("application_days", 1, 730),
        ("link_days", 1, 365),
        ("event_months", 1, 120),
    ];
}

/// What a rule of the policy removes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RetentionRule {
    /// An ended member, anonymised.
    EndedMember,
    /// A rejected or abandoned application, removed.
    Application,
    /// An expired or withdrawn invitation, removed.
    Invitation,
    /// An old entry of the club's event log, removed.
    Event,
}

impl RetentionRule {
    pub const ALL: [RetentionRule; 4] = [
        RetentionRule::EndedMember,
        RetentionRule::Application,
        RetentionRule::Invitation,
        RetentionRule::Event,
    ];
}

/// One record the next run would remove, with why (for staff).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionItem {
    pub rule: RetentionRule,
    /// The record's id (members: the member id, which links to the record).
    pub id: i64,
    /// What the record is called: a member's name, an application's or invitation's
    /// address.
    pub label: String,
    /// The day the rule counts from (end date, decision, expiry), `YYYY-MM-DD`.
    pub since: String,
}

/// The dry run: what the next run of the job would remove now, rule by rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPreview {
    /// Per rule: how many records, and the day before which a record falls under it.
    pub counts: Vec<(RetentionRule, i64, String)>,
    /// The first records of each rule (at most [`RetentionPreview::LISTED`] per rule; the
    /// event log is counted only).
    pub items: Vec<RetentionItem>,
}

impl RetentionPreview {
    pub const LISTED: i64 = 50;
}

/// One run of the retention job in a club: counts only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRun {
    pub started_at: Timestamp,
    /// `None` while a run is unfinished (interrupted: the next run completes it).
    pub finished_at: Option<Timestamp>,
    pub members_anonymised: i64,
    pub applications_removed: i64,
    pub links_removed: i64,
    pub events_removed: i64,
}

/// `/c/{club}/privacy/retention`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPage {
    pub rules: RetentionRules,
    /// `None` while the club keeps the defaults.
    pub stamp: Option<Stamp>,
    pub version: i64,
    pub preview: RetentionPreview,
    pub runs: Vec<RetentionRun>,
}

/// A club whose contract the operator ended: read-only from `ends_on`, deleted on
/// `deletion_on` (days in the club's time zone, `YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractEnd {
    pub ends_on: String,
    pub deletion_on: String,
}

/// The retention policy form (`save_retention`): numbers as typed, checked on the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionInput {
    pub club: String,
    pub member_months: String,
    pub application_days: String,
    pub link_days: String,
    pub event_months: String,
    /// The policy's version when the form was opened.
    pub version: String,
}
