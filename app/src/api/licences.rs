//! Server functions of licences (issue 18): the federation's seasons, categories and
//! licence decisions (`licences.manage`), the club's requests and its members' licences
//! (`licences.request`), and a member's own licences (My details).

use leptos::prelude::*;
use tessera_common::licence::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The federation's licences page (`licences.manage`): seasons, categories, licences.
/// Shows names and birth dates of licensed people: a federation read of personal data.
#[server(prefix = "/api", endpoint = "fed_licences")]
pub async fn get_fed_licences(
    federation: String,
    season: String,
    status: String,
) -> Result<FedLicences, AppError> {
    let c = ctx().await?;
    // A logged read (fedlog18): once per request, however often the page asks.
    let key = format!("fed_licences:{federation}:{season}:{status}");
    c.once(key, async {
        let scope = c.federation(&federation).await?;
        tessera_core::licences::overview(
            &c.services.db,
            &scope,
            c.now(),
            &FedLicenceFilter { season, status },
        )
        .await
    })
    .await
}

/// Adds a season (`licences.manage`).
#[server(prefix = "/api", endpoint = "add_fed_season")]
pub async fn add_fed_season(#[server(flatten)] input: SeasonForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&input.federation).await?;
    tessera_core::licences::add_season(&c.services.db, &scope, &c.actor, c.now(), &input).await?;
    done(&format!("/f/{}/licences?done=season", scope.tenant().slug));
    Ok(())
}

/// Adds a licence category (`licences.manage`).
#[server(prefix = "/api", endpoint = "add_licence_category")]
pub async fn add_licence_category(#[server(flatten)] input: CategoryForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&input.federation).await?;
    tessera_core::licences::add_category(&c.services.db, &scope, &c.actor, c.now(), &input).await?;
    done(&format!(
        "/f/{}/licences?done=category",
        scope.tenant().slug
    ));
    Ok(())
}

/// Approves, refuses (with a reason), suspends or ends the ticked licences
/// (`licences.manage`).
#[server(prefix = "/api", endpoint = "decide_licences")]
pub async fn decide_licences(#[server(flatten)] input: DecideForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.federation(&input.federation).await?;
    let ids: Vec<i64> = input
        .ids
        .iter()
        .map(|i| super::parse_id(i))
        .collect::<Result<_, _>>()?;
    tessera_core::licences::decide(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &input.action,
        &input.reason,
        &ids,
    )
    .await?;
    done(&format!("/f/{}/licences?done=decided", scope.tenant().slug));
    Ok(())
}

/// The club's licences page (`licences.request`).
#[server(prefix = "/api", endpoint = "club_licences")]
pub async fn get_club_licences(club: String) -> Result<ClubLicences, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::licences::club_page(&c.services.db, &scope).await
}

/// Requests licences for the ticked members, or with `all=on` for every member the
/// register's filter shows (`licences.request`).
#[server(prefix = "/api", endpoint = "request_licences")]
pub async fn request_licences(
    #[server(flatten)] input: LicenceRequestForm,
) -> Result<RequestOutcome, AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let members: Vec<tessera_common::MemberId> = input
        .ids
        .iter()
        .map(|i| super::parse_id::<i64>(i).map(tessera_common::MemberId))
        .collect::<Result<_, _>>()?;
    let req = tessera_core::licences::RequestInput {
        federation: &input.federation,
        season: &input.season,
        category: &input.category,
        members,
        fed: &input.fed,
    };
    let out = if input.all == "on" {
        let filter = tessera_common::dto::MemberFilter {
            query: input.q.clone(),
            status: input.status.clone(),
            ..Default::default()
        };
        tessera_core::licences::request_filtered(
            &c.services.db,
            &scope,
            &c.actor,
            c.now(),
            &filter,
            req,
        )
        .await?
    } else {
        tessera_core::licences::request(&c.services.db, &scope, &c.actor, c.now(), req).await?
    };
    done(&format!(
        "/c/{}/licences?done=requested&n={}&skipped={}",
        scope.tenant().slug,
        out.requested,
        out.skipped
    ));
    Ok(out)
}

/// The caller's own licences in this club (My details).
#[server(prefix = "/api", endpoint = "my_licences")]
pub async fn get_my_licences(club: String) -> Result<Vec<MyLicence>, AppError> {
    let c = ctx().await?;
    let scope = c.club_own_data(&club).await?;
    tessera_core::licences::mine(&c.services.db, &scope).await
}
