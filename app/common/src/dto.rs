//! What the server functions return. These are wire types: they carry only what the page
//! shows, never secrets (no hashes, no tokens).

use crate::ids::{MemberId, MembershipId, RoleId, TenantId};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[path = "dto_retention.rs"]
mod retention;
pub use retention::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// Holds the built-in administrator role there.
    pub admin: bool,
    /// The names of the other roles held there; none for a plain member.
    pub roles: Vec<String>,
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

/// What every club page needs for its frame: name, logo, colours, the viewer's roles and
/// rights, the navigation they may use, and whether the environment is read-only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubFrame {
    pub id: TenantId,
    pub slug: String,
    pub name: String,
    pub primary_color: String,
    pub accent_color: String,
    /// The logo's address (versioned, so it can be cached), if the club has one.
    pub logo: Option<String>,
    /// The viewer holds the built-in administrator role.
    pub admin: bool,
    /// The names of the viewer's other roles; empty for a plain member.
    pub roles: Vec<String>,
    /// The viewer's permissions in this club (ids), only those of switched-on modules.
    pub permissions: Vec<String>,
    /// The switched-on modules (ids).
    pub modules: Vec<String>,
    /// The viewer's account is linked to a member record here (`/me` shows it).
    pub has_record: bool,
    /// Terms of use the viewer must accept before anything else of the club opens.
    pub terms_pending: Option<TermsText>,
    /// Set when the trial has ended: the environment is read-only.
    pub read_only_since: Option<Timestamp>,
    /// Set while a trial runs: when it ends.
    pub trial_ends_at: Option<Timestamp>,
    /// The club's time zone (a time-zone database name): times on its pages are shown there.
    #[serde(default)]
    pub time_zone: String,
    /// The viewer's membership has ended: only their own data opens.
    #[serde(default)]
    pub membership_ended: bool,
    /// The operator ended the club's contract: read-only from its end, deleted later.
    #[serde(default)]
    pub contract: Option<ContractEnd>,
}

impl ClubFrame {
    pub fn can(&self, permission: &str) -> bool {
        self.permissions.iter().any(|p| p == permission)
    }
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
    pub admin: bool,
    pub roles: Vec<String>,
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
    /// The filters and order of this page, as checked (the state kept in the address).
    pub filter: MemberFilter,
    /// The membership types and seasons in use, for the filters to offer.
    pub types: Vec<String>,
    pub seasons: Vec<String>,
    /// The club's fields the register can filter on (choice, multiple choice, yes/no).
    pub filter_fields: Vec<CustomField>,
    /// The viewer may add and change records.
    pub can_edit: bool,
    /// The consent purposes the register can filter on.
    #[serde(default)]
    pub purposes: Vec<(i64, crate::consent::Localized)>,
    /// reconcile: the viewer may filter on payment status (`fees.view`, fees on).
    #[serde(default)]
    pub can_see_fees: bool,
    /// groups: the viewer may tick members and add / end them in a group (`groups.manage`).
    #[serde(default)]
    pub can_manage_groups: bool,
    /// mailings: the viewer may mail the filtered selection (`mailings.send`).
    #[serde(default)]
    pub can_mail: bool,
}

/// The filters and order of the member register, as they appear in its address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFilter {
    pub query: String,
    pub status: String,
    pub membership_type: String,
    pub season: String,
    /// `name`, `birth` or `joined`, with a leading `-` for descending.
    pub sort: String,
    /// Filters on the club's choice fields: field id → the chosen option (`cf{id}=…` in
    /// the address).
    pub fields: BTreeMap<i64, String>,
    /// Only the members with consent given now for this purpose (its id; `consent=` in the
    /// address): "who may receive newsletter X".
    #[serde(default)]
    pub consent: String,
    /// Rows per page as asked (`per=` in the address): one of [`MemberFilter::PAGE_SIZES`];
    /// anything else means the default, 50.
    #[serde(default)]
    pub per_page: i64,
    /// Only the members in this group today (its id; `group=` in the address).
    #[serde(default)]
    pub group: String,
    /// reconcile: only the members with an invoice of the current season still open or
    /// partly paid (`unpaid=1` in the address; needs `fees.view`).
    #[serde(default)]
    pub unpaid: String,
}

