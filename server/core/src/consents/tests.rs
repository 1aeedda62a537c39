//! Consent per purpose and the export register, on SQLite and PostgreSQL.

use super::*;
use crate::exports::{self, ExportFormat, ExportRequest};
use crate::jobs::SystemTask;
use crate::members::NewMember;
use crate::testing;
use crate::tests::{world, T0};
use tessera_common::Lang;

fn texts(title: &str, body: &str) -> PurposeInput {
    PurposeInput {
        title: Localized {
            en: title.into(),
            nl: format!("{title} (nl)"),
            fr: format!("{title} (fr)"),
        },
        body: Localized {
            en: body.into(),
            nl: body.into(),
            fr: body.into(),
        },
    }
}

async fn person(db: &Db, scope: &TenantScope, given: &str) -> MemberId {
    crate::members::create(
        db,
        scope,
        &Actor::system("test"),
        T0,
        NewMember {
            given_name: given.into(),
            family_name: "Peeters".into(),
            email: Some(format!("{}@example.be", given.to_lowercase())),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

fn paper(member: MemberId, purpose: i64, given: bool) -> ConsentChange {
    ConsentChange {
        member,
        purpose,
        given,
        source: ConsentSource::Paper,
        note: Some("signed form in the binder".into()),
    }
}

async fn count(db: &Db, scope: &TenantScope, table: &str) -> i64 {
    let mut tx = db.tenant_read(scope).await.unwrap();
    let (n,): (i64,) = tx
        .fetch_one(
            &format!("SELECT count(*) FROM {table} WHERE tenant_id = $1"),
            args![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n
}

#[tokio::test]
async fn a_text_people_answered_becomes_a_new_version_and_old_consents_keep_theirs() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        let lotte = person(db, &a, "Lotte").await;
        let id = save_purpose(
            db,
            &a,
            &sys,
            T0,
            None,
            &texts("Newsletter", "Monthly"),
            None,
        )
        .await
        .unwrap();
        // Nobody answered yet: a correction stays version 1.
        save_purpose(
            db,
            &a,
            &sys,
            T0,
            Some(id),
            &texts("Newsletter", "Monthly news"),
            Some(1),
        )
        .await
        .unwrap();
        let p = &settings(db, &a).await.unwrap().purposes[0];
        assert_eq!((p.text_version, p.body.en.as_str()), (1, "Monthly news"));
        record(db, &a, &sys, T0, &paper(lotte, id, true))
            .await
            .unwrap();
        assert!(given(db, &a, id, lotte).await.unwrap());
        // Now the change is version 2; Lotte's consent keeps version 1 and its title.
        let v = settings(db, &a).await.unwrap().purposes[0].version;
        save_purpose(
            db,
            &a,
            &sys,
            T0.plus_seconds(60),
            Some(id),
            &texts("Club newsletter", "Weekly news"),
            Some(v),
        )
        .await
        .unwrap();
        let p = &settings(db, &a).await.unwrap().purposes[0];
        assert_eq!(p.text_version, 2);
        assert_eq!(p.title.en, "Club newsletter");
        let h = history(db, &a, lotte).await.unwrap();
        assert_eq!(h.history.len(), 1);
        assert_eq!(h.history[0].text_version, 1);
        assert_eq!(h.history[0].title.en, "Newsletter");
        assert_eq!(h.history[0].source, ConsentSource::Paper);
        assert_eq!(
            h.history[0].note.as_deref(),
            Some("signed form in the binder")
        );
        assert_eq!(h.states[0].answered_version, Some(1));
        assert_eq!(h.states[0].given, Some(true));
        // Still given (the latest event wins) until she answers again.
        assert!(given(db, &a, id, lotte).await.unwrap());
        // Giving again on the new text records version 2.
        record(db, &a, &sys, T0.plus_seconds(120), &paper(lotte, id, true))
            .await
            .unwrap();
        let h = history(db, &a, lotte).await.unwrap();
        assert_eq!(h.history[0].text_version, 2);
        // A stale form (the version it was opened at) is a conflict, nothing changes.
        let r = save_purpose(
            db,
            &a,
            &sys,
            T0,
            Some(id),
            &texts("Stale", "Stale"),
            Some(1),
        )
        .await;
        assert!(matches!(r, Err(AppError::Conflict(_))), "{r:?}");
        assert_eq!(
            settings(db, &a).await.unwrap().purposes[0].title.en,
            "Club newsletter"
        );
    }
}

#[tokio::test]
async fn withdrawing_twice_another_clubs_member_and_bad_texts_are_refused_with_nothing_stored() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let b = TenantScope::for_system_task(&SystemTask::background(), w.club_b.clone());
        let sys = Actor::system("test");
        let lotte = person(db, &a, "Lotte").await;
        let bram = person(db, &b, "Bram").await;
        let id = save_purpose(
            db,
            &a,
            &sys,
            T0,
            None,
            &texts("Photos", "On the site"),
            None,
        )
        .await
        .unwrap();
        // Withdrawing what was never given, then twice.
        let r = record(db, &a, &sys, T0, &paper(lotte, id, false)).await;
        assert!(matches!(r, Err(AppError::Conflict(_))), "{r:?}");
        record(db, &a, &sys, T0, &paper(lotte, id, true))
            .await
            .unwrap();
        record(db, &a, &sys, T0, &paper(lotte, id, false))
            .await
            .unwrap();
        let r = record(db, &a, &sys, T0, &paper(lotte, id, false)).await;
        assert!(matches!(r, Err(AppError::Conflict(_))), "{r:?}");
        assert_eq!(count(db, &a, "consent_events").await, 2);
        assert!(!given(db, &a, id, lotte).await.unwrap());
        // A member of another club, a purpose of another club: not found.
        assert_eq!(
            record(db, &a, &sys, T0, &paper(bram, id, true))
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            record(db, &b, &sys, T0, &paper(bram, id, true))
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert!(!given(db, &b, id, bram).await.unwrap());
        assert_eq!(count(db, &b, "consent_events").await, 0);
        // A member records only on their own record.
        let mut as_member = paper(bram, id, true);
        as_member.source = ConsentSource::Member;
        assert_eq!(
            record(db, &a, &sys, T0, &as_member).await.unwrap_err(),
            AppError::NotFound
        );
        // Empty, huge and hostile texts and notes.
        for bad in [
            texts("", ""),
            texts(&"x".repeat(MAX_TITLE + 1), "body"),
            texts("Title", &"y".repeat(MAX_BODY + 1)),
            texts("Bell\u{7}", "body"),
            texts("Title", ""),
        ] {
            let r = save_purpose(db, &a, &sys, T0, None, &bad, None).await;
            assert!(matches!(r, Err(AppError::Invalid(_))), "{r:?}");
        }
        let mut long_note = paper(lotte, id, true);
        long_note.note = Some("n".repeat(MAX_NOTE + 1));
        assert!(matches!(
            record(db, &a, &sys, T0, &long_note).await,
            Err(AppError::Invalid(_))
        ));
        assert_eq!(count(db, &a, "consent_purposes").await, 1);
        assert_eq!(count(db, &a, "consent_events").await, 2);
        // Hostile text that is only text is kept as typed (the pages escape it).
        let x = "<script>alert(1)</script> & \"quotes\"";
        let id2 = save_purpose(db, &a, &sys, T0, None, &texts(x, x), None)
            .await
            .unwrap();
        let all = settings(db, &a).await.unwrap();
        assert_eq!(
            all.purposes.iter().find(|p| p.id == id2).unwrap().title.en,
            x
        );
    }
}

#[tokio::test]
async fn every_export_path_records_its_count_hash_and_members_and_leaves_restricted_records_out() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        let lotte = person(db, &a, "Lotte").await;
        let jan = person(db, &a, "Jan").await;
        let hidden = person(db, &a, "Hidden").await;
        let mut tx = db.tenant_write(&a, &sys, T0).await.unwrap();
        tx.execute(
            "UPDATE members SET restricted_at = $2 WHERE tenant_id = $1 AND id = $3",
            args![T0, hidden],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let news = save_purpose(db, &a, &sys, T0, None, &texts("News", "News"), None)
            .await
            .unwrap();
        record(db, &a, &sys, T0, &paper(lotte, news, true))
            .await
            .unwrap();
        let before = count(db, &a, "members").await;
        // The paths: (format, consent filter, people expected).
        let paths = [
            (ExportFormat::Csv, None, before - 1),
            (ExportFormat::Xlsx, None, before - 1),
            (ExportFormat::Print, None, before - 1),
            (ExportFormat::Csv, Some(news), 1),
        ];
        for (n, (format, consent, people)) in paths.into_iter().enumerate() {
            let file = exports::export_members(
                db,
                &a,
                &sys,
                T0,
                &ExportRequest {
                    format,
                    purpose: "Annual general meeting".into(),
                    columns: vec!["given_name".into(), "email".into()],
                    status: None,
                    consent,
                    lang: Lang::Nl,
                },
            )
            .await
            .unwrap();
            assert_eq!(
                file.people as i64,
                people,
                "{format:?} on {:?}",
                t.backend()
            );
            assert_eq!(file.sha256, exports::sha256_hex(&file.bytes));
            let text = String::from_utf8_lossy(&file.bytes).to_string();
            if format != ExportFormat::Xlsx {
                assert!(!text.contains("Hidden"), "{format:?}: a restricted record");
                assert!(text.contains("Lotte"));
            } else {
                assert!(file.bytes.starts_with(b"PK"), "an XLSX is a zip");
            }
            let register = exports::export_register(db, &a, 100).await.unwrap();
            assert_eq!(register.len(), n + 1);
            let r = &register[0];
            assert_eq!(r.id, file.register_id);
            assert_eq!(r.people, people);
            assert_eq!(r.sha256, file.sha256);
            assert_eq!(r.kind, format.kind());
            assert_eq!(r.columns, "given_name,email");
            assert_eq!(r.purpose, "Annual general meeting");
        }
        // Who was included, and how often.
        assert_eq!(
            exports::exports_including(db, &a, lotte)
                .await
                .unwrap()
                .len(),
            4
        );
        assert_eq!(
            exports::exports_including(db, &a, jan).await.unwrap().len(),
            3
        );
        assert_eq!(
            exports::exports_including(db, &a, hidden)
                .await
                .unwrap()
                .len(),
            0
        );
        // No purpose, an unknown column, an unknown consent purpose: refused, nothing recorded.
        let base = ExportRequest {
            format: ExportFormat::Csv,
            purpose: "  ".into(),
            columns: Vec::new(),
            status: None,
            consent: None,
            lang: Lang::En,
        };
        for (req, field) in [
            (base.clone(), "purpose"),
            (
                ExportRequest {
                    purpose: "ok".into(),
                    columns: vec!["password_hash".into()],
                    ..base.clone()
                },
                "columns",
            ),
            (
                ExportRequest {
                    purpose: "ok".into(),
                    consent: Some(12345),
                    ..base.clone()
                },
                "consent",
            ),
        ] {
            match exports::export_members(db, &a, &sys, T0, &req).await {
                Err(AppError::Invalid(f)) => assert_eq!(f[0].field, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        assert_eq!(count(db, &a, "export_register").await, 4);
    }
}

#[tokio::test]
async fn the_registers_consent_filter_leaves_restricted_members_out() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        let lotte = person(db, &a, "Lotte").await;
        let hidden = person(db, &a, "Hidden").await;
        let news = save_purpose(db, &a, &sys, T0, None, &texts("News", "News"), None)
            .await
            .unwrap();
        for m in [lotte, hidden] {
            record(db, &a, &sys, T0, &paper(m, news, true))
                .await
                .unwrap();
        }
        let filter = tessera_common::dto::MemberFilter {
            consent: news.to_string(),
            ..Default::default()
        };
        let before = crate::members::list_filtered(db, &a, &filter, 1)
            .await
            .unwrap();
        assert_eq!(before.total, 2, "{:?}", t.backend());
        // Hidden restricts their record: out of "who may receive News", though their
        // consent stands.
        let mut tx = db.tenant_write(&a, &sys, T0).await.unwrap();
        tx.execute(
            "UPDATE members SET restricted_at = $2 WHERE tenant_id = $1 AND id = $3",
            args![T0, hidden],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert!(given(db, &a, news, hidden).await.unwrap());
        let after = crate::members::list_filtered(db, &a, &filter, 1)
            .await
            .unwrap();
        assert_eq!(after.total, 1, "{:?}", t.backend());
        assert_eq!(after.rows.len(), 1);
        assert_eq!(after.rows[0].id, lotte);
        // With a search too (the other way the list is read).
        let searched = crate::members::list_filtered(
            db,
            &a,
            &tessera_common::dto::MemberFilter {
                query: "Peeters".into(),
                ..filter.clone()
            },
            1,
        )
        .await
        .unwrap();
        assert_eq!(searched.total, 1);
        assert!(searched.rows.iter().all(|r| r.id != hidden));
        // The export with the consent filter (its own plan on PostgreSQL): in name order,
        // without the restricted record or a withdrawn consent, and a status filter on top.
        let anna = person(db, &a, "Anna").await;
        let zoe = person(db, &a, "Zoe").await;
        record(db, &a, &sys, T0, &paper(anna, news, true))
            .await
            .unwrap();
        record(db, &a, &sys, T0, &paper(zoe, news, true))
            .await
            .unwrap();
        record(db, &a, &sys, T0.plus_seconds(1), &paper(zoe, news, false))
            .await
            .unwrap();
        let export = |status| ExportRequest {
            format: ExportFormat::Csv,
            purpose: "Newsletter".into(),
            columns: vec!["given_name".into()],
            status,
            consent: Some(news),
            lang: Lang::En,
        };
        let file = exports::export_members(db, &a, &sys, T0.plus_seconds(2), &export(None))
            .await
            .unwrap();
        let text = String::from_utf8(file.bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}given_name\r\nAnna\r\nLotte\r\n",
            "{:?}",
            t.backend()
        );
        assert_eq!(file.people, 2);
        let ended = exports::export_members(
            db,
            &a,
            &sys,
            T0.plus_seconds(2),
            &export(Some(tessera_common::dto::MemberStatus::Ended)),
        )
        .await
        .unwrap();
        assert_eq!(ended.people, 0, "{:?}", t.backend());
    }
}

// perf17: the export register stores the members of a large export in one statement (a
// JSON list), and the CSV is written row by row; both as before, on both databases.
#[tokio::test]
async fn a_large_export_records_every_member_once_and_the_csv_keeps_its_bytes() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        // 12,000 members (more than one multi-row statement held), some twice, ids up to
        // the largest an id can be.
        let mut many: Vec<MemberId> = (1..=12_000i64).map(|n| MemberId(n * 7_919)).collect();
        many.push(MemberId(7_919));
        many.push(MemberId(i64::MAX));
        let id = exports::record_export(
            db,
            &a,
            &sys,
            T0,
            &exports::ExportLog {
                kind: "csv",
                purpose: "Federation list",
                filter: "all",
                columns: &["given_name".to_string()],
                members: &many,
                sha256: &exports::sha256_hex(b"x"),
            },
        )
        .await
        .unwrap();
        assert_eq!(
            count(db, &a, "export_register_members").await,
            12_001,
            "{:?}",
            t.backend()
        );
        let register = exports::export_register(db, &a, 10).await.unwrap();
        assert_eq!(register[0].id, id);
        assert_eq!(register[0].people, 12_001);
        for m in [
            MemberId(7_919),
            MemberId(12_000 * 7_919),
            MemberId(i64::MAX),
        ] {
            let inc = exports::exports_including(db, &a, m).await.unwrap();
            assert_eq!(inc.len(), 1, "{m:?} on {:?}", t.backend());
            assert_eq!(inc[0].id, id);
        }
        assert!(exports::exports_including(db, &a, MemberId(5))
            .await
            .unwrap()
            .is_empty());

        // The CSV: a byte-order mark, a header, CRLF line ends, quotes only where needed,
        // formulas defused; its hash is the one of the bytes handed out.
        for given in ["Ann, \"Nan\"", "=cmd"] {
            crate::members::create(
                db,
                &a,
                &sys,
                T0,
                NewMember {
                    given_name: given.into(),
                    family_name: "Peeters".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        }
        let file = exports::export_members(
            db,
            &a,
            &sys,
            T0,
            &ExportRequest {
                format: ExportFormat::Csv,
                purpose: "Check".into(),
                columns: vec!["given_name".into(), "family_name".into()],
                status: None,
                consent: None,
                lang: Lang::En,
            },
        )
        .await
        .unwrap();
        assert_eq!(file.sha256, exports::sha256_hex(&file.bytes));
        let text = String::from_utf8(file.bytes.clone()).unwrap();
        assert!(
            text.starts_with("\u{feff}given_name,family_name\r\n"),
            "{text}"
        );
        assert!(
            text.contains("\r\n\"Ann, \"\"Nan\"\"\",Peeters\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\n'=cmd,Peeters\r\n"), "{text}");
        assert!(text.ends_with("\r\n"));
        assert_eq!(text.lines().count() as i64, 1 + file.people as i64);
    }
}
