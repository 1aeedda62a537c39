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
    demo_reads(db, federation, now).await?;
    demo_transfers(db, federation, now).await
}

const DAY: i64 = 86_400_000;

/// The demo's transfers, in a window of the federation's current season open around
/// today (two weeks back, a month ahead, seven days to object): one completed (asked by
/// the second named club, the person agreed, the first club released, the federation
/// approved: the person is now in the second club, their old record ended) and one in
/// progress (asked by the third club, agreed, the first club objected with a reason: the
/// federation's decision awaits). The people are licensed members of the first club with
/// no account of their own (the demo accounts' records stay where they are).
async fn demo_transfers(db: &Db, federation: &TenantRecord, now: Timestamp) -> Result<()> {
    use crate::transfers;
    let task = SystemTask::background();
    let fed = TenantScope::for_system_task(&task, federation.clone());
    let today = fed.today(now);
    let mut clubs = Vec::new();
    for c in super::names::DEMO_CLUBS.iter().take(3) {
        match crate::tenancy::find_by_slug(db, TenantKind::Club, c.slug).await? {
            Some(t) => clubs.push(t),
            None => return Ok(()),
        }
    }
    let mut tx = db.platform(false).await?;
    tx.as_tenant(federation.id, None).await?;
    let season: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM fed_seasons WHERE tenant_id = $1 AND starts_on <= $2 \
             ORDER BY starts_on DESC, id LIMIT 1",
            args![federation.id.0, today.to_string()],
        )
        .await?;
    let people: Vec<(i64, String, String)> = tx
        .fetch_all(
            "SELECT member_id, licence_number, birth_date FROM fed_people \
             WHERE tenant_id = $1 AND club_id = $2 AND birth_date IS NOT NULL \
             AND NOT restricted ORDER BY id DESC LIMIT 40",
            args![federation.id.0, clubs[0].id.0],
        )
        .await?;
    tx.as_tenant(clubs[0].id, None).await?;
    let linked: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT member_id FROM memberships WHERE tenant_id = $1 AND member_id IS NOT NULL",
            args![clubs[0].id.0],
        )
        .await?;
    tx.commit().await?;
    let Some((season,)) = season else {
        return Ok(());
    };
    let free: Vec<&(i64, String, String)> = people
        .iter()
        .filter(|(m, _, _)| !linked.iter().any(|(l,)| l == m))
        .take(2)
        .collect();
    let [done, pending] = free[..] else {
        return Ok(());
    };
    let day =
        |n: i64| tessera_common::time::Date::from_days(today.days_since_epoch() + n).to_string();
    let staff = Actor::system_labelled("seed", "Frank Federatie");
    transfers::set_window(
        db,
        &fed,
        &staff,
        Timestamp(now.0 - 20 * DAY),
        &transfers::WindowInput {
            season,
            opens_on: day(-14),
            closes_on: day(30),
            objection_days: 7,
        },
    )
    .await?;
    let at = |days: i64| Timestamp(now.0 - days * DAY);
    let a = TenantScope::for_system_task(&task, clubs[0].clone());
    let a_staff = Actor::system_labelled("seed", &format!("{} (secretariaat)", clubs[0].name));
    let person = Actor::system_labelled("seed", "(demo)");
    for (who, to, asked, objection) in [
        (done, &clubs[1], 6, None),
        (
            pending,
            &clubs[2],
            2,
            Some("Het lidgeld van dit seizoen is nog niet betaald."),
        ),
    ] {
        let to_scope = TenantScope::for_system_task(&task, to.clone());
        let to_staff = Actor::system_labelled("seed", &format!("{} (secretariaat)", to.name));
        let id =
            transfers::ask_by_club(db, &to_scope, &to_staff, at(asked), &who.1, &who.2).await?;
        transfers::consent_for_demo(
            db,
            &task,
            clubs[0].id,
            who.0,
            &person,
            Timestamp(at(asked).0 + DAY / 4),
            id,
        )
        .await?;
        let answered = Timestamp(at(asked).0 + DAY);
        match objection {
            None => {
                transfers::answer(db, &a, &a_staff, answered, id, true, "").await?;
                transfers::decide(db, &fed, &staff, Timestamp(answered.0 + DAY), id, true, "")
                    .await?;
            }
            Some(why) => {
                transfers::answer(db, &a, &a_staff, answered, id, false, why).await?;
            }
        }
    }
    Ok(())
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
