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
