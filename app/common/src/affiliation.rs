//! Affiliations between federations and clubs (issue 18): what the club's federations page
//! and the federation's clubs page show, and the standard member fields a federation can
//! ask for in its sharing terms.

use crate::time::Timestamp;
use crate::Msg;
use serde::{Deserialize, Serialize};

/// The standard member fields a federation may ask for, with their label.
pub const STANDARD_FIELDS: &[(&str, Msg)] = &[
    ("given_name", Msg::AffFieldGivenName),
    ("family_name", Msg::AffFieldFamilyName),
    ("birth_date", Msg::AffFieldBirthDate),
    ("gender", Msg::AffFieldGender),
    ("email", Msg::AffFieldEmail),
    ("phone", Msg::AffFieldPhone),
    ("address", Msg::AffFieldAddress),
];

/// The kinds of a federation's own field.
pub const FED_FIELD_KINDS: &[(&str, Msg)] = &[
    ("text", Msg::AffKindText),
    ("number", Msg::AffKindNumber),
    ("date", Msg::AffKindDate),
    ("choice", Msg::AffKindChoice),
    ("yes_no", Msg::AffKindYesNo),
];

/// A field key of the sharing terms with its label (a standard field's label comes from
/// the message table; a federation field's is the federation's own text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermField {
    pub key: String,
    /// The federation's label for `fed:<key>`; `None` for a standard field.
    pub label: Option<String>,
}

/// One affiliation as either side sees it: `other_*` is the federation on the club's page
/// and the club on the federation's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffiliationInfo {
    pub id: i64,
    pub other_slug: String,
    pub other_name: String,
    /// `invited`, `requested`, `active`, `refused` or `ended`.
    pub status: String,
    /// `federation`, `club` or `operator`.
    pub initiated_by: String,
    /// The accepted terms: what the federation receives now.
    pub shared_fields: Vec<TermField>,
    pub terms_version: i64,
    pub accepted_at: Option<Timestamp>,
    pub accepted_by_name: Option<String>,
    /// The terms the federation proposes; awaiting the club's acceptance when
    /// `proposed_version > terms_version`.
    pub proposed_fields: Vec<TermField>,
    pub proposed_version: i64,
    pub started_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    pub reason: Option<String>,
    pub created_at: Timestamp,
}

impl AffiliationInfo {
    /// Whether newer terms wait for the club's acceptance.
    pub fn terms_pending(&self) -> bool {
        self.proposed_version > self.terms_version
            && matches!(self.status.as_str(), "invited" | "requested" | "active")
    }
}

/// A federation of the platform a club may ask to join.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FederationEntry {
    pub slug: String,
    pub name: String,
}

/// `/c/{club}/federations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubFederations {
    pub affiliations: Vec<AffiliationInfo>,
    /// The federations of the platform (to ask to join one).
    pub federations: Vec<FederationEntry>,
}

/// A federation's own field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedField {
    pub id: i64,
    pub key: String,
    pub label: String,
    pub kind: String,
    pub choices: String,
    pub required: bool,
    pub archived: bool,
}

/// A club of the platform the federation may invite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubEntry {
    pub slug: String,
    pub name: String,
    pub city: Option<String>,
}

/// `/f/{federation}/clubs`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FederationAffiliations {
    pub name: String,
    pub affiliations: Vec<AffiliationInfo>,
    pub fields: Vec<FedField>,
    /// The listed clubs of the platform's directory (to invite one).
    pub directory: Vec<ClubEntry>,
}

/// The form that proposes sharing terms (federation side).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsForm {
    pub federation: String,
    pub id: String,
    /// The chosen field keys (`fields[]` in the form).
    #[serde(default)]
    pub fields: Vec<String>,
}

/// The form that adds a federation field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedFieldForm {
    pub federation: String,
    pub key: String,
    pub label: String,
    pub kind: String,
    #[serde(default)]
    pub choices: String,
    #[serde(default)]
    pub required: Option<String>,
}
