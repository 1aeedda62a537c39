//! The router: pages, server functions, forms, health check and static files, wrapped in
//! the session layer and the security layers.

use crate::config::Config;
use crate::{auth, club_files, delivery, security};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRef, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::{ListenerExt, TapIo};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use std::sync::Arc;
use std::time::Duration as StdDuration;
use tessera_app::ssr::RequestCache;
use tessera_app::{shell, App};
use tessera_common::dto::TenantKind;
use tessera_common::Lang;
use tessera_core::session_store::Sessions;
use tessera_core::{tenants, Services};
use tokio::net::{TcpListener, TcpStream};
use tower_http::limit::RequestBodyLimitLayer;
use tower_sessions::cookie::time::Duration;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub config: Arc<Config>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}

/// The Leptos options of the site at `config.site_root`. When cargo-leptos wrote a hash file
/// there (`hash-files = true`), the hydration scripts name the hashed JS and wasm files; it
/// is given as an absolute path, which Leptos uses as it is (a relative one it looks for
/// beside the running program).
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let hash_file = delivery::hash_file(&config.site_root);
    LeptosOptions::builder()
        .output_name("tessera")
        .site_root(config.site_root.clone())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .hash_files(hash_file.is_some())
        .hash_file(
            hash_file
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_else(|| "hash.txt".into())
                .into(),
        )
        .build()
}

/// The name of the session cookie.
pub fn session_cookie(https: bool) -> &'static str {
    if https {
        "__Host-tessera"
    } else {
        "tessera_session"
    }
}

/// The page language: the visitor's choice (cookie), then the default of the club or
/// federation in the path, then `Accept-Language`, then English. The tenant's default is
/// used for someone signed in and on the public registration forms only: for anyone else
/// the page in the club's language would tell that a club of that name exists.
async fn page_lang(
    services: &Services,
    headers: &HeaderMap,
    path: &str,
    session: Option<&tower_sessions::Session>,
) -> Lang {
    if let Some(l) = auth::lang_cookie(headers) {
        return l;
    }
    let mut segments = path.split('/').skip(1);
    let tenant = match (segments.next(), segments.next()) {
        (Some("c"), Some(slug)) => Some((TenantKind::Club, slug)),
        (Some("f"), Some(slug)) => Some((TenantKind::Federation, slug)),
        _ => None,
    };
    if let Some((kind, slug)) = tenant {
        let public = kind == TenantKind::Club && segments.next() == Some("join");
        let signed_in = match session {
            Some(s) => matches!(
                s.get::<i64>(tessera_app::ssr::SESSION_IDENTITY).await,
                Ok(Some(_))
            ),
            None => false,
        };
        if public || signed_in {
            if let Ok(Some(l)) = tenants::default_lang(&services.db, kind, slug).await {
                return l;
            }
        }
    }
    security::lang_from_headers(headers)
}

/// Renders a page. All pages render asynchronously (every resource resolved before the
/// first byte), so they work without JavaScript and carry their real HTTP status.
///
/// Each page gets a fresh script nonce: every script Leptos writes carries it, and the
/// page's Content-Security-Policy (`security::security_headers`, told through the
/// response's extensions) allows no other inline script.
pub(crate) async fn render_page(State(state): State<AppState>, req: Request) -> Response {
    let headers = req.headers().clone();
    let path = req.uri().path().to_string();
    let session = req.extensions().get::<tower_sessions::Session>().cloned();
    let lang = page_lang(&state.services, &headers, &path, session.as_ref()).await;
    let services = state.services.clone();
    let options = state.leptos_options.clone();
    let cache = RequestCache::default();
    let nonce = leptos::nonce::Nonce::new();
    let page_nonce = nonce.clone();
    let stylesheet = tessera_app::Stylesheet(delivery::stylesheet());
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(services.clone());
            provide_context(cache.clone());
            provide_context(lang);
            // After leptos_axum's own nonce: this one replaces it.
            provide_context(page_nonce.clone());
            provide_context(stylesheet);
        },
        move || shell(options.clone()),
    );
    let policy = delivery::page_cache(
        &path,
        delivery::has_cookie(&headers, session_cookie(state.config.https)),
    );
    let (mut parts, body) = handler(req).await.into_response().into_parts();
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    parts
        .extensions
        .insert(delivery::ScriptNonce(nonce.to_string()));
    // The page is whole before its first byte goes out (`render_app_async`): sent with its
    // length in one write rather than as a stream (a chunk, then the end of the stream in
    // a write and a packet of its own).
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(page) => Response::from_parts(parts, Body::from(page)),
        Err(e) => {
            tracing::error!(error = %e, path, "a page could not be rendered");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    let services = state.services.clone();
    let cache = RequestCache::default();
    handle_server_fns_with_context(
        move || {
            provide_context(services.clone());
            provide_context(cache.clone());
        },
        req,
    )
    .await
}

