//! erase17 (issue 17 follow-ups) over HTTP, on both databases: the club navigation marks
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
