//! Season renewal and health-insurer certificates (issue 20): the wire types of the
//! certificates a member may download, the club's certificate settings and the renewal
//! overview.

use crate::dto::Stamp;
use crate::ids::MemberId;
use serde::{Deserialize, Serialize};

/// A season a member paid for, for which a health-insurer certificate can be downloaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidSeason {
    /// The member the certificate is for (the caller or one of their minor children).
    pub member: MemberId,
    /// Empty for the caller's own record, the child's id otherwise (the download form's
    /// `child` field).
    pub child: Option<MemberId>,
    pub member_name: String,
    pub season_id: i64,
    pub season_name: String,
    pub amount_cents: i64,
    /// `YYYY-MM-DD`
    pub paid_on: Option<String>,
}

/// The club's certificate settings: who signs and whether a signature image is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CertificateSettings {
    pub officer_name: String,
    pub officer_role: String,
    /// `image/png` or `image/jpeg` when a signature image is stored.
    pub signature_type: Option<String>,
    /// The label of the custom field (of kind national register number) the certificate
    /// prints, when the club keeps one.
    pub national_number_field: Option<String>,
    pub version: i64,
    pub stamp: Option<Stamp>,
}

/// One member asked to renew, as the secretary's overview shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalEntry {
    pub member: MemberId,
    pub name: String,
    /// `pending`, `renewed` or `declined`.
    pub state: String,
    pub answered_at: Option<crate::time::Timestamp>,
    /// The member's record was ended because they did not renew.
    pub ended: bool,
}

/// A renewal into a season with its people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalSummary {
    pub id: i64,
    pub season_id: i64,
    pub season_name: String,
    /// `YYYY-MM-DD`: members who have not renewed end on this day.
    pub ends_on: String,
    pub filter: String,
    pub opened_at: crate::time::Timestamp,
    pub renewed: i64,
    pub pending: i64,
    pub declined: i64,
    pub entries: Vec<RenewalEntry>,
}

/// The renewal page: the seasons one may renew into and the renewals opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalOverview {
    /// `(id, name)` of the club's seasons.
    pub seasons: Vec<(i64, String)>,
    pub renewals: Vec<RenewalSummary>,
}

/// What the public renewal page shows to the holder of a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalInvitation {
    pub club_name: String,
    pub season_name: String,
    pub member_name: String,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    /// `pending`, `renewed` or `declined`.
    pub state: String,
    /// The purposes asked, `(id, version, title, text, agreed now)`.
    pub purposes: Vec<RenewalPurpose>,
}

/// A consent purpose asked again at renewal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalPurpose {
    pub id: i64,
    pub version: i64,
    pub title: crate::consent::Localized,
    pub text: crate::consent::Localized,
    pub agreed: bool,
}

/// Who signs the club's certificates (`fees.manage`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateOfficerForm {
    pub club: String,
    #[serde(default)]
    pub officer_name: String,
    #[serde(default)]
    pub officer_role: String,
    #[serde(default)]
    pub version: String,
}

/// Opening a renewal (`renewal.manage`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRenewalForm {
    pub club: String,
    #[serde(default)]
    pub season: String,
    #[serde(default)]
    pub ends_on: String,
    #[serde(default)]
    pub membership_type: String,
}

/// The answer through a renewal link (public): `renew` or `leave`, with the purposes agreed
/// to (`purposes[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalAnswerForm {
    pub club: String,
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub purposes: Vec<String>,
}
