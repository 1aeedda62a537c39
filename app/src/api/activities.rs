//! Server functions of activities and attendance (issue 19): the upcoming occurrences, an
//! occurrence with its attendance list, planning and changing (`activities.manage`, or the
//! group's leader for changes), one-tap marking (the leader or `activities.attendance`),
//! absences reported by members and guardians, figures, month sheets and calendar feeds.

use leptos::prelude::*;
use tessera_common::activity::*;
use tessera_common::AppError;

#[cfg(feature = "ssr")]
use super::parse_id;
#[cfg(feature = "ssr")]
use crate::ssr::{ctx, done};

/// The coming four weeks' activities of the groups the caller sees.
#[server(prefix = "/api", endpoint = "activities")]
pub async fn get_activities(club: String) -> Result<ActivitiesOverview, AppError> {
    let c = ctx().await?;
    c.once(format!("activities:{club}"), async {
        let scope = c.club(&club).await?;
        tessera_core::activities::overview(&c.services.db, &scope, c.now()).await
    })
    .await
}

/// Plans an activity (`activities.manage`).
#[server(prefix = "/api", endpoint = "plan_activity")]
pub async fn plan_activity(#[server(flatten)] input: PlanActivityInput) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let plan = tessera_core::activities::PlanInput {
        group: input.group.clone(),
        kind: input.kind.clone(),
        title: input.title.clone(),
        place: input.place.clone(),
        weekly: input.weekly == "on" || input.weekly == "true",
        first_date: input.first_date.clone(),
        end_date: input.end_date.clone(),
        start_time: input.start_time.clone(),
        duration_min: input.duration_min.clone(),
    };
    tessera_core::activities::plan(&c.services.db, &scope, &c.actor, c.now(), &plan).await?;
    done(&format!(
        "/c/{}/activities?done=planned",
        scope.tenant().slug
    ));
    Ok(())
}

/// One occurrence with its attendance list.
#[server(prefix = "/api", endpoint = "occurrence")]
pub async fn get_occurrence(
    club: String,
    activity: String,
    date: String,
) -> Result<OccurrenceDetail, AppError> {
    let c = ctx().await?;
    c.once(format!("occurrence:{club}:{activity}:{date}"), async {
        let scope = c.club(&club).await?;
        let id: i64 = parse_id(&activity)?;
        tessera_core::activities::occurrence(&c.services.db, &scope, c.now(), id, &date).await
    })
    .await
}

#[cfg(feature = "ssr")]
fn occurrence_path(slug: &str, activity: i64, date: &str) -> Result<String, AppError> {
    // The date is checked (a real date) before it goes into an address.
    tessera_common::time::Date::parse(date)
        .map(|d| format!("/c/{slug}/activities/{activity}/{d}"))
        .ok_or(AppError::NotFound)
}

/// Cancels (with a reason), moves or restores one occurrence (`activities.manage`, or the
/// group's leader).
#[server(prefix = "/api", endpoint = "change_occurrence")]
pub async fn change_occurrence(
    #[server(flatten)] input: ChangeOccurrenceInput,
) -> Result<(), AppError> {
    use tessera_core::activities::{self, OccChange};
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let id: i64 = parse_id(&input.activity)?;
    let change = match input.action.as_str() {
        "cancel" => OccChange::Cancel {
            reason: input.reason.clone(),
        },
        "move" => OccChange::Move {
            date: input.new_date.clone(),
            time: input.new_time.clone(),
            place: input.new_place.clone(),
        },
        "restore" => OccChange::Restore,
        _ => return Err(AppError::bad_request(tessera_common::Msg::ErrActKind)),
    };
    activities::change_occurrence(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        id,
        &input.date,
        &change,
    )
    .await?;
    // The group told by mail of a cancellation or a move, when asked (after the change is
    // stored; the mails go out on their own task).
    let told = input.notify == "on" && !matches!(change, OccChange::Restore);
    if told {
        activities::tell_group(
            &c.services.db,
            &c.services.mailer,
            &c.services.public_url,
            &scope,
            c.now(),
            id,
            &input.date,
        )
        .await?;
    }
    let path = occurrence_path(&scope.tenant().slug, id, &input.date)?;
    let word = if told { "told" } else { "changed" };
    done(&format!("{path}?done={word}"));
    Ok(())
}

/// One tap on the attendance list: marks one person and returns to the list at their row.
#[server(prefix = "/api", endpoint = "mark_attendance")]
pub async fn mark_attendance(#[server(flatten)] input: MarkInput) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let id: i64 = parse_id(&input.activity)?;
    let member: tessera_common::MemberId = parse_id(&input.member)?;
    let mark = Mark::parse(&input.mark)
        .ok_or_else(|| AppError::bad_request(tessera_common::Msg::ErrActKind))?;
    tessera_core::activities::mark(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        id,
        &input.date,
        member,
        mark,
    )
    .await?;
    let path = occurrence_path(&scope.tenant().slug, id, &input.date)?;
    done(&format!("{path}?done=marked#m{member}"));
    Ok(())
}

