//! Importing members from a CSV file: read the file, map its columns to member fields,
//! preview it with a report per row, then add every new member in one transaction or
//! nothing at all.
//!
//! - The file is UTF-8 text (a byte-order mark is fine); anything else is refused with the
//!   line where it goes wrong and how to save the file, never read as garbage. The delimiter
//!   (`,` or `;`, as Belgian Excel writes) is found in the header row, which is required.
//! - Every row goes through the same rules as the member form
//!   ([`members::validate_input`]); dates may also be written DD/MM/YYYY or DD-MM-YYYY, and
//!   an empty status means active.
//! - A row is a duplicate when the club (or an earlier row of the file) has a member with
//!   the same e-mail address, or the same name and birth date (or, for a row with neither
//!   an address nor a birth date, the same name and neither either). Duplicates are
//!   skipped and reported, so importing the same file twice adds nothing the second time.
//! - [`commit`] stores nothing when any row has a problem; otherwise it adds all new members
//!   and logs the import in one write transaction, in multi-row statements.

use crate::db::{Db, TenantTx, Value};
use crate::error::Result;

use super::duplicates::*;
pub use super::mapping::*;
use super::scan::*;
use super::sheet::*;
use super::values::*;
use crate::ids;
use crate::scope::{Actor, TenantScope};
use tessera_common::dto::{ImportColumn, ImportFileInfo, ImportOutcome, ImportPreview};
use tessera_common::modules::MEMBERS_EDIT;
use tessera_common::time::Timestamp;
use tessera_common::AppError;
use tessera_common::{Msg, Problem};

/// The largest file an import takes.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// The most data rows an import takes.
pub const MAX_ROWS: usize = 200_000;

/// The most columns a file may have (a member register has a few dozen). Checked on the
/// raw text before the parser builds anything per column.
pub const MAX_COLUMNS: usize = 250;

/// The longest cell, in bytes (an address or a note fits many times over).
pub const MAX_CELL_BYTES: usize = 2_000;

/// How many problems and duplicates a report lists (the counts are complete).
pub const REPORT_LIMIT: usize = 200;

/// How many rows the preview shows as they would be stored.
pub const SAMPLE_ROWS: usize = 20;

/// The progress callback of [`commit`] is called after every this many rows.
pub const PROGRESS_EVERY: usize = 1000;

/// The member fields a column can go to.
pub const FIELDS: &[&str] = &[
    "given_name",
    "family_name",
    "birth_date",
    "gender",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "membership_type",
    "season",
    "status",
    "joined_on",
    "ended_on",
];

/// The target of a column that is not imported.
pub const IGNORE: &str = "ignore";

/// A mapping: (column index from 0, target) pairs. Columns not listed are ignored.
pub type Mapping = [(usize, String)];

pub(super) fn file_error(problem: impl Into<Problem>) -> AppError {
    AppError::field("file", problem)
}

/// The label of a member field of [`FIELDS`], as the pages show it.
pub fn field_label(field: &str) -> Option<Msg> {
    Some(match field {
        "given_name" => Msg::GivenName,
        "family_name" => Msg::FamilyName,
        "birth_date" => Msg::BirthDate,
        "gender" => Msg::Gender,
        "email" => Msg::Email,
        "phone" => Msg::Phone,
        "street" => Msg::Street,
        "postcode" => Msg::Postcode,
        "city" => Msg::City,
        "membership_type" => Msg::MembershipType,
        "season" => Msg::Season,
        "status" => Msg::Status,
        "joined_on" => Msg::JoinedOn,
        "ended_on" => Msg::EndedOn,
        _ => return None,
    })
}

/// A member field as a message argument: its label in the visitor's language.
pub(super) fn field_arg(p: Problem, name: &str, field: &str) -> Problem {
    match field_label(field) {
        Some(m) => p.arg_msg(name, m),
        None => p.arg(name, field),
    }
}

// ---------------------------------------------------------------- the operations

/// What an uploaded file holds before any mapping: its columns, delimiter and number of
/// rows, and the proposed mapping. Reads nothing of the club, so it needs no scope; the
/// caller has checked who may upload.
pub fn inspect(bytes: &[u8]) -> Result<ImportFileInfo> {
    let mut sheet = open(bytes)?;
    let mut record = csv::StringRecord::new();
    let mut rows = 0;
    while sheet.next_row(&mut record)?.is_some() {
        rows += 1;
        if rows > MAX_ROWS {
            return Err(too_many_rows());
        }
    }
    let suggested = suggest_mapping(&sheet.headers)
        .into_iter()
        .map(|(column, target)| ImportColumn {
            column,
            header: sheet.headers.get(column).cloned().unwrap_or_default(),
            target,
        })
        .collect();
    Ok(ImportFileInfo {
        delimiter: char::from(sheet.delimiter),
        headers: sheet.headers,
        rows,
        suggested,
    })
}

/// The validation report of importing `bytes` with `mapping` into the club
/// (`members.edit`): totals, the problems per row, the duplicates and the first rows as
/// they would be stored. Stores nothing. A file or mapping that cannot be used at all is
/// refused with `Invalid` messages for the field `file` or `mapping`.
pub async fn preview(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    bytes: &[u8],
    mapping: &Mapping,
) -> Result<ImportPreview> {
    scope.require(MEMBERS_EDIT)?;
    let mut tx = db.tenant_read(scope).await?;
    let custom = importable_fields(&mut tx, scope).await?;
    // The file and the mapping are checked before the club's members are read.
    open(bytes).and_then(|s| check_mapping(&s.headers, mapping, &custom).map(|_| ()))?;
    let mut known = Known::load(&mut tx).await?;
    tx.commit().await?;
    Ok(scan(bytes, mapping, &custom, scope.today(now), &mut known, false)?.preview)
}

