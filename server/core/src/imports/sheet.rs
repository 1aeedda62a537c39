//! Reading a member file: its encoding (UTF-8, or Windows-1252 as Excel writes it), the
//! delimiter, the header row and the shape, within the size limits.

use super::import::*;
use super::values::*;
use crate::error::Result;
use std::collections::HashMap;
use tessera_common::time::Date;
use tessera_common::{AppError, FieldError};
use tessera_common::{Msg, Problem};

// ---------------------------------------------------------------- reading the file

/// The file as text: UTF-8 (without its byte-order mark), or a refusal saying why not.
pub(super) fn decode(bytes: &[u8]) -> Result<&str> {
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
pub(super) fn detect_delimiter(text: &str) -> u8 {
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
pub(super) struct Sheet<'a> {
    pub(super) headers: Vec<String>,
    pub(super) delimiter: u8,
    pub(super) reader: csv::Reader<&'a [u8]>,
    pub(super) text: &'a [u8],
    /// Line numbers: the line that starts at byte `counted_to` of `text`.
    pub(super) counted_to: usize,
    pub(super) line: usize,
}

pub(super) fn csv_error(e: csv::Error) -> AppError {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    file_error(Problem::new(Msg::ErrCsvUnreadable).arg("line", line))
}

/// Whether a header cell is rather a value: a date, an e-mail address or a number.
pub(super) fn looks_like_data(cell: &str) -> bool {
    let c = cell.trim();
    !c.is_empty()
        && (Date::parse(&normalize_date(c)).is_some()
            || c.contains('@')
            || (c.chars().any(|ch| ch.is_ascii_digit())
                && c.chars()
                    .all(|ch| ch.is_ascii_digit() || " +-./".contains(ch))))
}

pub(super) fn check_headers(headers: &[String]) -> Result<()> {
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
pub(super) fn check_shape(text: &str, delimiter: u8) -> Result<()> {
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

pub(super) fn open(bytes: &[u8]) -> Result<Sheet<'_>> {
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
    pub(super) fn next_row(&mut self, record: &mut csv::StringRecord) -> Result<Option<usize>> {
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

pub(super) fn too_many_rows() -> AppError {
    file_error(Problem::new(Msg::ErrTooManyRows).arg("max", MAX_ROWS))
}
