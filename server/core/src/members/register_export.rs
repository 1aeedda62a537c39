//! The member register exported with the columns the user chooses (CSV by the `csv` crate,
//! XLSX by `rust_xlsxwriter`, a list to print), and the export register: every way data
//! leaves Tessera records who, when, the purpose given, the filter, the columns, how many
//! people, the SHA-256 of the file and which members it held ([`record_export`]).
//!
//! Restricted records (`members.restricted_at`) are never exported. Columns marked
//! sensitive (a club field of sensitive visibility, a national register number) need
//! `exports.sensitive`: without it they are not offered, and a request naming one is refused
//! (403).

use super::custom_fields::Viewer;
use super::exports::{cell, cell_text};
use super::Problems;
use crate::db::{json_ids, Backend, Db, TenantTx};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::HashMap;
use tessera_common::consent::{
    standard_column_label, ExportChoices, ExportColumn, ExportRecord, Localized,
};
use tessera_common::dto::{CustomField, FieldKind, FieldVisibility, MemberStatus};
use tessera_common::modules::{EXPORTS_RUN, EXPORTS_SENSITIVE, PRIVACY_MANAGE};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, Lang, MemberId, Msg, Problem};

/// The standard columns, in their order.
pub const STANDARD_COLUMNS: [&str; 17] = [
    "id",
    "given_name",
    "family_name",
    "birth_date",
    "gender",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "status",
    "membership_type",
    "season",
    "joined_on",
    "ended_on",
    "last_changed_at",
    "last_changed_by",
];

/// The purpose given for an export: at most this many characters.
pub const MAX_PURPOSE: usize = 300;

/// How the register leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Print,
}

impl ExportFormat {
    pub fn kind(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Print => "print",
        }
    }
}

/// An export as asked: the purpose (required), the columns (none: every column the
/// exporter may choose), the filters.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub purpose: String,
    pub columns: Vec<String>,
    pub status: Option<MemberStatus>,
    /// Only the members with consent given for this purpose now.
    pub consent: Option<i64>,
    /// The language of the column names (XLSX and print).
    pub lang: Lang,
}

/// An export made and recorded.
#[derive(Clone, Debug)]
pub struct ExportFile {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    pub people: usize,
    pub sha256: String,
    pub register_id: i64,
}

/// An export to record in the register (see [`record_export`]).
#[derive(Clone, Debug)]
pub struct ExportLog<'a> {
    /// `csv`, `xlsx`, `print`, `my_data`, `bundle`, `api`.
    pub kind: &'a str,
    /// Why, as the person gave it (required).
    pub purpose: &'a str,
    /// The filter, readable (`all`, `active`, `active, consent 42`, `member 7`).
    pub filter: &'a str,
    /// The columns or parts the file holds.
    pub columns: &'a [String],
    /// Every member whose data the file holds.
    pub members: &'a [MemberId],
    /// The SHA-256 of the file, lower-case hex ([`sha256_hex`]).
    pub sha256: &'a str,
}

/// The SHA-256 of a file, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks the purpose given for an export: required, at most [`MAX_PURPOSE`] characters,
/// one line of text.
pub fn check_purpose(purpose: &str) -> Result<String> {
    let p = purpose.trim();
    if p.is_empty() {
        return Err(AppError::field("purpose", Msg::ErrExportPurpose));
    }
    if p.chars().count() > MAX_PURPOSE {
        return Err(AppError::field(
            "purpose",
            Problem::new(Msg::ErrMaxChars).arg("max", MAX_PURPOSE as i64),
        ));
    }
    if p.chars().any(char::is_control) {
        return Err(AppError::field("purpose", Msg::ErrConsentControl));
    }
    Ok(p.to_string())
}

/// The export kind of a person's own My-data download.
pub(crate) const MY_DATA: &str = "my_data";

/// Records an export in the register and the club's event log, in one transaction: who
/// (`actor`), when (`now`), the purpose, the filter, the columns, how many people, the hash
/// and which members. The one function every export path goes through. A read-only club
/// records too (its last export before it leaves is accounted for like every other). No
/// permission of its own: the export it records checked the caller's.
pub async fn record_export(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    log: &ExportLog<'_>,
) -> Result<i64> {
    let purpose = check_purpose(log.purpose)?;
    let id = ids::new_id();
    let started = begin_record(db, scope, actor, now, id, log.kind, log.members).await?;
    finish_record(started, actor, id, now, &purpose, log).await
}

