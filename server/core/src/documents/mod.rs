//! Member documents (issue 19): kinds the club defines (medical certificate, a guardian's
//! ID, a signed form; whether an expiry date is required), files staff attach to a member
//! with an optional expiry date, the list of what expires within [`SOON_DAYS`] days (and
//! has expired), and the reminders the daily job mails once per document. Files are stored
//! in the database per tenant (like the logo), checked by their content (PDF, PNG, JPEG:
//! [`sniff`]) and limited to [`MAX_BYTES`]. Reading needs `documents.view`, changing
//! `documents.manage`.
//!
//! The everyday lists (birthdays this week, the member card, a team list with emergency
//! contacts) are in [`lists`].
//!
//! Layer: above accounts and members.

pub mod lists;
#[cfg(test)]
mod tests;

use crate::db::Db;
use crate::error::Result;
use crate::mail::{Brand, Mail, Mailer};
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use tessera_common::documents::*;
use tessera_common::dto::Stamp;
use tessera_common::modules::{DOCUMENTS_MANAGE, DOCUMENTS_VIEW};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, Lang, MemberId, Msg, Problem};

/// The largest file a document may be.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// The list of what expires soon covers this many days from today; the reminder goes this
/// many days before the expiry day.
pub const SOON_DAYS: i64 = 30;
/// A kind's name: at most this many characters.
pub const MAX_KIND_NAME: usize = 80;
/// At most this many kinds per club.
pub const MAX_KINDS: i64 = 100;
/// A stored file name: at most this many characters.
pub const MAX_FILE_NAME: usize = 200;
/// The list of what expires soon shows at most this many documents.
pub const MAX_EXPIRING: i64 = 1000;

/// The type of a file by its content (its first bytes), whatever its name says: PDF, PNG
/// or JPEG, else `None`.
pub fn sniff(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if data.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// The extension a file of `content_type` is saved with.
pub fn extension(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    }
}

/// The type a file's name claims by its extension, when it is one we know.
fn claimed_type(file_name: &str) -> Option<&'static str> {
    let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some("application/pdf"),
        "png" => Some("image/png"),
        "jpg" | "jpeg" => Some("image/jpeg"),
        _ => None,
    }
}

/// A file name as kept: its last path part, without control characters, at most
/// [`MAX_FILE_NAME`] characters; `document` when nothing is left.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILE_NAME)
        .collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        "document".to_string()
    } else {
        cleaned
    }
}

/// A name safe in a `Content-Disposition` header: ASCII letters, digits, `.`, `-` and `_`,
/// with the extension of the content's type.
pub fn download_name(file_name: &str, content_type: &str) -> String {
    let stem = file_name
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(file_name);
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let safe = if safe.trim_matches('_').is_empty() {
        "document".to_string()
    } else {
        safe
    };
    format!("{safe}.{}", extension(content_type))
}

/// Checks an uploaded file: not empty, at most [`MAX_BYTES`], a PDF, PNG or JPEG by its
/// content, and not named as another of those types than it is. Returns its type.
pub fn check_file(file_name: &str, data: &[u8]) -> Result<&'static str> {
    if data.is_empty() {
        return Err(AppError::field("file", Msg::DocErrEmpty));
    }
    if data.len() > MAX_BYTES {
        return Err(AppError::field(
            "file",
            Problem::new(Msg::DocErrTooLarge).arg("max", (MAX_BYTES / 1024 / 1024) as i64),
        ));
    }
    let Some(actual) = sniff(data) else {
        return Err(AppError::field(
            "file",
            match claimed_type(file_name) {
                Some(claimed) => Problem::new(Msg::DocErrNotWhatItClaims)
                    .arg("type", extension(claimed).to_uppercase()),
                None => Problem::new(Msg::DocErrType),
            },
        ));
    };
    if let Some(claimed) = claimed_type(file_name) {
        if claimed != actual {
            return Err(AppError::field(
                "file",
                Problem::new(Msg::DocErrNotWhatItClaims)
                    .arg("type", extension(claimed).to_uppercase()),
            ));
        }
    }
    Ok(actual)
}

/// A kind's name, checked: 1 to [`MAX_KIND_NAME`] characters on one line.
fn check_kind_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("name", Msg::ErrRequired));
    }
    if name.chars().count() > MAX_KIND_NAME || name.chars().any(char::is_control) {
        return Err(AppError::field(
            "name",
            Problem::new(Msg::ErrMaxCharsOneLine).arg("max", MAX_KIND_NAME as i64),
        ));
    }
    Ok(name.to_string())
}

