//! `GET /c/{club}/invoices/{id}/pdf` (inv20): an invoice's or credit note's PDF, for the
//! treasurer (`fees.manage`) or the person whose page lists it (the payer, the member, a
//! guardian of the member); anyone else gets 404, as for another club's invoice.
//!
//! `POST /c/{club}/fees/report.xlsx` (rep20, form field `season`): the season report as
//! XLSX (`fees.view`), recorded in the export register. POST, because an export is an act
//! that is recorded, not a page to prefetch.

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

/// The season's fee report as XLSX (`fees.view`), recorded in the export register; the
/// column names in the reader's language.
pub async fn report_xlsx(
    State(state): State<AppState>,
    Path(club): Path<String>,
    session: Session,
    headers: HeaderMap,
    body: String,
) -> Response {
    #[derive(serde::Deserialize)]
    struct Form {
        #[serde(default)]
        season: String,
    }
    let result = async {
        let s = &state.services;
        let st = session_state(s, &session).await?;
        let scope = scope::resolve(&s.db, &st.actor, TenantKind::Club, &club, s.now()).await?;
        let form: Form = serde_qs::Config::new(1, false)
            .deserialize_str(&body)
            .map_err(|_| AppError::NotFound)?;
        let season: i64 = form.season.trim().parse().map_err(|_| AppError::NotFound)?;
        let lang = crate::security::lang_from_headers(&headers);
        invoices::report_xlsx(&s.db, &scope, &st.actor, s.now(), season, lang).await
    }
    .await;
    match result {
        Ok(file) => {
            let mut res = (StatusCode::OK, file.bytes).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
            );
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.name))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            if let Ok(v) = HeaderValue::from_str(&file.sha256) {
                h.insert("x-export-sha256", v);
            }
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Err(e) => error_response(&headers, e),
    }
}
