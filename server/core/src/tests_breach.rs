//! The breach register and the sub-processors on an injected clock, on both databases: the
//! 72-hour deadline and late notifications, the 14-day objection window, bad input that
//! stores nothing, and clubs kept apart.

use crate::breaches;
use crate::mail::Mailer;
use crate::scope::{self, Actor, AuthLevel, TenantScope};
use crate::tests::{world, T0};
use crate::{accounts::identities, roles, tenants, testing};
use tessera_common::breach::{BreachFollowUpInput, BreachInput, SubProcessorInput};
use tessera_common::dto::TenantKind;
use tessera_common::time::Timestamp;
use tessera_common::AppError;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
const TZ: &str = "Europe/Brussels";

fn at(t: Timestamp) -> String {
    t.local_input(TZ)
}

fn facts(discovered: Timestamp, clubs: &[&str]) -> BreachInput {
    BreachInput {
        club: String::new(),
        discovered_at: at(discovered),
        nature: "<script>alert(1)</script> A laptop with an export was stolen".into(),
        categories: "names, e-mail addresses".into(),
        people_count: "120".into(),
        records_count: "1.200".into(),
        consequences: "phishing".into(),
        measures: "passwords reset".into(),
        clubs: clubs.iter().map(|s| s.to_string()).collect(),
    }
}

fn mailer() -> (Mailer, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("tessera-breach-{}", crate::ids::new_id()));
    (
        Mailer::outbox(dir.clone(), "Tessera <t@tessera.test>").unwrap(),
        dir,
    )
}

