//! Transfers (issue 18, item 5; xfer18):
//! - `/f/{federation}/transfers`: the federation's transfer windows per season and every
//!   transfer with its state and history; it decides released and objected ones
//!   (`transfers.decide`);
//! - `/c/{club}/transfers`: the club asks for a licensed person's transfer, and releases
//!   or objects to transfers away from it (`transfers.handle`);
//! - [`MyTransfersCard`]: on My details, a member's own transfers: agree or not to a club's
//!   ask, or ask to move to another club.
//!
//! Every form is a plain POST to its server function, answered by a redirect: it all works
//! without JavaScript. Names and reasons are text nodes (escaped by the renderer).

use crate::api::{
    get_club_transfers, get_fed_transfers, get_my_transfers, AnswerTransfer, AskMyTransfer,
    AskTransfer, ConsentTransfer, DecideTransfer, SetTransferWindow,
};
use crate::components::{
    day, field_message, form_error_of, query, when_short, ClubField, ErrorView, FieldError,
    FormAlert, Loading, Notice, PageFrame,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::time::{DateStyle, Timestamp};
use tessera_common::transfer::*;
use tessera_common::Msg;

/// Whose page a transfer is shown on: the federation's, a club's, the person's.
#[derive(Clone)]
enum Side {
    Federation(String),
    Club(String),
    Person(String),
}

/// The history of a transfer, oldest step first.
fn history(x: &TransferView) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ol class="plain" data-testid="transfer-history">
            {x.steps.iter().map(|s| {
                let by = s.by.clone().map(|n| format!(" · {}", Msg::XferBy.fill(lang, &[("name", &n)])));
                let why = s.reason.clone().map(|r| view! { " · " <q data-testid="transfer-reason">{r}</q> });
                view! {
                    <li data-testid="transfer-step">
                        {when_short(Timestamp(s.at))} " · " {t(step_msg(&s.step))} {by} {why}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// Who a transfer is about, as the viewer may see it: the name and the licence number
/// (the number alone where the club does not share names).
fn who(x: &TransferView) -> String {
    if x.withheld {
        return t(Msg::XferPersonWithheld).to_string();
    }
    [x.person.as_str(), x.licence_number.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What the viewer may do with a transfer now, as a form.
fn actions(x: &TransferView, side: &Side) -> Option<AnyView> {
    let id = x.id.to_string();
    let reason_id = format!("x{}-reason", x.id);
    let label = format!("{} · {}", who(x), t(Msg::XferReason));
    match side {
        Side::Federation(fed) if x.can_decide => Some(
            view! {
                <form method="post" action=DecideTransfer::PATH data-testid="transfer-decide">
                    <input type="hidden" name="federation" value=fed.clone()/>
                    <input type="hidden" name="id" value=id/>
                    <label for=reason_id.clone()>{label}</label>
                    <input id=reason_id name="reason" type="text" maxlength="1000"/>
                    <button type="submit" name="decision" value="approve">{t(Msg::XferApprove)}</button>
                    " "
                    <button type="submit" name="decision" value="refuse" class="button-quiet">{t(Msg::XferRefuse)}</button>
                </form>
            }
            .into_any(),
        ),
        Side::Club(club) if x.can_answer => Some(
            view! {
                <form method="post" action=AnswerTransfer::PATH data-testid="transfer-answer">
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="id" value=id/>
                    <label for=reason_id.clone()>{format!("{} · {}", who(x), t(Msg::XferObjection))}</label>
                    <input id=reason_id name="reason" type="text" maxlength="1000"/>
                    <button type="submit" name="answer" value="release">{t(Msg::XferRelease)}</button>
                    " "
                    <button type="submit" name="answer" value="object" class="button-quiet">{t(Msg::XferObject)}</button>
                </form>
            }
            .into_any(),
        ),
        Side::Person(club) if x.can_consent => Some(
            view! {
                <form method="post" action=ConsentTransfer::PATH data-testid="transfer-consent">
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="id" value=id/>
                    <p>{t(Msg::XferConsentHelp)}</p>
                    <button type="submit" name="agree" value="yes">{t(Msg::XferConsent)}</button>
                    " "
                    <button type="submit" name="agree" value="no" class="button-quiet">{t(Msg::XferDecline)}</button>
                </form>
            }
            .into_any(),
        ),
        _ => None,
    }
}

/// The transfers as cards: who, from where to where, state, history, and the form of
/// what the viewer may do now.
fn transfer_list(list: &[TransferView], side: Side) -> AnyView {
    if list.is_empty() {
        return view! { <p data-testid="transfers-none">{t(Msg::XferNone)}</p> }.into_any();
    }
    view! {
        <ul class="plain" data-testid="transfers">
            {list.iter().map(|x| {
                let due = x.answer_due_at.filter(|_| x.status == "open").map(|d| view! {
                    <br/> {t(Msg::XferDue)} " " {when_short(Timestamp(d))}
                });
                view! {
                    <li class="card" data-testid="transfer">
                        <h3>{who(x)}</h3>
                        <p>
                            {t(Msg::XferFrom)} " " <strong data-testid="transfer-from">{x.from_club.clone()}</strong> " "
                            {t(Msg::XferTo)} " " <strong data-testid="transfer-to">{x.to_club.clone()}</strong>
                            " (" {x.federation.clone()} ")" <br/>
                            {t(Msg::Status)} ": " <span data-testid="transfer-status">{t(status_msg(&x.status))}</span>
                            {due}
                        </p>
                        <p class="muted">{t(Msg::XferHistory)}</p>
                        {history(x)}
                        {actions(x, &side)}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// `/f/{federation}/transfers`.
#[component]
pub fn FedTransfersPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("federation").unwrap_or_default());
    let data = Resource::new(move || slug.get(), get_fed_transfers);
    view! {
        <PageFrame>
            <Title text=t(Msg::XferTitle)/>
            <p><a href=move || format!("/f/{}", slug.get())>{t(Msg::Federation)}</a></p>
            <h1>{t(Msg::XferTitle)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <FedTransfersBody data=d fed=slug.get_untracked()/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn FedTransfersBody(data: FedTransfers, fed: String) -> impl IntoView {
    let notice = match query("done").as_deref() {
        Some("window") => Some(t(Msg::XferWindowSet)),
        Some("decided") => Some(t(Msg::XferDecided)),
        _ => None,
    }
    .map(|m| view! { <Notice text=m/> });
    let window_error = form_error_of::<SetTransferWindow>();
    let decide_error = form_error_of::<DecideTransfer>();
    let windows = if data.windows.is_empty() {
        view! { <p class="muted">{t(Msg::XferWindowsNone)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="transfer-windows">
                    <thead><tr>
                        <th scope="col">{t(Msg::LicSeason)}</th>
                        <th scope="col">{t(Msg::XferOpensOn)}</th>
                        <th scope="col">{t(Msg::XferClosesOn)}</th>
                        <th scope="col" class="num">{t(Msg::XferObjectionDays)}</th>
                    </tr></thead>
                    <tbody>
                        {data.windows.iter().map(|w| view! {
                            <tr data-testid="transfer-window">
                                <td>{w.season.clone()}</td>
                                <td>{day(Some(w.opens_on.clone()), DateStyle::Short)}</td>
                                <td>{day(Some(w.closes_on.clone()), DateStyle::Short)}</td>
                                <td class="num">{w.objection_days}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        {notice}
        <section class="card" aria-labelledby="transfers-title">
            <h2 id="transfers-title">{t(Msg::XferTitle)}</h2>
            <FormAlert error=decide_error.clone() id="decide-alert"/>
            <FieldError error=field_message(&decide_error, "reason") id="decide-reason-error"/>
            {transfer_list(&data.transfers, Side::Federation(fed.clone()))}
        </section>
        <section class="card" aria-labelledby="windows-title">
            <h2 id="windows-title">{t(Msg::XferWindows)}</h2>
            {windows}
            <FormAlert error=window_error.clone() id="window-alert"/>
            <form method="post" action=SetTransferWindow::PATH data-testid="window-form">
                <input type="hidden" name="federation" value=fed/>
                <label for="w-season">{t(Msg::LicSeason)}</label>
                <select id="w-season" name="season" required>
                    {data.seasons.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                </select>
                <label for="w-opens">{t(Msg::XferOpensOn)}</label>
                <input id="w-opens" name="opens_on" type="date" required/>
                <FieldError error=field_message(&window_error, "opens_on") id="w-opens-error"/>
                <label for="w-closes">{t(Msg::XferClosesOn)}</label>
                <input id="w-closes" name="closes_on" type="date" required/>
                <FieldError error=field_message(&window_error, "closes_on") id="w-closes-error"/>
                <label for="w-days">{t(Msg::XferObjectionDays)}</label>
                <input id="w-days" name="objection_days" type="number" min="1" max="60" value="7" required/>
                <FieldError error=field_message(&window_error, "objection_days") id="w-days-error"/>
                <button type="submit">{t(Msg::XferSetWindow)}</button>
            </form>
        </section>
    }
}

/// `/c/{club}/transfers`.
#[component]
pub fn ClubTransfersPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_club_transfers);
    view! {
        <Title text=t(Msg::XferTitle)/>
        <h1>{t(Msg::XferTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <ClubTransfersBody data=d club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClubTransfersBody(data: ClubTransfers, club: String) -> impl IntoView {
    let notice = match query("done").as_deref() {
        Some("asked") => Some(t(Msg::XferAsked)),
        Some("answered") => Some(t(Msg::XferAnswered)),
        _ => None,
    }
    .map(|m| view! { <Notice text=m/> });
    let ask_error = form_error_of::<AskTransfer>();
    let answer_error = form_error_of::<AnswerTransfer>();
    let ask = if data.federations.is_empty() {
        view! { <p data-testid="transfer-no-federation">{t(Msg::XferNoFederation)}</p> }.into_any()
    } else {
        view! {
            <p class="muted">{t(Msg::XferAskHelp)}</p>
            <FormAlert error=ask_error.clone() id="ask-alert"/>
            <form method="post" action=AskTransfer::PATH data-testid="transfer-ask">
                <ClubField club=club.clone()/>
                <label for="x-number">{t(Msg::LicNumber)}</label>
                <input id="x-number" name="licence_number" type="text" required maxlength="40"/>
                <FieldError error=field_message(&ask_error, "licence_number") id="x-number-error"/>
                <label for="x-born">{t(Msg::BirthDate)}</label>
                <input id="x-born" name="birth_date" type="date" required/>
                <FieldError error=field_message(&ask_error, "birth_date") id="x-born-error"/>
                <button type="submit">{t(Msg::XferAsk)}</button>
            </form>
        }
        .into_any()
    };
    view! {
        {notice}
        <section class="card" aria-labelledby="ask-title">
            <h2 id="ask-title">{t(Msg::XferAskTitle)}</h2>
            {ask}
        </section>
        <section class="card" aria-labelledby="club-transfers-title">
            <h2 id="club-transfers-title">{t(Msg::XferTitle)}</h2>
            <FormAlert error=answer_error.clone() id="answer-alert"/>
            <FieldError error=field_message(&answer_error, "reason") id="answer-reason-error"/>
            {transfer_list(&data.transfers, Side::Club(club))}
        </section>
    }
}

/// A member's own transfers on My details: nothing when they are licensed nowhere and
/// have no transfer.
#[component]
pub fn MyTransfersCard(club: String) -> impl IntoView {
    let slug = club.clone();
    let data = Resource::new(move || club.clone(), get_my_transfers);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) if d.licensed || !d.transfers.is_empty() => {
                            view! { <MyTransfersBody data=d club=slug/> }.into_any()
                        }
                        _ => ().into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn MyTransfersBody(data: MyTransfers, club: String) -> impl IntoView {
    let notice = match query("done").as_deref() {
        Some("transfer") => Some(t(Msg::XferConsented)),
        Some("transfer-asked") => Some(t(Msg::XferMineAsked)),
        _ => None,
    }
    .map(|m| view! { <Notice text=m/> });
    let consent_error = form_error_of::<ConsentTransfer>();
    let ask_error = form_error_of::<AskMyTransfer>();
    let busy = data.transfers.iter().any(|x| {
        matches!(
            x.status.as_str(),
            "consent" | "open" | "released" | "objected"
        )
    });
    let ask = (data.licensed && !busy && !data.clubs.is_empty()).then(|| {
        view! {
            <h3>{t(Msg::XferMineAsk)}</h3>
            <p class="muted">{t(Msg::XferMineAskHelp)}</p>
            <FormAlert error=ask_error.clone() id="my-transfer-alert"/>
            <form method="post" action=AskMyTransfer::PATH data-testid="my-transfer-ask">
                <ClubField club=club.clone()/>
                <label for="my-x-club">{t(Msg::XferToClub)}</label>
                <select id="my-x-club" name="to_club" required>
                    {data.clubs.iter().map(|(slug, name)| view! { <option value=slug.clone()>{name.clone()}</option> }).collect_view()}
                </select>
                <FieldError error=field_message(&ask_error, "to_club") id="my-x-club-error"/>
                <button type="submit">{t(Msg::XferAsk)}</button>
            </form>
        }
    });
    view! {
        <section class="card" aria-labelledby="my-transfers-title">
            <h2 id="my-transfers-title">{t(Msg::XferMine)}</h2>
            {notice}
            <FormAlert error=consent_error id="my-consent-alert"/>
            {transfer_list(&data.transfers, Side::Person(club.clone()))}
            {ask}
        </section>
    }
}
