//! The federation's reads on both databases: exactly the shared fields of exactly the
//! affiliated clubs' licensed people, each read in the right club's log, a club that
//! leaves out at once, restricted people never.

use super::stand_in::{self, Licensed};
use super::*;
use crate::accounts::identities;
use crate::jobs::SystemTask;
use crate::members::{self, NewMember};
use crate::rights::erasure::PLACEHOLDER;
use crate::scope::{self, Actor, AuthLevel};
use crate::tenants::{self, NewTenant, TenantRecord};
use crate::{roles, testing};
use std::collections::BTreeSet;
use tessera_common::dto::TenantKind;
use tessera_common::Lang;

const T0: Timestamp = Timestamp(1_790_000_000_000);

fn new_tenant(parent: Option<&TenantRecord>, kind: TenantKind, slug: &str) -> NewTenant {
    NewTenant {
        parent: parent.map(|p| p.id),
        kind,
        slug: slug.into(),
        name: format!("Tenant {slug}"),
        city: None,
        primary_color: "#1d3557".into(),
        accent_color: "#f4a261".into(),
        default_lang: Lang::Nl,
        plan: (kind == TenantKind::Club).then(|| "premium".to_string()),
    }
}

pub(crate) struct FedWorld {
    pub fed: TenantRecord,
    pub club_a: TenantRecord,
    pub club_b: TenantRecord,
    pub other_club: TenantRecord,
    pub staff: Actor,
    pub plain_staff: Actor,
    /// Club A's members: Lotte Peeters, Wout Peetermans, Rita Restricted.
    pub a_members: Vec<i64>,
    pub b_member: i64,
    /// Licence numbers, same order: A's three, B's one, the other federation's one.
    pub numbers: Vec<String>,
    pub people: Vec<i64>,
}

pub(crate) async fn staff_with(db: &Db, fed: &TenantRecord, email: &str, perms: &[&str]) -> Actor {
    let sys = Actor::system("test");
    let id = identities::create(db, &sys, T0, email, email, None)
        .await
        .unwrap();
    let sf = TenantScope::for_system_task(&SystemTask::background(), fed.clone());
    let role = roles::create(
        db,
        &sf,
        &sys,
        T0,
        roles::RoleInput {
            name: format!("Role {email}"),
            staff: true,
            permissions: perms.iter().map(|p| p.to_string()).collect(),
        },
    )
    .await
    .unwrap();
    let m = identities::add_membership(db, &sf, &sys, T0, id, None)
        .await
        .unwrap();
    roles::assign(db, &sf, &sys, T0, m, &[role]).await.unwrap();
    Actor {
        identity: Some(id),
        name: email.into(),
        level: AuthLevel::SecondFactor,
        pending: None,
        stamp_label: None,
    }
}

