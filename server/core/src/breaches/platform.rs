//! The operator's side: incidents of the platform and the notification of each affected
//! club within 72 hours (a mail to the club's administrators in their language, and a row
//! in the club's own register that shows as a banner until acknowledged); the list of
//! sub-processors, whose every change is announced to every club and opens 14 days for
//! objections, which are kept with the change.

use super::storage::*;
use super::validation;
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::jobs::SystemTask;
use crate::mail::{Brand, Mail, Mailer};
use crate::scope::{Actor, TenantScope};
use crate::tenancy::{active_clubs, find_by_slug, is_valid_slug, TenantRecord};
use crate::{accounts, args, ids};
use tessera_common::breach::{
    notified_late, notify_deadline, BreachInput, IncidentClub, Objection, OperatorIncident,
    OperatorPrivacy, SubProcessor, SubProcessorChange, SubProcessorInput, MAX_SHORT, MAX_TEXT,
    OBJECTION_WINDOW_MS,
};
use tessera_common::dto::{Stamp, TenantKind};
use tessera_common::modules::{PLATFORM_MANAGE, PRIVACY_MANAGE};
use tessera_common::time::{DateStyle, Timestamp};
use tessera_common::{AppError, FieldError, Lang, Msg, TenantId};

/// The most clubs one incident can name.
const MAX_CLUBS: usize = 1000;

/// The operator's data-protection page: incidents with their clocks, sub-processors, and
/// every change with the clubs' objections (`platform.manage`).
pub async fn operator_privacy(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
) -> Result<OperatorPrivacy> {
    scope.require(PLATFORM_MANAGE)?;
    let mut tx = db.platform(false).await?;
    let incidents: Vec<IncidentRow> = tx
        .fetch_all(
            &format!(
                "SELECT {INCIDENT_COLUMNS} FROM platform_incidents \
                 ORDER BY discovered_at DESC, id DESC LIMIT 200"
            ),
            args![],
        )
        .await?;
    let affected: Vec<(i64, String, String, Option<i64>)> = tx
        .fetch_all(
            "SELECT a.incident_id, t.slug, t.name, a.notified_at FROM platform_incident_clubs a \
             JOIN tenants t ON t.id = a.club_id ORDER BY t.name",
            args![],
        )
        .await?;
    let subprocessors: Vec<SubProcessorRow> = tx.fetch_all(SUBPROCESSOR_SELECT, args![]).await?;
    let changes: Vec<ChangeRow> = tx
        .fetch_all(
            &format!(
                "SELECT {CHANGE_COLUMNS} FROM subprocessor_changes \
                 ORDER BY announced_at DESC, id DESC LIMIT 100"
            ),
            args![],
        )
        .await?;
    let objections: Vec<(i64, String, String, String, i64, Option<String>)> = tx
        .fetch_all(
            "SELECT o.change_id, t.slug, t.name, o.reason, o.updated_at, o.updated_by_name \
             FROM subprocessor_objections o JOIN tenants t ON t.id = o.club_id \
             ORDER BY o.updated_at",
            args![],
        )
        .await?;
    let clubs: Vec<(String, String)> = tx
        .fetch_all(
            "SELECT slug, name FROM tenants WHERE kind = 'club' ORDER BY name",
            args![],
        )
        .await?;
    tx.commit().await?;
    let incidents = incidents
        .into_iter()
        .map(|r| {
            let facts = r.facts();
            OperatorIncident {
                id: r.id,
                deadline: notify_deadline(facts.discovered_at),
                recorded_at: Timestamp(r.recorded_at),
                clubs: affected
                    .iter()
                    .filter(|a| a.0 == r.id)
                    .map(|a| IncidentClub {
                        slug: a.1.clone(),
                        name: a.2.clone(),
                        notified_at: a.3.map(Timestamp),
                        late: a.3.map_or(now > notify_deadline(facts.discovered_at), |n| {
                            notified_late(facts.discovered_at, Timestamp(n))
                        }),
                    })
                    .collect(),
                stamp: Stamp {
                    at: Timestamp(r.updated_at),
                    by: r.updated_by_name.clone(),
                },
                facts,
            }
        })
        .collect();
    let changes = changes
        .into_iter()
        .map(|c| {
            let mut change = c.into_change(now);
            change.objections = objections
                .iter()
                .filter(|o| o.0 == change.id)
                .map(|o| Objection {
                    club_slug: o.1.clone(),
                    club_name: o.2.clone(),
                    reason: o.3.clone(),
                    at: Timestamp(o.4),
                    by: o.5.clone(),
                })
                .collect();
            change
        })
        .collect();
    Ok(OperatorPrivacy {
        now,
        incidents,
        subprocessors: subprocessors.into_iter().map(Into::into).collect(),
        changes,
        clubs,
    })
}

