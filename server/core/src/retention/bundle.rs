//! The export bundle of a club: every table of the tenant as JSON and as CSV, the logo and
//! the stored files, and a manifest, in one zip. For the club's administrators (a club that
//! leaves takes its data with it); read from one snapshot; recorded in the club's export
//! register (kind `bundle`, every member of the club in it), which a read-only club still
//! accepts, and through it in the club's event log.

use crate::db::{Cell, Db};
use crate::error::{internal, Result};
use crate::scope::{Actor, TenantScope};
use serde_json::{json, Map, Value as Json};
use std::io::Write;
use tessera_common::time::Timestamp;
use tessera_common::AppError;

/// The zip's name and bytes.
pub struct Bundle {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Rows in all, over every table.
    pub rows: usize,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A text cell for a spreadsheet: never starting with a character a spreadsheet would run
/// as a formula (the JSON keeps the exact text).
fn csv_text(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    }
}

fn extension(content_type: &str) -> &'static str {
    match content_type {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/svg+xml" => "svg",
        "image/webp" => "webp",
        "text/csv" => "csv",
        _ => "bin",
    }
}

/// Builds the bundle of the scope's club (its administrators only: anyone else is refused,
/// 403). Tables are read from the schema, so every tenant table is in it.
pub async fn export_bundle(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
) -> Result<Bundle> {
    if !scope.is_admin() && !scope.is_system_task() {
        return Err(AppError::Forbidden);
    }
    let tables = db.tenant_tables().await?;
    let mut tx = db.tenant_snapshot(scope).await?;
    let mut dumps = Vec::with_capacity(tables.len());
    for t in &tables {
        dumps.push((t.clone(), tx.dump_table(t).await?));
    }
    // Everyone in the bundle, for the export register (read in the same snapshot).
    let people: Vec<(i64,)> = tx
        .fetch_all("SELECT id FROM members WHERE tenant_id = $1", vec![])
        .await?;
    tx.commit().await?;

    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut manifest = Vec::new();
    let mut total = 0;
    for (table, (columns, rows)) in dumps {
        total += rows.len();
        let mut json_rows = Vec::with_capacity(rows.len());
        let mut csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        if !columns.is_empty() {
            csv.write_record(&columns).map_err(internal)?;
        }
        for (n, row) in rows.into_iter().enumerate() {
            let mut obj = Map::new();
            let mut line = Vec::with_capacity(row.len());
            for (col, cell) in columns.iter().zip(row) {
                let (j, c) = match cell {
                    Cell::Null => (Json::Null, String::new()),
                    Cell::Int(i) => (json!(i), i.to_string()),
                    Cell::Real(f) => (json!(f), f.to_string()),
                    Cell::Bool(b) => (json!(b), b.to_string()),
                    Cell::Text(s) => {
                        let c = csv_text(&s);
                        (Json::String(s), c)
                    }
                    Cell::Bytes(b) => {
                        // Files (the logo, an import's file) go into the zip as themselves.
                        let ext = if table == "tenant_logos" {
                            "logo"
                        } else {
                            "bin"
                        };
                        let path = format!("files/{table}/{n}-{col}.{ext}");
                        zip.start_file(path.as_str(), options).map_err(internal)?;
                        zip.write_all(&b).map_err(internal)?;
                        (json!({ "file": path, "sha256": hex(&sha(&b)) }), path)
                    }
                };
                obj.insert(col.clone(), j);
                line.push(c);
            }
            csv.write_record(&line).map_err(internal)?;
            json_rows.push(Json::Object(obj));
        }
        zip.start_file(format!("tables/{table}.json"), options)
            .map_err(internal)?;
        let body = serde_json::to_vec_pretty(&json_rows).map_err(internal)?;
        zip.write_all(&body).map_err(internal)?;
        zip.start_file(format!("tables/{table}.csv"), options)
            .map_err(internal)?;
        zip.write_all(&csv.into_inner().map_err(internal)?)
            .map_err(internal)?;
        manifest.push(json!({ "table": table, "rows": json_rows.len(), "columns": columns }));
    }
    // The logo once more under its own name and type, for people rather than programs.
    if let Some(l) = crate::tenancy::find_by_id(db, scope.tenant_id())
        .await?
        .filter(|t| t.logo_hash.is_some())
    {
        let mut tx = db.tenant_read(scope).await?;
        let logo: Option<(String, Vec<u8>)> = tx
            .fetch_optional(
                "SELECT content_type, data FROM tenant_logos WHERE tenant_id = $1",
                vec![],
            )
            .await?;
        tx.commit().await?;
        if let Some((content_type, data)) = logo {
            zip.start_file(format!("logo.{}", extension(&content_type)), options)
                .map_err(internal)?;
            zip.write_all(&data).map_err(internal)?;
        }
        drop(l);
    }
    let t = scope.tenant();
    let head = json!({
        "format": "tessera-club-bundle/1",
        "club": { "slug": t.slug, "name": t.name },
        "generated_at_ms": now.0,
        "contract_end_on": t.contract_end_on,
        "deletion_on": t.deletion_on,
        "tables": manifest,
        "about": "One JSON file (an array of rows, each an object of column to value) and one CSV file (a header row, then the rows; text cells that a spreadsheet would read as a formula start with an apostrophe) per table of the club. Binary columns are files under files/, named in the cell with their SHA-256.",
    });
    zip.start_file("manifest.json", options).map_err(internal)?;
    zip.write_all(&serde_json::to_vec_pretty(&head).map_err(internal)?)
        .map_err(internal)?;
    let bytes = zip.finish().map_err(internal)?.into_inner();
    let members: Vec<tessera_common::MemberId> = people
        .into_iter()
        .map(|(id,)| tessera_common::MemberId(id))
        .collect();
    crate::members::exports::record_export(
        db,
        scope,
        actor,
        now,
        &crate::members::exports::ExportLog {
            kind: "bundle",
            purpose: "the club's data, taken along when it leaves",
            filter: "all",
            columns: &tables,
            members: &members,
            sha256: &crate::members::exports::sha256_hex(&bytes),
        },
    )
    .await?;
    Ok(Bundle {
        file_name: format!("{}-bundle-{}.zip", t.slug, scope.today(now)),
        bytes,
        rows: total,
    })
}

fn sha(b: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(b).to_vec()
}
