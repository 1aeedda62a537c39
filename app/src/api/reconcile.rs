//! Server functions of reconciliation (`fees.reconcile`): the bank page (statements, the
//! queue, one statement's lines, payments by hand), the queue's actions (confirm a
//! suggestion, assign by hand, set aside as not a fee, undo) and payments by hand. The
//! statement upload itself is a multipart route of the server
//! (`server/src/statement_files.rs`).

use leptos::prelude::*;
use tessera_common::reconcile::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::parse_id;
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The bank page; `statement` (an id, or empty) adds that statement's lines.
#[server(prefix = "/api", endpoint = "bank_overview")]
pub async fn get_bank_overview(club: String, statement: String) -> Result<BankOverview, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let statement = if statement.trim().is_empty() {
        None
    } else {
        Some(parse_id::<i64>(&statement)?)
    };
    tessera_core::reconcile::overview(&c.services.db, &scope, statement).await
}

/// Where the bank page goes back to after a change: the statement shown, if any.
#[cfg(feature = "ssr")]
fn back(slug: &str, statement: &str) -> String {
    match statement.trim().parse::<i64>() {
        Ok(id) => format!("/c/{slug}/fees/bank?statement={id}&done=line"),
        Err(_) => format!("/c/{slug}/fees/bank?done=line"),
    }
}

/// Confirms a suggested line: its payment goes to the suggested invoice.
#[server(prefix = "/api", endpoint = "confirm_bank_line")]
pub async fn confirm_bank_line(
    club: String,
    id: String,
    statement: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id = parse_id(&id)?;
    tessera_core::reconcile::confirm_line(&c.services.db, &scope, &c.actor, c.now(), id).await?;
    done(&back(&scope.tenant().slug, &statement));
    Ok(())
}

/// Assigns a queued line to an invoice named by its structured communication or number.
#[server(prefix = "/api", endpoint = "assign_bank_line")]
pub async fn assign_bank_line(
    club: String,
    id: String,
    invoice: String,
    statement: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id = parse_id(&id)?;
    tessera_core::reconcile::assign_line(&c.services.db, &scope, &c.actor, c.now(), id, &invoice)
        .await?;
    done(&back(&scope.tenant().slug, &statement));
    Ok(())
}

/// Sets a queued line aside as not a fee.
#[server(prefix = "/api", endpoint = "set_aside_bank_line")]
pub async fn set_aside_bank_line(
    club: String,
    id: String,
    statement: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id = parse_id(&id)?;
    tessera_core::reconcile::set_aside_line(&c.services.db, &scope, &c.actor, c.now(), id).await?;
    done(&back(&scope.tenant().slug, &statement));
    Ok(())
}

/// Puts a matched or set-aside line back in the queue (a wrong match undone).
#[server(prefix = "/api", endpoint = "release_bank_line")]
pub async fn release_bank_line(
    club: String,
    id: String,
    statement: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id = parse_id(&id)?;
    tessera_core::reconcile::release_line(&c.services.db, &scope, &c.actor, c.now(), id).await?;
    done(&back(&scope.tenant().slug, &statement));
    Ok(())
}

/// Records a payment by hand (cash, a transfer seen elsewhere).
#[server(prefix = "/api", endpoint = "record_payment")]
pub async fn record_payment(#[server(flatten)] input: ManualPaymentForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    tessera_core::reconcile::record_manual_payment(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &input,
    )
    .await?;
    done(&format!(
        "/c/{}/fees/bank?done=payment",
        scope.tenant().slug
    ));
    Ok(())
}

/// Removes a payment recorded by hand.
#[server(prefix = "/api", endpoint = "remove_payment")]
pub async fn remove_payment(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id = parse_id(&id)?;
    tessera_core::reconcile::remove_manual_payment(&c.services.db, &scope, &c.actor, c.now(), id)
        .await?;
    done(&format!(
        "/c/{}/fees/bank?done=payment",
        scope.tenant().slug
    ));
    Ok(())
}

/// A member's invoices and payment status, for the member page (`fees.view`).
#[server(prefix = "/api", endpoint = "member_payments")]
pub async fn get_member_payments(club: String, member: String) -> Result<MemberPayments, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let member = parse_id(&member)?;
    tessera_core::reconcile::member_payments(&c.services.db, &scope, member).await
}
