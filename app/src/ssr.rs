//! Server-side request context for server functions and pages: the services, and the
//! `Actor` built from the session. This and `tessera_core::scope::resolve` are the one
//! resolver: every server function starts with [`ctx`] and gets its tenant scope from
//! [`Ctx::club`], [`Ctx::federation`] or [`Ctx::operator`].

use leptos::prelude::*;
use std::sync::Arc;
use tessera_common::dto::{TenantKind, Viewer};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, IdentityId};
use tessera_core::accounts::{self, Pending};
use tessera_core::error::internal;
use tessera_core::scope::{self, Actor, AuthLevel, TenantScope};
use tessera_core::{identities, Services};
use tokio::sync::OnceCell;
use tower_sessions::Session;

/// Session keys. Only ids, levels and instants live in the session, never secrets.
pub const SESSION_IDENTITY: &str = "identity_id";
pub const SESSION_LEVEL: &str = "auth_level";
/// When the password was proven (absolute timeout).
pub const SESSION_AUTH_AT: &str = "auth_at";
/// Last activity (idle timeout), refreshed at most once a minute.
pub const SESSION_SEEN_AT: &str = "seen_at";
/// Recovery codes waiting to be shown once, right after they were made.
pub const SESSION_SHOW_CODES: &str = "show_recovery_codes";
/// The identity's rights counter the session last saw: when it moved (a role was given or
/// taken, a role's rights changed), the session id is rotated.
pub const SESSION_RIGHTS: &str = "rights_serial";
/// The address typed in a sign-in that failed, for the form to show again once (kept here,
/// never in the address bar, where it would reach the history and the logs).
pub const SESSION_LOGIN_EMAIL: &str = "login_email";

pub fn level_to_str(l: AuthLevel) -> &'static str {
    match l {
        AuthLevel::Anonymous => "anonymous",
        AuthLevel::Password => "password",
        AuthLevel::SecondFactor => "second_factor",
    }
}

fn level_from_str(s: &str) -> AuthLevel {
    match s {
        "password" => AuthLevel::Password,
        "second_factor" => AuthLevel::SecondFactor,
        _ => AuthLevel::Anonymous,
    }
}

/// Who the session belongs to and how far they got.
#[derive(Clone, Debug)]
pub struct SessionState {
    pub actor: Actor,
    pub viewer: Option<Viewer>,
}

impl SessionState {
    fn anonymous() -> SessionState {
        SessionState {
            actor: Actor::anonymous(),
            viewer: None,
        }
    }
    /// The identity behind the session even when a step is pending.
    pub fn identity(&self) -> Option<IdentityId> {
        self.actor.identity
    }
    pub fn pending(&self) -> Option<Pending> {
        self.actor.pending
    }
}

/// Writes a fresh sign-in into the session: rotates its id first so an id planted before
/// sign-in is worthless after it.
pub async fn start_session(
    session: &Session,
    id: IdentityId,
    level: AuthLevel,
    now: Timestamp,
) -> Result<(), AppError> {
    session.cycle_id().await.map_err(internal)?;
    session
        .insert(SESSION_IDENTITY, id.0)
        .await
        .map_err(internal)?;
    session
        .insert(SESSION_LEVEL, level_to_str(level))
        .await
        .map_err(internal)?;
    session
        .insert(SESSION_AUTH_AT, now.0)
        .await
        .map_err(internal)?;
    session
        .insert(SESSION_SEEN_AT, now.0)
        .await
        .map_err(internal)?;
    session.save().await.map_err(internal)
}

/// Raises the level after the second factor, rotating the session id again.
pub async fn raise_level(session: &Session, level: AuthLevel) -> Result<(), AppError> {
    session.cycle_id().await.map_err(internal)?;
    session
        .insert(SESSION_LEVEL, level_to_str(level))
        .await
        .map_err(internal)?;
    session.save().await.map_err(internal)
}

