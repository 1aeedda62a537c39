//! Duplicate records (issue 19): each rule of the duplicate detection and a
//! non-duplicate, a merge that keeps every consent, family link and stamp, the schema
//! coverage of the merge and deletion, refusals that change nothing, deleting a record,
//! linking a guardian by hand. On SQLite and PostgreSQL.

use crate::db::{Db, DbUrl};
use crate::dupes::{self, Probe, MEMBER_REFERENCES};
use crate::members::{self, NewMember};
use crate::scope::{self, TenantScope};
use crate::tests::{world, World, T0};
use crate::{args, testing};
use std::collections::BTreeSet;
use tessera_common::consent::ConsentSource;
use tessera_common::dto::TenantKind;
use tessera_common::dupes::DuplicateReason;
use tessera_common::{AppError, MemberId, Msg};

async fn admin(db: &Db, w: &World, slug: &str) -> TenantScope {
    // The outsider administers club B.
    let actor = if slug == "club-a" {
        &w.admin_a
    } else {
        &w.outsider
    };
    scope::resolve(db, actor, TenantKind::Club, slug, T0)
        .await
        .unwrap()
}

fn person(given: &str, family: &str, birth: Option<&str>, email: Option<&str>) -> NewMember {
    NewMember {
        given_name: given.into(),
        family_name: family.into(),
        birth_date: birth.map(str::to_string),
        email: email.map(str::to_string),
        ..Default::default()
    }
}

async fn add(db: &Db, s: &TenantScope, w: &World, m: NewMember) -> MemberId {
    members::create(db, s, &w.admin_a, T0, m).await.unwrap()
}

fn probe(given: &str, family: &str, birth: Option<&str>, email: Option<&str>) -> Probe {
    Probe {
        given_name: given.into(),
        family_name: family.into(),
        birth_date: birth.map(str::to_string),
        email: email.map(str::to_string),
    }
}

async fn family(db: &Db, s: &TenantScope, w: &World, pairs: &[(MemberId, MemberId)]) {
    let mut tx = db.tenant_write(s, &w.admin_a, T0).await.unwrap();
    members::link_guardians(&mut tx, pairs).await.unwrap();
    tx.commit().await.unwrap();
}

async fn version(db: &Db, s: &TenantScope, id: MemberId) -> i64 {
    members::get_for_edit(db, s, id).await.unwrap().version
}

