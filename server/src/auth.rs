//! The sign-in, sign-out and language forms. They are plain HTML form posts (handled here
//! rather than as server functions) so they work identically with and without JavaScript
//! and answer with a redirect.

use crate::router::AppState;
use crate::security::{lang_from_headers, status_page};
use axum::extract::{Form, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_app::components::urlencode;
use tessera_app::ssr::{level_to_str, SESSION_IDENTITY, SESSION_LEVEL};
use tessera_common::{Lang, Msg};
use tessera_core::identities;
use tessera_core::scope::AuthLevel;
use tower_sessions::Session;

pub const LANG_COOKIE: &str = "tessera_lang";

/// The longest password we will hash; longer input is refused like a wrong one.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// A local path to go to after a form, never another site.
pub fn safe_next(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(|c| c.is_control())
        && next.len() <= 2048;
    if ok {
        next.to_string()
    } else {
        "/".to_string()
    }
}

/// The language the visitor chose with the language switch.
pub fn lang_cookie(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == LANG_COOKIE)
        .and_then(|(_, v)| Lang::parse(v))
}

fn internal_error(headers: &HeaderMap) -> Response {
    status_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        lang_from_headers(headers),
        Msg::ErrorTitle,
        Msg::ErrorTitle,
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /login`. Every failure gets the same answer; the session id changes on success so
/// an id planted before sign-in is worthless after it.
pub async fn login(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = safe_next(&form.next);
    let failed = || {
        Redirect::to(&format!(
            "/login?error=1&email={}&next={}",
            urlencode(form.email.trim()),
            urlencode(&next)
        ))
        .into_response()
    };
    if form.password.len() > MAX_PASSWORD_BYTES || form.email.len() > 254 {
        return failed();
    }
    let db = &state.services.db;
    match identities::authenticate(db, &form.email, form.password.clone()).await {
        Ok(Some(id)) => {
            let stored = async {
                session.cycle_id().await?;
                session.insert(SESSION_IDENTITY, id.0).await?;
                session
                    .insert(SESSION_LEVEL, level_to_str(AuthLevel::Password))
                    .await
            }
            .await;
            match stored {
                Ok(()) => Redirect::to(&next).into_response(),
                Err(e) => {
                    tracing::error!(error = %e, "session store failed at sign-in");
                    internal_error(&headers)
                }
            }
        }
        Ok(None) => failed(),
        Err(_) => internal_error(&headers),
    }
}

/// `POST /logout`: ends the session (its record is deleted from the store).
pub async fn logout(session: Session, headers: HeaderMap) -> Response {
    match session.flush().await {
        Ok(()) => Redirect::to("/").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "session store failed at sign-out");
            internal_error(&headers)
        }
    }
}

#[derive(Deserialize)]
pub struct LangForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    return_to: String,
}

/// `POST /lang`: remembers the chosen language in a cookie and goes back.
pub async fn set_lang(State(state): State<AppState>, Form(form): Form<LangForm>) -> Response {
    let Some(lang) = Lang::parse(&form.lang) else {
        return Redirect::to(&safe_next(&form.return_to)).into_response();
    };
    let secure = if state.config.https { "; Secure" } else { "" };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        lang.code()
    );
    let mut res = Redirect::to(&safe_next(&form.return_to)).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next("/c/club/members?q=a"), "/c/club/members?q=a");
        for bad in [
            "",
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "/a\nb",
        ] {
            assert_eq!(safe_next(bad), "/", "{bad:?}");
        }
    }

    #[test]
    fn lang_cookie_is_read_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; tessera_lang=fr; c=d"),
        );
        assert_eq!(lang_cookie(&h), Some(Lang::Fr));
        h.insert(header::COOKIE, HeaderValue::from_static("tessera_lang=de"));
        assert_eq!(lang_cookie(&h), None);
    }
}
