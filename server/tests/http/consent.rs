//! Consent per purpose and the export register over HTTP (issue 17, deliverables 2 and 3),
//! on SQLite and PostgreSQL: a member gives and withdraws on their own data (a guardian for
//! a minor child), staff record a consent on paper and filter the register by consent; every
//! export path (CSV, XLSX, print) is recorded with its count and hash, sensitive columns need
//! their permission, restricted records never leave, and bad input is a clear 4xx.

use super::*;
use sha2::{Digest, Sha256};
use tessera_core::scope::{Actor, TenantScope};

async fn scope_a(s: &Server) -> TenantScope {
    let t = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&tessera_core::jobs::SystemTask::command_line(), t)
}

/// A person with an account in club A and a role of exactly these permissions (not staff).
async fn probe(s: &Server, tag: &str, permissions: &[&str]) -> Client {
    let db = &s.db.db;
    let scope = scope_a(s).await;
    let sys = Actor::system("test");
    let now = s.shared.clock.now();
    let email = format!("{tag}.{}@example.be", tessera_core::ids::new_id());
    let id = tessera_core::identities::create(db, &sys, now, &email, "Probe", Some(PW.into()))
        .await
        .unwrap();
    let m = tessera_core::identities::add_membership(db, &scope, &sys, now, id, None)
        .await
        .unwrap();
    let role = tessera_core::roles::create(
        db,
        &scope,
        &sys,
        now,
        tessera_core::roles::RoleInput {
            name: format!("Probe {tag} {}", tessera_core::ids::new_id()),
            staff: false,
            permissions: permissions.iter().map(|p| p.to_string()).collect(),
        },
    )
    .await
    .unwrap();
    tessera_core::roles::assign(db, &scope, &sys, now, m, &[role])
        .await
        .unwrap();
    let mut c = Client::new(s);
    c.sign_in(&email).await;
    c
}

