//! Retention and the deletion of a club that left (issue 17), on both databases, on an
//! injected clock (instants passed in; nothing sleeps).

use crate::db::{Db, Value};
use crate::jobs::SystemTask;
use crate::members::NewMember;
use crate::retention::{self, Limits};
use crate::scope::{self, Actor, TenantScope};
use crate::tests::{world, T0};
use crate::{args, members, testing};
use tessera_common::dto::{RetentionRule, RetentionRules, TenantKind};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, MemberId};

const DAY: i64 = 86_400_000;

#[derive(sqlx::FromRow)]
struct Anon {
    given_name: String,
    family_name: String,
    email: Option<String>,
    phone: Option<String>,
    street: Option<String>,
    city: Option<String>,
    birth_date: Option<String>,
    erased_at: Option<i64>,
}

fn system(club: &crate::tenants::TenantRecord) -> TenantScope {
    TenantScope::for_system_task(&SystemTask::background(), club.clone())
}

fn person(given: &str, family: &str) -> NewMember {
    NewMember {
        given_name: given.into(),
        family_name: family.into(),
        birth_date: Some("1961-02-03".into()),
        email: Some(format!(
            "{}.{}@old.example",
            given.to_lowercase(),
            family.to_lowercase()
        )),
        phone: Some("+32 470 11 22 33".into()),
        street: Some("Kerkstraat 1".into()),
        postcode: Some("2200".into()),
        city: Some("Herentals".into()),
        ..Default::default()
    }
}

