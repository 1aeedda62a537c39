//! Mailings (issue 19): the wire types of the mailings pages.

use crate::consent::Localized;
use crate::dto::Stamp;
use crate::i18n::{Lang, Msg};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Why a mail did not go out, as stored with the recipient: one of our own reasons as
/// `msg:` and its message key (shown in the reader's language), or the mail server's own
/// reply (a quotation, shown as it came: "550 5.1.1 no such mailbox").
pub fn stored_reason(reason: Msg) -> String {
    format!("msg:{}", reason.key())
}

/// A stored reason ([`stored_reason`] or the server's reply) in `lang`.
pub fn reason_text(stored: &str, lang: Lang) -> String {
    stored
        .strip_prefix("msg:")
        .and_then(|key| Msg::ALL.iter().find(|m| m.key() == key))
        .map_or_else(|| stored.to_string(), |m| m.text(lang).to_string())
}

/// The placeholders a mailing's subject and text may use.
pub const PLACEHOLDERS: [&str; 2] = ["first_name", "club_name"];

/// A newsletter (to a topic's subscribers only) or a service message (to everyone chosen).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailingKind {
    Newsletter,
    Service,
}

impl MailingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailingKind::Newsletter => "newsletter",
            MailingKind::Service => "service",
        }
    }
    pub fn parse(s: &str) -> Option<MailingKind> {
        match s {
            "newsletter" => Some(MailingKind::Newsletter),
            "service" => Some(MailingKind::Service),
            _ => None,
        }
    }
}

/// Who a mailing goes to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    /// The members in a group today.
    Group(i64),
    /// The register's filter (its query string: `status=…&type=…&season=…&consent=…`).
    Selection(String),
    /// Everyone whose latest answer for the newsletter's topic is given.
    Topic,
}

/// The form of a new mailing, as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailingForm {
    pub club: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub selection: String,
    #[serde(default)]
    pub subject_en: String,
    #[serde(default)]
    pub subject_nl: String,
    #[serde(default)]
    pub subject_fr: String,
    #[serde(default)]
    pub body_en: String,
    #[serde(default)]
    pub body_nl: String,
    #[serde(default)]
    pub body_fr: String,
}

/// A mailing's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailingStatus {
    Draft,
    Sending,
    Done,
}

impl MailingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MailingStatus::Draft => "draft",
            MailingStatus::Sending => "sending",
            MailingStatus::Done => "done",
        }
    }
    pub fn parse(s: &str) -> Option<MailingStatus> {
        match s {
            "draft" => Some(MailingStatus::Draft),
            "sending" => Some(MailingStatus::Sending),
            "done" => Some(MailingStatus::Done),
            _ => None,
        }
    }
}

/// A mailing's delivery figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Mails to send in all (one per address; a minor's guardians each get one).
    pub recipients: i64,
    pub queued: i64,
    pub sent: i64,
    /// Refused by the mail server or given up after the attempts.
    pub failed: i64,
    /// Claimed by a process that stopped: perhaps sent, never sent again.
    pub interrupted: i64,
}

/// A mailing in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailingSummary {
    pub id: i64,
    pub kind: MailingKind,
    /// The subject in the club's language.
    pub subject: String,
    pub status: MailingStatus,
    pub figures: Figures,
    pub created_at: Timestamp,
    pub stamp: Stamp,
}

/// A mail that did not go out, on the mailing's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Undelivered {
    pub member: i64,
    pub name: String,
    pub email: String,
    pub interrupted: bool,
    pub error: String,
}

/// A possible recipient of a preview: the person the mail is about and the address's owner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewChoice {
    /// `member:to_member`.
    pub key: String,
    pub label: String,
}

/// The mail as one recipient gets it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub key: String,
    pub to: String,
    pub lang: Lang,
    pub subject: String,
    pub body: String,
    pub unsubscribe: bool,
}

/// One mailing with its texts, figures, undelivered mails and a preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailingDetail {
    pub summary: MailingSummary,
    pub subject: Localized,
    pub body: Localized,
    /// The audience in words (the group's name, the topic's title, the filter).
    pub audience: String,
    pub topic: Option<String>,
    pub choices: Vec<PreviewChoice>,
    pub preview: Option<Preview>,
    pub undelivered: Vec<Undelivered>,
    pub version: i64,
    /// A draft: how many mails it would send today (one per address).
    #[serde(default)]
    pub draft_count: i64,
}

/// What the new-mailing form offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailingChoices {
    pub groups: Vec<(i64, String)>,
    pub topics: Vec<(i64, Localized)>,
    pub default_lang: Lang,
}
