//! Seasons, fee schedules and the pricing, on SQLite and PostgreSQL; the pricing on an
//! injected day.

use super::pricing::*;
use super::seasons::*;
use crate::db::Db;
use crate::jobs::SystemTask;
use crate::scope::{Actor, TenantScope};
use crate::testing;
use crate::tests::{world, T0};
use tessera_common::dto::TenantKind;
use tessera_common::invoices::*;
use tessera_common::time::Date;
use tessera_common::{AppError, Lang, MemberId, Msg};

fn msg_of(e: &AppError) -> Msg {
    match e {
        AppError::Invalid(v) => v[0].problem.msg,
        AppError::BadRequest(p) | AppError::Conflict(p) => p.msg,
        other => panic!("unexpected {other:?}"),
    }
}

fn field_of(e: &AppError) -> String {
    match e {
        AppError::Invalid(v) => v[0].field.clone(),
        other => panic!("unexpected {other:?}"),
    }
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

pub(super) async fn fees_on(db: &Db, club: &crate::tenancy::TenantRecord) -> TenantScope {
    let sys = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    crate::module_settings::switch(db, &sys, &Actor::system("test"), T0, "fees", true)
        .await
        .unwrap();
    sys
}

pub(super) fn season_form(name: &str, from: &str, to: &str, current: bool) -> SeasonForm {
    SeasonForm {
        club: "club-a".into(),
        name: name.into(),
        starts_on: from.into(),
        ends_on: to.into(),
        current: current.then(|| "on".into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn seasons_do_not_overlap_and_one_is_current() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        fees_on(db, &w.club_a).await;
        fees_on(db, &w.club_b).await;
        let a = crate::scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let old = save_season(
            db,
            &a,
            &w.admin_a,
            T0,
            &season_form("2025-2026", "2025-07-01", "2026-06-30", true),
        )
        .await
        .unwrap();
        let new = save_season(
            db,
            &a,
            &w.admin_a,
            T0,
            &season_form("2026-2027", "2026-07-01", "2027-06-30", true),
        )
        .await
        .unwrap();
        let o = overview(db, &a, T0).await.unwrap();
        assert_eq!(o.seasons.len(), 2);
        let current: Vec<i64> = o
            .seasons
            .iter()
            .filter(|s| s.is_current)
            .map(|s| s.id)
            .collect();
        assert_eq!(current, vec![new], "marking one current unmarks the other");
        // Overlapping by one day: refused, naming the other season; nothing stored.
        let e = save_season(
            db,
            &a,
            &w.admin_a,
            T0,
            &season_form("Overlap <script>", "2026-06-30", "2026-12-31", false),
        )
        .await
        .unwrap_err();
        assert_eq!(e.status(), 400);
        assert_eq!(msg_of(&e), Msg::FeesErrOverlap);
        assert!(
            e.text(Lang::En).contains("2025-2026"),
            "{}",
            e.text(Lang::En)
        );
        assert_eq!(overview(db, &a, T0).await.unwrap().seasons.len(), 2);
        // Last day before the first, a bad date, a duplicate name.
        let e = save_season(
            db,
            &a,
            &w.admin_a,
            T0,
            &season_form("x", "2030-07-01", "2030-06-30", false),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::FeesErrEndBeforeStart);
        let e = save_season(
            db,
            &a,
            &w.admin_a,
            T0,
            &season_form("x", "2030-02-30", "2030-06-30", false),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::ErrDateFormat);
        let e = save_season(
            db,
            &a,
            &w.admin_a,
            T0,
            &season_form("2025-2026", "2031-07-01", "2032-06-30", false),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::FeesErrSeasonNameTaken);
        // Editing a season with its version; a stale version is a conflict.
        let s = o.seasons.iter().find(|s| s.id == old).unwrap();
        let mut f = season_form("2025-2026 (old)", "2025-07-01", "2026-06-30", true);
        f.id = old.to_string();
        f.version = s.version.to_string();
        f.sibling_percent = "10".into();
        save_season(db, &a, &w.admin_a, T0, &f).await.unwrap();
        let e = save_season(db, &a, &w.admin_a, T0, &f).await.unwrap_err();
        assert_eq!(e.status(), 409);
        let o = overview(db, &a, T0).await.unwrap();
        let current: Vec<i64> = o
            .seasons
            .iter()
            .filter(|s| s.is_current)
            .map(|s| s.id)
            .collect();
        assert_eq!(current, vec![old]);
        // A rule giving a negative amount: refused.
        let mut f = season_form("2040", "2040-01-01", "2040-12-31", false);
        f.sibling_percent = "120".into();
        let e = save_season(db, &a, &w.admin_a, T0, &f).await.unwrap_err();
        assert_eq!(msg_of(&e), Msg::FeesErrNegativeRule);
        f.sibling_percent = "-5".into();
        let e = save_season(db, &a, &w.admin_a, T0, &f).await.unwrap_err();
        assert_eq!(msg_of(&e), Msg::FeesErrNegativeRule);
        f.sibling_percent = String::new();
        f.family_cap = "-10".into();
        let e = save_season(db, &a, &w.admin_a, T0, &f).await.unwrap_err();
        assert_eq!(msg_of(&e), Msg::FeesErrNegativeRule);
        // Another club's season is another club's: the same dates are fine there, and
        // editing club A's season from club B is not found.
        let b = TenantScope::for_system_task(&SystemTask::background(), w.club_b.clone());
        let mut f = season_form("2025-2026", "2025-07-01", "2026-06-30", false);
        save_season(db, &b, &Actor::system("t"), T0, &f)
            .await
            .unwrap();
        f.id = old.to_string();
        f.version = "2".into();
        f.name = "stolen".into();
        f.starts_on = "2050-01-01".into();
        f.ends_on = "2050-02-01".into();
        let e = save_season(db, &b, &Actor::system("t"), T0, &f)
            .await
            .unwrap_err();
        assert_eq!(e.status(), 404);
        // A plain member of the club may not.
        let m = crate::scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0).await;
        if let Ok(m) = m {
            assert_eq!(overview(db, &m, T0).await.unwrap_err().status(), 403);
        }
    }
}

#[tokio::test]
async fn bank_details_are_checked_and_saved_with_their_version() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        fees_on(db, &w.club_a).await;
        let a = crate::scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let form = |iban: &str, bic: &str, version: i64| FeeSettingsForm {
            club: "club-a".into(),
            version: version.to_string(),
            iban: iban.into(),
            bic: bic.into(),
            beneficiary: "VC <script>alert(1)</script>".into(),
            payment_days: "21".into(),
        };
        let e = save_settings(
            db,
            &a,
            &w.admin_a,
            T0,
            &form("BE68 5390 0754 7035", "GEBABEBB", 0),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::FeesErrIban);
        assert_eq!(field_of(&e), "iban");
        let e = save_settings(
            db,
            &a,
            &w.admin_a,
            T0,
            &form("BE68 5390 0754 7034", "GEB1BEBB", 0),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::FeesErrBic);
        let mut f = form("BE68 5390 0754 7034", "GEBABEBB", 0);
        f.payment_days = "400".into();
        let e = save_settings(db, &a, &w.admin_a, T0, &f).await.unwrap_err();
        assert_eq!(msg_of(&e), Msg::FeesErrWhole);
        assert_eq!(overview(db, &a, T0).await.unwrap().settings.version, 0);
        save_settings(
            db,
            &a,
            &w.admin_a,
            T0,
            &form("be68 5390 0754 7034", "gebabebb", 0),
        )
        .await
        .unwrap();
        let s = overview(db, &a, T0).await.unwrap().settings;
        assert_eq!(s.iban.as_deref(), Some("BE68539007547034"));
        assert_eq!(s.bic.as_deref(), Some("GEBABEBB"));
        assert_eq!(s.payment_days, 21);
        assert_eq!(
            s.beneficiary.as_deref(),
            Some("VC <script>alert(1)</script>")
        );
        // Saved again on the old version: a conflict.
        let e = save_settings(db, &a, &w.admin_a, T0, &form("BE68539007547034", "", 0))
            .await
            .unwrap_err();
        assert_eq!(e.status(), 409);
        save_settings(
            db,
            &a,
            &w.admin_a,
            T0,
            &form("BE68539007547034", "", s.version),
        )
        .await
        .unwrap();
        let e = save_settings(
            db,
            &a,
            &w.admin_a,
            T0,
            &form("BE68539007547034", "", s.version),
        )
        .await
        .unwrap_err();
        assert_eq!(e.status(), 409);
    }
}