/// The state of a session: anonymous unless it names an identity that still exists, within
/// the idle and absolute timeouts (an expired session is ended here). A staff member without
/// a second factor, or anyone with one who has not given it yet, has a step pending.
pub async fn session_state(
    services: &Services,
    session: &Session,
) -> Result<SessionState, AppError> {
    let id: Option<i64> = session.get(SESSION_IDENTITY).await.map_err(internal)?;
    let level: Option<String> = session.get(SESSION_LEVEL).await.map_err(internal)?;
    let (Some(id), Some(level)) = (id, level) else {
        return Ok(SessionState::anonymous());
    };
    let id = IdentityId(id);
    let level = level_from_str(&level);
    let now = services.now();
    let auth_at: i64 = session
        .get(SESSION_AUTH_AT)
        .await
        .map_err(internal)?
        .unwrap_or(0);
    let seen_at: i64 = session
        .get(SESSION_SEEN_AT)
        .await
        .map_err(internal)?
        .unwrap_or(0);
    let Some(identities::SessionPerson {
        mut actor,
        viewer,
        rights,
        factors,
    }) = identities::actor(&services.db, id, level).await?
    else {
        session.flush().await.map_err(internal)?;
        return Ok(SessionState::anonymous());
    };
    let policy = services.sessions;
    let idle = if factors.is_staff {
        policy.staff_idle_secs
    } else {
        policy.member_idle_secs
    };
    if now.0 > auth_at + policy.absolute_secs * 1000 || now.0 > seen_at + idle * 1000 {
        if let Some(sid) = session.id() {
            accounts::forget_session(&services.db, &sid.to_string()).await?;
        }
        session.flush().await.map_err(internal)?;
        return Ok(SessionState::anonymous());
    }
    actor.pending = match level {
        AuthLevel::Password => accounts::pending_after_password(&factors),
        AuthLevel::SecondFactor if factors.is_staff && !factors.totp_enabled => {
            Some(Pending::Enrol)
        }
        _ => None,
    };
    rotate_on_rights_change(services, session, rights).await?;
    if now.0 - seen_at > 60_000 {
        session
            .insert(SESSION_SEEN_AT, now.0)
            .await
            .map_err(internal)?;
        if let Some(sid) = session.id() {
            let _ = accounts::touch_session(&services.db, &sid.to_string(), now).await;
        }
    }
    let viewer = actor.is_signed_in().then_some(viewer);
    Ok(SessionState { actor, viewer })
}

/// Rotates the session id when the person's rights changed since the session last looked
/// (privilege change), keeping the session itself and its entry on the sessions page.
async fn rotate_on_rights_change(
    services: &Services,
    session: &Session,
    rights: i64,
) -> Result<(), AppError> {
    let seen: Option<i64> = session.get(SESSION_RIGHTS).await.map_err(internal)?;
    if seen == Some(rights) {
        return Ok(());
    }
    if seen.is_some() {
        let old = session.id().map(|s| s.to_string());
        session.cycle_id().await.map_err(internal)?;
        session
            .insert(SESSION_RIGHTS, rights)
            .await
            .map_err(internal)?;
        session.save().await.map_err(internal)?;
        if let (Some(old), Some(new)) = (old, session.id()) {
            accounts::rename_session(&services.db, &old, &new.to_string(), services.now()).await?;
        }
    } else {
        session
            .insert(SESSION_RIGHTS, rights)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

/// What one request resolved: the session state once however many server functions a page
/// calls, each tenant scope once, and the results of the page's data functions once. (Leptos
/// renders the children of a `Suspense` again once their resources resolve, which builds the
/// page inside the club frame twice; the second build finds its data here instead of reading
/// the database again.)
#[derive(Clone, Default)]
pub struct RequestCache {
    state: Arc<OnceCell<SessionState>>,
    scopes: Arc<std::sync::Mutex<Vec<(TenantKind, String, TenantScope)>>>,
    results: Arc<std::sync::Mutex<Vec<(String, ResultCell)>>>,
}

type ResultCell = Arc<OnceCell<Arc<dyn std::any::Any + Send + Sync>>>;

pub struct Ctx {
    pub services: Services,
    pub actor: Actor,
    pub viewer: Option<Viewer>,
    pub session: Session,
    cache: RequestCache,
}

/// The client's address: the peer, or what the trusted proxy says in X-Forwarded-For.
pub async fn client_address(services: &Services) -> Option<String> {
    use axum::extract::ConnectInfo;
    let peer = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|c| c.0.ip());
    let headers: axum::http::HeaderMap = leptos_axum::extract().await.ok()?;
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse::<std::net::IpAddr>().ok());
    let ip = match (peer, services.trusted_proxy) {
        (Some(p), Some(proxy)) if p == proxy => forwarded.or(Some(p)),
        (p, _) => p,
    };
    ip.map(|i| i.to_string())
}

/// The request context of a server function or page.
pub async fn ctx() -> Result<Ctx, AppError> {
    let services =
        use_context::<Services>().ok_or_else(|| internal("services missing from context"))?;
    let session: Session = leptos_axum::extract().await.map_err(internal)?;
    let cache = use_context::<RequestCache>().unwrap_or_default();
    let state = cache
        .state
        .get_or_try_init(|| Box::pin(session_state(&services, &session)))
        .await?
        .clone();
    Ok(Ctx {
        services,
        actor: state.actor,
        viewer: state.viewer,
        session,
        cache,
    })
}

