//! Licences on SQLite and PostgreSQL.

use super::*;
use crate::jobs::SystemTask;
use crate::members::NewMember;
use crate::testing;
use crate::tests::{world, World, T0};
use tessera_common::dto::MemberStatus;

fn msg_of(e: &AppError) -> Msg {
    match e {
        AppError::Invalid(v) => v[0].problem.msg,
        AppError::BadRequest(p) | AppError::Conflict(p) => p.msg,
        other => panic!("unexpected {other:?}"),
    }
}

struct Setup {
    w: World,
    fed: TenantScope,
    a: TenantScope,
    b: TenantScope,
    season: i64,
    open: i64,
    youth: i64,
}

fn sys() -> Actor {
    Actor::system("test")
}

async fn scope_of(db: &Db, kind: TenantKind, slug: &str) -> TenantScope {
    let t = crate::tenants::find_by_slug(db, kind, slug)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::background(), t)
}

/// Club `club` accepts terms sharing `fields` with the federation (plain SQL: the terms
/// flow is the affiliations' work).
async fn accept_terms(db: &Db, fed: TenantId, club: TenantId, fields: &str) {
    let mut tx = db.platform(true).await.unwrap();
    tx.execute(
        "UPDATE affiliations SET shared_fields = $1, terms_version = 1, accepted_at = $2, \
         accepted_by_name = 'Test' WHERE federation_id = $3 AND club_id = $4 AND status = 'active'",
        args![fields, T0, fed.0, club.0],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn leave(db: &Db, fed: TenantId, club: TenantId) {
    let mut tx = db.platform(true).await.unwrap();
    tx.execute(
        "UPDATE affiliations SET status = 'ended', ended_at = $1 WHERE federation_id = $2 \
         AND club_id = $3 AND status = 'active'",
        args![T0, fed.0, club.0],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn setup(db: &Db) -> Setup {
    let w = world(db).await;
    let fed = scope_of(db, TenantKind::Federation, "fed").await;
    let a = scope_of(db, TenantKind::Club, "club-a").await;
    let b = scope_of(db, TenantKind::Club, "club-b").await;
    let season = add_season(
        db,
        &fed,
        &sys(),
        T0,
        &SeasonForm {
            name: "2026-2027".into(),
            starts_on: "2026-09-01".into(),
            ends_on: "2027-08-31".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let open = add_category(
        db,
        &fed,
        &sys(),
        T0,
        &CategoryForm {
            name: "Recreational".into(),
            fee: "25".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let youth = add_category(
        db,
        &fed,
        &sys(),
        T0,
        &CategoryForm {
            name: "U12".into(),
            fee: "17,50".into(),
            min_age: "6".into(),
            max_age: "11".into(),
            age_on: "12-31".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    Setup {
        w,
        fed,
        a,
        b,
        season,
        open,
        youth,
    }
}

async fn person(db: &Db, club: &TenantScope, given: &str, born: Option<&str>) -> MemberId {
    crate::members::create(
        db,
        club,
        &sys(),
        T0,
        NewMember {
            given_name: given.into(),
            family_name: "Janssens".into(),
            birth_date: born.map(str::to_string),
            gender: Some("f".into()),
            email: Some(format!("{}@example.be", given.to_lowercase())),
            status: Some(MemberStatus::Active),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

fn input<'a>(
    s: &Setup,
    category: i64,
    members: Vec<MemberId>,
    fed: &'a BTreeMap<String, String>,
    season: &'a str,
    cat: &'a mut String,
) -> RequestInput<'a> {
    *cat = category.to_string();
    let _ = s;
    RequestInput {
        federation: "fed",
        season,
        category: cat.as_str(),
        members,
        fed,
    }
}

async fn count(db: &Db, fed: &TenantScope, table: &str) -> i64 {
    let mut tx = db.tenant_read(fed).await.unwrap();
    let (n,): (i64,) = tx
        .fetch_one(
            &format!("SELECT count(*) FROM {table} WHERE tenant_id = $1"),
            args![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n
}

#[tokio::test]
async fn seasons_do_not_overlap_and_categories_check_their_fees_and_bands() {
    for t in testing::all().await {
        let db = &t.db;
        let s = setup(db).await;
        let season = |name: &str, from: &str, to: &str| SeasonForm {
            name: name.into(),
            starts_on: from.into(),
            ends_on: to.into(),
            ..Default::default()
        };
        let e = add_season(
            db,
            &s.fed,
            &sys(),
            T0,
            &season("X", "2027-06-01", "2028-05-31"),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrLicSeasonOverlap);
        assert!(e.text(tessera_common::Lang::En).contains("2026-2027"));
        let e = add_season(
            db,
            &s.fed,
            &sys(),
            T0,
            &season("Y", "2028-09-01", "2028-08-01"),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrToBeforeFrom);
        let e = add_season(
            db,
            &s.fed,
            &sys(),
            T0,
            &season("Z", "2028-02-30", "2028-08-01"),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrDateFormat);
        add_season(
            db,
            &s.fed,
            &sys(),
            T0,
            &season("2027-2028", "2027-09-01", "2028-08-31"),
        )
        .await
        .unwrap();
        // Categories: the fee in euro as typed, an age band needs its reference day.
        let cat = |fee: &str, min: &str, on: &str| CategoryForm {
            name: format!("C {fee} {min} {on}"),
            fee: fee.into(),
            min_age: min.into(),
            age_on: on.into(),
            ..Default::default()
        };
        for (form, msg) in [
            (cat("-5", "", ""), Msg::ErrLicFee),
            (cat("ten", "", ""), Msg::ErrLicFee),
            (cat("10", "7", ""), Msg::ErrLicAgeOn),
            (cat("10", "7", "02-30"), Msg::ErrLicAgeOn),
            (cat("10", "700", "12-31"), Msg::ErrLicAge),
        ] {
            let e = add_category(db, &s.fed, &sys(), T0, &form)
                .await
                .unwrap_err();
            assert_eq!(msg_of(&e), msg, "{form:?}");
        }
        let o = overview(db, &s.fed, T0, &FedLicenceFilter::default())
            .await
            .unwrap();
        assert_eq!(o.seasons.len(), 2);
        let u12 = o.categories.iter().find(|c| c.id == s.youth).unwrap();
        assert_eq!(u12.fee_cents, 1750);
        assert_eq!(u12.age_on.as_deref(), Some("12-31"));
        // A club cannot manage seasons: not a federation (and no such permission there).
        assert!(add_season(
            db,
            &s.a,
            &sys(),
            T0,
            &season("Q", "2030-01-01", "2030-02-01")
        )
        .await
        .is_err());
    }
}

#[test]
fn the_reference_date_is_the_first_such_day_in_the_season() {
    let d = |s: &str| Date::parse(s).unwrap();
    assert_eq!(
        reference_date(d("2026-09-01"), "12-31"),
        Some(d("2026-12-31"))
    );
    assert_eq!(
        reference_date(d("2026-09-01"), "01-01"),
        Some(d("2027-01-01"))
    );
    assert_eq!(
        reference_date(d("2026-09-01"), "02-29"),
        Some(d("2027-02-28"))
    );
    assert_eq!(reference_date(d("2026-09-01"), "13-01"), None);
}

#[tokio::test]
async fn a_request_copies_exactly_the_shared_fields_and_numbers_carry_a_check_digit() {
    for t in testing::all().await {
        let db = &t.db;
        let s = setup(db).await;
        let fid = s.fed.tenant_id();
        // Terms without e-mail and gender; with the federation's own field `level`.
        accept_terms(
            db,
            fid,
            s.a.tenant_id(),
            "given_name family_name birth_date fed:level",
        )
        .await;
        let mut tx = db.tenant_write(&s.fed, &sys(), T0).await.unwrap();
        for (key, required) in [("level", false), ("secret", false)] {
            tx.insert(
                "fed_fields",
                vec![
                    ("id", ids::new_id().into()),
                    ("key", key.into()),
                    ("label", key.into()),
                    ("kind", "choice".into()),
                    ("choices", "A|B".into()),
                    ("required", required.into()),
                    ("created_at", T0.into()),
                ],
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        let lotte = person(db, &s.a, "Lotte", Some("1990-03-03")).await;
        let season = s.season.to_string();
        let mut cat = String::new();
        // A field outside the terms: refused, nothing stored.
        let fed: BTreeMap<String, String> = [("secret".to_string(), "A".to_string())].into();
        let e = request(
            db,
            &s.a,
            &sys(),
            T0,
            input(&s, s.open, vec![lotte], &fed, &season, &mut cat),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrLicFieldNotShared);
        // A value outside the choices, with hostile text: refused.
        let fed: BTreeMap<String, String> =
            [("level".to_string(), "<script>alert(1)</script>".to_string())].into();
        let e = request(
            db,
            &s.a,
            &sys(),
            T0,
            input(&s, s.open, vec![lotte], &fed, &season, &mut cat),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrChooseOption);
        assert_eq!(count(db, &s.fed, "fed_people").await, 0);
        let fed: BTreeMap<String, String> = [("level".to_string(), "B".to_string())].into();
        let out = request(
            db,
            &s.a,
            &sys(),
            T0,
            input(&s, s.open, vec![lotte], &fed, &season, &mut cat),
        )
        .await
        .unwrap();
        assert_eq!(
            out,
            RequestOutcome {
                requested: 1,
                skipped: 0
            }
        );
        let mut tx = db.tenant_read(&s.fed).await.unwrap();
        let row: (
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
        ) = tx
            .fetch_one(
                "SELECT licence_number, given_name, family_name, birth_date, gender, shared \
                 FROM fed_people WHERE tenant_id = $1",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(numbers::is_valid(&row.0), "{}", row.0);
        assert_eq!((row.1.as_str(), row.2.as_str()), ("Lotte", "Janssens"));
        assert_eq!(row.3.as_deref(), Some("1990-03-03"));
        assert_eq!(row.4, None, "gender is not in the terms");
        assert_eq!(row.5, r#"{"fed:level":"B"}"#, "no e-mail: not in the terms");
        // The same person again in the season: left as it is.
        let out = request(
            db,
            &s.a,
            &sys(),
            T0,
            input(&s, s.open, vec![lotte], &fed, &season, &mut cat),
        )
        .await
        .unwrap();
        assert_eq!(
            out,
            RequestOutcome {
                requested: 0,
                skipped: 1
            }
        );
        // The federation approves; the club sees it; the number stays in the next season.
        let o = overview(db, &s.fed, T0, &FedLicenceFilter::default())
            .await
            .unwrap();
        assert_eq!(o.licences.len(), 1);
        assert_eq!(o.licences[0].status, "requested");
        let e = decide(db, &s.fed, &sys(), T0, "refuse", " ", &[o.licences[0].id])
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrLicReason);
        decide(db, &s.fed, &sys(), T0, "approve", "", &[o.licences[0].id])
            .await
            .unwrap();
        let e = decide(
            db,
            &s.fed,
            &sys(),
            T0,
            "refuse",
            "late",
            &[o.licences[0].id],
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrLicTransition);
        let club = club_page(db, &s.a).await.unwrap();
        assert_eq!(club.licences.len(), 1);
        assert_eq!(club.licences[0].status, "approved");
        assert_eq!(club.licences[0].licence_number, row.0);
        // Club B's page shows none of club A's licences.
        accept_terms(db, fid, s.b.tenant_id(), "given_name family_name").await;
        assert!(club_page(db, &s.b).await.unwrap().licences.is_empty());
        // Another federation's id in the list: not found (not ours).
        let e = decide(
            db,
            &s.fed,
            &sys(),
            T0,
            "suspend",
            "",
            &[o.licences[0].id, 12345],
        )
        .await
        .unwrap_err();
        assert_eq!(e, AppError::NotFound);
        // Suspended with a reason, reinstated, suspended again and ended; an ended licence
        // takes no decision any more. The club sees each state, the number stays.
        let id = o.licences[0].id;
        let status_now = || async {
            let club = club_page(db, &s.a).await.unwrap();
            assert_eq!(club.licences[0].licence_number, row.0);
            club.licences[0].status.clone()
        };
        for (action, reason, want) in [
            ("suspend", "unpaid fee", "suspended"),
            ("approve", "", "approved"),
            ("suspend", "", "suspended"),
            ("end", "left the sport", "ended"),
        ] {
            assert_eq!(
                decide(db, &s.fed, &sys(), T0, action, reason, &[id])
                    .await
                    .unwrap(),
                1
            );
            assert_eq!(status_now().await, want, "{action} on {:?}", t.backend());
        }
        for action in ["approve", "suspend", "end", "refuse"] {
            let e = decide(db, &s.fed, &sys(), T0, action, "why", &[id])
                .await
                .unwrap_err();
            assert_eq!(msg_of(&e), Msg::ErrLicTransition, "{action}");
        }
        assert_eq!(status_now().await, "ended");
        // The next season: the same person is asked for again and keeps their number, and
        // the federation's list shows both seasons' licences under it.
        let next = add_season(
            db,
            &s.fed,
            &sys(),
            T0,
            &SeasonForm {
                name: "2027-2028".into(),
                starts_on: "2027-09-01".into(),
                ends_on: "2028-08-31".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let next = next.to_string();
        let fed: BTreeMap<String, String> = [("level".to_string(), "A".to_string())].into();
        request(
            db,
            &s.a,
            &sys(),
            T0,
            input(&s, s.open, vec![lotte], &fed, &next, &mut cat),
        )
        .await
        .unwrap();
        let o = overview(db, &s.fed, T0, &FedLicenceFilter::default())
            .await
            .unwrap();
        assert_eq!(o.total, 2);
        let numbers: BTreeSet<&str> = o
            .licences
            .iter()
            .map(|l| l.licence_number.as_str())
            .collect();
        assert_eq!(numbers, BTreeSet::from([row.0.as_str()]));
        let seasons: Vec<&str> = o.licences.iter().map(|l| l.season.as_str()).collect();
        assert_eq!(
            seasons,
            vec!["2027-2028", "2026-2027"],
            "newest season first"
        );
        assert_eq!(count(db, &s.fed, "fed_people").await, 1);
        let _ = &s.w;
    }
}

#[tokio::test]
async fn no_affiliation_no_terms_no_request_and_leaving_stops_decisions() {
    for t in testing::all().await {
        let db = &t.db;
        let s = setup(db).await;
        let fid = s.fed.tenant_id();
        let lotte = person(db, &s.a, "Lotte", Some("1990-03-03")).await;
        let season = s.season.to_string();
        let mut cat = String::new();
        let none = BTreeMap::new();
        // Affiliated on no terms yet: nothing personal crosses.
        let e = request(
            db,
            &s.a,
            &sys(),
            T0,
            input(&s, s.open, vec![lotte], &none, &season, &mut cat),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrLicNoTerms);
        accept_terms(
            db,
            fid,
            s.a.tenant_id(),
            "given_name family_name birth_date",
        )
        .await;
        request(
            db,
            &s.a,
            &sys(),
            T0,
            input(&s, s.open, vec![lotte], &none, &season, &mut cat),
        )
        .await
        .unwrap();
        let id = overview(db, &s.fed, T0, &FedLicenceFilter::default())
            .await
            .unwrap()
            .licences[0]
            .id;
        leave(db, fid, s.a.tenant_id()).await;
        // The club left: no request, no decision, and the list no longer shows it.
        let e = request(
            db,
            &s.a,
            &sys(),
            T0,
            input(&s, s.open, vec![lotte], &none, &season, &mut cat),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrLicNotAffiliated);
        let e = decide(db, &s.fed, &sys(), T0, "approve", "", &[id])
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrLicClubNotAffiliated);
        assert!(overview(db, &s.fed, T0, &FedLicenceFilter::default())
            .await
            .unwrap()
            .licences
            .is_empty());
        assert!(club_page(db, &s.a).await.unwrap().federations.is_empty());
    }
}

#[tokio::test]
async fn a_person_without_the_required_fields_refuses_the_whole_selection() {
    for t in testing::all().await {
        let db = &t.db;
        let s = setup(db).await;
        let fid = s.fed.tenant_id();
        let kid = person(db, &s.a, "Kobe", Some("2017-05-01")).await; // 9 on 2026-12-31
        let nobirth = person(db, &s.a, "Nina", None).await;
        let old = person(db, &s.a, "Omer", Some("1950-01-01")).await;
        let season = s.season.to_string();
        let mut cat = String::new();
        let none = BTreeMap::new();
        // Birth date not shared: the youth band cannot be checked for anyone.
        accept_terms(db, fid, s.a.tenant_id(), "given_name family_name").await;
        let e = request(
            db,
            &s.a,
            &sys(),
            T0,
            input(&s, s.youth, vec![kid], &none, &season, &mut cat),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrLicLacking);
        accept_terms(
            db,
            fid,
            s.a.tenant_id(),
            "given_name family_name birth_date",
        )
        .await;
        let e = request(
            db,
            &s.a,
            &sys(),
            T0,
            input(
                &s,
                s.youth,
                vec![kid, nobirth, old],
                &none,
                &season,
                &mut cat,
            ),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrLicLacking);
        let text = e.text(tessera_common::Lang::En);
        assert!(text.contains("Nina Janssens (birth_date)"), "{text}");
        assert!(text.contains("Omer Janssens (age 76)"), "{text}");
        assert!(!text.contains("Kobe"), "{text}");
        assert_eq!(count(db, &s.fed, "fed_people").await, 0, "all or nothing");
        assert_eq!(count(db, &s.fed, "licences").await, 0);
        let out = request(
            db,
            &s.a,
            &sys(),
            T0,
            input(&s, s.youth, vec![kid], &none, &season, &mut cat),
        )
        .await
        .unwrap();
        assert_eq!(out.requested, 1);
    }
}

#[tokio::test]
async fn parallel_requests_never_share_a_licence_number() {
    for t in testing::all().await {
        let db = &t.db;
        let s = setup(db).await;
        let fid = s.fed.tenant_id();
        accept_terms(db, fid, s.a.tenant_id(), "given_name family_name").await;
        accept_terms(db, fid, s.b.tenant_id(), "given_name family_name").await;
        let mut people = Vec::new();
        for i in 0..12 {
            people.push((s.a.clone(), person(db, &s.a, &format!("A{i}"), None).await));
            people.push((s.b.clone(), person(db, &s.b, &format!("B{i}"), None).await));
        }
        let season = s.season.to_string();
        let category = s.open.to_string();
        let tasks: Vec<_> = people
            .into_iter()
            .map(|(club, m)| {
                let db = db.clone();
                let season = season.clone();
                let category = category.clone();
                tokio::spawn(async move {
                    let none = BTreeMap::new();
                    request(
                        &db,
                        &club,
                        &sys(),
                        T0,
                        RequestInput {
                            federation: "fed",
                            season: &season,
                            category: &category,
                            members: vec![m],
                            fed: &none,
                        },
                    )
                    .await
                })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap().requested, 1);
        }
        let mut tx = db.tenant_read(&s.fed).await.unwrap();
        let numbers: Vec<(String,)> = tx
            .fetch_all(
                "SELECT licence_number FROM fed_people WHERE tenant_id = $1",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let distinct: BTreeSet<&str> = numbers.iter().map(|n| n.0.as_str()).collect();
        assert_eq!(numbers.len(), 24);
        assert_eq!(distinct.len(), 24);
        assert!(numbers.iter().all(|n| numbers::is_valid(&n.0)));
        // Approving them all at once, from two tasks: each licence decided once.
        let ids: Vec<i64> = overview(db, &s.fed, T0, &FedLicenceFilter::default())
            .await
            .unwrap()
            .licences
            .iter()
            .map(|l| l.id)
            .collect();
        let (x, y) = ids.split_at(12);
        let (x, y) = (x.to_vec(), y.to_vec());
        let (d1, d2) = (db.clone(), db.clone());
        let (f1, f2) = (s.fed.clone(), s.fed.clone());
        let a = tokio::spawn(async move { decide(&d1, &f1, &sys(), T0, "approve", "", &x).await });
        let b = tokio::spawn(async move { decide(&d2, &f2, &sys(), T0, "approve", "", &y).await });
        assert_eq!(a.await.unwrap().unwrap() + b.await.unwrap().unwrap(), 24);
    }
}

#[tokio::test]
async fn a_changed_or_restricted_record_reaches_the_federation_copy() {
    for t in testing::all().await {
        let db = &t.db;
        let s = setup(db).await;
        let fid = s.fed.tenant_id();
        accept_terms(
            db,
            fid,
            s.a.tenant_id(),
            "given_name family_name birth_date",
        )
        .await;
        let lotte = person(db, &s.a, "Lotte", Some("1990-03-03")).await;
        let season = s.season.to_string();
        let mut cat = String::new();
        let none = BTreeMap::new();
        request(
            db,
            &s.a,
            &sys(),
            T0,
            input(&s, s.open, vec![lotte], &none, &season, &mut cat),
        )
        .await
        .unwrap();
        // The club renames the member and corrects the birth date.
        let mut tx = db.tenant_write(&s.a, &sys(), T0).await.unwrap();
        tx.update(
            "members",
            lotte.0,
            vec![
                ("given_name", "Charlotte".into()),
                ("birth_date", "1990-04-04".into()),
            ],
            None,
        )
        .await
        .unwrap();
        refresh_shared(&mut tx, &[lotte]).await.unwrap();
        tx.commit().await.unwrap();
        let o = overview(db, &s.fed, T0, &FedLicenceFilter::default())
            .await
            .unwrap();
        assert_eq!(o.licences[0].given_name, "Charlotte");
        assert_eq!(o.licences[0].birth_date.as_deref(), Some("1990-04-04"));
        // Restricted: gone from the federation's list at once.
        let mut tx = db.tenant_write(&s.a, &sys(), T0).await.unwrap();
        tx.update("members", lotte.0, vec![("restricted_at", T0.into())], None)
            .await
            .unwrap();
        refresh_shared(&mut tx, &[lotte]).await.unwrap();
        tx.commit().await.unwrap();
        let o = overview(db, &s.fed, T0, &FedLicenceFilter::default())
            .await
            .unwrap();
        assert!(o.licences.is_empty());
        assert_eq!(o.total, 0);
        // And no decision reaches it.
        let mut tx = db.tenant_read(&s.fed).await.unwrap();
        let (id,): (i64,) = tx
            .fetch_one("SELECT id FROM licences WHERE tenant_id = $1", args![])
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let e = decide(db, &s.fed, &sys(), T0, "approve", "", &[id])
            .await
            .unwrap_err();
        assert_eq!(e, AppError::NotFound);
    }
}

#[tokio::test]
async fn the_demo_has_two_seasons_of_licences_some_pending_and_the_generated_clubs_licensed() {
    for t in testing::all().await {
        let db = &t.db;
        crate::seed::seed_demo(
            db,
            T0,
            &crate::seed::SeedOptions {
                members_per_club: 30,
                extra_clubs: 2,
                clubs: None,
                password: None,
            },
        )
        .await
        .unwrap();
        let fed = scope_of(db, TenantKind::Federation, "bsf").await;
        let o = overview(db, &fed, T0, &FedLicenceFilter::default())
            .await
            .unwrap();
        assert_eq!(o.seasons.len(), 2);
        assert_eq!(o.categories.len(), 4);
        let by = |s: &str| o.licences.iter().filter(|l| l.status == s).count();
        assert!(
            by("requested") > 0 && by("approved") > 0 && by("refused") >= 1,
            "{o:?}"
        );
        let seasons: BTreeSet<&str> = o.licences.iter().map(|l| l.season.as_str()).collect();
        assert_eq!(seasons.len(), 2);
        let cats: BTreeSet<&str> = o.licences.iter().map(|l| l.category.as_str()).collect();
        assert!(cats.len() >= 3, "{cats:?}");
        let mut tx = db.tenant_read(&fed).await.unwrap();
        let numbers: Vec<(String,)> = tx
            .fetch_all(
                "SELECT licence_number FROM fed_people WHERE tenant_id = $1",
                args![],
            )
            .await
            .unwrap();
        // Every club's members are licensed: the generated ones through the bulk path.
        let clubs: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT DISTINCT club_id FROM licences WHERE tenant_id = $1 AND status = 'approved'",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(numbers.iter().all(|n| numbers::is_valid(&n.0)));
        assert_eq!(clubs.len(), 5);
    }
}
