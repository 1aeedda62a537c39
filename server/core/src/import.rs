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
use crate::members::{self, MemberInput};
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use std::collections::HashMap;
use tessera_common::dto::{
    CustomField, ImportColumn, ImportDuplicate, ImportFileInfo, ImportOutcome, ImportPreview,
    ImportProblem, ImportSample, MemberForm,
};
use tessera_common::modules::MEMBERS_EDIT;
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, FieldError};
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

fn file_error(problem: impl Into<Problem>) -> AppError {
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
fn field_arg(p: Problem, name: &str, field: &str) -> Problem {
    match field_label(field) {
        Some(m) => p.arg_msg(name, m),
        None => p.arg(name, field),
    }
}

// ---------------------------------------------------------------- reading the file

/// The file as text: UTF-8 (without its byte-order mark), or a refusal saying why not.
fn decode(bytes: &[u8]) -> Result<&str> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(file_error(
            Problem::new(Msg::ErrImportFileSize)
                .arg(
                    "size",
                    format!("{:.1}", bytes.len() as f64 / (1024.0 * 1024.0)),
                )
                .arg("max", MAX_FILE_BYTES / (1024 * 1024)),
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(file_error(Msg::ErrXlsx));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(file_error(Msg::ErrUtf16));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        file_error(Problem::new(Msg::ErrNotUtf8).arg("line", line))
    })
}

/// `;` when the header row (outside quotes) has more semicolons than commas, else `,`.
fn detect_delimiter(text: &str) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// An open file: its header names and a reader positioned on the first data row.
struct Sheet<'a> {
    headers: Vec<String>,
    delimiter: u8,
    reader: csv::Reader<&'a [u8]>,
    text: &'a [u8],
    /// Line numbers: the line that starts at byte `counted_to` of `text`.
    counted_to: usize,
    line: usize,
}

fn csv_error(e: csv::Error) -> AppError {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    file_error(Problem::new(Msg::ErrCsvUnreadable).arg("line", line))
}

/// Whether a header cell is rather a value: a date, an e-mail address or a number.
fn looks_like_data(cell: &str) -> bool {
    let c = cell.trim();
    !c.is_empty()
        && (Date::parse(&normalize_date(c)).is_some()
            || c.contains('@')
            || (c.chars().any(|ch| ch.is_ascii_digit())
                && c.chars()
                    .all(|ch| ch.is_ascii_digit() || " +-./".contains(ch))))
}

