//! Tests of the Trust limits: throttles that count before they decide, hashed and purged
//! keys, the platform secret shared by servers, random bytes that fail closed. Each storage
//! test runs on SQLite and on PostgreSQL.

use crate::accounts::throttle::{self, Limit};
use crate::testing;
use tessera_common::time::Timestamp;
use tessera_common::AppError;

const T0: Timestamp = Timestamp(1_790_000_000_000);

#[tokio::test]
async fn simultaneous_attempts_get_exactly_the_limit_through() {
    for t in testing::all().await {
        let db = &t.db;
        let limit = Limit {
            max_attempts: 7,
            window_secs: 60,
        };
        let tasks: Vec<_> = (0..40)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    throttle::attempt(&db, "account:x@example.be", limit, T0).await
                })
            })
            .collect();
        let (mut passed, mut refused) = (0, 0);
        for task in tasks {
            match task.await.unwrap() {
                Ok(()) => passed += 1,
                Err(AppError::TooManyRequests(s)) => {
                    assert!((1..=60).contains(&s), "{s}");
                    refused += 1
                }
                Err(e) => panic!("{:?}: {e:?}", t.backend()),
            }
        }
        assert_eq!((passed, refused), (7, 33), "{:?}", t.backend());
        // The window ends: a new one starts.
        let later = T0.plus_seconds(61);
        throttle::attempt(db, "account:x@example.be", limit, later)
            .await
            .unwrap();
        // A refund gives one attempt back; a clear all of them.
        let other = "totp:1";
        for _ in 0..7 {
            throttle::attempt(db, other, limit, T0).await.unwrap();
        }
        assert!(throttle::attempt(db, other, limit, T0).await.is_err());
        throttle::clear(db, other).await.unwrap();
        throttle::attempt(db, other, limit, T0).await.unwrap();
    }
}

#[tokio::test]
async fn keys_are_stored_hashed_at_a_fixed_size_and_ended_windows_are_purged() {
    for t in testing::all().await {
        let db = &t.db;
        let limit = Limit {
            max_attempts: 3,
            window_secs: 60,
        };
        let huge = "k".repeat(1024 * 1024);
        throttle::attempt(db, &huge, limit, T0).await.unwrap();
        throttle::attempt(db, "short", limit, T0.plus_seconds(30))
            .await
            .unwrap();
        assert_eq!(throttle::stored_keys(db).await.unwrap(), (2, true));
        // The first window ended at T0 + 60 s, the second not yet.
        let n = throttle::purge_expired(db, T0.plus_seconds(61))
            .await
            .unwrap();
        assert_eq!(n, 1, "{:?}", t.backend());
        assert_eq!(throttle::stored_keys(db).await.unwrap(), (1, true));
    }
}

#[tokio::test]
async fn the_form_key_is_made_once_and_shared_by_every_server_on_the_database() {
    for t in testing::all().await {
        // Two servers: two handles on the same database, asking at the same moment.
        let other = crate::db::Db::connect(&t.url, 2).await.unwrap();
        let tasks: Vec<_> = [t.db.clone(), other.clone(), t.db.clone(), other.clone()]
            .into_iter()
            .map(|db| {
                tokio::spawn(async move {
                    crate::secrets::get_or_create(&db, crate::secrets::FORM_KEY, T0).await
                })
            })
            .collect();
        let mut keys = Vec::new();
        for task in tasks {
            keys.push(task.await.unwrap().unwrap());
        }
        assert_eq!(keys[0].len(), crate::secrets::KEY_BYTES);
        assert!(keys.iter().all(|k| *k == keys[0]), "{:?}", t.backend());
        // A token handed out by one is accepted by the other.
        let tok = crate::registration::started_token(&t.db, 42, T0)
            .await
            .unwrap();
        let again = crate::registration::started_token(&other, 42, T0)
            .await
            .unwrap();
        assert_eq!(tok, again);
        other.close().await;
    }
}

// ---------------------------------------------------------------- parsers

use crate::{imports::import, tenants::logo};
use proptest::prelude::*;
use tessera_common::Lang;

fn nested_svg(depth: usize) -> Vec<u8> {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}<rect width="1" height="1"/>{}</svg>"#,
        "<g>".repeat(depth),
        "</g>".repeat(depth)
    )
    .into_bytes()
}

fn logo_message(e: AppError, lang: Lang) -> String {
    match e {
        AppError::Invalid(f) => f[0].problem.render(lang),
        other => panic!("expected a field error, got {other:?}"),
    }
}