impl MemberFilter {
    /// The page sizes the register offers.
    pub const PAGE_SIZES: [i64; 3] = [25, 50, 100];

    /// The rows per page this filter shows: the size asked for when the register offers it,
    /// else 50.
    pub fn rows_per_page(&self) -> i64 {
        if Self::PAGE_SIZES.contains(&self.per_page) {
            self.per_page
        } else {
            50
        }
    }

    /// The query string of this filter at `page` (empty values left out).
    pub fn to_query(&self, page: i64) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("q", &self.query),
            ("status", &self.status),
            ("type", &self.membership_type),
            ("season", &self.season),
            ("consent", &self.consent),
            ("group", &self.group),
            ("unpaid", &self.unpaid),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", encode(v)));
            }
        }
        for (id, v) in &self.fields {
            if !v.is_empty() {
                parts.push(format!("cf{id}={}", encode(v)));
            }
        }
        if !self.sort.is_empty() && self.sort != "name" {
            parts.push(format!("sort={}", encode(&self.sort)));
        }
        if self.rows_per_page() != 50 {
            parts.push(format!("per={}", self.rows_per_page()));
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        parts.join("&")
    }
}

/// Everything but RFC 3986's unreserved characters (`A–Z a–z 0–9 - _ . ~`) is encoded.
pub const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a query value (UTF-8, upper-case hex, no `+` for spaces).
pub fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, QUERY_VALUE).to_string()
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
    pub ended_on: Option<String>,
    /// `f`, `m` or `x`, when given.
    pub gender: Option<String>,
    pub membership_type: Option<String>,
    /// Like `2026-2027`.
    pub season: Option<String>,
    /// For optimistic concurrency: a save names the version it started from.
    pub version: i64,
    /// The viewer may change this record.
    pub can_edit: bool,
    /// An account in this club is linked to the record.
    pub has_account: bool,
    pub guardians: Vec<PersonLink>,
    pub children: Vec<PersonLink>,
    pub stamp: Stamp,
    /// The record's account has a second factor the viewer may reset.
    pub can_reset_factor: bool,
    /// The record's account and its roles, for those who may assign roles.
    pub account: Option<AccountRoles>,
    /// The club's own fields the viewer may see, with this record's values.
    pub custom: Vec<CustomValue>,
    /// Since when the processing of the record is restricted (issue 17): it then stays out
    /// of lists, searches and exports and can only be changed to lift the restriction.
    #[serde(default)]
    pub restricted_at: Option<crate::time::Timestamp>,
    /// The person was erased: the record is an anonymous placeholder.
    #[serde(default)]
    pub erased: bool,
}

/// One version of a club's terms of use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsText {
    pub number: i64,
    pub body: String,
    pub published_at: Timestamp,
    pub stamp: Stamp,
}

/// The terms page of a club's settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsSettings {
    pub current: Option<TermsText>,
    /// How many people accepted the current version, of how many in the club.
    pub accepted: i64,
    pub people: i64,
}

/// A member record as its form holds it: every field as typed (kept when a save is refused,
/// so nothing typed is lost).
///
/// It is also the argument of the server functions that save a record, flattened
/// (`#[server(flatten)]`), so a form posts its fields under their own names; a field the
/// form leaves out is empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberForm {
    pub given_name: String,
    pub family_name: String,
    pub birth_date: String,
    pub gender: String,
    pub email: String,
    pub phone: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub membership_type: String,
    pub season: String,
    pub status: String,
    pub joined_on: String,
    pub ended_on: String,
    /// The club's own fields as posted: `cf[c{id}]` for one value, `cf[c{id}~{n}]` for each
    /// chosen option of a multiple choice.
    #[serde(alias = "cf")]
    pub custom: BTreeMap<String, String>,
}

