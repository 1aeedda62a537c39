//! Groups over HTTP (issue 19), on both databases: the demo trainer, whose role is
//! limited to the team they lead, reaches that team's members and no one else (another
//! member's page and server function answer 404, as another club's would); the register,
//! its search and the home page's counts are limited likewise; hostile text in a group's
//! name comes back escaped; bad input is a clear 4xx with nothing stored.

use super::*;
use tessera_core::jobs::SystemTask;
use tessera_core::scope::{Actor, TenantScope};

async fn club_scope(s: &Server) -> TenantScope {
    let t = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::command_line(), t)
}

/// The placeholders of the cross-tenant harness for groups: a kind and a group of club A
/// with one period, the demo's age categories with a member born for them who is in none
/// yet, and a role to limit to the groups its holders lead.
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    use tessera_core::groups;
    let db = &s.db.db;
    let now = s.shared.clock.now();
    let scope = club_scope(s).await;
    let sys = Actor::system("test");
    let kind = groups::create_kind(db, &scope, &sys, now, "Harness teams", false, "")
        .await
        .unwrap();
    let group = groups::create_group(
        db,
        &scope,
        &sys,
        now,
        kind,
        &groups::GroupInput {
            name: "Harness team".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let today = scope.today(now);
    let kid = tessera_core::members::create_from_input(
        db,
        &scope,
        &sys,
        now,
        &tessera_core::members::MemberInput {
            given_name: "Bando".into(),
            family_name: "Harness".into(),
            birth_date: format!("{}-05-05", today.year - 9),
            status: "active".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let period = groups::add_member(
        db,
        &scope,
        &sys,
        now,
        group,
        kid,
        &today.to_string(),
        "",
        false,
    )
    .await
    .unwrap();
    let overview = groups::overview(db, &scope, now).await.unwrap();
    let ages = overview
        .kinds
        .iter()
        .find(|k| k.age_bands)
        .expect("the demo's age categories");
    let role = tessera_core::roles::create(
        db,
        &scope,
        &sys,
        now,
        tessera_core::roles::RoleInput {
            name: "Harness leader".into(),
            staff: false,
            permissions: vec!["members.view".into()],
        },
    )
    .await
    .unwrap();
    vec![
        ("group_kind", kind.to_string()),
        ("group", group.to_string()),
        ("period", period.to_string()),
        ("period_version", "1".to_string()),
        ("age_kind", ages.id.to_string()),
        ("leader_role", role.to_string()),
        ("leader_role_version", "1".to_string()),
    ]
}

/// The demo trainer's team: its members today, and a member of club A outside it.
pub(crate) async fn team_and_outsider(s: &Server) -> (Vec<i64>, i64) {
    let db = &s.db.db;
    let scope = club_scope(s).await;
    let mut tx = db.tenant_read(&scope).await.unwrap();
    let team: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT gm.member_id FROM group_members gm WHERE gm.tenant_id = $1 \
             AND gm.to_date IS NULL AND gm.group_id IN (SELECT ld.group_id FROM group_members ld \
             JOIN memberships m ON m.tenant_id = ld.tenant_id AND m.member_id = ld.member_id \
             JOIN identities i ON i.id = m.identity_id WHERE ld.tenant_id = $1 AND ld.leader = $2 \
             AND i.email = $3)",
            tessera_core::args![true, account("trainer.kempenvlug")],
        )
        .await
        .unwrap();
    let team: Vec<i64> = team.into_iter().map(|r| r.0).collect();
    let (outsider,): (i64,) = tx
        .fetch_one(
            "SELECT id FROM members WHERE tenant_id = $1 AND id NOT IN (SELECT member_id FROM \
             group_members WHERE tenant_id = $1 AND to_date IS NULL AND group_id IN \
             (SELECT group_id FROM group_members WHERE tenant_id = $1 AND leader = $2)) \
             ORDER BY id LIMIT 1",
            tessera_core::args![true],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(team.len() >= 2, "the demo team has members: {team:?}");
    (team, outsider)
}

#[tokio::test]
async fn a_trainer_reaches_only_the_members_of_the_team_they_lead() {
    for s in servers().await {
        let (team, outsider) = team_and_outsider(&s).await;
        let mut c = Client::new(&s);
        c.sign_in(&account("trainer.kempenvlug")).await;
        // Their team's member: the page, and the server function, with granted fields only.
        let inside = team[0];
        let page = c.get(&format!("/c/{CLUB_A}/members/{inside}")).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let r = c
            .call("member_detail", &format!("club={CLUB_A}&id={inside}"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(
            r.body.contains(r#""email":null"#),
            "e-mail not granted: {}",
            r.body
        );
        // Anyone else: not found, as another club's member.
        let page = c.get(&format!("/c/{CLUB_A}/members/{outsider}")).await;
        assert_eq!(page.status, 404);
        for endpoint in ["member_detail", "member_edit"] {
            let r = c
                .call(endpoint, &format!("club={CLUB_A}&id={outsider}"))
                .await;
            assert_eq!(r.status, 404, "{endpoint}: {}", r.body);
        }
        // The register shows the team only, and counts it.
        let r = c
            .call("member_list", &format!("club={CLUB_A}&q=&page=1"))
            .await;
        assert_eq!(r.status, 200);
        let page: tessera_common::dto::MemberPage = serde_json::from_str(&r.body).unwrap();
        assert_eq!(page.total as usize, team.len());
        assert!(page.rows.iter().all(|m| team.contains(&m.id.0)));
        assert!(page.rows.iter().all(|m| m.email.is_none()));
        let home = c.call("club_home", &format!("club={CLUB_A}")).await;
        let home: tessera_common::dto::ClubHome = serde_json::from_str(&home.body).unwrap();
        assert_eq!(home.members as usize, team.len());
        // Groups: the one they lead; the club's other groups are not found.
        let r = c.call("groups", &format!("club={CLUB_A}")).await;
        assert_eq!(r.status, 200);
        let o: tessera_common::groups::GroupsOverview = serde_json::from_str(&r.body).unwrap();
        let mine: Vec<i64> = o
            .kinds
            .iter()
            .flat_map(|k| k.groups.iter().map(|g| g.id))
            .collect();
        assert_eq!(mine.len(), 1);
        let admin_view =
            tessera_core::groups::overview(&s.db.db, &club_scope(&s).await, s.shared.clock.now())
                .await
                .unwrap();
        let other = admin_view
            .kinds
            .iter()
            .flat_map(|k| k.groups.iter().map(|g| g.id))
            .find(|g| *g != mine[0])
            .unwrap();
        let r = c.call("group", &format!("club={CLUB_A}&id={other}")).await;
        assert_eq!(r.status, 404, "{}", r.body);
        let r = c
            .call("group", &format!("club={CLUB_A}&id={}", mine[0]))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        // The team list to print, linked from the group page: their team with birth dates
        // and the guardians to call (what the demo trainer's role grants); another group's
        // list and an outsider's card are not found.
        let page = c.get(&format!("/c/{CLUB_A}/groups/{}", mine[0])).await;
        assert!(
            page.body.contains(&format!(
                "href=\"/c/{CLUB_A}/lists/team/{}\" data-testid=\"team-list-link\"",
                mine[0]
            )),
            "{}",
            page.body
        );
        let r = c
            .call("team_list", &format!("club={CLUB_A}&group={}", mine[0]))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let list: tessera_common::documents::TeamList = serde_json::from_str(&r.body).unwrap();
        assert!(!list.rows.is_empty());
        assert!(list.rows.iter().all(|m| team.contains(&m.member.0)));
        assert!(list.rows.iter().all(|m| m.birth_date.is_some()));
        assert!(list
            .rows
            .iter()
            .flat_map(|m| &m.contacts)
            .all(|g| g.email.is_none()));
        let page = c.get(&format!("/c/{CLUB_A}/lists/team/{}", mine[0])).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("data-testid=\"team-list\""));
        let r = c
            .call("team_list", &format!("club={CLUB_A}&group={other}"))
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        let r = c
            .call("member_card", &format!("club={CLUB_A}&member={outsider}"))
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        let r = c
            .call("member_card", &format!("club={CLUB_A}&member={inside}"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        // Nothing of the rest: exports, imports, adding members, managing groups.
        let r = c
            .call(
                "save_group_period",
                &format!(
                    "club={CLUB_A}&group={}&member={outsider}&from_date=2026-01-01",
                    mine[0]
                ),
            )
            .await;
        assert_eq!(r.status, 403, "{}", r.body);
        let r = c.call("member_new", &format!("club={CLUB_A}")).await;
        assert_eq!(r.status, 403, "{}", r.body);
    }
}

#[tokio::test]
async fn group_changes_refuse_bad_input_and_echo_names_escaped() {
    for s in servers().await {
        let mut c = Client::new(&s);
        c.sign_in(&account("admin.kempenvlug")).await;
        let hostile = "<script>alert(1)</script>\"'</textarea>";
        let enc = |v: &str| {
            percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        let r = c
            .call(
                "save_group_kind",
                &format!("club={CLUB_A}&name={}", enc(hostile)),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let page = c.get(&format!("/c/{CLUB_A}/groups")).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("<script>alert(1)"));
        assert!(!page.body.contains("</textarea>\""));
        assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        let o: tessera_common::groups::GroupsOverview =
            serde_json::from_str(&c.call("groups", &format!("club={CLUB_A}")).await.body).unwrap();
        let kind = o.kinds.iter().find(|k| k.name == hostile).unwrap();
        let r = c
            .call(
                "save_group",
                &format!("club={CLUB_A}&kind={}&name={}", kind.id, enc(hostile)),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let o: tessera_common::groups::GroupsOverview =
            serde_json::from_str(&c.call("groups", &format!("club={CLUB_A}")).await.body).unwrap();
        let group = o
            .kinds
            .iter()
            .flat_map(|k| k.groups.iter())
            .find(|g| g.name == hostile)
            .unwrap()
            .clone();
        let page = c.get(&format!("/c/{CLUB_A}/groups/{}", group.id)).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("<script>alert(1)"));
        // Bad input: each a clear 4xx, nothing stored.
        let (member, _) = first_member(&mut c).await;
        let add = |extra: &str| {
            format!(
                "club={CLUB_A}&group={}&member={member}&from_date=2026-05-01{extra}",
                group.id
            )
        };
        let r = c
            .call("save_group_period", &add("&to_date=2026-04-01"))
            .await;
        assert_eq!(r.status, 400, "to before from: {}", r.body);
        assert!(r.body.contains("ErrToBeforeFrom"));
        let r = c
            .call("save_group_period", &add("&from_date=not-a-date"))
            .await;
        assert!(matches!(r.status, 400 | 422), "{}", r.body);
        let r = c
            .call(
                "save_group_period",
                &format!("club={CLUB_A}&group=4242&member={member}&from_date=2026-05-01"),
            )
            .await;
        assert_eq!(r.status, 404, "unknown group: {}", r.body);
        // A member of another club.
        let b = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, CLUB_B)
            .await
            .unwrap()
            .unwrap();
        let sb = TenantScope::for_system_task(&SystemTask::command_line(), b);
        let foreign = tessera_core::members::list(&s.db.db, &sb, "", 1)
            .await
            .unwrap()
            .rows[0]
            .id;
        let r = c
            .call(
                "save_group_period",
                &format!(
                    "club={CLUB_A}&group={}&member={foreign}&from_date=2026-05-01",
                    group.id
                ),
            )
            .await;
        assert_eq!(r.status, 400, "member of another club: {}", r.body);
        assert!(r.body.contains("ErrNoSuchMember"));
        let d: tessera_common::groups::GroupDetail = serde_json::from_str(
            &c.call("group", &format!("club={CLUB_A}&id={}", group.id))
                .await
                .body,
        )
        .unwrap();
        assert!(d.periods.is_empty(), "nothing stored");
        // One that works, then the same period again: a duplicate open membership.
        let r = c.call("save_group_period", &add("")).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = c.call("save_group_period", &add("")).await;
        assert_eq!(r.status, 409, "duplicate: {}", r.body);
        // A stale version: 409.
        let d: tessera_common::groups::GroupDetail = serde_json::from_str(
            &c.call("group", &format!("club={CLUB_A}&id={}", group.id))
                .await
                .body,
        )
        .unwrap();
        let p = &d.periods[0];
        let r = c
            .call(
                "save_group_period",
                &format!(
                    "club={CLUB_A}&group={}&period={}&version={}&to_date=2026-06-30",
                    group.id,
                    p.id,
                    p.version + 1
                ),
            )
            .await;
        assert_eq!(r.status, 409, "stale: {}", r.body);
        // The register filters by the group (members in it today: from 2026-05-01 on).
        let r = c
            .call(
                "member_list",
                &format!("club={CLUB_A}&q=&page=1&group={}", group.id),
            )
            .await;
        let page: tessera_common::dto::MemberPage = serde_json::from_str(&r.body).unwrap();
        let today = s.shared.clock.now().utc_date().to_string();
        let expected = if today.as_str() >= "2026-05-01" { 1 } else { 0 };
        assert_eq!(page.total, expected, "{}", r.body);
    }
}

/// wk19: the secretary ticks members in the register and adds / ends them in a group (a
/// form post of their ids); another club's id answers 404 with nothing changed, more than
/// 1,000 ids 400. Someone who only sees the register reads a member's groups on the member
/// page (hostile group names escaped) and filters the register by group, without any bulk
/// form or the groups page.
#[tokio::test]
async fn ticked_members_in_a_group_and_groups_read_only_on_the_member_page() {
    use tessera_core::groups;
    for s in servers().await {
        let db = &s.db.db;
        let now = s.shared.clock.now();
        let scope = club_scope(&s).await;
        let sys = Actor::system("test");
        let hostile = "<script>alert(19)</script>";
        let kind = groups::create_kind(db, &scope, &sys, now, "Ticked kind", false, "")
            .await
            .unwrap();
        let group = groups::create_group(
            db,
            &scope,
            &sys,
            now,
            kind,
            &groups::GroupInput {
                name: hostile.into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let rows = tessera_core::members::list(db, &scope, "", 1)
            .await
            .unwrap()
            .rows;
        let (m1, m2, m3) = (rows[0].id, rows[1].id, rows[2].id);
        let today = scope.today(now);
        let mut c = Client::new(&s);
        c.sign_in(&account("admin.kempenvlug")).await;
        let base = format!("club={CLUB_A}&target={group}&date={today}&pick=ticked");
        let r = c
            .call(
                "bulk_group",
                &format!("{base}&action=add&ids[]={m1}&ids[]={m2}"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let inside = || groups::members_on(db, &scope, group, today);
        assert_eq!(inside().await.unwrap().len(), 2);
        // Another club's member among the ticked: 404, nothing changed.
        let b = tessera_core::tenants::find_by_slug(db, TenantKind::Club, CLUB_B)
            .await
            .unwrap()
            .unwrap();
        let sb = TenantScope::for_system_task(&SystemTask::command_line(), b);
        let foreign = tessera_core::members::list(db, &sb, "", 1)
            .await
            .unwrap()
            .rows[0]
            .id;
        let r = c
            .call(
                "bulk_group",
                &format!("{base}&action=add&ids[]={m3}&ids[]={foreign}"),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        assert_eq!(inside().await.unwrap().len(), 2, "nothing changed");
        // More than 1,000 ids: 400.
        let many: String = (1..=1001).map(|i| format!("&ids[]={i}")).collect();
        let r = c
            .call("bulk_group", &format!("{base}&action=add{many}"))
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(r.body.contains("ErrTooManySelected"), "{}", r.body);
        // Ticked, nothing ticked: 400.
        let r = c.call("bulk_group", &format!("{base}&action=add")).await;
        assert_eq!(r.status, 400, "{}", r.body);
        // The register: a box per row, each part of the bulk form.
        let page = c.get(&format!("/c/{CLUB_A}/members")).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("id=\"bulk-group-form\""));
        assert!(page.body.contains("form=\"bulk-group-form\""));

        // Someone who only sees the register.
        let email = "register.reader@example.be";
        let id = tessera_core::identities::create(db, &sys, now, email, "Reader", Some(PW.into()))
            .await
            .unwrap();
        let membership = tessera_core::identities::add_membership(db, &scope, &sys, now, id, None)
            .await
            .unwrap();
        let role = tessera_core::roles::create(
            db,
            &scope,
            &sys,
            now,
            tessera_core::roles::RoleInput {
                name: "Register reader".into(),
                staff: false,
                permissions: vec!["members.view".into()],
            },
        )
        .await
        .unwrap();
        tessera_core::roles::assign(db, &scope, &sys, now, membership, &[role])
            .await
            .unwrap();
        let mut r = Client::new(&s);
        r.sign_in(email).await;
        let info: tessera_common::groups::MemberGroupsInfo = serde_json::from_str(
            &r.call("member_groups", &format!("club={CLUB_A}&member={m1}"))
                .await
                .body,
        )
        .unwrap();
        assert!(info.groups_active);
        assert!(info
            .groups
            .iter()
            .any(|g| g.group_id == group && g.current && g.group_name == hostile));
        let page = r.get(&format!("/c/{CLUB_A}/members/{m1}")).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("data-testid=\"member-groups\""));
        assert!(!page.body.contains("<script>alert(19)"));
        assert!(page.body.contains("&lt;script&gt;alert(19)&lt;/script&gt;"));
        let register = r.get(&format!("/c/{CLUB_A}/members")).await;
        assert_eq!(register.status, 200);
        assert!(register.body.contains("data-testid=\"group-filter\""));
        assert!(!register.body.contains("bulk-group-form"));
        let filtered = r
            .call(
                "member_list",
                &format!("club={CLUB_A}&q=&page=1&group={group}"),
            )
            .await;
        let filtered: tessera_common::dto::MemberPage =
            serde_json::from_str(&filtered.body).unwrap();
        assert_eq!(filtered.total, 2);
        // Reading only: the groups page and the bulk action stay refused.
        assert_eq!(
            r.call("groups", &format!("club={CLUB_A}")).await.status,
            403
        );
        assert_eq!(
            r.call("bulk_group", &format!("{base}&action=add&ids[]={m3}"))
                .await
                .status,
            403
        );
        // Another club's record: 404.
        let r2 = r
            .call("member_groups", &format!("club={CLUB_A}&member={foreign}"))
            .await;
        assert_eq!(r2.status, 404);

        // The role's page sets its leader scope too; a scoped role refuses a club-wide
        // permission with the reason.
        let page = c
            .get(&format!("/c/{CLUB_A}/settings/roles/{}", role.0))
            .await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("data-testid=\"role-scope-card\""),
            "{}",
            page.body
        );
        let r3 = c
            .call(
                "save_role_scope",
                &format!(
                    "club={CLUB_A}&role={}&version=1&scoped=on&f_phone=on&back=role",
                    role.0
                ),
            )
            .await;
        assert_eq!(r3.status, 200, "{}", r3.body);
        let page = c
            .get(&format!("/c/{CLUB_A}/settings/roles/{}", role.0))
            .await;
        let at = page.body.find("data-testid=\"scope-limited\"").unwrap();
        assert!(
            page.body[at.saturating_sub(80)..at].contains("checked"),
            "{}",
            &page.body[at.saturating_sub(80)..at]
        );
        let r4 = c
            .call(
                "update_role",
                &format!(
                    "club={CLUB_A}&id={}&version=2&name=Register+reader&permissions[]=members.view&permissions[]=roles.manage",
                    role.0
                ),
            )
            .await;
        assert_eq!(r4.status, 400, "{}", r4.body);
        assert!(r4.body.contains("ErrLeaderPermissions"), "{}", r4.body);
    }
}
