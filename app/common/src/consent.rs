//! Consent per purpose and the export register (data protection, issue 17): the wire types.

use crate::dto::Stamp;
use crate::i18n::{Lang, Msg};
use crate::ids::MemberId;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// A text in the three languages of the platform.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub en: String,
    pub nl: String,
    pub fr: String,
}

impl Localized {
    /// The text in `lang`, or the first one written when that one is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let own = match lang {
            Lang::En => &self.en,
            Lang::Nl => &self.nl,
            Lang::Fr => &self.fr,
        };
        if !own.is_empty() {
            return own;
        }
        [&self.en, &self.nl, &self.fr]
            .into_iter()
            .find(|t| !t.is_empty())
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// A purpose the club asks consent for, with its current text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purpose {
    pub id: i64,
    pub title: Localized,
    pub body: Localized,
    /// The current text version: consents keep the version they were given on.
    pub text_version: i64,
    /// How many people have consent given now.
    pub given: i64,
    pub archived: bool,
    /// Optimistic concurrency of the purpose row.
    pub version: i64,
    pub stamp: Stamp,
}

/// A purpose a registration form asks (a box never ticked in advance).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskedPurpose {
    pub id: i64,
    pub title: Localized,
    pub body: Localized,
}

/// The staff page of purposes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurposeSettings {
    pub purposes: Vec<Purpose>,
    pub can_edit: bool,
    /// What was typed in a refused save (its `id` empty for a new purpose).
    pub draft: Option<PurposeForm>,
}

/// A new purpose, or a changed text (`id` and `version` set).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurposeForm {
    pub club: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub title_nl: String,
    #[serde(default)]
    pub title_fr: String,
    #[serde(default)]
    pub body_en: String,
    #[serde(default)]
    pub body_nl: String,
    #[serde(default)]
    pub body_fr: String,
}

/// How a consent was given or withdrawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsentSource {
    /// The member on their own data.
    Member,
    /// A guardian for their minor child.
    Guardian,
    /// A registration form.
    Registration,
    /// Staff recording a consent given or withdrawn on paper.
    Paper,
    /// A member import.
    Import,
    /// An unsubscribe link.
    Unsubscribe,
}

impl ConsentSource {
    pub const ALL: [ConsentSource; 6] = [
        ConsentSource::Member,
        ConsentSource::Guardian,
        ConsentSource::Registration,
        ConsentSource::Paper,
        ConsentSource::Import,
        ConsentSource::Unsubscribe,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentSource::Member => "member",
            ConsentSource::Guardian => "guardian",
            ConsentSource::Registration => "registration",
            ConsentSource::Paper => "paper",
            ConsentSource::Import => "import",
            ConsentSource::Unsubscribe => "unsubscribe",
        }
    }

    pub fn parse(s: &str) -> Option<ConsentSource> {
        ConsentSource::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> Msg {
        match self {
            ConsentSource::Member => Msg::ConsentSourceMember,
            ConsentSource::Guardian => Msg::ConsentSourceGuardian,
            ConsentSource::Registration => Msg::ConsentSourceRegistration,
            ConsentSource::Paper => Msg::ConsentSourcePaper,
            ConsentSource::Import => Msg::ConsentSourceImport,
            ConsentSource::Unsubscribe => Msg::ConsentSourceUnsubscribe,
        }
    }
}

/// Where one person stands on one purpose now (the latest event wins).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentState {
    pub purpose: i64,
    pub title: Localized,
    pub body: Localized,
    pub text_version: i64,
    /// `None`: never asked; `Some(true)`: given; `Some(false)`: withdrawn or refused.
    pub given: Option<bool>,
    /// The text version the latest answer was given on.
    pub answered_version: Option<i64>,
    pub at: Option<Timestamp>,
    /// The club archived the purpose: no longer asked (a consent still given can be
    /// withdrawn; the history stays).
    #[serde(default)]
    pub archived: bool,
}

/// One consent given or withdrawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvent {
    pub purpose: i64,
    pub title: Localized,
    pub text_version: i64,
    pub given: bool,
    pub source: ConsentSource,
    pub note: Option<String>,
    pub at: Timestamp,
    /// Who recorded it (`None`: the system, a migration).
    pub recorded_by: Option<String>,
}

/// One person's consents: the state per purpose and the history, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberConsents {
    pub member: MemberId,
    pub name: String,
    pub states: Vec<ConsentState>,
    pub history: Vec<ConsentEvent>,
    /// Staff may record a consent given on paper for this person (`privacy.consents`).
    #[serde(default)]
    pub can_record: bool,
}

/// The consents a signed-in person manages: their own and their minor children's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyConsents {
    pub own: Option<MemberConsents>,
    pub children: Vec<MemberConsents>,
}

// ---------------------------------------------------------------- export register

/// A column the register can be exported with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportColumn {
    /// `given_name`, …, or `cf{id}` for a club field.
    pub id: String,
    /// A club field's label (standard columns are named by [`standard_column_label`]).
    pub label: Option<String>,
    /// Needs `exports.sensitive` to be chosen.
    pub sensitive: bool,
    /// The viewer may choose it.
    pub allowed: bool,
}

/// The export page: the columns to choose from and the purposes to filter on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportChoices {
    pub columns: Vec<ExportColumn>,
    pub purposes: Vec<(i64, Localized)>,
    /// The viewer may read the export register (`privacy.manage`).
    pub can_see_register: bool,
}

/// A consent answered on the member's own data (or a guardian's for a minor child).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerConsentInput {
    pub club: String,
    /// The member record: the caller's own or their minor child's.
    pub member: String,
    pub purpose: String,
    /// `give` or `withdraw`.
    pub answer: String,
    /// Where to return afterwards: a page under `/c/{club}/me` (the My data page or the
    /// record page).
    #[serde(default)]
    pub back: String,
}

/// A consent staff record from paper (`privacy.consents`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperConsentInput {
    pub club: String,
    pub member: String,
    pub purpose: String,
    /// `give` or `withdraw`.
    pub answer: String,
    #[serde(default)]
    pub note: String,
}

/// One entry of the export register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRecord {
    pub id: i64,
    pub at: Timestamp,
    pub person: Option<String>,
    /// `csv`, `xlsx`, `print`, `my_data`, `bundle`, `api`.
    pub kind: String,
    pub purpose: String,
    pub filter: String,
    pub columns: String,
    pub people: i64,
    pub sha256: String,
}

/// The label of a standard column of the register export.
pub fn standard_column_label(id: &str) -> Option<Msg> {
    Some(match id {
        "id" => Msg::ExportColId,
        "given_name" => Msg::GivenName,
        "family_name" => Msg::FamilyName,
        "birth_date" => Msg::BirthDate,
        "gender" => Msg::Gender,
        "email" => Msg::Email,
        "phone" => Msg::Phone,
        "street" => Msg::Street,
        "postcode" => Msg::Postcode,
        "city" => Msg::City,
        "status" => Msg::Status,
        "membership_type" => Msg::MembershipType,
        "season" => Msg::Season,
        "joined_on" => Msg::JoinedOn,
        "ended_on" => Msg::EndedOn,
        "last_changed_at" => Msg::LastChange,
        _ => return None,
    })
}
