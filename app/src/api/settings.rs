//! Server functions of the club's settings: modules, roles, administrators, look & feel,
//! and the exports history. Changes answer a plain form post with a redirect to the page
//! they came from (`?done=…`, or the error in the query), so they work without JavaScript.

use leptos::prelude::*;
use tessera_common::dto::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

#[cfg(feature = "ssr")]
use super::{parse_id, parse_version};

/// The club's modules and what its plan allows (`settings.manage`).
#[server(prefix = "/api", endpoint = "module_settings")]
pub async fn get_module_settings(club: String) -> Result<ModuleSettings, AppError> {
    let c = ctx().await?;
    c.once(format!("module_settings:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::module_settings::settings(&c.services.db, &scope).await
    })
    .await
}

/// Switches a module on (`on=on`) or off (`on=off`) (`settings.manage`).
#[server(prefix = "/api", endpoint = "switch_module")]
pub async fn switch_module(club: String, module: String, on: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let on = match on.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(AppError::field("on", tessera_common::Msg::ErrOnOff)),
    };
    tessera_core::module_settings::switch(&c.services.db, &scope, &c.actor, c.now(), &module, on)
        .await?;
    done(&format!(
        "/c/{}/settings/modules?done={}",
        scope.tenant().slug,
        if on { "module_on" } else { "module_off" }
    ));
    Ok(())
}

/// The club's roles as a roles × permissions matrix (`roles.manage`).
#[server(prefix = "/api", endpoint = "roles")]
pub async fn get_roles(club: String) -> Result<RolesOverview, AppError> {
    let c = ctx().await?;
    c.once(format!("roles:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::roles::overview(&c.services.db, &scope).await
    })
    .await
}

/// One role with its holders (`roles.manage`).
#[server(prefix = "/api", endpoint = "role")]
pub async fn get_role(club: String, id: String) -> Result<RoleDetail, AppError> {
    let c = ctx().await?;
    c.once(format!("role:{club}:{id}"), async {
        let scope = c.club(&club).await?;
        tessera_core::roles::detail(&c.services.db, &scope, parse_id(&id)?).await
    })
    .await
}

/// Creates a role (`roles.manage`). `staff` is a checkbox (present when ticked).
#[server(prefix = "/api", endpoint = "create_role")]
pub async fn create_role(#[server(flatten)] input: CreateRoleInput) -> Result<(), AppError> {
    let CreateRoleInput {
        club,
        name,
        staff,
        permissions,
    } = input;
    use tessera_core::roles::{self, RoleInput};
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let input = RoleInput {
        name,
        staff: staff.is_some(),
        permissions,
    };
    let id = roles::create(&c.services.db, &scope, &c.actor, c.now(), input).await?;
    done(&format!(
        "/c/{}/settings/roles/{id}?done=created",
        scope.tenant().slug
    ));
    Ok(())
}

