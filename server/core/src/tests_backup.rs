//! Tamper evidence (the event logs' hash chains) and backups, on both databases.

use crate::accounts as events;
use crate::db::{Backend, Db, DbUrl};
use crate::event_chain::{self, Chain};
use crate::scope::{Actor, TenantScope};
use crate::testing::{self, TestDb};
use crate::tests::{world, T0};
use tessera_common::time::Timestamp;

/// The same test database opened as the role that owns the tables (PostgreSQL), which the
/// command line's verify-log and backup use; SQLite: the database itself.
pub(crate) async fn owner_of(t: &TestDb) -> Db {
    match &t.url {
        DbUrl::Sqlite(_) => t.db.clone(),
        DbUrl::Postgres(url) => {
            let name = url.rsplit('/').next().unwrap();
            let owner = std::env::var("TESSERA_TEST_PG_OWNER_URL").unwrap();
            let url = format!("{}/{name}", owner.trim_end_matches('/'));
            Db::connect(&DbUrl::Postgres(url), 2).await.unwrap()
        }
    }
}

/// Runs `sql` against the event log as someone with direct access to the database would,
/// past the append-only triggers (SQLite: dropped and put back; PostgreSQL: the owner
/// disables them) and row-level security.
pub(crate) async fn tamper(t: &TestDb, owner: &Db, table: &str, sql: &str) {
    match t.backend() {
        Backend::Sqlite => {
            let (upd, del) = (format!("{table}_no_update"), format!("{table}_no_delete"));
            let mut triggers = Vec::new();
            for name in [&upd, &del] {
                let rows: Vec<(String,)> = {
                    let mut tx = owner.owner_snapshot().await.unwrap();
                    let r = tx
                        .fetch_all(
                            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = $1",
                            crate::args![name.as_str()],
                        )
                        .await
                        .unwrap();
                    tx.commit().await.unwrap();
                    r
                };
                triggers.push(rows[0].0.clone());
                owner
                    .raw_execute(&format!("DROP TRIGGER {name}"))
                    .await
                    .unwrap();
            }
            owner.raw_execute(sql).await.unwrap();
            for s in triggers {
                owner.raw_execute(&s).await.unwrap();
            }
        }
        Backend::Postgres => {
            let trigger = format!("{table}_no_change");
            owner
                .raw_execute(&format!(
                    "DO $$ BEGIN \
                     PERFORM set_config('app.maintenance', 'on', true); \
                     ALTER TABLE {table} DISABLE TRIGGER {trigger}; \
                     {sql}; \
                     ALTER TABLE {table} ENABLE TRIGGER {trigger}; \
                     END $$"
                ))
                .await
                .unwrap();
        }
    }
}

/// Verifies every chain (as `tessera verify-log` does) and fails the test on a broken one;
/// returns the reports.
pub(crate) async fn assert_chains_intact(t: &TestDb) -> Vec<(String, event_chain::ChainReport)> {
    let owner = owner_of(t).await;
    let all = reports(&owner).await;
    for (name, r) in &all {
        assert_eq!(r.broken, None, "{name} on {:?}", t.backend());
    }
    if t.backend() == Backend::Postgres {
        owner.close().await;
    }
    all
}

async fn reports(owner: &Db) -> Vec<(String, event_chain::ChainReport)> {
    event_chain::verify_log(owner, None).await.unwrap()
}

fn report(all: &[(String, event_chain::ChainReport)], chain: Chain) -> &event_chain::ChainReport {
    &all.iter().find(|(_, r)| r.chain == chain).unwrap().1
}

async fn entry_ids(owner: &Db, chain: Chain) -> Vec<i64> {
    let mut tx = owner.owner_snapshot().await.unwrap();
    let rows: Vec<(i64,)> = match chain {
        Chain::Tenant(t) => tx
            .fetch_all(
                "SELECT id FROM security_events WHERE tenant_id = $1 ORDER BY seq",
                crate::args![t],
            )
            .await
            .unwrap(),
        Chain::Platform => tx
            .fetch_all("SELECT id FROM platform_events ORDER BY seq", vec![])
            .await
            .unwrap(),
    };
    tx.commit().await.unwrap();
    rows.into_iter().map(|(i,)| i).collect()
}

