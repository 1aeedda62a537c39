//! Server functions of the members' data-protection rights (issue 17): the My data page
//! (the caller's own data or a minor child's), asking the club, the staff queue
//! (`privacy.requests`) and its steps, lifting a restriction (`members.edit`), and the
//! overdue count of the club home. The download itself is a form post to
//! `/c/{club}/me/privacy/download` (server/src/rights_files.rs).

use leptos::prelude::*;
use tessera_common::rights::{MyData, RequestQueue};
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::parse_id;
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done, keep_draft_if_refused, take_draft};

#[cfg(feature = "ssr")]
fn child_of(child: &str) -> Result<Option<tessera_common::MemberId>, AppError> {
    match child.trim() {
        "" => Ok(None),
        c => parse_id(c).map(Some),
    }
}

#[cfg(feature = "ssr")]
fn draft_key(club: &str, child: &str) -> String {
    format!("draft:privacy:{club}:{}", child.trim())
}

/// The My data page and what was typed into a refused request (once).
#[server(prefix = "/api", endpoint = "my_data")]
pub async fn get_my_data(
    club: String,
    #[server(default)] child: String,
) -> Result<(MyData, Option<(String, String)>), AppError> {
    let c = ctx().await?;
    c.once(format!("my_data:{club}:{child}"), async {
        let scope = c.club_own_data(&club).await?;
        let data =
            tessera_core::rights::my_data(&c.services.db, &scope, c.now(), child_of(&child)?)
                .await?;
        let draft = take_draft(&c.session, &draft_key(&club, &child)).await;
        Ok((data, draft))
    })
    .await
}

/// A member (or a guardian for a minor child) asks the club.
#[server(prefix = "/api", endpoint = "ask_privacy")]
pub async fn ask_privacy(
    club: String,
    #[server(default)] child: String,
    #[server(default)] kind: String,
    #[server(default)] details: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club_own_data(&club).await?;
    let result = match child_of(&child) {
        Ok(ch) => tessera_core::rights::ask(
            &c.services.db,
            &c.services.mailer,
            &scope,
            &c.actor,
            c.now(),
            ch,
            &kind,
            &details,
        )
        .await
        .map(|_| ()),
        Err(e) => Err(e),
    };
    keep_draft_if_refused(
        &c.session,
        &draft_key(&club, &child),
        &(kind.clone(), details.clone()),
        result,
    )
    .await?;
    let slug = &scope.tenant().slug;
    match child_of(&child)? {
        Some(ch) => done(&format!("/c/{slug}/me/privacy?child={ch}&done=asked")),
        None => done(&format!("/c/{slug}/me/privacy?done=asked")),
    }
    Ok(())
}

/// The staff queue (`privacy.requests`).
#[server(prefix = "/api", endpoint = "privacy_queue")]
pub async fn get_privacy_queue(club: String) -> Result<RequestQueue, AppError> {
    let c = ctx().await?;
    c.once(format!("privacy_queue:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::rights::queue(&c.services.db, &scope, c.now()).await
    })
    .await
}

/// Staff move a request on (`privacy.requests`): `action` is `start`, `extend` (with
/// `months` 1 or 2 and a `reason`), `refuse` (with a `reason`) or `complete`.
#[server(prefix = "/api", endpoint = "privacy_request_action")]
pub async fn privacy_request_action(
    club: String,
    id: String,
    #[server(default)] version: String,
    #[server(default)] action: String,
    #[server(default)] months: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use tessera_core::rights::Action;
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let rid: i64 = parse_id(&id)?;
    let version = super::parse_version(&version)?;
    let action = match action.as_str() {
        "start" => Action::Start,
        "extend" => Action::Extend {
            months: months
                .trim()
                .parse()
                .map_err(|_| AppError::field("months", tessera_common::Msg::ErrRightsMonths))?,
            reason,
        },
        "refuse" => Action::Refuse { reason },
        "complete" => Action::Complete,
        _ => return Err(AppError::NotFound),
    };
    tessera_core::rights::act(
        &c.services.db,
        Some(&c.services.mailer),
        &scope,
        &c.actor,
        c.now(),
        rid,
        version,
        action,
    )
    .await?;
    done(&format!(
        "/c/{}/privacy/requests?done=saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// Lifts the restriction of a record (`members.edit`).
#[server(prefix = "/api", endpoint = "lift_restriction")]
pub async fn lift_restriction(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let mid: tessera_common::MemberId = parse_id(&id)?;
    tessera_core::rights::lift_restriction(&c.services.db, &scope, &c.actor, c.now(), mid).await?;
    done(&format!(
        "/c/{}/members/{mid}?done=lifted",
        scope.tenant().slug
    ));
    Ok(())
}

/// How many requests are past their deadline, for those who work the queue (else none).
#[server(prefix = "/api", endpoint = "privacy_overdue")]
pub async fn get_privacy_overdue(club: String) -> Result<Option<i64>, AppError> {
    let c = ctx().await?;
    c.once(format!("privacy_overdue:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::rights::overdue_count(&c.services.db, &scope, c.now()).await
    })
    .await
}