#[tokio::test]
async fn fees_are_added_to_a_season_and_bad_rules_refused() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        fees_on(db, &w.club_a).await;
        let a = crate::scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let season = save_season(
            db,
            &a,
            &w.admin_a,
            T0,
            &season_form("2026-2027", "2026-07-01", "2027-06-30", true),
        )
        .await
        .unwrap();
        let fee = |name: &str, amount: &str| SeasonFeeForm {
            club: "club-a".into(),
            season: season.to_string(),
            kind: "membership".into(),
            name: name.into(),
            amount: amount.into(),
            max_age: "17".into(),
            ..Default::default()
        };
        for (amount, msg) in [
            ("-12", Msg::FeesErrNegativeRule),
            ("12,3456", Msg::FeesErrAmount),
            ("100001", Msg::FeesErrAmount),
            ("abc", Msg::FeesErrAmount),
            ("1e5", Msg::FeesErrAmount),
            ("", Msg::FeesErrAmount),
        ] {
            let e = add_fee(db, &a, &w.admin_a, T0, &fee("Youth", amount))
                .await
                .unwrap_err();
            assert_eq!(msg_of(&e), msg, "{amount}");
        }
        let mut f = fee("Youth", "120");
        f.min_age = "18".into();
        let e = add_fee(db, &a, &w.admin_a, T0, &f).await.unwrap_err();
        assert_eq!(msg_of(&e), Msg::FeesErrRange);
        f.min_age = "-1".into();
        let e = add_fee(db, &a, &w.admin_a, T0, &f).await.unwrap_err();
        assert_eq!(msg_of(&e), Msg::FeesErrNegativeRule);
        let mut f = fee("Youth", "120");
        f.group = "12345".into();
        let e = add_fee(db, &a, &w.admin_a, T0, &f).await.unwrap_err();
        assert_eq!(msg_of(&e), Msg::FeesErrGroup);
        let youth = add_fee(db, &a, &w.admin_a, T0, &fee("Youth </textarea>", "120,50"))
            .await
            .unwrap();
        let mut adult = fee("Adult", "€ 1.250");
        adult.max_age = String::new();
        add_fee(db, &a, &w.admin_a, T0, &adult).await.unwrap();
        let o = overview(db, &a, T0).await.unwrap();
        let fees = &o.seasons[0].fees;
        assert_eq!(fees.len(), 2);
        assert_eq!(fees[0].name, "Youth </textarea>");
        assert_eq!(fees[0].amount_cents, 12050);
        assert_eq!(fees[1].amount_cents, 125000);
        // Of another season id (another club's, or none): not found.
        let mut f = fee("X", "1");
        f.season = "999".into();
        assert_eq!(
            add_fee(db, &a, &w.admin_a, T0, &f)
                .await
                .unwrap_err()
                .status(),
            404
        );
        remove_fee(db, &a, &w.admin_a, T0, youth).await.unwrap();
        assert_eq!(
            remove_fee(db, &a, &w.admin_a, T0, youth)
                .await
                .unwrap_err()
                .status(),
            404
        );
        assert_eq!(overview(db, &a, T0).await.unwrap().seasons[0].fees.len(), 1);
    }
}

