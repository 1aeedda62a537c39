//! Health-insurer certificates and season renewal over HTTP (issue 20), on SQLite and
//! PostgreSQL: a parent downloads their child's certificate for a paid season (a PDF
//! naming the child and the amount, logged in the export register); their own unpaid
//! season is refused with the reason; someone else's record and another club's answer
//! 404; the signature upload checks the image by its bytes, under its own body limit, and
//! needs fees.manage; hostile text in the officer's name is echoed escaped.

use super::*;
use tessera_common::{MemberId, Msg};
use tessera_core::renewal::{self, stand_in};

fn club_a_scope(club: tessera_core::tenants::TenantRecord) -> tessera_core::scope::TenantScope {
    tessera_core::scope::TenantScope::for_system_task(
        &tessera_core::jobs::SystemTask::command_line(),
        club,
    )
}

async fn scope_a(s: &Server) -> tessera_core::scope::TenantScope {
    let club = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    club_a_scope(club)
}

/// What the harness's fixture needs of this feature in club A: a season no renewal was
/// opened into yet (`renewal_season`), 2031-2032.
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    let scope = scope_a(s).await;
    let sys = tessera_core::scope::Actor::system("test");
    let now = s.shared.clock.now();
    let mut tx = s.db.db.tenant_write(&scope, &sys, now).await.unwrap();
    let name = format!("Harness renewal {}", tessera_core::ids::new_id());
    let season = stand_in::season(&mut tx, &name, "2031-07-01", "2032-06-30", false, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    vec![("renewal_season", season.to_string())]
}

