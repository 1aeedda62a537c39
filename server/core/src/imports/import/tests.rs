//! Import tests: the pure parts (reading, mapping, values), then the storage, each run on
//! SQLite and on PostgreSQL (when the test script provides it).

use super::*;
use crate::scope::{self, AuthLevel};
use crate::tenants::{self, NewTenant};
use crate::{accounts::identities, args, members, testing};
use std::sync::Mutex;
use tessera_common::dto::TenantKind;
use tessera_common::time::Date;
use tessera_common::Lang;

const T0: Timestamp = Timestamp(1_790_000_000_000);

fn today() -> Date {
    T0.utc_date()
}

fn no_progress(_: usize, _: usize) {}

fn file_message(e: AppError) -> String {
    match e {
        AppError::Invalid(f) => f
            .into_iter()
            .map(|f| format!("{}: {}", f.field, f.problem))
            .collect::<Vec<_>>()
            .join(" | "),
        other => panic!("expected per-field messages, got {other:?}"),
    }
}

fn headers(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn suggested(bytes: &[u8]) -> Vec<(usize, String)> {
    let info = inspect(bytes).unwrap();
    info.suggested
        .into_iter()
        .map(|c| (c.column, c.target))
        .collect()
}

async fn club(db: &Db, slug: &str) -> TenantScope {
    let rec = tenants::create(
        db,
        &Actor::system("test"),
        T0,
        NewTenant {
            parent: None,
            kind: TenantKind::Club,
            slug: slug.into(),
            name: format!("Club {slug}"),
            city: Some("Gent".into()),
            primary_color: "#1d3557".into(),
            accent_color: "#f4a261".into(),
            default_lang: Lang::Nl,
            plan: Some("premium".into()),
        },
    )
    .await
    .unwrap();
    TenantScope::for_system_task(&crate::jobs::SystemTask::background(), rec)
}

async fn count(db: &Db, s: &TenantScope) -> i64 {
    members::list(db, s, "", 1).await.unwrap().total
}

const NL: &str =
    "\u{feff}Voornaam;Naam;Geboortedatum;E-mail;Straat;Postcode;Gemeente;Opmerking\r\n\
Lotte;Peeters;17/05/1990;lotte@example.be;\"Kerkstraat 1; bus 2\";9000;Gent;\"two\r\nlines\"\r\n\
Wout;Maes;3-1-2001;;\"De \"\"Molen\"\" 4\";2000;Antwerpen;\r\n\
;;;;;;;\r\n";

// ---------------------------------------------------------------- pure parts

#[test]
fn the_delimiter_is_found_in_the_header_row() {
    assert_eq!(detect_delimiter("a;b;c\n1,2;3"), b';');
    assert_eq!(detect_delimiter("a,b,c\n1;2;3;4;5"), b',');
    assert_eq!(detect_delimiter("\"a;b\",c\n"), b',');
    assert_eq!(detect_delimiter("only"), b',');
}

#[test]
fn belgian_dates_are_rewritten_and_others_left_to_the_rules() {
    assert_eq!(normalize_date("17/05/1990"), "1990-05-17");
    assert_eq!(normalize_date("3-1-2001"), "2001-01-03");
    assert_eq!(normalize_date("03.01.2001"), "2001-01-03");
    assert_eq!(normalize_date(" 1990-05-17 "), "1990-05-17");
    assert_eq!(normalize_date("31/02/1990"), "1990-02-31");
    assert_eq!(normalize_date("05/17/90"), "05/17/90");
    assert_eq!(normalize_gender("Vrouw"), "f");
    assert_eq!(normalize_gender("Homme"), "m");
    assert_eq!(normalize_gender("?"), "?");
    assert_eq!(normalize_status(""), "active");
    assert_eq!(normalize_status("Geschorst"), "suspended");
}

#[test]
fn columns_are_suggested_from_dutch_french_and_english_headers() {
    let h = headers(&[
        "Voornaam",
        "Naam",
        "Geboortedatum",
        "E-mail",
        "Telefoon",
        "Straat",
        "Postcode",
        "Gemeente",
        "Opmerking",
    ]);
    let s = suggest_mapping(&h);
    let targets: Vec<&str> = s.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        targets,
        [
            "given_name",
            "family_name",
            "birth_date",
            "email",
            "phone",
            "street",
            "postcode",
            "city",
            "ignore"
        ]
    );
    let fr = suggest_mapping(&headers(&[
        "Prénom",
        "Nom",
        "Date de naissance",
        "Courriel",
        "Téléphone",
        "Rue",
        "Code postal",
        "Ville",
        "Sexe",
    ]));
    let targets: Vec<&str> = fr.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        targets,
        [
            "given_name",
            "family_name",
            "birth_date",
            "email",
            "phone",
            "street",
            "postcode",
            "city",
            "gender"
        ]
    );
    let en = suggest_mapping(&headers(&[
        "First name",
        "Last name",
        "Email",
        "City",
        "Plaats",
    ]));
    let targets: Vec<&str> = en.iter().map(|(_, t)| t.as_str()).collect();
    // Each field at most once: the second city column is left out.
    assert_eq!(
        targets,
        ["given_name", "family_name", "email", "city", "ignore"]
    );
    // The field keys themselves are understood too.
    let keys = suggest_mapping(&headers(FIELDS));
    assert!(
        keys.iter().zip(FIELDS).all(|((_, t), f)| t == f),
        "{keys:?}"
    );
}

