//! Configuration from the environment (and flags that override it).

use std::net::SocketAddr;
use tessera_core::db::DbUrl;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/tessera.db";

/// The server's settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: where the data lives (SQLite by default).
    pub database_url: DbUrl,
    /// `DATABASE_MIGRATION_URL`: on PostgreSQL, the owner role that applies migrations;
    /// the application itself connects with `DATABASE_URL` as a role that is neither owner
    /// nor superuser, so row-level security applies to it.
    pub migration_url: Option<DbUrl>,
    /// `TESSERA_ADDR`: where to listen.
    pub addr: SocketAddr,
    /// `TESSERA_SITE_ROOT`: the folder cargo-leptos built (holds `pkg/`).
    pub site_root: String,
    /// `TESSERA_HTTPS`: served over https (behind a proxy); makes the session cookie
    /// `Secure` and `__Host-` prefixed and sends HSTS.
    pub https: bool,
    /// `TESSERA_MAX_BODY_BYTES`: the largest request body accepted.
    pub max_body_bytes: usize,
    /// `TESSERA_DB_CONNECTIONS`: the size of the connection pool (SQLite: the readers;
    /// default four per core on SQLite, at least 4; one per core on PostgreSQL, at least 2,
    /// plus two for imports and exports; at most 32).
    pub db_connections: u32,
    /// `TESSERA_TRUSTED_PROXY`: the address of the reverse proxy whose `X-Forwarded-For`
    /// names the client; from anyone else that header is ignored.
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// `TESSERA_STAFF_IDLE_MINUTES` (30), `TESSERA_MEMBER_IDLE_MINUTES` (480),
    /// `TESSERA_SESSION_MAX_HOURS` (12).
    pub sessions: tessera_core::SessionPolicy,
    /// `TESSERA_SMTP_URL`: where mail goes (`smtp://host:port`, `smtps://user:pw@host`);
    /// without it, mail is written as `.eml` files into `TESSERA_OUTBOX` (`./data/outbox`).
    pub smtp_url: Option<String>,
    pub outbox: std::path::PathBuf,
    /// `TESSERA_MAIL_FROM`: the sender of every mail.
    pub mail_from: String,
    /// `TESSERA_PUBLIC_URL`: the address people reach Tessera at, for links in mail
    /// (default `http://` + `TESSERA_ADDR`).
    pub public_url: String,
    /// `TESSERA_ALLOW_OWNER_ROLE=1` (or `--allow-owner-role`): on PostgreSQL, serve even
    /// when `DATABASE_URL`'s role owns the tables, is a superuser or bypasses row-level
    /// security (local development only; a warning is logged). Without it the server
    /// refuses to start on such a role.
    pub allow_owner_role: bool,
}

fn number(name: &str, default: i64) -> Result<i64, String> {
    match env(name) {
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{name} {v:?} is not a positive number")),
        None => Ok(default),
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    /// Reads the environment; the error is one line for the person starting the server.
    pub fn from_env() -> Result<Config, String> {
        let database_url =
            DbUrl::parse(&env("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()))?;
        let migration_url = env("DATABASE_MIGRATION_URL")
            .map(|u| DbUrl::parse(&u))
            .transpose()?;
        let addr = env("TESSERA_ADDR")
            .or_else(|| env("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".to_string());
        let addr: SocketAddr = addr
            .parse()
            .map_err(|_| format!("TESSERA_ADDR {addr:?} is not an address like 127.0.0.1:3000"))?;
        let site_root = env("TESSERA_SITE_ROOT")
            .or_else(|| env("LEPTOS_SITE_ROOT"))
            .unwrap_or_else(|| "target/site".to_string());
        let https = matches!(env("TESSERA_HTTPS").as_deref(), Some("1" | "true" | "yes"));
        let max_body_bytes = match env("TESSERA_MAX_BODY_BYTES") {
            Some(v) => v
                .parse()
                .map_err(|_| format!("TESSERA_MAX_BODY_BYTES {v:?} is not a number of bytes"))?,
            None => 2 * 1024 * 1024,
        };
        let db_connections = match env("TESSERA_DB_CONNECTIONS") {
            Some(v) => v
                .parse()
                .map_err(|_| format!("TESSERA_DB_CONNECTIONS {v:?} is not a number"))?,
            // More connections than that only add threads (SQLite) or backends (PostgreSQL)
            // competing for the same cores, and memory (measured: docs/ARCHITECTURE.md).
            // Imports and exports have a pool of their own on PostgreSQL (`Db::bulk`).
            None => {
                let (per_core, least) = match database_url {
                    DbUrl::Sqlite(_) => (4, 4),
                    DbUrl::Postgres(_) => (1, 2),
                };
                // Cores unknown: counted as two, like the machine the defaults were measured on.
                let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u32);
                (cores * per_core).clamp(least, 32)
            }
        };
        let trusted_proxy = env("TESSERA_TRUSTED_PROXY")
            .map(|v| {
                v.parse()
                    .map_err(|_| format!("TESSERA_TRUSTED_PROXY {v:?} is not an IP address"))
            })
            .transpose()?;
        let sessions = tessera_core::SessionPolicy {
            staff_idle_secs: number("TESSERA_STAFF_IDLE_MINUTES", 30)? * 60,
            member_idle_secs: number("TESSERA_MEMBER_IDLE_MINUTES", 480)? * 60,
            absolute_secs: number("TESSERA_SESSION_MAX_HOURS", 12)? * 3600,
        };
        let public_url = env("TESSERA_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}"));
        let allow_owner_role = matches!(
            env("TESSERA_ALLOW_OWNER_ROLE").as_deref(),
            Some("1" | "true" | "yes")
        );
        Ok(Config {
            allow_owner_role,
            smtp_url: env("TESSERA_SMTP_URL"),
            outbox: env("TESSERA_OUTBOX")
                .unwrap_or_else(|| "./data/outbox".into())
                .into(),
            mail_from: env("TESSERA_MAIL_FROM")
                .unwrap_or_else(|| "Tessera <no-reply@tessera.localhost>".into()),
            public_url,
            trusted_proxy,
            sessions,
            database_url,
            migration_url,
            addr,
            site_root,
            https,
            max_body_bytes,
            db_connections,
        })
    }
}

impl Config {
    /// The mailer this configuration names.
    pub fn mailer(&self) -> Result<tessera_core::mail::Mailer, String> {
        match &self.smtp_url {
            Some(url) => tessera_core::mail::Mailer::smtp(url, &self.mail_from),
            None => tessera_core::mail::Mailer::outbox(self.outbox.clone(), &self.mail_from),
        }
    }
}
