//! Transfers between clubs of one federation (issue 18, item 5; xfer18): the federation's
//! windows and transfers, a club's transfers in and out, a member's own.

use serde::{Deserialize, Serialize};

/// One step of a transfer's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferStep {
    /// `asked_by_club`, `asked_by_member`, `consented`, `declined`, `released`,
    /// `objected`, `released_without_answer`, `approved` or `refused`.
    pub step: String,
    pub reason: Option<String>,
    pub at: i64,
    pub by: Option<String>,
}

/// A transfer as the page shows it, with what the viewer may do with it now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferView {
    pub id: i64,
    pub federation: String,
    pub person: String,
    pub licence_number: String,
    /// The federation may not see the person now (their record is restricted, or their
    /// club no longer shares): `person` and `licence_number` are empty. (`person` alone is
    /// empty when the club's terms do not share names.)
    #[serde(default)]
    pub withheld: bool,
    pub from_club: String,
    pub to_club: String,
    /// `consent`, `open`, `released`, `objected`, `approved` or `refused`.
    pub status: String,
    pub answer_due_at: Option<i64>,
    pub steps: Vec<TransferStep>,
    /// The viewer (the old club) may release or object now.
    pub can_answer: bool,
    /// The viewer (the federation) may decide now.
    pub can_decide: bool,
    /// The viewer (the person) may consent or decline now.
    pub can_consent: bool,
}

/// A transfer window of a season.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferWindow {
    pub id: i64,
    pub season: String,
    pub opens_on: String,
    pub closes_on: String,
    pub objection_days: i64,
}

/// The federation's transfers page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedTransfers {
    /// The seasons a window can be set for: id and name.
    pub seasons: Vec<(i64, String)>,
    pub windows: Vec<TransferWindow>,
    pub transfers: Vec<TransferView>,
}

/// A club's transfers page: its transfers in and out in its federations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubTransfers {
    /// The club's active federations: slug and name.
    pub federations: Vec<(String, String)>,
    pub transfers: Vec<TransferView>,
}

/// A member's own transfers (My details) and the clubs they may ask to move to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTransfers {
    pub licensed: bool,
    /// The other clubs of the person's federations: slug and name.
    pub clubs: Vec<(String, String)>,
    pub transfers: Vec<TransferView>,
}

/// The words for a step of a transfer's history.
pub fn step_msg(step: &str) -> crate::Msg {
    use crate::Msg;
    match step {
        "asked_by_club" => Msg::XferStepAskedByClub,
        "asked_by_member" => Msg::XferStepAskedByMember,
        "consented" => Msg::XferStepConsented,
        "declined" => Msg::XferStepDeclined,
        "released" => Msg::XferStepReleased,
        "objected" => Msg::XferStepObjected,
        "released_without_answer" => Msg::XferStepReleasedSilently,
        "approved" => Msg::XferStepApproved,
        _ => Msg::XferStepRefused,
    }
}

/// The words for a transfer's status.
pub fn status_msg(status: &str) -> crate::Msg {
    use crate::Msg;
    match status {
        "consent" => Msg::XferStatusConsent,
        "open" => Msg::XferStatusOpen,
        "released" => Msg::XferStatusReleased,
        "objected" => Msg::XferStatusObjected,
        "approved" => Msg::XferStatusApproved,
        _ => Msg::XferStatusRefused,
    }
}
