//! Mailings over HTTP on both databases: a newsletter to 1,000 members through
//! the real SMTP server, each in their language, the unsubscribe link followed from the
//! delivered mail (one click without a session or same-origin headers, and the page with
//! its button), the next newsletter skipping that person; hostile text escaped on the
//! pages and in the mail's HTML part; bad input refused with a clear 4xx.

use super::*;
use tessera_common::Lang;
use tessera_core::mailings;

fn club_scope(t: tessera_core::tenancy::TenantRecord) -> tessera_core::scope::TenantScope {
    tessera_core::scope::TenantScope::for_system_task(
        &tessera_core::jobs::SystemTask::command_line(),
        t,
    )
}

async fn club_a(s: &Server) -> tessera_core::scope::TenantScope {
    let t = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    club_scope(t)
}

/// What the harness needs: a draft mailing of club A (`mailing`, `mailing_version`).
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    let scope = club_a(s).await;
    let sys = tessera_core::scope::Actor::system("test");
    let now = s.shared.clock.now();
    let input = mailings::parse_form(
        &tessera_common::mailing::MailingForm {
            club: CLUB_A.into(),
            kind: "service".into(),
            audience: "selection".into(),
            selection: "status=active".into(),
            subject_en: "Harness".into(),
            subject_nl: "Harness".into(),
            subject_fr: "Harness".into(),
            body_en: "Hello {first_name}".into(),
            body_nl: "Dag {first_name}".into(),
            body_fr: "Bonjour {first_name}".into(),
            ..Default::default()
        },
        scope.tenant().default_lang,
    )
    .unwrap();
    let id = mailings::create(&s.db.db, &scope, &sys, now, &input)
        .await
        .unwrap();
    vec![
        ("mailing", id.to_string()),
        ("mailing_version", "1".to_string()),
    ]
}

fn enc(s: &str) -> String {
    tessera_app::components::urlencode(s)
}

/// Every mail the SMTP server received since this test began, by address.
fn delivered(dir: &std::path::Path, since: std::time::SystemTime) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = e.path();
        if path.extension().and_then(|x| x.to_str()) != Some("eml") {
            continue;
        }
        let modified = e
            .metadata()
            .and_then(|m| m.modified())
            .unwrap_or(std::time::UNIX_EPOCH);
        if modified < since {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let to = text
            .lines()
            .find_map(|l| l.strip_prefix("X-Envelope-To: "))
            .or_else(|| text.lines().find_map(|l| l.strip_prefix("To: ")))
            .unwrap_or("")
            .trim()
            .to_string();
        out.push((to, decode_quoted_printable(&text)));
    }
    out
}

fn header<'a>(mail: &'a str, name: &str) -> Option<&'a str> {
    let head = mail.split("\r\n\r\n").next().unwrap_or("");
    head.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .map(str::trim)
}

fn subject_of(mail: &str) -> String {
    let raw = header(mail, "Subject").unwrap_or("").to_string();
    // lettre encodes non-ASCII subjects (RFC 2047); ours are ASCII.
    raw
}

async fn deliver(s: &Server) -> usize {
    let (mailer, _) = test_mailer();
    mailings::deliver(
        &s.db.db,
        &mailer,
        &format!("http://{}", s.addr),
        &s.shared.clock,
        mailings::Pace::per_second(0),
    )
    .await
    .unwrap()
}

