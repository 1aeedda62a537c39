//! `GET /c/{club}/invoices/{id}/pdf` (inv20): an invoice's or credit note's PDF, for the
//! treasurer (`fees.manage`) or the person whose page lists it (the payer, the member, a
//! guardian of the member); anyone else gets 404, as for another club's invoice.

use crate::auth::error_response;
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tessera_app::ssr::session_state;
use tessera_common::dto::TenantKind;
use tessera_common::AppError;
use tessera_core::{invoices, scope};
use tower_sessions::Session;

pub async fn download(
    State(state): State<AppState>,
    Path((club, id)): Path<(String, String)>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let s = &state.services;
        let st = session_state(s, &session).await?;
        let scope = scope::resolve(&s.db, &st.actor, TenantKind::Club, &club, s.now()).await?;
        let id: i64 = id.trim().parse().map_err(|_| AppError::NotFound)?;
        invoices::pdf(&s.db, &scope, id).await
    }
    .await;
    match result {
        Ok((name, data)) => {
            let mut res = (StatusCode::OK, data).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            );
            res
        }
        Err(e) => error_response(&headers, e),
    }
}
