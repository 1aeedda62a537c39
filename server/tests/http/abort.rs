//! Requests whose clients hang up mid-way leave no transaction or lock behind, `/healthz`
//! tells whether a write can be made, and a web import interrupted by a crash is either
//! whole or absent after the restart.

use super::*;
use std::time::Duration;

/// One raw HTTP/1.1 request, as bytes: the head (up to the blank line) and the body.
struct RawRequest {
    bytes: Vec<u8>,
    head_len: usize,
}

fn raw_request(
    addr: SocketAddr,
    path: &str,
    cookies: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> RawRequest {
    let mut head = format!("POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nSec-Fetch-Site: same-origin\r\n");
    if !cookies.is_empty() {
        head.push_str(&format!("Cookie: {cookies}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let head_len = head.len();
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    RawRequest { bytes, head_len }
}

fn form(addr: SocketAddr, path: &str, cookies: &str, ip: &str, body: &str) -> RawRequest {
    raw_request(
        addr,
        path,
        cookies,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("X-Forwarded-For", ip),
        ],
        body.as_bytes(),
    )
}

fn multipart(addr: SocketAddr, path: &str, cookies: &str, data: &[u8]) -> RawRequest {
    let boundary = "----tessera-abort-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leden.csv\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let ct = format!("multipart/form-data; boundary={boundary}");
    raw_request(addr, path, cookies, &[("Content-Type", &ct)], &body)
}

/// Sends the first `cut` bytes of a request, waits `wait`, then hangs up with a reset (no
/// orderly close: the server learns of it on its next read or write).
async fn abandon(addr: SocketAddr, bytes: Arc<Vec<u8>>, cut: usize, wait: Duration) {
    let Ok(mut stream) = TcpStream::connect(addr).await else {
        return;
    };
    let _ = stream.write_all(&bytes[..cut.min(bytes.len())]).await;
    if !wait.is_zero() {
        tokio::time::sleep(wait).await;
    }
    #[allow(deprecated)]
    let _ = stream.set_linger(Some(Duration::ZERO));
    drop(stream);
}

fn cookie_header(c: &Client) -> String {
    c.cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn value_of(page: &str, name: &str) -> String {
    page.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .and_then(|x| x.split('"').next())
        .unwrap_or_else(|| panic!("a {name} field"))
        .to_string()
}

fn small_csv(tag: &str, rows: usize) -> String {
    let mut s = String::from("Voornaam;Naam;Geboortedatum;E-mail\n");
    for i in 0..rows {
        s.push_str(&format!(
            "Abort{i};{tag};12/03/2001;abort.{tag}.{i}@example.be\n"
        ));
    }
    s
}

/// Stores an import through the web and returns its id.
async fn uploaded_import(admin: &mut Client, csv: &str) -> String {
    let r = admin
        .upload(
            &format!("/c/{CLUB_A}/members/import"),
            "file",
            "leden.csv",
            csv.as_bytes(),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.header("location")
        .unwrap_or("")
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

/// The club's published family form and a fill-time token for it.
async fn public_form(s: &Server, admin: &mut Client) -> String {
    switch_module(s, "forms", true).await;
    let r = admin
        .call(
            "save_form",
            &format!(
                "club={CLUB_A}&title=Jeugd&slug=jeugd&audience=self&consent_text=Ok.&published=on"
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut anon = Client::new(s);
    let page = anon.get(&format!("/c/{CLUB_A}/join/jeugd")).await;
    assert_eq!(page.status, 200);
    let token = value_of(&page.body, "started");
    // The form's minimum fill time has passed.
    s.shared.clock.advance_secs(10);
    token
}

async fn idle_in_transaction(s: &Server) -> i64 {
    let tessera_core::db::DbUrl::Postgres(url) = &s.db.url else {
        return 0;
    };
    use sqlx::Connection;
    let mut c = sqlx::PgConnection::connect(url).await.unwrap();
    let (n,): (i64,) = sqlx::query_as(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
         AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()",
    )
    .fetch_one(&mut c)
    .await
    .unwrap();
    n
}

/// 2,000 writing requests of every kind, abandoned at every point (half a head, the head,
/// half the body, the whole body, the whole body and a moment of handling), many at once;
/// then a write and `/healthz` answer within a second, and no connection sits inside a
/// transaction.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn requests_abandoned_mid_flight_leave_no_transaction_behind() {
    for s in servers().await {
        let mut admin = Client::new(&s);
        admin.sign_in(&account("admin.kempenvlug")).await;
        let (member, _) = first_member(&mut admin).await;
        let edit = admin
            .get(&format!("/c/{CLUB_A}/members/{member}/edit"))
            .await;
        let version = value_of(&edit.body, "version");
        let token = public_form(&s, &mut admin).await;
        let import = uploaded_import(&mut admin, &small_csv("start", 3)).await;
        let preview = admin
            .get(&format!("/c/{CLUB_A}/members/import/{import}?preview=1"))
            .await;
        assert!(preview.body.contains("data-testid=\"import-start\""));
        let cookies = cookie_header(&admin);
        let addr = s.addr;
        let csv = small_csv("upload", 200);
        let requests: Vec<(Arc<Vec<u8>>, usize)> = (0..2000usize)
            .map(|i| {
                let ip = format!("10.{}.{}.{}", 20 + i % 7, (i / 250) % 250, i % 250 + 1);
                let r = match i % 6 {
                    0 => form(
                        addr,
                        "/login",
                        "",
                        &ip,
                        &if i % 12 == 0 {
                            format!("email={}&password={PW}&next=/", account("member.kempenvlug"))
                        } else {
                            format!("email=nobody{i}%40example.be&password=wrong-{i}&next=/")
                        },
                    ),
                    1 => form(addr, "/login/forgot", "", &ip, &format!("email=someone{i}%40example.be")),
                    2 => form(
                        addr,
                        "/api/submit_registration",
                        "",
                        &ip,
                        &format!(
                            "club={CLUB_A}&form=jeugd&started={token}&email=aanvraag{i}%40example.be&consent=on\
                             &f%5Bp0.given_name%5D=Kind{i}&f%5Bp0.family_name%5D=Abort&f%5Bp0.birth_date%5D=2012-04-02"
                        ),
                    ),
                    3 => form(
                        addr,
                        "/api/update_member",
                        &cookies,
                        &ip,
                        &format!(
                            "club={CLUB_A}&id={member}&version={version}&given_name=Abort{i}&family_name=Test&status=active"
                        ),
                    ),
                    4 => multipart(addr, &format!("/c/{CLUB_A}/members/import"), &cookies, csv.as_bytes()),
                    _ => form(
                        addr,
                        "/api/start_import",
                        &cookies,
                        &ip,
                        &format!("club={CLUB_A}&id={import}"),
                    ),
                };
                (Arc::new(r.bytes), r.head_len)
            })
            .collect();
        let started = tessera_core::clock::monotonic();
        let gate = Arc::new(tokio::sync::Semaphore::new(100));
        let mut tasks = Vec::new();
        for (i, (bytes, head_len)) in requests.into_iter().enumerate() {
            let permit = gate.clone().acquire_owned().await.unwrap();
            // Half the head, the head, half the body, all of it, all of it and a moment of
            // handling before the hang-up.
            let (cut, wait) = match (i / 6) % 5 {
                0 => (head_len / 2, 0),
                1 => (head_len, 0),
                2 => (head_len + (bytes.len() - head_len) / 2, 0),
                3 => (bytes.len(), 0),
                _ => (bytes.len(), (i % 40) as u64),
            };
            tasks.push(tokio::spawn(async move {
                abandon(addr, bytes, cut, Duration::from_millis(wait)).await;
                drop(permit);
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let storm = started.elapsed();
        // Right away: the health check and a real write, within one second.
        let after = tessera_core::clock::monotonic();
        let mut probe = Client::new(&s);
        probe.cookies = admin.cookies.clone();
        let health = probe.get("/healthz").await;
        let health_took = after.elapsed();
        let edit = probe
            .get(&format!("/c/{CLUB_A}/members/{member}/edit"))
            .await;
        let now_version = value_of(&edit.body, "version");
        let saved = probe
            .call(
                "update_member",
                &format!("club={CLUB_A}&id={member}&version={now_version}&given_name=Na&family_name=Storm&status=active"),
            )
            .await;
        let took = after.elapsed();
        eprintln!(
            "{:?}: 2000 requests abandoned in {storm:?}; health {health_took:?}, health and a write {took:?} after",
            s.db.backend()
        );
        assert_eq!((health.status, health.body.as_str()), (200, "ok"));
        assert_eq!(saved.status, 200, "a write after the storm: {}", saved.body);
        assert!(
            took < Duration::from_secs(1),
            "health and a write took {took:?}"
        );
        // A sign-in (a session written) works too.
        let mut member_client = Client::new(&s);
        let r = member_client
            .post_form(
                "/login",
                &format!(
                    "email={}&password={PW}&next=/",
                    account("member.kempenvlug")
                ),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        // Once the abandoned requests have finished, no connection is left inside a
        // transaction (PostgreSQL shows it; SQLite's writer answered above).
        let mut idle = 0;
        for _ in 0..100 {
            idle = idle_in_transaction(&s).await;
            if idle == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(idle, 0, "connections idle inside a transaction");
        assert_eq!(probe.get("/healthz").await.status, 200);
    }
}

/// `/healthz` is 503 when no write can be made within a second: SQLite's file held by
/// another writer, a PostgreSQL row it writes locked; 200 again once released.
#[tokio::test]
async fn healthz_fails_when_no_write_can_be_made_within_a_second() {
    use sqlx::Connection;
    for s in servers().await {
        let mut c = Client::new(&s);
        assert_eq!(c.get("/healthz").await.status, 200);
        let started;
        let r = match &s.db.url {
            tessera_core::db::DbUrl::Sqlite(path) => {
                let mut other =
                    sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
                        .await
                        .unwrap();
                sqlx::query("BEGIN IMMEDIATE")
                    .execute(&mut other)
                    .await
                    .unwrap();
                started = tessera_core::clock::monotonic();
                let r = c.get("/healthz").await;
                sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
                r
            }
            tessera_core::db::DbUrl::Postgres(url) => {
                let mut other = sqlx::PgConnection::connect(url).await.unwrap();
                sqlx::query("BEGIN").execute(&mut other).await.unwrap();
                sqlx::query("SELECT checked_at FROM platform_health WHERE id = 1 FOR UPDATE")
                    .execute(&mut other)
                    .await
                    .unwrap();
                started = tessera_core::clock::monotonic();
                let r = c.get("/healthz").await;
                sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
                r
            }
        };
        let took = started.elapsed();
        assert_eq!(r.status, 503, "{}", r.body);
        assert!(
            took >= Duration::from_millis(900) && took < Duration::from_secs(5),
            "{took:?}"
        );
        // Released: healthy again, at once.
        let mut ok = 0;
        for _ in 0..50 {
            ok = c.get("/healthz").await.status;
            if ok == 200 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(ok, 200);
    }
}

/// The real binary, `tessera serve`, on a database of a test; killed and started again.
struct Process {
    child: std::process::Child,
    addr: SocketAddr,
}

fn free_addr() -> SocketAddr {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap()
}

fn serve(db: &TestDb, addr: SocketAddr, log: &std::path::Path) -> Process {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tessera"));
    cmd.arg("serve")
        .env("TESSERA_ADDR", addr.to_string())
        .env("TESSERA_SITE_ROOT", "../target/site")
        .env(
            "TESSERA_OUTBOX",
            std::env::temp_dir().join("tessera-abort-outbox"),
        )
        .env("RUST_LOG", "warn")
        .env_remove("TESSERA_SMTP_URL")
        .env_remove("DATABASE_MIGRATION_URL")
        .stdout(std::process::Stdio::null())
        .stderr(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .unwrap(),
        );
    match &db.url {
        tessera_core::db::DbUrl::Sqlite(path) => {
            cmd.env("DATABASE_URL", format!("sqlite://{}", path.display()));
        }
        tessera_core::db::DbUrl::Postgres(url) => {
            // Migrated already by the owner, as the test database was; the application role
            // may not touch the migrations' table.
            let name = url.rsplit('/').next().unwrap();
            let owner = std::env::var("TESSERA_TEST_PG_OWNER_URL").unwrap();
            cmd.env("DATABASE_URL", url).env(
                "DATABASE_MIGRATION_URL",
                format!("{}/{name}", owner.trim_end_matches('/')),
            );
        }
    }
    Process {
        child: cmd.spawn().expect("start tessera serve"),
        addr,
    }
}

async fn until_healthy(p: &mut Process, log: &std::path::Path) {
    for _ in 0..600 {
        if let Ok(Some(status)) = p.child.try_wait() {
            panic!(
                "tessera serve ended ({status}): {}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        if let Ok(mut s) = TcpStream::connect(p.addr).await {
            let req = format!(
                "GET /healthz HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                p.addr
            );
            if s.write_all(req.as_bytes()).await.is_ok() {
                let mut out = Vec::new();
                let _ = s.read_to_end(&mut out).await;
                if out.starts_with(b"HTTP/1.1 200") {
                    return;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("tessera serve did not become healthy");
}

async fn member_count(db: &tessera_core::db::Db) -> i64 {
    let club = tessera_core::tenants::find_by_slug(db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    let scope = tessera_core::scope::TenantScope::for_system_task(
        &tessera_core::jobs::SystemTask::command_line(),
        club,
    );
    let mut tx = db.tenant_read(&scope).await.unwrap();
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM members WHERE tenant_id = $1",
            tessera_core::args![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n
}

async fn import_state(db: &tessera_core::db::Db, id: i64) -> (String, Option<i64>) {
    let club = tessera_core::tenants::find_by_slug(db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    let scope = tessera_core::scope::TenantScope::for_system_task(
        &tessera_core::jobs::SystemTask::command_line(),
        club,
    );
    let mut tx = db.tenant_read(&scope).await.unwrap();
    let r: (String, Option<i64>) = tx
        .fetch_one(
            "SELECT status, interrupted_at FROM member_imports WHERE tenant_id = $1 AND id = $2",
            tessera_core::args![id],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    r
}

/// `tessera serve` killed (SIGKILL) while a large web import runs, then started again: the
/// import is marked failed and interrupted (the page says so), and the register holds
/// either none of its rows or all of them, never some.
#[tokio::test]
async fn an_import_killed_mid_way_is_whole_or_absent_after_a_restart() {
    use tessera_core::clock::SystemClock;
    for db in testing::all().await {
        seed::seed_demo(
            &db.db,
            Timestamp(1_790_000_000_000),
            &SeedOptions {
                members_per_club: 30,
                extra_clubs: 0,
                clubs: None,
                password: Some(PW.into()),
            },
        )
        .await
        .expect("seed");
        let before = member_count(&db.db).await;
        let dir =
            std::env::temp_dir().join(format!("tessera-abort-{}", tessera_core::ids::new_id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("serve.log");
        let rows = 60_000;
        let csv = seed::import_csv(rows, SystemClock.now().utc_date(), 7);
        let addr = free_addr();
        let mut p = serve(&db, addr, &log);
        until_healthy(&mut p, &log).await;
        // A person with the real clock (the binary's), for the authenticator codes.
        let mut admin = Client {
            addr,
            cookies: BTreeMap::new(),
            shared: Arc::new(Shared {
                clock: ManualClock::at(SystemClock.now()),
                keys: Mutex::new(HashMap::new()),
            }),
        };
        admin.sign_in(&account("admin.kempenvlug")).await;
        let id = uploaded_import(&mut admin, &csv).await;
        let r = admin
            .call("start_import", &format!("club={CLUB_A}&id={id}"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        // Killed once rows are being stored (the progress shows some, not all).
        let mut killed_at = None;
        for _ in 0..1200 {
            let page = admin.get(&format!("/c/{CLUB_A}/members/import/{id}")).await;
            assert!(
                page.body.contains("import-running"),
                "the import ended before it could be killed; make the file larger"
            );
            let done: usize = page
                .body
                .split("<progress")
                .nth(1)
                .and_then(|x| x.split("value=\"").nth(1))
                .and_then(|x| x.split('"').next())
                .and_then(|x| x.parse().ok())
                .unwrap_or(0);
            if done > 0 {
                p.child.kill().unwrap();
                p.child.wait().unwrap();
                killed_at = Some(done);
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let killed_at = killed_at.expect("the import never showed progress");
        assert!(killed_at < rows, "{killed_at}");
        // Started again: the import is failed and interrupted, nothing of it stored.
        let mut p = serve(&db, addr, &log);
        until_healthy(&mut p, &log).await;
        let iid: i64 = id.parse().unwrap();
        let (status, interrupted) = import_state(&db.db, iid).await;
        let after = member_count(&db.db).await;
        eprintln!(
            "{:?}: killed at {killed_at} of {rows} rows; after the restart {status}, {after} members (before {before})",
            db.backend()
        );
        assert!(
            after == before || after == before + rows as i64,
            "half an import: {before} before, {after} after"
        );
        if status == "done" {
            assert_eq!(after, before + rows as i64);
        } else {
            assert_eq!(status, "failed");
            assert!(interrupted.is_some());
            assert_eq!(after, before, "a failed import stored nothing");
            let page = admin.get(&format!("/c/{CLUB_A}/members/import/{id}")).await;
            assert_eq!(page.status, 200);
            assert!(
                page.body.contains("data-testid=\"import-interrupted\""),
                "the page says the import was interrupted"
            );
            assert!(
                page.body.contains("Deze import werd onderbroken"),
                "in the club's language"
            );
        }
        p.child.kill().unwrap();
        p.child.wait().unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }
}
