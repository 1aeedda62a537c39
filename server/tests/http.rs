//! The one integration-test binary: boots the real router on a random port against SQLite
//! and PostgreSQL and talks HTTP to it, as a browser or a script would.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tessera_common::time::Timestamp;
use tessera_core::clock::{Clock, ManualClock};
use tessera_core::seed::{self, SeedOptions};
use tessera_core::testing::{self, TestDb};
use tessera_core::Services;
use tessera_server::config::Config;
use tessera_server::router::leptos_options;
use tessera_server::{build_router, AppState};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const PW: &str = "integration-test-password";
const MAX_BODY: usize = 64 * 1024;
const CLUB_A: &str = "vc-kempenvlug-herentals";
const CLUB_B: &str = "rfc-confluent-namur";

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// A minimal HTTP/1.1 client with a cookie jar: enough to act like a browser without
/// adding an HTTP client (and its feature set) to the build.
#[derive(Clone)]
struct Client {
    addr: SocketAddr,
    cookies: BTreeMap<String, String>,
    shared: Arc<Shared>,
}

/// What the clients of one server share: its clock, and the authenticator keys of the
/// accounts enrolled so far (as a person's phone would hold them).
struct Shared {
    clock: ManualClock,
    keys: Mutex<HashMap<String, String>>,
}

fn json_field(body: &str, field: &str) -> Option<String> {
    let start = body.find(&format!("\"{field}\":\""))? + field.len() + 4;
    let rest = &body[start..];
    Some(rest[..rest.find('"')?].to_string())
}

fn decode_chunked(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(pos) = body.windows(2).position(|w| w == b"\r\n") {
        let size_line = std::str::from_utf8(&body[..pos]).unwrap_or("0");
        let size = usize::from_str_radix(size_line.split(';').next().unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        body = &body[pos + 2..];
        if size == 0 || body.len() < size {
            break;
        }
        out.extend_from_slice(&body[..size]);
        body = &body[(size + 2).min(body.len())..];
    }
    out
}

impl Client {
    fn new(server: &Server) -> Client {
        Client {
            addr: server.addr,
            cookies: BTreeMap::new(),
            shared: server.shared.clone(),
        }
    }

    fn now(&self) -> Timestamp {
        self.shared.clock.now()
    }

    async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Resp {
        let mut stream = TcpStream::connect(self.addr).await.expect("connect");
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.addr
        );
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req.push_str(&format!("Cookie: {}\r\n", jar.join("; ")));
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        if method != "GET" {
            req.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        req.push_str("\r\n");
        stream.write_all(req.as_bytes()).await.expect("write");
        // The server may answer (413) before reading the whole body and close the socket.
        let _ = stream.write_all(body).await;
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw).await;
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a response head");
        let head = String::from_utf8_lossy(&raw[..split]).to_string();
        let mut lines = head.split("\r\n");
        let status: u16 = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("status line");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
        {
            body = decode_chunked(&body);
        }
        for (k, v) in &headers {
            if k.eq_ignore_ascii_case("set-cookie") {
                if let Some((name, rest)) = v.split_once('=') {
                    let value = rest.split(';').next().unwrap_or("").to_string();
                    let expired = v.to_ascii_lowercase().contains("max-age=0") || value.is_empty();
                    if expired {
                        self.cookies.remove(name);
                    } else {
                        self.cookies.insert(name.to_string(), value);
                    }
                }
            }
        }
        Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&body).to_string(),
        }
    }

    async fn get(&mut self, path: &str) -> Resp {
        self.send("GET", path, &[("Accept", "text/html")], b"")
            .await
    }

    fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A same-origin form post, as the browser sends it from our own page.
    async fn post_form(&mut self, path: &str, form: &str) -> Resp {
        let origin = self.origin();
        self.send(
            "POST",
            path,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Origin", &origin),
                ("Sec-Fetch-Site", "same-origin"),
            ],
            form.as_bytes(),
        )
        .await
    }

    /// A server function call as the hydrated app makes it.
    async fn call(&mut self, endpoint: &str, args: &str) -> Resp {
        let origin = self.origin();
        self.send(
            "POST",
            &format!("/api/{endpoint}"),
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "application/json"),
                ("Origin", &origin),
            ],
            args.as_bytes(),
        )
        .await
    }

    /// Signs in like a person: password, then the authenticator app (enrolling it the
    /// first time, as staff must; later on a fresh 30-second step, since each code works
    /// once).
    async fn sign_in(&mut self, email: &str) {
        let r = self
            .post_form("/login", &format!("email={email}&password={PW}&next=/"))
            .await;
        assert_eq!(r.status, 303, "sign-in of {email}: {}", r.body);
        let location = r.header("location").unwrap_or("").to_string();
        if location.starts_with("/account/two-factor") {
            self.enrol(email).await;
        } else if location.starts_with("/login/verify") {
            self.shared.clock.advance_secs(30);
            let key = self
                .shared
                .keys
                .lock()
                .unwrap()
                .get(email)
                .cloned()
                .expect("an enrolled key");
            let code = tessera_core::totp::code_at(&key, self.now()).unwrap();
            let r = self
                .post_form("/login/verify", &format!("code={code}&next=/"))
                .await;
            assert_eq!(
                (r.status, r.header("location")),
                (303, Some("/")),
                "second factor of {email}"
            );
        } else {
            assert_eq!(location, "/");
        }
    }

    async fn enrol(&mut self, email: &str) -> Vec<String> {
        let setup = self.call("totp_setup", "").await;
        assert_eq!(setup.status, 200, "{}", setup.body);
        let key = json_field(&setup.body, "pending_key").expect("a key");
        let code = tessera_core::totp::code_at(&key, self.now()).unwrap();
        let r = self
            .post_form("/account/two-factor", &format!("code={code}&next=/"))
            .await;
        assert_eq!(r.status, 303);
        let to = r.header("location").unwrap_or("");
        assert!(to.starts_with("/account/recovery-codes"), "{to}");
        self.shared
            .keys
            .lock()
            .unwrap()
            .insert(email.to_string(), key);
        let codes = self.call("take_recovery_codes", "").await;
        assert_eq!(codes.status, 200);
        let list: Vec<String> = codes
            .body
            .trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .map(|c| c.trim_matches('"').to_string())
            .collect();
        assert_eq!(list.len(), 10, "{}", codes.body);
        list
    }
}

