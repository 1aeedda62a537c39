//! Delivery: compression of pages, files and streams; the script nonce of every page and
//! the Content-Security-Policy that allows no other inline script; cache policies.

use super::*;
use std::io::Read;

struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// The body as sent, decoded from its `Content-Encoding`.
    fn decoded(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match self.header("content-encoding") {
            Some("br") => {
                brotli::Decompressor::new(&self.body[..], 4096)
                    .read_to_end(&mut out)
                    .expect("a Brotli body");
            }
            Some("gzip") => {
                flate2::read::GzDecoder::new(&self.body[..])
                    .read_to_end(&mut out)
                    .expect("a gzip body");
            }
            None => out = self.body.clone(),
            Some(other) => panic!("unexpected encoding {other}"),
        }
        out
    }
}

/// A request with the client's cookies, answered as bytes (a compressed body is no text);
/// the client's cookies stay as they were.
async fn raw(c: &Client, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Raw {
    let (status, headers, body) = exchange(c.addr, &c.cookies, method, path, headers, body).await;
    Raw {
        status,
        headers,
        body,
    }
}

async fn get_enc(c: &Client, path: &str, encoding: Option<&str>) -> Raw {
    let mut headers = vec![("Accept", "text/html")];
    if let Some(e) = encoding {
        headers.push(("Accept-Encoding", e));
    }
    raw(c, "GET", path, &headers, b"").await
}

/// The nonce in a response's Content-Security-Policy, if it has one.
fn csp_nonce(r: &Raw) -> Option<String> {
    let csp = r.header("content-security-policy")?;
    let start = csp.find("'nonce-")? + "'nonce-".len();
    Some(csp[start..].split('\'').next()?.to_string())
}

/// The start tags of every `<script>` element of a page, read as a parser would: outside
/// comments, any letter case.
fn script_tags(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find('<') {
        let i = at + i;
        if lower[i..].starts_with("<!--") {
            at = lower[i..].find("-->").map_or(lower.len(), |e| i + e + 3);
            continue;
        }
        let rest = &lower[i + 1..];
        if rest.starts_with("script")
            && rest[6..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        {
            let end = lower[i..].find('>').map_or(lower.len(), |e| i + e + 1);
            tags.push(html[i..end].to_string());
            // The script's text is no markup: skip to its end tag.
            at = lower[end..]
                .find("</script")
                .map_or(lower.len(), |e| end + e + 1);
            continue;
        }
        at = i + 1;
    }
    tags
}

/// `html` without its script elements.
fn without_scripts(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        out.push_str(&rest[..i]);
        rest = match rest[i..].find("</script>") {
            Some(close) => &rest[i + close + "</script>".len()..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// Every `/pkg/…` address a page names (the stylesheet, the module and the wasm).
fn pkg_files(html: &str) -> Vec<String> {
    let mut v: Vec<String> = html
        .split("\"/pkg/")
        .skip(1)
        .filter_map(|x| x.split('"').next())
        .map(|f| format!("/pkg/{f}"))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Brotli, gzip or nothing, as the client asks: pages (anonymous and signed in), the
/// stylesheet, the module and the wasm, the error pages of the request limits, and the
/// streamed CSV export; each decodes to what is sent without compression.
#[tokio::test]
async fn responses_are_compressed_as_the_client_accepts() {
    for s in servers().await {
        let anon = Client::new(&s);
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let register = format!("/c/{CLUB_A}/members");
        for (c, path) in [(&anon, "/"), (&anon, "/login"), (&admin, register.as_str())] {
            let plain = get_enc(c, path, None).await;
            assert_eq!(plain.status, 200, "{path}");
            assert_eq!(plain.header("content-encoding"), None, "{path}");
            // The same page but for its nonce and its scripts: the data of the page's
            // resources come in the order they were ready, some of them once or more,
            // which differs between two renderings (the files below are compared whole).
            let same = |r: &Raw| {
                let nonce = csp_nonce(r).expect("a nonce");
                let page = String::from_utf8(r.decoded())
                    .expect("UTF-8")
                    .replace(&nonce, "NONCE");
                without_scripts(&page)
            };
            let expected = same(&plain);
            for enc in ["br", "gzip"] {
                let r = get_enc(c, path, Some(enc)).await;
                assert_eq!(r.status, 200, "{path} {enc}");
                assert_eq!(r.header("content-encoding"), Some(enc), "{path}");
                assert!(
                    r.header("vary")
                        .unwrap_or("")
                        .to_ascii_lowercase()
                        .contains("accept-encoding"),
                    "{path}"
                );
                assert!(r.body.len() * 2 < plain.body.len(), "{path} {enc}");
                assert_eq!(same(&r), expected, "{path} {enc}");
            }
            // A client that prefers one gets it; one that accepts neither gets the page as is.
            let r = get_enc(c, path, Some("gzip;q=1, br;q=0.5")).await;
            assert_eq!(r.header("content-encoding"), Some("gzip"));
            let r = get_enc(c, path, Some("identity")).await;
            assert_eq!(r.header("content-encoding"), None);
        }
        // The files the page loads.
        let page = get_enc(&admin, &register, None).await.text();
        let files = pkg_files(&page);
        assert!(
            files.iter().any(|f| f.ends_with(".css"))
                && files.iter().any(|f| f.ends_with(".js"))
                && files.iter().any(|f| f.ends_with(".wasm")),
            "{files:?}"
        );
        for f in &files {
            let plain = get_enc(&anon, f, None).await;
            assert_eq!(plain.status, 200, "{f}");
            for enc in ["br", "gzip"] {
                let r = get_enc(&anon, f, Some(enc)).await;
                assert_eq!(r.header("content-encoding"), Some(enc), "{f}");
                assert!(r.body.len() < plain.body.len(), "{f} {enc}");
                assert!(r.decoded() == plain.body, "{f} {enc}: not the same file");
            }
        }
        // The limits keep their answers, compressed too.
        let long = format!("/?q={}", "x".repeat(9 * 1024));
        let r = get_enc(&anon, &long, Some("br")).await;
        assert_eq!(r.status, 414);
        assert!(String::from_utf8_lossy(&r.decoded()).contains("8192"));
        let origin = anon.origin();
        let big = vec![b'a'; MAX_BODY + 1];
        let r = raw(
            &anon,
            "POST",
            "/login",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Origin", &origin),
                ("Accept-Encoding", "gzip"),
            ],
            &big,
        )
        .await;
        assert_eq!(r.status, 413);
        // The export streams, compressed or not, and decodes to the same file.
        switch_module(&s, "exports", true).await;
        let export = format!("/c/{CLUB_A}/exports/members.csv");
        let origin = admin.origin();
        let post = |enc: Option<&'static str>| {
            let origin = origin.clone();
            let export = export.clone();
            let admin = admin.clone();
            async move {
                let mut h = vec![
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Origin", origin.as_str()),
                    ("Sec-Fetch-Site", "same-origin"),
                ];
                if let Some(e) = enc {
                    h.push(("Accept-Encoding", e));
                }
                raw(
                    &admin,
                    "POST",
                    &export,
                    &h,
                    b"status=&purpose=Delivery+test",
                )
                .await
            }
        };
        let plain = post(None).await;
        assert_eq!(plain.status, 200, "{}", plain.text());
        assert!(plain
            .header("content-type")
            .unwrap_or("")
            .starts_with("text/csv"));
        for enc in ["br", "gzip"] {
            let r = post(Some(enc)).await;
            assert_eq!(r.status, 200);
            assert_eq!(r.header("content-encoding"), Some(enc));
            assert!(r.decoded() == plain.body, "the export over {enc}");
        }
    }
}

/// Every page has a Content-Security-Policy with a nonce of its own and no
/// `'unsafe-inline'` for scripts, and every script in it carries that nonce; other
/// responses allow no inline script at all; the logo keeps its sandbox.
#[tokio::test]
async fn every_page_has_a_fresh_script_nonce_and_no_unsafe_inline() {
    for s in servers().await {
        let anon = Client::new(&s);
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let register = get_enc(&admin, &format!("/c/{CLUB_A}/members"), None)
            .await
            .text();
        let member = register
            .split(&format!("href=\"/c/{CLUB_A}/members/"))
            .skip(1)
            .filter_map(|x| x.split('"').next())
            .find(|id| id.chars().all(|c| c.is_ascii_digit()) && !id.is_empty())
            .map(|id| format!("/c/{CLUB_A}/members/{id}"))
            .expect("a member in the register");
        let club_home = format!("/c/{CLUB_A}");
        let register_path = format!("/c/{CLUB_A}/members");
        let pages: Vec<(&Client, &str, u16)> = vec![
            (&anon, "/", 200),
            (&anon, "/login", 200),
            (&anon, "/nowhere", 404),
            (&anon, club_home.as_str(), 401),
            (&admin, club_home.as_str(), 200),
            (&admin, register_path.as_str(), 200),
            (&admin, member.as_str(), 200),
            (&admin, "/account", 200),
        ];
        for (c, path, status) in pages {
            let first = get_enc(c, path, None).await;
            assert_eq!(first.status, status, "{path}");
            let csp = first.header("content-security-policy").unwrap_or("");
            let script_src = csp
                .split(';')
                .map(str::trim)
                .find(|d| d.starts_with("script-src"))
                .unwrap_or("");
            assert!(
                !script_src.contains("'unsafe-inline'") && !csp.contains(" 'unsafe-eval'"),
                "{path}: {csp}"
            );
            let nonce = csp_nonce(&first).unwrap_or_else(|| panic!("{path}: no nonce: {csp}"));
            assert!(script_src.contains(&format!("'nonce-{nonce}'")), "{csp}");
            assert!(nonce.len() >= 16, "{nonce}");
            let html = first.text();
            let tags = script_tags(&html);
            assert!(!tags.is_empty(), "{path}: the hydration script");
            for tag in &tags {
                assert!(
                    tag.contains(&format!("nonce=\"{nonce}\"")),
                    "{path}: a script without the page's nonce: {tag}"
                );
            }
            let again = get_enc(c, path, None).await;
            let other = csp_nonce(&again).expect("a nonce");
            assert_ne!(other, nonce, "{path}: the same nonce twice");
            assert!(!again.text().contains(&nonce));
        }
        // Responses that are no page: no inline script at all.
        let health = get_enc(&anon, "/healthz", None).await;
        let csp = health.header("content-security-policy").unwrap_or("");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert!(!csp.contains("nonce") && !csp.contains("'unsafe-inline' 'wasm"));
        // The logo keeps its sandbox.
        let r = admin
            .upload(
                &format!("/c/{CLUB_A}/settings/look/logo"),
                "logo",
                "logo.png",
                &tiny_png(),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let home = get_enc(&admin, &club_home, None).await.text();
        let src = home
            .split("class=\"brand\"><img src=\"")
            .nth(1)
            .and_then(|x| x.split('"').next())
            .expect("the logo in the header")
            .replace("&amp;", "&");
        let logo = get_enc(&anon, &src, None).await;
        assert_eq!(logo.status, 200);
        assert_eq!(
            logo.header("content-security-policy"),
            Some("default-src 'none'; style-src 'unsafe-inline'; sandbox")
        );
    }
}

#[test]
fn script_tags_are_found_as_a_parser_finds_them() {
    let html = "<html><head><SCRIPT type=module nonce=\"a\">let x = '<script>';</SCRIPT>\
                <!-- <script>no</script> --><script\nsrc=\"/x.js\"></script>\
                <scripts>not one</scripts></head></html>";
    let tags = script_tags(html);
    assert_eq!(tags.len(), 2, "{tags:?}");
    assert!(tags[0].contains("nonce=\"a\""));
    assert!(tags[1].contains("/x.js"));
}

/// Hashed files for a year, pages with personal data never stored, public pages of a
/// visitor without a session revalidated.
#[tokio::test]
async fn cache_policies_follow_what_a_response_holds() {
    for s in servers().await {
        let anon = Client::new(&s);
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let register = format!("/c/{CLUB_A}/members");
        for (c, path, policy) in [
            (&anon, "/", "private, no-cache"),
            (&anon, "/login", "private, no-cache"),
            (&anon, "/c/no-such-club", "no-store"),
            (&admin, "/", "no-store"),
            (&admin, "/account", "no-store"),
            (&admin, register.as_str(), "no-store"),
        ] {
            let r = get_enc(c, path, None).await;
            assert_eq!(r.header("cache-control"), Some(policy), "{path}");
        }
        // A visitor with a session (a failed sign-in keeps the address typed) is not
        // served from a cache either.
        let mut visitor = Client::new(&s);
        let r = visitor
            .post_form(
                "/login",
                "email=nobody%40example.test&password=wrong&next=/",
            )
            .await;
        assert_eq!(r.status, 303);
        let r = get_enc(&visitor, "/login", None).await;
        assert_eq!(r.header("cache-control"), Some("no-store"));
        // The files: hashed names for a year (when the site was built with them).
        let page = get_enc(&admin, &register, None).await.text();
        let hashed = std::path::Path::new("../target/site/hash.txt").is_file();
        for f in pkg_files(&page) {
            let r = get_enc(&anon, &f, None).await;
            let name = f.rsplit('/').next().unwrap_or("");
            let expected = if tessera_server::delivery::is_hashed(name) {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            };
            assert_eq!(r.header("cache-control"), Some(expected), "{f}");
            if hashed {
                assert!(tessera_server::delivery::is_hashed(name), "{f}");
            }
        }
    }
}
