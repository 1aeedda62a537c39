//! Configuration from the environment (and flags that override it).

use std::net::SocketAddr;
use tessera_core::db::DbUrl;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/tessera.db";

/// The server's settings. Its `Debug` hides the passwords in the database and SMTP
/// addresses ([`redact_url`]), so the configuration can be logged.
#[derive(Clone)]
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

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let db = |u: &DbUrl| match u {
            DbUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DbUrl::Postgres(url) => redact_url(url),
        };
        f.debug_struct("Config")
            .field("database_url", &db(&self.database_url))
            .field("migration_url", &self.migration_url.as_ref().map(db))
            .field("addr", &self.addr)
            .field("site_root", &self.site_root)
            .field("https", &self.https)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("db_connections", &self.db_connections)
            .field("trusted_proxy", &self.trusted_proxy)
            .field("sessions", &self.sessions)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("outbox", &self.outbox)
            .field("mail_from", &self.mail_from)
            .field("public_url", &self.public_url)
            .field("allow_owner_role", &self.allow_owner_role)
            .finish()
    }
}

/// `url` with the password of its user part, and any `password=` in its query, replaced
/// by `***`: `postgres://app:secret@db/tessera` becomes `postgres://app:***@db/tessera`.
pub fn redact_url(url: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (url, None),
    };
    let mut out = match head.split_once("://") {
        Some((scheme, rest)) => {
            // The user part ends at the last `@` before the path.
            let authority_end = rest.find('/').unwrap_or(rest.len());
            let (authority, path) = rest.split_at(authority_end);
            match authority.rsplit_once('@') {
                Some((user, host)) => {
                    let user = match user.split_once(':') {
                        Some((name, _)) => format!("{name}:***"),
                        None => user.to_string(),
                    };
                    format!("{scheme}://{user}@{host}{path}")
                }
                None => head.to_string(),
            }
        }
        None => head.to_string(),
    };
    if let Some(q) = query {
        let parts: Vec<String> = q
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => kv.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&parts.join("&"));
    }
    out
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

/// `TESSERA_MAIL_RATE`, how many mails a second the delivery of mailings
/// sends at most (50 by default).
pub fn mail_rate() -> Result<u64, String> {
    number("TESSERA_MAIL_RATE", 50).map(|n| n.unsigned_abs())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_password() {
        let config = Config {
            database_url: DbUrl::Postgres("postgres://app:db-secret@db:5432/tessera".into()),
            migration_url: Some(DbUrl::Postgres(
                "postgres://owner:owner-secret@db/tessera?sslmode=require&password=q-secret".into(),
            )),
            addr: "127.0.0.1:3000".parse().expect("an address"),
            site_root: "target/site".into(),
            https: true,
            max_body_bytes: 1024,
            db_connections: 4,
            trusted_proxy: None,
            sessions: tessera_core::SessionPolicy::default(),
            smtp_url: Some("smtps://mailer:smtp-secret@mail.example.be:465".into()),
            outbox: "data/outbox".into(),
            mail_from: "Tessera <no-reply@example.be>".into(),
            public_url: "https://tessera.example.be".into(),
            allow_owner_role: false,
        };
        let shown = format!("{config:?} {config:#?}");
        for secret in ["db-secret", "owner-secret", "q-secret", "smtp-secret"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        // What is not secret is still there to read.
        for kept in [
            "postgres://app:***@db:5432/tessera",
            "postgres://owner:***@db/tessera?sslmode=require&password=***",
            "smtps://mailer:***@mail.example.be:465",
            "127.0.0.1:3000",
        ] {
            assert!(shown.contains(kept), "{kept} missing from {shown}");
        }
    }

    #[test]
    fn urls_without_a_password_are_unchanged() {
        for url in [
            "postgres://db/tessera",
            "smtp://localhost:25",
            "postgres://app@db/tessera",
            "sqlite://./data/tessera.db",
        ] {
            assert_eq!(redact_url(url), url);
        }
        // An `@` in the password does not leave its first part behind.
        assert_eq!(
            redact_url("postgres://app:p@ss@db/x"),
            "postgres://app:***@db/x"
        );
    }
}