#[tokio::test]
async fn each_duplicate_rule_finds_its_record_and_a_different_person_is_not_one() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = admin(db, &w, "club-a").await;
        let jan = add(
            db,
            &a,
            &w,
            person(
                "Jan",
                "Van den Broeck",
                Some("2001-03-04"),
                Some("jan@vdb.be"),
            ),
        )
        .await;
        // Another person born the same day, and one with the same name but another day.
        add(
            db,
            &a,
            &w,
            person("Mira", "Claes", Some("2001-03-04"), None),
        )
        .await;
        add(
            db,
            &a,
            &w,
            person("Jan", "Van den Broeck", Some("1970-01-01"), None),
        )
        .await;
        let found = |p: Probe| {
            let a = a.clone();
            async move { dupes::find(db, &a, &p).await.unwrap() }
        };
        let reasons = |f: &[tessera_common::dupes::Duplicate]| {
            f.iter().map(|d| (d.id, d.reason)).collect::<Vec<_>>()
        };
        // Same e-mail (case aside), another name and no birth date.
        let f = found(probe("Someone", "Else", None, Some("JAN@vdb.be "))).await;
        assert_eq!(reasons(&f), vec![(jan, DuplicateReason::Email)]);
        // Same name (case, accents, spaces, hyphen aside) and birth date.
        let f = found(probe("jan", "Vandenbroeck", Some("2001-03-04"), None)).await;
        assert_eq!(reasons(&f), vec![(jan, DuplicateReason::NameAndBirthDate)]);
        let f = found(probe("Ján", "Van-den-Broeck", Some("2001-03-04"), None)).await;
        assert_eq!(reasons(&f), vec![(jan, DuplicateReason::NameAndBirthDate)]);
        // One letter off, letters swapped, first and last name swapped.
        for (g, fam) in [
            ("Jan", "Van den Broek"),
            ("Jna", "Van den Broeck"),
            ("Van den Broeck", "Jan"),
        ] {
            let f = found(probe(g, fam, Some("2001-03-04"), None)).await;
            assert_eq!(
                reasons(&f),
                vec![(jan, DuplicateReason::SimilarName)],
                "{g} {fam}"
            );
        }
        // Not a duplicate: a similar name born another day, another name the same day,
        // a name two edits away, nothing to compare.
        assert!(
            found(probe("Jan", "Van den Broek", Some("2001-03-05"), None))
                .await
                .is_empty()
        );
        assert!(found(probe(
            "Piet",
            "Peeters",
            Some("2001-03-04"),
            Some("piet@x.be")
        ))
        .await
        .is_empty());
        assert!(
            found(probe("Jan", "Van der Broek", Some("2001-03-04"), None))
                .await
                .is_empty()
        );
        assert!(found(probe("Jan", "Van den Broeck", None, None))
            .await
            .is_empty());
        // Another club's register is not searched.
        let b = admin(db, &w, "club-b").await;
        assert!(
            dupes::find(db, &b, &probe("Someone", "Else", None, Some("jan@vdb.be")))
                .await
                .unwrap()
                .is_empty()
        );
        // Hostile names compare like any other; a record's duplicates from its page.
        let h1 = add(
            db,
            &a,
            &w,
            person(
                "<script>alert(1)</script>",
                "O\"Neil'</textarea>",
                Some("1991-04-05"),
                None,
            ),
        )
        .await;
        let h2 = add(
            db,
            &a,
            &w,
            person(
                "<script>alert(1)</script>",
                "O\"Neal'</textarea>",
                Some("1991-04-05"),
                Some("h2@x.be"),
            ),
        )
        .await;
        assert_eq!(
            reasons(&dupes::of_member(db, &a, h1).await.unwrap()),
            vec![(h2, DuplicateReason::SimilarName)]
        );
        // A record's own duplicates leave the record itself out.
        let own = dupes::of_member(db, &a, jan).await.unwrap();
        assert!(own.iter().all(|d| d.id != jan));
    }
}

async fn news_purpose(db: &Db, a: &TenantScope, w: &World) -> i64 {
    let text = |s: &str| tessera_common::consent::Localized {
        en: s.into(),
        nl: s.into(),
        fr: s.into(),
    };
    crate::consents::save_purpose(
        db,
        a,
        &w.admin_a,
        T0,
        None,
        &crate::consents::PurposeInput {
            title: text("Newsletter"),
            body: text("News"),
        },
        None,
    )
    .await
    .unwrap()
}

async fn consent(
    db: &Db,
    a: &TenantScope,
    w: &World,
    m: MemberId,
    purpose: i64,
    given: bool,
    at: i64,
) {
    crate::consents::record(
        db,
        a,
        &w.admin_a,
        tessera_common::time::Timestamp(T0.0 + at),
        &crate::consents::ConsentChange {
            member: m,
            purpose,
            given,
            source: ConsentSource::Paper,
            note: None,
        },
    )
    .await
    .unwrap();
}

async fn count(db: &Db, s: &TenantScope, sql: &str, args: Vec<crate::db::Value>) -> i64 {
    let mut tx = db.tenant_read(s).await.unwrap();
    let n: (i64,) = tx.fetch_one(sql, args).await.unwrap();
    tx.commit().await.unwrap();
    n.0
}