/// The operator records an incident of the platform and the clubs it affects
/// (`platform.manage`). The discovery is read on Brussels' wall clock (the platform's).
pub async fn record_incident(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: &BreachInput,
) -> Result<i64> {
    scope.require(PLATFORM_MANAGE)?;
    let facts = validation::facts(input, &scope.tenant().time_zone, now);
    let mut clubs: Vec<String> = input.clubs.iter().map(|s| s.trim().to_string()).collect();
    clubs.sort();
    clubs.dedup();
    clubs.retain(|s| !s.is_empty());
    let mut found = Vec::new();
    let mut club_error = clubs.is_empty() || clubs.len() > MAX_CLUBS;
    if !club_error {
        for slug in &clubs {
            match find_by_slug(db, TenantKind::Club, slug)
                .await?
                .filter(|_| is_valid_slug(slug))
            {
                Some(t) => found.push(t.id),
                None => club_error = true,
            }
        }
    }
    let facts = match (facts, club_error) {
        (Ok(f), false) => f,
        (Ok(_), true) => return Err(AppError::field("clubs", Msg::ErrBreachClubs)),
        (Err(AppError::Invalid(mut e)), bad) => {
            if bad {
                e.push(FieldError::new("clubs", Msg::ErrBreachClubs));
            }
            return Err(AppError::Invalid(e));
        }
        (Err(e), _) => return Err(e),
    };
    let id = ids::new_id();
    let mut tx = db.platform(true).await?;
    tx.execute(
        "INSERT INTO platform_incidents (id, discovered_at, nature, categories, people_count, \
         records_count, consequences, measures, recorded_at, updated_at, updated_by, \
         updated_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11)",
        args![
            id,
            facts.discovered_at,
            facts.nature,
            facts.categories,
            facts.people_count,
            facts.records_count,
            facts.consequences,
            facts.measures,
            now,
            actor.identity,
            actor.stamp_name()
        ],
    )
    .await?;
    for club in &found {
        tx.execute(
            "INSERT INTO platform_incident_clubs (incident_id, club_id) VALUES ($1, $2)",
            args![id, *club],
        )
        .await?;
    }
    accounts::log_in_tx(
        &mut tx,
        actor.identity,
        None,
        "incident_recorded",
        None,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A system scope on a club for the operator's notifications: only with `platform.manage`
/// on the operator's own scope.
fn club_scope(operator: &TenantScope, club: TenantRecord) -> Result<TenantScope> {
    Ok(TenantScope::for_system_task(
        &SystemTask::operator_provisioning(operator)?,
        club,
    ))
}

/// The club's administrators' addresses with their language (the club's when they chose
/// none), read in a transaction of that club.
async fn admin_addresses(tx: &mut TenantTx, club: &TenantRecord) -> Result<Vec<(String, Lang)>> {
    let rows: Vec<AdminAddress> = tx.fetch_all(ADMIN_ADDRESSES, args![]).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let lang = r
                .lang
                .as_deref()
                .and_then(Lang::parse)
                .unwrap_or(club.default_lang);
            (r.email, lang)
        })
        .collect())
}

