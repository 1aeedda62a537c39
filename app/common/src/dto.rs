//! What the server functions return. These are wire types: they carry only what the page
//! shows, never secrets (no hashes, no tokens).

use crate::ids::{MemberId, TenantId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TenantKind {
    Operator,
    Federation,
    Club,
}

impl TenantKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TenantKind::Operator => "operator",
            TenantKind::Federation => "federation",
            TenantKind::Club => "club",
        }
    }
    pub fn parse(s: &str) -> Option<TenantKind> {
        match s {
            "operator" => Some(TenantKind::Operator),
            "federation" => Some(TenantKind::Federation),
            "club" => Some(TenantKind::Club),
            _ => None,
        }
    }
    /// The first path segment of this tenant kind's pages.
    pub fn path_prefix(self) -> &'static str {
        match self {
            TenantKind::Operator => "/admin",
            TenantKind::Federation => "/f/",
            TenantKind::Club => "/c/",
        }
    }
}

/// A person's role in one tenant. Club-defined roles replace this with the roles module;
/// until then these three cover the foundation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Member,
    Staff,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "member" => Some(Role::Member),
            "staff" => Some(Role::Staff),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberStatus {
    Applicant,
    Active,
    Suspended,
    Ended,
}

impl MemberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Applicant => "applicant",
            MemberStatus::Active => "active",
            MemberStatus::Suspended => "suspended",
            MemberStatus::Ended => "ended",
        }
    }
    pub fn parse(s: &str) -> Option<MemberStatus> {
        match s {
            "applicant" => Some(MemberStatus::Applicant),
            "active" => Some(MemberStatus::Active),
            "suspended" => Some(MemberStatus::Suspended),
            "ended" => Some(MemberStatus::Ended),
            _ => None,
        }
    }
}

/// Who made the last change to a record, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub at: Timestamp,
    /// The display name of the person, or `None` for a change made by the system
    /// (demo seed, migration, scheduled job).
    pub by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub name: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipEntry {
    pub slug: String,
    pub name: String,
    pub kind: TenantKind,
    pub role: Role,
}

impl MembershipEntry {
    pub fn href(&self) -> String {
        match self.kind {
            TenantKind::Operator => "/admin".to_string(),
            k => format!("{}{}", k.path_prefix(), self.slug),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryEntry {
    pub slug: String,
    pub name: String,
    pub city: Option<String>,
    pub federation: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Landing {
    pub viewer: Option<Viewer>,
    pub memberships: Vec<MembershipEntry>,
    pub directory: Vec<DirectoryEntry>,
}

/// What every club page needs for its frame: name, colours, the viewer's role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubFrame {
    pub id: TenantId,
    pub slug: String,
    pub name: String,
    pub primary_color: String,
    pub accent_color: String,
    pub role: Role,
    pub can_view_members: bool,
    /// May see the club's event log and reset members' second factors.
    pub can_administer: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubHome {
    pub frame: ClubFrame,
    pub city: Option<String>,
    pub federation: Option<(String, String)>,
    pub members: i64,
    pub active_members: i64,
    pub minors: i64,
    pub families: i64,
    pub stamp: Stamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubSummary {
    pub slug: String,
    pub name: String,
    pub city: Option<String>,
    pub members: i64,
    pub active_members: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FederationHome {
    pub slug: String,
    pub name: String,
    pub role: Role,
    pub clubs: Vec<ClubSummary>,
    pub stamp: Stamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub id: MemberId,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub email: Option<String>,
    pub city: Option<String>,
    pub status: MemberStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPage {
    pub rows: Vec<MemberRow>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub query: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonLink {
    pub id: MemberId,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDetail {
    pub id: MemberId,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub status: MemberStatus,
    pub joined_on: Option<String>,
    pub guardians: Vec<PersonLink>,
    pub children: Vec<PersonLink>,
    pub stamp: Stamp,
    /// The record's account has a second factor the viewer may reset.
    pub can_reset_factor: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantOverviewRow {
    pub slug: String,
    pub name: String,
    pub kind: TenantKind,
    pub parent: Option<String>,
    pub status: String,
    pub members: i64,
    pub users: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub tenants: Vec<TenantOverviewRow>,
    pub stamp: Stamp,
}

/// An authenticator-app enrolment in progress: shown only to its owner, and not active
/// until confirmed with a code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    pub pending_key: String,
    pub qr_svg: String,
    pub account: String,
    /// Whether the enrolment is required (a staff role) rather than chosen.
    pub required: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// An opaque handle for revoking it (the session id; the caller's own anyway).
    pub handle: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub address: Option<String>,
    pub device: Option<String>,
    pub current: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityEvent {
    pub kind: String,
    pub at: Timestamp,
    pub address: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountOverview {
    pub viewer: Viewer,
    pub totp_enabled: bool,
    pub is_staff: bool,
    pub recovery_codes_left: i64,
    pub sessions: Vec<SessionInfo>,
    pub events: Vec<SecurityEvent>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubEventEntry {
    pub kind: String,
    pub detail: Option<String>,
    pub at: Timestamp,
    pub person: Option<String>,
}
