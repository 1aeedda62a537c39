//! Storage and domain tests, each run on SQLite and on PostgreSQL (when the test script
//! provides it): tenancy, the resolver, row-level security, stamps, transactions, seeding.

use crate::db::{Backend, Db};
use crate::members::{self, NewMember};
use crate::scope::{self, Actor, AuthLevel, TenantScope};
use crate::seed::{self, SeedOptions};
use crate::tenants::{self, NewTenant, TenantRecord};
use crate::{accounts::identities, args, roles, testing};
use tessera_common::dto::{MemberStatus, TenantKind};
use tessera_common::modules::{MEMBERS_EDIT, MEMBERS_VIEW};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, IdentityId, Lang, MemberId};

pub(crate) const T0: Timestamp = Timestamp(1_790_000_000_000);
const PW: &str = "a long enough test password";

pub(crate) struct World {
    pub(crate) club_a: TenantRecord,
    pub(crate) club_b: TenantRecord,
    pub(crate) federation: TenantRecord,
    pub(crate) admin_a: Actor,
    pub(crate) member_a: Actor,
    pub(crate) outsider: Actor,
    pub(crate) fed_staff: Actor,
    pub(crate) b_member: MemberId,
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

fn new_tenant(parent: Option<&TenantRecord>, kind: TenantKind, slug: &str) -> NewTenant {
    NewTenant {
        parent: parent.map(|p| p.id),
        kind,
        slug: slug.into(),
        name: format!("Tenant {slug}"),
        city: Some("Gent".into()),
        primary_color: "#1d3557".into(),
        accent_color: "#f4a261".into(),
        default_lang: Lang::Nl,
        plan: (kind == TenantKind::Club).then(|| "premium".to_string()),
    }
}

fn member(given: &str, family: &str) -> NewMember {
    NewMember {
        given_name: given.into(),
        family_name: family.into(),
        birth_date: Some("1990-05-17".into()),
        email: Some(format!(
            "{}.{}@example.be",
            given.to_lowercase(),
            family.to_lowercase()
        )),
        ..Default::default()
    }
}

/// Seeds the demo with its first club only (40 records, no accounts) at [`T0`] and returns
/// that club's scope as the command line has it: what each feature's demo test reads.
pub(crate) async fn demo_first_club(db: &Db) -> TenantScope {
    let opts = SeedOptions {
        members_per_club: 40,
        extra_clubs: 0,
        clubs: Some(1),
        password: None,
    };
    seed::seed_demo(db, T0, &opts).await.unwrap();
    let club = tenants::find_by_slug(db, TenantKind::Club, "vc-kempenvlug-herentals")
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&crate::jobs::SystemTask::command_line(), club)
}

pub(crate) async fn world(db: &Db) -> World {
    let sys = Actor::system("test");
    let op = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(None, TenantKind::Operator, "platform"),
    )
    .await
    .unwrap();
    let federation = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&op), TenantKind::Federation, "fed"),
    )
    .await
    .unwrap();
    let club_a = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&federation), TenantKind::Club, "club-a"),
    )
    .await
    .unwrap();
    let club_b = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&federation), TenantKind::Club, "club-b"),
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for (email, name) in [
        ("admin@a.be", "Anna Admin"),
        ("member@a.be", "Mo Member"),
        ("out@x.be", "Otto Outsider"),
        ("staff@fed.be", "Fien Fed"),
    ] {
        ids.push(
            identities::create(db, &sys, T0, email, name, Some(PW.into()))
                .await
                .unwrap(),
        );
    }
    let sa = TenantScope::for_system_task(&crate::jobs::SystemTask::background(), club_a.clone());
    let sb = TenantScope::for_system_task(&crate::jobs::SystemTask::background(), club_b.clone());
    roles::grant_admin(db, &sa, &sys, T0, ids[0]).await.unwrap();
    identities::add_membership(db, &sa, &sys, T0, ids[1], None)
        .await
        .unwrap();
    roles::grant_admin(db, &sb, &sys, T0, ids[2]).await.unwrap();
    let sf =
        TenantScope::for_system_task(&crate::jobs::SystemTask::background(), federation.clone());
    let staff = roles::create(
        db,
        &sf,
        &sys,
        T0,
        roles::RoleInput {
            name: "Staff".into(),
            staff: true,
            permissions: vec!["clubs.view".into()],
        },
    )
    .await
    .unwrap();
    let m = identities::add_membership(db, &sf, &sys, T0, ids[3], None)
        .await
        .unwrap();
    roles::assign(db, &sf, &sys, T0, m, &[staff]).await.unwrap();
    for (g, f) in [("Lotte", "Peeters"), ("Wout", "Maes"), ("Emma", "Claes")] {
        members::create(db, &sa, &sys, T0, member(g, f))
            .await
            .unwrap();
    }
    let b_member = members::create(db, &sb, &sys, T0, member("Bram", "Secret"))
        .await
        .unwrap();
    World {
        club_a,
        club_b,
        federation,
        admin_a: person(ids[0], "Anna Admin"),
        member_a: person(ids[1], "Mo Member"),
        outsider: person(ids[2], "Otto Outsider"),
        fed_staff: person(ids[3], "Fien Fed"),
        b_member,
    }
}

#[tokio::test]
async fn the_resolver_admits_only_members_of_the_tenant() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let club = TenantKind::Club;
        assert_eq!(
            scope::resolve(db, &Actor::anonymous(), club, "club-a", T0)
                .await
                .unwrap_err(),
            AppError::Unauthenticated
        );
        assert_eq!(
            scope::resolve(db, &w.outsider, club, "club-a", T0)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            scope::resolve(db, &w.admin_a, club, "club-b", T0)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            scope::resolve(db, &w.admin_a, club, "no-such-club", T0)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            scope::resolve(db, &w.admin_a, club, "../etc", T0)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        // A federation slug does not resolve as a club, nor the other way round.
        assert_eq!(
            scope::resolve(db, &w.fed_staff, club, "fed", T0)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            scope::resolve(db, &w.admin_a, TenantKind::Federation, "club-a", T0)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        let s = scope::resolve(db, &w.admin_a, club, "club-a", T0)
            .await
            .unwrap();
        assert_eq!(s.tenant_id(), w.club_a.id);
        assert!(s.roles().iter().any(|r| r.admin) && s.can(MEMBERS_EDIT));
        let s = scope::resolve(db, &w.member_a, club, "club-a", T0)
            .await
            .unwrap();
        assert!(s.roles().is_empty() && !s.can(MEMBERS_VIEW));
        let f = scope::resolve(db, &w.fed_staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        assert_eq!(f.tenant_id(), w.federation.id);
        // A suspended club resolves for nobody.
        db.raw_execute(&format!(
            "UPDATE tenants SET status = 'suspended' WHERE id = {}",
            w.club_a.id.0
        ))
        .await
        .unwrap();
        assert_eq!(
            scope::resolve(db, &w.admin_a, club, "club-a", T0)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
    }
}

#[tokio::test]
async fn tenant_data_never_crosses_tenants() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let page = members::list(db, &a, "", 1).await.unwrap();
        assert_eq!(page.total, 3, "{:?}", t.backend());
        assert!(page.rows.iter().all(|r| r.family_name != "Secret"));
        assert!(members::list(db, &a, "secret", 1)
            .await
            .unwrap()
            .rows
            .is_empty());
        assert_eq!(
            members::get(db, &a, w.b_member).await.unwrap_err(),
            AppError::NotFound
        );
        let counts = members::counts(db, &a, Date::new(2026, 11, 22).unwrap())
            .await
            .unwrap();
        assert_eq!(counts.members, 3);
        // The federation sees counts of its clubs, not their records.
        let f = scope::resolve(db, &w.fed_staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        let clubs = tenants::federation_clubs(db, &f).await.unwrap();
        let counts: Vec<(String, i64)> =
            clubs.iter().map(|c| (c.slug.clone(), c.members)).collect();
        assert_eq!(
            counts,
            vec![("club-a".to_string(), 3), ("club-b".to_string(), 1)]
        );
        // The member register is not a federation's module at all.
        assert_eq!(
            members::list(db, &f, "", 1).await.unwrap_err(),
            AppError::NotFound
        );
    }
}

#[tokio::test]
async fn row_level_security_is_a_second_wall_on_postgres() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a =
            TenantScope::for_system_task(&crate::jobs::SystemTask::background(), w.club_a.clone());
        // A query that forgets its filter on purpose: only PostgreSQL's policy stops it.
        let mut tx = db.tenant_read(&a).await.unwrap();
        let (n,): (i64,) = tx
            .fetch_one(
                "SELECT count(*) FROM members WHERE tenant_id = $1 OR tenant_id <> $1",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        match t.backend() {
            Backend::Postgres => assert_eq!(n, 3, "RLS must hide club B's rows"),
            Backend::Sqlite => assert_eq!(n, 4),
        }
        if t.backend() == Backend::Postgres {
            // Without a tenant set, tenant tables are empty (fail closed).
            let mut p = db.platform(false).await.unwrap();
            let (n,): (i64,) = p
                .fetch_one("SELECT count(*) FROM members", args![])
                .await
                .unwrap();
            assert_eq!(n, 0);
            p.commit().await.unwrap();
            // Moving a row to another tenant violates the policy's check.
            let mut tx = db.tenant_write(&a, &w.admin_a, T0).await.unwrap();
            let moved = tx
                .execute(
                    "UPDATE members SET tenant_id = $2 WHERE tenant_id = $1",
                    args![w.club_b.id],
                )
                .await;
            assert!(moved.is_err());
        }
    }
}

#[tokio::test]
async fn a_snapshot_reads_one_moment_across_its_statements() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa =
            TenantScope::for_system_task(&crate::jobs::SystemTask::background(), w.club_a.clone());
        let count = "SELECT count(*) FROM members WHERE tenant_id = $1";
        let mut snapshot = db.tenant_snapshot(&sa).await.unwrap();
        let (before,): (i64,) = snapshot.fetch_one(count, args![]).await.unwrap();
        members::create(db, &sa, &Actor::system("test"), T0, member("Nina", "Nieuw"))
            .await
            .unwrap();
        let (during,): (i64,) = snapshot.fetch_one(count, args![]).await.unwrap();
        snapshot.commit().await.unwrap();
        assert_eq!(during, before, "{:?}", t.backend());
        let mut tx = db.tenant_read(&sa).await.unwrap();
        let (after,): (i64,) = tx.fetch_one(count, args![]).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(after, before + 1, "{:?}", t.backend());
    }
}

#[tokio::test]
async fn every_write_carries_the_last_change_stamp() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let id = members::create(
            db,
            &a,
            &w.admin_a,
            T0.plus_seconds(60),
            member("Jef", "Wouters"),
        )
        .await
        .unwrap();
        let m = members::get(db, &a, id).await.unwrap();
        assert_eq!(m.stamp.by.as_deref(), Some("Anna Admin"));
        assert_eq!(m.stamp.at, T0.plus_seconds(60));

        let later = T0.plus_seconds(3600);
        let editor = Actor {
            name: "Eddy Editor".into(),
            ..w.admin_a.clone()
        };
        let mut tx = db.tenant_write(&a, &editor, later).await.unwrap();
        assert!(tx
            .update(
                "members",
                id.0,
                vec![("phone", "+32 470 00 00 00".into())],
                Some(1)
            )
            .await
            .unwrap());
        // A second save based on the same version is a conflict and changes nothing.
        assert!(!tx
            .update("members", id.0, vec![("phone", "+32 999".into())], Some(1))
            .await
            .unwrap());
        assert_eq!(
            tx.update("members", 42, vec![("phone", "x".into())], None)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        tx.commit().await.unwrap();
        let m = members::get(db, &a, id).await.unwrap();
        assert_eq!(m.phone.as_deref(), Some("+32 470 00 00 00"));
        assert_eq!(
            (m.stamp.by.as_deref(), m.stamp.at),
            (Some("Eddy Editor"), later)
        );
        // System changes are stamped without a person.
        let sys = members::get(
            db,
            &a,
            members::list(db, &a, "peeters", 1).await.unwrap().rows[0].id,
        )
        .await
        .unwrap();
        assert_eq!(sys.stamp.by, None);
        // A read transaction cannot write.
        let mut r = db.tenant_read(&a).await.unwrap();
        assert!(r
            .update("members", id.0, vec![("phone", "x".into())], None)
            .await
            .is_err());
    }
}

