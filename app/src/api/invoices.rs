//! Server functions of seasons and fees (issue 20, inv20): the fees page (seasons, their
//! fee schedules, the bank details) and its forms, all `fees.manage`.

use leptos::prelude::*;
use tessera_common::invoices::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::parse_id;
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The fees page: seasons with their schedules, the bank details (`fees.manage`).
#[server(prefix = "/api", endpoint = "fees_overview")]
pub async fn get_fees_overview(club: String) -> Result<FeesOverview, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::invoices::overview(&c.services.db, &scope, c.now()).await
}

/// Creates or changes a season (`fees.manage`).
#[server(prefix = "/api", endpoint = "save_season")]
pub async fn save_season(#[server(flatten)] input: SeasonForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    tessera_core::invoices::save_season(&c.services.db, &scope, &c.actor, c.now(), &input).await?;
    done(&format!("/c/{}/fees?done=season", scope.tenant().slug));
    Ok(())
}

/// Saves the club's bank details (`fees.manage`).
#[server(prefix = "/api", endpoint = "save_fee_settings")]
pub async fn save_fee_settings(#[server(flatten)] input: FeeSettingsForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    tessera_core::invoices::save_settings(&c.services.db, &scope, &c.actor, c.now(), &input)
        .await?;
    done(&format!("/c/{}/fees?done=bank", scope.tenant().slug));
    Ok(())
}

/// Adds a fee to a season's schedule (`fees.manage`).
#[server(prefix = "/api", endpoint = "add_season_fee")]
pub async fn add_season_fee(#[server(flatten)] input: SeasonFeeForm) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    tessera_core::invoices::add_fee(&c.services.db, &scope, &c.actor, c.now(), &input).await?;
    done(&format!("/c/{}/fees?done=fee", scope.tenant().slug));
    Ok(())
}

/// Removes a fee from a season's schedule (`fees.manage`).
#[server(prefix = "/api", endpoint = "remove_season_fee")]
pub async fn remove_season_fee(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    tessera_core::invoices::remove_fee(&c.services.db, &scope, &c.actor, c.now(), id).await?;
    done(&format!("/c/{}/fees?done=fee", scope.tenant().slug));
    Ok(())
}

/// A season's invoices and credit notes (`fees.manage`).
#[server(prefix = "/api", endpoint = "season_invoices")]
pub async fn get_season_invoices(club: String, season: String) -> Result<SeasonInvoices, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let season: i64 = parse_id(&season)?;
    let db = &c.services.db;
    let overview = tessera_core::invoices::overview(db, &scope, c.now()).await?;
    let season = overview
        .seasons
        .into_iter()
        .find(|s| s.id == season)
        .ok_or(AppError::NotFound)?;
    let invoices = tessera_core::invoices::of_season(db, &scope, season.id).await?;
    let one_off = season
        .fees
        .iter()
        .filter(|f| f.kind == "one_off")
        .cloned()
        .collect();
    Ok(SeasonInvoices {
        season,
        invoices,
        one_off,
    })
}

/// A member's invoices and credit notes of every season, for the staff (`fees.view`).
#[server(prefix = "/api", endpoint = "member_invoices")]
pub async fn get_member_invoices(club: String, member: String) -> Result<MemberInvoices, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let member = tessera_common::MemberId(parse_id(&member)?);
    tessera_core::invoices::of_member(&c.services.db, &scope, member).await
}

/// Issues a season's invoices as drafts (`fees.manage`): for every active member
/// (`all=on`) or the members whose ids are listed in `members`.
#[server(prefix = "/api", endpoint = "generate_invoices")]
pub async fn generate_invoices(
    club: String,
    season: String,
    all: Option<String>,
    members: Option<String>,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let season_id: i64 = parse_id(&season)?;
    let selection = if all.is_some() {
        tessera_core::invoices::Selection::AllActive
    } else {
        let ids: Result<Vec<tessera_common::MemberId>, AppError> = members
            .unwrap_or_default()
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<i64>()
                    .map(tessera_common::MemberId)
                    .map_err(|_| AppError::field("members", tessera_common::Msg::InvErrNoMembers))
            })
            .collect();
        tessera_core::invoices::Selection::Members(ids?)
    };
    let made = tessera_core::invoices::generate(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        season_id,
        selection,
    )
    .await?;
    done(&format!(
        "/c/{}/fees/{season_id}?done=issued&n={}",
        scope.tenant().slug,
        made.len()
    ));
    Ok(())
}

/// What generating the season's invoices for the register's filter would take: the members
/// the filter shows and how many have the invoice already (`fees.manage`; nothing written).
#[server(prefix = "/api", endpoint = "preview_invoice_filter")]
pub async fn preview_invoice_filter(
    #[server(flatten)] input: InvoiceFilterForm,
) -> Result<InvoicePreview, AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let season_id: i64 = parse_id(&input.for_season)?;
    tessera_core::invoices::preview_filtered(&c.services.db, &scope, season_id, &input.filter())
        .await
}

/// Issues the season's invoices, as drafts, for the members the register's filter shows
/// (`fees.manage`), back to the season's invoices.
#[server(prefix = "/api", endpoint = "generate_invoices_filtered")]
pub async fn generate_invoices_filtered(
    #[server(flatten)] input: InvoiceFilterForm,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let season_id: i64 = parse_id(&input.for_season)?;
    let made = tessera_core::invoices::generate(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        season_id,
        tessera_core::invoices::Selection::Filter(input.filter()),
    )
    .await?;
    done(&format!(
        "/c/{}/fees/{season_id}?done=issued&n={}",
        scope.tenant().slug,
        made.len()
    ));
    Ok(())
}