/// The mails in `dir`, waiting up to 5 s for `n` of them (they are sent on tasks).
async fn mails(dir: &std::path::Path, n: usize) -> Vec<String> {
    for _ in 0..100 {
        let found: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default();
        if found.len() >= n {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Vec::new()
}

async fn operator(db: &crate::db::Db) -> TenantScope {
    let op = tenants::find_by_slug(db, TenantKind::Operator, "platform")
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&crate::jobs::SystemTask::background(), op)
}

/// An administrator of club B (an account of its own), as a signed-in person.
async fn admin_b(db: &crate::db::Db, w: &crate::tests::World) -> Actor {
    let sys = Actor::system("test");
    let id = identities::create(db, &sys, T0, "bea@b.be", "Bea Beheer", Some("x".repeat(12)))
        .await
        .unwrap();
    let sb = TenantScope::for_system_task(&crate::jobs::SystemTask::background(), w.club_b.clone());
    roles::grant_admin(db, &sb, &sys, T0, id).await.unwrap();
    Actor {
        identity: Some(id),
        name: "Bea Beheer".into(),
        level: AuthLevel::Password,
        pending: None,
        stamp_label: None,
    }
}

#[tokio::test]
async fn the_72_hour_clock_marks_late_notifications_and_clubs_stay_apart() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let op = operator(db).await;
        let sys = Actor::system("operator");
        let (m, dir) = mailer();
        // On a whole minute: the form reads minutes.
        let discovered = Timestamp((T0.0 - HOUR) / 60_000 * 60_000);
        // Bad input: nothing stored.
        let mut future = facts(Timestamp(T0.0 + 2 * HOUR), &["club-a"]);
        future.people_count = "-3".into();
        match breaches::record_incident(db, &op, &sys, T0, &future).await {
            Err(AppError::Invalid(e)) => {
                let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
                assert!(
                    fields.contains(&"discovered_at") && fields.contains(&"people_count"),
                    "{fields:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        for clubs in [&[][..], &["no-such-club"][..], &["fed"][..]] {
            assert!(matches!(
                breaches::record_incident(db, &op, &sys, T0, &facts(discovered, clubs)).await,
                Err(AppError::Invalid(_))
            ));
        }
        let mut huge = facts(discovered, &["club-a"]);
        huge.nature = "x".repeat(4001);
        assert!(breaches::record_incident(db, &op, &sys, T0, &huge)
            .await
            .is_err());
        assert!(breaches::operator_privacy(db, &op, T0)
            .await
            .unwrap()
            .incidents
            .is_empty());
        // A club's administrator is not the operator.
        let sa = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert!(breaches::record_incident(
            db,
            &sa,
            &w.admin_a,
            T0,
            &facts(discovered, &["club-a"])
        )
        .await
        .is_err());
        assert!(breaches::operator_privacy(db, &sa, T0).await.is_err());

        let incident = breaches::record_incident(
            db,
            &op,
            &sys,
            T0,
            &facts(discovered, &["club-a", "club-b", "club-a"]),
        )
        .await
        .unwrap();
        let view = breaches::operator_privacy(db, &op, T0).await.unwrap();
        let i = &view.incidents[0];
        assert_eq!(i.deadline, Timestamp(discovered.0 + 72 * HOUR));
        assert_eq!(i.clubs.len(), 2);
        assert!(i.clubs.iter().all(|c| c.notified_at.is_none() && !c.late));
        // Club A within the 72 hours (71 h after discovery), club B after them.
        let in_time = Timestamp(discovered.0 + 71 * HOUR);
        breaches::notify_club(
            db,
            Some(&m),
            "http://t",
            &op,
            &sys,
            in_time,
            incident,
            "club-a",
        )
        .await
        .unwrap();
        // Again: nothing more (no second breach, no second mail).
        breaches::notify_club(
            db,
            Some(&m),
            "http://t",
            &op,
            &sys,
            in_time,
            incident,
            "club-a",
        )
        .await
        .unwrap();
        assert!(matches!(
            breaches::notify_club(
                db,
                Some(&m),
                "http://t",
                &op,
                &sys,
                in_time,
                incident,
                "fed"
            )
            .await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            breaches::notify_club(
                db,
                Some(&m),
                "http://t",
                &op,
                &sys,
                in_time,
                incident + 1,
                "club-a"
            )
            .await,
            Err(AppError::NotFound)
        ));
        let late_at = Timestamp(discovered.0 + 73 * HOUR);
        // Before club B is notified, its clock is overdue on the operator's page.
        let view = breaches::operator_privacy(db, &op, late_at).await.unwrap();
        let b = view.incidents[0]
            .clubs
            .iter()
            .find(|c| c.slug == "club-b")
            .unwrap();
        assert!(b.late && b.notified_at.is_none());
        breaches::notify_club(
            db,
            Some(&m),
            "http://t",
            &op,
            &sys,
            late_at,
            incident,
            "club-b",
        )
        .await
        .unwrap();
        let view = breaches::operator_privacy(db, &op, late_at).await.unwrap();
        for c in &view.incidents[0].clubs {
            assert_eq!(c.late, c.slug == "club-b", "{c:?}");
            assert!(c.notified_at.is_some());
        }
        // The mail went to each club's administrator, in the club's language (Dutch).
        let sent = mails(&dir, 2).await;
        assert_eq!(sent.len(), 2, "one administrator in each club, once");
        for mail in &sent {
            assert!(mail.contains("datalek"), "{mail}");
            assert!(mail.contains("&lt;script&gt;"), "escaped in the HTML part");
        }

        // Club A's register: the operator's breach, on time, with its banner.
        let reg = breaches::club_breaches(db, &sa, late_at).await.unwrap();
        assert_eq!(reg.breaches.len(), 1);
        let b = &reg.breaches[0];
        assert!(b.from_operator && !b.notified_late && b.acknowledged_at.is_none());
        assert_eq!(b.facts.records_count, 1200);
        assert!(
            b.facts.nature.starts_with("<script>"),
            "kept as typed, escaped when shown"
        );
        let notices = breaches::privacy_notices(db, &sa, late_at).await.unwrap();
        assert_eq!(notices.breaches.len(), 1);
        // Club B's administrator sees their own late one, never club A's.
        let bea = admin_b(db, &w).await;
        let sb = scope::resolve(db, &bea, TenantKind::Club, "club-b", late_at)
            .await
            .unwrap();
        let reg_b = breaches::club_breaches(db, &sb, late_at).await.unwrap();
        assert_eq!(reg_b.breaches.len(), 1);
        assert!(reg_b.breaches[0].notified_late);
        assert!(matches!(
            breaches::club_breach(db, &sb, b.id).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            breaches::acknowledge_breach(db, &sb, &bea, late_at, b.id).await,
            Err(AppError::NotFound)
        ));
        // Acknowledged: the banner goes.
        breaches::acknowledge_breach(db, &sa, &w.admin_a, late_at, b.id)
            .await
            .unwrap();
        assert!(breaches::privacy_notices(db, &sa, late_at)
            .await
            .unwrap()
            .breaches
            .is_empty());

        // The follow-up: the authority notified, the people not (with a reason), resolved.
        let later = Timestamp(late_at.0 + HOUR);
        let b = breaches::club_breach(db, &sa, b.id).await.unwrap();
        let follow = BreachFollowUpInput {
            club: "club-a".into(),
            id: b.id.to_string(),
            version: b.version.to_string(),
            authority: "yes".into(),
            authority_at: at(Timestamp(late_at.0 + 30 * 60_000)),
            people: "no".into(),
            people_reason: "Low risk: no sensitive data.".into(),
            resolved: Some("on".into()),
            ..Default::default()
        };
        // Before the discovery, in the future, without a reason, a stray choice: refused.
        for bad in [
            BreachFollowUpInput {
                authority_at: at(Timestamp(discovered.0 - DAY)),
                ..follow.clone()
            },
            BreachFollowUpInput {
                authority_at: at(Timestamp(later.0 + DAY)),
                ..follow.clone()
            },
            BreachFollowUpInput {
                people_reason: " ".into(),
                ..follow.clone()
            },
            BreachFollowUpInput {
                people: "maybe".into(),
                ..follow.clone()
            },
        ] {
            assert!(matches!(
                breaches::record_follow_up(db, &sa, &w.admin_a, later, &bad).await,
                Err(AppError::Invalid(_))
            ));
        }
        breaches::record_follow_up(db, &sa, &w.admin_a, later, &follow)
            .await
            .unwrap();
        // The same version again: changed meanwhile.
        assert!(matches!(
            breaches::record_follow_up(db, &sa, &w.admin_a, later, &follow).await,
            Err(AppError::Conflict(_))
        ));
        let b = breaches::club_breach(db, &sa, b.id).await.unwrap();
        assert!(b.authority_notified_at.is_some() && b.people_notified_at.is_none());
        assert_eq!(
            b.people_reason.as_deref(),
            Some("Low risk: no sensitive data.")
        );
        assert_eq!(b.resolved_at, Some(later));

        // A club's own breach: not in the future, counts not negative.
        let mut own = facts(Timestamp(later.0 + HOUR), &[]);
        own.records_count = "-1".into();
        assert!(breaches::record_breach(db, &sa, &w.admin_a, later, &own)
            .await
            .is_err());
        let own = breaches::record_breach(
            db,
            &sa,
            &w.admin_a,
            later,
            &facts(Timestamp(later.0 - DAY), &[]),
        )
        .await
        .unwrap();
        assert!(matches!(
            breaches::acknowledge_breach(db, &sa, &w.admin_a, later, own).await,
            Err(AppError::BadRequest(_))
        ));
        assert_eq!(
            breaches::club_breaches(db, &sa, later)
                .await
                .unwrap()
                .breaches
                .len(),
            2
        );
        assert_eq!(
            breaches::club_breaches(db, &sb, later)
                .await
                .unwrap()
                .breaches
                .len(),
            1
        );
    }
}

#[tokio::test]
async fn a_change_of_sub_processors_is_open_to_objection_for_14_days_once_per_club() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let op = operator(db).await;
        let sys = Actor::system("operator");
        let (m, dir) = mailer();
        let input = SubProcessorInput {
            id: String::new(),
            name: "Hetzner Online GmbH".into(),
            location: "Falkenstein, Germany (EU)".into(),
            service: "Hosting of the servers and the database".into(),
            since: "2026-01-01".into(),
        };
        for bad in [
            SubProcessorInput {
                name: " ".into(),
                ..input.clone()
            },
            SubProcessorInput {
                since: "2999-01-01".into(),
                ..input.clone()
            },
            SubProcessorInput {
                since: "yesterday".into(),
                ..input.clone()
            },
            SubProcessorInput {
                service: "s".repeat(301),
                ..input.clone()
            },
        ] {
            assert!(matches!(
                breaches::save_subprocessor(db, Some(&m), "http://t", &op, &sys, T0, &bad).await,
                Err(AppError::Invalid(_))
            ));
        }
        let sa = scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert!(
            breaches::save_subprocessor(db, Some(&m), "http://t", &sa, &w.admin_a, T0, &input)
                .await
                .is_err()
        );
        let id = breaches::save_subprocessor(db, Some(&m), "http://t", &op, &sys, T0, &input)
            .await
            .unwrap();
        // Announced to every club's administrators (clubs A and B have one each).
        assert_eq!(mails(&dir, 2).await.len(), 2);
        let view = breaches::operator_privacy(db, &op, T0).await.unwrap();
        assert_eq!(view.subprocessors.len(), 1);
        let change = view.changes[0].id;
        assert!(view.changes[0].open);
        assert_eq!(view.changes[0].closes_at, Timestamp(T0.0 + 14 * DAY));
        // The club sees it on its page and its home.
        let notices = breaches::privacy_notices(db, &sa, T0).await.unwrap();
        assert_eq!(notices.changes.len(), 1);
        // Within the 14 days: once, with a reason.
        let day13 = Timestamp(T0.0 + 13 * DAY);
        assert!(matches!(
            breaches::object_to_change(db, &sa, &w.admin_a, day13, change, "  ").await,
            Err(AppError::Invalid(_))
        ));
        breaches::object_to_change(db, &sa, &w.admin_a, day13, change, "We want <b>EU</b> only")
            .await
            .unwrap();
        assert!(matches!(
            breaches::object_to_change(db, &sa, &w.admin_a, day13, change, "again").await,
            Err(AppError::Conflict(_))
        ));
        assert!(breaches::privacy_notices(db, &sa, day13)
            .await
            .unwrap()
            .changes
            .is_empty());
        // After the 14 days: closed, with a clear message; nothing stored.
        let bea = admin_b(db, &w).await;
        let sb = scope::resolve(db, &bea, TenantKind::Club, "club-b", T0)
            .await
            .unwrap();
        let day14 = Timestamp(T0.0 + 14 * DAY);
        match breaches::object_to_change(db, &sb, &bea, day14, change, "too late").await {
            Err(AppError::Conflict(p)) => {
                assert!(p
                    .render(tessera_common::Lang::En)
                    .contains("objections are closed"))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            breaches::object_to_change(db, &sb, &bea, day13, change + 1, "none").await,
            Err(AppError::NotFound)
        ));
        let view = breaches::operator_privacy(db, &op, day14).await.unwrap();
        assert!(!view.changes[0].open);
        assert_eq!(view.changes[0].objections.len(), 1);
        assert_eq!(view.changes[0].objections[0].club_slug, "club-a");
        assert_eq!(
            view.changes[0].objections[0].reason,
            "We want <b>EU</b> only"
        );
        // The record of processing lists it, with club A's objection only to club A.
        let rec = breaches::processing_record(db, &sa, day13).await.unwrap();
        assert_eq!(rec.subprocessors.len(), 1);
        assert_eq!(rec.changes[0].objections.len(), 1);
        assert_eq!(rec.federation.as_deref(), Some("Tenant fed"));
        let rec_b = breaches::processing_record(db, &sb, day13).await.unwrap();
        assert!(rec_b.changes[0].objections.is_empty());
        // Modify and remove: each a change of its own.
        let modified = SubProcessorInput {
            id: id.to_string(),
            location: "Helsinki, Finland (EU)".into(),
            ..input.clone()
        };
        breaches::save_subprocessor(db, Some(&m), "http://t", &op, &sys, day14, &modified)
            .await
            .unwrap();
        breaches::remove_subprocessor(db, Some(&m), "http://t", &op, &sys, day14, id)
            .await
            .unwrap();
        assert!(matches!(
            breaches::remove_subprocessor(db, Some(&m), "http://t", &op, &sys, day14, id).await,
            Err(AppError::NotFound)
        ));
        let view = breaches::operator_privacy(db, &op, day14).await.unwrap();
        assert!(view.subprocessors.is_empty());
        let kinds: Vec<&str> = view.changes.iter().map(|c| c.change.as_str()).collect();
        assert_eq!(kinds.len(), 3);
        assert!(
            kinds.contains(&"added") && kinds.contains(&"modified") && kinds.contains(&"removed")
        );
    }
}