#[tokio::test]
async fn a_failed_write_leaves_nothing_behind() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let mut tx = db.tenant_write(&a, &w.admin_a, T0).await.unwrap();
        members::insert(&mut tx, &member("Nina", "Goossens"))
            .await
            .unwrap();
        let bad = NewMember {
            birth_date: Some("2023-02-29".into()),
            ..member("Bad", "Date")
        };
        assert!(matches!(
            members::insert(&mut tx, &bad).await,
            Err(AppError::Invalid(_))
        ));
        drop(tx); // rolled back
        assert_eq!(members::list(db, &a, "", 1).await.unwrap().total, 3);
        // Validation refuses before anything is written.
        let err = members::create(
            db,
            &a,
            &w.admin_a,
            T0,
            NewMember {
                given_name: " ".into(),
                ..member("x", "y")
            },
        )
        .await;
        assert!(matches!(err, Err(AppError::Invalid(f)) if f[0].field == "given_name"));
        // A member cannot change the register.
        let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert_eq!(
            members::create(db, &m, &w.member_a, T0, member("No", "Way"))
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
    }
}

#[tokio::test]
async fn concurrent_writers_do_not_fail() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let mut tasks = Vec::new();
        for i in 0..24 {
            let (db, a, actor) = (db.clone(), a.clone(), w.admin_a.clone());
            tasks.push(tokio::spawn(async move {
                members::create(&db, &a, &actor, T0, member("Writer", &format!("Nr{i}"))).await
            }));
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(members::list(db, &a, "", 1).await.unwrap().total, 27);
    }
}

#[tokio::test]
async fn sign_in_checks_the_password_and_nothing_else() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let id = identities::authenticate(db, "  ADMIN@a.be ", PW.into())
            .await
            .unwrap();
        assert_eq!(id, w.admin_a.identity);
        assert_eq!(
            identities::authenticate(db, "admin@a.be", "wrong".into())
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            identities::authenticate(db, "nobody@a.be", PW.into())
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            identities::authenticate(db, "not an email", PW.into())
                .await
                .unwrap(),
            None
        );
        let dup =
            identities::create(db, &Actor::system("t"), T0, "Admin@A.be", "Again", None).await;
        assert!(matches!(dup, Err(AppError::Invalid(f)) if f[0].field == "email"));
        let mine = identities::memberships(db, w.admin_a.identity.unwrap())
            .await
            .unwrap();
        assert_eq!(
            mine.iter().map(|m| m.slug.as_str()).collect::<Vec<_>>(),
            vec!["club-a"]
        );
    }
}

#[tokio::test]
async fn tenants_are_validated() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = Actor::system("t");
        let dup = tenants::create(
            db,
            &sys,
            T0,
            new_tenant(Some(&w.federation), TenantKind::Club, "club-a"),
        )
        .await;
        assert!(matches!(dup, Err(AppError::Invalid(f)) if f[0].field == "slug"));
        let bad_color = NewTenant {
            primary_color: "red".into(),
            ..new_tenant(None, TenantKind::Club, "x-club")
        };
        assert!(matches!(
            tenants::create(db, &sys, T0, bad_color).await,
            Err(AppError::Invalid(_))
        ));
        // A club cannot hold a federation.
        let wrong = tenants::create(
            db,
            &sys,
            T0,
            new_tenant(Some(&w.club_a), TenantKind::Federation, "sub-fed"),
        )
        .await;
        assert!(matches!(wrong, Err(AppError::Invalid(f)) if f[0].field == "parent"));
    }
}

#[tokio::test]
async fn the_demo_seed_builds_a_believable_federation() {
    for t in testing::all().await {
        let db = &t.db;
        let opts = SeedOptions {
            members_per_club: 40,
            extra_clubs: 1,
            clubs: None,
            password: Some(PW.into()),
        };
        let report = seed::seed_demo(db, T0, &opts).await.unwrap();
        assert_eq!((report.clubs, report.members), (4, 160));
        assert!(report
            .accounts
            .iter()
            .any(|a| a.email == "operator@demo.tessera.test"));
        assert!(matches!(
            seed::seed_demo(db, T0, &opts).await,
            Err(AppError::Conflict(_))
        ));
        assert_eq!(tenants::directory(db).await.unwrap().len(), 4);
        let multi = identities::find_by_email(db, "multi@demo.tessera.test")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(identities::memberships(db, multi).await.unwrap().len(), 2);
        let admin = identities::authenticate(db, "admin.kempenvlug@demo.tessera.test", PW.into())
            .await
            .unwrap()
            .unwrap();
        let actor = person(admin, "Admin");
        let s = scope::resolve(db, &actor, TenantKind::Club, "vc-kempenvlug-herentals", T0)
            .await
            .unwrap();
        let counts = members::counts(db, &s, T0.utc_date()).await.unwrap();
        // 40 seeded and the demo's likely duplicate (seed/dupes.rs); the demo's completed
        // erasure (seed/privacy_rights.rs) is not counted.
        assert_eq!(counts.members, 40);
        assert!(
            counts.families > 0 && counts.minors > 0,
            "families {} minors {}",
            counts.families,
            counts.minors
        );
        let page = members::list(db, &s, "", 1).await.unwrap();
        let with_links = {
            let mut found = false;
            for r in &page.rows {
                let d = members::get(db, &s, r.id).await.unwrap();
                if !d.children.is_empty() || !d.guardians.is_empty() {
                    found = true;
                    break;
                }
            }
            found
        };
        assert!(with_links, "some members belong to a family");
        assert!(page.rows.iter().all(|r| r.status != MemberStatus::Ended
            || r.email.is_some()
            || r.birth_date.is_some()));
        let op = scope::resolve_operator(
            db,
            &person(
                identities::find_by_email(db, "operator@demo.tessera.test")
                    .await
                    .unwrap()
                    .unwrap(),
                "Op",
            ),
            T0,
        )
        .await
        .unwrap();
        let overview = tenants::overview(db, &op).await.unwrap();
        // The operator, the federation, 4 clubs and the club that asks to join
        // (seed/affiliations.rs).
        assert_eq!(overview.tenants.len(), 6);
        // 4 × 40 seeded, the demo's likely duplicate (seed/dupes.rs) and the record the
        // demo's completed transfer created in its new club (seed/transfers.rs; the old
        // record stays, ended).
        assert_eq!(overview.tenants.iter().map(|r| r.members).sum::<i64>(), 162);
        // The federation's side of the demo (issue 18): one transfer completed and one
        // awaiting the federation's decision after an objection, a template of each kind
        // published, and a few months of usage history besides this month's.
        let fed = crate::tenancy::find_by_slug(db, TenantKind::Federation, "bsf")
            .await
            .unwrap()
            .unwrap();
        let fs = TenantScope::for_system_task(&crate::jobs::SystemTask::background(), fed);
        let transfers = crate::transfers::fed_overview(db, &fs, &Actor::system("test"), T0)
            .await
            .unwrap();
        let mut states: Vec<&str> = transfers
            .transfers
            .iter()
            .map(|t| t.status.as_str())
            .collect();
        states.sort();
        assert_eq!(states, ["approved", "objected"], "{:?}", t.backend());
        assert!(transfers.transfers.iter().all(|t| !t.steps.is_empty()));
        let templates = crate::templates::list(db, &fs).await.unwrap();
        let mut kinds: Vec<&str> = templates
            .templates
            .iter()
            .map(|t| t.kind.as_str())
            .collect();
        kinds.dedup();
        assert!(kinds.len() >= 3, "{kinds:?}");
        let usage = crate::usage::own(db, &fs, T0).await.unwrap();
        assert!(usage.history.len() >= 4, "{:?}", usage.history);
        assert!(usage.history.iter().all(|r| r.slug == "bsf"));
    }
}

mod accounts_tests {
    use super::*;
    use crate::accounts::{self, Pending};
    use crate::{accounts::throttle, accounts::totp};

    async fn enrol(db: &Db, id: IdentityId, now: Timestamp) -> (String, Vec<String>) {
        let (key, _) = accounts::begin_totp(db, id).await.unwrap();
        let code = totp::code_at(&key, now).unwrap();
        let codes = accounts::confirm_totp(db, id, &code, now, None)
            .await
            .unwrap();
        (key, codes)
    }

