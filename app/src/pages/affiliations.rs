//! Affiliations (issue 18):
//! - `/c/{club}/federations`: the club's federations with the sharing terms (accepted and
//!   proposed apart), answering an invitation, accepting terms, leaving, asking to join
//!   (`affiliations.manage`);
//! - `/f/{federation}/clubs`: the federation's clubs and affiliations, answering requests,
//!   inviting a club, proposing terms, its own fields (`templates.manage`).
//!
//! Every form is a plain POST to its server function, answered by a redirect: it all works
//! without JavaScript.

use crate::api::{
    get_club_federations, get_federation_affiliations, AcceptSharingTerms, AddFedField,
    AnswerClubRequest, AnswerInvitation, ArchiveFedField, AskFederation, InviteClub,
    LeaveFederation, ProposeSharingTerms,
};
use crate::components::{
    field_message, form_error_of, query, when_long, ClubField, ErrorView, FieldError, FormAlert,
    Loading, Notice, PageFrame,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::affiliation::*;
use tessera_common::Msg;

fn status_label(s: &str) -> &'static str {
    t(match s {
        "invited" => Msg::AffStatusInvited,
        "requested" => Msg::AffStatusRequested,
        "active" => Msg::AffStatusActive,
        "refused" => Msg::AffStatusRefused,
        _ => Msg::AffStatusEnded,
    })
}

fn field_label(f: &TermField) -> String {
    match &f.label {
        Some(l) => l.clone(),
        None => STANDARD_FIELDS
            .iter()
            .find(|(k, _)| *k == f.key)
            .map(|(_, m)| t(*m).to_string())
            .unwrap_or_else(|| f.key.clone()),
    }
}