/// The arguments of `update_member`: the record, the version its form was opened at, and
/// the fields (posted under their own names).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberUpdate {
    pub club: String,
    pub id: String,
    #[serde(default)]
    pub version: String,
    #[serde(flatten)]
    pub form: MemberForm,
}

/// What a form's validation as you type sends (`check_form`): which form, and everything
/// typed in it, URL-encoded exactly as the form would post it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormCheck {
    pub club: String,
    /// `member` (the staff form of a record) or `join` (a registration form).
    pub kind: String,
    /// The registration form's slug (`join`).
    #[serde(default)]
    pub form: String,
    #[serde(default)]
    pub body: String,
    /// The page's language (`<html lang>`), for the messages.
    #[serde(default)]
    pub lang: String,
}

/// One message of `check_form`: the input's `name` and the text in the page's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessage {
    pub name: String,
    pub text: String,
}

impl MemberForm {
    /// The form filled with a stored record.
    pub fn of(m: &MemberDetail) -> MemberForm {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        MemberForm {
            given_name: m.given_name.clone(),
            family_name: m.family_name.clone(),
            birth_date: s(&m.birth_date),
            gender: s(&m.gender),
            email: s(&m.email),
            phone: s(&m.phone),
            street: s(&m.street),
            postcode: s(&m.postcode),
            city: s(&m.city),
            membership_type: s(&m.membership_type),
            season: s(&m.season),
            status: m.status.as_str().to_string(),
            joined_on: s(&m.joined_on),
            ended_on: s(&m.ended_on),
            custom: custom_form(&m.custom),
        }
    }
}

/// The edit page of a member record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberEdit {
    /// The record being changed; `None` for a new one.
    pub member: Option<MemberDetail>,
    /// What was typed in a save that was refused, to fill the form with again.
    pub draft: Option<MemberForm>,
    /// The membership types the club uses, offered while typing.
    pub types: Vec<String>,
    /// The club's own fields the editor may fill in (with the record's values).
    pub custom: Vec<CustomValue>,
    /// The records that may be the same person as the new record typed (a refused save).
    #[serde(default)]
    pub duplicates: Vec<crate::dupes::Duplicate>,
}

/// A member's own record (`/c/{club}/me`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRecord {
    pub member: MemberDetail,
    pub draft: Option<MemberForm>,
    /// The caller's minor children (their guardian's view), on their own record's page.
    pub children: Vec<PersonLink>,
    /// Set when this is a child's record seen by their guardian.
    pub as_guardian: bool,
}

/// The account linked to a member record, and which of the club's roles it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRoles {
    pub membership: MembershipId,
    pub email: String,
    pub roles: Vec<RoleChoice>,
    pub stamp: Stamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleChoice {
    pub id: RoleId,
    pub name: String,
    pub admin: bool,
    pub staff: bool,
    pub held: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantOverviewRow {
    pub slug: String,
    pub name: String,
    pub kind: TenantKind,
    pub parent: Option<String>,
    pub status: String,
    pub plan: Option<String>,
    pub trial_ends_at: Option<Timestamp>,
    pub members: i64,
    pub users: i64,
    /// The contract's end and the deletion day, once the operator ended it.
    #[serde(default)]
    pub contract: Option<ContractEnd>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub tenants: Vec<TenantOverviewRow>,
    pub plans: Vec<PlanInfo>,
    /// Whether the viewer may create tenants, suspend them and assign plans.
    pub can_manage: bool,
    pub stamp: Stamp,
}

/// A plan: the modules a tenant may use, a cap on administrators, and whether it is a
/// trial with its length.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInfo {
    pub id: String,
    pub name: String,
    pub modules: Vec<String>,
    pub max_admins: Option<i64>,
    pub trial_days: Option<i64>,
}