/// The first half of [`record_export`]: the transaction, with the members the export `id`
/// includes written (the register's own row follows in [`finish_record`], once the file and
/// its hash exist). Returns it with the number of people.
async fn begin_record(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
    kind: &str,
    members: &[MemberId],
) -> Result<(TenantTx, usize)> {
    let mut members: Vec<i64> = members.iter().map(|m| m.0).collect();
    members.sort_unstable();
    members.dedup();
    let mut tx = db.export_register_write(scope, actor, now).await?;
    if !members.is_empty() {
        // The members as one JSON array in one statement of fixed text, not a statement of
        // 10,000 rows (30,000 parameters) for the export of a large club: that one took
        // longer to prepare than to run, and every new count of members stayed in the
        // connection's statement cache as another large prepared statement.
        let list = json_ids(&members);
        let sql = match tx.backend() {
            Backend::Sqlite => {
                "INSERT INTO export_register_members (tenant_id, member_id, export_id, kind, at) \
                 SELECT $1, CAST(j.value AS INTEGER), $2, $4, $5 FROM json_each($3) j"
            }
            Backend::Postgres => {
                "INSERT INTO export_register_members (tenant_id, member_id, export_id, kind, at) \
                 SELECT $1, j.value::bigint, $2, CAST($4 AS TEXT), CAST($5 AS BIGINT) \
                 FROM json_array_elements_text($3::json) AS j(value)"
            }
        };
        tx.execute(sql, args![id, list, kind, now]).await?;
    }
    Ok((tx, members.len()))
}

