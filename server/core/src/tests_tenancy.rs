//! Tenancy as a type, checked on the source itself: who may build a system scope, and that
//! every SQL statement of the storage code that touches a tenant table is bound to the
//! scope's tenant (`tenant_id = $1`, or joined on `tenant_id` to a table that is).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn relative(p: &Path) -> String {
    p.strip_prefix(root())
        .unwrap_or(p)
        .display()
        .to_string()
        .replace('\\', "/")
}

/// The system scope (every right of a tenant, no read-only check) is for the command line
/// and background jobs only: nothing in `app/` or in the server's request handling names it
/// or the capability it needs. Inside `tessera_core` only the jobs, the seed and the
/// operator's provisioning (with its `platform.manage`) make one.
#[test]
fn only_the_command_line_and_jobs_build_a_system_scope() {
    const NAMES: [&str; 2] = ["for_system_task", "SystemTask"];
    let mut files = Vec::new();
    rust_files(&root().join("app"), &mut files);
    rust_files(&root().join("server/src"), &mut files);
    assert!(files.len() > 20, "the sources were found: {}", files.len());
    let mut offenders = Vec::new();
    for f in &files {
        let name = relative(f);
        if name == "server/src/cli.rs" || name == "server/src/main.rs" {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        for n in NAMES {
            if text.contains(n) {
                offenders.push(format!("{name} names {n}"));
            }
        }
    }
    // Inside the core: where a system scope may be made, and why.
    let allowed_in_core = [
        // The capability itself.
        "server/core/src/jobs.rs",
        // The daily jobs (`run_daily`).
        "server/core/src/lib.rs",
        // The constructor.
        "server/core/src/scope.rs",
        // The demo seed, run by the command line only.
        "server/core/src/seed/mod.rs",
        // The operator provisions a tenant: `SystemTask::operator_provisioning` checks
        // `platform.manage` on the operator's own scope first.
        "server/core/src/tenants/operations.rs",
        // The recovery of imports interrupted by a stopped process: a job, run by `serve`
        // at start-up and every hour, never by a request.
        "server/core/src/imports/member_imports.rs",
        // Retention and the deletion of a club that left: jobs (`run_daily`, the command
        // line's `retention-run`); their public entry points take the caller's SystemTask.
        "server/core/src/retention/job.rs",
        "server/core/src/retention/leaving.rs",
        // The operator notifies a club of a breach and announces a change of the
        // sub-processors to every club: `SystemTask::operator_provisioning` checks
        // `platform.manage` on the operator's own scope first.
        "server/core/src/breaches/platform.rs",
        // The demo's breaches and sub-processors, run by the command line only.
        "server/core/src/seed/breach.rs",
        // The demo's affiliations (issue 18), run by the command line only.
        "server/core/src/seed/affiliations.rs",
        // licences: the demo's licences (the federation's and each club's scope), run by
        // the command line only.
        "server/core/src/seed/licences.rs",
        // the delivery of mailings' outboxes, a job run by `serve` (and after
        // a mailing is queued), never by a request.
        "server/core/src/mailings/outbox.rs",
        // an unsubscribe link opens the one outbox row its token names; the
        // token's HMAC under a key used for nothing else is the authority (no session, as
        // RFC 8058 asks), and it reaches nothing but that row and its consent.
        "server/core/src/mailings/token.rs",
        // xfer18: the demo's federation reads and transfers (command line only); the
        // stand-in licensed people for tests, the seed and the bench (their entry points
        // take the caller's SystemTask); the transfers job that releases unanswered
        // transfers (`transfers::release_overdue` takes the caller's SystemTask).
        "server/core/src/seed/transfers.rs",
        // templates: the demo's templates and adoptions (command line only); the usage
        // snapshot, a job of `run_daily` that the operator may also run now (after
        // `platform.manage` on the operator's own scope), counts only.
        "server/core/src/seed/templates.rs",
        "server/core/src/usage/mod.rs",
        "server/core/src/fedreads/stand_in.rs",
        "server/core/src/transfers/mod.rs",
        // dash18: the daily count of every federation's clubs (`fedstats::refresh_all`
        // takes the caller's SystemTask: `run_daily` and the demo seed), counts only.
        "server/core/src/fedstats/mod.rs",
        // the job that moves the federation reads queued for a club into the club's event
        // log (`fedreads::queue`: `serve` and an erasure), and its sweep over every club.
        "server/core/src/fedreads/queue.rs",
    ];
    let mut core = Vec::new();
    rust_files(&root().join("server/core/src"), &mut core);
    for f in &core {
        let name = relative(f);
        let file = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if allowed_in_core.contains(&name.as_str())
            || file.starts_with("tests")
            || file == "testing.rs"
        {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        if text.contains("for_system_task") || text.contains("SystemTask") {
            offenders.push(format!("{name} makes a system scope"));
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

/// The tables that have a `tenant_id` column, read from the migrations of both backends.
fn tenant_tables() -> BTreeSet<String> {
    let mut tables = BTreeSet::new();
    for backend in ["sqlite", "postgres"] {
        let dir = root().join("migrations").join(backend);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap().to_lowercase();
            let text: String = text
                .lines()
                .map(|l| l.split("--").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            let mut rest = text.as_str();
            while let Some(i) = rest.find("create table") {
                rest = &rest[i + "create table".len()..];
                let head = rest
                    .trim_start()
                    .trim_start_matches("if not exists")
                    .trim_start();
                let name: String = head
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                    .collect();
                let body_start = head.find('(').unwrap_or(0);
                // The body ends at the parenthesis that closes the first one.
                let mut depth = 0;
                let mut end = head.len();
                for (k, c) in head[body_start..].char_indices() {
                    match c {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                end = body_start + k;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                if head[body_start..end]
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .any(|w| w == "tenant_id")
                {
                    tables.insert(name);
                }
            }
            let mut rest = text.as_str();
            while let Some(i) = rest.find("alter table") {
                rest = &rest[i + "alter table".len()..];
                let stmt = rest.split(';').next().unwrap_or("");
                if stmt.contains("add column tenant_id") {
                    let name: String = stmt
                        .trim_start()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    tables.insert(name);
                }
            }
        }
    }
    tables
}

/// The string literals of a Rust source (plain and raw), with line continuations applied,
/// each with its line number.
fn string_literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line += 1;
            i += 1;
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'\'' {
            // A char literal ('"', '\'', 'x') or a lifetime.
            if b.get(i + 1) == Some(&b'\\') {
                i += 2;
                while i < b.len() && b[i] != b'\'' {
                    i += 1;
                }
                i += 1;
            } else if b.get(i + 2) == Some(&b'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c == b'r'
            && (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                i += 1;
                continue;
            }
            let start = j + 1;
            let close: String = format!("\"{}", "#".repeat(hashes));
            let end = src[start..].find(&close).map_or(src.len(), |k| start + k);
            let s = &src[start..end];
            out.push((line, s.to_string()));
            line += s.matches('\n').count();
            i = end + close.len();
        } else if c == b'"' {
            let start_line = line;
            let mut s = String::new();
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                if b[j] == b'\\' {
                    match b.get(j + 1) {
                        Some(b'\n') => {
                            line += 1;
                            j += 2;
                            while j < b.len() && (b[j] == b' ' || b[j] == b'\t' || b[j] == b'\n') {
                                if b[j] == b'\n' {
                                    line += 1;
                                }
                                j += 1;
                            }
                            continue;
                        }
                        Some(b'n') => s.push('\n'),
                        Some(&e) => s.push(e as char),
                        None => {}
                    }
                    j += 2;
                    continue;
                }
                if b[j] == b'\n' {
                    line += 1;
                }
                let ch_len = src[j..].chars().next().map_or(1, char::len_utf8);
                s.push_str(&src[j..j + ch_len]);
                j += ch_len;
            }
            out.push((start_line, s));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

const KEYWORDS: [&str; 24] = [
    "where",
    "join",
    "left",
    "inner",
    "on",
    "set",
    "values",
    "select",
    "order",
    "group",
    "limit",
    "union",
    "intersect",
    "except",
    "using",
    "as",
    "returning",
    "default",
    "natural",
    "cross",
    "having",
    "offset",
    "window",
    "for",
];

fn tokens(sql: &str) -> Vec<String> {
    let mut t = Vec::new();
    let mut cur = String::new();
    for c in sql.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '.' || c == '{' || c == '}' {
            cur.push(c.to_ascii_lowercase());
        } else {
            if !cur.is_empty() {
                t.push(std::mem::take(&mut cur));
            }
            if !c.is_whitespace() {
                t.push(c.to_string());
            }
        }
    }
    if !cur.is_empty() {
        t.push(cur);
    }
    t
}

/// The tenant tables a statement names that are not bound to `$1`: each use of a table must
/// have `alias.tenant_id = $1` (or, unaliased, `tenant_id = $1`), or be joined on
/// `tenant_id` to a use that is; an insert must name `tenant_id` and bind `$1`.
fn unbound_tenant_tables(sql: &str, tenant: &BTreeSet<String>) -> Vec<String> {
    let t = tokens(sql);
    // (table, alias) of every use of a tenant table.
    let mut uses: Vec<(String, String, bool)> = Vec::new();
    for k in 0..t.len() {
        if !matches!(t[k].as_str(), "from" | "join" | "into" | "update") {
            continue;
        }
        let Some(table) = t.get(k + 1) else { continue };
        if !tenant.contains(table.as_str()) {
            continue;
        }
        let insert = t[k] == "into";
        let mut next = k + 2;
        if t.get(next).is_some_and(|x| x == "as") {
            next += 1;
        }
        let alias = match t.get(next) {
            Some(a)
                if !insert
                    && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !KEYWORDS.contains(&a.as_str()) =>
            {
                a.clone()
            }
            _ => table.clone(),
        };
        uses.push((table.clone(), alias, insert));
    }
    let mut bound: BTreeSet<String> = BTreeSet::new();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for k in 0..t.len() {
        let (a, eq, b) = (
            t[k].as_str(),
            t.get(k + 1).map(String::as_str),
            t.get(k + 2).map(String::as_str),
        );
        if eq != Some("=") {
            continue;
        }
        let Some(b) = b else { continue };
        let side = |x: &str| -> Option<String> {
            if x == "tenant_id" {
                Some(String::new())
            } else {
                x.strip_suffix(".tenant_id").map(str::to_string)
            }
        };
        match (side(a), side(b)) {
            (Some(x), None) if b == "$1" => {
                bound.insert(x);
            }
            (None, Some(y)) if a == "$1" => {
                bound.insert(y);
            }
            (Some(x), Some(y)) => pairs.push((x, y)),
            _ => {}
        }
    }
    // An unqualified `tenant_id = $1` binds the unaliased uses (and the one use there is).
    if bound.contains("") {
        let single = uses.len() == 1;
        for (table, alias, _) in &uses {
            if alias == table || single {
                bound.insert(alias.clone());
            }
        }
    }
    loop {
        let before = bound.len();
        for (x, y) in &pairs {
            if bound.contains(x) || bound.contains(y) {
                bound.insert(x.clone());
                bound.insert(y.clone());
            }
        }
        if bound.len() == before {
            break;
        }
    }
    let mut bad = Vec::new();
    for (table, alias, insert) in uses {
        let ok = if insert {
            sql.contains("tenant_id") && sql.contains("$1")
        } else {
            bound.contains(&alias)
        };
        if !ok {
            bad.push(table);
        }
    }
    bad
}

/// Statements that touch tenant tables without the tenant predicate, each for a reason:
/// (file, a piece of the statement that identifies it, why it may).
const ALLOWED: &[(&str, &str, &str)] = &[
    // templates
    (
        "usage/mod.rs",
        "(SELECT count(*) FROM members m WHERE m.tenant_id = t.id) + (SELECT count(*) FROM fed_people p",
        "the operator's usage counts per tenant on SQLite, each subquery keyed on that tenant's id (PostgreSQL: usage_counts(), numbers only)",
    ),
    (
        "roles/storage.rs",
        "AS holders FROM roles r",
        "ROLE_SELECT is a fragment; every use appends `WHERE r.tenant_id = $1`",
    ),
    (
        "search.rs",
        "DELETE FROM member_search",
        "rebuilding the whole search index after the migrations, run by the owner at start-up",
    ),
    (
        "tenancy.rs",
        "FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE m.identity_id = i.id",
        "a person's own state: how many non-club tenants they belong to (a number)",
    ),
    (
        "tenancy.rs",
        "LEFT JOIN tenant_logos l",
        "a tenant's row with its own logo's hash, joined on that tenant's id",
    ),
    (
        "tenants/look.rs",
        "FROM tenant_logos l JOIN tenants t ON t.id = l.tenant_id WHERE t.slug = $1",
        "serving an active tenant's logo by its public slug",
    ),
    (
        "tenants/storage.rs",
        "(SELECT count(*) FROM members m WHERE m.tenant_id = t.id AND ($1 IS NULL OR m.restricted_at IS NULL))",
        "the operator's and a federation's counts on SQLite, restricted records left out of the federation's (PostgreSQL: tenant_usage(), numbers only)",
    ),
    (
        "accounts/identities.rs",
        "WHERE m.identity_id = $1",
        "a person's own memberships and roles across tenants (landing page, staff check; on PostgreSQL my_roles() and the memberships policy on app.identity_id)",
    ),
    (
        "imports/member_imports.rs",
        "FROM member_imports WHERE status = 'running'",
        "the recovery of interrupted imports (a job: start-up and hourly) lists every tenant's running imports, ids only, on SQLite (PostgreSQL: running_member_imports())",
    ),
];

/// Every SQL statement in the storage code (`server/core/src/**/*.rs`, tests aside) that
/// names a table with a `tenant_id` column binds it to the scope's tenant, `$1` (what
/// `TenantTx` binds first), directly or through a join on `tenant_id`, or is on the short
/// allow-list above with its reason.
#[test]
fn every_statement_on_a_tenant_table_is_bound_to_the_tenant() {
    let tenant = tenant_tables();
    for t in [
        "members",
        "memberships",
        "roles",
        "security_events",
        "reg_submissions",
    ] {
        assert!(tenant.contains(t), "{t} is a tenant table: {tenant:?}");
    }
    assert!(!tenant.contains("tenants") && !tenant.contains("identities"));
    let mut files = Vec::new();
    rust_files(&root().join("server/core/src"), &mut files);
    let mut offenders = Vec::new();
    let mut used = BTreeSet::new();
    let mut statements = 0;
    for f in &files {
        let name = relative(f);
        let file = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if file.starts_with("tests") || file == "testing.rs" || name.contains("/tests/") {
            continue;
        }
        let src = std::fs::read_to_string(f).unwrap();
        let src = src.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        for (line, lit) in string_literals(src) {
            let head = lit.trim_start().to_lowercase();
            if !["select ", "insert ", "update ", "delete ", "with "]
                .iter()
                .any(|k| head.starts_with(k))
            {
                continue;
            }
            statements += 1;
            let bad = unbound_tenant_tables(&lit, &tenant);
            if bad.is_empty() {
                continue;
            }
            if let Some(k) = ALLOWED
                .iter()
                .position(|(file, piece, _)| name.ends_with(file) && lit.contains(piece))
            {
                used.insert(k);
                continue;
            }
            offenders.push(format!("{name}:{line}: {bad:?} not bound to $1: {lit}"));
        }
    }
    assert!(statements > 150, "the statements were found: {statements}");
    assert!(
        offenders.is_empty(),
        "{} statements on tenant tables without `tenant_id = $1`:\n{}",
        offenders.len(),
        offenders.join("\n")
    );
    let stale: Vec<_> = (0..ALLOWED.len()).filter(|k| !used.contains(k)).collect();
    assert!(
        stale.is_empty(),
        "allow-list entries that match nothing: {stale:?}"
    );
}

/// The checker itself: it finds what it should and lets through what it should.
#[test]
fn the_tenant_predicate_check_tells_bound_from_unbound() {
    let tenant: BTreeSet<String> = ["members", "memberships", "roles"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let ok = [
        "SELECT id FROM members WHERE tenant_id = $1 AND id = $2",
        "SELECT m.id FROM memberships m JOIN roles r ON r.tenant_id = m.tenant_id WHERE m.tenant_id = $1",
        "SELECT 1 FROM members WHERE tenant_id = $1 AND EXISTS (SELECT 1 FROM memberships s WHERE s.tenant_id = members.tenant_id)",
        "INSERT INTO members (tenant_id, id) VALUES ($1, $2)",
        "SELECT id FROM identities WHERE email = $1",
    ];
    for sql in ok {
        assert!(unbound_tenant_tables(sql, &tenant).is_empty(), "{sql}");
    }
    let bad = [
        ("SELECT id FROM members WHERE id = $2", "members"),
        ("SELECT id FROM members WHERE tenant_id = $2", "members"),
        ("SELECT m.id FROM memberships m JOIN roles r ON r.id = m.id WHERE m.tenant_id = $1", "roles"),
        ("DELETE FROM roles WHERE id = $1", "roles"),
        ("UPDATE members SET x = 1 WHERE tenant_id = tenant_id", "members"),
        ("SELECT 1 FROM members m WHERE m.tenant_id = $1 AND EXISTS (SELECT 1 FROM memberships s WHERE s.member_id = m.id)", "memberships"),
    ];
    for (sql, table) in bad {
        assert_eq!(
            unbound_tenant_tables(sql, &tenant),
            vec![table.to_string()],
            "{sql}"
        );
    }
    let lits = string_literals(
        "let a = \"SELECT x \\\n     FROM y\"; let c = '\"'; let b = r#\"a \"q\" b\"#;",
    );
    let lits: Vec<String> = lits.into_iter().map(|(_, s)| s).collect();
    assert_eq!(
        lits,
        vec!["SELECT x FROM y".to_string(), "a \"q\" b".to_string()]
    );
}

/// The storage side, on both databases: the clubs' event logs apart from the platform's
/// events, row-level security forced on every tenant table (PostgreSQL).
mod storage {
    use super::tenant_tables;
    use crate::db::Backend;
    use crate::jobs::SystemTask;
    use crate::scope::TenantScope;
    use crate::tests::{world, T0};
    use crate::{accounts, args, testing};

    #[tokio::test]
    async fn a_clubs_events_stay_in_the_club_and_a_persons_on_the_platform() {
        for t in testing::all().await {
            let db = &t.db;
            let w = world(db).await;
            let task = SystemTask::background();
            let a = TenantScope::for_system_task(&task, w.club_a.clone());
            let b = TenantScope::for_system_task(&task, w.club_b.clone());
            let mut tx = db.tenant_write(&a, &w.admin_a, T0).await.unwrap();
            tx.log("probe_a", Some("of club A")).await.unwrap();
            tx.commit().await.unwrap();
            accounts::log_tenant_event(db, None, a.tenant_id(), "probe_platform_a", None, T0)
                .await
                .unwrap();
            let me = w.admin_a.identity.unwrap();
            accounts::log_event(db, Some(me), "probe_sign_in", None, Some("10.0.0.1"), T0)
                .await
                .unwrap();
            // The club's event log: its own events, never the other club's or a person's.
            let of_a: Vec<String> = accounts::club_events(db, &a, 500)
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.kind)
                .collect();
            assert!(of_a.contains(&"probe_a".to_string()), "{of_a:?}");
            assert!(of_a.contains(&"probe_platform_a".to_string()), "{of_a:?}");
            assert!(!of_a.contains(&"probe_sign_in".to_string()), "{of_a:?}");
            let of_b = accounts::club_events(db, &b, 500).await.unwrap();
            assert!(
                !of_b.iter().any(|e| e.kind.starts_with("probe")),
                "{of_b:?}"
            );
            // The person's own page: their platform events, not the clubs' logs.
            let mine: Vec<String> = accounts::events_of(db, me, 500)
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.kind)
                .collect();
            assert!(mine.contains(&"probe_sign_in".to_string()), "{mine:?}");
            assert!(!mine.contains(&"probe_a".to_string()), "{mine:?}");
            // A statement of club B that forgets its filter on purpose: on PostgreSQL the
            // policy on security_events hides club A's events (app role, app.tenant_id = B).
            let mut tx = db.tenant_read(&b).await.unwrap();
            let (n,): (i64,) = tx
                .fetch_one(
                    "SELECT count(*) FROM security_events WHERE tenant_id <> $1",
                    args![],
                )
                .await
                .unwrap();
            tx.commit().await.unwrap();
            match t.backend() {
                Backend::Postgres => assert_eq!(n, 0, "RLS hides club A's events from B"),
                Backend::Sqlite => assert!(n >= 2, "{n}"),
            }
            // Both logs stay append-only.
            let mut tx = db.tenant_write(&a, &w.admin_a, T0).await.unwrap();
            let changed = tx
                .execute(
                    "UPDATE security_events SET kind = 'x' WHERE tenant_id = $1",
                    args![],
                )
                .await;
            assert!(changed.is_err(), "the club's event log is append-only");
            drop(tx);
            assert!(db.raw_execute("DELETE FROM platform_events").await.is_err());
        }
    }

    /// Every table with a `tenant_id` column has row-level security enabled and forced (so
    /// it applies to the owner too); the application role cannot switch on the owner's
    /// maintenance policy.
    #[tokio::test]
    async fn every_tenant_table_forces_row_level_security_on_postgres() {
        for t in testing::all().await {
            if t.backend() != Backend::Postgres {
                continue;
            }
            let db = &t.db;
            let _records = world(db).await;
            let mut p = db.platform(false).await.unwrap();
            let rows: Vec<(String, bool, bool)> = p
                .fetch_all(
                    "SELECT c.relname::text, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c \
                     JOIN pg_namespace n ON n.oid = c.relnamespace \
                     JOIN pg_attribute a ON a.attrelid = c.oid \
                     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attname = 'tenant_id' \
                     AND NOT a.attisdropped ORDER BY 1",
                    args![],
                )
                .await
                .unwrap();
            p.commit().await.unwrap();
            let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
            for table in tenant_tables() {
                assert!(
                    names.contains(&table.as_str()) || table == "member_search_state",
                    "{table} from the migrations is a tenant table in the database: {names:?}"
                );
            }
            let weak: Vec<&str> = rows
                .iter()
                .filter(|(_, on, forced)| !(*on && *forced))
                .map(|r| r.0.as_str())
                .collect();
            assert!(
                weak.is_empty(),
                "tenant tables without FORCE ROW LEVEL SECURITY: {weak:?}"
            );
            // Records in two clubs, then the application role switching the owner's maintenance on sees nothing more.
            let mut p = db.platform(false).await.unwrap();
            let (n,): (i64,) = p
                .fetch_one(
                    "SELECT count(*) FROM members WHERE set_config('app.maintenance', 'on', true) = 'on'",
                    args![],
                )
                .await
                .unwrap();
            assert_eq!(n, 0, "the app role is not the owner");
            p.commit().await.unwrap();
        }
    }
}
