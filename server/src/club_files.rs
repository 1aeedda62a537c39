//! File uploads and downloads of a club, which are not server functions: the logo (upload
//! with its own size limit, and serving it with the right type and cache headers) and the
//! member register export (a CSV download, recorded in the event log).

use crate::auth::error_response;
use crate::router::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_app::components::urlencode;
use tessera_app::ssr::session_state;
use tessera_common::dto::{MemberStatus, TenantKind};
use tessera_common::{AppError, Msg, Problem};
use tessera_core::{exports, logo, scope, tenants};
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct LogoQuery {
    #[serde(default)]
    v: String,
}

/// `GET /c/{club}/logo`: the club's logo, public like its name. With the version in the
/// address (`?v=` the start of its hash, as the pages link it) it is cached for a year; an
/// SVG is served under a policy that runs nothing, on top of the checks at upload.
pub async fn logo(
    State(state): State<AppState>,
    Path(club): Path<String>,
    Query(q): Query<LogoQuery>,
    headers: HeaderMap,
) -> Response {
    let found = match tenants::logo(&state.services.db, TenantKind::Club, &club).await {
        Ok(found) => found,
        Err(e) => return error_response(&headers, e),
    };
    let Some(l) = found else {
        return error_response(&headers, AppError::NotFound);
    };
    let etag = format!("\"{}\"", l.hash);
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let cache = if !q.v.is_empty() && l.hash.starts_with(&q.v) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    let mut res = (StatusCode::OK, l.data).into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&l.content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline; filename=\"logo\""),
    );
    res
}

/// The club scope of a signed-in request.
async fn club_scope(
    state: &AppState,
    session: &Session,
    club: &str,
) -> Result<scope::TenantScope, AppError> {
    let s = &state.services;
    let st = session_state(s, session).await?;
    scope::resolve(&s.db, &st.actor, TenantKind::Club, club, s.now()).await
}

/// Reads the file field `name` of a multipart form (its file name and bytes), refusing
/// more than `max` bytes without reading further (`too_large` says so) and a form without
/// it (`missing`).
pub(crate) async fn read_upload(
    mut form: Multipart,
    name: &str,
    max: usize,
    too_large: Problem,
    missing: Msg,
) -> Result<(String, Vec<u8>), AppError> {
    // A body over the route's limit (streamed, or without a length) ends the form with a
    // 413 error: that is the file being too large, said as such.
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::field(name, too_large.clone())
        } else {
            AppError::field(name, Msg::ErrUploadUnreadable)
        }
    };
    while let Some(mut field) = form.next_field().await.map_err(unreadable)? {
        if field.name() != Some(name) {
            continue;
        }
        let file_name = field.file_name().unwrap_or_default().to_string();
        let mut data = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if data.len() + chunk.len() > max {
                return Err(AppError::field(name, too_large.clone()));
            }
            data.extend_from_slice(&chunk);
        }
        return Ok((file_name, data));
    }
    Err(AppError::field(name, missing))
}

/// Where a refused upload goes: back to `page` with the reasons in `param` when the file
/// was refused; the error page otherwise.
pub(crate) fn upload_refused(
    headers: &HeaderMap,
    club: &str,
    page: &str,
    param: &str,
    e: AppError,
) -> Response {
    match e {
        e @ AppError::Invalid(_) if tenants::is_valid_slug(club) => Redirect::to(&format!(
            "/c/{club}/{page}?{param}={}",
            urlencode(&e.to_json())
        ))
        .into_response(),
        e => error_response(headers, e),
    }
}

/// `POST /c/{club}/settings/look/logo` (multipart, field `logo`): checks and stores the
/// club's logo (`settings.manage`). A refused file comes back to the settings page with
/// the reason.
pub async fn upload_logo(
    State(state): State<AppState>,
    Path(club): Path<String>,
    session: Session,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let result = async {
        let scope = club_scope(&state, &session, &club).await?;
        scope.require(tessera_common::modules::SETTINGS_MANAGE)?;
        scope.writable()?;
        let form = form.map_err(|_| AppError::field("logo", Msg::ErrLogoMultipart))?;
        let (_, data) = read_upload(
            form,
            "logo",
            logo::MAX_BYTES,
            Problem::new(Msg::ErrLogoLarger).arg("max", logo::MAX_BYTES / 1024),
            Msg::ErrLogoEmpty,
        )
        .await?;
        let checked = logo::check(data)?;
        let s = &state.services;
        let actor = session_state(s, &session).await?.actor;
        tenants::set_logo(&s.db, &scope, &actor, s.now(), checked).await?;
        Ok::<_, AppError>(scope.tenant().slug.clone())
    }
    .await;
    match result {
        Ok(slug) => Redirect::to(&format!("/c/{slug}/settings/look?done=logo")).into_response(),
        Err(e) => upload_refused(&headers, &club, "settings/look", "logo_error", e),
    }
}

#[derive(Deserialize, Default)]
pub struct ExportForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    consent: String,
    #[serde(default)]
    columns: Vec<String>,
}

/// At most this many columns named in one export request (more is not a form of ours).
const MAX_EXPORT_COLUMNS: usize = 200;