fn check_headers(headers: &[String]) -> Result<()> {
    if let Some(cell) = headers.iter().find(|h| looks_like_data(h)) {
        return Err(file_error(
            Problem::new(Msg::ErrHeaderLooksLikeData).arg("cell", cell),
        ));
    }
    let mut problems = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            problems.push(FieldError::new(
                "file",
                Problem::new(Msg::ErrColumnNoName).arg("n", i + 1),
            ));
        } else if let Some(first) = seen.insert(h.to_lowercase(), i) {
            problems.push(FieldError::new(
                "file",
                Problem::new(Msg::ErrHeaderTwice)
                    .arg("name", h)
                    .arg("a", first + 1)
                    .arg("b", i + 1),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// Checks the shape of the whole file on its raw text, before the CSV parser builds a
/// record: no row with more than [`MAX_COLUMNS`] cells (the header row first), no cell
/// longer than [`MAX_CELL_BYTES`]. One pass, nothing allocated; quotes are read as the
/// parser reads them (a quote opens a quoted cell only at the start of the cell, and a
/// doubled quote inside one stands for a quote).
fn check_shape(text: &str, delimiter: u8) -> Result<()> {
    let b = text.as_bytes();
    let (mut line, mut record_line, mut cells, mut cell_len) = (1usize, 1usize, 1usize, 0usize);
    let mut quoted = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if quoted {
            if c == b'"' {
                if b.get(i) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            } else if c == b'\n' {
                line += 1;
            }
        } else if c == b'\n' {
            line += 1;
            record_line = line;
            cells = 1;
            cell_len = 0;
            continue;
        } else if c == b'\r' {
            continue;
        } else if c == delimiter {
            cells += 1;
            cell_len = 0;
            if cells > MAX_COLUMNS {
                return Err(file_error(if record_line == 1 {
                    Problem::new(Msg::LimitCsvColumns).arg("max", MAX_COLUMNS)
                } else {
                    Problem::new(Msg::LimitCsvRowCells)
                        .arg("max", MAX_COLUMNS)
                        .arg("line", record_line)
                }));
            }
            continue;
        } else if c == b'"' && cell_len == 0 {
            quoted = true;
        }
        cell_len += 1;
        if cell_len > MAX_CELL_BYTES {
            return Err(file_error(
                Problem::new(Msg::LimitCsvCell)
                    .arg("max", MAX_CELL_BYTES)
                    .arg("line", record_line),
            ));
        }
    }
    Ok(())
}

fn open(bytes: &[u8]) -> Result<Sheet<'_>> {
    let text = decode(bytes)?;
    let delimiter = detect_delimiter(text);
    check_shape(text, delimiter)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut header = csv::StringRecord::new();
    let found = reader.read_record(&mut header).map_err(csv_error)?;
    if !found || header.iter().all(|h| h.trim().is_empty()) {
        return Err(file_error(Msg::ErrFileEmpty));
    }
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    check_headers(&headers)?;
    Ok(Sheet {
        headers,
        delimiter,
        reader,
        text: text.as_bytes(),
        counted_to: 0,
        line: 1,
    })
}

impl Sheet<'_> {
    /// Reads the next data row into `record`; returns the line it starts on. Rows whose
    /// cells are all blank (spreadsheets write them at the end) are skipped.
    fn next_row(&mut self, record: &mut csv::StringRecord) -> Result<Option<usize>> {
        loop {
            if !self.reader.read_record(record).map_err(csv_error)? {
                return Ok(None);
            }
            if record.iter().any(|c| !c.trim().is_empty()) {
                // The line the record starts on, counted from its byte offset (the reader's
                // own line count lags behind cells that hold line breaks).
                let mut start = record
                    .position()
                    .and_then(|p| usize::try_from(p.byte()).ok())
                    .unwrap_or(self.counted_to)
                    .clamp(self.counted_to, self.text.len());
                // The reader's position may stand before the line break that ends the
                // previous record (CRLF) or before skipped blank lines.
                while self
                    .text
                    .get(start)
                    .is_some_and(|b| matches!(b, b'\r' | b'\n'))
                {
                    start += 1;
                }
                self.line += self.text[self.counted_to..start]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                self.counted_to = start;
                return Ok(Some(self.line));
            }
        }
    }
}

fn too_many_rows() -> AppError {
    file_error(Problem::new(Msg::ErrTooManyRows).arg("max", MAX_ROWS))
}

// ---------------------------------------------------------------- mapping

/// Lower case, accents and everything but letters and digits removed: "Date de naissance"
/// and "date_de_naissance" both become "datedenaissance".
fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => Some('a'),
            'ç' => Some('c'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ò' | 'ó' | 'ô' | 'ö' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Header names (folded) that suggest each field, in English, Dutch and French.
#[rustfmt::skip]
const SYNONYMS: &[(&str, &[&str])] = &[
    ("given_name", &["givenname", "firstname", "first", "forename", "voornaam", "voornamen",
        "prenom", "prenoms"]),
    ("family_name", &["familyname", "lastname", "surname", "naam", "achternaam", "familienaam",
        "nom", "nomdefamille"]),
    ("birth_date", &["birthdate", "dateofbirth", "birthday", "born", "dob", "geboortedatum",
        "geboren", "geboortedag", "datedenaissance", "naissance"]),
    ("gender", &["gender", "sex", "geslacht", "sexe", "genre"]),
    ("email", &["email", "emailaddress", "mail", "emailadres", "mailadres", "courriel",
        "adresseemail", "adressemail", "adressecourriel"]),
    ("phone", &["phone", "phonenumber", "telephone", "mobile", "mobilephone", "tel",
        "telefoon", "telefoonnummer", "gsm", "gsmnummer", "mobiel", "portable",
        "numerodetelephone", "telephonemobile"]),
    ("street", &["street", "address", "streetandnumber", "straat", "adres", "straatennummer",
        "straatnr", "rue", "adresse", "rueetnumero"]),
    ("postcode", &["postcode", "postalcode", "zip", "zipcode", "postnummer", "codepostal",
        "cp"]),
    ("city", &["city", "town", "municipality", "gemeente", "plaats", "woonplaats", "stad",
        "ville", "localite", "commune"]),
    ("membership_type", &["membershiptype", "type", "category", "lidtype", "soortlid",
        "typelid", "categorie", "lidmaatschap", "typedemembre", "typedaffiliation",
        "typedelid"]),
    ("season", &["season", "seizoen", "saison"]),
    ("status", &["status", "state", "statut", "etat"]),
    ("joined_on", &["joinedon", "joined", "membersince", "joindate", "lidsinds",
        "ingeschreven", "inschrijvingsdatum", "aansluitingsdatum", "datumaansluiting",
        "startdatum", "membredepuis", "inscription", "dateinscription", "datedinscription",
        "affiliation"]),
    ("ended_on", &["endedon", "ended", "enddate", "einddatum", "uitgeschreven",
        "datumuitschrijving", "datedefin", "fin", "findaffiliation"]),
];

/// Proposes a target for every column from its header name (English, Dutch or French);
/// `ignore` where nothing fits. Each field goes to the first column that names it.
pub fn suggest_mapping(headers: &[String]) -> Vec<(usize, String)> {
    let mut taken: Vec<&str> = Vec::new();
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let f = fold(h);
            let target = SYNONYMS
                .iter()
                .find(|(field, names)| {
                    !taken.contains(field) && (names.contains(&f.as_str()) || fold(field) == f)
                })
                .map(|(field, _)| *field);
            if let Some(t) = target {
                taken.push(t);
            }
            (i, target.unwrap_or(IGNORE).to_string())
        })
        .collect()
}

