//! The bank statement upload (reconcile), not a server function: a multipart POST with a
//! body limit of its own on its route (axum's default limit does not apply to a streamed
//! multipart body, and a 10,000-line CAMT.053 is larger than the default).

use crate::club_files::{club_scope, read_upload, upload_refused};
use crate::router::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use tessera_app::ssr::session_state;
use tessera_common::{AppError, Msg, Problem};
use tessera_core::reconcile;
use tower_sessions::Session;

/// The body limit of the statement upload route: the file's own limit plus room for the
/// form around it.
pub const STATEMENT_BODY_LIMIT: usize = reconcile::parse::MAX_BYTES + 64 * 1024;

/// `POST /c/{club}/fees/bank/import` (multipart, field `file`): imports a bank statement
/// (`fees.reconcile`) and shows it on the bank page; a refused file comes back to the bank
/// page with the reason, nothing stored.
pub async fn upload(
    State(state): State<AppState>,
    Path(club): Path<String>,
    session: Session,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let result = async {
        let scope = club_scope(&state, &session, &club).await?;
        scope.require(tessera_common::modules::FEES_RECONCILE)?;
        scope.writable()?;
        let form = form.map_err(|_| AppError::field("file", Msg::ErrFileMultipart))?;
        let max = reconcile::parse::MAX_BYTES;
        let (name, data) = read_upload(
            form,
            "file",
            max,
            Problem::new(Msg::BankErrTooLarge).arg("max", max / 1024 / 1024),
            Msg::BankErrEmpty,
        )
        .await?;
        let s = &state.services;
        let actor = session_state(s, &session).await?.actor;
        let out = reconcile::import_statement(&s.db, &scope, &actor, s.now(), &name, &data).await?;
        Ok::<_, AppError>((scope.tenant().slug.clone(), out))
    }
    .await;
    match result {
        Ok((slug, out)) => Redirect::to(&format!(
            "/c/{slug}/fees/bank?statement={}&done={}",
            out.statement_id,
            if out.already { "already" } else { "imported" }
        ))
        .into_response(),
        Err(e) => upload_refused(&headers, &club, "fees/bank", "file_error", e),
    }
}
