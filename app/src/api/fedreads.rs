//! Server functions of a federation's reads of its licensed people (xfer18): the search
//! page and a person's federation view. Each call is a logged read (in the club's event
//! log), made once per request.

use leptos::prelude::*;
use tessera_common::fedreads::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::parse_id;
#[cfg(feature = "ssr")]
use crate::ssr::ctx;

/// A page of the search of licensed people (`q`: a family name's start or a licence
/// number; `club`: a club's slug or empty; `page` from 1).
#[server(prefix = "/api", endpoint = "federation_people")]
pub async fn get_federation_people(
    federation: String,
    q: String,
    club: String,
    page: String,
) -> Result<FedPeoplePage, AppError> {
    let c = ctx().await?;
    let key = format!("federation_people:{federation}:{q}:{club}:{page}");
    let page: i64 = match page.trim() {
        "" => 1,
        p => p.parse().map_err(|_| AppError::NotFound)?,
    };
    let query = tessera_core::fedreads::PeopleQuery { q, club, page };
    c.once(key, async {
        let scope = c.federation(&federation).await?;
        tessera_core::fedreads::search(&c.services.db, &scope, &query, c.now()).await
    })
    .await
}

/// A licensed person's federation view: the fields their club shares, their licences.
#[server(prefix = "/api", endpoint = "federation_person")]
pub async fn get_federation_person(
    federation: String,
    person: String,
) -> Result<FedPersonView, AppError> {
    let c = ctx().await?;
    c.once(format!("federation_person:{federation}:{person}"), async {
        let scope = c.federation(&federation).await?;
        let id: i64 = parse_id(&person)?;
        tessera_core::fedreads::person(&c.services.db, &scope, id, c.now()).await
    })
    .await
}

/// A page of the federation's own event log (fedlog18, `clubs.view`; `page` from 1).
#[server(prefix = "/api", endpoint = "federation_log")]
pub async fn get_federation_log(federation: String, page: String) -> Result<FedLogPage, AppError> {
    let c = ctx().await?;
    let page: i64 = match page.trim() {
        "" => 1,
        p => p.parse().map_err(|_| AppError::NotFound)?,
    };
    let scope = c.federation(&federation).await?;
    let (events, has_more) =
        tessera_core::accounts::federation_events(&c.services.db, &scope, page).await?;
    Ok(FedLogPage {
        federation: scope.tenant().slug.clone(),
        federation_name: scope.tenant().name.clone(),
        page: page.clamp(1, 100_000),
        has_more,
        events: events
            .into_iter()
            .map(|e| tessera_common::dto::ClubEventEntry {
                kind: e.kind,
                detail: e.detail,
                at: e.at,
                person: e.person,
            })
            .collect(),
    })
}
