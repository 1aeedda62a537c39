//! The account forms: sign-in (password, then the second factor), enrolment of the
//! authenticator app, password change, recovery codes, sessions, sign-out and the language
//! switch. They are plain HTML form posts answered with a redirect, so they work the same
//! with and without JavaScript.

use crate::router::AppState;
use crate::security::{lang_from_headers, status_page, status_page_text};
use axum::extract::{ConnectInfo, Form, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};
use tessera_app::components::urlencode;
use tessera_app::ssr::{
    self as app_state, raise_level, session_state, start_session, SESSION_SHOW_CODES,
};
use tessera_common::{AppError, IdentityId, Lang, Msg, Problem};
use tessera_core::accounts::signin::{
    self, CodeAttempt, CodeOutcome, PasswordAttempt, PasswordOutcome,
};
use tessera_core::accounts::{self, Pending};
use tessera_core::links;
use tessera_core::scope::AuthLevel;
use tower_sessions::Session;

pub const LANG_COOKIE: &str = "tessera_lang";

/// The longest password we will hash; longer input is refused like a wrong one.
pub use tessera_core::accounts::signin::MAX_PASSWORD_BYTES;

/// The client's address: the peer, or the last hop of `X-Forwarded-For` when the peer is
/// the configured proxy (`TESSERA_TRUSTED_PROXY`).
#[derive(Clone, Debug)]
pub struct ClientAddr(pub Option<IpAddr>);

impl ClientAddr {
    pub fn as_string(&self) -> Option<String> {
        self.0.map(|a| a.to_string())
    }
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded = || {
            parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|v| v.trim().parse::<IpAddr>().ok())
        };
        let addr = match (peer, state.config.trusted_proxy) {
            (Some(p), Some(proxy)) if p == proxy => forwarded().or(Some(p)),
            (p, _) => p,
        };
        Ok(ClientAddr(addr))
    }
}

/// A local path to go to after a form, never another site (the one check, shared with
/// the pages).
pub use tessera_common::local_path::safe_next;

/// The language the visitor chose with the language switch.
/// The `Cookie` headers are parsed by the `cookie` crate.
pub fn lang_cookie(headers: &HeaderMap) -> Option<Lang> {
    cookie_value(headers, LANG_COOKIE).and_then(|v| Lang::parse(&v))
}

/// The value of the cookie `name` among the request's `Cookie` headers (parsed by the
/// `cookie` crate).
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(std::result::Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value_trimmed().to_string())
}

fn internal_error(headers: &HeaderMap) -> Response {
    status_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        lang_from_headers(headers),
        Msg::ErrorTitle,
        Msg::ErrorTitle,
    )
}

