//! Duplicate member records (issue 19): the possible duplicates of a person, the
//! two records of a merge side by side, the fields a merge chooses per field.

use crate::dto::MemberDetail;
use crate::ids::MemberId;
use serde::{Deserialize, Serialize};

/// Why a record may be the same person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DuplicateReason {
    /// The same e-mail address.
    Email,
    /// The same name (case, accents, spaces and hyphens aside) and birth date.
    NameAndBirthDate,
    /// A similar name (one letter off, or first and last name swapped) and the same birth date.
    SimilarName,
}

/// A record that may be the same person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    pub id: MemberId,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub email: Option<String>,
    pub reason: DuplicateReason,
}

/// The fields a merge chooses per field: the value of the kept record unless the form
/// names this field with `remove` (the value of the record that goes).
pub const MERGE_FIELDS: &[&str] = &[
    "given_name",
    "family_name",
    "birth_date",
    "gender",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "status",
    "joined_on",
    "ended_on",
    "membership_type",
    "season",
];

/// The merge confirmation page: both records side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergePreview {
    pub keep: MemberDetail,
    pub remove: MemberDetail,
}

/// The guardian page of a minor: who may become a guardian.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardianChoice {
    pub child: MemberDetail,
    /// Adult members found by the search typed (at most 20).
    pub candidates: Vec<crate::dto::PersonLink>,
    pub query: String,
}
