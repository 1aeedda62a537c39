//! Tenancy as a type: the registration review runs in the reviewer's own scope, and the
//! server refuses to serve on a PostgreSQL role that row-level security does not apply to.

use super::*;
use tessera_core::jobs::SystemTask;
use tessera_core::scope::{Actor, TenantScope};
use tessera_core::{identities, roles, tenants};

async fn club_scope(s: &Server, slug: &str) -> TenantScope {
    let club = tenants::find_by_slug(&s.db.db, TenantKind::Club, slug)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::command_line(), club)
}

async fn count(s: &Server, sql: &str) -> i64 {
    let scope = club_scope(s, CLUB_A).await;
    let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
    let (n,): (i64,) = tx.fetch_one(sql, tessera_core::args![]).await.unwrap();
    tx.commit().await.unwrap();
    n
}

/// A person holding one role in CLUB_A with exactly `permissions` (not staff).
async fn holder_of(s: &Server, email: &str, permissions: &[&str]) {
    let db = &s.db.db;
    let scope = club_scope(s, CLUB_A).await;
    let sys = Actor::system("test");
    let now = s.shared.clock.now();
    let id = identities::create(db, &sys, now, email, "Rita Reviewer", Some(PW.into()))
        .await
        .unwrap();
    let membership = identities::add_membership(db, &scope, &sys, now, id, None)
        .await
        .unwrap();
    let role = roles::create(
        db,
        &scope,
        &sys,
        now,
        tessera_core::roles::RoleInput {
            name: "Reviewer".into(),
            staff: false,
            permissions: permissions.iter().map(|p| p.to_string()).collect(),
        },
    )
    .await
    .unwrap();
    roles::assign(db, &scope, &sys, now, membership, &[role])
        .await
        .unwrap();
}