/// One module as the club's settings page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleState {
    pub id: String,
    pub on: bool,
    pub in_plan: bool,
    pub always_on: bool,
    /// The last change of its switch, if it was ever switched.
    pub stamp: Option<Stamp>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleSettings {
    pub plan: Option<PlanInfo>,
    pub modules: Vec<ModuleState>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleInfo {
    pub id: RoleId,
    pub name: String,
    /// The built-in administrator role: every permission, never empty.
    pub admin: bool,
    pub staff: bool,
    pub permissions: Vec<String>,
    pub holders: i64,
    /// For optimistic concurrency: a save names the version it started from.
    pub version: i64,
    pub stamp: Stamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RolesOverview {
    pub roles: Vec<RoleInfo>,
    /// The permissions of the modules in the club's plan (what a role may be given).
    pub grantable: Vec<String>,
    /// The permissions of switched-on modules (what takes effect now).
    pub active: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub membership: MembershipId,
    pub name: String,
    pub email: String,
    pub member: Option<MemberId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDetail {
    pub role: RoleInfo,
    pub holders: Vec<PersonRef>,
    pub grantable: Vec<String>,
    pub active: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminEntry {
    pub person: PersonRef,
    /// The account has not set a password yet (invitation not accepted).
    pub invited: bool,
    pub stamp: Stamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminsOverview {
    pub admins: Vec<AdminEntry>,
    pub max_admins: Option<i64>,
    /// Pending administrator invitations, as the inviter typed them.
    #[serde(default)]
    pub pending: Vec<AdminInvitationEntry>,
}

/// A pending administrator invitation: only what the inviter typed, never a name from an
/// account of another club.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminInvitationEntry {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub invited_at: Timestamp,
    pub expires_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookSettings {
    pub name: String,
    pub primary_color: String,
    pub accent_color: String,
    pub default_lang: String,
    pub logo: Option<String>,
    pub version: i64,
    pub stamp: Stamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportEntry {
    pub at: Timestamp,
    pub person: Option<String>,
    pub detail: Option<String>,
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

// ---------------------------------------------------------------- custom fields

/// The kinds of field a club can add to its member records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldKind {
    Text,
    LongText,
    Number,
    Date,
    Choice,
    Multi,
    YesNo,
    Email,
    Phone,
    Iban,
    NationalNumber,
}

impl FieldKind {
    pub const ALL: [FieldKind; 11] = [
        FieldKind::Text,
        FieldKind::LongText,
        FieldKind::Number,
        FieldKind::Date,
        FieldKind::Choice,
        FieldKind::Multi,
        FieldKind::YesNo,
        FieldKind::Email,
        FieldKind::Phone,
        FieldKind::Iban,
        FieldKind::NationalNumber,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::LongText => "long_text",
            FieldKind::Number => "number",
            FieldKind::Date => "date",
            FieldKind::Choice => "choice",
            FieldKind::Multi => "multi",
            FieldKind::YesNo => "yes_no",
            FieldKind::Email => "email",
            FieldKind::Phone => "phone",
            FieldKind::Iban => "iban",
            FieldKind::NationalNumber => "national_number",
        }
    }

    pub fn parse(s: &str) -> Option<FieldKind> {
        FieldKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Chosen from a list of options the club gives.
    pub fn has_options(self) -> bool {
        matches!(self, FieldKind::Choice | FieldKind::Multi)
    }

    /// The register can filter on it.
    pub fn filterable(self) -> bool {
        matches!(
            self,
            FieldKind::Choice | FieldKind::Multi | FieldKind::YesNo
        )
    }
}

/// Who may see a custom field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldVisibility {
    /// Staff who see the register, and the member (or their guardian).
    Member,
    /// Staff who see the register only.
    Staff,
    /// Only those with the permission for sensitive fields (always so for a national
    /// register number).
    Sensitive,
}

impl FieldVisibility {
    pub const ALL: [FieldVisibility; 3] = [
        FieldVisibility::Member,
        FieldVisibility::Staff,
        FieldVisibility::Sensitive,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FieldVisibility::Member => "member",
            FieldVisibility::Staff => "staff",
            FieldVisibility::Sensitive => "sensitive",
        }
    }

    pub fn parse(s: &str) -> Option<FieldVisibility> {
        FieldVisibility::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A custom field as the club defined it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomField {
    pub id: i64,
    pub label: String,
    pub kind: FieldKind,
    pub help: Option<String>,
    pub required: bool,
    pub options: Vec<String>,
    pub visibility: FieldVisibility,
    pub member_editable: bool,
    pub version: i64,
    pub stamp: Stamp,
}

/// A custom field with one record's value(s), as the viewer may see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomValue {
    pub field: CustomField,
    /// The stored values: one, or one per chosen option; empty when not filled in.
    pub values: Vec<String>,
    /// The viewer may change it on this page.
    pub editable: bool,
}

/// The form keys of a record's custom values (see [`MemberForm::custom`]).
pub fn custom_form(values: &[CustomValue]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for v in values {
        if v.field.kind == FieldKind::Multi {
            for (n, value) in v.values.iter().enumerate() {
                out.insert(format!("c{}~{n}", v.field.id), value.clone());
            }
        } else if let Some(value) = v.values.first() {
            out.insert(format!("c{}", v.field.id), value.clone());
        }
    }
    out
}

/// The club's custom fields, for the settings page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSettings {
    pub fields: Vec<CustomField>,
    /// What was typed in a refused save (the field id, or `new`).
    pub draft: Option<FieldForm>,
    pub draft_for: Option<String>,
}

/// A custom field's definition as its form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldForm {
    pub label: String,
    pub kind: String,
    pub help: String,
    pub required: bool,
    /// One option per line.
    pub options: String,
    pub visibility: String,
    pub member_editable: bool,
}

// ---------------------------------------------------------------- registration forms

/// The standard fields a registration form can ask for, beyond the name (always asked).
pub const FORM_STANDARD_FIELDS: [&str; 6] = [
    "birth_date",
    "gender",
    "phone",
    "street",
    "postcode",
    "city",
];

/// One field of a registration form: a standard field or `cf{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    pub key: String,
    pub required: bool,
    pub help: String,
}

/// A registration form as the club built it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegForm {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub intro: Option<String>,
    /// `self` or `family` (a guardian registers children).
    pub audience: String,
    pub fields: Vec<FormField>,
    pub consent_text: Option<String>,
    pub consent_version: i64,
    pub auto_approve: bool,
    pub published: bool,
    pub version: i64,
    pub stamp: Stamp,
}

/// The club's registration forms and what waits for review (`forms.manage`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormsOverview {
    pub forms: Vec<RegForm>,
    /// The custom fields a form can ask for.
    pub custom: Vec<CustomField>,
    pub pending: i64,
    pub draft: Option<RegFormInput>,
    pub draft_for: Option<String>,
}