struct Server {
    addr: SocketAddr,
    db: TestDb,
    shared: Arc<Shared>,
    mail_dir: std::path::PathBuf,
}

async fn boot(db: TestDb) -> Server {
    // Internal errors are logged with their reference; show them in failing tests.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter("error")
        .try_init();
    seed::seed_demo(
        &db.db,
        Timestamp(1_790_000_000_000),
        &SeedOptions {
            members_per_club: 30,
            extra_clubs: 0,
            password: Some(PW.into()),
        },
    )
    .await
    .expect("seed");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let config = Config {
        database_url: db.url.clone(),
        migration_url: None,
        addr,
        site_root: "../target/site".into(),
        https: false,
        max_body_bytes: MAX_BODY,
        db_connections: 4,
        // Tests speak for many addresses through X-Forwarded-For, as a proxy would.
        trusted_proxy: Some("127.0.0.1".parse().expect("ip")),
        sessions: tessera_core::SessionPolicy::default(),
        smtp_url: None,
        outbox: std::env::temp_dir(),
        mail_from: "Tessera <no-reply@tessera.test>".into(),
        public_url: format!("http://{addr}"),
    };
    let clock = ManualClock::at(Timestamp(1_790_000_000_000));
    let (mailer, mail_dir) = test_mailer();
    let state = AppState {
        leptos_options: leptos_options(&config),
        services: Services {
            db: db.db.clone(),
            clock: Arc::new(clock.clone()),
            sessions: config.sessions,
            mailer,
            public_url: format!("http://{addr}"),
        },
        config: Arc::new(config),
    };
    let app = build_router(state);
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    Server {
        addr,
        db,
        shared: Arc::new(Shared {
            clock,
            keys: Mutex::new(HashMap::new()),
        }),
        mail_dir,
    }
}

/// Mail goes to the real SMTP server the test script started; without one (a bare
/// `cargo test`), to an outbox folder, unless the script demands SMTP.
fn test_mailer() -> (tessera_core::mail::Mailer, std::path::PathBuf) {
    let from = "Tessera <no-reply@tessera.test>";
    match (
        std::env::var("TESSERA_TEST_SMTP_URL"),
        std::env::var("TESSERA_TEST_MAIL_DIR"),
    ) {
        (Ok(url), Ok(dir)) => (
            tessera_core::mail::Mailer::smtp(&url, from).expect("smtp"),
            dir.into(),
        ),
        _ => {
            assert!(
                std::env::var("TESSERA_TEST_REQUIRE_SMTP").is_err(),
                "TESSERA_TEST_REQUIRE_SMTP is set but the SMTP server's address is not"
            );
            let dir = std::env::temp_dir()
                .join(format!("tessera-outbox-{}", tessera_core::ids::new_id()));
            (
                tessera_core::mail::Mailer::outbox(dir.clone(), from).expect("outbox"),
                dir,
            )
        }
    }
}

/// Waits for the newest mail to `to` and returns its text.
async fn mail_to(dir: &std::path::Path, to: &str) -> String {
    for _ in 0..100 {
        let mut found: Vec<(std::time::SystemTime, String)> = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().and_then(|x| x.to_str()) != Some("eml") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let head = text.split("\r\n\r\n").next().unwrap_or("");
                if head.lines().any(|l| {
                    (l.starts_with("To:") || l.starts_with("X-Envelope-To:")) && l.contains(to)
                }) {
                    let modified = e
                        .metadata()
                        .and_then(|m| m.modified())
                        .unwrap_or(std::time::UNIX_EPOCH);
                    found.push((modified, text));
                }
            }
        }
        if let Some((_, text)) = found.into_iter().max_by_key(|(t, _)| *t) {
            return decode_quoted_printable(&text);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no mail to {to} arrived");
}

/// Undoes quoted-printable (soft line breaks and =XX escapes), as a mail client would.
fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