/// An expiry date as typed: empty is none; otherwise a real `YYYY-MM-DD` date.
pub fn parse_expiry(s: &str) -> Result<Option<Date>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    Date::parse(s)
        .filter(|d| (1900..=2200).contains(&d.year))
        .map(Some)
        .ok_or_else(|| AppError::field("expires_on", Msg::ErrDateFormat))
}

#[derive(sqlx::FromRow)]
struct KindRow {
    id: i64,
    name: String,
    expiry_required: bool,
    documents: i64,
}

impl From<KindRow> for DocumentKind {
    fn from(r: KindRow) -> Self {
        DocumentKind {
            id: r.id,
            name: r.name,
            expiry_required: r.expiry_required,
            documents: r.documents,
        }
    }
}

async fn kinds_in(tx: &mut crate::db::TenantTx) -> Result<Vec<DocumentKind>> {
    let rows: Vec<KindRow> = tx
        .fetch_all(
            "SELECT k.id, k.name, k.expiry_required, (SELECT count(*) FROM member_documents d \
             WHERE d.tenant_id = k.tenant_id AND d.kind_id = k.id) AS documents \
             FROM document_kinds k WHERE k.tenant_id = $1 AND k.archived_at IS NULL \
             ORDER BY k.name, k.id",
            args![],
        )
        .await?;
    Ok(rows.into_iter().map(DocumentKind::from).collect())
}

/// The club's document kinds (`documents.view`).
pub async fn kinds(db: &Db, scope: &TenantScope) -> Result<Vec<DocumentKind>> {
    scope.require(DOCUMENTS_VIEW)?;
    let mut tx = db.tenant_read(scope).await?;
    let k = kinds_in(&mut tx).await?;
    tx.commit().await?;
    Ok(k)
}

