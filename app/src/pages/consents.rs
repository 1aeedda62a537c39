//! Consent per purpose and the export register (data protection):
//! - [`ConsentsSection`]: a member's own consents and their minor children's, each with a
//!   give / withdraw form (one plain POST, the same for both answers) and the history; a
//!   component of its own for the My data page, shown on `/c/{club}/me/consents` meanwhile;
//! - [`MemberConsentsCard`]: the same for staff on a member's page, with the form to record
//!   a consent given on paper (`privacy.consents`);
//! - `/c/{club}/privacy/consents`: the club's purposes and their versioned texts;
//! - `/c/{club}/privacy/exports`: the export register (`privacy.manage`).

use crate::api::{
    get_consent_purposes, get_export_register, get_member_consents, get_my_consents, AnswerConsent,
    ArchivePurpose, RecordPaperConsent, SavePurpose,
};
use crate::components::{
    field_message, form_error_of, query, when_short, ClubField, ErrorView, FieldError, FormAlert,
    Loading, Notice, StampLine, TextArea,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use tessera_common::consent::*;
use tessera_common::{AppError, Msg};

/// The state line of one purpose.
fn state_text(s: &ConsentState) -> String {
    let lang = use_lang();
    match (s.given, s.at) {
        (Some(true), Some(at)) => Msg::ConsentStateGiven.fill(
            lang,
            &[
                ("when", &when_short(at)),
                (
                    "v",
                    &s.answered_version.unwrap_or(s.text_version).to_string(),
                ),
            ],
        ),
        (Some(false), Some(at)) => {
            Msg::ConsentStateWithdrawn.fill(lang, &[("when", &when_short(at))])
        }
        _ => t(Msg::ConsentStateNone).to_string(),
    }
}

/// The history of one person's consents, newest first.
#[component]
fn ConsentHistory(history: Vec<ConsentEvent>, #[prop(into)] id: String) -> impl IntoView {
    let lang = use_lang();
    if history.is_empty() {
        return view! { <p class="muted">{t(Msg::NoConsentHistory)}</p> }.into_any();
    }
    let rows = history
        .into_iter()
        .map(|e| {
            let answer = if e.given {
                view! { <span class="badge badge-active">{t(Msg::ConsentGivenShort)}</span> }
            } else {
                view! { <span class="badge badge-ended">{t(Msg::ConsentWithdrawnShort)}</span> }
            };
            let version = Msg::PurposeVersion.fill(lang, &[("n", &e.text_version.to_string())]);
            view! {
                <tr>
                    <td>{when_short(e.at)}</td>
                    <td>{e.title.get(lang).to_string()}<br/><span class="muted">{version}</span></td>
                    <td>{answer}</td>
                    <td>{t(e.source.label())}{e.note.map(|n| view! { <br/><span class="muted pre">{n}</span> })}</td>
                    <td>{e.recorded_by.unwrap_or_else(|| t(Msg::SystemActor).to_string())}</td>
                </tr>
            }
        })
        .collect_view();
    let labelled = id.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby=labelled>
            <table data-testid="consent-history">
                <caption class="visually-hidden" id=id>{t(Msg::ConsentHistory)}</caption>
                <thead><tr>
                    <th scope="col">{t(Msg::When)}</th>
                    <th scope="col">{t(Msg::ConsentPurpose)}</th>
                    <th scope="col">{t(Msg::ConsentAnswer)}</th>
                    <th scope="col">{t(Msg::ConsentHow)}</th>
                    <th scope="col">{t(Msg::ConsentRecordedBy)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One person's purposes with a give / withdraw form each, and their history.
#[component]
fn PersonConsents(
    person: MemberConsents,
    club: String,
    back: String,
    heading: String,
) -> impl IntoView {
    let lang = use_lang();
    let member = person.member.to_string();
    let heading_id = format!("consents-{member}-title");
    let history_id = format!("consents-{member}-history");
    let writable = crate::components::writable();
    let purposes = if person.states.is_empty() {
        view! { <p class="muted">{t(Msg::NoPurposes)}</p> }.into_any()
    } else {
        person
            .states
            .into_iter()
            .map(|s| {
                let title = s.title.get(lang).to_string();
                let body = s.body.get(lang).to_string();
                let state = state_text(&s);
                let given = s.given == Some(true);
                let stale = given && s.answered_version.is_some_and(|v| v < s.text_version);
                let newer = stale.then(|| {
                    view! { <p class="notice">{Msg::ConsentNewerText.fill(lang, &[("v", &s.text_version.to_string())])}</p> }
                });
                let form = |answer: &'static str, label: Msg, aria: Msg, primary: bool| {
                    let aria = aria.fill(lang, &[("purpose", &title)]);
                    view! {
                        <form method="post" action=AnswerConsent::PATH class="inline">
                            <ClubField club=club.clone()/>
                            <input type="hidden" name="member" value=member.clone()/>
                            <input type="hidden" name="purpose" value=s.purpose.to_string()/>
                            <input type="hidden" name="answer" value=answer/>
                            <input type="hidden" name="back" value=back.clone()/>
                            <button type="submit" class=if primary { "button" } else { "button-quiet" }
                                aria-label=aria data-testid=format!("consent-{answer}")>{t(label)}</button>
                        </form>
                    }
                };
                // A read-only club still takes a withdrawal (not a new consent).
                let forms = (writable || given).then(|| {
                    view! {
                        <div class="actions">
                            {(writable && !s.archived && (!given || stale)).then(|| form("give", Msg::ConsentGive, Msg::ConsentGiveFor, true))}
                            {given.then(|| form("withdraw", Msg::ConsentWithdraw, Msg::ConsentWithdrawFor, false))}
                        </div>
                    }
                });
                view! {
                    <li class="purpose" data-testid="consent-purpose">
                        <h3 class="purpose-title">{title.clone()}</h3>
                        <p class="pre">{body}</p>
                        <p data-testid="consent-state"><strong>{state}</strong></p>
                        {newer}
                        {forms}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let labelled = heading_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled data-testid="consents">
            <h2 id=heading_id>{heading}</h2>
            <ul class="plain purposes">{purposes}</ul>
            <h3>{t(Msg::ConsentHistory)}</h3>
            <ConsentHistory history=person.history id=history_id/>
        </section>
    }
}

/// A member's consents (their own and, for a guardian, each minor child's) with the forms
/// to give and withdraw them and the history: the section of the My data page. `back` is
/// the page to return to after an answer (a page under `/c/{club}/me`).
#[component]
pub fn ConsentsSection(club: String, #[prop(into)] back: String) -> impl IntoView {
    let data = Resource::new(move || club.clone(), get_my_consents);
    let back = StoredValue::new(back);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(mine) => view! { <ConsentsBody mine=mine back=back.get_value()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ConsentsBody(mine: MyConsents, back: String) -> impl IntoView {
    let club = use_club().get_untracked();
    let lang = use_lang();
    let error = form_error_of::<AnswerConsent>();
    let notice = (query("done").as_deref() == Some("consent"))
        .then(|| view! { <Notice text=t(Msg::ConsentDone)/> });
    let own = mine.own.map(|p| {
        view! { <PersonConsents person=p club=club.clone() back=back.clone() heading=t(Msg::MyConsents).to_string()/> }
    });
    let children = mine
        .children
        .into_iter()
        .map(|p| {
            let heading = Msg::ConsentsOf.fill(lang, &[("name", &p.name)]);
            view! { <PersonConsents person=p club=club.clone() back=back.clone() heading=heading/> }
        })
        .collect_view();
    view! {
        {notice}
        <FormAlert error=error id="consent-error"/>
        {crate::components::read_only_notice()}
        {own}
        {children}
    }
}

/// `/c/{club}/me/consents`: the member's consents on a page of their own (the My data page
/// `/c/{club}/me/privacy` holds the same section).
#[component]
pub fn MyConsentsPage() -> impl IntoView {
    let club = use_club();
    let back = format!("/c/{}/me/consents", club.get_untracked());
    view! {
        <Title text=t(Msg::Consents)/>
        <p><a href=format!("/c/{}/me", club.get_untracked())>"← " {t(Msg::MyDetails)}</a></p>
        <h1>{t(Msg::Consents)}</h1>
        <ConsentsSection club=club.get_untracked() back=back/>
    }
}

/// A member's consents for staff, on the member's page: the state, the history and (with
/// `privacy.consents`) the form to record a consent given or withdrawn on paper.
#[component]
pub fn MemberConsentsCard(club: String, member: String) -> impl IntoView {
    let data = Resource::new(
        move || (club.clone(), member.clone()),
        |(c, m)| get_member_consents(c, m),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <MemberConsentsBody person=p/> }.into_any(),
                    // Without the right to see them the section is simply not there.
                    Err(AppError::Forbidden | AppError::NotFound) => ().into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MemberConsentsBody(person: MemberConsents) -> impl IntoView {
    let club = use_club().get_untracked();
    let lang = use_lang();
    let error = form_error_of::<RecordPaperConsent>();
    let member = person.member.to_string();
    let states = person
        .states
        .iter()
        .map(|s| {
            view! {
                <div><dt>{s.title.get(lang).to_string()}</dt><dd data-testid="staff-consent-state">{state_text(s)}</dd></div>
            }
        })
        .collect_view();
    let options = person
        .states
        .iter()
        .map(|s| view! { <option value=s.purpose.to_string()>{s.title.get(lang).to_string()}</option> })
        .collect_view();
    let record = (person.can_record && !person.states.is_empty()).then(|| {
        let note_error = field_message(&error, "note");
        view! {
            <h3 id="paper-consent-title">{t(Msg::RecordPaperConsent)}</h3>
            <form method="post" action=RecordPaperConsent::PATH class="stack" data-testid="paper-consent-form"
                aria-labelledby="paper-consent-title">
                <ClubField club=club.clone()/>
                <input type="hidden" name="member" value=member.clone()/>
                <label for="paper-purpose">{t(Msg::ConsentPurpose)}</label>
                <select id="paper-purpose" name="purpose">{options}</select>
                <fieldset class="choices">
                    <legend>{t(Msg::ConsentAnswer)}</legend>
                    <div class="check">
                        <input type="radio" id="paper-give" name="answer" value="give" checked=true/>
                        <label for="paper-give">{t(Msg::ConsentAnswerGiven)}</label>
                    </div>
                    <div class="check">
                        <input type="radio" id="paper-withdraw" name="answer" value="withdraw"/>
                        <label for="paper-withdraw">{t(Msg::ConsentAnswerWithdrawn)}</label>
                    </div>
                </fieldset>
                <label for="paper-note">{t(Msg::ConsentNote)}</label>
                <TextArea id="paper-note" name="note" rows=2 maxlength=500 value=""
                    invalid=note_error.is_some() describedby=note_error.is_some().then(|| "paper-note-error".to_string())/>
                <FieldError error=note_error id="paper-note-error"/>
                <button type="submit" class="button">{t(Msg::RecordConsent)}</button>
            </form>
        }
    });
    view! {
        <section class="card" aria-labelledby="member-consents-title" data-testid="member-consents">
            <h2 id="member-consents-title">{t(Msg::Consents)}</h2>
            <FormAlert error=error.clone() id="paper-consent-error"/>
            {(!person.states.is_empty()).then(|| view! { <dl class="fields">{states}</dl> })}
            {person.states.is_empty().then(|| view! { <p class="muted">{t(Msg::NoPurposes)}</p> })}
            <h3>{t(Msg::ConsentHistory)}</h3>
            <ConsentHistory history=person.history.clone() id="member-consents-history"/>
            {record}
        </section>
    }
}

// ------------------------------------------------------------------ purposes (staff)

/// `/c/{club}/privacy/consents`: the club's purposes (`privacy.consents`).
#[component]
pub fn ConsentPurposesPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_consent_purposes);
    view! {
        <Title text=t(Msg::ConsentPurposes)/>
        <h1>{t(Msg::ConsentPurposes)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => view! { <PurposesBody settings=s club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PurposesBody(settings: PurposeSettings, club: String) -> impl IntoView {
    let lang = use_lang();
    let error = form_error_of::<SavePurpose>();
    let notice = match query("done").as_deref() {
        Some("saved") => Some(t(Msg::PurposeSaved)),
        Some("archived") => Some(t(Msg::PurposeArchivedDone)),
        Some("unarchived") => Some(t(Msg::PurposeUnarchivedDone)),
        _ => None,
    }
    .map(|text| view! { <Notice text=text/> });
    let draft_for = settings.draft.as_ref().map(|d| d.id.trim().to_string());
    let can_edit = settings.can_edit;
    let list = if settings.purposes.is_empty() {
        view! { <p class="muted">{t(Msg::NoPurposes)}</p> }.into_any()
    } else {
        settings
            .purposes
            .iter()
            .map(|p| {
                let id = p.id.to_string();
                let mine = draft_for.as_deref() == Some(id.as_str());
                let form = if mine {
                    settings.draft.clone().unwrap_or_default()
                } else {
                    PurposeForm {
                        club: club.clone(),
                        id: id.clone(),
                        version: p.version.to_string(),
                        title_en: p.title.en.clone(),
                        title_nl: p.title.nl.clone(),
                        title_fr: p.title.fr.clone(),
                        body_en: p.body.en.clone(),
                        body_nl: p.body.nl.clone(),
                        body_fr: p.body.fr.clone(),
                    }
                };
                let err = mine.then(|| error.clone()).flatten();
                let title_id = format!("purpose-{id}-title");
                let labelled = title_id.clone();
                view! {
                    <section class="card" aria-labelledby=labelled data-testid="purpose">
                        <h2 id=title_id>{p.title.get(lang).to_string()}</h2>
                        <p class="pre">{p.body.get(lang).to_string()}</p>
                        <p class="muted">
                            {Msg::PurposeVersion.fill(lang, &[("n", &p.text_version.to_string())])} " · "
                            {Msg::PurposeGivenCount.fill(lang, &[("n", &p.given.to_string())])}
                        </p>
                        <StampLine stamp=p.stamp.clone()/>
                        {p.archived.then(|| view! {
                            <p class="notice" data-testid="purpose-archived">{t(Msg::PurposeArchivedNote)}</p>
                        })}
                        {can_edit.then(|| {
                            let title = p.title.get(lang).to_string();
                            let (value, label, aria) = if p.archived {
                                ("off", Msg::PurposeUnarchive, Msg::PurposeUnarchiveFor)
                            } else {
                                ("on", Msg::PurposeArchive, Msg::PurposeArchiveFor)
                            };
                            view! {
                                <form method="post" action=ArchivePurpose::PATH class="inline">
                                    <ClubField club=club.clone()/>
                                    <input type="hidden" name="id" value=id.clone()/>
                                    <input type="hidden" name="version" value=p.version.to_string()/>
                                    <input type="hidden" name="archive" value=value/>
                                    <button type="submit" class="button-quiet" data-testid="purpose-archive"
                                        aria-label=aria.fill(lang, &[("purpose", &title)])>{t(label)}</button>
                                </form>
                            }
                        })}
                        {can_edit.then(|| view! {
                            <details open=mine>
                                <summary>{t(Msg::ChangePurposeText)}</summary>
                                <p class="muted">{t(Msg::PurposeVersionNote)}</p>
                                <PurposeFormView form=form error=err prefix=format!("p{id}")/>
                            </details>
                        })}
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    let new_form = if draft_for.as_deref() == Some("") {
        settings.draft.clone().unwrap_or_default()
    } else {
        PurposeForm {
            club: club.clone(),
            ..Default::default()
        }
    };
    let new_error = (draft_for.as_deref() == Some(""))
        .then(|| error.clone())
        .flatten();
    view! {
        <p class="muted">{t(Msg::ConsentPurposesHelp)}</p>
        {notice}
        {crate::components::read_only_notice()}
        <div data-testid="purposes">{list}</div>
        {can_edit.then(|| view! {
            <section class="card" aria-labelledby="new-purpose-title">
                <h2 id="new-purpose-title">{t(Msg::NewPurpose)}</h2>
                <PurposeFormView form=new_form error=new_error prefix="new".to_string()/>
            </section>
        })}
    }
}

#[component]
fn PurposeFormView(form: PurposeForm, error: Option<AppError>, prefix: String) -> impl IntoView {
    let input = |name: &'static str, label: Msg, value: String, lang: &'static str| {
        let id = format!("{prefix}-{name}");
        let msg = field_message(&error, name);
        let err_id = format!("{id}-error");
        view! {
            <label for=id.clone()>{t(label)}</label>
            <input id=id name=name type="text" value=value maxlength="120" lang=lang
                aria-invalid=msg.is_some().then_some("true")
                aria-describedby=msg.is_some().then(|| err_id.clone())/>
            <FieldError error=msg id=err_id/>
        }
    };
    let area = |name: &'static str, label: Msg, value: String| {
        let id = format!("{prefix}-{name}");
        let msg = field_message(&error, name);
        let err_id = format!("{id}-error");
        view! {
            <label for=id.clone()>{t(label)}</label>
            <TextArea id=id name=name rows=4 maxlength=4000 value=value
                invalid=msg.is_some() describedby=msg.is_some().then(|| err_id.clone())/>
            <FieldError error=msg id=err_id/>
        }
    };
    let alert_id = format!("{prefix}-error");
    view! {
        <FormAlert error=error.clone() id=alert_id/>
        <form method="post" action=SavePurpose::PATH class="stack" data-testid="purpose-form">
            <ClubField club=form.club.clone()/>
            <input type="hidden" name="id" value=form.id.clone()/>
            <input type="hidden" name="version" value=form.version.clone()/>
            {input("title_en", Msg::TitleEn, form.title_en.clone(), "en")}
            {area("body_en", Msg::BodyEn, form.body_en.clone())}
            {input("title_nl", Msg::TitleNl, form.title_nl.clone(), "nl")}
            {area("body_nl", Msg::BodyNl, form.body_nl.clone())}
            {input("title_fr", Msg::TitleFr, form.title_fr.clone(), "fr")}
            {area("body_fr", Msg::BodyFr, form.body_fr.clone())}
            <button type="submit" class="button">{t(Msg::Save)}</button>
        </form>
    }
}

// ------------------------------------------------------------------ export register

/// `/c/{club}/privacy/exports`: the export register (`privacy.manage`).
#[component]
pub fn ExportRegisterPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_export_register);
    view! {
        <Title text=t(Msg::ExportRegister)/>
        <h1>{t(Msg::ExportRegister)}</h1>
        <p class="muted">{t(Msg::ExportRegisterHelp)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => view! { <ExportRegisterTable records=r/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ExportRegisterTable(records: Vec<ExportRecord>) -> impl IntoView {
    if records.is_empty() {
        return view! { <p class="muted">{t(Msg::NoExportsYet)}</p> }.into_any();
    }
    let rows = records
        .into_iter()
        .map(|r| {
            let short = r.sha256.chars().take(16).collect::<String>();
            view! {
                <tr data-testid="export-record">
                    <td>{when_short(r.at)}</td>
                    <td>{r.person.unwrap_or_else(|| t(Msg::SystemActor).to_string())}</td>
                    <td>{r.kind}</td>
                    <td class="wrap-anywhere">{r.purpose}</td>
                    <td>{r.filter}</td>
                    <td class="wrap-anywhere">{r.columns.replace(',', ", ")}</td>
                    <td data-testid="export-people">{r.people}</td>
                    <td><code title=r.sha256.clone()>{short}"…"</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="register-caption">
            <table data-testid="export-register">
                <caption class="visually-hidden" id="register-caption">{t(Msg::ExportRegister)}</caption>
                <thead><tr>
                    <th scope="col">{t(Msg::When)}</th>
                    <th scope="col">{t(Msg::Name)}</th>
                    <th scope="col">{t(Msg::ExportKind)}</th>
                    <th scope="col">{t(Msg::ExportPurpose)}</th>
                    <th scope="col">{t(Msg::ExportFilter)}</th>
                    <th scope="col">{t(Msg::ExportColumns)}</th>
                    <th scope="col">{t(Msg::ExportPeople)}</th>
                    <th scope="col">{t(Msg::ExportHash)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
