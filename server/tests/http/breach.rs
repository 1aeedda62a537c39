//! The breach register, the sub-processors and the record of processing over HTTP, on both
//! databases: the operator records an incident and notifies a club, the club's
//! administrator sees the banner, acknowledges it and records the follow-up; the 14-day
//! objection window on the server's clock; bad input answered with a clear 4xx and nothing
//! stored; clubs and the operator kept apart.

use super::*;
use tessera_core::jobs::SystemTask;
use tessera_core::scope::TenantScope;

async fn system_scope(s: &Server, kind: TenantKind, slug: &str) -> TenantScope {
    let t = tessera_core::tenants::find_by_slug(&s.db.db, kind, slug)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::command_line(), t)
}

/// The placeholders of the cross-tenant harness for this feature: the seeded breach of
/// club A, the seeded incident, a sub-processor and the open change.
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    let now = s.shared.clock.now();
    let club = system_scope(s, TenantKind::Club, CLUB_A).await;
    let op = system_scope(s, TenantKind::Operator, "platform").await;
    let reg = tessera_core::breaches::club_breaches(&s.db.db, &club, now)
        .await
        .unwrap();
    let b = reg.breaches.first().expect("the demo's breach");
    let view = tessera_core::breaches::operator_privacy(&s.db.db, &op, now)
        .await
        .unwrap();
    let open = view
        .changes
        .iter()
        .find(|c| c.open)
        .expect("the demo's open change");
    vec![
        ("breach", b.id.to_string()),
        ("breach_version", b.version.to_string()),
        ("incident", view.incidents[0].id.to_string()),
        ("subprocessor", view.subprocessors[0].id.to_string()),
        ("sp_change", open.id.to_string()),
    ]
}

fn enc(s: &str) -> String {
    tessera_app::components::urlencode(s)
}

fn facts(discovered: &str, nature: &str) -> String {
    format!(
        "discovered_at={}&nature={}&categories=names&people_count=12&records_count=30&consequences=phishing&measures=reset",
        enc(discovered),
        enc(nature)
    )
}

/// A form post that succeeded: a redirect to the page named by the server, without an error.
fn assert_done(r: &Resp) {
    let location = r.header("location").unwrap_or("");
    assert!(
        matches!(r.status, 302 | 303) && !location.contains("__err"),
        "{} {location} {}",
        r.status,
        r.body
    );
}

const HOSTILE: &str = "<script>alert('x')</script><img src=x onerror=alert(1)>";

#[tokio::test]
async fn the_operator_notifies_a_club_whose_admin_acknowledges_and_follows_up() {
    for s in servers().await {
        the_operator_notifies_a_club_whose_admin_acknowledges_and_follows_up_on(s).await;
    }
}

