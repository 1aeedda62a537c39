//! Member documents' files, which are not server functions: the upload (multipart,
//! with a body limit of its own on its route: axum's default limit does not apply to a
//! streamed multipart body) and the download (`documents.view`, as an attachment of the
//! type its content was checked to be, never sniffed by the browser).

use crate::auth::error_response;
use crate::router::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use tessera_app::ssr::session_state;
use tessera_common::dto::TenantKind;
use tessera_common::{AppError, Msg, Problem};
use tessera_core::{documents, scope};
use tower_sessions::Session;

/// The body limit of the document upload route: the file's own limit plus room for the
/// form around it.
pub const DOCUMENT_BODY_LIMIT: usize = documents::MAX_BYTES + 64 * 1024;

/// Why an upload was refused: too large (413), or another refusal.
enum Refusal {
    TooLarge,
    Other(AppError),
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        Refusal::Other(e)
    }
}

fn too_large_problem() -> Problem {
    Problem::new(Msg::DocErrTooLarge).arg("max", (documents::MAX_BYTES / 1024 / 1024) as i64)
}

/// The fields of the upload form: `kind`, `expires_on` and the file `file` (its name and
/// bytes, refused past [`documents::MAX_BYTES`] without reading further).
async fn read_form(mut form: Multipart) -> Result<(String, String, String, Vec<u8>), Refusal> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Refusal::TooLarge
        } else {
            Refusal::Other(AppError::field("file", Msg::ErrUploadUnreadable))
        }
    };
    let (mut kind, mut expires, mut name, mut data) = (String::new(), String::new(), None, None);
    while let Some(mut field) = form.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("kind") | Some("expires_on") => {
                let is_kind = field.name() == Some("kind");
                let mut buf = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                    if buf.len() + chunk.len() > 256 {
                        return Err(Refusal::Other(AppError::bad_request(
                            Msg::ErrRequestUnreadable,
                        )));
                    }
                    buf.extend_from_slice(&chunk);
                }
                let text = String::from_utf8_lossy(&buf).into_owned();
                if is_kind {
                    kind = text;
                } else {
                    expires = text;
                }
            }
            Some("file") => {
                let file_name = field.file_name().unwrap_or_default().to_string();
                let mut buf = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                    if buf.len() + chunk.len() > documents::MAX_BYTES {
                        return Err(Refusal::TooLarge);
                    }
                    buf.extend_from_slice(&chunk);
                }
                name = Some(file_name);
                data = Some(buf);
            }
            _ => {}
        }
    }
    match (name, data) {
        (Some(n), Some(d)) => Ok((kind, expires, n, d)),
        _ => Err(Refusal::Other(AppError::field("file", Msg::DocErrEmpty))),
    }
}

async fn club_scope(
    state: &AppState,
    session: &Session,
    club: &str,
) -> Result<(scope::TenantScope, scope::Actor), AppError> {
    let s = &state.services;
    let st = session_state(s, session).await?;
    let scope = scope::resolve(&s.db, &st.actor, TenantKind::Club, club, s.now()).await?;
    Ok((scope, st.actor))
}

