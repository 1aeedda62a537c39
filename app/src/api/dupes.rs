//! Server functions of duplicate records (issue 19): a record's possible
//! duplicates, the merge of two records, a guardian linked by hand, a record deleted.
//! Everything here needs `members.edit`.

// A server function's arguments are its form's fields, one per input.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use std::collections::BTreeMap;
use tessera_common::dupes::{Duplicate, GuardianChoice, MergePreview};
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::{parse_id, parse_version};
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The records that may be the same person as record `id` (`members.edit`).
#[server(prefix = "/api", endpoint = "member_duplicates")]
pub async fn get_member_duplicates(club: String, id: String) -> Result<Vec<Duplicate>, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let mid: tessera_common::MemberId = parse_id(&id)?;
    tessera_core::dupes::of_member(&c.services.db, &scope, mid).await
}

/// Both records of a merge, for its confirmation page (`members.edit`): `id` stays,
/// `other` goes.
#[server(prefix = "/api", endpoint = "merge_preview")]
pub async fn get_merge_preview(
    club: String,
    id: String,
    other: String,
) -> Result<MergePreview, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let keep: tessera_common::MemberId = parse_id(&id)?;
    let remove: tessera_common::MemberId = parse_id(&other)?;
    tessera_core::dupes::preview(&c.services.db, &scope, keep, remove).await
}

/// Merges record `remove` into record `keep` (`members.edit`), at the versions the page
/// showed; `take[field]=remove` takes that field's value from the record that goes.
#[server(prefix = "/api", endpoint = "merge_members")]
pub async fn merge_members(
    club: String,
    keep: String,
    remove: String,
    #[server(default)] keep_version: String,
    #[server(default)] remove_version: String,
    #[server(default)] take: BTreeMap<String, String>,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let k: tessera_common::MemberId = parse_id(&keep)?;
    let r: tessera_common::MemberId = parse_id(&remove)?;
    let versions = (
        parse_version(&keep_version)?,
        parse_version(&remove_version)?,
    );
    let fields = take
        .into_iter()
        .filter(|(_, v)| v == "remove")
        .map(|(f, _)| f)
        .collect();
    tessera_core::dupes::merge(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        k,
        r,
        versions,
        &fields,
    )
    .await?;
    done(&format!(
        "/c/{}/members/{k}?done=merged",
        scope.tenant().slug
    ));
    Ok(())
}

/// Deletes a member record (`members.edit`) at the version its confirmation page showed.
#[server(prefix = "/api", endpoint = "delete_member")]
pub async fn delete_member(
    club: String,
    id: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let mid: tessera_common::MemberId = parse_id(&id)?;
    let v = parse_version(&version)?;
    tessera_core::dupes::delete(&c.services.db, &scope, &c.actor, c.now(), mid, v).await?;
    done(&format!("/c/{}/members?done=deleted", scope.tenant().slug));
    Ok(())
}

/// A minor's guardians and the adults a search finds (`members.edit`).
#[server(prefix = "/api", endpoint = "guardian_choice")]
pub async fn get_guardian_choice(
    club: String,
    id: String,
    #[server(default)] q: String,
) -> Result<GuardianChoice, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let mid: tessera_common::MemberId = parse_id(&id)?;
    tessera_core::dupes::guardian_choice(&c.services.db, &scope, c.now(), mid, &q).await
}

/// Makes member `guardian` a guardian of the minor `id` (`members.edit`).
#[server(prefix = "/api", endpoint = "link_guardian")]
pub async fn link_guardian(club: String, id: String, guardian: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let child: tessera_common::MemberId = parse_id(&id)?;
    let g: tessera_common::MemberId = parse_id(&guardian)?;
    tessera_core::dupes::link_guardian(&c.services.db, &scope, &c.actor, c.now(), child, g).await?;
    done(&format!(
        "/c/{}/members/{child}/guardians?done=linked",
        scope.tenant().slug
    ));
    Ok(())
}

/// Ends member `guardian`'s link to `id` (`members.edit`).
#[server(prefix = "/api", endpoint = "unlink_guardian")]
pub async fn unlink_guardian(club: String, id: String, guardian: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let child: tessera_common::MemberId = parse_id(&id)?;
    let g: tessera_common::MemberId = parse_id(&guardian)?;
    tessera_core::dupes::unlink_guardian(&c.services.db, &scope, &c.actor, c.now(), child, g)
        .await?;
    done(&format!(
        "/c/{}/members/{child}/guardians?done=unlinked",
        scope.tenant().slug
    ));
    Ok(())
}