/// The path and query of the first link in a mail.
fn link_in(mail: &str) -> String {
    let start = mail.find("http://").expect("a link");
    let url: String = mail[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let path_start = url[7..].find('/').expect("a path") + 7;
    url[path_start..].to_string()
}

async fn servers() -> Vec<Server> {
    let mut v = Vec::new();
    for db in testing::all().await {
        v.push(boot(db).await);
    }
    v
}

fn account(local: &str) -> String {
    format!("{local}@{}", seed::DEMO_DOMAIN)
}

#[tokio::test]
async fn pages_answer_with_the_right_status_and_language() {
    for s in servers().await {
        let mut c = Client::new(&s);
        let home = c.get("/").await;
        assert_eq!(home.status, 200);
        assert!(
            home.body.contains("<html lang=\"en\""),
            "{}",
            &home.body[..200]
        );
        assert!(
            home.body.contains("VC Kempenvlug Herentals")
                && home.body.contains("Cercle de Natation Aquatica Ixelles")
        );
        let h = c.get("/healthz").await;
        assert_eq!((h.status, h.body.as_str()), (200, "ok"));

        // Languages: Accept-Language, then the club's default, then the visitor's choice.
        let fr = c
            .send("GET", "/", &[("Accept-Language", "fr-BE,fr;q=0.9")], b"")
            .await;
        assert!(fr.body.contains("<html lang=\"fr\"") && fr.body.contains("Se connecter"));
        let club_nl = c
            .send(
                "GET",
                &format!("/c/{CLUB_A}"),
                &[("Accept-Language", "fr")],
                b"",
            )
            .await;
        assert!(
            club_nl.body.contains("<html lang=\"nl\""),
            "the club's default language wins over the browser's"
        );
        let r = c
            .post_form("/lang", "lang=fr&return_to=/c/vc-kempenvlug-herentals")
            .await;
        assert_eq!(
            (r.status, r.header("location")),
            (303, Some("/c/vc-kempenvlug-herentals"))
        );
        let chosen = c.get(&format!("/c/{CLUB_A}")).await;
        assert!(
            chosen.body.contains("<html lang=\"fr\""),
            "the visitor's choice wins over the club's default"
        );
        let r = c
            .post_form("/lang", "lang=xx&return_to=https://evil.example")
            .await;
        assert_eq!(r.header("location"), Some("/"));

        // Bad addresses: readable pages with 4xx, never 500.
        let mut anon = Client::new(&s);
        for (path, status) in [
            ("/c/no-such-club", 404),
            ("/no/such/page", 404),
            ("/f/no-such-federation", 404),
            ("/c/%FF%FE", 400),
            ("/c/club%C3%28", 400),
            (&format!("/c/{CLUB_A}") as &str, 401),
            ("/admin", 401),
        ] {
            let r = anon.get(path).await;
            assert_eq!(r.status, status, "{path}");
            assert!(
                r.header("content-type")
                    .unwrap_or("")
                    .starts_with("text/html"),
                "{path}"
            );
            assert!(
                r.body.contains("data-status=\"") && r.body.contains(&status.to_string()),
                "{path}: {}",
                r.body
            );
        }
        // Every HTML response carries the security headers.
        let csp = home.header("content-security-policy").unwrap_or("");
        assert!(
            csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert_eq!(home.header("x-content-type-options"), Some("nosniff"));
        assert!(home.header("referrer-policy").is_some());
    }
}

#[tokio::test]
async fn sign_in_sessions_and_club_pages() {
    for s in servers().await {
        let mut c = Client::new(&s);
        // Cross-site and origin-less posts are refused whatever the body.
        let forged = c
            .send(
                "POST",
                "/login",
                &[
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Origin", "http://evil.example"),
                ],
                format!("email={}&password={PW}", account("operator")).as_bytes(),
            )
            .await;
        assert_eq!(forged.status, 403);
        let no_origin = c
            .send(
                "POST",
                "/login",
                &[("Content-Type", "application/x-www-form-urlencoded")],
                b"email=a&password=b",
            )
            .await;
        assert_eq!(no_origin.status, 403);
        let cross_json = c
            .send(
                "POST",
                "/api/landing",
                &[
                    ("Content-Type", "application/json"),
                    ("Sec-Fetch-Site", "cross-site"),
                ],
                b"{}",
            )
            .await;
        assert_eq!(cross_json.status, 403);
        let cross_multipart = c
            .send(
                "POST",
                "/api/landing",
                &[
                    ("Content-Type", "multipart/form-data; boundary=x"),
                    ("Origin", "null"),
                ],
                b"--x--\r\n",
            )
            .await;
        assert_eq!(cross_multipart.status, 403);
        assert!(c.cookies.is_empty(), "nothing was signed in");

        // Wrong password and unknown account: the same answer.
        let wrong = c
            .post_form(
                "/login",
                &format!("email={}&password=nope&next=/", account("admin.kempenvlug")),
            )
            .await;
        let unknown = c
            .post_form(
                "/login",
                "email=nobody%40demo.tessera.test&password=nope&next=/",
            )
            .await;
        assert_eq!(wrong.status, 303);
        assert_eq!(unknown.status, 303);
        assert!(wrong
            .header("location")
            .unwrap_or("")
            .starts_with("/login?error=1"));
        assert!(unknown
            .header("location")
            .unwrap_or("")
            .starts_with("/login?error=1"));
        let bad_form = c
            .send(
                "POST",
                "/login",
                &[("Content-Type", "text/plain"), ("Origin", &c.origin())],
                b"\xff\xfe",
            )
            .await;
        assert!((400..500).contains(&bad_form.status), "{}", bad_form.status);

        // Session fixation: a session id known before sign-in is worthless after it.
        let mut m = Client::new(&s);
        m.sign_in(&account("member.kempenvlug")).await;
        let before = m
            .cookies
            .get("tessera_session")
            .cloned()
            .expect("a session cookie");
        let login = m
            .post_form(
                "/login",
                &format!(
                    "email={}&password={PW}&next=/c/{CLUB_A}",
                    account("member.kempenvlug")
                ),
            )
            .await;
        assert_eq!(
            login.header("location"),
            Some(&format!("/c/{CLUB_A}") as &str)
        );
        let set = login.all("set-cookie").join(" | ");
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"),
            "{set}"
        );
        assert!(!set.contains("Secure"), "plain http: no Secure flag");
        assert_ne!(
            m.cookies.get("tessera_session"),
            Some(&before),
            "a new session id at every sign-in"
        );
        let mut planted = m.clone();
        planted.cookies.insert("tessera_session".into(), before);
        assert_eq!(
            planted.get(&format!("/c/{CLUB_A}")).await.status,
            401,
            "the old id is dead"
        );

        c.sign_in(&account("admin.kempenvlug")).await;
        let landing = c.get("/").await;
        assert!(
            landing.body.contains("data-testid=\"my-tenants\"")
                && landing.body.contains("VC Kempenvlug Herentals")
        );
        let club = c.get(&format!("/c/{CLUB_A}")).await;
        assert_eq!(club.status, 200);
        assert!(
            club.body.contains("--club-primary:#1d3557")
                && club.body.contains("data-testid=\"stamp\"")
        );
        let list = c.get(&format!("/c/{CLUB_A}/members?q=&page=1")).await;
        assert_eq!(list.status, 200);
        assert!(list.body.contains("data-testid=\"member-table\""));
        let href = list
            .body
            .split(&format!("href=\"/c/{CLUB_A}/members/"))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a member link")
            .to_string();
        let member = c.get(&format!("/c/{CLUB_A}/members/{href}")).await;
        assert_eq!(member.status, 200);
        assert!(
            member.body.contains("data-testid=\"member-name\"")
                && member.body.contains("data-testid=\"stamp\"")
        );
        for bad in ["abc", "99999999999999999999999", "-1", "1", "%20"] {
            let r = c.get(&format!("/c/{CLUB_A}/members/{bad}")).await;
            assert_eq!(r.status, 404, "member id {bad}");
        }
        // Another club's member id under this club's address: not found.
        let mut other = Client::new(&s);
        other.sign_in(&account("admin.confluent")).await;
        let b_list = other.get(&format!("/c/{CLUB_B}/members")).await;
        let b_id = b_list
            .body
            .split(&format!("href=\"/c/{CLUB_B}/members/"))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("b member")
            .to_string();
        assert_eq!(
            c.get(&format!("/c/{CLUB_A}/members/{b_id}")).await.status,
            404
        );
        assert_eq!(
            c.get(&format!("/c/{CLUB_B}/members/{b_id}")).await.status,
            404
        );

        // Oversize bodies: 413 with a readable page.
        let big = vec![b'a'; MAX_BODY + 1024];
        let r = c
            .send(
                "POST",
                "/login",
                &[
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Origin", &c.origin()),
                ],
                &big,
            )
            .await;
        assert_eq!(r.status, 413);
        assert!(r.body.contains("<html"));
        let r = c
            .call("list_members", &format!("club={CLUB_A}&q=&page=abc"))
            .await;
        assert_eq!(
            r.status, 400,
            "unreadable arguments are the caller's fault: {}",
            r.body
        );

        // Sign out ends the session; the old cookie is dead.
        let old = c.clone();
        let out = c.post_form("/logout", "").await;
        assert_eq!(out.status, 303);
        assert_eq!(c.get(&format!("/c/{CLUB_A}")).await.status, 401);
        let mut replay = old;
        assert_eq!(
            replay.get(&format!("/c/{CLUB_A}")).await.status,
            401,
            "a signed-out session cannot be replayed"
        );
    }
}

/// Every server function × a wrong-tenant actor: 404 and no data. Each new server
/// function must be added here; the test fails for any registered one that is missing.
const CROSS_TENANT: &[(&str, &str)] = &[
    ("club_frame", "club={club}"),
    ("club_home", "club={club}"),
    ("member_list", "club={club}&q=&page=1"),
    ("member_detail", "club={club}&id={member}"),
    ("club_events", "club={club}"),
    ("federation_home", "federation={federation}"),
    ("admin_overview", ""),
];

/// Server functions that hold no tenant data: they answer about the caller only.
const PERSONAL: &[&str] = &[
    "landing",
    "viewer",
    "totp_setup",
    "take_recovery_codes",
    "account",
];

#[tokio::test]
async fn cross_tenant_harness() {
    let registered: Vec<(String, String)> = server_fn::axum::server_fn_paths()
        .map(|(p, m)| (p.trim_start_matches("/api/").to_string(), m.to_string()))
        .collect();
    for (path, method) in &registered {
        assert_eq!(
            method, "POST",
            "{path} must be POST: it may be state-changing one day and GET is unprotected"
        );
        assert!(
            CROSS_TENANT.iter().any(|(e, _)| e == path) || PERSONAL.contains(&path.as_str()),
            "server function {path} is missing from the cross-tenant harness"
        );
    }
    for s in servers().await {
        // The target: club A's data, reached by people who are not in club A.
        let mut owner = Client::new(&s);
        owner.sign_in(&account("admin.kempenvlug")).await;
        let list = owner.get(&format!("/c/{CLUB_A}/members")).await;
        let member = list
            .body
            .split(&format!("href=\"/c/{CLUB_A}/members/"))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a member")
            .to_string();
        let a_name = list
            .body
            .split("<td><a href=")
            .nth(1)
            .and_then(|s| s.split('>').nth(1))
            .and_then(|s| s.split(',').next())
            .unwrap_or("")
            .to_string();
        assert!(!a_name.is_empty());

        let not_found = r#""NotFound""#;
        let mut wrong: Vec<(String, Client)> = Vec::new();
        for who in [
            "admin.confluent",
            "member.aquatica",
            "federation",
            "member.kempenvlug",
        ] {
            let mut c = Client::new(&s);
            c.sign_in(&account(who)).await;
            wrong.push((who.to_string(), c));
        }
        for (endpoint, template) in CROSS_TENANT {
            let args = template
                .replace("{club}", CLUB_A)
                .replace("{federation}", "bsf")
                .replace("{member}", &member);
            // The rightful caller gets data (so the harness would notice a broken call).
            let mut rightful = match *endpoint {
                "federation_home" => {
                    let mut c = Client::new(&s);
                    c.sign_in(&account("federation")).await;
                    c
                }
                "admin_overview" => {
                    let mut c = Client::new(&s);
                    c.sign_in(&account("operator")).await;
                    c
                }
                _ => owner.clone(),
            };
            let ok = rightful.call(endpoint, &args).await;
            assert_eq!(
                ok.status, 200,
                "{endpoint} for its rightful caller: {}",
                ok.body
            );
            for (who, c) in wrong.iter_mut() {
                // A plain member of club A is in the tenant: their refusals are rights
                // (403), tested with permissions; here only outsiders count.
                if who == "member.kempenvlug"
                    && !matches!(*endpoint, "federation_home" | "admin_overview")
                {
                    continue;
                }
                if who == "federation" && *endpoint == "federation_home" {
                    continue;
                }
                let r = c.call(endpoint, &args).await;
                assert_eq!(r.status, 404, "{endpoint} as {who}: {}", r.body);
                assert_eq!(
                    r.body.trim(),
                    not_found,
                    "{endpoint} as {who} must return nothing but NotFound"
                );
                assert!(!r.body.contains(&a_name));
            }
        }
        // Anonymous callers learn nothing either: sign-in required, no data.
        let mut anon = Client::new(&s);
        for (endpoint, template) in CROSS_TENANT {
            let args = template
                .replace("{club}", CLUB_A)
                .replace("{federation}", "bsf")
                .replace("{member}", &member);
            let r = anon.call(endpoint, &args).await;
            assert!(
                matches!(r.status, 401 | 404),
                "{endpoint} anonymous: {}",
                r.status
            );
            assert!(!r.body.contains(&a_name));
        }
        // Personal functions answer about the caller only.
        let (_, c) = wrong
            .iter_mut()
            .find(|(w, _)| w == "admin.confluent")
            .expect("actor");
        let landing = c.call("landing", "").await;
        assert_eq!(landing.status, 200);
        assert!(
            landing.body.contains(CLUB_B)
                && !landing
                    .body
                    .contains(&format!("\"role\":\"Admin\",\"slug\":\"{CLUB_A}"))
        );
        assert!(!landing.body.contains(&a_name));
    }
}

#[tokio::test]
async fn healthz_reports_a_lost_database() {
    let s = boot(testing::sqlite().await).await;
    let mut c = Client::new(&s);
    assert_eq!(c.get("/healthz").await.status, 200);
    s.db.db.close().await;
    let r = c.get("/healthz").await;
    assert_eq!(r.status, 503);
}

mod security {
    use super::*;

    fn median(mut v: Vec<u128>) -> u128 {
        v.sort_unstable();
        v[v.len() / 2]
    }

    #[tokio::test]
    async fn unknown_and_known_accounts_get_the_same_answer_in_the_same_time() {
        let s = boot(testing::sqlite().await).await;
        let mut c = Client::new(&s);
        let (mut known, mut unknown) = (Vec::new(), Vec::new());
        let mut answers = Vec::new();
        // The dummy hash is made once at start-up in `serve`; do the same here.
        tokio::task::spawn_blocking(tessera_core::password::warm_up)
            .await
            .unwrap();
        // 27 rounds: three known accounts take turns (each stays under its own limit), and
        // every round comes from another address (the per-address limit stays out of the way).
        let accounts = ["member.kempenvlug", "member.confluent", "member.aquatica"];
        for i in 0..27 {
            for (email, times) in [
                (accounts[i % 3].to_string(), &mut known),
                (format!("nobody.{}", i % 3), &mut unknown),
            ] {
                let origin = c.origin();
                let ip = format!("198.51.100.{i}");
                let started = std::time::Instant::now();
                let r = c
                    .send(
                        "POST",
                        "/login",
                        &[
                            ("Content-Type", "application/x-www-form-urlencoded"),
                            ("Origin", &origin),
                            ("X-Forwarded-For", &ip),
                        ],
                        format!("email={email}%40demo.tessera.test&password=wrong-password&next=/")
                            .as_bytes(),
                    )
                    .await;
                times.push(started.elapsed().as_micros());
                let location = r.header("location").unwrap_or("").replace(&email, "EMAIL");
                answers.push((r.status, location, r.body.clone()));
            }
        }
        assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
        let (k, u) = (median(known) as f64, median(unknown) as f64);
        let diff = (k - u).abs() / k.max(u);
        assert!(
            diff <= 0.10,
            "known {k} µs, unknown {u} µs: {:.0}% apart",
            diff * 100.0
        );
    }

    #[tokio::test]
    async fn brute_force_is_limited_per_account_across_addresses_and_per_address() {
        for s in servers().await {
            let mut c = Client::new(&s);
            let origin = c.origin();
            let target = account("member.kempenvlug");
            let post = |ip: String, email: String, password: &'static str| {
                let mut c = c.clone();
                let origin = origin.clone();
                async move {
                    c.send(
                        "POST",
                        "/login",
                        &[
                            ("Content-Type", "application/x-www-form-urlencoded"),
                            ("Origin", &origin),
                            ("X-Forwarded-For", &ip),
                        ],
                        format!("email={email}&password={password}&next=/").as_bytes(),
                    )
                    .await
                }
            };
            for i in 0..10 {
                let r = post(format!("203.0.113.{i}"), target.clone(), "guess").await;
                assert_eq!(r.status, 303);
            }
            // The right password from yet another address: still locked, with Retry-After.
            let r = post("203.0.113.99".into(), target.clone(), PW).await;
            assert_eq!(r.status, 429);
            assert!(r
                .header("retry-after")
                .and_then(|v| v.parse::<u64>().ok())
                .is_some_and(|s| s > 0));
            // Other accounts are not locked by it.
            let r = post("203.0.113.99".into(), account("member.confluent"), PW).await;
            assert_eq!(r.status, 303);
            // After the window, the account opens again.
            s.shared.clock.advance_secs(15 * 60 + 1);
            let r = post("203.0.113.98".into(), target.clone(), PW).await;
            assert_eq!((r.status, r.header("location")), (303, Some("/")));
            // One address trying many accounts is limited too.
            for i in 0..50 {
                let r = post(
                    "192.0.2.77".into(),
                    format!("someone{i}%40example.be"),
                    "guess",
                )
                .await;
                assert_eq!(r.status, 303, "attempt {i}");
            }
            let r = post("192.0.2.77".into(), account("member.aquatica"), PW).await;
            assert_eq!(r.status, 429);
            c.cookies.clear();
        }
    }

    #[tokio::test]
    async fn a_half_signed_in_session_reaches_nothing_but_its_next_step() {
        for s in servers().await {
            let mut c = Client::new(&s);
            // Mass assignment: extra fields never raise a level or grant a role.
            let r = c
                .post_form(
                    "/login",
                    &format!("email={}&password={PW}&next=/&auth_level=second_factor&role=admin&identity_id=1", account("admin.kempenvlug")),
                )
                .await;
            assert!(r
                .header("location")
                .unwrap_or("")
                .starts_with("/account/two-factor"));
            for (endpoint, args) in [
                ("club_home", format!("club={CLUB_A}")),
                ("member_list", format!("club={CLUB_A}&q=&page=1")),
                ("account", String::new()),
            ] {
                let r = c.call(endpoint, &args).await;
                assert_eq!(
                    r.status, 401,
                    "{endpoint} while enrolment is pending: {}",
                    r.body
                );
            }
            assert_eq!(c.get(&format!("/c/{CLUB_A}")).await.status, 401);
            let viewer = c.call("viewer", "").await;
            assert_eq!(viewer.body.trim(), "null", "no one is signed in yet");
            let codes = c.enrol(&account("admin.kempenvlug")).await;
            assert_eq!(c.get(&format!("/c/{CLUB_A}")).await.status, 200);

            // A second device: password, then the code.
            let mut d = Client::new(&s);
            let r = d
                .post_form(
                    "/login",
                    &format!(
                        "email={}&password={PW}&next=/c/{CLUB_A}",
                        account("admin.kempenvlug")
                    ),
                )
                .await;
            assert!(r
                .header("location")
                .unwrap_or("")
                .starts_with("/login/verify"));
            assert_eq!(
                d.call("club_home", &format!("club={CLUB_A}")).await.status,
                401
            );
            let r = d.post_form("/login/verify", "code=000000&next=/").await;
            assert!(r
                .header("location")
                .unwrap_or("")
                .starts_with("/login/verify?error=1"));
            // The code the first device used at enrolment is spent.
            let key = s
                .shared
                .keys
                .lock()
                .unwrap()
                .get(&account("admin.kempenvlug"))
                .cloned()
                .unwrap();
            let spent = tessera_core::totp::code_at(&key, s.shared.clock.now()).unwrap();
            let r = d
                .post_form("/login/verify", &format!("code={spent}&next=/"))
                .await;
            assert!(
                r.header("location")
                    .unwrap_or("")
                    .starts_with("/login/verify?error=1"),
                "replay refused"
            );
            // A recovery code works, once.
            let r = d
                .post_form(
                    "/login/verify",
                    &format!("code={}&next=/c/{CLUB_A}", codes[0]),
                )
                .await;
            assert_eq!(r.header("location"), Some(&format!("/c/{CLUB_A}") as &str));
            assert_eq!(d.get(&format!("/c/{CLUB_A}")).await.status, 200);
            let mut e = Client::new(&s);
            e.post_form(
                "/login",
                &format!("email={}&password={PW}&next=/", account("admin.kempenvlug")),
            )
            .await;
            let r = e
                .post_form("/login/verify", &format!("code={}&next=/", codes[0]))
                .await;
            assert!(
                r.header("location")
                    .unwrap_or("")
                    .starts_with("/login/verify?error=1"),
                "a recovery code works once"
            );
        }
    }

    #[tokio::test]
    async fn idle_and_absolute_timeouts_follow_the_clock() {
        let s = boot(testing::sqlite().await).await;
        let club = format!("/c/{CLUB_A}");
        // Staff: 30 minutes idle.
        let mut staff = Client::new(&s);
        staff.sign_in(&account("admin.kempenvlug")).await;
        s.shared.clock.advance_secs(29 * 60);
        assert_eq!(staff.get(&club).await.status, 200);
        s.shared.clock.advance_secs(29 * 60);
        assert_eq!(
            staff.get(&club).await.status,
            200,
            "activity keeps it alive"
        );
        s.shared.clock.advance_secs(31 * 60);
        assert_eq!(staff.get(&club).await.status, 401, "idle for 31 minutes");
        // Members: 8 hours idle, 12 hours in all.
        let mut member = Client::new(&s);
        member.sign_in(&account("member.kempenvlug")).await;
        s.shared.clock.advance_secs(7 * 3600);
        assert_eq!(member.get(&club).await.status, 200);
        s.shared.clock.advance_secs(4 * 3600);
        assert_eq!(member.get(&club).await.status, 200);
        s.shared.clock.advance_secs(3600 + 60);
        assert_eq!(
            member.get(&club).await.status,
            401,
            "12 hours after sign-in, whatever the activity"
        );
    }

    #[tokio::test]
    async fn password_change_ends_the_other_sessions() {
        for s in servers().await {
            let mut a = Client::new(&s);
            let mut b = Client::new(&s);
            a.sign_in(&account("member.kempenvlug")).await;
            b.sign_in(&account("member.kempenvlug")).await;
            let club = format!("/c/{CLUB_A}");
            assert_eq!(b.get(&club).await.status, 200);
            let weak = a
                .post_form(
                    "/account/password",
                    &format!("current_password={PW}&new_password=password1"),
                )
                .await;
            assert!(weak
                .header("location")
                .unwrap_or("")
                .contains("error_form=password"));
            let wrong = a
                .post_form(
                    "/account/password",
                    "current_password=nope&new_password=violet+tractor+lagoon",
                )
                .await;
            assert!(wrong
                .header("location")
                .unwrap_or("")
                .contains("error_form=password"));
            assert_eq!(
                b.get(&club).await.status,
                200,
                "failed attempts change nothing"
            );
            let ok = a
                .post_form(
                    "/account/password",
                    &format!("current_password={PW}&new_password=violet+tractor+lagoon"),
                )
                .await;
            assert_eq!(ok.header("location"), Some("/account?done=password"));
            assert_eq!(a.get(&club).await.status, 200, "this session goes on");
            assert_eq!(b.get(&club).await.status, 401, "the other one ended");
            // The sessions page lists this session; revoking all others leaves it.
            let acc = a.call("account", "").await;
            assert_eq!(acc.status, 200);
            assert!(
                acc.body.contains("\"current\":true") && acc.body.contains("password_changed"),
                "{}",
                acc.body
            );
            assert!(
                !acc.body.contains(
                    a.cookies
                        .get("tessera_session")
                        .map(String::as_str)
                        .unwrap_or("-")
                ),
                "session ids are never shown"
            );
            let r = a
                .post_form("/account/sessions/revoke", "session=others")
                .await;
            assert_eq!(r.header("location"), Some("/account?done=sessions"));
            assert_eq!(a.get(&club).await.status, 200);
        }
    }
}

