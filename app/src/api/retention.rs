//! Server functions of retention (issue 17): the club's retention policy with its dry run
//! (`privacy.manage`), and the operator ending a club's contract (`platform.manage`).

use leptos::prelude::*;
use tessera_common::dto::{RetentionInput, RetentionPage};
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// `/c/{club}/privacy/retention`: the rules, what the next run would do, the latest runs.
#[server(prefix = "/api", endpoint = "retention")]
pub async fn get_retention(club: String) -> Result<RetentionPage, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::retention::page(&c.services.db, &scope, c.now()).await
}

/// Changes the club's retention rules (`privacy.manage`), each within its bounds.
#[server(prefix = "/api", endpoint = "save_retention")]
pub async fn save_retention(#[server(flatten)] input: RetentionInput) -> Result<(), AppError> {
    use tessera_common::dto::RetentionRules;
    use tessera_common::{FieldError, Msg, Problem};
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let mut problems = Vec::new();
    let mut number = |field: &str, text: &str| -> i64 {
        match text.trim().parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                let (_, min, max) = RetentionRules::BOUNDS
                    .iter()
                    .find(|(f, _, _)| *f == field)
                    .copied()
                    .unwrap_or((field, 1, 1));
                problems.push(FieldError::new(
                    field,
                    Problem::new(Msg::ErrRetentionRange)
                        .arg("min", min)
                        .arg("max", max),
                ));
                0
            }
        }
    };
    let rules = RetentionRules {
        member_months: number("member_months", &input.member_months),
        application_days: number("application_days", &input.application_days),
        link_days: number("link_days", &input.link_days),
        event_months: number("event_months", &input.event_months),
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let version = crate::api::parse_version(&input.version)?;
    tessera_core::retention::save_rules(&c.services.db, &scope, &c.actor, c.now(), rules, version)
        .await?;
    done(&format!(
        "/c/{}/privacy/retention?done=saved",
        scope.tenant().slug
    ));
    Ok(())
}

/// Ends a club's contract (`platform.manage`): read-only from `end_on`, every row deleted
/// `delay_days` later (at most six months).
#[server(prefix = "/api", endpoint = "end_contract")]
pub async fn end_contract(
    slug: String,
    end_on: String,
    delay_days: String,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.operator().await?;
    tessera_core::retention::end_contract(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &slug,
        &end_on,
        &delay_days,
    )
    .await?;
    done("/admin?done=contract");
    Ok(())
}
