//! One erasure for both reasons (issue 17): the retention of ended members goes through
//! `rights::erasure::erase_members_in_tx` and leaves, like a person's erasure request, no
//! trace of them in any text column of any table; a batch of 500 is fast. On SQLite and
//! PostgreSQL.

use crate::db::{Db, Value};
use crate::jobs::SystemTask;
use crate::members::{NewMember, SelfInput};
use crate::retention::{self, Limits};
use crate::scope::{self, Actor, AuthLevel, TenantScope};
use crate::tests::{world, T0};
use crate::tests_rights::occurrences;
use crate::{accounts, args, identities, members, testing};
use std::collections::BTreeMap;
use tessera_common::dto::{FieldForm, MemberForm, TenantKind};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{IdentityId, MemberId};

const DAY: i64 = 86_400_000;

fn system(club: &crate::tenants::TenantRecord) -> TenantScope {
    TenantScope::for_system_task(&SystemTask::background(), club.clone())
}

fn person(id: IdentityId, name: &str) -> Actor {
    Actor {
        identity: Some(id),
        name: name.into(),
        level: AuthLevel::Password,
        pending: None,
        stamp_label: None,
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

#[tokio::test]
async fn retention_leaves_no_trace_of_the_ended_in_any_column() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let sa = system(&w.club_a);
        let sys = Actor::system("test");
        let nrn = crate::custom_fields::create(
            db,
            &a,
            &w.admin_a,
            T0,
            &FieldForm {
                label: "National number".into(),
                kind: "national_number".into(),
                help: String::new(),
                required: false,
                options: String::new(),
                visibility: "member".into(),
                member_editable: false,
            },
        )
        .await
        .unwrap();
        let email = "ysolde.vranckxhoven@example.be";
        let id = identities::create(
            db,
            &sys,
            T0,
            email,
            "Ysolde Vranckxhoven",
            Some("a long enough test password".into()),
        )
        .await
        .unwrap();
        let yv = person(id, "Ysolde Vranckxhoven");
        let record = members::create(
            db,
            &a,
            &w.admin_a,
            T0,
            NewMember {
                given_name: "Ysolde".into(),
                family_name: "Vranckxhoven".into(),
                birth_date: Some("1985-07-30".into()),
                email: Some(email.into()),
                phone: Some("+32 470 91 82 73".into()),
                street: Some("Vranckxhovenlaan 3".into()),
                city: Some("Lier".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        identities::add_membership(db, &a, &sys, T0, id, Some(record))
            .await
            .unwrap();
        let rec = members::get(db, &a, record).await.unwrap();
        let mut form = MemberForm::of(&rec);
        form.custom = BTreeMap::from([(format!("c{nrn}"), "85073003328".to_string())]);
        members::update(db, &a, &w.admin_a, T0, record, &form, rec.version)
            .await
            .unwrap();
        let stored = members::get(db, &a, record).await.unwrap();
        let phone = stored.phone.clone().unwrap();
        let nrn_value = stored
            .custom
            .iter()
            .find(|c| c.field.id == nrn)
            .unwrap()
            .values[0]
            .clone();
        // Their own change of their record (their name in the stamp), a session, an event
        // and a consent note naming them, an invitation to their address.
        let me = scope::resolve(db, &yv, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let own = members::own(db, &me).await.unwrap();
        members::update_own(
            db,
            &me,
            &yv,
            T0,
            &SelfInput {
                email: email.into(),
                phone: phone.clone(),
                street: "Vranckxhovenlaan 4".into(),
                postcode: "2500".into(),
                city: "Lier".into(),
                custom: BTreeMap::new(),
            },
            own.version,
        )
        .await
        .unwrap();
        accounts::record_session(
            db,
            "sid-yv",
            id,
            T0,
            Some("10.0.0.7"),
            Some("Vranckxhoven's phone"),
        )
        .await
        .unwrap();
        let news = crate::consents::save_purpose(
            db,
            &a,
            &w.admin_a,
            T0,
            None,
            &crate::consents::PurposeInput {
                title: tessera_common::consent::Localized {
                    en: "Newsletter".into(),
                    nl: "Nieuwsbrief".into(),
                    fr: "Lettre".into(),
                },
                body: tessera_common::consent::Localized {
                    en: "News".into(),
                    nl: "Nieuws".into(),
                    fr: "Nouvelles".into(),
                },
            },
            None,
        )
        .await
        .unwrap();
        crate::consents::record(
            db,
            &a,
            &w.admin_a,
            T0,
            &crate::consents::ConsentChange {
                member: record,
                purpose: news,
                given: true,
                source: tessera_common::consent::ConsentSource::Paper,
                note: Some("Ysolde Vranckxhoven signed at the bar".to_string()),
            },
        )
        .await
        .unwrap();
        let now = Timestamp(T0.0 + 400 * DAY);
        // Logged recently (older entries go with the log's own retention).
        let mut tx = db
            .tenant_write(&sa, &w.admin_a, Timestamp(now.0 - 10 * DAY))
            .await
            .unwrap();
        tx.log("member_invited", Some("Ysolde Vranckxhoven"))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut tx = db.tenant_write(&sa, &w.admin_a, T0).await.unwrap();
        tx.insert(
            "admin_invitations",
            vec![
                ("id", Value::from(91_i64)),
                ("email", email.into()),
                ("name", "Ysolde Vranckxhoven".into()),
                ("token_hash", "th-yv".into()),
                ("created_at", T0.into()),
                ("expires_at", (T0.0 + 400 * DAY).into()),
            ],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        // An operator's incident they last changed (their name in a platform table's stamp).
        db.raw_execute(&format!(
            "INSERT INTO platform_incidents (id, discovered_at, nature, categories, people_count, \
             records_count, consequences, measures, recorded_at, updated_at, updated_by, updated_by_name) \
             VALUES (4242, 1, 'n', 'c', 1, 1, 'c', 'm', 1, 1, {}, 'Ysolde Vranckxhoven')",
            id.0
        ))
        .await
        .unwrap();
        // Ended three years before the run (the default keeps ended members 24 months).
        end_member(db, &sa, record, Date::from_days(now.0 / DAY - 3 * 366)).await;
        let needles = [
            email.to_string(),
            "Ysolde".to_string(),
            "Vranckxhoven".to_string(),
            phone.clone(),
            nrn_value.clone(),
            "85073003328".to_string(),
        ];
        for n in &needles[..5] {
            assert!(!occurrences(&t.url, n).await.is_empty(), "{n} before");
        }

        let out = retention::run_club(db, &sa, now, Limits::default())
            .await
            .unwrap();
        assert!(out.finished);
        assert_eq!(out.members_anonymised, 1);
        for n in &needles {
            let hits = occurrences(&t.url, n).await;
            assert!(
                hits.is_empty(),
                "{n} is still in {hits:?} ({:?})",
                t.backend()
            );
        }
        // One marker: the record is erased (and out of the register), the account ended.
        let d = members::get(db, &a, record).await.unwrap();
        assert!(d.erased && d.email.is_none() && d.restricted_at.is_some());
        assert_eq!(d.family_name, crate::rights::PLACEHOLDER);
        assert!(identities::find_by_email(db, email)
            .await
            .unwrap()
            .is_none());
        // The log's chain stays intact; the run logged counts, and nobody.
        let chains = crate::tests_backup::assert_chains_intact(&t).await;
        let club_a = chains
            .iter()
            .find(|(_, r)| r.chain == crate::event_chain::Chain::Tenant(w.club_a.id))
            .unwrap();
        assert!(club_a.1.erased >= 1, "{club_a:?}");
        assert_eq!(
            count(
                db,
                &sa,
                "SELECT count(*) FROM security_events WHERE tenant_id = $1 AND kind = 'member_erased'",
                vec![],
            )
            .await,
            0,
            "the job logs counts only, not who"
        );
        // A request on the erased record is refused as for any erased person.
        let again = crate::rights::record(
            db,
            &a,
            &w.admin_a,
            now,
            record,
            tessera_common::rights::RequestKind::Erasure,
            None,
            now,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(again, tessera_common::AppError::Conflict(_)),
            "{again:?}"
        );
    }
}

#[tokio::test]
async fn retention_keeps_an_ended_role_holder_account_and_erases_the_record() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa = system(&w.club_a);
        // The club's administrator's own member record ended long ago.
        let admin = identities::find_by_email(db, "admin@a.be")
            .await
            .unwrap()
            .unwrap();
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let record = members::create(
            db,
            &a,
            &w.admin_a,
            T0,
            NewMember {
                given_name: "Anna".into(),
                family_name: "Wellingtonia".into(),
                email: Some("admin@a.be".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let mut tx = db
            .tenant_write(&sa, &Actor::system("test"), T0)
            .await
            .unwrap();
        tx.execute(
            "UPDATE memberships SET member_id = $2 WHERE tenant_id = $1 AND identity_id = $3",
            args![record, admin],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let now = Timestamp(T0.0 + 400 * DAY);
        end_member(db, &sa, record, Date::from_days(now.0 / DAY - 3 * 366)).await;
        let out = retention::run_club(db, &sa, now, Limits::default())
            .await
            .unwrap();
        assert_eq!(out.members_anonymised, 1);
        assert!(occurrences(&t.url, "Wellingtonia").await.is_empty());
        // The administrator still administers: account and roles stay, unlinked.
        assert_eq!(
            identities::find_by_email(db, "admin@a.be").await.unwrap(),
            Some(admin)
        );
        let again = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", now)
            .await
            .unwrap();
        assert!(again.writable().is_ok());
        assert_eq!(
            count(
                db,
                &sa,
                "SELECT count(*) FROM memberships WHERE tenant_id = $1 AND identity_id = $2 AND member_id IS NULL",
                args![admin],
            )
            .await,
            1
        );
    }
}

#[tokio::test]
async fn retention_erases_a_batch_of_500_quickly() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa = system(&w.club_a);
        let sys = Actor::system("test");
        let now = Timestamp(T0.0 + 400 * DAY);
        let ended = Date::from_days(now.0 / DAY - 3 * 366).to_string();
        // 500 ended members, each with a custom value, and a log of 2,000 entries of
        // which one in ten names one of them.
        let mut tx = db.tenant_write(&sa, &sys, T0).await.unwrap();
        tx.insert(
            "custom_fields",
            vec![
                ("id", 77.into()),
                ("label", "Note".into()),
                ("label_key", "note".into()),
                ("kind", "text".into()),
                ("visibility", "staff".into()),
                ("position", 1.into()),
            ],
        )
        .await
        .unwrap();
        let mut ids = Vec::new();
        for i in 0..500 {
            let id = crate::ids::new_id();
            let family = format!("Bulkname{i:04}");
            tx.insert(
                "members",
                vec![
                    ("id", Value::from(id)),
                    ("given_name", "Bulk".into()),
                    ("family_name", family.clone().into()),
                    ("sort_name", family.to_lowercase().into()),
                    ("email", format!("bulk{i:04}@bulk.example").into()),
                    ("phone", format!("+32470{i:06}").into()),
                    ("status", "ended".into()),
                    ("ended_on", ended.clone().into()),
                ],
            )
            .await
            .unwrap();
            tx.insert(
                "member_field_values",
                vec![
                    ("member_id", Value::from(id)),
                    ("field_id", 77.into()),
                    ("value", format!("note of bulk{i:04}").into()),
                ],
            )
            .await
            .unwrap();
            ids.push(id);
        }
        for i in 0..2000 {
            let detail = if i % 10 == 0 {
                format!("changed Bulk Bulkname{:04}", i / 10)
            } else {
                format!("something else {i}")
            };
            tx.log("member_updated", Some(&detail)).await.unwrap();
        }
        tx.commit().await.unwrap();
        let started = crate::clock::monotonic();
        let out = retention::run_club(
            db,
            &sa,
            now,
            Limits {
                batch: 500,
                max_batches: Some(1),
            },
        )
        .await
        .unwrap();
        let took = started.elapsed();
        println!(
            "retention: one batch of 500 ended members erased in {:.3} s ({:?})",
            took.as_secs_f64(),
            t.backend()
        );
        assert_eq!(out.members_anonymised, 500);
        assert_eq!(out.batches, 1);
        assert_eq!(
            count(
                db,
                &sa,
                "SELECT count(*) FROM members WHERE tenant_id = $1 AND erased_at IS NULL AND family_name LIKE 'Bulkname%'",
                vec![],
            )
            .await,
            0
        );
        assert_eq!(
            count(
                db,
                &sa,
                "SELECT count(*) FROM security_events WHERE tenant_id = $1 AND detail LIKE '%Bulkname%'",
                vec![],
            )
            .await,
            0
        );
        assert_eq!(
            count(
                db,
                &sa,
                "SELECT count(*) FROM security_events WHERE tenant_id = $1 AND detail LIKE 'something else%'",
                vec![],
            )
            .await,
            1800,
            "what names nobody in the batch stays"
        );
        assert!(
            took.as_secs() < 30,
            "a batch of 500 took {took:?} ({:?})",
            t.backend()
        );
        crate::tests_backup::assert_chains_intact(&t).await;
        assert_eq!(ids.len(), 500);
    }
}

/// A member with an account of their own in club A, and a purpose they consented to.
async fn consenting_member(
    db: &Db,
    w: &crate::tests::World,
    email: &str,
) -> (Actor, MemberId, i64) {
    let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
        .await
        .unwrap();
    let sys = Actor::system("test");
    let id = identities::create(db, &sys, T0, email, "Connie Sentwell", None)
        .await
        .unwrap();
    let record = members::create(
        db,
        &a,
        &w.admin_a,
        T0,
        NewMember {
            given_name: "Connie".into(),
            family_name: "Sentwell".into(),
            email: Some(email.into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    identities::add_membership(db, &a, &sys, T0, id, Some(record))
        .await
        .unwrap();
    let purpose = crate::consents::save_purpose(
        db,
        &a,
        &w.admin_a,
        T0,
        None,
        &crate::consents::PurposeInput {
            title: tessera_common::consent::Localized {
                en: "Photos".into(),
                nl: "Foto's".into(),
                fr: "Photos".into(),
            },
            body: tessera_common::consent::Localized {
                en: "Photos on the website".into(),
                nl: "Foto's op de website".into(),
                fr: "Photos sur le site".into(),
            },
        },
        None,
    )
    .await
    .unwrap();
    let me = person(id, "Connie Sentwell");
    let own = scope::resolve(db, &me, TenantKind::Club, "club-a", T0)
        .await
        .unwrap();
    crate::consents::record(
        db,
        &own,
        &me,
        T0,
        &crate::consents::ConsentChange {
            member: record,
            purpose,
            given: true,
            source: tessera_common::consent::ConsentSource::Member,
            note: None,
        },
    )
    .await
    .unwrap();
    (me, record, purpose)
}

#[tokio::test]
async fn consents_a_read_only_club_takes_a_withdrawal_but_no_new_consent() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let (me, record, purpose) = consenting_member(db, &w, "connie@example.be").await;
        // The operator ends club A's contract: read-only from its end day.
        let op = crate::tenants::find_by_slug(db, TenantKind::Operator, "platform")
            .await
            .unwrap()
            .unwrap();
        let op = TenantScope::for_system_task(&SystemTask::background(), op);
        let today = T0.date_in(&w.club_a.time_zone);
        let end = Date::from_days(today.days_since_epoch() + 10).to_string();
        let club = retention::end_contract(db, &op, &Actor::system("op"), T0, "club-a", &end, "30")
            .await
            .unwrap();
        let end_at = club.contract_ends_at.unwrap();
        let own = scope::resolve(db, &me, TenantKind::Club, "club-a", end_at)
            .await
            .unwrap();
        assert!(own.read_only_since().is_some());
        let change = |given: bool| crate::consents::ConsentChange {
            member: record,
            purpose,
            given,
            source: tessera_common::consent::ConsentSource::Member,
            note: None,
        };
        crate::consents::record(db, &own, &me, end_at, &change(false))
            .await
            .unwrap();
        assert!(!crate::consents::given(db, &own, purpose, record)
            .await
            .unwrap());
        // Giving again is a change of the club's data: refused while read-only.
        assert_eq!(
            crate::consents::record(db, &own, &me, end_at, &change(true))
                .await
                .err(),
            Some(tessera_common::AppError::ReadOnly)
        );
        assert!(!crate::consents::given(db, &own, purpose, record)
            .await
            .unwrap());
    }
}

#[tokio::test]
async fn every_platform_stamped_table_is_in_the_erasure() {
    for t in testing::all().await {
        let crate::db::DbUrl::Sqlite(path) = &t.url else {
            continue;
        };
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        let tables: Vec<(String,)> = sqlx::query_as(
            "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' \
             AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'updated_by_name') \
             AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'tenant_id')",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let missing: Vec<&String> = tables
            .iter()
            .map(|t| &t.0)
            .filter(|t| {
                *t != "tenants"
                    && !crate::rights::erasure::PLATFORM_STAMPED_TABLES.contains(&t.as_str())
            })
            .collect();
        assert!(
            missing.is_empty(),
            "stamped platform tables not in PLATFORM_STAMPED_TABLES: {missing:?}"
        );
        pool.close().await;
    }
}

/// Runs DDL as the database's owner (PostgreSQL's application role may not create
/// triggers; SQLite has one owner).
async fn as_owner(t: &testing::TestDb, sql: &[&str]) {
    match &t.url {
        crate::db::DbUrl::Sqlite(_) => {
            for s in sql {
                t.db.raw_execute(s).await.unwrap();
            }
        }
        crate::db::DbUrl::Postgres(app) => {
            let name = app.rsplit('/').next().unwrap();
            let owner = std::env::var("TESSERA_TEST_PG_OWNER_URL").unwrap();
            let url = format!("{}/{name}", owner.trim_end_matches('/'));
            let pool = sqlx::PgPool::connect(&url).await.unwrap();
            for s in sql {
                sqlx::query(s).execute(&pool).await.unwrap();
            }
            pool.close().await;
        }
    }
}

#[tokio::test]
async fn breach_notifying_a_club_writes_its_breach_and_the_platform_log_in_one_transaction() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let op = crate::tenants::find_by_slug(db, TenantKind::Operator, "platform")
            .await
            .unwrap()
            .unwrap();
        let op = TenantScope::for_system_task(&SystemTask::background(), op);
        let sys = Actor::system("operator");
        let discovered = Timestamp((T0.0 - 3_600_000) / 60_000 * 60_000);
        let incident = crate::breaches::record_incident(
            db,
            &op,
            &sys,
            T0,
            &tessera_common::breach::BreachInput {
                club: String::new(),
                discovered_at: discovered.local_input("Europe/Brussels"),
                nature: "A stolen laptop".into(),
                categories: "names".into(),
                people_count: "12".into(),
                records_count: "12".into(),
                consequences: "phishing".into(),
                measures: "passwords reset".into(),
                clubs: vec!["club-a".into()],
            },
        )
        .await
        .unwrap();
        // The platform log refuses the notification's entry (as a failing disk would).
        let fail = match t.backend() {
            crate::db::Backend::Sqlite => vec![
                "CREATE TRIGGER test_refuse_notified BEFORE INSERT ON platform_events \
                 WHEN NEW.kind = 'incident_club_notified' \
                 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
            ],
            crate::db::Backend::Postgres => vec![
                "CREATE FUNCTION test_refuse_notified() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN IF NEW.kind = 'incident_club_notified' THEN \
                 RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$",
                "CREATE TRIGGER test_refuse_notified BEFORE INSERT ON platform_events \
                 FOR EACH ROW EXECUTE FUNCTION test_refuse_notified()",
            ],
        };
        as_owner(&t, &fail).await;
        let notify = |at: Timestamp| {
            crate::breaches::notify_club(db, None, "http://t", &op, &sys, at, incident, "club-a")
        };
        assert!(notify(T0).await.is_err());
        let sa = system(&w.club_a);
        let breaches_of_a =
            "SELECT count(*) FROM breaches WHERE tenant_id = $1 AND incident_id = $2";
        assert_eq!(
            count(db, &sa, breaches_of_a, args![incident]).await,
            0,
            "no breach in the club without the platform's entry"
        );
        let mut p = db.platform(false).await.unwrap();
        let (open,): (i64,) = p
            .fetch_one(
                "SELECT count(*) FROM platform_incident_clubs WHERE incident_id = $1 AND notified_at IS NULL",
                args![incident],
            )
            .await
            .unwrap();
        p.commit().await.unwrap();
        assert_eq!(open, 1, "the club is still to be notified");
        // With the log working again, the notification goes through once, with its entry.
        match t.backend() {
            crate::db::Backend::Sqlite => {
                as_owner(&t, &["DROP TRIGGER test_refuse_notified"]).await
            }
            crate::db::Backend::Postgres => {
                as_owner(
                    &t,
                    &["DROP TRIGGER test_refuse_notified ON platform_events"],
                )
                .await
            }
        }
        notify(T0).await.unwrap();
        assert_eq!(count(db, &sa, breaches_of_a, args![incident]).await, 1);
        let mut p = db.platform(false).await.unwrap();
        let (logged,): (i64,) = p
            .fetch_one(
                "SELECT count(*) FROM platform_events WHERE kind = 'incident_club_notified'",
                vec![],
            )
            .await
            .unwrap();
        p.commit().await.unwrap();
        assert_eq!(logged, 1);
        crate::tests_backup::assert_chains_intact(&t).await;
    }
}

#[tokio::test]
async fn consents_an_archived_purpose_is_no_longer_asked_and_keeps_its_history() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let (me, record, purpose) = consenting_member(db, &w, "arch@example.be").await;
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let own = scope::resolve(db, &me, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let archive = |scope: TenantScope, on: bool, version: i64| {
            let actor = if scope.member_id() == Some(record) {
                me.clone()
            } else {
                w.admin_a.clone()
            };
            async move {
                crate::consents::archive_purpose(db, &scope, &actor, T0, purpose, on, version).await
            }
        };
        // Only with privacy.consents; at the version the page showed.
        assert_eq!(
            archive(own.clone(), true, 1).await.err(),
            Some(tessera_common::AppError::Forbidden)
        );
        assert!(matches!(
            archive(a.clone(), true, 7).await,
            Err(tessera_common::AppError::Conflict(_))
        ));
        archive(a.clone(), true, 1).await.unwrap();
        // No longer asked: not in the purposes forms and the register offer, no new consent.
        assert!(!crate::consents::purposes_of(db, &a)
            .await
            .unwrap()
            .iter()
            .any(|p| p.id == purpose));
        let settings = crate::consents::settings(db, &a).await.unwrap();
        assert!(settings
            .purposes
            .iter()
            .any(|p| p.id == purpose && p.archived));
        let mine = crate::consents::mine(db, &own, T0).await.unwrap();
        let state = mine
            .own
            .as_ref()
            .unwrap()
            .states
            .iter()
            .find(|s| s.purpose == purpose)
            .unwrap()
            .clone();
        assert!(state.archived && state.given == Some(true));
        let change = |given: bool| crate::consents::ConsentChange {
            member: record,
            purpose,
            given,
            source: tessera_common::consent::ConsentSource::Member,
            note: None,
        };
        // The consent still given can be withdrawn, and not given again.
        crate::consents::record(db, &own, &me, T0, &change(false))
            .await
            .unwrap();
        assert_eq!(
            crate::consents::record(db, &own, &me, T0, &change(true))
                .await
                .err(),
            Some(tessera_common::AppError::NotFound)
        );
        // The history stays.
        let history = crate::consents::history(db, &a, record).await.unwrap();
        assert_eq!(
            history
                .history
                .iter()
                .filter(|e| e.purpose == purpose)
                .count(),
            2
        );
        // Brought back: asked again; doing it twice changes nothing more.
        archive(a.clone(), false, 2).await.unwrap();
        archive(a.clone(), false, 3).await.unwrap();
        assert!(crate::consents::purposes_of(db, &a)
            .await
            .unwrap()
            .iter()
            .any(|p| p.id == purpose && !p.archived));
        crate::consents::record(db, &own, &me, T0, &change(true))
            .await
            .unwrap();
    }
}