async fn the_operator_notifies_a_club_whose_admin_acknowledges_and_follows_up_on(s: Server) {
    let tz = "Europe/Brussels";
    let mut op = Client::new(&s);
    op.sign_in(&account("operator")).await;
    let discovered = Timestamp(op.now().0 - 2 * 3_600_000).local_input(tz);
    let r = form_post(
        &mut op,
        "record_incident",
        "/",
        &format!("{}&clubs[]={CLUB_A}", facts(&discovered, HOSTILE)),
    )
    .await;
    assert_done(&r);
    let page = op.get("/admin/privacy").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("data-testid=\"clock\""),
        "the 72-hour clock is shown"
    );
    assert!(
        page.body.contains("69 h") || page.body.contains("69 u") || page.body.contains("70 h"),
        "about 70 hours left"
    );
    assert!(!page.body.contains(HOSTILE) && page.body.contains("&lt;script&gt;"));
    let incident = page
        .body
        .split("name=\"incident\" value=\"")
        .nth(1)
        .and_then(|x| x.split('"').next())
        .expect("a notify form")
        .to_string();
    // The club's administrator sees nothing yet.
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    let home = admin.get(&format!("/c/{CLUB_A}")).await;
    assert!(!home.body.contains("data-testid=\"breach-banner\""));
    let r = form_post(
        &mut op,
        "notify_incident_club",
        "/",
        &format!("incident={incident}&club={CLUB_A}"),
    )
    .await;
    assert_done(&r);
    let page = op.get("/admin/privacy").await;
    assert!(page.body.contains("data-testid=\"notified\""));
    // The banner, escaped, until acknowledged; a plain member never sees it.
    let home = admin.get(&format!("/c/{CLUB_A}")).await;
    assert!(
        home.body.contains("data-testid=\"breach-banner\""),
        "{}",
        home.body
    );
    assert!(!home.body.contains(HOSTILE));
    let mut member = Client::new(&s);
    member.sign_in(&account("member.kempenvlug")).await;
    let home_m = member.get(&format!("/c/{CLUB_A}")).await;
    assert_eq!(home_m.status, 200);
    assert!(!home_m.body.contains("breach-banner"));
    assert_eq!(
        member
            .get(&format!("/c/{CLUB_A}/privacy/breaches"))
            .await
            .status,
        403
    );
    let reg = admin.call("club_breaches", &format!("club={CLUB_A}")).await;
    let id = reg
        .body
        .split("\"id\":")
        .nth(1)
        .and_then(|x| x.split(',').next())
        .unwrap()
        .to_string();
    let r = form_post(
        &mut admin,
        "acknowledge_breach",
        "/",
        &format!("club={CLUB_A}&id={id}"),
    )
    .await;
    assert_done(&r);
    let home = admin.get(&format!("/c/{CLUB_A}")).await;
    assert!(!home.body.contains("data-testid=\"breach-banner\""));
    // The follow-up: the authority notified an hour ago, the people not, with a reason.
    let page = admin.get(&format!("/c/{CLUB_A}/privacy/breaches")).await;
    assert_eq!(page.status, 200);
    let version = page
        .body
        .split(&format!("name=\"id\" value=\"{id}\""))
        .nth(1)
        .and_then(|x| x.split("name=\"version\" value=\"").nth(1))
        .and_then(|x| x.split('"').next())
        .expect("the follow-up form")
        .to_string();
    let at = Timestamp(admin.now().0 - 3_600_000).local_input(tz);
    let r = form_post(&mut admin, "breach_follow_up", "/",
            &format!(
                "club={CLUB_A}&id={id}&version={version}&authority=yes&authority_at={}&people=no&people_reason={}",
                enc(&at),
                enc(HOSTILE)
            ),
        )
        .await;
    assert_done(&r);
    let page = admin.get(&format!("/c/{CLUB_A}/privacy/breaches")).await;
    assert!(
        page.body
            .contains("data-testid=\"authority\">verwittigd op")
            || page.body.contains("data-testid=\"authority\">notified on"),
        "{}",
        page.body
    );
    assert!(!page.body.contains(HOSTILE));
    // The record of processing renders, and its print version.
    let hub = admin.get(&format!("/c/{CLUB_A}/privacy")).await;
    assert_eq!(hub.status, 200);
    assert!(hub.body.contains("data-testid=\"processing-record\""));
    assert!(hub.body.contains("privacy-link-breaches"));
    assert!(hub.body.contains("Hetzner"));
    let print = admin.get(&format!("/c/{CLUB_A}/privacy/record")).await;
    assert_eq!(print.status, 200);
    assert!(print.body.contains("data-testid=\"processing-record\""));
    assert!(!print.body.contains("class=\"sidebar\""));
}

#[tokio::test]
async fn bad_input_and_other_tenants_get_a_clear_4xx_and_nothing_is_stored() {
    for s in servers().await {
        bad_input_and_other_tenants_get_a_clear_4xx_and_nothing_is_stored_on(s).await;
    }
}

