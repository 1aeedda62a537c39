//! Issue 17 follow-ups over HTTP, on both databases: the club navigation marks
//! one entry current, and the join page gives the purposes a fieldset of their own.

use super::*;

#[tokio::test]
async fn rights_the_requests_page_marks_only_its_own_navigation_entry_current() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        for (path, expected) in [
            (format!("/c/{CLUB_A}/privacy/requests"), "/privacy/requests"),
            (format!("/c/{CLUB_A}/privacy"), "/privacy"),
            (format!("/c/{CLUB_A}"), ""),
        ] {
            let page = admin.get(&path).await;
            assert_eq!(page.status, 200, "{path}");
            let marked: Vec<&str> = page
                .body
                .match_indices("aria-current=\"page\"")
                .map(|(i, _)| {
                    let before = &page.body[..i];
                    let href = before.rfind("href=\"").unwrap();
                    let rest = &before[href + 6..];
                    &rest[..rest.find('"').unwrap()]
                })
                .collect();
            assert_eq!(
                marked,
                vec![format!("/c/{CLUB_A}{expected}").as_str()],
                "{path}: {marked:?}"
            );
        }
    }
}

#[tokio::test]
async fn consent_the_join_page_gives_the_purposes_their_own_legend_and_says_where_to_withdraw() {
    for s in servers().await {
        switch_module(&s, "forms", true).await;
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let r = admin
            .call(
                "save_purpose",
                &format!("club={CLUB_A}&title_en=Legend+newsletter&body_en=News+by+mail"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", said(&r.body));
        let r = admin
            .call(
                "save_form",
                &format!("club={CLUB_A}&title=Legends&slug=legends-join&audience=self&consent_text=Photos+may+be+taken.&published=on"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", said(&r.body));
        let mut anon = Client::new(&s);
        let page = anon.get(&format!("/c/{CLUB_A}/join/legends-join")).await;
        assert_eq!(page.status, 200);
        let legend_of = |testid: &str| -> String {
            let at = page
                .body
                .find(&format!("data-testid=\"{testid}\""))
                .unwrap_or_else(|| panic!("{testid} on the page"));
            let rest = &page.body[at..];
            let start = rest.find("<legend>").unwrap() + "<legend>".len();
            rest[start..start + rest[start..].find("</legend>").unwrap()].to_string()
        };
        let (form_consent, purposes) = (legend_of("consent"), legend_of("consent-purposes"));
        assert_ne!(form_consent, purposes, "two fieldsets, two legends");
        // The help text sends people to My data, not to the club (in the club's language).
        for old in [
            "by asking the club",
            "door het de club te vragen",
            "en le demandant au club",
        ] {
            assert!(!page.body.contains(old), "{old}");
        }
        assert!(["My data", "Mijn gegevens", "Mes données"]
            .iter()
            .any(|l| page.body.contains(l)));
    }
}

#[tokio::test]
async fn consent_a_read_only_club_takes_a_withdrawal_over_http_but_no_new_consent() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let r = admin
            .call(
                "save_purpose",
                &format!("club={CLUB_A}&title_en=Readonly+photos&body_en=Photos"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", said(&r.body));
        let list = admin
            .call("consent_purposes", &format!("club={CLUB_A}"))
            .await;
        let v: serde_json::Value = serde_json::from_str(&list.body).unwrap();
        let purpose = v["purposes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["title"]["en"] == "Readonly photos")
            .and_then(|p| p["id"].as_i64())
            .unwrap();
        let mut member = Client::new(&s);
        member.sign_in(&account("member.kempenvlug")).await;
        let own: serde_json::Value = serde_json::from_str(
            &member
                .call("my_consents", &format!("club={CLUB_A}"))
                .await
                .body,
        )
        .unwrap();
        let me = own["own"]["member"].as_i64().unwrap();
        let answer = |a: &str| format!("club={CLUB_A}&member={me}&purpose={purpose}&answer={a}");
        let r = member.call("answer_consent", &answer("give")).await;
        assert_eq!(r.status, 200, "{}", said(&r.body));
        // The operator ends the club's contract tomorrow; two days later it is read-only.
        let today = s
            .shared
            .clock
            .now()
            .date_in(tessera_common::time::DEFAULT_TIME_ZONE);
        let tomorrow =
            tessera_common::time::Date::from_days(today.days_since_epoch() + 1).to_string();
        let mut op = Client::new(&s);
        op.sign_in(&account("operator")).await;
        let r = op
            .call(
                "end_contract",
                &format!("slug={CLUB_A}&end_on={tomorrow}&delay_days=40"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        s.shared.clock.advance_secs(2 * 24 * 3600);
        let mut member = Client::new(&s);
        member.sign_in(&account("member.kempenvlug")).await;
        // The page still offers the withdrawal, and no new consent.
        let page = member.get(&format!("/c/{CLUB_A}/me/consents")).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("data-testid=\"consent-withdraw\""));
        assert!(!page.body.contains("data-testid=\"consent-give\""));
        let r = member.call("answer_consent", &answer("withdraw")).await;
        assert_eq!(
            r.status, 200,
            "the withdrawal in a read-only club: {}",
            r.body
        );
        let r = member.call("answer_consent", &answer("give")).await;
        assert_eq!(r.status, 423, "{}", r.body);
        let own: serde_json::Value = serde_json::from_str(
            &member
                .call("my_consents", &format!("club={CLUB_A}"))
                .await
                .body,
        )
        .unwrap();
        let state = own["own"]["states"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["purpose"].as_i64() == Some(purpose))
            .unwrap()
            .clone();
        assert_eq!(state["given"], false, "{state}");
    }
}
