//! Stored cross-site scripting: hostile text in every field a person can write and a page
//! shows, then every page that shows it, read the way a browser parses it. No stored
//! value may become markup: no script, no element, no event handler, no `javascript:`
//! link, and no `</textarea>` or `</title>` that ends its element early.

use super::*;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

/// Ends a textarea and a title, runs a script, and breaks out of an attribute.
const HOSTILE: &str = "</title></textarea><script>alert(1)</script>\"><img src=x onerror=alert(1)>";
/// The same, short enough for the shortest fields, with template syntax "just in case".
const SHORT: &str = "</textarea><script>alert(1)</script>{{7*7}}${7*7}";
const JS_URL: &str = "javascript:alert(1)";

fn enc(s: &str) -> String {
    utf8_percent_encode(s, NON_ALPHANUMERIC).to_string()
}

/// A number field of a JSON answer.
fn json_number(body: &str, field: &str) -> Option<i64> {
    let start = body.find(&format!("\"{field}\":"))? + field.len() + 3;
    let digits: String = body[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

/// The `value` of the hidden input `name` in a page.
fn hidden(page: &str, name: &str) -> String {
    page.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .and_then(|x| x.split('"').next())
        .unwrap_or_else(|| panic!("no {name} in the page"))
        .to_string()
}

/// One tag as a browser's tokenizer sees it.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    /// For elements whose content is text to the parser (script, style, textarea, title):
    /// that text, up to the first end tag of the same name.
    text: String,
}

/// The tags of a page, tokenized as the HTML parser does it: attribute values quoted or
/// not, comments skipped, and the content of script, style, textarea and title taken as
/// text up to the first `</name`, which is exactly what a `</textarea>` inside a value
/// would exploit.
fn tags(html: &str) -> Vec<Tag> {
    let lower = html.to_ascii_lowercase();
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if i >= b.len() {
            break;
        }
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if b[i] == b'!' || b[i] == b'?' || b[i] == b'/' {
            i = html[i..].find('>').map_or(b.len(), |e| i + e + 1);
            continue;
        }
        if !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = lower[start..i].to_string();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let a = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
                i += 1;
            }
            let attr = lower[a..i].to_string();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i] as char;
                    let v = i + 1;
                    let end = html[v..].find(q).map_or(b.len(), |e| v + e);
                    value = html[v..end].to_string();
                    i = end + 1;
                } else {
                    let v = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[v..i].to_string();
                }
            }
            attrs.push((attr, value));
        }
        let mut text = String::new();
        if ["script", "style", "textarea", "title"].contains(&name.as_str()) && i <= b.len() {
            let close = format!("</{name}");
            let end = lower[i..].find(&close).map_or(b.len(), |e| i + e);
            text = html[i..end].to_string();
            i = end;
        }
        out.push(Tag { name, attrs, text });
    }
    out
}

/// Nothing of the hostile values is markup in `body`.
fn assert_inert(what: &str, body: &str) {
    let tags = tags(body);
    for t in &tags {
        assert!(
            !(t.name == "script" && t.text.trim_start().starts_with("alert(")),
            "{what}: a stored value became a script: {}",
            &t.text[..t.text.len().min(300)]
        );
        assert!(
            !(t.name == "img" && t.attrs.iter().any(|(a, v)| a == "src" && v == "x")),
            "{what}: a stored value became an element"
        );
        for (a, v) in &t.attrs {
            assert!(
                !a.starts_with("on"),
                "{what}: an event handler attribute {a}={v:?} on <{}>",
                t.name
            );
            let v = v.trim().to_ascii_lowercase();
            assert!(
                !(matches!(a.as_str(), "href" | "src" | "action" | "formaction")
                    && v.starts_with("javascript:")),
                "{what}: a javascript: address in {a}"
            );
        }
        if t.name == "textarea" || t.name == "title" {
            assert!(
                !t.text.contains('<'),
                "{what}: markup inside <{}>: {:?} in {body}",
                t.name,
                t.text
            );
        }
    }
}

async fn page(c: &mut Client, path: &str) -> String {
    let r = c.get(path).await;
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    assert_inert(path, &r.body);
    r.body
}

#[test]
fn the_checker_sees_what_a_browser_would_run() {
    // The unescaped textarea of Leptos 0.8.23: its content ends at the stored `</textarea>`.
    let raw = format!("<textarea name=\"x\">{HOSTILE}</textarea>");
    assert!(std::panic::catch_unwind(|| assert_inert("raw", &raw)).is_err());
    // Escaped text and quoted attributes are fine.
    let safe = "<textarea name=\"x\">&lt;/textarea&gt;&lt;script&gt;alert(1)</textarea>\
                <input value=\"&quot;><img src=x onerror=alert(1)>\"><a href=\"/x?javascript:\">";
    assert_inert("safe", safe);
    let handler = "<p title=x onerror=alert(1)>";
    assert!(std::panic::catch_unwind(|| assert_inert("handler", handler)).is_err());
    let link = "<a href=\" JavaScript:alert(1)\">";
    assert!(std::panic::catch_unwind(|| assert_inert("link", link)).is_err());
}