#[test]
fn mappings_are_checked_with_a_message_per_problem() {
    let h = headers(&["Voornaam", "Naam", "Geboren", "Extra"]);
    let m = |v: &[(usize, &str)]| -> Vec<(usize, String)> {
        v.iter().map(|(c, t)| (*c, t.to_string())).collect()
    };
    assert!(check_mapping(&h, &m(&[(0, "given_name"), (1, "family_name")]), &[]).is_ok());
    let msg = file_message(
        check_mapping(
            &h,
            &m(&[
                (0, "given_name"),
                (2, "birth_date"),
                (3, "birth_date"),
                (7, "city"),
                (1, "nickname"),
            ]),
            &[],
        )
        .unwrap_err(),
    );
    assert!(msg.contains("column 8 does not exist"), "{msg}");
    assert!(msg.contains("\"nickname\" is not a field"), "{msg}");
    assert!(
        msg.contains("\"Geboren\" and \"Extra\" both go to Birth date"),
        "{msg}"
    );
    assert!(msg.contains("no column goes to Family name"), "{msg}");
    assert!(msg.starts_with("mapping: "), "{msg}");
    let msg = file_message(
        check_mapping(
            &h,
            &m(&[(0, "given_name"), (1, "family_name"), (3, "custom:12")]),
            &[],
        )
        .unwrap_err(),
    );
    assert!(
        msg.contains("the club has no field you may fill in there"),
        "{msg}"
    );
}

#[test]
fn files_that_cannot_be_read_are_refused_with_a_message() {
    let refused = |bytes: &[u8]| file_message(inspect(bytes).unwrap_err());
    let latin1 = b"Voornaam;Naam\nJan;Peeters\nJos\xe9;Claes\n";
    let msg = refused(latin1);
    assert!(
        msg.contains("not UTF-8") && msg.contains("line 3") && msg.contains("CSV UTF-8"),
        "{msg}"
    );
    assert!(refused(b"\xff\xfeV\x00").contains("UTF-16"));
    assert!(refused(b"PK\x03\x04rest").contains(".xlsx"));
    for empty in [&b""[..], b"\xef\xbb\xbf", b"\r\n\r\n", b";;;\n"] {
        let msg = refused(empty);
        assert!(msg.contains("the file is empty"), "{msg}");
    }
    let msg = refused(b"Jan;Peeters;17/05/1990\nWout;Maes;01/02/2003\n");
    assert!(msg.contains("looks like member data"), "{msg}");
    assert!(refused(b"Jan,Peeters,jan@example.be\n").contains("looks like member data"));
    assert!(refused(b"Jan,Peeters,+32 470 12 34 56\n").contains("looks like member data"));
    // Punctuation alone is a (poor) name, not data.
    assert!(inspect(b"Voornaam,Naam,-\n").is_ok());
    let msg = refused(b"Voornaam;;Naam;voornaam\n");
    assert!(msg.contains("column 2 has no name"), "{msg}");
    assert!(
        msg.contains("names \"voornaam\" twice (columns 1 and 4)"),
        "{msg}"
    );
    let big = vec![b'a'; MAX_FILE_BYTES + 1];
    assert!(refused(&big).contains("at most 20 MiB"));
    let mut many = String::from("Voornaam,Naam\n");
    for _ in 0..=MAX_ROWS {
        many.push_str("a,b\n");
    }
    assert!(refused(many.as_bytes()).contains("more than 200000 rows"));
}