async fn end_member(db: &Db, club: &TenantScope, id: MemberId, on: Date) {
    let mut tx = db
        .tenant_write(club, &Actor::system("test"), T0)
        .await
        .unwrap();
    tx.update(
        "members",
        id.0,
        vec![
            ("status", "ended".into()),
            ("ended_on", on.to_string().into()),
        ],
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn count(db: &Db, club: &TenantScope, sql: &str, a: Vec<Value>) -> i64 {
    let mut tx = db.tenant_read(club).await.unwrap();
    let (n,): (i64,) = tx.fetch_one(sql, a).await.unwrap();
    tx.commit().await.unwrap();
    n
}

/// The club's data for the retention test: ended members long ago (one with a custom
/// value, a child and an account), recent ones, applications and invitations.
struct Setup {
    old: Vec<MemberId>,
    recent: MemberId,
    child: MemberId,
}

async fn setup(db: &Db, sa: &TenantScope, now: Timestamp) -> Setup {
    let sys = Actor::system("test");
    let three_years_ago = Date::from_days(now.0 / DAY - 3 * 366);
    let last_year = Date::from_days(now.0 / DAY - 300);
    let mut old = Vec::new();
    for i in 0..7 {
        let id = members::create(db, sa, &sys, T0, person("Gone", &format!("Longago{i}")))
            .await
            .unwrap();
        end_member(db, sa, id, three_years_ago).await;
        old.push(id);
    }
    let recent = members::create(db, sa, &sys, T0, person("Still", "Recent"))
        .await
        .unwrap();
    end_member(db, sa, recent, last_year).await;
    let child = members::create(db, sa, &sys, T0, person("Kid", "Active"))
        .await
        .unwrap();
    let mut tx = db.tenant_write(sa, &sys, T0).await.unwrap();
    members::link_guardians(&mut tx, &[(old[0], child)])
        .await
        .unwrap();
    tx.insert(
        "custom_fields",
        vec![
            ("id", 77.into()),
            ("label", "Medical note".into()),
            ("label_key", "medical note".into()),
            ("kind", "text".into()),
            ("visibility", "staff".into()),
            ("position", 1.into()),
        ],
    )
    .await
    .unwrap();
    tx.insert(
        "member_field_values",
        vec![
            ("member_id", old[0].0.into()),
            ("field_id", 77.into()),
            ("value", "asthma-of-gone".into()),
        ],
    )
    .await
    .unwrap();
    tx.insert(
        "reg_forms",
        vec![
            ("id", 5.into()),
            ("slug", "join".into()),
            ("title", "Join".into()),
            ("audience", "self".into()),
            ("fields", "".into()),
        ],
    )
    .await
    .unwrap();
    let submission =
        |id: i64, status: &str, decided: Option<i64>, expires: i64, members: Option<String>| {
            vec![
                ("id", Value::from(id)),
                ("form_id", 5.into()),
                ("email", format!("applicant{id}@old.example").into()),
                ("data", "[]".into()),
                ("digest", format!("d{id}").into()),
                ("status", status.into()),
                ("expires_at", expires.into()),
                ("submitted_at", (now.0 - 400 * DAY).into()),
                ("decided_at", decided.into()),
                ("member_ids", Value::Text(members)),
            ]
        };
    for row in [
        submission(
            1,
            "rejected",
            Some(now.0 - 200 * DAY),
            now.0 - 390 * DAY,
            None,
        ),
        submission(2, "unconfirmed", None, now.0 - 100 * DAY, None),
        submission(3, "pending", None, now.0 - 100 * DAY, None),
        submission(
            4,
            "rejected",
            Some(now.0 - 10 * DAY),
            now.0 - 390 * DAY,
            None,
        ),
        submission(
            5,
            "approved",
            Some(now.0 - 900 * DAY),
            now.0 - 990 * DAY,
            Some(format!("{} {}", old[1].0, child.0)),
        ),
    ] {
        tx.insert("reg_submissions", row).await.unwrap();
    }
    for (id, expires) in [(1, now.0 - 60 * DAY), (2, now.0 + 5 * DAY)] {
        tx.insert(
            "admin_invitations",
            vec![
                ("id", Value::from(id)),
                ("email", format!("invitee{id}@old.example").into()),
                ("name", "Invited Person".into()),
                (
                    "token_hash",
                    format!("hash-{}-{id}", sa.tenant_id().0).into(),
                ),
                ("created_at", (expires - 7 * DAY).into()),
                ("expires_at", expires.into()),
            ],
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    // A recent event (kept) next to the old ones of the setup (removed after 12 months).
    let mut tx = db
        .tenant_write(sa, &sys, Timestamp(now.0 - 10 * DAY))
        .await
        .unwrap();
    tx.log("recent_event", Some("kept")).await.unwrap();
    tx.commit().await.unwrap();
    Setup { old, recent, child }
}

#[tokio::test]
async fn retention_runs_in_batches_resumes_after_a_cut_and_does_nothing_twice() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa = system(&w.club_a);
        let now = Timestamp(T0.0 + 400 * DAY);
        let s = setup(db, &sa, now).await;
        let old_events = count(
            db,
            &sa,
            "SELECT count(*) FROM security_events WHERE tenant_id = $1 AND at < $2",
            args![now.0 - 300 * DAY],
        )
        .await;
        assert!(old_events > 0, "the setup left old events");
        let b_before = count(
            db,
            &system(&w.club_b),
            "SELECT count(*) FROM security_events WHERE tenant_id = $1",
            vec![],
        )
        .await;

        // The dry run says what is due and why, and changes nothing.
        let preview = retention::dry_run(db, &sa, now).await.unwrap();
        let n = |r: RetentionRule| preview.counts.iter().find(|c| c.0 == r).unwrap().1;
        assert_eq!(n(RetentionRule::EndedMember), 7);
        assert_eq!(
            n(RetentionRule::Application),
            2,
            "rejected 200 days ago, unconfirmed expired 100 days ago"
        );
        assert_eq!(n(RetentionRule::Invitation), 1);
        assert_eq!(n(RetentionRule::Event), old_events);
        assert!(preview
            .items
            .iter()
            .any(|i| i.rule == RetentionRule::EndedMember && i.label == "Gone Longago3"));
        assert!(!preview
            .items
            .iter()
            .any(|i| i.id == s.recent.0 && i.rule == RetentionRule::EndedMember));
        assert_eq!(retention::dry_run(db, &sa, now).await.unwrap(), preview);

        // Cut off after three batches of two: six members done, the run left open.
        let first = retention::run_club(
            db,
            &sa,
            now,
            Limits {
                batch: 2,
                max_batches: Some(3),
            },
        )
        .await
        .unwrap();
        assert!(!first.finished);
        assert_eq!(first.members_anonymised, 6);
        let runs = retention::runs(db, &sa, 10).await.unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].finished_at, None);
        assert_eq!(runs[0].members_anonymised, 6);

        // Run again: it completes the same run; the end state is the whole policy applied.
        let second = retention::run_club(
            db,
            &sa,
            now,
            Limits {
                batch: 2,
                max_batches: None,
            },
        )
        .await
        .unwrap();
        assert!(second.finished);
        assert_eq!(second.members_anonymised, 1);
        assert_eq!(second.applications_removed, 2);
        assert_eq!(second.links_removed, 1);
        let runs = retention::runs(db, &sa, 10).await.unwrap();
        assert_eq!(runs.len(), 1, "one run, resumed, not two");
        let r = &runs[0];
        assert_eq!(r.finished_at, Some(now));
        assert_eq!(
            (
                r.members_anonymised,
                r.applications_removed,
                r.links_removed
            ),
            (7, 2, 1)
        );
        assert!(r.events_removed >= old_events);

        // The events went through the chain's anchor: every chain verifies, and the
        // pruning is itself in the club's log (with its count).
        let chains = crate::tests_backup::assert_chains_intact(&t).await;
        let club_a = &chains
            .iter()
            .find(|(_, r)| r.chain == crate::event_chain::Chain::Tenant(w.club_a.id))
            .unwrap()
            .1;
        assert!(club_a.anchor_seq > 0, "{club_a:?}");
        let pruned: Vec<(Option<String>,)> = {
            let mut tx = db.tenant_read(&sa).await.unwrap();
            let rows = tx
                .fetch_all(
                    "SELECT detail FROM security_events WHERE tenant_id = $1 AND kind = 'events_pruned'",
                    vec![],
                )
                .await
                .unwrap();
            tx.commit().await.unwrap();
            rows
        };
        let logged: u64 = pruned
            .iter()
            .map(|(d,)| {
                d.as_deref()
                    .unwrap()
                    .split(' ')
                    .next()
                    .unwrap()
                    .parse::<u64>()
                    .unwrap()
            })
            .sum();
        assert_eq!(logged as i64, r.events_removed, "{pruned:?}");
        // A third run finds nothing, and logs no empty run.
        let third = retention::run_club(db, &sa, now, Limits::default())
            .await
            .unwrap();
        assert_eq!(third.total(), 0);
        assert_eq!(retention::runs(db, &sa, 10).await.unwrap().len(), 1);
        let preview = retention::dry_run(db, &sa, now).await.unwrap();
        assert!(preview.counts.iter().all(|c| c.1 == 0), "{preview:?}");

        // The anonymised records: no personal column left, the dependants gone.
        for id in &s.old {
            let r: Anon = {
                let mut tx = db.tenant_read(&sa).await.unwrap();
                let row = tx
                    .fetch_one(
                        "SELECT given_name, family_name, email, phone, street, city, birth_date, erased_at \
                         FROM members WHERE tenant_id = $1 AND id = $2",
                        args![id.0],
                    )
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                row
            };
            let Anon {
                given_name: given,
                family_name: family,
                email,
                phone,
                street,
                city,
                birth_date: birth,
                erased_at: anon,
            } = r;
            assert_eq!(
                (given.as_str(), family.as_str()),
                ("", crate::rights::PLACEHOLDER)
            );
            assert_eq!(
                (email, phone, street, city, birth),
                (None, None, None, None, None)
            );
            assert_eq!(anon, Some(now.0));
        }
        for (sql, what) in [
            ("SELECT count(*) FROM member_field_values WHERE tenant_id = $1 AND value = 'asthma-of-gone'", "custom value"),
            ("SELECT count(*) FROM member_guardians WHERE tenant_id = $1", "family link"),
            ("SELECT count(*) FROM member_search WHERE tenant_id = $1 AND term LIKE 'longago%'", "search words"),
            ("SELECT count(*) FROM members WHERE tenant_id = $1 AND (family_name LIKE 'Longago%' OR email LIKE '%longago%')", "names"),
            ("SELECT count(*) FROM reg_submissions WHERE tenant_id = $1 AND id IN (1, 2)", "applications"),
            // The approved application that created an erased record stays, anonymised.
            ("SELECT count(*) FROM reg_submissions WHERE tenant_id = $1 AND id = 5 AND email <> '[erased]'", "application naming an erased record"),
            ("SELECT count(*) FROM admin_invitations WHERE tenant_id = $1 AND id = 1", "invitation"),
            ("SELECT count(*) FROM security_events WHERE tenant_id = $1 AND detail LIKE '%Longago%'", "log names"),
            ("SELECT count(*) FROM retention_runs WHERE tenant_id = $1 AND finished_at IS NULL", "open runs"),
        ] {
            assert_eq!(count(db, &sa, sql, vec![]).await, 0, "{what}");
        }
        // What was not due stays.
        assert_eq!(count(db, &sa, "SELECT count(*) FROM members WHERE tenant_id = $1 AND id = $2 AND family_name = 'Recent'", args![s.recent.0]).await, 1);
        assert_eq!(count(db, &sa, "SELECT count(*) FROM members WHERE tenant_id = $1 AND id = $2 AND family_name = 'Active'", args![s.child.0]).await, 1);
        assert_eq!(
            count(
                db,
                &sa,
                "SELECT count(*) FROM reg_submissions WHERE tenant_id = $1 AND id IN (3, 4)",
                vec![]
            )
            .await,
            2
        );
        assert_eq!(
            count(
                db,
                &sa,
                "SELECT count(*) FROM admin_invitations WHERE tenant_id = $1 AND id = 2",
                vec![]
            )
            .await,
            1
        );
        assert_eq!(count(db, &sa, "SELECT count(*) FROM security_events WHERE tenant_id = $1 AND kind = 'recent_event'", vec![]).await, 1);
        // One log entry for the run, with counts and no one's data.
        let mut tx = db.tenant_read(&sa).await.unwrap();
        let logged: Vec<(Option<String>,)> = tx
            .fetch_all("SELECT detail FROM security_events WHERE tenant_id = $1 AND kind = 'retention_run'", vec![])
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(logged.len(), 1);
        let detail = logged[0].0.clone().unwrap();
        assert!(detail.contains("members anonymised 7"), "{detail}");
        assert!(
            !detail.contains('@') && !detail.contains("Gone"),
            "{detail}"
        );
        // The other club is untouched.
        assert_eq!(
            count(
                db,
                &system(&w.club_b),
                "SELECT count(*) FROM security_events WHERE tenant_id = $1",
                vec![]
            )
            .await,
            b_before
        );
        // The event log is still append-only outside the job's permit.
        let mut tx = db
            .tenant_write(&sa, &Actor::system("test"), now)
            .await
            .unwrap();
        assert!(tx
            .execute("DELETE FROM security_events WHERE tenant_id = $1", vec![])
            .await
            .is_err());
    }
}

