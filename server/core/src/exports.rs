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

/// One CSV field: quoted when needed, and never starting with a character a spreadsheet
/// would run as a formula.
fn field(v: &str) -> String {
    let mut v = v.replace(['\r', '\n'], " ");
    if v.starts_with(['=', '+', '-', '@', '\t']) {
        v.insert(0, '\'');
    }
    if v.contains([',', '"', ';']) || v.starts_with(' ') || v.ends_with(' ') {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
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
             WHERE tenant_id = $1 AND ($2 IS NULL OR status = $2) ORDER BY sort_name, id",
            args![status.map(|s| s.as_str())],
        )
        .await?;
    // The club's own fields the exporter may see (sensitive ones only with their
    // permission), one column each; a multiple choice's options joined with |.
    let viewer = crate::custom_fields::Viewer::staff(scope);
    let fields: Vec<_> = crate::custom_fields::definitions(&mut tx)
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
    let mut out = String::from(
        "id,given_name,family_name,birth_date,gender,email,phone,street,postcode,city,status,membership_type,season,joined_on,ended_on,last_changed_at,last_changed_by",
    );
    for f in &fields {
        out.push(',');
        out.push_str(&field(&f.label));
    }
    out.push_str("\r\n");
    for r in &rows {
        let cells = [
            r.id.to_string(),
            field(&r.given_name),
            field(&r.family_name),
            field(r.birth_date.as_deref().unwrap_or("")),
            field(r.gender.as_deref().unwrap_or("")),
            field(r.email.as_deref().unwrap_or("")),
            field(r.phone.as_deref().unwrap_or("")),
            field(r.street.as_deref().unwrap_or("")),
            field(r.postcode.as_deref().unwrap_or("")),
            field(r.city.as_deref().unwrap_or("")),
            r.status.clone(),
            field(r.membership_type.as_deref().unwrap_or("")),
            field(r.season.as_deref().unwrap_or("")),
            field(r.joined_on.as_deref().unwrap_or("")),
            field(r.ended_on.as_deref().unwrap_or("")),
            Timestamp(r.updated_at).format_brussels(),
            field(r.updated_by_name.as_deref().unwrap_or("")),
        ];
        out.push_str(&cells.join(","));
        for f in &fields {
            out.push(',');
            if let Some(v) = values.get(&(r.id, f.id)) {
                out.push_str(&field(&v.join("|")));
            }
        }
        out.push_str("\r\n");
    }
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
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Peeters"), "Peeters");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("x;y"), "\"x;y\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+32 470"), "'+32 470");
        assert_eq!(field("line\nbreak"), "line break");
    }
}
