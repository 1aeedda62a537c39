//! The My data download (issue 17): `POST /c/{club}/me/privacy/download` answers with a zip
//! of everything the club holds about the caller, or about their minor child (`child`),
//! produced at once and logged. A plain form post, so it works without JavaScript; POST,
//! as the export of the register is, because it is a logged act, not a page to prefetch.

use crate::auth::error_response;
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tessera_app::ssr::session_state;
use tessera_common::dto::TenantKind;
use tessera_common::{AppError, MemberId};
use tessera_core::{rights, scope};
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct DownloadForm {
    /// Empty for the caller's own data, a minor child's record id otherwise.
    #[serde(default)]
    child: String,
}

pub async fn download_my_data(
    State(state): State<AppState>,
    Path(club): Path<String>,
    session: Session,
    headers: HeaderMap,
    axum::extract::Form(form): axum::extract::Form<DownloadForm>,
) -> Response {
    let result = async {
        let s = &state.services;
        let actor = session_state(s, &session).await?.actor;
        if !actor.is_signed_in() {
            return Err(AppError::Unauthenticated);
        }
        let scope =
            scope::resolve_own_data(&s.db, &actor, TenantKind::Club, &club, s.now()).await?;
        let child = match form.child.trim() {
            "" => None,
            c => Some(MemberId(c.parse::<i64>().map_err(|_| AppError::NotFound)?)),
        };
        rights::my_data_zip(&s.db, &scope, &actor, s.now(), child).await
    }
    .await;
    match result {
        Ok((name, bytes)) => {
            let mut res = (StatusCode::OK, bytes).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/zip"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => error_response(&headers, e),
    }
}