pub(crate) async fn fed_world(db: &Db) -> FedWorld {
    let sys = Actor::system("test");
    let op = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(None, TenantKind::Operator, "platform"),
    )
    .await
    .unwrap();
    let fed = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&op), TenantKind::Federation, "fed"),
    )
    .await
    .unwrap();
    let fed2 = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&op), TenantKind::Federation, "fed-two"),
    )
    .await
    .unwrap();
    let club_a = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&fed), TenantKind::Club, "club-a"),
    )
    .await
    .unwrap();
    let club_b = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&fed), TenantKind::Club, "club-b"),
    )
    .await
    .unwrap();
    let other_club = tenants::create(
        db,
        &sys,
        T0,
        new_tenant(Some(&fed2), TenantKind::Club, "club-other"),
    )
    .await
    .unwrap();
    let task = SystemTask::background();
    // A shares names and birth dates; B only names (and e-mail), not the birth date.
    assert!(stand_in::accept_terms(
        db,
        &task,
        fed.id,
        club_a.id,
        "given_name family_name birth_date",
        T0
    )
    .await
    .unwrap());
    assert!(stand_in::accept_terms(
        db,
        &task,
        fed.id,
        club_b.id,
        "given_name family_name email",
        T0
    )
    .await
    .unwrap());
    assert!(stand_in::accept_terms(
        db,
        &task,
        fed2.id,
        other_club.id,
        "given_name family_name birth_date",
        T0
    )
    .await
    .unwrap());
    let mut a_members = Vec::new();
    let sa = TenantScope::for_system_task(&task, club_a.clone());
    for (g, f) in [
        ("Lotte", "Peeters"),
        ("Wout", "Peetermans"),
        ("Rita", "Restricted"),
    ] {
        let m = members::create(
            db,
            &sa,
            &sys,
            T0,
            NewMember {
                given_name: g.into(),
                family_name: f.into(),
                birth_date: Some("1990-05-17".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        a_members.push(m.0);
    }
    let sb = TenantScope::for_system_task(&task, club_b.clone());
    let b_member = members::create(
        db,
        &sb,
        &sys,
        T0,
        NewMember {
            given_name: "Bram".into(),
            family_name: "Peeters".into(),
            birth_date: Some("2001-02-03".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .0;
    let person = |club: &TenantRecord, member: i64, g: &str, f: &str, restricted: bool| Licensed {
        club: club.id.0,
        member,
        given_name: g.into(),
        family_name: f.into(),
        birth_date: Some("1990-05-17".into()),
        gender: Some("f".into()),
        shared: r#"{"email":"secret@example.be"}"#.into(),
        restricted,
    };
    let mut licensed = stand_in::license(
        db,
        &task,
        fed.id,
        &[
            person(&club_a, a_members[0], "Lotte", "Peeters", false),
            person(&club_a, a_members[1], "Wout", "Peetermans", false),
            person(&club_a, a_members[2], "Rita", "Restricted", true),
            person(&club_b, b_member, "Bram", "Peeters", false),
        ],
        T0,
    )
    .await
    .unwrap();
    licensed.extend(
        stand_in::license(
            db,
            &task,
            fed2.id,
            &[person(&other_club, 999, "Olga", "Peeters", false)],
            T0,
        )
        .await
        .unwrap(),
    );
    let staff = staff_with(db, &fed, "people@fed.be", &["federation.people"]).await;
    let plain_staff = staff_with(db, &fed, "clubs@fed.be", &["clubs.view"]).await;
    FedWorld {
        fed,
        club_a,
        club_b,
        other_club,
        staff,
        plain_staff,
        a_members,
        b_member,
        numbers: licensed.iter().map(|l| l.1.clone()).collect(),
        people: licensed.iter().map(|l| l.0).collect(),
    }
}

/// The federation reads in the club's event log, each read of each entry (a batch holds
/// several), oldest first, after the club's queue was moved there (as the server's job
/// does within a second, `queue`).
pub(crate) async fn reads_in(db: &Db, club: &TenantRecord) -> Vec<(Option<i64>, ReadDetail)> {
    super::queue::chain_club(db, club.id, T0).await.unwrap();
    let scope = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    let mut tx = db.tenant_read(&scope).await.unwrap();
    let rows: Vec<(Option<i64>, Option<String>, i64)> = tx
        .fetch_all(
            "SELECT identity_id, detail, at FROM security_events WHERE tenant_id = $1 AND kind = 'federation_read' ORDER BY seq",
            vec![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // An erased detail ('[erased]') records no read.
    rows.into_iter()
        .flat_map(|(i, d, at)| {
            tessera_common::fedreads::logged_reads(d.as_deref().unwrap_or(""), at)
                .into_iter()
                .map(move |(_, r)| (i, r))
        })
        .collect()
}

/// How many entries the club's log has for federation reads (a batch of reads is one).
async fn read_entries(db: &Db, club: &TenantRecord) -> i64 {
    let scope = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    let mut tx = db.tenant_read(&scope).await.unwrap();
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM security_events WHERE tenant_id = $1 AND kind = 'federation_read'",
            vec![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n
}

/// The names the club's log page shows for the federation reads on its newest `limit`
/// lines (the club's own names of the members read), newest line first.
pub(crate) async fn names_shown(db: &Db, club: &TenantRecord, limit: i64) -> Vec<Vec<String>> {
    let scope = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    crate::accounts::club_events(db, &scope, limit)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == "federation_read")
        .map(|e| {
            ReadDetail::parse(e.detail.as_deref().unwrap())
                .unwrap()
                .people
                .into_iter()
                .map(|p| p.name.unwrap_or_default())
                .collect()
        })
        .collect()
}

fn q(q: &str) -> PeopleQuery {
    PeopleQuery {
        q: q.into(),
        club: String::new(),
        page: 1,
    }
}

#[tokio::test]
async fn a_federation_sees_exactly_the_shared_fields_of_its_affiliated_clubs_and_each_read_is_logged(
) {
    for t in testing::all().await {
        let db = &t.db;
        let w = fed_world(db).await;
        let s = scope::resolve(db, &w.staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        let page = search(db, &s, &q("peet"), T0).await.unwrap();
        let names: Vec<_> = page
            .rows
            .iter()
            .map(|r| {
                (
                    r.given_name.clone(),
                    r.family_name.clone(),
                    r.club_slug.clone(),
                )
            })
            .collect();
        // Wout (A), Bram (B), Lotte (A), in name order: the other federation's Olga and restricted Rita never.
        assert_eq!(
            names,
            vec![
                (
                    Some("Wout".into()),
                    Some("Peetermans".into()),
                    "club-a".into()
                ),
                (Some("Bram".into()), Some("Peeters".into()), "club-b".into()),
                (
                    Some("Lotte".into()),
                    Some("Peeters".into()),
                    "club-a".into()
                ),
            ]
            .into_iter()
            .map(|(g, f, c): (Option<String>, Option<String>, String)| (g, f, c))
            .collect::<Vec<_>>()
        );
        // A shares the birth date, B does not; nobody shares the gender.
        let lotte = page.rows.iter().find(|r| r.club_slug == "club-a").unwrap();
        let bram = page.rows.iter().find(|r| r.club_slug == "club-b").unwrap();
        assert_eq!(lotte.birth_date.as_deref(), Some("1990-05-17"));
        assert_eq!(bram.birth_date, None);
        assert!(page.rows.iter().all(|r| r.gender.is_none()));
        let slugs: Vec<_> = page.clubs.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, ["club-a", "club-b"]);
        // The page is in each club's log: A's two people, B's one, who read them.
        let a = reads_in(db, &w.club_a).await;
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0, w.staff.identity.map(|i| i.0));
        assert_eq!(a[0].1.what, "search");
        assert_eq!(a[0].1.federation, "fed");
        assert_eq!(a[0].1.count, 2);
        let mut ids: Vec<i64> = a[0].1.people.iter().map(|p| p.member).collect();
        ids.sort();
        assert_eq!(ids, vec![w.a_members[0], w.a_members[1]]);
        let b = reads_in(db, &w.club_b).await;
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].1.people[0].member, w.b_member);
        assert!(reads_in(db, &w.other_club).await.is_empty());

        // A person opened: the fields their club shares now, their licence; logged.
        let v = person(db, &s, w.people[3], T0).await.unwrap();
        let keys: Vec<_> = v.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["given_name", "family_name", "email"]);
        assert_eq!(v.licences.len(), 1);
        assert_eq!(v.licences[0].club_name, "Tenant club-b");
        let b = reads_in(db, &w.club_b).await;
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].1.what, "person");
        assert_eq!(b[1].1.people[0].member, w.b_member);
        // The log keeps the id; the club's log page names the club's own record.
        assert!(b
            .iter()
            .all(|(_, r)| r.people.iter().all(|p| p.name.is_none())));
        assert_eq!(names_shown(db, &w.club_b, 1).await, [["Bram Peeters"]]);
        let v = person(db, &s, w.people[0], T0).await.unwrap();
        let keys: Vec<_> = v.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["given_name", "family_name", "birth_date"]);

        // By licence number; within one club.
        let one = search(db, &s, &q(&w.numbers[1]), T0).await.unwrap();
        assert_eq!(one.rows.len(), 1);
        assert_eq!(one.rows[0].family_name.as_deref(), Some("Peetermans"));
        let only_b = search(
            db,
            &s,
            &PeopleQuery {
                q: String::new(),
                club: "club-b".into(),
                page: 1,
            },
            T0,
        )
        .await
        .unwrap();
        assert_eq!(only_b.rows.len(), 1);
        // Restricted, another federation's person, another federation's club: never.
        assert!(search(db, &s, &q(&w.numbers[2]), T0)
            .await
            .unwrap()
            .rows
            .is_empty());
        // (Numbers are per federation: the other one's S0000001 is Lotte's number here.)
        let same_number = search(db, &s, &q(&w.numbers[4]), T0).await.unwrap();
        assert!(same_number
            .rows
            .iter()
            .all(|r| r.given_name.as_deref() != Some("Olga")));
        assert_eq!(
            person(db, &s, w.people[2], T0).await.unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            person(db, &s, w.people[4], T0).await.unwrap_err(),
            AppError::NotFound
        );
        assert!(matches!(
            search(
                db,
                &s,
                &PeopleQuery {
                    q: String::new(),
                    club: w.other_club.slug.clone(),
                    page: 1
                },
                T0
            )
            .await
            .unwrap_err(),
            AppError::Invalid(_)
        ));
        // The export: the same people, only shared fields, logged with how many.
        let (name, csv) = export_csv(db, &s, &q("peet"), T0).await.unwrap();
        assert!(name.starts_with("fed-people-") && name.ends_with(".csv"));
        assert_eq!(csv.lines().count(), 4, "{csv}");
        assert!(
            !csv.contains("secret@example.be") && !csv.contains("Olga") && !csv.contains("Rita")
        );
        let a = reads_in(db, &w.club_a).await;
        let last = &a.last().unwrap().1;
        assert_eq!((last.what.as_str(), last.count), ("export", 2));
        assert!(last.people.iter().all(|p| p.name.is_none()));

        // The club's member counts the reads about them (My data).
        let sa = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let mut tx = db.tenant_read(&sa).await.unwrap();
        // Lotte: the search page, her person view, the search by her number, the export.
        assert_eq!(reads_about(&mut tx, w.a_members[0]).await.unwrap(), 4);
        assert_eq!(reads_about(&mut tx, w.a_members[2]).await.unwrap(), 0);
        tx.commit().await.unwrap();

        // Staff without the permission: refused, nothing logged.
        let p = scope::resolve(db, &w.plain_staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        let before = reads_in(db, &w.club_a).await.len();
        assert_eq!(
            search(db, &p, &q("peet"), T0).await.unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            person(db, &p, w.people[0], T0).await.unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(reads_in(db, &w.club_a).await.len(), before);
    }
}

#[tokio::test]
async fn leaving_the_federation_ends_the_access_at_once() {
    for t in testing::all().await {
        let db = &t.db;
        let w = fed_world(db).await;
        let s = scope::resolve(db, &w.staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        assert_eq!(search(db, &s, &q("peet"), T0).await.unwrap().rows.len(), 3);
        stand_in::end_affiliation(db, &SystemTask::background(), w.fed.id, w.club_a.id, T0)
            .await
            .unwrap();
        // The same scope, a moment later: club A is gone from everything.
        let page = search(db, &s, &q("peet"), T0).await.unwrap();
        assert_eq!(page.rows.len(), 1);
        assert_eq!(page.rows[0].club_slug, "club-b");
        assert!(page.clubs.iter().all(|c| c.slug != "club-a"));
        assert_eq!(
            person(db, &s, w.people[0], T0).await.unwrap_err(),
            AppError::NotFound
        );
        assert!(search(db, &s, &q(&w.numbers[0]), T0)
            .await
            .unwrap()
            .rows
            .is_empty());
        let (_, csv) = export_csv(db, &s, &q(""), T0).await.unwrap();
        assert!(!csv.contains("Lotte"));
        // The reads before leaving stay in A's log; none after.
        assert_eq!(reads_in(db, &w.club_a).await.len(), 1);
        // Terms not accepted (a new affiliation on no terms): nothing personal either.
        assert!(stand_in::accept_terms(
            db,
            &SystemTask::background(),
            w.fed.id,
            w.club_b.id,
            "",
            T0
        )
        .await
        .unwrap());
        // Sharing no name: a name search finds nobody of B, a number finds them without
        // a name.
        assert!(search(db, &s, &q("peet"), T0)
            .await
            .unwrap()
            .rows
            .is_empty());
        let by_number = search(db, &s, &q(&w.numbers[3]), T0).await.unwrap();
        assert_eq!(by_number.rows.len(), 1);
        assert_eq!(by_number.rows[0].given_name, None);
        assert_eq!(by_number.rows[0].family_name, None);
    }
}

#[tokio::test]
async fn hostile_names_and_queries_are_data() {
    for t in testing::all().await {
        let db = &t.db;
        let w = fed_world(db).await;
        let task = SystemTask::background();
        let evil = "<script>alert(1)</script>\"'; DROP TABLE fed_people; --";
        stand_in::license(
            db,
            &task,
            w.fed.id,
            &[Licensed {
                club: w.club_a.id.0,
                member: 77,
                given_name: "=HYPERLINK(\"x\")".into(),
                family_name: format!("Peet{evil}"),
                ..Default::default()
            }],
            T0,
        )
        .await
        .unwrap();
        let s = scope::resolve(db, &w.staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        for text in ["%", "_", "' OR 1=1 --", "peet%", "\u{10FFFF}"] {
            let page = search(db, &s, &q(text), T0).await.unwrap();
            assert!(page.rows.is_empty(), "{text}: {:?}", page.rows);
        }
        let page = search(db, &s, &q("peet<"), T0).await.unwrap();
        assert_eq!(page.rows.len(), 1);
        assert_eq!(
            page.rows[0].family_name.as_deref(),
            Some(format!("Peet{evil}").as_str())
        );
        let (_, csv) = export_csv(db, &s, &q("peet<"), T0).await.unwrap();
        assert!(csv.contains("'=HYPERLINK"), "{csv}");
        // The read is logged by the person's id (no text of theirs in the log).
        let a = reads_in(db, &w.club_a).await;
        assert!(a.iter().any(|(_, d)| d.names_member(77)));
        let long = "x".repeat(101);
        assert!(matches!(
            search(db, &s, &q(&long), T0).await.unwrap_err(),
            AppError::Invalid(_)
        ));
        let _ = &w.b_member;
    }
}

/// A person the club erases: the federation reads that named them stay in the club's log,
/// by the erased record's id (the log keeps no name of a person read), and the club's log
/// page names the placeholder; the others' reads keep their names; the count on their data
/// page goes with the record; their name is in no column of any table.
#[tokio::test]
async fn erasing_a_person_leaves_the_federation_reads_naming_the_placeholder() {
    for t in testing::all().await {
        let db = &t.db;
        let w = fed_world(db).await;
        let s = scope::resolve(db, &w.staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        person(db, &s, w.people[0], T0).await.unwrap(); // Lotte
        person(db, &s, w.people[1], Timestamp(T0.0 + 1_000))
            .await
            .unwrap(); // Wout
        assert_eq!(queued(db, &w.club_a).await, 2);
        let before = names_shown(db, &w.club_a, 2).await;
        assert_eq!(before.len(), 2);
        assert!(before[1][0].starts_with("Lotte"), "{before:?}");
        let sa = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        let mut tx = db.tenant_write(&sa, &sys, T0).await.unwrap();
        crate::rights::erasure::erase_in_tx(
            &mut tx,
            tessera_common::MemberId(w.a_members[0]),
            None,
            T0,
            sa.today(T0),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        // Both reads were still queued: the erasure moved them into the log first (one
        // entry, the same reader's), and they stay.
        assert_eq!(queued(db, &w.club_a).await, 0);
        let reads = reads_in(db, &w.club_a).await;
        assert_eq!(reads.len(), 2, "{reads:?}");
        assert_eq!(reads[0].1.people[0].member, w.a_members[0]);
        assert_eq!(reads[1].1.people[0].member, w.a_members[1]);
        let shown = names_shown(db, &w.club_a, 2).await;
        assert_eq!(shown[0], before[0], "Wout's read names him");
        assert_eq!(shown[1], [PLACEHOLDER], "{shown:?}");
        let mut tx = db.tenant_read(&sa).await.unwrap();
        assert_eq!(reads_about(&mut tx, w.a_members[0]).await.unwrap(), 0);
        assert_eq!(reads_about(&mut tx, w.a_members[1]).await.unwrap(), 1);
        tx.commit().await.unwrap();
        let hits = crate::tests_rights::occurrences(&t.url, "Lotte").await;
        assert!(hits.is_empty(), "Lotte in {hits:?} ({:?})", t.backend());
    }
}

async fn heads_of(db: &Db, club: &TenantRecord) -> i64 {
    let scope = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    let mut tx = db.tenant_read(&scope).await.unwrap();
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM security_event_heads WHERE tenant_id = $1",
            vec![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n
}

#[tokio::test]
async fn reads_are_queued_in_each_club_and_chained_once_whatever_runs_beside_them() {
    for t in testing::all().await {
        let db = &t.db;
        let w = fed_world(db).await;
        let s = scope::resolve(db, &w.staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        let first = search(db, &s, &q(""), T0).await.unwrap();
        let clubs: BTreeSet<&str> = first.rows.iter().map(|r| r.club_slug.as_str()).collect();
        assert_eq!(clubs, BTreeSet::from(["club-a", "club-b"]));
        let (a0, b0) = (
            reads_in(db, &w.club_a).await.len(),
            reads_in(db, &w.club_b).await.len(),
        );
        assert_eq!(queued(db, &w.club_a).await, 0);
        // A read not yet chained is in the club's queue, shown on the club's log page and
        // counted for the person read, before the job moved it.
        let one = search(db, &s, &q("Peeters"), T0).await.unwrap();
        assert!(one.rows.iter().any(|r| r.club_slug == "club-a"));
        assert_eq!(queued(db, &w.club_a).await, 1);
        let admin_a = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let log = crate::accounts::club_events(db, &admin_a, 5).await.unwrap();
        assert_eq!(log[0].kind, "federation_read", "{log:?}");
        assert!(log[0].detail.as_deref().unwrap().contains("Lotte"));
        let read = ReadDetail::parse(log[0].detail.as_deref().unwrap()).unwrap();
        assert_eq!(read.what, "search");
        let lotte_member = read.people[0].member;
        assert!(read.names_member(lotte_member));
        let mut tx = db.tenant_read(&admin_a).await.unwrap();
        let before = super::reads_about(&mut tx, lotte_member).await.unwrap();
        tx.commit().await.unwrap();
        super::queue::chain_club(db, w.club_a.id, T0).await.unwrap();
        assert_eq!(queued(db, &w.club_a).await, 0);
        let mut tx = db.tenant_read(&admin_a).await.unwrap();
        assert_eq!(
            super::reads_about(&mut tx, lotte_member).await.unwrap(),
            before
        );
        tx.commit().await.unwrap();
        // (Both clubs have a Peeters: B's read was queued too.)
        let (a0, b0) = (a0 + 1, b0 + 1);

        // Fifty searches at once, with club A's own writes to its chain and the job's moves
        // of both queues between them: none waits for ever on another, none is lost, none
        // is logged twice.
        let mut set = tokio::task::JoinSet::new();
        for i in 0..50 {
            let (db, s, club_a, club_b) =
                (db.clone(), s.clone(), w.club_a.clone(), w.club_b.clone());
            set.spawn(async move {
                if i % 5 == 0 {
                    let sc =
                        TenantScope::for_system_task(&SystemTask::background(), club_a.clone());
                    let mut tx = db
                        .tenant_write(&sc, &Actor::system("test"), T0)
                        .await
                        .unwrap();
                    tx.log("own_write", Some("between the reads"))
                        .await
                        .unwrap();
                    tx.commit().await.unwrap();
                }
                if i % 7 == 0 {
                    super::queue::chain_club(&db, club_a.id, T0).await.unwrap();
                    super::queue::chain_club(&db, club_b.id, T0).await.unwrap();
                }
                search(&db, &s, &q(""), T0).await.map(|p| p.rows.len())
            });
        }
        while let Some(r) = set.join_next().await {
            assert_eq!(r.unwrap().unwrap(), first.rows.len());
        }
        let entries_before = read_entries(db, &w.club_a).await;
        assert_eq!(reads_in(db, &w.club_a).await.len(), a0 + 50);
        assert_eq!(reads_in(db, &w.club_b).await.len(), b0 + 50);
        crate::tests_backup::assert_chains_intact(&t).await;
        // The reads the job moves at once are one entry of the reader's: the fifty went in
        // with the job's eight moves and the last, not as fifty entries.
        let entries = read_entries(db, &w.club_a).await;
        assert!(
            entries - entries_before <= 1,
            "{entries_before} → {entries}"
        );
        assert!(
            entries <= (a0 as i64) + 9 + 1,
            "{entries} entries for {} reads",
            a0 + 50
        );
        // The club's log page shows each read of a batch as its own line, the newest
        // first, with the club's names of the people read.
        let lines = crate::accounts::club_events(db, &admin_a, 7).await.unwrap();
        assert_eq!(lines.len(), 7);
        assert!(
            lines.iter().all(|l| l.kind == "federation_read"),
            "{lines:?}"
        );
        assert!(lines.windows(2).all(|p| p[0].at >= p[1].at));
        assert!(names_shown(db, &w.club_a, 7)
            .await
            .iter()
            .all(|names| names.iter().any(|n| n.starts_with("Lotte"))));

        // What a stopped process left queued is found by the sweep over every club.
        search(db, &s, &q(""), T0).await.unwrap();
        assert_eq!(queued(db, &w.club_b).await, 1);
        assert_eq!(super::queue::sweep(db, T0).await.unwrap(), 2);
        assert_eq!(queued(db, &w.club_b).await, 0);
        assert_eq!(super::queue::sweep(db, T0).await.unwrap(), 0);

        // A club whose chain has no head yet (a club is created with its first entry, so
        // only a row written past the application has none) gets its entries all the same.
        let fresh_id = crate::ids::new_id();
        let mut tx = db.platform(true).await.unwrap();
        tx.execute(
            "INSERT INTO tenants (id, parent_id, kind, slug, name, status, city, primary_color, \
             accent_color, default_lang, created_at, updated_at, updated_by, updated_by_name, \
             plan_id, trial_ends_at) \
             SELECT $1, parent_id, kind, 'club-fresh', 'Fresh', status, city, primary_color, \
             accent_color, default_lang, created_at, updated_at, updated_by, updated_by_name, \
             plan_id, trial_ends_at FROM tenants WHERE id = $2",
            args![fresh_id, w.club_b.id.0],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let fresh = crate::tenancy::find_by_id(db, TenantId(fresh_id))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            heads_of(db, &fresh).await,
            0,
            "the new club has no chain yet"
        );
        let mut tx = db.platform(true).await.unwrap();
        tx.insert_federation_reads(
            None,
            vec![
                (w.club_a.id, "{\"read\":1}".to_string()),
                (fresh.id, "{\"read\":2}".to_string()),
            ],
            T0,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(super::queue::chain_club(db, fresh.id, T0).await.unwrap(), 1);
        assert_eq!(heads_of(db, &fresh).await, 1);
        let all = crate::tests_backup::assert_chains_intact(&t).await;
        let fresh_chain = all
            .iter()
            .find(|(_, r)| r.chain == crate::event_chain::Chain::Tenant(fresh.id))
            .unwrap();
        assert_eq!(fresh_chain.1.entries, 1);

        // PostgreSQL: the list of clubs named for the write lets the application role add
        // to their queues, and nothing else of theirs: not read them, not their logs, not
        // another club's queue.
        if t.backend() == crate::db::Backend::Postgres {
            let a = w.club_a.id.0.to_string();
            let (ida, idb) = (w.club_a.id.0, w.club_b.id.0);
            let open = |sql: &'static str, read: bool| {
                let (db, a) = (db.clone(), a.clone());
                async move {
                    let mut tx = db.platform(true).await.unwrap();
                    tx.execute(
                        "SELECT set_config('app.federation_read_tenants', $1, true)",
                        args![a.as_str()],
                    )
                    .await
                    .unwrap();
                    if read {
                        let r: crate::error::Result<Vec<(i64,)>> =
                            tx.fetch_all(sql, args![ida, idb]).await;
                        r.map(|rows| rows.len() as u64)
                    } else {
                        tx.execute(sql, args![ida, idb]).await
                    }
                }
            };
            assert_eq!(
                open(
                    "INSERT INTO federation_read_queue (tenant_id, id, detail, at) \
                     SELECT $1, 7, '{}', 0 WHERE $2 > 0",
                    false
                )
                .await
                .unwrap(),
                1
            );
            for sql in [
                "SELECT id FROM federation_read_queue WHERE tenant_id IN ($1, $2)",
                "SELECT seq FROM security_events WHERE tenant_id IN ($1, $2)",
                "SELECT head_seq FROM security_event_heads WHERE tenant_id IN ($1, $2)",
                "SELECT id FROM members WHERE tenant_id IN ($1, $2)",
            ] {
                assert_eq!(open(sql, true).await.unwrap(), 0, "{sql}");
            }
            for sql in [
                "INSERT INTO federation_read_queue (tenant_id, id, detail, at) SELECT $2, 8, '{}', $1 * 0",
                "INSERT INTO security_events (tenant_id, id, kind, at) SELECT $1, 9, 'federation_read', $2 * 0",
                "UPDATE security_event_heads SET head_seq = head_seq WHERE tenant_id IN ($1, $2)",
            ] {
                let r = open(sql, false).await;
                assert!(r.as_ref().map_or(true, |n| *n == 0), "{sql}: {r:?}");
            }
        }
    }
}

/// How many reads are queued for the club's log.
async fn queued(db: &Db, club: &TenantRecord) -> i64 {
    let scope = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    let mut tx = db.tenant_read(&scope).await.unwrap();
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM federation_read_queue WHERE tenant_id = $1",
            vec![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n
}

fn field_msg(e: AppError) -> (String, Msg) {
    match e {
        AppError::Invalid(f) => (f[0].field.clone(), f[0].problem.msg),
        other => panic!("not a field error: {other:?}"),
    }
}

/// A federation with more clubs than the filter lists types the club's name (or follows a
/// result row's club link, its slug); two clubs of one name ask for the link.
#[tokio::test]
async fn a_federation_of_many_clubs_types_the_clubs_name() {
    for t in testing::all().await {
        let db = &t.db;
        let w = fed_world(db).await;
        let s = scope::resolve(db, &w.staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        let few = search(db, &s, &q(""), T0).await.unwrap();
        assert!(!few.many_clubs);
        assert_eq!(few.clubs.len(), 2, "{:?}", few.clubs);
        // CLUB_OPTIONS more clubs, affiliated on accepted terms: two of them named alike.
        let mut tx = db.platform(true).await.unwrap();
        for i in 0..CLUB_OPTIONS {
            let id = crate::ids::new_id();
            let name = if i < 2 {
                "Twin Club".to_string()
            } else {
                format!("Many {i}")
            };
            tx.execute(
                "INSERT INTO tenants (id, parent_id, kind, slug, name, status, city, primary_color, \
                 accent_color, default_lang, created_at, updated_at, updated_by, updated_by_name, \
                 plan_id, trial_ends_at) \
                 SELECT $1, parent_id, kind, $2, $3, status, city, primary_color, \
                 accent_color, default_lang, created_at, updated_at, updated_by, updated_by_name, \
                 plan_id, trial_ends_at FROM tenants WHERE id = $4",
                args![id, format!("many-{i}"), name, w.club_b.id.0],
            )
            .await
            .unwrap();
            tx.execute(
                "INSERT INTO affiliations (id, federation_id, club_id, status, initiated_by, \
                 shared_fields, terms_version, accepted_at, started_at, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'active', 'operator', 'given_name family_name', 1, $4, $4, $4, $4)",
                args![crate::ids::new_id(), w.fed.id.0, id, T0.0],
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        let many = search(db, &s, &q(""), T0).await.unwrap();
        assert!(many.many_clubs);
        assert!(many.clubs.is_empty());
        assert_eq!(many.rows.len(), few.rows.len());
        // The club by its name, in any case, or by its slug (a row's club link).
        for club in ["tenant club-a", "TENANT CLUB-A", "club-a"] {
            let page = search(
                db,
                &s,
                &PeopleQuery {
                    q: String::new(),
                    club: club.into(),
                    page: 1,
                },
                T0,
            )
            .await
            .unwrap();
            assert!(!page.rows.is_empty());
            assert!(page.rows.iter().all(|r| r.club_slug == "club-a"), "{club}");
        }
        let by = |club: &str| PeopleQuery {
            q: String::new(),
            club: club.into(),
            page: 1,
        };
        // A slug is one club, whatever its name shares with another (no people there).
        assert!(search(db, &s, &by("many-0"), T0)
            .await
            .unwrap()
            .rows
            .is_empty());
        for (club, msg) in [
            ("twin club", Msg::FedPeopleClubAmbiguous),
            ("Tenant club-", Msg::FedReadNotAffiliated),
            ("Tenant club-other", Msg::FedReadNotAffiliated),
        ] {
            let e = search(db, &s, &by(club), T0).await.unwrap_err();
            assert_eq!(field_msg(e), ("club".to_string(), msg), "{club}");
        }
    }
}