/// `POST /c/{club}/members/{member}/documents` (multipart: `kind`, `expires_on`, `file`):
/// attaches a document to the member (`documents.manage`) and goes back to their page. A
/// file that is not what it claims or of another type is a 400, one over the limit a 413,
/// each with its reason.
pub async fn upload(
    State(state): State<AppState>,
    Path((club, member)): Path<(String, String)>,
    session: Session,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let result = async {
        let (scope, actor) = club_scope(&state, &session, &club).await?;
        scope.require(tessera_common::modules::DOCUMENTS_MANAGE)?;
        scope.writable()?;
        let member: i64 = member.trim().parse().map_err(|_| AppError::NotFound)?;
        let form = form.map_err(|_| AppError::field("file", Msg::DocErrMultipart))?;
        let (kind, expires_on, file_name, data) = read_form(form).await?;
        let kind: i64 = kind
            .trim()
            .parse()
            .map_err(|_| AppError::field("kind", Msg::DocErrChooseKind))?;
        let s = &state.services;
        documents::attach(
            &s.db,
            &scope,
            &actor,
            s.now(),
            documents::NewDocument {
                member: tessera_common::MemberId(member),
                kind,
                file_name,
                data,
                expires_on,
            },
        )
        .await?;
        Ok::<_, Refusal>((scope.tenant().slug.clone(), member))
    }
    .await;
    // A refusal of the file or the form comes back as the member's page, the reason in
    // the documents card next to the form, under the refusal's own status (no redirect:
    // the 4xx stays, and it works without JavaScript).
    let back = |status: StatusCode, e: AppError| {
        let member = member.trim().parse::<i64>().ok();
        let state = state.clone();
        let session = session.clone();
        let headers = headers.clone();
        let club = club.clone();
        async move {
            match member.filter(|_| tessera_core::tenants::is_valid_slug(&club)) {
                Some(m) => refused_page(state, session, &headers, &club, m, status, e).await,
                None => error_response(&headers, e),
            }
        }
    };
    match result {
        Ok((slug, member)) => {
            Redirect::to(&format!("/c/{slug}/members/{member}?done=document")).into_response()
        }
        Err(Refusal::TooLarge) => {
            back(
                StatusCode::PAYLOAD_TOO_LARGE,
                AppError::field("file", too_large_problem()),
            )
            .await
        }
        Err(Refusal::Other(AppError::Invalid(v)))
            if v.iter().any(|f| f.problem.msg == Msg::DocErrTooLarge) =>
        {
            back(StatusCode::PAYLOAD_TOO_LARGE, AppError::Invalid(v)).await
        }
        Err(Refusal::Other(e @ (AppError::Invalid(_) | AppError::BadRequest(_)))) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
            back(status, e).await
        }
        Err(Refusal::Other(e)) => error_response(&headers, e),
    }
}

/// The member's page rendered for a refused upload, with `file_error` naming the refusal
/// (read by the documents card), answered with `status`. The page is rendered here, not
/// redirected to, so no outside link can put words on it and the status is the refusal's.
async fn refused_page(
    state: AppState,
    session: Session,
    headers: &HeaderMap,
    club: &str,
    member: i64,
    status: StatusCode,
    e: AppError,
) -> Response {
    let uri = format!(
        "/c/{club}/members/{member}?file_error={}",
        tessera_app::components::urlencode(&e.to_json())
    );
    let mut req = match axum::http::Request::builder()
        .method("GET")
        .uri(&uri)
        .body(axum::body::Body::empty())
    {
        Ok(r) => r,
        Err(_) => return error_response(headers, e),
    };
    for (k, v) in headers {
        if *k != header::CONTENT_TYPE && *k != header::CONTENT_LENGTH {
            req.headers_mut().append(k.clone(), v.clone());
        }
    }
    req.extensions_mut().insert(session);
    let page = crate::router::render_page(State(state), req).await;
    let (mut parts, body) = page.into_parts();
    // The page's own refusal (the member is gone meanwhile) keeps its status.
    if parts.status.is_success() || parts.status.as_u16() == e.status() {
        parts.status = status;
    }
    Response::from_parts(parts, body)
}

/// `GET /c/{club}/documents/file/{id}`: a document's file (`documents.view`), as an
/// attachment with the type checked at upload, `nosniff`, a policy that runs nothing, and
/// not cached.
pub async fn download(
    State(state): State<AppState>,
    Path((club, id)): Path<(String, String)>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let (scope, actor) = club_scope(&state, &session, &club).await?;
        let id: i64 = id.trim().parse().map_err(|_| AppError::NotFound)?;
        let s = &state.services;
        documents::file(&s.db, &scope, &actor, s.now(), id).await
    }
    .await;
    match result {
        Ok(f) => {
            let name = documents::download_name(&f.file_name, &f.content_type);
            let mut res = (StatusCode::OK, f.data).into_response();
            let h = res.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&f.content_type) {
                h.insert(header::CONTENT_TYPE, v);
            }
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
