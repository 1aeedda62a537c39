//! Exports of the member register (CSV), each one recorded in the club's event log with who
//! ran it, when and how many records it held, so the club controls the exports executed.

use crate::db::Db;
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::{accounts, args};
use std::collections::HashMap;
use tessera_common::dto::{ExportEntry, MemberStatus};
use tessera_common::modules::EXPORTS_RUN;
use tessera_common::time::Timestamp;

#[derive(sqlx::FromRow)]
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

/// One CSV cell's text: line breaks flattened, and never starting with a character a
/// spreadsheet would run as a formula (our own rule: a CSV writer does not know about
/// spreadsheets). Quoting is the `csv` writer's.
pub(crate) fn cell(v: &str) -> String {
    let mut v = v.replace(['\r', '\n'], " ");
    if v.starts_with(['=', '+', '-', '@', '\t']) {
        v.insert(0, '\'');
    }
    v
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

/// The member register (optionally one status) as CSV, and the file name to save it as.
/// Recorded in the event log before it is handed out.
pub async fn members_csv(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    status: Option<MemberStatus>,
) -> Result<(String, String)> {
    scope.require(EXPORTS_RUN)?;
    // The records and their custom values as of one moment.
    let mut tx = db.bulk().tenant_snapshot(scope).await?;
    let rows: Vec<Row> = tx
        .fetch_all(
            "SELECT id, given_name, family_name, birth_date, email, phone, street, postcode, city, \
             status, joined_on, ended_on, gender, membership_type, season, updated_at, \
             updated_by_name FROM members \
             WHERE tenant_id = $1 AND ($2 IS NULL OR status = $2) AND restricted_at IS NULL \
             ORDER BY sort_name, id",
            args![status.map(|s| s.as_str())],
        )
        .await?;
    // The club's own fields the exporter may see (sensitive ones only with their
    // permission), one column each; a multiple choice's options joined with |.
    let viewer = crate::members::custom_fields::Viewer::staff(scope);
    let fields: Vec<_> = crate::members::custom_fields::definitions(&mut tx)
        .await?
        .into_iter()
        .filter(|f| viewer.sees(f))
        .collect();
    let mut values: HashMap<(i64, i64), Vec<String>> = HashMap::new();
    if !fields.is_empty() {
        let stored: Vec<(i64, i64, String)> = tx
            .fetch_all(
                "SELECT member_id, field_id, value FROM member_field_values WHERE tenant_id = $1 \
                 ORDER BY member_id, field_id, value",
                args![],
            )
            .await?;
        for (m, f, v) in stored {
            values.entry((m, f)).or_default().push(v);
        }
    }
    tx.commit().await?;
    let mut table: Vec<Vec<String>> = Vec::with_capacity(rows.len() + 1);
    let mut header: Vec<String> = [
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
    ]
    .into_iter()
    .map(String::from)
    .collect();
    header.extend(fields.iter().map(|f| cell(&f.label)));
    table.push(header);
    let opt = |v: &Option<String>| cell(v.as_deref().unwrap_or(""));
    for r in &rows {
        let mut cells = vec![
            r.id.to_string(),
            cell(&r.given_name),
            cell(&r.family_name),
            opt(&r.birth_date),
            opt(&r.gender),
            opt(&r.email),
            opt(&r.phone),
            opt(&r.street),
            opt(&r.postcode),
            opt(&r.city),
            r.status.clone(),
            opt(&r.membership_type),
            opt(&r.season),
            opt(&r.joined_on),
            opt(&r.ended_on),
            Timestamp(r.updated_at).format_brussels(),
            opt(&r.updated_by_name),
        ];
        cells.extend(fields.iter().map(|f| {
            values
                .get(&(r.id, f.id))
                .map(|v| cell(&v.join("|")))
                .unwrap_or_default()
        }));
        table.push(cells);
    }
    let out = write_csv(&table)?;
    let what = status.map(|s| s.as_str()).unwrap_or("all");
    accounts::log_tenant_event(
        db,
        actor.identity,
        scope.tenant_id(),
        "export",
        Some(&format!("members ({what}): {} records", rows.len())),
        now,
    )
    .await?;
    let date = now.format_brussels_date();
    Ok((
        format!("{}-members-{what}-{date}.csv", scope.tenant().slug),
        out,
    ))
}

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
