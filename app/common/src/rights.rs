//! Members' data-protection rights (issue 17): the kinds and states of a request and what
//! the My data page and the staff queue show. Shared by the server and the pages.

use crate::dto::PersonLink;
use crate::time::{Date, Timestamp};
use crate::{MemberId, Msg};
use serde::{Deserialize, Serialize};

/// What a member asks about their data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestKind {
    /// A copy of what the club holds beyond the download (or recorded by staff).
    Access,
    /// Correct something (`details` says what).
    Rectification,
    /// Erase the person from the club (done: anonymised everywhere in the club).
    Erasure,
    /// Restrict the processing (done: the record drops out of lists, searches, exports).
    Restriction,
    /// Object to one purpose (`details` names it).
    Objection,
}

impl RequestKind {
    pub const ALL: [RequestKind; 5] = [
        RequestKind::Access,
        RequestKind::Rectification,
        RequestKind::Erasure,
        RequestKind::Restriction,
        RequestKind::Objection,
    ];
    /// What a member can ask on the My data page (access is the download itself).
    pub const ASKED: [RequestKind; 4] = [
        RequestKind::Rectification,
        RequestKind::Erasure,
        RequestKind::Restriction,
        RequestKind::Objection,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Access => "access",
            RequestKind::Rectification => "rectification",
            RequestKind::Erasure => "erasure",
            RequestKind::Restriction => "restriction",
            RequestKind::Objection => "objection",
        }
    }

    pub fn parse(s: &str) -> Option<RequestKind> {
        RequestKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn msg(self) -> Msg {
        match self {
            RequestKind::Access => Msg::RightsKindAccess,
            RequestKind::Rectification => Msg::RightsKindRectification,
            RequestKind::Erasure => Msg::RightsKindErasure,
            RequestKind::Restriction => Msg::RightsKindRestriction,
            RequestKind::Objection => Msg::RightsKindObjection,
        }
    }

    /// Whether the request needs the member's own words (what to correct, the purpose).
    pub fn needs_details(self) -> bool {
        matches!(self, RequestKind::Rectification | RequestKind::Objection)
    }
}

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestStatus {
    Open,
    InProgress,
    Extended,
    Done,
    Refused,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::InProgress => "in_progress",
            RequestStatus::Extended => "extended",
            RequestStatus::Done => "done",
            RequestStatus::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Option<RequestStatus> {
        [
            RequestStatus::Open,
            RequestStatus::InProgress,
            RequestStatus::Extended,
            RequestStatus::Done,
            RequestStatus::Refused,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    pub fn msg(self) -> Msg {
        match self {
            RequestStatus::Open => Msg::RightsStatusOpen,
            RequestStatus::InProgress => Msg::RightsStatusInProgress,
            RequestStatus::Extended => Msg::RightsStatusExtended,
            RequestStatus::Done => Msg::RightsStatusDone,
            RequestStatus::Refused => Msg::RightsStatusRefused,
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(self, RequestStatus::Done | RequestStatus::Refused)
    }
}

/// One request as the member and staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivacyRequest {
    /// The id as text (64-bit ids do not survive JavaScript numbers).
    pub id: String,
    pub member: PersonLink,
    pub kind: RequestKind,
    pub details: Option<String>,
    pub status: RequestStatus,
    pub received_at: Timestamp,
    pub first_due_on: Date,
    pub due_on: Date,
    pub extension_reason: Option<String>,
    pub refusal_reason: Option<String>,
    pub closed_at: Option<Timestamp>,
    /// Open past its deadline (in the club's time zone).
    pub overdue: bool,
    /// Can still be extended: open or in progress, never extended, first deadline not past.
    pub can_extend: bool,
    pub version: i64,
}

/// The My data page: whose data (the caller, or a minor child), the others the caller may
/// act for, the requests, and the record's state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyData {
    pub subject: PersonLink,
    /// `None` for the caller's own record, the child's id otherwise.
    pub child: Option<MemberId>,
    /// The caller's own record (if any) and their minor children.
    pub people: Vec<(Option<MemberId>, PersonLink)>,
    pub requests: Vec<PrivacyRequest>,
    pub restricted_at: Option<Timestamp>,
    pub erased: bool,
    /// The club's time zone, for the dates shown.
    pub time_zone: String,
    /// How many federation reads in the club's event log named this person (xfer18).
    #[serde(default)]
    pub federation_reads: i64,
}

/// The staff queue: open requests by deadline, then the latest closed ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestQueue {
    pub open: Vec<PrivacyRequest>,
    pub closed: Vec<PrivacyRequest>,
    pub overdue: i64,
    pub time_zone: String,
}