fn file_message(e: AppError, lang: Lang) -> String {
    match e {
        AppError::Invalid(f) => f[0].problem.render(lang),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn a_deeply_nested_svg_is_refused_naming_the_limit_and_nothing_recurses() {
    // 500 nested groups: refused before parsing, in the visitor's language.
    let m = logo_message(logo::check(nested_svg(500)).unwrap_err(), Lang::En);
    assert!(
        m.contains(&logo::MAX_SVG_DEPTH.to_string()) && m.contains("levels"),
        "{m}"
    );
    let m = logo_message(logo::check(nested_svg(500)).unwrap_err(), Lang::Nl);
    assert!(m.contains("niveaus"), "{m}");
    // At the limit it passes, on a thread with a quarter of a request thread's stack (the
    // parser recurses once per level; the walk does not).
    // (the <svg> element, the groups and the innermost <rect>: MAX_SVG_DEPTH levels.)
    let at_limit = nested_svg(logo::MAX_SVG_DEPTH - 2);
    let ok = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || logo::check(at_limit).map(|l| l.content_type))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(ok.unwrap(), "image/svg+xml");
    assert!(logo::check(nested_svg(logo::MAX_SVG_DEPTH - 1)).is_err());
    // Deep nesting hidden from a naive count (self-closing tags, quoted '>', comments)
    // is still measured right.
    let tricky = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><!-- <g> <g> -->{}<rect width="1" height="1" id="a>b"/>{}</svg>"#,
        "<g >".repeat(logo::MAX_SVG_DEPTH - 2),
        "</g>".repeat(logo::MAX_SVG_DEPTH - 2)
    );
    assert!(logo::check(tricky.into_bytes()).is_ok());
}

#[test]
fn an_svg_with_too_many_elements_is_refused_naming_the_limit() {
    let many = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">{}</svg>"#,
        r#"<rect width="1" height="1"/>"#.repeat(logo::MAX_SVG_ELEMENTS)
    );
    assert!(many.len() < logo::MAX_BYTES);
    let m = logo_message(logo::check(many.into_bytes()).unwrap_err(), Lang::Fr);
    assert!(
        m.contains(&logo::MAX_SVG_ELEMENTS.to_string()) && m.contains("éléments"),
        "{m}"
    );
}

#[test]
fn a_header_of_200000_columns_is_refused_at_once() {
    let header: Vec<String> = (0..200_000).map(|i| format!("c{i}")).collect();
    let csv = format!("{}\nAnne,Peeters\n", header.join(","));
    let started = crate::clock::monotonic();
    let m = file_message(import::inspect(csv.as_bytes()).unwrap_err(), Lang::En);
    let took = started.elapsed();
    assert!(m.contains("header row has more than 250 columns"), "{m}");
    // Refused on the raw text after at most 251 cells: nothing per column was built.
    assert!(took < std::time::Duration::from_millis(500), "{took:?}");
    // Semicolons (Belgian Excel) too.
    let csv = format!("{}\n", header.join(";"));
    assert!(import::inspect(csv.as_bytes()).is_err());
}

#[test]
fn rows_with_too_many_cells_and_overlong_cells_are_refused_with_their_line() {
    let wide = format!(
        "Voornaam,Naam\nAnne,Peeters\nBen{}\n",
        ",x".repeat(import::MAX_COLUMNS)
    );
    let m = file_message(import::inspect(wide.as_bytes()).unwrap_err(), Lang::En);
    assert!(m.contains("line 3 has more than 250 cells"), "{m}");
    let long = format!(
        "Voornaam,Naam\nAnne,{}\n",
        "p".repeat(import::MAX_CELL_BYTES + 1)
    );
    let m = file_message(import::inspect(long.as_bytes()).unwrap_err(), Lang::En);
    assert!(m.contains("line 2") && m.contains("2000 characters"), "{m}");
    // An unclosed quote swallows the rest of the file: refused at the cell limit.
    let open = format!("Voornaam,Naam\n\"Anne,{}\n", "Peeters,\n".repeat(1000));
    let m = file_message(import::inspect(open.as_bytes()).unwrap_err(), Lang::En);
    assert!(m.contains("line 2"), "{m}");
    // Within the limits: delimiters and line breaks inside quotes, a quote inside a cell.
    let ok = format!(
        "Voornaam,Naam,Adres\nAnne,\"Peeters, de\",\"Kerkstraat 1\n2000 Antwerpen\"\nJo,O\"Brien,{}\n",
        "s".repeat(import::MAX_CELL_BYTES)
    );
    assert_eq!(import::inspect(ok.as_bytes()).unwrap().rows, 2);
    let header: Vec<String> = (0..import::MAX_COLUMNS).map(|i| format!("c{i}")).collect();
    let ok = format!("{}\n", header.join(","));
    assert_eq!(import::inspect(ok.as_bytes()).unwrap().headers.len(), 250);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_csv_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = import::inspect(&bytes);
    }

    #[test]
    fn the_csv_reader_never_panics_on_csv_like_text(
        text in proptest::string::string_regex("[a-z0-9 ,;\"\r\n@/.-]{0,3000}").unwrap()
    ) {
        let _ = import::inspect(text.as_bytes());
    }

    #[test]
    fn the_svg_check_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let mut data = b"<svg ".to_vec();
        data.extend(bytes);
        let _ = logo::check(data);
    }

    #[test]
    fn the_svg_check_never_panics_on_svg_like_text(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<g>".to_string()),
                Just("</g>".to_string()),
                Just("<rect width=\"1\" height=\"1\"/>".to_string()),
                Just("<!--".to_string()),
                Just("-->".to_string()),
                Just("<![CDATA[".to_string()),
                Just("]]>".to_string()),
                Just("\"".to_string()),
                Just("'".to_string()),
                Just(">".to_string()),
                Just("<".to_string()),
                Just("<?x?>".to_string()),
                "[a-z =/<>\"']{0,8}",
            ],
            0..400,
        )
    ) {
        let text = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">{}</svg>"#,
            parts.concat()
        );
        let _ = logo::check(text.into_bytes());
    }
}