/// The second half of [`record_export`]: the register's row, the event, the commit.
async fn finish_record(
    (mut tx, people): (TenantTx, usize),
    actor: &Actor,
    id: i64,
    now: Timestamp,
    purpose: &str,
    log: &ExportLog<'_>,
) -> Result<i64> {
    tx.insert(
        "export_register",
        vec![
            ("id", id.into()),
            ("at", now.into()),
            ("identity_id", actor.identity.into()),
            ("kind", log.kind.into()),
            ("purpose", purpose.into()),
            ("filter", log.filter.into()),
            ("columns", log.columns.join(",").into()),
            ("people", (people as i64).into()),
            ("sha256", log.sha256.into()),
        ],
    )
    .await?;
    if log.kind == MY_DATA {
        // The person's own downloads, counted in one row (My data tells how many and when
        // without counting them again each time); last but the log, so the row is locked
        // for as short a time as the log's head.
        let mut people: Vec<i64> = log.members.iter().map(|m| m.0).collect();
        people.sort_unstable();
        people.dedup();
        for m in people {
            tx.execute(
                "INSERT INTO my_data_downloads (tenant_id, member_id, downloads, first_at, last_at) \
                 VALUES ($1, $2, 1, $3, $3) ON CONFLICT (tenant_id, member_id) DO UPDATE SET \
                 downloads = my_data_downloads.downloads + 1, last_at = CASE \
                 WHEN excluded.last_at > my_data_downloads.last_at THEN excluded.last_at \
                 ELSE my_data_downloads.last_at END",
                args![m, now],
            )
            .await?;
        }
    }
    tx.log(
        "export",
        Some(&format!(
            "members ({}): {} records, {}",
            log.filter, people, log.kind
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct RegisterRow {
    id: i64,
    at: i64,
    updated_by_name: Option<String>,
    kind: String,
    purpose: String,
    filter: String,
    columns: String,
    people: i64,
    sha256: String,
}

impl RegisterRow {
    fn into_record(self) -> ExportRecord {
        ExportRecord {
            id: self.id,
            at: Timestamp(self.at),
            person: self.updated_by_name,
            kind: self.kind,
            purpose: self.purpose,
            filter: self.filter,
            columns: self.columns,
            people: self.people,
            sha256: self.sha256,
        }
    }
}

const REGISTER_COLUMNS: &str =
    "r.id, r.at, r.updated_by_name, r.kind, r.purpose, r.filter, r.columns, r.people, r.sha256";

/// The export register, newest first (`privacy.manage`).
pub async fn export_register(
    db: &Db,
    scope: &TenantScope,
    limit: i64,
) -> Result<Vec<ExportRecord>> {
    scope.require(PRIVACY_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<RegisterRow> = tx
        .fetch_all(
            &format!(
                "SELECT {REGISTER_COLUMNS} FROM export_register r WHERE r.tenant_id = $1 \
                 ORDER BY r.at DESC, r.id DESC LIMIT $2"
            ),
            args![limit.clamp(1, 1000)],
        )
        .await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(RegisterRow::into_record).collect())
}

/// The exports that included `member`, newest first: "how many exports included me, and
/// when" (the My-data download). No permission of its own: the caller checked that the
/// member is the caller or their minor child.
pub async fn exports_including(
    db: &Db,
    scope: &TenantScope,
    member: MemberId,
) -> Result<Vec<ExportRecord>> {
    let mut tx = db.tenant_read(scope).await?;
    let out = exports_including_in(&mut tx, member).await?;
    tx.commit().await?;
    Ok(out)
}

/// [`exports_including`] inside the caller's transaction (the My-data download reads it in
/// the same snapshot as the rest of the person's data).
pub(crate) async fn exports_including_in(
    tx: &mut TenantTx,
    member: MemberId,
) -> Result<Vec<ExportRecord>> {
    let rows: Vec<RegisterRow> = tx
        .fetch_all(
            &format!(
                "SELECT {REGISTER_COLUMNS} FROM export_register_members x \
                 JOIN export_register r ON r.tenant_id = x.tenant_id AND r.id = x.export_id \
                 WHERE x.tenant_id = $1 AND x.member_id = $2 ORDER BY r.at DESC, r.id DESC"
            ),
            args![member],
        )
        .await?;
    Ok(rows.into_iter().map(RegisterRow::into_record).collect())
}

/// The person's My-data downloads, summarised (each is the person's own data going to the
/// person or their guardian): how many, the first and the last. Listing each made the
/// download grow with every download.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MyDataDownloads {
    pub count: i64,
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
}

/// The exports that included `member` except the My-data downloads (newest first), and
/// those summarised: what the My-data download itself lists (schema 3).
pub(crate) async fn exports_including_summarised_in(
    tx: &mut TenantTx,
    member: MemberId,
) -> Result<(Vec<ExportRecord>, MyDataDownloads)> {
    // The person's exports first (the kinds before and after `my_data` as two ranges of the
    // index: with `<>` the database read every one of the person's own downloads too), then
    // their register rows by id. In one join PostgreSQL estimated hundreds of the person's
    // exports and hashed the whole register (every download adds to it) for each download.
    let ids: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT export_id FROM export_register_members \
             WHERE tenant_id = $1 AND member_id = $2 AND kind < 'my_data' \
             UNION ALL SELECT export_id FROM export_register_members \
             WHERE tenant_id = $1 AND member_id = $2 AND kind > 'my_data'",
            args![member],
        )
        .await?;
    let rows: Vec<RegisterRow> = if ids.is_empty() {
        Vec::new()
    } else {
        let ids: Vec<i64> = ids.into_iter().map(|r| r.0).collect();
        let sql = match tx.backend() {
            // The list first (CROSS JOIN keeps SQLite's order), each row by its key: with
            // `r.id IN (list)` SQLite read the club's whole register by date instead.
            Backend::Sqlite => format!(
                "SELECT {REGISTER_COLUMNS} FROM json_each($2) j CROSS JOIN export_register r \
                 WHERE r.tenant_id = $1 AND r.id = CAST(j.value AS INTEGER) \
                 ORDER BY r.at DESC, r.id DESC"
            ),
            Backend::Postgres => format!(
                "SELECT {REGISTER_COLUMNS} FROM export_register r WHERE r.tenant_id = $1 \
                 AND {} ORDER BY r.at DESC, r.id DESC",
                crate::db::in_json_ids(Backend::Postgres, "r.id", "$2")
            ),
        };
        tx.fetch_all(&sql, args![json_ids(&ids)]).await?
    };
    let own: Option<(i64, i64, i64)> = tx
        .fetch_optional(
            "SELECT downloads, first_at, last_at FROM my_data_downloads \
             WHERE tenant_id = $1 AND member_id = $2",
            args![member],
        )
        .await?;
    Ok((
        rows.into_iter().map(RegisterRow::into_record).collect(),
        MyDataDownloads {
            count: own.map_or(0, |(n, _, _)| n),
            first: own.map(|(_, first, _)| Timestamp(first)),
            last: own.map(|(_, _, last)| Timestamp(last)),
        },
    ))
}

fn is_sensitive(f: &CustomField) -> bool {
    f.visibility == FieldVisibility::Sensitive || f.kind == FieldKind::NationalNumber
}

/// The columns the exporter is offered: the standard ones, then the club's fields they may
/// see; sensitive ones marked, and allowed only with `exports.sensitive`.
fn catalog(scope: &TenantScope, fields: &[CustomField]) -> Vec<ExportColumn> {
    let viewer = Viewer::staff(scope);
    let sensitive_ok = scope.can(EXPORTS_SENSITIVE);
    let mut out: Vec<ExportColumn> = STANDARD_COLUMNS
        .iter()
        .map(|c| ExportColumn {
            id: c.to_string(),
            label: None,
            sensitive: false,
            allowed: true,
        })
        .collect();
    out.extend(fields.iter().filter(|f| viewer.sees(f)).map(|f| {
        let sensitive = is_sensitive(f);
        ExportColumn {
            id: format!("cf{}", f.id),
            label: Some(f.label.clone()),
            sensitive,
            allowed: !sensitive || sensitive_ok,
        }
    }));
    out
}

/// What the export form offers (`exports.run`).
pub async fn export_choices(db: &Db, scope: &TenantScope) -> Result<ExportChoices> {
    scope.require(EXPORTS_RUN)?;
    let mut tx = db.tenant_read(scope).await?;
    let fields = super::custom_fields::definitions(&mut tx).await?;
    // The consent purposes to filter on (the table is consents', read here as data).
    let rows: Vec<(i64, String, String, String)> = tx
        .fetch_all(
            "SELECT p.id, t.title_en, t.title_nl, t.title_fr FROM consent_purposes p \
             JOIN consent_texts t ON t.tenant_id = p.tenant_id AND t.purpose_id = p.id \
             AND t.text_version = p.text_version \
             WHERE p.tenant_id = $1 AND p.archived_at IS NULL ORDER BY p.created_at, p.id",
            args![],
        )
        .await?;
    let purposes = rows
        .into_iter()
        .map(|(id, en, nl, fr)| (id, Localized { en, nl, fr }))
        .collect();
    tx.commit().await?;
    Ok(ExportChoices {
        columns: catalog(scope, &fields),
        purposes,
        can_see_register: scope.can(PRIVACY_MANAGE),
    })
}

/// One record of an export: a row (PostgreSQL) or an entry of the JSON list `export_rows`
/// asks SQLite for, its fields in the order of [`JSON_COLUMNS`] (serde reads a struct from
/// a JSON array in field order).
#[derive(serde::Deserialize, sqlx::FromRow)]
struct Row {
    id: i64,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    street: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
    status: String,
    joined_on: Option<String>,
    ended_on: Option<String>,
    gender: Option<String>,
    membership_type: Option<String>,
    season: Option<String>,
    updated_at: i64,
    updated_by_name: Option<String>,
}

/// A record's text in a column (a custom field's values joined by `|`).
fn column_text<'a>(
    r: &'a Row,
    c: &ExportColumn,
    values: &HashMap<(i64, i64), Vec<String>>,
) -> Cow<'a, str> {
    match c.id.strip_prefix("cf").and_then(|n| n.parse::<i64>().ok()) {
        Some(f) => Cow::Owned(
            values
                .get(&(r.id, f))
                .map(|v| v.join("|"))
                .unwrap_or_default(),
        ),
        None => r.standard(&c.id),
    }
}