    #[tokio::test]
    async fn staff_must_enrol_and_members_need_not() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let admin = w.admin_a.identity.unwrap();
            let member = w.member_a.identity.unwrap();
            let fed = w.fed_staff.identity.unwrap();
            let s = accounts::factor_state(db, admin).await.unwrap();
            assert_eq!(accounts::pending_after_password(&s), Some(Pending::Enrol));
            let s = accounts::factor_state(db, fed).await.unwrap();
            assert_eq!(accounts::pending_after_password(&s), Some(Pending::Enrol));
            let s = accounts::factor_state(db, member).await.unwrap();
            assert_eq!(accounts::pending_after_password(&s), None);
            enrol(db, admin, T0).await;
            let s = accounts::factor_state(db, admin).await.unwrap();
            assert!(s.totp_enabled && s.recovery_codes_left == 10);
            assert_eq!(accounts::pending_after_password(&s), Some(Pending::Verify));
            // A half-signed-in actor reaches no tenant.
            let half = Actor {
                pending: Some(Pending::Verify),
                ..w.admin_a.clone()
            };
            assert_eq!(
                scope::resolve(db, &half, TenantKind::Club, "club-a", T0)
                    .await
                    .unwrap_err(),
                AppError::Unauthenticated
            );
        }
    }

    #[tokio::test]
    async fn each_code_is_accepted_once_within_one_step_either_way() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let id = w.admin_a.identity.unwrap();
            let (key, _) = enrol(db, id, T0).await;
            // The enrolment code cannot sign in.
            assert!(
                !accounts::verify_totp(db, id, &totp::code_at(&key, T0).unwrap(), T0, None)
                    .await
                    .unwrap()
            );
            let now = T0.plus_seconds(300);
            // ±2 steps: refused.
            for off in [-2, 2] {
                let code = totp::code_at(&key, now.plus_seconds(off * 30)).unwrap();
                assert!(
                    !accounts::verify_totp(db, id, &code, now, None)
                        .await
                        .unwrap(),
                    "offset {off}"
                );
            }
            // The previous step's code is fine once…
            let prev = totp::code_at(&key, now.plus_seconds(-30)).unwrap();
            assert!(accounts::verify_totp(db, id, &prev, now, None)
                .await
                .unwrap());
            assert!(
                !accounts::verify_totp(db, id, &prev, now, None)
                    .await
                    .unwrap(),
                "replay"
            );
            // …and then only later steps count.
            let cur = totp::code_at(&key, now).unwrap();
            assert!(accounts::verify_totp(db, id, &cur, now, None)
                .await
                .unwrap());
            let next = totp::code_at(&key, now.plus_seconds(30)).unwrap();
            assert!(accounts::verify_totp(db, id, &next, now, None)
                .await
                .unwrap());
            assert!(
                !accounts::verify_totp(db, id, &cur, now, None)
                    .await
                    .unwrap(),
                "an older step after a newer one"
            );
        }
    }

    #[tokio::test]
    async fn two_simultaneous_submissions_of_one_code_cannot_both_pass() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let id = w.admin_a.identity.unwrap();
            let (key, _) = enrol(db, id, T0).await;
            let now = T0.plus_seconds(600);
            let code = totp::code_at(&key, now).unwrap();
            let mut tasks = Vec::new();
            for _ in 0..8 {
                let (db, code) = (db.clone(), code.clone());
                tasks.push(tokio::spawn(async move {
                    accounts::verify_totp(&db, id, &code, now, None).await
                }));
            }
            let mut accepted = 0;
            for task in tasks {
                // Losers count as wrong codes, so some may meet the lock instead.
                match task.await.unwrap() {
                    Ok(true) => accepted += 1,
                    Ok(false) | Err(AppError::TooManyRequests(_)) => {}
                    Err(e) => panic!("{e:?}"),
                }
            }
            assert_eq!(accepted, 1, "{:?}", t.backend());
        }
    }

    #[tokio::test]
    async fn wrong_codes_lock_the_factor_until_the_window_ends() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let id = w.admin_a.identity.unwrap();
            let (key, codes) = enrol(db, id, T0).await;
            let now = T0.plus_seconds(1000);
            for _ in 0..5 {
                assert!(!accounts::verify_totp(db, id, "000000", now, None)
                    .await
                    .unwrap_or(true));
            }
            let right = totp::code_at(&key, now).unwrap();
            assert!(matches!(
                accounts::verify_totp(db, id, &right, now, None).await,
                Err(AppError::TooManyRequests(_))
            ));
            assert!(matches!(
                accounts::use_recovery_code(db, id, &codes[0], now, None).await,
                Err(AppError::TooManyRequests(_))
            ));
            let later = now.plus_seconds(throttle::TOTP.window_secs + 1);
            let right = totp::code_at(&key, later).unwrap();
            assert!(accounts::verify_totp(db, id, &right, later, None)
                .await
                .unwrap());
        }
    }

    #[tokio::test]
    async fn recovery_codes_work_once_and_can_be_replaced() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let id = w.admin_a.identity.unwrap();
            let (_, codes) = enrol(db, id, T0).await;
            assert_eq!(codes.len(), 10);
            assert!(
                accounts::use_recovery_code(db, id, &codes[3].to_uppercase(), T0, None)
                    .await
                    .unwrap()
            );
            assert!(!accounts::use_recovery_code(db, id, &codes[3], T0, None)
                .await
                .unwrap());
            assert_eq!(
                accounts::factor_state(db, id)
                    .await
                    .unwrap()
                    .recovery_codes_left,
                9
            );
            let fresh = accounts::regenerate_recovery_codes(db, id, T0, None)
                .await
                .unwrap();
            assert!(
                !accounts::use_recovery_code(db, id, &codes[4], T0, None)
                    .await
                    .unwrap(),
                "old codes die"
            );
            assert!(accounts::use_recovery_code(db, id, &fresh[0], T0, None)
                .await
                .unwrap());
            // Staff cannot remove their factor; members can, with their password.
            assert!(accounts::remove_own_totp(db, id, PW.into(), T0, None)
                .await
                .is_err());
            let m = w.member_a.identity.unwrap();
            enrol(db, m, T0).await;
            assert!(accounts::remove_own_totp(db, m, "wrong".into(), T0, None)
                .await
                .is_err());
            accounts::remove_own_totp(db, m, PW.into(), T0, None)
                .await
                .unwrap();
            assert!(!accounts::factor_state(db, m).await.unwrap().totp_enabled);
            let kinds: Vec<String> = accounts::events_of(db, m, 10)
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.kind)
                .collect();
            assert_eq!(kinds[0], "second_factor_removed");
        }
    }

    #[tokio::test]
    async fn the_password_policy_and_change() {
        assert!(accounts::check_password_policy("short", false, &[]).is_err());
        assert!(
            accounts::check_password_policy("password1234", true, &[]).is_err(),
            "common"
        );
        assert!(accounts::check_password_policy(
            "anne.peeters@example.be",
            false,
            &["anne.peeters@example.be"]
        )
        .is_err());
        assert!(accounts::check_password_policy("violet tractor lagoon", false, &[]).is_ok());
        assert!(accounts::check_password_policy("violet tractor", true, &[])
            .is_ok_and(|_| "violet tractor".len() >= 12));
        let long = "x".repeat(300);
        assert!(accounts::check_password_policy(&long, false, &[]).is_err());
        // No truncation: a 200-character password differs from its first 72 characters.
        let p200: String = (0..200)
            .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
            .collect();
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let id = w.member_a.identity.unwrap();
            assert!(accounts::change_password(
                db,
                &w.member_a,
                "wrong".into(),
                "violet tractor lagoon".into(),
                T0,
                None
            )
            .await
            .is_err());
            assert!(accounts::change_password(
                db,
                &w.member_a,
                PW.into(),
                "123456789".into(),
                T0,
                None
            )
            .await
            .is_err());
            accounts::change_password(db, &w.member_a, PW.into(), p200.clone(), T0, None)
                .await
                .unwrap();
            assert_eq!(
                identities::authenticate(db, "member@a.be", p200[..72].to_string())
                    .await
                    .unwrap(),
                None
            );
            assert_eq!(
                identities::authenticate(db, "member@a.be", p200.clone())
                    .await
                    .unwrap(),
                Some(id)
            );
            // Staff need 12 characters.
            let err =
                accounts::change_password(db, &w.admin_a, PW.into(), "Tr4ct0r!9x".into(), T0, None)
                    .await;
            assert!(
                matches!(err, Err(AppError::Invalid(f)) if f[0].problem.to_string().contains("12"))
            );
        }
    }

    #[tokio::test]
    async fn sessions_are_listed_and_revoked_and_events_are_append_only() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let id = w.member_a.identity.unwrap();
            // Listing only shows sessions that exist in the store.
            let table = match t.backend() {
                Backend::Sqlite => "tower_sessions",
                Backend::Postgres => "tower_sessions.session",
            };
            for sid in ["s1", "s2", "s3"] {
                let expiry = match t.backend() {
                    Backend::Sqlite => "4102444800".to_string(),
                    Backend::Postgres => "'2100-01-01'".to_string(),
                };
                let data = match t.backend() {
                    Backend::Sqlite => "x'00'",
                    Backend::Postgres => "'\\x00'::bytea",
                };
                db.raw_execute(&format!("INSERT INTO {table} (id, data, expiry_date) VALUES ('{sid}', {data}, {expiry})")).await.unwrap();
                accounts::record_session(db, sid, id, T0, Some("192.0.2.1"), Some("Firefox"))
                    .await
                    .unwrap();
            }
            assert_eq!(accounts::sessions_of(db, id).await.unwrap().len(), 3);
            let handle = accounts::session_handle("s2");
            assert_eq!(
                accounts::revoke_sessions(db, id, Some(&handle), None, T0, None)
                    .await
                    .unwrap(),
                1
            );
            assert_eq!(
                accounts::revoke_sessions(db, id, None, Some("s1"), T0, None)
                    .await
                    .unwrap(),
                1
            );
            let left: Vec<String> = accounts::sessions_of(db, id)
                .await
                .unwrap()
                .into_iter()
                .map(|s| s.session_id)
                .collect();
            assert_eq!(left, vec!["s1".to_string()]);
            // Another person's handle ends nothing of theirs.
            let other = w.admin_a.identity.unwrap();
            assert_eq!(
                accounts::revoke_sessions(
                    db,
                    other,
                    Some(&accounts::session_handle("s1")),
                    None,
                    T0,
                    None
                )
                .await
                .unwrap(),
                0
            );
            assert!(db
                .raw_execute("UPDATE platform_events SET kind = 'x'")
                .await
                .is_err());
            assert!(db.raw_execute("DELETE FROM platform_events").await.is_err());
        }
    }
}

/// The club environment: plans, modules, club-defined roles, administrators, trials.
mod environment_tests {
    use super::*;
    use crate::roles::{self, RoleInput};
    use crate::{accounts, tenants::module_settings};
    use tessera_common::modules::{AUDIT_VIEW, EXPORTS_RUN, ROLES_MANAGE};
    use tessera_common::{MembershipId, RoleId};

    async fn admin_scope(db: &Db, w: &World, now: Timestamp) -> TenantScope {
        scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", now)
            .await
            .unwrap()
    }

