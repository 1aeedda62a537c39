//! Test support: a fresh database per test on every backend. SQLite always; PostgreSQL when
//! the test script has started a cluster and set `TESSERA_TEST_PG_OWNER_URL` (a role that
//! may create databases, and a member of `pg_signal_backend` to drop them with the test's
//! connections still open) and `TESSERA_TEST_PG_APP_URL` (the application role: neither owner
//! nor superuser). With `TESSERA_TEST_REQUIRE_PG=1` a missing PostgreSQL fails the test
//! instead of being skipped.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test support: a test database that cannot be set up stops the test run"
)]

use crate::db::{Backend, Db, DbUrl};
use std::path::PathBuf;

/// A database for one test, removed when dropped: the SQLite file, or the PostgreSQL
/// database (a test run creates hundreds; left behind they would fill the disk).
pub struct TestDb {
    pub db: Db,
    pub url: DbUrl,
    file: Option<PathBuf>,
    /// The PostgreSQL database's name and the owner's cluster URL.
    pg: Option<(String, String)>,
}

impl TestDb {
    pub fn backend(&self) -> Backend {
        self.db.backend()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(f) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", f.display()));
            }
        }
        if let Some((name, owner)) = self.pg.take() {
            let shown = name.clone();
            // Drop runs inside the test's runtime, which may not block on a future: the
            // database goes on a thread of its own. FORCE ends the pool's connections.
            let dropped = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime to drop a test database");
                rt.block_on(async {
                    let admin = Db::connect(&DbUrl::Postgres(with_db(&owner, "postgres")), 1)
                        .await
                        .expect("connect to the test cluster as owner");
                    let r = admin
                        .raw_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                    admin.close().await;
                    r
                })
            })
            .join();
            if !matches!(dropped, Ok(Ok(()))) && !std::thread::panicking() {
                panic!(
                    "could not drop the test database {shown} (the owner role needs \
                     pg_signal_backend): {dropped:?}"
                );
            }
        }
    }
}

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{:x}", std::process::id(), crate::ids::new_id())
}

pub async fn sqlite() -> TestDb {
    let dir = std::env::temp_dir().join("tessera-tests");
    let file = dir.join(format!("{}.db", unique("t")));
    let url = DbUrl::Sqlite(file.clone());
    let db = Db::connect(&url, 4).await.expect("open sqlite");
    db.migrate(None).await.expect("migrate sqlite");
    TestDb {
        db,
        url,
        file: Some(file),
        pg: None,
    }
}

fn with_db(url: &str, name: &str) -> String {
    format!("{}/{name}", url.trim_end_matches('/'))
}

/// A fresh PostgreSQL database migrated by the owner role and opened as the app role.
pub async fn postgres() -> Option<TestDb> {
    let owner = std::env::var("TESSERA_TEST_PG_OWNER_URL").ok();
    let app = std::env::var("TESSERA_TEST_PG_APP_URL").ok();
    let (Some(owner), Some(app)) = (owner, app) else {
        if std::env::var("TESSERA_TEST_REQUIRE_PG").is_ok_and(|v| v == "1") {
            panic!("TESSERA_TEST_REQUIRE_PG=1 but TESSERA_TEST_PG_OWNER_URL / TESSERA_TEST_PG_APP_URL are not set");
        }
        eprintln!("note: PostgreSQL not configured; this test runs on SQLite only");
        return None;
    };
    let name = unique("t");
    let admin = Db::connect(&DbUrl::Postgres(with_db(&owner, "postgres")), 1)
        .await
        .expect("connect to the test cluster as owner");
    admin
        .raw_execute(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    admin.close().await;
    let owner_db = Db::connect(&DbUrl::Postgres(with_db(&owner, &name)), 2)
        .await
        .expect("connect owner");
    let app_url = DbUrl::Postgres(with_db(&app, &name));
    let app_user = app_url.pg_user();
    owner_db
        .migrate(app_user.as_deref())
        .await
        .expect("migrate postgres");
    owner_db.close().await;
    let db = Db::connect(&app_url, 4).await.expect("connect as app role");
    Some(TestDb {
        db,
        url: app_url,
        file: None,
        pg: Some((name, owner)),
    })
}

/// SQLite, and PostgreSQL when configured.
pub async fn all() -> Vec<TestDb> {
    let mut v = vec![sqlite().await];
    if let Some(pg) = postgres().await {
        v.push(pg);
    }
    v
}
