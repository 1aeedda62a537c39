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

/// A season's invoices and credit notes (`fees.manage`).
#[server(prefix = "/api", endpoint = "season_invoices")]
pub async fn get_season_invoices(club: String, season: String) -> Result<SeasonInvoices, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let season: i64 = parse_id(&season)?;
    let db = &c.services.db;
    let overview = tessera_core::invoices::overview(db, &scope, c.now()).await?;
    let season = overview
        .seasons
        .into_iter()
        .find(|s| s.id == season)
        .ok_or(AppError::NotFound)?;
    let invoices = tessera_core::invoices::of_season(db, &scope, season.id).await?;
    let one_off = season
        .fees
        .iter()
        .filter(|f| f.kind == "one_off")
        .cloned()
        .collect();
    Ok(SeasonInvoices {
        season,
        invoices,
        one_off,
    })
}

/// Issues a season's invoices as drafts (`fees.manage`): for every active member
/// (`all=on`) or the members whose ids are listed in `members`.
#[server(prefix = "/api", endpoint = "generate_invoices")]
pub async fn generate_invoices(
    club: String,
    season: String,
    all: Option<String>,
    members: Option<String>,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let season_id: i64 = parse_id(&season)?;
    let selection = if all.is_some() {
        tessera_core::invoices::Selection::AllActive
    } else {
        let ids: Result<Vec<tessera_common::MemberId>, AppError> = members
            .unwrap_or_default()
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<i64>()
                    .map(tessera_common::MemberId)
                    .map_err(|_| AppError::field("members", tessera_common::Msg::InvErrNoMembers))
            })
            .collect();
        tessera_core::invoices::Selection::Members(ids?)
    };
    let made = tessera_core::invoices::generate(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        season_id,
        selection,
    )
    .await?;
    done(&format!(
        "/c/{}/fees/{season_id}?done=issued&n={}",
        scope.tenant().slug,
        made.len()
    ));
    Ok(())
}

/// Sends a draft invoice by mail with its PDF (`fees.manage`); it is open from then on and
/// never changes.
#[server(prefix = "/api", endpoint = "send_invoice")]
pub async fn send_invoice(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let out = tessera_core::invoices::send(&c.services.db, &scope, &c.actor, c.now(), id).await?;
    let brand = tessera_core::mail::Brand::of(scope.tenant(), &c.services.public_url);
    c.services.mailer.send_later_with(
        tessera_core::mail::Mail {
            to: out.to,
            subject: out.subject,
            body: out.body,
            brand: Some(brand),
        },
        vec![tessera_core::mail::Attachment {
            file_name: out.file_name,
            content_type: "application/pdf".into(),
            data: out.pdf,
        }],
    );
    done(&format!(
        "/c/{}/fees/{}?done=sent",
        scope.tenant().slug,
        out.season
    ));
    Ok(())
}

/// Corrects an invoice with a credit note, or cancels a draft (`fees.manage`).
#[server(prefix = "/api", endpoint = "credit_invoice")]
pub async fn credit_invoice(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let (_, season) =
        tessera_core::invoices::credit(&c.services.db, &scope, &c.actor, c.now(), id).await?;
    done(&format!(
        "/c/{}/fees/{season}?done=credited",
        scope.tenant().slug
    ));
    Ok(())
}

/// Adds a one-off fee to a draft invoice (`fees.manage`); a sent one is refused.
#[server(prefix = "/api", endpoint = "add_invoice_fee")]
pub async fn add_invoice_fee(club: String, id: String, fee: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let fee: i64 =
        parse_id(&fee).map_err(|_| AppError::field("fee", tessera_common::Msg::InvErrChooseFee))?;
    let season =
        tessera_core::invoices::add_one_off(&c.services.db, &scope, &c.actor, c.now(), id, fee)
            .await?;
    done(&format!(
        "/c/{}/fees/{season}?done=changed",
        scope.tenant().slug
    ));
    Ok(())
}

/// The caller's own invoices and their children's (any member; sent ones only).
#[server(prefix = "/api", endpoint = "my_invoices")]
pub async fn get_my_invoices(club: String) -> Result<MyInvoices, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::invoices::mine(&c.services.db, &scope).await
}
