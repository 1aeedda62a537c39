//! Request hardening around the whole router: a readable page for low-level errors,
//! security headers on every response, the cross-site check on state-changing requests,
//! refusal of paths that are not UTF-8, and the status of server-function errors.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use server_fn_error::decode_app_error;
use tessera_common::{Lang, Msg};

use crate::router::AppState;

/// Escapes text for HTML.
pub use tessera_core::mail::escape_html as escape;

/// The language for pages rendered outside Leptos: the cookie, then `Accept-Language`.
pub fn lang_from_headers(headers: &HeaderMap) -> Lang {
    crate::auth::lang_cookie(headers)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// A small self-contained page for errors that happen before the app renders.
pub fn status_page(status: StatusCode, lang: Lang, title: Msg, text: Msg) -> Response {
    status_page_text(status, lang, title, text.text(lang))
}

/// [`status_page`] with a text already in `lang` (the text of an `AppError`).
pub fn status_page_text(status: StatusCode, lang: Lang, title: Msg, text: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Tessera</title><link rel=\"stylesheet\" href=\"/pkg/tessera.css\"></head>\
         <body><main id=\"content\" class=\"page\"><section class=\"error-view\" role=\"alert\" data-status=\"{status}\">\
         <h1>{title}</h1><p>{text}</p><p><a href=\"/\">{home}</a></p></section></main></body></html>",
        code = lang.code(),
        title = escape(title.text(lang)),
        text = escape(text),
        home = escape(Msg::GoHome.text(lang)),
        status = status.as_u16(),
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// Adds the security headers to every response.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
             object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        ),
    );
    h.insert(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if state.config.https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

fn is_safe_method(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The origin this request was addressed to, from its `Host` header.
fn expected_origin(headers: &HeaderMap, https: bool) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    Some(format!(
        "{}://{}",
        if https { "https" } else { "http" },
        host
    ))
}

/// Whether a state-changing request came from our own pages: `Sec-Fetch-Site` must say
/// same-origin, or else `Origin` must be ours. Neither header: refused (fail closed).
pub fn is_same_origin(headers: &HeaderMap, https: bool) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin";
    }
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        expected_origin(headers, https),
    ) {
        (Some(origin), Some(expected)) => origin == expected,
        _ => false,
    }
}

/// Refuses cross-site state-changing requests, whatever their body's encoding.
pub async fn csrf_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !is_safe_method(req.method()) && !is_same_origin(req.headers(), state.config.https) {
        let lang = lang_from_headers(req.headers());
        return status_page(
            StatusCode::FORBIDDEN,
            lang,
            Msg::CrossSiteTitle,
            Msg::CrossSiteText,
        );
    }
    next.run(req).await
}

/// Refuses paths whose percent-decoding is not UTF-8, before any router sees them.
pub async fn path_guard(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .is_err()
    {
        let lang = lang_from_headers(req.headers());
        return status_page(
            StatusCode::BAD_REQUEST,
            lang,
            Msg::BadRequestTitle,
            Msg::BadPathText,
        );
    }
    next.run(req).await
}

/// Gives a failed server function's response the status of its error. Server functions
/// answer every error with 500; the body is an encoded AppError, whose own status is the
/// right one (a request that could not be read is the caller's 400, not ours). Runs inside
/// the session layer, so the session is saved (and a rotated id sent) on refusals too.
pub async fn api_error_status(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = to_bytes(body, 64 * 1024).await.unwrap_or_default();
    if let Some(err) = decode_app_error(&bytes) {
        if let Ok(s) = StatusCode::from_u16(err.status()) {
            parts.status = s;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Replaces the bare text of low-level rejections (body too large, wrong method, unreadable
/// form) with a readable page.
pub async fn readable_errors(req: Request, next: Next) -> Response {
    let lang = lang_from_headers(req.headers());
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let status = res.status();
    if !status.is_client_error() && !status.is_server_error() {
        return res;
    }
    let content_type = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if content_type.starts_with("text/html")
        || content_type.starts_with("application/json")
        || is_api
    {
        return res;
    }
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            status_page(status, lang, Msg::TooLargeTitle, Msg::TooLargeText)
        }
        StatusCode::METHOD_NOT_ALLOWED => {
            status_page(status, lang, Msg::ErrorTitle, Msg::MethodNotAllowedText)
        }
        StatusCode::NOT_FOUND => status_page(status, lang, Msg::NotFoundTitle, Msg::NotFoundText),
        s if s.is_client_error() => {
            status_page(s, lang, Msg::BadRequestTitle, Msg::BadRequestTitle)
        }
        s => status_page(s, lang, Msg::ErrorTitle, Msg::ErrorTitle),
    }
}

mod server_fn_error {
    use server_fn::error::FromServerFnError;
    use tessera_common::AppError;

    /// Reads an `AppError` from a server function's error body, if it is one.
    pub fn decode_app_error(bytes: &[u8]) -> Option<AppError> {
        if bytes.is_empty() {
            return None;
        }
        let err = AppError::de(bytes::Bytes::copy_from_slice(bytes));
        Some(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_requests_are_refused_and_missing_headers_fail_closed() {
        assert!(is_same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            false
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            false
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            false
        ));
        assert!(is_same_origin(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://127.0.0.1:3000")
            ]),
            false
        ));
        assert!(!is_same_origin(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://evil.example")
            ]),
            false
        ));
        assert!(!is_same_origin(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://127.0.0.1:3000")
            ]),
            true
        ));
        assert!(!is_same_origin(
            &headers(&[("host", "127.0.0.1:3000")]),
            false
        ));
        assert!(!is_same_origin(&headers(&[]), false));
    }

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape("<script>\"x\"&'"),
            "&lt;script&gt;&quot;x&quot;&amp;&#39;"
        );
    }
}