/// Submits the club's form `join` as `email` and confirms it by its mailed link.
async fn registration(s: &Server, anon: &mut Client, email: &str, given: &str) {
    let page = anon.get(&format!("/c/{CLUB_A}/join/join")).await;
    assert_eq!(page.status, 200);
    let tok = page
        .body
        .split("name=\"started\" value=\"")
        .nth(1)
        .and_then(|x| x.split('"').next())
        .expect("a started token")
        .to_string();
    s.shared.clock.advance_secs(5);
    let body = format!(
        "club={CLUB_A}&form=join&started={tok}&email={}&consent=on\
         &f%5Bp0.given_name%5D={given}&f%5Bp0.family_name%5D=Aanvrager&f%5Bp0.birth_date%5D=1990-04-02",
        email.replace('@', "%40")
    );
    let origin = anon.origin();
    let r = anon
        .send(
            "POST",
            "/api/submit_registration",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "text/html,application/xhtml+xml"),
                ("Origin", &origin),
                ("Referer", &format!("{origin}/c/{CLUB_A}/join/join")),
                ("X-Forwarded-For", "10.77.0.1"),
            ],
            body.as_bytes(),
        )
        .await;
    assert_eq!(r.status, 302, "{}", r.body);
    let mail = mail_to(&s.mail_dir, email).await;
    let token = link_in(&mail)
        .split("token=")
        .nth(1)
        .expect("a confirmation link")
        .to_string();
    let r = anon
        .call(
            "confirm_registration",
            &format!("club={CLUB_A}&form=join&token={token}"),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

fn pending_id(page: &str, n: usize) -> String {
    page.split("name=\"id\" value=\"")
        .nth(n)
        .and_then(|x| x.split('"').next())
        .expect("a pending registration")
        .to_string()
}

/// A `forms.review` holder without any other right approves: the records become members and
/// the applicant is invited, and the reviewer still has no other right. Once the club's trial
/// ended, an approval answers 423 and leaves the registration waiting.
#[tokio::test]
async fn a_reviewer_approves_with_the_review_right_only_and_not_in_a_read_only_club() {
    for s in servers().await {
        let scope = club_scope(&s, CLUB_A).await;
        let sys = Actor::system("t");
        tessera_core::module_settings::switch(
            &s.db.db,
            &scope,
            &sys,
            s.shared.clock.now(),
            "forms",
            true,
        )
        .await
        .unwrap();
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let r = admin
            .call(
                "save_form",
                &format!("club={CLUB_A}&title=Join&slug=join&audience=self&published=on"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let mut anon = Client::new(&s);
        registration(&s, &mut anon, "eerste@example.be", "Eerste").await;
        registration(&s, &mut anon, "tweede@example.be", "Tweede").await;

        let reviewer = account("reviewer.only");
        holder_of(&s, &reviewer, &["forms.review"]).await;
        let mut rev = Client::new(&s);
        rev.sign_in(&reviewer).await;
        let apps = rev.get(&format!("/c/{CLUB_A}/applications")).await;
        assert_eq!(apps.status, 200, "{}", apps.body);
        let first = pending_id(&apps.body, 1);
        let second = pending_id(&apps.body, 2);
        let r = rev
            .call(
                "approve_application",
                &format!("club={CLUB_A}&id={first}&version=2"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(
            count(&s, "SELECT count(*) FROM members WHERE tenant_id = $1 AND given_name = 'Eerste' AND status = 'active'").await,
            1
        );
        let invite = mail_to(&s.mail_dir, "eerste@example.be").await;
        assert!(
            invite.contains("/invite?token="),
            "the applicant is invited"
        );
        // The review right granted nothing else: no register, no members, no roles.
        for (f, args) in [
            ("member_list", format!("club={CLUB_A}&q=&page=1")),
            ("roles", format!("club={CLUB_A}")),
            ("module_settings", format!("club={CLUB_A}")),
        ] {
            assert_eq!(rev.call(f, &args).await.status, 403, "{f}");
        }
        let resolved = tessera_core::scope::resolve(
            &s.db.db,
            &Actor {
                identity: identities::find_by_email(&s.db.db, &reviewer)
                    .await
                    .unwrap(),
                name: "Rita Reviewer".into(),
                level: tessera_core::scope::AuthLevel::Password,
                pending: None,
                stamp_label: None,
            },
            TenantKind::Club,
            CLUB_A,
            s.shared.clock.now(),
        )
        .await
        .unwrap();
        let rights: Vec<String> = resolved.permissions().map(|p| p.0.to_string()).collect();
        assert_eq!(rights, vec!["forms.review".to_string()]);

        // The trial ends: the club is read-only, and approving is a change like any other.
        let operator = tenants::find_by_slug(
            &s.db.db,
            TenantKind::Operator,
            &tenants::operator_slug(&s.db.db).await.unwrap().unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        let op = TenantScope::for_system_task(&SystemTask::command_line(), operator);
        tenants::assign_plan(&s.db.db, &op, &sys, s.shared.clock.now(), CLUB_A, "trial")
            .await
            .unwrap();
        s.shared.clock.advance_secs(31 * 24 * 3600);
        let mut rev = Client::new(&s);
        rev.sign_in(&reviewer).await;
        let r = rev
            .call(
                "approve_application",
                &format!("club={CLUB_A}&id={second}&version=2"),
            )
            .await;
        assert_eq!(r.status, 423, "{}", r.body);
        assert_eq!(
            count(&s, "SELECT count(*) FROM reg_submissions WHERE tenant_id = $1 AND email = 'tweede@example.be' AND status = 'pending'").await,
            1,
            "the registration still waits"
        );
        assert_eq!(
            count(&s, "SELECT count(*) FROM members WHERE tenant_id = $1 AND given_name = 'Tweede' AND status = 'applicant'").await,
            1
        );
    }
}

fn serving_config(database_url: tessera_core::db::DbUrl, allow_owner_role: bool) -> Config {
    Config {
        database_url,
        migration_url: None,
        addr: "127.0.0.1:0".parse().unwrap(),
        site_root: "../target/site".into(),
        https: false,
        max_body_bytes: MAX_BODY,
        db_connections: 2,
        trusted_proxy: None,
        sessions: tessera_core::SessionPolicy::default(),
        smtp_url: None,
        outbox: std::env::temp_dir(),
        mail_from: "Tessera <no-reply@tessera.test>".into(),
        public_url: "http://127.0.0.1:0".into(),
        allow_owner_role,
    }
}

/// On PostgreSQL the server refuses to serve as a role that owns the tables (row-level
/// security would not apply to it) unless explicitly allowed; the application role serves.
/// SQLite has no roles and always serves.
#[tokio::test]
async fn the_server_refuses_to_serve_as_the_owner_role() {
    for t in testing::all().await {
        let app_url = t.url.clone();
        match &app_url {
            tessera_core::db::DbUrl::Sqlite(_) => {
                let db = tessera_server::cli::open_serving_db(&serving_config(app_url, false))
                    .await
                    .expect("SQLite serves");
                db.close().await;
            }
            tessera_core::db::DbUrl::Postgres(url) => {
                let name = url.rsplit('/').next().unwrap().to_string();
                let owner = std::env::var("TESSERA_TEST_PG_OWNER_URL").unwrap();
                let owner_url = tessera_core::db::DbUrl::Postgres(format!(
                    "{}/{name}",
                    owner.trim_end_matches('/')
                ));
                let err =
                    tessera_server::cli::open_serving_db(&serving_config(owner_url.clone(), false))
                        .await
                        .err()
                        .expect("the owner role is refused");
                assert!(err.contains("owns the tables"), "{err}");
                assert!(err.contains("TESSERA_ALLOW_OWNER_ROLE"), "{err}");
                assert!(!err.contains("owner-pw") && !err.contains('\n'), "{err}");
                let db = tessera_server::cli::open_serving_db(&serving_config(owner_url, true))
                    .await
                    .expect("allowed explicitly, with a warning");
                db.close().await;
                let mut app = serving_config(app_url, false);
                app.migration_url = Some(tessera_core::db::DbUrl::Postgres(format!(
                    "{}/{name}",
                    owner.trim_end_matches('/')
                )));
                let db = tessera_server::cli::open_serving_db(&app)
                    .await
                    .expect("the application role serves");
                db.close().await;
            }
        }
    }
}
