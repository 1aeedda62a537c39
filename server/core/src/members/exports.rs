//! Exports of the member register (CSV, XLSX, a printed list; see `register_export`), each
//! one recorded in the export register and the club's event log with who ran it, when and
//! how many records it held, so the club controls the exports executed.

use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::scope::TenantScope;
use tessera_common::dto::ExportEntry;
use tessera_common::modules::EXPORTS_RUN;
use tessera_common::time::Timestamp;

/// One CSV cell's text: line breaks flattened, and never starting with a character a
/// spreadsheet would run as a formula (our own rule: a CSV writer does not know about
/// spreadsheets). Quoting is the `csv` writer's.
pub(crate) fn cell(v: &str) -> String {
    cell_text(v).into_owned()
}

/// [`cell`] without a copy of a text that needs no change (most of them).
pub(crate) fn cell_text(v: &str) -> std::borrow::Cow<'_, str> {
    let formula = v.starts_with(['=', '+', '-', '@', '\t']);
    if !formula && !v.contains(['\r', '\n']) {
        return std::borrow::Cow::Borrowed(v);
    }
    let mut out = String::with_capacity(v.len() + 1);
    if formula {
        out.push('\'');
    }
    out.extend(
        v.chars()
            .map(|c| if c == '\r' || c == '\n' { ' ' } else { c }),
    );
    std::borrow::Cow::Owned(out)
}

/// Writes the rows as CSV (RFC 4180, CRLF line ends, quotes only where needed).
pub(crate) fn write_csv(rows: &[Vec<String>]) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(false)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).map_err(crate::error::internal)?;
    }
    let bytes = w.into_inner().map_err(crate::error::internal)?;
    String::from_utf8(bytes).map_err(crate::error::internal)
}

pub use super::register_export::*;

#[derive(sqlx::FromRow)]
struct EventRow {
    at: i64,
    name: Option<String>,
    detail: Option<String>,
}

/// The exports executed in the club, newest first.
pub async fn history(db: &Db, scope: &TenantScope, limit: i64) -> Result<Vec<ExportEntry>> {
    scope.require(EXPORTS_RUN)?;
    let mut tx = db.tenant_read(scope).await?;
    let rows: Vec<EventRow> = tx
        .fetch_all(
            "SELECT e.at, i.name, e.detail FROM security_events e \
             LEFT JOIN identities i ON i.id = e.identity_id \
             WHERE e.tenant_id = $1 AND e.kind = 'export' ORDER BY e.at DESC, e.id DESC LIMIT $2",
            args![limit],
        )
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| ExportEntry {
            at: Timestamp(r.at),
            person: r.name,
            detail: r.detail,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{cell, write_csv};

    #[test]
    fn cells_are_quoted_by_the_writer_and_formulas_defused() {
        assert_eq!(cell("Peeters"), "Peeters");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+32 470"), "'+32 470");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("line\nbreak\r"), "line break ");
        let texts = [
            "Peeters",
            "a,b",
            "say \"hi\"",
            "x;y",
            " padded ",
            "",
            "é ü ß",
        ];
        let row: Vec<String> = texts.iter().map(|t| cell(t)).collect();
        let out = write_csv(&[vec!["id".into(); texts.len()], row.clone()]).unwrap();
        assert!(out.ends_with("\r\n"));
        assert!(out.contains(",\"a,b\",\"say \"\"hi\"\"\","), "{out}");
        // Whatever the text, a CSV reader gets back exactly the cells written.
        let mut r = csv::Reader::from_reader(out.as_bytes());
        let back: Vec<String> = r
            .records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(String::from)
            .collect();
        assert_eq!(back, row);
    }
}