/// A checked mapping: (column, field index into [`FIELDS`]), in column order.
pub(crate) type Plan = Vec<(usize, usize)>;

/// The club's own fields an import may fill in (`custom:{id}` targets): those the
/// importing staff may change (sensitive ones only with their permission).
pub(crate) async fn importable_fields(
    tx: &mut TenantTx,
    scope: &TenantScope,
) -> Result<Vec<CustomField>> {
    let viewer = crate::custom_fields::Viewer::staff(scope);
    Ok(crate::custom_fields::definitions(tx)
        .await?
        .into_iter()
        .filter(|f| viewer.changes(f))
        .collect())
}

/// The columns that go to the club's own fields.
pub(crate) type CustomPlan = Vec<(usize, CustomField)>;

pub(crate) fn check_mapping(
    headers: &[String],
    mapping: &Mapping,
    custom: &[CustomField],
) -> Result<(Plan, CustomPlan)> {
    let mut custom_plan: CustomPlan = Vec::new();
    let mut problems = Vec::new();
    let mut add = |problem: Problem| problems.push(FieldError::new("mapping", problem));
    let name = |col: usize| headers.get(col).map(String::as_str).unwrap_or("?");
    let mut plan: Plan = Vec::new();
    let mut columns_seen: Vec<usize> = Vec::new();
    for (col, target) in mapping {
        let (col, target) = (*col, target.trim());
        if col >= headers.len() {
            add(Problem::new(Msg::ErrColumnMissing)
                .arg("n", col + 1)
                .arg("count", headers.len()));
            continue;
        }
        if columns_seen.contains(&col) {
            add(Problem::new(Msg::ErrColumnTwice).arg("name", name(col)));
            continue;
        }
        columns_seen.push(col);
        if target == IGNORE || target.is_empty() {
            continue;
        }
        if let Some(key) = target.strip_prefix("custom:") {
            match custom.iter().find(|f| f.id.to_string() == key) {
                Some(f) if custom_plan.iter().any(|(_, g)| g.id == f.id) => {
                    add(Problem::new(Msg::ErrColumnsSameField)
                        .arg("name", name(col))
                        .arg("field", &f.label))
                }
                Some(f) => custom_plan.push((col, f.clone())),
                None => add(Problem::new(Msg::ErrColumnNoCustomField).arg("name", name(col))),
            }
            continue;
        }
        let Some(field) = FIELDS.iter().position(|f| *f == target) else {
            add(Problem::new(Msg::ErrColumnNotAField)
                .arg("name", name(col))
                .arg("target", target.chars().take(60).collect::<String>()));
            continue;
        };
        if let Some((other, _)) = plan.iter().find(|(_, f)| *f == field) {
            add(field_arg(
                Problem::new(Msg::ErrColumnsSameTarget)
                    .arg("a", name(*other))
                    .arg("b", name(col)),
                "field",
                target,
            ));
            continue;
        }
        plan.push((col, field));
    }
    for field in ["given_name", "family_name"] {
        if !plan.iter().any(|(_, f)| FIELDS[*f] == field) {
            add(field_arg(Problem::new(Msg::ErrNoColumnFor), "field", field));
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    plan.sort_unstable();
    Ok((plan, custom_plan))
}

/// The mapping as shown: every column of the file with its target.
fn columns_of(headers: &[String], plan: &Plan, custom: &CustomPlan) -> Vec<ImportColumn> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| ImportColumn {
            column: i,
            header: h.clone(),
            target: plan
                .iter()
                .find(|(c, _)| *c == i)
                .map(|(_, f)| FIELDS[*f].to_string())
                .or_else(|| {
                    custom
                        .iter()
                        .find(|(c, _)| *c == i)
                        .map(|(_, f)| format!("custom:{}", f.id))
                })
                .unwrap_or_else(|| IGNORE.to_string()),
        })
        .collect()
}