/// 429 with `Retry-After` and a readable page.
fn too_many(headers: &HeaderMap, secs: u64) -> Response {
    let mut res = status_page(
        StatusCode::TOO_MANY_REQUESTS,
        lang_from_headers(headers),
        Msg::ErrorTitle,
        Msg::SignInThrottled,
    );
    if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// Maps a domain error of a form handler to a response.
pub(crate) fn error_response(headers: &HeaderMap, e: AppError) -> Response {
    match e {
        AppError::TooManyRequests(secs) => too_many(headers, secs),
        AppError::Unauthenticated => Redirect::to("/login").into_response(),
        other => {
            let status = StatusCode::from_u16(other.status()).unwrap_or(StatusCode::BAD_REQUEST);
            let title = match other {
                _ if status.is_server_error() => return internal_error(headers),
                AppError::NotFound => Msg::NotFoundTitle,
                AppError::ReadOnly => Msg::ReadOnlyTitle,
                AppError::BadRequest(_) | AppError::Invalid(_) => Msg::BadRequestTitle,
                _ => Msg::ErrorTitle,
            };
            let lang = lang_from_headers(headers);
            status_page_text(status, lang, title, &other.text(lang))
        }
    }
}

fn user_agent(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

async fn remember_session(
    state: &AppState,
    session: &Session,
    id: IdentityId,
    addr: &ClientAddr,
    headers: &HeaderMap,
) -> Result<(), AppError> {
    if let Some(sid) = session.id() {
        accounts::record_session(
            &state.services.db,
            &sid.to_string(),
            id,
            state.services.now(),
            addr.as_string().as_deref(),
            user_agent(headers).as_deref(),
        )
        .await?;
    }
    Ok(())
}

/// The person behind a fully signed-in session (nothing pending), or 401.
async fn signed_in(
    state: &AppState,
    session: &Session,
) -> Result<(app_state::SessionState, IdentityId), AppError> {
    let st = session_state(&state.services, session).await?;
    let id = st
        .identity()
        .filter(|_| st.actor.is_signed_in())
        .ok_or(AppError::Unauthenticated)?;
    Ok((st, id))
}

/// Where a session goes after the password: the code, the enrolment, or where it wanted.
fn after_password(pending: Option<Pending>, next: &str) -> String {
    match pending {
        Some(Pending::Verify) => format!("/login/verify?next={}", urlencode(next)),
        Some(Pending::Enrol) => format!("/account/two-factor?next={}", urlencode(next)),
        None => next.to_string(),
    }
}

/// Starts the session of a proven password (a new session id), remembered in the list of
/// the person's sessions once nothing is pending; returns where to go next.
async fn start_after_password(
    state: &AppState,
    session: &Session,
    addr: &ClientAddr,
    headers: &HeaderMap,
    outcome: &PasswordOutcome,
    next: &str,
) -> Result<Option<String>, AppError> {
    let (id, pending) = match outcome {
        PasswordOutcome::SignedIn(id) => (*id, None),
        PasswordOutcome::NeedSecondFactor { identity, pending } => (*identity, Some(*pending)),
        PasswordOutcome::Refused { .. } => return Ok(None),
    };
    start_session(session, id, AuthLevel::Password, state.services.now()).await?;
    if pending.is_none() {
        remember_session(state, session, id, addr, headers).await?;
    }
    Ok(Some(after_password(pending, next)))
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

/// `POST /login`. Every failure gets the same answer; failures are limited per account and
/// per client address (`accounts::signin`); the session id changes on success.
pub async fn login(
    State(state): State<AppState>,
    addr: ClientAddr,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = safe_next(&form.next);
    let services = &state.services;
    let client = addr.as_string();
    let attempt = PasswordAttempt {
        email: &form.email,
        password: form.password,
        client: client.as_deref(),
        now: services.now(),
    };
    let result = async {
        let outcome = signin::sign_in_password(&services.db, attempt).await?;
        let to = start_after_password(&state, &session, &addr, &headers, &outcome, &next).await?;
        Ok::<_, AppError>((to, outcome))
    }
    .await;
    match result {
        Ok((Some(to), _)) => Redirect::to(&to).into_response(),
        Ok((None, outcome)) => {
            // The address typed goes back to the form through the session, not the address bar.
            if let PasswordOutcome::Refused { email } = outcome {
                if email.len() <= 254 {
                    tessera_app::ssr::keep_draft(&session, app_state::SESSION_LOGIN_EMAIL, &email)
                        .await;
                }
            }
            Redirect::to(&format!("/login?error=1&next={}", urlencode(&next))).into_response()
        }
        Err(e) => error_response(&headers, e),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: String,
}

/// `POST /login/verify`: the second factor, as a TOTP code or a recovery code
/// (`accounts::signin::verify_second_factor`).
pub async fn verify(
    State(state): State<AppState>,
    addr: ClientAddr,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Response {
    let next = safe_next(&form.next);
    let services = &state.services;
    let result = async {
        let st = session_state(services, &session).await?;
        let id = st.identity().ok_or(AppError::Unauthenticated)?;
        let client = addr.as_string();
        let attempt = CodeAttempt {
            identity: id,
            pending: st.pending(),
            code: &form.code,
            client: client.as_deref(),
            now: services.now(),
        };
        let outcome = signin::verify_second_factor(&services.db, attempt).await?;
        if outcome == CodeOutcome::Accepted {
            raise_level(&session, AuthLevel::SecondFactor).await?;
            remember_session(&state, &session, id, &addr, &headers).await?;
        }
        Ok(outcome)
    }
    .await;
    match result {
        Ok(CodeOutcome::Accepted | CodeOutcome::NotPending) => Redirect::to(&next).into_response(),
        Ok(CodeOutcome::Refused) => {
            Redirect::to(&format!("/login/verify?error=1&next={}", urlencode(&next)))
                .into_response()
        }
        Err(e) => error_response(&headers, e),
    }
}

/// `POST /account/two-factor`: confirms the authenticator app with a code; the session is
/// then fully signed in and the recovery codes are shown once.
pub async fn confirm_two_factor(
    State(state): State<AppState>,
    addr: ClientAddr,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Response {
    let next = safe_next(&form.next);
    let services = &state.services;
    let result = async {
        let st = session_state(services, &session).await?;
        let id = st.identity().ok_or(AppError::Unauthenticated)?;
        if st.pending() == Some(Pending::Verify) {
            return Err(AppError::Unauthenticated);
        }
        let codes = accounts::confirm_totp(
            &services.db,
            id,
            &form.code,
            services.now(),
            addr.as_string().as_deref(),
        )
        .await?;
        raise_level(&session, AuthLevel::SecondFactor).await?;
        session
            .insert(SESSION_SHOW_CODES, codes)
            .await
            .map_err(tessera_core::error::internal)?;
        remember_session(&state, &session, id, &addr, &headers).await?;
        // The factor changed: every other session of this person ends.
        if let Some(sid) = session.id() {
            accounts::revoke_sessions(
                &services.db,
                id,
                None,
                Some(&sid.to_string()),
                services.now(),
                addr.as_string().as_deref(),
            )
            .await?;
        }
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&format!(
            "/account/recovery-codes?next={}",
            urlencode(&next)
        ))
        .into_response(),
        Err(AppError::Invalid(_)) => Redirect::to(&format!(
            "/account/two-factor?error=1&next={}",
            urlencode(&next)
        ))
        .into_response(),
        Err(e) => error_response(&headers, e),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// `POST /account/password`: needs the current password; ends every other session.
pub async fn change_password(
    State(state): State<AppState>,
    addr: ClientAddr,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<PasswordForm>,
) -> Response {
    let services = &state.services;
    let result = async {
        let (st, id) = signed_in(&state, &session).await?;
        let now = services.now();
        let a = addr.as_string();
        accounts::change_password(
            &services.db,
            &st.actor,
            form.current_password,
            form.new_password,
            now,
            a.as_deref(),
        )
        .await?;
        session
            .cycle_id()
            .await
            .map_err(tessera_core::error::internal)?;
        session
            .save()
            .await
            .map_err(tessera_core::error::internal)?;
        remember_session(&state, &session, id, &addr, &headers).await?;
        if let Some(sid) = session.id() {
            accounts::revoke_sessions(
                &services.db,
                id,
                None,
                Some(&sid.to_string()),
                now,
                a.as_deref(),
            )
            .await?;
        }
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/account?done=password").into_response(),
        Err(e @ AppError::Invalid(_)) => back_with_error("password", e),
        Err(e) => error_response(&headers, e),
    }
}

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    session: String,
}

/// `POST /account/sessions/revoke`: ends one session (`session=<id>`) or all others
/// (`session=others`).
pub async fn revoke(
    State(state): State<AppState>,
    addr: ClientAddr,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<RevokeForm>,
) -> Response {
    let services = &state.services;
    let result = async {
        let (_, id) = signed_in(&state, &session).await?;
        let current = session.id().map(|s| s.to_string());
        let a = addr.as_string();
        if form.session == "others" {
            accounts::revoke_sessions(
                &services.db,
                id,
                None,
                current.as_deref(),
                services.now(),
                a.as_deref(),
            )
            .await?;
        } else {
            accounts::revoke_sessions(
                &services.db,
                id,
                Some(&form.session),
                None,
                services.now(),
                a.as_deref(),
            )
            .await?;
        }
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/account?done=sessions").into_response(),
        Err(e) => error_response(&headers, e),
    }
}

/// `POST /account/recovery-codes`: new codes, shown once.
pub async fn regenerate_codes(
    State(state): State<AppState>,
    addr: ClientAddr,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let services = &state.services;
    let result = async {
        let (_, id) = signed_in(&state, &session).await?;
        if !accounts::factor_state(&services.db, id).await?.totp_enabled {
            return Err(AppError::bad_request(Msg::ErrTotpFirst));
        }
        let codes = accounts::regenerate_recovery_codes(
            &services.db,
            id,
            services.now(),
            addr.as_string().as_deref(),
        )
        .await?;
        session
            .insert(SESSION_SHOW_CODES, codes)
            .await
            .map_err(tessera_core::error::internal)
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/account/recovery-codes?next=/account").into_response(),
        Err(e) => error_response(&headers, e),
    }
}

#[derive(Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    password: String,
}

/// `POST /account/two-factor/remove`: needs the password again; refused for staff.
pub async fn remove_two_factor(
    State(state): State<AppState>,
    addr: ClientAddr,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<RemoveForm>,
) -> Response {
    let services = &state.services;
    let result = async {
        let (_, id) = signed_in(&state, &session).await?;
        let a = addr.as_string();
        accounts::remove_own_totp(
            &services.db,
            id,
            form.password,
            services.now(),
            a.as_deref(),
        )
        .await?;
        if let Some(sid) = session.id() {
            accounts::revoke_sessions(
                &services.db,
                id,
                None,
                Some(&sid.to_string()),
                services.now(),
                a.as_deref(),
            )
            .await?;
        }
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/account?done=factor_removed").into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_))) => back_with_error("remove", e),
        Err(e) => error_response(&headers, e),
    }
}

/// Back to the account page with the problem next to the form it came from.
/// A refused input for the query of the redirect back to the form: the error as JSON,
/// which the page shows in its own language.
fn form_message(e: AppError) -> String {
    e.to_json()
}

fn back_with_error(form: &str, e: AppError) -> Response {
    let message = form_message(e);
    Redirect::to(&format!(
        "/account?error_form={form}&error={}",
        urlencode(&message)
    ))
    .into_response()
}

/// `POST /logout`: ends the session (its record is deleted from the store).
pub async fn logout(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    if let Some(sid) = session.id() {
        let _ = accounts::forget_session(&state.services.db, &sid.to_string()).await;
    }
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
pub async fn set_lang(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<LangForm>,
) -> Response {
    let Some(lang) = Lang::parse(&form.lang) else {
        return Redirect::to(&safe_next(&form.return_to)).into_response();
    };
    // a signed-in person's choice is kept on their account too, so the mail
    // sent to them (mailings) is in their language.
    if let Ok(Some(id)) = session.get::<i64>(tessera_app::ssr::SESSION_IDENTITY).await {
        if let Err(e) = tessera_core::identities::set_lang(
            &state.services.db,
            tessera_common::IdentityId(id),
            lang,
        )
        .await
        {
            tracing::error!(error = %e, "the account's language could not be stored");
        }
    }
    let cookie = cookie::Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .max_age(cookie::time::Duration::days(365))
        .same_site(cookie::SameSite::Lax)
        .secure(state.config.https)
        .build()
        .to_string();
    let mut res = Redirect::to(&safe_next(&form.return_to)).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::extract::FromRequest;
    use proptest::prelude::*;

    /// Decodes a form body as the `/login` handler does (axum's `Form`).
    fn decode_login(body: Vec<u8>) -> Option<(String, String, String)> {
        let rt = tokio::runtime::Builder::new_current_thread().build().ok()?;
        rt.block_on(async {
            let req = axum::http::Request::builder()
                .method("POST")
                .uri("/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(body))
                .ok()?;
            Form::<LoginForm>::from_request(req, &())
                .await
                .ok()
                .map(|Form(f)| (f.email, f.password, f.next))
        })
    }

    /// Decodes server-function arguments as server_fn does for its URL-encoded calls.
    fn decode_server_fn_args(
        query: &str,
    ) -> Result<tessera_app::api::SubmitRegistration, serde_qs::Error> {
        serde_qs::Config::new(5, false).deserialize_str(query)
    }

    #[test]
    fn deeply_bracketed_arguments_are_refused_without_recursing() {
        let deep = format!("club=a&form=b&f{}=x", "[a]".repeat(100_000));
        assert!(decode_server_fn_args(&deep).is_err());
        let ok = decode_server_fn_args("club=a&form=b&f[p0.given_name]=Nora").unwrap();
        assert_eq!(ok.f.get("p0.given_name").map(String::as_str), Some("Nora"));
        assert_eq!(
            decode_login(b"email=a%40b.be&password=p%26w&next=%2F".to_vec()),
            Some(("a@b.be".into(), "p&w".into(), "/".into()))
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn form_bodies_never_panic(body in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = decode_login(body);
        }

        #[test]
        fn form_like_bodies_never_panic(body in "[a-z%0-9=&+\\[\\].]{0,400}") {
            let _ = decode_login(body.into_bytes());
        }

        #[test]
        fn server_function_arguments_never_panic(query in "[a-z0-9%=&+\\[\\].]{0,400}") {
            let _ = decode_server_fn_args(&query);
            let _ = decode_server_fn_args(&format!("club=a&form=b&{query}"));
        }

        #[test]
        fn next_always_stays_on_this_site(next in any::<String>()) {
            let safe = safe_next(&next);
            prop_assert!(
                safe.starts_with('/') && !safe.starts_with("//") && !safe.contains('\\'),
                "{}",
                safe
            );
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
        // Quoted values, odd spacing and broken pairs beside it.
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("junk;  tessera_lang=\"nl\" ;x"),
        );
        assert_eq!(lang_cookie(&h), Some(Lang::Nl));
        h.insert(header::COOKIE, HeaderValue::from_static("xtessera_lang=fr"));
        assert_eq!(lang_cookie(&h), None);
        let mut two = HeaderMap::new();
        two.append(header::COOKIE, HeaderValue::from_static("a=b"));
        two.append(header::COOKIE, HeaderValue::from_static("tessera_lang=en"));
        assert_eq!(lang_cookie(&two), Some(Lang::En));
    }

    #[test]
    fn redirect_values_are_percent_encoded() {
        assert_eq!(urlencode("/c/a b?x=1&y"), "/c/a%20b%3Fx%3D1%26y");
        assert_eq!(urlencode("{\"é\"}"), "%7B%22%C3%A9%22%7D");
        assert_eq!(urlencode("a-b_c.d~e"), "a-b_c.d~e");
    }
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

/// `POST /login/forgot`: mails a reset link when the address has an account; the answer is
/// the same either way.
pub async fn forgot(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<EmailForm>,
) -> Response {
    let s = &state.services;
    let lang = lang_from_headers(&headers);
    match links::request_reset(
        &s.db,
        &s.mailer,
        &s.public_url,
        form.email.trim(),
        lang,
        s.now(),
    )
    .await
    {
        Ok(()) => Redirect::to("/login/forgot?sent=1").into_response(),
        Err(e) => error_response(&headers, e),
    }
}

#[derive(Deserialize)]
pub struct TokenPasswordForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

fn back_to_link(path: &str, token: &str, e: AppError) -> Response {
    let message = form_message(e);
    Redirect::to(&format!(
        "{path}?token={}&error={}",
        urlencode(token),
        urlencode(&message)
    ))
    .into_response()
}

/// `POST /login/reset`: a new password from a reset link. Signs no one in.
pub async fn reset(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<TokenPasswordForm>,
) -> Response {
    let s = &state.services;
    if form.password.len() > MAX_PASSWORD_BYTES || form.token.len() > 200 {
        return back_to_link(
            "/login/reset",
            "",
            AppError::field("password", Problem::new(Msg::ErrMaxChars).arg("max", 256)),
        );
    }
    match links::complete_reset(&s.db, &form.token, form.password, s.now()).await {
        Ok(_) => Redirect::to("/login?reset=1").into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_))) => {
            back_to_link("/login/reset", &form.token, e)
        }
        Err(e) => error_response(&headers, e),
    }
}

/// `POST /invite`: the first password from an invitation; then signed in (staff go on to
/// set up their second factor).
pub async fn accept_invite(
    State(state): State<AppState>,
    addr: ClientAddr,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<TokenPasswordForm>,
) -> Response {
    let s = &state.services;
    if form.password.len() > MAX_PASSWORD_BYTES || form.token.len() > 200 {
        return back_to_link(
            "/invite",
            "",
            AppError::field("password", Problem::new(Msg::ErrMaxChars).arg("max", 256)),
        );
    }
    let result = async {
        let id = links::accept_invite(&s.db, &form.token, form.password, s.now()).await?;
        let outcome = signin::after_password(&s.db, id).await?;
        let to = start_after_password(&state, &session, &addr, &headers, &outcome, "/").await?;
        to.ok_or(AppError::Unauthenticated)
    }
    .await;
    match result {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_))) => {
            back_to_link("/invite", &form.token, e)
        }
        Err(e) => error_response(&headers, e),
    }
}

/// `POST /account/email`: mails a confirmation link to the new address.
pub async fn change_email(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<EmailForm>,
) -> Response {
    let s = &state.services;
    let result = async {
        let (st, _) = signed_in(&state, &session).await?;
        links::request_email_change(
            &s.db,
            &s.mailer,
            &s.public_url,
            &st.actor,
            &form.email,
            s.now(),
        )
        .await
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/account?done=email_sent").into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_))) => back_with_error("email", e),
        Err(e) => error_response(&headers, e),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token: String,
}

/// `POST /account/email/confirm`: the new address from its link.
pub async fn confirm_email(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    let s = &state.services;
    match links::confirm_email_change(&s.db, &form.token, s.now()).await {
        Ok(_) => Redirect::to("/account/email?done=1").into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest(_))) => {
            back_to_link("/account/email", &form.token, e)
        }
        Err(e) => error_response(&headers, e),
    }
}

/// `POST /c/{club}/members/{id}/reset-factor`: an administrator resets a member's second
/// factor (never their own).
pub async fn reset_member_factor(
    State(state): State<AppState>,
    axum::extract::Path((club, member)): axum::extract::Path<(String, String)>,
    addr: ClientAddr,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let s = &state.services;
    let result = async {
        let st = session_state(s, &session).await?;
        let scope = tessera_core::scope::resolve(
            &s.db,
            &st.actor,
            tessera_common::dto::TenantKind::Club,
            &club,
            s.now(),
        )
        .await?;
        let member: tessera_common::MemberId = member.parse().map_err(|_| AppError::NotFound)?;
        accounts::reset_member_factor(
            &s.db,
            &scope,
            &st.actor,
            member,
            s.now(),
            addr.as_string().as_deref(),
        )
        .await?;
        Ok(format!("/c/{club}/members/{member}?done=factor_reset"))
    }
    .await;
    match result {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(e) => error_response(&headers, e),
    }
}
