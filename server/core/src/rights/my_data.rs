//! The My data download: everything the club holds about one person, as one zip with
//! `my-data.json` (schema in docs/MY_DATA.md, `schema_version` inside) and the same as CSV
//! files. Read in one snapshot, produced at once, and recorded in the export register
//! (kind `my_data`, the person as its one member; the register logs it in the club's event
//! log with no personal data).

use super::requests::subject;
use crate::args;
use crate::db::{Db, TenantTx};
use crate::error::{internal, Result};
use crate::members::exports::{self, cell, write_csv};
use crate::scope::{Actor, TenantScope};
use serde_json::{json, Value as Json};
use std::io::Write;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, MemberId};

/// The version of the JSON document's layout; docs/MY_DATA.md describes each version.
pub const MY_DATA_SCHEMA_VERSION: i64 = 3;

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    gender: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    street: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
    status: String,
    joined_on: Option<String>,
    ended_on: Option<String>,
    membership_type: Option<String>,
    season: Option<String>,
    restricted_at: Option<i64>,
    erased_at: Option<i64>,
    updated_at: i64,
    updated_by_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct FieldValueRow {
    label: String,
    kind: String,
    visibility: String,
    value: String,
    updated_at: i64,
    updated_by_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct FamilyRow {
    rel: String,
    id: i64,
    given_name: String,
    family_name: String,
}

#[derive(sqlx::FromRow)]
struct SubmissionRow {
    id: i64,
    title: String,
    email: String,
    data: String,
    status: String,
    submitted_at: i64,
    confirmed_at: Option<i64>,
    decided_at: Option<i64>,
    reason: Option<String>,
    consent_version: Option<i64>,
    consent_text: Option<String>,
    form_consent_version: i64,
    terms_number: Option<i64>,
    updated_at: i64,
    updated_by_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    kind: String,
    details: Option<String>,
    status: String,
    received_at: i64,
    first_due_on: String,
    due_on: String,
    extension_reason: Option<String>,
    refusal_reason: Option<String>,
    closed_at: Option<i64>,
    updated_at: i64,
    updated_by_name: Option<String>,
}

fn at(t: i64) -> String {
    Timestamp(t).format_brussels()
}

fn opt_at(t: Option<i64>) -> Json {
    t.map(|t| Json::from(at(t))).unwrap_or(Json::Null)
}

/// The zip of everything the club holds about the caller (or their minor child `child`)
/// and its file name. Refused like the My data page: someone else's record is not found,
/// an adult child's is refused with the reason.
pub async fn my_data_zip(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    child: Option<MemberId>,
) -> Result<(String, Vec<u8>)> {
    let member = subject(db, scope, scope.today(now), child).await?;
    let mut tx = db.tenant_snapshot(scope).await?;
    let doc = gather(&mut tx, scope, member, now).await;
    tx.commit().await?;
    let (json_text, csvs) = doc?;
    let bytes = zip_of(&json_text, &csvs)?;
    let parts: Vec<String> = csvs
        .iter()
        .map(|(name, _)| name.trim_end_matches(".csv").to_string())
        .collect();
    exports::record_export(
        db,
        scope,
        actor,
        now,
        &exports::ExportLog {
            kind: exports::MY_DATA,
            purpose: "access request by the person",
            filter: &format!("member {}", member.0),
            columns: &parts,
            members: &[member],
            sha256: &exports::sha256_hex(&bytes),
        },
    )
    .await?;
    let date = now.date_in(&scope.tenant().time_zone);
    Ok((format!("{}-my-data-{date}.zip", scope.tenant().slug), bytes))
}

type Csvs = Vec<(&'static str, Vec<Vec<String>>)>;

/// `my-data.json`'s top level. Its keys are in alphabetical order, the order in which
/// `serde_json` writes the keys of an object value, so the text is the one the document
/// had as a single JSON value; but the export entries (one more with each of the person's
/// own downloads) are written straight from the register's rows, without a map each.
#[derive(serde::Serialize)]
struct Doc<'a> {
    account: Json,
    club: Json,
    consents: Json,
    custom_fields: Vec<Json>,
    exports: ExportsDoc<'a>,
    family: Vec<Json>,
    /// How many federation reads named the person (the club's event log, xfer18).
    federation_reads: i64,
    generated_at: String,
    person: &'a Json,
    privacy_requests: Vec<Json>,
    registrations: Vec<Json>,
    schema: &'static str,
    schema_version: i64,
    terms_acceptances: Vec<Json>,
}

/// `exports`, its keys in alphabetical order (see [`Doc`]).
#[derive(serde::Serialize)]
struct ExportsDoc<'a> {
    basis: &'static str,
    count: usize,
    entries: Vec<EntryDoc<'a>>,
    my_data_downloads: DownloadsDoc,
}

