//! A federation's file routes (xfer18): the CSV export of a search of its licensed people,
//! logged in each club like every other read (`tessera_core::fedreads::export_csv`); the
//! dashboard's tables as CSV (dash18), counts only, logged in the federation's own log
//! (`tessera_core::fedstats::csv`).

use crate::auth::error_response;
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tessera_app::ssr::session_state;
use tessera_common::dto::TenantKind;
use tessera_common::{AppError, Msg};
use tessera_core::scope::{Actor, TenantScope};
use tessera_core::{fedreads, fedstats, scope};
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
        let (scope, _, form): (_, _, PeopleForm) = federation_request(
            &state,
            &session,
            &federation,
            &body,
            AppError::bad_request(Msg::FedReadQueryTooLong),
        )
        .await?;
        let query = fedreads::PeopleQuery {
            q: form.q,
            club: form.club,
            page: 1,
        };
        let s = &state.services;
        fedreads::export_csv(&s.db, &scope, &query, s.now()).await
    }
    .await;
    csv_response(&headers, result)
}

#[derive(Deserialize, Default)]
struct DashboardForm {
    #[serde(default)]
    table: String,
    #[serde(default)]
    season: String,
}

/// `POST /f/{federation}/dashboard.csv`: one table of the dashboard (`table`: clubs,
/// licences, ages, genders, growth; `season` for the licences) as CSV.
pub async fn export_dashboard(
    State(state): State<AppState>,
    Path(federation): Path<String>,
    session: Session,
    headers: HeaderMap,
    body: String,
) -> Response {
    let result = async {
        let (scope, actor, form): (_, _, DashboardForm) =
            federation_request(&state, &session, &federation, &body, AppError::NotFound).await?;
        let s = &state.services;
        fedstats::csv(&s.db, &scope, &actor, &form.table, &form.season, s.now()).await
    }
    .await;
    csv_response(&headers, result)
}

/// The signed-in federation staff's scope (the platform's terms accepted), who they are,
/// and the posted form (`bad_form` when it does not parse).
async fn federation_request<F: serde::de::DeserializeOwned>(
    state: &AppState,
    session: &Session,
    federation: &str,
    body: &str,
    bad_form: AppError,
) -> Result<(TenantScope, Actor, F), AppError> {
    let s = &state.services;
    let st = session_state(s, session).await?;
    let scope = scope::resolve(
        &s.db,
        &st.actor,
        TenantKind::Federation,
        federation,
        s.now(),
    )
    .await?;
    scope.terms_accepted()?;
    let form = serde_qs::Config::new(2, false)
        .deserialize_str(body)
        .map_err(|_| bad_form)?;
    Ok((scope, st.actor, form))
}

fn csv_response(headers: &HeaderMap, result: Result<(String, String), AppError>) -> Response {
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
        Err(e) => error_response(headers, e),
    }
}
