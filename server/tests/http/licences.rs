//! Licences over HTTP (issue 18), on both databases: a club requests a licence for a
//! member, the federation approves it, the member sees it on My details; the federation's
//! pages show no restricted person; hostile text in a reason comes back escaped; bad input
//! is a clear 4xx with nothing stored.

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

/// The placeholders of the harness for licences: the demo federation's current season
/// (`fed_season`) and its recreational category (`fed_category`), a requested licence of
/// club A (`licence`, the demo leaves some pending) and a member of club A not licensed
/// yet (`licensee`).
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    let db = &s.db.db;
    let fed = scope_of(s, TenantKind::Federation, "bsf").await;
    let o = tessera_core::licences::overview(
        db,
        &fed,
        s.shared.clock.now(),
        &tessera_common::licence::FedLicenceFilter {
            season: String::new(),
            status: "requested".into(),
        },
    )
    .await
    .unwrap();
    let season = o.seasons.first().expect("the demo's seasons").id;
    let category = o
        .categories
        .iter()
        .find(|c| c.name == "Recreational")
        .expect("the demo's categories")
        .id;
    let club = scope_of(s, TenantKind::Club, CLUB_A).await;
    let club_name = club.tenant().name.clone();
    let licence = o
        .licences
        .iter()
        .find(|l| l.club == club_name)
        .expect("a pending licence of club A")
        .id;
    let licensee = tessera_core::members::create(
        db,
        &club,
        &Actor::system("test"),
        s.shared.clock.now(),
        tessera_core::members::NewMember {
            given_name: "Lieve".into(),
            family_name: "Licentie".into(),
            birth_date: Some("1991-02-03".into()),
            status: Some(tessera_common::dto::MemberStatus::Active),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    vec![
        ("fed_season", season.to_string()),
        ("fed_category", category.to_string()),
        ("licence", licence.to_string()),
        ("licensee", licensee.0.to_string()),
    ]
}

/// The id of club A's member linked to the demo member account.
async fn linked_member(s: &Server) -> i64 {
    let club = scope_of(s, TenantKind::Club, CLUB_A).await;
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

#[tokio::test]
async fn a_club_requests_the_federation_approves_and_the_member_sees_the_licence() {
    for s in servers().await {
        let v: std::collections::HashMap<&str, String> =
            fixture_values(&s).await.into_iter().collect();
        let member = linked_member(&s).await;
        let mut club = Client::new(&s);
        club.sign_in(&account("admin.kempenvlug")).await;
        let mut fed = Client::new(&s);
        fed.sign_in(&account("federation")).await;
        let mut me = Client::new(&s);
        me.sign_in(&account("member.kempenvlug")).await;

        // The pages answer, in the navigation too.
        let page = club.get(&format!("/c/{CLUB_A}/licences")).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("data-testid=\"licence-request\""));
        assert!(page
            .body
            .contains(&format!("href=\"/c/{CLUB_A}/licences\"")));
        let page = fed.get("/f/bsf/licences").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("data-testid=\"fed-licences\""));
        // Federation staff reach no club page, a club admin no federation page.
        assert_eq!(fed.get(&format!("/c/{CLUB_A}/licences")).await.status, 404);
        assert_eq!(club.get("/f/bsf/licences").await.status, 404);

        // Bad input: no one ticked, an unknown season, a field outside the terms.
        let base = format!(
            "club={CLUB_A}&federation=bsf&season={}&category={}",
            v["fed_season"], v["fed_category"]
        );
        let r = club.call("request_licences", &base).await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(
            said(&r.body).contains("Select at least one member"),
            "{}",
            said(&r.body)
        );
        let r = club
            .call(
                "request_licences",
                &format!("{base}&ids[]={}&fed[nope]=%3Cscript%3E", v["licensee"]),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(
            said(&r.body).contains("not in the sharing terms"),
            "{}",
            said(&r.body)
        );

        // The member requests (the demo may have licensed them already: then skipped).
        let r = club
            .call("request_licences", &format!("{base}&ids[]={member}"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        // The federation finds it and approves it.
        let list = fed
            .call(
                "fed_licences",
                &format!("federation=bsf&season={}&status=", v["fed_season"]),
            )
            .await;
        assert_eq!(list.status, 200);
        let o: tessera_common::licence::FedLicences = serde_json::from_str(&list.body).unwrap();
        let ours = o
            .licences
            .iter()
            .find(|l| l.club == "VC Kempenvlug Herentals" && l.status != "refused")
            .expect("a licence of club A");
        assert!(o.licences.len() as i64 <= o.total);
        // A hostile reason is stored as text and shown escaped.
        let r = fed
            .call(
                "decide_licences",
                &format!(
                    "federation=bsf&action=refuse&reason=%3Cscript%3Ealert(1)%3C%2Fscript%3E&ids[]={}",
                    v["licence"]
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let page = fed.get("/f/bsf/licences?status=refused").await;
        assert!(!page.body.contains("<script>alert(1)"));
        assert!(page.body.contains("&lt;script&gt;alert(1)"));
        // Refusing needs a reason.
        let r = fed
            .call(
                "decide_licences",
                &format!("federation=bsf&action=refuse&reason=&ids[]={}", ours.id),
            )
            .await;
        assert_eq!(r.status, 400);
        // Approving the member's licence (when still requested).
        if ours.status == "requested" {
            let r = fed
                .call(
                    "decide_licences",
                    &format!("federation=bsf&action=approve&reason=&ids[]={}", ours.id),
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
        // The club sees the status; the member sees their own licence on My details.
        let r = club.call("club_licences", &format!("club={CLUB_A}")).await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains("\"status\":\"approved\""), "{}", r.body);
        let mine = me.call("my_licences", &format!("club={CLUB_A}")).await;
        assert_eq!(mine.status, 200);
        let list: Vec<tessera_common::licence::MyLicence> =
            serde_json::from_str(&mine.body).unwrap();
        assert!(!list.is_empty(), "{}", mine.body);
        assert!(list
            .iter()
            .all(|l| tessera_core::licences::numbers::is_valid(&l.licence_number)));
        let page = me.get(&format!("/c/{CLUB_A}/me")).await;
        assert!(page.body.contains("data-testid=\"my-licences\""));
        assert!(page.body.contains(&list[0].licence_number));
        // Another club's admin sees none of club A's licences.
        let mut other = Client::new(&s);
        other.sign_in(&account("admin.confluent")).await;
        let r = other
            .call("club_licences", "club=rfc-confluent-namur")
            .await;
        assert_eq!(r.status, 200);
        assert!(!r.body.contains("Kempenvlug"));
    }
}