mod mail_links {
    use super::*;
    use tessera_common::dto::{Role, TenantKind};

    #[tokio::test]
    async fn password_reset_by_mail_is_single_use_expiring_and_keeps_the_second_factor() {
        for s in servers().await {
            let mut c = Client::new(&s);
            let email = account("admin.confluent");
            c.sign_in(&email).await; // enrols the second factor
                                     // Unknown and known addresses get the same answer.
            let unknown = c
                .post_form("/login/forgot", "email=nobody%40example.be")
                .await;
            let known = c
                .post_form("/login/forgot", &format!("email={email}"))
                .await;
            assert_eq!(
                (unknown.status, unknown.header("location")),
                (known.status, known.header("location"))
            );
            let mail = mail_to(&s.mail_dir, &email).await;
            assert!(
                mail.contains("Subject: Choose a new Tessera password"),
                "{mail}"
            );
            let link = link_in(&mail);
            assert!(link.starts_with("/login/reset?token="), "{link}");
            let token = link.split("token=").nth(1).unwrap().to_string();
            // A weak password is refused and the link survives.
            let r = c
                .post_form("/login/reset", &format!("token={token}&password=password"))
                .await;
            assert!(r
                .header("location")
                .unwrap_or("")
                .starts_with("/login/reset?token="));
            let r = c
                .post_form(
                    "/login/reset",
                    &format!("token={token}&password=violet+tractor+lagoon+sings"),
                )
                .await;
            assert_eq!(r.header("location"), Some("/login?reset=1"));
            // Every session of the account ended; the link is spent.
            assert_eq!(c.get(&format!("/c/{CLUB_B}")).await.status, 401);
            let again = c
                .post_form(
                    "/login/reset",
                    &format!("token={token}&password=another+fine+long+phrase"),
                )
                .await;
            assert!(again.header("location").unwrap_or("").contains("error="));
            // The new password leads to the second factor, not past it.
            let r = c
                .post_form(
                    "/login",
                    &format!("email={email}&password=violet+tractor+lagoon+sings&next=/"),
                )
                .await;
            assert!(
                r.header("location")
                    .unwrap_or("")
                    .starts_with("/login/verify"),
                "{:?}",
                r.header("location")
            );
            // A reset link expires after an hour.
            c.post_form(
                "/login/forgot",
                &format!("email={}", account("member.confluent")),
            )
            .await;
            let link = link_in(&mail_to(&s.mail_dir, &account("member.confluent")).await);
            s.shared.clock.advance_secs(3601);
            let token = link.split("token=").nth(1).unwrap();
            let r = c
                .post_form(
                    "/login/reset",
                    &format!("token={token}&password=violet+tractor+lagoon+sings"),
                )
                .await;
            assert!(
                r.header("location").unwrap_or("").contains("error="),
                "expired"
            );
        }
    }

