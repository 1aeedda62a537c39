//! Health-insurer certificates' files (issue 20), which are not server functions:
//! - `POST /c/{club}/me/certificate` (form: `season`, `child`): the certificate of a paid
//!   season of the caller or their minor child, as a PDF attachment; a plain form post, so
//!   it works without JavaScript, and POST because it is a logged act (the export
//!   register), not a page to prefetch.
//! - `POST /c/{club}/fees/certificates/signature` (multipart, field `signature`): the
//!   officer's signature image (`fees.manage`), with a body limit of its own on its route
//!   (a streamed multipart body ignores axum's default limit), checked by its bytes.

use crate::auth::error_response;
use crate::club_files::{read_upload, upload_refused};
use crate::router::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_app::ssr::session_state;
use tessera_common::dto::TenantKind;
use tessera_common::{AppError, MemberId, Msg, Problem};
use tessera_core::renewal::signature;
use tessera_core::{renewal, scope};
use tower_sessions::Session;

/// The body limit of the signature upload route: the image's own limit plus room for the
/// form around it.
pub const SIGNATURE_BODY_LIMIT: usize = signature::MAX_BYTES + 16 * 1024;

#[derive(Deserialize)]
pub struct CertificateForm {
    #[serde(default)]
    season: String,
    /// Empty for the caller's own record, a minor child's record id otherwise.
    #[serde(default)]
    child: String,
}

pub async fn download_certificate(
    State(state): State<AppState>,
    Path(club): Path<String>,
    session: Session,
    headers: HeaderMap,
    axum::extract::Form(form): axum::extract::Form<CertificateForm>,
) -> Response {
    let lang = crate::security::lang_from_headers(&headers);
    let result = async {
        let s = &state.services;
        let actor = session_state(s, &session).await?.actor;
        if !actor.is_signed_in() {
            return Err(AppError::Unauthenticated);
        }
        let scope =
            scope::resolve_own_data(&s.db, &actor, TenantKind::Club, &club, s.now()).await?;
        scope.terms_accepted()?;
        let season: i64 = form.season.trim().parse().map_err(|_| AppError::NotFound)?;
        let child = match form.child.trim() {
            "" => None,
            c => Some(MemberId(c.parse::<i64>().map_err(|_| AppError::NotFound)?)),
        };
        renewal::certificate_pdf(&s.db, &scope, &actor, s.now(), lang, child, season).await
    }
    .await;
    match result {
        Ok((name, bytes)) => {
            let mut res = (StatusCode::OK, bytes).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => error_response(&headers, e),
    }
}

pub async fn upload_signature(
    State(state): State<AppState>,
    Path(club): Path<String>,
    session: Session,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let result = async {
        let s = &state.services;
        let st = session_state(s, &session).await?;
        let scope = scope::resolve(&s.db, &st.actor, TenantKind::Club, &club, s.now()).await?;
        scope.require(tessera_common::modules::FEES_MANAGE)?;
        scope.writable()?;
        let form = form.map_err(|_| AppError::field("signature", Msg::CertErrMultipart))?;
        let (_, data) = read_upload(
            form,
            "signature",
            signature::MAX_BYTES,
            Problem::new(Msg::CertErrSignatureTooBig)
                .arg("max", (signature::MAX_BYTES / 1024) as i64),
            Msg::CertErrSignatureEmpty,
        )
        .await?;
        renewal::set_signature(&s.db, &scope, &st.actor, s.now(), data).await?;
        Ok::<_, AppError>(scope.tenant().slug.clone())
    }
    .await;
    match result {
        Ok(slug) => {
            Redirect::to(&format!("/c/{slug}/fees/certificates?done=signature")).into_response()
        }
        Err(e) => upload_refused(&headers, &club, "fees/certificates", "signature_error", e),
    }
}