fn rules() -> Rules {
    Rules {
        starts_on: d("2026-07-01"),
        ends_on: d("2027-06-30"),
        reference: d("2026-12-31"),
        sibling_percent: 0,
        family_cap_cents: None,
        prorata: Prorata::None,
        prorata_date: None,
        prorata_percent: 0,
    }
}

fn fee(id: i64, amount: i64, max_age: Option<i64>) -> Fee {
    Fee {
        id,
        one_off: false,
        name: format!("fee{id}"),
        amount_cents: amount,
        min_age: None,
        max_age,
        birth_year_from: None,
        birth_year_to: None,
        group_id: None,
    }
}

fn kid(id: i64, born: &str, joined: Option<&str>) -> Person {
    Person {
        member: MemberId(id),
        name: format!("kid{id}"),
        birth_date: Some(d(born)),
        groups: vec![],
        joined_on: joined.map(d),
    }
}

fn total(lines: &[Line]) -> i64 {
    lines.iter().map(|l| l.amount_cents).sum()
}

#[test]
fn the_first_fee_that_applies_is_taken_by_age_band_and_group() {
    let r = rules();
    let mut group_fee = fee(3, 5000, None);
    group_fee.group_id = Some(77);
    let mut band = fee(4, 7000, None);
    band.birth_year_from = Some(2010);
    band.birth_year_to = Some(2012);
    let fees = vec![
        group_fee,
        fee(1, 10000, Some(17)),
        band,
        fee(2, 20000, None),
    ];
    // 17 on the reference date (31 December 2026): youth.
    let p = kid(1, "2009-12-31", None);
    assert_eq!(
        total(&price_family(&r, &fees, &[p], Lang::En).unwrap()),
        10000
    );
    // 18 on the reference date: adult.
    let p = kid(1, "2008-12-31", None);
    assert_eq!(
        total(&price_family(&r, &fees, &[p], Lang::En).unwrap()),
        20000
    );
    // In group 77: the group's fee comes first.
    let mut p = kid(1, "2008-01-01", None);
    p.groups = vec![77];
    assert_eq!(
        total(&price_family(&r, &fees, &[p], Lang::En).unwrap()),
        5000
    );
    // No birth date: an age rule does not apply, the open one does.
    let mut p = kid(1, "2008-01-01", None);
    p.birth_date = None;
    assert_eq!(
        total(&price_family(&r, &fees, &[p], Lang::En).unwrap()),
        20000
    );
    // No fee applies at all: no line.
    let p = kid(1, "2008-01-01", None);
    assert!(price_family(&r, &[fee(1, 100, Some(5))], &[p], Lang::En)
        .unwrap()
        .is_empty());
}

