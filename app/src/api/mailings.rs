//! Server functions of mailings (`mailings.send`): the list, the new-mailing
//! form's choices, one mailing with a preview, creating a draft and sending it.

use leptos::prelude::*;
use tessera_common::mailing::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::{parse_id, parse_version};
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done, keep_draft_if_refused, take_draft};

#[cfg(feature = "ssr")]
fn mailing_draft_key(club: &str) -> String {
    format!("draft:mailing:{club}")
}

/// The club's mailings with their delivery figures.
#[server(prefix = "/api", endpoint = "mailings")]
pub async fn get_mailings(club: String) -> Result<Vec<MailingSummary>, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::mailings::list(&c.services.db, &scope).await
}

/// What the new-mailing form offers, and the form as posted when it was refused.
#[server(prefix = "/api", endpoint = "mailing_choices")]
pub async fn get_mailing_choices(
    club: String,
) -> Result<(MailingChoices, Option<MailingForm>), AppError> {
    let c = ctx().await?;
    // Once per request: the page may ask again while rendering, and the draft is taken.
    c.once(format!("mailing_choices:{club}"), async {
        let scope = c.club(&club).await?;
        let choices = tessera_core::mailings::choices(&c.services.db, &scope).await?;
        Ok((
            choices,
            take_draft(&c.session, &mailing_draft_key(&club)).await,
        ))
    })
    .await
}

/// One mailing: texts, figures, what did not arrive, and the mail as the recipient `to`
/// (`member:to_member`; the first when empty) gets it.
#[server(prefix = "/api", endpoint = "mailing")]
pub async fn get_mailing(club: String, id: String, to: String) -> Result<MailingDetail, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let to = to.trim();
    tessera_core::mailings::detail(
        &c.services.db,
        &scope,
        c.now(),
        id,
        (!to.is_empty()).then_some(to),
    )
    .await
}

/// Stores a new mailing as a draft and opens it with its preview.
#[server(prefix = "/api", endpoint = "create_mailing")]
pub async fn create_mailing(#[server(flatten)] input: MailingForm) -> Result<(), AppError> {
    use tessera_core::mailings;
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    scope.require(tessera_common::modules::MAILINGS_SEND)?;
    let result = async {
        let parsed = mailings::parse_form(&input, scope.tenant().default_lang)?;
        mailings::create(&c.services.db, &scope, &c.actor, c.now(), &parsed).await
    }
    .await;
    let id =
        keep_draft_if_refused(&c.session, &mailing_draft_key(&input.club), &input, result).await?;
    done(&format!("/c/{}/mailings/{id}", scope.tenant().slug));
    Ok(())
}

/// Sends a draft: queues one mail per address; the page shows the progress.
#[server(prefix = "/api", endpoint = "send_mailing")]
pub async fn send_mailing(club: String, id: String, version: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let version = parse_version(&version)?;
    tessera_core::mailings::send(&c.services.db, &scope, &c.actor, c.now(), id, version).await?;
    done(&format!(
        "/c/{}/mailings/{id}?done=sent",
        scope.tenant().slug
    ));
    Ok(())
}
