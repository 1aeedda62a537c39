//! The command line: `serve` (the default), `migrate`, `create-operator`, `seed-demo`,
//! `import-members`, `gen-import-csv`, `bench-hash`, `verify-log`, `backup`, `restore`.

use crate::config::Config;
use crate::router::{build_router, leptos_options, spawn_session_cleanup, AppState};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::sync::Arc;
use tessera_common::dto::ImportPreview;
use tessera_common::dto::TenantKind;
use tessera_common::Lang;
use tessera_core::clock::{Clock, SystemClock};
use tessera_core::db::{Db, DbUrl};
use tessera_core::scope::{Actor, TenantScope};
use tessera_core::seed::{self, SeedOptions};
use tessera_core::{identities, import, tenants, Services};

#[derive(Parser, Debug)]
#[command(
    name = "tessera",
    version,
    about = "Tessera: membership administration for sports clubs and federations.",
    long_about = "Tessera: membership administration for sports clubs and federations.\n\n\
        Configuration comes from the environment:\n  \
        DATABASE_URL            sqlite://./data/tessera.db (default) or postgres://user:pw@host:port/db\n  \
        DATABASE_MIGRATION_URL  PostgreSQL owner role for migrations (the app role then gets its grants)\n  \
        TESSERA_ALLOW_OWNER_ROLE  1: serve even when the PostgreSQL role owns the tables or bypasses row-level security (development only)\n  \
        TESSERA_ADDR            address to listen on (default 127.0.0.1:3000)\n  \
        TESSERA_SITE_ROOT       folder built by cargo-leptos (default target/site)\n  \
        TESSERA_HTTPS           1 when served over https (Secure, __Host- cookie and HSTS)\n  \
        TESSERA_MAX_BODY_BYTES  largest accepted request body (default 2 MiB)\n  \
        TESSERA_PUBLIC_URL      address people reach Tessera at, for links in mail\n  \
        TESSERA_SMTP_URL        smtp://host:port or smtps://user:pw@host (default: .eml files in TESSERA_OUTBOX)\n  \
        TESSERA_OUTBOX          folder for mail when there is no SMTP server (default ./data/outbox)\n  \
        TESSERA_MAIL_FROM       sender of every mail\n  \
        TESSERA_TRUSTED_PROXY   address of the reverse proxy whose X-Forwarded-For names the client\n  \
        TESSERA_BACKUP_KEY      64 hex digits: the key backups are encrypted with and restored by\n  \
        TESSERA_STAFF_IDLE_MINUTES, TESSERA_MEMBER_IDLE_MINUTES, TESSERA_SESSION_MAX_HOURS  session timeouts (30, 480, 12)\n  \
        RUST_LOG                log filter (default info)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Serve even when the PostgreSQL role of DATABASE_URL owns the tables, is a superuser
    /// or bypasses row-level security (local development only; same as
    /// TESSERA_ALLOW_OWNER_ROLE=1).
    #[arg(long, global = true)]
    pub allow_owner_role: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Apply the migrations, then serve the web application (the default command).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Create a platform operator account (and the operator tenant on first use). Asks for
    /// the password unless --password-env names a variable that holds it.
    CreateOperator {
        /// The operator's e-mail address, used to sign in.
        #[arg(long)]
        email: String,
        /// The operator's display name.
        #[arg(long)]
        name: String,
        /// Read the password from this environment variable instead of asking (for scripts).
        #[arg(long, value_name = "VAR")]
        password_env: Option<String>,
    },
    /// Fill the database with the demo dataset: one federation, three clubs (plus
    /// --extra-clubs generated ones, or --clubs in all), members with realistic Belgian
    /// names, addresses, birth dates and families, and demo accounts when --password is
    /// given. Prints the time it took. For load tests: `--members 100000 --clubs 1` (one
    /// club of 100,000) or `--members 1000 --clubs 1000` (a million members).
    SeedDemo {
        /// The password of every demo account; the accounts are printed at the end.
        #[arg(long)]
        password: Option<String>,
        /// Members per club (every club gets this many).
        #[arg(long, default_value_t = 300)]
        members: usize,
        /// Generated clubs beyond the three named demo clubs.
        #[arg(long, default_value_t = 0, conflicts_with = "clubs")]
        extra_clubs: usize,
        /// Clubs in all: the named demo clubs first (as many as fit, the first one is
        /// VC Kempenvlug Herentals), then generated ones.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        clubs: Option<u32>,
        /// Do nothing (and succeed) when the demo data is already there.
        #[arg(long)]
        if_empty: bool,
    },
    /// Import members into a club from a CSV file (UTF-8, `,` or `;` between cells, a header
    /// row naming the columns). Prints the column mapping and the report of every row; when
    /// no row has a problem, adds every new member in one transaction (duplicates by e-mail
    /// address or by name and birth date are skipped, so running it twice adds nothing the
    /// second time). Fails, storing nothing, when the file or any row has a problem.
    ImportMembers {
        /// The club's short name (as in /c/<club>/…).
        #[arg(long)]
        club: String,
        /// The CSV file.
        #[arg(long)]
        file: PathBuf,
        /// Send a column to a field instead of the suggested one: the column's header name
        /// (or its number, from 1), `=`, and a field (given_name, family_name, birth_date,
        /// gender, email, phone, street, postcode, city, membership_type, season, status,
        /// joined_on, ended_on) or `ignore`. Repeat for more columns.
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Check the file and print the report, but import nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a generated member file (realistic Belgian people, Dutch headers, `;` between
    /// cells, dates DD/MM/YYYY) for trying and measuring `import-members`.
    GenImportCsv {
        /// How many members.
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
        /// Another seed gives other people.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Run the retention job once over every club (each club's retention rules; then the
    /// reminders and deletions of clubs whose contract ended), as `serve` does every hour,
    /// and print what it did and the time it took.
    RetentionRun {
        /// Run as if it were this day (YYYY-MM-DD, noon UTC) instead of now: to try or
        /// measure the rules on data that is not due yet.
        #[arg(long)]
        at: Option<String>,
        /// Records per transaction.
        #[arg(long, default_value_t = 500)]
        batch: usize,
        /// Only count what is due (the dry run of every club); change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a backup of the whole database to FILE while the server runs: one consistent
    /// snapshot of every table (web sessions aside), in Tessera's own format, the same for
    /// SQLite and PostgreSQL (a backup of one restores into the other at the same schema),
    /// compressed, checksummed, and encrypted (XChaCha20-Poly1305) when TESSERA_BACKUP_KEY
    /// holds a key (64 hex digits, e.g. from `openssl rand -hex 32`). Needs the role that owns
    /// the tables on PostgreSQL (DATABASE_MIGRATION_URL).
    Backup {
        /// Where to write it (written as FILE.partial first, renamed when complete).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Restore a backup made by `tessera backup` into the database (migrated first), in one
    /// transaction: everything or nothing. Refuses a database that holds any club or account
    /// unless --force, a damaged or truncated file, a wrong or missing TESSERA_BACKUP_KEY and
    /// a backup of another schema version. Web sessions are ended: everyone signs in again.
    /// Stop the servers first.
    Restore {
        /// The backup file.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// Replace whatever the database holds.
        #[arg(long)]
        force: bool,
    },
    /// Check the event logs' hash chains (the platform's and every club's, or one tenant's)
    /// and print each chain's state; the first broken link of each chain is printed with its
    /// tenant, entry id and what is wrong, and the command then fails. Needs the role that
    /// owns the tables on PostgreSQL (DATABASE_MIGRATION_URL).
    VerifyLog {
        /// Only this tenant's chain (its short name, as in /c/<club>/…).
        #[arg(long, value_name = "SLUG")]
        tenant: Option<String>,
    },
    /// Measure the password hash (argon2id, m = 19 MiB, t = 2, p = 1) on this machine and
    /// print the time per hash.
    BenchHash {
        /// How many hashes to time.
        #[arg(long, default_value_t = 20)]
        iterations: u32,
    },
}

fn log_init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_sessions=warn")
    });
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

/// Opens the database and applies the migrations: with the migration (owner) URL when there
/// is one, granting the application role what it needs.
pub async fn open_db(config: &Config) -> Result<Db, String> {
    match &config.migration_url {
        Some(m) => {
            let owner = Db::connect(m, 2).await.map_err(|e| e.to_string())?;
            let grant = config.database_url.pg_user();
            owner
                .migrate(grant.as_deref())
                .await
                .map_err(|e| e.to_string())?;
            owner.close().await;
        }
        None => {
            if let DbUrl::Postgres(_) = config.database_url {
                tracing::warn!("DATABASE_MIGRATION_URL is not set: migrating as the application role, which then owns the tables and is not subject to row-level security");
            }
        }
    }
    let db = Db::connect(&config.database_url, config.db_connections)
        .await
        .map_err(|e| e.to_string())?;
    if config.migration_url.is_none() {
        db.migrate(None).await.map_err(|e| e.to_string())?;
    }
    Ok(db)
}

/// The database as the role that owns the tables, migrated: for the commands that read or
/// write every tenant (verify-log, backup, restore). On PostgreSQL DATABASE_MIGRATION_URL
/// (or DATABASE_URL when that role owns the tables); refused for a role that row-level
/// security applies to, which would see no club's rows.
pub async fn open_owner_db(config: &Config) -> Result<Db, String> {
    let app = open_db(config).await?;
    app.close().await;
    let url = config
        .migration_url
        .as_ref()
        .unwrap_or(&config.database_url);
    let db = Db::connect(url, 2).await.map_err(|e| e.to_string())?;
    if let Err(e) = db.owner_check().await {
        db.close().await;
        return Err(e);
    }
    Ok(db)
}

/// The backup key from TESSERA_BACKUP_KEY, if set.
fn backup_key() -> Result<Option<tessera_core::backup::Key>, String> {
    match std::env::var("TESSERA_BACKUP_KEY") {
        Ok(k) if !k.trim().is_empty() => tessera_core::backup::Key::from_hex(&k)
            .map(Some)
            .map_err(|e| e.to_string()),
        _ => Ok(None),
    }
}

/// `verify-log`: every chain's state, its first break if any; fails when one is broken.
async fn verify_log(db: &Db, tenant: Option<&str>) -> Result<(), String> {
    let reports = tessera_core::event_chain::verify_log(db, tenant)
        .await
        .map_err(|e| match e {
            tessera_common::AppError::NotFound => {
                format!("there is no tenant {:?}", tenant.unwrap_or_default())
            }
            other => describe(other),
        })?;
    let mut broken = 0;
    for (name, r) in &reports {
        match &r.broken {
            None => println!(
                "ok      {name}: {} entries verified (from entry {} to {}{}), head {}",
                r.entries,
                r.anchor_seq + 1,
                r.head_seq,
                if r.erased > 0 {
                    format!("; {} of them with a detail erased", r.erased)
                } else {
                    String::new()
                },
                r.head_hash
            ),
            Some(b) => {
                broken += 1;
                println!(
                    "BROKEN  {name}: at {}{}: {}",
                    b.entry_id
                        .map(|id| format!("entry id {id}"))
                        .unwrap_or_else(|| "the end of the chain".into()),
                    b.seq.map(|s| format!(" (entry {s})")).unwrap_or_default(),
                    b.problem
                );
            }
        }
    }
    if broken > 0 {
        return Err(format!(
            "{broken} of {} event log chains are broken (see above)",
            reports.len()
        ));
    }
    println!("all {} event log chains are intact", reports.len());
    Ok(())
}

fn services(db: Db, config: &Config) -> Result<Services, String> {
    Ok(Services {
        db,
        clock: Arc::new(SystemClock),
        sessions: config.sessions,
        mailer: config.mailer()?,
        public_url: config.public_url.clone(),
        trusted_proxy: config.trusted_proxy,
    })
}

/// Runs the command line; the error is printed as one line by `main`.
pub async fn run(cli: Cli) -> Result<(), String> {
    log_init();
    if let Some(Command::BenchHash { iterations }) = cli.command {
        let iterations = iterations.max(1);
        let started = tessera_core::clock::monotonic();
        for i in 0..iterations {
            tessera_core::password::hash(format!("benchmark password {i}"))
                .await
                .map_err(|e| e.to_string())?;
        }
        let per = started.elapsed().as_secs_f64() * 1000.0 / f64::from(iterations);
        println!("argon2id m=19456 t=2 p=1: {per:.1} ms per hash ({iterations} hashes)");
        return Ok(());
    }
    if let Some(Command::GenImportCsv { rows, out, seed }) = &cli.command {
        let text = seed::import_csv(*rows, SystemClock.now().utc_date(), *seed);
        std::fs::write(out, text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        println!("wrote {rows} members to {}", out.display());
        return Ok(());
    }
    let mut config = Config::from_env()?;
    config.allow_owner_role |= cli.allow_owner_role;
    match cli.command.unwrap_or(Command::Serve) {
        Command::BenchHash { .. } | Command::GenImportCsv { .. } => Ok(()),
        Command::ImportMembers {
            club,
            file,
            map,
            dry_run,
        } => {
            let db = open_db(&config).await?;
            let s = services(db, &config)?;
            let result = import_members(&s, &club, &file, &map, dry_run).await;
            s.db.close().await;
            result
        }
        Command::RetentionRun { at, batch, dry_run } => {
            let db = open_db(&config).await?;
            let s = services(db, &config)?;
            let result = retention_run(&s, at.as_deref(), batch, dry_run).await;
            s.db.close().await;
            result
        }
        Command::Serve => serve(config).await,
        Command::Backup { out } => {
            let key = backup_key()?;
            let db = open_owner_db(&config).await?;
            let started = tessera_core::clock::monotonic();
            let result =
                tessera_core::backup::backup(&db, &out, key.as_ref(), SystemClock.now()).await;
            db.close().await;
            let s = result.map_err(|e| e.to_string())?;
            println!(
                "backup written to {}: {} tables, {} rows, {:.1} MB, schema {}, {}{} in {:.1} s",
                out.display(),
                s.tables,
                s.rows,
                s.bytes as f64 / 1e6,
                s.schema,
                s.database,
                if s.encrypted { ", encrypted" } else { "" },
                started.elapsed().as_secs_f64()
            );
            if key.is_none() {
                eprintln!("note: the backup is not encrypted; it holds every member's data and the platform's secrets. Set TESSERA_BACKUP_KEY to encrypt it");
            }
            Ok(())
        }
        Command::Restore { from, force } => {
            let key = backup_key()?;
            // The file is checked before the database is even opened.
            tessera_core::backup::inspect(&from).map_err(|e| e.to_string())?;
            let db = open_owner_db(&config).await?;
            let started = tessera_core::clock::monotonic();
            let result = tessera_core::backup::restore(&db, &from, key.as_ref(), force).await;
            db.close().await;
            let s = result.map_err(|e| e.to_string())?;
            println!(
                "restored {}: {} tables, {} rows (a {} backup of schema {}) in {:.1} s",
                from.display(),
                s.tables,
                s.rows,
                s.database,
                s.schema,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::VerifyLog { tenant } => {
            let db = open_owner_db(&config).await?;
            let result = verify_log(&db, tenant.as_deref()).await;
            db.close().await;
            result
        }
        Command::Migrate => {
            let db = open_db(&config).await?;
            db.close().await;
            println!("migrations applied");
            Ok(())
        }
        Command::CreateOperator {
            email,
            name,
            password_env,
        } => {
            let password = match password_env {
                Some(var) => std::env::var(&var)
                    .map_err(|_| format!("the environment variable {var} is not set"))?,
                None => {
                    let p = rpassword::prompt_password("Password: ")
                        .map_err(|e| format!("cannot read the password: {e}"))?;
                    let again = rpassword::prompt_password("Password again: ")
                        .map_err(|e| format!("cannot read the password: {e}"))?;
                    if p != again {
                        return Err("the two passwords differ".into());
                    }
                    p
                }
            };
            if password.chars().count() < 12 {
                return Err("the password of a staff account needs at least 12 characters".into());
            }
            let db = open_db(&config).await?;
            let s = services(db, &config)?;
            create_operator(&s, &email, &name, password).await?;
            s.db.close().await;
            println!("operator {email} created");
            Ok(())
        }
        Command::SeedDemo {
            password,
            members,
            extra_clubs,
            clubs,
            if_empty,
        } => {
            let db = open_db(&config).await?;
            let s = services(db, &config)?;
            if if_empty && seed::is_seeded(&s.db).await.map_err(|e| e.to_string())? {
                println!("the demo data is already there; nothing to do");
                return Ok(());
            }
            // On PostgreSQL, the owner role refreshes the planner's statistics after the
            // bulk loads (the application role may not).
            let owner = match &config.migration_url {
                Some(m) => Some(Db::connect(m, 1).await.map_err(|e| e.to_string())?),
                None => None,
            };
            let started = tessera_core::clock::monotonic();
            let report = seed::seed_demo_with(
                &s.db,
                Some(owner.as_ref().unwrap_or(&s.db)),
                s.now(),
                &SeedOptions {
                    members_per_club: members,
                    extra_clubs,
                    clubs: clubs.map(|n| n as usize),
                    password: password.clone(),
                },
            )
            .await
            .map_err(|e| e.to_string())?;
            s.db.close().await;
            if let Some(o) = owner {
                o.close().await;
            }
            println!(
                "seeded {} clubs with {} members in {:.1} s",
                report.clubs,
                report.members,
                started.elapsed().as_secs_f64()
            );
            if !report.accounts.is_empty() {
                println!("\ndemo accounts (password: the one given with --password):");
                for a in &report.accounts {
                    println!("  {:<40} {}", a.email, a.description);
                }
            }
            Ok(())
        }
    }
}

async fn create_operator(
    s: &Services,
    email: &str,
    name: &str,
    password: String,
) -> Result<(), String> {
    let actor = Actor::system("create-operator");
    let now = s.now();
    let operator = match tenants::operator_slug(&s.db)
        .await
        .map_err(|e| e.to_string())?
    {
        Some(slug) => tenants::find_by_slug(&s.db, TenantKind::Operator, &slug)
            .await
            .map_err(|e| e.to_string())?,
        None => None,
    };
    let operator = match operator {
        Some(o) => o,
        None => tenants::create(
            &s.db,
            &actor,
            now,
            tenants::NewTenant {
                parent: None,
                kind: TenantKind::Operator,
                slug: seed::OPERATOR_SLUG.into(),
                name: "Tessera".into(),
                city: None,
                primary_color: "#1f4e79".into(),
                accent_color: "#f2a900".into(),
                default_lang: Lang::En,
                plan: None,
            },
        )
        .await
        .map_err(|e| e.to_string())?,
    };
    let id = identities::create(&s.db, &actor, now, email, name, Some(password))
        .await
        .map_err(describe)?;
    tessera_core::roles::grant_admin(
        &s.db,
        &TenantScope::for_system_task(&tessera_core::jobs::SystemTask::command_line(), operator),
        &actor,
        now,
        id,
    )
    .await
    .map_err(describe)?;
    Ok(())
}

/// The suggested mapping of `headers` with the `--map COLUMN=FIELD` changes applied: a field
/// given to a column is taken from the column the suggestion gave it to.
fn mapping_with(
    headers: &[String],
    suggested: Vec<(usize, String)>,
    changes: &[String],
) -> Result<Vec<(usize, String)>, String> {
    let mut mapping = suggested;
    for change in changes {
        let (column, field) = change.rsplit_once('=').ok_or_else(|| {
            format!(
                "--map {change:?}: write it as COLUMN=FIELD, for example \"Geboren op=birth_date\""
            )
        })?;
        let (column, field) = (column.trim(), field.trim());
        let index = headers
            .iter()
            .position(|h| h.to_lowercase() == column.to_lowercase())
            .or_else(|| {
                column
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=headers.len()).contains(n))
                    .map(|n| n - 1)
            })
            .ok_or_else(|| {
                format!(
                    "--map {change:?}: the file has no column {column:?}; its columns are {}",
                    headers
                        .iter()
                        .map(|h| format!("{h:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
        if field != import::IGNORE {
            for (_, target) in mapping.iter_mut().filter(|(_, t)| t == field) {
                *target = import::IGNORE.to_string();
            }
        }
        match mapping.iter_mut().find(|(c, _)| *c == index) {
            Some((_, target)) => *target = field.to_string(),
            None => mapping.push((index, field.to_string())),
        }
    }
    Ok(mapping)
}

fn print_report(p: &ImportPreview) {
    println!(
        "\n{} rows: {} valid, {} with problems; {} already in the club, {} twice in the file; {} to add",
        p.rows, p.valid, p.invalid, p.duplicates_existing, p.duplicates_in_file, p.to_add
    );
    if p.problem_count > 0 {
        println!(
            "\nproblems ({} in all{}):",
            p.problem_count,
            if p.problem_count > p.problems.len() {
                format!(", the first {} listed", p.problems.len())
            } else {
                String::new()
            }
        );
        for x in &p.problems {
            let place = match (x.field.as_str(), x.header.as_str()) {
                ("columns", _) => String::new(),
                (f, "") => format!(" {f}"),
                (f, h) => format!(" {h} ({f})"),
            };
            println!("  row {}{place}: {}", x.row, x.problem);
        }
    }
    let duplicates = p.duplicates_existing + p.duplicates_in_file;
    if duplicates > 0 {
        println!("\nskipped as duplicates ({duplicates} in all):");
        for d in p.duplicates.iter().take(10) {
            println!("  row {}: {}", d.row, d.reason);
        }
        if duplicates > 10 {
            println!("  … and {} more", duplicates - 10);
        }
    }
}

/// A progress bar on standard error: `[#####     ] 45000/100000`.
fn progress_bar(done: usize, total: usize) {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH)
        .checked_div(total)
        .unwrap_or(WIDTH)
        .min(WIDTH);
    eprint!(
        "\r[{}{}] {done}/{total}",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled)
    );
}

async fn import_members(
    s: &Services,
    club: &str,
    file: &std::path::Path,
    changes: &[String],
    dry_run: bool,
) -> Result<(), String> {
    let started = tessera_core::clock::monotonic();
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let info = import::inspect(&bytes).map_err(describe)?;
    let suggested = info
        .suggested
        .iter()
        .map(|c| (c.column, c.target.clone()))
        .collect();
    let mapping = mapping_with(&info.headers, suggested, changes)?;
    let tenant = tenants::find_by_slug(&s.db, TenantKind::Club, club)
        .await
        .map_err(describe)?
        .ok_or_else(|| format!("there is no club {club:?}"))?;
    let scope =
        TenantScope::for_system_task(&tessera_core::jobs::SystemTask::command_line(), tenant);
    let actor = Actor::command_line_import();
    let now = s.now();
    println!(
        "{}: {} rows, cells separated by {:?}\n\ncolumns:",
        file.display(),
        info.rows,
        info.delimiter
    );
    for (i, h) in info.headers.iter().enumerate() {
        let target = mapping
            .iter()
            .find(|(c, _)| *c == i)
            .map(|(_, t)| t.as_str())
            .unwrap_or(import::IGNORE);
        println!("  {:>3} {h:<28} -> {target}", i + 1);
    }
    let report = import::preview(&s.db, &scope, now, &bytes, &mapping)
        .await
        .map_err(describe)?;
    print_report(&report);
    if report.invalid > 0 {
        return Err(format!(
            "{} of {} rows have problems, so nothing was imported: correct them and run again",
            report.invalid, report.rows
        ));
    }
    if dry_run {
        println!("\ndry run: nothing was imported");
        return Ok(());
    }
    let committing = tessera_core::clock::monotonic();
    let outcome = import::commit(&s.db, &scope, &actor, now, &bytes, &mapping, &progress_bar).await;
    eprintln!();
    match outcome {
        Ok(o) => {
            println!(
                "\nadded {} members, skipped {} duplicates: {:.2} s to store, {:.2} s in all",
                o.added,
                o.skipped_duplicates,
                committing.elapsed().as_secs_f64(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Err(import::CommitError::Rows(p)) => {
            print_report(&p);
            Err("rows have problems, so nothing was imported".into())
        }
        Err(import::CommitError::Other(e)) => Err(describe(e)),
    }
}

/// `tessera retention-run`: the retention job once, with its counts and time.
async fn retention_run(
    s: &Services,
    at: Option<&str>,
    batch: usize,
    dry_run: bool,
) -> Result<(), String> {
    use tessera_core::retention;
    let now = match at {
        Some(day) => {
            let d = tessera_common::time::Date::parse(day)
                .ok_or_else(|| format!("--at {day:?}: give a day as YYYY-MM-DD"))?;
            tessera_common::time::Timestamp(d.days_since_epoch() * 86_400_000 + 12 * 3_600_000)
        }
        None => s.now(),
    };
    let task = tessera_core::jobs::SystemTask::command_line();
    let started = tessera_core::clock::monotonic();
    if dry_run {
        let mut due = [0i64; 4];
        let clubs = tenants::active_clubs(&s.db).await.map_err(describe)?;
        for club in &clubs {
            let scope = TenantScope::for_system_task(&task, club.clone());
            let p = retention::dry_run(&s.db, &scope, now)
                .await
                .map_err(describe)?;
            for (k, (_, n, _)) in p.counts.iter().enumerate() {
                if let Some(d) = due.get_mut(k) {
                    *d += n;
                }
            }
        }
        println!(
            "dry run over {} clubs in {:.2} s: {} members to anonymise, {} applications, {} invitations, {} log entries to remove",
            clubs.len(),
            started.elapsed().as_secs_f64(),
            due[0],
            due[1],
            due[2],
            due[3]
        );
        return Ok(());
    }
    let limits = retention::Limits {
        batch: batch.max(1),
        max_batches: None,
    };
    let out = retention::run_due(&s.db, &task, now, limits)
        .await
        .map_err(describe)?;
    let reminded = retention::send_reminders(&s.db, &task, &s.mailer, &s.public_url, now)
        .await
        .map_err(describe)?;
    let deleted = retention::delete_due_tenants(&s.db, &task, now, limits)
        .await
        .map_err(describe)?;
    println!(
        "retention run in {:.2} s: {} members erased, {} applications, {} invitations, {} log entries removed ({} transactions); {reminded} reminders sent; {deleted} clubs deleted",
        started.elapsed().as_secs_f64(),
        out.members_anonymised,
        out.applications_removed,
        out.links_removed,
        out.events_removed,
        out.batches
    );
    Ok(())
}

fn describe(e: tessera_common::AppError) -> String {
    match e {
        tessera_common::AppError::Invalid(fields) => fields
            .into_iter()
            .map(|f| format!("{}: {}", f.field, f.problem))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// The club jobs that follow the calendar, run at start-up and then every hour (each is
/// idempotent: a second run the same day does nothing): members who came of age are
/// invited to an account of their own; member imports left running by a stopped process
/// are marked failed.
fn spawn_daily_jobs(services: &Services) {
    let s = services.clone();
    tokio::spawn(async move {
        loop {
            match tessera_core::run_daily(&s).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(invited = n, "members who came of age were invited"),
                Err(e) => {
                    tracing::error!(error = %e, "the daily jobs failed; they run again in an hour")
                }
            }
            // An import whose app server stopped (another one, on PostgreSQL) is marked
            // failed here too, without waiting for that server's restart.
            if let Err(e) = tessera_core::member_imports::recover(&s.db, s.now()).await {
                tracing::error!(error = %e, "looking for interrupted member imports failed");
            }
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        }
    });
}

/// [`open_db`] for serving: on PostgreSQL, refuses a `DATABASE_URL` role that row-level
/// security does not apply to (it owns the tables, is a superuser or has BYPASSRLS), unless
/// the configuration allows it explicitly (`TESSERA_ALLOW_OWNER_ROLE=1`,
/// `--allow-owner-role`), which is logged as a warning.
pub async fn open_serving_db(config: &Config) -> Result<Db, String> {
    let db = open_db(config).await?;
    match db.rls_exemption().await {
        Ok(None) => Ok(db),
        Ok(Some(why)) if config.allow_owner_role => {
            tracing::warn!("{why}: row-level security does not apply to it, so only the application's own checks keep tenants apart (allowed by TESSERA_ALLOW_OWNER_ROLE / --allow-owner-role; never do this in production)");
            Ok(db)
        }
        Ok(Some(why)) => {
            db.close().await;
            Err(format!("refusing to serve: {why}, so PostgreSQL's row-level security would not apply to it. Connect DATABASE_URL as a role that neither owns the tables nor bypasses row-level security, and set DATABASE_MIGRATION_URL to the owner role (it applies the migrations and grants the application role its rights). For local development only, TESSERA_ALLOW_OWNER_ROLE=1 or --allow-owner-role allows it with a warning"))
        }
        Err(e) => {
            db.close().await;
            Err(format!("cannot check the database role: {e}"))
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let db = open_serving_db(&config).await?;
    let services = services(db, &config)?;
    // Imports left running by a process that stopped mid-way are marked failed before the
    // first page shows them (nothing of them was stored).
    match tessera_core::member_imports::recover(&services.db, services.now()).await {
        Ok(0) => {}
        Ok(n) => tracing::warn!(imports = n, "interrupted member imports were marked failed"),
        Err(e) => tracing::error!(error = %e, "looking for interrupted member imports failed"),
    }
    tokio::task::spawn_blocking(tessera_core::password::warm_up)
        .await
        .map_err(|e| e.to_string())?;
    spawn_session_cleanup(&services);
    spawn_daily_jobs(&services);
    // The federation reads queued for the clubs' event logs, moved there within a second.
    tessera_core::fedreads::queue::spawn(services.db.clone(), services.clock.clone());
    // the delivery of mailings' outboxes (resumes what a stopped process left).
    tessera_core::mailings::spawn_delivery(
        services.clone(),
        tessera_core::mailings::Pace::per_second(crate::config::mail_rate()?),
    );
    // The static files' compressed copies a build did not write (a debug build), in the
    // background: until they are there, the compression layer compresses on the fly.
    let pkg_dir = std::path::PathBuf::from(format!("{}/pkg", config.site_root));
    tokio::task::spawn_blocking(move || {
        let n = crate::delivery::precompress_missing(&pkg_dir);
        if n > 0 {
            tracing::info!(files = n, "compressed copies of the static files written");
        }
    });
    let config = Arc::new(config);
    let state = AppState {
        leptos_options: leptos_options(&config),
        services: services.clone(),
        config: config.clone(),
    };
    let app = build_router(state);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    tracing::info!("listening on http://{}", config.addr);
    axum::serve(
        crate::router::without_delay(listener),
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(|e| e.to_string())?;
    services.db.close().await;
    Ok(())
}
