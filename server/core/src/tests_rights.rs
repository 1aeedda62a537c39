//! Data-protection rights (issue 17): the erasure searched for over every column of every
//! table, the restriction in lists, search, export and counts, and the refusals of bad
//! requests. On SQLite and PostgreSQL.

use crate::db::{DbUrl, Value};
use crate::members::{MemberInput, NewMember, SelfInput};
use crate::rights::{self, Action, ERASURE_STEPS, STAMPED_TABLES};
use crate::scope::{self, Actor, AuthLevel, TenantScope};
use crate::tests::{world, T0};
use crate::{accounts, identities, members, testing};
use std::collections::BTreeMap;
use tessera_common::dto::{FieldForm, MemberForm, TenantKind};
use tessera_common::rights::RequestStatus;
use tessera_common::{AppError, IdentityId, MemberId};

fn person(id: IdentityId, name: &str) -> Actor {
    Actor {
        identity: Some(id),
        name: name.into(),
        level: AuthLevel::Password,
        pending: None,
        stamp_label: None,
    }
}

fn mailer() -> crate::mail::Mailer {
    let dir = std::env::temp_dir().join(format!("tessera-rights-{}", crate::ids::new_id()));
    crate::mail::Mailer::outbox(dir, "Tessera <t@tessera.test>").unwrap()
}

fn system(club: &crate::tenants::TenantRecord) -> TenantScope {
    TenantScope::for_system_task(&crate::jobs::SystemTask::background(), club.clone())
}

