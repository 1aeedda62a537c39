//! Request hardening around the whole router: a readable page for low-level errors,
//! security headers on every response, the cross-site check on state-changing requests,
//! refusal of paths that are not UTF-8, the status of server-function errors, and the
//! signature of the messages our redirects put into a page's address.

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

/// [`status_page`] with a text already in `lang` (a limit named in it, the text of an
/// `AppError`).
pub fn status_page_text(status: StatusCode, lang: Lang, title: Msg, text: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Tessera</title><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"content\" class=\"page\"><section class=\"error-view\" role=\"alert\" data-status=\"{status}\">\
         <h1>{title}</h1><p>{text}</p><p><a href=\"/\">{home}</a></p></section></main></body></html>",
        code = lang.code(),
        title = escape(title.text(lang)),
        text = escape(text),
        home = escape(Msg::GoHome.text(lang)),
        status = status.as_u16(),
        css = crate::delivery::stylesheet(),
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// The Content-Security-Policy of a response: scripts from our own origin only, and inline
/// scripts only with the page's nonce (a page has one, `router::render_page`; other
/// responses allow no inline script at all). Styles may be inline (a club's colours are
/// style attributes).
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(n) => format!("'self' 'nonce-{n}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// Adds the security headers to every response. A response with a policy of its own (the
/// club logo's sandbox) keeps it.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let nonce = res
        .extensions()
        .get::<crate::delivery::ScriptNonce>()
        .map(|n| n.0.clone());
    let h = res.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(v) = HeaderValue::from_str(&content_security_policy(nonce.as_deref())) {
            h.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
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
    // a newsletter's one-click unsubscribe is posted by a mail client (RFC
    // 8058), never same-origin; its signed token is the only authority it carries, and
    // it does nothing but withdraw that one consent. This path alone is exempt.
    if req.method() == Method::POST && crate::unsubscribe::is_unsubscribe_path(req.uri().path()) {
        return next.run(req).await;
    }
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

/// The longest request target (path and query string) accepted, in bytes.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// The most request headers accepted…
pub const MAX_HEADERS: usize = 64;
/// …and the most bytes of them together (names and values).
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Refuses a request target longer than [`MAX_URI_BYTES`] (414) and headers over
/// [`MAX_HEADERS`] or [`MAX_HEADER_BYTES`] (431), with a page naming the limit, before
/// anything reads the query or the headers. (hyper's own limits, 100 headers and about
/// 400 KiB of request head, lie beyond these and refuse with a bare 431.)
pub async fn request_limits(req: Request, next: Next) -> Response {
    let uri_len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    let headers = req.headers();
    let header_bytes: usize = headers
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len())
        .sum();
    if uri_len <= MAX_URI_BYTES && headers.len() <= MAX_HEADERS && header_bytes <= MAX_HEADER_BYTES
    {
        return next.run(req).await;
    }
    let lang = lang_from_headers(headers);
    if uri_len > MAX_URI_BYTES {
        let text = Msg::LimitUriText.fill(lang, &[("max", &MAX_URI_BYTES.to_string())]);
        return status_page_text(StatusCode::URI_TOO_LONG, lang, Msg::LimitUriTitle, &text);
    }
    let text = Msg::LimitHeadersText.fill(
        lang,
        &[
            ("count", &MAX_HEADERS.to_string()),
            ("max", &(MAX_HEADER_BYTES / 1024).to_string()),
        ],
    );
    status_page_text(
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        lang,
        Msg::LimitHeadersTitle,
        &text,
    )
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

/// The query parameters whose text a page shows: the error a form post came back with
/// (`__err`, for the server function `__path`) and the messages of the auth and upload
/// handlers. Only our own redirects put them into an address.
const SIGNED: [&str; 6] = [
    "__path",
    "__err",
    "error_form",
    "error",
    "file_error",
    "logo_error",
];
/// Those of them that make a page show something.
const SHOWN: [&str; 4] = ["__err", "error", "file_error", "logo_error"];
/// The parameter that carries the signature.
const SIGNATURE: &str = "__sig";

/// Signs the messages our redirects put into an address, and refuses to render a page
/// with a message it did not sign: a link crafted elsewhere
/// (`/c/club/settings/roles?__path=…&__err=…`, `/account?error=…`) cannot put words on a
/// club's page. Such a request is redirected (303) to the same address without them, so
/// the browser's address (which the hydrated app reads again) holds no unsigned message
/// either. The key is made at start-up: a message outlives no restart.
pub async fn signed_messages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD) && !req.uri().path().starts_with("/api/")
    {
        if let Some(query) = req.uri().query() {
            let pairs = query_pairs(query);
            let shows = pairs.iter().any(|(k, _)| SHOWN.contains(&k.as_str()));
            let signature = pairs.iter().find(|(k, _)| k == SIGNATURE).map(|(_, v)| v);
            let genuine = match signature {
                Some(sig) if shows => match message_key(&state).await {
                    Some(key) => signature_holds(&key, &pairs, sig),
                    None => false,
                },
                _ => !shows,
            };
            if !genuine {
                let mut to = req.uri().path().to_string();
                let kept = without_messages(query);
                if !kept.is_empty() {
                    to.push('?');
                    to.push_str(&kept);
                }
                return (
                    StatusCode::SEE_OTHER,
                    [
                        (header::LOCATION, to),
                        (header::CACHE_CONTROL, "no-store".into()),
                    ],
                )
                    .into_response();
            }
        }
    }
    let mut res = next.run(req).await;
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| has_messages(l))
        .map(str::to_string);
    if let Some(location) = location {
        // Without the key (the database unreachable) the messages go out unsigned, and the
        // page they lead to drops them: fail closed.
        let signed = match message_key(&state).await {
            Some(key) => sign_location(&key, &location),
            None => None,
        };
        if let Some(v) = signed.and_then(|l| HeaderValue::from_str(&l).ok()) {
            res.headers_mut().insert(header::LOCATION, v);
        }
    }
    res
}

