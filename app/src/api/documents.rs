//! Server functions of member documents and the everyday lists: the documents
//! page (kinds and what expires soon, `documents.view`), adding and removing kinds and
//! documents (`documents.manage`; the upload itself is a multipart route of the server,
//! `server/src/document_files.rs`), a member's documents, birthdays this week for the club
//! home, and the print pages (member card, team list; `members.view`).

use leptos::prelude::*;
use tessera_common::documents::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::parse_id;
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The documents page: kinds and the list of what expires within 30 days (`documents.view`).
#[server(prefix = "/api", endpoint = "documents_overview")]
pub async fn get_documents_overview(club: String) -> Result<DocumentsOverview, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::documents::overview(&c.services.db, &scope, c.now()).await
}

/// Adds a kind of document (`documents.manage`).
#[server(prefix = "/api", endpoint = "add_document_kind")]
pub async fn add_document_kind(#[server(flatten)] input: DocumentKindForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    tessera_core::documents::add_kind(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &input.name,
        input.expiry_required.is_some(),
    )
    .await?;
    done(&format!("/c/{}/documents?done=kind", scope.tenant().slug));
    Ok(())
}

/// Removes a kind no document uses (`documents.manage`).
#[server(prefix = "/api", endpoint = "remove_document_kind")]
pub async fn remove_document_kind(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    tessera_core::documents::remove_kind(&c.services.db, &scope, &c.actor, c.now(), id).await?;
    done(&format!("/c/{}/documents?done=kind", scope.tenant().slug));
    Ok(())
}

/// A member's documents (`documents.view`).
#[server(prefix = "/api", endpoint = "member_documents")]
pub async fn get_member_documents(
    club: String,
    member: String,
) -> Result<MemberDocuments, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let member = parse_id(&member)?;
    tessera_core::documents::of_member(&c.services.db, &scope, c.now(), member).await
}

/// Removes a document (`documents.manage`), back to its member's page.
#[server(prefix = "/api", endpoint = "remove_document")]
pub async fn remove_document(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let member =
        tessera_core::documents::remove(&c.services.db, &scope, &c.actor, c.now(), id).await?;
    done(&format!(
        "/c/{}/members/{member}?done=document_removed",
        scope.tenant().slug
    ));
    Ok(())
}

/// Birthdays this week, for the club home (`None` without `members.view`).
#[server(prefix = "/api", endpoint = "birthdays")]
pub async fn get_birthdays(club: String) -> Result<Option<Birthdays>, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::documents::lists::birthdays(&c.services.db, &scope, c.now()).await
}

/// A member card to print (`members.view`).
#[server(prefix = "/api", endpoint = "member_card")]
pub async fn get_member_card(club: String, member: String) -> Result<MemberCard, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let member = parse_id(&member)?;
    tessera_core::documents::lists::member_card(&c.services.db, &scope, c.now(), member).await
}

/// A group's list with emergency contacts, to print (`members.view`).
#[server(prefix = "/api", endpoint = "team_list")]
pub async fn get_team_list(club: String, group: String) -> Result<TeamList, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let group: i64 = parse_id(&group)?;
    tessera_core::documents::lists::team_list(&c.services.db, &scope, c.now(), group).await
}