    #[tokio::test]
    async fn an_invitation_sets_the_first_password_and_staff_then_enrol() {
        for s in servers().await {
            let db = &s.db.db;
            let club = tessera_core::tenants::find_by_slug(db, TenantKind::Club, CLUB_A)
                .await
                .unwrap()
                .unwrap();
            let scope = tessera_core::scope::TenantScope::for_system_task(club);
            let inviter = tessera_core::scope::Actor::system("test");
            let mailer = test_mailer().0;
            let base = format!("http://{}", s.addr);
            let now = s.shared.clock.now();
            tessera_core::links::invite(
                db,
                &mailer,
                &base,
                &scope,
                &inviter,
                "new.coach@example.be",
                "Nieuwe Coach",
                Role::Staff,
                now,
            )
            .await
            .unwrap();
            let mail = mail_to(&s.mail_dir, "new.coach@example.be").await;
            let link = link_in(&mail);
            assert!(link.starts_with("/invite?token="));
            let token = link.split("token=").nth(1).unwrap();
            let mut c = Client::new(&s);
            let r = c
                .post_form("/invite", &format!("token={token}&password=short"))
                .await;
            assert!(r
                .header("location")
                .unwrap_or("")
                .starts_with("/invite?token="));
            let r = c
                .post_form(
                    "/invite",
                    &format!("token={token}&password=coach+whistle+harbour+night"),
                )
                .await;
            assert!(
                r.header("location")
                    .unwrap_or("")
                    .starts_with("/account/two-factor"),
                "{:?}",
                r.header("location")
            );
            c.enrol("new.coach@example.be").await;
            assert_eq!(
                c.get(&format!("/c/{CLUB_A}/members")).await.status,
                200,
                "staff see the register"
            );
            let mut d = Client::new(&s);
            let r = d
                .post_form(
                    "/invite",
                    &format!("token={token}&password=coach+whistle+harbour+night"),
                )
                .await;
            assert!(
                r.header("location").unwrap_or("").contains("error="),
                "single use"
            );
            // An invitation is good for seven days, not more.
            tessera_core::links::invite(
                db,
                &mailer,
                &base,
                &scope,
                &inviter,
                "late@example.be",
                "Late Comer",
                Role::Member,
                now,
            )
            .await
            .unwrap();
            let link = link_in(&mail_to(&s.mail_dir, "late@example.be").await);
            s.shared.clock.advance_secs(7 * 24 * 3600 + 1);
            let r = d
                .post_form(
                    "/invite",
                    &format!(
                        "token={}&password=coach+whistle+harbour+night",
                        link.split("token=").nth(1).unwrap()
                    ),
                )
                .await;
            assert!(r.header("location").unwrap_or("").contains("error="));
        }
    }