/// `exports.my_data_downloads`: the person's My-data downloads, summarised.
#[derive(serde::Serialize)]
struct DownloadsDoc {
    count: i64,
    first_at: Option<String>,
    last_at: Option<String>,
}

/// One entry of `exports.entries`, its keys in alphabetical order (see [`Doc`]).
#[derive(serde::Serialize)]
struct EntryDoc<'a> {
    at: String,
    columns: &'a str,
    filter: &'a str,
    kind: &'a str,
    people: i64,
    purpose: &'a str,
    sha256: &'a str,
}

async fn gather(
    tx: &mut TenantTx,
    scope: &TenantScope,
    member: MemberId,
    now: Timestamp,
) -> Result<(Vec<u8>, Csvs)> {
    let p: PersonRow = tx
        .fetch_optional(
            "SELECT id, given_name, family_name, birth_date, gender, email, phone, street, postcode, \
             city, status, joined_on, ended_on, membership_type, season, restricted_at, erased_at, \
             updated_at, updated_by_name FROM members WHERE tenant_id = $1 AND id = $2",
            args![member],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    // Every custom field, sensitive ones included: it is the person's own data.
    let fields: Vec<FieldValueRow> = tx
        .fetch_all(
            "SELECT f.label, f.kind, f.visibility, v.value, v.updated_at, v.updated_by_name \
             FROM member_field_values v JOIN custom_fields f ON f.tenant_id = v.tenant_id AND f.id = v.field_id \
             WHERE v.tenant_id = $1 AND v.member_id = $2 ORDER BY f.position, f.id, v.value",
            args![member],
        )
        .await?;
    let family: Vec<FamilyRow> = tx
        .fetch_all(
            "SELECT 'guardian' AS rel, m.id, m.given_name, m.family_name FROM member_guardians g \
             JOIN members m ON m.tenant_id = g.tenant_id AND m.id = g.guardian_id \
             WHERE g.tenant_id = $1 AND g.child_id = $2 \
             UNION ALL SELECT 'child' AS rel, m.id, m.given_name, m.family_name FROM member_guardians g \
             JOIN members m ON m.tenant_id = g.tenant_id AND m.id = g.child_id \
             WHERE g.tenant_id = $1 AND g.guardian_id = $2 ORDER BY 1, 2",
            args![member],
        )
        .await?;
    let account: Option<(i64, String, String, Option<String>)> = tx
        .fetch_optional(
            "SELECT s.id, i.email, i.name, i.lang FROM memberships s JOIN identities i ON i.id = s.identity_id \
             WHERE s.tenant_id = $1 AND s.member_id = $2",
            args![member],
        )
        .await?;
    let terms: Vec<(i64, i64)> = match &account {
        Some((ms, ..)) => {
            tx.fetch_all(
                "SELECT number, accepted_at FROM terms_acceptances WHERE tenant_id = $1 \
                 AND membership_id = $2 ORDER BY number",
                args![*ms],
            )
            .await?
        }
        None => Vec::new(),
    };
    let submissions: Vec<SubmissionRow> = tx
        .fetch_all(
            "SELECT s.id, f.title, s.email, s.data, s.status, s.submitted_at, s.confirmed_at, \
             s.decided_at, s.reason, s.consent_version, f.consent_text, \
             f.consent_version AS form_consent_version, s.terms_number, s.updated_at, s.updated_by_name \
             FROM reg_submissions s JOIN reg_forms f ON f.tenant_id = s.tenant_id AND f.id = s.form_id \
             WHERE s.tenant_id = $1 AND ((' ' || coalesce(s.member_ids, '') || ' ') LIKE ('% ' || $2 || ' %') \
             OR ($3 IS NOT NULL AND lower(s.email) = lower($3))) ORDER BY s.submitted_at, s.id",
            args![member.0.to_string(), p.email.clone()],
        )
        .await?;
    let requests: Vec<RequestRow> = tx
        .fetch_all(
            "SELECT id, kind, details, status, received_at, first_due_on, due_on, extension_reason, \
             refusal_reason, closed_at, updated_at, updated_by_name FROM privacy_requests \
             WHERE tenant_id = $1 AND member_id = $2 ORDER BY received_at, id",
            args![member],
        )
        .await?;
    // The consents per purpose with their history, and the exports that included the
    // person (the export register names each exported member; the person's own earlier
    // downloads are among them, kind `my_data`).
    let consents_now = crate::consents::consents_of(tx, member).await?;
    let (mut exports, own_downloads) = exports::exports_including_summarised_in(tx, member).await?;
    exports.reverse();

    let person = json!({
        "id": p.id.to_string(),
        "given_name": p.given_name,
        "family_name": p.family_name,
        "birth_date": p.birth_date,
        "gender": p.gender,
        "email": p.email,
        "phone": p.phone,
        "street": p.street,
        "postcode": p.postcode,
        "city": p.city,
        "status": p.status,
        "joined_on": p.joined_on,
        "ended_on": p.ended_on,
        "membership_type": p.membership_type,
        "season": p.season,
        "restricted_at": opt_at(p.restricted_at),
        "erased_at": opt_at(p.erased_at),
        "last_changed_at": at(p.updated_at),
        "last_changed_by": p.updated_by_name,
    });
    let custom: Vec<Json> = fields
        .iter()
        .map(|f| {
            json!({
                "label": f.label, "kind": f.kind, "visibility": f.visibility, "value": f.value,
                "last_changed_at": at(f.updated_at), "last_changed_by": f.updated_by_name,
            })
        })
        .collect();
    let family_json: Vec<Json> = family
        .iter()
        .map(|f| {
            json!({"relation": f.rel, "member_id": f.id.to_string(),
                   "name": format!("{} {}", f.given_name, f.family_name)})
        })
        .collect();
    let registrations: Vec<Json> = submissions
        .iter()
        .map(|s| {
            json!({
                "id": s.id.to_string(), "form": s.title, "email": s.email, "status": s.status,
                "submitted_at": at(s.submitted_at), "confirmed_at": opt_at(s.confirmed_at),
                "decided_at": opt_at(s.decided_at), "reason": s.reason,
                "consent_version": s.consent_version, "terms_version": s.terms_number,
                "as_submitted": serde_json::from_str::<Json>(&s.data).unwrap_or(Json::Null),
                "last_changed_at": at(s.updated_at), "last_changed_by": s.updated_by_name,
            })
        })
        .collect();
    // The registration form's own consent, with its version and (when it is still the
    // form's current version) its text.
    let form_consents: Vec<Json> = submissions
        .iter()
        .filter_map(|s| {
            s.consent_version.map(|v| {
                json!({
                    "source": "registration", "purpose": s.title, "version": v,
                    "text": if v == s.form_consent_version { s.consent_text.clone() } else { None },
                    "given_at": at(s.confirmed_at.unwrap_or(s.submitted_at)),
                })
            })
        })
        .collect();
    let terms_json: Vec<Json> = terms
        .iter()
        .map(|(n, a)| json!({"version": n, "accepted_at": at(*a)}))
        .collect();
    let requests_json: Vec<Json> = requests
        .iter()
        .map(|r| {
            json!({
                "id": r.id.to_string(), "kind": r.kind, "details": r.details, "status": r.status,
                "received_at": at(r.received_at), "first_due_on": r.first_due_on, "due_on": r.due_on,
                "extension_reason": r.extension_reason, "refusal_reason": r.refusal_reason,
                "closed_at": opt_at(r.closed_at),
                "last_changed_at": at(r.updated_at), "last_changed_by": r.updated_by_name,
            })
        })
        .collect();
    let purposes_json: Vec<Json> = consents_now
        .states
        .iter()
        .map(|c| {
            json!({
                "purpose_id": c.purpose.to_string(), "title": c.title, "text": c.body,
                "current_version": c.text_version, "given": c.given,
                "answered_version": c.answered_version, "at": opt_at(c.at.map(|t| t.0)),
            })
        })
        .collect();
    let history_json: Vec<Json> = consents_now
        .history
        .iter()
        .rev()
        .map(|e| {
            json!({
                "purpose_id": e.purpose.to_string(), "title": e.title, "version": e.text_version,
                "given": e.given, "source": e.source.as_str(), "note": e.note,
                "at": at(e.at.0), "recorded_by": e.recorded_by,
            })
        })
        .collect();
    let consents = json!({
        "purposes": purposes_json,
        "history": history_json,
        "registration_forms": form_consents,
    });
    let exports_json = ExportsDoc {
        basis: "export_register",
        count: exports.len(),
        entries: exports
            .iter()
            .map(|e| EntryDoc {
                at: at(e.at.0),
                columns: &e.columns,
                filter: &e.filter,
                kind: &e.kind,
                people: e.people,
                purpose: &e.purpose,
                sha256: &e.sha256,
            })
            .collect(),
        my_data_downloads: DownloadsDoc {
            count: own_downloads.count,
            first_at: own_downloads.first.map(|t| at(t.0)),
            last_at: own_downloads.last.map(|t| at(t.0)),
        },
    };
    let federation_reads = crate::fedreads::reads_about(tx, member.0).await?;
    let doc = Doc {
        account: account
            .as_ref()
            .map(|(_, e, n, l)| json!({"email": e, "name": n, "language": l}))
            .unwrap_or(Json::Null),
        club: json!({"slug": scope.tenant().slug, "name": scope.tenant().name}),
        consents,
        custom_fields: custom,
        exports: exports_json,
        family: family_json,
        federation_reads,
        generated_at: at(now.0),
        person: &person,
        privacy_requests: requests_json,
        registrations,
        schema: "tessera.my-data",
        schema_version: MY_DATA_SCHEMA_VERSION,
        terms_acceptances: terms_json,
    };
    let json_text = serde_json::to_vec_pretty(&doc).map_err(internal)?;
    drop(doc);

    // The same as CSV: one file per section, a header row each.
    let s = |v: &Option<String>| cell(v.as_deref().unwrap_or(""));
    let mut person_csv = vec![vec!["field".to_string(), "value".to_string()]];
    if let Some(obj) = person.as_object() {
        for (k, v) in obj {
            let text = match v {
                Json::Null => String::new(),
                Json::String(t) => t.clone(),
                other => other.to_string(),
            };
            person_csv.push(vec![k.clone(), cell(&text)]);
        }
    }
    let mut custom_csv = vec![vec![
        "label".into(),
        "kind".into(),
        "visibility".into(),
        "value".into(),
        "last_changed_at".into(),
        "last_changed_by".into(),
    ]];
    for f in &fields {
        custom_csv.push(vec![
            cell(&f.label),
            f.kind.clone(),
            f.visibility.clone(),
            cell(&f.value),
            at(f.updated_at),
            s(&f.updated_by_name),
        ]);
    }
    let mut family_csv = vec![vec!["relation".into(), "member_id".into(), "name".into()]];
    for f in &family {
        family_csv.push(vec![
            f.rel.clone(),
            f.id.to_string(),
            cell(&format!("{} {}", f.given_name, f.family_name)),
        ]);
    }
    let mut reg_csv = vec![vec![
        "id".into(),
        "form".into(),
        "email".into(),
        "status".into(),
        "submitted_at".into(),
        "confirmed_at".into(),
        "decided_at".into(),
        "reason".into(),
        "consent_version".into(),
        "terms_version".into(),
        "as_submitted".into(),
    ]];
    for r in &submissions {
        reg_csv.push(vec![
            r.id.to_string(),
            cell(&r.title),
            cell(&r.email),
            r.status.clone(),
            at(r.submitted_at),
            r.confirmed_at.map(at).unwrap_or_default(),
            r.decided_at.map(at).unwrap_or_default(),
            s(&r.reason),
            r.consent_version.map(|v| v.to_string()).unwrap_or_default(),
            r.terms_number.map(|v| v.to_string()).unwrap_or_default(),
            cell(&r.data),
        ]);
    }
    let lang = scope.tenant().default_lang;
    let mut consent_csv = vec![vec![
        "purpose_id".into(),
        "purpose".into(),
        "current_version".into(),
        "given".into(),
        "answered_version".into(),
        "at".into(),
    ]];
    for c in &consents_now.states {
        consent_csv.push(vec![
            c.purpose.to_string(),
            cell(c.title.get(lang)),
            c.text_version.to_string(),
            match c.given {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            c.answered_version
                .map(|v| v.to_string())
                .unwrap_or_default(),
            c.at.map(|t| at(t.0)).unwrap_or_default(),
        ]);
    }
    let mut history_csv = vec![vec![
        "at".into(),
        "purpose_id".into(),
        "purpose".into(),
        "version".into(),
        "given".into(),
        "source".into(),
        "note".into(),
        "recorded_by".into(),
    ]];
    for e in consents_now.history.iter().rev() {
        history_csv.push(vec![
            at(e.at.0),
            e.purpose.to_string(),
            cell(e.title.get(lang)),
            e.text_version.to_string(),
            if e.given { "yes" } else { "no" }.into(),
            e.source.as_str().into(),
            s(&e.note),
            s(&e.recorded_by),
        ]);
    }
    let mut form_consent_csv = vec![vec!["form".into(), "version".into(), "given_at".into()]];
    for c in &form_consents {
        form_consent_csv.push(vec![
            cell(c["purpose"].as_str().unwrap_or("")),
            c["version"].to_string(),
            c["given_at"].as_str().unwrap_or("").to_string(),
        ]);
    }
    let mut terms_csv = vec![vec!["version".into(), "accepted_at".into()]];
    for (n, a) in &terms {
        terms_csv.push(vec![n.to_string(), at(*a)]);
    }
    let mut req_csv = vec![vec![
        "id".into(),
        "kind".into(),
        "details".into(),
        "status".into(),
        "received_at".into(),
        "first_due_on".into(),
        "due_on".into(),
        "extension_reason".into(),
        "refusal_reason".into(),
        "closed_at".into(),
    ]];
    for r in &requests {
        req_csv.push(vec![
            r.id.to_string(),
            r.kind.clone(),
            s(&r.details),
            r.status.clone(),
            at(r.received_at),
            r.first_due_on.clone(),
            r.due_on.clone(),
            s(&r.extension_reason),
            s(&r.refusal_reason),
            r.closed_at.map(at).unwrap_or_default(),
        ]);
    }
    let mut export_csv = vec![vec![
        "at".into(),
        "kind".into(),
        "purpose".into(),
        "filter".into(),
        "columns".into(),
        "people".into(),
        "sha256".into(),
    ]];
    for e in &exports {
        export_csv.push(vec![
            at(e.at.0),
            e.kind.clone(),
            cell(&e.purpose),
            cell(&e.filter),
            cell(&e.columns),
            e.people.to_string(),
            e.sha256.clone(),
        ]);
    }
    let downloads_csv = vec![
        vec!["count".into(), "first_at".into(), "last_at".into()],
        vec![
            own_downloads.count.to_string(),
            own_downloads.first.map(|t| at(t.0)).unwrap_or_default(),
            own_downloads.last.map(|t| at(t.0)).unwrap_or_default(),
        ],
    ];
    let csvs: Csvs = vec![
        ("person.csv", person_csv),
        ("custom_fields.csv", custom_csv),
        ("family.csv", family_csv),
        ("registrations.csv", reg_csv),
        ("consents.csv", consent_csv),
        ("consent_history.csv", history_csv),
        ("registration_consents.csv", form_consent_csv),
        ("terms_acceptances.csv", terms_csv),
        ("privacy_requests.csv", req_csv),
        ("exports.csv", export_csv),
        ("my_data_downloads.csv", downloads_csv),
    ];
    Ok((json_text, csvs))
}

fn zip_of(json_text: &[u8], csvs: &Csvs) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(
        json_text.len() / 4 + 4096,
    )));
    // Deflate's fastest level: the text shrinks nearly as much (most of it is the
    // register's repeated purposes, columns and hashes) for a third of the time, and the
    // download is made on the request.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    zip.start_file("my-data.json", options).map_err(internal)?;
    zip.write_all(json_text).map_err(internal)?;
    for (name, rows) in csvs {
        zip.start_file(format!("csv/{name}"), options)
            .map_err(internal)?;
        zip.write_all(write_csv(rows)?.as_bytes())
            .map_err(internal)?;
    }
    let cursor = zip.finish().map_err(internal)?;
    Ok(cursor.into_inner())
}