impl Ctx {
    async fn scope(&self, kind: TenantKind, slug: &str) -> Result<TenantScope, AppError> {
        let cached = self.cache.scopes.lock().ok().and_then(|v| {
            v.iter()
                .find(|(k, s, _)| *k == kind && s == slug)
                .map(|(_, _, scope)| scope.clone())
        });
        if let Some(scope) = cached {
            return Ok(scope);
        }
        let now = self.services.now();
        let scope = Box::pin(scope::resolve_before_terms(
            &self.services.db,
            &self.actor,
            kind,
            slug,
            now,
        ))
        .await?;
        if let Ok(mut v) = self.cache.scopes.lock() {
            v.push((kind, slug.to_string(), scope.clone()));
        }
        Ok(scope)
    }
    /// The club at this slug for the caller, once they accepted its latest terms of use.
    pub async fn club(&self, slug: &str) -> Result<TenantScope, AppError> {
        let scope = self.scope(TenantKind::Club, slug).await?;
        scope.terms_accepted()?;
        scope.membership_current()?;
        Ok(scope)
    }
    /// The club for the caller's own data (`/me`, their children's records): as
    /// [`Ctx::club`], but still reached once their membership has ended.
    pub async fn club_own_data(&self, slug: &str) -> Result<TenantScope, AppError> {
        let scope = self.scope(TenantKind::Club, slug).await?;
        scope.terms_accepted()?;
        Ok(scope)
    }
    /// The club even before its terms are accepted: for the page frame (which shows the
    /// terms) and for accepting them.
    pub async fn club_before_terms(&self, slug: &str) -> Result<TenantScope, AppError> {
        self.scope(TenantKind::Club, slug).await
    }
    pub async fn federation(&self, slug: &str) -> Result<TenantScope, AppError> {
        let scope = self.scope(TenantKind::Federation, slug).await?;
        scope.terms_accepted()?;
        Ok(scope)
    }
    pub async fn operator(&self) -> Result<TenantScope, AppError> {
        scope::resolve_operator(&self.services.db, &self.actor, self.services.now()).await
    }
    pub fn now(&self) -> Timestamp {
        self.services.now()
    }

    /// The result of `load` for `key`, computed once per request (successes only).
    ///
    /// The future is boxed: a server function's future is moved several times on its way
    /// into a page's resource (creating the resource, sandboxing it, boxing it: the largest
    /// copies in the member page's profile), and `load` (a whole read with its scope) was
    /// most of its size.
    pub fn once<'a, T, F>(
        &'a self,
        key: String,
        load: F,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, AppError>> + Send + 'a>>
    where
        T: Clone + Send + Sync + 'static,
        F: std::future::Future<Output = Result<T, AppError>> + Send + 'a,
    {
        Box::pin(async move {
            // One cell per key: a second build of the page that asks while the first is still
            // loading waits for that load instead of starting its own.
            let cell = match self.cache.results.lock() {
                Ok(mut v) => match v.iter().find(|(k, _)| *k == key) {
                    Some((_, c)) => c.clone(),
                    None => {
                        let c = ResultCell::default();
                        v.push((key, c.clone()));
                        c
                    }
                },
                Err(_) => ResultCell::default(),
            };
            let stored = cell
                .get_or_try_init(|| async {
                    load.await
                        .map(|v| Arc::new(v) as Arc<dyn std::any::Any + Send + Sync>)
                })
                .await?;
            stored
                .clone()
                .downcast::<T>()
                .map(|v| (*v).clone())
                .map_err(|_| internal("a cached result of another type"))
        })
    }
    /// The signed-in person (nothing pending), or 401.
    pub fn me(&self) -> Result<IdentityId, AppError> {
        self.actor
            .identity
            .filter(|_| self.actor.is_signed_in())
            .ok_or(AppError::Unauthenticated)
    }
}

/// After a successful change, sends the browser to `path` (a plain form post gets a 303-style
/// redirect, the hydrated app navigates). `path` is built by the caller from checked parts
/// (slugs, ids, fixed words), so it is always a valid header value; anything else falls
/// back to the home page rather than failing.
pub fn done(path: &str) {
    let safe = path.starts_with('/')
        && !path.starts_with("//")
        && path.bytes().all(|b| b.is_ascii_graphic());
    leptos_axum::redirect(if safe { path } else { "/" });
}

/// Keeps what was typed in a form whose save was refused, for the form to show again (once).
/// Stored in the session (in the database, like the session itself); best effort: failing
/// to keep a draft never turns a refusal into another error.
pub async fn keep_draft<T: serde::Serialize>(session: &Session, key: &str, value: &T) {
    let _ = session.insert(key, value).await;
}

/// Passes a save's result on; when it was refused for something the person can put right
/// (field problems, a conflict, an unreadable or stale form), `value` (what was typed) is
/// kept under `key` for the form to show again, also without JavaScript.
pub async fn keep_draft_if_refused<T, V: serde::Serialize>(
    session: &Session,
    key: &str,
    value: &V,
    result: Result<T, AppError>,
) -> Result<T, AppError> {
    if let Err(AppError::Invalid(_) | AppError::Conflict(_) | AppError::BadRequest(_)) = &result {
        keep_draft(session, key, value).await;
    }
    result
}

/// Takes a kept draft back (and forgets it).
pub async fn take_draft<T: serde::de::DeserializeOwned>(session: &Session, key: &str) -> Option<T> {
    session.remove::<T>(key).await.ok().flatten()
}

/// Sets the HTTP status of the page being rendered from an error, through the one mapping
/// `AppError::status`.
pub fn set_error_status(err: &AppError) {
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(err.status()) {
            res.set_status(status);
        }
    }
}
