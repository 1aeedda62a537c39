//! The demo's data protection: a list of sub-processors with one recent change (open for
//! objection), and a resolved breach: an incident the operator recorded and notified to
//! the first demo club within the 72 hours, which the club acknowledged and followed up
//! (the authority notified, the people concerned not, with the reason).

use crate::breaches;
use crate::db::Db;
use crate::error::Result;
use crate::jobs::SystemTask;
use crate::scope::{Actor, TenantScope};
use crate::tenancy::TenantRecord;
use tessera_common::breach::{BreachFollowUpInput, BreachInput, SubProcessorInput};
use tessera_common::dto::TenantKind;
use tessera_common::time::Timestamp;

const DAY: i64 = 86_400_000;

/// Seeds the sub-processors and, when the club at `club_slug` exists (the first demo club),
/// the resolved breach.
pub(super) async fn seed(
    db: &Db,
    operator: &TenantRecord,
    club_slug: &str,
    actor: &Actor,
    now: Timestamp,
) -> Result<()> {
    let op = TenantScope::for_system_task(&SystemTask::background(), operator.clone());
    // The demo sends no mail: its announcements and notifications go to nobody.
    let long_ago = Timestamp(now.0 - 200 * DAY);
    for (name, location, service, since) in [
        (
            "Hetzner Online GmbH",
            "Falkenstein, Germany (EU)",
            "Hosting of the servers and the database",
            "2025-09-01",
        ),
        (
            "Scaleway SAS",
            "Paris, France (EU)",
            "Encrypted off-site backups",
            "2025-09-01",
        ),
    ] {
        breaches::save_subprocessor(
            db,
            None,
            "http://localhost",
            &op,
            actor,
            long_ago,
            &SubProcessorInput {
                id: String::new(),
                name: name.into(),
                location: location.into(),
                service: service.into(),
                since: since.into(),
            },
        )
        .await?;
    }
    // The recent change: a mail provider added three days ago.
    breaches::save_subprocessor(
        db,
        None,
        "http://localhost",
        &op,
        actor,
        Timestamp(now.0 - 3 * DAY),
        &SubProcessorInput {
            id: String::new(),
            name: "Mailgun Technologies (EU region)".into(),
            location: "Frankfurt, Germany (EU)".into(),
            service: "Sending the platform's e-mails".into(),
            since: Timestamp(now.0 - 3 * DAY)
                .date_in(&operator.time_zone)
                .to_string(),
        },
    )
    .await?;
    let Some(club) = crate::tenancy::find_by_slug(db, TenantKind::Club, club_slug).await? else {
        return Ok(());
    };
    let club = &club;
    let scope = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    // The resolved breach: discovered 40 days ago, notified 20 hours later.
    let discovered = Timestamp((now.0 - 40 * DAY) / 60_000 * 60_000);
    let incident = breaches::record_incident(
        db,
        &op,
        actor,
        Timestamp(discovered.0 + 2 * 3_600_000),
        &BreachInput {
            club: String::new(),
            discovered_at: discovered.local_input(&operator.time_zone),
            nature:
                "A misconfigured backup copy was readable from the internet for about six hours."
                    .into(),
            categories: "names, e-mail addresses, phone numbers".into(),
            people_count: "180".into(),
            records_count: "180".into(),
            consequences:
                "Low: no national register numbers or sensitive fields; possible phishing.".into(),
            measures: "Access closed, the copy deleted, access logs checked: no download found."
                .into(),
            clubs: vec![club.slug.clone()],
        },
    )
    .await?;
    let notified = Timestamp(discovered.0 + 20 * 3_600_000);
    breaches::notify_club(
        db,
        None,
        "http://localhost",
        &op,
        actor,
        notified,
        incident,
        &club.slug,
    )
    .await?;
    let reg = breaches::club_breaches(db, &scope, notified).await?;
    if let Some(b) = reg.breaches.first() {
        let ack = Timestamp(notified.0 + 3_600_000);
        breaches::acknowledge_breach(db, &scope, actor, ack, b.id).await?;
        let b = breaches::club_breach(db, &scope, b.id).await?;
        breaches::record_follow_up(
            db,
            &scope,
            actor,
            Timestamp(ack.0 + DAY),
            &BreachFollowUpInput {
                club: club.slug.clone(),
                id: b.id.to_string(),
                version: b.version.to_string(),
                authority: "yes".into(),
                authority_at: Timestamp(discovered.0 + 30 * 3_600_000).local_input(&club.time_zone),
                people: "no".into(),
                people_reason: "Low risk: no sensitive data, no sign of a download; members were informed in the newsletter.".into(),
                resolved: Some("on".into()),
                ..Default::default()
            },
        )
        .await?;
    }
    Ok(())
}
