//! Server functions of affiliations (issue 18): the club's federations page
//! (`/c/{club}/federations`), the federation's clubs page (`/f/{federation}/clubs`) and the
//! operator's direct setting. Every change is a POST answered by a redirect, so the forms
//! work without JavaScript.

use leptos::prelude::*;
use tessera_common::affiliation::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::parse_id;
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The club's federations (`affiliations.manage`).
#[server(prefix = "/api", endpoint = "club_federations")]
pub async fn get_club_federations(club: String) -> Result<ClubFederations, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::affiliations::club_overview(&c.services.db, &scope).await
}

/// The club asks to join a federation (`affiliations.manage`).
#[server(prefix = "/api", endpoint = "ask_federation")]
pub async fn ask_federation(club: String, federation: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::affiliations::ask(
        &c.services.db,
        Some(&c.services.mailer),
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        &federation,
    )
    .await?;
    done(&format!("/c/{}/federations?done=1", scope.tenant().slug));
    Ok(())
}

/// The club answers a federation's invitation (`affiliations.manage`): `accept` is `yes`
/// or `no` (then with a reason).
#[server(prefix = "/api", endpoint = "answer_invitation")]
pub async fn answer_invitation(
    club: String,
    id: String,
    accept: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::affiliations::answer(
        &c.services.db,
        Some(&c.services.mailer),
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        parse_id(&id)?,
        accept == "yes",
        &reason,
    )
    .await?;
    done(&format!("/c/{}/federations?done=1", scope.tenant().slug));
    Ok(())
}

/// The club's admin accepts the proposed sharing terms at `version` (`affiliations.manage`).
#[server(prefix = "/api", endpoint = "accept_sharing_terms")]
pub async fn accept_sharing_terms(
    club: String,
    id: String,
    version: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let version: i64 = version
        .trim()
        .parse()
        .map_err(|_| AppError::bad_request(tessera_common::Msg::ErrVersionMissing))?;
    tessera_core::affiliations::accept_terms(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        parse_id(&id)?,
        version,
    )
    .await?;
    done(&format!("/c/{}/federations?done=1", scope.tenant().slug));
    Ok(())
}

/// The club leaves a federation, or withdraws its open request (`affiliations.manage`).
#[server(prefix = "/api", endpoint = "leave_federation")]
pub async fn leave_federation(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::affiliations::leave(
        &c.services.db,
        Some(&c.services.mailer),
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        parse_id(&id)?,
    )
    .await?;
    done(&format!("/c/{}/federations?done=1", scope.tenant().slug));
    Ok(())
}

/// The federation's affiliations, its own fields and the clubs it may invite
/// (`templates.manage`).
#[server(prefix = "/api", endpoint = "federation_affiliations")]
pub async fn get_federation_affiliations(
    federation: String,
) -> Result<FederationAffiliations, AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    tessera_core::affiliations::federation_overview(&c.services.db, &scope).await
}

/// The federation invites a club (`templates.manage`).
#[server(prefix = "/api", endpoint = "invite_club")]
pub async fn invite_club(federation: String, club: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    tessera_core::affiliations::invite(
        &c.services.db,
        Some(&c.services.mailer),
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        &club,
    )
    .await?;
    done(&format!("/f/{}/clubs?done=1", scope.tenant().slug));
    Ok(())
}

/// The federation answers a club's request (`templates.manage`).
#[server(prefix = "/api", endpoint = "answer_club_request")]
pub async fn answer_club_request(
    federation: String,
    id: String,
    accept: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    tessera_core::affiliations::answer(
        &c.services.db,
        Some(&c.services.mailer),
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        parse_id(&id)?,
        accept == "yes",
        &reason,
    )
    .await?;
    done(&format!("/f/{}/clubs?done=1", scope.tenant().slug));
    Ok(())
}

/// The federation proposes sharing terms (`templates.manage`).
#[server(prefix = "/api", endpoint = "propose_sharing_terms")]
pub async fn propose_sharing_terms(#[server(flatten)] input: TermsForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&input.federation).await?;
    tessera_core::affiliations::propose_terms(
        &c.services.db,
        Some(&c.services.mailer),
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        parse_id(&input.id)?,
        &input.fields,
    )
    .await?;
    done(&format!("/f/{}/clubs?done=1", scope.tenant().slug));
    Ok(())
}

/// The federation adds one of its own fields (`templates.manage`).
#[server(prefix = "/api", endpoint = "add_fed_field")]
pub async fn add_fed_field(#[server(flatten)] input: FedFieldForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&input.federation).await?;
    tessera_core::affiliations::add_field(&c.services.db, &scope, &c.actor, c.now(), &input)
        .await?;
    done(&format!("/f/{}/clubs?done=1#fields", scope.tenant().slug));
    Ok(())
}

/// The federation archives or restores one of its fields (`templates.manage`).
#[server(prefix = "/api", endpoint = "archive_fed_field")]
pub async fn archive_fed_field(
    federation: String,
    id: String,
    archived: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&federation).await?;
    tessera_core::affiliations::archive_field(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        parse_id(&id)?,
        archived == "yes",
    )
    .await?;
    done(&format!("/f/{}/clubs?done=1#fields", scope.tenant().slug));
    Ok(())
}

/// The operator sets (`active=yes`) or ends an affiliation directly (`platform.manage`).
#[server(prefix = "/api", endpoint = "set_affiliation")]
pub async fn set_affiliation(
    federation: String,
    club: String,
    active: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    tessera_core::affiliations::operator_set(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &federation,
        &club,
        active == "yes",
    )
    .await?;
    done("/admin?done=affiliation");
    Ok(())
}