    async fn membership_of(db: &Db, scope: &TenantScope, email: &str) -> MembershipId {
        let id = identities::find_by_email(db, email).await.unwrap().unwrap();
        let mut tx = db.tenant_read(scope).await.unwrap();
        let (m,): (i64,) = tx
            .fetch_one(
                "SELECT id FROM memberships WHERE tenant_id = $1 AND identity_id = $2",
                args![id],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        MembershipId(m)
    }

    /// Polls `check` every 20 ms for up to `secs` seconds.
    async fn within<F, Fut>(secs: u64, mut check: F) -> bool
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let until = crate::clock::monotonic() + std::time::Duration::from_secs(secs);
        loop {
            if check().await {
                return true;
            }
            if crate::clock::monotonic() > until {
                return false;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    #[tokio::test]
    async fn kept_persons_and_scopes_follow_changes_made_by_any_process() {
        for t in testing::all().await {
            let here = &t.db;
            let w = world(here).await;
            // A second application process on the same database.
            let there = Db::connect(&t.url, 2).await.unwrap();
            let pg = t.backend() == Backend::Postgres;
            // SQLite is asked once: there is nothing to wait for.
            let patience = |secs: u64| if pg { secs } else { 0 };
            assert_eq!(
                within(patience(10), || async { here.access.is_listening() }).await,
                pg,
                "PostgreSQL keeps sessions' persons and scopes, SQLite does not"
            );
            let member = w.member_a.identity.unwrap();
            let resolve = || scope::resolve(here, &w.member_a, TenantKind::Club, "club-a", T0);
            let person = || identities::actor(here, member, AuthLevel::Password);
            let a = admin_scope(here, &w, T0).await;
            let trainer = roles::create(
                here,
                &a,
                &w.admin_a,
                T0,
                input("Trainer", &["members.view"]),
            )
            .await
            .unwrap();
            let ms = membership_of(here, &a, "member@a.be").await;
            // Read twice: the second time from memory on PostgreSQL (once the notifications
            // of the set-up's own changes, which arrive when they arrive, have come in).
            assert!(resolve().await.unwrap().role_names().is_empty());
            let before = person().await.unwrap().unwrap().rights;
            let kept = within(patience(5), || async {
                let hits = here.access.hits();
                assert!(resolve().await.unwrap().role_names().is_empty());
                assert_eq!(person().await.unwrap().unwrap().rights, before);
                here.access.hits() - hits == 2
            })
            .await;
            assert_eq!(kept, pg, "reads are kept on PostgreSQL only");

            // The other process gives the role: seen here once its notification arrived.
            let a_there = admin_scope(&there, &w, T0).await;
            roles::assign(&there, &a_there, &w.admin_a, T0, ms, &[trainer])
                .await
                .unwrap();
            assert!(
                within(5, || async {
                    resolve().await.unwrap().role_names() == vec!["Trainer".to_string()]
                })
                .await,
                "a role given by another process applies here"
            );
            assert!(person().await.unwrap().unwrap().rights > before);
            // A change of the role's rights there, too.
            let info = roles::detail(&there, &a_there, trainer).await.unwrap().role;
            roles::update(
                &there,
                &a_there,
                &w.admin_a,
                T0,
                trainer,
                input("Trainer", &[]),
                info.version,
            )
            .await
            .unwrap();
            assert!(
                within(5, || async { !resolve().await.unwrap().can(MEMBERS_VIEW) }).await,
                "a role's rights taken by another process apply here"
            );

            // This process's own change applies at once, before any notification.
            roles::assign(here, &a, &w.admin_a, T0, ms, &[])
                .await
                .unwrap();
            assert!(resolve().await.unwrap().role_names().is_empty());

            if pg {
                // The listening connection is cut: listening again shortly, and a change
                // made meanwhile or after is seen.
                there
                    .raw_execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                         WHERE datname = current_database() AND query LIKE 'LISTEN%'",
                    )
                    .await
                    .unwrap();
                let _ = resolve().await.unwrap();
                roles::assign(&there, &a_there, &w.admin_a, T0, ms, &[trainer])
                    .await
                    .unwrap();
                assert!(
                    within(10, || async {
                        here.access.is_listening()
                            && resolve().await.unwrap().role_names() == vec!["Trainer".to_string()]
                    })
                    .await,
                    "listening again after the connection was cut, and the change is seen"
                );
            }
            there.close().await;
        }
    }

    #[tokio::test]
    async fn an_export_or_import_holding_its_connection_leaves_the_pages_theirs() {
        for t in testing::all().await {
            let w = world(&t.db).await;
            // One connection for the pages, the least a pool can have.
            let db = Db::connect(&t.url, 1).await.unwrap();
            let a = admin_scope(&db, &w, T0).await;
            // An export's snapshot (or an import's write) held open meanwhile.
            let held = db.bulk().tenant_snapshot(&a).await.unwrap();
            let page = tokio::time::timeout(
                std::time::Duration::from_secs(5),
                members::membership_types(&db, &a),
            )
            .await;
            assert!(
                matches!(page, Ok(Ok(_))),
                "a page reads while a bulk transaction holds its connection"
            );
            held.commit().await.unwrap();
            db.close().await;
        }
    }

    #[tokio::test]
    async fn kept_sessions_follow_changes_made_by_any_process() {
        use tower_sessions::cookie::time::{Duration, OffsetDateTime};
        use tower_sessions::session::{Id, Record};
        use tower_sessions::SessionStore;
        for t in testing::all().await {
            let here_db = &t.db;
            let w = world(here_db).await;
            let there_db = Db::connect(&t.url, 2).await.unwrap();
            let (here, there) = (here_db.sessions(), there_db.sessions());
            let pg = t.backend() == Backend::Postgres;
            let patience = |secs: u64| if pg { secs } else { 0 };
            within(patience(10), || async { here_db.access.is_listening() }).await;
            let record = |id: Id, value: &str, expires_in: Duration| Record {
                id,
                data: [("who".to_string(), serde_json::json!(value))].into(),
                expiry_date: OffsetDateTime::now_utc() + expires_in,
            };
            let who = |r: Option<Record>| r.map(|r| r.data["who"].to_string());
            let mut first = record(Id::default(), "first", Duration::hours(1));
            here.create(&mut first).await.unwrap();
            let id = first.id;
            assert_eq!(who(here.load(&id).await.unwrap()), Some("\"first\"".into()));
            let hits = here_db.access.hits();
            assert_eq!(who(here.load(&id).await.unwrap()), Some("\"first\"".into()));
            assert_eq!(
                here_db.access.hits() - hits,
                u64::from(pg),
                "the second load comes from memory on PostgreSQL only"
            );

            // Changed and then ended by another process: seen here once notified.
            there
                .save(&record(id, "second", Duration::hours(1)))
                .await
                .unwrap();
            assert!(
                within(5, || async {
                    who(here.load(&id).await.unwrap()) == Some("\"second\"".into())
                })
                .await,
                "a session changed by another process is read again"
            );
            there.delete(&id).await.unwrap();
            assert!(
                within(5, || async { here.load(&id).await.unwrap().is_none() }).await,
                "a session ended by another process ends here"
            );

            // This process's own changes apply at once.
            let mut own = record(Id::default(), "own", Duration::hours(1));
            here.create(&mut own).await.unwrap();
            let id = own.id;
            let _ = here.load(&id).await.unwrap();
            here.save(&record(id, "changed", Duration::hours(1)))
                .await
                .unwrap();
            assert_eq!(
                who(here.load(&id).await.unwrap()),
                Some("\"changed\"".into())
            );
            here.delete(&id).await.unwrap();
            assert_eq!(here.load(&id).await.unwrap(), None);

            // Ended through the sessions page of this process: at once too.
            let mut revoked = record(Id::default(), "revoked", Duration::hours(1));
            here.create(&mut revoked).await.unwrap();
            let sid = revoked.id.to_string();
            let person = w.member_a.identity.unwrap();
            accounts::record_session(here_db, &sid, person, T0, None, None)
                .await
                .unwrap();
            let _ = here.load(&revoked.id).await.unwrap();
            let handle = accounts::session_handle(&sid);
            accounts::revoke_sessions(here_db, person, Some(&handle), None, T0, None)
                .await
                .unwrap();
            assert_eq!(here.load(&revoked.id).await.unwrap(), None);

            // A kept session is not used past its expiry.
            let mut brief = record(Id::default(), "brief", Duration::milliseconds(1500));
            here.create(&mut brief).await.unwrap();
            assert!(here.load(&brief.id).await.unwrap().is_some());
            tokio::time::sleep(std::time::Duration::from_millis(1600)).await;
            assert_eq!(here.load(&brief.id).await.unwrap(), None);

            if let crate::db::DbUrl::Postgres(app) = &t.url {
                // The owner empties the table (everyone signed out): all kept ones go.
                let mut kept = record(Id::default(), "kept", Duration::hours(1));
                here.create(&mut kept).await.unwrap();
                let _ = here.load(&kept.id).await.unwrap();
                let name = app.rsplit('/').next().unwrap();
                let owner = std::env::var("TESSERA_TEST_PG_OWNER_URL").unwrap();
                let owner =
                    crate::db::DbUrl::Postgres(format!("{}/{name}", owner.trim_end_matches('/')));
                let owner = Db::connect(&owner, 1).await.unwrap();
                owner
                    .raw_execute("TRUNCATE tower_sessions.session")
                    .await
                    .unwrap();
                assert!(
                    within(5, || async { here.load(&kept.id).await.unwrap().is_none() }).await,
                    "sessions emptied by the owner end here"
                );
                owner.close().await;
            }
            there_db.close().await;
        }
    }

    fn input(name: &str, perms: &[&str]) -> RoleInput {
        RoleInput {
            name: name.into(),
            staff: false,
            permissions: perms.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn fields(e: AppError) -> Vec<(String, String)> {
        match e {
            AppError::Invalid(f) => f
                .into_iter()
                .map(|f| (f.field, f.problem.to_string()))
                .collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn roles_are_validated_and_apply_on_the_next_resolve() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = admin_scope(db, &w, T0).await;
            // Unknown permissions, permissions of another kind, bad names: all reported.
            let e = roles::create(
                db,
                &a,
                &w.admin_a,
                T0,
                input("", &["members.fly", "platform.manage"]),
            )
            .await
            .unwrap_err();
            let f = fields(e);
            assert!(f.iter().any(|(k, m)| k == "name" && m.contains("1 to 60")));
            assert!(f
                .iter()
                .any(|(k, m)| k == "permissions" && m.contains("members.fly")));
            assert!(f
                .iter()
                .any(|(k, m)| k == "permissions" && m.contains("platform.manage")));
            let trainer =
                roles::create(db, &a, &w.admin_a, T0, input("Trainer", &["members.view"]))
                    .await
                    .unwrap();
            // Duplicate names differ by case only: refused.
            let e = roles::create(db, &a, &w.admin_a, T0, input("  TRAINER ", &[]))
                .await
                .unwrap_err();
            assert!(fields(e)[0].1.contains("already a role"));
            // The plain member gets the role: their next resolve sees it.
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            assert_eq!(
                members::list(db, &m, "", 1).await.unwrap_err(),
                AppError::Forbidden
            );
            let ms = membership_of(db, &a, "member@a.be").await;
            let before = identities::actor(db, w.member_a.identity.unwrap(), AuthLevel::Password)
                .await
                .unwrap()
                .unwrap()
                .rights;
            roles::assign(db, &a, &w.admin_a, T0, ms, &[trainer])
                .await
                .unwrap();
            let after = identities::actor(db, w.member_a.identity.unwrap(), AuthLevel::Password)
                .await
                .unwrap()
                .unwrap()
                .rights;
            assert!(
                after > before,
                "the rights counter moves so the session rotates"
            );
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            assert_eq!(m.role_names(), vec!["Trainer".to_string()]);
            assert_eq!(members::list(db, &m, "", 1).await.unwrap().total, 3);
            assert_eq!(
                roles::overview(db, &m).await.unwrap_err(),
                AppError::Forbidden
            );
            // A stale save is a conflict; a fresh one applies to every holder at once.
            let info = roles::detail(db, &a, trainer).await.unwrap().role;
            roles::update(
                db,
                &a,
                &w.admin_a,
                T0,
                trainer,
                input("Coach", &[]),
                info.version,
            )
            .await
            .unwrap();
            let e = roles::update(
                db,
                &a,
                &w.admin_a,
                T0,
                trainer,
                input("Trainer", &[]),
                info.version,
            )
            .await
            .unwrap_err();
            assert!(
                matches!(&e, AppError::Conflict(m) if m.to_string().contains("Anna Admin")),
                "{e:?}"
            );
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            assert_eq!(m.role_names(), vec!["Coach".to_string()]);
            assert!(!m.can(MEMBERS_VIEW));
            // The built-in role cannot be emptied, renamed or deleted.
            let admin_role = roles::overview(db, &a).await.unwrap().roles[0].clone();
            assert!(admin_role.admin);
            assert!(matches!(
                roles::update(
                    db,
                    &a,
                    &w.admin_a,
                    T0,
                    admin_role.id,
                    input("Boss", &[]),
                    admin_role.version
                )
                .await,
                Err(AppError::BadRequest(_))
            ));
            assert!(matches!(
                roles::delete(db, &a, &w.admin_a, T0, admin_role.id).await,
                Err(AppError::BadRequest(_))
            ));
            // Deleting a role takes it from its holders; their records stay.
            roles::delete(db, &a, &w.admin_a, T0, trainer)
                .await
                .unwrap();
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            assert!(m.roles().is_empty());
            // Every change is stamped and in the event log.
            module_settings::switch(db, &a, &w.admin_a, T0, "audit", true)
                .await
                .unwrap();
            let a = admin_scope(db, &w, T0).await;
            let events = accounts::club_events(db, &a, 50).await.unwrap();
            for kind in [
                "role_created",
                "roles_assigned",
                "role_changed",
                "role_deleted",
            ] {
                assert!(
                    events
                        .iter()
                        .any(|e| e.kind == kind && e.person.as_deref() == Some("Anna Admin")),
                    "{kind}"
                );
            }
            // Another tenant's role id is simply not found.
            let b = TenantScope::for_system_task(
                &crate::jobs::SystemTask::background(),
                w.club_b.clone(),
            );
            let foreign = roles::create(db, &b, &Actor::system("t"), T0, input("B role", &[]))
                .await
                .unwrap();
            assert_eq!(
                roles::detail(db, &a, foreign).await.unwrap_err(),
                AppError::NotFound
            );
            assert!(matches!(
                roles::assign(db, &a, &w.admin_a, T0, ms, &[foreign]).await,
                Err(AppError::Invalid(_))
            ));
            assert_eq!(
                roles::assign(db, &a, &w.admin_a, T0, MembershipId(12345), &[])
                    .await
                    .unwrap_err(),
                AppError::NotFound
            );
        }
    }

    #[tokio::test]
    async fn the_last_admin_stays_and_the_plan_caps_admins() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = admin_scope(db, &w, T0).await;
            let me = membership_of(db, &a, "admin@a.be").await;
            let overview = roles::admins(db, &a).await.unwrap();
            assert_eq!(overview.admins.len(), 1);
            assert_eq!(overview.max_admins, None, "premium has no cap");
            assert!(matches!(
                roles::remove_admin(db, &a, &w.admin_a, T0, me).await,
                Err(AppError::Conflict(m)) if m.to_string().contains("last administrator")
            ));
            assert!(matches!(
                roles::assign(db, &a, &w.admin_a, T0, me, &[]).await,
                Err(AppError::Conflict(m)) if m.to_string().contains("last administrator")
            ));
            // Basic plan: two administrators at most.
            let op = TenantScope::for_system_task(
                &crate::jobs::SystemTask::background(),
                tenants::find_by_slug(db, TenantKind::Operator, "platform")
                    .await
                    .unwrap()
                    .unwrap(),
            );
            tenants::assign_plan(db, &op, &Actor::system("t"), T0, "club-a", "basic")
                .await
                .unwrap();
            let a = admin_scope(db, &w, T0).await;
            let mo = membership_of(db, &a, "member@a.be").await;
            let admin_role = RoleId(roles::overview(db, &a).await.unwrap().roles[0].id.0);
            roles::assign(db, &a, &w.admin_a, T0, mo, &[admin_role])
                .await
                .unwrap();
            let third =
                identities::create(db, &Actor::system("t"), T0, "third@a.be", "Third", None)
                    .await
                    .unwrap();
            let e = roles::grant_admin(db, &a, &w.admin_a, T0, third)
                .await
                .unwrap_err();
            assert!(
                matches!(&e, AppError::Conflict(m) if m.to_string().contains("at most 2 administrators")),
                "{e:?}"
            );
            // Now Mo is an administrator too, the first one can go.
            roles::remove_admin(db, &a, &w.admin_a, T0, me)
                .await
                .unwrap();
            let left = roles::admins(db, &a).await.unwrap();
            assert_eq!(left.admins.len(), 1);
            assert_eq!(left.admins[0].person.email, "member@a.be");
            assert_eq!(left.max_admins, Some(2));
        }
    }

    #[tokio::test]
    async fn modules_switch_within_the_plan_and_respect_their_needs() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = admin_scope(db, &w, T0).await;
            assert!(!a.module_active("audit"));
            assert_eq!(
                accounts::club_events(db, &a, 5).await.unwrap_err(),
                AppError::NotFound
            );
            // Exports needs the event log.
            let e = module_settings::switch(db, &a, &w.admin_a, T0, "exports", true)
                .await
                .unwrap_err();
            // The module's name is given in the reader's language.
            assert_eq!(
                e.text(Lang::Nl),
                "Exports vereist Logboek; zet dat eerst aan"
            );
            assert_eq!(
                e.text(Lang::Fr),
                "Exports nécessite Journal ; activez-le d'abord"
            );
            assert!(fields(e)[0].1.contains("needs Event log"));
            module_settings::switch(db, &a, &w.admin_a, T0, "audit", true)
                .await
                .unwrap();
            module_settings::switch(db, &a, &w.admin_a, T0, "exports", true)
                .await
                .unwrap();
            let a = admin_scope(db, &w, T0).await;
            assert!(a.can(EXPORTS_RUN) && a.can(AUDIT_VIEW));
            // The log cannot go while exports needs it.
            let e = module_settings::switch(db, &a, &w.admin_a, T0, "audit", false)
                .await
                .unwrap_err();
            assert!(e.text(Lang::Nl).contains("zet Exports eerst uit"), "{e:?}");
            assert!(fields(e)[0].1.contains("switch Exports off first"));
            for bad in ["members", "nonsense", "platform"] {
                assert!(
                    matches!(
                        module_settings::switch(db, &a, &w.admin_a, T0, bad, false).await,
                        Err(AppError::Invalid(_))
                    ),
                    "{bad}"
                );
            }
            // A role holding exports.run keeps it while the module is off, and it applies
            // again when the module comes back.
            let exporter =
                roles::create(db, &a, &w.admin_a, T0, input("Exporter", &["exports.run"]))
                    .await
                    .unwrap();
            let mo = membership_of(db, &a, "member@a.be").await;
            roles::assign(db, &a, &w.admin_a, T0, mo, &[exporter])
                .await
                .unwrap();
            module_settings::switch(db, &a, &w.admin_a, T0, "exports", false)
                .await
                .unwrap();
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            assert_eq!(m.require(EXPORTS_RUN).unwrap_err(), AppError::NotFound);
            module_settings::switch(db, &a, &w.admin_a, T0, "exports", true)
                .await
                .unwrap();
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            assert!(m.can(EXPORTS_RUN) && !m.can(ROLES_MANAGE));
            // A plan without exports: the module is off whatever the switch says, and a
            // role may not be given its permission.
            let op = TenantScope::for_system_task(
                &crate::jobs::SystemTask::background(),
                tenants::find_by_slug(db, TenantKind::Operator, "platform")
                    .await
                    .unwrap()
                    .unwrap(),
            );
            tenants::assign_plan(db, &op, &Actor::system("t"), T0, "club-a", "standard")
                .await
                .unwrap();
            let a = admin_scope(db, &w, T0).await;
            assert!(!a.module_active("exports") && a.module_active("audit"));
            let e = roles::create(
                db,
                &a,
                &w.admin_a,
                T0,
                input("Exporter 2", &["exports.run"]),
            )
            .await
            .unwrap_err();
            assert!(fields(e)[0].1.contains("plan does not include"));
            let e = module_settings::switch(db, &a, &w.admin_a, T0, "exports", true)
                .await
                .unwrap_err();
            assert!(fields(e)[0].1.contains("not part of the club's plan"));
            let st = module_settings::settings(db, &a).await.unwrap();
            let ex = st.modules.iter().find(|m| m.id == "exports").unwrap();
            assert!(
                !ex.on
                    && !ex.in_plan
                    && ex.stamp.as_ref().and_then(|s| s.by.clone()).as_deref()
                        == Some("Anna Admin")
            );
        }
    }

