//! Errors in the visitor's language. A page a refused form comes back to shows only an
//! error of ours (the JSON of an AppError in its query), rendered through the message table
//! in the visitor's language; text put into the address by someone else is not shown.

use super::*;
use tessera_common::{AppError, Msg, Problem};

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn an_error_in_the_address_is_ours_and_in_the_visitors_language() {
    for s in servers().await {
        let mut c = Client::new(&s);
        // Free text in the error parameter is not shown: a link could otherwise make a
        // Tessera page tell a visitor anything.
        let spoof =
            "/login/reset?token=x&error=Send%20your%20password%20to%20helpdesk%40evil.example";
        let r = c.get(spoof).await;
        assert_eq!(r.status, 200);
        // (The address itself comes back only encoded, in the sign-in link's `next`.)
        assert!(!r.body.contains("your password to helpdesk"), "{}", r.body);
        assert!(!r.body.contains("data-testid=\"form-error\""), "{}", r.body);
        // An error of ours is shown, in the visitor's language.
        let e = AppError::field("password", Problem::new(Msg::ErrPasswordMin).arg("min", 8));
        let path = format!("/login/reset?token=x&error={}", enc(&e.to_json()));
        for (lang, says) in [
            ("en", "use at least 8 characters"),
            ("nl-BE", "gebruik minstens 8 tekens"),
            ("fr-BE", "utilisez au moins 8 caractères"),
        ] {
            let r = c
                .send("GET", &path, &[("Accept-Language", lang)], b"")
                .await;
            assert_eq!(r.status, 200, "{lang}");
            assert!(
                r.body.contains("data-testid=\"form-error\"") && r.body.contains(says),
                "{lang}: {}",
                r.body
            );
        }
        // A refused reset (an unknown link) comes back the same way, in Dutch.
        let long = "a few unrelated words here";
        let origin = c.origin();
        let r = c
            .send(
                "POST",
                "/login/reset",
                &[
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Origin", &origin),
                    ("Sec-Fetch-Site", "same-origin"),
                    ("Accept-Language", "nl"),
                ],
                format!("token=t&password={}", enc(long)).as_bytes(),
            )
            .await;
        assert!(r.status == 303 || r.status == 302, "{}", r.status);
        let to = r.header("location").unwrap_or("").to_string();
        assert!(to.contains("error=%7B"), "the error is JSON: {to}");
        let back = c.send("GET", &to, &[("Accept-Language", "nl")], b"").await;
        assert!(
            back.body.contains("data-testid=\"form-error\"")
                && back
                    .body
                    .contains("Deze link is verlopen of werd al gebruikt"),
            "{}",
            back.body
        );
    }
}
