//! Trust: bounded parsers and requests, throttles that count before they decide, and the
//! registration form's key shared by every server. Each test runs on SQLite and PostgreSQL.

use super::*;

async fn follow(c: &mut Client, r: &Resp) -> Resp {
    let to = r.header("location").unwrap_or("").to_string();
    let origin = c.origin();
    c.get(to.trim_start_matches(&origin)).await
}

/// The highest resident memory of this process so far (Linux), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Sends a request with a chunked body (no length known in advance), as a streaming
/// client would.
async fn send_chunked(c: &Client, path: &str, content_type: &str, body: &[u8]) -> Resp {
    let mut stream = TcpStream::connect(c.addr).await.expect("connect");
    let jar: Vec<String> = c.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let origin = c.origin();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nCookie: {}\r\n\
         Origin: {origin}\r\nSec-Fetch-Site: same-origin\r\nContent-Type: {content_type}\r\n\
         Transfer-Encoding: chunked\r\n\r\n",
        c.addr,
        jar.join("; ")
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    for chunk in body.chunks(64 * 1024) {
        let mut frame = format!("{:x}\r\n", chunk.len()).into_bytes();
        frame.extend_from_slice(chunk);
        frame.extend_from_slice(b"\r\n");
        // The server may answer before reading everything and close the socket.
        if stream.write_all(&frame).await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut raw = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        stream.read_to_end(&mut raw),
    )
    .await;
    assert!(read.is_ok(), "no answer to the chunked POST {path}");
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Resp {
        status,
        headers,
        body: body.to_string(),
    }
}

fn multipart(field: &str, filename: &str, data: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----tessera-limits-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn a_500_deep_svg_logo_is_refused_with_the_limit_and_the_server_lives() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}<rect width="1" height="1"/>{}</svg>"#,
            "<g>".repeat(500),
            "</g>".repeat(500)
        );
        let r = admin
            .upload(
                &format!("/c/{CLUB_A}/settings/look/logo"),
                "logo",
                "deep.svg",
                svg.as_bytes(),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let back = follow(&mut admin, &r).await;
        assert_eq!(back.status, 400);
        // In the club's language, as the page around it.
        assert!(
            back.body.contains("meer dan 32 niveaus diep"),
            "{}",
            back.body
        );
        // The process is alive and answers.
        assert_eq!(admin.get("/healthz").await.status, 200);
        assert_eq!(admin.get(&format!("/c/{CLUB_A}")).await.status, 200);
    }
}

#[tokio::test]
async fn a_header_of_200000_columns_is_refused_quickly_in_bounded_memory() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let header: Vec<String> = (0..200_000).map(|i| format!("kolom{i}")).collect();
        let csv = format!("{}\nAnne,Peeters\n", header.join(","));
        let before = peak_rss_kib();
        let started = tessera_core::clock::monotonic();
        let r = admin
            .upload(
                &format!("/c/{CLUB_A}/members/import"),
                "file",
                "wide.csv",
                csv.as_bytes(),
            )
            .await;
        let took = started.elapsed();
        assert_eq!(r.status, 303, "{}", r.body);
        let back = follow(&mut admin, &r).await;
        assert_eq!(back.status, 400);
        // In the club's language, as the page around it.
        assert!(back.body.contains("meer dan 250 kolommen"), "{}", back.body);
        assert!(took < std::time::Duration::from_secs(5), "{took:?}");
        if let (Some(a), Some(b)) = (before, peak_rss_kib()) {
            // The file is 1.5 MiB; the request and its copies stay far below 64 MiB.
            assert!(b.saturating_sub(a) < 64 * 1024, "peak grew {} KiB", b - a);
        }
        eprintln!("200,000 columns refused in {took:?}");
    }
}