/// Sends a draft invoice by mail with its PDF (`fees.manage`); it is open from then on and
/// never changes.
#[server(prefix = "/api", endpoint = "send_invoice")]
pub async fn send_invoice(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let out = tessera_core::invoices::send(&c.services.db, &scope, &c.actor, c.now(), id).await?;
    let brand = tessera_core::mail::Brand::of(scope.tenant(), &c.services.public_url);
    c.services.mailer.send_later_with(
        tessera_core::mail::Mail {
            to: out.to,
            subject: out.subject,
            body: out.body,
            brand: Some(brand),
        },
        vec![tessera_core::mail::Attachment {
            file_name: out.file_name,
            content_type: "application/pdf".into(),
            data: out.pdf,
        }],
    );
    done(&format!(
        "/c/{}/fees/{}?done=sent",
        scope.tenant().slug,
        out.season
    ));
    Ok(())
}

/// Corrects an invoice with a credit note, or cancels a draft (`fees.manage`).
#[server(prefix = "/api", endpoint = "credit_invoice")]
pub async fn credit_invoice(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let (_, season) =
        tessera_core::invoices::credit(&c.services.db, &scope, &c.actor, c.now(), id).await?;
    done(&format!(
        "/c/{}/fees/{season}?done=credited",
        scope.tenant().slug
    ));
    Ok(())
}

/// Adds a one-off fee to a draft invoice (`fees.manage`); a sent one is refused.
#[server(prefix = "/api", endpoint = "add_invoice_fee")]
pub async fn add_invoice_fee(club: String, id: String, fee: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let fee: i64 =
        parse_id(&fee).map_err(|_| AppError::field("fee", tessera_common::Msg::InvErrChooseFee))?;
    let season =
        tessera_core::invoices::add_one_off(&c.services.db, &scope, &c.actor, c.now(), id, fee)
            .await?;
    done(&format!(
        "/c/{}/fees/{season}?done=changed",
        scope.tenant().slug
    ));
    Ok(())
}

/// The season report (`fees.view`, rep20): billed, credited, paid and outstanding per group
/// and per fee. `season` empty: the current season (else the latest); another club's: 404.
#[server(prefix = "/api", endpoint = "fee_report")]
pub async fn get_fee_report(club: String, season: String) -> Result<FeeReport, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let season: Option<i64> = if season.trim().is_empty() {
        None
    } else {
        Some(parse_id(&season)?)
    };
    tessera_core::invoices::report(&c.services.db, &scope, season).await
}

/// The caller's own invoices and their children's (any member; sent ones only).
#[server(prefix = "/api", endpoint = "my_invoices")]
pub async fn get_my_invoices(club: String) -> Result<MyInvoices, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::invoices::mine(&c.services.db, &scope).await
}

// reminders (issue 20, deliverable 5)

#[cfg(feature = "ssr")]
fn reminder_draft_key(club: &str) -> String {
    format!("draft:reminders:{club}")
}

/// The club's reminder schedule, the defaults while it saved none, and the form as posted
/// when it was refused (`fees.manage`).
#[server(prefix = "/api", endpoint = "reminder_settings")]
pub async fn get_reminder_settings(
    club: String,
) -> Result<(ReminderSettings, Option<ReminderSettingsForm>), AppError> {
    let c = ctx().await?;
    // Once per request: the page may ask again while rendering, and the draft is taken.
    c.once(format!("reminder_settings:{club}"), async {
        let scope = c.club(&club).await?;
        let settings = tessera_core::invoices::reminders::settings(&c.services.db, &scope).await?;
        Ok((
            settings,
            crate::ssr::take_draft(&c.session, &reminder_draft_key(&club)).await,
        ))
    })
    .await
}

/// Saves the reminder schedule and texts (`fees.manage`); a refused form is kept to be
/// shown again as typed.
#[server(prefix = "/api", endpoint = "save_reminder_settings")]
pub async fn save_reminder_settings(
    #[server(flatten)] input: ReminderSettingsForm,
) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let result = tessera_core::invoices::reminders::save_settings(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &input,
    )
    .await;
    crate::ssr::keep_draft_if_refused(&c.session, &reminder_draft_key(&input.club), &input, result)
        .await?;
    done(&format!("/c/{}/fees?done=reminders", scope.tenant().slug));
    Ok(())
}

/// The overdue invoices with their reminders (`fees.manage`): of one season (`season`,
/// empty for all), only those past the last step (`last=on`).
#[server(prefix = "/api", endpoint = "overdue_invoices")]
pub async fn get_overdue_invoices(
    club: String,
    season: Option<String>,
    last: Option<String>,
) -> Result<OverdueList, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let season = match season.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(parse_id::<i64>(s)?),
    };
    let last = last.is_some_and(|l| l == "on");
    tessera_core::invoices::reminders::overdue(&c.services.db, &scope, c.now(), season, last).await
}

/// Mails a reminder for an invoice now (`fees.manage`); a paid, credited, cancelled or
/// draft invoice is refused (409).
#[server(prefix = "/api", endpoint = "send_reminder_now")]
pub async fn send_reminder_now(club: String, id: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let id: i64 = parse_id(&id)?;
    let (mail, _) = tessera_core::invoices::reminders::send_now(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        &c.services.public_url,
        id,
    )
    .await?;
    c.services.mailer.send_later(Some(mail));
    done(&format!(
        "/c/{}/fees/overdue?done=reminded",
        scope.tenant().slug
    ));
    Ok(())
}