/// A registration form's definition as its settings form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegFormInput {
    pub title: String,
    pub slug: String,
    pub intro: String,
    pub audience: String,
    /// Field key → `on` when asked; `req:{key}` → `on` when required; `help:{key}` → text.
    pub fields: BTreeMap<String, String>,
    pub consent_text: String,
    pub auto_approve: bool,
    pub published: bool,
}

/// A published form as the public sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicForm {
    pub club_name: String,
    /// The club's colours (`#rrggbb`, checked when stored) and logo address: the public page
    /// looks like the club.
    pub club_primary_color: String,
    pub club_accent_color: String,
    pub club_logo: Option<String>,
    pub form: RegForm,
    /// The custom fields the form asks for.
    pub custom: Vec<CustomField>,
    /// Proves when the form was handed out (a minimum fill time against robots).
    pub started: String,
    /// The club's latest terms of use, to link to.
    pub terms: Option<TermsText>,
    /// What was typed in a refused submission.
    pub draft: Option<BTreeMap<String, String>>,
    pub max_people: usize,
    /// The club's consent purposes the form asks besides its own consent text, each a box
    /// never ticked in advance (`purposes[]`).
    #[serde(default)]
    pub purposes: Vec<crate::consent::AskedPurpose>,
}

/// One person of a submission, as the reviewer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationPerson {
    pub name: String,
    /// Label → value, in the form's order.
    pub values: Vec<(String, String)>,
    /// Records of the club that may be this person (for reviewers who see the register;
    /// the submitter is never told).
    #[serde(default)]
    pub duplicates: Vec<crate::dupes::Duplicate>,
}

