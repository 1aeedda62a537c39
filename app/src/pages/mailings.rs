//! `/c/{club}/mailings` (the club's mailings and a new one) and
//! `/c/{club}/mailings/{id}` (one mailing: its texts, a preview for a chosen recipient,
//! sending, the progress while it sends and what did not arrive). Plain forms: everything
//! works without JavaScript; while a mailing sends, the page refreshes itself (and offers a
//! link to do so).

use crate::api::{get_mailing, get_mailing_choices, get_mailings, CreateMailing, SendMailing};
use crate::components::{
    field_message, form_error_of, query, when_short, ClubField, ErrorView, FieldError, FormAlert,
    Loading, Notice, StampLine, TextArea,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use tessera_common::mailing::*;
use tessera_common::{AppError, Lang, Msg};

fn status_text(s: MailingStatus) -> &'static str {
    match s {
        MailingStatus::Draft => t(Msg::MailingStatusDraft),
        MailingStatus::Sending => t(Msg::MailingStatusSending),
        MailingStatus::Done => t(Msg::MailingStatusDone),
    }
}

fn kind_text(k: MailingKind) -> &'static str {
    match k {
        MailingKind::Newsletter => t(Msg::MailingKindNewsletter),
        MailingKind::Service => t(Msg::MailingKindService),
    }
}