#[tokio::test]
async fn the_event_logs_are_hash_chains_and_a_changed_or_deleted_entry_is_caught() {
    for t in testing::all().await {
        let db = &t.db;
        let owner = owner_of(&t).await;
        let w = world(db).await;
        let (a, b) = (w.club_a.id, w.club_b.id);
        for i in 0..5 {
            events::log_tenant_event(db, None, a, "test_a", Some(&format!("a{i}")), T0)
                .await
                .unwrap();
            events::log_tenant_event(db, None, b, "test_b", Some(&format!("b{i}")), T0)
                .await
                .unwrap();
            events::log_event(db, None, "test_p", Some(&format!("p{i}")), None, T0)
                .await
                .unwrap();
        }
        let all = reports(&owner).await;
        assert!(all.len() >= 5, "platform and the four tenants: {all:?}");
        for (name, r) in &all {
            assert_eq!(r.broken, None, "{name} on {:?}", t.backend());
            assert_eq!(r.entries as i64, r.head_seq, "{name}");
        }
        assert!(report(&all, Chain::Tenant(a)).entries >= 5);

        // A changed entry of club A: caught at that entry; club B untouched.
        let ids_a = entry_ids(&owner, Chain::Tenant(a)).await;
        let changed = ids_a[ids_a.len() - 3];
        tamper(
            &t,
            &owner,
            "security_events",
            &format!("UPDATE security_events SET detail = 'nothing happened' WHERE id = {changed}"),
        )
        .await;
        let all = reports(&owner).await;
        let broken = report(&all, Chain::Tenant(a)).broken.clone().unwrap();
        assert_eq!(broken.entry_id, Some(changed));
        assert!(broken.problem.contains("changed after"), "{broken:?}");
        assert_eq!(report(&all, Chain::Tenant(b)).broken, None);

        // A deleted entry in the middle of club B's log: caught at the one after it.
        let ids_b = entry_ids(&owner, Chain::Tenant(b)).await;
        let gone = ids_b[ids_b.len() - 2];
        tamper(
            &t,
            &owner,
            "security_events",
            &format!("DELETE FROM security_events WHERE id = {gone}"),
        )
        .await;
        let broken = report(&reports(&owner).await, Chain::Tenant(b))
            .broken
            .clone()
            .unwrap();
        assert_eq!(broken.entry_id, ids_b.last().copied());
        assert!(broken.problem.contains("missing"), "{broken:?}");

        // The newest platform entry deleted: the head shows it.
        let ids_p = entry_ids(&owner, Chain::Platform).await;
        tamper(
            &t,
            &owner,
            "platform_events",
            &format!(
                "DELETE FROM platform_events WHERE id = {}",
                ids_p.last().unwrap()
            ),
        )
        .await;
        let broken = report(&reports(&owner).await, Chain::Platform)
            .broken
            .clone()
            .unwrap();
        assert!(
            broken.problem.contains("newest entries were deleted"),
            "{broken:?}"
        );

        // The application role still cannot change or delete an entry at all.
        assert!(db
            .raw_execute("UPDATE platform_events SET kind = 'x'")
            .await
            .is_err());
        assert!(db.raw_execute("DELETE FROM platform_events").await.is_err());
        if t.backend() == Backend::Postgres {
            owner.close().await;
        }
    }
}

