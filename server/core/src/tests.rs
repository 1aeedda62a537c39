//! Storage and domain tests, each run on SQLite and on PostgreSQL (when the test script
//! provides it): tenancy, the resolver, row-level security, stamps, transactions, seeding.

use crate::db::{Backend, Db};
use crate::members::{self, NewMember};
use crate::scope::{self, Actor, AuthLevel, TenantScope};
use crate::seed::{self, SeedOptions};
use crate::tenants::{self, NewTenant, TenantRecord};
use crate::{args, identities, testing};
use tessera_common::dto::{MemberStatus, Role, TenantKind};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, IdentityId, Lang, MemberId};

const T0: Timestamp = Timestamp(1_790_000_000_000);
const PW: &str = "a long enough test password";

struct World {
    club_a: TenantRecord,
    club_b: TenantRecord,
    federation: TenantRecord,
    admin_a: Actor,
    member_a: Actor,
    outsider: Actor,
    fed_staff: Actor,
    b_member: MemberId,
}

fn person(id: IdentityId, name: &str) -> Actor {
    Actor {
        identity: Some(id),
        name: name.into(),
        level: AuthLevel::Password,
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

async fn world(db: &Db) -> World {
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
    let sa = TenantScope::for_system_task(club_a.clone());
    let sb = TenantScope::for_system_task(club_b.clone());
    identities::add_membership(db, &sa, &sys, T0, ids[0], Role::Admin, None)
        .await
        .unwrap();
    identities::add_membership(db, &sa, &sys, T0, ids[1], Role::Member, None)
        .await
        .unwrap();
    identities::add_membership(db, &sb, &sys, T0, ids[2], Role::Admin, None)
        .await
        .unwrap();
    identities::add_membership(
        db,
        &TenantScope::for_system_task(federation.clone()),
        &sys,
        T0,
        ids[3],
        Role::Staff,
        None,
    )
    .await
    .unwrap();
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
            scope::resolve(db, &Actor::anonymous(), club, "club-a")
                .await
                .unwrap_err(),
            AppError::Unauthenticated
        );
        assert_eq!(
            scope::resolve(db, &w.outsider, club, "club-a")
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            scope::resolve(db, &w.admin_a, club, "club-b")
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            scope::resolve(db, &w.admin_a, club, "no-such-club")
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            scope::resolve(db, &w.admin_a, club, "../etc")
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        // A federation slug does not resolve as a club, nor the other way round.
        assert_eq!(
            scope::resolve(db, &w.fed_staff, club, "fed")
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            scope::resolve(db, &w.admin_a, TenantKind::Federation, "club-a")
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        let s = scope::resolve(db, &w.admin_a, club, "club-a")
            .await
            .unwrap();
        assert_eq!((s.tenant_id(), s.role()), (w.club_a.id, Role::Admin));
        let s = scope::resolve(db, &w.member_a, club, "club-a")
            .await
            .unwrap();
        assert_eq!(s.role(), Role::Member);
        let f = scope::resolve(db, &w.fed_staff, TenantKind::Federation, "fed")
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
            scope::resolve(db, &w.admin_a, club, "club-a")
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
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a")
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
        let f = scope::resolve(db, &w.fed_staff, TenantKind::Federation, "fed")
            .await
            .unwrap();
        let clubs = tenants::federation_clubs(db, &f).await.unwrap();
        let counts: Vec<(String, i64)> =
            clubs.iter().map(|c| (c.slug.clone(), c.members)).collect();
        assert_eq!(
            counts,
            vec![("club-a".to_string(), 3), ("club-b".to_string(), 1)]
        );
        assert_eq!(
            members::list(db, &f, "", 1).await.unwrap_err(),
            AppError::Forbidden
        );
    }
}

#[tokio::test]
async fn row_level_security_is_a_second_wall_on_postgres() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = TenantScope::for_system_task(w.club_a.clone());
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
async fn every_write_carries_the_last_change_stamp() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a")
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
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a")
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
        let m = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a")
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
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a")
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
        let s = scope::resolve(db, &actor, TenantKind::Club, "vc-kempenvlug-herentals")
            .await
            .unwrap();
        let counts = members::counts(db, &s, T0.utc_date()).await.unwrap();
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
        )
        .await
        .unwrap();
        let overview = tenants::overview(db, &op).await.unwrap();
        assert_eq!(overview.tenants.len(), 5);
        assert_eq!(overview.tenants.iter().map(|r| r.members).sum::<i64>(), 160);
    }
}