#[tokio::test]
async fn a_merge_keeps_every_consent_family_link_and_stamp() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = admin(db, &w, "club-a").await;
        let keep = add(db, &a, &w, person("Lien", "Maes", Some("2012-06-01"), None)).await;
        let gone = add(
            db,
            &a,
            &w,
            person("Lien", "Maas", Some("2012-06-01"), Some("lien@maes.be")),
        )
        .await;
        let mum = add(db, &a, &w, person("Els", "Maes", Some("1980-01-01"), None)).await;
        let dad = add(db, &a, &w, person("Tom", "Maes", Some("1979-01-01"), None)).await;
        // Mum is guardian of both records (one link must remain), dad of the one that goes.
        family(db, &a, &w, &[(mum, keep), (mum, gone), (dad, gone)]).await;
        let news = news_purpose(db, &a, &w).await;
        consent(db, &a, &w, keep, news, true, 1).await;
        consent(db, &a, &w, gone, news, true, 2).await;
        consent(db, &a, &w, gone, news, false, 3).await;
        let events_before = count(
            db,
            &a,
            "SELECT count(*) FROM consent_events WHERE tenant_id = $1 AND member_id IN ($2, $3)",
            args![keep, gone],
        )
        .await;
        assert_eq!(events_before, 3);
        // Each record's own My-data downloads: one of the kept, two of the other.
        for (m, at) in [(gone, 4), (keep, 5), (gone, 6)] {
            crate::members::exports::record_export(
                db,
                &a,
                &w.admin_a,
                tessera_common::time::Timestamp(T0.0 + at),
                &crate::members::exports::ExportLog {
                    kind: crate::members::exports::MY_DATA,
                    purpose: "access request by the person",
                    filter: "member",
                    columns: &[],
                    members: &[m],
                    sha256: "00",
                },
            )
            .await
            .unwrap();
        }
        // Federation reads counted for both records.
        let mut tx = db.tenant_write(&a, &w.admin_a, T0).await.unwrap();
        tx.execute(
            "INSERT INTO federation_read_counts (tenant_id, member_id, reads) \
             VALUES ($1, $2, 2), ($1, $3, 3)",
            args![keep, gone],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        // And one read of the record that goes still queued for the club's log: the merge
        // moves the queue in first, so it is counted for the kept record, not left behind.
        let mut tx = db.platform(true).await.unwrap();
        tx.insert_federation_reads(
            None,
            vec![(
                a.tenant_id(),
                format!(
                    "{{\"federation\":\"fed\",\"what\":\"person\",\"count\":1,\"people\":[{{\"member\":{}}}]}}",
                    gone.0
                ),
            )],
            T0,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let take: BTreeSet<String> = ["email".to_string()].into();
        let later = tessera_common::time::Timestamp(T0.0 + 10);
        let (vk, vg) = (version(db, &a, keep).await, version(db, &a, gone).await);
        dupes::merge(db, &a, &w.admin_a, later, keep, gone, (vk, vg), &take)
            .await
            .unwrap();
        // The record that went is gone; the kept one has the chosen e-mail, its own name.
        assert_eq!(
            members::get(db, &a, gone).await.unwrap_err(),
            AppError::NotFound
        );
        let k = members::get(db, &a, keep).await.unwrap();
        assert_eq!(k.email.as_deref(), Some("lien@maes.be"));
        assert_eq!(k.family_name, "Maes");
        // Both guardians, once each.
        let mut g: Vec<MemberId> = k.guardians.iter().map(|p| p.id).collect();
        g.sort();
        let mut want = vec![mum, dad];
        want.sort();
        assert_eq!(g, want);
        assert_eq!(
            count(
                db,
                &a,
                "SELECT count(*) FROM member_guardians WHERE tenant_id = $1",
                args![]
            )
            .await,
            2
        );
        // Every consent event stays, now the kept record's; the latest answer stands.
        assert_eq!(
            count(
                db,
                &a,
                "SELECT count(*) FROM consent_events WHERE tenant_id = $1 AND member_id = $2",
                args![keep]
            )
            .await,
            3
        );
        assert!(!crate::consents::given(db, &a, news, keep).await.unwrap());
        // The downloads add up on the kept record: three, the first of the other record's.
        let mut tx = db.tenant_read(&a).await.unwrap();
        let own: Vec<(i64, i64, i64, i64)> = tx
            .fetch_all(
                "SELECT member_id, downloads, first_at, last_at FROM my_data_downloads \
                 WHERE tenant_id = $1",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(own, vec![(keep.0, 3, T0.0 + 4, T0.0 + 6)]);
        assert_eq!(
            count(
                db,
                &a,
                "SELECT reads FROM federation_read_counts WHERE tenant_id = $1 AND member_id = $2",
                args![keep]
            )
            .await,
            6
        );
        assert_eq!(
            count(
                db,
                &a,
                "SELECT count(*) FROM federation_read_queue WHERE tenant_id = $1",
                args![]
            )
            .await,
            0
        );
        assert_eq!(
            count(
                db,
                &a,
                "SELECT count(*) FROM federation_read_counts WHERE tenant_id = $1",
                args![]
            )
            .await,
            1
        );
        // Stamps: the consent events keep who recorded them; the kept record names the merger.
        assert_eq!(
            count(
                db,
                &a,
                "SELECT count(*) FROM consent_events WHERE tenant_id = $1 AND updated_by_name = $2",
                args!["Anna Admin"]
            )
            .await,
            3
        );
        assert_eq!(k.stamp.at, later);
        // The search finds the kept record by the e-mail it took over.
        let page = members::list(db, &a, "lien@maes", 1).await.unwrap();
        assert_eq!(
            page.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![keep]
        );
        // The event log names both ids.
        let mut tx = db.tenant_read(&a).await.unwrap();
        let logged: Vec<(Option<String>,)> = tx
            .fetch_all(
                "SELECT detail FROM security_events WHERE tenant_id = $1 AND kind = $2",
                args!["members_merged"],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            logged,
            vec![(Some(format!(
                "member #{} merged into member #{}",
                gone.0, keep.0
            )),)]
        );
    }
}

#[tokio::test]
async fn refused_merges_say_why_and_change_nothing() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = admin(db, &w, "club-a").await;
        let x = add(db, &a, &w, person("Ann", "Dewit", Some("1990-01-01"), None)).await;
        let y = add(
            db,
            &a,
            &w,
            person("Ann", "De Wit", Some("1990-01-01"), None),
        )
        .await;
        let none = BTreeSet::new();
        let (vx, vy) = (version(db, &a, x).await, version(db, &a, y).await);
        let merge = |k: MemberId, r: MemberId, v: (i64, i64), f: BTreeSet<String>| {
            let a = a.clone();
            let admin = w.admin_a.clone();
            async move { dupes::merge(db, &a, &admin, T0, k, r, v, &f).await }
        };
        // Itself: 400.
        assert!(
            matches!(merge(x, x, (vx, vx), none.clone()).await, Err(AppError::BadRequest(p)) if p.msg == Msg::DupMergeSelf)
        );
        // A record of another club: not found, from either side.
        assert_eq!(
            merge(x, w.b_member, (vx, 1), none.clone()).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            merge(w.b_member, x, (1, vx), none.clone()).await,
            Err(AppError::NotFound)
        );
        // An unknown field, a stale version.
        let bad: BTreeSet<String> = ["identity_id".to_string()].into();
        assert!(matches!(
            merge(x, y, (vx, vy), bad).await,
            Err(AppError::BadRequest(_))
        ));
        assert!(
            matches!(merge(x, y, (vx, vy + 1), none.clone()).await, Err(AppError::Conflict(p)) if p.msg == Msg::DupMergeChanged)
        );
        // A restricted record: 409.
        let mut tx = db.tenant_write(&a, &w.admin_a, T0).await.unwrap();
        tx.execute(
            "UPDATE members SET restricted_at = $2 WHERE tenant_id = $1 AND id = $3",
            args![T0.0, y],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert!(
            matches!(merge(x, y, (vx, vy), none.clone()).await, Err(AppError::Conflict(p)) if p.msg == Msg::ErrRightsRestricted)
        );
        // Nothing changed.
        assert_eq!(version(db, &a, x).await, vx);
        assert_eq!(
            count(
                db,
                &a,
                "SELECT count(*) FROM members WHERE tenant_id = $1 AND id IN ($2, $3)",
                args![x, y]
            )
            .await,
            2
        );
    }
}