// ---------------------------------------------------------------- values

/// A date written DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY (one-digit days and months too)
/// rewritten as YYYY-MM-DD; anything else is returned as it is, for the rules to judge.
fn normalize_date(v: &str) -> String {
    let v = v.trim();
    let parts: Vec<&str> = v.split(['/', '-', '.']).collect();
    if let [d, m, y] = parts.as_slice() {
        let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4) {
            return format!("{y}-{m:0>2}-{d:0>2}");
        }
    }
    v.to_string()
}

/// The usual ways of writing a gender, in the three languages, as the form's codes.
fn normalize_gender(v: &str) -> String {
    let f = fold(v);
    match f.as_str() {
        "m" | "male" | "man" | "mannelijk" | "jongen" | "h" | "homme" | "masculin" | "garcon" => {
            "m".into()
        }
        "f" | "v" | "female" | "woman" | "vrouw" | "vrouwelijk" | "meisje" | "femme"
        | "feminin" | "fille" => "f".into(),
        "x" | "other" | "ander" | "andere" | "autre" | "nonbinary" | "nonbinair" => "x".into(),
        _ => v.trim().to_string(),
    }
}

/// A status in the three languages as the form's codes; empty means active.
fn normalize_status(v: &str) -> String {
    let f = fold(v);
    match f.as_str() {
        "" | "active" | "actief" | "actif" => "active".into(),
        "applicant" | "kandidaat" | "aanvraag" | "candidat" | "demande" => "applicant".into(),
        "suspended" | "geschorst" | "suspendu" => "suspended".into(),
        "ended" | "beeindigd" | "gestopt" | "uitgeschreven" | "termine" | "fini" => "ended".into(),
        _ => v.trim().to_string(),
    }
}

fn slot<'a>(f: &'a mut MemberForm, field: &str) -> Option<&'a mut String> {
    Some(match field {
        "given_name" => &mut f.given_name,
        "family_name" => &mut f.family_name,
        "birth_date" => &mut f.birth_date,
        "gender" => &mut f.gender,
        "email" => &mut f.email,
        "phone" => &mut f.phone,
        "street" => &mut f.street,
        "postcode" => &mut f.postcode,
        "city" => &mut f.city,
        "membership_type" => &mut f.membership_type,
        "season" => &mut f.season,
        "status" => &mut f.status,
        "joined_on" => &mut f.joined_on,
        "ended_on" => &mut f.ended_on,
        _ => return None,
    })
}

/// A row of the file as the member form would hold it.
fn form_of(record: &csv::StringRecord, plan: &Plan) -> MemberInput {
    let mut f = MemberForm::default();
    for &(col, field) in plan {
        let name = FIELDS[field];
        let v = record.get(col).unwrap_or("");
        let v = match name {
            "birth_date" | "joined_on" | "ended_on" => normalize_date(v),
            "gender" => normalize_gender(v),
            "status" => normalize_status(v),
            _ => v.trim().to_string(),
        };
        if let Some(s) = slot(&mut f, name) {
            *s = v;
        }
    }
    if f.status.is_empty() {
        f.status = "active".into();
    }
    f
}

