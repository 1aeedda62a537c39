//! Server functions of health-insurer certificates and season renewal (issue 20): the
//! caller's paid seasons (their own page, with the download forms; the PDF itself is a
//! route of the server, `server/src/renewal_files.rs`), the club's certificate settings
//! (`fees.manage`; the signature image is a multipart route of the server too).

use leptos::prelude::*;
use tessera_common::renewal::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::parse_version;
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The seasons the caller and their minor children paid, each with a certificate to
/// download (the caller's own data: works after their membership ended too).
#[server(prefix = "/api", endpoint = "my_certificates")]
pub async fn get_my_certificates(club: String) -> Result<Vec<PaidSeason>, AppError> {
    let c = ctx().await?;
    let scope = c.club_own_data(&club).await?;
    tessera_core::renewal::paid_seasons(&c.services.db, &scope, c.now()).await
}

/// The club's certificate settings (`fees.manage`).
#[server(prefix = "/api", endpoint = "certificate_settings")]
pub async fn get_certificate_settings(club: String) -> Result<CertificateSettings, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::renewal::settings(&c.services.db, &scope).await
}

/// Saves who signs the certificates (`fees.manage`).
#[server(prefix = "/api", endpoint = "save_certificate_officer")]
pub async fn save_certificate_officer(
    #[server(flatten)] input: CertificateOfficerForm,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let version = parse_version(&input.version)?;
    tessera_core::renewal::save_officer(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &input.officer_name,
        &input.officer_role,
        version,
    )
    .await?;
    done(&format!(
        "/c/{}/fees/certificates?done=officer",
        scope.tenant().slug
    ));
    Ok(())
}

/// The renewal page: the seasons and the renewals opened, with who renewed, who did not
/// answer and who left (`renewal.manage`).
#[server(prefix = "/api", endpoint = "renewal_overview")]
pub async fn get_renewal_overview(club: String) -> Result<RenewalOverview, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::renewal::overview(&c.services.db, &scope).await
}

/// Opens renewal into a season and mails the links (`renewal.manage`).
#[server(prefix = "/api", endpoint = "open_renewal")]
pub async fn open_renewal(#[server(flatten)] input: OpenRenewalForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let season = super::parse_id::<i64>(&input.season)
        .map_err(|_| AppError::field("season", tessera_common::Msg::ErrRequired))?;
    let n = tessera_core::renewal::open(
        &c.services.db,
        &c.services.mailer,
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        &tessera_core::renewal::OpenRenewal {
            season,
            ends_on: input.ends_on,
            membership_type: input.membership_type,
        },
    )
    .await?;
    done(&format!("/c/{}/fees/renewal?done={n}", scope.tenant().slug));
    Ok(())
}

/// What the holder of a renewal link sees (public: the link's token is the key).
#[server(prefix = "/api", endpoint = "renewal_invitation")]
pub async fn get_renewal_invitation(
    club: String,
    token: String,
) -> Result<RenewalInvitation, AppError> {
    let c = ctx().await?;
    let scope = tessera_core::scope::resolve_public(&c.services.db, &club, c.now()).await?;
    tessera_core::renewal::invitation(&c.services.db, &scope, c.now(), &token).await
}

/// Renews (with the consents ticked) or leaves, through a renewal link (public). A plain
/// form post: works without JavaScript.
#[server(prefix = "/api", endpoint = "answer_renewal")]
pub async fn answer_renewal(#[server(flatten)] input: RenewalAnswerForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = tessera_core::scope::resolve_public(&c.services.db, &input.club, c.now()).await?;
    let renew = match input.decision.as_str() {
        "renew" => true,
        "leave" => false,
        _ => return Err(AppError::bad_request(tessera_common::Msg::ErrRenewalLink)),
    };
    let agreed: Vec<i64> = input
        .purposes
        .iter()
        .take(100)
        .filter_map(|p| p.trim().parse().ok())
        .collect();
    tessera_core::renewal::answer(
        &c.services.db,
        &scope,
        c.now(),
        &input.token,
        renew,
        &agreed,
    )
    .await?;
    done(&format!(
        "/c/{}/renew/{}?answered={}",
        scope.tenant().slug,
        input.token,
        if renew { "renewed" } else { "left" }
    ));
    Ok(())
}
