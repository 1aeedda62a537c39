//! Registration: its SQL. Forms and their fields as stored, submissions and the people
//! in them.

use super::model::*;
use crate::db::TenantTx;
use crate::error::Result;
use crate::members::custom_fields::{self};
use crate::{args, ids};
use sha2::{Digest, Sha256};
use tessera_common::dto::{FormField, RegForm, Stamp};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, MemberId, Msg};

#[derive(sqlx::FromRow)]
pub(super) struct FormRow {
    pub(super) id: i64,
    pub(super) slug: String,
    pub(super) title: String,
    pub(super) intro: Option<String>,
    pub(super) audience: String,
    pub(super) fields: String,
    pub(super) consent_text: Option<String>,
    pub(super) consent_version: i64,
    pub(super) auto_approve: bool,
    pub(super) published: bool,
    pub(super) version: i64,
    pub(super) updated_at: i64,
    pub(super) updated_by_name: Option<String>,
}

pub(super) const FORM_COLS: &str =
    "id, slug, title, intro, audience, fields, consent_text, consent_version, \
     auto_approve, published, version, updated_at, updated_by_name";

pub(super) fn parse_fields(stored: &str) -> Vec<FormField> {
    stored
        .lines()
        .filter_map(|l| {
            let mut parts = l.splitn(3, '|');
            Some(FormField {
                key: parts.next()?.to_string(),
                required: parts.next()? == "1",
                help: parts.next().unwrap_or("").to_string(),
            })
        })
        .collect()
}

pub(super) fn store_fields(fields: &[FormField]) -> String {
    fields
        .iter()
        .map(|f| format!("{}|{}|{}", f.key, u8::from(f.required), f.help))
        .collect::<Vec<_>>()
        .join("\n")
}

impl FormRow {
    pub(super) fn into_form(self) -> RegForm {
        RegForm {
            id: self.id,
            slug: self.slug,
            title: self.title,
            intro: self.intro,
            audience: self.audience,
            fields: parse_fields(&self.fields),
            consent_text: self.consent_text,
            consent_version: self.consent_version,
            auto_approve: self.auto_approve,
            published: self.published,
            version: self.version,
            stamp: Stamp {
                at: Timestamp(self.updated_at),
                by: self.updated_by_name,
            },
        }
    }
}

pub(super) async fn forms(tx: &mut TenantTx) -> Result<Vec<RegForm>> {
    let rows: Vec<FormRow> = tx
        .fetch_all(
            &format!("SELECT {FORM_COLS} FROM reg_forms WHERE tenant_id = $1 ORDER BY title, id"),
            args![],
        )
        .await?;
    Ok(rows.into_iter().map(FormRow::into_form).collect())
}

pub(super) async fn form_by_slug(tx: &mut TenantTx, slug: &str) -> Result<Option<RegForm>> {
    let row: Option<FormRow> = tx
        .fetch_optional(
            &format!("SELECT {FORM_COLS} FROM reg_forms WHERE tenant_id = $1 AND slug = $2"),
            args![slug],
        )
        .await?;
    Ok(row.map(FormRow::into_form))
}

pub(super) fn hash_token(token: &str) -> String {
    let d = Sha256::digest(format!("tessera-registration:{token}").as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(sqlx::FromRow)]
pub(super) struct SubmissionRow {
    pub(super) id: i64,
    pub(super) form_id: i64,
    pub(super) email: String,
    pub(super) data: String,
    pub(super) status: String,
    pub(super) submitted_at: i64,
    pub(super) reason: Option<String>,
    pub(super) consent_version: Option<i64>,
    pub(super) member_ids: Option<String>,
    pub(super) version: i64,
}

pub(super) const SUBMISSION_COLS: &str =
    "id, form_id, email, data, status, submitted_at, reason, consent_version, member_ids, version";

pub(super) async fn insert_person(
    tx: &mut TenantTx,
    p: &Person,
    email: Option<&str>,
    status: &str,
    today: Date,
) -> Result<MemberId> {
    let id = ids::new_id();
    let get = |k: &str| p.standard.get(k).cloned();
    tx.insert(
        "members",
        vec![
            ("id", id.into()),
            ("given_name", p.given_name.clone().into()),
            ("family_name", p.family_name.clone().into()),
            (
                "sort_name",
                crate::members::sort_name(&p.given_name, &p.family_name).into(),
            ),
            ("birth_date", get("birth_date").into()),
            ("gender", get("gender").into()),
            ("email", email.map(str::to_string).into()),
            ("phone", get("phone").into()),
            ("street", get("street").into()),
            ("postcode", get("postcode").into()),
            ("city", get("city").into()),
            ("status", status.into()),
            (
                "joined_on",
                (status == "active").then(|| today.to_string()).into(),
            ),
        ],
    )
    .await?;
    let values: Vec<(i64, Vec<String>)> = p.custom.iter().map(|(k, v)| (*k, v.clone())).collect();
    custom_fields::store(tx, MemberId(id), &values).await?;
    crate::search::reindex(tx, MemberId(id)).await?;
    Ok(MemberId(id))
}

pub(super) async fn pending_row(tx: &mut TenantTx, id: i64, version: i64) -> Result<SubmissionRow> {
    let row: SubmissionRow = tx
        .fetch_optional(
            &format!(
                "SELECT {SUBMISSION_COLS} FROM reg_submissions WHERE tenant_id = $1 AND id = $2"
            ),
            args![id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status != "pending" || row.version != version {
        return Err(AppError::Conflict(Msg::ErrRegistrationDecided.into()));
    }
    Ok(row)
}

pub(super) fn member_ids(row: &SubmissionRow) -> Vec<i64> {
    row.member_ids
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect()
}
