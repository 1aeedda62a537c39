//! Mailings on SQLite and PostgreSQL: recipients and languages, guardians, consent,
//! placeholders, the outbox killed half-way and resumed, bounces and retries, unsubscribe.

use super::*;
use crate::clock::Clock;
use crate::clock::ManualClock;
use crate::consents::{self, PurposeInput};
use crate::jobs::SystemTask;
use crate::mail::{Mail, SendFailure};
use crate::members::NewMember;
use crate::testing;
use crate::tests::{world, T0};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use tessera_common::consent::ConsentSource;
use tessera_common::MemberId;

#[derive(Clone, Debug)]
struct Sent {
    to: String,
    subject: String,
    body: String,
    unsubscribe: Option<String>,
}

/// Records every mail; from the `fail_from`-th call on (0-based) it answers `failure`, or
/// with `hang` never answers (the process dies while sending).
#[derive(Default)]
struct TestSender {
    sent: Mutex<Vec<Sent>>,
    calls: AtomicUsize,
    fail_from: Option<usize>,
    failure: Option<SendFailure>,
    refuse: Option<String>,
    hang: Option<tokio::sync::Notify>,
}

impl Sender for TestSender {
    async fn send(
        &self,
        mail: Mail,
        unsubscribe: Option<String>,
    ) -> std::result::Result<(), SendFailure> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        if self.refuse.as_deref() == Some(mail.to.as_str()) {
            return Err(SendFailure::Refused("550 5.1.1 no such mailbox".into()));
        }
        if self.fail_from.is_some_and(|f| n >= f) {
            if let Some(h) = &self.hang {
                h.notify_one();
                std::future::pending::<()>().await;
            }
            if let Some(f) = &self.failure {
                return Err(f.clone());
            }
        }
        self.sent.lock().unwrap().push(Sent {
            to: mail.to,
            subject: mail.subject,
            body: mail.body,
            unsubscribe,
        });
        Ok(())
    }
}

fn fast() -> Pace {
    Pace {
        interval: std::time::Duration::ZERO,
        ..Pace::default()
    }
}

fn texts() -> (Localized, Localized) {
    (
        Localized {
            en: "News for {first_name}".into(),
            nl: "Nieuws voor {first_name}".into(),
            fr: String::new(),
        },
        Localized {
            en: "Hello {first_name}, greetings from {club_name}.".into(),
            nl: "Dag {first_name}, groeten van {club_name}.".into(),
            fr: String::new(),
        },
    )
}

async fn purpose(db: &Db, scope: &TenantScope) -> i64 {
    consents::save_purpose(
        db,
        scope,
        &Actor::system("test"),
        T0,
        None,
        &PurposeInput {
            title: Localized {
                en: "Newsletter".into(),
                nl: "Nieuwsbrief".into(),
                fr: "Lettre".into(),
            },
            body: Localized {
                en: "Monthly".into(),
                nl: "Maandelijks".into(),
                fr: "Mensuel".into(),
            },
        },
        None,
    )
    .await
    .unwrap()
}

