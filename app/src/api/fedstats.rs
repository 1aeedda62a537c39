//! Server functions of the federation's oversight dashboard (dash18, issue 18 deliverable
//! 3): the dashboard from the counts kept per club, and counting again now. Both need the
//! federation's `clubs.view`. The CSV of each table is a file route (`fed_files.rs`).

use leptos::prelude::*;
use tessera_common::dto::FedDashboard;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The dashboard of `federation` for the season `season` (an id; empty for the current),
/// with page `page` of its clubs table (from 1; anything else is the first).
#[server(prefix = "/api", endpoint = "fed_dashboard")]
pub async fn get_fed_dashboard(
    federation: String,
    season: String,
    #[server(default)] page: String,
) -> Result<FedDashboard, AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    let page = page.trim().parse().unwrap_or(1);
    tessera_core::fedstats::dashboard_page(&c.services.db, &scope, &season, page, c.now()).await
}

/// Counts the federation's clubs again now; back to the dashboard.
#[server(prefix = "/api", endpoint = "fed_dashboard_refresh")]
pub async fn refresh_fed_dashboard(federation: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    tessera_core::fedstats::refresh(&c.services.db, &scope, &c.actor, c.now()).await?;
    done(&format!("/f/{}?done=counted", scope.tenant().slug));
    Ok(())
}