    #[tokio::test]
    async fn an_ended_trial_turns_read_only_and_keeps_everything() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let op = TenantScope::for_system_task(
                &crate::jobs::SystemTask::background(),
                tenants::find_by_slug(db, TenantKind::Operator, "platform")
                    .await
                    .unwrap()
                    .unwrap(),
            );
            tenants::assign_plan(db, &op, &Actor::system("t"), T0, "club-a", "trial")
                .await
                .unwrap();
            let day = 86_400_000;
            let during = Timestamp(T0.0 + 29 * day);
            let a = admin_scope(db, &w, during).await;
            assert_eq!(a.read_only_since(), None);
            assert_eq!(a.tenant().trial_ends_at, Some(Timestamp(T0.0 + 30 * day)));
            roles::create(db, &a, &w.admin_a, during, input("Helper", &[]))
                .await
                .unwrap();
            let after = Timestamp(T0.0 + 30 * day);
            let a = admin_scope(db, &w, after).await;
            assert_eq!(a.read_only_since(), Some(after));
            assert_eq!(
                roles::create(db, &a, &w.admin_a, after, input("Late", &[]))
                    .await
                    .unwrap_err(),
                AppError::ReadOnly
            );
            assert_eq!(
                members::create(db, &a, &w.admin_a, after, member("New", "Person"))
                    .await
                    .unwrap_err(),
                AppError::ReadOnly
            );
            // Reading goes on; nothing was deleted.
            assert_eq!(members::list(db, &a, "", 1).await.unwrap().total, 3);
            assert_eq!(roles::overview(db, &a).await.unwrap().roles.len(), 2);
            // A paid plan lifts it at once.
            tenants::assign_plan(db, &op, &Actor::system("t"), after, "club-a", "standard")
                .await
                .unwrap();
            let a = admin_scope(db, &w, after).await;
            assert_eq!(a.read_only_since(), None);
        }
    }
}

/// Changing member records: validation per field, optimistic concurrency, self-service.
mod member_record_tests {
    use super::*;
    use crate::members::{MemberInput, SelfInput};

    fn input(given: &str) -> MemberInput {
        MemberInput {
            given_name: given.into(),
            family_name: "Peeters".into(),
            birth_date: "1990-05-17".into(),
            gender: "f".into(),
            email: "Lotte.Peeters@Example.be".into(),
            phone: "+32 470 12 34 56".into(),
            street: "Kerkstraat 1".into(),
            postcode: "2200".into(),
            city: "Herentals".into(),
            membership_type: "Competitie".into(),
            season: "2026-2027".into(),
            status: "active".into(),
            joined_on: "2020-09-01".into(),
            ended_on: String::new(),
            custom: Default::default(),
        }
    }

    fn fields(e: AppError) -> Vec<String> {
        match e {
            AppError::Invalid(f) => f.into_iter().map(|f| f.field).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_record_is_validated_per_field_and_a_stale_save_names_who_changed_it() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            let id = members::list(db, &a, "", 1).await.unwrap().rows[0].id;
            let v = members::get(db, &a, id).await.unwrap().version;
            // Everything wrong at once: every field named, nothing stored.
            let bad = MemberInput {
                given_name: " ".into(),
                family_name: "x".repeat(101),
                birth_date: "2031-02-30".into(),
                gender: "q".into(),
                email: "lotte@".into(),
                phone: "call me".into(),
                street: "a\nb".into(),
                postcode: "<script>".into(),
                city: String::new(),
                membership_type: "y".repeat(41),
                season: "2026-2028".into(),
                status: "dormant".into(),
                joined_on: "2020-13-01".into(),
                ended_on: "1800-01-01".into(),
                custom: Default::default(),
            };
            let f = fields(
                members::update(db, &a, &w.admin_a, T0, id, &bad, v)
                    .await
                    .unwrap_err(),
            );
            for field in [
                "given_name",
                "family_name",
                "birth_date",
                "gender",
                "email",
                "phone",
                "street",
                "postcode",
                "membership_type",
                "season",
                "status",
                "joined_on",
                "ended_on",
            ] {
                assert!(f.iter().any(|x| x == field), "{field} in {f:?}");
            }
            let mut ended = input("Lotte");
            ended.status = "ended".into();
            let f = fields(
                members::update(db, &a, &w.admin_a, T0, id, &ended, v)
                    .await
                    .unwrap_err(),
            );
            assert_eq!(f, vec!["ended_on".to_string()]);
            ended.ended_on = "2019-01-01".into();
            let f = fields(
                members::update(db, &a, &w.admin_a, T0, id, &ended, v)
                    .await
                    .unwrap_err(),
            );
            assert_eq!(f, vec!["ended_on".to_string()], "ends before it began");
            assert_eq!(
                members::get(db, &a, id).await.unwrap().version,
                v,
                "nothing half-saved"
            );
            // A good save: normalised, stamped, versioned.
            members::update(db, &a, &w.admin_a, T0, id, &input("Lotte"), v)
                .await
                .unwrap();
            let d = members::get(db, &a, id).await.unwrap();
            assert_eq!(d.email.as_deref(), Some("lotte.peeters@example.be"));
            assert_eq!(d.season.as_deref(), Some("2026-2027"));
            assert_eq!(d.version, v + 1);
            assert_eq!(d.stamp.by.as_deref(), Some("Anna Admin"));
            // A second editor who opened the old version: refused, naming who and when.
            let e = members::update(db, &a, &w.admin_a, T0, id, &input("Charlotte"), v)
                .await
                .unwrap_err();
            assert!(
                matches!(&e, AppError::Conflict(m) if m.to_string().contains("Anna Admin") && m.to_string().contains("still in the form")),
                "{e:?}"
            );
            assert_eq!(members::get(db, &a, id).await.unwrap().given_name, "Lotte");
            // Without the right to edit: refused; another club's record: not found.
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            assert_eq!(
                members::update(db, &m, &w.member_a, T0, id, &input("X"), v + 1)
                    .await
                    .unwrap_err(),
                AppError::Forbidden
            );
            assert_eq!(
                members::update(db, &a, &w.admin_a, T0, w.b_member, &input("X"), 1)
                    .await
                    .unwrap_err(),
                AppError::NotFound
            );
        }
    }