/// `/healthz`: 200 when a write transaction could be made within a second (`Db::health`),
/// 503 otherwise: a server whose writes are stuck is not healthy, whatever its reads do.
async fn healthz(State(state): State<AppState>) -> Response {
    let s = &state.services;
    match s.db.health(s.now(), StdDuration::from_secs(1)).await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: no write could be made");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// The most requests handled at once by one process (see [`detached`]); the benchmarks run
/// 8 connections, a page takes a few milliseconds, and the database pool has a few
/// connections: more at once would only wait for them.
pub const MAX_DETACHED: usize = 128;

/// Runs the rest of the request (the session layer, the handler, the session's save) in a
/// task of its own and waits for it. A client that hangs up makes hyper drop the request's
/// future; without this, the handler was dropped wherever it was, mid-transaction included
/// (see `db::outside_transaction`), and a changed session went unsaved. Now only the waiting
/// is dropped: the task runs to its end, and its writes are whole or not at all. A panic in
/// the task is a 500 (with a reference in the log), not a dropped connection. Costs a task
/// per request, no database work.
///
/// At most [`MAX_DETACHED`] such tasks run at once: a request beyond them waits for one to
/// end while its client is still there (a client that hangs up while waiting costs
/// nothing). Otherwise a client could send requests and hang up at once, faster than they
/// are handled, and pile up work without holding a connection.
async fn detached(
    State(gate): State<Arc<tokio::sync::Semaphore>>,
    req: Request,
    next: axum::middleware::Next,
) -> Response {
    let Ok(permit) = gate.acquire_owned().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let task = async move {
        let res = next.run(req).await;
        drop(permit);
        res
    };
    match tokio::spawn(task).await {
        Ok(res) => res,
        Err(e) => {
            // Logged under a short reference, as every internal error is.
            let _ = tessera_core::error::internal(format!(
                "{method} {path}: the request's handler failed: {e}"
            ));
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The connections the app is served on, each with Nagle's algorithm off: a response that
/// goes out in more than one write (a streamed body: a file, an export) would otherwise have
/// its later writes wait for the client's acknowledgement of the first, which a client
/// delaying its acknowledgements sends after up to 40 ms (a page sent as a stream had a p99
/// of 47 ms at 8 connections with the algorithm on, 9 ms with it off).
pub fn without_delay(listener: TcpListener) -> TapIo<TcpListener, fn(&mut TcpStream)> {
    fn no_delay(stream: &mut TcpStream) {
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot turn Nagle's algorithm off on a connection");
        }
    }
    listener.tap_io(no_delay as fn(&mut TcpStream))
}

/// The body limit of the member import upload: the import's own, plus room for the form
/// around it.
pub const IMPORT_BODY_LIMIT: usize = tessera_core::import::MAX_FILE_BYTES + 64 * 1024;

/// The largest request body the route at `path` accepts.
pub fn body_limit(config: &Config, path: &str) -> usize {
    let mut parts = path.trim_end_matches('/').split('/').skip(1);
    match (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) {
        (Some("c"), Some(_), Some("members"), Some("import"), None) => IMPORT_BODY_LIMIT,
        // a member's document upload.
        (Some("c"), Some(_), Some("members"), Some(_), Some("documents")) => {
            crate::document_files::DOCUMENT_BODY_LIMIT
        }
        // reconcile: a bank statement.
        (Some("c"), Some(_), Some("fees"), Some("bank"), Some("import")) => {
            crate::statement_files::STATEMENT_BODY_LIMIT
        }
        // renewal: the certificate signature image.
        (Some("c"), Some(_), Some("fees"), Some("certificates"), Some("signature")) => {
            crate::renewal_files::SIGNATURE_BODY_LIMIT
        }
        _ => config.max_body_bytes,
    }
}

/// Builds the whole application.
pub fn build_router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let config = state.config.clone();
    let pkg_dir = format!("{}/pkg", config.site_root);
    let static_files = delivery::static_files(pkg_dir);
    delivery::set_stylesheet(delivery::stylesheet_href(&config.site_root, "tessera"));
    let app = Router::new()
        .route("/api/{*fn_name}", post(server_fn))
        .route("/login", post(auth::login))
        .route("/login/verify", post(auth::verify))
        .route("/login/forgot", post(auth::forgot))
        .route("/login/reset", post(auth::reset))
        .route("/invite", post(auth::accept_invite))
        .route("/account/email", post(auth::change_email))
        .route("/account/email/confirm", post(auth::confirm_email))
        .route("/account/two-factor", post(auth::confirm_two_factor))
        .route("/account/two-factor/remove", post(auth::remove_two_factor))
        .route("/account/password", post(auth::change_password))
        .route("/account/sessions/revoke", post(auth::revoke))
        .route("/account/recovery-codes", post(auth::regenerate_codes))
        .route(
            "/c/{club}/members/{member}/reset-factor",
            post(auth::reset_member_factor),
        )
        .route("/c/{club}/logo", get(club_files::logo))
        // activities
        .route(
            "/c/{club}/calendar/feed/{token}",
            get(club_files::calendar_feed),
        )
        .route(
            "/c/{club}/settings/look/logo",
            post(club_files::upload_logo),
        )
        .route("/c/{club}/exports/{file}", post(club_files::export_members))
        // xfer18: a federation's export of its licensed people
        .route(
            "/f/{federation}/people.csv",
            post(crate::fed_files::export_people),
        )
        // dash18: the dashboard's tables as CSV
        .route(
            "/f/{federation}/dashboard.csv",
            post(crate::fed_files::export_dashboard),
        )
        // templates (usage)
        .route("/admin/usage.csv", post(crate::usage_files::usage_csv))
        .route(
            "/c/{club}/me/privacy/download",
            post(crate::rights_files::download_my_data),
        )
        // renewal: a health-insurer certificate.
        .route(
            "/c/{club}/me/certificate",
            post(crate::renewal_files::download_certificate),
        )
        .route(
            "/c/{club}/privacy/bundle.zip",
            post(club_files::export_bundle),
        )
        // invoices: an invoice's PDF
        .route(
            "/c/{club}/invoices/{id}/pdf",
            get(crate::invoice_files::download),
        )
        // rep20: the season's fee report as XLSX
        .route(
            "/c/{club}/fees/report.xlsx",
            post(crate::invoice_files::report_xlsx),
        )
        // a document's file
        .route(
            "/c/{club}/documents/file/{id}",
            get(crate::document_files::download),
        )
        // the one-click unsubscribe (RFC 8058), without a session.
        .route(
            "/unsubscribe/{token}",
            get(crate::unsubscribe::ask).post(crate::unsubscribe::confirm),
        )
        .route("/logout", post(auth::logout))
        .route("/lang", post(auth::set_lang))
        .route("/healthz", get(healthz))
        .route("/favicon.svg", get(favicon))
        .leptos_routes_with_handler(routes, get(render_page))
        .merge(static_files)
        .fallback(render_page)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes));
    // A member import file may be larger than anything else: its route has its own limit
    // (the import's own, plus room for the form around it).
    let import_limit = IMPORT_BODY_LIMIT;
    let uploads = Router::new()
        .route("/c/{club}/members/import", post(club_files::upload_import))
        .layer(DefaultBodyLimit::max(import_limit))
        .layer(RequestBodyLimitLayer::new(import_limit));
    // a member's document has a limit of its own too.
    let document_limit = crate::document_files::DOCUMENT_BODY_LIMIT;
    let uploads = uploads.merge(
        Router::new()
            .route(
                "/c/{club}/members/{member}/documents",
                post(crate::document_files::upload),
            )
            .layer(DefaultBodyLimit::max(document_limit))
            .layer(RequestBodyLimitLayer::new(document_limit)),
    );
    // reconcile: a bank statement has a limit of its own.
    let statement_limit = crate::statement_files::STATEMENT_BODY_LIMIT;
    let uploads = uploads.merge(
        Router::new()
            .route(
                "/c/{club}/fees/bank/import",
                post(crate::statement_files::upload),
            )
            .layer(DefaultBodyLimit::max(statement_limit))
            .layer(RequestBodyLimitLayer::new(statement_limit)),
    );
    // renewal: the certificate signature image has a limit of its own.
    let signature_limit = crate::renewal_files::SIGNATURE_BODY_LIMIT;
    let uploads = uploads.merge(
        Router::new()
            .route(
                "/c/{club}/fees/certificates/signature",
                post(crate::renewal_files::upload_signature),
            )
            .layer(DefaultBodyLimit::max(signature_limit))
            .layer(RequestBodyLimitLayer::new(signature_limit)),
    );
    let app = app
        .merge(uploads)
        .layer(from_fn(security::api_error_status))
        .layer(session_layer(&state))
        .layer(from_fn_with_state(
            Arc::new(tokio::sync::Semaphore::new(MAX_DETACHED)),
            detached,
        ))
        .layer(from_fn_with_state(state.clone(), security::csrf_guard))
        .layer(from_fn_with_state(state.clone(), security::readable_errors))
        .layer(from_fn_with_state(state.clone(), security::signed_messages))
        .layer(from_fn(security::path_guard))
        .layer(from_fn(security::request_limits))
        .layer(from_fn_with_state(
            state.clone(),
            security::security_headers,
        ))
        // Outermost: every response, error pages included, goes out compressed.
        .layer(delivery::compression());
    app.with_state(state)
}

