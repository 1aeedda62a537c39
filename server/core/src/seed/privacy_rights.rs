//! The demo's members' rights (issue 17), in the first demo club: an access request near
//! its deadline, a rectification extended by two months with its reason, and an erasure
//! completed (its record an anonymous placeholder). Records without an account are used,
//! so no demo sign-in is touched.

use crate::db::Db;
use crate::error::Result;
use crate::members;
use crate::rights::{self, Action};
use crate::scope::{Actor, TenantScope};
use tessera_common::rights::RequestKind;
use tessera_common::time::Timestamp;

const DAY: i64 = 86_400;

/// Called by `seed_demo` for the first demo club, with the seed's scope of it.
pub(super) async fn seed(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<()> {
    let scope = scope.clone();
    let actor = Actor::system("seed-demo");
    // Three records without an account and without family, from the end of the register's
    // first page (its first rows are the ones people and tests open first).
    let mut people = Vec::new();
    for row in members::list(db, &scope, "", 1)
        .await?
        .rows
        .into_iter()
        .rev()
    {
        let d = members::get(db, &scope, row.id).await?;
        if !d.has_account && d.guardians.is_empty() && d.children.is_empty() {
            people.push(row.id);
        }
        if people.len() == 3 {
            break;
        }
    }
    let [access, rectify, erase] = people[..] else {
        return Ok(());
    };
    // Received 27 days ago: due within a few days.
    rights::record(
        db,
        &scope,
        &actor,
        now,
        access,
        RequestKind::Access,
        Some("A copy of the photos of me the club keeps"),
        now.plus_seconds(-27 * DAY),
    )
    .await?;
    let id = rights::record(
        db,
        &scope,
        &actor,
        now,
        rectify,
        RequestKind::Rectification,
        Some("My birth date is wrong in the club's records"),
        now.plus_seconds(-20 * DAY),
    )
    .await?;
    rights::act(db, None, &scope, &actor, now, id, 1, Action::Start).await?;
    rights::act(
        db,
        None,
        &scope,
        &actor,
        now,
        id,
        2,
        Action::Extend {
            months: 2,
            reason: "The federation keeps the original licence form; we asked them for it.".into(),
        },
    )
    .await?;
    let id = rights::record(
        db,
        &scope,
        &actor,
        now,
        erase,
        RequestKind::Erasure,
        None,
        now.plus_seconds(-6 * DAY),
    )
    .await?;
    rights::act(db, None, &scope, &actor, now, id, 1, Action::Complete).await?;
    Ok(())
}
