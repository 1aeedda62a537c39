//! The member register: the types of a record and of its inputs.

use std::collections::BTreeMap;
use tessera_common::dto::MemberStatus;

/// A new member record.
#[derive(Clone, Debug, Default)]
pub struct NewMember {
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub status: Option<MemberStatus>,
    pub joined_on: Option<String>,
    pub membership_type: Option<String>,
    pub season: Option<String>,
}

/// The key the register sorts by: family name, then given name, case-folded.
pub use crate::search::sort_name;

/// Counts for the club home page.
pub struct ClubCounts {
    pub members: i64,
    pub active: i64,
    pub minors: i64,
    pub families: i64,
}

pub const PER_PAGE: i64 = 50;

// ---------------------------------------------------------------- changing a record

/// A member record as a form submits it: every standard field as typed (the form's own
/// type, shared with the pages).
pub use tessera_common::dto::MemberForm as MemberInput;

/// The fields a member may change in their own record.
#[derive(Clone, Debug, Default)]
pub struct SelfInput {
    pub email: String,
    pub phone: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    /// The club's own fields the member may change, as posted (see `MemberForm::custom`).
    pub custom: BTreeMap<String, String>,
}

/// What inviting a member to an account did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invitation {
    /// A link to set a password was mailed (a new account, or one never used).
    Sent,
    /// The address already belongs to an account that signs in: it is now linked to the
    /// record, no mail needed.
    Linked,
}

/// The age from which a member manages their own record: guardians' access ends then.
pub const AGE_OF_MAJORITY: i32 = 18;