/// The keys of the fields, for tests and tools (`data-keys`).
fn key_list(fields: &[TermField]) -> String {
    fields
        .iter()
        .map(|f| f.key.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn field_list(fields: &[TermField]) -> String {
    fields
        .iter()
        .map(field_label)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The accepted terms and their record, or that nothing is shared.
fn shared_view(a: &AffiliationInfo) -> AnyView {
    let lang = use_lang();
    match (&a.accepted_at, a.shared_fields.is_empty()) {
        (Some(at), false) => {
            let by = Msg::AffAcceptedOn.fill(
                lang,
                &[
                    ("version", &a.terms_version.to_string()),
                    ("date", &when_long(*at)),
                    ("name", a.accepted_by_name.as_deref().unwrap_or("")),
                ],
            );
            view! {
                <p data-testid="shared-fields" data-keys=key_list(&a.shared_fields)><strong>{t(Msg::AffShared)} ": "</strong>{field_list(&a.shared_fields)}</p>
                <p class="muted" data-testid="accepted-by">{by}</p>
            }
            .into_any()
        }
        _ => view! { <p class="muted" data-testid="shared-nothing">{t(Msg::AffSharedNothing)}</p> }
            .into_any(),
    }
}

fn dates_view(a: &AffiliationInfo) -> AnyView {
    let lang = use_lang();
    let since = a
        .started_at
        .filter(|_| a.status == "active")
        .map(|s| Msg::AffSince.fill(lang, &[("date", &when_long(s))]));
    let ended = a
        .ended_at
        .map(|e| Msg::AffEndedOn.fill(lang, &[("date", &when_long(e))]));
    let reason = a
        .reason
        .clone()
        .map(|r| Msg::AffReasonShown.fill(lang, &[("reason", &r)]));
    view! {
        {since.map(|s| view! { <p class="muted">{s}</p> })}
        {ended.map(|s| view! { <p class="muted">{s}</p> })}
        {reason.map(|s| view! { <p data-testid="affiliation-reason">{s}</p> })}
    }
    .into_any()
}

/// `/c/{club}/federations`.
#[component]
pub fn ClubFederationsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_club_federations);
    view! {
        <Title text=t(Msg::AffTitle)/>
        <h1>{t(Msg::AffTitle)}</h1>
        <p class="muted">{t(Msg::AffIntro)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(o) => view! { <ClubFederationsBody overview=o club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClubFederationsBody(overview: ClubFederations, club: String) -> impl IntoView {
    let notice = query("done").map(|_| view! { <Notice text=t(Msg::AffDone)/> });
    let errors = [
        form_error_of::<AnswerInvitation>(),
        form_error_of::<AcceptSharingTerms>(),
        form_error_of::<LeaveFederation>(),
    ];
    let alerts = errors
        .into_iter()
        .enumerate()
        .map(|(i, e)| view! { <FormAlert error=e id=format!("affiliation-error-{i}")/> })
        .collect_view();
    let ask_error = form_error_of::<AskFederation>();
    let ask_field = field_message(&ask_error, "federation");
    let (open, past): (Vec<_>, Vec<_>) = overview
        .affiliations
        .into_iter()
        .partition(|a| matches!(a.status.as_str(), "invited" | "requested" | "active"));
    let open_view = if open.is_empty() {
        view! { <p data-testid="affiliations-none">{t(Msg::AffNone)}</p> }.into_any()
    } else {
        open.into_iter()
            .map(|a| view! { <ClubAffiliationCard a=a club=club.clone()/> })
            .collect_view()
            .into_any()
    };
    let history = (!past.is_empty()).then(|| {
        let rows = past
            .into_iter()
            .map(|a| {
                let dates = dates_view(&a);
                view! {
                    <li data-testid="affiliation-past">
                        <strong>{a.other_name.clone()}</strong> " · " {status_label(&a.status)}
                        {dates}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="aff-history">
                <h2 id="aff-history">{t(Msg::AffHistory)}</h2>
                <ul class="plain">{rows}</ul>
            </section>
        }
    });
    let options = overview
        .federations
        .into_iter()
        .map(|f| view! { <option value=f.slug.clone()>{f.name.clone()}</option> })
        .collect_view();
    view! {
        {notice}
        {alerts}
        {open_view}
        <section class="card" aria-labelledby="aff-ask">
            <h2 id="aff-ask">{t(Msg::AffAskTitle)}</h2>
            <FormAlert error=ask_error.clone() id="ask-error"/>
            <form method="post" action=AskFederation::PATH class="stack" data-testid="ask-federation">
                <ClubField club=club.clone()/>
                <label for="ask-federation">{t(Msg::AffAskLabel)}</label>
                <select id="ask-federation" name="federation" required=true
                    aria-invalid=ask_field.is_some().then_some("true")
                    aria-describedby=ask_field.is_some().then_some("ask-federation-error")>
                    {options}
                </select>
                <FieldError error=ask_field id="ask-federation-error"/>
                <button type="submit" class="button">{t(Msg::AffAskButton)}</button>
            </form>
        </section>
        {history}
    }
}

#[component]
fn ClubAffiliationCard(a: AffiliationInfo, club: String) -> impl IntoView {
    let lang = use_lang();
    let id = a.id.to_string();
    let title_id = format!("aff-{}", a.id);
    let answer = (a.status == "invited").then(|| {
        let reason_id = format!("reason-{}", a.id);
        view! {
            <form method="post" action=AnswerInvitation::PATH class="inline" data-testid="accept-invitation">
                <ClubField club=club.clone()/>
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="accept" value="yes"/>
                <button type="submit" class="button">{t(Msg::AffAccept)}</button>
            </form>
            <form method="post" action=AnswerInvitation::PATH class="stack" data-testid="refuse-invitation">
                <ClubField club=club.clone()/>
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="accept" value="no"/>
                <label for=reason_id.clone()>{t(Msg::AffReason)}</label>
                <input id=reason_id name="reason" maxlength="500" required=true/>
                <button type="submit" class="button-quiet">{t(Msg::AffRefuse)}</button>
            </form>
        }
    });
    let proposal = a.terms_pending().then(|| {
        let heading = Msg::AffProposed.fill(lang, &[("version", &a.proposed_version.to_string())]);
        let items = a
            .proposed_fields
            .iter()
            .map(|f| view! { <li>{field_label(f)}</li> })
            .collect_view();
        view! {
            <div class="stack" data-testid="terms-proposal" data-keys=key_list(&a.proposed_fields)>
                <h3>{heading}</h3>
                <ul>{items}</ul>
                <p class="muted">{t(Msg::AffProposedNote)}</p>
                <form method="post" action=AcceptSharingTerms::PATH data-testid="accept-terms">
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="id" value=id.clone()/>
                    <input type="hidden" name="version" value=a.proposed_version.to_string()/>
                    <button type="submit" class="button">{t(Msg::AffAcceptTerms)}</button>
                </form>
            </div>
        }
    });
    let leave_label = if a.status == "active" {
        t(Msg::AffLeave)
    } else {
        t(Msg::AffWithdraw)
    };
    let leave = (a.status != "invited").then(|| {
        view! {
            <form method="post" action=LeaveFederation::PATH class="inline" data-testid="leave-federation">
                <ClubField club=club.clone()/>
                <input type="hidden" name="id" value=id.clone()/>
                <button type="submit" class="button-quiet">{leave_label}</button>
            </form>
        }
    });
    let shared = shared_view(&a);
    let dates = dates_view(&a);
    view! {
        <section class="card" aria-labelledby=title_id.clone() data-testid="affiliation" data-status=a.status.clone()>
            <h2 id=title_id.clone()>{a.other_name.clone()}</h2>
            <p><span class="badge">{status_label(&a.status)}</span></p>
            {dates}
            {shared}
            {proposal}
            {answer}
            {leave}
        </section>
    }
}

/// `/f/{federation}/clubs`.
#[component]
pub fn FederationClubsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("federation").unwrap_or_default());
    let data = Resource::new(move || slug.get(), get_federation_affiliations);
    view! {
        <PageFrame>
            <Title text=t(Msg::AffFedTitle)/>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => view! { <FederationClubsBody overview=o fed=slug.get_untracked()/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn FederationClubsBody(overview: FederationAffiliations, fed: String) -> impl IntoView {
    let notice = query("done").map(|_| view! { <Notice text=t(Msg::AffDone)/> });
    let alerts = [
        form_error_of::<AnswerClubRequest>(),
        form_error_of::<ProposeSharingTerms>(),
        form_error_of::<ArchiveFedField>(),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, e)| view! { <FormAlert error=e id=format!("federation-error-{i}")/> })
    .collect_view();
    let invite_error = form_error_of::<InviteClub>();
    let invite_field = field_message(&invite_error, "club");
    let field_error = form_error_of::<AddFedField>();
    let choosable: Vec<TermField> = STANDARD_FIELDS
        .iter()
        .map(|(k, _)| TermField {
            key: k.to_string(),
            label: None,
        })
        .chain(
            overview
                .fields
                .iter()
                .filter(|f| !f.archived)
                .map(|f| TermField {
                    key: format!("fed:{}", f.key),
                    label: Some(f.label.clone()),
                }),
        )
        .collect();
    let rows = if overview.affiliations.is_empty() {
        view! { <p>{t(Msg::NoAffiliatedClubs)}</p> }.into_any()
    } else {
        overview
            .affiliations
            .into_iter()
            .map(|a| view! { <FederationAffiliationCard a=a fed=fed.clone() choosable=choosable.clone()/> })
            .collect_view()
            .into_any()
    };
    let directory = overview
        .directory
        .into_iter()
        .map(|c| {
            let text = match &c.city {
                Some(city) => format!("{} ({city})", c.name),
                None => c.name.clone(),
            };
            view! { <option value=c.slug.clone()>{text}</option> }
        })
        .collect_view();
    let fields = if overview.fields.is_empty() {
        view! { <p class="muted">{t(Msg::AffFieldsNone)}</p> }.into_any()
    } else {
        let items = overview
            .fields
            .into_iter()
            .map(|f| {
                let kind = FED_FIELD_KINDS
                    .iter()
                    .find(|(k, _)| *k == f.kind)
                    .map(|(_, m)| t(*m))
                    .unwrap_or("");
                let (to, label) = if f.archived {
                    ("no", t(Msg::AffRestore))
                } else {
                    ("yes", t(Msg::AffArchive))
                };
                view! {
                    <li data-testid="fed-field">
                        <strong>{f.label.clone()}</strong> " "
                        <code>{format!("fed:{}", f.key)}</code> " · " {kind}
                        {f.archived.then(|| view! { " · " <span class="muted">{t(Msg::AffArchived)}</span> })}
                        <form method="post" action=ArchiveFedField::PATH class="inline">
                            <input type="hidden" name="federation" value=fed.clone()/>
                            <input type="hidden" name="id" value=f.id.to_string()/>
                            <input type="hidden" name="archived" value=to/>
                            <button type="submit" class="button-quiet">{label}</button>
                        </form>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plain">{items}</ul> }.into_any()
    };
    let kinds = FED_FIELD_KINDS
        .iter()
        .map(|(k, m)| view! { <option value=*k>{t(*m)}</option> })
        .collect_view();
    let key_error = field_message(&field_error, "key");
    let label_error = field_message(&field_error, "label");
    let choices_error = field_message(&field_error, "choices");
    view! {
        <p><a href=format!("/f/{fed}")>{overview.name.clone()}</a></p>
        <h1>{t(Msg::AffFedTitle)}</h1>
        {notice}
        {alerts}
        {rows}
        <section class="card" aria-labelledby="aff-invite">
            <h2 id="aff-invite">{t(Msg::AffInviteTitle)}</h2>
            <FormAlert error=invite_error.clone() id="invite-error"/>
            <form method="post" action=InviteClub::PATH class="stack" data-testid="invite-club">
                <input type="hidden" name="federation" value=fed.clone()/>
                <label for="invite-club">{t(Msg::AffInviteLabel)}</label>
                <input id="invite-club" name="club" list="club-directory" required=true maxlength="63"
                    aria-invalid=invite_field.is_some().then_some("true")
                    aria-describedby=invite_field.is_some().then_some("invite-club-error")/>
                <datalist id="club-directory">{directory}</datalist>
                <FieldError error=invite_field id="invite-club-error"/>
                <button type="submit" class="button">{t(Msg::AffInviteButton)}</button>
            </form>
        </section>
        <section class="card" id="fields" aria-labelledby="aff-fields">
            <h2 id="aff-fields">{t(Msg::AffFieldsTitle)}</h2>
            {fields}
            <FormAlert error=field_error.clone() id="field-error"/>
            <form method="post" action=AddFedField::PATH class="stack" data-testid="add-fed-field">
                <input type="hidden" name="federation" value=fed.clone()/>
                <label for="field-key">{t(Msg::AffFieldKey)}</label>
                <input id="field-key" name="key" maxlength="40" required=true pattern="[a-z0-9_]+"
                    aria-invalid=key_error.is_some().then_some("true")/>
                <FieldError error=key_error id="field-key-error"/>
                <label for="field-label">{t(Msg::AffFieldLabelLabel)}</label>
                <input id="field-label" name="label" maxlength="80" required=true
                    aria-invalid=label_error.is_some().then_some("true")/>
                <FieldError error=label_error id="field-label-error"/>
                <label for="field-kind">{t(Msg::AffFieldKindLabel)}</label>
                <select id="field-kind" name="kind">{kinds}</select>
                <label for="field-choices">{t(Msg::AffFieldChoices)}</label>
                <input id="field-choices" name="choices" maxlength="2000"/>
                <FieldError error=choices_error id="field-choices-error"/>
                <div class="check">
                    <input type="checkbox" id="field-required" name="required" value="on"/>
                    <label for="field-required">{t(Msg::AffFieldRequired)}</label>
                </div>
                <button type="submit" class="button">{t(Msg::AffFieldAdd)}</button>
            </form>
        </section>
    }
}

#[component]
fn FederationAffiliationCard(
    a: AffiliationInfo,
    fed: String,
    choosable: Vec<TermField>,
) -> impl IntoView {
    let lang = use_lang();
    let id = a.id.to_string();
    let open = matches!(a.status.as_str(), "invited" | "requested" | "active");
    let answer = (a.status == "requested").then(|| {
        let reason_id = format!("reason-{}", a.id);
        view! {
            <form method="post" action=AnswerClubRequest::PATH class="inline" data-testid="accept-request">
                <input type="hidden" name="federation" value=fed.clone()/>
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="accept" value="yes"/>
                <button type="submit" class="button">{t(Msg::AffAccept)}</button>
            </form>
            <form method="post" action=AnswerClubRequest::PATH class="stack" data-testid="refuse-request">
                <input type="hidden" name="federation" value=fed.clone()/>
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="accept" value="no"/>
                <label for=reason_id.clone()>{t(Msg::AffReason)}</label>
                <input id=reason_id name="reason" maxlength="500" required=true/>
                <button type="submit" class="button-quiet">{t(Msg::AffRefuse)}</button>
            </form>
        }
    });
    let pending = a.terms_pending().then(|| {
        let heading = Msg::AffProposed.fill(lang, &[("version", &a.proposed_version.to_string())]);
        view! {
            <p data-testid="terms-waiting" data-keys=key_list(&a.proposed_fields)>
                <strong>{heading}</strong> ": " {field_list(&a.proposed_fields)} " · "
                <span class="muted">{t(Msg::AffWaitingClub)}</span>
            </p>
        }
    });
    let current: Vec<String> = if a.terms_pending() {
        a.proposed_fields.iter().map(|f| f.key.clone()).collect()
    } else {
        a.shared_fields.iter().map(|f| f.key.clone()).collect()
    };
    let propose = open.then(|| {
        let boxes = choosable
            .iter()
            .map(|f| {
                let box_id = format!("terms-{}-{}", a.id, f.key.replace(':', "-"));
                let checked = current.contains(&f.key);
                view! {
                    <div class="check">
                        <input type="checkbox" id=box_id.clone() name="fields[]" value=f.key.clone() checked=checked/>
                        <label for=box_id>{field_label(f)}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <details>
                <summary>{t(Msg::AffProposeTitle)}</summary>
                <form method="post" action=ProposeSharingTerms::PATH class="stack" data-testid="propose-terms">
                    <input type="hidden" name="federation" value=fed.clone()/>
                    <input type="hidden" name="id" value=id.clone()/>
                    <fieldset>
                        <legend>{t(Msg::AffProposeTitle)}</legend>
                        {boxes}
                    </fieldset>
                    <button type="submit" class="button">{t(Msg::AffProposeButton)}</button>
                </form>
            </details>
        }
    });
    let shared = shared_view(&a);
    let dates = dates_view(&a);
    view! {
        <section class="card" data-testid="club-affiliation" data-status=a.status.clone() data-club=a.other_slug.clone()>
            <h2>{a.other_name.clone()}</h2>
            <p><span class="badge">{status_label(&a.status)}</span></p>
            {dates}
            {shared}
            {pending}
            {answer}
            {propose}
        </section>
    }
}
