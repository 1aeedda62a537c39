//! Duplicate records over HTTP (issue 19), on both databases: staff adding a
//! possible duplicate see it (hostile names escaped) and proceed only explicitly; the merge
//! page shows both records escaped; a merge with another club's record or with itself is
//! refused and changes nothing; a deletion leaves its stamp in the event log. The harness
//! placeholders of the feature's server functions come from [`fixture_values`].

use super::*;
use tessera_core::jobs::SystemTask;
use tessera_core::scope::{Actor, TenantScope};

const HOSTILE_GIVEN: &str = "<script>alert(1)</script>";
const HOSTILE_FAMILY: &str = "O\"Neil'</textarea>";

async fn system_scope(s: &Server, slug: &str) -> TenantScope {
    let t = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, slug)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::command_line(), t)
}

async fn add(
    s: &Server,
    scope: &TenantScope,
    given: &str,
    family: &str,
    birth: &str,
    email: &str,
) -> tessera_common::MemberId {
    tessera_core::members::create_from_input(
        &s.db.db,
        scope,
        &Actor::system("test"),
        s.shared.clock.now(),
        &tessera_core::members::MemberInput {
            given_name: given.into(),
            family_name: family.into(),
            birth_date: birth.into(),
            email: email.into(),
            status: "active".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

async fn version(s: &Server, scope: &TenantScope, id: tessera_common::MemberId) -> i64 {
    tessera_core::members::get(&s.db.db, scope, id)
        .await
        .unwrap()
        .version
}

/// The placeholders of the cross-tenant harness for this feature: two similar records to
/// merge, a minor and an adult to link, a record to delete (all in club A).
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    let a = system_scope(s, CLUB_A).await;
    let keep = add(s, &a, "Harness", "Dupe", "1995-01-01", "").await;
    let remove = add(s, &a, "Harness", "Dupee", "1995-01-01", "").await;
    let child = add(s, &a, "Harness", "Child", "2016-01-01", "").await;
    let adult = add(s, &a, "Harness", "Adult", "1980-01-01", "").await;
    let delete = add(s, &a, "Harness", "Gone", "1970-01-01", "").await;
    vec![
        ("dup_keep", keep.to_string()),
        ("dup_keep_version", version(s, &a, keep).await.to_string()),
        ("dup_remove", remove.to_string()),
        (
            "dup_remove_version",
            version(s, &a, remove).await.to_string(),
        ),
        ("dup_child", child.to_string()),
        ("dup_adult", adult.to_string()),
        ("dup_delete", delete.to_string()),
        (
            "dup_delete_version",
            version(s, &a, delete).await.to_string(),
        ),
    ]
}

async fn logged(s: &Server, scope: &TenantScope, kind: &str) -> Vec<String> {
    let mut tx = s.db.db.tenant_read(scope).await.unwrap();
    let rows: Vec<(Option<String>,)> = tx
        .fetch_all(
            "SELECT detail FROM security_events WHERE tenant_id = $1 AND kind = $2",
            tessera_core::args![kind],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    rows.into_iter().filter_map(|r| r.0).collect()
}

#[tokio::test]
async fn staff_adding_a_duplicate_see_it_escaped_and_proceed_only_explicitly() {
    for s in servers().await {
        let a = system_scope(&s, CLUB_A).await;
        let there = add(
            &s,
            &a,
            HOSTILE_GIVEN,
            HOSTILE_FAMILY,
            "1990-02-03",
            "hostile.dupe@example.be",
        )
        .await;
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let before = tessera_core::members::list(&s.db.db, &a, "dupe", 1)
            .await
            .unwrap()
            .total;
        // Same e-mail address, another name: refused with the reason, nothing stored.
        let form = format!(
            "club={CLUB_A}&given_name=Other&family_name=Person&status=active&email=Hostile.Dupe%40example.be"
        );
        let r = admin.call("create_member", &form).await;
        assert_eq!(r.status, 409, "{}", r.body);
        assert!(
            said(&r.body).contains("may already be in the register"),
            "{}",
            r.body
        );
        // The form comes back with the possible duplicate, its name escaped, a link to it,
        // and the explicit choice.
        let page = admin.get(&format!("/c/{CLUB_A}/members/new")).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("data-testid=\"duplicates\""),
            "{}",
            page.body
        );
        assert!(page
            .body
            .contains(&format!("href=\"/c/{CLUB_A}/members/{there}\"")));
        assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!page.body.contains(HOSTILE_GIVEN));
        assert!(!page.body.contains("'</textarea>"));
        assert!(page.body.contains("name=\"different\""));
        // Proceeding explicitly adds the record.
        let r = admin
            .call("create_member", &format!("{form}&different=1"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        // A similar name born the same day, without an e-mail address: refused too; a
        // different person born the same day is added at once.
        let r = admin
            .call(
                "create_member",
                &format!("club={CLUB_A}&given_name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&family_name=O%22Neal%27%3C%2Ftextarea%3E&birth_date=1990-02-03&status=active"),
            )
            .await;
        assert_eq!(r.status, 409, "similar name: {}", r.body);
        let r = admin
            .call(
                "create_member",
                &format!("club={CLUB_A}&given_name=Zora&family_name=Zwart&birth_date=1990-02-03&status=active"),
            )
            .await;
        assert_eq!(r.status, 200, "someone else: {}", r.body);
        let after = tessera_core::members::list(&s.db.db, &a, "dupe", 1)
            .await
            .unwrap()
            .total;
        assert_eq!(after, before + 1);
    }
}

#[tokio::test]
async fn merges_refuse_other_clubs_and_itself_show_names_escaped_and_are_logged() {
    for s in servers().await {
        let a = system_scope(&s, CLUB_A).await;
        let b = system_scope(&s, CLUB_B).await;
        let keep = add(&s, &a, HOSTILE_GIVEN, HOSTILE_FAMILY, "1991-04-05", "").await;
        let remove = add(
            &s,
            &a,
            HOSTILE_GIVEN,
            // One letter off: a similar name born the same day.
            "O\"Neal'</textarea>",
            "1991-04-05",
            "merge.me@example.be",
        )
        .await;
        let other = add(&s, &b, HOSTILE_GIVEN, HOSTILE_FAMILY, "1991-04-05", "").await;
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        // The record's possible duplicates: the other one, not another club's.
        let r = admin
            .call("member_duplicates", &format!("club={CLUB_A}&id={keep}"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.body.contains(&remove.to_string()), "{}", r.body);
        assert!(!r.body.contains(&other.to_string()), "{}", r.body);
        // The record's page lists the other one with a merge link.
        let page = admin.get(&format!("/c/{CLUB_A}/members/{keep}")).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains(&format!(
                "href=\"/c/{CLUB_A}/members/{keep}/merge/{remove}\""
            )),
            "{}",
            page.body
        );
        assert!(!page.body.contains(HOSTILE_GIVEN));
        // The confirmation page: both side by side, escaped.
        let page = admin
            .get(&format!("/c/{CLUB_A}/members/{keep}/merge/{remove}"))
            .await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("data-testid=\"merge-form\""));
        assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!page.body.contains(HOSTILE_GIVEN));
        assert!(!page.body.contains("'</textarea>"));
        // Another club's record: not found, from either side, nothing changed.
        let page = admin
            .get(&format!("/c/{CLUB_A}/members/{keep}/merge/{other}"))
            .await;
        assert_eq!(page.status, 404);
        let (vk, vr) = (version(&s, &a, keep).await, version(&s, &a, remove).await);
        let vo = version(&s, &b, other).await;
        let merge = |k: String, r: String, kv: i64, rv: i64| {
            format!("club={CLUB_A}&keep={k}&remove={r}&keep_version={kv}&remove_version={rv}&take%5Bemail%5D=remove")
        };
        let r = admin
            .call(
                "merge_members",
                &merge(keep.to_string(), other.to_string(), vk, vo),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        let r = admin
            .call(
                "merge_members",
                &merge(other.to_string(), keep.to_string(), vo, vk),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        assert_eq!(version(&s, &b, other).await, vo);
        assert_eq!(version(&s, &a, keep).await, vk);
        // Itself: 400 with the reason.
        let r = admin
            .call(
                "merge_members",
                &merge(keep.to_string(), keep.to_string(), vk, vk),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(said(&r.body).contains("cannot be merged with itself"));
        // The merge: the e-mail address taken from the record that goes.
        let r = admin
            .call(
                "merge_members",
                &merge(keep.to_string(), remove.to_string(), vk, vr),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let kept = tessera_core::members::get(&s.db.db, &a, keep)
            .await
            .unwrap();
        assert_eq!(kept.email.as_deref(), Some("merge.me@example.be"));
        assert_eq!(kept.family_name, HOSTILE_FAMILY);
        assert!(tessera_core::members::get(&s.db.db, &a, remove)
            .await
            .is_err());
        assert_eq!(
            logged(&s, &a, "members_merged").await,
            vec![format!("member #{remove} merged into member #{keep}")]
        );
        // Deleting the kept record: the confirmation page, then the stamp that remains.
        let page = admin
            .get(&format!("/c/{CLUB_A}/members/{keep}/delete"))
            .await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("data-testid=\"delete-form\""));
        assert!(!page.body.contains(HOSTILE_GIVEN));
        let v = version(&s, &a, keep).await;
        let r = admin
            .call(
                "delete_member",
                &format!("club={CLUB_A}&id={keep}&version={v}"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(tessera_core::members::get(&s.db.db, &a, keep)
            .await
            .is_err());
        assert_eq!(
            logged(&s, &a, "member_deleted").await,
            vec![format!("member #{keep} deleted")]
        );
    }
}
