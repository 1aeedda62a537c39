//! Members' data-protection rights over HTTP (issue 17), on both databases: the My data
//! page and its zip for the member and a guardian (and nobody else), requests with their
//! mails and refusals, the staff queue with its extension and completion, the overdue
//! count on the club home, and hostile text.

use super::*;
use std::io::Read;
use tessera_app::components::urlencode;

/// A same-origin form post answered with raw bytes (the zip is not text).
async fn post_bytes(c: &Client, path: &str, form: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let origin = c.origin();
    exchange(
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
    .await
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn my_data_json(zip_bytes: Vec<u8>) -> serde_json::Value {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).expect("a zip");
    let mut json = String::new();
    zip.by_name("my-data.json")
        .expect("my-data.json in the zip")
        .read_to_string(&mut json)
        .unwrap();
    assert!(zip.by_name("csv/person.csv").is_ok());
    serde_json::from_str(&json).expect("JSON")
}

/// Runs `sql` on club A's rows (`$1` the club, `$2` the member), as a system task.
async fn on_club_a(s: &Server, sql: &str, member: i64) {
    let db = &s.db.db;
    let club = tessera_core::tenants::find_by_slug(db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    let scope = tessera_core::scope::TenantScope::for_system_task(
        &tessera_core::jobs::SystemTask::command_line(),
        club,
    );
    let actor = tessera_core::scope::Actor::system("test");
    let mut tx = db
        .tenant_write(&scope, &actor, s.shared.clock.now())
        .await
        .unwrap();
    tx.execute(sql, tessera_core::args![member]).await.unwrap();
    tx.commit().await.unwrap();
}

/// The member record linked to member.kempenvlug and their first minor child.
async fn family(s: &Server) -> (i64, i64) {
    let db = &s.db.db;
    let club = tessera_core::tenants::find_by_slug(db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    let scope = tessera_core::scope::TenantScope::for_system_task(
        &tessera_core::jobs::SystemTask::command_line(),
        club,
    );
    let mut tx = db.tenant_read(&scope).await.unwrap();
    let (me, child): (i64, i64) = tx
        .fetch_one(
            "SELECT m.member_id, g.child_id FROM memberships m JOIN identities i ON i.id = m.identity_id \
             JOIN member_guardians g ON g.tenant_id = m.tenant_id AND g.guardian_id = m.member_id \
             JOIN members c ON c.tenant_id = g.tenant_id AND c.id = g.child_id \
             WHERE m.tenant_id = $1 AND i.email = $2 AND c.birth_date > '2010-01-01' \
             ORDER BY g.child_id LIMIT 1",
            tessera_core::args![account("member.kempenvlug")],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (me, child)
}

#[tokio::test]
async fn a_member_downloads_their_data_and_only_theirs() {
    for s in servers().await {
        a_member_downloads_their_data_and_only_theirs_on(s).await;
    }
}

async fn a_member_downloads_their_data_and_only_theirs_on(s: Server) {
    let (me, child) = family(&s).await;
    let mut m = Client::new(&s);
    m.sign_in(&account("member.kempenvlug")).await;
    let page = m.get(&format!("/c/{CLUB_A}/me/privacy")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("data-testid=\"download-form\""));
    assert!(
        page.body.contains(&format!("?child={child}")),
        "the minor child is offered"
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    // The download: a zip with the JSON document of their own record.
    let path = format!("/c/{CLUB_A}/me/privacy/download");
    let (status, headers, body) = post_bytes(&m, &path, "child=").await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("application/zip"));
    assert_eq!(header(&headers, "cache-control"), Some("no-store"));
    assert!(header(&headers, "content-disposition")
        .is_some_and(|d| d.starts_with("attachment; filename=\"vc-kempenvlug-herentals-my-data-")));
    let doc = my_data_json(body);
    assert_eq!(doc["schema_version"], 3);
    assert_eq!(doc["person"]["id"], me.to_string());
    assert_eq!(doc["account"]["email"], account("member.kempenvlug"));
    assert!(doc["family"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["member_id"].as_str() == Some(child.to_string().as_str())));
    // For the minor child: the child's record.
    let (status, _, body) = post_bytes(&m, &path, &format!("child={child}")).await;
    assert_eq!(status, 200);
    assert_eq!(my_data_json(body)["person"]["id"], child.to_string());
    // Anyone else's record, by id: not found, nothing of theirs in the answer.
    let (member, name) = {
        let mut owner = Client::new(&s);
        owner.sign_in(&account("admin.kempenvlug")).await;
        first_member(&mut owner).await
    };
    for other in [member.as_str(), "1", "x"] {
        let (status, _, body) = post_bytes(&m, &path, &format!("child={other}")).await;
        assert_eq!(status, 404, "child={other}");
        assert!(!String::from_utf8_lossy(&body).contains(&name));
    }
    // The same child turned 18: their guardian is refused with the reason.
    on_club_a(
        &s,
        "UPDATE members SET birth_date = '2000-01-01' WHERE tenant_id = $1 AND id = $2",
        child,
    )
    .await;
    let r = m
        .call("my_data", &format!("club={CLUB_A}&child={child}"))
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(said(&r.body).contains("come of age"), "{}", said(&r.body));
    let (status, _, _) = post_bytes(&m, &path, &format!("child={child}")).await;
    assert_eq!(status, 400);
    // Outsiders: another club's admin, the federation's staff, nobody signed in.
    for who in ["admin.confluent", "federation"] {
        let mut c = Client::new(&s);
        c.sign_in(&account(who)).await;
        let (status, _, body) = post_bytes(&c, &path, "child=").await;
        assert_eq!(status, 404, "{who}");
        assert!(!String::from_utf8_lossy(&body).contains(&name));
        assert_eq!(c.get(&format!("/c/{CLUB_A}/me/privacy")).await.status, 404);
        assert_eq!(
            c.get(&format!("/c/{CLUB_A}/privacy/requests")).await.status,
            404,
            "{who}"
        );
    }
    let anon = Client::new(&s);
    let (status, _, _) = post_bytes(&anon, &path, "child=").await;
    assert!(matches!(status, 401 | 303 | 404), "{status}");
    // A cross-site post is refused before anything runs.
    let (status, _, _) = exchange(
        m.addr,
        &m.cookies,
        "POST",
        &path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", "https://evil.example"),
            ("Sec-Fetch-Site", "cross-site"),
        ],
        b"child=",
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn requests_are_asked_worked_extended_and_completed_with_a_mail_at_each_step() {
    for s in servers().await {
        requests_are_worked_on(s).await;
    }
}

async fn requests_are_worked_on(s: Server) {
    let mut m = Client::new(&s);
    m.sign_in(&account("member.kempenvlug")).await;
    #[allow(
        clippy::disallowed_methods,
        reason = "mail files are told apart by their modification time, a wall-clock time"
    )]
    let since = std::time::SystemTime::now();
    // Hostile words are kept as typed and shown as text; too many are refused.
    let hostile = "<script>alert('x')</script> \"quoted\" \u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{202e}";
    let r = m
        .call(
            "ask_privacy",
            &format!(
                "club={CLUB_A}&kind=objection&details={}",
                urlencode(hostile)
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", said(&r.body));
    let r = m
        .call(
            "ask_privacy",
            &format!(
                "club={CLUB_A}&kind=objection&details={}",
                "x".repeat(10_000)
            ),
        )
        .await;
    assert_eq!(r.status, 400, "{}", said(&r.body));
    for bad in ["kind=deletion", "kind=rectification&details=", "kind="] {
        let r = m.call("ask_privacy", &format!("club={CLUB_A}&{bad}")).await;
        assert_eq!(r.status, 400, "{bad}: {}", said(&r.body));
    }
    let page = m.get(&format!("/c/{CLUB_A}/me/privacy")).await;
    assert!(!page.body.contains("<script>alert('x')"));
    assert!(page.body.contains("&lt;script&gt;alert"));
    // Without JavaScript: the form posts and the page comes back with the notice.
    let origin = m.origin();
    let r = m
        .send(
            "POST",
            "/api/ask_privacy",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "text/html"),
                ("Origin", &origin),
                ("Referer", &format!("{origin}/c/{CLUB_A}/me/privacy")),
            ],
            format!("club={CLUB_A}&child=&kind=erasure&details=").as_bytes(),
        )
        .await;
    assert!(matches!(r.status, 302 | 303), "{} {}", r.status, r.body);
    assert!(r
        .header("location")
        .is_some_and(|l| l.contains("/me/privacy") && l.contains("done=asked")));
    let mail = mail_to_since(&s.mail_dir, &account("member.kempenvlug"), since).await;
    assert!(mail.contains("Subject:"), "{mail}");
    // A second erasure while one is open: refused with the reason.
    let r = m
        .call("ask_privacy", &format!("club={CLUB_A}&kind=erasure"))
        .await;
    assert_eq!(r.status, 409, "{}", said(&r.body));
    assert!(said(&r.body).contains("already been asked"));
    // A plain member does not work the queue.
    assert_eq!(
        m.call("privacy_queue", &format!("club={CLUB_A}"))
            .await
            .status,
        403
    );
    assert_eq!(
        m.get(&format!("/c/{CLUB_A}/privacy/requests")).await.status,
        403
    );

    // The admin: the queue by deadline, extend once with a reason, then complete.
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    let q = admin.get(&format!("/c/{CLUB_A}/privacy/requests")).await;
    assert_eq!(q.status, 200);
    assert_eq!(q.header("cache-control"), Some("no-store"));
    assert!(!q.body.contains("<script>alert('x')"));
    let queue = admin.call("privacy_queue", &format!("club={CLUB_A}")).await;
    let v: serde_json::Value = serde_json::from_str(&queue.body).unwrap();
    let erasure = v["open"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "Erasure")
        .expect("the erasure in the queue")
        .clone();
    let id = erasure["id"].as_str().unwrap().to_string();
    let r = admin
        .call(
            "privacy_request_action",
            &format!("club={CLUB_A}&id={id}&version=1&action=extend&months=2&reason="),
        )
        .await;
    assert_eq!(r.status, 400, "{}", said(&r.body));
    let r = admin
        .call(
            "privacy_request_action",
            &format!("club={CLUB_A}&id={id}&version=1&action=extend&months=3&reason=busy"),
        )
        .await;
    assert_eq!(r.status, 400, "{}", said(&r.body));
    #[allow(
        clippy::disallowed_methods,
        reason = "mail files are told apart by their modification time, a wall-clock time"
    )]
    let since = std::time::SystemTime::now();
    let r = admin
        .call(
            "privacy_request_action",
            &format!(
                "club={CLUB_A}&id={id}&version=1&action=extend&months=2&reason=Many+records+to+check"
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", said(&r.body));
    let mail = mail_to_since(&s.mail_dir, &account("member.kempenvlug"), since).await;
    assert!(mail.contains("Many records to check"), "{mail}");
    let r = admin
        .call(
            "privacy_request_action",
            &format!("club={CLUB_A}&id={id}&version=2&action=extend&months=1&reason=again"),
        )
        .await;
    assert_eq!(r.status, 409, "{}", said(&r.body));
    // Another club's admin cannot touch it.
    let mut other = Client::new(&s);
    other.sign_in(&account("admin.confluent")).await;
    let r = other
        .call(
            "privacy_request_action",
            &format!("club={CLUB_B}&id={id}&version=2&action=complete"),
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
    // The member is a guardian with a role-free account: completing erases them.
    let r = admin
        .call(
            "privacy_request_action",
            &format!("club={CLUB_A}&id={id}&version=2&action=complete"),
        )
        .await;
    assert_eq!(r.status, 200, "{}", said(&r.body));
    // Erased: the account signs in no more, the record is a placeholder, the queue shows
    // it done; a second completion is refused.
    let page = m.get(&format!("/c/{CLUB_A}/me/privacy")).await;
    assert_ne!(page.status, 200);
    let r = admin
        .call(
            "privacy_request_action",
            &format!("club={CLUB_A}&id={id}&version=3&action=complete"),
        )
        .await;
    assert_eq!(r.status, 409, "{}", said(&r.body));
    assert!(
        tessera_core::identities::find_by_email(&s.db.db, &account("member.kempenvlug"))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn overdue_requests_show_on_the_club_home_of_those_who_work_them() {
    for s in servers().await {
        overdue_on(s).await;
    }
}

async fn overdue_on(s: Server) {
    let mut m = Client::new(&s);
    m.sign_in(&account("member.kempenvlug")).await;
    let r = m
        .call(
            "ask_privacy",
            &format!("club={CLUB_A}&kind=rectification&details=My+street+is+wrong"),
        )
        .await;
    assert_eq!(r.status, 200, "{}", said(&r.body));
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    let home = admin.get(&format!("/c/{CLUB_A}")).await;
    assert!(!home.body.contains("data-testid=\"overdue-requests\""));
    // 33 days on: past the deadline, on the home page and marked in the queue.
    s.shared.clock.advance_secs(33 * 86_400);
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    let home = admin.get(&format!("/c/{CLUB_A}")).await;
    assert!(
        home.body.contains("data-testid=\"overdue-requests\""),
        "{}",
        home.body
    );
    let q = admin.get(&format!("/c/{CLUB_A}/privacy/requests")).await;
    assert!(q.body.contains("data-overdue=\"true\""));
    // Too late to extend now.
    let v: serde_json::Value = serde_json::from_str(
        &admin
            .call("privacy_queue", &format!("club={CLUB_A}"))
            .await
            .body,
    )
    .unwrap();
    let id = v["open"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(v["open"][0]["can_extend"], false);
    let r = admin
        .call(
            "privacy_request_action",
            &format!("club={CLUB_A}&id={id}&version=1&action=extend&months=1&reason=late"),
        )
        .await;
    assert_eq!(r.status, 409, "{}", said(&r.body));
    // The member sees nothing of the count.
    let mut m = Client::new(&s);
    m.sign_in(&account("member.kempenvlug")).await;
    let home = m.get(&format!("/c/{CLUB_A}")).await;
    assert!(!home.body.contains("data-testid=\"overdue-requests\""));
}

#[tokio::test]
async fn a_restricted_record_is_out_of_the_register_and_only_its_lifting_is_taken() {
    for s in servers().await {
        restricted_on(s).await;
    }
}

async fn restricted_on(s: Server) {
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    let (member, name) = first_member(&mut admin).await;
    let id: i64 = member.parse().unwrap();
    on_club_a(
        &s,
        "UPDATE members SET restricted_at = 1 WHERE tenant_id = $1 AND id = $2",
        id,
    )
    .await;
    on_club_a(
        &s,
        "DELETE FROM member_search WHERE tenant_id = $1 AND member_id = $2",
        id,
    )
    .await;
    let list = admin.get(&format!("/c/{CLUB_A}/members")).await;
    assert!(!list
        .body
        .contains(&format!("/c/{CLUB_A}/members/{member}\"")));
    let family = name.split(' ').next().unwrap_or(&name).to_string();
    let search = admin
        .get(&format!("/c/{CLUB_A}/members?q={}", urlencode(&family)))
        .await;
    assert!(!search
        .body
        .contains(&format!("/c/{CLUB_A}/members/{member}\"")));
    let page = admin.get(&format!("/c/{CLUB_A}/members/{member}")).await;
    assert!(page.body.contains("data-testid=\"restricted\""));
    assert!(!page.body.contains("data-testid=\"edit-member\""));
    let edit = admin
        .call("member_edit", &format!("club={CLUB_A}&id={member}"))
        .await;
    let version = json_field(&edit.body, "version")
        .or_else(|| {
            edit.body
                .split("\"version\":")
                .nth(1)
                .map(|s| s.chars().take_while(|c| c.is_ascii_digit()).collect())
        })
        .unwrap();
    let r = admin
        .call(
            "update_member",
            &format!(
                "club={CLUB_A}&id={member}&version={version}&given_name=X&family_name=Y&status=active"
            ),
        )
        .await;
    assert_eq!(r.status, 409, "{}", said(&r.body));
    assert!(said(&r.body).contains("restricted"));
    let r = admin
        .call("lift_restriction", &format!("club={CLUB_A}&id={member}"))
        .await;
    assert_eq!(r.status, 200, "{}", said(&r.body));
    let list = admin.get(&format!("/c/{CLUB_A}/members")).await;
    assert!(list
        .body
        .contains(&format!("/c/{CLUB_A}/members/{member}\"")));
    let r = admin
        .call("lift_restriction", &format!("club={CLUB_A}&id={member}"))
        .await;
    assert_eq!(r.status, 409);
}
