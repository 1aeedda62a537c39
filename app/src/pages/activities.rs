//! Activities and attendance (issue 19):
//! - `/c/{club}/activities`: the coming four weeks for the groups the caller sees, the plan
//!   form (`activities.manage`), links to figures and month sheets;
//! - `/c/{club}/activities/{id}/{date}`: one occurrence: the attendance list (one tap per
//!   person, each tap a small form POST that returns to the list at the person's row, so it
//!   works without JavaScript), absences reported by members and guardians, cancel / move;
//! - `/c/{club}/activities/{id}/{date}/print` and `/c/{club}/activities/sheet`: print-ready
//!   attendance sheets (the print style sheet hides the rest of the page);
//! - `/c/{club}/activities/figures`: figures per member of a group over a period, with a bar
//!   chart drawn as SVG on the server;
//! - `/c/{club}/calendar`: the caller's private calendar feeds.

use crate::api::{
    get_activities, get_attendance_figures, get_calendar_feeds, get_month_sheet, get_my_attendance,
    get_occurrence, ChangeOccurrence, MarkAttendance, PlanActivity, RenewFeed, ReportAbsence,
    RevokeFeed,
};
use crate::components::{
    field_message, form_error_of, query, ClubField, ErrorView, FieldError, FormAlert, Loading,
    Notice,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::activity::*;
use tessera_common::time::{format_date_text, DateStyle};
use tessera_common::Msg;

fn when(o: &Occurrence) -> String {
    let lang = use_lang();
    format!(
        "{} {}",
        format_date_text(&o.local_date, lang, DateStyle::Long),
        o.local_time
    )
}

fn occ_href(club: &str, o: &Occurrence) -> String {
    format!("/c/{club}/activities/{}/{}", o.activity, o.date)
}

/// The badge of a cancelled or moved occurrence.
fn badges(o: &Occurrence) -> impl IntoView {
    view! {
        {o.cancelled.then(|| view! { <span class="badge badge-ended" data-testid="occ-cancelled">{t(Msg::ActCancelledBadge)}</span> })}
        {(o.moved && !o.cancelled).then(|| view! { <span class="badge">{t(Msg::ActMovedBadge)}</span> })}
    }
}

/// `/c/{club}/activities`.
#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_activities);
    view! {
        <Title text=t(Msg::ActTitle)/>
        <h1>{t(Msg::ActTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(o) => view! { <ActivitiesBody o=o club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ActivitiesBody(o: ActivitiesOverview, club: String) -> impl IntoView {
    let lang = use_lang();
    let notice = (query("done").as_deref() == Some("planned"))
        .then(|| view! { <Notice text=t(Msg::ActPlanned)/> });
    let list = if o.occurrences.is_empty() {
        view! { <p class="muted">{t(Msg::ActNone)}</p> }.into_any()
    } else {
        o.occurrences
            .iter()
            .map(|occ| {
                let href = occ_href(&club, occ);
                view! {
                    <li class="occurrence" data-testid="occurrence">
                        <a href=href><strong>{when(occ)}</strong>" · "{occ.title.clone()}</a>
                        " "{badges(occ)}<br/>
                        <span class="muted">{t(occ.kind.label())}" · "{occ.group.name.clone()}
                            {(!occ.place.is_empty()).then(|| format!(" · {}", occ.place))}</span>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let figures = (!o.figures.is_empty()).then(|| {
        let options = || {
            o.figures
                .iter()
                .map(|g| view! { <option value=g.id.to_string()>{g.name.clone()}</option> })
                .collect_view()
        };
        let (groups, groups2) = (options(), options());
        let month = o.today.get(..7).unwrap_or("").to_string();
        let from = format!("{}-01-01", o.today.get(..4).unwrap_or("2026"));
        view! {
            <section class="card no-print" aria-labelledby="figures-title">
                <h2 id="figures-title">{t(Msg::ActFigures)}</h2>
                <form method="get" action=format!("/c/{club}/activities/figures") class="stack">
                    <label for="fig-group">{t(Msg::ActGroup)}</label>
                    <select id="fig-group" name="group">{groups}</select>
                    <label for="fig-from">{t(Msg::From)}</label>
                    <input id="fig-from" type="date" name="from" value=from/>
                    <label for="fig-to">{t(Msg::ActTo)}</label>
                    <input id="fig-to" type="date" name="to" value=o.today.clone()/>
                    <button type="submit" class="button">{t(Msg::ActShow)}</button>
                </form>
                <h3>{t(Msg::ActPrintMonth)}</h3>
                <form method="get" action=format!("/c/{club}/activities/sheet") class="stack">
                    <label for="sheet-group">{t(Msg::ActGroup)}</label>
                    <select id="sheet-group" name="group">{groups2}</select>
                    <label for="sheet-month">{t(Msg::ActMonth)}</label>
                    <input id="sheet-month" type="month" name="month" value=month/>
                    <button type="submit" class="button-quiet">{t(Msg::ActShow)}</button>
                </form>
            </section>
        }
    });
    let plan = (!o.plannable.is_empty() && crate::components::writable()).then(|| {
        let error = form_error_of::<PlanActivity>();
        let groups = o
            .plannable
            .iter()
            .map(|g| view! { <option value=g.id.to_string()>{g.name.clone()}</option> })
            .collect_view();
        let kinds = [ActivityKind::Training, ActivityKind::Match, ActivityKind::Event]
            .into_iter()
            .map(|k| view! { <option value=k.code()>{k.label().text(lang)}</option> })
            .collect_view();
        let f = |name: &str| field_message(&error, name);
        let (title_e, first_e, end_e, time_e, dur_e, group_e) =
            (f("title"), f("first_date"), f("end_date"), f("start_time"), f("duration_min"), f("group"));
        view! {
            <section class="card" aria-labelledby="plan-title">
                <h2 id="plan-title">{t(Msg::ActPlan)}</h2>
                <FormAlert error=error.clone() id="plan-error"/>
                <form method="post" action=PlanActivity::PATH class="stack" data-testid="plan-form">
                    <ClubField club=club.clone()/>
                    <label for="plan-group">{t(Msg::ActGroup)}</label>
                    <select id="plan-group" name="group">{groups}</select>
                    <FieldError error=group_e id="plan-group-error"/>
                    <label for="plan-kind">{t(Msg::ActKind)}</label>
                    <select id="plan-kind" name="kind">{kinds}</select>
                    <label for="plan-title-f">{t(Msg::ActTitleField)}</label>
                    <input id="plan-title-f" name="title" maxlength="120" required/>
                    <FieldError error=title_e id="plan-title-error"/>
                    <label for="plan-place">{t(Msg::ActPlace)}</label>
                    <input id="plan-place" name="place" maxlength="120"/>
                    <div class="check">
                        <input type="checkbox" id="plan-weekly" name="weekly" value="on" checked=true/>
                        <label for="plan-weekly">{t(Msg::ActWeekly)}</label>
                    </div>
                    <label for="plan-first">{t(Msg::ActFirstDate)}</label>
                    <input id="plan-first" type="date" name="first_date" required/>
                    <FieldError error=first_e id="plan-first-error"/>
                    <label for="plan-end">{t(Msg::ActEndDate)}</label>
                    <input id="plan-end" type="date" name="end_date"/>
                    <FieldError error=end_e id="plan-end-error"/>
                    <label for="plan-time">{t(Msg::ActStartTime)}</label>
                    <input id="plan-time" type="time" name="start_time" required/>
                    <FieldError error=time_e id="plan-time-error"/>
                    <label for="plan-duration">{t(Msg::ActDuration)}</label>
                    <input id="plan-duration" type="number" min="1" max="1440" name="duration_min" value="90" required/>
                    <FieldError error=dur_e id="plan-duration-error"/>
                    <button type="submit" class="button">{t(Msg::ActPlan)}</button>
                </form>
            </section>
        }
    });
    view! {
        {notice}
        <p class="no-print"><a href=format!("/c/{club}/calendar")>{t(Msg::ActCalendar)}</a></p>
        <section class="card" aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{t(Msg::ActUpcoming)}</h2>
            <ul class="plain occurrences">{list}</ul>
        </section>
        {plan}
        {figures}
    }
}

fn occ_params() -> (Memo<String>, Memo<String>) {
    let params = use_params_map();
    (
        Memo::new(move |_| params.read().get("id").unwrap_or_default()),
        Memo::new(move |_| params.read().get("date").unwrap_or_default()),
    )
}

/// `/c/{club}/activities/{id}/{date}`.
#[component]
pub fn OccurrencePage() -> impl IntoView {
    let club = use_club();
    let (id, date) = occ_params();
    let data = Resource::new(
        move || (club.get(), id.get(), date.get()),
        |(c, i, d)| get_occurrence(c, i, d),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <OccurrenceBody d=d club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OccurrenceBody(d: OccurrenceDetail, club: String) -> impl IntoView {
    let lang = use_lang();
    let o = d.occ.clone();
    let title = format!("{} · {}", o.title, o.group.name);
    let activity = o.activity.to_string();
    let date = o.date.clone();
    let here = occ_href(&club, &o);
    let notice = match query("done").as_deref() {
        Some("marked") => Some(t(Msg::ActMarked)),
        Some("absence") => Some(t(Msg::ActAbsenceDone)),
        Some("changed") => Some(t(Msg::ActChanged)),
        Some("told") => Some(t(Msg::ActChangedTold)),
        _ => None,
    }
    .map(|m| view! { <Notice text=m/> });
    let mark_error = form_error_of::<MarkAttendance>();
    let writable = crate::components::writable();
    let rows = d
        .rows
        .iter()
        .map(|r| {
            let anchor = format!("m{}", r.member);
            let buttons = Mark::ALL
                .into_iter()
                .map(|m| {
                    let on = r.mark == Some(m);
                    let label = Msg::ActMarkFor.fill(lang, &[("mark", m.label().text(lang)), ("name", &r.name)]);
                    view! {
                        <form method="post" action=MarkAttendance::PATH class="tap">
                            <ClubField club=club.clone()/>
                            <input type="hidden" name="activity" value=activity.clone()/>
                            <input type="hidden" name="date" value=date.clone()/>
                            <input type="hidden" name="member" value=r.member.to_string()/>
                            <input type="hidden" name="mark" value=m.code()/>
                            <button type="submit" class=format!("tap-{} {}", m.code(), if on { "on" } else { "" })
                                aria-pressed=if on { "true" } else { "false" } aria-label=label
                                disabled=!writable || o.cancelled
                                data-testid=format!("mark-{}", m.code())>{m.label().text(lang)}</button>
                        </form>
                    }
                })
                .collect_view();
            let absence = r.absence.clone().map(|a| {
                view! { <br/><span class="muted" data-testid="reported">{Msg::ActReportedAbsent.fill(lang, &[("reason", &a)])}</span> }
            });
            view! {
                <li id=anchor class="attendee" data-testid="attendee">
                    <span class="attendee-name">{r.name.clone()}{absence}</span>
                    <span class="taps">{buttons}</span>
                </li>
            }
        })
        .collect_view();
    let list = d.can_mark.then(|| {
        view! {
            <section class="card" aria-labelledby="att-title">
                <h2 id="att-title">{t(Msg::ActAttendance)}</h2>
                <FormAlert error=mark_error.clone() id="mark-error"/>
                {d.rows.is_empty().then(|| view! { <p class="muted">{t(Msg::ActNoMembers)}</p> })}
                <ul class="plain attendance" data-testid="attendance">{rows}</ul>
                <p class="no-print"><a href=format!("{here}/print")>{t(Msg::ActPrintSheet)}</a></p>
            </section>
        }
    });
    let absence_error = form_error_of::<ReportAbsence>();
    let report = (!d.reportable.is_empty()).then(|| {
        let people = d
            .reportable
            .iter()
            .map(|p| {
                let fid = format!("reason-{}", p.member);
                let label = Msg::ActReportFor.fill(lang, &[("name", &p.name)]);
                let reported = p.reported.clone().map(|r| {
                    view! { <p data-testid="my-reported">{Msg::ActReportedAbsent.fill(lang, &[("reason", &r)])}</p> }
                });
                let form = (d.open && writable).then(|| view! {
                    <form method="post" action=ReportAbsence::PATH class="stack" data-testid="absence-form">
                        <ClubField club=club.clone()/>
                        <input type="hidden" name="activity" value=activity.clone()/>
                        <input type="hidden" name="date" value=date.clone()/>
                        <input type="hidden" name="member" value=p.member.to_string()/>
                        <label for=fid.clone()>{t(Msg::ActReason)}</label>
                        <input id=fid name="reason" maxlength="300" required/>
                        <button type="submit" class="button">{label}</button>
                    </form>
                });
                view! { <div class="absence"><h3>{p.name.clone()}</h3>{reported}{form}</div> }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="absence-title">
                <h2 id="absence-title">{t(Msg::ActReportAbsence)}</h2>
                <FormAlert error=absence_error.clone() id="absence-error"/>
                {people}
            </section>
        }
    });
    let change_error = form_error_of::<ChangeOccurrence>();
    let change = (d.can_change && writable).then(|| {
        let hidden = view! {
            <ClubField club=club.clone()/>
            <input type="hidden" name="activity" value=activity.clone()/>
            <input type="hidden" name="date" value=date.clone()/>
        };
        let hidden2 = view! {
            <ClubField club=club.clone()/>
            <input type="hidden" name="activity" value=activity.clone()/>
            <input type="hidden" name="date" value=date.clone()/>
        };
        let hidden3 = view! {
            <ClubField club=club.clone()/>
            <input type="hidden" name="activity" value=activity.clone()/>
            <input type="hidden" name="date" value=date.clone()/>
        };
        let reason_e = field_message(&change_error, "reason");
        view! {
            <section class="card no-print" aria-labelledby="change-title">
                <h2 id="change-title">{t(Msg::ActCancelOcc)}</h2>
                <FormAlert error=change_error.clone() id="change-error"/>
                <form method="post" action=ChangeOccurrence::PATH class="stack" data-testid="cancel-form">
                    {hidden}
                    <input type="hidden" name="action" value="cancel"/>
                    <label for="cancel-reason">{t(Msg::ActReason)}</label>
                    <input id="cancel-reason" name="reason" maxlength="300" required/>
                    <FieldError error=reason_e id="cancel-reason-error"/>
                    <label><input type="checkbox" name="notify" value="on" checked=true data-testid="cancel-notify"/>" "{t(Msg::ActTellGroup)}</label>
                    <button type="submit" class="button-quiet">{t(Msg::ActCancelOcc)}</button>
                </form>
                <h3>{t(Msg::ActMoveOcc)}</h3>
                <form method="post" action=ChangeOccurrence::PATH class="stack">
                    {hidden2}
                    <input type="hidden" name="action" value="move"/>
                    <label for="move-date">{t(Msg::ActNewDate)}</label>
                    <input id="move-date" type="date" name="new_date" value=o.local_date.clone() required/>
                    <label for="move-time">{t(Msg::ActNewTime)}</label>
                    <input id="move-time" type="time" name="new_time" value=o.local_time.clone() required/>
                    <label for="move-place">{t(Msg::ActNewPlace)}</label>
                    <input id="move-place" name="new_place" maxlength="120"/>
                    <label><input type="checkbox" name="notify" value="on" checked=true/>" "{t(Msg::ActTellGroup)}</label>
                    <button type="submit" class="button-quiet">{t(Msg::ActMoveOcc)}</button>
                </form>
                {(o.cancelled || o.moved).then(|| view! {
                    <form method="post" action=ChangeOccurrence::PATH class="inline">
                        {hidden3}
                        <input type="hidden" name="action" value="restore"/>
                        <button type="submit" class="button-quiet">{t(Msg::ActRestoreOcc)}</button>
                    </form>
                })}
            </section>
        }
    });
    view! {
        <Title text=title.clone()/>
        <p class="no-print"><a href=format!("/c/{club}/activities")>"← "{t(Msg::ActTitle)}</a></p>
        <h1>{title}</h1>
        <p data-testid="occ-when"><strong>{when(&o)}</strong>" · "{t(o.kind.label())}
            {(!o.place.is_empty()).then(|| format!(" · {}", o.place))}" "{badges(&o)}</p>
        {o.cancelled.then(|| view! { <p class="notice" data-testid="occ-reason">{Msg::ActCancelledBecause.fill(lang, &[("reason", &o.reason)])}</p> })}
        {notice}
        {list}
        {report}
        {change}
    }
}

/// `/c/{club}/activities/{id}/{date}/print`: the attendance sheet of one occurrence.
#[component]
pub fn OccurrencePrintPage() -> impl IntoView {
    let club = use_club();
    let (id, date) = occ_params();
    let data = Resource::new(
        move || (club.get(), id.get(), date.get()),
        |(c, i, d)| get_occurrence(c, i, d),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) if d.can_mark => {
                        let lang = use_lang();
                        let title = format!("{} · {}", d.occ.title, d.occ.group.name);
                        let rows = d.rows.iter().map(|r| view! {
                            <tr>
                                <td>{r.name.clone()}</td>
                                <td>{r.mark.map(|m| m.label().text(lang)).unwrap_or("")}</td>
                                <td>{r.absence.clone().unwrap_or_default()}</td>
                                <td class="sign"></td>
                            </tr>
                        }).collect_view();
                        view! {
                            <Title text=title.clone()/>
                            <div class="print-sheet" data-testid="print-sheet">
                                <h1>{title}</h1>
                                <p>{when(&d.occ)}{(!d.occ.place.is_empty()).then(|| format!(" · {}", d.occ.place))}</p>
                                <table>
                                    <thead><tr>
                                        <th scope="col">{t(Msg::Name)}</th>
                                        <th scope="col">{t(Msg::ActAttendance)}</th>
                                        <th scope="col">{t(Msg::ActReason)}</th>
                                        <th scope="col">{t(Msg::ActPresent)}</th>
                                    </tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                                <p class="signature">{t(Msg::ActSheetSigned)}": ____________________"</p>
                            </div>
                        }.into_any()
                    }
                    Ok(_) => view! { <ErrorView error=tessera_common::AppError::Forbidden/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/c/{club}/activities/sheet?group=&month=`: a group's month on one sheet.
#[component]
pub fn MonthSheetPage() -> impl IntoView {
    let club = use_club();
    let group = query("group").unwrap_or_default();
    let month = query("month").unwrap_or_default();
    let data = Resource::new(
        move || (club.get(), group.clone(), month.clone()),
        |(c, g, m)| get_month_sheet(c, g, m),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => {
                        let lang = use_lang();
                        let title = format!("{} · {}", s.group.name, s.month);
                        let heads = s.occurrences.iter().map(|o| view! {
                            <th scope="col">{o.local_date.get(8..10).unwrap_or("").to_string()}"/"{o.local_date.get(5..7).unwrap_or("").to_string()}</th>
                        }).collect_view();
                        let rows = s.rows.iter().map(|(name, cells)| {
                            let cells = cells.iter().map(|c| view! {
                                <td>{c.map(|m| m.label().text(lang).chars().next().unwrap_or(' ').to_string()).unwrap_or_default()}</td>
                            }).collect_view();
                            view! { <tr><th scope="row">{name.clone()}</th>{cells}</tr> }
                        }).collect_view();
                        view! {
                            <Title text=title.clone()/>
                            <div class="print-sheet" data-testid="month-sheet">
                                <h1>{title}</h1>
                                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="sheet-caption">
                                <table>
                                    <caption id="sheet-caption" class="visually-hidden">{t(Msg::ActAttendance)}</caption>
                                    <thead><tr><th scope="col">{t(Msg::Name)}</th>{heads}</tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                                </div>
                                <p class="signature">{t(Msg::ActSheetSigned)}": ____________________"</p>
                            </div>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The bar chart of the figures: one bar per member, the share of held activities they
/// were present at. Drawn on the server; labelled in the reader's language.
#[component]
fn FiguresChart(f: Figures) -> impl IntoView {
    let lang = use_lang();
    let bar_h = 22;
    let label_w = 160;
    let width = 520;
    let height = (f.rows.len() as i64) * bar_h + 10;
    let title = Msg::ActFiguresOf.fill(
        lang,
        &[("group", &f.group.name), ("from", &f.from), ("to", &f.to)],
    );
    let desc = Msg::ActFiguresDesc.fill(lang, &[("n", &f.held.to_string())]);
    let bars = f
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let pct = if r.held > 0 { r.present * 100 / r.held } else { 0 };
            let y = (i as i64) * bar_h + 5;
            let w = (width - label_w - 50) * pct / 100;
            view! {
                <g>
                    <text x=(label_w - 6).to_string() y=(y + 15).to_string() text-anchor="end" font-size="12">{r.name.clone()}</text>
                    <rect x=label_w.to_string() y=y.to_string() width=w.to_string() height=(bar_h - 6).to_string() fill="#1d3557"></rect>
                    <text x=(label_w + w + 4).to_string() y=(y + 15).to_string() font-size="12">{format!("{pct}%")}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc"
            viewBox=format!("0 0 {width} {height}") width="100%" class="chart" data-testid="figures-chart">
            <title id="chart-title">{title}</title>
            <desc id="chart-desc">{desc}</desc>
            {bars}
        </svg>
    }
}

/// `/c/{club}/activities/figures?group=&from=&to=`.
#[component]
pub fn FiguresPage() -> impl IntoView {
    let club = use_club();
    let q = FiguresQuery {
        club: club.get_untracked(),
        group: query("group").unwrap_or_default(),
        from: query("from").unwrap_or_default(),
        to: query("to").unwrap_or_default(),
    };
    let data = Resource::new(move || q.clone(), get_attendance_figures);
    view! {
        <Title text=t(Msg::ActFigures)/>
        <p class="no-print"><a href=format!("/c/{}/activities", club.get_untracked())>"← "{t(Msg::ActTitle)}</a></p>
        <h1>{t(Msg::ActFigures)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(f) => {
                        let lang = use_lang();
                        let heading = Msg::ActFiguresOf.fill(lang, &[("group", &f.group.name), ("from", &f.from), ("to", &f.to)]);
                        let rows = f.rows.iter().map(|r| view! {
                            <tr data-testid="figure-row">
                                <th scope="row">{r.name.clone()}</th>
                                <td>{r.held}</td><td>{r.present}</td><td>{r.absent}</td><td>{r.excused}</td>
                                <td>{if r.held > 0 { r.present * 100 / r.held } else { 0 }}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <h2>{heading}</h2>
                            <FiguresChart f=f.clone()/>
                            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="fig-caption">
                            <table data-testid="figures">
                                <caption id="fig-caption" class="visually-hidden">{t(Msg::ActFigures)}</caption>
                                <thead><tr>
                                    <th scope="col">{t(Msg::Name)}</th>
                                    <th scope="col">{t(Msg::ActHeld)}</th>
                                    <th scope="col">{t(Msg::ActPresent)}</th>
                                    <th scope="col">{t(Msg::ActAbsent)}</th>
                                    <th scope="col">{t(Msg::ActExcused)}</th>
                                    <th scope="col">{t(Msg::ActRate)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            </div>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/c/{club}/calendar`: the caller's private calendar feeds.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_calendar_feeds);
    view! {
        <Title text=t(Msg::ActCalendar)/>
        <h1>{t(Msg::ActCalendar)}</h1>
        <p>{t(Msg::ActCalendarIntro)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(f) => view! { <CalendarBody f=f club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CalendarBody(f: CalendarFeeds, club: String) -> impl IntoView {
    let notice = (query("done").as_deref() == Some("revoked"))
        .then(|| view! { <Notice text=t(Msg::ActFeedRevoked)/> });
    let error = form_error_of::<RenewFeed>().or_else(form_error_of::<RevokeFeed>);
    let fresh = f.fresh.clone();
    let writable = crate::components::writable();
    let rows = f
        .feeds
        .iter()
        .map(|e| {
            let label = if e.target == "me" { t(Msg::ActFeedMine).to_string() } else { e.label.clone() };
            let url = fresh.as_ref().filter(|(target, _)| *target == e.target).map(|(_, url)| {
                view! { <p>{t(Msg::ActFeedFresh)}<br/><code data-testid="feed-url">{url.clone()}</code></p> }
            });
            view! {
                <li class="feed" data-testid="feed">
                    <strong>{label}</strong>" · "
                    <span>{if e.active { t(Msg::ActFeedActive) } else { t(Msg::ActFeedNone) }}</span>
                    {url}
                    {writable.then(|| view! {
                        <div class="actions">
                            <form method="post" action=RenewFeed::PATH class="inline">
                                <ClubField club=club.clone()/>
                                <input type="hidden" name="target" value=e.target.clone()/>
                                <button type="submit" class="button" data-testid="feed-renew">{t(Msg::ActFeedRenew)}</button>
                            </form>
                            {e.active.then(|| view! {
                                <form method="post" action=RevokeFeed::PATH class="inline">
                                    <ClubField club=club.clone()/>
                                    <input type="hidden" name="target" value=e.target.clone()/>
                                    <button type="submit" class="button-quiet" data-testid="feed-revoke">{t(Msg::ActFeedRevoke)}</button>
                                </form>
                            })}
                        </div>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        {notice}
        <FormAlert error=error id="feed-error"/>
        <ul class="plain feeds">{rows}</ul>
    }
}

/// wk19: the member's own attendance per group over a period (`?from=&to=`, the last 90
/// days by default), on their own page or, for a guardian, on their minor child's (`member`
/// the child's id). Nothing when the activities module is off or there is no record.
#[component]
pub fn MyAttendanceCard(club: String, member: Option<String>) -> impl IntoView {
    let from = query("from").unwrap_or_default();
    let to = query("to").unwrap_or_default();
    let key = (club, member.unwrap_or_default(), from, to);
    let data = Resource::new(
        move || key.clone(),
        |(c, m, f, t)| get_my_attendance(c, m, f, t),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let result = data.await;
                let (f, error) = match result {
                    Ok(f) => (Some(f), None),
                    Err(e @ tessera_common::AppError::BadRequest(_)) => (None, Some(e)),
                    Err(_) => return ().into_any(),
                };
                let (from, to) = f.as_ref().map(|f| (f.from.clone(), f.to.clone())).unwrap_or_default();
                let body = f.map(|f| {
                    if f.rows.is_empty() {
                        return view! { <p class="muted" data-testid="my-attendance-none">{t(Msg::MyAttendanceNone)}</p> }.into_any();
                    }
                    let rows = f.rows.iter().map(|r| view! {
                        <tr data-testid="my-attendance-row">
                            <th scope="row">{r.group.name.clone()}</th>
                            <td>{r.held}</td><td>{r.present}</td><td>{r.absent}</td><td>{r.excused}</td>
                            <td>{if r.held > 0 { r.present * 100 / r.held } else { 0 }}</td>
                        </tr>
                    }).collect_view();
                    view! {
                        <div class="table-wrap" tabindex="0">
                            <table data-testid="my-attendance">
                                <thead><tr>
                                    <th scope="col">{t(Msg::ActGroup)}</th>
                                    <th scope="col">{t(Msg::ActHeld)}</th>
                                    <th scope="col">{t(Msg::ActPresent)}</th>
                                    <th scope="col">{t(Msg::ActAbsent)}</th>
                                    <th scope="col">{t(Msg::ActExcused)}</th>
                                    <th scope="col">{t(Msg::ActRate)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }.into_any()
                });
                view! {
                    <section class="card" aria-labelledby="my-attendance-title" data-testid="my-attendance-card">
                        <h2 id="my-attendance-title">{t(Msg::MyAttendanceTitle)}</h2>
                        <FormAlert error=error id="my-attendance-error"/>
                        <form method="get" class="filters" data-testid="my-attendance-period">
                            <div class="field">
                                <label for="my-att-from">{t(Msg::From)}</label>
                                <input id="my-att-from" type="date" name="from" value=from/>
                            </div>
                            <div class="field">
                                <label for="my-att-to">{t(Msg::ActTo)}</label>
                                <input id="my-att-to" type="date" name="to" value=to/>
                            </div>
                            <button type="submit" class="button-quiet">{t(Msg::ActShow)}</button>
                        </form>
                        {body}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
