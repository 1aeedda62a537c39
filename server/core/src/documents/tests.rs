//! Member documents and the everyday lists, on SQLite and PostgreSQL.

use super::lists::{birthdays, member_card, monday_of, week_days};
use super::*;
use crate::jobs::SystemTask;
use crate::members::NewMember;
use crate::testing;
use crate::tests::{world, T0};
use tessera_common::dto::{MemberStatus, TenantKind};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'];
const DAY: i64 = 86_400_000;

fn msg_of(e: &AppError) -> Msg {
    match e {
        AppError::Invalid(v) => v[0].problem.msg,
        AppError::BadRequest(p) | AppError::Conflict(p) => p.msg,
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn files_are_typed_by_their_content_not_their_name() {
    assert_eq!(check_file("a.pdf", PDF).unwrap(), "application/pdf");
    assert_eq!(check_file("scan.PNG", PNG).unwrap(), "image/png");
    assert_eq!(check_file("photo.jpeg", JPEG).unwrap(), "image/jpeg");
    // No extension, or one we do not know: the content decides.
    assert_eq!(check_file("scan", JPEG).unwrap(), "image/jpeg");
    // A text file named .pdf: refused, saying so.
    let e = check_file("certificate.pdf", b"<html><script>alert(1)</script>").unwrap_err();
    assert_eq!(e.status(), 400);
    assert_eq!(msg_of(&e), Msg::DocErrNotWhatItClaims);
    assert!(e.text(Lang::En).contains("PDF"), "{}", e.text(Lang::En));
    // A PNG named .pdf: refused too (it is not what it claims).
    assert_eq!(
        msg_of(&check_file("x.pdf", PNG).unwrap_err()),
        Msg::DocErrNotWhatItClaims
    );
    // Anything else by content: the type message.
    assert_eq!(
        msg_of(&check_file("x.exe", b"MZ\x90\x00").unwrap_err()),
        Msg::DocErrType
    );
    assert_eq!(
        msg_of(&check_file("x.pdf", b"").unwrap_err()),
        Msg::DocErrEmpty
    );
    let mut big = PDF.to_vec();
    big.resize(MAX_BYTES + 1, b' ');
    assert_eq!(
        msg_of(&check_file("x.pdf", &big).unwrap_err()),
        Msg::DocErrTooLarge
    );
    big.truncate(MAX_BYTES);
    assert!(
        check_file("x.pdf", &big).is_ok(),
        "exactly the limit is fine"
    );
}

#[test]
fn file_names_are_cleaned_and_downloads_named_safely() {
    assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
    assert_eq!(clean_file_name("C:\\scans\\a.pdf"), "a.pdf");
    assert_eq!(clean_file_name("a\r\nb.pdf"), "ab.pdf");
    assert_eq!(clean_file_name(".."), "document");
    assert_eq!(
        download_name("\"><script>.pdf", "application/pdf"),
        "___script_.pdf"
    );
    assert_eq!(download_name("attest é.png", "image/png"), "attest__.png");
    assert_eq!(download_name("x.pdf", "image/jpeg"), "x.jpg");
}

#[test]
fn the_week_runs_monday_to_sunday_with_29_february_on_28_in_common_years() {
    let d = |s: &str| Date::parse(s).unwrap();
    // Friday 4 December 2026 → Monday 30 November.
    assert_eq!(monday_of(d("2026-12-04")), d("2026-11-30"));
    assert_eq!(monday_of(d("2026-11-30")), d("2026-11-30"));
    assert_eq!(monday_of(d("2026-12-06")), d("2026-11-30"));
    // Over the year end: Thursday 31 December 2026 → 28 December to 3 January.
    let w = week_days(d("2026-12-31"));
    assert_eq!(w[0].0, d("2026-12-28"));
    assert_eq!(w[6].0, d("2027-01-03"));
    assert_eq!(w[5].1, vec!["01-02".to_string()]);
    // 2027 is a common year: 28 February also celebrates 29 February.
    let w = week_days(d("2027-02-24"));
    let feb28 = w.iter().find(|(day, _)| *day == d("2027-02-28")).unwrap();
    assert_eq!(feb28.1, vec!["02-28".to_string(), "02-29".to_string()]);
    // 2028 is a leap year: 29 February is its own day.
    let w = week_days(d("2028-02-28"));
    assert!(w
        .iter()
        .any(|(day, md)| *day == d("2028-02-29") && md == &vec!["02-29".to_string()]));
    assert!(w
        .iter()
        .any(|(day, md)| *day == d("2028-02-28") && md == &vec!["02-28".to_string()]));
}

async fn person(db: &Db, scope: &TenantScope, given: &str, born: &str, email: bool) -> MemberId {
    crate::members::create(
        db,
        scope,
        &Actor::system("test"),
        T0,
        NewMember {
            given_name: given.into(),
            family_name: "Janssens".into(),
            birth_date: Some(born.into()),
            email: email.then(|| format!("{}@example.be", given.to_lowercase())),
            phone: Some("+32 470 12 34 56".into()),
            status: Some(MemberStatus::Active),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

async fn documents_on(db: &Db, club: &crate::tenancy::TenantRecord) -> TenantScope {
    let sys = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    crate::module_settings::switch(db, &sys, &Actor::system("test"), T0, "documents", true)
        .await
        .unwrap();
    sys
}

fn outbox() -> (crate::mail::Mailer, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("tessera-docs-{}", ids::new_id()));
    (
        crate::mail::Mailer::outbox(dir.clone(), "Tessera <t@tessera.test>").unwrap(),
        dir,
    )
}

fn mails(dir: &std::path::Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[tokio::test]
async fn documents_are_kept_per_club_checked_and_removed_with_a_stamped_event() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa = documents_on(db, &w.club_a).await;
        let sb = documents_on(db, &w.club_b).await;
        let a = crate::scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let lotte = person(db, &sa, "Lotte", "1990-03-03", true).await;
        let cert = add_kind(db, &a, &w.admin_a, T0, "Medical certificate", true)
            .await
            .unwrap();
        // The same name twice (any case) is refused.
        let e = add_kind(db, &a, &w.admin_a, T0, "medical CERTIFICATE", false)
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::DocErrKindTaken);
        let doc = |data: &[u8], name: &str, expires: &str| NewDocument {
            member: lotte,
            kind: cert,
            file_name: name.into(),
            data: data.to_vec(),
            expires_on: expires.into(),
        };
        // The kind requires an expiry date.
        let e = attach(db, &a, &w.admin_a, T0, doc(PDF, "c.pdf", ""))
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::DocErrExpiryRequired);
        // A fake PDF: refused, nothing stored.
        let e = attach(
            db,
            &a,
            &w.admin_a,
            T0,
            doc(b"not a pdf", "c.pdf", "2027-01-01"),
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::DocErrNotWhatItClaims);
        assert!(of_member(db, &a, T0, lotte)
            .await
            .unwrap()
            .documents
            .is_empty());
        let id = attach(
            db,
            &a,
            &w.admin_a,
            T0,
            doc(PDF, "../attest.pdf", "2027-01-01"),
        )
        .await
        .unwrap();
        let mine = of_member(db, &a, T0, lotte).await.unwrap();
        assert_eq!(mine.documents.len(), 1);
        assert_eq!(mine.documents[0].file_name, "attest.pdf");
        assert_eq!(mine.documents[0].expires_on.as_deref(), Some("2027-01-01"));
        assert_eq!(mine.documents[0].stamp.by.as_deref(), Some("Anna Admin"));
        let f = file(db, &a, &w.admin_a, T0, id).await.unwrap();
        assert_eq!(f.data, PDF);
        assert_eq!(f.content_type, "application/pdf");
        // Another club: neither the file, the member nor the kind exists there.
        assert_eq!(
            file(db, &sb, &Actor::system("x"), T0, id).await.err(),
            Some(AppError::NotFound)
        );
        assert_eq!(
            of_member(db, &sb, T0, lotte).await.err(),
            Some(AppError::NotFound)
        );
        assert_eq!(
            remove(db, &sb, &Actor::system("x"), T0, id).await.err(),
            Some(AppError::NotFound)
        );
        let b_kind = add_kind(db, &sb, &Actor::system("x"), T0, "ID", false)
            .await
            .unwrap();
        let e = attach(
            db,
            &a,
            &w.admin_a,
            T0,
            NewDocument {
                kind: b_kind,
                ..doc(PDF, "c.pdf", "2027-01-01")
            },
        )
        .await
        .unwrap_err();
        assert_eq!(msg_of(&e), Msg::DocErrChooseKind);
        // A kind in use cannot go.
        let e = remove_kind(db, &a, &w.admin_a, T0, cert).await.unwrap_err();
        assert_eq!(msg_of(&e), Msg::DocErrKindInUse);
        // Removing: gone, and the club's log says who removed what.
        assert_eq!(
            remove(db, &a, &w.admin_a, T0.plus_seconds(60), id)
                .await
                .unwrap(),
            lotte
        );
        assert_eq!(
            file(db, &a, &w.admin_a, T0, id).await.err(),
            Some(AppError::NotFound)
        );
        let mut tx = db.tenant_read(&sa).await.unwrap();
        let logged: Vec<(String, Option<i64>)> = tx
            .fetch_all(
                "SELECT detail, identity_id FROM security_events WHERE tenant_id = $1 \
                 AND kind = 'document_removed'",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(logged.len(), 1);
        assert!(logged[0].0.contains("attest.pdf"));
        assert_eq!(logged[0].1, w.admin_a.identity.map(|i| i.0));
        // The one download that found the file is logged: who read which document; the
        // refused ones (another club, after removal) left nothing.
        let mut tx = db.tenant_read(&sa).await.unwrap();
        let read: Vec<(String, Option<i64>)> = tx
            .fetch_all(
                "SELECT detail, identity_id FROM security_events WHERE tenant_id = $1 \
                 AND kind = 'document_downloaded'",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(read.len(), 1, "{read:?}");
        assert!(
            read[0]
                .0
                .ends_with(&format!("attest.pdf (member {})", lotte.0)),
            "{read:?}"
        );
        assert_eq!(read[0].1, w.admin_a.identity.map(|i| i.0));
        remove_kind(db, &a, &w.admin_a, T0, cert).await.unwrap();
        assert!(kinds(db, &a).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn the_expiring_list_and_reminders_go_once_per_document_to_member_and_guardians() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa = documents_on(db, &w.club_a).await;
        let sys = Actor::system("test");
        let kind = add_kind(db, &sa, &sys, T0, "Medical certificate", false)
            .await
            .unwrap();
        let today = sa.today(T0);
        let day = |n: i64| Date::from_days(today.days_since_epoch() + n).to_string();
        // A minor with a guardian, an adult, and one without an address.
        let child = person(db, &sa, "Kobe", &today.plus_years(-10).to_string(), true).await;
        let parent = person(db, &sa, "Sofie", "1985-01-01", true).await;
        let adult = person(db, &sa, "Jan", "1980-01-01", true).await;
        let hidden = person(db, &sa, "Restricted", "1980-01-01", true).await;
        let mut tx = db.tenant_write(&sa, &sys, T0).await.unwrap();
        tx.insert(
            "member_guardians",
            vec![("guardian_id", parent.into()), ("child_id", child.into())],
        )
        .await
        .unwrap();
        tx.execute(
            "UPDATE members SET restricted_at = $3 WHERE tenant_id = $1 AND id = $2",
            args![hidden, T0],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let put = |member: MemberId, expires: String| NewDocument {
            member,
            kind,
            file_name: "c.pdf".into(),
            data: PDF.to_vec(),
            expires_on: expires,
        };
        let soon = attach(db, &sa, &sys, T0, put(child, day(10)))
            .await
            .unwrap();
        let later = attach(db, &sa, &sys, T0, put(adult, day(45)))
            .await
            .unwrap();
        let expired = attach(db, &sa, &sys, T0, put(adult, day(-3)))
            .await
            .unwrap();
        attach(db, &sa, &sys, T0, put(hidden, day(5)))
            .await
            .unwrap();
        attach(db, &sa, &sys, T0, put(adult, String::new()))
            .await
            .unwrap();

        let list = overview(db, &sa, T0).await.unwrap();
        let ids: Vec<i64> = list.expiring.iter().map(|d| d.id).collect();
        assert_eq!(
            ids,
            vec![expired, soon],
            "soonest first; restricted left out"
        );
        assert!(list.expiring[0].expired && !list.expiring[1].expired);
        assert_eq!(list.until, day(30));

        // The daily job: the one due within 30 days (not the expired one) → the child's
        // address and the guardian's.
        let (mailer, dir) = outbox();
        let sent = send_reminders(db, &mailer, "https://t.test", &sa, T0)
            .await
            .unwrap();
        assert_eq!(sent, 2);
        let got = mails(&dir);
        assert!(got.iter().any(|m| m.contains("kobe@example.be")));
        assert!(got.iter().any(|m| m.contains("sofie@example.be")));
        assert!(
            got.iter().all(|m| m.contains("Medical certificate")),
            "names the kind"
        );
        // Once: the same day again, and the next day, send nothing more.
        assert_eq!(
            send_reminders(db, &mailer, "https://t.test", &sa, T0)
                .await
                .unwrap(),
            0
        );
        let next_day = T0.plus_seconds(DAY / 1000);
        assert_eq!(
            send_reminders(db, &mailer, "https://t.test", &sa, next_day)
                .await
                .unwrap(),
            0
        );
        assert!(overview(db, &sa, T0).await.unwrap().expiring[1].reminded);
        // Twenty days on, the adult's document is within 30 days: one mail, to the adult
        // only (no guardians for an adult).
        let later_day = T0.plus_seconds(20 * DAY / 1000);
        assert_eq!(
            send_reminders(db, &mailer, "https://t.test", &sa, later_day)
                .await
                .unwrap(),
            1
        );
        assert_eq!(mails(&dir).len(), 3);
        let _ = later;
        // The module switched off: no reminders at all.
        crate::module_settings::switch(db, &sa, &sys, T0, "documents", false)
            .await
            .unwrap();
        attach(db, &sa, &sys, T0, put(adult, day(25)))
            .await
            .unwrap();
        assert_eq!(
            send_reminders(db, &mailer, "https://t.test", &sa, later_day)
                .await
                .unwrap(),
            0
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[tokio::test]
async fn birthdays_this_week_in_the_club_zone_without_restricted_records() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sa = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        // Wednesday 24 February 2027, a common year, 23:30 in Brussels (22:30 UTC).
        let now = Timestamp::parse_local("2027-02-24T23:30", "Europe/Brussels").unwrap();
        assert_eq!(sa.today(now), Date::parse("2027-02-24").unwrap());
        let leap = person(db, &sa, "Leap", "2012-02-29", false).await;
        let monday = person(db, &sa, "Monday", "2000-02-22", false).await;
        let _other_week = person(db, &sa, "March", "2000-03-01", false).await;
        let hidden = person(db, &sa, "Hidden", "2001-02-25", false).await;
        let ended = person(db, &sa, "Ended", "2001-02-26", false).await;
        let mut tx = db.tenant_write(&sa, &sys, T0).await.unwrap();
        tx.execute(
            "UPDATE members SET restricted_at = $3 WHERE tenant_id = $1 AND id = $2",
            args![hidden, T0],
        )
        .await
        .unwrap();
        tx.execute(
            "UPDATE members SET status = 'ended' WHERE tenant_id = $1 AND id = $2",
            args![ended],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let b = birthdays(db, &sa, now).await.unwrap().unwrap();
        assert_eq!(
            (b.from.as_str(), b.to.as_str()),
            ("2027-02-22", "2027-02-28")
        );
        let got: Vec<(MemberId, &str, i32)> = b
            .people
            .iter()
            .map(|p| (p.member, p.on.as_str(), p.age))
            .collect();
        assert_eq!(
            got,
            vec![(monday, "2027-02-22", 27), (leap, "2027-02-28", 15)],
            "29 February on the 28th in a common year; restricted and ended left out"
        );
        // At UTC that instant is still the 24th; one hour later, Brussels is on Thursday
        // the 25th, the same week.
        assert!(b.people.iter().all(|p| !p.today));
        // A leap year: the 29th itself.
        let now = Timestamp::parse_local("2028-02-28T12:00", "Europe/Brussels").unwrap();
        let b = birthdays(db, &sa, now).await.unwrap().unwrap();
        assert!(b
            .people
            .iter()
            .any(|p| p.member == leap && p.on == "2028-02-29" && p.age == 16));
        // Year end: born 2 January, seen in the week of 31 December.
        let jan = person(db, &sa, "January", "2010-01-02", false).await;
        let now = Timestamp::parse_local("2026-12-31T10:00", "Europe/Brussels").unwrap();
        let b = birthdays(db, &sa, now).await.unwrap().unwrap();
        assert!(b
            .people
            .iter()
            .any(|p| p.member == jan && p.on == "2027-01-02" && p.age == 17));
        // A full week: at most a page listed, in day order, the rest counted.
        let mut tx = db.tenant_write(&sa, &sys, T0).await.unwrap();
        let rows: Vec<Vec<(&str, crate::db::Value)>> = (0..70)
            .map(|n| {
                vec![
                    ("id", ids::new_id().into()),
                    ("given_name", format!("Many{n:02}").into()),
                    ("family_name", "Tuesday".into()),
                    ("sort_name", format!("tuesday many{n:02}").into()),
                    ("birth_date", "1999-12-29".into()),
                    ("status", "active".into()),
                ]
            })
            .collect();
        tx.insert_many("members", rows).await.unwrap();
        tx.commit().await.unwrap();
        let b = birthdays(db, &sa, now).await.unwrap().unwrap();
        assert_eq!(b.people.len() as i64, super::lists::MAX_BIRTHDAYS);
        assert!(b.more, "70 on the 29th and January: more than a page");
        assert_eq!(b.people[0].on, "2026-12-29", "December before January");
        assert!(b.people.windows(2).all(|w| w[0].on <= w[1].on));
        // A member without members.view sees no birthdays (not an empty list: none).
        let m = crate::scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert_eq!(birthdays(db, &m, now).await.unwrap(), None);
        // The card of a restricted record is refused with a reason; another club's is not found.
        let e = member_card(db, &sa, now, hidden).await.unwrap_err();
        assert_eq!(msg_of(&e), Msg::ListRestricted);
        let sb = TenantScope::for_system_task(&SystemTask::background(), w.club_b.clone());
        assert_eq!(
            member_card(db, &sb, now, jan).await.err(),
            Some(AppError::NotFound)
        );
        let card = member_card(db, &sa, now, jan).await.unwrap();
        assert_eq!(card.name, "January Janssens");
    }
}