#[test]
fn family_discounts_apply_to_each_further_child_and_the_cap_to_the_total() {
    let mut r = rules();
    r.sibling_percent = 25;
    let fees = vec![fee(1, 10000, Some(12)), fee(2, 15000, None)];
    // Three children: 150 (13+), 100, 100 → the highest in full, the others −25 %.
    let kids = [
        kid(1, "2018-01-01", None),
        kid(2, "2012-01-01", None),
        kid(3, "2019-05-05", None),
    ];
    let lines = price_family(&r, &fees, &kids, Lang::Nl).unwrap();
    assert_eq!(total(&lines), 15000 + 7500 + 7500);
    let discounts: Vec<&Line> = lines.iter().filter(|l| l.amount_cents < 0).collect();
    assert_eq!(discounts.len(), 2);
    assert!(
        discounts.iter().all(|l| l.member != MemberId(2)),
        "the eldest pays in full"
    );
    assert!(discounts[0].description.contains("volgend kind"));
    // A family cap of 250: the total comes down to it in one line.
    r.family_cap_cents = Some(25000);
    let lines = price_family(&r, &fees, &kids, Lang::En).unwrap();
    assert_eq!(total(&lines), 25000);
    assert_eq!(lines.last().unwrap().fee_key, "discount:cap");
    assert_eq!(lines.last().unwrap().amount_cents, 25000 - 30000);
    // A cap above the total changes nothing.
    r.family_cap_cents = Some(100000);
    assert_eq!(
        total(&price_family(&r, &fees, &kids, Lang::En).unwrap()),
        30000
    );
    // 100 % off further children (the largest reduction a form accepts): never negative.
    r.sibling_percent = 100;
    r.family_cap_cents = Some(0);
    let lines = price_family(&r, &fees, &kids, Lang::En).unwrap();
    assert_eq!(total(&lines), 0);
    // A negative cap (not storable, but the function checks): refused.
    r.family_cap_cents = Some(-1);
    assert_eq!(
        price_family(&r, &fees, &kids, Lang::En).unwrap_err(),
        PricingError::Negative
    );
}