/// Whether `location` carries a message a page would show.
fn has_messages(location: &str) -> bool {
    location.split_once('?').is_some_and(|(_, q)| {
        query_pairs(q)
            .iter()
            .any(|(k, _)| SHOWN.contains(&k.as_str()))
    })
}

/// The key of the messages' signatures, shared by every app server (`platform_secrets`, so
/// a message signed by one is shown by another, and after a restart); `None` when it
/// cannot be read.
async fn message_key(state: &AppState) -> Option<Vec<u8>> {
    let s = &state.services;
    match tessera_core::secrets::get_or_create(&s.db, tessera_core::secrets::MESSAGE_KEY, s.now())
        .await
    {
        Ok(key) => Some(key),
        Err(e) => {
            tracing::warn!(error = %e, "the key of page messages cannot be read");
            None
        }
    }
}

/// Whether `sig` (hex) is the signature of the messages in `pairs`, compared in constant
/// time.
fn signature_holds(key: &[u8], pairs: &[(String, String)], sig: &str) -> bool {
    let bytes: Option<Vec<u8>> = (sig.len() == 2 * SIGNATURE_BYTES && sig.is_ascii())
        .then(|| {
            (0..sig.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&sig[i..i + 2], 16).ok())
                .collect()
        })
        .flatten();
    match (bytes, message_mac(key, pairs)) {
        (Some(b), Some(mac)) => hmac::Mac::verify_truncated_left(mac, &b).is_ok(),
        _ => false,
    }
}

/// `location` with the signature of its messages under `key`, if it has any.
fn sign_location(key: &[u8], location: &str) -> Option<String> {
    let (base, query) = location.split_once('?')?;
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let pairs = query_pairs(query);
    if !pairs.iter().any(|(k, _)| SHOWN.contains(&k.as_str())) {
        return None;
    }
    let mut kept: Vec<&str> = query
        .split('&')
        .filter(|kv| decode_part(kv.split('=').next().unwrap_or("")) != SIGNATURE)
        .collect();
    let sig = format!("{SIGNATURE}={}", signature(key, &pairs)?);
    kept.push(&sig);
    let mut out = format!("{base}?{}", kept.join("&"));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}

/// `query` without the messages and their signature.
fn without_messages(query: &str) -> String {
    query
        .split('&')
        .filter(|kv| {
            let k = decode_part(kv.split('=').next().unwrap_or(""));
            !kv.is_empty() && k != SIGNATURE && !SIGNED.contains(&k.as_str())
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The decoded name-value pairs of a query (`+` is a space).
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (decode_part(k), decode_part(v))
        })
        .collect()
}

fn decode_part(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// The bytes of a signature: HMAC-SHA-256 truncated to 128 bits.
const SIGNATURE_BYTES: usize = 16;

/// The HMAC-SHA-256 (`hmac` crate) of the signed parameters of `pairs`, in a fixed order,
/// each with its name and length, under `key`.
fn message_mac(key: &[u8], pairs: &[(String, String)]) -> Option<hmac::Hmac<sha2::Sha256>> {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).ok()?;
    for name in SIGNED {
        for (_, v) in pairs.iter().filter(|(k, _)| k == name) {
            mac.update(name.as_bytes());
            mac.update(&[0]);
            mac.update(&(v.len() as u64).to_be_bytes());
            mac.update(v.as_bytes());
        }
    }
    Some(mac)
}