impl Row {
    fn standard(&self, column: &str) -> Cow<'_, str> {
        fn o(v: &Option<String>) -> Cow<'_, str> {
            Cow::Borrowed(v.as_deref().unwrap_or(""))
        }
        match column {
            "id" => Cow::Owned(self.id.to_string()),
            "given_name" => Cow::Borrowed(&self.given_name),
            "family_name" => Cow::Borrowed(&self.family_name),
            "birth_date" => o(&self.birth_date),
            "gender" => o(&self.gender),
            "email" => o(&self.email),
            "phone" => o(&self.phone),
            "street" => o(&self.street),
            "postcode" => o(&self.postcode),
            "city" => o(&self.city),
            "status" => Cow::Borrowed(&self.status),
            "membership_type" => o(&self.membership_type),
            "season" => o(&self.season),
            "joined_on" => o(&self.joined_on),
            "ended_on" => o(&self.ended_on),
            "last_changed_at" => Cow::Owned(Timestamp(self.updated_at).format_brussels()),
            "last_changed_by" => o(&self.updated_by_name),
            _ => Cow::Borrowed(""),
        }
    }
}

/// The columns asked, checked against what the exporter may choose: an unknown one is
/// refused (400), a sensitive one without `exports.sensitive` is forbidden (403). None
/// asked: every column the exporter may choose.
fn chosen_columns(
    scope: &TenantScope,
    fields: &[CustomField],
    asked: &[String],
) -> Result<Vec<ExportColumn>> {
    let offered = catalog(scope, fields);
    if asked.iter().all(|c| c.trim().is_empty()) {
        return Ok(offered.into_iter().filter(|c| c.allowed).collect());
    }
    let mut out: Vec<ExportColumn> = Vec::new();
    let mut p = Problems::default();
    for a in asked.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        match offered.iter().find(|c| c.id == a) {
            Some(c) if !c.allowed => return Err(AppError::Forbidden),
            Some(c) => {
                if !out.iter().any(|o| o.id == c.id) {
                    out.push(c.clone());
                }
            }
            // A field of the club the exporter may not even see: a right, not a typo.
            None if fields.iter().any(|f| format!("cf{}", f.id) == a) => {
                return Err(AppError::Forbidden)
            }
            None => {
                p.add("columns", Msg::ErrExportColumn);
                break;
            }
        }
    }
    p.done()?;
    Ok(out)
}

