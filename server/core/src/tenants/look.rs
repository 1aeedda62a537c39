//! A club's look: colours, default language and logo, read and changed by its
//! administrators, served to every page.

use super::model::*;
use super::storage::*;
use super::validation::*;
use crate::db::Db;
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use crate::tenancy::is_valid_slug;
use crate::{accounts, args};
use tessera_common::dto::{LookSettings, TenantKind};
use tessera_common::modules::SETTINGS_MANAGE;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, Lang};
use tessera_common::{Msg, Problem};

/// The club's look as its settings page shows it.
pub fn look(scope: &TenantScope) -> Result<LookSettings> {
    scope.require(SETTINGS_MANAGE)?;
    let t = scope.tenant();
    Ok(LookSettings {
        name: t.name.clone(),
        primary_color: t.primary_color.clone(),
        accent_color: t.accent_color.clone(),
        default_lang: t.default_lang.code().to_string(),
        logo: t.logo_url(),
        version: t.version,
        stamp: t.stamp.clone(),
    })
}

/// Changes the club's display name, colours and default language, all checked first and
/// saved together; a change made meanwhile by someone else is a conflict.
pub async fn update_look(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    input: LookInput,
    expected_version: i64,
) -> Result<()> {
    scope.require(SETTINGS_MANAGE)?;
    scope.writable()?;
    let mut problems = Vec::new();
    let name = match crate::accounts::identities::check_name("name", &input.name) {
        Ok(n) => n,
        Err(AppError::Invalid(mut f)) => {
            problems.append(&mut f);
            String::new()
        }
        Err(e) => return Err(e),
    };
    let name = name.as_str();
    let lang = Lang::ALL
        .into_iter()
        .find(|l| l.code() == input.default_lang);
    if lang.is_none() {
        problems.push(tessera_common::FieldError {
            field: "default_lang".into(),
            problem: Msg::ErrChooseLang.into(),
        });
    }
    let primary = input.primary_color.trim().to_ascii_lowercase();
    let accent = input.accent_color.trim().to_ascii_lowercase();
    if let Err(AppError::Invalid(mut more)) = check_colors(&primary, &accent) {
        problems.append(&mut more);
    }
    let Some(lang) = lang.filter(|_| problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let mut tx = db.platform(true).await?;
    let n = tx
        .execute(
            "UPDATE tenants SET name = $2, primary_color = $3, accent_color = $4, default_lang = $5, \
             updated_at = $6, updated_by = $7, updated_by_name = $8, version = version + 1 \
             WHERE id = $1 AND version = $9",
            args![
                scope.tenant_id(),
                name,
                primary,
                accent,
                lang.code(),
                now,
                actor.identity,
                actor.stamp_name(),
                expected_version
            ],
        )
        .await?;
    if n != 1 {
        let t = scope.tenant();
        return Err(AppError::Conflict(
            Problem::new(Msg::ErrSettingsChanged)
                .arg_or("who", t.stamp.by.clone(), Msg::SystemActor)
                .arg("when", t.stamp.at.format_brussels()),
        ));
    }
    accounts::log_in_tx(
        &mut tx,
        actor.identity,
        Some(scope.tenant_id()),
        "look_changed",
        Some(name),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    db.langs.clear();
    Ok(())
}

/// The logo of the tenant at this path, if it exists and has one. Public, like the
/// tenant's name: it appears on its public pages and in its mails.
pub async fn logo(db: &Db, kind: TenantKind, slug: &str) -> Result<Option<Logo>> {
    if !is_valid_slug(slug) {
        return Ok(None);
    }
    let mut tx = db.platform(false).await?;
    let row: Option<Logo> = tx
        .fetch_optional(
            "SELECT l.content_type, l.data, l.hash FROM tenant_logos l JOIN tenants t ON t.id = l.tenant_id \
             WHERE t.slug = $1 AND t.kind = $2 AND t.status = 'active'",
            args![slug, kind.as_str()],
        )
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// Stores a checked logo (see `logo::check`) for the club in `scope`, replacing any other.
pub async fn set_logo(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    logo: crate::tenants::logo::CheckedLogo,
) -> Result<()> {
    scope.require(SETTINGS_MANAGE)?;
    scope.writable()?;
    let mut tx = db.platform(true).await?;
    // The logo is the club's: written with the club set for row-level security.
    tx.as_tenant(scope.tenant_id(), scope.identity_id().map(|i| i.0))
        .await?;
    tx.execute(
        "DELETE FROM tenant_logos WHERE tenant_id = $1",
        args![scope.tenant_id()],
    )
    .await?;
    tx.execute(
        "INSERT INTO tenant_logos (tenant_id, content_type, data, hash, updated_at, updated_by, updated_by_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        args![
            scope.tenant_id(),
            logo.content_type,
            logo.data,
            logo.hash,
            now,
            actor.identity,
            actor.stamp_name()
        ],
    )
    .await?;
    touch(&mut tx, scope, actor, now).await?;
    let detail = format!(
        "{} · {} × {} px",
        logo.content_type, logo.width, logo.height
    );
    accounts::log_in_tx(
        &mut tx,
        actor.identity,
        Some(scope.tenant_id()),
        "logo_changed",
        Some(&detail),
        None,
        now,
    )
    .await?;
    tx.commit().await
}

/// Removes the club's logo.
pub async fn remove_logo(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
) -> Result<()> {
    scope.require(SETTINGS_MANAGE)?;
    scope.writable()?;
    let mut tx = db.platform(true).await?;
    tx.as_tenant(scope.tenant_id(), scope.identity_id().map(|i| i.0))
        .await?;
    let n = tx
        .execute(
            "DELETE FROM tenant_logos WHERE tenant_id = $1",
            args![scope.tenant_id()],
        )
        .await?;
    if n > 0 {
        touch(&mut tx, scope, actor, now).await?;
        accounts::log_in_tx(
            &mut tx,
            actor.identity,
            Some(scope.tenant_id()),
            "logo_removed",
            None,
            None,
            now,
        )
        .await?;
    }
    tx.commit().await
}
