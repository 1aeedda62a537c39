//! Transfers on both databases, on an injected clock (no sleeping): through consent,
//! release and approval; through an objection and a refusal; released without an
//! answer; and the refusals that store nothing.

use super::*;
use crate::accounts::identities;
use crate::fedreads::tests::{fed_world, staff_with, FedWorld};
use crate::scope::{self, AuthLevel};
use crate::{roles, testing};
use tessera_common::dto::TenantKind;
use tessera_common::MemberId;

const T0: Timestamp = Timestamp(1_790_000_000_000); // 2026-09-21
const DAY: i64 = 86_400_000;

fn person(id: tessera_common::IdentityId, name: &str) -> Actor {
    Actor {
        identity: Some(id),
        name: name.into(),
        level: AuthLevel::SecondFactor,
        pending: None,
        stamp_label: None,
    }
}

async fn admin_of(
    db: &Db,
    club: &crate::tenants::TenantRecord,
    email: &str,
) -> (Actor, TenantScope) {
    let sys = Actor::system("test");
    let id = identities::create(db, &sys, T0, email, email, None)
        .await
        .unwrap();
    let s = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    roles::grant_admin(db, &s, &sys, T0, id).await.unwrap();
    let a = person(id, email);
    let scope = scope::resolve(db, &a, TenantKind::Club, &club.slug, T0)
        .await
        .unwrap();
    (a, scope)
}

async fn linked(
    db: &Db,
    club: &crate::tenants::TenantRecord,
    member: i64,
    email: &str,
) -> (Actor, TenantScope) {
    let sys = Actor::system("test");
    let id = identities::create(db, &sys, T0, email, email, None)
        .await
        .unwrap();
    let s = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    identities::add_membership(db, &s, &sys, T0, id, Some(MemberId(member)))
        .await
        .unwrap();
    let a = person(id, email);
    let scope = scope::resolve_own_data(db, &a, TenantKind::Club, &club.slug, T0)
        .await
        .unwrap();
    (a, scope)
}

struct Setup {
    w: FedWorld,
    fed: (Actor, TenantScope),
    a: (Actor, TenantScope),
    b: (Actor, TenantScope),
}

async fn setup(db: &Db) -> Setup {
    let w = fed_world(db).await;
    let f = staff_with(db, &w.fed, "decide@fed.be", &["transfers.decide"]).await;
    let fs = scope::resolve(db, &f, TenantKind::Federation, "fed", T0)
        .await
        .unwrap();
    let a = admin_of(db, &w.club_a, "admin@a.be").await;
    let b = admin_of(db, &w.club_b, "admin@b.be").await;
    let mut tx = db.tenant_read(&fs).await.unwrap();
    let (season,): (i64,) = tx
        .fetch_one("SELECT id FROM fed_seasons WHERE tenant_id = $1", vec![])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    set_window(
        db,
        &fs,
        &f,
        T0,
        &WindowInput {
            season,
            opens_on: "2026-09-01".into(),
            closes_on: "2026-09-30".into(),
            objection_days: 7,
        },
    )
    .await
    .unwrap();
    Setup {
        w,
        fed: (f, fs),
        a,
        b,
    }
}

