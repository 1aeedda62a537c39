//! Members' data-protection rights (issue 17): `/c/{club}/me/privacy` (My data: the
//! download, the requests and their status, for the member or a guardian acting for a
//! minor child) and `/c/{club}/privacy/requests` (the staff queue, `privacy.requests`).
//! Plain forms posted to server functions (and the download to its own route): everything
//! works without JavaScript.

use crate::api::{
    get_my_data, get_privacy_overdue, get_privacy_queue, AskPrivacy, PrivacyRequestAction,
};
use crate::components::{
    field_message, form_error_of, query, ClubField, ErrorView, FormAlert, Loading, Notice, TextArea,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::pages::consents::ConsentsSection;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use tessera_common::rights::{MyData, PrivacyRequest, RequestKind, RequestQueue, RequestStatus};
use tessera_common::time::DateStyle;
use tessera_common::Msg;

fn person_name(p: &tessera_common::dto::PersonLink) -> String {
    if p.name.is_empty() {
        t(Msg::RightsErasedName).to_string()
    } else {
        p.name.clone()
    }
}

fn status_cell(r: &PrivacyRequest) -> impl IntoView {
    let overdue = r.overdue.then(|| {
        view! { " " <strong class="badge badge-suspended" data-testid="overdue">{t(Msg::RightsOverdue)}</strong> }
    });
    view! { <span data-testid="request-status">{t(r.status.msg())}</span> {overdue} }
}

fn due(r: &PrivacyRequest) -> String {
    r.due_on.format(use_lang(), DateStyle::Short)
}

/// One request as a block of text (long words wrap; no table to scroll sideways on a
/// phone): its kind (and for staff whose), the dates, the status, the words and reasons.
#[component]
fn RequestSummary(request: PrivacyRequest, staff: bool) -> impl IntoView {
    let r = request;
    let title = if staff {
        format!("{} · {}", person_name(&r.member), t(r.kind.msg()))
    } else {
        t(r.kind.msg()).to_string()
    };
    let reason = r
        .refusal_reason
        .clone()
        .or(r.extension_reason.clone())
        .map(|e| {
            view! { <p><strong>{t(Msg::RightsReason)} ": "</strong> {e}</p> }
        });
    view! {
        <div class="request" data-testid="request-summary">
            <h3>{title}</h3>
            <dl class="fields">
                <div><dt>{t(Msg::RightsReceived)}</dt><dd>{crate::components::when_short(r.received_at)}</dd></div>
                <div><dt>{t(Msg::RightsDue)}</dt><dd>{due(&r)}</dd></div>
                <div><dt>{t(Msg::RightsStatus)}</dt><dd>{status_cell(&r)}</dd></div>
            </dl>
            {r.details.clone().map(|d| view! { <p class="muted">{d}</p> })}
            {reason}
        </div>
    }
}

/// `/c/{club}/me/privacy`, `?child=` a minor child's id for a guardian.
#[component]
pub fn MyDataPage() -> impl IntoView {
    let club = use_club();
    let child = query("child").unwrap_or_default();
    let data = Resource::new(
        move || (club.get(), child.clone()),
        |(c, ch)| get_my_data(c, ch),
    );
    view! {
        <Title text=t(Msg::RightsMyDataTitle)/>
        <h1>{t(Msg::RightsMyDataTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((d, draft)) => view! { <MyDataBody data=d draft=draft club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyDataBody(data: MyData, draft: Option<(String, String)>, club: String) -> impl IntoView {
    let lang = use_lang();
    let error = form_error_of::<AskPrivacy>();
    // `done=consent` is the consents section's own answer (it shows its notice).
    let notice = query("done")
        .filter(|d| d.as_str() != "consent")
        .map(|_| view! { <Notice text=t(Msg::RightsAsked)/> });
    let child_value = data.child.map(|c| c.to_string()).unwrap_or_default();
    let whose = (data.people.len() > 1).then(|| {
        let items = data
            .people
            .iter()
            .map(|(child, p)| {
                let (href, name) = match child {
                    None => (
                        format!("/c/{club}/me/privacy"),
                        t(Msg::RightsMyself).to_string(),
                    ),
                    Some(c) => (format!("/c/{club}/me/privacy?child={c}"), p.name.clone()),
                };
                let current = (*child == data.child).then_some("page");
                view! { <li><a href=href aria-current=current>{name}</a></li> }
            })
            .collect_view();
        view! {
            <nav aria-labelledby="whose-title" class="card">
                <h2 id="whose-title">{t(Msg::RightsActFor)}</h2>
                <ul class="plain links" data-testid="privacy-people">{items}</ul>
            </nav>
        }
    });
    let subject = Msg::RightsDataOf.fill(lang, &[("name", &person_name(&data.subject))]);
    let restricted = data.restricted_at.map(|at| {
        let when = crate::components::when_long(at);
        view! {
            <p class="notice" role="status" data-testid="restricted">
                {Msg::RightsRestrictedSince.fill(lang, &[("when", &when)])}
            </p>
        }
    });
    let download = format!("/c/{club}/me/privacy/download");
    let (draft_kind, draft_details) = draft.unwrap_or_default();
    let details_message = field_message(&error, "details");
    let kind_message = field_message(&error, "kind");
    let kinds = RequestKind::ASKED
        .into_iter()
        .map(|k| {
            let selected = draft_kind == k.as_str();
            view! { <option value=k.as_str() selected=selected>{t(k.msg())}</option> }
        })
        .collect_view();
    let ask = (!data.erased).then(|| {
        view! {
            <section class="card" aria-labelledby="ask-title">
                <h2 id="ask-title">{t(Msg::RightsAskTitle)}</h2>
                <FormAlert error=error.clone() id="ask-error"/>
                <form method="post" action=AskPrivacy::PATH class="stack" data-testid="ask-form">
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="child" value=child_value.clone()/>
                    <div class="field">
                        <label for="ask-kind">{t(Msg::RightsKind)}</label>
                        <select id="ask-kind" name="kind" aria-invalid=kind_message.is_some().then_some("true")>
                            {kinds}
                        </select>
                        {kind_message.map(|m| view! { <p class="field-error" id="ask-kind-error">{m}</p> })}
                    </div>
                    <div class="field">
                        <label for="ask-details">{t(Msg::RightsDetails)}</label>
                        <TextArea id="ask-details" name="details" value=draft_details rows=4 maxlength=2000
                            invalid=details_message.is_some()
                            describedby=details_message.is_some().then(|| "ask-details-error".to_string())/>
                        {details_message.map(|m| view! { <p class="field-error" id="ask-details-error">{m}</p> })}
                    </div>
                    <button type="submit" class="button">{t(Msg::RightsAsk)}</button>
                </form>
            </section>
        }
    });
    let erased = data
        .erased
        .then(|| view! { <p class="notice" role="status">{t(Msg::RightsErasedNotice)}</p> });
    let requests = if data.requests.is_empty() {
        view! { <p class="muted">{t(Msg::RightsNoRequests)}</p> }.into_any()
    } else {
        view! {
            <ul class="plain stack" data-testid="my-requests">
                {data.requests.iter().map(|r| view! { <li><RequestSummary request=r.clone() staff=false/></li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {notice}
        {whose}
        <section class="card" aria-labelledby="data-title">
            <h2 id="data-title" data-testid="privacy-subject">{subject}</h2>
            <p class="muted">{t(Msg::RightsMyDataIntro)}</p>
            {restricted}
            {erased}
            <p data-testid="federation-reads">{Msg::FedReadsAboutYou.fill(use_lang(), &[("n", &data.federation_reads.to_string())])}</p>
            <form method="post" action=download class="stack" data-testid="download-form">
                <input type="hidden" name="child" value=child_value/>
                <p class="muted">{t(Msg::RightsDownloadHelp)}</p>
                <button type="submit" class="button" data-testid="download">{t(Msg::RightsDownload)}</button>
            </form>
        </section>
        // Consent per purpose: given and withdrawn here (plain forms that come back to this
        // page), with the history; the person's own and each minor child's.
        {(!data.erased).then(|| view! {
            <ConsentsSection club=club.clone() back=format!("/c/{club}/me/privacy")/>
        })}
        {ask}
        <section class="card" aria-labelledby="requests-title">
            <h2 id="requests-title">{t(Msg::RightsRequestsTitle)}</h2>
            {requests}
        </section>
    }
}

/// `/c/{club}/privacy/requests`: the staff queue (`privacy.requests`).
#[component]
pub fn PrivacyRequestsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_privacy_queue);
    view! {
        <Title text=t(Msg::RightsQueueTitle)/>
        <h1>{t(Msg::RightsQueueTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(q) => view! { <QueueBody queue=q club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueBody(queue: RequestQueue, club: String) -> impl IntoView {
    let error = form_error_of::<PrivacyRequestAction>();
    let notice = query("done").map(|_| view! { <Notice text=t(Msg::RightsDone)/> });
    let open = if queue.open.is_empty() {
        view! { <p class="muted">{t(Msg::RightsNoRequests)}</p> }.into_any()
    } else {
        queue
            .open
            .iter()
            .map(|r| view! { <QueueItem request=r.clone() club=club.clone()/> })
            .collect_view()
            .into_any()
    };
    let closed = (!queue.closed.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="closed-title">
                <h2 id="closed-title">{t(Msg::RightsQueueClosed)}</h2>
                <ul class="plain stack" data-testid="closed-requests">
                    {queue.closed.iter().map(|r| view! { <li><RequestSummary request=r.clone() staff=true/></li> }).collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        {notice}
        <FormAlert error=error id="queue-error"/>
        <section aria-labelledby="open-title">
            <h2 id="open-title">{t(Msg::RightsQueueOpen)}</h2>
            <div class="stack" data-testid="open-requests">{open}</div>
        </section>
        {closed}
    }
}

#[component]
fn QueueItem(request: PrivacyRequest, club: String) -> impl IntoView {
    let r = request;
    let id = r.id.clone();
    let version = r.version.to_string();
    let member_href = format!("/c/{club}/members/{}", r.member.id);
    let hidden = {
        let (club, id, version) = (club.clone(), id.clone(), version.clone());
        move || {
            view! {
                <ClubField club=club.clone()/>
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="version" value=version.clone()/>
            }
        }
    };
    let start = (r.status == RequestStatus::Open).then(|| {
        view! {
            <form method="post" action=PrivacyRequestAction::PATH class="inline">
                {hidden()}
                <input type="hidden" name="action" value="start"/>
                <button type="submit" class="button secondary" data-testid="start">{t(Msg::RightsStart)}</button>
            </form>
        }
    });
    let extend = r.can_extend.then(|| {
        let months_id = format!("months-{id}");
        let reason_id = format!("extend-reason-{id}");
        view! {
            <details>
                <summary data-testid="extend-open">{t(Msg::RightsExtend)}</summary>
                <form method="post" action=PrivacyRequestAction::PATH class="stack" data-testid="extend-form">
                    {hidden()}
                    <input type="hidden" name="action" value="extend"/>
                    <label for=months_id.clone()>{t(Msg::RightsExtendBy)}</label>
                    <select id=months_id name="months">
                        <option value="1">{t(Msg::RightsOneMonth)}</option>
                        <option value="2">{t(Msg::RightsTwoMonths)}</option>
                    </select>
                    <label for=reason_id.clone()>{t(Msg::RightsReason)}</label>
                    <TextArea id=reason_id name="reason" value="" rows=2 maxlength=2000 required=true/>
                    <button type="submit" class="button secondary" data-testid="extend">{t(Msg::RightsExtend)}</button>
                </form>
            </details>
        }
    });
    let complete_label = if r.kind == RequestKind::Erasure {
        Msg::RightsCompleteErasure
    } else {
        Msg::RightsComplete
    };
    let refuse_id = format!("refuse-reason-{id}");
    let extension = r.extension_reason.clone().map(|e| {
        view! { <p class="muted">{t(Msg::RightsReason)} ": " {e}</p> }
    });
    view! {
        <article class="card" data-testid="request" data-kind=r.kind.as_str() data-overdue=r.overdue.to_string()>
            <h3><a href=member_href>{person_name(&r.member)}</a> " · " {t(r.kind.msg())}</h3>
            <dl class="fields">
                <div><dt>{t(Msg::RightsReceived)}</dt><dd>{crate::components::when_short(r.received_at)}</dd></div>
                <div><dt>{t(Msg::RightsDue)}</dt><dd data-testid="due">{due(&r)}</dd></div>
                <div><dt>{t(Msg::RightsStatus)}</dt><dd>{status_cell(&r)}</dd></div>
            </dl>
            {r.details.clone().map(|d| view! { <p>{d}</p> })}
            {extension}
            <div class="actions">
                {start}
                <form method="post" action=PrivacyRequestAction::PATH class="inline">
                    {hidden()}
                    <input type="hidden" name="action" value="complete"/>
                    <button type="submit" class="button" data-testid="complete">{t(complete_label)}</button>
                </form>
            </div>
            {extend}
            <details>
                <summary data-testid="refuse-open">{t(Msg::RightsRefuse)}</summary>
                <form method="post" action=PrivacyRequestAction::PATH class="stack" data-testid="refuse-form">
                    {hidden()}
                    <input type="hidden" name="action" value="refuse"/>
                    <label for=refuse_id.clone()>{t(Msg::RightsReason)}</label>
                    <TextArea id=refuse_id name="reason" value="" rows=2 maxlength=2000 required=true/>
                    <button type="submit" class="button secondary" data-testid="refuse">{t(Msg::RightsRefuse)}</button>
                </form>
            </details>
        </article>
    }
}

/// On the club home, for those who work the queue: how many requests are overdue.
#[component]
pub fn OverdueRequests(club: String) -> impl IntoView {
    let data = Resource::new(move || club.clone(), get_privacy_overdue);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(n)) if n > 0 => {
                        let club = use_club().get_untracked();
                        let href = format!("/c/{club}/privacy/requests");
                        Some(view! {
                            <p class="banner banner-trial" role="status" data-testid="overdue-requests">
                                <a href=href>{Msg::RightsOverdueCount.fill(use_lang(), &[("n", &n.to_string())])}</a>
                            </p>
                        })
                    }
                    _ => None,
                }
            })}
        </Suspense>
    }
}

/// On a member's page: the restriction (since when; with `members.edit` the one change it
/// takes, lifting it) or the erasure.
pub fn restriction_notice(
    member: &tessera_common::dto::MemberDetail,
    club: &str,
) -> Option<impl IntoView> {
    if member.erased {
        return Some(
            view! { <p class="notice" role="status" data-testid="erased">{t(Msg::RightsErasedNotice)}</p> }
                .into_any(),
        );
    }
    let at = member.restricted_at?;
    let lang = use_lang();
    let when = crate::components::when_long(at);
    let error = form_error_of::<crate::api::LiftRestriction>();
    let lift = (member.can_edit && crate::components::writable()).then(|| {
        view! {
            <form method="post" action=crate::api::LiftRestriction::PATH class="inline">
                <ClubField club=club.to_string()/>
                <input type="hidden" name="id" value=member.id.to_string()/>
                <button type="submit" class="button secondary" data-testid="lift-restriction">{t(Msg::RightsLift)}</button>
            </form>
        }
    });
    Some(
        view! {
            <section class="card" data-testid="restricted">
                <FormAlert error=error id="lift-error"/>
                <p class="notice" role="status">{Msg::RightsRestrictedSince.fill(lang, &[("when", &when)])}</p>
                {lift}
            </section>
        }
        .into_any(),
    )
}