#[test]
fn quoted_fields_bom_and_row_numbers_are_read() {
    let info = inspect(NL.as_bytes()).unwrap();
    assert_eq!(info.delimiter, ';');
    assert_eq!(
        info.headers[0], "Voornaam",
        "the BOM is not part of the name"
    );
    assert_eq!(info.rows, 2, "the row of empty cells is skipped");
    let mut sheet = open(NL.as_bytes()).unwrap();
    let mut rec = csv::StringRecord::new();
    assert_eq!(sheet.next_row(&mut rec).unwrap(), Some(2));
    assert_eq!(&rec[4], "Kerkstraat 1; bus 2");
    assert_eq!(&rec[7], "two\r\nlines");
    // The row after a cell with a line break starts on line 4.
    assert_eq!(sheet.next_row(&mut rec).unwrap(), Some(4));
    assert_eq!(&rec[4], "De \"Molen\" 4");
    assert_eq!(sheet.next_row(&mut rec).unwrap(), None);
}

#[test]
fn rows_are_checked_with_the_rules_of_the_member_form() {
    let csv = "First name,Last name,Birth date,Gender,Email,Phone,Season,Status,Joined,Ended\n\
               Ann,Smet,2001-02-03,V,ANN@Example.BE,+32 470 12 34 56,2026-2027,,01/09/2020,\n\
               ,Smet,31/02/1990,q,not-an-address,12,2026,gone,,\n\
               Bob,Smet,01/01/2027,m,,,,ended,2020-01-01,\n\
               Cis,Smet,,,,,,,2020-01-01,2019-01-01\n\
               Dirk,Smet\n";
    let mapping = suggested(csv.as_bytes());
    let mut known = Known::default();
    let s = scan(csv.as_bytes(), &mapping, &[], today(), &mut known, true).unwrap();
    let p = &s.preview;
    assert_eq!((p.rows, p.valid, p.invalid, p.to_add), (5, 1, 4, 1));
    let found = |row: usize, field: &str| {
        p.problems
            .iter()
            .find(|x| x.row == row && x.field == field)
            .unwrap_or_else(|| panic!("no problem for row {row} {field}: {:?}", p.problems))
    };
    assert_eq!(found(3, "given_name").header, "First name");
    assert!(found(3, "birth_date")
        .problem
        .to_string()
        .contains("real date written as YYYY-MM-DD or DD/MM/YYYY"));
    found(3, "gender");
    found(3, "email");
    found(3, "phone");
    found(3, "season");
    found(3, "status");
    assert!(found(4, "birth_date")
        .problem
        .to_string()
        .contains("future"));
    assert!(found(4, "ended_on").problem.to_string().contains("ended"));
    assert!(found(5, "ended_on")
        .problem
        .to_string()
        .contains("before the join date"));
    let cols = found(6, "columns");
    assert!(
        cols.problem
            .to_string()
            .contains("2 columns where the header has 10"),
        "{}",
        cols.problem.to_string()
    );
    assert_eq!(p.problem_count, p.problems.len());
    // The valid row as it would be stored: dates rewritten, e-mail folded, status active.
    let m = &p.sample[0].member;
    assert_eq!(p.sample[0].row, 2);
    assert_eq!(m.birth_date, "2001-02-03");
    assert_eq!(m.joined_on, "2020-09-01");
    assert_eq!(m.email, "ann@example.be");
    assert_eq!(m.gender, "f");
    assert_eq!(m.status, "active");
    assert_eq!(s.to_add.len(), 1);
}