/// Adds a document kind (`documents.manage`); a name the club already uses is a conflict.
pub async fn add_kind(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    name: &str,
    expiry_required: bool,
) -> Result<i64> {
    scope.require(DOCUMENTS_MANAGE)?;
    let name = check_kind_name(name)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let (n, same): (i64, i64) = tx
        .fetch_one(
            "SELECT count(*), coalesce(sum(CASE WHEN lower(name) = lower($2) THEN 1 ELSE 0 END), 0) \
             FROM document_kinds WHERE tenant_id = $1",
            args![name.clone()],
        )
        .await?;
    if same > 0 {
        return Err(AppError::field("name", Msg::DocErrKindTaken));
    }
    if n >= MAX_KINDS {
        return Err(AppError::conflict(
            Problem::new(Msg::DocErrTooManyKinds).arg("max", MAX_KINDS),
        ));
    }
    let id = ids::new_id();
    tx.insert(
        "document_kinds",
        vec![
            ("id", id.into()),
            ("name", name.clone().into()),
            ("expiry_required", expiry_required.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log("document_kind_added", Some(&name)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes a kind no document uses (`documents.manage`); one in use is a conflict.
pub async fn remove_kind(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    scope.require(DOCUMENTS_MANAGE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row: Option<(String, i64)> = tx
        .fetch_optional(
            "SELECT k.name, (SELECT count(*) FROM member_documents d WHERE d.tenant_id = k.tenant_id \
             AND d.kind_id = k.id) FROM document_kinds k WHERE k.tenant_id = $1 AND k.id = $2",
            args![id],
        )
        .await?;
    let Some((name, used)) = row else {
        return Err(AppError::NotFound);
    };
    if used > 0 {
        return Err(AppError::conflict(
            Problem::new(Msg::DocErrKindInUse).arg("n", used),
        ));
    }
    tx.execute(
        "DELETE FROM document_kinds WHERE tenant_id = $1 AND id = $2",
        args![id],
    )
    .await?;
    tx.log("document_kind_removed", Some(&name)).await?;
    tx.commit().await?;
    Ok(())
}

/// A document to attach.
pub struct NewDocument {
    pub member: MemberId,
    pub kind: i64,
    pub file_name: String,
    pub data: Vec<u8>,
    /// As typed: empty or `YYYY-MM-DD`.
    pub expires_on: String,
}

/// Attaches a file to a member (`documents.manage`): checked by content and size, of a
/// kind of this club (an expiry date when the kind requires one), to a member of this club
/// (another club's id is not found). Logged in the club's event log.
pub async fn attach(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    doc: NewDocument,
) -> Result<i64> {
    scope.require(DOCUMENTS_MANAGE)?;
    scope.writable()?;
    let content_type = check_file(&doc.file_name, &doc.data)?;
    let expires_on = parse_expiry(&doc.expires_on)?;
    let file_name = clean_file_name(&doc.file_name);
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let member: Option<(Option<i64>,)> = tx
        .fetch_optional(
            "SELECT erased_at FROM members WHERE tenant_id = $1 AND id = $2",
            args![doc.member],
        )
        .await?;
    match member {
        None => return Err(AppError::NotFound),
        Some((Some(_),)) => return Err(AppError::NotFound),
        Some((None,)) => {}
    }
    let kind: Option<(String, bool)> = tx
        .fetch_optional(
            "SELECT name, expiry_required FROM document_kinds WHERE tenant_id = $1 AND id = $2 \
             AND archived_at IS NULL",
            args![doc.kind],
        )
        .await?;
    let Some((kind_name, expiry_required)) = kind else {
        return Err(AppError::field("kind", Msg::DocErrChooseKind));
    };
    if expiry_required && expires_on.is_none() {
        return Err(AppError::field("expires_on", Msg::DocErrExpiryRequired));
    }
    let id = ids::new_id();
    let size = doc.data.len() as i64;
    let sha = crate::members::exports::sha256_hex(&doc.data);
    tx.insert(
        "member_documents",
        vec![
            ("id", id.into()),
            ("member_id", doc.member.into()),
            ("kind_id", doc.kind.into()),
            ("file_name", file_name.clone().into()),
            ("content_type", content_type.into()),
            ("size", size.into()),
            ("sha256", sha.into()),
            ("data", doc.data.into()),
            ("expires_on", expires_on.map(|d| d.to_string()).into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.log(
        "document_added",
        Some(&format!(
            "{kind_name}: {file_name} (member {})",
            doc.member.0
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct DocRow {
    id: i64,
    member_id: i64,
    kind: String,
    file_name: String,
    content_type: String,
    size: i64,
    expires_on: Option<String>,
    updated_at: i64,
    updated_by_name: Option<String>,
}

/// A member's documents (`documents.view`), newest first; with the kinds to attach one
/// for `documents.manage`. A member of another club is not found.
pub async fn of_member(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    member: MemberId,
) -> Result<MemberDocuments> {
    scope.require(DOCUMENTS_VIEW)?;
    let today = scope.today(now).to_string();
    let mut tx = db.tenant_read(scope).await?;
    let exists: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM members WHERE tenant_id = $1 AND id = $2 AND erased_at IS NULL",
            args![member],
        )
        .await?;
    if exists.is_none() {
        return Err(AppError::NotFound);
    }
    let rows: Vec<DocRow> = tx
        .fetch_all(
            "SELECT d.id, d.member_id, k.name AS kind, d.file_name, d.content_type, d.size, \
             d.expires_on, d.updated_at, d.updated_by_name FROM member_documents d \
             JOIN document_kinds k ON k.tenant_id = d.tenant_id AND k.id = d.kind_id \
             WHERE d.tenant_id = $1 AND d.member_id = $2 ORDER BY d.created_at DESC, d.id DESC",
            args![member],
        )
        .await?;
    let can_manage = scope.can(DOCUMENTS_MANAGE) && scope.read_only_since().is_none();
    let kinds = if can_manage {
        kinds_in(&mut tx).await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    Ok(MemberDocuments {
        member,
        documents: rows
            .into_iter()
            .map(|r| MemberDocument {
                id: r.id,
                member: MemberId(r.member_id),
                expired: r.expires_on.as_deref().is_some_and(|e| e < today.as_str()),
                kind: r.kind,
                file_name: r.file_name,
                content_type: r.content_type,
                size: r.size,
                expires_on: r.expires_on,
                stamp: Stamp {
                    at: Timestamp(r.updated_at),
                    by: r.updated_by_name,
                },
            })
            .collect(),
        kinds,
        can_manage,
    })
}

/// A document's file, for its download.
pub struct DocumentFile {
    pub file_name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// The file of document `id` of this club (`documents.view`); another club's id is not
/// found. Each download is logged (kind, file name, member id: who read a medical
/// certificate stays known), also in a read-only club, whose staff may still read.
pub async fn file(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<DocumentFile> {
    scope.require(DOCUMENTS_VIEW)?;
    let mut tx = db.event_log_write(scope, actor, now).await?;
    let row: Option<(String, String, Vec<u8>, i64, String)> = tx
        .fetch_optional(
            "SELECT d.file_name, d.content_type, d.data, d.member_id, k.name \
             FROM member_documents d JOIN document_kinds k \
             ON k.tenant_id = d.tenant_id AND k.id = d.kind_id \
             WHERE d.tenant_id = $1 AND d.id = $2",
            args![id],
        )
        .await?;
    let (file_name, content_type, data, member, kind) = row.ok_or(AppError::NotFound)?;
    tx.log(
        "document_downloaded",
        Some(&format!("{kind}: {file_name} (member {member})")),
    )
    .await?;
    tx.commit().await?;
    Ok(DocumentFile {
        file_name,
        content_type,
        data,
    })
}

/// Removes document `id` (`documents.manage`), logged with its kind, name and member;
/// returns the member it belonged to.
pub async fn remove(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<MemberId> {
    scope.require(DOCUMENTS_MANAGE)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let row: Option<(i64, String, String)> = tx
        .fetch_optional(
            "SELECT d.member_id, k.name, d.file_name FROM member_documents d \
             JOIN document_kinds k ON k.tenant_id = d.tenant_id AND k.id = d.kind_id \
             WHERE d.tenant_id = $1 AND d.id = $2",
            args![id],
        )
        .await?;
    let Some((member, kind, file_name)) = row else {
        return Err(AppError::NotFound);
    };
    tx.execute(
        "DELETE FROM member_documents WHERE tenant_id = $1 AND id = $2",
        args![id],
    )
    .await?;
    tx.log(
        "document_removed",
        Some(&format!("{kind}: {file_name} (member {member})")),
    )
    .await?;
    tx.commit().await?;
    Ok(MemberId(member))
}

#[derive(sqlx::FromRow)]
struct ExpiringRow {
    id: i64,
    member_id: i64,
    given_name: String,
    family_name: String,
    kind: String,
    expires_on: String,
    reminded_at: Option<i64>,
}

/// The documents that expire from today through today + [`SOON_DAYS`], and those that
/// have expired, soonest first (`documents.view`); at most [`MAX_EXPIRING`]. Records under
/// restriction are left out.
pub async fn overview(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<DocumentsOverview> {
    scope.require(DOCUMENTS_VIEW)?;
    let today = scope.today(now);
    let until = Date::from_days(today.days_since_epoch() + SOON_DAYS).to_string();
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<ExpiringRow> = tx
        .fetch_all(
            "SELECT d.id, d.member_id, m.given_name, m.family_name, k.name AS kind, d.expires_on, \
             d.reminded_at FROM member_documents d \
             JOIN members m ON m.tenant_id = d.tenant_id AND m.id = d.member_id \
             JOIN document_kinds k ON k.tenant_id = d.tenant_id AND k.id = d.kind_id \
             WHERE d.tenant_id = $1 AND d.expires_on IS NOT NULL AND d.expires_on <= $2 \
             AND m.restricted_at IS NULL AND m.erased_at IS NULL \
             ORDER BY d.expires_on, d.id LIMIT $3",
            args![until.clone(), MAX_EXPIRING],
        )
        .await?;
    let kinds = kinds_in(&mut tx).await?;
    tx.commit().await?;
    let today = today.to_string();
    Ok(DocumentsOverview {
        kinds,
        expiring: rows
            .into_iter()
            .map(|r| ExpiringDocument {
                id: r.id,
                member: MemberId(r.member_id),
                member_name: format!("{} {}", r.given_name, r.family_name),
                expired: r.expires_on < today,
                kind: r.kind,
                expires_on: r.expires_on,
                reminded: r.reminded_at.is_some(),
            })
            .collect(),
        until,
        can_manage: scope.can(DOCUMENTS_MANAGE) && scope.read_only_since().is_none(),
    })
}

#[derive(sqlx::FromRow)]
struct DueRow {
    id: i64,
    member_id: i64,
    given_name: String,
    kind: String,
    expires_on: String,
}

#[derive(sqlx::FromRow)]
struct Recipient {
    email: String,
    lang: Option<String>,
}

/// Whether the documents module is on for the club of `scope` (a system task's scope has
/// every module; the job asks the club's own switches and plan).
async fn module_on(db: &Db, scope: &TenantScope) -> Result<bool> {
    let mut tx = db.tenant_read(scope).await?;
    let on: Vec<(String,)> = tx
        .fetch_all(
            "SELECT id FROM tenant_modules WHERE tenant_id = $1 AND enabled = $2",
            args![true],
        )
        .await?;
    tx.commit().await?;
    let on: Vec<String> = on.into_iter().map(|(id,)| id).collect();
    let t = scope.tenant();
    Ok(crate::scope::active_modules(t.kind, t.plan.as_ref(), &on)
        .iter()
        .any(|m| m.id == "documents"))
}

/// The daily reminders of one club: every document that expires within [`SOON_DAYS`] days
/// (and has not expired) and was not reminded of yet is claimed (`reminded_at`, in its own
/// transaction, so two runs never both send it) and mailed to the member and, for a minor,
/// to their guardians, in their language. Returns how many mails went out. Nothing when the
/// club's documents module is off.
pub async fn send_reminders(
    db: &Db,
    mailer: &Mailer,
    public_url: &str,
    scope: &TenantScope,
    now: Timestamp,
) -> Result<usize> {
    if !module_on(db, scope).await? {
        return Ok(0);
    }
    let today = scope.today(now);
    let until = Date::from_days(today.days_since_epoch() + SOON_DAYS).to_string();
    let today_s = today.to_string();
    let mut tx = db.tenant_read(scope).await?;
    let due: Vec<DueRow> = tx
        .fetch_all(
            "SELECT d.id, d.member_id, m.given_name, k.name AS kind, d.expires_on \
             FROM member_documents d \
             JOIN members m ON m.tenant_id = d.tenant_id AND m.id = d.member_id \
             JOIN document_kinds k ON k.tenant_id = d.tenant_id AND k.id = d.kind_id \
             WHERE d.tenant_id = $1 AND d.expires_on IS NOT NULL AND d.expires_on >= $2 \
             AND d.expires_on <= $3 AND d.reminded_at IS NULL \
             AND m.restricted_at IS NULL AND m.erased_at IS NULL \
             AND m.status IN ('active', 'applicant') ORDER BY d.expires_on, d.id",
            args![today_s, until],
        )
        .await?;
    tx.commit().await?;
    let club = scope.tenant();
    let system = Actor::system("document-reminders");
    let minor_cutoff = today
        .plus_years(-crate::members::AGE_OF_MAJORITY)
        .to_string();
    let mut sent = 0;
    for d in due {
        let mut tx = db.tenant_write(scope, &system, now).await?;
        let claimed = tx
            .execute(
                "UPDATE member_documents SET reminded_at = $3 WHERE tenant_id = $1 AND id = $2 \
                 AND reminded_at IS NULL",
                args![d.id, now],
            )
            .await?;
        tx.commit().await?;
        if claimed != 1 {
            continue;
        }
        // The member, and the guardians of a minor; each address once, in the language of
        // their account when they have one.
        let mut tx = db.tenant_read(scope).await?;
        let mut people: Vec<Recipient> = tx
            .fetch_all(
                "SELECT m.email, (SELECT i.lang FROM memberships s JOIN identities i \
                 ON i.id = s.identity_id WHERE s.tenant_id = m.tenant_id AND s.member_id = m.id \
                 LIMIT 1) AS lang FROM members m \
                 WHERE m.tenant_id = $1 AND m.id = $2 AND m.email IS NOT NULL",
                args![d.member_id],
            )
            .await?;
        let minor: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM members WHERE tenant_id = $1 AND id = $2 \
                 AND birth_date IS NOT NULL AND birth_date > $3",
                args![d.member_id, minor_cutoff.clone()],
            )
            .await?;
        if minor.is_some() {
            people.extend(
                tx.fetch_all::<Recipient>(
                    "SELECT m.email, (SELECT i.lang FROM memberships s JOIN identities i \
                     ON i.id = s.identity_id WHERE s.tenant_id = m.tenant_id AND s.member_id = m.id \
                     LIMIT 1) AS lang FROM members m JOIN member_guardians g \
                     ON g.tenant_id = m.tenant_id AND g.guardian_id = m.id \
                     WHERE m.tenant_id = $1 AND g.child_id = $2 AND m.email IS NOT NULL",
                    args![d.member_id],
                )
                .await?,
            );
        }
        people.retain(|p| !p.email.trim().is_empty());
        tx.commit().await?;
        let mut seen = std::collections::BTreeSet::new();
        for p in people {
            if !seen.insert(p.email.to_lowercase()) {
                continue;
            }
            let lang = p
                .lang
                .as_deref()
                .and_then(Lang::parse)
                .unwrap_or(club.default_lang);
            let date = Date::parse(&d.expires_on)
                .map(|x| x.format(lang, tessera_common::time::DateStyle::Long))
                .unwrap_or_else(|| d.expires_on.clone());
            let subject = Msg::DocReminderSubject.fill(
                lang,
                &[("kind", d.kind.as_str()), ("name", d.given_name.as_str())],
            );
            let body = Msg::DocReminderBody.fill(
                lang,
                &[
                    ("kind", d.kind.as_str()),
                    ("name", d.given_name.as_str()),
                    ("date", date.as_str()),
                    ("club", club.name.as_str()),
                ],
            );
            mailer
                .send(Mail {
                    to: p.email,
                    subject,
                    body,
                    brand: Some(Brand::of(club, public_url)),
                })
                .await?;
            sent += 1;
        }
    }
    Ok(sent)
}