/// A registration waiting for review, or decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: i64,
    pub form_title: String,
    pub email: String,
    pub guardian: Option<String>,
    pub people: Vec<ApplicationPerson>,
    pub status: String,
    pub submitted_at: Timestamp,
    pub reason: Option<String>,
    pub consent_version: Option<i64>,
    pub version: i64,
}

/// The registrations of a club (`forms.review`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applications {
    pub pending: Vec<Application>,
    pub recent: Vec<Application>,
}

// ---------------------------------------------------------------- member import (CSV)

/// A column of an import file and the field it goes to: a standard member field
/// (`given_name`, `birth_date`, …) or `ignore`. The target is a plain string key so other
/// kinds of targets (`custom:<key>`) can be added without reshaping the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportColumn {
    /// The column's position in the file, from 0.
    pub column: usize,
    /// The column's name in the header row.
    pub header: String,
    pub target: String,
}

/// What an uploaded file looks like before any mapping: its columns, the delimiter found,
/// how many data rows it has, and the mapping proposed from the header names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFileInfo {
    pub headers: Vec<String>,
    /// `,` or `;`.
    pub delimiter: char,
    pub rows: usize,
    pub suggested: Vec<ImportColumn>,
}

/// A problem of one row. `row` is the line of the file where the row starts (the header is
/// line 1), which is the spreadsheet's row number unless a cell holds a line break.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub row: usize,
    /// The member field (`birth_date`, …), or `columns` when the row itself is malformed.
    pub field: String,
    /// The name of the file's column the field came from (empty for `columns`).
    pub header: String,
    pub problem: crate::error::Problem,
}

/// A row that will be skipped because the person is already there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportDuplicate {
    pub row: usize,
    /// Why, in words: "same e-mail address as a member of the club", "same name and birth
    /// date as row 12", …
    pub reason: String,
}

/// A row as it would be stored, for the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSample {
    pub row: usize,
    pub member: MemberForm,
}

/// The validation report of an import: the totals, the first problems and duplicates (the
/// counts are complete), and the first rows as they would be stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub headers: Vec<String>,
    pub delimiter: char,
    /// The mapping used, one entry per column of the file.
    pub mapping: Vec<ImportColumn>,
    /// Data rows in the file (the header and blank lines not counted).
    pub rows: usize,
    /// Rows without problems (duplicates included).
    pub valid: usize,
    /// Rows with at least one problem.
    pub invalid: usize,
    /// Valid rows skipped because the club already has the person.
    pub duplicates_existing: usize,
    /// Valid rows skipped because an earlier row of the file has the person.
    pub duplicates_in_file: usize,
    /// Rows a commit would add (when there are no invalid rows).
    pub to_add: usize,
    /// The first problems, in file order.
    pub problems: Vec<ImportProblem>,
    /// All problems, of which `problems` shows the first.
    pub problem_count: usize,
    /// The first duplicates, in file order.
    pub duplicates: Vec<ImportDuplicate>,
    /// The first rows to add, as they would be stored.
    pub sample: Vec<ImportSample>,
}

/// What a committed import did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub added: usize,
    pub skipped_duplicates: usize,
}