#[test]
fn pro_rata_for_joining_late_follows_the_club_rule_on_an_injected_day() {
    let fees = vec![fee(1, 12000, None)];
    let mut r = rules();
    r.prorata = Prorata::Monthly;
    // Joined before or on the first day: the full fee.
    for joined in [None, Some("2020-01-01"), Some("2026-07-01")] {
        let p = kid(1, "2000-01-01", joined);
        assert_eq!(
            total(&price_family(&r, &fees, &[p], Lang::En).unwrap()),
            12000
        );
    }
    // Joined on 15 January 2027: January to June, 6 of 12 months.
    let p = kid(1, "2000-01-01", Some("2027-01-15"));
    assert_eq!(
        total(&price_family(&r, &fees, &[p], Lang::En).unwrap()),
        6000
    );
    // On 30 June 2027, the last day: one month.
    let p = kid(1, "2000-01-01", Some("2027-06-30"));
    assert_eq!(
        total(&price_family(&r, &fees, &[p], Lang::En).unwrap()),
        1000
    );
    // Rounded to the cent, half up: 100.00 × 7 / 12 = 58.333… → 58.33.
    assert_eq!(prorated(10000, &r, Some(d("2026-12-01"))), 5833);
    // A fixed reduction from a date on.
    r.prorata = Prorata::AfterDate;
    r.prorata_date = Some(d("2027-01-01"));
    r.prorata_percent = 50;
    assert_eq!(prorated(12000, &r, Some(d("2026-12-31"))), 12000);
    assert_eq!(prorated(12000, &r, Some(d("2027-01-01"))), 6000);
    assert_eq!(prorated(12001, &r, Some(d("2027-03-01"))), 6000);
    // February 29th in a leap season counts as its month.
    let mut leap = rules();
    leap.starts_on = d("2027-09-01");
    leap.ends_on = d("2028-08-31");
    leap.prorata = Prorata::Monthly;
    assert_eq!(prorated(12000, &leap, Some(d("2028-02-29"))), 7000);
}

