//! Licences (issue 18): a federation's seasons and licence categories, the licences clubs
//! request for their members and the federation decides, and a member's own licences.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A federation's season.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedSeason {
    pub id: i64,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// A licence category with its fee; an age band when `min_age`/`max_age` are set, the age
/// taken on `age_on` ('MM-DD') in the season.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceCategory {
    pub id: i64,
    pub name: String,
    pub fee_cents: i64,
    pub min_age: Option<i64>,
    pub max_age: Option<i64>,
    pub age_on: Option<String>,
}

/// One licence as the federation sees it (restricted people never appear).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedLicenceRow {
    pub id: i64,
    pub licence_number: String,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub club: String,
    pub season: String,
    pub category: String,
    /// `requested`, `approved`, `refused`, `suspended` or `ended`.
    pub status: String,
    pub reason: Option<String>,
}

/// The federation's licences page: seasons, categories and one page of licences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedLicences {
    pub seasons: Vec<FedSeason>,
    pub categories: Vec<LicenceCategory>,
    pub licences: Vec<FedLicenceRow>,
    /// How many licences match the filter (the page shows at most 200), counted up to
    /// [`COUNT_CAP`] + 1: more than [`COUNT_CAP`] reads as "more than".
    pub total: i64,
}

/// The federation's licence list counts its matches up to this many (a count of every
/// licence of a large federation took seconds).
pub const COUNT_CAP: i64 = 10_000;

/// The filter of the federation's licence list (`season` id, `status`), as text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FedLicenceFilter {
    pub season: String,
    pub status: String,
}

/// The season form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SeasonForm {
    pub federation: String,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// The licence category form (the fee as typed, e.g. `45,00`; ages empty for none).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CategoryForm {
    pub federation: String,
    pub name: String,
    pub fee: String,
    pub min_age: String,
    pub max_age: String,
    /// `MM-DD`, required with an age band.
    pub age_on: String,
}

/// The federation's decision on licences: `approve`, `refuse` (with a reason), `suspend`
/// or `end`, on the ticked licences (`ids[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecideForm {
    pub federation: String,
    pub action: String,
    pub reason: String,
    pub ids: Vec<String>,
}

/// A federation field the club fills in on the request form (shared under the terms).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestField {
    pub key: String,
    pub label: String,
    /// `text`, `number`, `date`, `choice` or `yes_no`.
    pub kind: String,
    pub choices: Vec<String>,
    pub required: bool,
}

/// A federation the club may request licences from (actively affiliated, terms accepted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFederation {
    pub slug: String,
    pub name: String,
    pub seasons: Vec<FedSeason>,
    pub categories: Vec<LicenceCategory>,
    pub fields: Vec<RequestField>,
}

/// A licence of one of the club's members, as the club sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubLicenceRow {
    pub member_id: i64,
    pub name: String,
    pub federation: String,
    pub licence_number: String,
    pub season: String,
    pub category: String,
    pub status: String,
    pub reason: Option<String>,
}

/// The club's licences page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubLicences {
    pub federations: Vec<RequestFederation>,
    pub licences: Vec<ClubLicenceRow>,
    /// Whether the register may be shown to pick members (`members.view`).
    pub members: Vec<(i64, String)>,
}

/// A licence request: the members ticked (`ids[]`), or with `all=on` every member the
/// register's filter (`q`, `status`) shows; the federation's fields as `fed[key]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LicenceRequestForm {
    pub club: String,
    pub federation: String,
    pub season: String,
    pub category: String,
    pub ids: Vec<String>,
    pub all: String,
    pub q: String,
    pub status: String,
    pub fed: BTreeMap<String, String>,
}

/// What a request did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestOutcome {
    pub requested: i64,
    /// Already licensed for the season: left as they were.
    pub skipped: i64,
}

/// One of a member's own licences (My details).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyLicence {
    pub licence_number: String,
    pub federation: String,
    pub season: String,
    pub category: String,
    pub status: String,
}
