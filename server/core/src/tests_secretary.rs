//! What a club secretary sees: days taken in the club's time zone, and a person whose
//! membership has ended reaching only their own data. On SQLite and PostgreSQL.

use crate::members::NewMember;
use crate::scope::{self, Actor, AuthLevel, TenantScope};
use crate::tests::{world, T0};
use crate::{identities, members, roles, testing};
use tessera_common::dto::TenantKind;
use tessera_common::modules::MEMBERS_VIEW;
use tessera_common::time::{Date, Timestamp, DEFAULT_TIME_ZONE};
use tessera_common::{AppError, IdentityId, MemberId};

/// 2026-01-14 23:30 UTC: already 15 January (00:30) in Brussels.
fn half_past_midnight_in_brussels() -> Timestamp {
    Timestamp(
        Date::new(2026, 1, 14).unwrap().days_since_epoch() * 86_400_000
            + 23 * 3_600_000
            + 30 * 60_000,
    )
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

#[tokio::test]
async fn a_clubs_day_is_taken_in_its_time_zone() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        assert_eq!(w.club_a.time_zone, DEFAULT_TIME_ZONE, "the default zone");
        let now = half_past_midnight_in_brussels();
        let s = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", now)
            .await
            .unwrap();
        assert_eq!(s.today(now), Date::new(2026, 1, 15).unwrap());
        assert_eq!(now.utc_date(), Date::new(2026, 1, 14).unwrap());
        // A club in another zone: the same instant is still the 14th there.
        db.raw_execute(&format!(
            "UPDATE tenants SET time_zone = 'America/New_York' WHERE id = {}",
            w.club_b.id.0
        ))
        .await
        .unwrap();
        let b = crate::tenants::find_by_id(db, w.club_b.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(b.time_zone, "America/New_York");
        let sb = TenantScope::for_system_task(&crate::jobs::SystemTask::background(), b);
        assert_eq!(sb.today(now), Date::new(2026, 1, 14).unwrap());
    }
}

/// A member of club A with a login, a member record and a role that lets them see the
/// register; returns the person and their record.
async fn member_with_role(
    db: &crate::db::Db,
    club: &crate::tenants::TenantRecord,
) -> (Actor, MemberId) {
    let sys = Actor::system("test");
    let sa = TenantScope::for_system_task(&crate::jobs::SystemTask::background(), club.clone());
    let id = identities::create(
        db,
        &sys,
        T0,
        "ex@a.be",
        "Ex Member",
        Some("a long enough test password".into()),
    )
    .await
    .unwrap();
    let record = members::create(
        db,
        &sa,
        &sys,
        T0,
        NewMember {
            given_name: "Ex".into(),
            family_name: "Member".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let m = identities::add_membership(db, &sa, &sys, T0, id, Some(record))
        .await
        .unwrap();
    let trainer = roles::create(
        db,
        &sa,
        &sys,
        T0,
        roles::RoleInput {
            name: "Trainer".into(),
            staff: false,
            permissions: vec!["members.view".into()],
        },
    )
    .await
    .unwrap();
    roles::assign(db, &sa, &sys, T0, m, &[trainer])
        .await
        .unwrap();
    (person(id, "Ex Member"), record)
}

async fn set_record(
    db: &crate::db::Db,
    club: &crate::tenants::TenantRecord,
    record: MemberId,
    status: &str,
    ended_on: Option<&str>,
) {
    let sa = TenantScope::for_system_task(&crate::jobs::SystemTask::background(), club.clone());
    let mut tx = db
        .tenant_write(&sa, &Actor::system("test"), T0)
        .await
        .unwrap();
    assert!(tx
        .update(
            "members",
            record.0,
            vec![("status", status.into()), ("ended_on", ended_on.into())],
            None,
        )
        .await
        .unwrap());
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn an_ended_membership_reaches_only_the_persons_own_data() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let (ex, record) = member_with_role(db, &w.club_a).await;
        let now = half_past_midnight_in_brussels();
        let club = TenantKind::Club;
        // Current: the role applies.
        let s = scope::resolve(db, &ex, club, "club-a", now).await.unwrap();
        assert!(s.can(MEMBERS_VIEW));
        assert!(!s.membership_ended());
        // The last day of the membership is today in Brussels (15 January): still a member,
        // although it is the 14th in UTC.
        set_record(db, &w.club_a, record, "active", Some("2026-01-15")).await;
        let s = scope::resolve(db, &ex, club, "club-a", now).await.unwrap();
        assert!(s.can(MEMBERS_VIEW));
        // Ended yesterday in Brussels (14 January, which is still "today" in UTC): only
        // their own data, and the role tied to the membership no longer applies.
        set_record(db, &w.club_a, record, "active", Some("2026-01-14")).await;
        assert_eq!(
            scope::resolve(db, &ex, club, "club-a", now)
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
        let own = scope::resolve_own_data(db, &ex, club, "club-a", now)
            .await
            .unwrap();
        assert!(own.membership_ended());
        assert!(!own.can(MEMBERS_VIEW));
        assert!(own.roles().is_empty());
        assert_eq!(own.member_id(), Some(record));
        assert_eq!(
            members::list(db, &own, "", 1).await.map(|_| ()),
            Err(AppError::Forbidden),
            "the register is closed to them"
        );
        // The status alone ends it too, whatever the date.
        set_record(db, &w.club_a, record, "ended", None).await;
        assert_eq!(
            scope::resolve(db, &ex, club, "club-a", now)
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
        // Back to active: everything opens again.
        set_record(db, &w.club_a, record, "active", None).await;
        assert!(scope::resolve(db, &ex, club, "club-a", now)
            .await
            .unwrap()
            .can(MEMBERS_VIEW));
        // An administrator whose record ended keeps running the club.
        let sys = Actor::system("test");
        let sa =
            TenantScope::for_system_task(&crate::jobs::SystemTask::background(), w.club_a.clone());
        let admin_record = members::create(
            db,
            &sa,
            &sys,
            T0,
            NewMember {
                given_name: "Anna".into(),
                family_name: "Admin".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let membership = scope::resolve(db, &w.admin_a, club, "club-a", now)
            .await
            .unwrap()
            .membership_id()
            .unwrap();
        let mut tx = db.tenant_write(&sa, &sys, T0).await.unwrap();
        assert!(tx
            .update(
                "memberships",
                membership.0,
                vec![("member_id", Some(admin_record.0).into())],
                None,
            )
            .await
            .unwrap());
        tx.commit().await.unwrap();
        set_record(db, &w.club_a, admin_record, "ended", Some("2025-12-31")).await;
        let s = scope::resolve(db, &w.admin_a, club, "club-a", now)
            .await
            .unwrap();
        assert!(s.is_admin() && !s.membership_ended() && s.can(MEMBERS_VIEW));
    }
}
