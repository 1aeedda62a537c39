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
    assert_eq!(member.get(&format!("/c/{CLUB_A}")).await.status, 200);
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
        !me.body.contains(&format!("href=\"/c/{CLUB_A}/members\"")),
        "no navigation to the member pages"
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