async fn bad_input_and_other_tenants_get_a_clear_4xx_and_nothing_is_stored_on(s: Server) {
    let tz = "Europe/Brussels";
    let fixture = fixture_values(&s).await;
    let value = |k: &str| fixture.iter().find(|(n, _)| *n == k).unwrap().1.clone();
    let mut admin = Client::new(&s);
    admin.sign_in(&account("admin.kempenvlug")).await;
    let count = |body: &str| body.matches("\"discovered_at\"").count();
    let before = count(
        &admin
            .call("club_breaches", &format!("club={CLUB_A}"))
            .await
            .body,
    );
    let future = Timestamp(admin.now().0 + 3_600_000).local_input(tz);
    let past = Timestamp(admin.now().0 - 3_600_000).local_input(tz);
    for (body, field) in [
        (facts(&future, "x"), "discovered_at"),
        (
            facts(&past, "x").replace("people_count=12", "people_count=-5"),
            "people_count",
        ),
        (
            facts(&past, "x").replace("records_count=30", "records_count=abc"),
            "records_count",
        ),
        (facts(&past, &"x".repeat(4001)), "nature"),
        (facts(&past, " "), "nature"),
    ] {
        let r = admin
            .call("record_breach", &format!("club={CLUB_A}&{body}"))
            .await;
        assert_eq!(r.status, 400, "{field}: {}", r.body);
        assert!(r.body.contains(field), "{field}: {}", r.body);
    }
    // A huge body is refused before it is read.
    let r = admin
        .call(
            "record_breach",
            &format!("club={CLUB_A}&{}", facts(&past, &"x".repeat(3_000_000))),
        )
        .await;
    assert!(matches!(r.status, 400 | 413), "{}", r.status);
    let after = count(
        &admin
            .call("club_breaches", &format!("club={CLUB_A}"))
            .await
            .body,
    );
    assert_eq!(before, after, "nothing stored");
    // Another club's administrator: club A's breach is not found, through their own club too.
    let mut other = Client::new(&s);
    other.sign_in(&account("admin.confluent")).await;
    let breach = value("breach");
    for (endpoint, args) in [
        ("acknowledge_breach", format!("club={CLUB_B}&id={breach}")),
        (
            "breach_follow_up",
            format!("club={CLUB_B}&id={breach}&version=1&authority=&people="),
        ),
        ("acknowledge_breach", format!("club={CLUB_A}&id={breach}")),
    ] {
        let r = other.call(endpoint, &args).await;
        assert_eq!(r.status, 404, "{endpoint}: {}", r.body);
    }
    // A club administrator is not the operator.
    for (endpoint, args) in [
        ("operator_privacy", String::new()),
        (
            "record_incident",
            format!("{}&clubs[]={CLUB_B}", facts(&past, "x")),
        ),
        (
            "notify_incident_club",
            format!("incident={}&club={CLUB_A}", value("incident")),
        ),
        (
            "remove_subprocessor",
            format!("id={}", value("subprocessor")),
        ),
    ] {
        let r = admin.call(endpoint, &args).await;
        assert_eq!(r.status, 404, "{endpoint}: {}", r.body);
    }
    assert_eq!(admin.get("/admin/privacy").await.status, 404);
    // The operator: an incident without clubs, or naming a federation, is refused.
    let mut op = Client::new(&s);
    op.sign_in(&account("operator")).await;
    for clubs in ["", "&clubs[]=bsf", "&clubs[]=no-such-club"] {
        let r = op
            .call("record_incident", &format!("{}{clubs}", facts(&past, "x")))
            .await;
        assert_eq!(r.status, 400, "{clubs}: {}", r.body);
    }
    let r = op
        .call(
            "save_subprocessor",
            "id=&name=X&location=EU&service=Y&since=2999-01-01",
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    // Objections: once, within 14 days; afterwards closed with a clear message.
    let change = value("sp_change");
    let r = admin
        .call(
            "object_subprocessor_change",
            &format!("club={CLUB_A}&change={change}&reason={}", enc(HOSTILE)),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = admin
        .call(
            "object_subprocessor_change",
            &format!("club={CLUB_A}&change={change}&reason=again"),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    let page = op.get("/admin/privacy").await;
    assert!(page.body.contains("data-testid=\"objection\""));
    assert!(!page.body.contains(HOSTILE));
    s.shared.clock.advance_secs(15 * 86_400);
    let mut op = Client::new(&s);
    op.sign_in(&account("operator")).await;
    let mut late = Client::new(&s);
    late.sign_in(&account("admin.confluent")).await;
    let r = late
        .call(
            "object_subprocessor_change",
            &format!("club={CLUB_B}&change={change}&reason=late"),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("ErrObjectionClosed"), "{}", r.body);
    let page = op.get("/admin/privacy").await;
    assert_eq!(page.body.matches("data-testid=\"objection\"").count(), 1);
}
