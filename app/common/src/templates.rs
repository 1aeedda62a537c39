//! Federation templates (issue 18): what a federation publishes for its clubs (a role with
//! its permissions, custom fields, a registration form, terms of use), the versions, the
//! club's view with its adoption and what changed since, and the usage counts.

use crate::dto::FieldForm;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kinds of template, as stored and posted.
pub const TEMPLATE_KINDS: [&str; 4] = ["role", "fields", "form", "terms"];

/// The most custom fields one template holds (the editor's rows).
pub const MAX_TEMPLATE_FIELDS: usize = 8;

/// What a template version holds. The template's name is the role's name, the form's
/// title; for fields and terms it is only the template's own name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TemplateBody {
    Role {
        staff: bool,
        permissions: Vec<String>,
    },
    Fields {
        fields: Vec<FieldForm>,
    },
    Form {
        slug: String,
        intro: String,
        audience: String,
        /// As the club's form posts it: standard key → `on`, `req:{key}` → `on`,
        /// `help:{key}` → text.
        fields: BTreeMap<String, String>,
        consent_text: String,
    },
    Terms {
        body: String,
    },
}

impl TemplateBody {
    pub fn kind(&self) -> &'static str {
        match self {
            TemplateBody::Role { .. } => "role",
            TemplateBody::Fields { .. } => "fields",
            TemplateBody::Form { .. } => "form",
            TemplateBody::Terms { .. } => "terms",
        }
    }
}

/// A template in the federation's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSummary {
    pub id: i64,
    pub kind: String,
    pub name: String,
    /// The newest published version's number.
    pub latest: i64,
    pub published_at: Timestamp,
}

/// One published version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateVersion {
    pub number: i64,
    pub name: String,
    pub note: String,
    pub body: TemplateBody,
    pub published_at: Timestamp,
    pub published_by: Option<String>,
}

/// A template with all its versions (newest first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateDetail {
    pub summary: TemplateSummary,
    pub versions: Vec<TemplateVersion>,
}

/// The federation's templates page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FederationTemplates {
    pub templates: Vec<TemplateSummary>,
    /// The club permissions a role template may name (ids).
    pub club_permissions: Vec<String>,
}

/// One line of what changed between two versions: `added`, `removed` or `changed`; `item`
/// names what (a permission id, a field's label, `name`, `title`, a line of the terms…),
/// `detail` says how when changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateChange {
    pub op: String,
    pub item: String,
    pub detail: String,
}

/// A federation's template as an affiliated club sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubTemplate {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub latest: TemplateVersion,
    /// The newest version this club adopted, if any.
    pub adopted: Option<i64>,
    pub adopted_at: Option<Timestamp>,
    /// What changed from the adopted version to the newest (empty when none is newer).
    pub changes: Vec<TemplateChange>,
    /// Whether the caller may adopt this kind.
    pub may_adopt: bool,
}

/// The templates of one federation the club is actively affiliated to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FederationOffer {
    pub federation: String,
    pub templates: Vec<ClubTemplate>,
}

/// The club's templates page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubTemplates {
    pub federations: Vec<FederationOffer>,
}

/// The federation's template editor, as its form posts it: `id` empty for a new template,
/// else the template a new version is published of. Only the fields of `kind` are read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateInput {
    pub federation: String,
    #[serde(default)]
    pub id: String,
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub note: String,
    // role
    #[serde(default)]
    pub staff: Option<String>,
    #[serde(default)]
    pub permissions: Vec<String>,
    // fields: `label{n}`, `kind{n}`, `options{n}`, `help{n}`, `visibility{n}`,
    // `required{n}` → `on`, for n in 1..=MAX_TEMPLATE_FIELDS; a row without a label is empty.
    #[serde(default)]
    pub rows: BTreeMap<String, String>,
    // form
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    #[serde(default)]
    pub consent_text: String,
    // terms
    #[serde(default)]
    pub body: String,
}

/// One tenant's usage in one month (or now).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageRow {
    pub slug: String,
    pub name: String,
    pub kind: String,
    /// `YYYY-MM`.
    pub month: String,
    pub members: i64,
    pub accounts: i64,
    pub admins: i64,
    pub modules: i64,
    pub storage_bytes: i64,
}

/// A tenant's own usage against its plan (its settings page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnUsage {
    pub now: UsageRow,
    pub plan: String,
    pub max_admins: Option<i64>,
    pub plan_modules: i64,
    pub history: Vec<UsageRow>,
}

/// The operator's usage page: every tenant now, and the monthly history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageOverview {
    pub current: Vec<UsageRow>,
    pub history: Vec<UsageRow>,
}
