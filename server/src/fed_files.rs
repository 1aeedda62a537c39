//! A federation's file routes (xfer18): the CSV export of a search of its licensed people,
//! logged in each club like every other read (`tessera_core::fedreads::export_csv`).

use crate::auth::error_response;
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tessera_app::ssr::session_state;
use tessera_common::dto::TenantKind;
use tessera_common::{AppError, Msg};
use tessera_core::{fedreads, scope};
use tower_sessions::Session;

#[derive(Deserialize, Default)]
struct PeopleForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    club: String,
}

/// `POST /f/{federation}/people.csv`: the search's result as CSV (the shared fields only).
pub async fn export_people(
    State(state): State<AppState>,
    Path(federation): Path<String>,
    session: Session,
    headers: HeaderMap,
    body: String,
) -> Response {
    let result = async {
        let s = &state.services;
        let st = session_state(s, &session).await?;
        let scope = scope::resolve(
            &s.db,
            &st.actor,
            TenantKind::Federation,
            &federation,
            s.now(),
        )
        .await?;
        scope.terms_accepted()?;
        let form: PeopleForm = serde_qs::Config::new(2, false)
            .deserialize_str(&body)
            .map_err(|_| AppError::bad_request(Msg::FedReadQueryTooLong))?;
        let query = fedreads::PeopleQuery {
            q: form.q,
            club: form.club,
            page: 1,
        };
        fedreads::export_csv(&s.db, &scope, &query, s.now()).await
    }
    .await;
    match result {
        Ok((name, text)) => {
            let mut res = (StatusCode::OK, text).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
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