#[test]
fn the_generated_member_file_imports_without_problems() {
    let csv = crate::seed::import_csv(3000, today(), 7);
    assert_eq!(
        csv,
        crate::seed::import_csv(3000, today(), 7),
        "deterministic"
    );
    let info = inspect(csv.as_bytes()).unwrap();
    assert_eq!((info.rows, info.delimiter), (3000, ';'));
    let mapping: Vec<(usize, String)> = info
        .suggested
        .iter()
        .map(|c| (c.column, c.target.clone()))
        .collect();
    assert!(
        mapping.iter().all(|(_, t)| t != IGNORE),
        "every generated column is recognised: {mapping:?}"
    );
    let s = scan(
        csv.as_bytes(),
        &mapping,
        &[],
        today(),
        &mut Known::default(),
        false,
    )
    .unwrap();
    assert_eq!(s.preview.invalid, 0, "{:?}", s.preview.problems);
    assert_eq!(s.preview.duplicates_existing, 0);
    assert!(s.preview.to_add > 2900, "{}", s.preview.to_add);
}

// ---------------------------------------------------------------- with storage

fn generated(rows: usize, bad_last: bool) -> String {
    let mut out = String::from("Voornaam;Naam;Geboortedatum;E-mail;Gemeente\n");
    for i in 0..rows {
        let birth = if bad_last && i + 1 == rows {
            "32/13/1990".to_string()
        } else {
            format!("{:02}/{:02}/{}", 1 + i % 28, 1 + i % 12, 1950 + i % 60)
        };
        out.push_str(&format!(
            "Given{i};Family{i};{birth};person{i}@example.be;Gent\n"
        ));
    }
    out
}