/// `/c/{club}/mailings`.
#[component]
pub fn MailingsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(
        move || club.get(),
        |c| async move {
            // Both calls start at once: a server call begun after another's await may find the
            // page already gone (its owner disposed) and no request context left.
            futures_util::future::try_join(get_mailings(c.clone()), get_mailing_choices(c)).await
        },
    );
    view! {
        <Title text=t(Msg::MailingsTitle)/>
        <h1>{t(Msg::MailingsTitle)}</h1>
        <p class="muted">{t(Msg::MailingsIntro)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((list, (choices, draft))) => view! {
                        <MailingsBody list=list choices=choices draft=draft club=club.get_untracked()/>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MailingsBody(
    list: Vec<MailingSummary>,
    choices: MailingChoices,
    draft: Option<MailingForm>,
    club: String,
) -> impl IntoView {
    let lang = use_lang();
    let rows = if list.is_empty() {
        view! { <p class="muted">{t(Msg::MailingNone)}</p> }.into_any()
    } else {
        let club = club.clone();
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="mailings">
                    <thead><tr>
                        <th scope="col">{t(Msg::MailingSubject)}</th>
                        <th scope="col">{t(Msg::MailingKindLabel)}</th>
                        <th scope="col">{t(Msg::MailingStatusLabel)}</th>
                        <th scope="col">{t(Msg::MailingRecipients)}</th>
                        <th scope="col">{t(Msg::MailingSentCount)}</th>
                        <th scope="col">{t(Msg::MailingFailedCount)}</th>
                        <th scope="col">{t(Msg::MailingWhen)}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|m| {
                            let href = format!("/c/{club}/mailings/{}", m.id);
                            let kind = match m.kind {
                                MailingKind::Newsletter => t(Msg::MailingKindNewsletter),
                                MailingKind::Service => t(Msg::MailingKindService),
                            };
                            let kind = kind.split(" (").next().unwrap_or(kind).to_string();
                            view! {
                                <tr data-testid="mailing-row">
                                    <td><a href=href>{m.subject}</a></td>
                                    <td>{kind}</td>
                                    <td>{status_text(m.status)}</td>
                                    <td>{m.figures.recipients}</td>
                                    <td>{m.figures.sent}</td>
                                    <td>{m.figures.failed + m.figures.interrupted}</td>
                                    <td>{when_short(m.created_at)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let error = form_error_of::<CreateMailing>();
    // From the register: `?selection=` names the filter shown there.
    let from_register = query("selection").filter(|s| !s.is_empty());
    let form = draft.unwrap_or_else(|| MailingForm {
        club: club.clone(),
        kind: "service".into(),
        audience: if from_register.is_some() {
            "selection"
        } else {
            "group"
        }
        .into(),
        selection: from_register.unwrap_or_default(),
        ..Default::default()
    });
    let can_write = crate::components::writable();
    view! {
        {crate::components::read_only_notice()}
        <section class="card" aria-labelledby="mailings-list-title">
            <h2 id="mailings-list-title">{t(Msg::MailingsTitle)}</h2>
            {rows}
        </section>
        {can_write.then(|| view! {
            <section class="card" aria-labelledby="new-mailing-title">
                <h2 id="new-mailing-title">{t(Msg::MailingNew)}</h2>
                <MailingFormView form=form choices=choices error=error lang=lang/>
            </section>
        })}
    }
}

#[component]
fn MailingFormView(
    form: MailingForm,
    choices: MailingChoices,
    error: Option<AppError>,
    lang: Lang,
) -> impl IntoView {
    let radio = |name: &'static str, value: &'static str, label: Msg, current: &str| {
        let id = format!("mailing-{name}-{value}");
        view! {
            <div class="check">
                <input type="radio" id=id.clone() name=name value=value checked=current == value
                    data-testid=id.clone()/>
                <label for=id>{t(label)}</label>
            </div>
        }
    };
    let msg = |field: &str| field_message(&error, field);
    let groups = choices
        .groups
        .iter()
        .map(|(id, name)| {
            let v = id.to_string();
            let selected = form.group == v;
            view! { <option value=v selected=selected>{name.clone()}</option> }
        })
        .collect_view();
    let topics = choices
        .topics
        .iter()
        .map(|(id, title)| {
            let v = id.to_string();
            let selected = form.purpose == v;
            view! { <option value=v selected=selected>{title.get(lang).to_string()}</option> }
        })
        .collect_view();
    let texts = [
        (
            Lang::En,
            "subject_en",
            "body_en",
            form.subject_en.clone(),
            form.body_en.clone(),
        ),
        (
            Lang::Nl,
            "subject_nl",
            "body_nl",
            form.subject_nl.clone(),
            form.body_nl.clone(),
        ),
        (
            Lang::Fr,
            "subject_fr",
            "body_fr",
            form.subject_fr.clone(),
            form.body_fr.clone(),
        ),
    ]
    .into_iter()
    .map(|(l, s_name, b_name, s_val, b_val)| {
        let s_msg = field_message(&error, s_name);
        let b_msg = field_message(&error, b_name);
        let s_id = format!("mailing-{s_name}");
        let b_id = format!("mailing-{b_name}");
        let s_err = format!("{s_id}-error");
        let b_err = format!("{b_id}-error");
        let default = (l == choices.default_lang).then_some(" *");
        view! {
            <fieldset lang=l.code()>
                <legend>{l.native_name()}{default}</legend>
                <label for=s_id.clone()>{t(Msg::MailingSubject)}</label>
                <input id=s_id name=s_name type="text" value=s_val maxlength="200"
                    aria-invalid=s_msg.is_some().then_some("true")
                    aria-describedby=s_msg.is_some().then(|| s_err.clone())/>
                <FieldError error=s_msg id=s_err/>
                <label for=b_id.clone()>{t(Msg::MailingBody)}</label>
                <TextArea id=b_id name=b_name rows=6 maxlength=20000 value=b_val
                    invalid=b_msg.is_some() describedby=b_msg.is_some().then(|| b_err.clone())/>
                <FieldError error=b_msg id=b_err/>
            </fieldset>
        }
    })
    .collect_view();
    let (kind_err, purpose_err, audience_err, group_err, selection_err) = (
        msg("kind"),
        msg("purpose"),
        msg("audience"),
        msg("group"),
        msg("selection"),
    );
    view! {
        <FormAlert error=error.clone() id="mailing-error"/>
        <form method="post" action=CreateMailing::PATH class="stack" data-testid="mailing-form">
            <ClubField club=form.club.clone()/>
            <fieldset class="choices">
                <legend>{t(Msg::MailingKindLabel)}</legend>
                {radio("kind", "service", Msg::MailingKindService, &form.kind)}
                {radio("kind", "newsletter", Msg::MailingKindNewsletter, &form.kind)}
                <FieldError error=kind_err id="mailing-kind-error"/>
            </fieldset>
            <label for="mailing-purpose">{t(Msg::MailingTopic)}</label>
            <select id="mailing-purpose" name="purpose" data-testid="mailing-purpose">
                <option value="">"—"</option>
                {topics}
            </select>
            <FieldError error=purpose_err id="mailing-purpose-error"/>
            <fieldset class="choices">
                <legend>{t(Msg::MailingAudienceLabel)}</legend>
                {radio("audience", "group", Msg::MailingAudienceGroup, &form.audience)}
                {radio("audience", "selection", Msg::MailingAudienceSelection, &form.audience)}
                {radio("audience", "topic", Msg::MailingAudienceTopic, &form.audience)}
                <FieldError error=audience_err id="mailing-audience-error"/>
            </fieldset>
            <label for="mailing-group">{t(Msg::MailingGroupLabel)}</label>
            <select id="mailing-group" name="group" data-testid="mailing-group">
                <option value="">"—"</option>
                {groups}
            </select>
            <FieldError error=group_err id="mailing-group-error"/>
            <label for="mailing-selection">{t(Msg::MailingSelectionLabel)}</label>
            <input id="mailing-selection" name="selection" type="text" value=form.selection.clone()
                maxlength="1000" aria-describedby="mailing-selection-help"/>
            <p class="help muted" id="mailing-selection-help">{t(Msg::MailingSelectionHelp)}</p>
            <FieldError error=selection_err id="mailing-selection-error"/>
            <p class="help muted">{t(Msg::MailingTextsHelp)}</p>
            {texts}
            <button type="submit" class="button" data-testid="mailing-save">{t(Msg::MailingSaveDraft)}</button>
        </form>
    }
}

/// `/c/{club}/mailings/{id}`; `?to=member:to_member` chooses the preview's recipient.
#[component]
pub fn MailingPage() -> impl IntoView {
    let club = use_club();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let to = query("to").unwrap_or_default();
    let data = Resource::new(
        move || (club.get(), id.get()),
        move |(c, i)| get_mailing(c, i, to.clone()),
    );
    view! {
        <Title text=t(Msg::MailingsTitle)/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(m) => view! { <MailingBody mailing=m club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MailingBody(mailing: MailingDetail, club: String) -> impl IntoView {
    let lang = use_lang();
    let m = mailing;
    let s = &m.summary;
    let here = format!("/c/{club}/mailings/{}", s.id);
    let sending = s.status == MailingStatus::Sending;
    let refresh = sending.then(|| {
        let href = here.clone();
        view! {
            <Meta http_equiv="refresh" content="3"/>
            <p><a href=href data-testid="mailing-refresh">{t(Msg::MailingRefresh)}</a></p>
        }
    });
    let notice = (query("done").as_deref() == Some("sent"))
        .then(|| view! { <Notice text=t(Msg::MailingSendHelp)/> });
    let f = &s.figures;
    let figures = (s.status != MailingStatus::Draft).then(|| {
        view! {
            <dl class="facts" data-testid="mailing-figures">
                <dt>{t(Msg::MailingRecipients)}</dt><dd data-testid="fig-recipients">{f.recipients}</dd>
                <dt>{t(Msg::MailingSentCount)}</dt><dd data-testid="fig-sent">{f.sent}</dd>
                <dt>{t(Msg::MailingQueuedCount)}</dt><dd data-testid="fig-queued">{f.queued}</dd>
                <dt>{t(Msg::MailingFailedCount)}</dt><dd data-testid="fig-failed">{f.failed}</dd>
                <dt>{t(Msg::MailingInterruptedCount)}</dt><dd>{f.interrupted}</dd>
            </dl>
            {(f.recipients > 0).then(|| view! {
                <progress max=f.recipients.to_string() value=(f.sent + f.failed + f.interrupted).to_string()
                    aria-label=t(Msg::MailingSentCount)></progress>
            })}
        }
    });
    let send_error = form_error_of::<SendMailing>();
    let send_form = (s.status == MailingStatus::Draft && crate::components::writable()).then(|| {
        view! {
            <FormAlert error=send_error.clone() id="send-error"/>
            <form method="post" action=SendMailing::PATH data-testid="send-form">
                <ClubField club=club.clone()/>
                <input type="hidden" name="id" value=s.id.to_string()/>
                <input type="hidden" name="version" value=m.version.to_string()/>
                <p data-testid="mailing-draft-count">{Msg::MailingDraftCount.fill(lang, &[("n", &m.draft_count.to_string())])}</p>
                <p class="muted">{t(Msg::MailingSendHelp)}</p>
                <button type="submit" class="button" data-testid="mailing-send">{t(Msg::MailingSendNow)}</button>
            </form>
        }
    });
    let choices = m
        .choices
        .iter()
        .map(|c| {
            let selected = m.preview.as_ref().is_some_and(|p| p.key == c.key);
            view! { <option value=c.key.clone() selected=selected>{c.label.clone()}</option> }
        })
        .collect_view();
    let preview = m.preview.clone().map(|p| {
        view! {
            <section class="card" aria-labelledby="preview-title" data-testid="mailing-preview">
                <h2 id="preview-title">{t(Msg::MailingPreview)}</h2>
                <form method="get" action=here.clone() class="inline">
                    <label for="preview-to">{t(Msg::MailingPreviewFor)}</label>
                    <select id="preview-to" name="to">{choices}</select>
                    <button type="submit" class="button-quiet">{t(Msg::MailingShow)}</button>
                </form>
                <dl class="facts">
                    <dt>{t(Msg::MailingTo)}</dt><dd data-testid="preview-to">{p.to.clone()}</dd>
                    <dt>{t(Msg::MailingSubject)}</dt>
                    <dd lang=p.lang.code() data-testid="preview-subject">{p.subject.clone()}</dd>
                </dl>
                <div class="pre" lang=p.lang.code() data-testid="preview-body">{p.body.clone()}</div>
                {p.unsubscribe.then(|| view! { <p class="muted">{t(Msg::MailingUnsubscribeNote)}</p> })}
            </section>
        }
    });
    let undelivered = (!m.undelivered.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="undelivered-title">
                <h2 id="undelivered-title">{t(Msg::MailingUndelivered)}</h2>
                <ul data-testid="undelivered">
                    {m.undelivered.iter().map(|u| {
                        let href = format!("/c/{club}/members/{}", u.member);
                        let why = if u.interrupted { t(Msg::MailingInterruptedCount).to_string() } else { reason_text(&u.error, lang) };
                        view! { <li><a href=href>{u.name.clone()}</a> " <" {u.email.clone()} "> — " {why}</li> }
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let texts = [Lang::En, Lang::Nl, Lang::Fr]
        .into_iter()
        .filter(|l| {
            let (sub, body) = match l {
                Lang::En => (&m.subject.en, &m.body.en),
                Lang::Nl => (&m.subject.nl, &m.body.nl),
                Lang::Fr => (&m.subject.fr, &m.body.fr),
            };
            !sub.is_empty() || !body.is_empty()
        })
        .map(|l| {
            let (sub, body) = match l {
                Lang::En => (m.subject.en.clone(), m.body.en.clone()),
                Lang::Nl => (m.subject.nl.clone(), m.body.nl.clone()),
                Lang::Fr => (m.subject.fr.clone(), m.body.fr.clone()),
            };
            view! {
                <div lang=l.code() data-testid="mailing-text">
                    <h3>{l.native_name()}</h3>
                    <p><strong>{sub}</strong></p>
                    <p class="pre">{body}</p>
                </div>
            }
        })
        .collect_view();
    let _ = lang;
    view! {
        {refresh}
        <h1 data-testid="mailing-subject">{s.subject.clone()}</h1>
        <p><a href=format!("/c/{club}/mailings")>{t(Msg::MailingsTitle)}</a></p>
        {notice}
        <section class="card">
            <dl class="facts">
                <dt>{t(Msg::MailingKindLabel)}</dt><dd>{kind_text(s.kind)}</dd>
                <dt>{t(Msg::MailingStatusLabel)}</dt><dd data-testid="mailing-status">{status_text(s.status)}</dd>
                <dt>{t(Msg::MailingAudienceShown)}</dt><dd data-testid="mailing-audience">{m.audience.clone()}</dd>
                {m.topic.clone().map(|tp| view! { <dt>{t(Msg::MailingTopic)}</dt><dd>{tp}</dd> })}
            </dl>
            {figures}
            <StampLine stamp=s.stamp.clone()/>
            {send_form}
        </section>
        {preview}
        {undelivered}
        <section class="card">
            <h2>{t(Msg::MailingBody)}</h2>
            {texts}
        </section>
    }
}
