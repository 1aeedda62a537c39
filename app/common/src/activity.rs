//! Activities and attendance (issue 19): the wire types.

use crate::i18n::Msg;
use crate::ids::MemberId;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// What an activity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivityKind {
    Training,
    Match,
    Event,
}

impl ActivityKind {
    pub fn code(self) -> &'static str {
        match self {
            ActivityKind::Training => "training",
            ActivityKind::Match => "match",
            ActivityKind::Event => "event",
        }
    }
    pub fn parse(s: &str) -> Option<ActivityKind> {
        match s {
            "training" => Some(ActivityKind::Training),
            "match" => Some(ActivityKind::Match),
            "event" => Some(ActivityKind::Event),
            _ => None,
        }
    }
    pub fn label(self) -> Msg {
        match self {
            ActivityKind::Training => Msg::ActKindTraining,
            ActivityKind::Match => Msg::ActKindMatch,
            ActivityKind::Event => Msg::ActKindEvent,
        }
    }
}

/// An attendance mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    Present,
    Absent,
    Excused,
}

impl Mark {
    pub const ALL: [Mark; 3] = [Mark::Present, Mark::Absent, Mark::Excused];
    pub fn code(self) -> &'static str {
        match self {
            Mark::Present => "present",
            Mark::Absent => "absent",
            Mark::Excused => "excused",
        }
    }
    pub fn parse(s: &str) -> Option<Mark> {
        match s {
            "present" => Some(Mark::Present),
            "absent" => Some(Mark::Absent),
            "excused" => Some(Mark::Excused),
            _ => None,
        }
    }
    pub fn label(self) -> Msg {
        match self {
            Mark::Present => Msg::ActPresent,
            Mark::Absent => Msg::ActAbsent,
            Mark::Excused => Msg::ActExcused,
        }
    }
}

/// A group, by id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRef {
    pub id: i64,
    pub name: String,
}

/// One occurrence of an activity: named by its activity and scheduled date; `start`/`end`
/// are instants, `local_date`/`local_time` the wall clock in the club's zone (after a move).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub activity: i64,
    pub date: String,
    pub group: GroupRef,
    pub kind: ActivityKind,
    pub title: String,
    pub place: String,
    pub local_date: String,
    pub local_time: String,
    pub start: Timestamp,
    pub end: Timestamp,
    pub cancelled: bool,
    pub reason: String,
    pub moved: bool,
    pub weekly: bool,
}

/// The activities page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivitiesOverview {
    pub occurrences: Vec<Occurrence>,
    /// Groups the caller may plan for (activities.manage): every group of the club.
    pub plannable: Vec<GroupRef>,
    /// Groups whose attendance figures the caller may see.
    pub figures: Vec<GroupRef>,
    pub today: String,
}

/// One person on an occurrence's attendance list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRow {
    pub member: MemberId,
    pub name: String,
    pub mark: Option<Mark>,
    /// The reason of an absence reported beforehand.
    pub absence: Option<String>,
}

/// A person the caller may report absent (themselves or a minor child in the group).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reportable {
    pub member: MemberId,
    pub name: String,
    pub reported: Option<String>,
}

/// An occurrence with its attendance list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrenceDetail {
    pub occ: Occurrence,
    pub can_mark: bool,
    pub can_change: bool,
    /// Empty unless the caller may mark or see the list.
    pub rows: Vec<AttendanceRow>,
    pub reportable: Vec<Reportable>,
    /// Whether absences can still be reported (not past, not cancelled).
    pub open: bool,
}

/// A member's figures in a group over a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRow {
    pub member: MemberId,
    pub name: String,
    pub held: i64,
    pub present: i64,
    pub absent: i64,
    pub excused: i64,
}

/// Attendance figures of a group over a period (dates inclusive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub group: GroupRef,
    pub from: String,
    pub to: String,
    pub held: i64,
    pub rows: Vec<FigureRow>,
}

/// A month's attendance sheet of a group: the occurrences and one row per member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthSheet {
    pub group: GroupRef,
    pub month: String,
    pub occurrences: Vec<Occurrence>,
    /// Per member: name and one mark per occurrence (None: not marked or not in the group).
    pub rows: Vec<(String, Vec<Option<Mark>>)>,
}

/// A calendar feed the caller can have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedEntry {
    /// "me" or a group id.
    pub target: String,
    pub label: String,
    pub active: bool,
}

/// The calendar page: the caller's feeds, and a fresh address right after a renewal (shown
/// once: only its hash is kept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeeds {
    pub feeds: Vec<FeedEntry>,
    pub fresh: Option<(String, String)>,
}

/// The form that plans an activity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanActivityInput {
    pub club: String,
    pub group: String,
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub place: String,
    /// A checkbox: "on" when weekly.
    #[serde(default)]
    pub weekly: String,
    pub first_date: String,
    #[serde(default)]
    pub end_date: String,
    pub start_time: String,
    pub duration_min: String,
}

/// The form that cancels, moves or restores one occurrence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeOccurrenceInput {
    pub club: String,
    pub activity: String,
    pub date: String,
    /// `cancel`, `move` or `restore`.
    pub action: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub new_date: String,
    #[serde(default)]
    pub new_time: String,
    #[serde(default)]
    pub new_place: String,
    /// `on`: the group is told by mail of a cancellation or a move.
    #[serde(default)]
    pub notify: String,
}

/// One tap on the attendance list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkInput {
    pub club: String,
    pub activity: String,
    pub date: String,
    pub member: String,
    /// `present`, `absent` or `excused`.
    pub mark: String,
}

/// An absence reported beforehand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbsenceInput {
    pub club: String,
    pub activity: String,
    pub date: String,
    pub member: String,
    pub reason: String,
}

/// Which figures to show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiguresQuery {
    pub club: String,
    pub group: String,
    pub from: String,
    pub to: String,
}

/// wk19: a member's own attendance in one group over a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyFigureRow {
    pub group: GroupRef,
    pub held: i64,
    pub present: i64,
    pub absent: i64,
    pub excused: i64,
}

/// wk19: a member's own attendance figures per group over `[from, to]` (seen by the member
/// or their guardian).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyFigures {
    pub member: MemberId,
    pub from: String,
    pub to: String,
    pub rows: Vec<MyFigureRow>,
}
