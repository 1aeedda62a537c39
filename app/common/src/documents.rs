//! Member documents and the everyday lists (issue 19): the wire types of document kinds,
//! a member's documents, the list of what expires soon, birthdays this week and the
//! print-ready pages (member card, team list with emergency contacts).

use crate::dto::Stamp;
use crate::ids::MemberId;
use serde::{Deserialize, Serialize};

/// A kind of document the club keeps (medical certificate, a guardian's ID, a signed form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentKind {
    pub id: i64,
    pub name: String,
    /// A document of this kind must have an expiry date.
    pub expiry_required: bool,
    /// How many documents of this kind the club holds.
    pub documents: i64,
}

/// One document attached to a member (the file itself is downloaded apart).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDocument {
    pub id: i64,
    pub member: MemberId,
    pub kind: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    /// `YYYY-MM-DD`, valid through that day.
    pub expires_on: Option<String>,
    /// The expiry day has passed (in the club's zone).
    pub expired: bool,
    pub stamp: Stamp,
}

/// A member's documents, for the member page (`documents.view`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDocuments {
    pub member: MemberId,
    pub documents: Vec<MemberDocument>,
    /// The kinds to attach a document of (for `documents.manage`; empty otherwise).
    pub kinds: Vec<DocumentKind>,
    pub can_manage: bool,
}

/// A document that expires within the coming days, or has expired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpiringDocument {
    pub id: i64,
    pub member: MemberId,
    pub member_name: String,
    pub kind: String,
    pub expires_on: String,
    pub expired: bool,
    /// The reminder went to the member (and their guardians).
    pub reminded: bool,
}

/// `/c/{club}/documents`: the kinds and the list of what expires soon.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentsOverview {
    pub kinds: Vec<DocumentKind>,
    pub expiring: Vec<ExpiringDocument>,
    /// The last day the list covers (`YYYY-MM-DD`, today + 30 days).
    pub until: String,
    pub can_manage: bool,
}

/// A new document kind (`documents.manage`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentKindForm {
    pub club: String,
    #[serde(default)]
    pub name: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub expiry_required: Option<String>,
}

/// Someone whose birthday falls in this week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Birthday {
    pub member: MemberId,
    pub name: String,
    /// The day it is celebrated this year (`YYYY-MM-DD`; 29 February on 28 February in a
    /// common year).
    pub on: String,
    /// The age they turn.
    pub age: i32,
    pub today: bool,
}

/// Birthdays from Monday to Sunday of this week in the club's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Birthdays {
    pub from: String,
    pub to: String,
    /// In the order of the days, then of the register; at most a page of them.
    pub people: Vec<Birthday>,
    /// More people have a birthday this week than are listed.
    pub more: bool,
}

/// An emergency contact: a guardian (or the person themself) with a phone number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// `/c/{club}/lists/card/{member}`: a member card to print.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberCard {
    pub club_name: String,
    pub club_logo: Option<String>,
    pub member: MemberId,
    pub name: String,
    pub birth_date: Option<String>,
    pub status: String,
    pub joined_on: Option<String>,
    pub membership_type: Option<String>,
    pub season: Option<String>,
    pub phone: Option<String>,
    pub contacts: Vec<Contact>,
    pub printed_on: String,
}

/// One row of a team list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRow {
    pub member: MemberId,
    pub name: String,
    pub birth_date: Option<String>,
    pub leader: bool,
    pub phone: Option<String>,
    /// The guardians of a minor, else empty.
    pub contacts: Vec<Contact>,
}

/// `/c/{club}/lists/team/{group}`: a group's members on a day, with emergency contacts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamList {
    pub club_name: String,
    pub group: String,
    pub kind: String,
    pub on: String,
    pub rows: Vec<TeamRow>,
}
