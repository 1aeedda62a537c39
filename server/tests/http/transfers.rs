//! xfer18 over HTTP, on both databases: a federation's logged reads of its licensed people
//! (the search page, a person's page, the CSV export), what the club's admins see of them,
//! and who is refused; transfers through the server functions and pages (ask, consent,
//! release or objection, decision; mails; outside the window; other clubs and federations;
//! hostile reasons; twenty identical asks at once).

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
    let mut v = vec![("fed_person", first.id.to_string())];
    v.extend(transfer_values(s).await);
    v
}

fn system_scope(t: tessera_core::tenants::TenantRecord) -> tessera_core::scope::TenantScope {
    tessera_core::scope::TenantScope::for_system_task(
        &tessera_core::jobs::SystemTask::command_line(),
        t,
    )
}

async fn club_scope(s: &Server, slug: &str) -> tessera_core::scope::TenantScope {
    system_scope(
        tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, slug)
            .await
            .unwrap()
            .unwrap(),
    )
}

/// A licensed person: record id in their club, licence number, birth date.
type Licensed = (i64, String, String);

/// The licensed people of `club` in the demo federation with a birth date, not restricted
/// and without a transfer in progress.
async fn licensed_free(s: &Server, club: &str) -> Vec<Licensed> {
    let fed = federation_scope(s).await;
    let club_id = club_scope(s, club).await.tenant_id().0;
    let mut tx = s.db.db.tenant_read(&fed).await.unwrap();
    let rows: Vec<Licensed> = tx
        .fetch_all(
            "SELECT p.member_id, p.licence_number, p.birth_date FROM fed_people p \
             WHERE p.tenant_id = $1 AND p.club_id = $2 AND p.birth_date IS NOT NULL \
             AND NOT p.restricted AND NOT EXISTS (SELECT 1 FROM transfers t \
             WHERE t.tenant_id = p.tenant_id AND t.person_id = p.id \
             AND t.status IN ('consent', 'open', 'released', 'objected')) \
             ORDER BY p.id",
            tessera_core::args![club_id],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    rows
}

/// The record in club A of the demo member account (member.kempenvlug).
async fn demo_member_record(s: &Server) -> i64 {
    let club = club_scope(s, CLUB_A).await;
    let id = tessera_core::identities::find_by_email(&s.db.db, &account("member.kempenvlug"))
        .await
        .unwrap()
        .unwrap();
    let mut tx = s.db.db.tenant_read(&club).await.unwrap();
    let (m,): (i64,) = tx
        .fetch_one(
            "SELECT member_id FROM memberships WHERE tenant_id = $1 AND identity_id = $2",
            tessera_core::args![id],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    m
}

/// The records of club A linked to an account.
async fn linked_records(s: &Server) -> Vec<i64> {
    let club = club_scope(s, CLUB_A).await;
    let mut tx = s.db.db.tenant_read(&club).await.unwrap();
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT member_id FROM memberships WHERE tenant_id = $1 AND member_id IS NOT NULL",
            vec![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    rows.into_iter().map(|(m,)| m).collect()
}

/// An account linked to the record `member` of club A, and its own-data scope there.
async fn person_of(
    s: &Server,
    member: i64,
    email: &str,
) -> (tessera_core::scope::Actor, tessera_core::scope::TenantScope) {
    use tessera_core::scope::{Actor, AuthLevel};
    let db = &s.db.db;
    let now = s.shared.clock.now();
    let sys = Actor::system("test");
    let id = tessera_core::identities::create(db, &sys, now, email, "Harness Mover", None)
        .await
        .unwrap();
    let club = club_scope(s, CLUB_A).await;
    tessera_core::identities::add_membership(
        db,
        &club,
        &sys,
        now,
        id,
        Some(tessera_common::MemberId(member)),
    )
    .await
    .unwrap();
    let actor = Actor {
        identity: Some(id),
        name: "Harness Mover".into(),
        level: AuthLevel::SecondFactor,
        pending: None,
        stamp_label: None,
    };
    let scope = tessera_core::scope::resolve_own_data(db, &actor, TenantKind::Club, CLUB_A, now)
        .await
        .unwrap();
    (actor, scope)
}

/// The harness's transfers, made through the core: `xfer_consent` (club B asked for the
/// demo member account's record; waiting for the person), `xfer_open` (a person of club A
/// asked to move to club B; waiting for club A), `xfer_released` (likewise, released by
/// club A; waiting for the federation), and a person licensed in club B that club A may ask
/// for (`xfer_number`, `xfer_born`).
async fn transfer_values(s: &Server) -> Vec<(&'static str, String)> {
    use tessera_core::scope::Actor;
    use tessera_core::transfers;
    let db = &s.db.db;
    let now = s.shared.clock.now();
    let sys = Actor::system("test");
    let me = demo_member_record(s).await;
    let linked = linked_records(s).await;
    let a_people = licensed_free(s, CLUB_A).await;
    let mine = a_people
        .iter()
        .find(|p| p.0 == me)
        .expect("the demo member account's record is licensed");
    let club_b = club_scope(s, CLUB_B).await;
    let consent = transfers::ask_by_club(db, &club_b, &sys, now, &mine.1, &mine.2)
        .await
        .unwrap();
    let mut movers = a_people.iter().filter(|p| !linked.contains(&p.0));
    let mut moved = Vec::new();
    for (k, email) in ["harness.mover1@example.be", "harness.mover2@example.be"]
        .iter()
        .enumerate()
    {
        let p = movers.next().expect("licensed people in club A");
        let (actor, scope) = person_of(s, p.0, email).await;
        let id = transfers::ask_by_member(db, &scope, &actor, now, CLUB_B)
            .await
            .unwrap();
        if k == 1 {
            let club_a = club_scope(s, CLUB_A).await;
            transfers::answer(db, &club_a, &sys, now, id, true, "")
                .await
                .unwrap();
        }
        moved.push(id);
    }
    let b = licensed_free(s, CLUB_B).await;
    let asked = b.first().expect("licensed people in club B");
    vec![
        ("xfer_consent", consent.to_string()),
        ("xfer_open", moved[0].to_string()),
        ("xfer_released", moved[1].to_string()),
        ("xfer_number", asked.1.clone()),
        ("xfer_born", asked.2.clone()),
    ]
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
        // Each row's club filters the search on that club (the way in where a federation
        // has too many clubs to list).
        assert!(
            page.body.contains(&format!(
                "href=\"/f/bsf/people?q=&amp;club={CLUB_A}&amp;page=1\""
            )),
            "{}",
            page.body
        );
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
        // A typed club name is echoed nowhere unescaped, matched or not.
        let r = fed
            .get("/f/bsf/people?club=%3C%2Ftextarea%3E%3Cscript%3Ex()%3C%2Fscript%3E%22%3E%3Cimg%20onerror%3Dx()%3E")
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(!r.body.contains("<script>x()"), "{}", r.body);
        assert!(!r.body.contains("<img onerror"), "{}", r.body);
        let r = fed.get("/f/bsf/people?page=abc").await;
        assert_eq!(r.status, 404);
        let r = fed.get("/f/bsf/people/999999999999").await;
        assert_eq!(r.status, 404);
        let r = fed.get("/f/bsf/people/not-a-number").await;
        assert_eq!(r.status, 404);
    }
}

fn enc(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The id of the newest transfer of the demo federation for the record `member`.
async fn transfer_of(s: &Server, member: i64) -> i64 {
    let fed = federation_scope(s).await;
    let mut tx = s.db.db.tenant_read(&fed).await.unwrap();
    let (id,): (i64,) = tx
        .fetch_one(
            "SELECT id FROM transfers WHERE tenant_id = $1 AND from_member = $2 \
             ORDER BY created_at DESC, id DESC LIMIT 1",
            tessera_core::args![member],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Waits for a mail to `to`, sent since this test began, that contains every one of
/// `needles` (the mail folder may be shared with other tests and runs).
async fn mail_containing(dir: &std::path::Path, to: &str, needles: &[&str]) -> String {
    let since = BOOTED
        .get()
        .copied()
        .unwrap_or(std::time::UNIX_EPOCH)
        .checked_sub(std::time::Duration::from_secs(1))
        .unwrap_or(std::time::UNIX_EPOCH);
    for _ in 0..100 {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().and_then(|x| x.to_str()) != Some("eml") {
                    continue;
                }
                let modified = e
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                if modified < since {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let head = text.split("\r\n\r\n").next().unwrap_or("");
                if !head.lines().any(|l| {
                    (l.starts_with("To:") || l.starts_with("X-Envelope-To:")) && l.contains(to)
                }) {
                    continue;
                }
                let text = decode_quoted_printable(&text);
                if needles.iter().all(|n| text.contains(n)) {
                    return text;
                }
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no mail to {to} with {needles:?}");
}

const HOSTILE: &str = "<script>alert(1)</script> & \"fees\"";

#[tokio::test]
async fn a_transfer_goes_through_release_and_approval_with_mails_and_history() {
    for s in servers().await {
        let me = demo_member_record(&s).await;
        let person = licensed_free(&s, CLUB_A)
            .await
            .into_iter()
            .find(|p| p.0 == me)
            .expect("the demo member account's record is licensed");
        // The new club asks (a plain form, no script): back to its page, the transfer
        // listed, waiting for the person.
        let mut b = Client::new(&s);
        b.sign_in(&account("admin.confluent")).await;
        let page = format!("/c/{CLUB_B}/transfers");
        let r = form_post(
            &mut b,
            "ask_transfer",
            &page,
            &format!(
                "club={CLUB_B}&licence_number={}&birth_date={}",
                enc(&person.1),
                person.2
            ),
        )
        .await;
        assert_eq!(r.status, 302, "{}", r.body);
        assert!(r.header("location").unwrap_or("").contains("done=asked"));
        let id = transfer_of(&s, me).await;
        let view = b.get(&page).await;
        assert_eq!(view.status, 200);
        assert!(view.body.contains("data-testid=\"transfer-ask\""));
        assert!(view.body.contains(&person.1), "the asked person is listed");
        // The person is mailed, and agrees on My details.
        mail_containing(
            &s.mail_dir,
            &account("member.kempenvlug"),
            &[&person.1, &format!("/c/{CLUB_A}/me")],
        )
        .await;
        let mut m = Client::new(&s);
        m.sign_in(&account("member.kempenvlug")).await;
        let mine = m.get(&format!("/c/{CLUB_A}/me")).await;
        assert!(
            mine.body.contains("data-testid=\"transfer-consent\""),
            "the consent form on My details"
        );
        let r = m
            .call(
                "consent_transfer",
                &format!("club={CLUB_A}&id={id}&agree=yes"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        // A third club of the federation sees nothing of it and cannot answer it.
        let mut c3 = Client::new(&s);
        c3.sign_in(&account("admin.aquatica")).await;
        let other = c3.get("/c/cn-aquatica-ixelles/transfers").await;
        assert_eq!(other.status, 200);
        assert!(!other.body.contains(&person.1));
        let r = c3
            .call(
                "answer_transfer",
                &format!("club=cn-aquatica-ixelles&id={id}&answer=release"),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        // The new club cannot answer for the old one either.
        let r = b
            .call(
                "answer_transfer",
                &format!("club={CLUB_B}&id={id}&answer=release"),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        // The old club releases (a plain form).
        let mut a = Client::new(&s);
        a.sign_in(&account("admin.kempenvlug")).await;
        let a_page = format!("/c/{CLUB_A}/transfers");
        let listed = a.get(&a_page).await;
        assert!(listed.body.contains("data-testid=\"transfer-answer\""));
        let r = form_post(
            &mut a,
            "answer_transfer",
            &a_page,
            &format!("club={CLUB_A}&id={id}&answer=release&reason="),
        )
        .await;
        assert_eq!(r.status, 302, "{}", r.body);
        // The federation is mailed, sees it with its history and approves.
        mail_containing(
            &s.mail_dir,
            &account("federation"),
            &[&person.1, "/f/bsf/transfers"],
        )
        .await;
        let mut f = Client::new(&s);
        f.sign_in(&account("federation")).await;
        let fed_page = f.get("/f/bsf/transfers").await;
        assert_eq!(fed_page.status, 200, "{}", fed_page.body);
        assert!(fed_page.body.contains("data-testid=\"transfer-decide\""));
        assert!(fed_page.body.contains("data-testid=\"transfer-window\""));
        let r = form_post(
            &mut f,
            "decide_transfer",
            "/f/bsf/transfers",
            &format!("federation=bsf&id={id}&decision=approve&reason="),
        )
        .await;
        assert_eq!(r.status, 302, "{}", r.body);
        // Every step is in the history; the person is in the new club's register.
        let done = f.get("/f/bsf/transfers").await;
        let steps = done.body.matches("data-testid=\"transfer-step\"").count();
        assert!(steps >= 4, "the history of the transfers: {steps}");
        let register = b.get(&format!("/c/{CLUB_B}/members?q=")).await;
        assert_eq!(register.status, 200);
        let fed = federation_scope(&s).await;
        let state = tessera_core::transfers::state(&s.db.db, &fed, id)
            .await
            .unwrap();
        assert_eq!(state.status, "approved");
        let steps: Vec<&str> = state.steps.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            steps,
            ["asked_by_club", "consented", "released", "approved"]
        );
        let new_member = state.to_member.unwrap();
        let r = b.get(&format!("/c/{CLUB_B}/members/{new_member}")).await;
        assert_eq!(r.status, 200, "the new record in club B");
        // The person is told in their language.
        mail_containing(
            &s.mail_dir,
            &account("member.kempenvlug"),
            &[&person.1, "goedgekeurd door de federatie"],
        )
        .await;
        // Outside the window (the demo's closes a month after the seed): 400, nothing
        // stored.
        let b_people = licensed_free(&s, CLUB_B).await;
        let target = b_people.first().unwrap();
        s.shared.clock.advance_secs(40 * 86_400);
        let mut a = Client::new(&s);
        a.sign_in(&account("admin.kempenvlug")).await;
        let r = a
            .call(
                "ask_transfer",
                &format!(
                    "club={CLUB_A}&licence_number={}&birth_date={}",
                    enc(&target.1),
                    target.2
                ),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(
            said(&r.body).contains("outside every transfer window"),
            "{}",
            r.body
        );
        assert_eq!(licensed_free(&s, CLUB_B).await.len(), b_people.len());
    }
}

#[tokio::test]
async fn an_objection_goes_to_the_federation_and_hostile_reasons_stay_text() {
    for s in servers().await {
        let linked = linked_records(&s).await;
        let p = licensed_free(&s, CLUB_A)
            .await
            .into_iter()
            .find(|p| !linked.contains(&p.0))
            .unwrap();
        let (actor, scope) = person_of(&s, p.0, "harness.objected@example.be").await;
        let id = tessera_core::transfers::ask_by_member(
            &s.db.db,
            &scope,
            &actor,
            s.shared.clock.now(),
            CLUB_B,
        )
        .await
        .unwrap();
        let mut a = Client::new(&s);
        a.sign_in(&account("admin.kempenvlug")).await;
        // An objection needs a reason; a too long one is refused; nothing changes.
        let r = a
            .call(
                "answer_transfer",
                &format!("club={CLUB_A}&id={id}&answer=object&reason=+"),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        let r = a
            .call(
                "answer_transfer",
                &format!(
                    "club={CLUB_A}&id={id}&answer=object&reason={}",
                    "x".repeat(1001)
                ),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        let r = a
            .call(
                "answer_transfer",
                &format!(
                    "club={CLUB_A}&id={id}&answer=object&reason={}",
                    enc(HOSTILE)
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        // Answering twice: the transfer is past that step.
        let r = a
            .call(
                "answer_transfer",
                &format!("club={CLUB_A}&id={id}&answer=release"),
            )
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        // The pages show the reason as text, never as markup.
        for (c, path) in [(&mut a, format!("/c/{CLUB_A}/transfers"))] {
            let page = c.get(&path).await;
            assert_eq!(page.status, 200);
            assert!(!page.body.contains("<script>alert(1)"), "{path}");
            assert!(
                page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{path}"
            );
        }
        let mut f = Client::new(&s);
        f.sign_in(&account("federation")).await;
        let page = f.get("/f/bsf/transfers").await;
        assert!(!page.body.contains("<script>alert(1)"));
        assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // The mail quotes it as plain text; an HTML part, if any, escapes it.
        let mail = mail_containing(&s.mail_dir, &account("federation"), &[HOSTILE]).await;
        if mail.contains("text/html") {
            assert!(!mail.contains("<script>alert(1)"), "{mail}");
        }
        // The federation decides: a refusal needs a reason, then refuses; history kept.
        let r = f
            .call(
                "decide_transfer",
                &format!("federation=bsf&id={id}&decision=refuse&reason="),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        let r = f
            .call(
                "decide_transfer",
                &format!(
                    "federation=bsf&id={id}&decision=refuse&reason={}",
                    enc(HOSTILE)
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let fed = federation_scope(&s).await;
        let state = tessera_core::transfers::state(&s.db.db, &fed, id)
            .await
            .unwrap();
        assert_eq!(state.status, "refused");
        assert_eq!(
            state.steps,
            vec![
                ("asked_by_member".to_string(), None),
                ("objected".to_string(), Some(HOSTILE.to_string())),
                ("refused".to_string(), Some(HOSTILE.to_string())),
            ]
        );
        // Unknown or malformed ids: not found.
        for bad in ["abc", "999999999999"] {
            let r = f
                .call(
                    "decide_transfer",
                    &format!("federation=bsf&id={bad}&decision=approve"),
                )
                .await;
            assert_eq!(r.status, 404, "{bad}: {}", r.body);
        }
        // A club of another federation reaches none of it.
        let make = |kind: TenantKind, slug: &'static str, parent: tessera_common::TenantId| {
            let db = s.db.db.clone();
            let now = s.shared.clock.now();
            async move {
                tessera_core::tenants::create(
                    &db,
                    &tessera_core::scope::Actor::system("test"),
                    now,
                    tessera_core::tenants::NewTenant {
                        parent: Some(parent),
                        kind,
                        slug: slug.into(),
                        name: format!("Harness {slug}"),
                        city: None,
                        primary_color: "#1f4e79".into(),
                        accent_color: "#f2a900".into(),
                        default_lang: tessera_common::Lang::Nl,
                        plan: (kind == TenantKind::Club).then(|| "standard".into()),
                    },
                )
                .await
                .unwrap()
            }
        };
        let op = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Operator, "platform")
            .await
            .unwrap()
            .unwrap();
        let fed_x = make(TenantKind::Federation, "harness-fed-x", op.id).await;
        make(TenantKind::Club, "harness-lone", fed_x.id).await;
        let lone = club_scope(&s, "harness-lone").await;
        let sys = tessera_core::scope::Actor::system("test");
        let now = s.shared.clock.now();
        let admin = tessera_core::identities::create(
            &s.db.db,
            &sys,
            now,
            "harness.lone@example.be",
            "Lone Admin",
            Some(PW.into()),
        )
        .await
        .unwrap();
        tessera_core::roles::grant_admin(&s.db.db, &lone, &sys, now, admin)
            .await
            .unwrap();
        let mut x = Client::new(&s);
        x.sign_in("harness.lone@example.be").await;
        let page = x.get("/c/harness-lone/transfers").await;
        assert_eq!(page.status, 200);
        assert!(
            !page.body.contains(&p.1),
            "another federation's club sees nothing"
        );
        let r = x
            .call(
                "answer_transfer",
                &format!("club=harness-lone&id={id}&answer=release"),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        let other = licensed_free(&s, CLUB_A).await;
        let q = other.first().unwrap();
        let r = x
            .call(
                "ask_transfer",
                &format!(
                    "club=harness-lone&licence_number={}&birth_date={}",
                    enc(&q.1),
                    q.2
                ),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        // The federation's page is the federation's only.
        let r = a.get("/f/bsf/transfers").await;
        assert_eq!(r.status, 404);
        let r = a.call("fed_transfers", "federation=bsf").await;
        assert_eq!(r.status, 404);
    }
}

#[tokio::test]
async fn twenty_identical_asks_at_once_leave_one_transfer() {
    for s in servers().await {
        let target = licensed_free(&s, CLUB_B).await.into_iter().next().unwrap();
        let mut a = Client::new(&s);
        a.sign_in(&account("admin.kempenvlug")).await;
        let args = format!(
            "club={CLUB_A}&licence_number={}&birth_date={}",
            enc(&target.1),
            target.2
        );
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let mut c = a.clone();
            let args = args.clone();
            set.spawn(async move { c.call("ask_transfer", &args).await.status });
        }
        let mut statuses = Vec::new();
        while let Some(r) = set.join_next().await {
            statuses.push(r.unwrap());
        }
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            1,
            "{statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| matches!(s, 200 | 409)),
            "{statuses:?}"
        );
        let fed = federation_scope(&s).await;
        let mut tx = s.db.db.tenant_read(&fed).await.unwrap();
        let (n,): (i64,) = tx
            .fetch_one(
                "SELECT count(*) FROM transfers WHERE tenant_id = $1 AND from_member = $2",
                tessera_core::args![target.0],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(n, 1);
    }
}
