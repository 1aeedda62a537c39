//! xfer18 over HTTP, on both databases: a federation's logged reads of its licensed people
//! (the search page, a person's page, the CSV export), what the club's admins see of them,
//! and who is refused.

use super::*;

async fn federation_scope(s: &Server) -> tessera_core::scope::TenantScope {
    let fed = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Federation, "bsf")
        .await
        .unwrap()
        .unwrap();
    tessera_core::scope::TenantScope::for_system_task(
        &tessera_core::jobs::SystemTask::command_line(),
        fed,
    )
}

/// A licensed person of club A in the demo federation (the seed's stand-in licences).
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    let scope = federation_scope(s).await;
    let page = tessera_core::fedreads::search(
        &s.db.db,
        &scope,
        &tessera_core::fedreads::PeopleQuery {
            q: String::new(),
            club: CLUB_A.into(),
            page: 1,
        },
        s.shared.clock.now(),
    )
    .await
    .unwrap();
    let first = page.rows.first().expect("a licensed person in club A");
    vec![("fed_person", first.id.to_string())]
}

fn first_person_link(body: &str) -> String {
    body.split("href=\"/f/bsf/people/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a person's link")
        .to_string()
}

#[tokio::test]
async fn federation_reads_are_shown_logged_and_refused_to_others() {
    for s in servers().await {
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;
        // The federation's home links to the people; the search page lists them (no JS).
        let home = fed.get("/f/bsf").await;
        assert!(
            home.body.contains("href=\"/f/bsf/people\""),
            "{}",
            home.body
        );
        let page = fed
            .get(&format!("/f/bsf/people?q=&club={CLUB_A}&page=1"))
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("data-testid=\"federation-people\""));
        let person = first_person_link(&page.body);
        let view = fed.get(&format!("/f/bsf/people/{person}")).await;
        assert_eq!(view.status, 200, "{}", view.body);
        assert!(view.body.contains("data-testid=\"person-fields\""));
        // The export: CSV, the shared fields only.
        let csv = fed
            .post_form("/f/bsf/people.csv", &format!("q=&club={CLUB_A}"))
            .await;
        assert_eq!(csv.status, 200, "{}", csv.body);
        assert!(csv
            .header("content-type")
            .is_some_and(|v| v.starts_with("text/csv")));
        assert!(csv
            .body
            .starts_with("licence_number,club,given_name,family_name,birth_date,gender"));
        assert!(
            !csv.body.contains('@'),
            "no e-mail in the export: {}",
            csv.body
        );

        // Club A's admins see each of those reads in their event log, in words.
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let events = admin.get(&format!("/c/{CLUB_A}/events")).await;
        assert_eq!(events.status, 200);
        let said = [
            "Read by the federation",
            "Ingezien door de federatie",
            "Consulté par la fédération",
        ];
        let n = said
            .iter()
            .map(|w| events.body.matches(w).count())
            .sum::<usize>();
        // The seed's two reads, this page, the person, the export.
        assert!(n >= 3, "federation reads in club A's log: {n}");
        assert!(events.body.contains("bsf"));
        // Nobody outside the federation reaches any of it: not club A's admin, not its
        // member, not anonymous.
        for path in ["/f/bsf/people", &format!("/f/bsf/people/{person}")] {
            let r = admin.get(path).await;
            assert_eq!(r.status, 404, "{path} as a club admin");
            let r = Client::new(&s).get(path).await;
            assert_eq!(r.status, 401, "{path} anonymous");
        }
        let r = admin
            .post_form("/f/bsf/people.csv", &format!("q=&club={CLUB_A}"))
            .await;
        assert_eq!(r.status, 404, "the export as a club admin: {}", r.body);
        let r = Client::new(&s).post_form("/f/bsf/people.csv", "q=").await;
        assert!(
            matches!(r.status, 303 | 401 | 404) && !r.body.contains("licence_number"),
            "the export anonymous (sent to sign in): {}",
            r.status
        );

        // A person's own data page counts the reads about them.
        let mut member = Client::new(&s);
        member.sign_in(&account("member.kempenvlug")).await;
        let mine = member.get(&format!("/c/{CLUB_A}/me/privacy")).await;
        assert_eq!(mine.status, 200);
        assert!(mine.body.contains("data-testid=\"federation-reads\""));

        // Hostile and malformed input: a clear 4xx or nothing found, never a 500.
        let r = fed
            .get("/f/bsf/people?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&club=")
            .await;
        assert_eq!(r.status, 200);
        assert!(!r.body.contains("<script>alert(1)"));
        let long = "x".repeat(101);
        let r = fed.get(&format!("/f/bsf/people?q={long}")).await;
        assert_eq!(r.status, 400, "{}", r.body);
        let r = fed.get("/f/bsf/people?club=no-such-club").await;
        assert_eq!(r.status, 400);
        let r = fed.get("/f/bsf/people?page=abc").await;
        assert_eq!(r.status, 404);
        let r = fed.get("/f/bsf/people/999999999999").await;
        assert_eq!(r.status, 404);
        let r = fed.get("/f/bsf/people/not-a-number").await;
        assert_eq!(r.status, 404);
    }
}