async fn count(db: &Db, fs: &TenantScope) -> i64 {
    let mut tx = db.tenant_read(fs).await.unwrap();
    let (n,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM transfers WHERE tenant_id = $1",
            vec![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n
}

fn steps(s: &TransferState) -> Vec<&str> {
    s.steps.iter().map(|(k, _)| k.as_str()).collect()
}

#[tokio::test]
async fn the_new_club_asks_the_person_consents_the_old_club_releases_the_federation_approves() {
    for t in testing::all().await {
        let db = &t.db;
        let Setup { w, fed, a, b } = setup(db).await;
        let lotte = linked(db, &w.club_a, w.a_members[0], "lotte@a.be").await;
        let id = ask_by_club(db, &b.1, &b.0, T0, &w.numbers[0], "1990-05-17")
            .await
            .unwrap();
        // A second ask for the same person: refused, nothing stored.
        assert_eq!(
            ask_by_club(db, &b.1, &b.0, T0, &w.numbers[0], "1990-05-17")
                .await
                .unwrap_err(),
            AppError::conflict(Msg::ErrTransferOpen)
        );
        assert_eq!(count(db, &fed.1).await, 1);
        // The old club cannot answer before the person consents; another club's admin
        // (the new club) cannot answer as the old club at all.
        assert_eq!(
            answer(db, &a.1, &a.0, T0, id, true, "").await.unwrap_err(),
            AppError::conflict(Msg::ErrTransferState)
        );
        assert_eq!(
            answer(db, &b.1, &b.0, T0, id, true, "").await.unwrap_err(),
            AppError::NotFound
        );
        // Somebody else's consent is no consent.
        let wout = linked(db, &w.club_a, w.a_members[1], "wout@a.be").await;
        assert_eq!(
            consent(db, &wout.1, &wout.0, T0, id).await.unwrap_err(),
            AppError::NotFound
        );
        consent(db, &lotte.1, &lotte.0, Timestamp(T0.0 + 1), id)
            .await
            .unwrap();
        answer(db, &a.1, &a.0, Timestamp(T0.0 + 2), id, true, "")
            .await
            .unwrap();
        decide(db, &fed.1, &fed.0, Timestamp(T0.0 + 3), id, true, "")
            .await
            .unwrap();
        let s = state(db, &fed.1, id).await.unwrap();
        assert_eq!(s.status, "approved");
        assert_eq!(
            steps(&s),
            ["asked_by_club", "consented", "released", "approved"]
        );
        // The licence moved, the new record exists in B from what A shared, the old ended.
        let new_member = s.to_member.unwrap();
        let mut tx = db.tenant_read(&fed.1).await.unwrap();
        let (club, member): (i64, i64) = tx
            .fetch_one(
                "SELECT club_id, member_id FROM fed_people WHERE tenant_id = $1 AND id = $2",
                args![w.people[0]],
            )
            .await
            .unwrap();
        let (lic_club,): (i64,) = tx
            .fetch_one(
                "SELECT club_id FROM licences WHERE tenant_id = $1 AND person_id = $2",
                args![w.people[0]],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            (club, member, lic_club),
            (w.club_b.id.0, new_member, w.club_b.id.0)
        );
        let sb = TenantScope::for_system_task(&SystemTask::background(), w.club_b.clone());
        let mut tx = db.tenant_read(&sb).await.unwrap();
        let (g, f, born, status, email): (String, String, Option<String>, String, Option<String>) = tx
            .fetch_one(
                "SELECT given_name, family_name, birth_date, status, email FROM members WHERE tenant_id = $1 AND id = $2",
                args![new_member],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // A shares names and the birth date, not the e-mail.
        assert_eq!(
            (
                g.as_str(),
                f.as_str(),
                born.as_deref(),
                status.as_str(),
                email
            ),
            ("Lotte", "Peeters", Some("1990-05-17"), "active", None)
        );
        let sa = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let mut tx = db.tenant_read(&sa).await.unwrap();
        let (status, ended): (String, Option<String>) = tx
            .fetch_one(
                "SELECT status, ended_on FROM members WHERE tenant_id = $1 AND id = $2",
                args![w.a_members[0]],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            (status.as_str(), ended.as_deref()),
            ("ended", Some("2026-09-21"))
        );
        // Decided: no second decision.
        assert_eq!(
            decide(db, &fed.1, &fed.0, T0, id, false, "no")
                .await
                .unwrap_err(),
            AppError::conflict(Msg::ErrTransferState)
        );
    }
}

#[tokio::test]
async fn the_member_asks_the_old_club_objects_the_federation_refuses_and_silence_releases() {
    for t in testing::all().await {
        let db = &t.db;
        let Setup { w, fed, a, b } = setup(db).await;
        let wout = linked(db, &w.club_a, w.a_members[1], "wout@a.be").await;
        let id = ask_by_member(db, &wout.1, &wout.0, T0, "club-b")
            .await
            .unwrap();
        // Objecting needs a reason; hostile text is kept as text.
        assert!(matches!(
            answer(db, &a.1, &a.0, T0, id, false, "  ")
                .await
                .unwrap_err(),
            AppError::Invalid(_)
        ));
        let evil = "<script>alert(1)</script> '; DROP TABLE transfers; --";
        answer(db, &a.1, &a.0, Timestamp(T0.0 + 1), id, false, evil)
            .await
            .unwrap();
        assert!(matches!(
            decide(db, &fed.1, &fed.0, T0, id, false, "")
                .await
                .unwrap_err(),
            AppError::Invalid(_)
        ));
        decide(
            db,
            &fed.1,
            &fed.0,
            Timestamp(T0.0 + 2),
            id,
            false,
            "Objection upheld",
        )
        .await
        .unwrap();
        let s = state(db, &fed.1, id).await.unwrap();
        assert_eq!(s.status, "refused");
        assert_eq!(steps(&s), ["asked_by_member", "objected", "refused"]);
        assert_eq!(s.steps[1].1.as_deref(), Some(evil));
        // Wout stays in A.
        let sa = TenantScope::for_system_task(&SystemTask::background(), w.club_a.clone());
        let mut tx = db.tenant_read(&sa).await.unwrap();
        let (status,): (String,) = tx
            .fetch_one(
                "SELECT status FROM members WHERE tenant_id = $1 AND id = $2",
                args![w.a_members[1]],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(status, "active");

        // Refused is closed: he may ask again; this time A does not answer.
        let id2 = ask_by_member(db, &wout.1, &wout.0, Timestamp(T0.0 + 3), "club-b")
            .await
            .unwrap();
        let task = SystemTask::background();
        assert_eq!(
            release_overdue(db, &task, Timestamp(T0.0 + 6 * DAY))
                .await
                .unwrap(),
            0
        );
        assert_eq!(state(db, &fed.1, id2).await.unwrap().status, "open");
        assert_eq!(
            release_overdue(db, &task, Timestamp(T0.0 + 7 * DAY + 3))
                .await
                .unwrap(),
            1
        );
        let s = state(db, &fed.1, id2).await.unwrap();
        assert_eq!(s.status, "released");
        assert_eq!(steps(&s), ["asked_by_member", "released_without_answer"]);
        // Too late to object now.
        assert_eq!(
            answer(
                db,
                &a.1,
                &a.0,
                Timestamp(T0.0 + 8 * DAY),
                id2,
                false,
                "late"
            )
            .await
            .unwrap_err(),
            AppError::conflict(Msg::ErrTransferState)
        );
        let _ = &b;
    }
}

#[tokio::test]
async fn transfers_outside_the_window_to_another_federation_or_without_a_licence_are_refused() {
    for t in testing::all().await {
        let db = &t.db;
        let Setup { w, fed, a, b } = setup(db).await;
        let wout = linked(db, &w.club_a, w.a_members[1], "wout@a.be").await;
        // Outside the window (October).
        let october = Timestamp(T0.0 + 20 * DAY);
        assert_eq!(
            ask_by_club(db, &b.1, &b.0, october, &w.numbers[0], "1990-05-17")
                .await
                .unwrap_err(),
            AppError::bad_request(Msg::ErrTransferOutsideWindow)
        );
        assert_eq!(
            ask_by_member(db, &wout.1, &wout.0, october, "club-b")
                .await
                .unwrap_err(),
            AppError::bad_request(Msg::ErrTransferOutsideWindow)
        );
        // To a club of another federation; a person licensed in another federation; a wrong
        // birth date; a restricted person; one's own club.
        assert!(matches!(
            ask_by_member(db, &wout.1, &wout.0, T0, "club-other")
                .await
                .unwrap_err(),
            AppError::Invalid(_)
        ));
        for (number, born) in [
            // (the other federation's numbers are the same series: S0000001 here is Lotte)
            ("S9999999", "1990-05-17"),
            (w.numbers[0].as_str(), "1990-05-18"),
            (w.numbers[2].as_str(), "1990-05-17"),
            ("nonsense", "not a date"),
        ] {
            let e = ask_by_club(db, &b.1, &b.0, T0, number, born)
                .await
                .unwrap_err();
            assert!(matches!(e, AppError::Invalid(_)), "{number}: {e:?}");
        }
        assert_eq!(
            ask_by_club(db, &a.1, &a.0, T0, &w.numbers[1], "1990-05-17")
                .await
                .unwrap_err(),
            AppError::bad_request(Msg::ErrTransferSameClub)
        );
        // A club that left the federation.
        crate::fedreads::stand_in::end_affiliation(
            db,
            &SystemTask::background(),
            w.fed.id,
            w.club_b.id,
            T0,
        )
        .await
        .unwrap();
        assert!(matches!(
            ask_by_member(db, &wout.1, &wout.0, T0, "club-b")
                .await
                .unwrap_err(),
            AppError::Invalid(_)
        ));
        assert!(matches!(
            ask_by_club(db, &b.1, &b.0, T0, &w.numbers[0], "1990-05-17")
                .await
                .unwrap_err(),
            AppError::Invalid(_)
        ));
        // Nothing was stored by any of them; the wrong permission is refused.
        assert_eq!(count(db, &fed.1).await, 0);
        assert_eq!(
            set_window(
                db,
                &a.1,
                &a.0,
                T0,
                &WindowInput {
                    season: 1,
                    opens_on: "2026-01-01".into(),
                    closes_on: "2026-01-02".into(),
                    objection_days: 7
                }
            )
            .await
            .unwrap_err(),
            AppError::NotFound
        );
        assert!(matches!(
            set_window(
                db,
                &fed.1,
                &fed.0,
                T0,
                &WindowInput {
                    season: 1,
                    opens_on: "2026-02-01".into(),
                    closes_on: "2026-01-02".into(),
                    objection_days: 7
                }
            )
            .await
            .unwrap_err(),
            AppError::Invalid(_)
        ));
        let _ = &w.other_club;
    }
}

#[tokio::test]
async fn the_person_may_decline_each_side_sees_its_part_and_every_step_is_mailed() {
    for t in testing::all().await {
        let db = &t.db;
        let Setup { w, fed, a, b } = setup(db).await;
        let lotte = linked(db, &w.club_a, w.a_members[0], "lotte@a.be").await;
        let id = ask_by_club(db, &b.1, &b.0, T0, &w.numbers[0], "1990-05-17")
            .await
            .unwrap();
        // The person sees it and may agree or not; the clubs see it, the old one cannot
        // answer before the person agreed; the federation sees it, nothing to decide yet.
        let own = mine(db, &lotte.1, T0).await.unwrap();
        assert!(own.licensed);
        assert_eq!(own.transfers.len(), 1);
        assert!(own.transfers[0].can_consent);
        assert!(own.clubs.iter().any(|(slug, _)| slug == "club-b"));
        let seen_a = club_overview(db, &a.1, T0).await.unwrap();
        assert_eq!(seen_a.transfers.len(), 1);
        assert!(!seen_a.transfers[0].can_answer);
        let seen_b = club_overview(db, &b.1, T0).await.unwrap();
        assert_eq!(seen_b.transfers.len(), 1);
        assert!(!seen_b.transfers[0].can_answer && !seen_b.transfers[0].can_consent);
        let f = fed_overview(db, &fed.1, &fed.0, T0).await.unwrap();
        assert_eq!(f.windows.len(), 1);
        assert_eq!(f.transfers.len(), 1);
        assert!(!f.transfers[0].can_decide);
        assert_eq!(f.transfers[0].steps[0].step, "asked_by_club");
        // The federation's page shows the person's name: a read, in the club of the copy.
        assert!(!f.transfers[0].withheld);
        assert!(
            f.transfers[0].person.contains("Lotte"),
            "{:?}",
            f.transfers[0]
        );
        let reads = crate::fedreads::tests::reads_in(db, &w.club_a).await;
        let last = reads.last().expect("the transfers page is a logged read");
        assert_eq!(last.1.what, "transfers");
        assert_eq!(last.1.people.len(), 1);
        assert_eq!(last.1.people[0].member, w.a_members[0]);
        // A club of another federation sees nothing; the pages need their permission.
        let other = admin_of(db, &w.other_club, "admin@other.be").await;
        assert!(club_overview(db, &other.1, T0)
            .await
            .unwrap()
            .transfers
            .is_empty());
        assert!(club_overview(db, &lotte.1, T0).await.is_err());
        assert!(fed_overview(db, &a.1, &a.0, T0).await.is_err());
        // The ask is mailed to the federation's decider, both clubs' admins and the
        // person, each once, in the tenants' language (Dutch).
        let mails = notify::mails_of_last_step(db, "https://t.example/", fed.1.tenant_id(), id)
            .await
            .unwrap();
        let to: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
        for who in ["decide@fed.be", "admin@a.be", "admin@b.be", "lotte@a.be"] {
            assert_eq!(to.iter().filter(|t| **t == who).count(), 1, "{who}: {to:?}");
        }
        let lotte_mail = mails.iter().find(|m| m.to == "lotte@a.be").unwrap();
        assert_eq!(
            lotte_mail.subject,
            "Transfer van Lotte Peeters: aangevraagd door de nieuwe club"
        );
        assert!(lotte_mail.body.contains("https://t.example/c/club-a/me"));
        let fed_mail = mails.iter().find(|m| m.to == "decide@fed.be").unwrap();
        assert!(fed_mail.body.contains("https://t.example/f/fed/transfers"));
        // Somebody else's "no" is nothing; the person's "no" ends it, kept as history.
        let wout = linked(db, &w.club_a, w.a_members[1], "wout@a.be").await;
        assert_eq!(
            decline(db, &wout.1, &wout.0, T0, id).await.unwrap_err(),
            AppError::NotFound
        );
        decline(db, &lotte.1, &lotte.0, Timestamp(T0.0 + 1), id)
            .await
            .unwrap();
        let s = state(db, &fed.1, id).await.unwrap();
        assert_eq!(s.status, "refused");
        assert_eq!(steps(&s), ["asked_by_club", "declined"]);
        assert_eq!(
            consent(db, &lotte.1, &lotte.0, Timestamp(T0.0 + 2), id)
                .await
                .unwrap_err(),
            AppError::conflict(Msg::ErrTransferState)
        );
        let mails = notify::mails_of_last_step(db, "https://t.example", fed.1.tenant_id(), id)
            .await
            .unwrap();
        assert!(mails
            .iter()
            .all(|m| m.subject.ends_with("de persoon ging niet akkoord")));
        // An objection's reason is quoted as typed (plain text).
        let wid = ask_by_member(db, &wout.1, &wout.0, Timestamp(T0.0 + 3), "club-b")
            .await
            .unwrap();
        let evil = "<b>no</b> & \"never\"";
        answer(db, &a.1, &a.0, Timestamp(T0.0 + 4), wid, false, evil)
            .await
            .unwrap();
        let mails = notify::mails_of_last_step(db, "https://t.example", fed.1.tenant_id(), wid)
            .await
            .unwrap();
        assert!(mails
            .iter()
            .all(|m| m.body.contains(evil) && m.brand.is_none()));
        let f = fed_overview(db, &fed.1, &fed.0, T0).await.unwrap();
        let objected = f.transfers.iter().find(|x| x.id == wid).unwrap();
        assert!(objected.can_decide);
        assert_eq!(objected.steps[1].reason.as_deref(), Some(evil));
        // Once club A has left, its people are withheld from the federation's page (the
        // transfers stay, with their clubs and history) and nothing more is logged in A.
        let logged = crate::fedreads::tests::reads_in(db, &w.club_a).await.len();
        crate::fedreads::stand_in::end_affiliation(
            db,
            &SystemTask::background(),
            w.fed.id,
            w.club_a.id,
            T0,
        )
        .await
        .unwrap();
        let f = fed_overview(db, &fed.1, &fed.0, T0).await.unwrap();
        assert_eq!(f.transfers.len(), 2);
        for x in &f.transfers {
            assert!(x.withheld && x.person.is_empty() && x.licence_number.is_empty());
            assert!(!x.steps.is_empty());
        }
        assert_eq!(
            crate::fedreads::tests::reads_in(db, &w.club_a).await.len(),
            logged
        );
    }
}