/// Renames a role and sets its staff flag and permissions (`roles.manage`); `version` is
/// the version the form was opened at.
#[server(prefix = "/api", endpoint = "update_role")]
pub async fn update_role(#[server(flatten)] input: UpdateRoleInput) -> Result<(), AppError> {
    let UpdateRoleInput {
        club,
        id,
        version,
        name,
        staff,
        permissions,
    } = input;
    use tessera_core::roles::{self, RoleInput};
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: tessera_common::RoleId = parse_id(&id)?;
    let input = RoleInput {
        name,
        staff: staff.is_some(),
        permissions,
    };
    roles::update(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        id,
        input,
        parse_version(&version)?,
    )
    .await?;
    done(&format!(
        "/c/{}/settings/roles/{id}?done=saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// Deletes a role (`roles.manage`).
#[server(prefix = "/api", endpoint = "delete_role")]
pub async fn delete_role(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::roles::delete(&c.services.db, &scope, &c.actor, c.now(), parse_id(&id)?).await?;
    done(&format!(
        "/c/{}/settings/roles?done=deleted",
        scope.tenant().slug
    ));
    Ok(())
}

/// Sets the roles of the account linked to a member record (`roles.manage`): `roles` is
/// the whole new set.
#[server(prefix = "/api", endpoint = "assign_roles")]
pub async fn assign_roles(#[server(flatten)] input: AssignRolesInput) -> Result<(), AppError> {
    let AssignRolesInput {
        club,
        member,
        membership,
        roles,
    } = input;
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let member: tessera_common::MemberId = parse_id(&member)?;
    let mut ids = Vec::new();
    for r in &roles {
        ids.push(
            r.trim()
                .parse()
                .map_err(|_| AppError::field("roles", tessera_common::Msg::ErrRoleMissing))?,
        );
    }
    // The membership must be the one linked to this member record.
    let account = tessera_core::roles::account_roles(&c.services.db, &scope, member)
        .await?
        .ok_or(AppError::NotFound)?;
    if account.membership != parse_id(&membership)? {
        return Err(AppError::NotFound);
    }
    tessera_core::roles::assign(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        account.membership,
        &ids,
    )
    .await?;
    done(&format!(
        "/c/{}/members/{member}?done=roles_saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// Gives a role to the person with an account in the club under `email` (`roles.manage`).
#[server(prefix = "/api", endpoint = "add_role_holder")]
pub async fn add_role_holder(club: String, id: String, email: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: tessera_common::RoleId = parse_id(&id)?;
    tessera_core::roles::add_holder(&c.services.db, &scope, &c.actor, c.now(), id, &email).await?;
    done(&format!(
        "/c/{}/settings/roles/{id}?done=holder_added",
        scope.tenant().slug
    ));
    Ok(())
}

/// Takes a role from one of its holders (`roles.manage`).
#[server(prefix = "/api", endpoint = "remove_role_holder")]
pub async fn remove_role_holder(
    club: String,
    id: String,
    membership: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: tessera_common::RoleId = parse_id(&id)?;
    tessera_core::roles::remove_holder(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        id,
        parse_id(&membership)?,
    )
    .await?;
    done(&format!(
        "/c/{}/settings/roles/{id}?done=holder_removed",
        scope.tenant().slug
    ));
    Ok(())
}

/// The club's terms of use and how many accepted them (`settings.manage`).
#[server(prefix = "/api", endpoint = "terms_settings")]
pub async fn get_terms_settings(club: String) -> Result<TermsSettings, AppError> {
    let c = ctx().await?;
    c.once(format!("terms_settings:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::terms::settings(&c.services.db, &scope).await
    })
    .await
}

/// Publishes a new version of the club's terms of use (`settings.manage`).
#[server(prefix = "/api", endpoint = "publish_terms")]
pub async fn publish_terms(club: String, body: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::terms::publish(&c.services.db, &scope, &c.actor, c.now(), &body).await?;
    // Publishing asks everyone, the publisher included, to accept the new version.
    done(&format!("/c/{}?done=terms_published", scope.tenant().slug));
    Ok(())
}

/// Accepts version `number` of the club's terms of use (anyone in the club).
#[server(prefix = "/api", endpoint = "accept_terms")]
pub async fn accept_terms(club: String, number: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club_before_terms(&club).await?;
    let number: i64 = number
        .trim()
        .parse()
        .map_err(|_| AppError::field("number", tessera_common::Msg::ErrTermsNoVersion))?;
    tessera_core::terms::accept(&c.services.db, &scope, &c.actor, c.now(), number).await?;
    done(&format!("/c/{}", scope.tenant().slug));
    Ok(())
}

/// The club's administrators and the plan's cap (`roles.manage`).
#[server(prefix = "/api", endpoint = "admins")]
pub async fn get_admins(club: String) -> Result<AdminsOverview, AppError> {
    let c = ctx().await?;
    c.once(format!("admins:{club}"), async {
        let scope = c.club(&club).await?;
        let mut overview = tessera_core::roles::admins(&c.services.db, &scope).await?;
        overview.pending =
            tessera_core::roles::pending_admin_invitations(&c.services.db, &scope, c.now()).await?;
        Ok(overview)
    })
    .await
}

/// Invites an administrator by e-mail (`roles.manage`), within the plan's cap.
#[server(prefix = "/api", endpoint = "invite_admin")]
pub async fn invite_admin(club: String, email: String, name: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let what = tessera_core::roles::invite_admin(
        &c.services.db,
        &c.services.mailer,
        &c.services.public_url,
        &scope,
        &c.actor,
        c.now(),
        &email,
        &name,
    )
    .await?;
    let done_as = match what {
        tessera_core::roles::AdminInvite::Added => "added",
        tessera_core::roles::AdminInvite::Invited => "invited",
    };
    done(&format!(
        "/c/{}/settings/admins?done={done_as}",
        scope.tenant().slug
    ));
    Ok(())
}

/// Withdraws a pending administrator invitation (`roles.manage`): its link stops working.
#[server(prefix = "/api", endpoint = "withdraw_admin_invitation")]
pub async fn withdraw_admin_invitation(club: String, invitation: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::roles::withdraw_admin_invitation(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        parse_id(&invitation)?,
    )
    .await?;
    done(&format!(
        "/c/{}/settings/admins?done=withdrawn",
        scope.tenant().slug
    ));
    Ok(())
}

/// Accepts an administrator invitation of `club` (the link's token) as the signed-in
/// person, whose address must be the invited one. The club is resolved publicly: the
/// person is not a member yet.
#[server(prefix = "/api", endpoint = "accept_admin_invitation")]
pub async fn accept_admin_invitation(club: String, token: String) -> Result<(), AppError> {
    let c = ctx().await?;
    c.me()?;
    let scope = tessera_core::scope::resolve_public(&c.services.db, &club, c.now()).await?;
    tessera_core::roles::accept_admin_invitation(&c.services.db, &scope, &c.actor, c.now(), &token)
        .await?;
    done(&format!("/c/{}", scope.tenant().slug));
    Ok(())
}

/// Takes the administrator role from a person (`roles.manage`); never the last one.
#[server(prefix = "/api", endpoint = "remove_admin")]
pub async fn remove_admin(club: String, membership: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::roles::remove_admin(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        parse_id(&membership)?,
    )
    .await?;
    done(&format!(
        "/c/{}/settings/admins?done=removed",
        scope.tenant().slug
    ));
    Ok(())
}

/// The club's look (`settings.manage`).
#[server(prefix = "/api", endpoint = "look")]
pub async fn get_look(club: String) -> Result<LookSettings, AppError> {
    let c = ctx().await?;
    c.once(format!("look:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::tenants::look(&scope)
    })
    .await
}

/// Changes the club's display name, colours and default language (`settings.manage`).
#[server(prefix = "/api", endpoint = "update_look")]
pub async fn update_look(#[server(flatten)] input: UpdateLookInput) -> Result<(), AppError> {
    let UpdateLookInput {
        club,
        version,
        name,
        primary_color,
        accent_color,
        default_lang,
    } = input;
    use tessera_core::tenants::{self, LookInput};
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tenants::update_look(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        LookInput {
            name,
            primary_color,
            accent_color,
            default_lang,
        },
        parse_version(&version)?,
    )
    .await?;
    done(&format!(
        "/c/{}/settings/look?done=saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// Removes the club's logo (`settings.manage`). Uploading goes through
/// `POST /c/{club}/settings/look/logo` (a file upload with its own size limit).
#[server(prefix = "/api", endpoint = "remove_logo")]
pub async fn remove_logo(club: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::tenants::remove_logo(&c.services.db, &scope, &c.actor, c.now()).await?;
    done(&format!(
        "/c/{}/settings/look?done=logo_removed",
        scope.tenant().slug
    ));
    Ok(())
}

/// The exports executed in the club (`exports.run`). Running one goes through
/// `POST /c/{club}/exports/members.csv` (a file download).
#[server(prefix = "/api", endpoint = "export_history")]
pub async fn get_export_history(club: String) -> Result<Vec<ExportEntry>, AppError> {
    let c = ctx().await?;
    c.once(format!("export_history:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::exports::history(&c.services.db, &scope, 50).await
    })
    .await
}