/// The columns to store, as the form shows them.
fn form_of_columns(cols: &[(&'static str, Value)]) -> MemberForm {
    let mut f = MemberForm::default();
    for (name, v) in cols {
        if let (Some(s), Value::Text(Some(t))) = (slot(&mut f, name), v) {
            *s = t.clone();
        }
    }
    f
}

fn text_of<'a>(cols: &'a [(&'static str, Value)], name: &str) -> Option<&'a str> {
    cols.iter().find_map(|(c, v)| match v {
        Value::Text(Some(t)) if *c == name => Some(t.as_str()),
        _ => None,
    })
}

// ---------------------------------------------------------------- duplicates

/// Who is already there: by e-mail address, and by sort name and birth date. `None` is a
/// member of the club, `Some(row)` an earlier row of the file. People with neither an
/// e-mail address nor a birth date are known by their name among such people only, so a
/// second run of a file adds them no more than the others.
#[derive(Default)]
struct Known {
    emails: HashMap<String, Option<usize>>,
    people: HashMap<(String, String), Option<usize>>,
    unidentified: HashMap<String, Option<usize>>,
}

/// What identifies a person for finding duplicates.
struct Identity {
    email: Option<String>,
    sort_name: String,
    birth_date: Option<String>,
}

#[derive(sqlx::FromRow)]
struct KeyRow {
    email: Option<String>,
    sort_name: String,
    birth_date: Option<String>,
}

impl Known {
    /// The club's members, read once (not one query per row).
    async fn load(tx: &mut TenantTx) -> Result<Known> {
        let rows: Vec<KeyRow> = tx
            .fetch_all(
                "SELECT email, sort_name, birth_date FROM members WHERE tenant_id = $1",
                args![],
            )
            .await?;
        let mut k = Known::default();
        for r in rows {
            k.remember(
                Identity {
                    email: r.email.map(|e| e.to_lowercase()),
                    sort_name: r.sort_name,
                    birth_date: r.birth_date,
                },
                None,
            );
        }
        Ok(k)
    }

    fn remember(&mut self, id: Identity, origin: Option<usize>) {
        if id.email.is_none() && id.birth_date.is_none() {
            self.unidentified.insert(id.sort_name, origin);
            return;
        }
        if let Some(e) = id.email {
            self.emails.insert(e, origin);
        }
        if let Some(b) = id.birth_date {
            self.people.insert((id.sort_name, b), origin);
        }
    }

    /// Whether the row is a duplicate (and why, and whether of a member of the club);
    /// otherwise the row is remembered for the rows after it.
    fn check(&mut self, row: usize, id: Identity) -> Option<(bool, String)> {
        let of = |origin: Option<usize>, what: &str| match origin {
            None => (true, format!("a member of the club has the same {what}")),
            Some(r) => (false, format!("row {r} has the same {what}")),
        };
        if let Some(o) = id.email.as_ref().and_then(|e| self.emails.get(e)) {
            return Some(of(*o, "e-mail address"));
        }
        if let Some(b) = &id.birth_date {
            if let Some(o) = self.people.get(&(id.sort_name.clone(), b.clone())) {
                return Some(of(*o, "name and birth date"));
            }
        }
        if id.email.is_none() && id.birth_date.is_none() {
            if let Some(o) = self.unidentified.get(&id.sort_name) {
                return Some(of(
                    *o,
                    "name, and neither has an e-mail address or a birth date",
                ));
            }
        }
        self.remember(id, Some(row));
        None
    }
}

// ---------------------------------------------------------------- the scan

/// One pass over the file: every row checked and compared with the known members.
/// A row to add: its columns, and its values of the club's own fields.
type RowToAdd = (Vec<(&'static str, Value)>, Vec<(i64, Vec<String>)>);

struct Scan {
    preview: ImportPreview,
    /// The rows to add (kept only when asked).
    to_add: Vec<RowToAdd>,
}

fn scan(
    bytes: &[u8],
    mapping: &Mapping,
    custom: &[CustomField],
    today: Date,
    known: &mut Known,
    keep: bool,
) -> Result<Scan> {
    let mut sheet = open(bytes)?;
    let (plan, custom_plan) = check_mapping(&sheet.headers, mapping, custom)?;
    let header_of = |field: &str| {
        plan.iter()
            .find(|(_, f)| FIELDS[*f] == field)
            .and_then(|(c, _)| sheet.headers.get(*c))
            .cloned()
            .unwrap_or_default()
    };
    let header_of: HashMap<&str, String> = FIELDS.iter().map(|f| (*f, header_of(f))).collect();
    let width = sheet.headers.len();
    let mut p = ImportPreview {
        headers: sheet.headers.clone(),
        delimiter: char::from(sheet.delimiter),
        mapping: columns_of(&sheet.headers, &plan, &custom_plan),
        rows: 0,
        valid: 0,
        invalid: 0,
        duplicates_existing: 0,
        duplicates_in_file: 0,
        to_add: 0,
        problems: Vec::new(),
        problem_count: 0,
        duplicates: Vec::new(),
        sample: Vec::new(),
    };
    let mut to_add = Vec::new();
    let mut record = csv::StringRecord::new();
    while let Some(row) = sheet.next_row(&mut record)? {
        p.rows += 1;
        if p.rows > MAX_ROWS {
            return Err(too_many_rows());
        }
        let extra_filled = record.iter().skip(width).any(|c| !c.trim().is_empty());
        if record.len() < width || extra_filled {
            p.invalid += 1;
            p.problem_count += 1;
            if p.problems.len() < REPORT_LIMIT {
                p.problems.push(ImportProblem {
                    row,
                    field: "columns".into(),
                    header: String::new(),
                    problem: Problem::new(Msg::ErrRowWidth)
                        .arg("n", record.len())
                        .arg("width", width),
                });
            }
            continue;
        }
        // The club's own fields, checked with their own rules (a multiple choice lists its
        // options separated by commas or |).
        let mut values = Vec::new();
        let mut custom_problems = Vec::new();
        for (col, f) in &custom_plan {
            let cell = record.get(*col).unwrap_or("");
            let raw: Vec<&str> = if f.kind == tessera_common::dto::FieldKind::Multi {
                cell.split([',', '|']).collect()
            } else {
                vec![cell]
            };
            match crate::custom_fields::check_values(f, &raw) {
                Ok(v) if !v.is_empty() => values.push((f.id, v)),
                Ok(_) => {}
                Err(problem) => {
                    custom_problems.push(FieldError::new(format!("cf{}", f.id), problem))
                }
            }
        }
        let checked = match members::validate_input(&form_of(&record, &plan), today) {
            Ok(cols) if custom_problems.is_empty() => Ok(cols),
            Ok(_) => Err(AppError::Invalid(Vec::new())),
            Err(e) => Err(e),
        };
        let cols = match checked {
            Ok(cols) => cols,
            Err(AppError::Invalid(mut fields)) => {
                fields.append(&mut custom_problems);
                p.invalid += 1;
                p.problem_count += fields.len();
                for f in fields {
                    if p.problems.len() < REPORT_LIMIT {
                        p.problems.push(ImportProblem {
                            row,
                            header: header_of
                                .get(f.field.as_str())
                                .cloned()
                                .or_else(|| {
                                    custom_plan
                                        .iter()
                                        .find(|(_, c)| format!("cf{}", c.id) == f.field)
                                        .and_then(|(col, _)| sheet.headers.get(*col).cloned())
                                })
                                .unwrap_or_default(),
                            // The file may write dates the Belgian way too.
                            problem: if f.problem.msg == Msg::ErrDateFormat {
                                Problem::new(Msg::ErrDateFormatImport)
                            } else {
                                f.problem
                            },
                            field: f.field,
                        });
                    }
                }
                continue;
            }
            Err(e) => return Err(e),
        };
        p.valid += 1;
        let id = Identity {
            email: text_of(&cols, "email").map(str::to_lowercase),
            sort_name: text_of(&cols, "sort_name").unwrap_or_default().to_string(),
            birth_date: text_of(&cols, "birth_date").map(str::to_string),
        };
        if let Some((existing, reason)) = known.check(row, id) {
            if existing {
                p.duplicates_existing += 1;
            } else {
                p.duplicates_in_file += 1;
            }
            if p.duplicates.len() < REPORT_LIMIT {
                p.duplicates.push(ImportDuplicate { row, reason });
            }
            continue;
        }
        p.to_add += 1;
        if p.sample.len() < SAMPLE_ROWS {
            p.sample.push(ImportSample {
                row,
                member: form_of_columns(&cols),
            });
        }
        if keep {
            to_add.push((cols, values));
        }
    }
    Ok(Scan { preview: p, to_add })
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