/// Reports the caller, or their minor child, absent from an occurrence with a reason.
#[server(prefix = "/api", endpoint = "report_absence")]
pub async fn report_absence(#[server(flatten)] input: AbsenceInput) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&input.club).await?;
    let id: i64 = parse_id(&input.activity)?;
    let member: tessera_common::MemberId = parse_id(&input.member)?;
    tessera_core::activities::report_absence(
        &c.services.db,
        &scope,
        &c.actor,
        c.now(),
        id,
        &input.date,
        member,
        &input.reason,
    )
    .await?;
    let path = occurrence_path(&scope.tenant().slug, id, &input.date)?;
    done(&format!("{path}?done=absence"));
    Ok(())
}

/// Attendance figures of a group over a period (the group's leader, `activities.attendance`
/// or `activities.manage`).
#[server(prefix = "/api", endpoint = "attendance_figures")]
pub async fn get_attendance_figures(
    #[server(flatten)] q: FiguresQuery,
) -> Result<Figures, AppError> {
    let c = ctx().await?;
    let scope = c.club(&q.club).await?;
    let group: i64 = parse_id(&q.group)?;
    tessera_core::activities::figures(&c.services.db, &scope, c.now(), group, &q.from, &q.to).await
}

/// A group's attendance sheet for a month (`YYYY-MM`), for print.
#[server(prefix = "/api", endpoint = "month_sheet")]
pub async fn get_month_sheet(
    club: String,
    group: String,
    month: String,
) -> Result<MonthSheet, AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let group: i64 = parse_id(&group)?;
    tessera_core::activities::month_sheet(&c.services.db, &scope, c.now(), group, &month).await
}

#[cfg(feature = "ssr")]
fn fresh_key(club: &str) -> String {
    format!("feed:fresh:{club}")
}

/// The caller's calendar feeds (their own, and those of the groups they lead), and the
/// address just made, once.
#[server(prefix = "/api", endpoint = "calendar_feeds")]
pub async fn get_calendar_feeds(club: String) -> Result<CalendarFeeds, AppError> {
    let c = ctx().await?;
    // Once per request: the fresh address is taken from the session (and forgotten) once.
    c.once(format!("calendar_feeds:{club}"), async {
        let scope = c.club(&club).await?;
        let mut feeds = tessera_core::activities::feeds(&c.services.db, &scope, c.now()).await?;
        feeds.fresh =
            crate::ssr::take_draft::<(String, String)>(&c.session, &fresh_key(&club)).await;
        Ok(feeds)
    })
    .await
}

/// Makes a new private address for a feed ("me" or a group id) and revokes the old one.
#[server(prefix = "/api", endpoint = "renew_feed")]
pub async fn renew_feed(club: String, target: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    let token =
        tessera_core::activities::renew_feed(&c.services.db, &scope, &c.actor, c.now(), &target)
            .await?;
    let slug = &scope.tenant().slug;
    let url = format!(
        "{}/c/{slug}/calendar/feed/{token}",
        c.services.public_url.trim_end_matches('/')
    );
    crate::ssr::keep_draft(&c.session, &fresh_key(&club), &(target.clone(), url)).await;
    done(&format!("/c/{slug}/calendar?done=renewed"));
    Ok(())
}

/// Revokes a feed: its address answers 404 from now on.
#[server(prefix = "/api", endpoint = "revoke_feed")]
pub async fn revoke_feed(club: String, target: String) -> Result<(), AppError> {
    let c = ctx().await?;
    let scope = c.club(&club).await?;
    tessera_core::activities::revoke_feed(&c.services.db, &scope, &c.actor, c.now(), &target)
        .await?;
    done(&format!("/c/{}/calendar?done=revoked", scope.tenant().slug));
    Ok(())
}

/// wk19: the caller's own attendance figures per group over a period (`member` empty), or a
/// guardian's for their minor child (`member` the child's id). Anyone else's: not found.
#[server(prefix = "/api", endpoint = "my_attendance")]
pub async fn get_my_attendance(
    club: String,
    member: String,
    from: String,
    to: String,
) -> Result<MyFigures, AppError> {
    let c = ctx().await?;
    let scope = c.club_own_data(&club).await?;
    let member = match member.trim() {
        "" => None,
        m => Some(tessera_common::MemberId(parse_id(m)?)),
    };
    tessera_core::activities::my_figures(&c.services.db, &scope, c.now(), member, &from, &to).await
}
