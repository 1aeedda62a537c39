//! Retention and a club that leaves (issue 17), over HTTP on both databases: the policy page
//! with its dry run (bounds, permissions, hostile names), the operator ending a contract
//! (bad input), the read-only club with the contract banner, the export bundle (admins of
//! the club only) and the deletion by the daily job.

use super::*;
use tessera_app::components::urlencode;
use tessera_common::time::Date;
use tessera_core::jobs::SystemTask;
use tessera_core::scope::{Actor, TenantScope};

const DAY_MS: i64 = 86_400_000;
const HOSTILE: &str = "<img src=x onerror=alert(1)>\"'&";

async fn club_scope(s: &Server, slug: &str) -> TenantScope {
    let club = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, slug)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::command_line(), club)
}

/// A member of club A with a hostile name who ended three years ago.
async fn long_ended_member(s: &Server) -> i64 {
    let scope = club_scope(s, CLUB_A).await;
    let now = s.shared.clock.now();
    let sys = Actor::system("test");
    let id = tessera_core::members::create(
        &s.db.db,
        &scope,
        &sys,
        now,
        tessera_core::members::NewMember {
            given_name: HOSTILE.into(),
            family_name: "Longgone".into(),
            email: Some("long.gone@example.be".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let ended = Date::from_days(now.0 / DAY_MS - 3 * 366).to_string();
    let mut tx = s.db.db.tenant_write(&scope, &sys, now).await.unwrap();
    tx.update(
        "members",
        id.0,
        vec![("status", "ended".into()), ("ended_on", ended.into())],
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id.0
}

#[tokio::test]
async fn the_retention_policy_page_checks_bounds_and_shows_the_dry_run() {
    for s in servers().await {
        the_retention_policy_page_checks_bounds_and_shows_the_dry_run_on(s).await;
    }
}

async fn the_retention_policy_page_checks_bounds_and_shows_the_dry_run_on(s: Server) {
    let id = long_ended_member(&s).await;
    let page_path = format!("/c/{CLUB_A}/privacy/retention");
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    let page = admin.get(&page_path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("data-testid=\"retention-form\""));
    assert!(page.body.contains("data-testid=\"retention-defaults\""));
    assert!(page.body.contains("data-testid=\"dry-run-items\""));
    // The hostile name is shown as text, linked to the record, never as markup.
    assert!(!page.body.contains("<img src=x"), "escaped");
    assert!(page.body.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.body.contains(&format!("/c/{CLUB_A}/members/{id}\"")));
    // A plain member, and another club's administrator: refused.
    let mut member = Client::new(&s);
    member.sign_in(&account("member.kempenvlug")).await;
    assert_eq!(member.get(&page_path).await.status, 403);
    assert_eq!(
        member
            .call("retention", &format!("club={CLUB_A}"))
            .await
            .status,
        403
    );
    let mut other = Client::new(&s);
    other.sign_in(&account("admin.confluent")).await;
    assert_eq!(other.get(&page_path).await.status, 404);
    // Out of bounds, not a number, hostile: refused on the field, nothing stored.
    for (field, value) in [
        ("member_months", "0"),
        ("member_months", "1200"),
        ("event_months", "-3"),
        ("application_days", "36500"),
        ("link_days", "abc"),
        ("member_months", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
    ] {
        let mut args = [
            ("member_months", "24"),
            ("application_days", "90"),
            ("link_days", "30"),
            ("event_months", "12"),
        ];
        for a in args.iter_mut() {
            if a.0 == field {
                a.1 = value;
            }
        }
        let body = args
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        let r = admin
            .call("save_retention", &format!("club={CLUB_A}&version=0&{body}"))
            .await;
        assert_eq!(r.status, 400, "{field}={value}: {}", r.body);
        assert!(r.body.contains(field), "{}", r.body);
        assert!(!r.body.contains("<script>"), "{}", r.body);
    }
    let page = admin.get(&page_path).await;
    assert!(
        page.body.contains("data-testid=\"retention-defaults\""),
        "still the defaults"
    );
    // The plain form post comes back to the page with the message next to the field.
    let origin = admin.origin();
    let r = admin
        .send(
            "POST",
            "/api/save_retention",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "text/html"),
                ("Origin", &origin),
                ("Referer", &format!("{origin}{page_path}")),
            ],
            format!("club={CLUB_A}&version=0&member_months=0&application_days=90&link_days=30&event_months=12").as_bytes(),
        )
        .await;
    assert_eq!(r.status, 302, "{}", r.body);
    let back = r
        .header("location")
        .unwrap()
        .trim_start_matches(&origin)
        .to_string();
    assert!(back.contains("__err="), "{back}");
    let shown = admin.get(&back).await;
    assert_eq!(shown.status, 400);
    assert!(
        shown.body.contains("id=\"ret-member_months-error\""),
        "the field's message"
    );
    // A valid change: stored, stamped, and the dry run follows it.
    let r = admin
        .call(
            "save_retention",
            &format!("club={CLUB_A}&version=0&member_months=120&application_days=90&link_days=30&event_months=12"),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = admin.get(&page_path).await;
    assert!(!page.body.contains("data-testid=\"retention-defaults\""));
    assert!(page.body.contains("value=\"120\""));
    assert!(
        !page.body.contains("Longgone"),
        "ten years: not due any more"
    );
    // The same form again (version 0): someone changed it meanwhile.
    let r = admin
        .call(
            "save_retention",
            &format!("club={CLUB_A}&version=0&member_months=12&application_days=90&link_days=30&event_months=12"),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    let r = admin
        .call(
            "save_retention",
            &format!("club={CLUB_A}&version=1&member_months=24&application_days=90&link_days=30&event_months=12"),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(admin.get(&page_path).await.body.contains("Longgone"));
    // The daily job anonymises the member; the page then lists the run, counts only.
    let services = tessera_core::Services {
        db: s.db.db.clone(),
        clock: std::sync::Arc::new(s.shared.clock.clone()),
        sessions: Default::default(),
        mailer: test_mailer().0,
        public_url: "http://localhost".into(),
        trusted_proxy: None,
    };
    tessera_core::run_daily(&services).await.unwrap();
    let page = admin.get(&page_path).await;
    assert!(!page.body.contains("Longgone"));
    assert!(page.body.contains("data-testid=\"retention-runs\""));
    let record = admin
        .call("member_detail", &format!("club={CLUB_A}&id={id}"))
        .await;
    assert!(!record.body.contains("long.gone@example.be") && !record.body.contains("Longgone"));
}

#[tokio::test]
async fn a_club_that_leaves_is_read_only_exports_its_bundle_and_is_deleted() {
    for s in servers().await {
        a_club_that_leaves_is_read_only_exports_its_bundle_and_is_deleted_on(s).await;
    }
}

async fn a_club_that_leaves_is_read_only_exports_its_bundle_and_is_deleted_on(s: Server) {
    let now = s.shared.clock.now();
    let today = now.date_in(tessera_common::time::DEFAULT_TIME_ZONE);
    let day = |n: i64| Date::from_days(today.days_since_epoch() + n).to_string();
    let mut op = Client::new(&s);
    op.sign_in(&account("operator")).await;
    // Bad input: each a clear 400 on its field, nothing stored.
    for (end, delay, field) in [
        (day(-1), "30", "end_on"),
        ("tomorrow".to_string(), "30", "end_on"),
        (day(1), "185", "delay_days"),
        (day(1), "-1", "delay_days"),
        (HOSTILE.to_string(), "x", "end_on"),
    ] {
        let r = op
            .call(
                "end_contract",
                &format!(
                    "slug={CLUB_A}&end_on={}&delay_days={delay}",
                    urlencode(&end)
                ),
            )
            .await;
        assert_eq!(r.status, 400, "{end} {delay}: {}", r.body);
        assert!(r.body.contains(field), "{}", r.body);
        assert!(!r.body.contains("<img"), "{}", r.body);
    }
    let r = op
        .call(
            "end_contract",
            &format!("slug=no-such-club&end_on={}&delay_days=30", day(1)),
        )
        .await;
    assert_eq!(r.status, 404);
    // A club's own administrator cannot end it.
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    let r = admin
        .call(
            "end_contract",
            &format!("slug={CLUB_A}&end_on={}&delay_days=30", day(1)),
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
    assert!(!admin
        .get(&format!("/c/{CLUB_A}"))
        .await
        .body
        .contains("contract-banner"));
    // Ended tomorrow, deleted 40 days later; a second ending is refused.
    let r = op
        .call(
            "end_contract",
            &format!("slug={CLUB_A}&end_on={}&delay_days=40", day(1)),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = op
        .call(
            "end_contract",
            &format!("slug={CLUB_A}&end_on={}&delay_days=10", day(2)),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    let overview = op.get("/admin").await;
    assert!(overview
        .body
        .contains(&format!("data-testid=\"contract-{CLUB_A}\"")));
    // Before the end: a notice, still writable.
    let home = admin.get(&format!("/c/{CLUB_A}")).await;
    assert!(home.body.contains("data-testid=\"contract-banner\""));
    // From the end day: read-only, the bundle for administrators only.
    s.shared.clock.advance_secs(2 * 24 * 3600);
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    let home = admin.get(&format!("/c/{CLUB_A}")).await;
    assert!(home.body.contains("data-testid=\"contract-banner\""));
    assert!(home.body.contains("data-testid=\"bundle-form\""));
    let r = admin
        .call(
            "create_member",
            &format!("club={CLUB_A}&given_name=Late&family_name=Comer&status=active"),
        )
        .await;
    assert_eq!(r.status, 423, "{}", r.body);
    let page = admin.get(&format!("/c/{CLUB_A}/privacy/retention")).await;
    assert!(page.body.contains("data-testid=\"read-only-form\""));
    assert!(!page.body.contains("data-testid=\"retention-form\""));
    let bundle = admin
        .post_form(&format!("/c/{CLUB_A}/privacy/bundle.zip"), "")
        .await;
    assert_eq!(bundle.status, 200, "{}", bundle.body);
    assert_eq!(bundle.header("content-type"), Some("application/zip"));
    assert!(bundle.body.starts_with("PK"), "a zip");
    assert!(bundle
        .header("content-disposition")
        .is_some_and(|d| d.contains(CLUB_A) && d.ends_with(".zip\"")));
    // The bundle is in the export register: kind bundle, every member of the club in it.
    {
        let t = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, CLUB_A)
            .await
            .unwrap()
            .unwrap();
        let scope = tessera_core::scope::TenantScope::for_system_task(
            &tessera_core::jobs::SystemTask::command_line(),
            t,
        );
        let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
        let (people, members): (i64, i64) = tx
            .fetch_one(
                "SELECT (SELECT people FROM export_register WHERE tenant_id = $1 AND kind = 'bundle'), \
                 (SELECT count(*) FROM members WHERE tenant_id = $1)",
                tessera_core::args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(members > 0);
        assert_eq!(people, members);
    }
    let mut member = Client::new(&s);
    member.sign_in(&account("member.kempenvlug")).await;
    let home = member.get(&format!("/c/{CLUB_A}")).await;
    assert!(home.body.contains("data-testid=\"contract-banner\""));
    assert!(!home.body.contains("data-testid=\"bundle-form\""));
    let r = member
        .post_form(&format!("/c/{CLUB_A}/privacy/bundle.zip"), "")
        .await;
    assert_eq!(r.status, 403);
    let mut other = Client::new(&s);
    other.sign_in(&account("admin.confluent")).await;
    let r = other
        .post_form(&format!("/c/{CLUB_A}/privacy/bundle.zip"), "")
        .await;
    assert_eq!(r.status, 404);
    assert!(!r.body.starts_with("PK"));
    let r = Client::new(&s)
        .post_form(&format!("/c/{CLUB_A}/privacy/bundle.zip"), "")
        .await;
    assert!(matches!(r.status, 303 | 401 | 404), "{}", r.status);
    // The deletion day: the daily job deletes every row of the club; the other club stays.
    s.shared.clock.advance_secs(40 * 24 * 3600);
    let services = tessera_core::Services {
        db: s.db.db.clone(),
        clock: std::sync::Arc::new(s.shared.clock.clone()),
        sessions: Default::default(),
        mailer: test_mailer().0,
        public_url: "http://localhost".into(),
        trusted_proxy: None,
    };
    let a = club_scope(&s, CLUB_A).await;
    tessera_core::run_daily(&services).await.unwrap();
    for table in tessera_core::retention::tenant_tables(&s.db.db)
        .await
        .unwrap()
    {
        let mut tx = s.db.db.tenant_read(&a).await.unwrap();
        let (n,): (i64,) = tx
            .fetch_one(
                &format!("SELECT count(*) FROM {table} WHERE tenant_id = $1"),
                vec![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(n, 0, "{table}");
    }
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    assert_eq!(admin.get(&format!("/c/{CLUB_A}")).await.status, 404);
    let mut b = Client::new(&s);
    b.sign_in(&account("admin.confluent")).await;
    assert_eq!(b.get(&format!("/c/{CLUB_B}/members")).await.status, 200);
}