#[tokio::test]
async fn every_member_reference_is_covered_by_the_merge_and_the_deletion() {
    for t in testing::all().await {
        let DbUrl::Sqlite(path) = &t.url else {
            continue;
        };
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        // Every table with a column that names a member record, or a foreign key to members.
        let tables: Vec<(String,)> = sqlx::query_as(
            "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name <> 'members' \
             AND (EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name LIKE '%member_id' \
                  OR c.name LIKE '%member_ids' OR c.name IN ('guardian_id', 'child_id')) \
              OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(m.name) f WHERE f.\"table\" = 'members'))",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        pool.close().await;
        let covered: Vec<&str> = MEMBER_REFERENCES.iter().map(|r| r.table).collect();
        let missing: Vec<&String> = tables
            .iter()
            .map(|t| &t.0)
            .filter(|t| {
                !covered.contains(&t.as_str())
                    && !crate::dupes::OTHER_TENANT_REFERENCES.contains(&t.as_str())
            })
            .collect();
        assert!(
            missing.is_empty(),
            "tables referring to member records not in dupes::MEMBER_REFERENCES \
             (add what a merge and a deletion do to them): {missing:?}"
        );
        assert!(tables.len() >= 9, "the schema query finds the known tables");
        for r in MEMBER_REFERENCES {
            for s in r.merge.iter().chain(r.delete) {
                assert!(s.sql.contains("tenant_id = $1"), "{}", s.sql);
                assert!(s.sql.contains(r.table), "{}", s.sql);
            }
            assert!(!r.merge.is_empty() && !r.delete.is_empty(), "{}", r.table);
        }
    }
}

#[tokio::test]
async fn deleting_a_record_removes_what_hangs_off_it_and_logs_a_stamp() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = admin(db, &w, "club-a").await;
        let kid = add(
            db,
            &a,
            &w,
            person("Kato", "Peeters", Some("2015-02-02"), None),
        )
        .await;
        let mum = add(
            db,
            &a,
            &w,
            person("Sara", "Peeters", Some("1985-02-02"), None),
        )
        .await;
        family(db, &a, &w, &[(mum, kid)]).await;
        let news = news_purpose(db, &a, &w).await;
        consent(db, &a, &w, kid, news, true, 1).await;
        // A stale version is refused, another club's record is not found.
        let v = version(db, &a, kid).await;
        assert!(matches!(
            dupes::delete(db, &a, &w.admin_a, T0, kid, v + 1).await,
            Err(AppError::Conflict(_))
        ));
        assert_eq!(
            dupes::delete(db, &a, &w.admin_a, T0, w.b_member, 1).await,
            Err(AppError::NotFound)
        );
        dupes::delete(db, &a, &w.admin_a, T0, kid, v).await.unwrap();
        assert_eq!(
            members::get(db, &a, kid).await.unwrap_err(),
            AppError::NotFound
        );
        for table in [
            "member_guardians",
            "consent_events",
            "member_consents",
            "member_search",
        ] {
            let col = if table == "member_guardians" {
                "child_id"
            } else {
                "member_id"
            };
            assert_eq!(
                count(
                    db,
                    &a,
                    &format!("SELECT count(*) FROM {table} WHERE tenant_id = $1 AND {col} = $2"),
                    args![kid]
                )
                .await,
                0,
                "{table}"
            );
        }
        let mut tx = db.tenant_read(&a).await.unwrap();
        let logged: Vec<(Option<String>, Option<i64>)> = tx
            .fetch_all(
                "SELECT detail, identity_id FROM security_events WHERE tenant_id = $1 AND kind = $2",
                args!["member_deleted"],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            logged,
            vec![(
                Some(format!("member #{} deleted", kid.0)),
                w.admin_a.identity.map(|i| i.0)
            )]
        );
        // A record with an account linked is refused.
        let linked = add(db, &a, &w, person("Acc", "Ount", None, Some("acc@ount.be"))).await;
        let mut tx = db.tenant_write(&a, &w.admin_a, T0).await.unwrap();
        tx.execute(
            "UPDATE memberships SET member_id = $2 WHERE tenant_id = $1 AND identity_id = $3",
            args![linked, w.admin_a.identity.map(|i| i.0)],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let v = version(db, &a, linked).await;
        assert!(matches!(
            dupes::delete(db, &a, &w.admin_a, T0, linked, v).await,
            Err(AppError::Conflict(p)) if p.msg == Msg::DupDeleteAccount
        ));
        assert!(members::get(db, &a, linked).await.is_ok());
    }
}

