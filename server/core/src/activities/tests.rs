//! Activities and attendance on SQLite and PostgreSQL: recurrence with exceptions across
//! the summer-time changes of 2026 and 2027, who may mark and report, figures, feeds.

use super::*;
use crate::accounts::identities;
use crate::db::Db;
use crate::jobs::SystemTask;
use crate::members::NewMember;
use crate::scope::{self, AuthLevel};
use crate::testing;
use crate::tests::{world, T0};
use tessera_common::dto::TenantKind;
use tessera_common::IdentityId;

const PW: &str = "a long enough test password";

fn at(s: &str) -> Timestamp {
    local_instant(&s[..10], &s[11..16], "Europe/Brussels").unwrap()
}

fn person(id: IdentityId, name: &str) -> Actor {
    Actor {
        identity: Some(id),
        name: name.into(),
        level: AuthLevel::Password,
        pending: None,
        stamp_label: None,
    }
}

struct Club {
    sys_scope: TenantScope,
    group: i64,
    other_group: i64,
    trainer: Actor,
    parent: Actor,
    stranger: Actor,
    kid: MemberId,
    kid2: MemberId,
    parent_member: MemberId,
    other_kid: MemberId,
}

async fn member(db: &Db, s: &TenantScope, given: &str, birth: &str) -> MemberId {
    crate::members::create(
        db,
        s,
        &Actor::system("test"),
        T0,
        NewMember {
            given_name: given.into(),
            family_name: "Janssens".into(),
            birth_date: Some(birth.into()),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

async fn account(db: &Db, s: &TenantScope, email: &str, m: MemberId) -> Actor {
    let sys = Actor::system("test");
    let id = identities::create(db, &sys, T0, email, email, Some(PW.into()))
        .await
        .unwrap();
    identities::add_membership(db, s, &sys, T0, id, Some(m))
        .await
        .unwrap();
    person(id, email)
}

/// A group (inserted as plain rows) with its members from `from`; leader rows marked.
pub(crate) async fn group_with(
    db: &Db,
    s: &TenantScope,
    name: &str,
    people: &[(MemberId, bool)],
    from: &str,
) -> i64 {
    let sys = Actor::system("test");
    let mut tx = db.tenant_write(s, &sys, T0).await.unwrap();
    let kind: Option<(i64,)> = tx
        .fetch_optional("SELECT id FROM group_kinds WHERE tenant_id = $1", args![])
        .await
        .unwrap();
    let kind = match kind {
        Some((k,)) => k,
        None => {
            let k = ids::new_id();
            tx.insert(
                "group_kinds",
                vec![
                    ("id", k.into()),
                    ("name", "Teams".into()),
                    ("created_at", T0.into()),
                ],
            )
            .await
            .unwrap();
            k
        }
    };
    let g = ids::new_id();
    tx.insert(
        "club_groups",
        vec![
            ("id", g.into()),
            ("kind_id", kind.into()),
            ("name", name.into()),
            ("created_at", T0.into()),
        ],
    )
    .await
    .unwrap();
    for (m, leader) in people {
        tx.insert(
            "group_members",
            vec![
                ("id", ids::new_id().into()),
                ("group_id", g.into()),
                ("member_id", (*m).into()),
                ("from_date", from.into()),
                ("leader", (*leader).into()),
                ("created_at", T0.into()),
            ],
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    g
}

async fn club(db: &Db) -> Club {
    let w = world(db).await;
    let s = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
    for m in ["groups", "activities"] {
        crate::module_settings::switch(db, &s, &Actor::system("test"), T0, m, true)
            .await
            .unwrap();
    }
    let coach = member(db, &s, "Coach", "1980-01-01").await;
    let parent_member = member(db, &s, "Pa", "1982-02-02").await;
    let kid = member(db, &s, "Kid", "2016-03-03").await;
    let kid2 = member(db, &s, "Kid2", "2016-04-04").await;
    let other_parent = member(db, &s, "Other", "1983-03-03").await;
    let other_kid = member(db, &s, "OtherKid", "2016-05-05").await;
    let sys = Actor::system("test");
    let mut tx = db.tenant_write(&s, &sys, T0).await.unwrap();
    for (g, c) in [(parent_member, kid), (other_parent, other_kid)] {
        tx.insert(
            "member_guardians",
            vec![("guardian_id", g.into()), ("child_id", c.into())],
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let group = group_with(
        db,
        &s,
        "U10",
        &[
            (coach, true),
            (kid, false),
            (kid2, false),
            (other_kid, false),
        ],
        "2026-01-01",
    )
    .await;
    let other_group = group_with(db, &s, "U12", &[(other_kid, false)], "2026-01-01").await;
    let trainer = account(db, &s, "coach@a.be", coach).await;
    let parent = account(db, &s, "pa@a.be", parent_member).await;
    let stranger_member = member(db, &s, "Stranger", "1990-01-01").await;
    let stranger = account(db, &s, "stranger@a.be", stranger_member).await;
    Club {
        sys_scope: s,
        group,
        other_group,
        trainer,
        parent,
        stranger,
        kid,
        kid2,
        parent_member,
        other_kid,
    }
}

async fn as_(db: &Db, a: &Actor, now: Timestamp) -> TenantScope {
    scope::resolve(db, a, TenantKind::Club, "club-a", now)
        .await
        .unwrap()
}

fn weekly(group: i64, first: &str, end: &str, time: &str) -> PlanInput {
    PlanInput {
        group: group.to_string(),
        kind: "training".into(),
        title: "Training".into(),
        place: "Sporthal".into(),
        weekly: true,
        first_date: first.into(),
        end_date: end.into(),
        start_time: time.into(),
        duration_min: "90".into(),
    }
}

#[test]
fn a_weekly_training_keeps_its_local_time_across_the_summer_time_changes_of_2026_and_2027() {
    let a = ActivityRow {
        id: 1,
        group_id: 1,
        group_name: "U10".into(),
        kind: "training".into(),
        title: "T".into(),
        place: "P".into(),
        weekday: Some(weekday(Date::parse("2026-03-24").unwrap())),
        start_time: "19:00".into(),
        duration_min: 90,
        first_date: "2026-03-24".into(),
        end_date: "2027-11-02".into(),
    };
    assert_eq!(a.weekday, Some(1), "24 March 2026 is a Tuesday");
    let tz = "Europe/Brussels";
    let occ = |from: &str, to: &str| {
        expand(
            std::slice::from_ref(&a),
            &[],
            Date::parse(from).unwrap(),
            Date::parse(to).unwrap(),
            tz,
        )
    };
    // 29 March 2026: summer time starts. 24 March 19:00 CET = 18:00 UTC, 31 March 19:00
    // CEST = 17:00 UTC: the instant moves by an hour, the wall clock does not.
    let spring = occ("2026-03-20", "2026-04-01");
    assert_eq!(spring.len(), 2);
    assert_eq!(spring[0].start.millis() % 86_400_000, 18 * 3_600_000);
    assert_eq!(spring[1].start.millis() % 86_400_000, 17 * 3_600_000);
    assert!(spring.iter().all(|o| o.local_time == "19:00"));
    // 25 October 2026: back to winter time.
    let autumn = occ("2026-10-18", "2026-10-28");
    assert_eq!(
        autumn.iter().map(|o| o.date.as_str()).collect::<Vec<_>>(),
        ["2026-10-20", "2026-10-27"]
    );
    assert_eq!(autumn[0].start.millis() % 86_400_000, 17 * 3_600_000);
    assert_eq!(autumn[1].start.millis() % 86_400_000, 18 * 3_600_000);
    // 28 March and 31 October 2027.
    let s27 = occ("2027-03-21", "2027-04-01");
    assert_eq!(s27[0].start.millis() % 86_400_000, 18 * 3_600_000);
    assert_eq!(s27[1].start.millis() % 86_400_000, 17 * 3_600_000);
    let a27 = occ("2027-10-24", "2027-11-03");
    assert_eq!(
        a27.iter().map(|o| o.date.as_str()).collect::<Vec<_>>(),
        ["2027-10-26", "2027-11-02"]
    );
    assert_eq!(a27[0].start.millis() % 86_400_000, 17 * 3_600_000);
    assert_eq!(a27[1].start.millis() % 86_400_000, 18 * 3_600_000);
    assert!(a27
        .iter()
        .all(|o| o.end.millis() - o.start.millis() == 90 * 60_000));
    // Nothing after the end date.
    assert!(occ("2027-11-03", "2027-12-31").is_empty());
}

#[test]
fn a_recurring_training_without_an_end_or_longer_than_two_years_is_refused() {
    let mut p = weekly(1, "2026-09-01", "", "19:00");
    let e = check_plan(&p).unwrap_err();
    assert!(
        matches!(&e, AppError::Invalid(v) if v.iter().any(|f| f.field == "end_date")),
        "{e:?}"
    );
    p.end_date = "2028-09-02".into();
    assert!(check_plan(&p).is_err());
    p.end_date = "2026-08-01".into();
    assert!(check_plan(&p).is_err());
    p.end_date = "2027-06-30".into();
    p.start_time = "25:00".into();
    assert!(check_plan(&p).is_err());
    p.start_time = "19:00".into();
    assert!(check_plan(&p).is_ok());
    // A match is one date: no end needed.
    let m = PlanInput {
        weekly: false,
        kind: "match".into(),
        end_date: String::new(),
        ..p
    };
    assert_eq!(
        check_plan(&m).unwrap().end,
        Date::parse("2026-09-01").unwrap()
    );
}

#[tokio::test]
async fn exceptions_marking_absences_and_figures_follow_the_rules() {
    for t in testing::all().await {
        let db = &t.db;
        let c = club(db).await;
        // Plan on 1 October 2026 (a Thursday) weekly from Tuesday 6 October.
        let now = at("2026-10-01 12:00");
        let admin = &c.sys_scope;
        let sys = Actor::system("test");
        // A leader cannot plan (activities.manage).
        let tr = as_(db, &c.trainer, now).await;
        assert!(plan(
            db,
            &tr,
            &c.trainer,
            now,
            &weekly(c.group, "2026-10-06", "2026-12-29", "19:00")
        )
        .await
        .is_err());
        let id = plan(
            db,
            admin,
            &sys,
            now,
            &weekly(c.group, "2026-10-06", "2026-12-29", "19:00"),
        )
        .await
        .unwrap();
        // Refused without an end: nothing stored.
        assert!(plan(
            db,
            admin,
            &sys,
            now,
            &weekly(c.group, "2026-10-06", "", "19:00")
        )
        .await
        .is_err());
        // The trainer cancels 13 October and moves 20 October.
        change_occurrence(
            db,
            &tr,
            &c.trainer,
            now,
            id,
            "2026-10-13",
            &OccChange::Cancel {
                reason: "Hall <closed>".into(),
            },
        )
        .await
        .unwrap();
        change_occurrence(
            db,
            &tr,
            &c.trainer,
            now,
            id,
            "2026-10-20",
            &OccChange::Move {
                date: "2026-10-21".into(),
                time: "18:30".into(),
                place: "Field 2".into(),
            },
        )
        .await
        .unwrap();
        // The group told of the move by mail: each member with an address (the coach) and
        // the guardians of its minors (Pa, for Kid), once each; the day as it now stands.
        let sys = Actor::system("test");
        let mut tx = db.tenant_write(&c.sys_scope, &sys, now).await.unwrap();
        tx.execute(
            "UPDATE members SET email = $3 WHERE tenant_id = $1 AND id = $2",
            args![c.parent_member, "pa@example.be"],
        )
        .await
        .unwrap();
        tx.execute(
            "UPDATE members SET email = $2 WHERE tenant_id = $1 AND given_name = 'Coach'",
            args!["coach@example.be"],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let dir = std::env::temp_dir().join(format!("tessera-tell-{}", crate::ids::new_id()));
        let mailer = crate::mail::Mailer::outbox(dir.clone(), "Club <club@example.be>").unwrap();
        let told = tell_group(db, &mailer, "https://t.example", &tr, now, id, "2026-10-20")
            .await
            .unwrap();
        assert_eq!(told, 2);
        let mut mails: Vec<String> = Vec::new();
        for _ in 0..200 {
            mails = std::fs::read_dir(&dir)
                .map(|d| {
                    d.flatten()
                        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                        .collect()
                })
                .unwrap_or_default();
            if mails.len() >= told {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert_eq!(mails.len(), 2, "{mails:?}");
        for to in ["pa@example.be", "coach@example.be"] {
            assert!(mails.iter().any(|m| m.contains(to)), "{to}: {mails:?}");
        }
        assert!(mails.iter().all(|m| m.contains("Field 2")), "{mails:?}");
        // An occurrence as planned tells nobody.
        assert_eq!(
            tell_group(db, &mailer, "https://t.example", &tr, now, id, "2026-10-06")
                .await
                .unwrap(),
            0
        );
        // A date the training does not run on is not found.
        assert_eq!(
            change_occurrence(
                db,
                &tr,
                &c.trainer,
                now,
                id,
                "2026-10-14",
                &OccChange::Restore
            )
            .await
            .unwrap_err(),
            AppError::NotFound
        );
        // A parent cannot change it.
        let pa = as_(db, &c.parent, now).await;
        assert_eq!(
            change_occurrence(
                db,
                &pa,
                &c.parent,
                now,
                id,
                "2026-10-27",
                &OccChange::Restore
            )
            .await
            .unwrap_err(),
            AppError::Forbidden
        );
        let o = overview(db, &pa, now).await.unwrap();
        assert_eq!(o.occurrences.len(), 4, "6, 13, 20 (moved) and 27 October");
        assert!(o.occurrences[1].cancelled);
        assert_eq!(o.occurrences[1].reason, "Hall <closed>");
        assert_eq!(
            (
                o.occurrences[2].local_date.as_str(),
                o.occurrences[2].local_time.as_str(),
                o.occurrences[2].place.as_str()
            ),
            ("2026-10-21", "18:30", "Field 2")
        );
        // A stranger sees nothing of the group.
        let st = as_(db, &c.stranger, now).await;
        assert!(overview(db, &st, now).await.unwrap().occurrences.is_empty());
        assert_eq!(
            occurrence(db, &st, now, id, "2026-10-06")
                .await
                .unwrap_err(),
            AppError::Forbidden
        );

        // Absences: the parent for their child; not for another's child; not for the past.
        report_absence(db, &pa, &c.parent, now, id, "2026-10-06", c.kid, "Sick")
            .await
            .unwrap();
        assert_eq!(
            report_absence(db, &pa, &c.parent, now, id, "2026-10-06", c.other_kid, "x")
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            report_absence(db, &pa, &c.parent, now, id, "2026-10-13", c.kid, "x")
                .await
                .unwrap_err()
                .status(),
            409,
            "cancelled"
        );
        // The parent is not in the group: no report for themselves.
        assert_eq!(
            report_absence(
                db,
                &pa,
                &c.parent,
                now,
                id,
                "2026-10-06",
                c.parent_member,
                "x"
            )
            .await
            .unwrap_err(),
            AppError::NotFound
        );
        let d = occurrence(db, &pa, now, id, "2026-10-06").await.unwrap();
        assert!(!d.can_mark && d.rows.is_empty());
        assert_eq!(d.reportable.len(), 1);
        assert_eq!(d.reportable[0].reported.as_deref(), Some("Sick"));

        // Marking: not before the day; then the trainer may, the parent may not.
        assert_eq!(
            mark(
                db,
                &tr,
                &c.trainer,
                now,
                id,
                "2026-10-06",
                c.kid2,
                Mark::Present
            )
            .await
            .unwrap_err()
            .status(),
            409
        );
        let later = at("2026-10-28 09:00");
        let tr = as_(db, &c.trainer, later).await;
        let pa = as_(db, &c.parent, later).await;
        assert_eq!(
            report_absence(db, &pa, &c.parent, later, id, "2026-10-27", c.kid, "late")
                .await
                .unwrap_err()
                .status(),
            409,
            "past"
        );
        mark(
            db,
            &tr,
            &c.trainer,
            later,
            id,
            "2026-10-06",
            c.kid2,
            Mark::Present,
        )
        .await
        .unwrap();
        mark(
            db,
            &tr,
            &c.trainer,
            later,
            id,
            "2026-10-06",
            c.kid,
            Mark::Excused,
        )
        .await
        .unwrap();
        mark(
            db,
            &tr,
            &c.trainer,
            later,
            id,
            "2026-10-20",
            c.kid2,
            Mark::Absent,
        )
        .await
        .unwrap();
        // Marking twice changes the mark.
        mark(
            db,
            &tr,
            &c.trainer,
            later,
            id,
            "2026-10-20",
            c.kid2,
            Mark::Present,
        )
        .await
        .unwrap();
        assert_eq!(
            mark(
                db,
                &pa,
                &c.parent,
                later,
                id,
                "2026-10-06",
                c.kid,
                Mark::Present
            )
            .await
            .unwrap_err(),
            AppError::Forbidden,
            "a member of the group is no leader"
        );
        assert_eq!(
            mark(
                db,
                &tr,
                &c.trainer,
                later,
                id,
                "2026-10-13",
                c.kid,
                Mark::Present
            )
            .await
            .unwrap_err(),
            AppError::conflict(Msg::ErrActCancelled)
        );
        // Someone outside the group.
        assert_eq!(
            mark(
                db,
                &tr,
                &c.trainer,
                later,
                id,
                "2026-10-06",
                c.parent_member,
                Mark::Present
            )
            .await
            .unwrap_err()
            .status(),
            400
        );
        let d = occurrence(db, &tr, later, id, "2026-10-06").await.unwrap();
        assert!(d.can_mark);
        assert_eq!(d.rows.len(), 3, "the coach is not on the list");
        let kid = d.rows.iter().find(|r| r.member == c.kid).unwrap();
        assert_eq!(
            (kid.mark, kid.absence.as_deref()),
            (Some(Mark::Excused), Some("Sick"))
        );

        // Figures: 6, 20 (moved) and 27 October held (13 cancelled).
        let f = figures(db, &tr, later, c.group, "2026-10-01", "2026-10-31")
            .await
            .unwrap();
        assert_eq!(f.held, 3);
        let k2 = f.rows.iter().find(|r| r.member == c.kid2).unwrap();
        assert_eq!((k2.held, k2.present, k2.absent, k2.excused), (3, 2, 0, 0));
        let k = f.rows.iter().find(|r| r.member == c.kid).unwrap();
        assert_eq!((k.held, k.present, k.excused), (3, 0, 1));
        // wk19: a guardian sees their child's own figures, per group, the same as the
        // trainer's; another person's child is not found; the period is checked.
        let mine = my_figures(db, &pa, later, Some(c.kid), "2026-10-01", "2026-10-31")
            .await
            .unwrap();
        assert_eq!(mine.member, c.kid);
        assert_eq!(mine.rows.len(), 1);
        let r = &mine.rows[0];
        assert_eq!(r.group.id, c.group);
        assert_eq!(
            (r.held, r.present, r.absent, r.excused),
            (k.held, k.present, k.absent, k.excused)
        );
        assert_eq!(
            my_figures(db, &pa, later, Some(c.kid2), "2026-10-01", "2026-10-31")
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert!(my_figures(db, &pa, later, None, "", "")
            .await
            .unwrap()
            .rows
            .is_empty());
        for (from, to) in [
            ("2026-10-31", "2026-10-01"),
            ("x", ""),
            ("2024-01-01", "2026-10-31"),
        ] {
            assert_eq!(
                my_figures(db, &pa, later, Some(c.kid), from, to)
                    .await
                    .unwrap_err()
                    .status(),
                400,
                "{from} {to}"
            );
        }
        // The trainer leads the group: no figures of their own in it.
        assert!(my_figures(db, &tr, later, None, "2026-10-01", "2026-10-31")
            .await
            .unwrap()
            .rows
            .is_empty());
        // Not for a parent; not for a group the trainer does not lead.
        assert_eq!(
            figures(db, &pa, later, c.group, "2026-10-01", "2026-10-31")
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            figures(db, &tr, later, c.other_group, "2026-10-01", "2026-10-31")
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
        let sheet = month_sheet(db, &tr, later, c.group, "2026-10")
            .await
            .unwrap();
        assert_eq!(sheet.occurrences.len(), 3);
        assert_eq!(sheet.rows.len(), 3);
    }
}

#[tokio::test]
async fn a_feed_lists_the_groups_activities_and_a_revoked_token_is_not_found() {
    for t in testing::all().await {
        let db = &t.db;
        let c = club(db).await;
        let now = at("2026-10-01 12:00");
        let sys = Actor::system("test");
        let id = plan(
            db,
            &c.sys_scope,
            &sys,
            now,
            &weekly(c.group, "2026-10-06", "2026-10-27", "19:00"),
        )
        .await
        .unwrap();
        let tr = as_(db, &c.trainer, now).await;
        change_occurrence(
            db,
            &tr,
            &c.trainer,
            now,
            id,
            "2026-10-13",
            &OccChange::Cancel {
                reason: "Storm".into(),
            },
        )
        .await
        .unwrap();
        let pa = as_(db, &c.parent, now).await;
        // A parent may not have a group's feed.
        assert_eq!(
            renew_feed(db, &pa, &c.parent, now, &c.group.to_string())
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
        let token = renew_feed(db, &tr, &c.trainer, now, &c.group.to_string())
            .await
            .unwrap();
        assert_eq!(token.len(), 64);
        let public = scope::resolve_public(db, "club-a", now).await.unwrap();
        let ics = feed_ics(db, &public, now, &token).await.unwrap();
        assert!(ics.starts_with("BEGIN:VCALENDAR"));
        assert!(ics.contains("X-WR-TIMEZONE:Europe/Brussels"), "{ics}");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 4);
        assert_eq!(ics.matches("STATUS:CANCELLED").count(), 1);
        // 6 October 19:00 in Brussels is 17:00 UTC (summer time); 27 October 18:00 UTC.
        assert!(ics.contains("DTSTART:20261006T170000Z"), "{ics}");
        assert!(ics.contains("DTSTART:20261027T180000Z"), "{ics}");
        // The member's own feed covers their groups.
        let mine = renew_feed(db, &tr, &c.trainer, now, "me").await.unwrap();
        assert_eq!(
            feed_ics(db, &public, now, &mine)
                .await
                .unwrap()
                .matches("BEGIN:VEVENT")
                .count(),
            4
        );
        // A parent's own feed has their child's group (Kid is in U10).
        let parents = renew_feed(db, &pa, &c.parent, now, "me").await.unwrap();
        let ics = feed_ics(db, &public, now, &parents).await.unwrap();
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 4, "{ics}");
        // Renewal revokes the old address; revoking ends the new one.
        let again = renew_feed(db, &tr, &c.trainer, now, &c.group.to_string())
            .await
            .unwrap();
        assert_eq!(
            feed_ics(db, &public, now, &token).await.unwrap_err(),
            AppError::NotFound
        );
        assert!(feed_ics(db, &public, now, &again).await.is_ok());
        revoke_feed(db, &tr, &c.trainer, now, &c.group.to_string())
            .await
            .unwrap();
        assert_eq!(
            feed_ics(db, &public, now, &again).await.unwrap_err(),
            AppError::NotFound
        );
        // A token of club A is nothing in club B.
        let public_b = scope::resolve_public(db, "club-b", now).await.unwrap();
        assert_eq!(
            feed_ics(db, &public_b, now, &mine).await.unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            feed_ics(db, &public, now, "zz").await.unwrap_err(),
            AppError::NotFound
        );
        let _ = c.kid;
    }
}
