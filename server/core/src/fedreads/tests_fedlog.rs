//! fedlog18, on both databases: the federation's licence list is a logged read in each
//! club it shows (and My data counts it); a restricted person drops out of the licence
//! list and the search; a club's erasure reaches the federation's copy (anonymised when
//! licensed through that club, kept when licensed elsewhere now, the club's words in
//! licences and transfers gone); the federation's own event log, paged.

use super::tests::{fed_world, staff_with};
use super::*;
use crate::jobs::SystemTask;
use crate::scope::{self, Actor};
use crate::testing;
use tessera_common::dto::TenantKind;
use tessera_common::licence::FedLicenceFilter;
use tessera_common::MemberId;

const T0: Timestamp = Timestamp(1_790_000_000_000);

use super::tests::reads_in as reads_of;

fn members_of(d: &ReadDetail) -> Vec<i64> {
    let mut m: Vec<i64> = d.people.iter().map(|p| p.member).collect();
    m.sort();
    m
}

/// Words naming a licensed person in the federation's tables: a reason on their
/// licence (when `on_licence`), and a refused transfer of theirs from `from` (record `from_member`) to `to`
/// with an objection and a step's reason. Returns nothing; the rows are the federation's.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn words_about(
    db: &Db,
    fed: TenantId,
    person: i64,
    from: TenantId,
    from_member: i64,
    to: TenantId,
    words: &str,
    on_licence: bool,
) {
    let mut tx = db.platform(true).await.unwrap();
    tx.as_tenant(fed, None).await.unwrap();
    if on_licence {
        tx.execute(
            "UPDATE licences SET reason = $3 WHERE tenant_id = $1 AND person_id = $2",
            crate::args![fed.0, person, words],
        )
        .await
        .unwrap();
    }
    let (season,): (i64,) = tx
        .fetch_one(
            "SELECT id FROM fed_seasons WHERE tenant_id = $1 ORDER BY id LIMIT 1",
            crate::args![fed.0],
        )
        .await
        .unwrap();
    let window = crate::ids::new_id();
    tx.execute(
        "INSERT INTO transfer_windows (tenant_id, id, season_id, opens_on, closes_on, objection_days, \
         created_at, updated_at, updated_by_name) VALUES ($1, $2, $3, '2026-07-01', '2026-08-31', 7, $4, $4, 'test')",
        crate::args![fed.0, window, season, T0.0],
    )
    .await
    .unwrap();
    let transfer = crate::ids::new_id();
    tx.execute(
        "INSERT INTO transfers (tenant_id, id, person_id, window_id, from_club, from_member, to_club, \
         status, asked_by, objection, decision_reason, created_at, updated_at, updated_by_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'refused', 'club', $8, $8, $9, $9, 'test')",
        crate::args![fed.0, transfer, person, window, from.0, from_member, to.0, words, T0.0],
    )
    .await
    .unwrap();
    tx.execute(
        "INSERT INTO transfer_steps (tenant_id, id, transfer_id, step, reason, at, created_at, updated_at, \
         updated_by_name) VALUES ($1, $2, $3, 'objected', $4, $5, $5, $5, 'test')",
        crate::args![fed.0, crate::ids::new_id(), transfer, words, T0.0],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// The federation's copy of a person, and the words about them in its tables.
async fn copy_of_person(
    db: &Db,
    fed: TenantId,
    person: i64,
) -> (String, String, Option<String>, String, bool) {
    let mut tx = db.platform(false).await.unwrap();
    tx.as_tenant(fed, None).await.unwrap();
    let row: (String, String, Option<String>, String, bool) = tx
        .fetch_one(
            "SELECT given_name, family_name, birth_date, shared, restricted FROM fed_people \
             WHERE tenant_id = $1 AND id = $2",
            crate::args![fed.0, person],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    row
}

async fn words_left(db: &Db, fed: TenantId, person: i64) -> Vec<Option<String>> {
    let mut tx = db.platform(false).await.unwrap();
    tx.as_tenant(fed, None).await.unwrap();
    let mut out = Vec::new();
    let l: Vec<(Option<String>,)> = tx
        .fetch_all(
            "SELECT reason FROM licences WHERE tenant_id = $1 AND person_id = $2",
            crate::args![fed.0, person],
        )
        .await
        .unwrap();
    out.extend(l.into_iter().map(|r| r.0));
    let t: Vec<(Option<String>, Option<String>)> = tx
        .fetch_all(
            "SELECT objection, decision_reason FROM transfers WHERE tenant_id = $1 AND person_id = $2",
            crate::args![fed.0, person],
        )
        .await
        .unwrap();
    for (a, b) in t {
        out.push(a);
        out.push(b);
    }
    let s: Vec<(Option<String>,)> = tx
        .fetch_all(
            "SELECT s.reason FROM transfer_steps s JOIN transfers t ON t.tenant_id = s.tenant_id \
             AND t.id = s.transfer_id WHERE s.tenant_id = $1 AND t.person_id = $2",
            crate::args![fed.0, person],
        )
        .await
        .unwrap();
    out.extend(s.into_iter().map(|r| r.0));
    tx.commit().await.unwrap();
    out
}

#[tokio::test]
async fn the_licence_list_is_a_logged_read_in_each_club_and_my_data_counts_it() {
    for t in testing::all().await {
        let db = &t.db;
        let w = fed_world(db).await;
        let lic = staff_with(db, &w.fed, "licences@fed.be", &["licences.manage"]).await;
        let s = scope::resolve(db, &lic, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        let o = crate::licences::overview(db, &s, T0, &FedLicenceFilter::default())
            .await
            .unwrap();
        let mut names: Vec<&str> = o.licences.iter().map(|l| l.given_name.as_str()).collect();
        names.sort();
        // Restricted Rita and the other federation's Olga never.
        assert_eq!(names, ["Bram", "Lotte", "Wout"], "{:?}", t.backend());
        // One entry per club, with its people, by the reader, as "licences".
        let a = reads_of(db, &w.club_a).await;
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0, lic.identity.map(|i| i.0));
        assert_eq!(a[0].1.what, "licences");
        assert_eq!(a[0].1.federation, "fed");
        assert_eq!(a[0].1.count, 2);
        let mut want = vec![w.a_members[0], w.a_members[1]];
        want.sort();
        assert_eq!(members_of(&a[0].1), want);
        assert!(super::tests::names_shown(db, &w.club_a, 1).await[0]
            .iter()
            .any(|n| n == "Lotte Peeters"));
        let b = reads_of(db, &w.club_b).await;
        assert_eq!(b.len(), 1);
        assert_eq!(members_of(&b[0].1), vec![w.b_member]);
        assert!(reads_of(db, &w.other_club).await.is_empty());
        // Every page is a read: a second one is a second entry; a page showing no one
        // (no licence refused) records nothing.
        crate::licences::overview(db, &s, T0, &FedLicenceFilter::default())
            .await
            .unwrap();
        let none = crate::licences::overview(
            db,
            &s,
            T0,
            &FedLicenceFilter {
                season: String::new(),
                status: "refused".into(),
            },
        )
        .await
        .unwrap();
        assert!(none.licences.is_empty());
        assert_eq!(reads_of(db, &w.club_a).await.len(), 2);
        assert_eq!(reads_of(db, &w.club_b).await.len(), 2);
        // My data counts the licence list's reads (`reads_about` is what the page and the
        // download count with; the download over HTTP: http/licences.rs).
        let sa = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let mut tx = db.tenant_read(&sa).await.unwrap();
        assert_eq!(reads_about(&mut tx, w.a_members[0]).await.unwrap(), 2);
        assert_eq!(reads_about(&mut tx, w.a_members[2]).await.unwrap(), 0);
        tx.commit().await.unwrap();
        // Without the permission: refused, nothing logged.
        let plain = scope::resolve(db, &w.plain_staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        assert!(
            crate::licences::overview(db, &plain, T0, &FedLicenceFilter::default())
                .await
                .is_err()
        );
        assert_eq!(reads_of(db, &w.club_a).await.len(), 2);
    }
}

#[tokio::test]
async fn a_restricted_person_drops_out_of_the_licence_list_and_the_search() {
    for t in testing::all().await {
        let db = &t.db;
        let w = fed_world(db).await;
        let sa = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        let wout = MemberId(w.a_members[1]);
        let req = crate::rights::record(
            db,
            &sa,
            &sys,
            T0,
            wout,
            tessera_common::rights::RequestKind::Restriction,
            None,
            T0,
        )
        .await
        .unwrap();
        crate::rights::act(
            db,
            None,
            &sa,
            &sys,
            T0,
            req,
            1,
            crate::rights::Action::Start,
        )
        .await
        .unwrap();
        crate::rights::act(
            db,
            None,
            &sa,
            &sys,
            T0,
            req,
            2,
            crate::rights::Action::Complete,
        )
        .await
        .unwrap();
        // The copy is marked restricted in the club's transaction.
        let (_, _, _, _, restricted) = copy_of_person(db, w.fed.id, w.people[1]).await;
        assert!(restricted, "{:?}", t.backend());
        let lic = staff_with(db, &w.fed, "licences@fed.be", &["licences.manage"]).await;
        let s = scope::resolve(db, &lic, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        let o = crate::licences::overview(db, &s, T0, &FedLicenceFilter::default())
            .await
            .unwrap();
        assert!(o.licences.iter().all(|l| l.given_name != "Wout"));
        let f = scope::resolve(db, &w.staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        let page = search(
            db,
            &f,
            &PeopleQuery {
                q: "peet".into(),
                club: String::new(),
                page: 1,
            },
            T0,
        )
        .await
        .unwrap();
        assert!(page
            .rows
            .iter()
            .all(|r| r.given_name.as_deref() != Some("Wout")));
        assert!(person(db, &f, w.people[1], T0).await.is_err());
        // No read names them.
        for (_, d) in reads_of(db, &w.club_a).await {
            assert!(!d.names_member(wout.0), "{d:?}");
        }
        // Lifted: back in the federation's views.
        crate::rights::lift_restriction(db, &sa, &sys, T0, wout)
            .await
            .unwrap();
        let o = crate::licences::overview(db, &s, T0, &FedLicenceFilter::default())
            .await
            .unwrap();
        assert!(o.licences.iter().any(|l| l.given_name == "Wout"));
    }
}

#[tokio::test]
async fn a_clubs_erasure_reaches_the_federations_copy() {
    for t in testing::all().await {
        let db = &t.db;
        let w = fed_world(db).await;
        // Lotte: licensed through club A, with words about her in the federation's tables.
        words_about(
            db,
            w.fed.id,
            w.people[0],
            w.club_a.id,
            w.a_members[0],
            w.club_b.id,
            "Lotte Peeters owes the club a fee",
            true,
        )
        .await;
        // Bram: licensed through club B now; club A's record of him (say Wout's, the
        // record he left) is the origin of a transfer with words.
        words_about(
            db,
            w.fed.id,
            w.people[3],
            w.club_a.id,
            w.a_members[1],
            w.club_b.id,
            "Ex-member Wout Peetermans objected",
            false,
        )
        .await;
        let sa = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        let mut tx = db.tenant_write(&sa, &sys, T0).await.unwrap();
        crate::rights::erasure::erase_members_in_tx(
            &mut tx,
            &[MemberId(w.a_members[0]), MemberId(w.a_members[1])],
            &[],
            crate::rights::erasure::RoleHolders::Refuse,
            T0,
            sa.today(T0),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        // Lotte's copy: anonymous, restricted, her words gone; her licence stays.
        let (given, family, birth, shared, restricted) =
            copy_of_person(db, w.fed.id, w.people[0]).await;
        assert_eq!(given, "", "{:?}", t.backend());
        assert_eq!(family, crate::event_chain::ERASED);
        assert_eq!(birth, None);
        assert_eq!(shared, "{}");
        assert!(restricted);
        let words = words_left(db, w.fed.id, w.people[0]).await;
        assert!(!words.is_empty());
        assert!(
            words
                .iter()
                .all(|w| w.as_deref() == Some(crate::event_chain::ERASED)),
            "{words:?}"
        );
        // Bram's copy is club B's and stays; club A's words in his transfer go.
        let (given, family, _, _, restricted) = copy_of_person(db, w.fed.id, w.people[3]).await;
        assert_eq!(
            (given.as_str(), family.as_str(), restricted),
            ("Bram", "Peeters", false)
        );
        let words = words_left(db, w.fed.id, w.people[3]).await;
        assert!(words.iter().any(|w| w.is_some()));
        assert!(
            words
                .iter()
                .flatten()
                .all(|w| !w.contains("Wout") || w == crate::event_chain::ERASED),
            "{words:?}"
        );
        // Nothing names Lotte or Wout in any column of any table.
        for needle in ["Lotte", "Peetermans"] {
            let hits = crate::tests_rights::occurrences(&t.url, needle).await;
            assert!(hits.is_empty(), "{needle} in {hits:?} ({:?})", t.backend());
        }
        // The federation finds neither any more.
        let f = scope::resolve(db, &w.staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        assert!(person(db, &f, w.people[0], T0).await.is_err());
        let lic = staff_with(db, &w.fed, "licences@fed.be", &["licences.manage"]).await;
        let s = scope::resolve(db, &lic, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        let o = crate::licences::overview(db, &s, T0, &FedLicenceFilter::default())
            .await
            .unwrap();
        let names: Vec<&str> = o.licences.iter().map(|l| l.given_name.as_str()).collect();
        assert_eq!(names, ["Bram"]);
    }
}

#[tokio::test]
async fn the_federations_event_log_is_paged_and_asks_for_its_permission() {
    for t in testing::all().await {
        let db = &t.db;
        let w = fed_world(db).await;
        // The export and 60 more entries in the federation's own log.
        let f = scope::resolve(db, &w.staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        export_csv(db, &f, &PeopleQuery::default(), Timestamp(T0.0 + 1000))
            .await
            .unwrap();
        let mut tx = db.platform(true).await.unwrap();
        for k in 0..60 {
            tx.insert_tenant_event(
                w.fed.id,
                None,
                "licences_approve",
                Some(&format!("n={k}")),
                None,
                Timestamp(T0.0 - 1000 - k),
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        let plain = scope::resolve(db, &w.plain_staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        let (first, more) = crate::accounts::federation_events(db, &plain, 1)
            .await
            .unwrap();
        let size = tessera_common::fedreads::FED_LOG_PAGE as usize;
        assert_eq!(first.len(), size);
        assert!(more);
        // Newest first: the export (how many, never whom).
        assert_eq!(first[0].kind, FEDERATION_EXPORT);
        assert_eq!(first[0].detail.as_deref(), Some("n=3"));
        let (second, more) = crate::accounts::federation_events(db, &plain, 2)
            .await
            .unwrap();
        assert!(!more);
        assert!(!second.is_empty());
        let approvals = |page: &[crate::accounts::ClubEvent]| -> Vec<String> {
            page.iter()
                .filter(|e| e.kind == "licences_approve")
                .filter_map(|e| e.detail.clone())
                .collect()
        };
        let (one, two) = (approvals(&first), approvals(&second));
        assert_eq!(one.len() + two.len(), 60);
        assert!(two.iter().all(|d| !one.contains(d)));
        assert_eq!(one[0], "n=0", "newest first");
        // Staff without `clubs.view`: refused. A club's scope: not a federation's log.
        let people_only = staff_with(db, &w.fed, "only@fed.be", &["federation.people"]).await;
        let s = scope::resolve(db, &people_only, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        assert!(matches!(
            crate::accounts::federation_events(db, &s, 1).await,
            Err(AppError::Forbidden) | Err(AppError::NotFound)
        ));
        let sa = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        assert!(crate::accounts::federation_events(db, &sa, 1)
            .await
            .is_err());
    }
}