#[tokio::test]
async fn a_policy_out_of_bounds_or_stale_is_refused_and_changes_nothing() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa = system(&w.club_a);
        let admin = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        for bad in [
            RetentionRules {
                member_months: 0,
                ..RetentionRules::DEFAULT
            },
            RetentionRules {
                member_months: 1200,
                ..RetentionRules::DEFAULT
            },
            RetentionRules {
                event_months: -1,
                ..RetentionRules::DEFAULT
            },
            RetentionRules {
                application_days: 36_500,
                ..RetentionRules::DEFAULT
            },
            RetentionRules {
                link_days: 0,
                ..RetentionRules::DEFAULT
            },
        ] {
            match retention::save_rules(db, &admin, &w.admin_a, T0, bad, 0).await {
                Err(AppError::Invalid(f)) => assert_eq!(f.len(), 1, "{f:?}"),
                other => panic!("{other:?}"),
            }
        }
        let (rules, stamp, version) = retention::rules(db, &sa).await.unwrap();
        assert_eq!((rules, stamp, version), (RetentionRules::DEFAULT, None, 0));
        let mine = RetentionRules {
            member_months: 12,
            ..RetentionRules::DEFAULT
        };
        retention::save_rules(db, &admin, &w.admin_a, T0, mine, 0)
            .await
            .unwrap();
        // A form opened before that change is refused.
        assert!(matches!(
            retention::save_rules(db, &admin, &w.admin_a, T0, RetentionRules::DEFAULT, 0).await,
            Err(AppError::Conflict(_))
        ));
        let (rules, stamp, version) = retention::rules(db, &sa).await.unwrap();
        assert_eq!((rules, version), (mine, 1));
        assert_eq!(stamp.unwrap().by.as_deref(), Some("Anna Admin"));
        retention::save_rules(db, &admin, &w.admin_a, T0, RetentionRules::DEFAULT, 1)
            .await
            .unwrap();
        assert_eq!(retention::rules(db, &sa).await.unwrap().2, 2);
    }
}