/// `n` people `P{i}` with addresses `p{i}@example.be`; every third has an account in
/// French, every third + 1 in English, the rest none (the club's language, Dutch).
async fn people(db: &Db, scope: &TenantScope, n: usize) -> Vec<MemberId> {
    let ms: Vec<NewMember> = (0..n)
        .map(|i| NewMember {
            given_name: format!("P{i}"),
            family_name: "Peeters".into(),
            email: Some(format!("p{i}@example.be")),
            birth_date: Some("1980-01-01".into()),
            ..Default::default()
        })
        .collect();
    let sys = Actor::system("test");
    let mut tx = db.tenant_write(scope, &sys, T0).await.unwrap();
    let ids = crate::members::insert_many(&mut tx, &ms).await.unwrap();
    tx.commit().await.unwrap();
    let mut links = Vec::new();
    let mut p = db.platform(true).await.unwrap();
    for (i, id) in ids.iter().enumerate() {
        let lang = match i % 3 {
            0 => "fr",
            1 => "en",
            _ => continue,
        };
        let ident = crate::ids::new_id();
        p.execute(
            "INSERT INTO identities (id, email, name, lang, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5)",
            args![ident, format!("acct{i}-{}@example.be", id.0), "P", lang, T0],
        )
        .await
        .unwrap();
        links.push((*id, ident));
    }
    p.commit().await.unwrap();
    let mut tx = db.tenant_write(scope, &sys, T0).await.unwrap();
    for (m, i) in links {
        tx.execute(
            "UPDATE members SET identity_id = $2 WHERE tenant_id = $1 AND id = $3",
            args![i, m],
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    ids
}

async fn consent_all(db: &Db, scope: &TenantScope, purpose: i64, ids: &[MemberId]) {
    let sys = Actor::system("test");
    let mut tx = db.tenant_write(scope, &sys, T0).await.unwrap();
    consents::give_many_in(&mut tx, &sys, T0, purpose, ids, ConsentSource::Paper)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

fn input(kind: MailingKind, purpose: Option<i64>, audience: Audience) -> MailingInput {
    let (subject, body) = texts();
    MailingInput {
        kind,
        purpose,
        audience,
        subject,
        body,
    }
}

/// A service mailing to every active member of the club, created and queued at `at`:
/// its id and how many mails it queued.
async fn queued_to_everyone(
    db: &Db,
    scope: &TenantScope,
    sys: &Actor,
    at: Timestamp,
) -> (i64, usize) {
    let id = create(
        db,
        scope,
        sys,
        at,
        &input(
            MailingKind::Service,
            None,
            Audience::Selection(String::new()),
        ),
    )
    .await
    .unwrap();
    let v = detail(db, scope, at, id, None).await.unwrap().version;
    let total = send(db, scope, sys, at, id, v).await.unwrap();
    (id, total)
}

async fn statuses(db: &Db, scope: &TenantScope, mailing: i64) -> Vec<(String, i64)> {
    let mut tx = db.tenant_read(scope).await.unwrap();
    let rows: Vec<(String, i64)> = tx
        .fetch_all(
            "SELECT status, count(*) FROM mailing_recipients WHERE tenant_id = $1 \
             AND mailing_id = $2 GROUP BY status ORDER BY status",
            args![mailing],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    rows
}

#[tokio::test]
async fn a_newsletter_reaches_subscribers_in_their_language_and_unsubscribing_stops_the_next() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        let topic = purpose(db, &a).await;
        let ids = people(db, &a, 30).await;
        // Twenty subscribe; the ten others are in the register but get no newsletter.
        consent_all(db, &a, topic, &ids[..20]).await;
        // A topic nobody consented to is refused before anything is stored.
        let empty = purpose(db, &a).await;
        let err = create(
            db,
            &a,
            &sys,
            T0,
            &input(MailingKind::Newsletter, Some(empty), Audience::Topic),
        )
        .await
        .unwrap_err();
        assert_eq!(err.status(), 400, "{err:?}");
        assert!(list(db, &a).await.unwrap().is_empty());

        let id = create(
            db,
            &a,
            &sys,
            T0,
            &input(MailingKind::Newsletter, Some(topic), Audience::Topic),
        )
        .await
        .unwrap();
        let d = detail(db, &a, T0, id, None).await.unwrap();
        assert_eq!(d.summary.status, MailingStatus::Draft);
        assert_eq!(d.choices.len(), 20);
        let p = d.preview.unwrap();
        assert!(p.unsubscribe);
        assert!(p.subject.starts_with("News") || p.subject.starts_with("Nieuws"));
        assert_eq!(send(db, &a, &sys, T0, id, d.version).await.unwrap(), 20);
        // Sent once only.
        let again = send(db, &a, &sys, T0, id, d.version).await.unwrap_err();
        assert_eq!(again.status(), 409);

        let clock = ManualClock::at(T0);
        let sender = TestSender::default();
        let n = deliver(db, &sender, "https://t.example", &clock, fast())
            .await
            .unwrap();
        assert_eq!(n, 20);
        let sent = sender.sent.lock().unwrap().clone();
        assert_eq!(sent.len(), 20);
        for (i, m) in ids[..20].iter().enumerate() {
            let _ = m;
            let mail = sent
                .iter()
                .find(|s| s.to == format!("p{i}@example.be"))
                .unwrap();
            match i % 3 {
                // French was left empty: the club's language (Dutch).
                0 | 2 => {
                    assert_eq!(mail.subject, format!("Nieuws voor P{i}"));
                    assert!(mail
                        .body
                        .contains(&format!("Dag P{i}, groeten van {}", w.club_a.name)));
                }
                _ => assert_eq!(mail.subject, format!("News for P{i}")),
            }
            assert!(mail
                .unsubscribe
                .as_deref()
                .unwrap()
                .starts_with("https://t.example/unsubscribe/"));
            assert!(mail.body.contains(mail.unsubscribe.as_deref().unwrap()));
        }
        let d = detail(db, &a, T0, id, None).await.unwrap();
        assert_eq!(d.summary.status, MailingStatus::Done);
        assert_eq!(d.summary.figures.sent, 20);

        // P4 follows the link in their mail: withdrawn once, with the instant.
        let url = sent
            .iter()
            .find(|s| s.to == "p4@example.be")
            .unwrap()
            .unsubscribe
            .clone()
            .unwrap();
        let token = url.rsplit('/').next().unwrap();
        let later = Timestamp(T0.0 + 3_600_000);
        let st = unsubscribe_state(db, token, later).await.unwrap();
        assert!(!st.done);
        assert_eq!(st.topic, "Newsletter", "P4 reads English");
        let st = unsubscribe(db, token, later).await.unwrap();
        assert!(st.done && st.recorded);
        let st = unsubscribe(db, token, later).await.unwrap();
        assert!(st.done && !st.recorded, "a reused link records nothing");
        assert!(!consents::given(db, &a, topic, ids[4]).await.unwrap());
        let h = consents::history(db, &a, ids[4]).await.unwrap();
        let withdrawals: Vec<_> = h.history.iter().filter(|e| !e.given).collect();
        assert_eq!(withdrawals.len(), 1);
        assert_eq!(withdrawals[0].source, ConsentSource::Unsubscribe);
        assert_eq!(withdrawals[0].at, later);
        // A tampered token: 400, nothing recorded.
        let mut bad = token.to_string();
        let last = bad.pop().unwrap();
        bad.push(if last == 'a' { 'b' } else { 'a' });
        assert_eq!(
            unsubscribe(db, &bad, later).await.unwrap_err().status(),
            400
        );
        assert_eq!(
            unsubscribe_state(db, "1-2-00", later)
                .await
                .unwrap_err()
                .status(),
            400
        );

        // The next newsletter skips P4.
        let id2 = create(
            db,
            &a,
            &sys,
            later,
            &input(MailingKind::Newsletter, Some(topic), Audience::Topic),
        )
        .await
        .unwrap();
        let v = detail(db, &a, later, id2, None).await.unwrap().version;
        assert_eq!(send(db, &a, &sys, later, id2, v).await.unwrap(), 19);
        clock.set(later);
        let sender2 = TestSender::default();
        deliver(db, &sender2, "https://t.example", &clock, fast())
            .await
            .unwrap();
        let sent2 = sender2.sent.lock().unwrap().clone();
        assert_eq!(sent2.len(), 19);
        assert!(!sent2.iter().any(|s| s.to == "p4@example.be"));
        // A service message to a selection goes to everyone, without an unsubscribe link.
        let id3 = create(
            db,
            &a,
            &sys,
            later,
            &input(
                MailingKind::Service,
                None,
                Audience::Selection("status=active".into()),
            ),
        )
        .await
        .unwrap();
        let v = detail(db, &a, later, id3, None).await.unwrap().version;
        let n = send(db, &a, &sys, later, id3, v).await.unwrap();
        assert!(n >= 30, "{n}");
        let sender3 = TestSender::default();
        deliver(db, &sender3, "https://t.example", &clock, fast())
            .await
            .unwrap();
        assert!(sender3
            .sent
            .lock()
            .unwrap()
            .iter()
            .all(|s| s.unsubscribe.is_none()));
        assert!(sender3
            .sent
            .lock()
            .unwrap()
            .iter()
            .any(|s| s.to == "p4@example.be"));
        // A club whose contract ended is read-only and still takes an unsubscribe (a
        // withdrawal), as it takes one on My data.
        let op =
            crate::tenants::find_by_slug(db, tessera_common::dto::TenantKind::Operator, "platform")
                .await
                .unwrap()
                .unwrap();
        let op = TenantScope::for_system_task(&SystemTask::background(), op);
        let today = T0.date_in(&a.tenant().time_zone);
        let end = tessera_common::time::Date::from_days(today.days_since_epoch() + 1).to_string();
        let slug = a.tenant().slug.clone();
        let club = crate::retention::end_contract(db, &op, &sys, T0, &slug, &end, "30")
            .await
            .unwrap();
        let ended = club.contract_ends_at.unwrap();
        let url5 = sent
            .iter()
            .find(|s| s.to == "p5@example.be")
            .unwrap()
            .unsubscribe
            .clone()
            .unwrap();
        let st = unsubscribe(db, url5.rsplit('/').next().unwrap(), ended)
            .await
            .unwrap();
        assert!(st.done && st.recorded, "taken while read-only");
        assert!(!consents::given(db, &a, topic, ids[5]).await.unwrap());
    }
}

#[tokio::test]
async fn a_mailing_killed_half_way_resumes_without_sending_anyone_twice() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        let ids = people(db, &a, 40).await;
        let (id, total) = queued_to_everyone(db, &a, &sys, T0).await;
        assert!(total >= ids.len());
        let clock = ManualClock::at(T0);
        // The process dies while handing over the 13th mail.
        let dying = TestSender {
            fail_from: Some(12),
            hang: Some(tokio::sync::Notify::new()),
            ..Default::default()
        };
        tokio::select! {
            r = deliver_mailing(db, &a, &dying, "https://t.example", &clock, fast(), id) => {
                panic!("the sender hangs, the job cannot end: {r:?}")
            }
            _ = dying.hang.as_ref().unwrap().notified() => {}
        }
        assert_eq!(dying.sent.lock().unwrap().len(), 12);
        // Restarted at once: the row being sent keeps its lease, the others go out.
        let resumed = TestSender::default();
        deliver(db, &resumed, "https://t.example", &clock, fast())
            .await
            .unwrap();
        assert_eq!(resumed.sent.lock().unwrap().len(), total - 13);
        assert_eq!(
            detail(db, &a, T0, id, None).await.unwrap().summary.status,
            MailingStatus::Sending,
            "the claimed row still counts"
        );
        // Once its lease ran out it is marked interrupted, never sent again.
        clock.advance_secs(600);
        let after = TestSender::default();
        deliver(db, &after, "https://t.example", &clock, fast())
            .await
            .unwrap();
        assert!(after.sent.lock().unwrap().is_empty());
        let mut all: Vec<String> = dying
            .sent
            .lock()
            .unwrap()
            .iter()
            .map(|s| s.to.clone())
            .collect();
        all.extend(resumed.sent.lock().unwrap().iter().map(|s| s.to.clone()));
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(all.len(), unique.len(), "nobody got the mail twice");
        assert_eq!(all.len(), total - 1);
        let d = detail(db, &a, clock.now(), id, None).await.unwrap();
        assert_eq!(d.summary.status, MailingStatus::Done);
        assert_eq!(d.summary.figures.interrupted, 1);
        assert_eq!(d.undelivered.len(), 1);
        assert!(d.undelivered[0].interrupted);

        // A connection lost after 5 mails: the rest wait and go out after the back-off,
        // each once; an address the server refuses is a bounce, marked on the person.
        let (id, total) = queued_to_everyone(db, &a, &sys, clock.now()).await;
        let flaky = TestSender {
            fail_from: Some(5),
            failure: Some(SendFailure::Temporary("421 try later".into())),
            refuse: Some("p7@example.be".into()),
            ..Default::default()
        };
        deliver(db, &flaky, "https://t.example", &clock, fast())
            .await
            .unwrap();
        assert_eq!(flaky.sent.lock().unwrap().len(), 5);
        let st = statuses(db, &a, id).await;
        assert!(st.iter().any(|(s, _)| s == "queued"), "{st:?}");
        // Not due yet: nothing is tried.
        let early = TestSender::default();
        deliver(db, &early, "https://t.example", &clock, fast())
            .await
            .unwrap();
        assert!(early.sent.lock().unwrap().is_empty());
        clock.advance_secs(61);
        let good = TestSender {
            refuse: Some("p7@example.be".into()),
            ..Default::default()
        };
        deliver(db, &good, "https://t.example", &clock, fast())
            .await
            .unwrap();
        let mut all: Vec<String> = flaky
            .sent
            .lock()
            .unwrap()
            .iter()
            .map(|s| s.to.clone())
            .collect();
        all.extend(good.sent.lock().unwrap().iter().map(|s| s.to.clone()));
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "nobody twice");
        assert_eq!(n, total - 1, "everyone but the refused address");
        let d = detail(db, &a, clock.now(), id, None).await.unwrap();
        assert_eq!(d.summary.status, MailingStatus::Done);
        assert_eq!(d.summary.figures.failed, 1);
        assert_eq!(d.undelivered[0].email, "p7@example.be");
        assert!(d.undelivered[0].error.contains("550"));
    }
}

