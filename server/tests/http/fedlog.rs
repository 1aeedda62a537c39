//! fedlog18 over HTTP, on both databases: the federation's licence list is a read logged
//! in the club (shown on the club's event log) and counted in the member's My data
//! download; the federation's own event log page, paged, with hostile text escaped, for
//! its staff only.

use super::*;
use std::io::Read;
use tessera_common::licence::{FedLicences, MyLicence};

/// A same-origin form post answered with raw bytes (the zip is not text).
async fn post_bytes(c: &Client, path: &str, form: &str) -> (u16, Vec<u8>) {
    let origin = c.origin();
    let (status, _, body) = exchange(
        c.addr,
        &c.cookies,
        "POST",
        path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", &origin),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        form.as_bytes(),
    )
    .await;
    (status, body)
}

/// The `federation_reads` of the caller's My data download.
async fn federation_reads(c: &Client) -> i64 {
    let (status, body) = post_bytes(c, &format!("/c/{CLUB_A}/me/privacy/download"), "child=").await;
    assert_eq!(status, 200);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(body)).expect("a zip");
    let mut json = String::new();
    zip.by_name("my-data.json")
        .expect("my-data.json")
        .read_to_string(&mut json)
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    doc["federation_reads"].as_i64().expect("federation_reads")
}

#[tokio::test]
async fn the_licence_list_is_logged_in_the_club_and_counted_in_my_data() {
    for s in servers().await {
        let v: std::collections::HashMap<&str, String> = super::licences::fixture_values(&s)
            .await
            .into_iter()
            .collect();
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let mut me = Client::new(&s);
        me.sign_in(&account("member.kempenvlug")).await;
        // The member is licensed (the demo may have done it; else the club asks now).
        let r = me.call("my_licences", &format!("club={CLUB_A}")).await;
        let mut mine: Vec<MyLicence> = serde_json::from_str(&r.body).unwrap();
        if mine.is_empty() {
            let record: serde_json::Value =
                serde_json::from_str(&me.call("my_record", &format!("club={CLUB_A}")).await.body)
                    .unwrap();
            let id = record["id"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| record["id"].to_string());
            let r = admin
                .call(
                    "request_licences",
                    &format!(
                        "club={CLUB_A}&federation=bsf&season={}&category={}&ids[]={id}&all=&q=&status=&fed[level]=A",
                        v["fed_season"], v["fed_category"]
                    ),
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            mine =
                serde_json::from_str(&me.call("my_licences", &format!("club={CLUB_A}")).await.body)
                    .unwrap();
        }
        assert!(!mine.is_empty());
        let before = federation_reads(&me).await;
        // Each page of the list is a read in each club it shows: the member is on some.
        let mut expected = 0;
        for status in ["requested", "approved", "suspended", "refused", "ended"] {
            let r = fed
                .call(
                    "fed_licences",
                    &format!("federation=bsf&season=&status={status}"),
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            let o: FedLicences = serde_json::from_str(&r.body).unwrap();
            if o.licences
                .iter()
                .any(|l| mine.iter().any(|m| m.licence_number == l.licence_number))
            {
                expected += 1;
            }
        }
        assert!(expected >= 1, "the member's licence is on a page");
        assert_eq!(federation_reads(&me).await - before, expected);
        // The club's event log shows the reads, in words (not the raw JSON).
        let r = admin.call("club_events", &format!("club={CLUB_A}")).await;
        assert_eq!(r.status, 200);
        let events: Vec<tessera_common::dto::ClubEventEntry> =
            serde_json::from_str(&r.body).unwrap();
        assert!(events.iter().any(|e| e.kind == "federation_read"
            && e.detail
                .as_deref()
                .is_some_and(|d| d.contains("\"what\":\"licences\""))));
        let page = admin.get(&format!("/c/{CLUB_A}/events")).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("\"what\":\"licences\""));
        // The page itself (SSR) logs once per request, not once per render.
        let n = |events: &[tessera_common::dto::ClubEventEntry]| {
            events
                .iter()
                .filter(|e| {
                    e.detail
                        .as_deref()
                        .is_some_and(|d| d.contains("\"what\":\"licences\""))
                })
                .count()
        };
        let before = n(&events);
        assert_eq!(
            fed.get("/f/bsf/licences?status=requested").await.status,
            200
        );
        let r = admin.call("club_events", &format!("club={CLUB_A}")).await;
        let events: Vec<tessera_common::dto::ClubEventEntry> =
            serde_json::from_str(&r.body).unwrap();
        assert_eq!(n(&events), before + 1);
    }
}

#[tokio::test]
async fn the_federations_event_log_page() {
    for s in servers().await {
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;
        // A template with a hostile name: its publication is in the log, as text.
        let r = fed
            .call(
                "publish_template",
                "federation=bsf&kind=terms&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&body=Be+fair.",
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let home = fed.get("/f/bsf").await;
        assert!(home.body.contains("href=\"/f/bsf/log\""), "the navigation");
        let page = fed.get("/f/bsf/log").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("data-testid=\"federation-log\""));
        assert!(!page.body.contains("<script>alert(1)"));
        assert!(page.body.contains("&lt;script&gt;alert(1)"));
        let r = fed.call("federation_log", "federation=bsf&page=1").await;
        assert_eq!(r.status, 200);
        let p: tessera_common::fedreads::FedLogPage = serde_json::from_str(&r.body).unwrap();
        assert!(p.events.iter().any(|e| e.kind == "template_published"));
        assert!(p.events.iter().all(|e| e.kind != "federation_read"));
        // Paged by links: a page past the end is empty, not an error; bad input is 404.
        assert_eq!(fed.get("/f/bsf/log?page=999").await.status, 200);
        let r = fed.call("federation_log", "federation=bsf&page=x").await;
        assert_eq!(r.status, 404);
        // Nobody else: a club's admin.
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        assert_eq!(admin.get("/f/bsf/log").await.status, 404);
        assert_eq!(
            admin
                .call("federation_log", "federation=bsf&page=")
                .await
                .status,
            404
        );
    }
}