/// `POST /c/{club}/exports/members.{csv,xlsx,html}`: the member register with the columns
/// chosen (`exports.run`; sensitive columns `exports.sensitive`), as CSV, XLSX or a list to
/// print, recorded in the export register with its purpose (required). POST, because
/// running an export is an act that is recorded, not a page to prefetch.
pub async fn export_members(
    State(state): State<AppState>,
    Path((club, file)): Path<(String, String)>,
    session: Session,
    headers: HeaderMap,
    body: String,
) -> Response {
    let result = async {
        let format = match file.as_str() {
            "members.csv" => exports::ExportFormat::Csv,
            "members.xlsx" => exports::ExportFormat::Xlsx,
            "members.html" => exports::ExportFormat::Print,
            _ => return Err(AppError::NotFound),
        };
        let scope = club_scope(&state, &session, &club).await?;
        let form: ExportForm = serde_qs::Config::new(2, false)
            .deserialize_str(&body)
            .map_err(|_| AppError::bad_request(Msg::ErrExportColumn))?;
        if form.columns.len() > MAX_EXPORT_COLUMNS {
            return Err(AppError::field("columns", Msg::ErrExportColumn));
        }
        let status = match form.status.as_str() {
            "" => None,
            s => Some(
                MemberStatus::parse(s)
                    .ok_or_else(|| AppError::field("status", Msg::ErrChooseStatusOrAll))?,
            ),
        };
        let consent = match form.consent.trim() {
            "" => None,
            c => Some(
                c.parse::<i64>()
                    .map_err(|_| AppError::field("consent", Msg::ErrChoosePurpose))?,
            ),
        };
        let s = &state.services;
        let actor = session_state(s, &session).await?.actor;
        let req = exports::ExportRequest {
            format,
            purpose: form.purpose,
            columns: form.columns,
            status,
            consent,
            lang: crate::security::lang_from_headers(&headers),
        };
        exports::export_members(&s.db, &scope, &actor, s.now(), &req).await
    }
    .await;
    match result {
        Ok(file) => {
            let print = file.content_type.starts_with("text/html");
            let mut res = (StatusCode::OK, file.bytes).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(file.content_type),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            if !print {
                if let Ok(v) =
                    HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.name))
                {
                    h.insert(header::CONTENT_DISPOSITION, v);
                }
            }
            if let Ok(v) = HeaderValue::from_str(&file.sha256) {
                h.insert("x-export-sha256", v);
            }
            res
        }
        Err(e) => error_response(&headers, e),
    }
}

/// `POST /c/{club}/members/import` (multipart, field `file`): stores a member file to
/// import (`members.edit`) and opens its mapping page. A refused file comes back to the
/// upload page with the reason.
pub async fn upload_import(
    State(state): State<AppState>,
    Path(club): Path<String>,
    session: Session,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let result = async {
        let scope = club_scope(&state, &session, &club).await?;
        scope.require(tessera_common::modules::MEMBERS_EDIT)?;
        scope.writable()?;
        let form = form.map_err(|_| AppError::field("file", Msg::ErrFileMultipart))?;
        let max = tessera_core::import::MAX_FILE_BYTES;
        let (name, data) = read_upload(
            form,
            "file",
            max,
            Problem::new(Msg::ErrImportLarger).arg("max", max / 1024 / 1024),
            Msg::ErrChooseCsv,
        )
        .await?;
        let name = if name.is_empty() {
            "members.csv".to_string()
        } else {
            name
        };
        let s = &state.services;
        let actor = session_state(s, &session).await?.actor;
        let id = tessera_core::member_imports::upload(&s.db, &scope, &actor, s.now(), &name, data)
            .await?;
        Ok::<_, AppError>((scope.tenant().slug.clone(), id))
    }
    .await;
    match result {
        Ok((slug, id)) => Redirect::to(&format!("/c/{slug}/members/import/{id}")).into_response(),
        Err(e) => upload_refused(&headers, &club, "members/import", "file_error", e),
    }
}

/// `POST /c/{club}/privacy/bundle.zip`: every table of the club as JSON and CSV, the logo
/// and files, in one zip (the club's administrators only; also while the club is
/// read-only, which is when a club that leaves needs it). Logged in the club's event log.
/// POST, like every export: an act that is recorded, behind the cross-site check.
pub async fn export_bundle(
    State(state): State<AppState>,
    Path(club): Path<String>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let scope = club_scope(&state, &session, &club).await?;
        let s = &state.services;
        let actor = session_state(s, &session).await?.actor;
        tessera_core::retention::export_bundle(&s.db, &scope, &actor, s.now()).await
    }
    .await;
    match result {
        Ok(bundle) => {
            let mut res = (StatusCode::OK, bundle.bytes).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/zip"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            if let Ok(v) =
                HeaderValue::from_str(&format!("attachment; filename=\"{}\"", bundle.file_name))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => error_response(&headers, e),
    }
}

// activities
/// `GET /c/{club}/calendar/feed/{token}`: a private calendar feed (iCalendar), reached by its
/// unguessable token without a session (calendar apps have none). An unknown or revoked
/// token, or a club without the activities module, is 404.
pub async fn calendar_feed(
    State(state): State<AppState>,
    Path((club, token)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let s = &state.services;
    let now = s.now();
    let result = async {
        let scope = scope::resolve_public(&s.db, &club, now).await?;
        tessera_core::activities::feed_ics(&s.db, &scope, now, &token).await
    }
    .await;
    match result {
        Ok(ics) => {
            let mut res = (StatusCode::OK, ics).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            h.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline; filename=\"calendar.ics\""),
            );
            res
        }
        Err(e) => error_response(&headers, e),
    }
}
