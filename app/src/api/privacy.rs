//! Server functions of data protection (issue 17): a club's record of processing and
//! breach register, objections to sub-processor changes, the notices on the club home; the
//! operator's incidents, notifications and sub-processors.

use leptos::prelude::*;
use tessera_common::breach::{
    BreachFollowUpInput, BreachInput, ClubBreaches, OperatorPrivacy, PrivacyNotices,
    ProcessingRecord, SubProcessorInput,
};
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The club's record of processing (`privacy.manage`).
#[server(prefix = "/api", endpoint = "processing_record")]
pub async fn get_processing_record(club: String) -> Result<ProcessingRecord, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::breaches::processing_record(&c.services.db, &scope, c.now()).await
}

/// The club's breach register (`privacy.manage`).
#[server(prefix = "/api", endpoint = "club_breaches")]
pub async fn get_club_breaches(club: String) -> Result<ClubBreaches, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::breaches::club_breaches(&c.services.db, &scope, c.now()).await
}

/// The club records a breach (`privacy.manage`).
#[server(prefix = "/api", endpoint = "record_breach")]
pub async fn record_breach(#[server(flatten)] input: BreachInput) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let id =
        tessera_core::breaches::record_breach(&c.services.db, &scope, &c.actor, c.now(), &input)
            .await?;
    done(&format!(
        "/c/{}/privacy/breaches?done=recorded#breach-{id}",
        scope.tenant().slug
    ));
    Ok(())
}

/// The club records whether and when it notified the authority and the people concerned,
/// and whether the breach is resolved (`privacy.manage`).
#[server(prefix = "/api", endpoint = "breach_follow_up")]
pub async fn breach_follow_up(
    #[server(flatten)] input: BreachFollowUpInput,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    tessera_core::breaches::record_follow_up(&c.services.db, &scope, &c.actor, c.now(), &input)
        .await?;
    done(&format!(
        "/c/{}/privacy/breaches?done=saved#breach-{}",
        scope.tenant().slug,
        input.id
    ));
    Ok(())
}

/// An administrator acknowledges a breach the operator notified (`privacy.manage`).
#[server(prefix = "/api", endpoint = "acknowledge_breach")]
pub async fn acknowledge_breach(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = crate::api::parse_id(&id)?;
    tessera_core::breaches::acknowledge_breach(&c.services.db, &scope, &c.actor, c.now(), id)
        .await?;
    done(&format!(
        "/c/{}/privacy/breaches?done=acknowledged#breach-{id}",
        scope.tenant().slug
    ));
    Ok(())
}

/// The club objects to a change of the sub-processors, with a reason (`privacy.manage`).
#[server(prefix = "/api", endpoint = "object_subprocessor_change")]
pub async fn object_subprocessor_change(
    club: String,
    change: String,
    reason: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let change: i64 = crate::api::parse_id(&change)?;
    tessera_core::breaches::object_to_change(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        change,
        &reason,
    )
    .await?;
    done(&format!(
        "/c/{}/privacy?done=objected#change-{change}",
        scope.tenant().slug
    ));
    Ok(())
}

/// The notices of the club home for a viewer with `privacy.manage` (empty for others).
#[server(prefix = "/api", endpoint = "privacy_notices")]
pub async fn get_privacy_notices(club: String) -> Result<PrivacyNotices, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::breaches::privacy_notices(&c.services.db, &scope, c.now()).await
}

/// The operator's data-protection page (`platform.manage`).
#[server(prefix = "/api", endpoint = "operator_privacy")]
pub async fn get_operator_privacy() -> Result<OperatorPrivacy, AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    tessera_core::breaches::operator_privacy(&c.services.db, &scope, c.now()).await
}

/// The operator records an incident and the clubs it affects (`platform.manage`).
#[server(prefix = "/api", endpoint = "record_incident")]
pub async fn record_incident(#[server(flatten)] input: BreachInput) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    let id =
        tessera_core::breaches::record_incident(&c.services.db, &scope, &c.actor, c.now(), &input)
            .await?;
    done(&format!("/admin/privacy?done=incident#incident-{id}"));
    Ok(())
}

/// The operator notifies an affected club of an incident (`platform.manage`).
#[server(prefix = "/api", endpoint = "notify_incident_club")]
pub async fn notify_incident_club(incident: String, club: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    let incident: i64 = crate::api::parse_id(&incident)?;
    tessera_core::breaches::notify_club(
        &c.services.db,
        Some(&c.services.mailer),
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        incident,
        &club,
    )
    .await?;
    done(&format!("/admin/privacy?done=notified#incident-{incident}"));
    Ok(())
}

/// The operator adds or changes a sub-processor (`platform.manage`); every club is told.
#[server(prefix = "/api", endpoint = "save_subprocessor")]
pub async fn save_subprocessor(
    #[server(flatten)] input: SubProcessorInput,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    tessera_core::breaches::save_subprocessor(
        &c.services.db,
        Some(&c.services.mailer),
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        &input,
    )
    .await?;
    done("/admin/privacy?done=subprocessor#subprocessors");
    Ok(())
}

/// The operator removes a sub-processor (`platform.manage`); every club is told.
#[server(prefix = "/api", endpoint = "remove_subprocessor")]
pub async fn remove_subprocessor(id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    let id: i64 = crate::api::parse_id(&id)?;
    tessera_core::breaches::remove_subprocessor(
        &c.services.db,
        Some(&c.services.mailer),
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        id,
    )
    .await?;
    done("/admin/privacy?done=removed#subprocessors");
    Ok(())
}
