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