/// The member record linked to member.kempenvlug's account, and its first minor child.
async fn linked_and_child(s: &Server) -> (i64, i64) {
    let scope = scope_a(s).await;
    let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
    let (me,): (i64,) = tx
        .fetch_one(
            "SELECT m.member_id FROM memberships m JOIN identities i ON i.id = m.identity_id \
             WHERE m.tenant_id = $1 AND i.email = $2",
            tessera_core::args![account("member.kempenvlug")],
        )
        .await
        .unwrap();
    let (child,): (i64,) = tx
        .fetch_one(
            "SELECT child_id FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2 \
             ORDER BY child_id LIMIT 1",
            tessera_core::args![me],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (me, child)
}

async fn new_purpose(admin: &mut Client, title: &str) -> i64 {
    let r = admin
        .call(
            "save_purpose",
            &format!(
                "club={CLUB_A}&title_en={t}&body_en=Text+of+{t}&title_nl={t}+nl&body_nl=Tekst",
                t = urlencode(title)
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", said(&r.body));
    let list = admin
        .call("consent_purposes", &format!("club={CLUB_A}"))
        .await;
    let v: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    v["purposes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"]["en"] == title)
        .and_then(|p| p["id"].as_i64())
        .expect("the purpose")
}

#[tokio::test]
async fn a_member_gives_and_withdraws_and_staff_see_it_in_history_and_the_register() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let (me, child) = linked_and_child(&s).await;
        let purpose = new_purpose(&mut admin, "Harness newsletter").await;
        let mut member = Client::new(&s);
        member.sign_in(&account("member.kempenvlug")).await;
        // The member's page shows the purpose with a give form (unticked: not given).
        let page = member.get(&format!("/c/{CLUB_A}/me/consents")).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Harness newsletter"));
        let give = format!("club={CLUB_A}&member={me}&purpose={purpose}&answer=give");
        let withdraw = format!("club={CLUB_A}&member={me}&purpose={purpose}&answer=withdraw");
        // A plain form post (no JavaScript): answered by a redirect back to the page.
        let r = plain_post(
            &mut member,
            "/api/answer_consent",
            &format!("{give}&back=/c/{CLUB_A}/me/consents"),
        )
        .await;
        assert!(matches!(r.status, 302 | 303), "{} {}", r.status, r.body);
        assert_eq!(
            r.header("location"),
            Some(format!("/c/{CLUB_A}/me/consents?done=consent").as_str())
        );
        // The register filters by consent: only the member (given now).
        let filtered = admin
            .call(
                "member_list",
                &format!("club={CLUB_A}&q=&page=1&consent={purpose}"),
            )
            .await;
        assert_eq!(filtered.status, 200, "{}", filtered.body);
        let v: serde_json::Value = serde_json::from_str(&filtered.body).unwrap();
        assert_eq!(v["total"], 1, "{}", filtered.body);
        assert_eq!(v["rows"][0]["id"], me);
        // Giving twice on the same text is refused; withdrawing is as easy as giving.
        let r = member.call("answer_consent", &give).await;
        assert_eq!(r.status, 409, "{}", said(&r.body));
        let r = member.call("answer_consent", &withdraw).await;
        assert_eq!(r.status, 200, "{}", said(&r.body));
        // Withdrawing twice: a clear 409, nothing stored.
        let r = member.call("answer_consent", &withdraw).await;
        assert_eq!(r.status, 409);
        assert!(
            said(&r.body).contains("no consent to withdraw"),
            "{}",
            r.body
        );
        let filtered = admin
            .call(
                "member_list",
                &format!("club={CLUB_A}&q=&page=1&consent={purpose}"),
            )
            .await;
        let v: serde_json::Value = serde_json::from_str(&filtered.body).unwrap();
        assert_eq!(v["total"], 0, "latest event wins: {}", filtered.body);
        // The history, for the member and for staff: given, then withdrawn, by the member.
        let mine = member.call("my_consents", &format!("club={CLUB_A}")).await;
        let v: serde_json::Value = serde_json::from_str(&mine.body).unwrap();
        let events: Vec<&serde_json::Value> = v["own"]["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["purpose"] == purpose)
            .collect();
        assert_eq!(events.len(), 2, "{}", mine.body);
        assert_eq!(events[0]["given"], false);
        assert_eq!(events[1]["given"], true);
        assert_eq!(events[0]["source"], "Member");
        let staff = admin
            .call("member_consents", &format!("club={CLUB_A}&id={me}"))
            .await;
        assert_eq!(staff.status, 200);
        assert!(staff.body.contains("\"source\":\"Member\""));
        let page = admin.get(&format!("/c/{CLUB_A}/members/{me}")).await;
        assert!(page.body.contains("data-testid=\"member-consents\""));
        // A guardian answers for their minor child (source: guardian).
        let r = member
            .call(
                "answer_consent",
                &format!("club={CLUB_A}&member={child}&purpose={purpose}&answer=give"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", said(&r.body));
        let mine = member.call("my_consents", &format!("club={CLUB_A}")).await;
        assert!(mine.body.contains("\"source\":\"Guardian\""));
        // Someone else's record (the first of the register), another club's member, a
        // forged purpose or answer: refused, nothing stored.
        let other = filtered_first(&mut admin).await;
        for (args, status) in [
            (
                format!("club={CLUB_A}&member={other}&purpose={purpose}&answer=give"),
                404,
            ),
            (
                format!("club={CLUB_A}&member={me}&purpose=999&answer=give"),
                404,
            ),
            (
                format!("club={CLUB_A}&member={me}&purpose={purpose}&answer=maybe"),
                400,
            ),
            (
                format!("club={CLUB_B}&member={me}&purpose={purpose}&answer=give"),
                404,
            ),
        ] {
            let r = member.call("answer_consent", &args).await;
            assert_eq!(r.status, status, "{args}: {}", r.body);
        }
        // A redirect elsewhere than the member's own pages is not followed.
        let r = plain_post(
            &mut member,
            "/api/answer_consent",
            &format!("{give}&back=https://evil.example/"),
        )
        .await;
        assert_eq!(
            r.header("location"),
            Some(format!("/c/{CLUB_A}/me/consents?done=consent").as_str())
        );
        // Staff record a consent given on paper, with a hostile note shown as text.
        let note = "<img src=x onerror=alert(1)>";
        let r = admin
            .call(
                "record_paper_consent",
                &format!(
                    "club={CLUB_A}&member={other}&purpose={purpose}&answer=give&note={}",
                    urlencode(note)
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", said(&r.body));
        let page = admin.get(&format!("/c/{CLUB_A}/members/{other}")).await;
        assert!(page.body.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!page.body.contains(note));
        let r = admin
            .call(
                "record_paper_consent",
                &format!(
                    "club={CLUB_A}&member={other}&purpose={purpose}&answer=withdraw&note={}",
                    "n".repeat(501)
                ),
            )
            .await;
        assert_eq!(r.status, 400, "a note too long");
        // The member may not record on paper.
        let r = member
            .call(
                "record_paper_consent",
                &format!("club={CLUB_A}&member={me}&purpose={purpose}&answer=give"),
            )
            .await;
        assert_eq!(r.status, 403);
    }
}

/// A form posted by a browser without JavaScript (it accepts HTML).
async fn plain_post(c: &mut Client, path: &str, form: &str) -> Resp {
    let origin = c.origin();
    c.send(
        "POST",
        path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/html"),
            ("Origin", &origin),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        form.as_bytes(),
    )
    .await
}

fn urlencode(s: &str) -> String {
    tessera_common::dto::encode(s)
}

/// The first member of club A's register.
async fn filtered_first(admin: &mut Client) -> i64 {
    let r = admin
        .call("member_list", &format!("club={CLUB_A}&q=&page=1"))
        .await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    v["rows"][0]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn purpose_texts_are_checked_and_a_text_people_answered_gets_a_new_version() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        for (args, field) in [
            ("title_en=&body_en=".to_string(), "title_en"),
            (
                format!("title_en={}&body_en=x", "t".repeat(121)),
                "title_en",
            ),
            (
                format!("title_en=T&body_en={}", "b".repeat(4001)),
                "body_en",
            ),
            ("title_en=T%07&body_en=x".to_string(), "title_en"),
            ("title_en=T&body_en=".to_string(), "body_en"),
        ] {
            let r = admin
                .call("save_purpose", &format!("club={CLUB_A}&{args}"))
                .await;
            assert_eq!(r.status, 400, "{args}");
            assert!(r.body.contains(field), "{args}: {}", r.body);
        }
        let hostile = "<script>alert('p')</script>";
        let id = new_purpose(&mut admin, hostile).await;
        let page = admin.get(&format!("/c/{CLUB_A}/privacy/consents")).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains(hostile));
        assert!(page.body.contains("&lt;script&gt;"));
        // Someone consents on version 1; the change makes version 2.
        let (me, _) = linked_and_child(&s).await;
        let mut member = Client::new(&s);
        member.sign_in(&account("member.kempenvlug")).await;
        let r = member
            .call(
                "answer_consent",
                &format!("club={CLUB_A}&member={me}&purpose={id}&answer=give"),
            )
            .await;
        assert_eq!(r.status, 200);
        let list = admin
            .call("consent_purposes", &format!("club={CLUB_A}"))
            .await;
        let v: serde_json::Value = serde_json::from_str(&list.body).unwrap();
        let p = v["purposes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()
            .clone();
        let r = admin
            .call(
                "save_purpose",
                &format!(
                    "club={CLUB_A}&id={id}&version={}&title_en=Changed&body_en=New+text",
                    p["version"]
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", said(&r.body));
        // The same stale form again: a conflict.
        let r = admin
            .call(
                "save_purpose",
                &format!(
                    "club={CLUB_A}&id={id}&version={}&title_en=Again&body_en=x",
                    p["version"]
                ),
            )
            .await;
        assert_eq!(r.status, 409);
        let mine = member.call("my_consents", &format!("club={CLUB_A}")).await;
        let v: serde_json::Value = serde_json::from_str(&mine.body).unwrap();
        let state = v["own"]["states"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["purpose"] == id)
            .unwrap()
            .clone();
        assert_eq!(state["text_version"], 2);
        assert_eq!(state["answered_version"], 1);
        assert_eq!(state["given"], true);
        // A plain member may not define purposes.
        let r = member
            .call(
                "save_purpose",
                &format!("club={CLUB_A}&title_en=Mine&body_en=x"),
            )
            .await;
        assert_eq!(r.status, 403);
    }
}

#[derive(serde::Deserialize)]
struct Entry {
    kind: String,
    people: i64,
    sha256: String,
    columns: String,
    purpose: String,
}

async fn register(admin: &mut Client) -> Vec<Entry> {
    let r = admin
        .call("export_register", &format!("club={CLUB_A}"))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn every_export_path_is_recorded_with_its_count_and_hash() {
    for s in servers().await {
        switch_module(&s, "exports", true).await;
        let scope = scope_a(&s).await;
        let sys = Actor::system("test");
        let now = s.shared.clock.now();
        let db = &s.db.db;
        // A restricted record never leaves; a sensitive field needs its permission.
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let hidden = filtered_first(&mut admin).await;
        let mut tx = db.tenant_write(&scope, &sys, now).await.unwrap();
        tx.execute(
            "UPDATE members SET restricted_at = $2, given_name = 'Restricted' WHERE tenant_id = $1 AND id = $3",
            tessera_core::args![now, hidden],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let nrn = tessera_core::custom_fields::create(
            db,
            &scope,
            &sys,
            now,
            &tessera_common::dto::FieldForm {
                label: "National register number".into(),
                kind: "national_number".into(),
                visibility: "staff".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let before = register(&mut admin).await.len();
        let form = format!(
            "status=active&purpose=General+assembly&columns%5B%5D=given_name&columns%5B%5D=family_name&columns%5B%5D=cf{nrn}"
        );
        // The paths an export of the register takes, each recorded.
        let paths = [
            ("members.csv", "csv", "text/csv"),
            ("members.xlsx", "xlsx", "application/vnd.openxmlformats"),
            ("members.html", "print", "text/html"),
        ];
        for (n, (file, kind, ct)) in paths.iter().enumerate() {
            let r = admin
                .post_form(&format!("/c/{CLUB_A}/exports/{file}"), &form)
                .await;
            assert_eq!(r.status, 200, "{file}: {}", r.body);
            assert!(r.header("content-type").unwrap_or("").starts_with(ct));
            let entries = register(&mut admin).await;
            assert_eq!(entries.len(), before + n + 1, "{file} recorded");
            let e = &entries[0];
            assert_eq!(e.kind, *kind);
            assert_eq!(e.purpose, "General assembly");
            assert_eq!(e.columns, format!("given_name,family_name,cf{nrn}"));
            assert_eq!(r.header("x-export-sha256"), Some(e.sha256.as_str()));
            match *kind {
                "csv" => {
                    assert_eq!(hex(r.body.as_bytes()), e.sha256, "the hash of the file");
                    // One line per person after the header.
                    assert_eq!(r.body.trim_end().lines().count() as i64 - 1, e.people);
                    assert!(!r.body.contains("Restricted"));
                }
                "print" => {
                    assert_eq!(hex(r.body.as_bytes()), e.sha256, "the hash of the page");
                    assert_eq!(r.body.matches("<tr>").count() as i64 - 1, e.people);
                    assert!(r.body.contains("@media print"));
                    assert!(!r.body.contains("Restricted"));
                }
                _ => assert!(r.body.starts_with("PK")),
            }
            assert!(e.people > 0);
        }
        let entries = register(&mut admin).await;
        assert_eq!(entries[0].people, entries[1].people);
        assert_eq!(entries[1].people, entries[2].people);
        // The register page shows them.
        let page = admin.get(&format!("/c/{CLUB_A}/privacy/exports")).await;
        assert_eq!(page.status, 200);
        assert_eq!(
            page.body.matches("data-testid=\"export-record\"").count(),
            entries.len()
        );
        // A hostile purpose is text on the printed list and in the register.
        let hostile = "<script>alert('x')</script>";
        let r = admin
            .post_form(
                &format!("/c/{CLUB_A}/exports/members.html"),
                &format!("purpose={}&columns%5B%5D=given_name", urlencode(hostile)),
            )
            .await;
        assert_eq!(r.status, 200);
        assert!(!r.body.contains(hostile));
        assert!(r
            .body
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        let page = admin.get(&format!("/c/{CLUB_A}/privacy/exports")).await;
        assert!(!page.body.contains(hostile));
        assert!(page.body.contains("&lt;script&gt;"));
        let entries = register(&mut admin).await;
        // Without a purpose, with a forged column, a bad consent filter: 400, nothing recorded.
        for bad in [
            "status=&purpose=".to_string(),
            "status=&purpose=%20%20".to_string(),
            "purpose=x&columns%5B%5D=password_hash".to_string(),
            "purpose=x&consent=abc".to_string(),
            "purpose=x&consent=424242".to_string(),
            format!("purpose={}", "p".repeat(301)),
        ] {
            let r = admin
                .post_form(&format!("/c/{CLUB_A}/exports/members.csv"), &bad)
                .await;
            assert_eq!(r.status, 400, "{bad}: {}", r.body);
        }
        assert_eq!(register(&mut admin).await.len(), entries.len());
        // A sensitive column without exports.sensitive: not offered, and forged: 403.
        let mut clerk = probe(
            &s,
            "clerk",
            &[
                "exports.run",
                "members.view",
                "members.sensitive",
                "privacy.manage",
            ],
        )
        .await;
        let choices = clerk
            .call("export_choices", &format!("club={CLUB_A}"))
            .await;
        let v: serde_json::Value = serde_json::from_str(&choices.body).unwrap();
        assert_eq!(choices.status, 200, "{}", choices.body);
        let col = v["columns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == format!("cf{nrn}"))
            .unwrap()
            .clone();
        assert_eq!(col["sensitive"], true);
        assert_eq!(col["allowed"], false);
        let r = clerk
            .post_form(&format!("/c/{CLUB_A}/exports/members.xlsx"), &form)
            .await;
        assert_eq!(r.status, 403, "{}", r.body);
        // Without choosing, the clerk gets every column but the sensitive one.
        let r = clerk
            .post_form(&format!("/c/{CLUB_A}/exports/members.csv"), "purpose=Check")
            .await;
        assert_eq!(r.status, 200);
        assert!(!r.body.contains("National register number"));
        let entries = register(&mut clerk).await;
        assert!(!entries[0].columns.contains(&format!("cf{nrn}")));
        // The register itself needs privacy.manage; a field one may not even see is
        // forbidden too, not an unknown column.
        let mut runner = probe(&s, "runner", &["exports.run"]).await;
        let r = runner
            .post_form(&format!("/c/{CLUB_A}/exports/members.csv"), &form)
            .await;
        assert_eq!(r.status, 403, "{}", r.body);
        let r = runner
            .call("export_register", &format!("club={CLUB_A}"))
            .await;
        assert_eq!(r.status, 403);
        let page = runner.get(&format!("/c/{CLUB_A}/privacy/exports")).await;
        assert_eq!(page.status, 403);
    }
}

#[tokio::test]
async fn a_registration_form_asks_per_purpose_unticked_and_records_what_was_ticked() {
    for s in servers().await {
        let scope = switch_module(&s, "forms", true).await;
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let news = new_purpose(&mut admin, "Newsletter on forms").await;
        let r = admin
            .call(
                "save_form",
                &format!("club={CLUB_A}&title=Purposes&slug=purposes-join&audience=self&consent_text=Photos+may+be+taken.&published=on"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", said(&r.body));
        let mut anon = Client::new(&s);
        let page = anon.get(&format!("/c/{CLUB_A}/join/purposes-join")).await;
        assert_eq!(page.status, 200);
        let boxes: Vec<&str> = page
            .body
            .split("<input")
            .filter(|i| i.contains("name=\"purposes[]\""))
            .collect();
        assert!(boxes
            .iter()
            .any(|b| b.contains(&format!("value=\"{news}\""))));
        assert!(
            boxes
                .iter()
                .all(|b| !b.split('>').next().unwrap_or("").contains("checked")),
            "never ticked in advance"
        );
        assert!(page.body.contains("Photos may be taken."));
        let tok = page
            .body
            .split("name=\"started\" value=\"")
            .nth(1)
            .and_then(|x| x.split('"').next())
            .unwrap()
            .to_string();
        s.shared.clock.advance_secs(5);
        let email = format!("purposes.{}@example.be", tessera_core::ids::new_id());
        let base = format!(
            "club={CLUB_A}&form=purposes-join&started={tok}&email={}&consent=on\
             &f%5Bp0.given_name%5D=Pia&f%5Bp0.family_name%5D=Purpose",
            urlencode(&email)
        );
        // A purpose the form does not ask: refused, nothing stored.
        let r = admin
            .call(
                "submit_registration",
                &format!("{base}&purposes%5B%5D=4242"),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(r.body.contains("purposes"));
        let r = anon
            .call(
                "submit_registration",
                &format!("{base}&purposes%5B%5D={news}"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", said(&r.body));
        let mail = mail_to(&s.mail_dir, &email).await;
        let link = link_in(&mail);
        let token = link.split("token=").nth(1).unwrap().to_string();
        let r = anon
            .call(
                "confirm_registration",
                &format!("club={CLUB_A}&form=purposes-join&token={token}"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", said(&r.body));
        // The new record has both consents, from the registration form.
        let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
        let (member, form): (i64, i64) = tx
            .fetch_one(
                "SELECT m.id, f.id FROM members m CROSS JOIN reg_forms f \
                 WHERE m.tenant_id = $1 AND m.email = $2 AND f.tenant_id = $1 AND f.slug = 'purposes-join'",
                tessera_core::args![email.clone()],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let m = tessera_common::MemberId(member);
        let db = &s.db.db;
        assert!(tessera_core::consents::given(db, &scope, news, m)
            .await
            .unwrap());
        assert!(tessera_core::consents::given(db, &scope, form, m)
            .await
            .unwrap());
        let h = tessera_core::consents::history(db, &scope, m)
            .await
            .unwrap();
        assert_eq!(h.history.len(), 2);
        assert!(h
            .history
            .iter()
            .all(|e| e.source == tessera_common::consent::ConsentSource::Registration));
    }
}
