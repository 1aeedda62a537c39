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
