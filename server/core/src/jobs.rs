//! Jobs that follow the calendar rather than a request: run by `serve` every hour, and by
//! tests with an injected clock.

use crate::error::Result;
use crate::scope::TenantScope;
use crate::{members, tenants, throttle, Services};

/// Runs the daily jobs of every active club; returns how many members were invited. Also
/// deletes the attempt counters whose window ended.
pub async fn run_daily(s: &Services) -> Result<usize> {
    let now = s.now();
    throttle::purge_expired(&s.db, now).await?;
    let mut invited = 0;
    for club in tenants::active_clubs(&s.db).await? {
        let scope = TenantScope::for_system_task(club);
        invited +=
            members::invite_members_of_age(&s.db, &s.mailer, &s.public_url, &scope, now).await?;
    }
    Ok(invited)
}