#[tokio::test]
async fn hostile_text_in_every_field_stays_text_on_every_page() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let mut member = Client::new(&s);
        member.sign_in(&account("member.kempenvlug")).await;
        let scope = switch_module(&s, "forms", true).await;

        // One custom field of every kind, hostile label and help; the choices hostile too.
        for (n, kind) in tessera_common::dto::FieldKind::ALL.iter().enumerate() {
            let options = if matches!(
                kind,
                tessera_common::dto::FieldKind::Choice | tessera_common::dto::FieldKind::Multi
            ) {
                enc(&format!("{SHORT}\n{JS_URL}\nplain"))
            } else {
                String::new()
            };
            // A national number is for staff's eyes only.
            let who = if *kind == tessera_common::dto::FieldKind::NationalNumber {
                "&visibility=staff"
            } else {
                "&visibility=member&member_editable=on"
            };
            let r = admin
                .call(
                    "create_field",
                    &format!(
                        "club={CLUB_A}&label={}&kind={}&help={}&options={options}{who}",
                        enc(&format!("{n}{SHORT}")),
                        kind.as_str(),
                        enc(HOSTILE),
                    ),
                )
                .await;
            assert_eq!(r.status, 200, "{kind:?}: {}", r.body);
        }
        let fields = tessera_core::custom_fields::list(&s.db.db, &scope)
            .await
            .unwrap();
        let id_of = |kind: tessera_common::dto::FieldKind| {
            fields
                .iter()
                .find(|f| f.kind == kind && f.label.ends_with(SHORT))
                .map(|f| f.id)
                .expect("the field")
        };
        use tessera_common::dto::FieldKind as K;

        let custom = format!(
            "&cf%5Bc{}%5D={h}&cf%5Bc{}%5D={h}&cf%5Bc{}%5D={short}&cf%5Bc{}~0%5D={short}",
            id_of(K::Text),
            id_of(K::LongText),
            id_of(K::Choice),
            id_of(K::Multi),
            h = enc(HOSTILE),
            short = enc(SHORT),
        );

        // A member record with hostile standard and custom fields (as staff writes it).
        let (mid, _) = first_member(&mut admin).await;
        let edit = format!("/c/{CLUB_A}/members/{mid}/edit");
        let version = hidden(&page(&mut admin, &edit).await, "version");
        let standard = format!(
            "given_name={h}&family_name={h}&street={h}&city={h}&status=active",
            h = enc(HOSTILE)
        );
        let r = admin
            .call(
                "update_member",
                &format!("club={CLUB_A}&id={mid}&version={version}&{standard}{custom}"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        // The member writes their own long text (the attack that was found).
        let me = page(&mut member, &format!("/c/{CLUB_A}/me")).await;
        let r = member
            .call(
                "update_my_record",
                &format!(
                    "club={CLUB_A}&version={}&cf%5Bc{}%5D={}",
                    hidden(&me, "version"),
                    id_of(K::LongText),
                    enc(HOSTILE)
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);

        // A role, an invited administrator, the club's name, a registration form.
        let r = admin
            .call(
                "create_role",
                &format!(
                    "club={CLUB_A}&name={}",
                    enc("R</title><script>alert(1)</script>")
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = admin
            .call(
                "invite_admin",
                &format!("club={CLUB_A}&email=xss%40example.be&name={}", enc(HOSTILE)),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let look = admin.call("look", &format!("club={CLUB_A}")).await;
        assert_eq!(look.status, 200, "{}", look.body);
        let r = admin
            .call(
                "update_look",
                &format!(
                    "club={CLUB_A}&version={}&name={}&primary_color={}&accent_color={}&default_lang=nl",
                    json_number(&look.body, "version").expect("a version"),
                    enc("K</title><script>alert(1)</script>"),
                    enc(&json_field(&look.body, "primary_color").expect("a colour")),
                    enc(&json_field(&look.body, "accent_color").expect("a colour")),
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let cf = format!("cf{}", id_of(K::Text));
        let r = admin
            .call(
                "save_form",
                &format!(
                    "club={CLUB_A}&title={}&slug=xss&audience=self&intro={h}&consent_text={h}&published=on\
                     &fields%5Bcity%5D=on&fields%5Bhelp%3Acity%5D={}&fields%5B{cf}%5D=on&fields%5Bhelp%3A{cf}%5D={}",
                    enc("F</title><script>alert(1)</script>"),
                    enc("</textarea><script>alert(1)</script>"),
                    enc("\"><img src=x onerror=alert(1)>"),
                    h = enc(HOSTILE),
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);

        // Every page that shows them, to staff.
        let record = format!("/c/{CLUB_A}/members/{mid}");
        let edit_page = page(&mut admin, &edit).await;
        assert!(
            edit_page.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
            "the long text is on the edit page, as text"
        );
        let record_page = page(&mut admin, &record).await;
        assert!(record_page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        for p in [
            format!("/c/{CLUB_A}"),
            format!("/c/{CLUB_A}/members"),
            format!("/c/{CLUB_A}/members?q={}", enc(SHORT)),
            format!("/c/{CLUB_A}/members/new"),
            format!("/c/{CLUB_A}/events"),
            format!("/c/{CLUB_A}/settings/modules"),
            format!("/c/{CLUB_A}/settings/roles"),
            format!("/c/{CLUB_A}/settings/admins"),
            format!("/c/{CLUB_A}/settings/look"),
            format!("/c/{CLUB_A}/settings/terms"),
            format!("/c/{CLUB_A}/settings/fields"),
            format!("/c/{CLUB_A}/forms"),
            format!("/c/{CLUB_A}/applications"),
            "/".to_string(),
            "/account".to_string(),
        ] {
            page(&mut admin, &p).await;
        }
        let roles = page(&mut admin, &format!("/c/{CLUB_A}/settings/roles")).await;
        let role = roles
            .split(&format!("href=\"/c/{CLUB_A}/settings/roles/"))
            .nth(1)
            .and_then(|x| x.split('"').next())
            .expect("a role link")
            .to_string();
        page(&mut admin, &format!("/c/{CLUB_A}/settings/roles/{role}")).await;
        let forms = page(&mut admin, &format!("/c/{CLUB_A}/forms")).await;
        assert!(
            forms.contains("&lt;/textarea&gt;"),
            "the form's texts are shown"
        );
        // A refused edit comes back with what was typed, hostile values included.
        let r = form_post(
            &mut admin,
            "update_member",
            &edit,
            &format!("club={CLUB_A}&id={mid}&version=1&{standard}&email=not-an-address{custom}"),
        )
        .await;
        let back = r.header("location").unwrap_or("").to_string();
        let back = admin.get(back.trim_start_matches(&admin.origin())).await;
        assert!(matches!(back.status, 400 | 409), "{}", back.status);
        assert_inert("the refused edit", &back.body);

        // To the member, and to anyone on the public form.
        page(&mut member, &format!("/c/{CLUB_A}/me")).await;
        page(&mut member, &format!("/c/{CLUB_A}")).await;
        page(&mut member, "/account").await;
        let mut anon = Client::new(&s);
        let join = page(&mut anon, &format!("/c/{CLUB_A}/join/xss")).await;
        assert!(
            join.contains("&lt;/title&gt;&lt;script&gt;"),
            "the title is text"
        );

        // Terms of use: the gate shows them to every member, the settings page to staff.
        let r = admin
            .call(
                "publish_terms",
                &format!("club={CLUB_A}&body={}", enc(HOSTILE)),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let gate = page(&mut member, &format!("/c/{CLUB_A}")).await;
        assert!(gate.contains("terms-gate") && gate.contains("&lt;/textarea&gt;"));
        let terms = page(&mut admin, &format!("/c/{CLUB_A}/settings/terms")).await;
        assert!(terms.contains("&lt;/textarea&gt;"));
    }
}

/// URL-safe base64 with padding, as server_fn writes `__err`.
fn b64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk.len();
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= n {
                out.push(A[((v >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A link crafted elsewhere cannot put words on a page: messages in an address that our
/// own redirect did not sign are dropped (303 to the address without them), malformed
/// ones give no 500, and a real refusal still comes back with its message.
#[tokio::test]
async fn messages_in_an_address_come_only_from_our_redirects() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let mut anon = Client::new(&s);
        let forged = enc(&b64(br#"{"BadRequest":"Call 0800 HACKED now"}"#));
        let roles = format!("/c/{CLUB_A}/settings/roles");
        let cases = [
            format!("{roles}?__path=%2Fapi%2Fcreate_role&__err={forged}"),
            format!("{roles}?__path=%2Fapi%2Fcreate_role&__err={forged}&__sig=00112233445566778899aabbccddeeff"),
            format!("{roles}?__path=%2Fapi%2Fcreate_role&__err=!!!HACKED"),
            format!("{roles}?__path=%2Fapi%2Fcreate_role&__err={}", enc(&b64(b"HACKED"))),
            "/account?error_form=password&error=Call+0800+HACKED".to_string(),
            format!("/c/{CLUB_A}/settings/look?logo_error=HACKED"),
            format!("/c/{CLUB_A}/members/import?file_error=HACKED"),
        ];
        for path in &cases {
            let r = admin.get(path).await;
            assert_eq!(r.status, 303, "{path}: {}", r.body);
            let to = r.header("location").unwrap_or("").to_string();
            assert!(!to.contains("HACKED") && !to.contains("__err"), "{to}");
            assert_eq!(
                to,
                path.split('?').next().unwrap_or(""),
                "other parameters kept"
            );
            let page = admin.get(&to).await;
            assert_eq!(page.status, 200, "{to}");
            assert!(!page.body.contains("HACKED"));
        }
        let r = anon
            .get("/login/forgot?error=Call+0800+HACKED&next=%2F")
            .await;
        assert_eq!(r.status, 303);
        assert_eq!(r.header("location"), Some("/login/forgot?next=%2F"));

        // A real refusal: signed by the redirect, shown with its status.
        let r = form_post(
            &mut admin,
            "create_role",
            &roles,
            &format!("club={CLUB_A}&name="),
        )
        .await;
        assert_eq!(r.status, 302, "{}", r.body);
        let to = r.header("location").unwrap_or("").to_string();
        assert!(to.contains("__err=") && to.contains("__sig="), "{to}");
        let to = to.trim_start_matches(&admin.origin()).to_string();
        let back = admin.get(&to).await;
        assert_eq!(back.status, 400, "{to}");
        assert!(back.body.contains("role=\"alert\""), "the message is shown");
        // The same signature with another message is refused.
        let err = to
            .split("__err=")
            .nth(1)
            .and_then(|x| x.split('&').next())
            .unwrap_or("")
            .to_string();
        let tampered = to.replace(&err, &forged);
        assert_ne!(tampered, to);
        let r = admin.get(&tampered).await;
        assert_eq!(r.status, 303);
    }
}

/// Bodies and arguments that cannot be read are the caller's fault: a 400, never a 500.
#[tokio::test]
async fn unreadable_bodies_are_a_400() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let origin = admin.origin();
        let mut invalid = format!("club={CLUB_A}&name=Trainer").into_bytes();
        invalid.extend_from_slice(&[0xff, 0xfe, 0xc3]);
        let bodies: Vec<Vec<u8>> = vec![
            invalid.clone(),
            b"club=%zz&name=%".to_vec(),
            format!("club={CLUB_A}&name[=x&permissions[]]=").into_bytes(),
        ];
        for body in &bodies {
            // As the hydrated app calls it.
            let r = admin
                .send(
                    "POST",
                    "/api/create_role",
                    &[
                        ("Content-Type", "application/x-www-form-urlencoded"),
                        ("Accept", "application/json"),
                        ("Origin", &origin),
                    ],
                    body,
                )
                .await;
            assert!(
                (400..500).contains(&r.status),
                "{:?}: {} {}",
                String::from_utf8_lossy(body),
                r.status,
                r.body
            );
            // As a form without JavaScript posts it: back to the page, which answers 4xx.
            let roles = format!("/c/{CLUB_A}/settings/roles");
            let r = admin
                .send(
                    "POST",
                    "/api/create_role",
                    &[
                        ("Content-Type", "application/x-www-form-urlencoded"),
                        ("Accept", "text/html"),
                        ("Origin", &origin),
                        ("Referer", &format!("{origin}{roles}")),
                    ],
                    body,
                )
                .await;
            assert!(r.status < 500, "{}: {}", r.status, r.body);
            if r.status == 302 {
                let to = r.header("location").unwrap_or("").to_string();
                let back = admin.get(to.trim_start_matches(&origin)).await;
                assert!((400..500).contains(&back.status), "{to}: {}", back.status);
            }
        }
        // The axum form handlers too.
        let mut anon = Client::new(&s);
        let mut login = b"email=a%40b.be&password=".to_vec();
        login.extend_from_slice(&[0xff, 0xfe]);
        for (path, body) in [
            ("/login", login.clone()),
            ("/login/forgot", vec![0xff, 0xfe, b'=', 0xc3]),
            ("/account/password", login.clone()),
        ] {
            let origin = anon.origin();
            let r = anon
                .send(
                    "POST",
                    path,
                    &[
                        ("Content-Type", "application/x-www-form-urlencoded"),
                        ("Origin", &origin),
                    ],
                    &body,
                )
                .await;
            assert!(r.status < 500, "{path}: {} {}", r.status, r.body);
        }
        // A form the handler cannot read at all (a field given twice): 400 with a page
        // that says so, in the person's language.
        let origin = anon.origin();
        let r = anon
            .send(
                "POST",
                "/login",
                &[
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Origin", &origin),
                    ("Accept-Language", "fr-BE"),
                ],
                b"email=a%40b.be&email=c%40d.be&password=x",
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(
            r.body.contains("Les données envoyées sont illisibles"),
            "{}",
            r.body
        );
    }
}
