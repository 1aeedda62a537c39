//! Data protection pages of a club (issue 17): the hub with the record of processing
//! (`/c/{club}/privacy`), its print version (`/c/{club}/privacy/record`), the breach
//! register (`/c/{club}/privacy/breaches`) and the notices on the club home.

use crate::api::{
    get_club_breaches, get_club_frame, get_privacy_notices, get_processing_record,
    AcknowledgeBreach, BreachFollowUp, ObjectSubprocessorChange, RecordBreach,
};
use crate::components::{
    field_message, form_error_of, query, read_only_notice, when_long, writable, ErrorView,
    FieldError, FormAlert, Loading, Notice, StampLine, TextArea,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::breach::{ClubBreach, ProcessingRecord, SubProcessor, SubProcessorChange};
use tessera_common::dto::{FieldKind, FieldVisibility};
use tessera_common::modules::{PRIVACY_CONSENTS, PRIVACY_MANAGE, PRIVACY_REQUESTS};
use tessera_common::time::Timestamp;
use tessera_common::{AppError, Msg};

/// The words for a kind of sub-processor change.
pub(crate) fn change_words(change: &str) -> &'static str {
    t(match change {
        "added" => Msg::SpChangeAdded,
        "removed" => Msg::SpChangeRemoved,
        _ => Msg::SpChangeModified,
    })
}

fn visibility_words(v: &str) -> &'static str {
    t(match FieldVisibility::parse(v) {
        Some(FieldVisibility::Member) => Msg::VisibleToMember,
        Some(FieldVisibility::Staff) => Msg::VisibleToStaff,
        _ => Msg::VisibleSensitive,
    })
}