/// The id of the newest mailing in the list.
async fn newest(c: &mut Client) -> String {
    let r = c.call("mailings", &format!("club={CLUB_A}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
        .split("\"id\":")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .unwrap()
        .to_string()
}

async fn send_newest(c: &mut Client) -> String {
    let id = newest(c).await;
    let d = c
        .call("mailing", &format!("club={CLUB_A}&id={id}&to="))
        .await;
    assert_eq!(d.status, 200, "{}", d.body);
    let version = d
        .body
        .rsplit("\"version\":")
        .next()
        .and_then(|s| s.split(['}', ',']).next())
        .unwrap()
        .to_string();
    let r = c
        .call(
            "send_mailing",
            &format!("club={CLUB_A}&id={id}&version={version}"),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    id
}

#[tokio::test]
async fn a_newsletter_to_a_thousand_members_arrives_in_their_language_and_unsubscribes_in_one_click(
) {
    for s in servers().await {
        let db = &s.db.db;
        let scope = club_a(&s).await;
        let sys = tessera_core::scope::Actor::system("test");
        let now = s.shared.clock.now();
        let topic = tessera_core::consents::save_purpose(
            db,
            &scope,
            &sys,
            now,
            None,
            &tessera_core::consents::PurposeInput {
                title: tessera_common::consent::Localized {
                    en: "Club news".into(),
                    nl: "Clubnieuws".into(),
                    fr: "Nouvelles".into(),
                },
                body: tessera_common::consent::Localized {
                    en: "Monthly".into(),
                    nl: "Maandelijks".into(),
                    fr: "Mensuel".into(),
                },
            },
            None,
        )
        .await
        .unwrap();
        // 1,000 members of type "Mailtest"; a third with an account in French, a third in
        // English, a third without (the club's language).
        let mut langs = Vec::new();
        for i in 0..1000 {
            let id = tessera_core::members::create(
                db,
                &scope,
                &sys,
                now,
                tessera_core::members::NewMember {
                    given_name: format!("Mt{i}"),
                    family_name: "Mailing".into(),
                    email: Some(format!("mt{i}@mailtest.example")),
                    membership_type: Some("Mailtest".into()),
                    season: (i < 10).then(|| "S1".to_string()),
                    status: Some(tessera_common::dto::MemberStatus::Active),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            let lang = match i % 3 {
                0 => Some(Lang::Fr),
                1 => Some(Lang::En),
                _ => None,
            };
            if let Some(l) = lang {
                let ident = tessera_core::identities::create(
                    db,
                    &sys,
                    now,
                    &format!("acct.mt{i}@mailtest.example"),
                    &format!("Mt{i}"),
                    None,
                )
                .await
                .unwrap();
                tessera_core::identities::set_lang(db, ident, l)
                    .await
                    .unwrap();
                let mut tx = db.tenant_write(&scope, &sys, now).await.unwrap();
                tx.execute(
                    "UPDATE members SET identity_id = $2 WHERE tenant_id = $1 AND id = $3",
                    tessera_core::args![ident.0, id.0],
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
            }
            langs.push(lang.unwrap_or(scope.tenant().default_lang));
            tessera_core::consents::record(
                db,
                &scope,
                &sys,
                now,
                &tessera_core::consents::ConsentChange {
                    member: id,
                    purpose: topic,
                    given: true,
                    source: tessera_common::consent::ConsentSource::Paper,
                    note: None,
                },
            )
            .await
            .unwrap();
        }
        let mut owner = Client::new(&s);
        owner.sign_in(&account("admin.kempenvlug")).await;
        let form = |subject_en: &str| {
            format!(
                "club={CLUB_A}&kind=newsletter&purpose={topic}&audience=selection&selection={}\
                 &subject_en={}&subject_nl={}&subject_fr={}&body_en={}&body_nl={}&body_fr=",
                enc("type=Mailtest"),
                enc(subject_en),
                enc("Nieuws voor {first_name}"),
                enc("Nouvelles pour {first_name}"),
                enc("Hello {first_name}, from {club_name}."),
                enc("Dag {first_name}, van {club_name}."),
            )
        };
        // An unknown placeholder: 400 naming it, nothing stored.
        let before = newest_count(&mut owner).await;
        let r = owner
            .call("create_mailing", &form("News for {first_name} {voornaam}"))
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(r.body.contains("voornaam"), "{}", r.body);
        assert_eq!(newest_count(&mut owner).await, before);
        let r = owner
            .call("create_mailing", &form("News for {first_name}"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let id = send_newest(&mut owner).await;
        let page = owner.get(&format!("/c/{CLUB_A}/mailings/{id}")).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("data-testid=\"mailing-refresh\""),
            "progress while sending"
        );
        assert!(page.body.contains("http-equiv=\"refresh\""));

        #[allow(
            clippy::disallowed_methods,
            reason = "the SMTP server's files are told apart by their modification time"
        )]
        let since = std::time::SystemTime::now() - std::time::Duration::from_secs(1);
        assert_eq!(deliver(&s).await, 1000);
        let (_, dir) = test_mailer();
        let mails: Vec<(String, String)> = delivered(&dir, since)
            .into_iter()
            .filter(|(to, _)| to.ends_with("@mailtest.example"))
            .collect();
        assert_eq!(mails.len(), 1000, "every mail reached the SMTP server once");
        for (i, lang) in langs.iter().enumerate() {
            let to = format!("mt{i}@mailtest.example");
            let mail = &mails.iter().find(|(t, _)| *t == to).expect("a mail").1;
            let subject = subject_of(mail);
            let body_fr_empty = match lang {
                Lang::En => {
                    assert_eq!(subject, format!("News for Mt{i}"));
                    false
                }
                Lang::Nl => {
                    assert_eq!(subject, format!("Nieuws voor Mt{i}"));
                    false
                }
                Lang::Fr => {
                    assert_eq!(subject, format!("Nouvelles pour Mt{i}"));
                    true
                }
            };
            if body_fr_empty {
                // French text left empty: the club's language.
                assert!(mail.contains(&format!("Dag Mt{i}, van")), "{mail}");
            }
            assert_eq!(
                header(mail, "List-Unsubscribe-Post"),
                Some("List-Unsubscribe=One-Click")
            );
        }
        let page = owner.get(&format!("/c/{CLUB_A}/mailings/{id}")).await;
        assert!(
            page.body.contains("data-testid=\"fig-sent\">1000<"),
            "figures"
        );

        // mt4 follows the link in the mail.
        let mail = &mails
            .iter()
            .find(|(t, _)| t == "mt4@mailtest.example")
            .unwrap()
            .1;
        let url = header(mail, "List-Unsubscribe")
            .unwrap()
            .trim_matches(['<', '>'])
            .to_string();
        assert!(mail.contains(&url), "the link is in the text too");
        let path = url.split_once(&s.addr.to_string()).unwrap().1.to_string();
        let mut anon = Client::new(&s);
        let ask = anon.get(&path).await;
        assert_eq!(ask.status, 200);
        assert!(
            ask.body.contains("method=\"post\""),
            "a button, no change on GET"
        );
        s.shared.clock.advance_secs(60);
        let when = s.shared.clock.now();
        // The mail client's one-click POST: no session, another origin.
        let one_click = anon
            .send(
                "POST",
                &path,
                &[
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Origin", "https://mail.example"),
                    ("Sec-Fetch-Site", "cross-site"),
                ],
                b"List-Unsubscribe=One-Click",
            )
            .await;
        assert_eq!(one_click.status, 200, "{}", one_click.body);
        assert!(
            one_click.body.contains("unsubscribe-done"),
            "{}",
            one_click.body
        );
        // Used again: already done, nothing recorded twice.
        let again = anon.post_form(&path, "confirm=1").await;
        assert_eq!(again.status, 200);
        assert!(again.body.contains("unsubscribe-already"));
        let ask = anon.get(&path).await;
        assert!(ask.body.contains("unsubscribe-already"));
        let mt4 = tessera_core::members::list(db, &scope, "Mt4 Mailing", 1)
            .await
            .unwrap()
            .rows
            .into_iter()
            .find(|r| r.given_name == "Mt4")
            .unwrap()
            .id;
        let h = tessera_core::consents::history(db, &scope, mt4)
            .await
            .unwrap();
        let withdrawn: Vec<_> = h.history.iter().filter(|e| !e.given).collect();
        assert_eq!(withdrawn.len(), 1);
        assert_eq!(
            withdrawn[0].source,
            tessera_common::consent::ConsentSource::Unsubscribe
        );
        assert_eq!(withdrawn[0].at, when);
        // A tampered token: 400 with a clear message; the CSRF exemption is this path only.
        let tampered = format!("{}0", path.trim_end_matches(char::is_alphanumeric));
        let r = anon.get(&tampered).await;
        assert_eq!(r.status, 400);
        assert!(r.body.contains("not valid"), "{}", r.body);
        let r = anon
            .send(
                "POST",
                &tampered,
                &[("Origin", "https://mail.example")],
                b"List-Unsubscribe=One-Click",
            )
            .await;
        assert_eq!(r.status, 400);
        let r = anon
            .send(
                "POST",
                &format!("{path}/x"),
                &[("Origin", "https://mail.example")],
                b"",
            )
            .await;
        assert_eq!(r.status, 403, "no other path is exempt");

        // The next newsletter skips mt4.
        #[allow(
            clippy::disallowed_methods,
            reason = "the SMTP server's files are told apart by their modification time"
        )]
        let since = std::time::SystemTime::now();
        // (To the ten of season S1, mt4 among them: the consent filter is the same.)
        let r = owner
            .call(
                "create_mailing",
                &form("More for {first_name}")
                    .replace(&enc("type=Mailtest"), &enc("type=Mailtest&season=S1")),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        send_newest(&mut owner).await;
        assert_eq!(deliver(&s).await, 9);
        let next: Vec<String> = delivered(&dir, since)
            .into_iter()
            .filter(|(to, _)| to.ends_with("@mailtest.example"))
            .map(|(to, _)| to)
            .collect();
        assert_eq!(next.len(), 9, "{next:?}");
        assert!(!next.contains(&"mt4@mailtest.example".to_string()));
        // A topic nobody consented to: a clear 400, nothing stored.
        let empty = tessera_core::consents::save_purpose(
            db,
            &scope,
            &sys,
            now,
            None,
            &tessera_core::consents::PurposeInput {
                title: tessera_common::consent::Localized {
                    en: "Nobody".into(),
                    ..Default::default()
                },
                body: tessera_common::consent::Localized {
                    en: "None".into(),
                    ..Default::default()
                },
            },
            None,
        )
        .await
        .unwrap();
        let before = newest_count(&mut owner).await;
        let r = owner
            .call(
                "create_mailing",
                &format!(
                    "club={CLUB_A}&kind=newsletter&purpose={empty}&audience=topic\
                     &subject_en=x&subject_nl=x&subject_fr=x&body_en=x&body_nl=x&body_fr=x"
                ),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(r.body.contains("ErrMailingNoSubscribers"), "{}", r.body);
        assert_eq!(newest_count(&mut owner).await, before);
    }
}

async fn newest_count(c: &mut Client) -> usize {
    let r = c.call("mailings", &format!("club={CLUB_A}")).await;
    r.body.matches("\"id\":").count()
}

#[tokio::test]
async fn hostile_text_is_escaped_on_the_pages_and_in_the_mail() {
    for s in servers().await {
        let mut owner = Client::new(&s);
        owner.sign_in(&account("admin.kempenvlug")).await;
        let hostile = "<script>alert(1)</script> \"q' </textarea><b>x</b>";
        let r = owner
            .call(
                "create_mailing",
                &format!(
                    "club={CLUB_A}&kind=service&audience=selection&selection={}\
                     &subject_en={h}&subject_nl={h}&subject_fr={h}&body_en={h}&body_nl={h}&body_fr={h}",
                    enc("status=active"),
                    h = enc(hostile),
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let id = newest(&mut owner).await;
        for path in [
            format!("/c/{CLUB_A}/mailings"),
            format!("/c/{CLUB_A}/mailings/{id}"),
        ] {
            let page = owner.get(&path).await;
            assert_eq!(page.status, 200, "{path}");
            assert!(!page.body.contains("<script>alert(1)"), "{path}");
            assert!(!page.body.contains("<b>x</b>"), "{path}");
            assert!(
                page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{path}"
            );
        }
        // A draft refused by the form keeps what was typed, escaped in its textarea.
        let origin = owner.origin();
        let from = format!("/c/{CLUB_A}/mailings");
        let body = format!(
            "club={CLUB_A}&kind=service&audience=group&group=&subject_nl={h}&body_nl={h}",
            h = enc(hostile)
        );
        let r = owner
            .send(
                "POST",
                "/api/create_mailing",
                &[
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Accept", "text/html,application/xhtml+xml"),
                    ("Origin", &origin),
                    ("Referer", &format!("{origin}{from}")),
                ],
                body.as_bytes(),
            )
            .await;
        assert!(r.status == 303 || r.status == 302, "{}", r.status);
        let back = owner.get(r.header("location").unwrap_or("/")).await;
        assert_eq!(back.status, 400, "the refused form shows its error");
        assert!(
            back.body.contains("&lt;/textarea&gt;&lt;b&gt;"),
            "the draft is kept, escaped"
        );
        assert!(
            !back.body.contains("</textarea><b>"),
            "the draft is escaped"
        );
        send_newest(&mut owner).await;
        #[allow(
            clippy::disallowed_methods,
            reason = "the SMTP server's files are told apart by their modification time"
        )]
        let since = std::time::SystemTime::now() - std::time::Duration::from_secs(1);
        assert!(deliver(&s).await > 0);
        let (_, dir) = test_mailer();
        let mails = delivered(&dir, since);
        let (_, mail) = mails
            .iter()
            .find(|(_, m)| m.contains("alert(1)"))
            .expect("a delivered mail");
        let html = mail
            .split("Content-Type: text/html")
            .nth(1)
            .expect("an HTML part");
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<b>x</b>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(
            header(mail, "List-Unsubscribe").is_none(),
            "no unsubscribe on service mail"
        );
    }
}

/// The SMTP client against the real server the script started: content whose lines begin
/// with dots arrives as written, many messages at once share the pooled connections, and a
/// mailbox the server refuses for good (the sink refuses `bounce-…`) is a bounce, after
/// which the next message still goes out.
#[tokio::test]
async fn smtp_hands_over_dotted_content_in_parallel_and_reports_a_refusal() {
    let (mailer, dir) = test_mailer();
    let smtp = std::env::var("TESSERA_TEST_SMTP_URL").is_ok();
    let tag = tessera_core::ids::new_id();
    let body = ".first\r\n..second\r\n.\r\nlast . line\r\n";
    let sends: Vec<_> = (0..30)
        .map(|i| {
            let mailer = mailer.clone();
            tokio::spawn(async move {
                mailer
                    .send_list(
                        tessera_core::mail::Mail {
                            to: format!("p{i}-{tag}@tessera.test"),
                            subject: format!("dots {i}"),
                            body: body.to_string(),
                            brand: None,
                        },
                        None,
                    )
                    .await
            })
        })
        .collect();
    for send in sends {
        assert_eq!(send.await.unwrap(), Ok(()));
    }
    for i in [0, 17, 29] {
        let mail = mail_to(&dir, &format!("p{i}-{tag}@tessera.test")).await;
        let text = mail.split("\r\n\r\n").nth(1).unwrap_or("");
        assert!(
            text.starts_with(".first\r\n..second\r\n.\r\nlast . line"),
            "{mail}"
        );
    }
    if !smtp {
        return;
    }
    let plain = |to: String, body: &str| tessera_core::mail::Mail {
        to,
        subject: body.to_string(),
        body: body.to_string(),
        brand: None,
    };
    let refused = mailer
        .send_list(plain(format!("bounce-{tag}@tessera.test"), "refused"), None)
        .await;
    assert!(
        matches!(&refused, Err(tessera_core::mail::SendFailure::Refused(e)) if e.contains("550")),
        "{refused:?}"
    );
    let after = mailer
        .send_list(
            plain(format!("after-{tag}@tessera.test"), "still sent"),
            None,
        )
        .await;
    assert_eq!(after, Ok(()));
    assert!(mail_to(&dir, &format!("after-{tag}@tessera.test"))
        .await
        .contains("still sent"));
}
