//! Server functions of transfers (issue 18, item 5; xfer18): the federation's windows and
//! decisions (`transfers.decide`), a club's asks and answers (`transfers.handle`), and a
//! member's own transfers on My details (consent, decline, ask). Every step is mailed to
//! those concerned after it is stored; every change is a POST answered by a redirect, so
//! the forms work without JavaScript.

use leptos::prelude::*;
use tessera_common::transfer::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::parse_id;
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The federation's transfers page (`transfers.decide`): windows, transfers, history.
/// Shows names and licence numbers: a federation read of personal data.
#[server(prefix = "/api", endpoint = "fed_transfers")]
pub async fn get_fed_transfers(federation: String) -> Result<FedTransfers, AppError> {
    let c = ctx().await?;
    // A logged read (fedlog18): once per request, however often the page asks.
    let key = format!("fed_transfers:{federation}");
    c.once(key, async {
        let scope = c.federation(&federation).await?;
        tessera_core::transfers::fed_overview(&c.services.db, &scope, &c.actor, c.now()).await
    })
    .await
}

/// Sets a transfer window of one of the federation's seasons (`transfers.decide`).
#[server(prefix = "/api", endpoint = "set_transfer_window")]
pub async fn set_transfer_window(
    federation: String,
    season: String,
    opens_on: String,
    closes_on: String,
    objection_days: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    let objection_days: i64 = objection_days.trim().parse().map_err(|_| {
        AppError::field(
            "objection_days",
            tessera_common::Msg::ErrTransferObjectionDays,
        )
    })?;
    tessera_core::transfers::set_window(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &tessera_core::transfers::WindowInput {
            season: parse_id(&season)?,
            opens_on,
            closes_on,
            objection_days,
        },
    )
    .await?;
    done(&format!("/f/{}/transfers?done=window", scope.tenant().slug));
    Ok(())
}

/// The federation approves a released or objected transfer, or refuses it with a reason
/// (`transfers.decide`): `decision` is `approve` or `refuse`.
#[server(prefix = "/api", endpoint = "decide_transfer")]
pub async fn decide_transfer(
    federation: String,
    id: String,
    decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    let id: i64 = parse_id(&id)?;
    tessera_core::transfers::decide(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        id,
        decision == "approve",
        &reason,
    )
    .await?;
    mail(&c, scope.tenant_id(), id).await;
    done(&format!(
        "/f/{}/transfers?done=decided",
        scope.tenant().slug
    ));
    Ok(())
}

/// The club's transfers in and out (`transfers.handle`).
#[server(prefix = "/api", endpoint = "club_transfers")]
pub async fn get_club_transfers(club: String) -> Result<ClubTransfers, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::transfers::club_overview(&c.services.db, &scope, c.now()).await
}

/// The club asks for the transfer of a person licensed in another club of its federation,
/// named by licence number and birth date (`transfers.handle`).
#[server(prefix = "/api", endpoint = "ask_transfer")]
pub async fn ask_transfer(
    club: String,
    licence_number: String,
    birth_date: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id = tessera_core::transfers::ask_by_club(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &licence_number,
        &birth_date,
    )
    .await?;
    mail(&c, scope.tenant_id(), id).await;
    done(&format!("/c/{}/transfers?done=asked", scope.tenant().slug));
    Ok(())
}

/// The old club releases the person or objects with a reason (`transfers.handle`):
/// `answer` is `release` or `object`.
#[server(prefix = "/api", endpoint = "answer_transfer")]
pub async fn answer_transfer(
    club: String,
    id: String,
    answer: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    tessera_core::transfers::answer(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        id,
        answer == "release",
        &reason,
    )
    .await?;
    mail(&c, scope.tenant_id(), id).await;
    done(&format!(
        "/c/{}/transfers?done=answered",
        scope.tenant().slug
    ));
    Ok(())
}

/// The caller's own transfers in this club (My details).
#[server(prefix = "/api", endpoint = "my_transfers")]
pub async fn get_my_transfers(club: String) -> Result<MyTransfers, AppError> {
    let c = ctx().await?;
    let scope = c.club_own_data(&club).await?;
    tessera_core::transfers::mine(&c.services.db, &scope, c.now()).await
}

/// The person agrees (`agree=yes`) to a transfer a club asked for, or declines it.
#[server(prefix = "/api", endpoint = "consent_transfer")]
pub async fn consent_transfer(club: String, id: String, agree: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club_own_data(&club).await?;
    let id: i64 = parse_id(&id)?;
    let db = &c.services.db;
    if agree == "yes" {
        tessera_core::transfers::consent(db, &scope, &c.actor, c.now(), id).await?;
    } else {
        tessera_core::transfers::decline(db, &scope, &c.actor, c.now(), id).await?;
    }
    mail(&c, scope.tenant_id(), id).await;
    done(&format!("/c/{}/me?done=transfer", scope.tenant().slug));
    Ok(())
}

/// The person asks to move from this club to `to_club` (a club's slug) of the same
/// federation; the asking is their consent.
#[server(prefix = "/api", endpoint = "ask_my_transfer")]
pub async fn ask_my_transfer(club: String, to_club: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club_own_data(&club).await?;
    let id =
        tessera_core::transfers::ask_by_member(&c.services.db, &scope, &c.actor, c.now(), &to_club)
            .await?;
    mail(&c, scope.tenant_id(), id).await;
    done(&format!(
        "/c/{}/me?done=transfer-asked",
        scope.tenant().slug
    ));
    Ok(())
}

/// Mails the step just stored to everyone concerned (after the commit).
#[cfg(feature = "ssr")]
async fn mail(c: &crate::ssr::Ctx, near: tessera_common::TenantId, id: i64) {
    tessera_core::transfers::notify(
        &c.services.db,
        &c.services.mailer,
        &c.services.public_url,
        near,
        id,
    )
    .await;
}
