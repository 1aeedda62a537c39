//! Registration: its types and limits. A submission and its people, the outcomes of
//! submitting and confirming.

use crate::accounts::throttle;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tessera_common::dto::FormField;

pub const MODULE: &str = "forms";

/// A submission is refused when sent sooner than this after the form was handed out.
pub const MIN_FILL_SECS: i64 = 3;

/// A handed-out form is good for a day.
pub(super) const MAX_FILL_SECS: i64 = 24 * 3600;

/// The confirmation link is good for two days.
pub(super) const CONFIRM_SECS: i64 = 48 * 3600;

/// At most this many people (children) per submission.
pub const MAX_PEOPLE: usize = 6;

/// Submissions per client address and club.
pub(super) const PER_ADDRESS: throttle::Limit = throttle::Limit {
    max_attempts: 10,
    window_secs: 3600,
};

pub(crate) struct CheckedForm {
    pub(super) title: String,
    pub(super) slug: String,
    pub(super) intro: Option<String>,
    pub(super) audience: String,
    pub(super) fields: Vec<FormField>,
    pub(super) consent: Option<String>,
}

/// One person of a submission, as stored until the records are made.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub(super) struct Person {
    pub(super) given_name: String,
    pub(super) family_name: String,
    #[serde(default)]
    pub(super) standard: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) custom: BTreeMap<i64, Vec<String>>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub(super) struct SubmissionData {
    pub(super) guardian: Option<Person>,
    pub(super) people: Vec<Person>,
    /// The consent purposes ticked (besides the form's own consent text), recorded for the
    /// people's records when they are made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) purposes: Vec<i64>,
}

/// What a visitor posted.
#[derive(Clone, Debug, Default)]
pub struct Submission {
    pub email: String,
    pub started: String,
    /// The honeypot: a field people never see; robots fill it in.
    pub website: String,
    pub consent: bool,
    /// The ids of the consent purposes ticked.
    pub purposes: Vec<String>,
    pub terms: bool,
    /// `p{n}.{key}` for person n (`g.{key}` for the guardian); `p{n}.cf{id}~{k}` for each
    /// chosen option of a multiple choice.
    pub values: BTreeMap<String, String>,
    /// The client address, for the per-address limit.
    pub address: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submitted {
    /// Stored; a confirmation link was mailed.
    Sent,
    /// The same submission was already waiting: nothing new stored or sent.
    AlreadyWaiting,
    /// The honeypot was filled in: nothing stored, and the robot is not told.
    Ignored,
}

/// What confirming an address did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirmed {
    /// Records made and approved at once (the club approves automatically).
    Approved,
    /// Records made as applicants; the club reviews them.
    Queued,
}
