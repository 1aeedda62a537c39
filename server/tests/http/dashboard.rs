//! The federation's oversight dashboard over HTTP (dash18, issue 18 deliverable 3), on both
//! databases: the page with its charts and tables from the demo's counts, counting again
//! as a plain form post, each table as CSV logged in the federation's own log, a club's
//! administrator and anonymous callers refused, a hostile club name shown as text.

use super::*;
use tessera_core::jobs::SystemTask;
use tessera_core::scope::{Actor, TenantScope};
use tessera_core::tenants;

async fn scope_of(s: &Server, kind: TenantKind, slug: &str) -> TenantScope {
    let t = tenants::find_by_slug(&s.db.db, kind, slug)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::command_line(), t)
}

/// The exports of the dashboard recorded in the demo federation's log so far.
async fn exports_logged(s: &Server) -> usize {
    let fed = scope_of(s, TenantKind::Federation, "bsf").await;
    let mut tx = s.db.db.tenant_read(&fed).await.unwrap();
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM security_events WHERE tenant_id = $1 AND kind = 'dashboard_exported'",
            tessera_core::args![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n as usize
}

#[tokio::test]
async fn the_federation_sees_its_dashboard_and_downloads_each_table() {
    for s in servers().await {
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;

        // The demo's counts were taken at seed time: the page shows them at once.
        let r = fed.call("fed_dashboard", "federation=bsf&season=").await;
        assert_eq!(r.status, 200, "{}", r.body);
        let d: tessera_common::dto::FedDashboard = serde_json::from_str(&r.body).unwrap();
        assert!(d.as_of.is_some());
        assert!(d.clubs.len() >= 2);
        assert!(d.clubs.iter().all(|c| c.counted));
        assert!(d.clubs.iter().any(|c| c.slug == CLUB_A));
        assert!(d.total.members > 0 && d.total.active_members > 0);
        assert_eq!(
            d.total.members,
            d.clubs.iter().map(|c| c.members).sum::<i64>()
        );
        assert_eq!((d.page, d.pages, d.club_count), (1, 1, d.clubs.len()));
        // A page past the last is the last; a page that is no number the first.
        for page in ["7", "x", "-1"] {
            let r = fed
                .call(
                    "fed_dashboard",
                    &format!("federation=bsf&season=&page={page}"),
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            let p: tessera_common::dto::FedDashboard = serde_json::from_str(&r.body).unwrap();
            assert_eq!((p.page, p.clubs.len()), (1, d.clubs.len()), "page {page}");
        }
        assert!(d.total.licences_total > 0, "the demo licenses members");
        assert!(!d.growth.is_empty());
        assert_eq!(d.total.ages.iter().sum::<i64>(), d.total.active_members);
        assert_eq!(d.total.genders.iter().sum::<i64>(), d.total.active_members);

        let page = fed.get("/f/bsf").await;
        assert_eq!(page.status, 200);
        for id in [
            "federation-clubs",
            "chart-clubs",
            "chart-ages",
            "chart-genders",
            "chart-growth",
            "dash-ages",
            "dash-genders",
            "dash-growth",
            "dash-licences",
            "clubs-no2fa",
            "clubs-overdue",
            "dash-as-of",
            "csv-clubs",
        ] {
            assert!(
                page.body.contains(&format!("data-testid=\"{id}\"")),
                "{id} on the page"
            );
        }
        assert!(page.body.contains("role=\"img\""));
        assert!(page.body.contains("<title id=\"chart-clubs-title\">"));
        assert!(!page.body.contains("<script>alert"));
        // Another season, and one that does not exist: both answer.
        let season = d.seasons.last().unwrap().id.clone();
        assert_eq!(
            fed.get(&format!("/f/bsf?season={season}")).await.status,
            200
        );
        assert_eq!(fed.get("/f/bsf?season=nope&page=999").await.status, 200);

        // Counting again: a plain form post, back to the page with a notice.
        let r = form_post(
            &mut fed,
            "fed_dashboard_refresh",
            "/f/bsf",
            "federation=bsf",
        )
        .await;
        assert_eq!(r.status, 302, "{}", r.body);
        assert_eq!(r.header("location"), Some("/f/bsf?done=counted"));
        let page = fed.get("/f/bsf?done=counted").await;
        assert!(page.body.contains("data-testid=\"notice\""));

        // Each table as CSV, logged in the federation's own log.
        let before = exports_logged(&s).await;
        for table in ["clubs", "licences", "ages", "genders", "growth"] {
            let r = fed
                .post_form("/f/bsf/dashboard.csv", &format!("table={table}&season="))
                .await;
            assert_eq!(r.status, 200, "{table}: {}", r.body);
            assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
            assert_eq!(
                r.header("content-disposition"),
                Some(format!("attachment; filename=\"bsf-{table}.csv\"").as_str())
            );
            if table != "growth" {
                assert!(r.body.contains(CLUB_A), "{table}: {}", r.body);
            }
        }
        let r = fed
            .post_form("/f/bsf/dashboard.csv", "table=clubs&season=")
            .await;
        assert!(r
            .body
            .starts_with("club,name,members,active_members,licences,staff,staff_without_2fa,overdue_requests\r\n"));
        assert_eq!(exports_logged(&s).await, before + 6);
        // An unknown table: not found, nothing logged.
        let r = fed
            .post_form("/f/bsf/dashboard.csv", "table=people&season=")
            .await;
        assert_eq!(r.status, 404);
        assert_eq!(exports_logged(&s).await, before + 6);
    }
}

#[tokio::test]
async fn only_the_federations_staff_reach_the_dashboard() {
    for s in servers().await {
        let mut club = Client::new(&s);
        club.sign_in(&account("admin.kempenvlug")).await;
        assert_eq!(club.get("/f/bsf").await.status, 404);
        let r = club
            .post_form("/f/bsf/dashboard.csv", "table=clubs&season=")
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        let r = club.call("fed_dashboard", "federation=bsf&season=").await;
        assert_eq!(r.status, 404, "{}", r.body);
        let r = club.call("fed_dashboard_refresh", "federation=bsf").await;
        assert_eq!(r.status, 404, "{}", r.body);
        // Nobody signed in.
        let mut anon = Client::new(&s);
        let r = anon
            .post_form("/f/bsf/dashboard.csv", "table=clubs&season=")
            .await;
        assert!(matches!(r.status, 401 | 303), "{} {}", r.status, r.body);
        assert!(!r.body.contains("staff_without_2fa"));
        // Federation staff without `clubs.view` are refused by the permission matrix
        // (`fed_dashboard`, `fed_dashboard_refresh` in OTHER_FN_PERMISSIONS); the file route
        // asks the same core function.
    }
}

#[tokio::test]
async fn a_hostile_club_name_stays_text_on_the_dashboard() {
    for s in servers().await {
        let club = scope_of(&s, TenantKind::Club, CLUB_A).await;
        let t = club.tenant().clone();
        tessera_core::tenants::update_look(
            &s.db.db,
            &club,
            &Actor::system("test"),
            s.shared.clock.now(),
            tessera_core::tenants::LookInput {
                name: "<script>alert(1)</script> Kempenvlug".into(),
                primary_color: t.primary_color.clone(),
                accent_color: t.accent_color.clone(),
                default_lang: t.default_lang.code().into(),
            },
            t.version,
        )
        .await
        .unwrap();
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;
        let page = fed.get("/f/bsf").await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("<script>alert(1)"));
        assert!(page.body.contains("&lt;script&gt;alert(1)"));
    }
}