    #[tokio::test]
    async fn a_member_changes_the_contact_details_of_their_own_record_only() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            // Mo's account is not linked to a record yet: there is no "own record".
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            assert_eq!(members::own(db, &m).await.unwrap_err(), AppError::NotFound);
            let record = members::list(db, &a, "", 1).await.unwrap().rows[1].id;
            let sys = TenantScope::for_system_task(
                &crate::jobs::SystemTask::background(),
                w.club_a.clone(),
            );
            let mut tx = db
                .tenant_write(&sys, &Actor::system("t"), T0)
                .await
                .unwrap();
            tx.execute(
                "UPDATE memberships SET member_id = $2 WHERE tenant_id = $1 AND identity_id = $3",
                args![record, w.member_a.identity],
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            let mine = members::own(db, &m).await.unwrap();
            assert_eq!(mine.id, record);
            let bad = SelfInput {
                email: "not-an-address".into(),
                phone: "12".into(),
                ..Default::default()
            };
            let f = fields(
                members::update_own(db, &m, &w.member_a, T0, &bad, mine.version)
                    .await
                    .unwrap_err(),
            );
            assert_eq!(f, vec!["email".to_string(), "phone".to_string()]);
            let good = SelfInput {
                email: "mo@example.be".into(),
                phone: "0470 12 34 56".into(),
                street: "Nieuwstraat 3".into(),
                postcode: "2200".into(),
                city: "Herentals".into(),
                custom: Default::default(),
            };
            members::update_own(db, &m, &w.member_a, T0, &good, mine.version)
                .await
                .unwrap();
            let after = members::own(db, &m).await.unwrap();
            assert_eq!(after.email.as_deref(), Some("mo@example.be"));
            assert_eq!(
                after.given_name, mine.given_name,
                "names stay as the club keeps them"
            );
            assert_eq!(
                after.stamp.by.as_deref(),
                Some("Mo Member"),
                "stamped as the member"
            );
            let e = members::update_own(db, &m, &w.member_a, T0, &good, mine.version)
                .await
                .unwrap_err();
            assert!(matches!(e, AppError::Conflict(_)));
        }
    }
}

mod member_list_tests {
    use super::*;
    use crate::members::MemberInput;
    use tessera_common::dto::MemberFilter;

    #[tokio::test]
    async fn the_register_pages_by_the_size_asked_for_and_only_the_sizes_it_offers() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            let before = members::list(db, &a, "", 1).await.unwrap().total;
            for n in 0..120 {
                members::create_from_input(
                    db,
                    &a,
                    &w.admin_a,
                    T0,
                    &MemberInput {
                        given_name: format!("Page{n:03}"),
                        family_name: "Pager".into(),
                        status: "active".into(),
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            }
            let total = before + 120;
            let page = |per: i64, p: i64| {
                let a = a.clone();
                async move {
                    let f = MemberFilter {
                        per_page: per,
                        ..Default::default()
                    };
                    members::list_filtered(db, &a, &f, p).await.unwrap()
                }
            };
            for (asked, shown) in [
                (25, 25),
                (50, 50),
                (100, 100),
                (0, 50),
                (7, 50),
                (-1, 50),
                (1_000_000, 50),
            ] {
                let p = page(asked, 1).await;
                assert_eq!(p.rows.len() as i64, shown.min(total), "per={asked}");
                assert_eq!(p.per_page, shown, "per={asked}");
                assert_eq!(p.total, total);
            }
            // The second page of 100 holds the rest, and pages do not overlap.
            let first = page(100, 1).await;
            let second = page(100, 2).await;
            assert_eq!(second.rows.len() as i64, total - 100);
            assert!(second
                .rows
                .iter()
                .all(|r| first.rows.iter().all(|f| f.id != r.id)));
            // The size stays in the addresses the page links to, the default is left out.
            assert!(second.filter.to_query(3).contains("per=100"));
            assert!(!page(50, 1).await.filter.to_query(2).contains("per="));
            // A search pages by the same size.
            let found = members::list_filtered(
                db,
                &a,
                &MemberFilter {
                    query: "pager".into(),
                    per_page: 25,
                    ..Default::default()
                },
                2,
            )
            .await
            .unwrap();
            assert_eq!((found.total, found.rows.len()), (120, 25));
        }
    }

    #[tokio::test]
    async fn the_register_filters_sorts_and_refuses_what_it_does_not_know() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            for (given, family, birth, status, ty, season) in [
                ("Jef", "Aerts", "2012-03-01", "active", "Jeugd", "2026-2027"),
                (
                    "Mia",
                    "Zeger",
                    "1980-07-09",
                    "suspended",
                    "Recreatie",
                    "2025-2026",
                ),
                ("Ann", "Aerts", "", "applicant", "Jeugd", "2026-2027"),
            ] {
                members::create_from_input(
                    db,
                    &a,
                    &w.admin_a,
                    T0,
                    &MemberInput {
                        given_name: given.into(),
                        family_name: family.into(),
                        birth_date: birth.into(),
                        status: status.into(),
                        membership_type: ty.into(),
                        season: season.into(),
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            }
            let list = |f: MemberFilter| {
                let a = a.clone();
                async move { members::list_filtered(db, &a, &f, 1).await }
            };
            let names = |p: &tessera_common::dto::MemberPage| {
                p.rows
                    .iter()
                    .map(|r| r.given_name.clone())
                    .collect::<Vec<_>>()
            };
            let all = list(MemberFilter::default()).await.unwrap();
            assert_eq!(all.total, 6);
            assert_eq!(
                all.types,
                vec!["Jeugd".to_string(), "Recreatie".to_string()]
            );
            assert_eq!(
                all.seasons,
                vec!["2026-2027".to_string(), "2025-2026".to_string()]
            );
            let jeugd = list(MemberFilter {
                membership_type: "Jeugd".into(),
                ..Default::default()
            })
            .await
            .unwrap();
            assert_eq!(
                names(&jeugd),
                vec!["Ann", "Jef"],
                "by name: Aerts Ann, Aerts Jef"
            );
            let p = list(MemberFilter {
                status: "suspended".into(),
                season: "2025-2026".into(),
                ..Default::default()
            })
            .await
            .unwrap();
            assert_eq!(names(&p), vec!["Mia"]);
            // Youngest first; a record without a birth date comes last either way.
            let p = list(MemberFilter {
                membership_type: "Jeugd".into(),
                sort: "-birth".into(),
                ..Default::default()
            })
            .await
            .unwrap();
            assert_eq!(names(&p), vec!["Jef", "Ann"]);
            let p = list(MemberFilter {
                query: "AERTS".into(),
                sort: "-name".into(),
                ..Default::default()
            })
            .await
            .unwrap();
            assert_eq!(names(&p), vec!["Jef", "Ann"]);
            // A search for a wildcard finds the character, not everything.
            let p = list(MemberFilter {
                query: "%".into(),
                ..Default::default()
            })
            .await
            .unwrap();
            assert_eq!(p.total, 0);
            for bad in [
                MemberFilter {
                    status: "gone".into(),
                    ..Default::default()
                },
                MemberFilter {
                    sort: "email; DROP TABLE members".into(),
                    ..Default::default()
                },
                MemberFilter {
                    season: "x".repeat(41),
                    ..Default::default()
                },
                MemberFilter {
                    query: "y".repeat(101),
                    ..Default::default()
                },
            ] {
                assert!(matches!(list(bad).await, Err(AppError::Invalid(_))));
            }
            assert_eq!(
                members::list(db, &a, "", 1).await.unwrap().total,
                6,
                "nothing changed"
            );
        }
    }
}

mod family_tests {
    use super::*;
    use crate::members::{MemberInput, SelfInput};

