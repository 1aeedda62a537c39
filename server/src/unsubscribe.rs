//! The one-click unsubscribe of newsletters (RFC 8058), without a session.
//!
//! - `GET /unsubscribe/{token}`: a page naming the club and the topic, with a button that
//!   posts the confirmation (a link opened by a mail scanner changes nothing).
//! - `POST /unsubscribe/{token}`: the mail client's one-click request
//!   (`List-Unsubscribe=One-Click`) or that button: the withdrawal is recorded in the
//!   consent events (source `unsubscribe`) with the instant, once. This path alone is
//!   exempt from the cross-site check (`security::csrf_guard`): the request comes from a
//!   mail client, and the signed token is its only authority.
//!
//! A token whose signature does not hold: 400 with a clear message. A link used before:
//! the page says it is already done, and nothing is recorded again.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tessera_common::time::DateStyle;
use tessera_common::{AppError, Lang, Msg};
use tessera_core::mailings::{self, UnsubscribeState};

use crate::router::AppState;
use crate::security::{escape, lang_from_headers, status_page_text};

/// Whether `path` is an unsubscribe address: `/unsubscribe/` and one segment.
pub fn is_unsubscribe_path(path: &str) -> bool {
    path.strip_prefix("/unsubscribe/")
        .is_some_and(|t| !t.is_empty() && !t.contains('/'))
}

fn page(lang: Lang, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Tessera</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"content\" class=\"page\"><section class=\"card\" data-testid=\"unsubscribe\">\
         <h1>{title}</h1>{body}</section></main></body></html>",
        code = lang.code(),
        title = escape(Msg::UnsubscribeTitle.text(lang)),
        css = crate::delivery::stylesheet(),
    );
    let mut res = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response();
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(crate::delivery::NO_STORE),
    );
    res
}

fn error(headers: &HeaderMap, e: AppError) -> Response {
    let lang = lang_from_headers(headers);
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
    status_page_text(status, lang, Msg::UnsubscribeTitle, &e.text(lang))
}

fn filled(msg: Msg, s: &UnsubscribeState, at: &str) -> String {
    escape(&msg.fill(
        s.lang,
        &[("topic", &s.topic), ("club", &s.club), ("at", at)],
    ))
}

/// `GET /unsubscribe/{token}`.
pub async fn ask(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    let now = state.services.now();
    match mailings::unsubscribe_state(&state.services.db, &token, now).await {
        Ok(s) if s.done => page(
            s.lang,
            &format!(
                "<p data-testid=\"unsubscribe-already\">{}</p>",
                filled(Msg::UnsubscribeAlready, &s, "")
            ),
        ),
        Ok(s) => page(
            s.lang,
            &format!(
                "<p>{}</p><form method=\"post\" action=\"/unsubscribe/{}\">\
                 <button type=\"submit\" class=\"primary\" name=\"confirm\" value=\"1\">{}</button></form>",
                filled(Msg::UnsubscribeAsk, &s, ""),
                escape(&token),
                escape(Msg::UnsubscribeConfirm.text(s.lang)),
            ),
        ),
        Err(e) => error(&headers, e),
    }
}

/// `POST /unsubscribe/{token}` (one click, RFC 8058, or the page's button).
pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    let now = state.services.now();
    match mailings::unsubscribe(&state.services.db, &token, now).await {
        Ok(s) if s.recorded => {
            let at = now.format_in(&s.time_zone, s.lang, DateStyle::Long);
            page(
                s.lang,
                &format!(
                    "<p role=\"status\" data-testid=\"unsubscribe-done\">{}</p>",
                    filled(Msg::UnsubscribeDone, &s, &at)
                ),
            )
        }
        Ok(s) => page(
            s.lang,
            &format!(
                "<p data-testid=\"unsubscribe-already\">{}</p>",
                filled(Msg::UnsubscribeAlready, &s, "")
            ),
        ),
        Err(e) => error(&headers, e),
    }
}