#[tokio::test]
async fn a_guardian_is_linked_by_hand_once_without_circles_and_unlinked() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = admin(db, &w, "club-a").await;
        let kid = add(
            db,
            &a,
            &w,
            person("Noor", "Jacobs", Some("2016-05-05"), None),
        )
        .await;
        let teen = add(
            db,
            &a,
            &w,
            person("Lars", "Jacobs", Some("2012-05-05"), None),
        )
        .await;
        let dad = add(
            db,
            &a,
            &w,
            person("Koen", "Jacobs", Some("1980-05-05"), None),
        )
        .await;
        let link = |c: MemberId, g: MemberId| {
            let a = a.clone();
            let admin = w.admin_a.clone();
            async move { dupes::link_guardian(db, &a, &admin, T0, c, g).await }
        };
        assert!(
            matches!(link(kid, kid).await, Err(AppError::BadRequest(p)) if p.msg == Msg::ErrOwnGuardian)
        );
        assert!(
            matches!(link(kid, teen).await, Err(AppError::BadRequest(p)) if p.msg == Msg::DupGuardianMinor)
        );
        assert!(matches!(link(dad, kid).await, Err(AppError::BadRequest(_))));
        assert_eq!(link(kid, w.b_member).await, Err(AppError::NotFound));
        link(kid, dad).await.unwrap();
        assert!(
            matches!(link(kid, dad).await, Err(AppError::Conflict(p)) if p.msg == Msg::DupGuardianTwice)
        );
        let d = members::get(db, &a, kid).await.unwrap();
        assert_eq!(
            d.guardians.iter().map(|g| g.id).collect::<Vec<_>>(),
            vec![dad]
        );
        dupes::unlink_guardian(db, &a, &w.admin_a, T0, kid, dad)
            .await
            .unwrap();
        assert_eq!(
            dupes::unlink_guardian(db, &a, &w.admin_a, T0, kid, dad).await,
            Err(AppError::NotFound)
        );
        assert!(members::get(db, &a, kid)
            .await
            .unwrap()
            .guardians
            .is_empty());
        // A record already (wrongly) guardian of the adult: linking back would be a circle.
        family(db, &a, &w, &[(kid, dad)]).await;
        assert!(
            matches!(link(kid, dad).await, Err(AppError::Conflict(p)) if p.msg == Msg::DupGuardianCycle)
        );
    }
}