async fn operator(db: &Db) -> TenantScope {
    let op = crate::tenants::find_by_slug(db, TenantKind::Operator, "platform")
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::background(), op)
}

#[tokio::test]
async fn a_club_that_leaves_is_read_only_reminded_exported_and_then_deleted_completely() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa = system(&w.club_a);
        setup(db, &sa, T0).await;
        let op = operator(db).await;
        let sys = Actor::system("operator");
        let today = T0.date_in(&w.club_a.time_zone);
        let day = |n: i64| Date::from_days(today.days_since_epoch() + n).to_string();
        // Refused, changing nothing: a day gone, not a day, too long a delay, no delay.
        for (end, delay, field) in [
            (day(-1), "30".to_string(), "end_on"),
            ("31/12/2026".to_string(), "30".to_string(), "end_on"),
            (day(10), "200".to_string(), "delay_days"),
            (day(10), "-1".to_string(), "delay_days"),
            (day(10), "soon".to_string(), "delay_days"),
        ] {
            match retention::end_contract(db, &op, &sys, T0, "club-a", &end, &delay).await {
                Err(AppError::Invalid(f)) => assert_eq!(f[0].field, field, "{end} {delay}"),
                other => panic!("{end} {delay}: {other:?}"),
            }
        }
        assert_eq!(
            retention::end_contract(db, &op, &sys, T0, "no-such-club", &day(10), "30")
                .await
                .err(),
            Some(AppError::NotFound)
        );
        // A club's own scope (not the operator's) cannot end its contract.
        assert!(
            retention::end_contract(db, &sa, &sys, T0, "club-a", &day(10), "30")
                .await
                .is_err()
        );
        assert!(crate::tenants::find_by_id(db, w.club_a.id)
            .await
            .unwrap()
            .unwrap()
            .contract_end_on
            .is_none());

        let club = retention::end_contract(db, &op, &sys, T0, "club-a", &day(10), "40")
            .await
            .unwrap();
        assert_eq!(club.contract_end_on, Some(day(10)));
        assert_eq!(club.deletion_on, Some(day(50)));
        assert!(matches!(
            retention::end_contract(db, &op, &sys, T0, "club-a", &day(20), "10").await,
            Err(AppError::Conflict(_))
        ));
        // Writable before the end, read-only from the end day on (the admin still reads).
        let end_at = club.contract_ends_at.unwrap();
        let before = scope::resolve(
            db,
            &w.admin_a,
            TenantKind::Club,
            "club-a",
            Timestamp(end_at.0 - 1),
        )
        .await
        .unwrap();
        assert!(before.writable().is_ok());
        let after = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", end_at)
            .await
            .unwrap();
        assert_eq!(after.read_only_since(), Some(end_at));
        assert_eq!(
            members::create(db, &after, &w.admin_a, end_at, person("New", "Person"))
                .await
                .err(),
            Some(AppError::ReadOnly)
        );

        // Reminders: none before 30 days, each of 30 and 7 days once.
        let outbox = std::env::temp_dir().join(format!("tessera-ret-{}", crate::ids::new_id()));
        std::fs::create_dir_all(&outbox).unwrap();
        let mailer = crate::mail::Mailer::outbox(outbox.clone(), "noreply@tessera.test").unwrap();
        let deletion_at = club.deletion_at.unwrap();
        let at = |ms: i64| Timestamp(deletion_at.0 - ms);
        assert_eq!(
            retention::send_reminders(
                db,
                &SystemTask::background(),
                &mailer,
                "http://x",
                at(31 * DAY)
            )
            .await
            .unwrap(),
            0
        );
        assert_eq!(
            retention::send_reminders(
                db,
                &SystemTask::background(),
                &mailer,
                "http://x",
                at(30 * DAY - 1)
            )
            .await
            .unwrap(),
            1
        );
        assert_eq!(
            retention::send_reminders(
                db,
                &SystemTask::background(),
                &mailer,
                "http://x",
                at(29 * DAY)
            )
            .await
            .unwrap(),
            0
        );
        assert_eq!(
            retention::send_reminders(
                db,
                &SystemTask::background(),
                &mailer,
                "http://x",
                at(7 * DAY)
            )
            .await
            .unwrap(),
            1
        );
        assert_eq!(
            retention::send_reminders(db, &SystemTask::background(), &mailer, "http://x", at(DAY))
                .await
                .unwrap(),
            0
        );
        let mails: Vec<String> = std::fs::read_dir(&outbox)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert_eq!(mails.len(), 2);
        assert!(
            mails.iter().all(|m| m.contains("admin@a.be")),
            "to the club's administrator"
        );
        assert!(
            mails.iter().any(|m| m.contains("30 dagen")),
            "in the administrator's language (the club's: Dutch)"
        );
        let _ = std::fs::remove_dir_all(&outbox);

        // The export bundle: every tenant table, as JSON and CSV.
        let tables = retention::tenant_tables(db).await.unwrap();
        for t in [
            "members",
            "security_events",
            "member_field_values",
            "retention_policies",
            "tenant_logos",
        ] {
            assert!(tables.contains(&t.to_string()), "{t} in {tables:?}");
        }
        let pos = |t: &str| tables.iter().position(|x| x == t).unwrap();
        assert!(
            pos("member_guardians") < pos("members"),
            "children before parents: {tables:?}"
        );
        let bundle = retention::export_bundle(db, &after, &w.admin_a, end_at)
            .await
            .unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bundle.bytes.clone())).unwrap();
        for t in &tables {
            assert!(zip.by_name(&format!("tables/{t}.json")).is_ok(), "{t}.json");
            assert!(zip.by_name(&format!("tables/{t}.csv")).is_ok(), "{t}.csv");
        }
        let members_json: serde_json::Value = {
            let mut f = zip.by_name("tables/members.json").unwrap();
            let mut s = String::new();
            std::io::Read::read_to_string(&mut f, &mut s).unwrap();
            serde_json::from_str(&s).unwrap()
        };
        let in_db = count(
            db,
            &sa,
            "SELECT count(*) FROM members WHERE tenant_id = $1",
            vec![],
        )
        .await;
        assert_eq!(members_json.as_array().unwrap().len() as i64, in_db);
        assert!(members_json.to_string().contains("Longago3"));
        assert!(zip.by_name("manifest.json").is_ok());
        // Recorded in the export register: kind bundle, every member of the club in it.
        let mut tx = db.tenant_read(&sa).await.unwrap();
        let reg: Vec<(String, i64, String, String)> = tx
            .fetch_all(
                "SELECT kind, people, sha256, purpose FROM export_register WHERE tenant_id = $1",
                vec![],
            )
            .await
            .unwrap();
        let (included,): (i64,) = tx
            .fetch_one(
                "SELECT count(*) FROM export_register_members x JOIN export_register r \
                 ON r.tenant_id = x.tenant_id AND r.id = x.export_id \
                 WHERE x.tenant_id = $1 AND r.kind = 'bundle'",
                vec![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let bundle_entry = reg.iter().find(|r| r.0 == "bundle").unwrap();
        assert_eq!(bundle_entry.1, in_db);
        assert_eq!(included, in_db);
        assert_eq!(bundle_entry.2, crate::exports::sha256_hex(&bundle.bytes));

        // The deletion: not before its day; cut off after three tables, then completed.
        assert_eq!(
            retention::delete_due_tenants(
                db,
                &SystemTask::background(),
                Timestamp(deletion_at.0 - 1),
                Limits::default()
            )
            .await
            .unwrap(),
            0
        );
        let cut = retention::delete_tenant(
            db,
            &SystemTask::background(),
            w.club_a.id,
            deletion_at,
            Limits {
                batch: 500,
                max_batches: Some(3),
            },
        )
        .await
        .unwrap();
        assert!(!cut.finished);
        assert_eq!(cut.batches, 3);
        assert!(crate::tenants::find_by_id(db, w.club_a.id)
            .await
            .unwrap()
            .is_some());
        assert_eq!(
            retention::delete_due_tenants(
                db,
                &SystemTask::background(),
                deletion_at,
                Limits::default()
            )
            .await
            .unwrap(),
            1
        );
        assert!(crate::tenants::find_by_id(db, w.club_a.id)
            .await
            .unwrap()
            .is_none());
        // A third run: nothing left to do.
        assert_eq!(
            retention::delete_due_tenants(
                db,
                &SystemTask::background(),
                deletion_at,
                Limits::default()
            )
            .await
            .unwrap(),
            0
        );
        // Every chain left verifies (the club's is gone with its head; the platform's
        // records the deletion).
        let chains = crate::tests_backup::assert_chains_intact(&t).await;
        assert!(!chains
            .iter()
            .any(|(_, r)| r.chain == crate::event_chain::Chain::Tenant(w.club_a.id)));
        // Every table with a tenant_id holds no row of the club; the other club keeps its own.
        let sb = system(&w.club_b);
        for t in &tables {
            let sql = format!("SELECT count(*) FROM {t} WHERE tenant_id = $1");
            assert_eq!(count(db, &sa, &sql, vec![]).await, 0, "{t}");
        }
        assert!(
            count(
                db,
                &sb,
                "SELECT count(*) FROM members WHERE tenant_id = $1",
                vec![]
            )
            .await
                > 0
        );
        assert!(
            count(
                db,
                &sb,
                "SELECT count(*) FROM security_events WHERE tenant_id = $1",
                vec![]
            )
            .await
                > 0
        );
        // The platform log says so, without anyone's data.
        let mut tx = db.platform(false).await.unwrap();
        let logged: Vec<(Option<String>,)> = tx
            .fetch_all(
                "SELECT detail FROM platform_events WHERE kind = 'tenant_deleted'",
                vec![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(logged.len(), 1);
        let d = logged[0].0.clone().unwrap();
        assert!(
            d.contains("club-a") && !d.contains('@') && !d.contains("Gone"),
            "{d}"
        );
        // The club's address no longer resolves.
        assert_eq!(
            scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", deletion_at)
                .await
                .err(),
            Some(AppError::NotFound)
        );
    }
}

#[tokio::test]
async fn pruning_one_club_deletes_nothing_of_another() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let (sa, sb) = (system(&w.club_a), system(&w.club_b));
        let sys = Actor::system("test");
        let all = "SELECT count(*) FROM security_events WHERE tenant_id = $1";
        let b_before = count(db, &sb, all, vec![]).await;
        assert!(b_before > 0);
        // Club A prunes its whole log (its anchor moves to its head).
        let end = Timestamp(T0.0 + 400 * DAY);
        let mut tx = db.tenant_write(&sa, &sys, end).await.unwrap();
        assert!(tx.prune_events(end).await.unwrap() > 0);
        tx.commit().await.unwrap();
        assert_eq!(count(db, &sa, all, vec![]).await, 0);
        // Club A's anchor lets none of club B's entries go: not from club A's transaction
        // (row-level security or the trigger), not directly.
        let b = w.club_b.id.0;
        let mut tx = db.tenant_write(&sa, &sys, end).await.unwrap();
        let _ = tx
            .execute(
                &format!("DELETE FROM security_events WHERE tenant_id = {b}"),
                vec![],
            )
            .await;
        drop(tx);
        let _ = db
            .raw_execute(&format!(
                "DELETE FROM security_events WHERE tenant_id = {b}"
            ))
            .await;
        // Club A's head moved far beyond club B's entries does not let them go either.
        let _ = db
            .raw_execute(&format!(
                "UPDATE security_event_heads SET head_seq = 1000000, anchor_seq = 1000000 \
                 WHERE tenant_id = {}",
                w.club_a.id.0
            ))
            .await;
        let _ = db
            .raw_execute(&format!(
                "DELETE FROM security_events WHERE tenant_id = {b}"
            ))
            .await;
        assert_eq!(count(db, &sb, all, vec![]).await, b_before);
        // Club B's head cannot go while it has entries.
        let raw = db
            .raw_execute(&format!(
                "DELETE FROM security_event_heads WHERE tenant_id = {b}"
            ))
            .await;
        if t.backend() == crate::db::Backend::Sqlite {
            assert!(raw.is_err());
        }
        let mut tx = db.tenant_write(&sb, &sys, end).await.unwrap();
        assert!(tx
            .execute(
                "DELETE FROM security_event_heads WHERE tenant_id = $1",
                vec![]
            )
            .await
            .is_err());
        drop(tx);
        let chains = crate::tests_backup::assert_chains_intact(&t).await;
        assert!(chains.iter().any(|(_, r)| r.chain
            == crate::event_chain::Chain::Tenant(w.club_b.id)
            && r.entries as i64 == b_before));
    }
}