#[tokio::test]
async fn a_broken_last_row_stores_nothing() {
    for t in testing::all().await {
        let db = &t.db;
        let s = club(db, "club-i").await;
        let csv = generated(1500, true);
        let mapping = suggested(csv.as_bytes());
        let called = Mutex::new(0);
        let progress = |_: usize, _: usize| {
            if let Ok(mut n) = called.lock() {
                *n += 1;
            }
        };
        let err = commit(
            db,
            &s,
            &Actor::command_line_import(),
            T0,
            csv.as_bytes(),
            &mapping,
            &progress,
        )
        .await
        .unwrap_err();
        let CommitError::Rows(report) = &err else {
            panic!("expected the report, got {err:?}");
        };
        assert_eq!((report.rows, report.invalid), (1500, 1));
        assert_eq!(report.problems[0].row, 1501);
        assert_eq!(report.problems[0].field, "birth_date");
        assert!(err
            .clone()
            .into_app_error()
            .to_string()
            .contains("1 of 1500 rows"));
        assert_eq!(count(db, &s).await, 0, "{:?}", t.backend());
        assert_eq!(
            called.lock().map(|n| *n).unwrap_or(0),
            0,
            "nothing was stored"
        );
        // Nothing logged either.
        let mut tx = db.tenant_read(&s).await.unwrap();
        let events: Vec<(String,)> = tx
            .fetch_all(
                "SELECT kind FROM security_events WHERE tenant_id = $1 AND kind = $2",
                args!["members_imported"],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(events.is_empty());
    }
}

#[tokio::test]
async fn importing_the_same_file_twice_adds_nothing_the_second_time() {
    for t in testing::all().await {
        let db = &t.db;
        let s = club(db, "club-i").await;
        let csv = generated(1234, false);
        let mapping = suggested(csv.as_bytes());
        let calls = Mutex::new(Vec::new());
        let progress = |done: usize, total: usize| {
            if let Ok(mut c) = calls.lock() {
                c.push((done, total));
            }
        };
        let actor = Actor::command_line_import();
        let first = commit(db, &s, &actor, T0, csv.as_bytes(), &mapping, &progress)
            .await
            .unwrap();
        assert_eq!(
            first,
            ImportOutcome {
                added: 1234,
                skipped_duplicates: 0
            }
        );
        assert_eq!(
            calls.lock().map(|c| c.clone()).unwrap_or_default(),
            vec![(0, 1234), (1000, 1234), (1234, 1234)]
        );
        assert_eq!(count(db, &s).await, 1234);
        // Every row has its stamp, as a single insert would give it.
        let page = members::list(db, &s, "given1233", 1).await.unwrap();
        let m = members::get(db, &s, page.rows[0].id).await.unwrap();
        assert_eq!(m.stamp.by.as_deref(), Some("import (command line)"));
        assert_eq!(m.stamp.at, T0);
        assert_eq!(m.version, 1);
        assert_eq!(m.birth_date.as_deref(), Some("1983-10-02"));
        assert_eq!(m.email.as_deref(), Some("person1233@example.be"));
        // The preview of the same file now finds only duplicates.
        let p = preview(db, &s, T0, csv.as_bytes(), &mapping).await.unwrap();
        assert_eq!(
            (p.rows, p.valid, p.duplicates_existing, p.to_add),
            (1234, 1234, 1234, 0)
        );
        assert_eq!(p.duplicates.len(), REPORT_LIMIT);
        let again = commit(db, &s, &actor, T0, csv.as_bytes(), &mapping, &no_progress)
            .await
            .unwrap();
        assert_eq!(
            again,
            ImportOutcome {
                added: 0,
                skipped_duplicates: 1234
            }
        );
        assert_eq!(count(db, &s).await, 1234);
        let mut tx = db.tenant_read(&s).await.unwrap();
        let events: Vec<(Option<String>,)> = tx
            .fetch_all(
                "SELECT detail FROM security_events WHERE tenant_id = $1 AND kind = $2 ORDER BY detail",
                args!["members_imported"],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let details: Vec<String> = events.into_iter().filter_map(|e| e.0).collect();
        assert_eq!(
            details,
            [
                "0 added, 1234 duplicates skipped (1234 rows)",
                "1234 added, 0 duplicates skipped (1234 rows)"
            ]
        );
    }
}

#[tokio::test]
async fn the_same_file_imported_twice_at_once_is_added_once() {
    for t in testing::all().await {
        let db = &t.db;
        let s = club(db, "club-i").await;
        let csv = generated(800, false);
        let mapping = suggested(csv.as_bytes());
        let actor = Actor::command_line_import();
        // Two importers at the same moment (the command line and the web page, say), each
        // in a process of its own.
        let other = Db::connect(&t.url, 2).await.unwrap();
        let (a, b) = tokio::join!(
            commit(db, &s, &actor, T0, csv.as_bytes(), &mapping, &no_progress),
            commit(
                &other,
                &s,
                &actor,
                T0,
                csv.as_bytes(),
                &mapping,
                &no_progress
            ),
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.added + b.added, 800, "{:?}: {a:?} {b:?}", t.backend());
        assert_eq!(a.skipped_duplicates + b.skipped_duplicates, 800);
        assert_eq!(count(db, &s).await, 800);
        other.close().await;
    }
}

#[tokio::test]
async fn duplicates_are_found_by_email_and_by_name_and_birth_date() {
    for t in testing::all().await {
        let db = &t.db;
        let s = club(db, "club-i").await;
        let sys = Actor::system("test");
        for (given, family, birth, email) in [
            ("Lotte", "Peeters", "1990-05-17", Some("lotte@example.be")),
            ("Wout", "Maes", "2001-01-03", None),
        ] {
            members::create(
                db,
                &s,
                &sys,
                T0,
                members::NewMember {
                    given_name: given.into(),
                    family_name: family.into(),
                    birth_date: Some(birth.into()),
                    email: email.map(str::to_string),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        }
        let csv = "Prénom,Nom,Date de naissance,Courriel\n\
                   Charlotte,Peeters-Janssens,,LOTTE@example.be\n\
                   wout , MAES,03/01/2001,\n\
                   Wout,Maes,04/01/2001,\n\
                   Emma,Claes,,emma@example.be\n\
                   Emma,Claes-bis,,Emma@Example.be\n\
                   Noor,Jacobs,01/02/2010,\n\
                   noor,jacobs,2010-02-01,noor@example.be\n\
                   Jan,Janssens,,\n\
                   Jan,Janssens,,\n\
                   Jan,Janssens,,jan@example.be\n";
        let mapping = suggested(csv.as_bytes());
        let p = preview(db, &s, T0, csv.as_bytes(), &mapping).await.unwrap();
        assert_eq!(
            (
                p.rows,
                p.duplicates_existing,
                p.duplicates_in_file,
                p.to_add
            ),
            (10, 2, 3, 5),
            "{:?}",
            p.duplicates
        );
        let reasons: Vec<(usize, &str)> = p
            .duplicates
            .iter()
            .map(|d| (d.row, d.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (2, "a member of the club has the same e-mail address"),
                (3, "a member of the club has the same name and birth date"),
                (6, "row 5 has the same e-mail address"),
                (8, "row 7 has the same name and birth date"),
                (
                    10,
                    "row 9 has the same name, and neither has an e-mail address or a birth date"
                ),
            ]
        );
        let out = commit(db, &s, &sys, T0, csv.as_bytes(), &mapping, &no_progress)
            .await
            .unwrap();
        assert_eq!((out.added, out.skipped_duplicates), (5, 5));
        assert_eq!(count(db, &s).await, 7);
        // A second run finds every row there, the ones without address or birth date too.
        let p = preview(db, &s, T0, csv.as_bytes(), &mapping).await.unwrap();
        assert_eq!(
            (p.to_add, p.duplicates_existing),
            (0, 10),
            "{:?}",
            p.duplicates
        );
        // A system task without a label is stamped without a name, as before.
        let page = members::list(db, &s, "noor", 1).await.unwrap();
        assert_eq!(page.total, 1);
        let m = members::get(db, &s, page.rows[0].id).await.unwrap();
        assert_eq!(m.stamp.by, None);
    }
}

#[tokio::test]
async fn ten_thousand_broken_rows_get_a_capped_report_and_store_nothing() {
    for t in testing::all().await {
        let db = &t.db;
        let s = club(db, "club-i").await;
        let mut csv = String::from("Voornaam,Naam,Geboortedatum,E-mail\n");
        for i in 0..10_000 {
            csv.push_str(&format!("Jan{i},Peeters,1990-13-01,nobody-{i}\n"));
        }
        let mapping = suggested(csv.as_bytes());
        let p = preview(db, &s, T0, csv.as_bytes(), &mapping).await.unwrap();
        assert_eq!((p.rows, p.valid, p.invalid), (10_000, 0, 10_000));
        assert_eq!(p.problem_count, 20_000);
        assert_eq!(p.problems.len(), REPORT_LIMIT);
        assert_eq!(p.problems[0].row, 2);
        assert_eq!(p.problems[REPORT_LIMIT - 1].row, 101);
        assert!(p.sample.is_empty());
        let err = commit(
            db,
            &s,
            &Actor::command_line_import(),
            T0,
            csv.as_bytes(),
            &mapping,
            &no_progress,
        )
        .await
        .unwrap_err();
        assert!(matches!(&err, CommitError::Rows(r) if r.invalid == 10_000));
        assert_eq!(count(db, &s).await, 0);
    }
}

#[tokio::test]
async fn hostile_values_are_stored_as_plain_text() {
    for t in testing::all().await {
        let db = &t.db;
        let s = club(db, "club-i").await;
        let csv = "Voornaam,Naam,Straat,Gemeente,Lidtype\n\
                   <script>alert(1)</script>,\"O'Brien\"\"; DROP TABLE members;--\",\"=HYPERLINK(\"\"http://x\"\")\",javascript:alert(1),<b>vip</b>\n";
        let mapping = suggested(csv.as_bytes());
        let out = commit(
            db,
            &s,
            &Actor::command_line_import(),
            T0,
            csv.as_bytes(),
            &mapping,
            &no_progress,
        )
        .await
        .unwrap();
        assert_eq!(out.added, 1);
        let page = members::list(db, &s, "", 1).await.unwrap();
        let m = members::get(db, &s, page.rows[0].id).await.unwrap();
        assert_eq!(m.given_name, "<script>alert(1)</script>");
        assert_eq!(m.family_name, "O'Brien\"; DROP TABLE members;--");
        assert_eq!(m.street.as_deref(), Some("=HYPERLINK(\"http://x\")"));
        assert_eq!(m.city.as_deref(), Some("javascript:alert(1)"));
        assert_eq!(m.membership_type.as_deref(), Some("<b>vip</b>"));
    }
}

#[tokio::test]
async fn importing_needs_the_right_to_edit_members() {
    for t in testing::all().await {
        let db = &t.db;
        let s = club(db, "club-i").await;
        let sys = Actor::system("test");
        let id = identities::create(
            db,
            &sys,
            T0,
            "member@club.be",
            "Mo Member",
            Some("a long enough test password".into()),
        )
        .await
        .unwrap();
        identities::add_membership(db, &s, &sys, T0, id, None)
            .await
            .unwrap();
        let mo = Actor {
            identity: Some(id),
            name: "Mo Member".into(),
            level: AuthLevel::Password,
            pending: None,
            stamp_label: None,
        };
        let scope = scope::resolve(db, &mo, TenantKind::Club, "club-i", T0)
            .await
            .unwrap();
        let csv = generated(3, false);
        let mapping = suggested(csv.as_bytes());
        assert_eq!(
            preview(db, &scope, T0, csv.as_bytes(), &mapping)
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            commit(db, &scope, &mo, T0, csv.as_bytes(), &mapping, &no_progress)
                .await
                .unwrap_err(),
            CommitError::Other(AppError::Forbidden)
        );
        assert_eq!(count(db, &s).await, 0);
    }
}

/// A web page runs the commit as a background task: its future must be `Send`.
#[allow(dead_code)]
fn commit_can_run_in_a_background_task(db: Db, scope: TenantScope, bytes: Vec<u8>) {
    fn send<T: Send>(_: T) {}
    send(async move {
        let progress = |_: usize, _: usize| {};
        commit(
            &db,
            &scope,
            &Actor::system("t"),
            T0,
            &bytes,
            &[(0, "given_name".to_string())],
            &progress,
        )
        .await
    });
}

/// a similar name (one letter off, or first and last name swapped) born the same
/// day is a duplicate too, of a member or of an earlier row; born another day it is not.
#[tokio::test]
async fn similar_names_born_the_same_day_are_duplicates() {
    for t in testing::all().await {
        let db = &t.db;
        let s = club(db, "club-i").await;
        let sys = Actor::system("test");
        members::create(
            db,
            &s,
            &sys,
            T0,
            members::NewMember {
                given_name: "Lotte".into(),
                family_name: "Peeters".into(),
                birth_date: Some("1990-05-17".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let csv = "Voornaam,Naam,Geboortedatum\n\
                   Lotte,Peters,17/05/1990\n\
                   Peeters,Lotte,1990-05-17\n\
                   Lotte,Peters,18/05/1990\n\
                   Anouk,Smets,02/02/2002\n\
                   Anuok,Smets,02/02/2002\n\
                   Anouk,Smits,03/02/2002\n";
        let mapping = suggested(csv.as_bytes());
        let p = preview(db, &s, T0, csv.as_bytes(), &mapping).await.unwrap();
        let reasons: Vec<(usize, &str)> = p
            .duplicates
            .iter()
            .map(|d| (d.row, d.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (
                    2,
                    "a member of the club has the same birth date and a similar name"
                ),
                (
                    3,
                    "a member of the club has the same birth date and a similar name"
                ),
                (6, "row 5 has the same birth date and a similar name"),
            ]
        );
        assert_eq!(p.to_add, 3);
    }
}