fn column_label(c: &ExportColumn, lang: Lang, ids: bool) -> String {
    match (&c.label, ids) {
        (Some(l), _) => l.clone(),
        (None, true) => c.id.clone(),
        (None, false) => match c.id.as_str() {
            "last_changed_by" => Msg::ExportColLastChangedBy.text(lang).to_string(),
            id => standard_column_label(id)
                .map(|m| m.text(lang).to_string())
                .unwrap_or_else(|| id.to_string()),
        },
    }
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn write_xlsx(table: &[Vec<String>]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    for (r, row) in table.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            // Strings only: a cell is never a formula, whatever its text.
            if r == 0 {
                sheet
                    .write_string_with_format(r, c, v, &bold)
                    .map_err(crate::error::internal)?;
            } else if !v.is_empty() {
                sheet
                    .write_string(r, c, v)
                    .map_err(crate::error::internal)?;
            }
        }
    }
    sheet
        .set_freeze_panes(1, 0)
        .map_err(crate::error::internal)?;
    book.save_to_buffer().map_err(crate::error::internal)
}

/// The printable list: a page of its own with a print style sheet.
fn write_print(
    table: &[Vec<String>],
    club: &str,
    purpose: &str,
    when: &str,
    lang: Lang,
) -> Vec<u8> {
    let mut html = String::with_capacity(table.len() * 120 + 2000);
    html.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>\
         body{{font-family:system-ui,sans-serif;margin:1.5rem;color:#111;background:#fff}}\
         h1{{font-size:1.4rem;margin:0 0 .25rem}}p{{margin:.25rem 0}}\
         .wrap{{overflow-x:auto}}\
         table{{border-collapse:collapse;width:100%;font-size:.85rem;margin-top:1rem}}\
         th,td{{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}}\
         th{{background:#eee}}.hint{{color:#444}}\
         @media print{{body{{margin:0}}.hint{{display:none}}\
         thead{{display:table-header-group}}tr{{break-inside:avoid}}\
         @page{{margin:12mm}}}}</style></head><body><main>",
        lang.code(),
        escape_html(&format!("{} — {club}", Msg::PrintListTitle.text(lang)))
    ));
    html.push_str(&format!(
        "<h1>{}</h1><p>{}</p><p>{}: {}</p><p>{}</p>\
         <p class=\"hint\">{}</p>",
        escape_html(club),
        escape_html(Msg::PrintListTitle.text(lang)),
        escape_html(Msg::ExportPurpose.text(lang)),
        escape_html(purpose),
        escape_html(&Msg::PrintListCount.fill(
            lang,
            &[
                ("n", &(table.len().saturating_sub(1)).to_string()),
                ("when", when)
            ]
        )),
        escape_html(Msg::PrintListHint.text(lang)),
    ));
    html.push_str("<div class=\"wrap\"><table><thead><tr>");
    if let Some(head) = table.first() {
        for h in head {
            html.push_str(&format!("<th scope=\"col\">{}</th>", escape_html(h)));
        }
    }
    html.push_str("</tr></thead><tbody>");
    for row in table.iter().skip(1) {
        html.push_str("<tr>");
        for v in row {
            html.push_str("<td>");
            html.push_str(&escape_html(v));
            html.push_str("</td>");
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div></main></body></html>\n");
    html.into_bytes()
}

/// Exports the register with the columns and filters asked (`exports.run`; sensitive
/// columns `exports.sensitive`), leaving restricted records out, and records it in the
/// export register before it is handed out.
pub async fn export_members(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    req: &ExportRequest,
) -> Result<ExportFile> {
    scope.require(EXPORTS_RUN)?;
    let purpose = check_purpose(&req.purpose)?;
    let started = crate::clock::monotonic();
    // The records and their custom values as of one moment.
    let mut tx = db.bulk().tenant_snapshot(scope).await?;
    let fields = super::custom_fields::definitions(&mut tx).await?;
    let columns = chosen_columns(scope, &fields, &req.columns)?;
    if let Some(purpose_id) = req.consent {
        let found: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM consent_purposes WHERE tenant_id = $1 AND id = $2",
                args![purpose_id],
            )
            .await?;
        if found.is_none() {
            return Err(AppError::field("consent", Msg::ErrChoosePurpose));
        }
    }
    let rows = export_rows(&mut tx, req.status, req.consent).await?;
    let field_ids: Vec<i64> = columns
        .iter()
        .filter_map(|c| c.id.strip_prefix("cf").and_then(|n| n.parse().ok()))
        .collect();
    let mut values: HashMap<(i64, i64), Vec<String>> = HashMap::new();
    if !field_ids.is_empty() {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let stored = export_values(&mut tx, &ids, &field_ids).await?;
        for (m, f, v) in stored {
            values.entry((m, f)).or_default().push(v);
        }
    }
    tx.commit().await?;
    let read = started.elapsed();
    let what = req.status.map(|s| s.as_str()).unwrap_or("all");
    let filter = match req.consent {
        Some(p) => format!("{what}, consent {p}"),
        None => what.to_string(),
    };
    let members: Vec<MemberId> = rows.iter().map(|r| MemberId(r.id)).collect();
    let column_ids: Vec<String> = columns.iter().map(|c| c.id.clone()).collect();
    let people = rows.len();
    let spec = FileSpec {
        format: req.format,
        lang: req.lang,
        club: scope.tenant().name.clone(),
        purpose: purpose.clone(),
        when: now.format_brussels(),
    };
    // The file is made on a thread of its own (an XLSX of 10,000 takes 0.2 s of CPU). On
    // PostgreSQL the export's members are written to the register meanwhile, in the
    // transaction that then adds the register's row with the file's hash (10,000 rows:
    // about 25 ms, as long as the CSV itself). SQLite has one writer: its transaction only
    // starts once the file is made.
    let making = tokio::task::spawn_blocking(move || write_file(&spec, &columns, &rows, &values));
    let made = |r: std::result::Result<Result<Made>, tokio::task::JoinError>| {
        r.map_err(crate::error::internal)?
    };
    let id = ids::new_id();
    let (file, started_record, written) = match db.backend() {
        Backend::Postgres => {
            let begun =
                begin_record(db, scope, actor, now, id, req.format.kind(), &members).await?;
            let file = made(making.await)?;
            (file, begun, started.elapsed())
        }
        Backend::Sqlite => {
            let file = made(making.await)?;
            let written = started.elapsed();
            let begun =
                begin_record(db, scope, actor, now, id, req.format.kind(), &members).await?;
            (file, begun, written)
        }
    };
    let register_id = finish_record(
        started_record,
        actor,
        id,
        now,
        &purpose,
        &ExportLog {
            kind: req.format.kind(),
            purpose: &purpose,
            filter: &filter,
            columns: &column_ids,
            members: &members,
            sha256: &file.sha256,
        },
    )
    .await?;
    tracing::debug!(
        people,
        format = file.ext,
        read_ms = read.as_millis() as u64,
        file_ms = (written - read).as_millis() as u64,
        record_ms = (started.elapsed() - written).as_millis() as u64,
        "export of members"
    );
    let date = now.format_brussels_date();
    let slug = &scope.tenant().slug;
    Ok(ExportFile {
        name: format!("{slug}-members-{what}-{date}.{}", file.ext),
        content_type: file.content_type,
        bytes: file.bytes,
        people,
        sha256: file.sha256,
        register_id,
    })
}

/// What an export's file is made for (owned: it is made on a thread of its own).
struct FileSpec {
    format: ExportFormat,
    lang: Lang,
    club: String,
    purpose: String,
    when: String,
}

/// An export's file with its type, extension and hash.
struct Made {
    bytes: Vec<u8>,
    content_type: &'static str,
    ext: &'static str,
    sha256: String,
}

/// The export's file: CSV, XLSX or the printable list.
fn write_file(
    spec: &FileSpec,
    columns: &[ExportColumn],
    rows: &[Row],
    values: &HashMap<(i64, i64), Vec<String>>,
) -> Result<Made> {
    let csv = spec.format == ExportFormat::Csv;
    let head: Vec<String> = columns
        .iter()
        .map(|c| {
            let l = column_label(c, spec.lang, csv);
            if csv {
                cell(&l)
            } else {
                l
            }
        })
        .collect();
    // The formula defusing is CSV's; XLSX cells are strings, the print is escaped HTML.
    let defused = |c: &ExportColumn| csv && c.id != "id" && c.id != "status";
    let cells = |r: &Row| -> Vec<String> {
        columns
            .iter()
            .map(|c| column_text(r, c, values).into_owned())
            .collect()
    };
    let (bytes, content_type, ext) = match spec.format {
        // The CSV is written row by row as the records come (no table of every cell
        // first): a byte-order mark, then RFC 4180 with CRLF, as `write_csv` writes it.
        ExportFormat::Csv => {
            let mut out = Vec::with_capacity(rows.len() * 160 + 64);
            out.extend_from_slice("\u{feff}".as_bytes());
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .flexible(false)
                .from_writer(out);
            w.write_record(&head).map_err(crate::error::internal)?;
            // Each field written as it is made, borrowed where it needs no change.
            for r in rows {
                for c in columns {
                    let v = column_text(r, c, values);
                    let v = if defused(c) {
                        cell_text(&v)
                    } else {
                        Cow::Borrowed(&*v)
                    };
                    w.write_field(v.as_bytes())
                        .map_err(crate::error::internal)?;
                }
                w.write_record(None::<&[u8]>)
                    .map_err(crate::error::internal)?;
            }
            (
                w.into_inner().map_err(crate::error::internal)?,
                "text/csv; charset=utf-8",
                "csv",
            )
        }
        ExportFormat::Xlsx | ExportFormat::Print => {
            let mut table: Vec<Vec<String>> = Vec::with_capacity(rows.len() + 1);
            table.push(head);
            table.extend(rows.iter().map(cells));
            if spec.format == ExportFormat::Xlsx {
                (
                    write_xlsx(&table)?,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "xlsx",
                )
            } else {
                (
                    write_print(&table, &spec.club, &spec.purpose, &spec.when, spec.lang),
                    "text/html; charset=utf-8",
                    "html",
                )
            }
        }
    };
    let sha256 = sha256_hex(&bytes);
    Ok(Made {
        bytes,
        content_type,
        ext,
        sha256,
    })
}

/// The records of an export: never a restricted one. With a consent filter the answers
/// lead (the purpose's index gives the few thousand people of a large club without
/// reading the others; CROSS JOIN keeps SQLite to that order).
const EXPORT_COLUMNS: &str = "members.id, given_name, family_name, birth_date, email, phone, \
    street, postcode, city, status, joined_on, ended_on, gender, membership_type, season, \
    members.updated_at, members.updated_by_name";

fn export_from(consent: Option<i64>) -> &'static str {
    match consent {
        Some(_) => {
            "(SELECT member_id FROM member_consents WHERE tenant_id = $1 AND purpose_id = $3 \
             AND given = $4) c CROSS JOIN members WHERE members.tenant_id = $1 \
             AND members.id = c.member_id AND members.restricted_at IS NULL \
             AND ($2 IS NULL OR members.status = $2)"
        }
        None => {
            "members WHERE members.tenant_id = $1 AND members.restricted_at IS NULL \
             AND ($2 IS NULL OR members.status = $2) AND ($3 IS NULL OR $4 IS NULL)"
        }
    }
}

/// The columns of [`Row`], in its order, as the subquery of `export_rows` names them.
const JSON_COLUMNS: &str = "id, given_name, family_name, birth_date, email, phone, street, \
    postcode, city, status, joined_on, ended_on, gender, membership_type, season, updated_at, \
    updated_by_name";

/// The records of an export in name order. On SQLite as one JSON list built by the
/// database: the driver's cost for each of 10,000 rows of 17 columns was most of a
/// 10,000-member CSV export (about 106 of 140 ms; one row of JSON is read and parsed in a
/// fraction). PostgreSQL sends rows cheaply and builds such a list slowly (its CSV export
/// went from 149 to 228 ms with it), so it sends the rows.
async fn export_rows(
    tx: &mut TenantTx,
    status: Option<MemberStatus>,
    consent: Option<i64>,
) -> Result<Vec<Row>> {
    let from = export_from(consent);
    let args = args![status.map(|s| s.as_str()), consent, true];
    match tx.backend() {
        Backend::Sqlite => {
            let sql = format!(
                "SELECT json_group_array(json_array({JSON_COLUMNS}) ORDER BY sort_name, id) \
                 FROM (SELECT {EXPORT_COLUMNS}, members.sort_name FROM {from}) e"
            );
            let (list,): (String,) = tx.fetch_one(&sql, args).await?;
            serde_json::from_str(&list).map_err(crate::error::internal)
        }
        Backend::Postgres => {
            // With a consent filter, each answer's record is looked up by its key (a nested
            // loop, 10,000 lookups for 10,000 answers): left to choose, PostgreSQL hashed
            // every record of the club instead (a scan of all 100,000, about 6 ms more).
            let from = match consent {
                Some(_) => {
                    "member_consents c CROSS JOIN LATERAL (SELECT * FROM members \
                     WHERE members.tenant_id = $1 AND members.id = c.member_id \
                     AND members.restricted_at IS NULL AND ($2 IS NULL OR members.status = $2) \
                     LIMIT 1) members \
                     WHERE c.tenant_id = $1 AND c.purpose_id = $3 AND c.given = $4"
                }
                None => from,
            };
            let sql = format!(
                "SELECT {EXPORT_COLUMNS} FROM {from} ORDER BY members.sort_name, members.id"
            );
            tx.fetch_all(&sql, args).await
        }
    }
}

/// The custom values of the fields `fields` of the records `ids` (those of
/// [`export_rows`]), looked up by the ids the export already has: repeating the export's
/// filter joined every record again (about 13 ms for 10,000 records on SQLite, even in a
/// club without a single custom value).
async fn export_values(
    tx: &mut TenantTx,
    ids: &[i64],
    fields: &[i64],
) -> Result<Vec<(i64, i64, String)>> {
    if ids.is_empty() || fields.is_empty() {
        return Ok(Vec::new());
    }
    // One statement of fixed text with the ids as one JSON list (`db::json_ids`).
    let sql = match tx.backend() {
        Backend::Sqlite => {
            "SELECT v.member_id, v.field_id, v.value FROM json_each($2) j \
             CROSS JOIN member_field_values v WHERE v.tenant_id = $1 \
             AND v.member_id = CAST(j.value AS INTEGER) \
             AND v.field_id IN (SELECT CAST(f.value AS INTEGER) FROM json_each($3) f) \
             ORDER BY v.member_id, v.field_id, v.value"
        }
        Backend::Postgres => {
            "SELECT v.member_id, v.field_id, v.value FROM member_field_values v \
             WHERE v.tenant_id = $1 \
             AND v.member_id IN (SELECT j.value::bigint FROM json_array_elements_text($2::json) AS j(value)) \
             AND v.field_id IN (SELECT f.value::bigint FROM json_array_elements_text($3::json) AS f(value)) \
             ORDER BY v.member_id, v.field_id, v.value"
        }
    };
    tx.fetch_all(sql, args![json_ids(ids), json_ids(fields)])
        .await
}
