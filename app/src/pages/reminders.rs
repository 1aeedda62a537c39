//! Payment reminders (issue 20, deliverable 5): the schedule's card on the fees page
//! (`/c/{club}/fees`), and `/c/{club}/fees/overdue`, the treasurer's list of overdue
//! invoices with the reminders sent and a reminder by hand (`fees.manage`). Plain forms
//! and a list of cards that reads on a phone; everything works without JavaScript.

use crate::api::{
    get_overdue_invoices, get_reminder_settings, SaveReminderSettings, SendReminderNow,
};
use crate::components::{
    day, field_message, form_error_of, query, when_short, ClubField, ErrorView, FieldError,
    FormAlert, Loading, Notice, TextArea,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use tessera_common::invoices::*;
use tessera_common::money::format_eur;
use tessera_common::time::{DateStyle, Timestamp};
use tessera_common::Msg;

/// The reminder schedule's card on the fees page.
#[component]
pub fn ReminderSettingsCard(club: String) -> impl IntoView {
    let c = club.clone();
    let data = Resource::new(move || c.clone(), get_reminder_settings);
    let overdue_href = format!("/c/{club}/fees/overdue");
    view! {
        <section class="card" aria-labelledby="reminders-title" data-testid="reminder-settings">
            <h2 id="reminders-title">{t(Msg::RemTitle)}</h2>
            <p><a href=overdue_href data-testid="overdue-link">{t(Msg::RemOverdueLink)}</a></p>
            <Suspense fallback=Loading>
                {move || {
                    let club = club.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok((s, draft)) => view! { <ReminderForm settings=s draft=draft club=club/> }.into_any(),
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn ReminderForm(
    settings: ReminderSettings,
    draft: Option<ReminderSettingsForm>,
    club: String,
) -> impl IntoView {
    let lang = use_lang();
    let error = form_error_of::<SaveReminderSettings>();
    let notice = (query("done").as_deref() == Some("reminders"))
        .then(|| view! { <Notice text=t(Msg::RemSaved)/> });
    let default_note = settings.is_default.then(
        || view! { <p class="muted" data-testid="reminder-defaults">{t(Msg::RemDefaultNote)}</p> },
    );
    // What the form shows: as typed when it was refused, else the saved schedule.
    let slot = |k: usize| -> (String, String, String, String) {
        match &draft {
            Some(f) => match k {
                1 => (
                    f.days1.clone(),
                    f.text1_en.clone(),
                    f.text1_nl.clone(),
                    f.text1_fr.clone(),
                ),
                2 => (
                    f.days2.clone(),
                    f.text2_en.clone(),
                    f.text2_nl.clone(),
                    f.text2_fr.clone(),
                ),
                _ => (
                    f.days3.clone(),
                    f.text3_en.clone(),
                    f.text3_nl.clone(),
                    f.text3_fr.clone(),
                ),
            },
            None => match settings.steps.get(k - 1) {
                Some(s) => (
                    s.days.to_string(),
                    s.text_en.clone(),
                    s.text_nl.clone(),
                    s.text_fr.clone(),
                ),
                None => Default::default(),
            },
        }
    };
    let steps = (1..=MAX_REMINDER_STEPS)
        .map(|k| {
            let (days, en, nl, fr) = slot(k);
            let legend = Msg::RemStep.fill(lang, &[("n", &k.to_string())]);
            let days_id = format!("rem-days-{k}");
            let days_name = format!("days{k}");
            let days_msg = field_message(&error, &days_name);
            let days_err = format!("{days_id}-error");
            let texts = [
                ("en", Msg::RemTextEn, en),
                ("nl", Msg::RemTextNl, nl),
                ("fr", Msg::RemTextFr, fr),
            ]
            .into_iter()
            .map(|(code, label, value)| {
                let id = format!("rem-text-{k}-{code}");
                let name = format!("text{k}_{code}");
                let msg = field_message(&error, &name);
                let err_id = format!("{id}-error");
                view! {
                    <label for=id.clone()>{t(label)}</label>
                    <TextArea id=id name=name value=value rows=5 maxlength=2000
                        invalid=msg.is_some() describedby=msg.is_some().then(|| err_id.clone())/>
                    <FieldError error=msg id=err_id/>
                }
            })
            .collect_view();
            view! {
                <fieldset class="stack" data-testid="reminder-step">
                    <legend>{legend}</legend>
                    <label for=days_id.clone()>{t(Msg::RemDays)}</label>
                    <input id=days_id name=days_name type="number" min="1" max="365" value=days
                        aria-invalid=days_msg.is_some().then_some("true")
                        aria-describedby=days_msg.is_some().then(|| days_err.clone())/>
                    <FieldError error=days_msg id=days_err/>
                    {texts}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        {notice}
        <FormAlert error=error.clone() id="reminders-error"/>
        <p class="muted">{t(Msg::RemIntro)}</p>
        {default_note}
        <form method="post" action=SaveReminderSettings::PATH class="stack" data-testid="reminder-form">
            <ClubField club=club/>
            {steps}
            <button type="submit" class="button">{t(Msg::RemSave)}</button>
        </form>
    }
}

/// `/c/{club}/fees/overdue`.
#[component]
pub fn OverduePage() -> impl IntoView {
    let club = use_club();
    let season = query("season");
    let last = query("last");
    let data = Resource::new(
        move || (club.get(), season.clone(), last.clone()),
        |(c, s, l)| get_overdue_invoices(c, s, l),
    );
    view! {
        <Title text=t(Msg::RemOverdueTitle)/>
        <h1>{t(Msg::RemOverdueTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <OverdueBody list=list club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OverdueBody(list: OverdueList, club: String) -> impl IntoView {
    let lang = use_lang();
    let notice = (query("done").as_deref() == Some("reminded"))
        .then(|| view! { <Notice text=t(Msg::RemSentNotice)/> });
    let error = form_error_of::<SendReminderNow>();
    let options = list
        .seasons
        .iter()
        .map(|s| {
            view! { <option value=s.id.to_string() selected=list.season == Some(s.id)>{s.name.clone()}</option> }
        })
        .collect_view();
    let filter = view! {
        <form method="get" class="stack" data-testid="overdue-filter">
            <label for="overdue-season">{t(Msg::RemSeason)}</label>
            <select id="overdue-season" name="season">
                <option value="">{t(Msg::RemAllSeasons)}</option>
                {options}
            </select>
            <div class="check">
                <input type="checkbox" id="overdue-last" name="last" value="on" checked=list.after_last/>
                <label for="overdue-last">{t(Msg::RemAfterLast)}</label>
            </div>
            <button type="submit" class="button-quiet">{t(Msg::RemFilter)}</button>
        </form>
    };
    let summary = Msg::RemTotal.fill(
        lang,
        &[
            ("n", &list.invoices.len().to_string()),
            ("amount", &format_eur(list.total_outstanding_cents, lang)),
        ],
    );
    let items = if list.invoices.is_empty() {
        view! { <p data-testid="overdue-none">{t(Msg::RemNone)}</p> }.into_any()
    } else {
        let cards = list
            .invoices
            .into_iter()
            .map(|inv| {
                let payer = match inv.payer_member_id {
                    Some(m) => view! { <a href=format!("/c/{club}/members/{m}")>{inv.payer_name.clone()}</a> }.into_any(),
                    None => view! { <span>{inv.payer_name.clone()}</span> }.into_any(),
                };
                let sent = if inv.reminders.is_empty() {
                    view! { <span class="muted">{t(Msg::RemNoneSent)}</span> }.into_any()
                } else {
                    let entries = inv
                        .reminders
                        .iter()
                        .map(|r| {
                            let what = if r.step == 0 {
                                t(Msg::RemByHand).to_string()
                            } else {
                                Msg::RemStepShort.fill(lang, &[("n", &r.step.to_string())])
                            };
                            view! { <li data-testid="overdue-reminder">{format!("{} ({what})", when_short(Timestamp(r.sent_at)))}</li> }
                        })
                        .collect_view();
                    view! { <ul class="plain">{entries}</ul> }.into_any()
                };
                let all_sent = inv
                    .after_last_step
                    .then(|| view! { " " <span class="badge badge-ended">{t(Msg::RemAllSent)}</span> });
                let aria = Msg::RemSendNowFor.fill(lang, &[("number", &inv.number)]);
                let heading = format!("{} {}", t(Msg::InvInvoice), inv.number);
                view! {
                    <li class="card" data-testid="overdue-invoice" data-invoice=inv.id.to_string()>
                        <h2>{heading}{all_sent}</h2>
                        <dl class="facts">
                            <dt>{t(Msg::InvPayer)}</dt><dd>{payer}</dd>
                            <dt>{t(Msg::RemOutstanding)}</dt>
                            <dd><strong data-testid="overdue-outstanding">{format_eur(inv.outstanding_cents, lang)}</strong>
                                " / " {format_eur(inv.total_cents, lang)}</dd>
                            <dt>{t(Msg::InvDueOn)}</dt><dd>{day(Some(inv.due_on.clone()), DateStyle::Short)}</dd>
                            <dt>{t(Msg::RemDaysOverdue)}</dt><dd data-testid="overdue-days">{inv.days_overdue}</dd>
                            <dt>{t(Msg::InvCommunication)}</dt><dd><code>{inv.communication.clone()}</code></dd>
                            <dt>{t(Msg::RemReminders)}</dt><dd>{sent}</dd>
                        </dl>
                        <form method="post" action=SendReminderNow::PATH class="inline">
                            <ClubField club=club.clone()/>
                            <input type="hidden" name="id" value=inv.id.to_string()/>
                            <button type="submit" class="button" aria-label=aria data-testid="send-reminder-now">{t(Msg::RemSendNow)}</button>
                        </form>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plain stack" data-testid="overdue-list">{cards}</ul> }.into_any()
    };
    view! {
        <p><a href=format!("/c/{club}/fees")>{t(Msg::FeesTitle)}</a></p>
        {notice}
        <FormAlert error=error id="overdue-error"/>
        {filter}
        <p data-testid="overdue-summary">{summary}</p>
        {items}
    }
}

/// The reminders sent, on the member page's payments card.
#[component]
pub fn MemberReminders(reminders: Vec<ReminderSent>, numbers: Vec<(i64, String)>) -> impl IntoView {
    let lang = use_lang();
    if reminders.is_empty() {
        return ().into_any();
    }
    let items = reminders
        .into_iter()
        .map(|r| {
            let number = numbers
                .iter()
                .find(|(id, _)| *id == r.invoice_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            let what = if r.step == 0 {
                t(Msg::RemByHand).to_string()
            } else {
                Msg::RemStepShort.fill(lang, &[("n", &r.step.to_string())])
            };
            view! {
                <li data-testid="member-reminder">
                    {format!("{} · {} · {what} · {}", when_short(Timestamp(r.sent_at)), number, format_eur(r.outstanding_cents, lang))}
                </li>
            }
        })
        .collect_view();
    view! {
        <h3>{t(Msg::RemMemberTitle)}</h3>
        <ul class="plain">{items}</ul>
    }
    .into_any()
}