pub(super) async fn member(
    db: &Db,
    scope: &TenantScope,
    given: &str,
    born: &str,
    email: Option<&str>,
) -> MemberId {
    crate::members::create(
        db,
        scope,
        &Actor::system("test"),
        T0,
        crate::members::NewMember {
            given_name: given.into(),
            family_name: "Peeters".into(),
            birth_date: Some(born.into()),
            email: email.map(Into::into),
            status: Some(tessera_common::dto::MemberStatus::Active),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

/// A season of club A with a youth (≤ 17) and an adult fee, 10 % off further children,
/// and the bank details.
pub(super) async fn priced_season(db: &Db, a: &TenantScope, w: &crate::tests::World) -> i64 {
    let mut f = season_form("2026-2027", "2026-07-01", "2027-06-30", true);
    f.sibling_percent = "10".into();
    f.reference_date = "2026-12-31".into();
    let season = save_season(db, a, &w.admin_a, T0, &f).await.unwrap();
    for (name, amount, max_age, kind) in [
        ("Youth", "100", "17", "membership"),
        ("Adult", "150", "", "membership"),
        ("Kit", "35", "", "one_off"),
    ] {
        add_fee(
            db,
            a,
            &w.admin_a,
            T0,
            &SeasonFeeForm {
                club: "club-a".into(),
                season: season.to_string(),
                kind: kind.into(),
                name: name.into(),
                amount: amount.into(),
                max_age: max_age.into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    save_settings(
        db,
        a,
        &w.admin_a,
        T0,
        &FeeSettingsForm {
            club: "club-a".into(),
            version: "0".into(),
            iban: "BE68539007547034".into(),
            bic: "GEBABEBB".into(),
            beneficiary: "Club A".into(),
            payment_days: "30".into(),
        },
    )
    .await
    .unwrap();
    season
}

#[tokio::test]
async fn a_guardian_gets_one_invoice_for_their_children_and_sent_invoices_never_change() {
    use super::issue::*;
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = fees_on(db, &w.club_a).await;
        let a = crate::scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let season = priced_season(db, &a, &w).await;
        let parent = member(db, &sys, "Ann", "1985-01-01", Some("ann@example.be")).await;
        let kid1 = member(db, &sys, "Bo <script>", "2014-03-03", None).await;
        let kid2 = member(db, &sys, "Cas", "2016-04-04", None).await;
        let adult = member(db, &sys, "Dirk", "1990-01-01", None).await;
        let mut tx = db
            .tenant_write(&sys, &Actor::system("t"), T0)
            .await
            .unwrap();
        for kid in [kid1, kid2] {
            tx.insert(
                "member_guardians",
                vec![("guardian_id", parent.0.into()), ("child_id", kid.0.into())],
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        let made = generate(
            db,
            &a,
            &w.admin_a,
            T0,
            season,
            Selection::Members(vec![kid1, kid2, adult]),
        )
        .await
        .unwrap();
        assert_eq!(
            made.len(),
            2,
            "one for the parent's two children, one for the adult"
        );
        // Again: nobody is invoiced twice for the season.
        let again = generate(
            db,
            &a,
            &w.admin_a,
            T0,
            season,
            Selection::Members(vec![kid1]),
        )
        .await
        .unwrap();
        assert!(again.is_empty());
        let list = of_season(db, &a, season).await.unwrap();
        let family = list.iter().find(|i| i.payer == Some(parent.0)).unwrap();
        assert_eq!(family.payer_name, "Ann Peeters");
        assert_eq!(family.total_cents, 10000 + 9000, "the second child −10 %");
        assert_eq!(family.status, "draft");
        let solo = list.iter().find(|i| i.payer == Some(adult.0)).unwrap();
        assert_eq!(solo.total_cents, 15000);
        // Numbers 1 and 2 of the year, communications valid and different.
        let mut numbers: Vec<&str> = list.iter().map(|i| i.number.as_str()).collect();
        numbers.sort();
        assert_eq!(numbers, vec!["2026-00001", "2026-00002"]);
        for i in &list {
            tessera_common::money::parse_ogm(&i.communication).unwrap();
        }
        assert_ne!(list[0].communication, list[1].communication);
        // A one-off fee onto the draft; the member's page shows no drafts.
        let kit = overview(db, &a, T0).await.unwrap().seasons[0]
            .fees
            .iter()
            .find(|f| f.kind == "one_off")
            .unwrap()
            .id;
        add_one_off(db, &a, &w.admin_a, T0, family.id, kit)
            .await
            .unwrap();
        // Sending: a payer without an address is refused, nothing changes.
        let e = send(db, &a, &w.admin_a, T0, solo.id).await.err().unwrap();
        assert_eq!(msg_of(&e), Msg::InvErrNoEmail);
        let out = send(db, &a, &w.admin_a, T0, family.id).await.unwrap();
        assert_eq!(out.to, "ann@example.be");
        assert!(out.pdf.starts_with(b"%PDF-"));
        assert!(out.body.contains("+++"));
        // Sending twice, editing after sending: refused (409), nothing changed.
        let e = send(db, &a, &w.admin_a, T0, family.id).await.err().unwrap();
        assert_eq!((e.status(), msg_of(&e)), (409, Msg::InvErrSent));
        let e = add_one_off(db, &a, &w.admin_a, T0, family.id, kit)
            .await
            .unwrap_err();
        assert_eq!((e.status(), msg_of(&e)), (409, Msg::InvErrSent));
        let sent = of_season(db, &a, season)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.id == family.id)
            .unwrap();
        assert_eq!(sent.total_cents, 10000 + 9000 + 3500);
        assert_eq!(sent.status, "open");
        // The parent sees it with the QR code; so does a child's own view? The child has
        // no account here; another member sees nothing of it.
        let me = crate::scope::TenantScope::for_tests_member(&a, parent);
        let mine = mine(db, &me).await.unwrap();
        assert_eq!(mine.invoices.len(), 1);
        assert!(mine.invoices[0]
            .qr_svg
            .as_deref()
            .unwrap()
            .starts_with("<svg"));
        let other = crate::scope::TenantScope::for_tests_member(&a, adult);
        assert!(
            mine_ids(db, &other).await.is_empty(),
            "drafts are not shown"
        );
        assert_eq!(pdf(db, &other, family.id).await.unwrap_err().status(), 404);
        assert!(pdf(db, &me, family.id)
            .await
            .unwrap()
            .1
            .starts_with(b"%PDF-"));
        // A credit note: its own numbering, the invoice credited, not twice.
        let (cn, _) = credit(db, &a, &w.admin_a, T0, family.id).await.unwrap();
        let list = of_season(db, &a, season).await.unwrap();
        let note = list.iter().find(|i| i.id == cn).unwrap();
        assert_eq!(note.kind, "credit_note");
        assert_eq!(note.number, "2026-00001");
        assert_eq!(note.credited_invoice, Some(family.id));
        assert_eq!(note.total_cents, sent.total_cents);
        assert_eq!(
            list.iter().find(|i| i.id == family.id).unwrap().status,
            "credited"
        );
        let e = credit(db, &a, &w.admin_a, T0, family.id).await.unwrap_err();
        assert_eq!(msg_of(&e), Msg::InvErrCredited);
        // Another club's scope: not found.
        let b = TenantScope::for_system_task(&SystemTask::background(), w.club_b.clone());
        fees_on(db, &w.club_b).await;
        assert_eq!(
            send(db, &b, &Actor::system("t"), T0, solo.id)
                .await
                .err()
                .unwrap()
                .status(),
            404
        );
    }
}

async fn mine_ids(db: &Db, scope: &TenantScope) -> Vec<i64> {
    super::issue::mine(db, scope)
        .await
        .unwrap()
        .invoices
        .into_iter()
        .map(|i| i.id)
        .collect()
}

#[tokio::test]
async fn concurrent_generation_numbers_without_gaps_or_duplicates() {
    use super::issue::*;
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = fees_on(db, &w.club_a).await;
        let a = crate::scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let season = priced_season(db, &a, &w).await;
        let mut people = Vec::new();
        for n in 0..20 {
            people.push(member(db, &sys, &format!("P{n}"), "1990-01-01", None).await);
        }
        let mut tasks = Vec::new();
        for p in people {
            let (db, a, actor) = (db.clone(), a.clone(), w.admin_a.clone());
            tasks.push(tokio::spawn(async move {
                generate(&db, &a, &actor, T0, season, Selection::Members(vec![p])).await
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap().len(), 1);
        }
        let list = of_season(db, &a, season).await.unwrap();
        let mut numbers: Vec<i64> = list
            .iter()
            .map(|i| i.number[5..].parse().unwrap())
            .collect();
        numbers.sort_unstable();
        assert_eq!(
            numbers,
            (1..=20).collect::<Vec<i64>>(),
            "{:?}",
            t.db.backend()
        );
    }
}

/// pay20: a season's invoices for the register's filter, counted before, the same
/// selection twice invoicing nobody twice, the register's checks on the filter, and a
/// member's invoice list for the staff.
#[tokio::test]
async fn invoices_are_issued_for_the_registers_filter_after_a_count() {
    use super::issue::*;
    use tessera_common::dto::MemberFilter;
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = fees_on(db, &w.club_a).await;
        let a = crate::scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let season = priced_season(db, &a, &w).await;
        let mut chosen = Vec::new();
        for (given, family) in [
            ("Elke", "Filterby"),
            ("Frans", "Filterby"),
            ("Gert", "Other"),
        ] {
            let id = crate::members::create(
                db,
                &sys,
                &Actor::system("test"),
                T0,
                crate::members::NewMember {
                    given_name: given.into(),
                    family_name: family.into(),
                    birth_date: Some("1980-05-05".into()),
                    status: Some(tessera_common::dto::MemberStatus::Active),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            chosen.push(id);
        }
        let filter = MemberFilter {
            query: "Filterby".into(),
            ..Default::default()
        };
        let p = preview_filtered(db, &a, season, &filter).await.unwrap();
        assert_eq!(
            p,
            InvoicePreview {
                members: 2,
                already: 0
            }
        );
        let made = generate(
            db,
            &a,
            &w.admin_a,
            T0,
            season,
            Selection::Filter(filter.clone()),
        )
        .await
        .unwrap();
        assert_eq!(made.len(), 2);
        let list = of_season(db, &a, season).await.unwrap();
        let mut payers: Vec<String> = list.iter().map(|i| i.payer_name.clone()).collect();
        payers.sort();
        assert_eq!(payers, vec!["Elke Filterby", "Frans Filterby"]);
        // Counted again: both have it; issued again: nobody twice.
        let p = preview_filtered(db, &a, season, &filter).await.unwrap();
        assert_eq!(
            p,
            InvoicePreview {
                members: 2,
                already: 2
            }
        );
        let again = generate(
            db,
            &a,
            &w.admin_a,
            T0,
            season,
            Selection::Filter(filter.clone()),
        )
        .await
        .unwrap();
        assert!(again.is_empty());
        // Nobody in the selection: refused, nothing issued.
        let none = MemberFilter {
            query: "Nobodyhere".into(),
            ..Default::default()
        };
        assert_eq!(
            preview_filtered(db, &a, season, &none)
                .await
                .unwrap()
                .members,
            0
        );
        let e = generate(db, &a, &w.admin_a, T0, season, Selection::Filter(none))
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::InvErrNoMembers);
        // The register's own checks on its filter.
        let bad = MemberFilter {
            status: "bogus".into(),
            ..Default::default()
        };
        let e = preview_filtered(db, &a, season, &bad).await.unwrap_err();
        assert_eq!(field_of(&e), "status");
        assert_eq!(of_season(db, &a, season).await.unwrap().len(), 2);
        // Another club's season: not found; a plain member: refused.
        fees_on(db, &w.club_b).await;
        let b = TenantScope::for_system_task(&SystemTask::background(), w.club_b.clone());
        assert_eq!(
            preview_filtered(db, &b, season, &filter).await.unwrap_err(),
            AppError::NotFound
        );
        let m = crate::scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert_eq!(
            preview_filtered(db, &m, season, &filter).await.unwrap_err(),
            AppError::Forbidden
        );
        // A member's invoices for the staff: Elke's one; Gert none; club B's member: not found.
        let elke = of_member(db, &a, chosen[0]).await.unwrap();
        assert_eq!(elke.name, "Elke Filterby");
        assert_eq!(elke.invoices.len(), 1);
        assert!(elke.can_manage);
        assert!(of_member(db, &a, chosen[2])
            .await
            .unwrap()
            .invoices
            .is_empty());
        assert_eq!(
            of_member(db, &a, w.b_member).await.unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            of_member(db, &m, chosen[0]).await.unwrap_err(),
            AppError::Forbidden
        );
    }
}
