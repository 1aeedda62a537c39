//! Server functions of seasons and fees (issue 20, inv20): the fees page (seasons, their
//! fee schedules, the bank details) and its forms, all `fees.manage`.

use leptos::prelude::*;
use tessera_common::invoices::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::parse_id;
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The fees page: seasons with their schedules, the bank details (`fees.manage`).
#[server(prefix = "/api", endpoint = "fees_overview")]
pub async fn get_fees_overview(club: String) -> Result<FeesOverview, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::invoices::overview(&c.services.db, &scope, c.now()).await
}

/// Creates or changes a season (`fees.manage`).
#[server(prefix = "/api", endpoint = "save_season")]
pub async fn save_season(#[server(flatten)] input: SeasonForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    tessera_core::invoices::save_season(&c.services.db, &scope, &c.actor, c.now(), &input).await?;
    done(&format!("/c/{}/fees?done=season", scope.tenant().slug));
    Ok(())
}

/// Saves the club's bank details (`fees.manage`).
#[server(prefix = "/api", endpoint = "save_fee_settings")]
pub async fn save_fee_settings(#[server(flatten)] input: FeeSettingsForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    tessera_core::invoices::save_settings(&c.services.db, &scope, &c.actor, c.now(), &input)
        .await?;
    done(&format!("/c/{}/fees?done=bank", scope.tenant().slug));
    Ok(())
}

/// Adds a fee to a season's schedule (`fees.manage`).
#[server(prefix = "/api", endpoint = "add_season_fee")]
pub async fn add_season_fee(#[server(flatten)] input: SeasonFeeForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    tessera_core::invoices::add_fee(&c.services.db, &scope, &c.actor, c.now(), &input).await?;
    done(&format!("/c/{}/fees?done=fee", scope.tenant().slug));
    Ok(())
}

/// Removes a fee from a season's schedule (`fees.manage`).
#[server(prefix = "/api", endpoint = "remove_season_fee")]
pub async fn remove_season_fee(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    tessera_core::invoices::remove_fee(&c.services.db, &scope, &c.actor, c.now(), id).await?;
    done(&format!("/c/{}/fees?done=fee", scope.tenant().slug));
    Ok(())
}