#[tokio::test]
async fn a_minors_mail_goes_to_the_guardians_and_a_group_gets_its_members_today() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        let mk = |given: &str, birth: &str, email: Option<&str>| NewMember {
            given_name: given.into(),
            family_name: "Janssens".into(),
            birth_date: Some(birth.into()),
            email: email.map(str::to_string),
            ..Default::default()
        };
        let mut tx = db.tenant_write(&a, &sys, T0).await.unwrap();
        let ids = crate::members::insert_many(
            &mut tx,
            &[
                mk("Kid", "2018-03-01", None),
                mk("Mum", "1985-01-01", Some("mum@example.be")),
                mk("Dad", "1984-01-01", Some("dad@example.be")),
                mk("Teen", "2010-01-01", Some("teen@example.be")),
                mk("Gone", "1990-01-01", Some("gone@example.be")),
            ],
        )
        .await
        .unwrap();
        crate::members::link_guardians(
            &mut tx,
            &[(ids[1], ids[0]), (ids[2], ids[0]), (ids[1], ids[3])],
        )
        .await
        .unwrap();
        let kind = crate::ids::new_id();
        tx.insert(
            "group_kinds",
            vec![
                ("id", kind.into()),
                ("name", "Teams".into()),
                ("created_at", T0.into()),
            ],
        )
        .await
        .unwrap();
        let group = crate::ids::new_id();
        tx.insert(
            "club_groups",
            vec![
                ("id", group.into()),
                ("kind_id", kind.into()),
                ("name", "U8".into()),
                ("created_at", T0.into()),
            ],
        )
        .await
        .unwrap();
        for (m, from, to) in [
            (ids[0], "2020-01-01", None),
            (ids[3], "2020-01-01", None),
            (ids[4], "2020-01-01", Some("2021-01-01")),
        ] {
            tx.insert(
                "group_members",
                vec![
                    ("id", crate::ids::new_id().into()),
                    ("group_id", group.into()),
                    ("member_id", m.0.into()),
                    ("from_date", from.into()),
                    ("to_date", to.map(str::to_string).into()),
                    ("created_at", T0.into()),
                ],
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        let mut bad = input(MailingKind::Service, None, Audience::Group(group));
        bad.body.nl = "Dag {voornaam}".into();
        let form = MailingForm {
            club: String::new(),
            kind: "service".into(),
            audience: "group".into(),
            group: group.to_string(),
            subject_nl: "Training".into(),
            body_nl: "Dag {voornaam}".into(),
            ..Default::default()
        };
        let err = parse_form(&form, Lang::Nl).unwrap_err();
        assert_eq!(err.status(), 400);
        assert!(
            err.text(Lang::En).contains("{voornaam}"),
            "{}",
            err.text(Lang::En)
        );
        let id = create(
            db,
            &a,
            &sys,
            T0,
            &input(MailingKind::Service, None, Audience::Group(group)),
        )
        .await
        .unwrap();
        let v = detail(db, &a, T0, id, None).await.unwrap().version;
        // Kid to Mum and Dad; Teen to Teen and Mum; Gone left the group.
        assert_eq!(send(db, &a, &sys, T0, id, v).await.unwrap(), 4);
        let clock = ManualClock::at(T0);
        let sender = TestSender::default();
        deliver(db, &sender, "https://t.example", &clock, fast())
            .await
            .unwrap();
        let mut got: Vec<(String, String)> = sender
            .sent
            .lock()
            .unwrap()
            .iter()
            .map(|s| (s.to.clone(), s.subject.clone()))
            .collect();
        got.sort();
        assert_eq!(
            got,
            vec![
                ("dad@example.be".into(), "Nieuws voor Kid".into()),
                ("mum@example.be".into(), "Nieuws voor Kid".into()),
                ("mum@example.be".into(), "Nieuws voor Teen".into()),
                ("teen@example.be".into(), "Nieuws voor Teen".into()),
            ]
        );
        let _ = bad;
    }
}