/// The signature of the messages in `pairs` under `key`, as hex.
fn signature(key: &[u8], pairs: &[(String, String)]) -> Option<String> {
    use hmac::Mac;
    let tag = message_mac(key, pairs)?.finalize().into_bytes();
    Some(
        tag[..SIGNATURE_BYTES]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
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
/// form) with a readable page; a body too large names the limit of its route.
pub async fn readable_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lang = lang_from_headers(req.headers());
    let is_api = req.uri().path().starts_with("/api/");
    let body_limit = crate::router::body_limit(&state.config, req.uri().path());
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
            let text = Msg::LimitBodyText.fill(lang, &[("max", &(body_limit / 1024).to_string())]);
            status_page_text(status, lang, Msg::TooLargeTitle, &text)
        }
        StatusCode::METHOD_NOT_ALLOWED => {
            status_page(status, lang, Msg::ErrorTitle, Msg::MethodNotAllowedText)
        }
        StatusCode::NOT_FOUND => status_page(status, lang, Msg::NotFoundTitle, Msg::NotFoundText),
        // A form or query the extractor could not read (axum answers 422 or 400): the
        // caller's request, a 400 that says so.
        StatusCode::UNPROCESSABLE_ENTITY => status_page(
            StatusCode::BAD_REQUEST,
            lang,
            Msg::BadRequestTitle,
            Msg::BadRequestText,
        ),
        s if s.is_client_error() => status_page(s, lang, Msg::BadRequestTitle, Msg::BadRequestText),
        s => status_page(s, lang, Msg::ErrorTitle, Msg::ErrorTitle),
    }
}

mod server_fn_error {
    use server_fn::codec::JsonEncoding;
    use server_fn::Decodes;
    use tessera_common::AppError;

    /// Reads an `AppError` from a server function's error body, if it is one. Strictly:
    /// a body that is not one (which `AppError::de` would read as an unreadable request,
    /// a 400) keeps its 500.
    pub fn decode_app_error(bytes: &[u8]) -> Option<AppError> {
        <JsonEncoding as Decodes<AppError>>::decode(bytes::Bytes::copy_from_slice(bytes)).ok()
    }

    #[cfg(test)]
    #[test]
    fn only_an_app_error_is_read() {
        assert_eq!(
            decode_app_error(br#"{"Forbidden":null}"#),
            Some(AppError::Forbidden)
        );
        assert_eq!(decode_app_error(b""), None);
        assert_eq!(decode_app_error(b"thread panicked"), None);
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
    fn messages_in_an_address_are_signed_and_checked() {
        let loc = "http://h/c/x/settings/roles?__path=%2Fapi%2Fcreate_role&__err=eyJOb3RGb3VuZCI6bnVsbH0%3D";
        let key = [7u8; 32];
        let signed = sign_location(&key, loc).expect("signed");
        let query = signed.split_once('?').map(|(_, q)| q).unwrap_or("");
        let pairs = query_pairs(query);
        let sig = pairs
            .iter()
            .find(|(k, _)| k == SIGNATURE)
            .map(|(_, v)| v.clone());
        assert_eq!(sig, signature(&key, &pairs));
        assert!(signature_holds(&key, &pairs, sig.as_deref().unwrap_or("")));
        assert!(!signature_holds(
            &[8u8; 32],
            &pairs,
            sig.as_deref().unwrap_or("")
        ));
        // Signing again replaces the signature rather than adding one.
        let again = sign_location(&key, &signed).expect("signed");
        assert_eq!(again.matches("__sig=").count(), 1);
        // Another message, or another endpoint, has another signature.
        let forged = query.replace("__err=eyJOb3RGb3VuZCI6bnVsbH0%3D", "__err=e30");
        let forged_pairs = query_pairs(&forged);
        assert_ne!(signature(&key, &forged_pairs), sig);
        let moved = query.replace("create_role", "delete_role");
        assert_ne!(signature(&key, &query_pairs(&moved)), sig);
        // Without a message nothing is signed; stripping keeps what is not a message.
        assert_eq!(sign_location(&key, "/c/x/members?done=saved"), None);
        assert_eq!(
            without_messages("q=a&__err=x&__path=y&__sig=z&error=w&page=2"),
            "q=a&page=2"
        );
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