#[tokio::test]
async fn bodies_over_their_limit_are_refused_naming_it_streamed_or_not() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        // A form post over the server's body limit: 413, the limit named.
        let big = "x".repeat(MAX_BODY + 1);
        let r = admin
            .post_form("/lang", &format!("lang=nl&pad={big}"))
            .await;
        assert_eq!(r.status, 413);
        assert!(r.body.contains("larger than 1024 KiB"), "{}", r.body);
        // A server function too.
        let r = admin
            .call("club_events", &format!("club={CLUB_A}&pad={big}"))
            .await;
        assert_eq!(r.status, 413, "{}", r.body);
        // A logo streamed without a length: the upload's own limit stops it.
        let (ct, body) = multipart("logo", "big.png", &{
            let mut v = tiny_png();
            v.resize(600 * 1024, 0);
            v
        });
        let r = send_chunked(
            &admin,
            &format!("/c/{CLUB_A}/settings/look/logo"),
            &ct,
            &body,
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let back = follow(&mut admin, &r).await;
        assert_eq!(back.status, 400);
        assert!(back.body.contains("groter dan 512 KiB"), "{}", back.body);
        // A member file streamed past the import's limit: refused, naming it.
        let (ct, body) = multipart(
            "file",
            "huge.csv",
            &"Voornaam,Naam\n"
                .bytes()
                .chain(std::iter::repeat_n(
                    b'a',
                    tessera_core::import::MAX_FILE_BYTES,
                ))
                .collect::<Vec<u8>>(),
        );
        let r = send_chunked(&admin, &format!("/c/{CLUB_A}/members/import"), &ct, &body).await;
        assert_eq!(r.status, 303, "{}", r.body);
        let back = follow(&mut admin, &r).await;
        assert_eq!(back.status, 400);
        assert!(back.body.contains("groter dan 20 MiB"), "{}", back.body);
        assert_eq!(admin.get("/healthz").await.status, 200);
    }
}

#[tokio::test]
async fn long_addresses_and_large_headers_are_refused_naming_the_limit() {
    for s in servers().await {
        let mut anon = Client::new(&s);
        // Query strings up to the limit are read; beyond it, 414.
        let ok = anon.get(&format!("/?q={}", "a".repeat(8000))).await;
        assert!(ok.status < 400, "{}", ok.status);
        let r = anon.get(&format!("/?q={}", "a".repeat(9000))).await;
        assert_eq!(r.status, 414);
        assert!(r.body.contains("longer than 8192 characters"), "{}", r.body);
        let r = anon
            .send(
                "GET",
                &format!("/login?next={}", "b".repeat(9000)),
                &[("Accept-Language", "fr")],
                b"",
            )
            .await;
        assert_eq!(r.status, 414);
        assert!(r.body.contains("dépasse 8192 caractères"), "{}", r.body);
        // Too many headers, or too large ones: 431.
        let many: Vec<(String, String)> = (0..70)
            .map(|i| (format!("X-Pad-{i}"), "1".to_string()))
            .collect();
        let many_refs: Vec<(&str, &str)> =
            many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = anon.send("GET", "/", &many_refs, b"").await;
        assert_eq!(r.status, 431);
        assert!(r.body.contains("more than 64 headers"), "{}", r.body);
        let cookie = format!("pad={}", "c".repeat(20 * 1024));
        let r = anon.send("GET", "/", &[("Cookie", &cookie)], b"").await;
        assert_eq!(r.status, 431);
        assert!(r.body.contains("16 KiB"), "{}", r.body);
        // Beyond hyper's own limits the connection is refused with a bare 431.
        let lots: Vec<(String, String)> = (0..200)
            .map(|i| (format!("X-Pad-{i}"), "1".to_string()))
            .collect();
        let lots_refs: Vec<(&str, &str)> =
            lots.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = anon.send("GET", "/", &lots_refs, b"").await;
        assert_eq!(r.status, 431);
        assert_eq!(anon.get("/healthz").await.status, 200);
    }
}

