//! The demo of a federation's logged reads and of transfers (xfer18): licensed people to
//! search (STAND-IN, see `stand_in_people`), and a few federation reads in the clubs' logs
//! made by the demo federation staff (federation@…), so a club's event log shows them and
//! the people read see the count on their My data page.

use crate::affiliations;
use crate::db::Db;
use crate::error::Result;
use crate::fedreads::{self, stand_in};
use crate::jobs::SystemTask;
use crate::scope::{self, Actor, AuthLevel, TenantScope};
use crate::tenants::TenantRecord;
use crate::{accounts::identities, args};
use tessera_common::dto::TenantKind;
use tessera_common::time::Timestamp;

/// A member to license: id, names, birth date, gender, e-mail.
type MemberRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The fields the demo clubs share with their federation.
const DEMO_SHARED: &str = "given_name family_name birth_date gender email";
/// Clubs given stand-in licensed people, and people per club.
const STAND_IN_CLUBS: usize = 3;
const STAND_IN_PEOPLE: i64 = 8;

pub async fn seed(db: &Db, federation: &TenantRecord, now: Timestamp) -> Result<()> {
    stand_in_people(db, federation, now).await?;
    demo_reads(db, federation, now).await
}

/// STAND-IN (until lic18's licences seed is merged): when the federation licenses nobody
/// yet, its first clubs accept sharing terms (if they have none) and eight active members
/// of each are licensed, with plain inserts (`fedreads::stand_in`).
async fn stand_in_people(db: &Db, federation: &TenantRecord, now: Timestamp) -> Result<()> {
    let task = SystemTask::background();
    let mut tx = db.platform(false).await?;
    tx.as_tenant(federation.id, None).await?;
    let (licensed,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM fed_people WHERE tenant_id = $1",
            args![federation.id.0],
        )
        .await?;
    let clubs = affiliations::active_clubs(&mut tx, federation.id).await?;
    tx.commit().await?;
    if licensed > 0 {
        return Ok(());
    }
    for a in clubs.iter().take(STAND_IN_CLUBS) {
        if a.accepted_at.is_none() {
            stand_in::accept_terms(db, &task, federation.id, a.club, DEMO_SHARED, now).await?;
        }
        let Some(club) = crate::tenancy::find_by_id(db, a.club).await? else {
            continue;
        };
        let scope = TenantScope::for_system_task(&task, club);
        let mut t = db.tenant_read(&scope).await?;
        let rows: Vec<MemberRow> = t
            .fetch_all(
                "SELECT id, given_name, family_name, birth_date, gender, email FROM members \
                 WHERE tenant_id = $1 AND status = 'active' AND restricted_at IS NULL \
                 AND erased_at IS NULL ORDER BY id LIMIT $2",
                args![STAND_IN_PEOPLE],
            )
            .await?;
        t.commit().await?;
        let people: Vec<stand_in::Licensed> = rows
            .into_iter()
            .map(|(id, g, f, b, gender, email)| stand_in::Licensed {
                club: a.club.0,
                member: id,
                given_name: g,
                family_name: f,
                birth_date: b,
                gender,
                shared: serde_json::json!({ "email": email }).to_string(),
                restricted: false,
            })
            .collect();
        stand_in::license(db, &task, federation.id, &people, now).await?;
    }
    Ok(())
}

/// The demo federation staff search and open a person: federation reads in the clubs'
/// logs.
async fn demo_reads(db: &Db, federation: &TenantRecord, now: Timestamp) -> Result<()> {
    let email = format!("federation@{}", super::DEMO_DOMAIN);
    let Some(id) = identities::find_by_email(db, &email).await? else {
        return Ok(());
    };
    let actor = Actor {
        identity: Some(id),
        name: "Frank Federatie".into(),
        level: AuthLevel::SecondFactor,
        pending: None,
        stamp_label: None,
    };
    let scope = scope::resolve(db, &actor, TenantKind::Federation, &federation.slug, now).await?;
    let page = fedreads::search(db, &scope, &fedreads::PeopleQuery::default(), now).await?;
    if let Some(first) = page.rows.first() {
        fedreads::person(db, &scope, first.id, now).await?;
    }
    Ok(())
}