    fn person(given: &str, birth: &str, email: &str) -> MemberInput {
        MemberInput {
            given_name: given.into(),
            family_name: "Janssens".into(),
            birth_date: birth.into(),
            email: email.into(),
            status: "active".into(),
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn a_guardian_keeps_a_childs_record_until_18_then_the_adult_is_invited_once() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            let today = T0.utc_date();
            // A child who turns 18 in ten days, and a sibling who shares the address of the
            // parent's account.
            let birthday = Date::from_days(today.days_since_epoch() + 10).plus_years(-18);
            let parent = members::create_from_input(
                db,
                &a,
                &w.admin_a,
                T0,
                &person("Mo", "1980-01-01", "mo@example.be"),
            )
            .await
            .unwrap();
            let child = members::create_from_input(
                db,
                &a,
                &w.admin_a,
                T0,
                &person("Lien", &birthday.to_string(), "lien@example.be"),
            )
            .await
            .unwrap();
            let sibling = members::create_from_input(
                db,
                &a,
                &w.admin_a,
                T0,
                &person("Bo", &birthday.to_string(), "member@a.be"),
            )
            .await
            .unwrap();
            let sys = TenantScope::for_system_task(
                &crate::jobs::SystemTask::background(),
                w.club_a.clone(),
            );
            let mut tx = db
                .tenant_write(&sys, &Actor::system("t"), T0)
                .await
                .unwrap();
            members::link_guardians(&mut tx, &[(parent, child), (parent, sibling)])
                .await
                .unwrap();
            tx.execute(
                "UPDATE memberships SET member_id = $2 WHERE tenant_id = $1 AND identity_id = $3",
                args![parent, w.member_a.identity],
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            let kids = members::my_children(db, &m, today).await.unwrap();
            assert_eq!(
                kids.iter().map(|k| k.id).collect::<Vec<_>>(),
                vec![child, sibling]
            );
            let rec = members::child(db, &m, child, today).await.unwrap();
            let input = SelfInput {
                email: "lien@example.be".into(),
                phone: "0470 10 20 30".into(),
                ..Default::default()
            };
            members::update_child(db, &m, &w.member_a, T0, child, &input, rec.version)
                .await
                .unwrap();
            let rec = members::child(db, &m, child, today).await.unwrap();
            assert_eq!(rec.phone.as_deref(), Some("0470 10 20 30"));
            assert_eq!(
                rec.stamp.by.as_deref(),
                Some("Mo Member"),
                "stamped as the guardian"
            );
            // Not their child: not found.
            let other = members::list(db, &a, "", 1).await.unwrap().rows[0].id;
            assert_eq!(
                members::child(db, &m, other, today).await.unwrap_err(),
                AppError::NotFound
            );
            // Ten days later the child is 18: the guardian's access has ended.
            let later = Timestamp(T0.0 + 10 * 86_400_000);
            let on = later.utc_date();
            assert!(members::my_children(db, &m, on).await.unwrap().is_empty());
            assert!(matches!(
                members::child(db, &m, child, on).await,
                Err(AppError::BadRequest(msg)) if msg.to_string().contains("come of age")
            ));
            assert!(matches!(
                members::update_child(db, &m, &w.member_a, later, child, &input, rec.version).await,
                Err(AppError::BadRequest(_))
            ));
            // The daily job invites the new adult once; the sibling on the parent's address
            // is left for the club (their address is their parent's account).
            let dir = std::env::temp_dir().join(format!("tessera-family-{}", crate::ids::new_id()));
            let mailer =
                crate::mail::Mailer::outbox(dir.clone(), "Tessera <t@tessera.test>").unwrap();
            let day_before = Timestamp(later.0 - 86_400_000);
            assert_eq!(
                members::invite_members_of_age(db, &mailer, "http://t", &sys, day_before)
                    .await
                    .unwrap(),
                0,
                "not yet 18"
            );
            assert_eq!(
                members::invite_members_of_age(db, &mailer, "http://t", &sys, later)
                    .await
                    .unwrap(),
                1
            );
            assert_eq!(
                members::invite_members_of_age(db, &mailer, "http://t", &sys, later)
                    .await
                    .unwrap(),
                0,
                "once"
            );
            let mails = std::fs::read_dir(&dir).unwrap().count();
            assert_eq!(mails, 1);
            let lien = identities::find_by_email(db, "lien@example.be")
                .await
                .unwrap();
            assert!(lien.is_some(), "an account of her own");
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

/// The club's own fields: definitions, per-kind checks on a record, who sees and changes
/// which field, the register's filter on a choice field.
mod custom_field_tests {
    use super::*;
    use crate::members::custom_fields;
    use crate::members::{MemberInput, SelfInput};
    use std::collections::BTreeMap;
    use tessera_common::dto::{FieldForm, MemberForm};

    fn def(label: &str, kind: &str, options: &str, vis: &str, editable: bool) -> FieldForm {
        FieldForm {
            label: label.into(),
            kind: kind.into(),
            help: "<script>alert(1)</script> help".into(),
            required: false,
            options: options.into(),
            visibility: vis.into(),
            member_editable: editable,
        }
    }

    fn problem_fields(e: AppError) -> Vec<String> {
        match e {
            AppError::Invalid(f) => f.into_iter().map(|f| f.field).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn custom_fields_are_checked_stored_shown_and_filtered_by_who_may_see_them() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            let size = custom_fields::create(
                db,
                &a,
                &w.admin_a,
                T0,
                &def("Shirt size", "choice", "S\nM\nL", "member", true),
            )
            .await
            .unwrap();
            let iban = custom_fields::create(
                db,
                &a,
                &w.admin_a,
                T0,
                &def("IBAN", "iban", "", "staff", false),
            )
            .await
            .unwrap();
            let nrn = custom_fields::create(
                db,
                &a,
                &w.admin_a,
                T0,
                &def("National number", "national_number", "", "member", false),
            )
            .await
            .unwrap();
            let note = custom_fields::create(
                db,
                &a,
                &w.admin_a,
                T0,
                &def("Note", "text", "", "member", false),
            )
            .await
            .unwrap();
            // The same label twice is refused on its field.
            let e = custom_fields::create(
                db,
                &a,
                &w.admin_a,
                T0,
                &def("shirt SIZE", "text", "", "member", false),
            )
            .await
            .unwrap_err();
            assert_eq!(problem_fields(e), vec!["label"]);
            let fields = custom_fields::list(db, &a).await.unwrap();
            assert_eq!(fields.len(), 4);
            assert_eq!(
                fields.iter().find(|f| f.id == nrn).map(|f| f.visibility),
                Some(tessera_common::dto::FieldVisibility::Sensitive),
                "a national register number is always sensitive"
            );

            let id = members::list(db, &a, "", 1).await.unwrap().rows[0].id;
            let rec = members::get(db, &a, id).await.unwrap();
            assert_eq!(rec.custom.len(), 4, "the admin sees every field");
            let mut form = MemberForm::of(&rec);
            form.custom = BTreeMap::from([
                (format!("c{size}"), "XL".to_string()),
                (format!("c{iban}"), "BE69 5390 0754 7034".to_string()),
                (format!("c{nrn}"), "85073003329".to_string()),
            ]);
            form.given_name = String::new();
            // Every problem at once, standard and custom, and nothing stored.
            let e = members::update(db, &a, &w.admin_a, T0, id, &form, rec.version)
                .await
                .unwrap_err();
            let mut got = problem_fields(e);
            got.sort();
            let mut want = vec![
                "given_name".to_string(),
                format!("cf{size}"),
                format!("cf{iban}"),
                format!("cf{nrn}"),
            ];
            want.sort();
            assert_eq!(got, want);
            assert_eq!(members::get(db, &a, id).await.unwrap().version, rec.version);
            form.given_name = rec.given_name.clone();
            form.custom = BTreeMap::from([
                (format!("c{size}"), "M".to_string()),
                (format!("c{iban}"), "be68539007547034".to_string()),
                (format!("c{nrn}"), "85.07.30-033.28".to_string()),
                (format!("c{note}"), "<b>javascript:alert(1)</b>".to_string()),
            ]);
            members::update(db, &a, &w.admin_a, T0, id, &form, rec.version)
                .await
                .unwrap();
            let rec2 = members::get(db, &a, id).await.unwrap();
            let value = |r: &tessera_common::dto::MemberDetail, f: i64| {
                r.custom
                    .iter()
                    .find(|c| c.field.id == f)
                    .map(|c| c.values.clone())
            };
            assert_eq!(
                value(&rec2, iban),
                Some(vec!["BE68 5390 0754 7034".to_string()])
            );
            assert_eq!(value(&rec2, nrn), Some(vec!["85.07.30-033.28".to_string()]));
            assert_eq!(
                value(&rec2, note),
                Some(vec!["<b>javascript:alert(1)</b>".to_string()])
            );
            assert_eq!(rec2.version, rec.version + 1);
            // The export's custom columns carry the stored values of the exported records
            // (looked up by the records' ids), and nothing for a record without one.
            let sys_a = TenantScope::for_system_task(
                &crate::jobs::SystemTask::background(),
                w.club_a.clone(),
            );
            let file = crate::exports::export_members(
                db,
                &sys_a,
                &Actor::system("test"),
                T0,
                &crate::exports::ExportRequest {
                    format: crate::exports::ExportFormat::Csv,
                    purpose: "Check".into(),
                    columns: vec!["id".into(), format!("cf{size}"), format!("cf{note}")],
                    status: None,
                    consent: None,
                    lang: tessera_common::Lang::En,
                },
            )
            .await
            .unwrap();
            let text = String::from_utf8(file.bytes).unwrap();
            let lines: Vec<&str> = text.lines().skip(1).collect();
            assert_eq!(lines.len(), file.people, "{text}");
            assert!(
                lines.contains(&format!("{id},M,<b>javascript:alert(1)</b>").as_str()),
                "{:?}: {text}",
                t.backend()
            );
            assert_eq!(
                lines.iter().filter(|l| l.ends_with(",,")).count(),
                file.people - 1,
                "{text}"
            );

            // A staff role without the sensitive permission never sees the national number.
            let viewer_role = roles::create(
                db,
                &a,
                &w.admin_a,
                T0,
                roles::RoleInput {
                    name: "Secretary".into(),
                    staff: false,
                    permissions: vec!["members.view".into(), "members.edit".into()],
                },
            )
            .await
            .unwrap();
            let sys = TenantScope::for_system_task(
                &crate::jobs::SystemTask::background(),
                w.club_a.clone(),
            );
            let (ms,): (i64,) = {
                let mut tx = db.tenant_read(&sys).await.unwrap();
                let r = tx
                    .fetch_one(
                        "SELECT id FROM memberships WHERE tenant_id = $1 AND identity_id = $2",
                        args![w.member_a.identity],
                    )
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                r
            };
            roles::assign(
                db,
                &a,
                &w.admin_a,
                T0,
                tessera_common::MembershipId(ms),
                &[viewer_role],
            )
            .await
            .unwrap();
            let s = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            let seen = members::get(db, &s, id).await.unwrap();
            assert_eq!(value(&seen, nrn), None, "hidden without members.sensitive");
            assert_eq!(
                value(&seen, iban),
                Some(vec!["BE68 5390 0754 7034".to_string()])
            );
            // Their save leaves the hidden value alone, even if they post one.
            let mut f2 = MemberForm::of(&seen);
            f2.custom.insert(format!("c{nrn}"), String::new());
            members::update(db, &s, &w.member_a, T0, id, &f2, seen.version)
                .await
                .unwrap();
            assert_eq!(
                value(&members::get(db, &a, id).await.unwrap(), nrn),
                Some(vec!["85.07.30-033.28".to_string()])
            );
            // Defining fields takes its own permission.
            assert!(matches!(
                custom_fields::create(
                    db,
                    &s,
                    &w.member_a,
                    T0,
                    &def("X", "text", "", "member", false)
                )
                .await,
                Err(AppError::Forbidden)
            ));

            // The register filters on a choice field; a value that is no option is refused.
            let mut filter = tessera_common::dto::MemberFilter::default();
            filter.fields.insert(size, "M".into());
            let page = members::list_filtered(db, &a, &filter, 1).await.unwrap();
            assert_eq!(page.total, 1);
            assert_eq!(page.rows[0].id, id);
            assert!(page.filter_fields.iter().any(|f| f.id == size));
            filter.fields.insert(size, "<script>".into());
            let e = members::list_filtered(db, &a, &filter, 1)
                .await
                .unwrap_err();
            assert_eq!(problem_fields(e), vec![format!("cf{size}")]);

            // The member's own record: member-visible fields only; only editable ones change.
            let mut tx = db
                .tenant_write(&sys, &Actor::system("t"), T0)
                .await
                .unwrap();
            tx.execute(
                "UPDATE memberships SET member_id = $2 WHERE tenant_id = $1 AND id = $3",
                args![id, ms],
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            let mine = members::own(db, &m).await.unwrap();
            let labels: Vec<&str> = mine.custom.iter().map(|c| c.field.label.as_str()).collect();
            assert_eq!(labels, vec!["Shirt size", "Note"]);
            assert!(mine.custom[0].editable && !mine.custom[1].editable);
            let own = SelfInput {
                email: mine.email.clone().unwrap_or_default(),
                custom: BTreeMap::from([
                    (format!("c{size}"), "L".to_string()),
                    (format!("c{note}"), "changed by me".to_string()),
                ]),
                ..Default::default()
            };
            members::update_own(db, &m, &w.member_a, T0, &own, mine.version)
                .await
                .unwrap();
            let after = members::get(db, &a, id).await.unwrap();
            assert_eq!(value(&after, size), Some(vec!["L".to_string()]));
            assert_eq!(
                value(&after, note),
                Some(vec!["<b>javascript:alert(1)</b>".to_string()]),
                "a field the member may not change stays as it was"
            );
            assert_eq!(after.stamp.by.as_deref(), Some("Mo Member"));

            // An import fills the club's own fields too, checked with their rules; a field
            // the importer may not change (sensitive) is not a target.
            let csv = "Voornaam;Naam;Maat;IBAN\nIne;Veld;M;BE68 5390 0754 7034\nOla;Veld;XXL;\n"
                .to_string();
            let map = |size_col: &str| {
                vec![
                    (0, "given_name".to_string()),
                    (1, "family_name".to_string()),
                    (2, size_col.to_string()),
                    (3, format!("custom:{iban}")),
                ]
            };
            let report = crate::imports::import::preview(
                db,
                &a,
                T0,
                csv.as_bytes(),
                &map(&format!("custom:{size}")),
            )
            .await
            .unwrap();
            assert_eq!(report.invalid, 1);
            assert_eq!(report.problems[0].field, format!("cf{size}"));
            assert_eq!(report.problems[0].header, "Maat");
            let fixed = csv.replace("XXL", "L");
            crate::imports::import::commit(
                db,
                &a,
                &w.admin_a,
                T0,
                fixed.as_bytes(),
                &map(&format!("custom:{size}")),
                &|_, _| {},
            )
            .await
            .unwrap();
            let ine = members::list(db, &a, "Ine Veld", 1).await.unwrap().rows[0].id;
            let rec = members::get(db, &a, ine).await.unwrap();
            assert_eq!(value(&rec, size), Some(vec!["M".to_string()]));
            assert_eq!(
                value(&rec, iban),
                Some(vec!["BE68 5390 0754 7034".to_string()])
            );
            let refused = crate::imports::import::preview(
                db,
                &s,
                T0,
                csv.as_bytes(),
                &map(&format!("custom:{nrn}")),
            )
            .await
            .unwrap_err();
            assert_eq!(problem_fields(refused), vec!["mapping"]);

            // Deleting a field deletes its values with it.
            custom_fields::delete(db, &a, &w.admin_a, T0, size)
                .await
                .unwrap();
            let after = members::get(db, &a, id).await.unwrap();
            assert_eq!(value(&after, size), None);
            let _: MemberInput = MemberForm::default();
        }
    }
}

mod member_search_tests {
    use super::*;
    use crate::members::{MemberInput, SelfInput};
    use tessera_common::dto::MemberFilter;

    fn input(given: &str, family: &str, email: &str, status: &str) -> MemberInput {
        MemberInput {
            given_name: given.into(),
            family_name: family.into(),
            email: email.into(),
            status: status.into(),
            membership_type: "Competitie".into(),
            season: "2026-2027".into(),
            ..Default::default()
        }
    }

    /// The family and given names found by a search, sorted by name.
    async fn found(db: &Db, s: &TenantScope, q: &str) -> Vec<String> {
        let p = members::list(db, s, q, 1).await.unwrap();
        assert_eq!(
            p.total as usize,
            p.rows.len(),
            "{q}: the total counts the rows"
        );
        p.rows
            .iter()
            .map(|r| format!("{} {}", r.family_name, r.given_name))
            .collect()
    }

    #[tokio::test]
    async fn search_finds_word_prefixes_of_names_and_addresses_whatever_the_accents() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            for (given, family, email) in [
                ("Hélène", "Van den Broeck", "helene.vdb@telenet.be"),
                ("Jan", "D'Hondt", ""),
                ("Piet", "Jansens", "piet.jansens.12@skynet.be"),
                ("Ömer", "Çelik", "omer@example.be"),
            ] {
                members::create_from_input(
                    db,
                    &a,
                    &w.admin_a,
                    T0,
                    &input(given, family, email, "active"),
                )
                .await
                .unwrap();
            }
            // A word's beginning, in any case, with or without accents.
            assert_eq!(
                found(db, &a, "jan").await,
                vec!["D'Hondt Jan", "Jansens Piet"]
            );
            for q in [
                "helene",
                "HÉLÈNE",
                "hél",
                "broeck",
                "van den broeck",
                "vandenbr",
            ] {
                assert_eq!(found(db, &a, q).await, vec!["Van den Broeck Hélène"], "{q}");
            }
            for q in ["d'hondt", "dhondt", "Hondt", "jan d'h"] {
                assert_eq!(found(db, &a, q).await, vec!["D'Hondt Jan"], "{q}");
            }
            assert_eq!(found(db, &a, "celik omer").await, vec!["Çelik Ömer"]);
            // Every word must match: the words narrow the search.
            assert_eq!(found(db, &a, "jan piet").await, vec!["Jansens Piet"]);
            assert!(found(db, &a, "jan peeters").await.is_empty());
            // E-mail addresses: a word of the local part, the address as typed, the domain.
            assert_eq!(
                found(db, &a, "piet.jansens.12@sky").await,
                vec!["Jansens Piet"]
            );
            assert_eq!(
                found(db, &a, "telenet").await,
                vec!["Van den Broeck Hélène"]
            );
            assert_eq!(found(db, &a, "vdb").await, vec!["Van den Broeck Hélène"]);
            // The middle of a word is not a beginning; punctuation alone finds nothing; another
            // club's member is never found.
            assert!(found(db, &a, "sens").await.is_empty());
            assert!(found(db, &a, "' -").await.is_empty());
            assert!(found(db, &a, "secret").await.is_empty());
            // The search combines with the filters and the other orders.
            let p = members::list_filtered(
                db,
                &a,
                &MemberFilter {
                    query: "jan".into(),
                    status: "active".into(),
                    sort: "-name".into(),
                    ..Default::default()
                },
                1,
            )
            .await
            .unwrap();
            assert_eq!(
                p.rows
                    .iter()
                    .map(|r| r.given_name.as_str())
                    .collect::<Vec<_>>(),
                vec!["Piet", "Jan"]
            );
        }
    }

    #[tokio::test]
    async fn the_search_and_the_tallies_follow_every_change_of_a_record() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            let id = members::create_from_input(
                db,
                &a,
                &w.admin_a,
                T0,
                &input("Jules", "Dubois", "jules@example.be", "active"),
            )
            .await
            .unwrap();
            let total = |status: &str| {
                let (a, status) = (a.clone(), status.to_string());
                async move {
                    members::list_filtered(
                        db,
                        &a,
                        &MemberFilter {
                            status,
                            ..Default::default()
                        },
                        1,
                    )
                    .await
                    .unwrap()
                    .total
                }
            };
            assert_eq!((total("").await, total("active").await), (4, 4));
            // Staff rename the member and suspend them: the old name is gone from the search.
            let v = members::get(db, &a, id).await.unwrap().version;
            members::update(
                db,
                &a,
                &w.admin_a,
                T0,
                id,
                &MemberInput {
                    season: "2025-2026".into(),
                    membership_type: "Loisir".into(),
                    ..input("Julie", "Lemaître", "jules@example.be", "suspended")
                },
                v,
            )
            .await
            .unwrap();
            assert!(found(db, &a, "dubois").await.is_empty());
            assert_eq!(found(db, &a, "lemaitre").await, vec!["Lemaître Julie"]);
            assert_eq!(
                (
                    total("").await,
                    total("active").await,
                    total("suspended").await
                ),
                (4, 3, 1)
            );
            let p = members::list(db, &a, "", 1).await.unwrap();
            assert_eq!(p.seasons, vec!["2025-2026".to_string()], "Jules's season");
            assert!(p.types.contains(&"Loisir".to_string()), "{:?}", p.types);
            assert!(
                !p.types.contains(&"Competitie".to_string()),
                "no record is Competitie any more: {:?}",
                p.types
            );
            // The member changes their own address: found by the new one, not the old one.
            let record = members::list(db, &a, "peeters", 1).await.unwrap().rows[0].id;
            let sys = TenantScope::for_system_task(
                &crate::jobs::SystemTask::background(),
                w.club_a.clone(),
            );
            let mut tx = db
                .tenant_write(&sys, &Actor::system("t"), T0)
                .await
                .unwrap();
            tx.execute(
                "UPDATE memberships SET member_id = $2 WHERE tenant_id = $1 AND identity_id = $3",
                args![record, w.member_a.identity],
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            let mine = members::own(db, &m).await.unwrap();
            members::update_own(
                db,
                &m,
                &w.member_a,
                T0,
                &SelfInput {
                    email: "nieuw.adres@proximus.be".into(),
                    ..Default::default()
                },
                mine.version,
            )
            .await
            .unwrap();
            let by_new = found(db, &a, "proximus").await;
            assert_eq!(
                by_new,
                vec![format!("{} {}", mine.family_name, mine.given_name)]
            );
            if let Some(old) = &mine.email {
                assert!(found(db, &a, old).await.is_empty(), "{old}");
            }
        }
    }

    #[tokio::test]
    async fn a_search_in_name_order_pages_like_the_register_itself() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
                .await
                .unwrap();
            let mut ids = Vec::new();
            for i in 0..57 {
                let family = if i % 3 == 0 { "Maes" } else { "Maesen" };
                let given = format!("Lid{:02}", 56 - i);
                ids.push(
                    members::create_from_input(
                        db,
                        &a,
                        &w.admin_a,
                        T0,
                        &input(&given, family, "", "active"),
                    )
                    .await
                    .unwrap(),
                );
            }
            // A rename moves the member in the name order the index keeps.
            let v = members::get(db, &a, ids[0]).await.unwrap().version;
            members::update(
                db,
                &a,
                &w.admin_a,
                T0,
                ids[0],
                &input("Aaron", "Maes", "", "active"),
                v,
            )
            .await
            .unwrap();
            let page = |sort: &str, status: &str, n: i64| {
                let (a, sort, status) = (a.clone(), sort.to_string(), status.to_string());
                async move {
                    members::list_filtered(
                        db,
                        &a,
                        &MemberFilter {
                            query: "maes".into(),
                            status,
                            sort,
                            ..Default::default()
                        },
                        n,
                    )
                    .await
                    .unwrap()
                }
            };
            for sort in ["name", "-name"] {
                for n in [1, 2] {
                    // The search alone reads its page from the index; with a filter, from
                    // the records. Every member here is active: the pages must agree.
                    let (fast, slow) = (page(sort, "", n).await, page(sort, "active", n).await);
                    let names = |p: &tessera_common::dto::MemberPage| {
                        p.rows
                            .iter()
                            .map(|r| format!("{} {}", r.family_name, r.given_name))
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(names(&fast), names(&slow), "{sort} page {n}");
                    // The 57 and whoever of the world's members "maes" starts a word of.
                    assert_eq!(fast.total, slow.total);
                    assert!(fast.total >= 57, "{}", fast.total);
                    let expected = if n == 1 { 50 } else { fast.total - 50 };
                    assert_eq!(fast.rows.len() as i64, expected);
                }
            }
            // Past the last page: no rows, and still the number of matches.
            let (past, all) = (page("name", "", 3).await, page("name", "", 1).await);
            assert!(past.rows.is_empty());
            assert_eq!(past.total, all.total);
            let first: Vec<String> = page("name", "", 1)
                .await
                .rows
                .iter()
                .map(|r| format!("{} {}", r.family_name, r.given_name))
                .collect();
            let at = |name: &str| {
                first
                    .iter()
                    .position(|n| n == name)
                    .unwrap_or_else(|| panic!("{name} on the first page: {first:?}"))
            };
            assert!(at("Maes Aaron") < at("Maes Lid02"), "{first:?}");
            assert!(at("Maes Lid53") < at("Maesen Lid00"), "{first:?}");
        }
    }

    #[tokio::test]
    async fn a_stale_search_index_is_rebuilt_with_the_migrations() {
        let t = testing::sqlite().await;
        let db = &t.db;
        let w = world(db).await;
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert_eq!(found(db, &a, "peeters").await, vec!["Peeters Lotte"]);
        db.raw_execute("DELETE FROM member_search").await.unwrap();
        assert!(found(db, &a, "peeters").await.is_empty());
        db.raw_execute("UPDATE member_search_state SET version = 0")
            .await
            .unwrap();
        db.migrate(None).await.unwrap();
        assert_eq!(found(db, &a, "peeters").await, vec!["Peeters Lotte"]);
    }

    #[tokio::test]
    async fn the_seed_fills_the_clubs_asked_for_with_stamped_searchable_families() {
        for t in testing::all().await {
            let db = &t.db;
            let opts = SeedOptions {
                members_per_club: 700,
                extra_clubs: 0,
                clubs: Some(5),
                password: Some(PW.into()),
            };
            let report = seed::seed_demo(db, T0, &opts).await.unwrap();
            assert_eq!((report.clubs, report.members), (5, 3500));
            assert_eq!(tenants::directory(db).await.unwrap().len(), 5);
            let admin =
                identities::authenticate(db, "admin.kempenvlug@demo.tessera.test", PW.into())
                    .await
                    .unwrap()
                    .unwrap();
            let s = scope::resolve(
                db,
                &person(admin, "Admin"),
                TenantKind::Club,
                "vc-kempenvlug-herentals",
                T0,
            )
            .await
            .unwrap();
            let page = members::list(db, &s, "", 1).await.unwrap();
            // 700 seeded and the demo's likely duplicate (seed/dupes.rs); the demo's
            // completed erasure (seed/privacy_rights.rs) left one anonymous placeholder,
            // which no list shows.
            assert_eq!(page.total, 700);
            assert_eq!(
                page.seasons.len(),
                2,
                "this season and last: {:?}",
                page.seasons
            );
            assert!(page.types.len() >= 3, "{:?}", page.types);
            let counts = members::counts(db, &s, T0.utc_date()).await.unwrap();
            assert!(counts.families > 50 && counts.minors > 50);
            // Every record carries the seed's stamp, and is found by its family name.
            let first = &page.rows[0];
            let d = members::get(db, &s, first.id).await.unwrap();
            assert_eq!((d.stamp.at, d.stamp.by), (T0, None));
            assert_eq!(d.version, 1);
            let hits = members::list(db, &s, &first.family_name, 1).await.unwrap();
            assert!(hits.total > 0 && hits.rows.iter().any(|r| r.id == first.id));
            // The same options give the same people.
            let again = testing::sqlite().await;
            seed::seed_demo(&again.db, T0, &opts).await.unwrap();
            let admin2 = identities::authenticate(
                &again.db,
                "admin.kempenvlug@demo.tessera.test",
                PW.into(),
            )
            .await
            .unwrap()
            .unwrap();
            let s2 = scope::resolve(
                &again.db,
                &person(admin2, "Admin"),
                TenantKind::Club,
                "vc-kempenvlug-herentals",
                T0,
            )
            .await
            .unwrap();
            let names = |p: &tessera_common::dto::MemberPage| {
                p.rows
                    .iter()
                    .map(|r| (r.family_name.clone(), r.given_name.clone(), r.email.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                names(&members::list(&again.db, &s2, "", 3).await.unwrap()),
                names(&members::list(db, &s, "", 3).await.unwrap())
            );
        }
    }
}