/// Sends `n` requests at once and counts the answers by status.
async fn at_once(
    client: &Client,
    n: usize,
    path: &'static str,
    form: String,
    ip: &'static str,
) -> BTreeMap<u16, usize> {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let mut c = client.clone();
            let form = form.clone();
            tokio::spawn(async move {
                let origin = c.origin();
                c.send(
                    "POST",
                    path,
                    &[
                        ("Content-Type", "application/x-www-form-urlencoded"),
                        ("Origin", &origin),
                        ("Sec-Fetch-Site", "same-origin"),
                        ("X-Forwarded-For", ip),
                    ],
                    form.as_bytes(),
                )
                .await
            })
        })
        .collect();
    let mut counts = BTreeMap::new();
    for t in tasks {
        let r = t.await.expect("request task");
        *counts.entry(r.status).or_insert(0) += 1;
    }
    counts
}

#[tokio::test]
async fn fifty_simultaneous_wrong_passwords_let_exactly_the_limit_through() {
    for s in servers().await {
        let anon = Client::new(&s);
        let email = account("member.kempenvlug");
        let counts = at_once(
            &anon,
            50,
            "/login",
            format!("email={email}&password=wrong-password-guess&next=/"),
            "10.66.0.1",
        )
        .await;
        // 303 back to the form: the password was checked (and wrong); 429: refused first.
        let limit = tessera_core::throttle::ACCOUNT.max_attempts as usize;
        assert_eq!(
            counts,
            BTreeMap::from([(303, limit), (429, 50 - limit)]),
            "{:?}",
            s.db.backend()
        );
        // The right password is refused too until the window ends.
        let mut c = Client::new(&s);
        let r = c
            .post_form("/login", &format!("email={email}&password={PW}&next=/"))
            .await;
        assert_eq!(r.status, 429);
        s.shared
            .clock
            .advance_secs(tessera_core::throttle::ACCOUNT.window_secs + 1);
        c.sign_in(&email).await;
    }
}

#[tokio::test]
async fn fifty_simultaneous_wrong_codes_let_exactly_the_limit_through() {
    for s in servers().await {
        let email = account("admin.kempenvlug");
        // Enrol the authenticator, then sign in again with the password only.
        let mut first = Client::new(&s);
        first.sign_in(&email).await;
        let mut c = Client::new(&s);
        let r = c
            .post_form("/login", &format!("email={email}&password={PW}&next=/"))
            .await;
        assert!(
            r.header("location")
                .unwrap_or("")
                .starts_with("/login/verify"),
            "{:?}",
            r.header("location")
        );
        let key = s.shared.keys.lock().unwrap().get(&email).cloned().unwrap();
        let now = s.shared.clock.now();
        let wrong = (0..1_000_000)
            .map(|n| format!("{n:06}"))
            .find(|code| {
                [-1i64, 0, 1].iter().all(|step| {
                    tessera_core::totp::code_at(&key, now.plus_seconds(30 * step)).as_deref()
                        != Ok(code.as_str())
                })
            })
            .unwrap();
        let counts = at_once(
            &c,
            50,
            "/login/verify",
            format!("code={wrong}&next=/"),
            "10.66.0.2",
        )
        .await;
        let limit = tessera_core::throttle::TOTP.max_attempts as usize;
        assert_eq!(
            counts,
            BTreeMap::from([(303, limit), (429, 50 - limit)]),
            "{:?}",
            s.db.backend()
        );
        // The right code is refused too while the account is locked.
        s.shared.clock.advance_secs(30);
        let right = tessera_core::totp::code_at(&key, s.shared.clock.now()).unwrap();
        let r = c
            .post_form("/login/verify", &format!("code={right}&next=/"))
            .await;
        assert_eq!(r.status, 429);
    }
}

/// A second application server on the database of `s`, as behind one address.
async fn second_server(s: &Server) -> Client {
    let db = tessera_core::db::Db::connect(&s.db.url, 4)
        .await
        .expect("connect the second server");
    let (addr, _) = serve_router(db, s.db.url.clone(), s.shared.clock.clone()).await;
    Client {
        addr,
        cookies: BTreeMap::new(),
        shared: s.shared.clone(),
    }
}

