//! What the pages show of transfers (xfer18): the federation's windows and transfers, a
//! club's transfers in and out, a person's own; each transfer with its history and what
//! the viewer may do with it now.

use super::{TRANSFERS_DECIDE, TRANSFERS_HANDLE};
use crate::affiliations::{self, Affiliation};
use crate::args;
use crate::db::{Db, Tx};
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use std::collections::BTreeMap;
use tessera_common::time::Timestamp;
use tessera_common::transfer::*;
use tessera_common::{AppError, TenantId};

/// The most transfers a page lists (newest first).
const PAGE: i64 = 200;

#[derive(sqlx::FromRow)]
struct ViewRow {
    id: i64,
    given_name: String,
    family_name: String,
    licence_number: String,
    from_club: i64,
    from_name: String,
    to_name: String,
    status: String,
    answer_due_at: Option<i64>,
    /// The copy's club and member (where a federation's read of the person is logged).
    person_club: i64,
    member_id: i64,
    /// The person's record is restricted in their club.
    restricted: bool,
}

const VIEW: &str = "SELECT t.id, p.given_name, p.family_name, p.licence_number, t.from_club, \
     fc.name AS from_name, tc.name AS to_name, t.status, \
     t.answer_due_at, p.club_id AS person_club, p.member_id, p.restricted FROM transfers t \
     JOIN fed_people p ON p.tenant_id = t.tenant_id AND p.id = t.person_id \
     JOIN tenants fc ON fc.id = t.from_club JOIN tenants tc ON tc.id = t.to_club \
     WHERE t.tenant_id = $1";

/// Who looks: the federation (with its active affiliations by club), a club, or the
/// person (their record in a club).
#[derive(Clone, Copy)]
enum Viewer<'a> {
    Federation(&'a BTreeMap<i64, Affiliation>),
    Club(i64),
    Person,
}

/// What the federation may see of a row's person now: nothing while their record is
/// restricted or their club does not share (no active affiliation with accepted terms);
/// else the licence number, and the name if the terms share it. `None`: withheld.
fn federation_sees(r: &ViewRow, sharing: &BTreeMap<i64, Affiliation>) -> Option<bool> {
    let a = sharing.get(&r.person_club)?;
    (!r.restricted && a.is_active() && a.accepted_at.is_some()).then(|| a.shares("family_name"))
}

async fn steps_of(tx: &mut Tx, fed: TenantId, id: i64) -> Result<Vec<TransferStep>> {
    let rows: Vec<(String, Option<String>, i64, Option<String>)> = tx
        .fetch_all(
            "SELECT step, reason, at, updated_by_name FROM transfer_steps \
             WHERE tenant_id = $1 AND transfer_id = $2 ORDER BY at, created_at, id",
            args![fed.0, id],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(step, reason, at, by)| TransferStep {
            step,
            reason,
            at,
            by,
        })
        .collect())
}

async fn views(
    tx: &mut Tx,
    fed: TenantId,
    fed_name: &str,
    rows: Vec<ViewRow>,
    viewer: Viewer<'_>,
    now: Timestamp,
) -> Result<Vec<TransferView>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let steps = steps_of(tx, fed, r.id).await?;
        let late = r.answer_due_at.is_some_and(|due| now.0 > due);
        // The federation sees a person only while their club shares and their record is
        // not restricted (their name only if the terms share it; the licence number is the
        // federation's own); the transfer itself (clubs, state, history) stays.
        let (withheld, named) = match viewer {
            Viewer::Federation(sharing) => match federation_sees(&r, sharing) {
                Some(named) => (false, named),
                None => (true, false),
            },
            _ => (false, true),
        };
        let person = if named {
            format!("{} {}", r.given_name, r.family_name)
        } else {
            String::new()
        };
        let licence_number = if withheld {
            String::new()
        } else {
            r.licence_number
        };
        out.push(TransferView {
            id: r.id,
            federation: fed_name.to_string(),
            person,
            licence_number,
            withheld,
            can_answer: matches!(viewer, Viewer::Club(c) if c == r.from_club)
                && r.status == "open"
                && !late,
            can_decide: matches!(viewer, Viewer::Federation(_))
                && matches!(r.status.as_str(), "released" | "objected"),
            can_consent: matches!(viewer, Viewer::Person) && r.status == "consent",
            from_club: r.from_name,
            to_club: r.to_name,
            status: r.status,
            answer_due_at: r.answer_due_at,
            steps,
        });
    }
    Ok(out)
}

async fn name_of(tx: &mut Tx, tenant: TenantId) -> Result<(String, String)> {
    tx.fetch_one(
        "SELECT slug, name FROM tenants WHERE id = $1",
        args![tenant.0],
    )
    .await
}

