//! `/admin/privacy`: the operator's incidents (the 72-hour clock per affected club, the
//! notification) and the sub-processors (add, change, remove; the changes with the clubs'
//! objections).

use crate::api::{
    get_operator_privacy, NotifyIncidentClub, RecordIncident, RemoveSubprocessor, SaveSubprocessor,
};
use crate::components::{
    field_message, form_error_of, query, when_long, ErrorView, FieldError, FormAlert, Loading,
    Notice, PageFrame, StampLine,
};
use crate::i18n::use_lang;
use crate::pages::privacy::{change_words, BreachFactsFields, SubProcessorTable};
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use tessera_common::breach::{OperatorIncident, OperatorPrivacy, SubProcessor, SubProcessorChange};
use tessera_common::time::Timestamp;
use tessera_common::Msg;

#[component]
pub fn AdminPrivacyPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_operator_privacy());
    view! {
        <Title text=t(Msg::OpPrivacyLink)/>
        <PageFrame>
            <p><a href="/admin">{t(Msg::Overview)}</a></p>
            <h1>{t(Msg::OpPrivacyLink)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => view! { <AdminPrivacyBody data=o/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

/// Hours and minutes of a span of milliseconds.
fn hours_minutes(ms: i64) -> (String, String) {
    let minutes = ms.max(0) / 60_000;
    ((minutes / 60).to_string(), (minutes % 60).to_string())
}

#[component]
fn AdminPrivacyBody(data: OperatorPrivacy) -> impl IntoView {
    let notice = query("done").map(|d| {
        let text = match d.as_str() {
            "incident" => t(Msg::IncidentRecorded),
            "notified" => t(Msg::IncidentNotified),
            "subprocessor" => t(Msg::SpSaved),
            "removed" => t(Msg::SpRemovedDone),
            _ => t(Msg::Saved),
        };
        view! { <Notice text=text/> }
    });
    let row_errors = [
        form_error_of::<NotifyIncidentClub>(),
        form_error_of::<RemoveSubprocessor>(),
    ]
    .into_iter()
    .flatten()
    .next();
    let now = data.now;
    let incidents = if data.incidents.is_empty() {
        view! { <p>{t(Msg::IncidentsNone)}</p> }.into_any()
    } else {
        data.incidents
            .into_iter()
            .map(|i| view! { <IncidentCard incident=i now=now/> })
            .collect_view()
            .into_any()
    };
    view! {
        {notice}
        <FormAlert error=row_errors id="privacy-row-error"/>
        <h2>{t(Msg::IncidentsTitle)}</h2>
        {incidents}
        <IncidentForm clubs=data.clubs.clone()/>
        <section class="card" aria-labelledby="sp-title" id="subprocessors">
            <h2 id="sp-title">{t(Msg::RecordSubprocessors)}</h2>
            <SubProcessorTable subprocessors=data.subprocessors.clone()/>
            <SubProcessorForms subprocessors=data.subprocessors.clone()/>
        </section>
        <section class="card" aria-labelledby="changes-title">
            <h2 id="changes-title">{t(Msg::SpChanges)}</h2>
            <ChangeList changes=data.changes.clone()/>
        </section>
    }
}

#[component]
fn IncidentCard(incident: OperatorIncident, now: Timestamp) -> impl IntoView {
    let lang = use_lang();
    let i = incident;
    let left = i.deadline.0 - now.0;
    let all_notified = i.clubs.iter().all(|c| c.notified_at.is_some());
    let clock = (!all_notified).then(|| {
        let (hours, minutes) = hours_minutes(left.abs());
        let (text, class) = if left >= 0 {
            (
                Msg::IncidentTimeLeft.fill(lang, &[("hours", &hours), ("minutes", &minutes)]),
                "badge badge-applicant",
            )
        } else {
            (
                Msg::IncidentOverdue.fill(lang, &[("hours", &hours), ("minutes", &minutes)]),
                "badge badge-suspended",
            )
        };
        view! { " " <span class=class data-testid="clock">{text}</span> }
    });
    let id = i.id;
    let clubs = i
        .clubs
        .iter()
        .map(|c| {
            let status = match c.notified_at {
                Some(at) if c.late => view! {
                    <span class="badge badge-suspended" data-testid="notified-late">{Msg::IncidentNotifiedLate.fill(lang, &[("date", &when_long(at))])}</span>
                }
                .into_any(),
                Some(at) => view! {
                    <span class="badge badge-active" data-testid="notified">{Msg::IncidentNotifiedOn.fill(lang, &[("date", &when_long(at))])}</span>
                }
                .into_any(),
                None => view! {
                    <form method="post" action=NotifyIncidentClub::PATH class="inline">
                        <input type="hidden" name="incident" value=id.to_string()/>
                        <input type="hidden" name="club" value=c.slug.clone()/>
                        <button type="submit" class="button" data-testid=format!("notify-{}", c.slug)>
                            {Msg::IncidentNotify.fill(lang, &[("club", &c.name)])}
                        </button>
                    </form>
                }
                .into_any(),
            };
            view! { <li data-testid=format!("affected-{}", c.slug)>{c.name.clone()} " " {status}</li> }
        })
        .collect_view();
    let f = i.facts.clone();
    view! {
        <article class="card" id=format!("incident-{}", i.id) data-testid="incident">
            <h3>{t(Msg::BreachDiscoveredAt)} " " {when_long(f.discovered_at)}</h3>
            <p>{Msg::IncidentDeadline.fill(lang, &[("date", &when_long(i.deadline))])} {clock}</p>
            <dl class="facts">
                <dt>{t(Msg::BreachNature)}</dt><dd class="pre">{f.nature}</dd>
                <dt>{t(Msg::BreachCategories)}</dt><dd>{f.categories}</dd>
                <dt>{t(Msg::BreachPeople)}</dt><dd>{f.people_count}</dd>
                <dt>{t(Msg::BreachRecords)}</dt><dd>{f.records_count}</dd>
                <dt>{t(Msg::BreachConsequences)}</dt><dd class="pre">{f.consequences}</dd>
                <dt>{t(Msg::BreachMeasures)}</dt><dd class="pre">{f.measures}</dd>
            </dl>
            <h4>{t(Msg::IncidentClubs)}</h4>
            <ul class="affected">{clubs}</ul>
            <StampLine stamp=i.stamp.clone()/>
        </article>
    }
}

#[component]
fn IncidentForm(clubs: Vec<(String, String)>) -> impl IntoView {
    let error = form_error_of::<RecordIncident>();
    let club_error = field_message(&error, "clubs");
    let boxes = clubs
        .into_iter()
        .map(|(slug, name)| {
            let id = format!("ic-{slug}");
            let for_id = id.clone();
            view! {
                <label for=for_id class="choice">
                    <input type="checkbox" id=id name="clubs[]" value=slug/>
                    {name}
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="incident-form-title">
            <h2 id="incident-form-title">{t(Msg::IncidentRecord)}</h2>
            <FormAlert error=error.clone() id="incident-error"/>
            <form method="post" action=RecordIncident::PATH class="stack" data-testid="record-incident">
                <BreachFactsFields error=error prefix="i"/>
                <fieldset class="club-choices">
                    <legend>{t(Msg::IncidentClubs)}</legend>
                    {boxes}
                </fieldset>
                <FieldError error=club_error id="i-clubs-error"/>
                <button type="submit" class="button">{t(Msg::IncidentRecord)}</button>
            </form>
        </section>
    }
}

#[component]
fn SubProcessorForms(subprocessors: Vec<SubProcessor>) -> impl IntoView {
    let lang = use_lang();
    let error = form_error_of::<SaveSubprocessor>();
    let fe = |f: &str| field_message(&error, f);
    let edit = subprocessors
        .into_iter()
        .map(|s| {
            let p = format!("sp-{}", s.id);
            let id = move |f: &str| format!("{p}-{f}");
            view! {
                <details class="sp-edit">
                    <summary>{Msg::SpEdit.fill(lang, &[("name", &s.name)])}</summary>
                    <form method="post" action=SaveSubprocessor::PATH class="stack">
                        <input type="hidden" name="id" value=s.id.to_string()/>
                        <label for=id("name")>{t(Msg::SpName)}</label>
                        <input type="text" id=id("name") name="name" value=s.name.clone() maxlength="120" required/>
                        <label for=id("location")>{t(Msg::SpLocation)}</label>
                        <input type="text" id=id("location") name="location" value=s.location.clone() maxlength="120" required/>
                        <label for=id("service")>{t(Msg::SpService)}</label>
                        <input type="text" id=id("service") name="service" value=s.service.clone() maxlength="300" required/>
                        <label for=id("since")>{t(Msg::SpSince)}</label>
                        <input type="date" id=id("since") name="since" value=s.since.clone() required/>
                        <button type="submit" class="button">{t(Msg::Save)}</button>
                    </form>
                    <form method="post" action=RemoveSubprocessor::PATH class="inline-form">
                        <input type="hidden" name="id" value=s.id.to_string()/>
                        <button type="submit" class="button-quiet" data-testid=format!("remove-sp-{}", s.id)>
                            {Msg::SpRemove.fill(lang, &[("name", &s.name)])}
                        </button>
                    </form>
                </details>
            }
        })
        .collect_view();
    view! {
        {edit}
        <h3>{t(Msg::SpAdd)}</h3>
        <FormAlert error=error.clone() id="sp-error"/>
        <form method="post" action=SaveSubprocessor::PATH class="stack" data-testid="add-subprocessor">
            <input type="hidden" name="id" value=""/>
            <label for="sp-name">{t(Msg::SpName)}</label>
            <input type="text" id="sp-name" name="name" maxlength="120" required/>
            <FieldError error=fe("name") id="sp-name-error"/>
            <label for="sp-location">{t(Msg::SpLocation)}</label>
            <input type="text" id="sp-location" name="location" maxlength="120" required/>
            <FieldError error=fe("location") id="sp-location-error"/>
            <label for="sp-service">{t(Msg::SpService)}</label>
            <input type="text" id="sp-service" name="service" maxlength="300" required/>
            <FieldError error=fe("service") id="sp-service-error"/>
            <label for="sp-since">{t(Msg::SpSince)}</label>
            <input type="date" id="sp-since" name="since" required/>
            <FieldError error=fe("since") id="sp-since-error"/>
            <button type="submit" class="button">{t(Msg::SpAdd)}</button>
        </form>
    }
}

#[component]
fn ChangeList(changes: Vec<SubProcessorChange>) -> impl IntoView {
    let lang = use_lang();
    if changes.is_empty() {
        return view! { <p>{t(Msg::SpNoChanges)}</p> }.into_any();
    }
    let items = changes
        .into_iter()
        .map(|c| {
            let window = if c.open {
                Msg::SpOpenUntil.fill(lang, &[("date", &when_long(c.closes_at))])
            } else {
                Msg::SpClosedOn.fill(lang, &[("date", &when_long(c.closes_at))])
            };
            let objections = if c.objections.is_empty() {
                view! { <p class="muted">{t(Msg::SpNoObjections)}</p> }.into_any()
            } else {
                let rows = c
                    .objections
                    .iter()
                    .map(|o| view! {
                        <li data-testid="objection"><strong>{o.club_name.clone()}</strong> " · " {when_long(o.at)} ": " <span class="pre">{o.reason.clone()}</span></li>
                    })
                    .collect_view();
                view! { <p>{t(Msg::SpObjections)}</p><ul>{rows}</ul> }.into_any()
            };
            view! {
                <li data-testid="sp-change">
                    <strong>{change_words(&c.change)} ": " {c.name.clone()}</strong>
                    " (" {c.location.clone()} "), " {c.service.clone()}
                    <br/><span class="muted">{when_long(c.announced_at)} " · " {window}</span>
                    {objections}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="change-list">{items}</ul> }.into_any()
}
