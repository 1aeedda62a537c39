//! Issue 17 seams over HTTP, on SQLite and PostgreSQL: the My data page holds the consents
//! (given and withdrawn with plain forms that come back to it), the record of processing
//! lists the purposes and the retention rules, and the My data download is in the export
//! register.

use super::*;

fn form_post_headers(origin: &str) -> [(&'static str, String); 4] {
    [
        (
            "Content-Type",
            "application/x-www-form-urlencoded".to_string(),
        ),
        ("Accept", "text/html".to_string()),
        ("Origin", origin.to_string()),
        ("Sec-Fetch-Site", "same-origin".to_string()),
    ]
}

async fn plain(c: &mut Client, path: &str, form: &str) -> Resp {
    let origin = c.origin();
    let h = form_post_headers(&origin);
    let headers: Vec<(&str, &str)> = h.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.send("POST", path, &headers, form.as_bytes()).await
}

#[tokio::test]
async fn my_data_page_gives_and_withdraws_consent_and_the_record_lists_purposes_and_retention() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let r = admin
            .call(
                "save_purpose",
                &format!(
                    "club={CLUB_A}&title_en=Seams+photos&body_en=Photos+on+the+site\
                     &title_nl=Seams+foto%27s&body_nl=Foto%27s+op+de+site"
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let list = admin
            .call("consent_purposes", &format!("club={CLUB_A}"))
            .await;
        let v: serde_json::Value = serde_json::from_str(&list.body).unwrap();
        let purpose = v["purposes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["title"]["en"] == "Seams photos")
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
        // The My data page shows the purpose with a give form that comes back to it.
        let page = member.get(&format!("/c/{CLUB_A}/me/privacy")).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("Seams foto"),
            "the purpose on My data: {}",
            &page.body[page.body.find("download-form").unwrap_or(0)..]
        );
        let back = format!("/c/{CLUB_A}/me/privacy");
        assert!(page
            .body
            .contains(&format!("name=\"back\" value=\"{back}\"")));
        // Without JavaScript: a plain form post, answered by a redirect back to My data.
        for answer in ["give", "withdraw"] {
            let r = plain(
                &mut member,
                "/api/answer_consent",
                &format!("club={CLUB_A}&member={me}&purpose={purpose}&answer={answer}&back={back}"),
            )
            .await;
            assert!(matches!(r.status, 302 | 303), "{} {}", r.status, r.body);
            assert_eq!(
                r.header("location"),
                Some(format!("{back}?done=consent").as_str())
            );
            let page = member.get(&format!("{back}?done=consent")).await;
            assert_eq!(page.status, 200);
            // The consents' notice (the member reads Dutch), not the one of a request asked.
            assert!(page.body.contains("Bewaard: het antwoord is vastgelegd."));
            assert!(!page.body.contains("Je verzoek is ontvangen"));
        }
        // The page of its own keeps working.
        assert_eq!(
            member.get(&format!("/c/{CLUB_A}/me/consents")).await.status,
            200
        );
        // Given again: the record of processing counts one consent for the purpose.
        let r = plain(
            &mut member,
            "/api/answer_consent",
            &format!("club={CLUB_A}&member={me}&purpose={purpose}&answer=give&back={back}"),
        )
        .await;
        assert!(matches!(r.status, 302 | 303), "{}", r.status);
        let page = admin.get(&format!("/c/{CLUB_A}/privacy")).await;
        assert_eq!(page.status, 200);
        let purposes = page
            .body
            .split("data-testid=\"record-purposes\"")
            .nth(1)
            .unwrap_or("");
        let item = purposes
            .split(&format!("data-testid=\"record-purpose-{purpose}\""))
            .nth(1)
            .unwrap_or("");
        // The title in the viewer's language (English or Dutch, as the admin reads).
        let either = |a: &str, b: &str| item.contains(a) || item.contains(b);
        assert!(either("Seams photos", "Seams foto"), "{item:.300}");
        assert!(either("Text version 1", "Tekstversie 1"), "{item:.300}");
        assert!(
            either("Consent given now: 1", "Nu toestemming gegeven: 1"),
            "{item:.300}"
        );
        let retention = page
            .body
            .split("data-testid=\"record-retention-rules\"")
            .nth(1)
            .unwrap_or("");
        assert!(
            retention.contains("Anonymise ended members after")
                || retention.contains("Gestopte leden anonimiseren na")
        );
        // Each of the four rules with its period (the demo club has its own policy).
        let rules = retention.split("</ul>").next().unwrap_or("");
        let periods: Vec<&str> = rules
            .split("<strong>")
            .skip(1)
            .filter_map(|p| p.split('<').next())
            .collect();
        assert_eq!(periods.len(), 4, "{rules}");
        assert!(periods
            .iter()
            .all(|p| p.parse::<i64>().is_ok_and(|n| n > 0)));
        // The member's download is in the export register, as kind my_data.
        let r = plain(
            &mut member,
            &format!("/c/{CLUB_A}/me/privacy/download"),
            "child=",
        )
        .await;
        assert_eq!(r.status, 200);
        let reg = admin.get(&format!("/c/{CLUB_A}/privacy/exports")).await;
        assert_eq!(reg.status, 200);
        assert!(
            reg.body.contains("access request by the person"),
            "the download in the register"
        );
    }
}
