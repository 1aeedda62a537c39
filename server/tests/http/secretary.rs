//! What a club secretary sees, over HTTP on both databases: a read-only club shows no edit
//! form (and still refuses the change), and a person whose membership has ended reaches
//! only their own data.

use super::*;
use tessera_common::time::Date;
use tessera_core::jobs::SystemTask;
use tessera_core::scope::{Actor, TenantScope};

const AQUATICA: &str = "cn-aquatica-ixelles";

fn first_id(body: &str) -> i64 {
    body.split("\"id\":")
        .nth(1)
        .map(|s| {
            s.chars()
                .take_while(|c| c.is_ascii_digit())
                .collect::<String>()
        })
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no id in {body}"))
}

#[tokio::test]
async fn a_read_only_club_shows_no_edit_form_and_refuses_the_change() {
    for s in servers().await {
        a_read_only_club_shows_no_edit_form_and_refuses_the_change_on(s).await;
    }
}

async fn a_read_only_club_shows_no_edit_form_and_refuses_the_change_on(s: Server) {
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.aquatica")).await;
    // While the trial runs the forms are there.
    let page = admin.get(&format!("/c/{AQUATICA}/members/new")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-testid=\"member-form\""));
    assert!(!page.body.contains("data-testid=\"read-only-form\""));
    let list = admin.get(&format!("/c/{AQUATICA}/members")).await;
    let member = list
        .body
        .split(&format!("<td><a href=\"/c/{AQUATICA}/members/"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a member")
        .to_string();
    // The trial ends: the club is read-only.
    s.shared.clock.advance_secs(31 * 24 * 3600);
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.aquatica")).await;
    for (page, form) in [
        ("/members/new".to_string(), "member-form"),
        (format!("/members/{member}/edit"), "member-form"),
        ("/settings/roles".to_string(), "new-role"),
        ("/settings/look".to_string(), "look-form"),
        ("/settings/admins".to_string(), "invite-admin"),
        ("/settings/fields".to_string(), "field-form"),
        ("/members/import".to_string(), "import-upload"),
    ] {
        let r = admin.get(&format!("/c/{AQUATICA}{page}")).await;
        assert_eq!(r.status, 200, "{page}");
        assert!(
            r.body.contains("data-testid=\"read-only-form\""),
            "{page}: the notice"
        );
        assert!(
            !r.body.contains(&format!("data-testid=\"{form}\"")),
            "{page}: no form"
        );
        assert!(!r
            .body
            .contains("method=\"post\" action=\"/api/create_member\""));
    }
    let record = admin.get(&format!("/c/{AQUATICA}/members/{member}")).await;
    assert!(
        !record.body.contains("data-testid=\"edit-member\""),
        "no edit button"
    );
    // The server refuses the change all the same.
    let r = admin
        .call(
            "create_member",
            &format!("club={AQUATICA}&given_name=Late&family_name=Comer&status=active"),
        )
        .await;
    assert_eq!(r.status, 423, "{}", r.body);
    let r = admin
        .call(
            "update_look",
            &format!("club={AQUATICA}&name=X&primary_color=%23000000&accent_color=%23ffffff&default_lang=fr&version=1"),
        )
        .await;
    assert_eq!(r.status, 423, "{}", r.body);
}

#[tokio::test]
async fn an_ended_membership_reaches_only_the_persons_own_data() {
    for s in servers().await {
        an_ended_membership_reaches_only_the_persons_own_data_on(s).await;
    }
}

async fn an_ended_membership_reaches_only_the_persons_own_data_on(s: Server) {
    let mut member = Client::new(&s);
    member.sign_in(&account("member.kempenvlug")).await;
    let home = member.get(&format!("/c/{CLUB_A}")).await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains(&format!("<li><a href=\"/c/{CLUB_A}\"")));
    let mine = member.call("my_record", &format!("club={CLUB_A}")).await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    let record = first_id(&mine.body);
    // The club ends the membership yesterday (in the club's time zone).
    let now = s.shared.clock.now();
    let today = now.date_in(tessera_common::time::DEFAULT_TIME_ZONE);
    let yesterday = Date::from_days(today.days_since_epoch() - 1).to_string();
    let club = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    let scope = TenantScope::for_system_task(&SystemTask::command_line(), club);
    let mut tx =
        s.db.db
            .tenant_write(&scope, &Actor::system("test"), now)
            .await
            .unwrap();
    assert!(tx
        .update(
            "members",
            record,
            vec![("ended_on", yesterday.as_str().into())],
            None,
        )
        .await
        .unwrap());
    tx.commit().await.unwrap();
    // The club's pages are closed to them; their own details still open.
    for page in ["", "/members", "/forms"] {
        let r = member.get(&format!("/c/{CLUB_A}{page}")).await;
        assert_eq!(r.status, 403, "{page}");
    }
    assert_eq!(
        member
            .call("club_home", &format!("club={CLUB_A}"))
            .await
            .status,
        403
    );
    let me = member.get(&format!("/c/{CLUB_A}/me")).await;
    assert_eq!(me.status, 200);
    assert!(me.body.contains("data-testid=\"membership-ended\""));
    assert!(me.body.contains(&format!("href=\"/c/{CLUB_A}/me\"")));
    assert!(
        !me.body.contains(&format!("href=\"/c/{CLUB_A}/members\""))
            && !me.body.contains(&format!("<li><a href=\"/c/{CLUB_A}\"")),
        "no navigation to the club's other pages (the club's name in the header stays)"
    );
    assert_eq!(
        member
            .call("my_record", &format!("club={CLUB_A}"))
            .await
            .status,
        200
    );
    // The administrator still runs the club.
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    assert_eq!(admin.get(&format!("/c/{CLUB_A}/members")).await.status, 200);
}