/// The federation's transfers page (`transfers.decide`): its seasons, windows and
/// transfers with their history. Shows names and licence numbers: a read of personal data,
/// recorded in each club whose people the page shows (`fedreads::log_read`, "transfers"),
/// in the page's own transaction. A person whose record is restricted, or whose club no
/// longer shares with the federation, is withheld (not shown, not logged); a club whose
/// terms do not share names shows the licence number alone.
pub async fn fed_overview(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
) -> Result<FedTransfers> {
    scope.require(TRANSFERS_DECIDE)?;
    let fed = scope.tenant_id();
    let mut log_tx = db.event_log_write(scope, actor, now).await?;
    let tx = log_tx.platform_part()?;
    let seasons: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, name FROM fed_seasons WHERE tenant_id = $1 ORDER BY starts_on DESC, id",
            args![fed.0],
        )
        .await?;
    let windows: Vec<(i64, String, String, String, i64)> = tx
        .fetch_all(
            "SELECT w.id, s.name, w.opens_on, w.closes_on, w.objection_days \
             FROM transfer_windows w JOIN fed_seasons s ON s.tenant_id = w.tenant_id \
             AND s.id = w.season_id WHERE w.tenant_id = $1 ORDER BY w.opens_on DESC, w.id",
            args![fed.0],
        )
        .await?;
    let rows: Vec<ViewRow> = tx
        .fetch_all(
            &format!("{VIEW} ORDER BY t.created_at DESC, t.id DESC LIMIT $2"),
            args![fed.0, PAGE],
        )
        .await?;
    // The read: each person shown once, however many of their transfers the page lists.
    let sharing: BTreeMap<i64, Affiliation> = affiliations::active_clubs(tx, fed)
        .await?
        .into_iter()
        .map(|a| (a.club.0, a))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let reads: Vec<crate::fedreads::Read> = rows
        .iter()
        .filter_map(|r| Some((r, federation_sees(r, &sharing)?)))
        .filter(|(r, _)| seen.insert((r.person_club, r.member_id)))
        .map(|(r, _)| crate::fedreads::Read {
            club: TenantId(r.person_club),
            member: r.member_id,
        })
        .collect();
    let viewer = Viewer::Federation(&sharing);
    let transfers = views(tx, fed, &scope.tenant().name, rows, viewer, now).await?;
    crate::fedreads::log_read(tx, scope, "transfers", &reads, now).await?;
    log_tx.commit().await?;
    Ok(FedTransfers {
        seasons,
        windows: windows
            .into_iter()
            .map(
                |(id, season, opens_on, closes_on, objection_days)| TransferWindow {
                    id,
                    season,
                    opens_on,
                    closes_on,
                    objection_days,
                },
            )
            .collect(),
        transfers,
    })
}

/// The club's active federations.
async fn federations_of(tx: &mut Tx, club: TenantId) -> Result<Vec<TenantId>> {
    Ok(affiliations::of_club(tx, club)
        .await?
        .into_iter()
        .filter(|a| a.is_active())
        .map(|a| a.federation)
        .collect())
}

/// The club's transfers page (`transfers.handle`): its transfers in and out in each of
/// its federations, newest first.
pub async fn club_overview(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<ClubTransfers> {
    scope.require(TRANSFERS_HANDLE)?;
    let club = scope.tenant_id();
    let mut tx = db.platform(false).await?;
    let mut federations = Vec::new();
    let mut transfers = Vec::new();
    for fed in federations_of(&mut tx, club).await? {
        let (slug, name) = name_of(&mut tx, fed).await?;
        tx.as_tenant(fed, None).await?;
        let rows: Vec<ViewRow> = tx
            .fetch_all(
                &format!(
                    "{VIEW} AND (t.from_club = $2 OR t.to_club = $2) \
                     ORDER BY t.created_at DESC, t.id DESC LIMIT $3"
                ),
                args![fed.0, club.0, PAGE],
            )
            .await?;
        transfers.extend(views(&mut tx, fed, &name, rows, Viewer::Club(club.0), now).await?);
        federations.push((slug, name));
    }
    tx.commit().await?;
    Ok(ClubTransfers {
        federations,
        transfers,
    })
}

/// The caller's own transfers in this club (My details): those of their record here, out
/// or in, and the clubs of their federations they may ask to move to.
pub async fn mine(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<MyTransfers> {
    let me = scope.member_id().ok_or(AppError::NotFound)?;
    let club = scope.tenant_id();
    let mut tx = db.platform(false).await?;
    let mut licensed = false;
    let mut clubs = Vec::new();
    let mut transfers = Vec::new();
    for fed in federations_of(&mut tx, club).await? {
        let (_, name) = name_of(&mut tx, fed).await?;
        tx.as_tenant(fed, None).await?;
        let person: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM fed_people WHERE tenant_id = $1 AND club_id = $2 \
                 AND member_id = $3 AND NOT restricted",
                args![fed.0, club.0, me.0],
            )
            .await?;
        let rows: Vec<ViewRow> = tx
            .fetch_all(
                &format!(
                    "{VIEW} AND ((t.from_club = $2 AND t.from_member = $3) \
                     OR (t.to_club = $2 AND t.to_member = $3)) \
                     ORDER BY t.created_at DESC, t.id DESC LIMIT $4"
                ),
                args![fed.0, club.0, me.0, PAGE],
            )
            .await?;
        transfers.extend(views(&mut tx, fed, &name, rows, Viewer::Person, now).await?);
        if person.is_some() {
            licensed = true;
            let others: Vec<(String, String)> = tx
                .fetch_all(
                    "SELECT c.slug, c.name FROM affiliations a JOIN tenants c ON c.id = a.club_id \
                     WHERE a.federation_id = $1 AND a.status = 'active' AND c.id <> $2 \
                     ORDER BY c.name, c.id LIMIT 1000",
                    args![fed.0, club.0],
                )
                .await?;
            clubs.extend(others);
        }
    }
    tx.commit().await?;
    Ok(MyTransfers {
        licensed,
        clubs,
        transfers,
    })
}