/// The operator notifies an affected club of an incident (`platform.manage`): the incident
/// becomes a breach in the club's register (shown as a banner to its administrators until
/// acknowledged), each administrator gets a mail in their language, and the notification
/// instant is kept (late after 72 hours). Notifying a club again changes nothing. Without
/// a mailer (the demo seed) no mail is sent.
#[allow(clippy::too_many_arguments)]
pub async fn notify_club(
    db: &Db,
    mailer: Option<&Mailer>,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    incident: i64,
    club_slug: &str,
) -> Result<()> {
    scope.require(PLATFORM_MANAGE)?;
    if !is_valid_slug(club_slug) {
        return Err(AppError::NotFound);
    }
    let club = find_by_slug(db, TenantKind::Club, club_slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut p = db.platform(false).await?;
    let row: Option<IncidentRow> = p
        .fetch_optional(
            &format!("SELECT {INCIDENT_COLUMNS} FROM platform_incidents WHERE id = $1"),
            args![incident],
        )
        .await?;
    let link: Option<(Option<i64>,)> = p
        .fetch_optional(
            "SELECT notified_at FROM platform_incident_clubs WHERE incident_id = $1 AND club_id = $2",
            args![incident, club.id],
        )
        .await?;
    p.commit().await?;
    let (Some(row), Some((notified,))) = (row, link) else {
        return Err(AppError::NotFound);
    };
    if notified.is_some() {
        return Ok(());
    }
    let facts = row.facts();
    let club_scope = club_scope(scope, club.clone())?;
    let mut tx = db.tenant_write(&club_scope, actor, now).await?;
    // The platform row first, conditionally: of two notifications at once only one goes on.
    let n = tx
        .execute(
            "UPDATE platform_incident_clubs SET notified_at = $3 \
             WHERE club_id = $1 AND incident_id = $2 AND notified_at IS NULL",
            args![incident, now],
        )
        .await?;
    if n == 0 {
        return Ok(());
    }
    tx.insert(
        "breaches",
        vec![
            ("id", ids::new_id().into()),
            ("incident_id", incident.into()),
            ("discovered_at", facts.discovered_at.into()),
            ("nature", facts.nature.clone().into()),
            ("categories", facts.categories.clone().into()),
            ("people_count", facts.people_count.into()),
            ("records_count", facts.records_count.into()),
            ("consequences", facts.consequences.clone().into()),
            ("measures", facts.measures.clone().into()),
            ("recorded_at", now.into()),
            ("notified_at", now.into()),
        ],
    )
    .await?;
    let late = notified_late(facts.discovered_at, now);
    tx.log(
        if late {
            "breach_notified_late"
        } else {
            "breach_notified"
        },
        None,
    )
    .await?;
    let admins = admin_addresses(&mut tx, &club).await?;
    // The platform's log entry commits with the club's breach, in the one transaction:
    // never a notification without its entry, nor an entry without the notification.
    accounts::log_in_tx(
        tx.platform_part()?,
        actor.identity,
        None,
        "incident_club_notified",
        Some(&club.slug),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    let Some(mailer) = mailer else {
        return Ok(());
    };
    let brand = Brand::of(&club, base_url);
    let link = format!(
        "{}/c/{}/privacy/breaches",
        base_url.trim_end_matches('/'),
        club.slug
    );
    for (email, lang) in admins {
        let when = |t: Timestamp| t.format_in(&club.time_zone, lang, DateStyle::Long);
        let body = Msg::MailBreachBody.fill(
            lang,
            &[
                ("club", &club.name),
                ("discovered", &when(facts.discovered_at)),
                ("nature", &facts.nature),
                ("categories", &facts.categories),
                ("people", &facts.people_count.to_string()),
                ("records", &facts.records_count.to_string()),
                ("consequences", &facts.consequences),
                ("measures", &facts.measures),
                ("link", &link),
            ],
        );
        mailer.send_later(Some(Mail {
            to: email,
            subject: Msg::MailBreachSubject.fill(lang, &[("club", &club.name)]),
            body,
            brand: Some(brand.clone()),
        }));
    }
    Ok(())
}

/// Validates a sub-processor's form.
fn subprocessor_fields(
    input: &SubProcessorInput,
    today: tessera_common::time::Date,
) -> Result<(String, String, String, String)> {
    let mut errors = Vec::new();
    let mut take = |r: std::result::Result<String, FieldError>| match r {
        Ok(v) => v,
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    let name = take(validation::text(
        "name",
        &input.name,
        120,
        Msg::ErrSubprocessorText,
    ));
    let location = take(validation::text(
        "location",
        &input.location,
        120,
        Msg::ErrSubprocessorText,
    ));
    let service = take(validation::text(
        "service",
        &input.service,
        MAX_SHORT,
        Msg::ErrSubprocessorText,
    ));
    let since = take(validation::since(&input.since, today));
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok((name, location, service, since))
}

/// The operator adds a sub-processor (`id` empty) or changes one (`platform.manage`); the
/// change is announced to every club's administrators and opens 14 days for objections.
#[allow(clippy::too_many_arguments)]
pub async fn save_subprocessor(
    db: &Db,
    mailer: Option<&Mailer>,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: &SubProcessorInput,
) -> Result<i64> {
    scope.require(PLATFORM_MANAGE)?;
    let existing = match input.id.trim() {
        "" => None,
        s => Some(s.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    let (name, location, service, since) = subprocessor_fields(input, scope.today(now))?;
    let mut tx = db.platform(true).await?;
    let (id, change) = match existing {
        None => {
            let id = ids::new_id();
            tx.execute(
                "INSERT INTO subprocessors (id, name, location, service, since, updated_at, \
                 updated_by, updated_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                args![
                    id,
                    name.clone(),
                    location.clone(),
                    service.clone(),
                    since,
                    now,
                    actor.identity,
                    actor.stamp_name()
                ],
            )
            .await?;
            (id, "added")
        }
        Some(id) => {
            let n = tx
                .execute(
                    "UPDATE subprocessors SET name = $2, location = $3, service = $4, since = $5, \
                     updated_at = $6, updated_by = $7, updated_by_name = $8, version = version + 1 \
                     WHERE id = $1 AND removed_at IS NULL",
                    args![
                        id,
                        name.clone(),
                        location.clone(),
                        service.clone(),
                        since,
                        now,
                        actor.identity,
                        actor.stamp_name()
                    ],
                )
                .await?;
            if n != 1 {
                return Err(AppError::NotFound);
            }
            (id, "modified")
        }
    };
    let change_id = insert_change(
        &mut tx,
        actor,
        now,
        id,
        change,
        (&name, &location, &service),
    )
    .await?;
    accounts::log_in_tx(
        &mut tx,
        actor.identity,
        None,
        "subprocessor_change",
        Some(change),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    announce(db, mailer, base_url, scope, change_id, now).await?;
    Ok(id)
}

/// The operator removes a sub-processor from the list (`platform.manage`); announced like
/// any change.
pub async fn remove_subprocessor(
    db: &Db,
    mailer: Option<&Mailer>,
    base_url: &str,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: i64,
) -> Result<()> {
    scope.require(PLATFORM_MANAGE)?;
    let mut tx = db.platform(true).await?;
    let row: Option<SubProcessorRow> = tx
        .fetch_optional(
            "SELECT id, name, location, service, since, version FROM subprocessors \
             WHERE id = $1 AND removed_at IS NULL",
            args![id],
        )
        .await?;
    let row = row.ok_or(AppError::NotFound)?;
    tx.execute(
        "UPDATE subprocessors SET removed_at = $2, updated_at = $2, updated_by = $3, \
         updated_by_name = $4, version = version + 1 WHERE id = $1",
        args![id, now, actor.identity, actor.stamp_name()],
    )
    .await?;
    let change_id = insert_change(
        &mut tx,
        actor,
        now,
        id,
        "removed",
        (&row.name, &row.location, &row.service),
    )
    .await?;
    accounts::log_in_tx(
        &mut tx,
        actor.identity,
        None,
        "subprocessor_change",
        Some("removed"),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    announce(db, mailer, base_url, scope, change_id, now).await
}

async fn insert_change(
    tx: &mut crate::db::Tx,
    actor: &Actor,
    now: Timestamp,
    subprocessor: i64,
    change: &str,
    (name, location, service): (&str, &str, &str),
) -> Result<i64> {
    let id = ids::new_id();
    tx.execute(
        "INSERT INTO subprocessor_changes (id, subprocessor_id, change, name, location, service, \
         announced_at, closes_at, updated_at, updated_by, updated_by_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $9, $10)",
        args![
            id,
            subprocessor,
            change,
            name,
            location,
            service,
            now,
            Timestamp(now.0 + OBJECTION_WINDOW_MS),
            actor.identity,
            actor.stamp_name()
        ],
    )
    .await?;
    Ok(id)
}

/// Mails the change `change_id` to the administrators of every active club, each in their
/// language; the club home shows it to them until they object or the 14 days end.
async fn announce(
    db: &Db,
    mailer: Option<&Mailer>,
    base_url: &str,
    operator: &TenantScope,
    change_id: i64,
    now: Timestamp,
) -> Result<()> {
    let Some(mailer) = mailer else {
        return Ok(());
    };
    let mut p = db.platform(false).await?;
    let change: ChangeRow = p
        .fetch_one(
            &format!("SELECT {CHANGE_COLUMNS} FROM subprocessor_changes WHERE id = $1"),
            args![change_id],
        )
        .await?;
    p.commit().await?;
    let change = change.into_change(now);
    for club in active_clubs(db).await? {
        let scope = club_scope(operator, club.clone())?;
        let mut tx = db.tenant_read(&scope).await?;
        let admins = admin_addresses(&mut tx, &club).await?;
        tx.commit().await?;
        let brand = Brand::of(&club, base_url);
        let link = format!("{}/c/{}/privacy", base_url.trim_end_matches('/'), club.slug);
        for (email, lang) in admins {
            let body = Msg::MailSubprocessorBody.fill(
                lang,
                &[
                    ("club", &club.name),
                    ("change", change_label(&change.change).text(lang)),
                    ("name", &change.name),
                    ("location", &change.location),
                    ("service", &change.service),
                    (
                        "date",
                        &change
                            .closes_at
                            .format_in(&club.time_zone, lang, DateStyle::Long),
                    ),
                    ("link", &link),
                ],
            );
            mailer.send_later(Some(Mail {
                to: email,
                subject: Msg::MailSubprocessorSubject.fill(lang, &[("club", &club.name)]),
                body,
                brand: Some(brand.clone()),
            }));
        }
    }
    Ok(())
}

/// The words for a kind of change.
pub fn change_label(change: &str) -> Msg {
    match change {
        "added" => Msg::SpChangeAdded,
        "removed" => Msg::SpChangeRemoved,
        _ => Msg::SpChangeModified,
    }
}

/// The club objects to a change of the sub-processors, with a reason (`privacy.manage`):
/// only within the 14 days, once per club and change.
pub async fn object_to_change(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    change_id: i64,
    reason: &str,
) -> Result<()> {
    scope.require(PRIVACY_MANAGE)?;
    let reason = validation::text("reason", reason, MAX_TEXT, Msg::ErrObjectionReason)
        .map_err(|e| AppError::Invalid(vec![e]))?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let change: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT closes_at FROM subprocessor_changes WHERE id = $2 AND $1 = $1",
            args![change_id],
        )
        .await?;
    let Some((closes_at,)) = change else {
        return Err(AppError::NotFound);
    };
    if now.0 >= closes_at {
        // The same digits in every language: the viewer's language is not known here.
        let date =
            Timestamp(closes_at).format_in(&scope.tenant().time_zone, Lang::En, DateStyle::Short);
        return Err(AppError::conflict(
            tessera_common::Problem::new(Msg::ErrObjectionClosed).arg("date", date),
        ));
    }
    let already: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT updated_at FROM subprocessor_objections WHERE club_id = $1 AND change_id = $2",
            args![change_id],
        )
        .await?;
    if already.is_some() {
        return Err(AppError::conflict(Msg::ErrObjectionTwice));
    }
    tx.execute(
        "INSERT INTO subprocessor_objections (club_id, change_id, reason, updated_at, \
         updated_by, updated_by_name) VALUES ($1, $2, $3, $4, $5, $6)",
        args![change_id, reason, now, actor.identity, actor.stamp_name()],
    )
    .await
    .map_err(|e| match e {
        AppError::Conflict(_) => AppError::conflict(Msg::ErrObjectionTwice),
        other => other,
    })?;
    tx.log("subprocessor_objection", None).await?;
    tx.commit().await
}

/// The sub-processors in use, and the changes of the last 90 days or still open, each with
/// this club's own objection (for the club's pages; no permission beyond the caller's).
pub(super) async fn club_view(
    db: &Db,
    club: TenantId,
    now: Timestamp,
) -> Result<(Vec<SubProcessor>, Vec<SubProcessorChange>)> {
    let mut p = db.platform(false).await?;
    let subs: Vec<SubProcessorRow> = p.fetch_all(SUBPROCESSOR_SELECT, args![]).await?;
    let changes: Vec<ChangeRow> = p
        .fetch_all(
            &format!(
                "SELECT {CHANGE_COLUMNS} FROM subprocessor_changes WHERE closes_at > $1 \
                 ORDER BY announced_at DESC, id DESC LIMIT 50"
            ),
            args![Timestamp(now.0 - 90 * 86_400_000)],
        )
        .await?;
    let own: Vec<(i64, String, i64, Option<String>)> = p
        .fetch_all(
            "SELECT change_id, reason, updated_at, updated_by_name FROM subprocessor_objections \
             WHERE club_id = $1",
            args![club],
        )
        .await?;
    p.commit().await?;
    let changes = changes
        .into_iter()
        .map(|c| {
            let mut change = c.into_change(now);
            change.objections = own
                .iter()
                .filter(|o| o.0 == change.id)
                .map(|o| Objection {
                    club_slug: String::new(),
                    club_name: String::new(),
                    reason: o.1.clone(),
                    at: Timestamp(o.2),
                    by: o.3.clone(),
                })
                .collect();
            change
        })
        .collect();
    Ok((subs.into_iter().map(Into::into).collect(), changes))
}
