//! Seasons and fees over HTTP (issue 20, inv20), on both databases: the treasurer's page,
//! overlapping seasons and bad rules refused with a clear message and nothing stored,
//! hostile text echoed escaped, another club's ids not found, and a form post without
//! JavaScript ending on a 4xx page with the field's message.

use super::*;
use tessera_core::jobs::SystemTask;
use tessera_core::scope::{Actor, TenantScope};

async fn club_scope(s: &Server, slug: &str) -> TenantScope {
    let t = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, slug)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::command_line(), t)
}

fn season_form(name: &str, from: &str, to: &str) -> tessera_common::invoices::SeasonForm {
    tessera_common::invoices::SeasonForm {
        club: CLUB_A.into(),
        name: name.into(),
        starts_on: from.into(),
        ends_on: to.into(),
        ..Default::default()
    }
}

/// The placeholders of the cross-tenant harness: a season of club A (fees on) and a fee of
/// its schedule.
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    use tessera_core::invoices;
    let db = &s.db.db;
    let now = s.shared.clock.now();
    let scope = club_scope(s, CLUB_A).await;
    let sys = Actor::system("test");
    tessera_core::module_settings::switch(db, &scope, &sys, now, "fees", true)
        .await
        .unwrap();
    let season = invoices::save_season(
        db,
        &scope,
        &sys,
        now,
        &season_form("Harness 2080", "2080-07-01", "2081-06-30"),
    )
    .await
    .unwrap();
    let fee = invoices::add_fee(
        db,
        &scope,
        &sys,
        now,
        &tessera_common::invoices::SeasonFeeForm {
            club: CLUB_A.into(),
            season: season.to_string(),
            kind: "one_off".into(),
            name: "Harness kit".into(),
            amount: "25".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // An open membership fee, the bank details and a draft invoice for a payer with an
    // address, to add a fee to, send and credit.
    invoices::add_fee(
        db,
        &scope,
        &sys,
        now,
        &tessera_common::invoices::SeasonFeeForm {
            club: CLUB_A.into(),
            season: season.to_string(),
            kind: "membership".into(),
            name: "Harness membership".into(),
            amount: "100".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // The demo seed may have saved the bank details already.
    let settings_version = invoices::overview(db, &scope, now)
        .await
        .unwrap()
        .settings
        .version;
    invoices::save_settings(
        db,
        &scope,
        &sys,
        now,
        &tessera_common::invoices::FeeSettingsForm {
            club: CLUB_A.into(),
            version: settings_version.to_string(),
            iban: "BE68539007547034".into(),
            bic: "GEBABEBB".into(),
            beneficiary: "Harness club".into(),
            payment_days: "30".into(),
        },
    )
    .await
    .unwrap();
    let payer = tessera_core::members::create_from_input(
        db,
        &scope,
        &sys,
        now,
        &tessera_core::members::MemberInput {
            given_name: "Harness".into(),
            family_name: "Payer".into(),
            birth_date: "1980-01-01".into(),
            email: "harness.payer@example.be".into(),
            status: "active".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // pay20: a member the register's filter `q=Filteredone` finds, for the generation by
    // the filter.
    tessera_core::members::create_from_input(
        db,
        &scope,
        &sys,
        now,
        &tessera_core::members::MemberInput {
            given_name: "Harness".into(),
            family_name: "Filteredone".into(),
            birth_date: "1981-01-01".into(),
            email: "harness.filtered@example.be".into(),
            status: "active".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut tx = db.tenant_write(&scope, &sys, now).await.unwrap();
    let made = invoices::issue_for_members(&mut tx, &scope, season, &[payer], scope.today(now))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    vec![
        ("season", season.to_string()),
        ("season_fee", fee.to_string()),
        ("invoice", made[0].to_string()),
        ("fee_version", (settings_version + 1).to_string()),
    ]
}

#[tokio::test]
async fn the_treasurer_sets_seasons_fees_and_bank_details_and_bad_input_is_refused() {
    for s in servers().await {
        let db = &s.db.db;
        let now = s.shared.clock.now();
        let scope = club_scope(&s, CLUB_A).await;
        tessera_core::module_settings::switch(db, &scope, &Actor::system("t"), now, "fees", true)
            .await
            .unwrap();
        let mut c = Client::new(&s);
        c.sign_in(&account("admin.kempenvlug")).await;
        let page = format!("/c/{CLUB_A}/fees");
        // The demo seed may have saved the bank details already.
        let v0 = tessera_core::invoices::overview(db, &scope, now)
            .await
            .unwrap()
            .settings
            .version;
        assert_eq!(c.get(&page).await.status, 200);
        // A season with hostile text in its name.
        let hostile = "Seizoen <script>alert(1)</script> \"q\" </textarea>";
        let r = c
            .call(
                "save_season",
                &format!(
                    "club={CLUB_A}&name={}&starts_on=2070-07-01&ends_on=2071-06-30&current=on&prorata=monthly&sibling_percent=10",
                    urlencoding(hostile)
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let shown = c.get(&page).await;
        assert!(!shown.body.contains("<script>alert(1)"), "escaped");
        assert!(shown.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!shown.body.contains("</textarea> "));
        // Overlapping: 400, naming the other season, nothing stored.
        let before = tessera_core::invoices::overview(db, &scope, now)
            .await
            .unwrap();
        let r = c
            .call(
                "save_season",
                &format!("club={CLUB_A}&name=Overlap&starts_on=2071-06-30&ends_on=2072-06-29"),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(
            said(&r.body).contains("overlaps the season"),
            "{}",
            said(&r.body)
        );
        // A rule giving a negative amount; a wrong amount format; a bad IBAN.
        let season = before
            .seasons
            .iter()
            .find(|x| x.name == hostile)
            .unwrap()
            .id;
        for (amount, text) in [
            ("-5", "negative amount"),
            ("12%2C3456", "write an amount in euro"),
            ("1.2.3", "write an amount in euro"),
            ("twelve", "write an amount in euro"),
        ] {
            let r = c
                .call(
                    "add_season_fee",
                    &format!(
                        "club={CLUB_A}&season={season}&kind=membership&name=X&amount={amount}"
                    ),
                )
                .await;
            assert_eq!(r.status, 400, "{amount}: {}", r.body);
            assert!(said(&r.body).contains(text), "{}", said(&r.body));
        }
        let r = c
            .call(
                "save_fee_settings",
                &format!(
                    "club={CLUB_A}&version={v0}&iban=BE00+1234&bic=&beneficiary=&payment_days=30"
                ),
            )
            .await;
        assert_eq!(r.status, 400);
        assert!(said(&r.body).contains("not a valid IBAN"));
        let after = tessera_core::invoices::overview(db, &scope, now)
            .await
            .unwrap();
        assert_eq!(after.seasons.len(), before.seasons.len());
        assert!(after
            .seasons
            .iter()
            .all(|x| x.fees.iter().all(|f| f.name != "X")));
        assert_eq!(after.settings.version, before.settings.version);
        // Without JavaScript: the refused form comes back as a 4xx page with the message.
        let r = form_post(
            &mut c,
            "save_season",
            &page,
            &format!("club={CLUB_A}&name=Overlap&starts_on=2071-06-30&ends_on=2072-06-29"),
        )
        .await;
        assert!(matches!(r.status, 302 | 303), "{}", r.status);
        let back = r
            .header("location")
            .unwrap()
            .trim_start_matches(&c.origin())
            .to_string();
        let shown = c.get(&back).await;
        assert_eq!(shown.status, 400);
        assert!(
            shown.body.contains("overlapt met het seizoen"),
            "the field message in the club's language"
        );
        // A good fee and good bank details, with hostile text in the beneficiary.
        let r = c
            .call(
                "add_season_fee",
                &format!("club={CLUB_A}&season={season}&kind=membership&name=Jeugd+%3C%2Ftextarea%3E&amount=120%2C50&max_age=17"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = c
            .call(
                "save_fee_settings",
                &format!("club={CLUB_A}&version={v0}&iban=BE68+5390+0754+7034&bic=GEBABEBB&beneficiary=%22VC%22+%3Cb%3E&payment_days=30"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let shown = c.get(&page).await;
        assert!(shown.body.contains("Jeugd &lt;/textarea&gt;"));
        assert!(shown.body.contains("BE68 5390 0754 7034"));
        assert!(!shown.body.contains("<b>"));
        // Another club's ids: not found, nothing changed there.
        let b = club_scope(&s, CLUB_B).await;
        tessera_core::module_settings::switch(db, &b, &Actor::system("t"), now, "fees", true)
            .await
            .unwrap();
        let mut fb = season_form("B season", "2070-07-01", "2071-06-30");
        fb.club = CLUB_B.into();
        let b_season = tessera_core::invoices::save_season(db, &b, &Actor::system("t"), now, &fb)
            .await
            .unwrap();
        let b_fee = tessera_core::invoices::add_fee(
            db,
            &b,
            &Actor::system("t"),
            now,
            &tessera_common::invoices::SeasonFeeForm {
                club: CLUB_B.into(),
                season: b_season.to_string(),
                name: "B fee".into(),
                amount: "10".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        for (endpoint, args) in [
            (
                "add_season_fee",
                format!("club={CLUB_A}&season={b_season}&kind=membership&name=Y&amount=1"),
            ),
            ("remove_season_fee", format!("club={CLUB_A}&id={b_fee}")),
            (
                "save_season",
                format!("club={CLUB_A}&id={b_season}&version=1&name=Stolen&starts_on=2060-01-01&ends_on=2060-02-01"),
            ),
        ] {
            let r = c.call(endpoint, &args).await;
            assert_eq!(r.status, 404, "{endpoint}: {}", r.body);
        }
        let bo = tessera_core::invoices::overview(db, &b, now).await.unwrap();
        assert_eq!(bo.seasons[0].name, "B season");
        assert_eq!(bo.seasons[0].fees.len(), 1);
        // A plain member: the page is refused (403), the navigation has no entry.
        let mut m = Client::new(&s);
        m.sign_in(&account("member.kempenvlug")).await;
        assert_eq!(m.get(&page).await.status, 403);
        let home = m.get(&format!("/c/{CLUB_A}")).await;
        assert!(!home.body.contains(&format!("href=\"{page}\"")));
    }
}

fn urlencoding(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// pay20: the season's invoices for the register's filter over HTTP, on both databases: the
/// page counts the selection first (hostile search text echoed escaped), the plain form
/// issues them and lands back with the count, the same selection again issues nothing; a
/// member page's payments card links to all their invoices; the member's own page links to
/// theirs.
#[tokio::test]
async fn the_treasurer_issues_invoices_for_the_registers_filter_after_a_count() {
    for s in servers().await {
        let db = &s.db.db;
        let now = s.shared.clock.now();
        let scope = club_scope(&s, CLUB_A).await;
        let sys = Actor::system("t");
        tessera_core::module_settings::switch(db, &scope, &sys, now, "fees", true)
            .await
            .unwrap();
        let season = tessera_core::invoices::save_season(
            db,
            &scope,
            &sys,
            now,
            &season_form("Filter season", "2085-07-01", "2086-06-30"),
        )
        .await
        .unwrap();
        tessera_core::invoices::add_fee(
            db,
            &scope,
            &sys,
            now,
            &tessera_common::invoices::SeasonFeeForm {
                club: CLUB_A.into(),
                season: season.to_string(),
                kind: "membership".into(),
                name: "Filter fee".into(),
                amount: "80".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let mut ids = Vec::new();
        for given in ["Wanda", "Wout"] {
            ids.push(
                tessera_core::members::create_from_input(
                    db,
                    &scope,
                    &sys,
                    now,
                    &tessera_core::members::MemberInput {
                        given_name: given.into(),
                        family_name: "Zwiebelkraut".into(),
                        birth_date: "1979-01-01".into(),
                        status: "active".into(),
                        ..Default::default()
                    },
                )
                .await
                .unwrap(),
            );
        }
        let mut c = Client::new(&s);
        c.sign_in(&account("admin.kempenvlug")).await;
        let page = format!("/c/{CLUB_A}/fees/{season}");
        // The count first; nothing issued by looking.
        let shown = c.get(&format!("{page}?q=Zwiebelkraut&preview=1")).await;
        assert_eq!(shown.status, 200);
        assert!(
            shown
                .body
                .contains("2 members match this selection; 0 of them")
                || shown
                    .body
                    .contains("2 leden passen bij deze selectie; 0 van hen"),
            "{}",
            said(&shown.body)
        );
        assert!(shown.body.contains("data-testid=\"generate-filtered\""));
        assert!(!shown.body.contains("data-testid=\"invoice-row\""));
        // Hostile search text: escaped in the form, nobody matches, nothing offered.
        let hostile = c
            .get(&format!(
                "{page}?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&preview=1"
            ))
            .await;
        assert_eq!(hostile.status, 200);
        assert!(!hostile.body.contains("<script>alert(1)"));
        assert!(!hostile.body.contains("data-testid=\"generate-filtered\""));
        // Issued through the plain form (no JavaScript): back to the season with the count.
        let r = form_post(
            &mut c,
            "generate_invoices_filtered",
            &format!("{page}?q=Zwiebelkraut&preview=1"),
            &format!("club={CLUB_A}&for_season={season}&q=Zwiebelkraut&status=&membership_type=&season=&group=&consent=&unpaid=&fields="),
        )
        .await;
        assert!(matches!(r.status, 302 | 303), "{}", r.status);
        let back = r.header("location").unwrap().to_string();
        assert!(
            back.contains(&format!("/fees/{season}?done=issued&n=2")),
            "{back}"
        );
        let list = tessera_core::invoices::of_season(db, &scope, season)
            .await
            .unwrap();
        let mut payers: Vec<&str> = list.iter().map(|i| i.payer_name.as_str()).collect();
        payers.sort();
        assert_eq!(payers, vec!["Wanda Zwiebelkraut", "Wout Zwiebelkraut"]);
        // The same selection again: nobody twice, and the page says so.
        let r = c
            .call(
                "generate_invoices_filtered",
                &format!("club={CLUB_A}&for_season={season}&q=Zwiebelkraut"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(
            tessera_core::invoices::of_season(db, &scope, season)
                .await
                .unwrap()
                .len(),
            2
        );
        let shown = c.get(&format!("{page}?q=Zwiebelkraut&preview=1")).await;
        assert!(!shown.body.contains("data-testid=\"generate-filtered\""));
        // A filter the register refuses: 400 with the register's message, nothing issued.
        let r = c
            .call(
                "generate_invoices_filtered",
                &format!("club={CLUB_A}&for_season={season}&status=bogus"),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        // A member page's payments card links to all of that member's invoices.
        let member_page = c.get(&format!("/c/{CLUB_A}/members/{}", ids[0].0)).await;
        let link = format!("/c/{CLUB_A}/fees/member/{}", ids[0].0);
        assert!(
            member_page.body.contains(&format!("href=\"{link}\"")),
            "card link"
        );
        let all = c.get(&link).await;
        assert_eq!(all.status, 200);
        assert!(all.body.contains("Wanda Zwiebelkraut"));
        assert_eq!(
            all.body
                .matches("data-testid=\"member-invoice-row\"")
                .count(),
            1
        );
        // Another club's member: not found.
        let b = club_scope(&s, CLUB_B).await;
        tessera_core::module_settings::switch(db, &b, &sys, now, "fees", true)
            .await
            .unwrap();
        let b_member = tessera_core::members::create_from_input(
            db,
            &b,
            &sys,
            now,
            &tessera_core::members::MemberInput {
                given_name: "Bert".into(),
                family_name: "Elders".into(),
                birth_date: "1970-01-01".into(),
                status: "active".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(
            c.get(&format!("/c/{CLUB_A}/fees/member/{}", b_member.0))
                .await
                .status,
            404
        );
        // The member's own page links to their invoices.
        let mut m = Client::new(&s);
        m.sign_in(&account("member.kempenvlug")).await;
        let me = m.get(&format!("/c/{CLUB_A}/me")).await;
        assert!(me
            .body
            .contains(&format!("href=\"/c/{CLUB_A}/me/invoices\"")));
    }
}
