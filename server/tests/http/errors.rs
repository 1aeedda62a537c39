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
        // Unsigned: sent back to the same address without it.
        assert_eq!(r.status, 303);
        let to = r.header("location").unwrap_or("").to_string();
        assert!(!to.contains("error="), "{to}");
        let r = c.get(&to).await;
        assert_eq!(r.status, 200);
        assert!(!r.body.contains("your password to helpdesk"), "{}", r.body);
        assert!(!r.body.contains("data-testid=\"form-error\""), "{}", r.body);
        // Even a well-formed error of ours is shown only when our own redirect put it there
        // (signed): one typed into an address is dropped the same way.
        let e = AppError::field("password", Problem::new(Msg::ErrPasswordMin).arg("min", 8));
        let path = format!("/login/reset?token=x&error={}", enc(&e.to_json()));
        for lang in ["en", "nl-BE", "fr-BE"] {
            let r = c
                .send("GET", &path, &[("Accept-Language", lang)], b"")
                .await;
            assert_eq!(r.status, 303, "{lang}");
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
