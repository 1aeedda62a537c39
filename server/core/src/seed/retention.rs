//! The demo of retention (issue 17): the seed makes ended members without an end date; here
//! they get one. A third of them (the lowest ids, rounded down) ended 30 months ago (past
//! the default 24 months: the first daily run anonymises them, and the retention page lists
//! that run), the others 16 months ago (not due under the defaults; an administrator who
//! shortens the policy to 12 months sees them in the dry run). Also what the retention
//! benchmark runs on at a million members.

use crate::db::Db;
use crate::error::Result;
use crate::retention::plus_months;
use crate::scope::{Actor, TenantScope};
use tessera_common::time::Timestamp;

pub(super) async fn backdate_ended_members(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
) -> Result<()> {
    let today = scope.today(now);
    let long_ago = plus_months(today, -30).to_string();
    let recently = plus_months(today, -16).to_string();
    let mut tx = db.tenant_write(scope, actor, now).await?;
    tx.execute(
        "UPDATE members SET ended_on = $2 WHERE tenant_id = $1 AND status = 'ended' AND ended_on IS NULL",
        crate::args![recently],
    )
    .await?;
    let (ended,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM members WHERE tenant_id = $1 AND status = 'ended'",
            vec![],
        )
        .await?;
    tx.execute(
        "UPDATE members SET ended_on = $2 WHERE tenant_id = $1 AND id IN \
         (SELECT id FROM members WHERE tenant_id = $1 AND status = 'ended' ORDER BY id LIMIT $3)",
        crate::args![long_ago, ended / 3],
    )
    .await?;
    tx.commit().await
}
