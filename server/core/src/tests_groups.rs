//! Groups (issue 19): memberships over time, age categories on a reference date, and a
//! trainer whose role is limited to the groups they lead. On SQLite and PostgreSQL.

use crate::groups::{self, GroupInput};
use crate::members::NewMember;
use crate::scope::{self, Actor, AuthLevel, TenantScope};
use crate::tests::{world, T0};
use crate::{identities, members, roles, testing};
use tessera_common::dto::{MemberFilter, TenantKind};
use tessera_common::time::Date;
use tessera_common::{AppError, MemberId};

fn kid(given: &str, birth: &str) -> NewMember {
    NewMember {
        given_name: given.into(),
        family_name: "Peeters".into(),
        birth_date: Some(birth.into()),
        email: Some(format!("{}@example.be", given.to_lowercase())),
        phone: Some("+32 470 12 34 56".into()),
        ..Default::default()
    }
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[tokio::test]
async fn memberships_over_time_age_bands_and_a_trainer_limited_to_their_team() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = Actor::system("test");
        let sa =
            TenantScope::for_system_task(&crate::jobs::SystemTask::background(), w.club_a.clone());
        crate::module_settings::switch(db, &sa, &sys, T0, "groups", true)
            .await
            .unwrap();
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert_eq!(a.today(T0), day("2026-09-21"), "the tests' today");
        let admin = &w.admin_a;
        let mk = |m: NewMember| members::create(db, &a, admin, T0, m);
        let coach = mk(kid("Coach", "1985-04-02")).await.unwrap();
        let lien = mk(kid("Lien", "2016-03-01")).await.unwrap();
        let old = mk(kid("Oud", "2012-06-06")).await.unwrap();
        let other = mk(kid("Ander", "1990-01-01")).await.unwrap();

        // Kinds and groups; names are unique per club, checked.
        let teams = groups::create_kind(db, &a, admin, T0, "Teams", false, "")
            .await
            .unwrap();
        assert!(matches!(
            groups::create_kind(db, &a, admin, T0, " teams ", false, "").await,
            Err(AppError::Invalid(_))
        ));
        let input = |name: &str| GroupInput {
            name: name.into(),
            ..Default::default()
        };
        let lions = groups::create_group(db, &a, admin, T0, teams, &input("Lions"))
            .await
            .unwrap();
        let tigers = groups::create_group(db, &a, admin, T0, teams, &input("Tigers"))
            .await
            .unwrap();
        groups::add_member(db, &a, admin, T0, lions, coach, "2026-01-01", "", true)
            .await
            .unwrap();
        groups::add_member(db, &a, admin, T0, lions, lien, "2026-01-01", "", false)
            .await
            .unwrap();
        let p_old = groups::add_member(
            db,
            &a,
            admin,
            T0,
            lions,
            old,
            "2025-09-01",
            "2025-12-31",
            false,
        )
        .await
        .unwrap();
        groups::add_member(db, &a, admin, T0, tigers, other, "2026-01-01", "", false)
            .await
            .unwrap();

        // Over time: who was in the group on which day.
        assert_eq!(
            groups::members_on(db, &a, lions, day("2025-10-01"))
                .await
                .unwrap(),
            vec![old]
        );
        let mut now_in = vec![coach, lien];
        now_in.sort();
        assert_eq!(
            groups::members_on(db, &a, lions, day("2026-09-21"))
                .await
                .unwrap(),
            now_in
        );

        // Bad input: each refused, nothing stored.
        let bad = groups::add_member(
            db,
            &a,
            admin,
            T0,
            lions,
            other,
            "2026-05-01",
            "2026-04-01",
            false,
        )
        .await;
        assert!(
            matches!(bad, Err(AppError::Invalid(ref e)) if e[0].field == "to_date"),
            "{bad:?}"
        );
        let dup = groups::add_member(db, &a, admin, T0, lions, lien, "2026-06-01", "", false).await;
        assert!(matches!(dup, Err(AppError::Conflict(_))), "{dup:?}");
        let foreign = groups::add_member(
            db,
            &a,
            admin,
            T0,
            lions,
            w.b_member,
            "2026-06-01",
            "",
            false,
        )
        .await;
        assert!(matches!(foreign, Err(AppError::Invalid(ref e)) if e[0].field == "member"));
        let unknown =
            groups::add_member(db, &a, admin, T0, 42, lien, "2026-06-01", "", false).await;
        assert!(matches!(unknown, Err(AppError::NotFound)));
        let baddate =
            groups::add_member(db, &a, admin, T0, lions, other, "2026-02-30", "", false).await;
        assert!(matches!(baddate, Err(AppError::Invalid(_))));
        // A stale version of a period is a conflict; the right one changes it.
        let d = groups::detail(db, &a, lions, T0).await.unwrap();
        let p = d.periods.iter().find(|p| p.id == p_old).unwrap();
        assert!(!p.current);
        assert!(matches!(
            groups::update_period(
                db,
                &a,
                admin,
                T0,
                lions,
                p_old,
                "2026-01-31",
                false,
                p.version + 1
            )
            .await,
            Err(AppError::Conflict(_))
        ));
        groups::update_period(
            db,
            &a,
            admin,
            T0,
            lions,
            p_old,
            "2026-01-31",
            false,
            p.version,
        )
        .await
        .unwrap();
        assert_eq!(
            groups::members_on(db, &a, lions, day("2026-01-15"))
                .await
                .unwrap()
                .len(),
            3
        );
        // End it back at the year's end again.
        groups::update_period(
            db,
            &a,
            admin,
            T0,
            lions,
            p_old,
            "2025-12-31",
            false,
            p.version + 1,
        )
        .await
        .unwrap();

        // The register filters by group (members in it today).
        let in_lions = members::list_filtered(
            db,
            &a,
            &MemberFilter {
                group: lions.to_string(),
                ..Default::default()
            },
            1,
        )
        .await
        .unwrap();
        assert_eq!(in_lions.total, 2);
        assert!(members::list_filtered(
            db,
            &a,
            &MemberFilter {
                group: "x".into(),
                ..Default::default()
            },
            1
        )
        .await
        .is_err());

        // Bulk: add and end, skipping who is already in / not in.
        let r = groups::bulk_add(db, &a, admin, T0, tigers, &[lien, other], "2026-09-01")
            .await
            .unwrap();
        assert_eq!((r.changed, r.skipped), (1, 1));
        let r = groups::bulk_end(db, &a, admin, T0, tigers, &[lien], "2026-09-10")
            .await
            .unwrap();
        assert_eq!(r.changed, 1);
        assert!(
            groups::bulk_add(db, &a, admin, T0, tigers, &[w.b_member], "2026-09-01")
                .await
                .is_err()
        );

        // Age categories taken on the reference date: born 2016 is 10 in 2026 → U12.
        let ages = groups::create_kind(db, &a, admin, T0, "Age categories", true, "2026-12-31")
            .await
            .unwrap();
        assert_eq!(
            groups::create_bands(db, &a, admin, T0, ages, "8 10 12", "Seniors")
                .await
                .unwrap(),
            4
        );
        let s = groups::suggest_bands(db, &a, ages, T0).await.unwrap();
        let band_of = |m: MemberId| {
            s.iter()
                .find(|x| x.member == m)
                .map(|x| x.group_name.clone())
        };
        assert_eq!(band_of(lien).as_deref(), Some("U12"));
        assert_eq!(band_of(old).as_deref(), Some("Seniors"));
        assert_eq!(band_of(coach).as_deref(), Some("Seniors"));
        assert_eq!(
            groups::apply_bands(db, &a, admin, T0, ages).await.unwrap(),
            s.len()
        );
        assert!(groups::suggest_bands(db, &a, ages, T0)
            .await
            .unwrap()
            .is_empty());
        assert!(groups::suggest_bands(db, &a, teams, T0).await.is_err());

        // The trainer: an account linked to the coach's record, a role limited to the
        // groups they lead, granted birth date and phone.
        let id = identities::create(
            db,
            &sys,
            T0,
            "coach@a.be",
            "Coach",
            Some("a long enough test password".into()),
        )
        .await
        .unwrap();
        let m = identities::add_membership(db, &sa, &sys, T0, id, Some(coach))
            .await
            .unwrap();
        let role = roles::create(
            db,
            &a,
            admin,
            T0,
            roles::RoleInput {
                name: "Trainer".into(),
                staff: false,
                permissions: vec!["members.view".into(), "members.edit".into()],
            },
        )
        .await
        .unwrap();
        roles::assign(db, &a, admin, T0, m, &[role]).await.unwrap();
        let rs = groups::role_scopes(db, &a).await.unwrap();
        let r0 = rs.iter().find(|r| r.id == role).unwrap();
        assert!(matches!(
            groups::set_role_scope(
                db,
                &a,
                admin,
                T0,
                role,
                true,
                &["nonsense".into()],
                r0.version
            )
            .await,
            Err(AppError::Invalid(_))
        ));
        groups::set_role_scope(
            db,
            &a,
            admin,
            T0,
            role,
            true,
            &["birth_date".into(), "phone".into()],
            r0.version,
        )
        .await
        .unwrap();
        // A limited role keeps to the leader's permissions.
        assert!(roles::update(
            db,
            &a,
            admin,
            T0,
            role,
            roles::RoleInput {
                name: "Trainer".into(),
                staff: false,
                permissions: vec!["members.view".into(), "roles.manage".into()],
            },
            r0.version + 1,
        )
        .await
        .is_err());
        let trainer = Actor {
            identity: Some(id),
            name: "Coach".into(),
            level: AuthLevel::Password,
            pending: None,
            stamp_label: None,
        };
        let ts = scope::resolve(db, &trainer, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert!(ts.leader().is_some());
        assert!(
            !ts.can(tessera_common::modules::MEMBERS_VIEW),
            "not the whole register"
        );
        // Only their team's members today, only the granted fields.
        let page = members::list(db, &ts, "", 1).await.unwrap();
        let mut seen: Vec<MemberId> = page.rows.iter().map(|r| r.id).collect();
        seen.sort();
        assert_eq!(seen, now_in);
        assert_eq!(page.total, 2);
        assert!(page.rows.iter().all(|r| r.email.is_none()));
        assert_eq!(members::list(db, &ts, "oud", 1).await.unwrap().total, 0);
        assert_eq!(members::list(db, &ts, "lien", 1).await.unwrap().total, 1);
        let counts = members::counts(db, &ts, ts.today(T0)).await.unwrap();
        assert_eq!(counts.members, 2);
        let d = members::get(db, &ts, lien).await.unwrap();
        assert_eq!(d.birth_date.as_deref(), Some("2016-03-01"));
        assert_eq!(d.email, None, "e-mail not granted");
        assert!(d.phone.is_some());
        for outside in [other, old, w.b_member] {
            assert!(
                matches!(
                    members::get(db, &ts, outside).await,
                    Err(AppError::NotFound)
                ),
                "{outside:?}"
            );
            assert!(matches!(
                members::get_for_edit(db, &ts, outside).await,
                Err(AppError::NotFound)
            ));
            assert!(!groups::may_see_member(db, &ts, outside, false)
                .await
                .unwrap());
        }
        assert!(groups::may_see_member(db, &ts, lien, true).await.unwrap());
        // An edit changes only the granted fields.
        let form = tessera_common::dto::MemberForm {
            given_name: "Hacked".into(),
            family_name: "Name".into(),
            birth_date: "2016-03-02".into(),
            email: "new@example.be".into(),
            phone: "+32 470 99 99 99".into(),
            status: "active".into(),
            ..Default::default()
        };
        members::update(db, &ts, &trainer, T0, lien, &form, d.version)
            .await
            .unwrap();
        let after = members::get(db, &a, lien).await.unwrap();
        assert_eq!(after.given_name, "Lien");
        assert_eq!(after.email.as_deref(), Some("lien@example.be"));
        assert_eq!(after.birth_date.as_deref(), Some("2016-03-02"));
        assert_eq!(after.phone.as_deref(), Some("+32 470 99 99 99"));
        assert!(matches!(
            members::update(db, &ts, &trainer, T0, other, &form, 1).await,
            Err(AppError::NotFound)
        ));
        // Groups: only the ones they lead.
        let o = groups::overview(db, &ts, T0).await.unwrap();
        let names: Vec<&str> = o
            .kinds
            .iter()
            .flat_map(|k| k.groups.iter().map(|g| g.name.as_str()))
            .collect();
        assert_eq!(names, vec!["Lions"]);
        assert!(matches!(
            groups::detail(db, &ts, tigers, T0).await,
            Err(AppError::NotFound)
        ));
        let d = groups::detail(db, &ts, lions, T0).await.unwrap();
        assert!(d.periods.iter().all(|p| p.email.is_none()));
        assert!(d.can_open_members, "the group page links the team list");
        // The everyday lists of their team, with the granted fields: Lien has a guardian,
        // and a birthday this week is Jarig's (in the team) and Buur's (not).
        let mama = mk(kid("Mama", "1984-02-02")).await.unwrap();
        crate::dupes::link_guardian(db, &a, admin, T0, lien, mama)
            .await
            .unwrap();
        let jarig = mk(kid("Jarig", "2016-09-23")).await.unwrap();
        mk(kid("Buur", "2016-09-23")).await.unwrap();
        groups::add_member(db, &a, admin, T0, lions, jarig, "2026-01-01", "", false)
            .await
            .unwrap();
        let list = crate::documents::lists::team_list(db, &ts, T0, lions)
            .await
            .unwrap();
        let mut listed: Vec<MemberId> = list.rows.iter().map(|r| r.member).collect();
        listed.sort();
        let mut want = vec![coach, lien, jarig];
        want.sort();
        assert_eq!(listed, want);
        assert!(list
            .rows
            .iter()
            .all(|r| r.birth_date.is_some() && r.phone.is_some()));
        assert!(
            list.rows.iter().all(|r| r.contacts.is_empty()),
            "the guardians' phones are not granted"
        );
        let staff_list = crate::documents::lists::team_list(db, &a, T0, lions)
            .await
            .unwrap();
        let lien_row = staff_list.rows.iter().find(|r| r.member == lien).unwrap();
        assert_eq!(lien_row.contacts.len(), 1, "staff see Lien's guardian");
        assert!(matches!(
            crate::documents::lists::team_list(db, &ts, T0, tigers).await,
            Err(AppError::NotFound)
        ));
        let card = crate::documents::lists::member_card(db, &ts, T0, lien)
            .await
            .unwrap();
        assert_eq!(
            card.birth_date.as_deref(),
            Some("2016-03-02"),
            "as the coach set it"
        );
        assert!(
            card.contacts.is_empty() && card.membership_type.is_none() && card.season.is_none()
        );
        for outside in [other, old, w.b_member] {
            assert!(matches!(
                crate::documents::lists::member_card(db, &ts, T0, outside).await,
                Err(AppError::NotFound)
            ));
        }
        let b = crate::documents::lists::birthdays(db, &ts, T0)
            .await
            .unwrap()
            .unwrap();
        let names: Vec<&str> = b.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Jarig Peeters"], "their team's only");
        let staff_b = crate::documents::lists::birthdays(db, &a, T0)
            .await
            .unwrap()
            .unwrap();
        assert!(staff_b.people.iter().any(|p| p.name == "Buur Peeters"));
        // With the guardians' phones granted, the team list has Lien's guardian to call
        // (name and phone, not the e-mail); without birth dates, no birthdays.
        let r1 = groups::role_scopes(db, &a)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.id == role)
            .unwrap();
        groups::set_role_scope(
            db,
            &a,
            admin,
            T0,
            role,
            true,
            &["phone".into(), "guardians_phone".into()],
            r1.version,
        )
        .await
        .unwrap();
        let ts2 = scope::resolve(db, &trainer, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let list = crate::documents::lists::team_list(db, &ts2, T0, lions)
            .await
            .unwrap();
        let lien_row = list.rows.iter().find(|r| r.member == lien).unwrap();
        assert_eq!(lien_row.contacts.len(), 1);
        assert_eq!(lien_row.contacts[0].name, "Mama Peeters");
        assert!(lien_row.contacts[0].phone.is_some() && lien_row.contacts[0].email.is_none());
        assert!(list.rows.iter().all(|r| r.birth_date.is_none()));
        assert!(crate::documents::lists::birthdays(db, &ts2, T0)
            .await
            .unwrap()
            .is_none());
        // Nothing else of the register: imports, exports, adding members, managing groups.
        assert!(
            members::create(db, &ts, &trainer, T0, kid("X", "2010-01-01"))
                .await
                .is_err()
        );
        assert!(
            groups::add_member(db, &ts, &trainer, T0, lions, other, "2026-01-01", "", false)
                .await
                .is_err()
        );
        // The day the coach stops leading, the team is out of reach.
        let coach_period = d.periods.iter().find(|p| p.member == coach).unwrap();
        groups::update_period(
            db,
            &a,
            admin,
            T0,
            lions,
            coach_period.id,
            "2026-09-01",
            true,
            coach_period.version,
        )
        .await
        .unwrap();
        let ts = scope::resolve(db, &trainer, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert_eq!(members::list(db, &ts, "", 1).await.unwrap().total, 0);
        assert!(matches!(
            members::get(db, &ts, lien).await,
            Err(AppError::NotFound)
        ));
    }
}

#[test]
fn a_group_scoped_role_grants_nothing_club_wide_only_its_leader_grant() {
    use crate::scope::{active_modules, granted, leader_grant, HeldRole};
    use tessera_common::modules::*;
    let plan = crate::tenancy::Plan {
        id: "p".into(),
        name: "P".into(),
        modules: vec!["groups".into(), "activities".into()],
        max_admins: None,
        trial_days: None,
    };
    let active = active_modules(
        TenantKind::Club,
        Some(&plan),
        &["groups".into(), "activities".into()],
    );
    let trainer = HeldRole {
        id: tessera_common::RoleId(1),
        name: "Trainer".into(),
        admin: false,
        staff: false,
        permissions: vec![MEMBERS_VIEW, ACTIVITIES_ATTENDANCE, ROLES_MANAGE],
        group_scoped: true,
        member_fields: vec!["phone".into()],
    };
    assert!(granted(std::slice::from_ref(&trainer), &active).is_empty());
    let today = day("2026-09-21");
    let l = leader_grant(
        std::slice::from_ref(&trainer),
        &active,
        Some(MemberId(7)),
        today,
    )
    .unwrap();
    assert!(l.view && l.attendance && !l.edit && !l.sensitive);
    assert_eq!(l.leader, MemberId(7));
    // Without a member record of their own, they lead nothing.
    assert!(leader_grant(std::slice::from_ref(&trainer), &active, None, today).is_none());
    // An unscoped role with the register beside it: the whole register, no limit.
    let staff = HeldRole {
        group_scoped: false,
        permissions: vec![MEMBERS_VIEW],
        ..trainer.clone()
    };
    assert!(leader_grant(&[trainer.clone(), staff], &active, Some(MemberId(7)), today).is_none());
    // The groups module off: no leader grant.
    let off = active_modules(TenantKind::Club, Some(&plan), &[]);
    assert!(leader_grant(&[trainer], &off, Some(MemberId(7)), today).is_none());
}

/// wk19: the register's ticked members added to and ended in a group (another club's id:
/// not found, nothing changed; too many: refused); a secretary who sees the register but
/// does not manage groups reads a member's groups and filters the register by group.
#[tokio::test]
async fn ticked_members_and_groups_read_only_for_the_register() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = Actor::system("test");
        let sa =
            TenantScope::for_system_task(&crate::jobs::SystemTask::background(), w.club_a.clone());
        crate::module_settings::switch(db, &sa, &sys, T0, "groups", true)
            .await
            .unwrap();
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let admin = &w.admin_a;
        let mk = |m: NewMember| members::create(db, &a, admin, T0, m);
        let ann = mk(kid("Ann", "2015-01-01")).await.unwrap();
        let bo = mk(kid("Bo", "2015-02-02")).await.unwrap();
        let cas = mk(kid("Cas", "2015-03-03")).await.unwrap();
        let teams = groups::create_kind(db, &a, admin, T0, "Teams", false, "")
            .await
            .unwrap();
        let lions = groups::create_group(
            db,
            &a,
            admin,
            T0,
            teams,
            &GroupInput {
                name: "Lions".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert!(
            members::list(db, &a, "", 1)
                .await
                .unwrap()
                .can_manage_groups
        );
        let today = day("2026-09-21");

        // Ticked: Ann and Bo in from the 1st, not Cas.
        let r = groups::bulk_selected(db, &a, admin, T0, lions, &[ann, bo], true, "2026-09-01")
            .await
            .unwrap();
        assert_eq!((r.changed, r.skipped), (2, 0));
        let mut both = vec![ann, bo];
        both.sort();
        assert_eq!(
            groups::members_on(db, &a, lions, today).await.unwrap(),
            both
        );
        // Another club's member among the ticked: not found, nothing changed.
        assert!(matches!(
            groups::bulk_selected(
                db,
                &a,
                admin,
                T0,
                lions,
                &[cas, w.b_member],
                true,
                "2026-09-01"
            )
            .await,
            Err(AppError::NotFound)
        ));
        // More than the limit, or none: refused before anything is read.
        let many: Vec<MemberId> = (1..=1001i64).map(MemberId).collect();
        let none: &[MemberId] = &[];
        for ids in [&many[..], none] {
            let e = groups::bulk_selected(db, &a, admin, T0, lions, ids, true, "2026-09-01")
                .await
                .unwrap_err();
            assert_eq!(e.status(), 400, "{e:?}");
        }
        assert_eq!(
            groups::members_on(db, &a, lions, today).await.unwrap(),
            both,
            "nothing changed"
        );
        // Ticked Bo ended on the 10th.
        let r = groups::bulk_selected(db, &a, admin, T0, lions, &[bo], false, "2026-09-10")
            .await
            .unwrap();
        assert_eq!(r.changed, 1);
        assert_eq!(
            groups::members_on(db, &a, lions, today).await.unwrap(),
            vec![ann]
        );

        // A secretary: the register's view, no group management.
        let id = identities::create(
            db,
            &sys,
            T0,
            "secretary@a.be",
            "Secretary",
            Some("a long enough test password".into()),
        )
        .await
        .unwrap();
        let m = identities::add_membership(db, &sa, &sys, T0, id, None)
            .await
            .unwrap();
        let role = roles::create(
            db,
            &a,
            admin,
            T0,
            roles::RoleInput {
                name: "Register reader".into(),
                staff: false,
                permissions: vec!["members.view".into()],
            },
        )
        .await
        .unwrap();
        roles::assign(db, &a, admin, T0, m, &[role]).await.unwrap();
        let sec = Actor {
            identity: Some(id),
            name: "Secretary".into(),
            level: AuthLevel::Password,
            pending: None,
            stamp_label: None,
        };
        let ss = scope::resolve(db, &sec, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let g = groups::of_member(db, &ss, bo, T0).await.unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].group_name, "Lions");
        assert_eq!(g[0].kind_name, "Teams");
        assert!(!g[0].current);
        assert_eq!(g[0].to_date.as_deref(), Some("2026-09-10"));
        assert!(groups::of_member(db, &ss, ann, T0).await.unwrap()[0].current);
        assert!(groups::of_member(db, &ss, cas, T0)
            .await
            .unwrap()
            .is_empty());
        assert!(matches!(
            groups::of_member(db, &ss, w.b_member, T0).await,
            Err(AppError::NotFound)
        ));
        assert_eq!(
            groups::register_choices(db, &ss).await.unwrap(),
            vec![(lions, "Teams · Lions".to_string())]
        );
        // The register's groups: the same for the reader, read-only; the groups page's
        // groups (without counts) for the manager.
        let view = groups::register_view(db, &ss, T0).await.unwrap();
        assert_eq!(view.groups, vec![(lions, "Teams · Lions".to_string())]);
        assert!(!view.can_manage);
        let managed = groups::register_view(db, &a, T0).await.unwrap();
        assert!(managed.can_manage);
        assert_eq!(managed.groups, view.groups);
        let page = members::list_filtered(
            db,
            &ss,
            &MemberFilter {
                group: lions.to_string(),
                ..Default::default()
            },
            1,
        )
        .await
        .unwrap();
        assert_eq!(page.total, 1);
        assert!(!page.can_manage_groups);
        // Reading is all: managing stays refused.
        assert!(matches!(
            groups::overview(db, &ss, T0).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            groups::bulk_selected(db, &ss, &sec, T0, lions, &[cas], true, "2026-09-01").await,
            Err(AppError::Forbidden)
        ));
    }
}
