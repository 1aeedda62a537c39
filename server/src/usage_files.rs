//! `POST /admin/usage.csv`: the operator's monthly usage history as CSV (issue 18); the
//! download is recorded in the operator's event log.

use crate::auth::error_response;
use crate::router::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tessera_app::ssr::session_state;
use tower_sessions::Session;

pub async fn usage_csv(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let s = &state.services;
        let actor = session_state(s, &session).await?.actor;
        let scope = tessera_core::scope::resolve_operator(&s.db, &actor, s.now()).await?;
        tessera_core::usage::csv(&s.db, &scope, &actor, s.now()).await
    }
    .await;
    match result {
        Ok(text) => {
            let mut res = (StatusCode::OK, text).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"usage.csv\""),
            );
            res
        }
        Err(e) => error_response(&headers, e),
    }
}