async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#1f4e79\"/><path d=\"M8 9h16v4h-6v12h-4V13H8z\" fill=\"#fff\"/></svg>",
    )
        .into_response()
}

fn session_layer(state: &AppState) -> SessionManagerLayer<Sessions> {
    let https = state.config.https;
    let name = session_cookie(https);
    // The store keeps a session at most as long as a sign-in may last; the idle and
    // absolute timeouts themselves are checked on every request (`ssr::session_state`).
    let expiry = Expiry::OnInactivity(Duration::seconds(state.services.sessions.absolute_secs));
    SessionManagerLayer::new(state.services.db.sessions())
        .with_name(name)
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(expiry)
}

/// Deletes expired sessions every hour.
pub fn spawn_session_cleanup(services: &Services) {
    use tower_sessions::ExpiredDeletion;
    let store = services.db.sessions();
    tokio::spawn(store.continuously_delete_expired(StdDuration::from_secs(3600)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use tower::ServiceExt;

    async fn panics() -> &'static str {
        panic!("a handler's bug")
    }

    #[tokio::test]
    async fn a_request_runs_to_its_end_when_dropped_and_a_panic_is_a_500() {
        let (done, finished) = tokio::sync::oneshot::channel::<()>();
        let done = Arc::new(Mutex::new(Some(done)));
        let app = Router::new()
            .route("/panic", get(panics))
            .route(
                "/slow",
                get(move || {
                    let done = done.clone();
                    async move {
                        tokio::time::sleep(StdDuration::from_millis(100)).await;
                        if let Some(d) = done.lock().unwrap().take() {
                            let _ = d.send(());
                        }
                        "ok"
                    }
                }),
            )
            .layer(from_fn_with_state(
                Arc::new(tokio::sync::Semaphore::new(MAX_DETACHED)),
                detached,
            ));
        let r = app
            .clone()
            .oneshot(Request::get("/panic").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        // The client hangs up after 10 ms: the request's future is dropped, the handler is not.
        let dropped = tokio::time::timeout(
            StdDuration::from_millis(10),
            app.oneshot(Request::get("/slow").body(Body::empty()).unwrap()),
        )
        .await;
        assert!(
            dropped.is_err(),
            "the request was dropped before its answer"
        );
        tokio::time::timeout(StdDuration::from_secs(10), finished)
            .await
            .expect("the handler ran to its end")
            .unwrap();
    }
}
