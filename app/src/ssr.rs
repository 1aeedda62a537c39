//! Server-side request context for server functions and pages: the services, and the
//! `Actor` built from the session. This and `tessera_core::scope::resolve` are the one
//! resolver: every server function starts with [`ctx`] and gets its tenant scope from
//! [`Ctx::club`], [`Ctx::federation`] or [`Ctx::operator`].

use leptos::prelude::*;
use tessera_common::dto::{TenantKind, Viewer};
use tessera_common::{AppError, IdentityId};
use tessera_core::error::internal;
use tessera_core::scope::{self, Actor, AuthLevel, TenantScope};
use tessera_core::{identities, Services};
use tower_sessions::Session;

/// Session keys. Only ids and levels live in the session, never secrets.
pub const SESSION_IDENTITY: &str = "identity_id";
pub const SESSION_LEVEL: &str = "auth_level";

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

/// The actor behind a session: anonymous unless the session names an identity that still
/// exists.
pub async fn actor_from_session(
    services: &Services,
    session: &Session,
) -> Result<(Actor, Option<Viewer>), AppError> {
    let id: Option<i64> = session.get(SESSION_IDENTITY).await.map_err(internal)?;
    let level: Option<String> = session.get(SESSION_LEVEL).await.map_err(internal)?;
    let (Some(id), Some(level)) = (id, level) else {
        return Ok((Actor::anonymous(), None));
    };
    let level = level_from_str(&level);
    match identities::actor(&services.db, IdentityId(id), level).await? {
        Some((actor, viewer)) if actor.is_signed_in() => Ok((actor, Some(viewer))),
        _ => Ok((Actor::anonymous(), None)),
    }
}

pub struct Ctx {
    pub services: Services,
    pub actor: Actor,
    pub viewer: Option<Viewer>,
}

/// The request context of a server function or page.
pub async fn ctx() -> Result<Ctx, AppError> {
    let services =
        use_context::<Services>().ok_or_else(|| internal("services missing from context"))?;
    let session: Session = leptos_axum::extract().await.map_err(internal)?;
    let (actor, viewer) = actor_from_session(&services, &session).await?;
    Ok(Ctx {
        services,
        actor,
        viewer,
    })
}

impl Ctx {
    pub async fn club(&self, slug: &str) -> Result<TenantScope, AppError> {
        scope::resolve(&self.services.db, &self.actor, TenantKind::Club, slug).await
    }
    pub async fn federation(&self, slug: &str) -> Result<TenantScope, AppError> {
        scope::resolve(&self.services.db, &self.actor, TenantKind::Federation, slug).await
    }
    pub async fn operator(&self) -> Result<TenantScope, AppError> {
        scope::resolve_operator(&self.services.db, &self.actor).await
    }
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