/// A member import through the web: the file, its mapping, and how it went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportJob {
    pub id: i64,
    pub file_name: String,
    pub headers: Vec<String>,
    pub rows: usize,
    pub mapping: Vec<ImportColumn>,
    /// `uploaded`, `running`, `done` or `failed`.
    pub status: String,
    /// While running: rows stored so far, of how many.
    pub progress: Option<(usize, usize)>,
    pub added: Option<i64>,
    pub skipped: Option<i64>,
    /// Why a failed import failed: the JSON of an `AppError` (older rows: English text).
    pub error: Option<String>,
    /// Failed because the process running it stopped (a restart found it running; nothing
    /// of it was stored): the page says so in the reader's language.
    pub interrupted: bool,
    /// The report, when asked for (`?preview=1`).
    pub preview: Option<ImportPreview>,
    /// The fields a column can go to: the key, and the label of a club's own field (empty
    /// for a standard field, whose label the page knows).
    pub targets: Vec<(String, String)>,
    pub version: i64,
    pub stamp: Stamp,
}

// ------------------------------------------------------------- server-function arguments

// The arguments of the server functions that take more than a few: each is one struct,
// flattened into the form (`#[server(flatten)]`), so a plain form posts its fields under
// their own names, with or without JavaScript.

/// The arguments of `save_form`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveFormInput {
    pub club: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub consent_text: String,
    #[serde(default)]
    pub auto_approve: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

/// The arguments of `reject_application`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectApplicationInput {
    pub club: String,
    pub id: String,
    pub version: String,
    #[serde(default)]
    pub reason: String,
}

/// The arguments of `submit_registration`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitRegistrationInput {
    pub club: String,
    pub form: String,
    #[serde(default)]
    pub started: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub consent: Option<String>,
    #[serde(default)]
    pub terms: Option<String>,
    #[serde(default)]
    pub f: BTreeMap<String, String>,
    /// The consent purposes ticked (their ids).
    #[serde(default)]
    pub purposes: Vec<String>,
}

/// The arguments of `update_child_record`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateChildRecordInput {
    pub club: String,
    pub id: String,
    pub version: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub cf: BTreeMap<String, String>,
}

/// The arguments of `update_my_record`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateMyRecordInput {
    pub club: String,
    pub version: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub cf: BTreeMap<String, String>,
}

/// The arguments of `create_field`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateFieldInput {
    pub club: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub required: Option<String>,
    #[serde(default)]
    pub options: String,
    #[serde(default)]
    pub visibility: String,
    #[serde(default)]
    pub member_editable: Option<String>,
}

/// The arguments of `update_field`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateFieldInput {
    pub club: String,
    pub id: String,
    pub version: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub required: Option<String>,
    #[serde(default)]
    pub options: String,
    #[serde(default)]
    pub visibility: String,
    #[serde(default)]
    pub member_editable: Option<String>,
}

/// The arguments of `create_role`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateRoleInput {
    pub club: String,
    pub name: String,
    #[serde(default)]
    pub staff: Option<String>,
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// The arguments of `update_role`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateRoleInput {
    pub club: String,
    pub id: String,
    pub version: String,
    pub name: String,
    #[serde(default)]
    pub staff: Option<String>,
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// The arguments of `assign_roles`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignRolesInput {
    pub club: String,
    pub member: String,
    pub membership: String,
    #[serde(default)]
    pub roles: Vec<String>,
}

/// The arguments of `update_look`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateLookInput {
    pub club: String,
    pub version: String,
    pub name: String,
    pub primary_color: String,
    pub accent_color: String,
    pub default_lang: String,
}

/// The arguments of `create_tenant`, as its form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateTenantInput {
    pub kind: String,
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub plan: String,
    #[serde(default)]
    pub city: String,
    pub default_lang: String,
    #[serde(default)]
    pub admin_email: String,
    #[serde(default)]
    pub admin_name: String,
}

#[cfg(test)]
mod encode_tests {
    use super::*;