#[tokio::test]
async fn concurrent_writers_do_not_fork_a_chain() {
    for t in testing::all().await {
        let db = &t.db;
        let owner = owner_of(&t).await;
        let w = world(db).await;
        let club = w.club_a.id;
        let mut tasks = Vec::new();
        for i in 0..24 {
            let db = db.clone();
            tasks.push(tokio::spawn(async move {
                if i % 3 == 0 {
                    events::log_event(&db, None, "race_p", Some(&i.to_string()), None, T0).await
                } else {
                    events::log_tenant_event(&db, None, club, "race", Some(&i.to_string()), T0)
                        .await
                }
            }));
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let all = reports(&owner).await;
        for (name, r) in &all {
            assert_eq!(r.broken, None, "{name} on {:?}", t.backend());
        }
        assert!(report(&all, Chain::Tenant(club)).entries >= 16);
        if t.backend() == Backend::Postgres {
            owner.close().await;
        }
    }
}

#[tokio::test]
async fn pruning_moves_the_anchor_and_the_rest_stays_verifiable() {
    for t in testing::all().await {
        let db = &t.db;
        let owner = owner_of(&t).await;
        let w = world(db).await;
        let scope =
            TenantScope::for_system_task(&crate::jobs::SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        for day in 1..=6 {
            let at = Timestamp(T0.0 + day * 86_400_000);
            let mut tx = db.tenant_write(&scope, &sys, at).await.unwrap();
            tx.log("daily", Some(&format!("day {day}"))).await.unwrap();
            tx.commit().await.unwrap();
        }
        let before = report(&reports(&owner).await, Chain::Tenant(w.club_a.id)).clone();
        let cutoff = Timestamp(T0.0 + 3 * 86_400_000 + 1);
        let mut tx = db.tenant_write(&scope, &sys, cutoff).await.unwrap();
        let pruned = tx.prune_events(cutoff).await.unwrap();
        tx.commit().await.unwrap();
        // The world's own entries (at T0) and days 1 to 3.
        assert_eq!(pruned as i64, before.head_seq - 3);
        let after = report(&reports(&owner).await, Chain::Tenant(w.club_a.id)).clone();
        assert_eq!(after.broken, None);
        assert_eq!(after.anchor_seq, before.head_seq - 3);
        assert_eq!(after.entries, 3);
        assert_eq!(after.head_hash, before.head_hash);
        // Past the anchor nothing can be deleted, even by a write transaction of the club.
        let mut tx = db.tenant_write(&scope, &sys, cutoff).await.unwrap();
        assert!(tx
            .execute("DELETE FROM security_events WHERE tenant_id = $1", vec![])
            .await
            .is_err());
        drop(tx);
        // Pruning everything (a club's deletion) leaves an empty, still valid chain.
        let end = Timestamp(T0.0 + 30 * 86_400_000);
        let mut tx = db.tenant_write(&scope, &sys, end).await.unwrap();
        assert_eq!(tx.prune_events(end).await.unwrap(), 3);
        tx.commit().await.unwrap();
        let last = report(&reports(&owner).await, Chain::Tenant(w.club_a.id)).clone();
        assert_eq!((last.broken, last.entries), (None, 0));
        assert_eq!(last.anchor_seq, last.head_seq);
        // The platform's log the same way.
        for i in 0..4 {
            events::log_event(db, None, "p", None, None, Timestamp(T0.0 + i * 1000))
                .await
                .unwrap();
        }
        let before = report(&reports(&owner).await, Chain::Platform).clone();
        let pruned = event_chain::prune_platform_events(db, Timestamp(T0.0 + 2000))
            .await
            .unwrap();
        assert!(pruned >= 2);
        let after = report(&reports(&owner).await, Chain::Platform).clone();
        assert_eq!((after.broken, after.entries), (None, 2));
        assert_eq!(after.head_hash, before.head_hash);
        if t.backend() == Backend::Postgres {
            owner.close().await;
        }
    }
}

#[tokio::test]
async fn entries_written_before_the_chain_are_chained_once_and_later_strays_are_caught() {
    for t in testing::all().await {
        let db = &t.db;
        let owner = owner_of(&t).await;
        let w = world(db).await;
        let club = w.club_b.id.0;
        // Club B's log as it was before migration 0026: entries without a chain, no head.
        tamper(
            &t,
            &owner,
            "security_events",
            &format!("DELETE FROM security_events WHERE tenant_id = {club}"),
        )
        .await;
        owner
            .raw_execute(&format!(
                "{}DELETE FROM security_event_heads WHERE tenant_id = {club}{}",
                if t.backend() == Backend::Postgres {
                    "DO $$ BEGIN PERFORM set_config('app.maintenance', 'on', true); "
                } else {
                    ""
                },
                if t.backend() == Backend::Postgres {
                    "; END $$"
                } else {
                    ""
                },
            ))
            .await
            .unwrap();
        for (i, at) in [(1, 300), (2, 100), (3, 200)] {
            tamper(
                &t,
                &owner,
                "security_events",
                &format!(
                    "INSERT INTO security_events (tenant_id, id, kind, detail, at) \
                     VALUES ({club}, {i}, 'old', 'before the chain', {at})"
                ),
            )
            .await;
        }
        let broken = report(&reports(&owner).await, Chain::Tenant(w.club_b.id))
            .broken
            .clone()
            .unwrap();
        assert!(
            broken.problem.contains("not part of the chain"),
            "{broken:?}"
        );
        // The migrations' follow-up chains them, oldest first.
        let app_user = t.url.pg_user();
        owner.migrate(app_user.as_deref()).await.unwrap();
        let r = report(&reports(&owner).await, Chain::Tenant(w.club_b.id)).clone();
        assert_eq!((r.broken, r.entries, r.head_seq), (None, 3, 3));
        assert_eq!(
            entry_ids(&owner, Chain::Tenant(w.club_b.id)).await,
            vec![2, 3, 1]
        );
        // New entries go on from there.
        events::log_tenant_event(db, None, w.club_b.id, "new", None, T0)
            .await
            .unwrap();
        let r = report(&reports(&owner).await, Chain::Tenant(w.club_b.id)).clone();
        assert_eq!((r.broken, r.entries), (None, 4));
        // A stray entry added by hand later is never chained by a migration: it shows.
        tamper(
            &t,
            &owner,
            "security_events",
            &format!(
                "INSERT INTO security_events (tenant_id, id, kind, detail, at) \
                 VALUES ({club}, 9, 'forged', 'slipped in', 500)"
            ),
        )
        .await;
        owner.migrate(app_user.as_deref()).await.unwrap();
        let broken = report(&reports(&owner).await, Chain::Tenant(w.club_b.id))
            .broken
            .clone()
            .unwrap();
        assert_eq!(broken.entry_id, Some(9));
        if t.backend() == Backend::Postgres {
            owner.close().await;
        }
    }
}

mod backups {
    use super::*;
    use crate::backup::{self, BackupError, Key};
    use crate::seed::{self, SeedOptions};
    use std::path::PathBuf;

    fn file(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join("tessera-tests");
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(format!("{name}-{:x}.tbk", crate::ids::new_id()))
    }

    const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    /// A database with data in most tables: the demo seed (clubs, members, families, custom
    /// fields, forms, roles, accounts with passwords, the logo) and a few more events.
    async fn filled(db: &Db) {
        seed::seed_demo(
            db,
            T0,
            &SeedOptions {
                members_per_club: 25,
                extra_clubs: 0,
                clubs: Some(2),
                password: Some("a long enough demo password".into()),
            },
        )
        .await
        .unwrap();
        events::log_event(db, None, "test", Some("ünïcode \"quoted\"\n"), None, T0)
            .await
            .unwrap();
    }

    async fn fresh(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => testing::sqlite().await,
            Backend::Postgres => testing::postgres().await.unwrap(),
        }
    }

    fn other(b: Backend) -> Backend {
        match b {
            Backend::Sqlite => Backend::Postgres,
            Backend::Postgres => Backend::Sqlite,
        }
    }

    #[tokio::test]
    async fn a_backup_restores_every_table_equal_plain_encrypted_and_across_databases() {
        let pg = testing::postgres().await.is_some();
        for t in testing::all().await {
            let owner = owner_of(&t).await;
            filled(&t.db).await;
            let rows = backup::all_rows(&owner).await.unwrap();
            let filled_tables = rows.values().filter(|r| !r.is_empty()).count();
            assert!(filled_tables >= 15, "{filled_tables} tables hold rows");
            assert!(rows.contains_key("security_events") && rows.contains_key("members"));

            // Plain, into a fresh database of the same kind.
            let plain = file("plain");
            let s = backup::backup(&owner, &plain, None, T0).await.unwrap();
            assert!(!s.encrypted && s.rows > 100, "{s:?}");
            let target = fresh(t.backend()).await;
            let target_owner = owner_of(&target).await;
            let r = backup::restore(&target_owner, &plain, None, false)
                .await
                .unwrap();
            assert_eq!((r.tables, r.rows), (s.tables, s.rows));
            assert_eq!(backup::all_rows(&target_owner).await.unwrap(), rows);
            for (name, r) in event_chain::verify_log(&target_owner, None).await.unwrap() {
                assert_eq!(r.broken, None, "{name}");
            }

            // Encrypted, into a fresh database of the other kind (when both are here).
            let key = Key::from_hex(KEY).unwrap();
            let sealed = file("sealed");
            let s = backup::backup(&owner, &sealed, Some(&key), T0)
                .await
                .unwrap();
            assert!(s.encrypted);
            let kind = if pg { other(t.backend()) } else { t.backend() };
            let across = fresh(kind).await;
            let across_owner = owner_of(&across).await;
            backup::restore(&across_owner, &sealed, Some(&key), false)
                .await
                .unwrap();
            assert_eq!(
                backup::all_rows(&across_owner).await.unwrap(),
                rows,
                "{:?} into {kind:?}",
                t.backend()
            );
            // The restored database works: its clubs, people and sign-in.
            let club = crate::tenants::find_by_slug(
                &across.db,
                tessera_common::dto::TenantKind::Club,
                "vc-kempenvlug-herentals",
            )
            .await
            .unwrap();
            assert!(club.is_some());
            for p in [plain, sealed] {
                let _ = std::fs::remove_file(p);
            }
            for d in [target_owner, across_owner, owner] {
                if d.backend() == Backend::Postgres {
                    d.close().await;
                }
            }
        }
    }

    /// Rewrites a plain backup's body through `change` (lines of JSON), recomputing frames
    /// and checksum: a file that passes the checksum but whose content is wrong.
    fn rewrite(from: &PathBuf, to: &PathBuf, change: impl Fn(Vec<String>) -> Vec<String>) {
        use std::io::{BufRead, Write};
        let mut f = std::fs::File::open(from).unwrap();
        let (header, head) = backup::format::read_header(&mut f, "x").unwrap();
        let frames =
            backup::format::FrameReader::new(std::io::BufReader::new(f), &header, head, None)
                .unwrap();
        let lines: Vec<String> = std::io::BufReader::new(flate2::read::GzDecoder::new(frames))
            .lines()
            .map(|l| l.unwrap())
            .collect();
        let lines = change(lines);
        let out = std::fs::File::create(to).unwrap();
        let w = backup::format::FrameWriter::start(out, header, None).unwrap();
        let mut gz = flate2::write::GzEncoder::new(w, flate2::Compression::fast());
        for l in lines {
            gz.write_all(l.as_bytes()).unwrap();
            gz.write_all(b"\n").unwrap();
        }
        gz.finish().unwrap().finish().unwrap();
    }

    #[tokio::test]
    async fn bad_backups_and_targets_are_refused_with_nothing_half_done() {
        for t in testing::all().await {
            let owner = owner_of(&t).await;
            filled(&t.db).await;
            let rows = backup::all_rows(&owner).await.unwrap();
            let key = Key::from_hex(KEY).unwrap();
            let plain = file("plain");
            let sealed = file("sealed");
            backup::backup(&owner, &plain, None, T0).await.unwrap();
            backup::backup(&owner, &sealed, Some(&key), T0)
                .await
                .unwrap();
            let bytes = std::fs::read(&sealed).unwrap();

            // A database that holds data: refused unless forced; forced, it is replaced.
            assert!(matches!(
                backup::restore(&owner, &plain, None, false).await,
                Err(BackupError::NotEmpty(_))
            ));
            events::log_event(&t.db, None, "after the backup", None, None, T0)
                .await
                .unwrap();
            backup::restore(&owner, &plain, None, true).await.unwrap();
            assert_eq!(backup::all_rows(&owner).await.unwrap(), rows);

            let target = fresh(t.backend()).await;
            let target_owner = owner_of(&target).await;
            let empty = backup::all_rows(&target_owner).await.unwrap();
            let damaged = file("damaged");
            let refused = |case: &str, e: BackupError, expected: BackupError| {
                assert_eq!(e, expected, "{case} on {:?}", t.backend());
                assert!(!e.to_string().is_empty());
            };
            // One byte changed in the middle, and the file cut short: the checksum.
            let mut flipped = bytes.clone();
            let mid = flipped.len() / 2;
            flipped[mid] ^= 0x40;
            std::fs::write(&damaged, &flipped).unwrap();
            let e = backup::restore(&target_owner, &damaged, Some(&key), false)
                .await
                .unwrap_err();
            refused("a changed byte", e, BackupError::Damaged);
            for cut in [bytes.len() - 1, bytes.len() - 40, bytes.len() / 3, 20] {
                std::fs::write(&damaged, &bytes[..cut]).unwrap();
                let e = backup::restore(&target_owner, &damaged, Some(&key), false)
                    .await
                    .unwrap_err();
                refused(&format!("cut at {cut}"), e, BackupError::Damaged);
            }
            // Changed and given a new checksum: the encryption's authentication.
            let mut forged = flipped.clone();
            let n = forged.len();
            use sha2::Digest;
            let digest = sha2::Sha256::digest(&forged[..n - 32]);
            forged[n - 32..].copy_from_slice(&digest);
            std::fs::write(&damaged, &forged).unwrap();
            let e = backup::restore(&target_owner, &damaged, Some(&key), false)
                .await
                .unwrap_err();
            refused("forged checksum", e, BackupError::Altered);
            // The wrong key, no key, a key that is not one.
            let wrong = Key::from_hex(&KEY.replace('0', "1")).unwrap();
            let e = backup::restore(&target_owner, &sealed, Some(&wrong), false)
                .await
                .unwrap_err();
            refused("wrong key", e, BackupError::WrongKey);
            let e = backup::restore(&target_owner, &sealed, None, false)
                .await
                .unwrap_err();
            refused("no key", e, BackupError::KeyNeeded);
            assert_eq!(Key::from_hex("secret").unwrap_err(), BackupError::BadKey);
            // Not a backup at all.
            std::fs::write(&damaged, b"PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n").unwrap();
            assert!(matches!(
                backup::restore(&target_owner, &damaged, None, false).await,
                Err(BackupError::NotABackup(_))
            ));
            // Another schema version (with a valid checksum).
            let text = std::fs::read(&plain).unwrap();
            // (Its first digit changed, whatever the number of migrations.)
            let at = text.windows(9).position(|w| w == b"\"schema\":").unwrap();
            let mut other = text.clone();
            other[at + 9] = if other[at + 9] == b'9' { b'8' } else { b'9' };
            let n = other.len();
            let digest = sha2::Sha256::digest(&other[..n - 32]);
            other[n - 32..].copy_from_slice(&digest);
            std::fs::write(&damaged, &other).unwrap();
            assert!(matches!(
                backup::restore(&target_owner, &damaged, None, false).await,
                Err(BackupError::Schema { .. })
            ));
            // A file whose checksum holds but whose last table breaks: the transaction is
            // rolled back, after the earlier tables were loaded and the old rows deleted.
            rewrite(&plain, &damaged, |mut lines| {
                let end = lines.len() - 2;
                lines[end - 1] = "[\"not\",\"a\",\"row\"]".into();
                lines
            });
            let e = backup::restore(&owner, &damaged, None, true)
                .await
                .unwrap_err();
            refused("a broken row", e, BackupError::Damaged);
            assert_eq!(backup::all_rows(&owner).await.unwrap(), rows);
            rewrite(&plain, &damaged, |mut lines| {
                lines.pop();
                lines
            });
            let e = backup::restore(&owner, &damaged, None, true)
                .await
                .unwrap_err();
            refused("no end line", e, BackupError::Damaged);
            assert_eq!(backup::all_rows(&owner).await.unwrap(), rows);
            // Nothing of all this reached the empty target.
            assert_eq!(backup::all_rows(&target_owner).await.unwrap(), empty);
            for p in [plain, sealed, damaged] {
                let _ = std::fs::remove_file(p);
            }
            for d in [target_owner, owner] {
                if d.backend() == Backend::Postgres {
                    d.close().await;
                }
            }
        }
    }
}