#[tokio::test]
async fn a_form_handed_out_by_one_server_is_accepted_by_another() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let scope = switch_module(&s, "forms", true).await;
        let r = admin
            .call(
                "save_form",
                &format!("club={CLUB_A}&title=Word+lid&slug=lid&audience=self&published=on"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        // Handed out by the first server…
        let mut anon = Client::new(&s);
        let page = anon.get(&format!("/c/{CLUB_A}/join/lid")).await;
        assert_eq!(page.status, 200);
        let tok = page
            .body
            .split("name=\"started\" value=\"")
            .nth(1)
            .and_then(|x| x.split('"').next())
            .expect("a started token")
            .to_string();
        s.shared.clock.advance_secs(5);
        // …sent to the second, which has never handed out a form itself.
        let mut other = second_server(&s).await;
        let origin = other.origin();
        let r = other
            .send(
                "POST",
                "/api/submit_registration",
                &[
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Accept", "text/html,application/xhtml+xml"),
                    ("Origin", &origin),
                    ("X-Forwarded-For", "10.66.0.3"),
                ],
                format!(
                    "club={CLUB_A}&form=lid&started={tok}&email=nieuw%40example.be\
                     &f%5Bp0.given_name%5D=Nora&f%5Bp0.family_name%5D=Nieuw"
                )
                .as_bytes(),
            )
            .await;
        assert_eq!(r.status, 302, "{}", r.body);
        let to = r.header("location").unwrap_or("").to_string();
        assert!(to.contains("sent=1"), "{to}");
        let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
        let (n,): (i64,) = tx
            .fetch_one(
                "SELECT count(*) FROM reg_submissions WHERE tenant_id = $1 AND email = 'nieuw@example.be'",
                tessera_core::args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(n, 1, "{:?}", s.db.backend());
        // The key is the one in the database, not one of the process: replaced there, a
        // form handed out before is refused by both servers.
        let page = anon.get(&format!("/c/{CLUB_A}/join/lid")).await;
        let tok = page
            .body
            .split("name=\"started\" value=\"")
            .nth(1)
            .and_then(|x| x.split('"').next())
            .expect("a started token")
            .to_string();
        s.shared.clock.advance_secs(5);
        let other_key = match s.db.backend() {
            tessera_core::db::Backend::Sqlite => {
                "X'0101010101010101010101010101010101010101010101010101010101010101'"
            }
            tessera_core::db::Backend::Postgres => {
                "'\\x0101010101010101010101010101010101010101010101010101010101010101'::bytea"
            }
        };
        // Straight to the database, as another server's key would be: the application has
        // no way to change it (and no public raw SQL).
        let sql = format!(
            "UPDATE platform_secrets SET value = {other_key} WHERE name = 'registration_form_key'"
        );
        match &s.db.url {
            tessera_core::db::DbUrl::Sqlite(path) => {
                let url = format!("sqlite://{}", path.display());
                let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
                    .await
                    .unwrap();
                sqlx::query(&sql).execute(&mut c).await.unwrap();
            }
            tessera_core::db::DbUrl::Postgres(url) => {
                let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(url)
                    .await
                    .unwrap();
                sqlx::query(&sql).execute(&mut c).await.unwrap();
            }
        }
        let r = other
            .send(
                "POST",
                "/api/submit_registration",
                &[
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Accept", "text/html,application/xhtml+xml"),
                    ("Origin", &origin),
                    ("X-Forwarded-For", "10.66.0.4"),
                    ("Referer", &format!("{origin}/c/{CLUB_A}/join/lid")),
                ],
                format!(
                    "club={CLUB_A}&form=lid&started={tok}&email=later%40example.be\
                     &f%5Bp0.given_name%5D=Lea&f%5Bp0.family_name%5D=Later"
                )
                .as_bytes(),
            )
            .await;
        let back = follow(&mut other, &r).await;
        assert_eq!(back.status, 400, "{:?}", r.header("location"));
        assert!(back.body.contains("niet vanaf deze site"), "{}", back.body);
    }
}