    /// The encoder this crate had before `percent-encoding`.
    fn old_encode(s: &str) -> String {
        let mut out = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    out.push(b as char)
                }
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }

    #[test]
    fn query_values_are_encoded_as_before() {
        for v in [
            "Peeters",
            "Van den Bossche",
            "Anaïs & Zoë",
            "-joined",
            "a+b=c/d?e#f%",
            "2025-2026",
            "jeugd~U12",
            "",
        ] {
            assert_eq!(encode(v), old_encode(v), "{v}");
        }
        assert_eq!(encode("Zoë Van"), "Zo%C3%AB%20Van");
    }
}

// dash18: the federation's oversight dashboard (issue 18, deliverable 3). Counts only.

/// The age bands of the dashboard (whole years on the reference date); the labels are
/// numbers, the same in every language.
pub const FED_AGE_BANDS: [(i32, i32, &str); 7] = [
    (0, 7, "<8"),
    (8, 11, "8–11"),
    (12, 15, "12–15"),
    (16, 18, "16–18"),
    (19, 34, "19–34"),
    (35, 54, "35–54"),
    (55, i32::MAX, "55+"),
];

/// The genders counted, in this order (`f`, `m`, `x`, not given).
pub const FED_GENDERS: [&str; 4] = ["f", "m", "x", ""];

/// One affiliated club's figures (or the total) on the dashboard.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedClubFigures {
    pub slug: String,
    pub name: String,
    pub city: Option<String>,
    /// False for a club affiliated since the last count (its figures are zero until then).
    pub counted: bool,
    pub members: i64,
    pub active_members: i64,
    /// Approved licences of the chosen season per category, in the order of
    /// [`FedDashboard::categories`].
    pub licences: Vec<i64>,
    pub licences_total: i64,
    /// Active members per [`FED_AGE_BANDS`] band, then those without a birth date.
    pub ages: Vec<i64>,
    /// Active members per [`FED_GENDERS`].
    pub genders: Vec<i64>,
    pub staff: i64,
    pub staff_without_2fa: i64,
    pub overdue_requests: i64,
    /// Members on the first day of each season of [`FedDashboard::growth`], in its order.
    pub growth_members: Vec<i64>,
    /// Approved licences of each season of [`FedDashboard::growth`], in its order.
    pub growth_licences: Vec<i64>,
}

/// One season of the growth chart: members on its first day, approved licences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedGrowthPoint {
    pub season: String,
    pub starts_on: String,
    pub members: i64,
    pub licences: i64,
}

/// A season to choose on the dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedSeasonChoice {
    pub id: String,
    pub name: String,
}

/// `/f/{federation}`: the oversight dashboard, read from the counts kept per club.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedDashboard {
    pub slug: String,
    pub name: String,
    pub admin: bool,
    pub roles: Vec<String>,
    pub stamp: Stamp,
    /// The federation's time zone (for the "as of" time).
    pub time_zone: String,
    /// When the oldest of the shown counts was taken.
    pub as_of: Option<Timestamp>,
    /// The day ages were taken on.
    pub reference_on: Option<String>,
    pub seasons: Vec<FedSeasonChoice>,
    /// The chosen season's id (the current one unless another was asked for).
    pub season: Option<String>,
    pub categories: Vec<String>,
    /// The clubs of the page shown (every club for the CSV), by name.
    pub clubs: Vec<FedClubFigures>,
    /// How many clubs are affiliated (all pages).
    pub club_count: usize,
    /// The page shown (from 1) and how many there are.
    pub page: usize,
    pub pages: usize,
    /// The largest clubs by members, for the chart (of all pages).
    pub largest: Vec<FedClubFigures>,
    /// How many clubs have staff without a second factor, and how many have data-protection
    /// requests past their deadline (of all pages).
    pub clubs_no2fa: usize,
    pub clubs_overdue: usize,
    pub total: FedClubFigures,
    pub growth: Vec<FedGrowthPoint>,
}