/// `/c/{club}/privacy`: the hub (links to the registers the viewer may open) and, for
/// `privacy.manage`, the record of processing with the sub-processors and their changes.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(
        move || club.get(),
        |club| async move {
            // Both calls start at once (the record is refused to those who may not see
            // it, and then not shown): a server call begun after another's await may find
            // the page already gone (its owner disposed) and no request context left.
            let (frame, record) = futures_util::future::join(
                get_club_frame(club.clone()),
                get_processing_record(club),
            )
            .await;
            let frame = frame?;
            let record = if frame.can(PRIVACY_MANAGE.id()) {
                Some(record?)
            } else {
                None
            };
            Ok::<_, AppError>((frame, record))
        },
    );
    view! {
        <Title text=t(Msg::Privacy)/>
        <h1>{t(Msg::Privacy)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((frame, record)) => {
                        let base = format!("/c/{}/privacy", frame.slug);
                        let links = [
                            (PRIVACY_REQUESTS, "requests", Msg::PrivacyLinkRequests),
                            (PRIVACY_CONSENTS, "consents", Msg::PrivacyLinkConsents),
                            (PRIVACY_MANAGE, "exports", Msg::PrivacyLinkExports),
                            (PRIVACY_MANAGE, "retention", Msg::PrivacyLinkRetention),
                            (PRIVACY_MANAGE, "breaches", Msg::PrivacyLinkBreaches),
                        ]
                        .into_iter()
                        .filter(|(p, _, _)| frame.can(p.id()))
                        .map(|(_, path, label)| {
                            let href = format!("{base}/{path}");
                            view! { <li><a href=href data-testid=format!("privacy-link-{path}")>{t(label)}</a></li> }
                        })
                        .collect_view();
                        let notice = query("done").map(|d| {
                            let text = match d.as_str() {
                                "objected" => t(Msg::SpObjectionSaved),
                                _ => t(Msg::Saved),
                            };
                            view! { <Notice text=text/> }
                        });
                        view! {
                            {notice}
                            <p>{t(Msg::PrivacyIntro)}</p>
                            <nav class="card" aria-labelledby="registers-title">
                                <h2 id="registers-title">{t(Msg::PrivacyRegisters)}</h2>
                                <ul data-testid="privacy-links">{links}</ul>
                            </nav>
                            {record.map(|r| view! {
                                <p class="no-print">
                                    <a class="button" href=format!("{base}/record") data-testid="print-record">{t(Msg::RecordPrint)}</a>
                                </p>
                                <RecordView record=r objections=true/>
                            })}
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/c/{club}/privacy/record`: the record of processing alone, ready to print (outside the
/// club's frame: no header, no navigation).
#[component]
pub fn RecordPrintPage() -> impl IntoView {
    let params = use_params_map();
    let club = Memo::new(move |_| params.read().get("club").unwrap_or_default());
    let data = Resource::new(move || club.get(), get_processing_record);
    view! {
        <Title text=t(Msg::RecordTitle)/>
        <main id="content" class="page print-page" tabindex="-1">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(r) => {
                            provide_context(crate::components::ClubTimeZone(r.time_zone.clone()));
                            let back = format!("/c/{}/privacy", r.club_slug);
                            view! {
                                <div class="no-print print-hint">
                                    <p>{t(Msg::RecordPrintHint)}</p>
                                    <p><a href=back>{t(Msg::RecordBack)}</a></p>
                                </div>
                                <RecordView record=r objections=false/>
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

/// A heading of `level` (2 to 4): the record's sections sit one level lower on the hub,
/// where the record itself is a section of the page, than on its print version.
fn heading(level: u8, id: &'static str, text: &'static str) -> AnyView {
    let id = (!id.is_empty()).then_some(id);
    match level {
        2 => view! { <h2 id=id>{text}</h2> }.into_any(),
        3 => view! { <h3 id=id>{text}</h3> }.into_any(),
        _ => view! { <h4 id=id>{text}</h4> }.into_any(),
    }
}

#[component]
fn RecordView(record: ProcessingRecord, objections: bool) -> impl IntoView {
    let lang = use_lang();
    let fields = if record.custom_fields.is_empty() {
        view! { <p>{t(Msg::RecordNoCustomFields)}</p> }.into_any()
    } else {
        let rows = record
            .custom_fields
            .iter()
            .map(|f| {
                let kind = FieldKind::parse(&f.kind)
                    .map(crate::pages::fields::kind_label)
                    .unwrap_or("");
                view! {
                    <tr><td>{f.label.clone()}</td><td>{kind}</td><td>{visibility_words(&f.visibility)}</td></tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="record-fields">
                    <thead><tr>
                        <th scope="col">{t(Msg::RecordField)}</th>
                        <th scope="col">{t(Msg::Kind)}</th>
                        <th scope="col">{t(Msg::FieldVisibility)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let federation = match &record.federation {
        Some(f) => Msg::RecordRecipientFederation.fill(lang, &[("federation", f)]),
        None => t(Msg::RecordRecipientNoFederation).to_string(),
    };
    let exports = t(if record.exports {
        Msg::RecordRecipientExports
    } else {
        Msg::RecordRecipientNoExports
    });
    // Each consent purpose: its title in the viewer's language, the text version in force
    // and how many people consent now.
    let purposes = record
        .purposes
        .iter()
        .map(|p| {
            let version = p.text_version.to_string();
            let given = p.given.to_string();
            view! {
                <li data-testid=format!("record-purpose-{}", p.id)>
                    <strong>{p.title.get(lang).to_string()}</strong>
                    {format!(
                        " ({}; {})",
                        Msg::PurposeVersion.fill(lang, &[("n", &version)]),
                        Msg::PurposeGivenCount.fill(lang, &[("n", &given)]),
                    )}
                </li>
            }
        })
        .collect_view();
    let r = record.retention;
    let retention = [
        (Msg::RetentionMemberMonths, r.member_months),
        (Msg::RetentionApplicationDays, r.application_days),
        (Msg::RetentionLinkDays, r.link_days),
        (Msg::RetentionEventMonths, r.event_months),
    ]
    .into_iter()
    .map(|(label, n)| view! { <li>{t(label)}": "<strong>{n}</strong></li> })
    .collect_view();
    let slug = record.club_slug.clone();
    // On the print version the record is the page (h1); on the hub a section of it (h2).
    let (sec, sub) = if objections { (3, 4) } else { (2, 3) };
    view! {
        <article class="record" data-testid="processing-record" aria-labelledby="record-title">
            {if objections {
                view! { <h2 id="record-title">{t(Msg::RecordTitle)}</h2> }.into_any()
            } else {
                view! { <h1 id="record-title">{t(Msg::RecordTitle)}</h1> }.into_any()
            }}
            <p>{Msg::RecordController.fill(lang, &[("club", &record.club_name)])}
                {record.city.clone().map(|c| format!(", {c}"))}</p>
            <p>{t(Msg::RecordProcessor)}</p>
            <p class="muted">{Msg::RecordGenerated.fill(lang, &[("date", &when_long(record.generated_at))])}</p>
            <section aria-labelledby="record-categories" id="record-categories-section">
                {heading(sec, "record-categories", t(Msg::RecordCategories))}
                {heading(sub, "", t(Msg::RecordStandardFields))}
                <ul>
                    <li>{t(Msg::RecordStdIdentity)}</li>
                    <li>{t(Msg::RecordStdContact)}</li>
                    <li>{t(Msg::RecordStdMembership)}</li>
                    <li>{t(Msg::RecordStdAccount)}</li>
                </ul>
                {heading(sub, "", t(Msg::RecordCustomFields))}
                {fields}
            </section>
            <section aria-labelledby="record-purposes" id="record-purposes-section" data-testid="record-purposes">
                {heading(sec, "record-purposes", t(Msg::RecordPurposes))}
                <ul>
                    <li>{t(Msg::RecordPurposeAdmin)}</li>
                    {record.registration_forms.then(|| view! { <li>{t(Msg::RecordRegistrationConsent)}</li> })}
                    {purposes}
                </ul>
            </section>
            <section aria-labelledby="record-retention" id="record-retention-section" data-testid="record-retention">
                {heading(sec, "record-retention", t(Msg::RecordRetention))}
                <p>{t(Msg::RecordRetentionDefault)}</p>
                <ul data-testid="record-retention-rules">{retention}</ul>
            </section>
            <section aria-labelledby="record-recipients">
                {heading(sec, "record-recipients", t(Msg::RecordRecipients))}
                <ul>
                    <li>{federation}</li>
                    <li>{exports}</li>
                </ul>
            </section>
            <section aria-labelledby="record-subprocessors" id="subprocessors">
                {heading(sec, "record-subprocessors", t(Msg::RecordSubprocessors))}
                <SubProcessorTable subprocessors=record.subprocessors.clone()/>
                {objections.then(|| view! {
                    {heading(sub, "", t(Msg::SpChanges))}
                    <ClubChanges changes=record.changes.clone() club=slug.clone()/>
                })}
            </section>
        </article>
    }
}

/// The sub-processors as a table (also on the operator's page).
#[component]
pub(crate) fn SubProcessorTable(subprocessors: Vec<SubProcessor>) -> impl IntoView {
    if subprocessors.is_empty() {
        return view! { <p>{t(Msg::SpNone)}</p> }.into_any();
    }
    let rows = subprocessors
        .into_iter()
        .map(|s| {
            let since = crate::components::day(
                Some(s.since.clone()),
                tessera_common::time::DateStyle::Short,
            );
            view! {
                <tr><td>{s.name}</td><td>{s.location}</td><td>{s.service}</td><td>{since}</td></tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="subprocessors">
                <thead><tr>
                    <th scope="col">{t(Msg::SpName)}</th>
                    <th scope="col">{t(Msg::SpLocation)}</th>
                    <th scope="col">{t(Msg::SpService)}</th>
                    <th scope="col">{t(Msg::SpSince)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The changes of the sub-processors for a club: each with its window, the club's own
/// objection, or the form to object while the window is open.
#[component]
fn ClubChanges(changes: Vec<SubProcessorChange>, club: String) -> impl IntoView {
    let lang = use_lang();
    if changes.is_empty() {
        return view! { <p>{t(Msg::SpNoChanges)}</p> }.into_any();
    }
    let error = form_error_of::<ObjectSubprocessorChange>();
    let items = changes
        .into_iter()
        .map(|c| {
            let closes = when_long(c.closes_at);
            let status = match (c.objections.first(), c.open) {
                (Some(o), _) => view! {
                    <p data-testid="objected">{Msg::SpObjected.fill(lang, &[("date", &when_long(o.at)), ("reason", &o.reason)])}</p>
                }
                .into_any(),
                (None, true) => {
                    let id = format!("reason-{}", c.id);
                    let form = writable().then(|| view! {
                        <form method="post" action=ObjectSubprocessorChange::PATH class="stack" data-testid=format!("object-{}", c.id)>
                            <input type="hidden" name="club" value=club.clone()/>
                            <input type="hidden" name="change" value=c.id.to_string()/>
                            <label for=id.clone()>{t(Msg::SpObjectReason)}</label>
                            <TextArea id=id.clone() name="reason" value="" rows=3 maxlength=4000 required=true/>
                            <button type="submit" class="button-quiet">{t(Msg::SpObject)}</button>
                        </form>
                    });
                    view! {
                        <p>{Msg::SpObjectUntil.fill(lang, &[("date", &closes)])}</p>
                        {form}
                        {read_only_notice()}
                    }
                    .into_any()
                }
                (None, false) => view! {
                    <p class="muted">{Msg::SpObjectionClosedOn.fill(lang, &[("date", &closes)])}</p>
                }
                .into_any(),
            };
            view! {
                <li id=format!("change-{}", c.id) data-testid="sp-change">
                    <strong>{change_words(&c.change)} ": " {c.name.clone()}</strong>
                    " (" {c.location.clone()} "), " {c.service.clone()}
                    <span class="muted">" · " {when_long(c.announced_at)}</span>
                    {status}
                </li>
            }
        })
        .collect_view();
    view! {
        <FormAlert error=error id="object-error"/>
        <ul class="change-list">{items}</ul>
    }
    .into_any()
}

/// The club home's notices for a viewer with `privacy.manage`: a breach the operator
/// notified (until acknowledged) and sub-processor changes open for objection. Nothing for
/// anyone else, and nothing when loading them fails (the home page still shows).
#[component]
pub fn PrivacyBanner(club: String) -> impl IntoView {
    let data = Resource::new(move || club.clone(), get_privacy_notices);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(n) = data.await else { return ().into_any() };
                let lang = use_lang();
                let club = use_club().get_untracked();
                let breaches = n.breaches.into_iter().map(|b| {
                    let href = format!("/c/{club}/privacy/breaches#breach-{}", b.id);
                    view! {
                        <div class="banner banner-breach" role="alert" data-testid="breach-banner">
                            <strong>{t(Msg::BreachBannerTitle)}</strong> " "
                            {Msg::BreachBannerText.fill(lang, &[("date", &when_long(b.facts.discovered_at)), ("nature", &b.facts.nature)])}
                            " " <a href=href>{t(Msg::BreachOpenRegister)}</a>
                        </div>
                    }
                }).collect_view();
                let changes = n.changes.into_iter().map(|c| {
                    let href = format!("/c/{club}/privacy#change-{}", c.id);
                    view! {
                        <div class="banner banner-trial" role="status" data-testid="subprocessor-banner">
                            {Msg::SpBannerText.fill(lang, &[("change", change_words(&c.change)), ("name", &c.name), ("date", &when_long(c.closes_at))])}
                            " " <a href=href>{t(Msg::Privacy)}</a>
                        </div>
                    }
                }).collect_view();
                view! { {breaches} {changes} }.into_any()
            })}
        </Suspense>
    }
}

/// `/c/{club}/privacy/breaches`: the club's breach register (`privacy.manage`).
#[component]
pub fn BreachesPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_club_breaches);
    view! {
        <Title text=t(Msg::PrivacyLinkBreaches)/>
        <h1>{t(Msg::PrivacyLinkBreaches)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(reg) => {
                        let notice = query("done").map(|d| {
                            let text = match d.as_str() {
                                "recorded" => t(Msg::BreachSaved),
                                _ => t(Msg::Saved),
                            };
                            view! { <Notice text=text/> }
                        });
                        let club = use_club().get_untracked();
                        let list = if reg.breaches.is_empty() {
                            view! { <p data-testid="no-breaches">{t(Msg::BreachesNone)}</p> }.into_any()
                        } else {
                            reg.breaches
                                .into_iter()
                                .map(|b| view! { <BreachCard breach=b club=club.clone()/> })
                                .collect_view()
                                .into_any()
                        };
                        let ack_error = form_error_of::<AcknowledgeBreach>()
                            .or_else(form_error_of::<BreachFollowUp>);
                        view! {
                            {notice}
                            <p>{t(Msg::BreachesIntro)}</p>
                            <FormAlert error=ack_error id="ack-error"/>
                            {list}
                            {writable().then(|| view! { <RecordBreachForm club=club.clone()/> })}
                            {read_only_notice()}
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn decision_text(at: Option<Timestamp>, reason: &Option<String>) -> String {
    let lang = use_lang();
    match (at, reason) {
        (Some(at), _) => Msg::BreachNotifiedOn.fill(lang, &[("date", &when_long(at))]),
        (None, Some(r)) => Msg::BreachNotNotified.fill(lang, &[("reason", r)]),
        (None, None) => t(Msg::BreachUndecided).to_string(),
    }
}

#[component]
fn BreachCard(breach: ClubBreach, club: String) -> impl IntoView {
    let lang = use_lang();
    let b = breach;
    let origin = match (b.from_operator, b.notified_at) {
        (true, Some(n)) => {
            let late = b.notified_late.then(|| {
                view! { " " <span class="badge badge-suspended" data-testid="late">{t(Msg::BreachLate)}</span> }
            });
            view! { {Msg::BreachFromOperator.fill(lang, &[("date", &when_long(n))])} {late} }
                .into_any()
        }
        _ => {
            view! { {Msg::BreachOwn.fill(lang, &[("date", &when_long(b.recorded_at))])} }.into_any()
        }
    };
    let ack = match (b.from_operator, b.acknowledged_at) {
        (true, Some(at)) => Some(
            view! { <p class="muted">{Msg::BreachAcknowledgedOn.fill(lang, &[("date", &when_long(at))])}</p> }
                .into_any(),
        ),
        (true, None) if writable() => Some(
            view! {
                <form method="post" action=AcknowledgeBreach::PATH class="inline-form">
                    <input type="hidden" name="club" value=club.clone()/>
                    <input type="hidden" name="id" value=b.id.to_string()/>
                    <button type="submit" class="button" data-testid="acknowledge">{t(Msg::BreachAcknowledge)}</button>
                </form>
            }
            .into_any(),
        ),
        _ => None,
    };
    let resolved = b.resolved_at.map(|at| {
        view! { <span class="badge badge-active">{Msg::BreachResolvedOn.fill(lang, &[("date", &when_long(at))])}</span> }
    });
    view! {
        <article class="card" id=format!("breach-{}", b.id) data-testid="breach">
            <h2>{t(Msg::BreachDiscoveredAt)} " " {when_long(b.facts.discovered_at)}</h2>
            <p class="muted">{origin} " " {resolved}</p>
            {ack}
            <dl class="facts">
                <dt>{t(Msg::BreachNature)}</dt><dd class="pre">{b.facts.nature.clone()}</dd>
                <dt>{t(Msg::BreachCategories)}</dt><dd>{b.facts.categories.clone()}</dd>
                <dt>{t(Msg::BreachPeople)}</dt><dd>{b.facts.people_count}</dd>
                <dt>{t(Msg::BreachRecords)}</dt><dd>{b.facts.records_count}</dd>
                <dt>{t(Msg::BreachConsequences)}</dt><dd class="pre">{b.facts.consequences.clone()}</dd>
                <dt>{t(Msg::BreachMeasures)}</dt><dd class="pre">{b.facts.measures.clone()}</dd>
                <dt>{t(Msg::BreachAuthority)}</dt><dd data-testid="authority">{decision_text(b.authority_notified_at, &b.authority_reason)}</dd>
                <dt>{t(Msg::BreachPeopleConcerned)}</dt><dd data-testid="people">{decision_text(b.people_notified_at, &b.people_reason)}</dd>
            </dl>
            {writable().then(|| view! { <FollowUpForm breach=b.clone() club=club.clone()/> })}
            <StampLine stamp=b.stamp.clone()/>
        </article>
    }
}

#[component]
fn FollowUpForm(breach: ClubBreach, club: String) -> impl IntoView {
    let b = breach;
    let tz = crate::components::use_time_zone();
    let side = |name: &'static str, legend: Msg, at: Option<Timestamp>, reason: Option<String>| {
        let id = |s: &str| format!("{name}-{s}-{}", b.id);
        let current = match (at, &reason) {
            (Some(_), _) => "yes",
            (None, Some(_)) => "no",
            _ => "",
        };
        let radio = |value: &'static str, label: Msg| {
            let rid = id(&format!(
                "choice-{}",
                if value.is_empty() { "none" } else { value }
            ));
            let for_id = rid.clone();
            view! {
                <label for=for_id class="choice">
                    <input type="radio" id=rid name=name value=value checked=current == value/>
                    {t(label)}
                </label>
            }
        };
        let at_value = at.map(|a| a.local_input(&tz)).unwrap_or_default();
        view! {
            <fieldset>
                <legend>{t(legend)}</legend>
                {radio("", Msg::BreachChoiceUndecided)}
                {radio("yes", Msg::BreachChoiceNotified)}
                {radio("no", Msg::BreachChoiceNotNotified)}
                <label for=id("at")>{t(Msg::BreachWhen)}</label>
                <input type="datetime-local" id=id("at") name=format!("{name}_at") value=at_value/>
                <label for=id("reason")>{t(Msg::BreachReason)}</label>
                <TextArea id=id("reason") name=format!("{name}_reason") value=reason.unwrap_or_default() rows=2 maxlength=4000/>
            </fieldset>
        }
    };
    let authority = side(
        "authority",
        Msg::BreachAuthority,
        b.authority_notified_at,
        b.authority_reason.clone(),
    );
    let people = side(
        "people",
        Msg::BreachPeopleConcerned,
        b.people_notified_at,
        b.people_reason.clone(),
    );
    let rid = format!("resolved-{}", b.id);
    let for_id = rid.clone();
    view! {
        <details class="follow-up">
            <summary>{t(Msg::BreachFollowUp)}</summary>
            <form method="post" action=BreachFollowUp::PATH class="stack" data-testid="follow-up">
                <input type="hidden" name="club" value=club/>
                <input type="hidden" name="id" value=b.id.to_string()/>
                <input type="hidden" name="version" value=b.version.to_string()/>
                {authority}
                {people}
                <label for=for_id class="choice">
                    <input type="checkbox" id=rid name="resolved" checked=b.resolved_at.is_some()/>
                    {t(Msg::BreachResolved)}
                </label>
                <button type="submit" class="button">{t(Msg::Save)}</button>
            </form>
        </details>
    }
}

/// The fields of a breach's facts (the club's form and the operator's).
#[component]
pub(crate) fn BreachFactsFields(error: Option<AppError>, prefix: &'static str) -> impl IntoView {
    let fe = move |f: &str| field_message(&error, f);
    let id = move |f: &str| format!("{prefix}-{f}");
    view! {
        <label for=id("discovered")>{t(Msg::BreachDiscoveredAt)}</label>
        <input type="datetime-local" id=id("discovered") name="discovered_at" required/>
        <FieldError error=fe("discovered_at") id=id("discovered-error")/>
        <label for=id("nature")>{t(Msg::BreachNature)}</label>
        <TextArea id=id("nature") name="nature" value="" rows=3 maxlength=4000 required=true/>
        <FieldError error=fe("nature") id=id("nature-error")/>
        <label for=id("categories")>{t(Msg::BreachCategories)}</label>
        <input type="text" id=id("categories") name="categories" maxlength="300" required/>
        <FieldError error=fe("categories") id=id("categories-error")/>
        <label for=id("people")>{t(Msg::BreachPeople)}</label>
        <input type="number" id=id("people") name="people_count" min="0" step="1" required/>
        <FieldError error=fe("people_count") id=id("people-error")/>
        <label for=id("records")>{t(Msg::BreachRecords)}</label>
        <input type="number" id=id("records") name="records_count" min="0" step="1" required/>
        <FieldError error=fe("records_count") id=id("records-error")/>
        <label for=id("consequences")>{t(Msg::BreachConsequences)}</label>
        <TextArea id=id("consequences") name="consequences" value="" rows=3 maxlength=4000 required=true/>
        <FieldError error=fe("consequences") id=id("consequences-error")/>
        <label for=id("measures")>{t(Msg::BreachMeasures)}</label>
        <TextArea id=id("measures") name="measures" value="" rows=3 maxlength=4000 required=true/>
        <FieldError error=fe("measures") id=id("measures-error")/>
    }
}

#[component]
fn RecordBreachForm(club: String) -> impl IntoView {
    let error = form_error_of::<RecordBreach>();
    view! {
        <section class="card" aria-labelledby="record-breach-title">
            <h2 id="record-breach-title">{t(Msg::BreachRecord)}</h2>
            <FormAlert error=error.clone() id="record-breach-error"/>
            <form method="post" action=RecordBreach::PATH class="stack" data-testid="record-breach">
                <input type="hidden" name="club" value=club/>
                <BreachFactsFields error=error prefix="b"/>
                <button type="submit" class="button">{t(Msg::BreachRecord)}</button>
            </form>
        </section>
    }
}