    #[tokio::test]
    async fn an_email_change_waits_for_the_new_address_to_confirm() {
        for s in servers().await {
            let mut c = Client::new(&s);
            c.sign_in(&account("member.aquatica")).await;
            let taken = c
                .post_form(
                    "/account/email",
                    &format!("email={}", account("admin.aquatica")),
                )
                .await;
            assert!(taken
                .header("location")
                .unwrap_or("")
                .contains("error_form=email"));
            let r = c
                .post_form("/account/email", "email=new.me%40example.be")
                .await;
            assert_eq!(
                r.header("location"),
                Some("/account?done=email_sent"),
                "{} {}",
                r.status,
                r.body
            );
            let link = link_in(&mail_to(&s.mail_dir, "new.me@example.be").await);
            assert!(link.starts_with("/account/email?token="));
            // Opening the link changes nothing; the button does.
            assert_eq!(c.get(&link).await.status, 200);
            let acc = c.call("account", "").await;
            assert!(acc.body.contains(&account("member.aquatica")));
            let token = link.split("token=").nth(1).unwrap();
            let r = c
                .post_form("/account/email/confirm", &format!("token={token}"))
                .await;
            assert_eq!(r.header("location"), Some("/account/email?done=1"));
            let acc = c.call("account", "").await;
            assert!(acc.body.contains("new.me@example.be"), "{}", acc.body);
            let mut d = Client::new(&s);
            let r = d
                .post_form(
                    "/login",
                    &format!("email=new.me%40example.be&password={PW}&next=/"),
                )
                .await;
            assert_eq!(r.header("location"), Some("/"));
        }
    }
}