#[tokio::test]
async fn the_demo_has_a_likely_duplicate_in_its_first_club() {
    for t in testing::all().await {
        let db = &t.db;
        let s = crate::tests::demo_first_club(db).await;
        let mut found = 0;
        for row in members::list(db, &s, "", 1).await.unwrap().rows {
            if !dupes::of_member(db, &s, row.id).await.unwrap().is_empty() {
                found += 1;
            }
        }
        // The original and its copy, each the other's possible duplicate.
        assert!(found >= 2, "{found}");
    }
}

/// A registration waiting for review shows the reviewer the records that may be the same
/// person (never the records the submission made itself); one that matches nobody shows none.
#[tokio::test]
async fn a_pending_registration_flags_possible_duplicates_for_the_reviewer() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = crate::scope::Actor::system("test");
        let sa = TenantScope::for_system_task(
            &crate::jobs::SystemTask::command_line(),
            w.club_a.clone(),
        );
        crate::tenants::module_settings::switch(db, &sa, &sys, T0, "forms", true)
            .await
            .unwrap();
        let a = admin(db, &w, "club-a").await;
        let there = add(
            db,
            &a,
            &w,
            person("Ruben", "Desmet", Some("2010-10-10"), None),
        )
        .await;
        let own = add(
            db,
            &a,
            &w,
            person("Ruben", "De Smet", Some("2010-10-10"), None),
        )
        .await;
        let form = crate::registration::save_form(
            db,
            &a,
            &w.admin_a,
            T0,
            None,
            &tessera_common::dto::RegFormInput {
                title: "Join".into(),
                slug: "join".into(),
                audience: "self".into(),
                published: true,
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
        let mut tx = db.tenant_write(&a, &w.admin_a, T0).await.unwrap();
        for (n, given, members) in [(0, "Ruben", own.to_string()), (1, "Xander", String::new())] {
            tx.insert(
                "reg_submissions",
                vec![
                    ("id", crate::ids::new_id().into()),
                    ("form_id", form.into()),
                    ("email", format!("applicant{n}@example.be").into()),
                    (
                        "data",
                        format!(
                            r#"{{"guardian":null,"people":[{{"given_name":"{given}","family_name":"De Smet","standard":{{"birth_date":"2010-10-10"}}}}]}}"#
                        )
                        .into(),
                    ),
                    ("digest", format!("d{n}").into()),
                    ("status", "pending".into()),
                    ("expires_at", T0.plus_seconds(3600).into()),
                    ("submitted_at", T0.into()),
                    ("member_ids", members.into()),
                ],
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        let apps = crate::registration::applications(db, &a).await.unwrap();
        let flagged: Vec<Vec<MemberId>> = apps
            .pending
            .iter()
            .map(|p| p.people[0].duplicates.iter().map(|d| d.id).collect())
            .collect();
        let mut flagged = flagged;
        flagged.sort();
        assert_eq!(flagged, vec![vec![], vec![there]]);
    }
}

/// The duplicate lookup in a club of 100,000 members, on both databases (run by hand:
/// `cargo nextest run -p tessera_core --run-ignored only duplicate_lookup_speed`); prints
/// the median and p99 of 200 lookups of existing people (by name, birth date and e-mail).
#[tokio::test]
#[ignore]
// A measurement of wall time: the one place a real clock is wanted.
#[allow(clippy::disallowed_methods)]
async fn duplicate_lookup_speed_in_a_club_of_100000() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = admin(db, &w, "club-a").await;
        let given = [
            "Jan", "Piet", "Els", "An", "Lotte", "Wout", "Emma", "Noor", "Lars", "Mira",
        ];
        let family = [
            "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
            "Wouters", "De Smet",
        ];
        let person_n = |i: usize| NewMember {
            given_name: format!("{}{}", given[i % 10], i % 97),
            family_name: format!("{}{}", family[(i / 10) % 10], i % 89),
            birth_date: Some(format!(
                "{}-{:02}-{:02}",
                1950 + (i * 7) % 70,
                1 + (i * 11) % 12,
                1 + (i * 13) % 28
            )),
            email: i.is_multiple_of(2).then(|| format!("p{i}@example.be")),
            ..Default::default()
        };
        let mut tx = db.tenant_write(&a, &w.admin_a, T0).await.unwrap();
        let all: Vec<NewMember> = (0..100_000).map(person_n).collect();
        for chunk in all.chunks(5000) {
            members::insert_many(&mut tx, chunk).await.unwrap();
        }
        tx.commit().await.unwrap();
        let mut times = Vec::new();
        let mut hits = 0;
        for k in 0..200 {
            let m = person_n(k * 499);
            let p = probe(
                &m.given_name,
                &m.family_name,
                m.birth_date.as_deref(),
                m.email.as_deref(),
            );
            let start = std::time::Instant::now();
            let f = dupes::find(db, &a, &p).await.unwrap();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            hits += usize::from(!f.is_empty());
        }
        times.sort_by(|x, y| x.total_cmp(y));
        eprintln!(
            "{:?}: duplicate lookup in 100,000 members: median {:.2} ms, p99 {:.2} ms ({hits}/200 found)",
            t.backend(),
            times[100],
            times[197]
        );
        assert_eq!(hits, 200);
    }
}