/// Every (table, column, count) whose text holds `needle` (case-insensitive), over every
/// table of the database: SQLite's schema from sqlite_master and table_info, PostgreSQL's
/// from information_schema (as the owner, past row-level security).
pub(crate) async fn occurrences(url: &DbUrl, needle: &str) -> Vec<(String, String, i64)> {
    let mut hits = Vec::new();
    match url {
        DbUrl::Sqlite(path) => {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                .await
                .unwrap();
            let tables: Vec<(String,)> = sqlx::query_as(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            for (t,) in tables {
                let cols: Vec<(String,)> =
                    sqlx::query_as(&format!("SELECT name FROM pragma_table_info('{t}')"))
                        .fetch_all(&pool)
                        .await
                        .unwrap();
                for (c,) in cols {
                    let (n,): (i64,) = sqlx::query_as(&format!(
                        "SELECT count(*) FROM \"{t}\" WHERE instr(lower(CAST(\"{c}\" AS TEXT)), lower(?1)) > 0"
                    ))
                    .bind(needle)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
                    if n > 0 {
                        hits.push((t.clone(), c, n));
                    }
                }
            }
            pool.close().await;
        }
        DbUrl::Postgres(app) => {
            let name = app.rsplit('/').next().unwrap();
            let owner = std::env::var("TESSERA_TEST_PG_OWNER_URL").unwrap();
            let url = format!("{}/{name}", owner.trim_end_matches('/'));
            let pool = sqlx::PgPool::connect(&url).await.unwrap();
            let mut tx = pool.begin().await.unwrap();
            sqlx::query("SELECT set_config('app.maintenance', 'on', true)")
                .execute(&mut *tx)
                .await
                .unwrap();
            let cols: Vec<(String, String, String, String)> = sqlx::query_as(
                "SELECT table_schema::text, table_name::text, column_name::text, data_type::text \
                 FROM information_schema.columns c WHERE table_schema IN ('public', 'tower_sessions') \
                 AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = c.table_schema \
                 AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')",
            )
            .fetch_all(&mut *tx)
            .await
            .unwrap();
            for (s, t, c, ty) in cols {
                let cond = match ty.as_str() {
                    "bytea" => format!(
                        "position(convert_to(lower($1), 'UTF8') in \"{c}\") > 0 \
                         OR position(convert_to($1, 'UTF8') in \"{c}\") > 0"
                    ),
                    _ => format!("strpos(lower(\"{c}\"::text), lower($1)) > 0"),
                };
                let (n,): (i64,) = sqlx::query_as(&format!(
                    "SELECT count(*) FROM \"{s}\".\"{t}\" WHERE {cond}"
                ))
                .bind(needle)
                .fetch_one(&mut *tx)
                .await
                .unwrap();
                if n > 0 {
                    hits.push((t, c, n));
                }
            }
            tx.rollback().await.unwrap();
            pool.close().await;
        }
    }
    hits
}

fn field(label: &str, kind: &str, visibility: &str) -> FieldForm {
    FieldForm {
        label: label.into(),
        kind: kind.into(),
        help: String::new(),
        required: false,
        options: String::new(),
        visibility: visibility.into(),
        member_editable: false,
    }
}

#[tokio::test]
async fn erasure_leaves_no_trace_in_any_column() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let mail = mailer();
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let sys = Actor::system("test");
        let nrn = crate::custom_fields::create(
            db,
            &a,
            &w.admin_a,
            T0,
            &field("National number", "national_number", "member"),
        )
        .await
        .unwrap();
        let note =
            crate::custom_fields::create(db, &a, &w.admin_a, T0, &field("Note", "text", "member"))
                .await
                .unwrap();
        let email = "zebulon.quixotrandt@example.be";
        let id = identities::create(
            db,
            &sys,
            T0,
            email,
            "Zebulon Quixotrandt",
            Some("a long enough test password".into()),
        )
        .await
        .unwrap();
        let zq = person(id, "Zebulon Quixotrandt");
        let record = members::create(
            db,
            &a,
            &w.admin_a,
            T0,
            NewMember {
                given_name: "Zebulon".into(),
                family_name: "Quixotrandt".into(),
                birth_date: Some("1985-07-30".into()),
                email: Some(email.into()),
                phone: Some("+32 470 98 76 54".into()),
                street: Some("Quixotrandtstraat 7".into()),
                city: Some("Gent".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        identities::add_membership(db, &a, &sys, T0, id, Some(record))
            .await
            .unwrap();
        // Staff fill in the national number and a note that names the person.
        let rec = members::get(db, &a, record).await.unwrap();
        let mut form = MemberForm::of(&rec);
        form.custom = BTreeMap::from([
            (format!("c{nrn}"), "85073003328".to_string()),
            (format!("c{note}"), "Zebulon prefers mornings".to_string()),
        ]);
        members::update(db, &a, &w.admin_a, T0, record, &form, rec.version)
            .await
            .unwrap();
        // fedlog18: the club's federation licenses them (every standard field shared), with
        // words about them in its licence and transfer tables; their own change below
        // refreshes the federation's copy (their name in its stamp).
        let task = crate::jobs::SystemTask::background();
        assert!(crate::fedreads::stand_in::accept_terms(
            db,
            &task,
            w.federation.id,
            w.club_a.id,
            "given_name family_name birth_date gender email phone address",
            T0
        )
        .await
        .unwrap());
        let licensed = crate::fedreads::stand_in::license(
            db,
            &task,
            w.federation.id,
            &[crate::fedreads::stand_in::Licensed {
                club: w.club_a.id.0,
                member: record.0,
                given_name: "Zebulon".into(),
                family_name: "Quixotrandt".into(),
                birth_date: Some("1985-07-30".into()),
                gender: None,
                shared: format!(r#"{{"email":"{email}"}}"#),
                restricted: false,
            }],
            T0,
        )
        .await
        .unwrap();
        crate::fedreads::tests_fedlog::words_about(
            db,
            w.federation.id,
            licensed[0].0,
            w.club_a.id,
            record.0,
            w.club_b.id,
            "Zebulon Quixotrandt objected",
            true,
        )
        .await;
        let stored = members::get(db, &a, record).await.unwrap();
        let phone = stored.phone.clone().unwrap();
        let nrn_value = stored
            .custom
            .iter()
            .find(|c| c.field.id == nrn)
            .unwrap()
            .values[0]
            .clone();
        // A child of theirs (another family name), a registration that named them, an
        // administrator invitation to their address, an event naming them, a token, a
        // session, and their own change of their record (their name in the stamp).
        let child = members::create(
            db,
            &a,
            &w.admin_a,
            T0,
            NewMember {
                given_name: "Kiddo".into(),
                family_name: "Vandamme".into(),
                birth_date: Some("2016-03-01".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let sa = system(&w.club_a);
        let mut tx = db.tenant_write(&sa, &w.admin_a, T0).await.unwrap();
        tx.insert(
            "member_guardians",
            vec![("guardian_id", record.into()), ("child_id", child.into())],
        )
        .await
        .unwrap();
        tx.insert(
            "reg_forms",
            vec![
                ("id", Value::from(77_i64)),
                ("slug", "join".into()),
                ("title", "Join".into()),
                ("audience", "self".into()),
                ("fields", "".into()),
            ],
        )
        .await
        .unwrap();
        tx.insert(
            "reg_submissions",
            vec![
                ("id", Value::from(78_i64)),
                ("form_id", Value::from(77_i64)),
                ("email", email.into()),
                (
                    "data",
                    format!(
                        "{{\"guardian\":null,\"people\":[{{\"given_name\":\"Zebulon\",\"family_name\":\"Quixotrandt\",\"phone\":\"{phone}\"}}]}}"
                    )
                    .into(),
                ),
                ("digest", "d1".into()),
                ("status", "approved".into()),
                ("expires_at", T0.into()),
                ("submitted_at", T0.into()),
                ("member_ids", record.0.to_string().into()),
            ],
        )
        .await
        .unwrap();
        tx.insert(
            "admin_invitations",
            vec![
                ("id", Value::from(79_i64)),
                ("email", email.into()),
                ("name", "Zebulon Quixotrandt".into()),
                ("token_hash", "th-zq".into()),
                ("created_at", T0.into()),
                ("expires_at", T0.into()),
            ],
        )
        .await
        .unwrap();
        tx.log("member_invited", Some("Zebulon Quixotrandt"))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        db.raw_execute(&format!(
            "INSERT INTO auth_tokens (token_hash, identity_id, purpose, new_email, expires_at, created_at) \
             VALUES ('tok-zq', {}, 'email_change', 'zebulon.new@example.be', 1, 1)",
            id.0
        ))
        .await
        .unwrap();
        accounts::record_session(
            db,
            "sid-zq",
            id,
            T0,
            Some("10.0.0.9"),
            Some("Quixotrandt's phone"),
        )
        .await
        .unwrap();
        let me = scope::resolve(db, &zq, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let own = members::own(db, &me).await.unwrap();
        members::update_own(
            db,
            &me,
            &zq,
            T0,
            &SelfInput {
                email: email.into(),
                phone: phone.clone(),
                street: "Quixotrandtstraat 8".into(),
                postcode: "9000".into(),
                city: "Gent".into(),
                custom: BTreeMap::new(),
            },
            own.version,
        )
        .await
        .unwrap();
        // Their consents: one given on paper with a note naming them, then withdrawn by
        // themselves (their name in the stamps of the consent tables).
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
        for (scope, actor, given, source, note) in [
            (
                &a,
                &w.admin_a,
                true,
                tessera_common::consent::ConsentSource::Paper,
                Some("Zebulon Quixotrandt signed at the bar".to_string()),
            ),
            (
                &me,
                &zq,
                false,
                tessera_common::consent::ConsentSource::Member,
                None,
            ),
        ] {
            crate::consents::record(
                db,
                scope,
                actor,
                T0,
                &crate::consents::ConsentChange {
                    member: record,
                    purpose: news,
                    given,
                    source,
                    note,
                },
            )
            .await
            .unwrap();
        }
        // Their requests: a correction in their own words, then the erasure.
        rights::ask(
            db,
            &mail,
            &me,
            &zq,
            T0,
            None,
            "rectification",
            "Zebulon Quixotrandt is my name",
        )
        .await
        .unwrap();
        let erasure = rights::ask(db, &mail, &me, &zq, T0, None, "erasure", "")
            .await
            .unwrap();
        // Their invoices (pay20): one for themselves and one for their child, paid by them,
        // a credit note, a payment with their name and the bank line that paid it with
        // their name, account and words. Kept after the erasure, without them.
        let mut tx = db.tenant_write(&sa, &w.admin_a, T0).await.unwrap();
        let (inv_own, inv_child, note) = (9_001_i64, 9_002_i64, 9_003_i64);
        for (id, kind, number, member, credited, comm) in [
            (inv_own, "invoice", 1_i64, record, None, "090933755493"),
            (inv_child, "invoice", 2, child, None, "090933755594"),
            (
                note,
                "credit_note",
                1,
                record,
                Some(inv_own),
                "090933755695",
            ),
        ] {
            tx.insert(
                "invoices",
                vec![
                    ("id", id.into()),
                    ("kind", kind.into()),
                    ("year", 2026_i64.into()),
                    ("number", number.into()),
                    ("member_id", member.into()),
                    ("payer_member_id", record.into()),
                    ("payer_name", "Zebulon Quixotrandt".into()),
                    ("payer_email", email.into()),
                    ("credited_invoice_id", credited.into()),
                    ("communication", comm.into()),
                    ("total_cents", 12_000_i64.into()),
                    ("status", "open".into()),
                    ("issued_on", "2026-08-01".into()),
                    ("due_on", "2026-08-31".into()),
                    ("created_at", T0.into()),
                ],
            )
            .await
            .unwrap();
            tx.insert(
                "invoice_lines",
                vec![
                    ("id", (id + 100).into()),
                    ("invoice_id", id.into()),
                    ("position", 1_i64.into()),
                    (
                        "description",
                        if member == record {
                            "Lidgeld – Zebulon Quixotrandt"
                        } else {
                            "Lidgeld – Kiddo Vandamme"
                        }
                        .into(),
                    ),
                    ("member_id", member.into()),
                    ("amount_cents", 12_000_i64.into()),
                    ("created_at", T0.into()),
                ],
            )
            .await
            .unwrap();
        }
        tx.insert(
            "payments",
            vec![
                ("id", 9_010_i64.into()),
                ("invoice_id", inv_child.into()),
                ("amount_cents", 12_000_i64.into()),
                ("paid_on", "2026-08-10".into()),
                ("method", "bank".into()),
                ("payer_name", "QUIXOTRANDT Z".into()),
                ("created_at", T0.into()),
            ],
        )
        .await
        .unwrap();
        tx.insert(
            "bank_statements",
            vec![
                ("id", 9_020_i64.into()),
                ("format", "camt053".into()),
                ("account_iban", "BE68539007547034".into()),
                ("reference", "S1".into()),
                ("file_name", "s1.xml".into()),
                ("sha256", "sha-zq".into()),
                ("lines_total", 1_i64.into()),
                ("lines_new", 1_i64.into()),
                ("created_at", T0.into()),
            ],
        )
        .await
        .unwrap();
        tx.insert(
            "bank_lines",
            vec![
                ("id", 9_021_i64.into()),
                ("statement_id", 9_020_i64.into()),
                ("line_key", "k-zq".into()),
                ("booked_on", "2026-08-10".into()),
                ("amount_cents", 12_000_i64.into()),
                ("counterparty_name", "QUIXOTRANDT Z".into()),
                ("counterparty_iban", "BE62510007547061".into()),
                ("communication", "lidgeld Kiddo van Zebulon".into()),
                ("state", "matched".into()),
                ("invoice_id", inv_child.into()),
                ("payment_id", 9_010_i64.into()),
                ("created_at", T0.into()),
            ],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        // Before: every needle is there.
        let needles = [
            email.to_string(),
            "Zebulon".to_string(),
            "Quixotrandt".to_string(),
            phone.clone(),
            nrn_value.clone(),
            "85073003328".to_string(),
        ];
        for n in &needles[..4] {
            assert!(!occurrences(&t.url, n).await.is_empty(), "{n} before");
        }
        let consent_hits = occurrences(&t.url, "Quixotrandt").await;
        for table in [
            "consent_events",
            "member_consents",
            // fedlog18: the federation's copy and its words about them
            "fed_people",
            "licences",
            "transfers",
            "transfer_steps",
        ] {
            assert!(
                consent_hits.iter().any(|h| h.0 == table),
                "{table} names the person before: {consent_hits:?}"
            );
        }
        let q = rights::queue(db, &a, T0).await.unwrap();
        let r = q.open.iter().find(|r| r.id == erasure.to_string()).unwrap();
        rights::act(
            db,
            Some(&mail),
            &a,
            &w.admin_a,
            T0,
            erasure,
            r.version,
            Action::Complete,
        )
        .await
        .unwrap();
        for n in &needles {
            let hits = occurrences(&t.url, n).await;
            assert!(
                hits.is_empty(),
                "{n} is still in {hits:?} ({:?})",
                t.backend()
            );
        }
        // The invoices stay, with their numbers, amounts and payments, under the placeholder.
        let mut tx = db.tenant_read(&sa).await.unwrap();
        let kept: Vec<(i64, String, Option<String>, i64)> = tx
            .fetch_all(
                "SELECT id, payer_name, payer_email, total_cents FROM invoices \
                 WHERE tenant_id = $1 AND id IN (9001, 9002, 9003) ORDER BY id",
                vec![],
            )
            .await
            .unwrap();
        let (paid, iban): (i64, String) = tx
            .fetch_one(
                "SELECT p.amount_cents, l.counterparty_iban FROM payments p JOIN bank_lines l \
                 ON l.tenant_id = p.tenant_id AND l.payment_id = p.id WHERE p.tenant_id = $1 \
                 AND p.id = 9010",
                vec![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let want: Vec<(i64, String, Option<String>, i64)> = [9_001, 9_002, 9_003]
            .map(|id| (id, rights::PLACEHOLDER.to_string(), None, 12_000))
            .to_vec();
        assert_eq!(kept, want);
        assert_eq!((paid, iban.as_str()), (12_000, ""));
        // The event log's hash chains stay intact: the erased details are counted as such.
        let chains = crate::tests_backup::assert_chains_intact(&t).await;
        let club_a = chains
            .iter()
            .find(|(_, r)| r.chain == crate::event_chain::Chain::Tenant(w.club_a.id))
            .unwrap();
        assert!(club_a.1.erased >= 1, "{club_a:?}");
        // The placeholder stays where the person was: the record, the requests, the log.
        let d = members::get(db, &a, record).await.unwrap();
        assert!(d.erased && d.email.is_none());
        assert!(d.custom.iter().all(|c| c.values.is_empty()));
        let q = rights::queue(db, &a, T0).await.unwrap();
        assert!(q
            .closed
            .iter()
            .any(|r| r.id == erasure.to_string() && r.status == RequestStatus::Done));
        // The account is gone: no sign-in, no session.
        assert!(identities::find_by_email(db, email)
            .await
            .unwrap()
            .is_none());
        assert!(scope::resolve(db, &zq, TenantKind::Club, "club-a", T0)
            .await
            .is_err());
        // A second erasure, or any request about the erased person: refused, nothing done.
        let again = rights::record(
            db,
            &a,
            &w.admin_a,
            T0,
            record,
            tessera_common::rights::RequestKind::Erasure,
            None,
            T0,
        )
        .await
        .unwrap_err();
        assert!(matches!(again, AppError::Conflict(_)), "{again:?}");
        let edit = members::update(
            db,
            &a,
            &w.admin_a,
            T0,
            record,
            &MemberForm::of(&d),
            d.version,
        )
        .await
        .unwrap_err();
        assert!(matches!(edit, AppError::Conflict(_)), "{edit:?}");
    }
}

#[tokio::test]
async fn an_account_of_another_club_outlives_the_erasure_in_this_one() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let mail = mailer();
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let sys = Actor::system("test");
        let id = identities::create(db, &sys, T0, "two@clubs.be", "Twyla Twoclub", None)
            .await
            .unwrap();
        let rec = members::create(
            db,
            &a,
            &w.admin_a,
            T0,
            NewMember {
                given_name: "Twyla".into(),
                family_name: "Twoclub".into(),
                email: Some("two@clubs.be".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        identities::add_membership(db, &a, &sys, T0, id, Some(rec))
            .await
            .unwrap();
        identities::add_membership(db, &system(&w.club_b), &sys, T0, id, None)
            .await
            .unwrap();
        let req = rights::record(
            db,
            &a,
            &w.admin_a,
            T0,
            rec,
            tessera_common::rights::RequestKind::Erasure,
            None,
            T0,
        )
        .await
        .unwrap();
        rights::act(
            db,
            Some(&mail),
            &a,
            &w.admin_a,
            T0,
            req,
            1,
            Action::Complete,
        )
        .await
        .unwrap();
        assert_eq!(
            identities::find_by_email(db, "two@clubs.be").await.unwrap(),
            Some(id)
        );
        let ms = identities::memberships(db, id).await.unwrap();
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].slug, "club-b");
    }
}

#[tokio::test]
async fn every_stamped_table_is_in_the_erasure() {
    for t in testing::all().await {
        let DbUrl::Sqlite(path) = &t.url else {
            continue;
        };
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        let tables: Vec<(String,)> = sqlx::query_as(
            "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' \
             AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'updated_by_name') \
             AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'tenant_id')",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let missing: Vec<&String> = tables
            .iter()
            .map(|t| &t.0)
            .filter(|t| !STAMPED_TABLES.contains(&t.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "stamped tables not in STAMPED_TABLES: {missing:?}"
        );
        assert!(ERASURE_STEPS
            .iter()
            .all(|s| s.sql.contains("tenant_id = $1")));
        pool.close().await;
    }
}

#[tokio::test]
async fn a_restricted_record_leaves_lists_search_exports_and_counts_and_takes_only_its_lifting() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let mail = mailer();
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let before = members::list(db, &a, "", 1).await.unwrap();
        let counts = members::counts(db, &a, a.today(T0)).await.unwrap();
        let f = scope::resolve(db, &w.fed_staff, TenantKind::Federation, "fed", T0)
            .await
            .unwrap();
        let fed_count = |clubs: Vec<tessera_common::dto::ClubSummary>| {
            clubs
                .into_iter()
                .find(|c| c.slug == "club-a")
                .map(|c| c.members)
                .unwrap()
        };
        let fed_before = fed_count(crate::tenants::federation_clubs(db, &f).await.unwrap());
        let lotte = before
            .rows
            .iter()
            .find(|r| r.given_name == "Lotte")
            .unwrap()
            .id;
        let req = rights::record(
            db,
            &a,
            &w.admin_a,
            T0,
            lotte,
            tessera_common::rights::RequestKind::Restriction,
            None,
            T0,
        )
        .await
        .unwrap();
        rights::act(db, Some(&mail), &a, &w.admin_a, T0, req, 1, Action::Start)
            .await
            .unwrap();
        rights::act(
            db,
            Some(&mail),
            &a,
            &w.admin_a,
            T0,
            req,
            2,
            Action::Complete,
        )
        .await
        .unwrap();
        let after = members::list(db, &a, "", 1).await.unwrap();
        assert_eq!(after.total, before.total - 1);
        // The federation's view of the club counts the record no more.
        assert_eq!(
            fed_count(crate::tenants::federation_clubs(db, &f).await.unwrap()),
            fed_before - 1,
            "{:?}",
            t.backend()
        );
        assert!(after.rows.iter().all(|r| r.id != lotte));
        for q in ["Lotte", "Peeters", "lotte.peeters@example.be"] {
            assert!(
                members::list(db, &a, q, 1).await.unwrap().rows.is_empty(),
                "{q}"
            );
        }
        let filtered = members::list_filtered(
            db,
            &a,
            &tessera_common::dto::MemberFilter {
                status: "active".into(),
                sort: "birth".into(),
                ..Default::default()
            },
            1,
        )
        .await
        .unwrap();
        assert!(filtered.rows.iter().all(|r| r.id != lotte));
        assert_eq!(filtered.total, filtered.rows.len() as i64);
        let c2 = members::counts(db, &a, a.today(T0)).await.unwrap();
        assert_eq!(c2.members, counts.members - 1);
        for m in ["audit", "exports"] {
            crate::module_settings::switch(db, &a, &w.admin_a, T0, m, true)
                .await
                .unwrap();
        }
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let file = crate::exports::export_members(
            db,
            &a,
            &w.admin_a,
            T0,
            &crate::exports::ExportRequest {
                format: crate::exports::ExportFormat::Csv,
                purpose: "Annual general meeting".into(),
                columns: vec!["given_name".into()],
                status: None,
                consent: None,
                lang: tessera_common::Lang::En,
            },
        )
        .await
        .unwrap();
        let csv = String::from_utf8(file.bytes).unwrap();
        assert!(!csv.contains("Lotte") && csv.contains("Wout"), "{csv}");
        // The member page shows it; any edit but the lifting is refused.
        let d = members::get(db, &a, lotte).await.unwrap();
        assert!(d.restricted_at.is_some());
        let mut form: MemberInput = MemberForm::of(&d);
        form.city = "Brugge".into();
        let e = members::update(db, &a, &w.admin_a, T0, lotte, &form, d.version)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        assert_eq!(
            members::get(db, &a, lotte).await.unwrap().version,
            d.version
        );
        rights::lift_restriction(db, &a, &w.admin_a, T0, lotte)
            .await
            .unwrap();
        let e = rights::lift_restriction(db, &a, &w.admin_a, T0, lotte)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)));
        assert_eq!(
            members::list(db, &a, "", 1).await.unwrap().total,
            before.total
        );
        assert_eq!(
            members::list(db, &a, "Lotte", 1).await.unwrap().rows.len(),
            1
        );
        let d = members::get(db, &a, lotte).await.unwrap();
        members::update(db, &a, &w.admin_a, T0, lotte, &form, d.version)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn bad_requests_are_refused_with_the_reason_and_change_nothing() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let mail = mailer();
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let sys = Actor::system("test");
        let id = identities::create(db, &sys, T0, "parent@a.be", "Pia Parent", None)
            .await
            .unwrap();
        let pia = person(id, "Pia Parent");
        let rec = members::create(
            db,
            &a,
            &w.admin_a,
            T0,
            NewMember {
                given_name: "Pia".into(),
                family_name: "Parent".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        identities::add_membership(db, &a, &sys, T0, id, Some(rec))
            .await
            .unwrap();
        let minor = members::create(
            db,
            &a,
            &w.admin_a,
            T0,
            NewMember {
                given_name: "Mini".into(),
                family_name: "Parent".into(),
                birth_date: Some("2018-01-01".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let adult = members::create(
            db,
            &a,
            &w.admin_a,
            T0,
            NewMember {
                given_name: "Grown".into(),
                family_name: "Parent".into(),
                birth_date: Some("2001-01-01".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let sa = system(&w.club_a);
        let mut tx = db.tenant_write(&sa, &sys, T0).await.unwrap();
        for c in [minor, adult] {
            tx.insert(
                "member_guardians",
                vec![("guardian_id", rec.into()), ("child_id", c.into())],
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        let me = scope::resolve(db, &pia, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let count = |db: &crate::db::Db| {
            let a = a.clone();
            let db = db.clone();
            async move {
                let q = rights::queue(&db, &a, T0).await.unwrap();
                q.open.len() + q.closed.len()
            }
        };
        // For a minor child: fine. For an adult child, another member of the club, a member
        // of another club: refused.
        rights::ask(db, &mail, &me, &pia, T0, Some(minor), "restriction", "")
            .await
            .unwrap();
        let e = rights::ask(db, &mail, &me, &pia, T0, Some(adult), "erasure", "")
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::BadRequest(_)), "{e:?}");
        let other = members::list(db, &a, "Wout", 1).await.unwrap().rows[0].id;
        for who in [other, w_b_member(&w)] {
            let e = rights::ask(db, &mail, &me, &pia, T0, Some(who), "erasure", "")
                .await
                .unwrap_err();
            assert!(matches!(e, AppError::NotFound), "{e:?}");
            let e = rights::my_data_zip(db, &me, &pia, T0, Some(who))
                .await
                .unwrap_err();
            assert!(matches!(e, AppError::NotFound), "{e:?}");
        }
        // Unknown kinds, missing or overlong words.
        for (kind, details) in [
            ("deletion", ""),
            ("objection", "   "),
            ("rectification", ""),
        ] {
            let e = rights::ask(db, &mail, &me, &pia, T0, None, kind, details)
                .await
                .unwrap_err();
            assert!(matches!(e, AppError::Invalid(_)), "{kind}: {e:?}");
        }
        let long = "x".repeat(rights::MAX_TEXT + 1);
        assert!(
            rights::ask(db, &mail, &me, &pia, T0, None, "objection", &long)
                .await
                .is_err()
        );
        // A second erasure while one is open.
        let first = rights::ask(db, &mail, &me, &pia, T0, None, "erasure", "")
            .await
            .unwrap();
        let e = rights::ask(db, &mail, &me, &pia, T0, None, "erasure", "")
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        assert_eq!(count(db).await, 2);
        // The member cannot work the queue.
        let e = rights::act(db, Some(&mail), &me, &pia, T0, first, 1, Action::Complete)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Forbidden), "{e:?}");
        assert!(rights::queue(db, &me, T0).await.is_err());
        // Extensions: a reason, one or two months, before the first deadline, once.
        let e = rights::act(
            db,
            Some(&mail),
            &a,
            &w.admin_a,
            T0,
            first,
            1,
            Action::Extend {
                months: 2,
                reason: " ".into(),
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::Invalid(_)), "{e:?}");
        let late = T0.plus_seconds(40 * 86_400);
        let e = rights::act(
            db,
            Some(&mail),
            &a,
            &w.admin_a,
            late,
            first,
            1,
            Action::Extend {
                months: 1,
                reason: "busy".into(),
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        rights::act(
            db,
            Some(&mail),
            &a,
            &w.admin_a,
            T0,
            first,
            1,
            Action::Extend {
                months: 2,
                reason: "<script>alert(1)</script> \u{202e}".into(),
            },
        )
        .await
        .unwrap();
        let e = rights::act(
            db,
            Some(&mail),
            &a,
            &w.admin_a,
            T0,
            first,
            2,
            Action::Extend {
                months: 1,
                reason: "again".into(),
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        // A stale version is refused with who changed it.
        let e = rights::act(db, Some(&mail), &a, &w.admin_a, T0, first, 1, Action::Start)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        // A refusal needs a reason; refused, it is closed.
        let e = rights::act(
            db,
            Some(&mail),
            &a,
            &w.admin_a,
            T0,
            first,
            2,
            Action::Refuse { reason: "".into() },
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::Invalid(_)), "{e:?}");
        rights::act(
            db,
            Some(&mail),
            &a,
            &w.admin_a,
            T0,
            first,
            2,
            Action::Refuse {
                reason: "we must keep the accounts for 7 years".into(),
            },
        )
        .await
        .unwrap();
        let e = rights::act(
            db,
            Some(&mail),
            &a,
            &w.admin_a,
            T0,
            first,
            3,
            Action::Complete,
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        let page = rights::my_data(db, &me, T0, None).await.unwrap();
        let r = &page.requests[0];
        assert_eq!(r.status, RequestStatus::Refused);
        assert_eq!(r.due_on.to_string(), {
            let d = T0.date_in("Europe/Brussels");
            crate::rights::extended_deadline(d, 2).to_string()
        });
        // The overdue count: the minor's restriction, 40 days on.
        assert_eq!(rights::overdue_count(db, &a, late).await.unwrap(), Some(1));
        assert_eq!(rights::overdue_count(db, &me, late).await.unwrap(), None);
    }
}

fn w_b_member(w: &crate::tests::World) -> MemberId {
    w.b_member
}

#[tokio::test]
async fn the_download_holds_the_record_with_every_field_and_is_logged() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let sys = Actor::system("test");
        let secret = crate::custom_fields::create(
            db,
            &a,
            &w.admin_a,
            T0,
            &field("Medical", "text", "sensitive"),
        )
        .await
        .unwrap();
        let id = identities::create(db, &sys, T0, "dl@a.be", "Dora Download", None)
            .await
            .unwrap();
        let dora = person(id, "Dora Download");
        let rec = members::create(
            db,
            &a,
            &w.admin_a,
            T0,
            NewMember {
                given_name: "Dora \"<script>\"".into(),
                family_name: "Download".into(),
                email: Some("dl@a.be".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        identities::add_membership(db, &a, &sys, T0, id, Some(rec))
            .await
            .unwrap();
        let d = members::get(db, &a, rec).await.unwrap();
        let mut form = MemberForm::of(&d);
        form.custom = BTreeMap::from([(format!("c{secret}"), "=asthma".to_string())]);
        members::update(db, &a, &w.admin_a, T0, rec, &form, d.version)
            .await
            .unwrap();
        // A consent given on paper and then withdrawn by Dora herself, and an export of the
        // register that included her.
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
                    en: "Monthly news".into(),
                    nl: "Maandelijks nieuws".into(),
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
                member: rec,
                purpose: news,
                given: true,
                source: tessera_common::consent::ConsentSource::Paper,
                note: Some("signed at the bar".into()),
            },
        )
        .await
        .unwrap();
        let me = scope::resolve(db, &dora, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        crate::consents::record(
            db,
            &me,
            &dora,
            tessera_common::time::Timestamp(T0.0 + 60_000),
            &crate::consents::ConsentChange {
                member: rec,
                purpose: news,
                given: false,
                source: tessera_common::consent::ConsentSource::Member,
                note: None,
            },
        )
        .await
        .unwrap();
        for module in ["audit", "exports"] {
            crate::module_settings::switch(db, &a, &w.admin_a, T0, module, true)
                .await
                .unwrap();
        }
        let staff = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let csv_export = crate::exports::export_members(
            db,
            &staff,
            &w.admin_a,
            tessera_common::time::Timestamp(T0.0 + 120_000),
            &crate::exports::ExportRequest {
                format: crate::exports::ExportFormat::Csv,
                purpose: "Annual general meeting".into(),
                columns: vec!["given_name".into()],
                status: None,
                consent: None,
                lang: tessera_common::Lang::En,
            },
        )
        .await
        .unwrap();
        let (name, bytes) = rights::my_data_zip(
            db,
            &me,
            &dora,
            tessera_common::time::Timestamp(T0.0 + 180_000),
            None,
        )
        .await
        .unwrap();
        assert!(
            name.starts_with("club-a-my-data-") && name.ends_with(".zip"),
            "{name}"
        );
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut json = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("my-data.json").unwrap(), &mut json)
            .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["schema_version"], 3);
        // Consents: where she stands now, and the history oldest first with source and note.
        let purposes = doc["consents"]["purposes"].as_array().unwrap();
        assert_eq!(purposes.len(), 1, "{purposes:?}");
        assert_eq!(purposes[0]["purpose_id"], news.to_string());
        assert_eq!(purposes[0]["title"]["nl"], "Nieuwsbrief");
        assert_eq!(purposes[0]["given"], false);
        let history = doc["consents"]["history"].as_array().unwrap();
        assert_eq!(history.len(), 2, "{history:?}");
        assert_eq!(history[0]["given"], true);
        assert_eq!(history[0]["source"], "paper");
        assert_eq!(history[0]["note"], "signed at the bar");
        assert_eq!(history[0]["recorded_by"], w.admin_a.name.as_str());
        assert_eq!(history[1]["given"], false);
        assert_eq!(history[1]["source"], "member");
        // Exports: from the export register, the CSV export that included her.
        assert_eq!(doc["exports"]["basis"], "export_register");
        assert_eq!(doc["exports"]["count"], 1);
        assert_eq!(doc["exports"]["my_data_downloads"]["count"], 0);
        assert_eq!(
            doc["exports"]["my_data_downloads"]["last_at"],
            serde_json::Value::Null
        );
        assert_eq!(doc["exports"]["entries"][0]["kind"], "csv");
        assert_eq!(
            doc["exports"]["entries"][0]["purpose"],
            "Annual general meeting"
        );
        assert_eq!(doc["exports"]["entries"][0]["sha256"], csv_export.sha256);
        assert_eq!(doc["person"]["given_name"], "Dora \"<script>\"");
        assert_eq!(doc["custom_fields"][0]["value"], "=asthma");
        assert_eq!(doc["custom_fields"][0]["visibility"], "sensitive");
        assert_eq!(doc["account"]["email"], "dl@a.be");
        let mut csv = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("csv/custom_fields.csv").unwrap(), &mut csv)
            .unwrap();
        assert!(csv.contains("'=asthma"), "formulas defused: {csv}");
        let mut csv = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("csv/consent_history.csv").unwrap(),
            &mut csv,
        )
        .unwrap();
        assert!(csv.contains("signed at the bar"), "{csv}");
        // The download is in the export register: kind my_data, Dora its one member.
        let register = crate::exports::export_register(db, &a, 10).await.unwrap();
        let entry = register.iter().find(|e| e.kind == "my_data").unwrap();
        assert_eq!(entry.people, 1);
        assert_eq!(entry.purpose, "access request by the person");
        assert_eq!(entry.filter, format!("member {}", rec.0));
        // Logged, without the person's name.
        let a = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let events = accounts::club_events(db, &a, 10).await.unwrap();
        let e = events
            .iter()
            .find(|e| e.kind == "export" && e.detail.as_deref().unwrap_or("").ends_with("my_data"))
            .unwrap();
        assert_eq!(
            e.detail.as_deref(),
            Some(format!("members (member {}): 1 records, my_data", rec.0).as_str())
        );
        assert!(!e.detail.as_deref().unwrap().contains("Dora"));
        // The second download counts the first.
        let (_, bytes) = rights::my_data_zip(
            db,
            &me,
            &dora,
            tessera_common::time::Timestamp(T0.0 + 240_000),
            None,
        )
        .await
        .unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut json = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("my-data.json").unwrap(), &mut json)
            .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["exports"]["my_data_downloads"]["count"], 1);
        assert!(doc["exports"]["my_data_downloads"]["first_at"].is_string());
        assert_eq!(
            doc["exports"]["my_data_downloads"]["first_at"],
            doc["exports"]["my_data_downloads"]["last_at"]
        );
        // Her own downloads are summarised, not listed: the entries stay the other exports.
        assert_eq!(doc["exports"]["count"], 1);
        assert_eq!(doc["exports"]["entries"][0]["kind"], "csv");
        // However often she downloads, the document does not grow with it.
        let mut last = Vec::new();
        for i in 0..4 {
            let (_, bytes) = rights::my_data_zip(
                db,
                &me,
                &dora,
                tessera_common::time::Timestamp(T0.0 + 300_000 + i * 60_000),
                None,
            )
            .await
            .unwrap();
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut json = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("my-data.json").unwrap(), &mut json)
                .unwrap();
            let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(doc["exports"]["my_data_downloads"]["count"], 2 + i);
            assert_eq!(doc["exports"]["count"], 1);
            let mut csv = String::new();
            std::io::Read::read_to_string(
                &mut zip.by_name("csv/my_data_downloads.csv").unwrap(),
                &mut csv,
            )
            .unwrap();
            assert!(csv.starts_with("count,first_at,last_at"), "{csv}");
            last.push(json.len());
        }
        assert!(last.windows(2).all(|w| w[0] == w[1]), "{last:?}");
        // Someone without a record in the club has no My data here.
        let e = rights::my_data_zip(db, &a, &w.admin_a, T0, None)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound), "{e:?}");
    }
}
