//! Groups (issue 19): the wire types of the groups pages and their server functions.

use crate::dto::Stamp;
use crate::MemberId;
use serde::{Deserialize, Serialize};

/// A kind of group the club names (teams, age categories, committees) with its groups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupKind {
    pub id: i64,
    pub name: String,
    /// Age categories: groups are bands of birth years, suggested on the reference date.
    pub age_bands: bool,
    /// The day on which a band's age is taken (`YYYY-MM-DD`).
    pub reference_date: Option<String>,
    pub archived: bool,
    pub version: i64,
    pub groups: Vec<GroupInfo>,
}

/// One group with the number of its members today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupInfo {
    pub id: i64,
    pub kind_id: i64,
    pub name: String,
    pub description: String,
    pub min_birth_year: Option<i32>,
    pub max_birth_year: Option<i32>,
    pub archived: bool,
    pub version: i64,
    pub members_today: i64,
    pub stamp: Stamp,
}

/// What the member register offers about groups (its filter and bulk form): the groups to
/// choose from as `(id, "kind · group")` without the archived ones (for a leader: the groups
/// they lead), whether the reader manages groups, and the club's today. Counts nothing, so a
/// register page costs the same however many members the groups hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterGroupChoices {
    pub groups: Vec<(i64, String)>,
    pub can_manage: bool,
    pub today: String,
}

/// The groups page: every kind with its groups (for a leader: the groups they lead).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupsOverview {
    pub kinds: Vec<GroupKind>,
    pub can_manage: bool,
    pub today: String,
}

/// One period of a member in a group: from (inclusive) to (inclusive, `None` while it lasts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPeriod {
    pub id: i64,
    pub member: MemberId,
    pub name: String,
    pub from_date: String,
    pub to_date: Option<String>,
    pub leader: bool,
    pub version: i64,
    /// The period includes today.
    pub current: bool,
    /// The fields the viewer may see (a leader: those their role grants).
    pub birth_date: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub guardians_phone: Vec<String>,
    pub stamp: Stamp,
}

/// One group's page: the group, its kind, and its members and leaders over time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupDetail {
    pub group: GroupInfo,
    pub kind_name: String,
    pub age_bands: bool,
    pub periods: Vec<GroupPeriod>,
    pub can_manage: bool,
    /// The viewer may follow a member's name to their record.
    pub can_open_members: bool,
    pub today: String,
}

/// A suggested age category for a member: born in a year the band covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandSuggestion {
    pub member: MemberId,
    pub name: String,
    pub birth_date: String,
    pub group_id: i64,
    pub group_name: String,
}

/// The form of a new kind of group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KindForm {
    pub club: String,
    /// Empty for a new kind.
    pub id: String,
    pub version: String,
    pub name: String,
    /// `on` when its groups are age categories.
    pub age_bands: String,
    pub reference_date: String,
    /// `on` to archive it.
    pub archived: String,
}

/// The form of a group (new: `id` empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupForm {
    pub club: String,
    pub id: String,
    pub version: String,
    pub kind: String,
    pub name: String,
    pub description: String,
    pub min_birth_year: String,
    pub max_birth_year: String,
    pub archived: String,
}

/// The form that makes an age kind's bands (`U8 U10 …` and seniors), or (with `apply`)
/// puts the suggested members into them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BandsForm {
    pub club: String,
    pub kind: String,
    pub limits: String,
    pub seniors: String,
}

/// Adds a member to a group (`member` an id), or changes one period (`period`, `version`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PeriodForm {
    pub club: String,
    pub group: String,
    pub period: String,
    pub version: String,
    pub member: String,
    pub from_date: String,
    pub to_date: String,
    /// `on` for a leader.
    pub leader: String,
}

/// The register's bulk action: add the filtered members to a group, or end them in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BulkGroupForm {
    pub club: String,
    /// `add` or `end`.
    pub action: String,
    pub target: String,
    pub date: String,
    /// The register's filter as shown (`q`, `status`, `type`, `season`, `consent`, `group`).
    pub q: String,
    pub status: String,
    #[serde(rename = "type")]
    pub membership_type: String,
    pub season: String,
    pub consent: String,
    pub group: String,
    /// `ticked`: the members ticked in the register (`ids[]`) instead of the filter's.
    pub pick: String,
    /// The ticked members' ids.
    pub ids: Vec<String>,
}

/// A role's leader scope as its form submits it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleScopeForm {
    pub club: String,
    pub role: String,
    pub version: String,
    /// `on`: limited to the groups its holder leads.
    pub scoped: String,
    /// The granted fields, space-separated keys (each checkbox posts `f_<key>=on`).
    pub fields: String,
    pub f_birth_date: String,
    pub f_email: String,
    pub f_phone: String,
    pub f_address: String,
    pub f_membership: String,
    pub f_guardians_phone: String,
    /// Custom fields granted: their keys `cf<id>`, space-separated.
    pub custom: String,
    /// `role`: back to the role's page after saving (else the groups page).
    pub back: String,
}

/// A club role with its leader scope, for the roles section of the groups page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleScopeInfo {
    pub id: i64,
    pub name: String,
    pub permissions: Vec<String>,
    pub group_scoped: bool,
    pub member_fields: Vec<String>,
    pub version: i64,
}

/// One period of a member in a group, on the member's page (read-only: `members.view`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberGroup {
    pub group_id: i64,
    pub group_name: String,
    pub kind_name: String,
    pub from_date: String,
    pub to_date: Option<String>,
    pub leader: bool,
    /// In the group today.
    pub current: bool,
}

/// A mail to a member's current address that the mail server refused (or that was given up).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailBounce {
    pub email: String,
    /// The day it was marked, in the club's zone (`YYYY-MM-DD`).
    pub day: String,
    pub reason: String,
}

/// The member page's read-only club life: the member's groups and the mails to their
/// current address that bounced.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberGroupsInfo {
    /// The groups module is on (else no groups card).
    pub groups_active: bool,
    pub groups: Vec<MemberGroup>,
    pub bounces: Vec<MailBounce>,
}