/// wk19: a selection of the register by its text search and group, counted on the draft;
/// service mail to a group reaches who is in it today (not a period that ended yesterday,
/// nor an ended member); a refused mail is marked on the person until the address changes.
#[tokio::test]
async fn a_selection_by_search_is_counted_service_mail_skips_the_ended_and_bounces_are_marked() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        let mk = |given: &str, family: &str, ended: bool| NewMember {
            given_name: given.into(),
            family_name: family.into(),
            email: Some(format!("{}@example.be", given.to_lowercase())),
            birth_date: Some("1980-01-01".into()),
            status: ended.then_some(tessera_common::dto::MemberStatus::Ended),
            ..Default::default()
        };
        let mut tx = db.tenant_write(&a, &sys, T0).await.unwrap();
        let ids = crate::members::insert_many(
            &mut tx,
            &[
                mk("Anna", "Vermeulen", false),
                mk("Bert", "Vermeulen", false),
                mk("Carl", "Maesen", false),
                mk("Dirk", "Maesen", false),
                mk("Eva", "Maesen", false),
                mk("Fien", "Maesen", true),
            ],
        )
        .await
        .unwrap();
        let kind = crate::ids::new_id();
        tx.insert(
            "group_kinds",
            vec![
                ("id", kind.into()),
                ("name", "Teams".into()),
                ("created_at", T0.into()),
            ],
        )
        .await
        .unwrap();
        let group = crate::ids::new_id();
        tx.insert(
            "club_groups",
            vec![
                ("id", group.into()),
                ("kind_id", kind.into()),
                ("name", "Seniors".into()),
                ("created_at", T0.into()),
            ],
        )
        .await
        .unwrap();
        // Today is 2026-09-21: Dirk's period ended yesterday, Eva's ends today.
        for (m, to) in [
            (ids[2], None),
            (ids[3], Some("2026-09-20")),
            (ids[4], Some("2026-09-21")),
            (ids[5], None),
        ] {
            tx.insert(
                "group_members",
                vec![
                    ("id", crate::ids::new_id().into()),
                    ("group_id", group.into()),
                    ("member_id", m.0.into()),
                    ("from_date", "2026-01-01".into()),
                    ("to_date", to.map(str::to_string).into()),
                    ("created_at", T0.into()),
                ],
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();

        // The register's search chooses the recipients; the draft counts them.
        let id = create(
            db,
            &a,
            &sys,
            T0,
            &input(
                MailingKind::Service,
                None,
                Audience::Selection("q=vermeul&status=active".into()),
            ),
        )
        .await
        .unwrap();
        let d = detail(db, &a, T0, id, None).await.unwrap();
        assert_eq!(d.draft_count, 2);
        let mut to: Vec<&str> = d.choices.iter().map(|c| c.label.as_str()).collect();
        to.sort();
        assert!(to[0].contains("anna@") && to[1].contains("bert@"), "{to:?}");
        // With the group filter: who is in the group today (and active).
        let id2 = create(
            db,
            &a,
            &sys,
            T0,
            &input(
                MailingKind::Service,
                None,
                Audience::Selection(format!("q=maesen&group={group}&status=active")),
            ),
        )
        .await
        .unwrap();
        assert_eq!(detail(db, &a, T0, id2, None).await.unwrap().draft_count, 2);
        // Bad selections: each a clear refusal, nothing stored.
        let before = list(db, &a).await.unwrap().len();
        for (sel, status) in [
            ("q=zzzzqqq", 400),
            ("group=x", 400),
            ("shoe=42", 400),
            (&*format!("q={}", "a".repeat(101)), 400),
            ("q=%21%21", 400),
        ] {
            let err = create(
                db,
                &a,
                &sys,
                T0,
                &input(MailingKind::Service, None, Audience::Selection(sel.into())),
            )
            .await
            .unwrap_err();
            assert_eq!(err.status(), status, "{sel}: {err:?}");
        }
        assert_eq!(list(db, &a).await.unwrap().len(), before);

        // Service mail to the group: Carl and Eva (hers ends today); not Dirk (ended
        // yesterday), not Fien (her membership ended).
        let svc = create(
            db,
            &a,
            &sys,
            T0,
            &input(MailingKind::Service, None, Audience::Group(group)),
        )
        .await
        .unwrap();
        let v = detail(db, &a, T0, svc, None).await.unwrap();
        assert_eq!(v.draft_count, 2);
        assert_eq!(send(db, &a, &sys, T0, svc, v.version).await.unwrap(), 2);
        let clock = ManualClock::at(T0);
        let sender = TestSender {
            refuse: Some("carl@example.be".into()),
            ..Default::default()
        };
        deliver(db, &sender, "https://t.example", &clock, fast())
            .await
            .unwrap();
        let got: Vec<String> = sender
            .sent
            .lock()
            .unwrap()
            .iter()
            .map(|s| s.to.clone())
            .collect();
        assert_eq!(got, vec!["eva@example.be".to_string()]);
        // Carl's refusal is marked on him, with the day and the reason.
        let b = bounces_of(db, &a, ids[2]).await.unwrap();
        assert_eq!(b.len(), 1, "{b:?}");
        assert_eq!(b[0].email, "carl@example.be");
        assert_eq!(b[0].day, "2026-09-21");
        assert!(b[0].reason.contains("550"), "{}", b[0].reason);
        assert!(bounces_of(db, &a, ids[4]).await.unwrap().is_empty());
        // Another club's record shows nothing of this club.
        assert!(bounces_of(db, &a, w.b_member).await.unwrap().is_empty());
        // A new address clears the mark.
        let mut tx = db.tenant_write(&a, &sys, T0).await.unwrap();
        tx.update(
            "members",
            ids[2].0,
            vec![("email", "carl.new@example.be".into())],
            None,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert!(bounces_of(db, &a, ids[2]).await.unwrap().is_empty());
    }
}

/// The demo (issue 19): its first club has sent a newsletter to the subscribers of its topic
/// and a service message to a group, each delivered to someone, with its text kept.
#[tokio::test]
async fn the_demo_has_a_newsletter_and_a_service_mailing_delivered() {
    for t in testing::all().await {
        let db = &t.db;
        let s = crate::tests::demo_first_club(db).await;
        let all = list(db, &s).await.unwrap();
        let of = |kind: MailingKind| {
            all.iter()
                .filter(|m| m.kind == kind)
                .collect::<Vec<&MailingSummary>>()
        };
        for kind in [MailingKind::Newsletter, MailingKind::Service] {
            let sent = of(kind);
            assert_eq!(sent.len(), 1, "{kind:?}: {all:?}");
            let m = sent[0];
            assert_eq!(m.status, MailingStatus::Done, "{m:?}");
            assert!(m.figures.sent > 0, "{m:?}");
            assert_eq!(m.figures.sent, m.figures.recipients, "{m:?}");
            assert!(!m.subject.is_empty());
        }
    }
}

/// The delivery job keeps its pace: at 50 mails a second there are 20 ms between two mails,
/// so 11 mails take at least 200 ms (a lower bound, whatever the machine's speed); with no
/// pause they go out as fast as the sender takes them.
#[tokio::test]
async fn the_delivery_job_keeps_its_pace() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let a = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        people(db, &a, 10).await;
        let (_, total) = queued_to_everyone(db, &a, &sys, T0).await;
        assert!(total >= 11, "{total}");
        let clock = ManualClock::at(T0);
        let sender = TestSender::default();
        #[allow(
            clippy::disallowed_methods,
            reason = "the pace is a wall-clock pause (tokio's sleep), measured as one"
        )]
        let started = std::time::Instant::now();
        deliver(
            db,
            &sender,
            "https://t.example",
            &clock,
            Pace::per_second(50),
        )
        .await
        .unwrap();
        let took = started.elapsed();
        assert_eq!(sender.sent.lock().unwrap().len(), total);
        let gaps = u32::try_from(total - 1).unwrap();
        assert!(
            took >= std::time::Duration::from_millis(20) * gaps,
            "{total} mails in {took:?}"
        );
        assert_eq!(Pace::per_second(0).interval, std::time::Duration::ZERO);
        assert_eq!(
            Pace::per_second(4).interval,
            std::time::Duration::from_millis(250)
        );
    }
}