/// Why a commit stored nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommitError {
    /// Rows have problems; the report says which.
    Rows(Box<ImportPreview>),
    /// The file, the mapping, the permission or the storage.
    Other(AppError),
}

impl From<AppError> for CommitError {
    fn from(e: AppError) -> Self {
        CommitError::Other(e)
    }
}

impl CommitError {
    /// As the one error type of the server functions (the report reduced to its count).
    pub fn into_app_error(self) -> AppError {
        match self {
            CommitError::Rows(p) => AppError::bad_request(
                Problem::new(Msg::ErrImportRowsInvalid)
                    .arg("invalid", p.invalid)
                    .arg("rows", p.rows),
            ),
            CommitError::Other(e) => e,
        }
    }
}

/// Imports `bytes` with `mapping` into the club (`members.edit`): all or nothing. Every row
/// is checked before anything is stored; when any has a problem nothing is, and the error
/// is the report. Otherwise one write transaction adds every row that is not a duplicate
/// (duplicates are skipped, so a second run of the same file adds nothing), each stamped
/// with `actor` and `now`, and logs the import. `progress(done, total)` is called as rows
/// are stored, every [`PROGRESS_EVERY`] rows and at the end.
pub async fn commit(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    bytes: &[u8],
    mapping: &Mapping,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::result::Result<ImportOutcome, CommitError> {
    scope.require(MEMBERS_EDIT)?;
    scope.writable()?;
    let tx = db.bulk().tenant_write(scope, actor, now).await?;
    let (tx, outcome) = store(tx, scope, now, bytes, mapping, progress).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// [`commit`]'s work inside a write transaction the caller opened (and commits): the web
/// import records its end in the same transaction as the rows, so after a crash it is
/// either done with every row stored or not done with none.
pub async fn store(
    mut tx: TenantTx,
    scope: &TenantScope,
    now: Timestamp,
    bytes: &[u8],
    mapping: &Mapping,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::result::Result<(TenantTx, ImportOutcome), CommitError> {
    scope.require(MEMBERS_EDIT)?;
    scope.writable()?;
    // Read and compared inside the write transaction, so what is skipped as already there
    // is what is there when the rows are added; a second import into this club (another
    // process, the web page and the command line) waits until this one has ended, and then
    // sees its rows.
    tx.lock("members-import").await?;
    let custom = importable_fields(&mut tx, scope).await?;
    open(bytes).and_then(|s| check_mapping(&s.headers, mapping, &custom).map(|_| ()))?;
    let mut known = Known::load(&mut tx).await?;
    let Scan { preview, to_add } =
        scan(bytes, mapping, &custom, scope.today(now), &mut known, true)?;
    if preview.invalid > 0 {
        // Dropping the transaction rolls it back; nothing was written.
        return Err(CommitError::Rows(Box::new(preview)));
    }
    // In the register's order: each insert then lands next to the one before it in the
    // name index, whose pages stay in the cache (for 100,000 rows on SQLite: 3.3 s of CPU
    // instead of 4.2).
    let mut to_add = to_add;
    to_add.sort_by(|a, b| text_of(&a.0, "sort_name").cmp(&text_of(&b.0, "sort_name")));
    let total = to_add.len();
    progress(0, total);
    let mut done = 0;
    let mut rows = to_add.into_iter().peekable();
    while rows.peek().is_some() {
        let mut field_values: Vec<Vec<Value>> = Vec::new();
        let chunk: Vec<Vec<(&str, Value)>> = rows
            .by_ref()
            .take(PROGRESS_EVERY)
            .map(|(mut cols, values)| {
                let id = ids::new_id();
                for (field, vs) in values {
                    for v in vs {
                        field_values.push(vec![id.into(), field.into(), v.into()]);
                    }
                }
                cols.insert(0, ("id", id.into()));
                cols
            })
            .collect();
        done += chunk.len();
        // The register's search words, written with the records.
        let words: Vec<Vec<Value>> = chunk
            .iter()
            .flat_map(|cols| {
                let id = cols.iter().find_map(|(c, v)| match v {
                    Value::Int(Some(i)) if *c == "id" => Some(tessera_common::MemberId(*i)),
                    _ => None,
                });
                id.map(|id| {
                    crate::search::rows(
                        id,
                        text_of(cols, "given_name").unwrap_or(""),
                        text_of(cols, "family_name").unwrap_or(""),
                        text_of(cols, "email"),
                    )
                })
                .unwrap_or_default()
            })
            .collect();
        tx.insert_many("members", chunk).await?;
        tx.insert_index_rows("member_search", crate::search::COLUMNS, words)
            .await?;
        if !field_values.is_empty() {
            tx.insert_many_cols(
                "member_field_values",
                &["member_id", "field_id", "value"],
                field_values,
            )
            .await?;
        }
        progress(done, total);
    }
    let skipped = preview.duplicates_existing + preview.duplicates_in_file;
    tx.log(
        "members_imported",
        Some(&format!(
            "{total} added, {skipped} duplicates skipped ({} rows)",
            preview.rows
        )),
    )
    .await?;
    Ok((
        tx,
        ImportOutcome {
            added: total,
            skipped_duplicates: skipped,
        },
    ))
}

#[cfg(test)]
mod tests;