/// The record linked to member.kempenvlug, their first minor child, and another member of
/// the club who is neither.
async fn family(s: &Server) -> (i64, i64, i64) {
    let scope = scope_a(s).await;
    let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
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
    let (other,): (i64,) = tx
        .fetch_one(
            "SELECT id FROM members WHERE tenant_id = $1 AND id <> $2 AND id NOT IN \
             (SELECT child_id FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2) \
             ORDER BY id LIMIT 1",
            tessera_core::args![me],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (me, child, other)
}

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

/// The page shows `msg` in one of the languages (the page's is the club's default).
fn shows(body: &str, msg: Msg) -> bool {
    tessera_common::Lang::ALL
        .into_iter()
        .any(|l| body.contains(&msg.text(l).replace('\'', "&#x27;")))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A past season in club A, paid for `child` (125,00 EUR on 14 August 2025) and open for
/// `me`; its id.
async fn paid_season(s: &Server, me: i64, child: i64) -> i64 {
    let scope = scope_a(s).await;
    let sys = tessera_core::scope::Actor::system("test");
    let now = s.shared.clock.now();
    let mut tx = s.db.db.tenant_write(&scope, &sys, now).await.unwrap();
    let name = format!("Harness {}", tessera_core::ids::new_id() % 100_000);
    let season = stand_in::season(&mut tx, &name, "2024-07-01", "2025-06-30", false, now)
        .await
        .unwrap();
    stand_in::invoice(
        &mut tx,
        season,
        MemberId(child),
        MemberId(me),
        "Harness parent",
        12_500,
        "paid",
        "2024-08-01",
        Some("2025-08-14"),
        now,
    )
    .await
    .unwrap();
    stand_in::invoice(
        &mut tx,
        season,
        MemberId(me),
        MemberId(me),
        "Harness parent",
        15_000,
        "open",
        "2024-08-01",
        None,
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    season
}

#[tokio::test]
async fn a_parent_downloads_the_certificate_of_a_paid_season_only() {
    for s in servers().await {
        a_parent_downloads_the_certificate_of_a_paid_season_only_on(s).await;
    }
}

async fn a_parent_downloads_the_certificate_of_a_paid_season_only_on(s: Server) {
    let (me, child, other) = family(&s).await;
    let season = paid_season(&s, me, child).await;
    let scope = scope_a(&s).await;
    let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
    let (given, family_name): (String, String) = tx
        .fetch_one(
            "SELECT given_name, family_name FROM members WHERE tenant_id = $1 AND id = $2",
            tessera_core::args![child],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut m = Client::new(&s);
    m.sign_in(&account("member.kempenvlug")).await;
    // Their own page offers the child's paid season, not their own open one.
    let page = m.get(&format!("/c/{CLUB_A}/me")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("data-testid=\"certificates\""),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains(&format!("name=\"child\" value=\"{child}\"")));
    assert!(page
        .body
        .contains(&format!("name=\"season\" value=\"{season}\"")));
    let path = format!("/c/{CLUB_A}/me/certificate");
    let (status, headers, body) =
        post_bytes(&m, &path, &format!("season={season}&child={child}")).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert_eq!(header(&headers, "content-type"), Some("application/pdf"));
    assert_eq!(header(&headers, "cache-control"), Some("private, no-store"));
    assert!(header(&headers, "content-disposition").is_some_and(
        |d| d.starts_with("attachment; filename=\"vc-kempenvlug-herentals-certificate-")
    ));
    let text = renewal::pdf_text(&body);
    assert!(text.contains(&format!("{given} {family_name}")), "{text}");
    assert!(text.contains("125.00") || text.contains("125,00"), "{text}");
    // Logged: an export of the child's data, by the parent.
    let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT COUNT(*) FROM export_register r JOIN export_register_members e \
             ON e.tenant_id = r.tenant_id AND e.export_id = r.id \
             WHERE r.tenant_id = $1 AND r.kind = 'certificate' AND e.member_id = $2",
            tessera_core::args![child],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(n, 1);
    // Their own season is not paid: a clear refusal, no PDF.
    let (status, _, body) = post_bytes(&m, &path, &format!("season={season}&child=")).await;
    let body = String::from_utf8_lossy(&body);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("not paid"), "{body}");
    assert!(!body.starts_with("%PDF"));
    // Someone else's record, a season id that is no season, hostile ids: not found.
    for form in [
        format!("season={season}&child={other}"),
        format!("season=1&child={child}"),
        format!("season=%3Cscript%3E&child={child}"),
        format!("season={season}&child=%27%20OR%201%3D1"),
    ] {
        let (status, _, body) = post_bytes(&m, &path, &form).await;
        assert_eq!(status, 404, "{form}");
        assert!(!String::from_utf8_lossy(&body).contains("<script>"));
    }
    // Another club's member and the anonymous: nothing.
    let mut outsider = Client::new(&s);
    outsider.sign_in(&account("admin.confluent")).await;
    let (status, _, _) =
        post_bytes(&outsider, &path, &format!("season={season}&child={child}")).await;
    assert_eq!(status, 404);
    let anon = Client::new(&s);
    let (status, headers, body) =
        post_bytes(&anon, &path, &format!("season={season}&child={child}")).await;
    assert!(matches!(status, 303 | 401), "{status}");
    assert!(!body.starts_with(b"%PDF"));
    if status == 303 {
        assert!(header(&headers, "location").is_some_and(|l| l.starts_with("/login")));
    }
    // A GET is no download (a logged act is a POST).
    assert_ne!(m.get(&path).await.status, 200);
}

#[tokio::test]
async fn the_signature_is_checked_by_its_bytes_and_needs_fees_manage() {
    for s in servers().await {
        the_signature_is_checked_by_its_bytes_and_needs_fees_manage_on(s).await;
    }
}

async fn the_signature_is_checked_by_its_bytes_and_needs_fees_manage_on(s: Server) {
    // The demo has a signature: start without one.
    let scope = scope_a(&s).await;
    let sys = tessera_core::scope::Actor::system("test");
    let mut tx =
        s.db.db
            .tenant_write(&scope, &sys, s.shared.clock.now())
            .await
            .unwrap();
    tx.execute(
        "DELETE FROM certificate_settings WHERE tenant_id = $1",
        tessera_core::args![],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    let path = format!("/c/{CLUB_A}/fees/certificates/signature");
    // A script named .png: refused by its bytes, back to the page with the reason.
    let r = admin
        .upload(&path, "signature", "sig.png", b"<script>alert(1)</script>")
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let back = r.header("location").unwrap().to_string();
    assert!(back.contains("signature_error"), "{back}");
    let page = admin.get(&back).await;
    assert!(
        page.body.contains("data-testid=\"signature-error\""),
        "{}",
        page.body
    );
    assert!(
        shows(&page.body, Msg::CertErrSignatureType),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<script>alert(1)"));
    // Over the limit: refused without storing.
    let big = vec![0x89u8; renewal::signature::MAX_BYTES + 10];
    let r = admin.upload(&path, "signature", "big.png", &big).await;
    assert!(matches!(r.status, 303 | 413), "{}", r.status);
    let page = admin.get(&format!("/c/{CLUB_A}/fees/certificates")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(shows(&page.body, Msg::CertSignatureNone));
    // A real PNG: stored.
    let r = admin
        .upload(
            &path,
            "signature",
            "sig.png",
            &renewal::signature::sample_png(120, 40),
        )
        .await;
    assert_eq!(r.status, 303);
    assert!(r.header("location").unwrap().ends_with("?done=signature"));
    let page = admin.get(&format!("/c/{CLUB_A}/fees/certificates")).await;
    assert!(shows(&page.body, Msg::CertSignatureStored), "{}", page.body);
    // The officer's name with hostile text: stored as typed, shown escaped.
    let r = admin
        .call(
            "save_certificate_officer",
            &format!(
                "club={CLUB_A}&officer_name=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E&officer_role=Secretary&version=0"
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = admin.get(&format!("/c/{CLUB_A}/fees/certificates")).await;
    assert!(
        page.body.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<img src=x onerror"));
    // A plain member: forbidden; another club's administrator: not found.
    let mut member = Client::new(&s);
    member.sign_in(&account("member.kempenvlug")).await;
    let png = renewal::signature::sample_png(60, 20);
    let r = member.upload(&path, "signature", "sig.png", &png).await;
    assert_eq!(r.status, 403, "{}", r.body);
    let mut outsider = Client::new(&s);
    outsider.sign_in(&account("admin.confluent")).await;
    let r = outsider.upload(&path, "signature", "sig.png", &png).await;
    assert_eq!(r.status, 404, "{}", r.body);
}

#[tokio::test]
async fn a_member_renews_through_the_mailed_link_without_script_and_renewal_opens_once() {
    for s in servers().await {
        a_member_renews_through_the_mailed_link_on(s).await;
    }
}

async fn a_member_renews_through_the_mailed_link_on(s: Server) {
    let (me, _, _) = family(&s).await;
    let season = fixture_values(&s).await[0].1.clone();
    let scope = scope_a(&s).await;
    let sys = tessera_core::scope::Actor::system("test");
    let kind = format!("Harness renew {}", tessera_core::ids::new_id() % 100_000);
    let mut tx =
        s.db.db
            .tenant_write(&scope, &sys, s.shared.clock.now())
            .await
            .unwrap();
    tx.execute(
        "UPDATE members SET membership_type = $3, status = 'active' WHERE tenant_id = $1 AND id = $2",
        tessera_core::args![me, kind.clone()],
    )
    .await
    .unwrap();
    let (email, given): (String, String) = tx
        .fetch_one(
            "SELECT email, given_name FROM members WHERE tenant_id = $1 AND id = $2",
            tessera_core::args![me],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    let form = format!(
        "club={CLUB_A}&season={season}&ends_on=2031-08-31&membership_type={}",
        kind.replace(' ', "+")
    );
    let r = admin.call("open_renewal", &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Opened twice: a clear refusal, nothing changed.
    let r = admin.call("open_renewal", &form).await;
    assert_eq!(r.status, 409, "{}", r.body);
    let page = admin.get(&format!("/c/{CLUB_A}/fees/renewal")).await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("data-testid=\"renewal-row\" data-state=\"pending\""));
    // The mailed link, opened without a session and without script.
    let mail = mail_to(&s.mail_dir, &email).await;
    let at = mail.find("/renew/").expect("a renewal link");
    let token: String = mail[at + 7..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let mut anon = Client::new(&s);
    let link = format!("/c/{CLUB_A}/renew/{token}");
    let page = anon.get(&link).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("data-testid=\"renewal-confirm\""));
    assert!(page.body.contains(&given));
    assert!(page.body.contains("action=\"/api/answer_renewal\""));
    let r = anon
        .call(
            "answer_renewal",
            &format!("club={CLUB_A}&token={token}&decision=renew"),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = anon.get(&format!("{link}?answered=renewed")).await;
    assert!(
        page.body.contains("data-testid=\"renewal-done\""),
        "{}",
        page.body
    );
    // Answered once.
    let r = anon
        .call(
            "answer_renewal",
            &format!("club={CLUB_A}&token={token}&decision=leave"),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    // A made-up or hostile token: the one refusal, nothing echoed.
    for bad in [
        "x".repeat(43),
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
    ] {
        let page = anon.get(&format!("/c/{CLUB_A}/renew/{bad}")).await;
        assert_eq!(page.status, 400, "{bad}");
        assert!(!page.body.contains("<script>alert(1)"));
    }
    // The secretary sees who renewed.
    let page = admin.get(&format!("/c/{CLUB_A}/fees/renewal")).await;
    assert!(
        page.body.contains("data-state=\"renewed\""),
        "{}",
        page.body
    );
}