mod admin_reset {
    use super::*;

    #[tokio::test]
    async fn an_admin_resets_a_members_second_factor_and_it_is_logged() {
        for s in servers().await {
            // The member sets up a second factor of their own accord.
            let mut m = Client::new(&s);
            m.sign_in(&account("member.kempenvlug")).await;
            m.enrol(&account("member.kempenvlug")).await;
            let mut admin = Client::new(&s);
            admin.sign_in(&account("admin.kempenvlug")).await;
            // The member's record is the one their account is linked to.
            let acc = m.call("landing", "").await;
            assert_eq!(acc.status, 200);
            let db = &s.db.db;
            let club = tessera_core::tenants::find_by_slug(
                db,
                tessera_common::dto::TenantKind::Club,
                CLUB_A,
            )
            .await
            .unwrap()
            .unwrap();
            let scope = tessera_core::scope::TenantScope::for_system_task(club);
            let mut linked = None;
            for r in tessera_core::members::list(db, &scope, "", 1)
                .await
                .unwrap()
                .rows
            {
                if tessera_core::accounts::member_has_factor(db, &scope, r.id)
                    .await
                    .unwrap()
                {
                    linked = Some(r.id);
                }
            }
            let id = linked.expect("the member's record");
            let page = admin.get(&format!("/c/{CLUB_A}/members/{id}")).await;
            assert!(page.body.contains("data-testid=\"reset-factor\""));
            // Another club's administrator cannot, nor can a plain member.
            let mut other = Client::new(&s);
            other.sign_in(&account("admin.confluent")).await;
            let r = other
                .post_form(&format!("/c/{CLUB_A}/members/{id}/reset-factor"), "")
                .await;
            assert_eq!(r.status, 404);
            let r = m
                .post_form(&format!("/c/{CLUB_A}/members/{id}/reset-factor"), "")
                .await;
            assert_eq!(r.status, 403);
            let r = admin
                .post_form(&format!("/c/{CLUB_A}/members/{id}/reset-factor"), "")
                .await;
            assert_eq!(
                r.header("location"),
                Some(&format!("/c/{CLUB_A}/members/{id}?done=factor_reset") as &str)
            );
            assert_eq!(
                m.get(&format!("/c/{CLUB_A}")).await.status,
                401,
                "the member's sessions ended"
            );
            let r = m
                .post_form(
                    "/login",
                    &format!(
                        "email={}&password={PW}&next=/",
                        account("member.kempenvlug")
                    ),
                )
                .await;
            assert_eq!(r.header("location"), Some("/"), "no second step any more");
            let events = admin.call("club_events", &format!("club={CLUB_A}")).await;
            assert!(
                events.body.contains("second_factor_reset"),
                "{}",
                events.body
            );
            assert_eq!(
                m.call("club_events", &format!("club={CLUB_A}"))
                    .await
                    .status,
                403
            );
        }
    }
}
