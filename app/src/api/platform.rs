//! Server functions of the operator console (`/admin`): creating tenants, suspending and
//! reactivating them, assigning plans, inviting a tenant's administrator.

// A server function's arguments are its form's fields, one per input.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use tessera_common::dto::CreateTenantInput;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// Creates a federation or a club (`platform.manage`), optionally inviting its first
/// administrator by e-mail.
#[server(prefix = "/api", endpoint = "create_tenant")]
pub async fn create_tenant(#[server(flatten)] input: CreateTenantInput) -> Result<(), AppError> {
    let CreateTenantInput {
        kind,
        name,
        slug,
        parent,
        plan,
        city,
        default_lang,
        admin_email,
        admin_name,
    } = input;
    use tessera_common::dto::TenantKind;
    use tessera_core::tenants::{self, NewTenant};
    let c = ctx().await?;
    let scope = c.operator().await?;
    let kind = match kind.as_str() {
        "club" => TenantKind::Club,
        "federation" => TenantKind::Federation,
        _ => {
            return Err(AppError::field(
                "kind",
                tessera_common::Msg::ErrChooseTenantKind,
            ))
        }
    };
    let lang = tessera_common::Lang::ALL
        .into_iter()
        .find(|l| l.code() == default_lang)
        .ok_or_else(|| AppError::field("default_lang", tessera_common::Msg::ErrChooseLang))?;
    let opt = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let admin = match (opt(admin_email), opt(admin_name)) {
        (Some(e), Some(n)) => Some((e, n)),
        (None, None) => None,
        (Some(_), None) => {
            return Err(AppError::field(
                "admin_name",
                tessera_common::Msg::ErrAdminNameToo,
            ))
        }
        (None, Some(_)) => {
            return Err(AppError::field(
                "admin_email",
                tessera_common::Msg::ErrAdminEmailToo,
            ))
        }
    };
    let new = NewTenant {
        parent: None,
        kind,
        slug: slug.trim().to_string(),
        name,
        city: opt(city),
        primary_color: "#1f4e79".into(),
        accent_color: "#f2a900".into(),
        default_lang: lang,
        plan: opt(plan).filter(|_| kind == TenantKind::Club),
    };
    let created = tenants::provision(
        &c.services.db,
        &c.services.mailer,
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        new,
        opt(parent),
        admin,
    )
    .await?;
    done(&format!("/admin?done=created&tenant={}", created.slug));
    Ok(())
}

/// Suspends (`active=no`) or reactivates (`active=yes`) a club or federation
/// (`platform.manage`).
#[server(prefix = "/api", endpoint = "set_tenant_status")]
pub async fn set_tenant_status(slug: String, active: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    let active = match active.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::field("active", tessera_common::Msg::ErrYesNo)),
    };
    tessera_core::tenants::set_status(&c.services.db, &scope, &c.actor, c.now(), &slug, active)
        .await?;
    done(if active {
        "/admin?done=reactivated"
    } else {
        "/admin?done=suspended"
    });
    Ok(())
}

/// Assigns a plan to a club (`platform.manage`); it applies from the club's next request.
#[server(prefix = "/api", endpoint = "assign_plan")]
pub async fn assign_plan(slug: String, plan: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    tessera_core::tenants::assign_plan(&c.services.db, &scope, &c.actor, c.now(), &slug, &plan)
        .await?;
    done("/admin?done=plan");
    Ok(())
}

/// Invites an administrator for a club or federation (`platform.manage`): setting up a new
/// tenant, or helping one that lost its administrators.
#[server(prefix = "/api", endpoint = "invite_tenant_admin")]
pub async fn invite_tenant_admin(
    slug: String,
    email: String,
    name: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    tessera_core::tenants::invite_tenant_admin(
        &c.services.db,
        &c.services.mailer,
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        &slug,
        &email,
        &name,
    )
    .await?;
    done("/admin?done=invited");
    Ok(())
}