/// The number a statement counts in club A.
async fn count_in_a(s: &Server, sql: &str) -> i64 {
    let club = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    let scope = TenantScope::for_system_task(&SystemTask::command_line(), club);
    let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
    let (n,): (i64,) = tx.fetch_one(sql, tessera_core::args![]).await.unwrap();
    tx.commit().await.unwrap();
    n
}

/// Consent on a registration form is asked, never forced: without it the registration goes
/// through and records that it was not given; the club's terms (what membership needs) stay
/// required. Approved at 00:30 in Brussels (23:30 UTC the day before), the member joined
/// that day.
#[tokio::test]
async fn consent_can_be_refused_and_a_join_date_is_the_clubs_day() {
    for s in servers().await {
        consent_can_be_refused_and_a_join_date_is_the_clubs_day_on(s).await;
    }
}

async fn consent_can_be_refused_and_a_join_date_is_the_clubs_day_on(s: Server) {
    // 14 January 2027, 23:20 UTC: 00:20 on the 15th in Brussels.
    let evening = tessera_common::time::Timestamp(
        Date::new(2027, 1, 14).unwrap().days_since_epoch() * 86_400_000
            + 23 * 3_600_000
            + 20 * 60_000,
    );
    s.shared.clock.set(evening);
    let club = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    let scope = TenantScope::for_system_task(&SystemTask::command_line(), club);
    tessera_core::module_settings::switch(
        &s.db.db,
        &scope,
        &Actor::system("t"),
        evening,
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
            &format!("club={CLUB_A}&title=Join&slug=join&audience=self&published=on&consent_text=Foto%27s+op+de+website"),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut anon = Client::new(&s);
    let page = anon.get(&format!("/c/{CLUB_A}/join/join")).await;
    assert_eq!(page.status, 200);
    let consent = page
        .body
        .split("data-testid=\"consent\"")
        .nth(1)
        .and_then(|x| x.split("</fieldset>").next())
        .expect("the consent");
    assert!(consent.contains("name=\"consent\""));
    assert!(!consent.contains("required"), "consent is never forced");
    assert!(!consent.contains("checked"), "nor ticked in advance");
    let tok = page
        .body
        .split("name=\"started\" value=\"")
        .nth(1)
        .and_then(|x| x.split('"').next())
        .expect("a started token")
        .to_string();
    s.shared.clock.advance_secs(600);
    // No consent=on in the body.
    let body = format!(
        "club={CLUB_A}&form=join&started={tok}&email=zonder%40example.be\
         &f%5Bp0.given_name%5D=Zonder&f%5Bp0.family_name%5D=Toestemming&f%5Bp0.birth_date%5D=1990-04-02"
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
                ("X-Forwarded-For", "10.78.0.1"),
            ],
            body.as_bytes(),
        )
        .await;
    assert_eq!(r.status, 302, "{}", r.body);
    assert!(
        r.header("location").unwrap_or("").contains("sent=1"),
        "registered without consent: {:?}",
        r.header("location")
    );
    let mail = mail_to(&s.mail_dir, "zonder@example.be").await;
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
    assert_eq!(
        count_in_a(&s, "SELECT count(*) FROM reg_submissions WHERE tenant_id = $1 AND email = 'zonder@example.be' AND consent_version IS NULL").await,
        1,
        "recorded as not given"
    );
    let apps = admin.get(&format!("/c/{CLUB_A}/applications")).await;
    let id = apps
        .body
        .split("name=\"id\" value=\"")
        .nth(1)
        .and_then(|x| x.split('"').next())
        .expect("a pending registration")
        .to_string();
    let version = apps
        .body
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|x| x.split('"').next())
        .expect("its version")
        .to_string();
    let r = admin
        .call(
            "approve_application",
            &format!("club={CLUB_A}&id={id}&version={version}"),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        count_in_a(&s, "SELECT count(*) FROM members WHERE tenant_id = $1 AND given_name = 'Zonder' AND status = 'active' AND joined_on = '2027-01-15'").await,
        1,
        "joined on the club's day (Brussels), not the day before in UTC"
    );
}
