//! Member documents and the everyday lists:
//! - `/c/{club}/documents`: what expires within 30 days (and has expired), the kinds of
//!   document and the form to add one (`documents.view`, changes `documents.manage`);
//! - [`MemberDocumentsCard`]: a member's documents on their page, with the upload form
//!   (a multipart POST to `/c/{club}/members/{id}/documents`) and the downloads;
//! - [`BirthdaysCard`]: birthdays this week on the club home (`members.view`);
//! - `/c/{club}/lists/card/{member}` and `/c/{club}/lists/team/{group}`: print-ready pages
//!   (the print style sheet hides everything but the list).

use crate::api::{
    get_birthdays, get_documents_overview, get_member_card, get_member_documents, get_team_list,
    AddDocumentKind, RemoveDocument, RemoveDocumentKind,
};
use crate::components::{
    day, field_message, form_error_of, query, ClubField, ErrorView, FieldError, FormAlert, Loading,
    Notice,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::documents::*;
use tessera_common::time::DateStyle;
use tessera_common::{AppError, Msg};

fn size_text(n: i64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KiB", (n + 1023) / 1024)
    }
}

/// `/c/{club}/documents`.
#[component]
pub fn DocumentsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_documents_overview);
    view! {
        <Title text=t(Msg::DocsTitle)/>
        <h1>{t(Msg::DocsTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(o) => view! { <DocumentsBody overview=o club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DocumentsBody(overview: DocumentsOverview, club: String) -> impl IntoView {
    let lang = use_lang();
    let notice = (query("done").as_deref() == Some("kind"))
        .then(|| view! { <Notice text=t(Msg::DocsDone)/> });
    let add_error = form_error_of::<AddDocumentKind>();
    let remove_error = form_error_of::<RemoveDocumentKind>();
    let until = Msg::DocsUntil.fill(
        lang,
        &[(
            "date",
            &day(Some(overview.until.clone()), DateStyle::Long).unwrap_or_default(),
        )],
    );
    let expiring = if overview.expiring.is_empty() {
        view! { <p data-testid="expiring-none">{t(Msg::DocsExpiringNone)}</p> }.into_any()
    } else {
        let rows = overview
            .expiring
            .into_iter()
            .map(|d| {
                let href = format!("/c/{club}/members/{}", d.member);
                let state = if d.expired {
                    view! { <span class="badge badge-ended">{t(Msg::DocsExpired)}</span> }
                        .into_any()
                } else if d.reminded {
                    view! { <span class="muted">{t(Msg::DocsReminded)}</span> }.into_any()
                } else {
                    ().into_any()
                };
                view! {
                    <tr data-testid="expiring-row">
                        <td><a href=href>{d.member_name}</a></td>
                        <td>{d.kind}</td>
                        <td>{day(Some(d.expires_on), DateStyle::Long)}</td>
                        <td>{state}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="expiring-title">
                <table data-testid="expiring">
                    <thead><tr>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::Kind)}</th>
                        <th scope="col">{t(Msg::DocsExpiresOn)}</th>
                        <th scope="col"><span class="visually-hidden">{t(Msg::Status)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let can_manage = overview.can_manage;
    let kinds = if overview.kinds.is_empty() {
        view! { <p class="muted">{t(Msg::DocsKindsNone)}</p> }.into_any()
    } else {
        overview
            .kinds
            .into_iter()
            .map(|k| {
                let count = Msg::DocsKindCount.fill(lang, &[("n", &k.documents.to_string())]);
                let aria = Msg::DocsKindRemoveFor.fill(lang, &[("name", &k.name)]);
                let remove = (can_manage && k.documents == 0).then(|| {
                    view! {
                        <form method="post" action=RemoveDocumentKind::PATH class="inline">
                            <ClubField club=club.clone()/>
                            <input type="hidden" name="id" value=k.id.to_string()/>
                            <button type="submit" class="button-quiet" aria-label=aria>{t(Msg::Remove)}</button>
                        </form>
                    }
                });
                let expiry = k.expiry_required.then(|| view! { " · " {t(Msg::DocsKindExpiry)} });
                view! {
                    <li data-testid="document-kind">
                        <strong>{k.name}</strong> " "
                        <span class="muted">{count}{expiry}</span> " "
                        {remove}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let name_error = field_message(&add_error, "name");
    let add = can_manage.then(|| {
        view! {
            <form method="post" action=AddDocumentKind::PATH class="stack" data-testid="add-kind">
                <ClubField club=club.clone()/>
                <label for="kind-name">{t(Msg::Name)}</label>
                <input id="kind-name" name="name" maxlength="80" required=true
                    aria-invalid=name_error.is_some().then_some("true")
                    aria-describedby=name_error.is_some().then_some("kind-name-error")/>
                <FieldError error=name_error id="kind-name-error"/>
                <div class="check">
                    <input type="checkbox" id="kind-expiry" name="expiry_required" value="on"/>
                    <label for="kind-expiry">{t(Msg::DocsKindExpiry)}</label>
                </div>
                <button type="submit" class="button">{t(Msg::DocsKindAdd)}</button>
            </form>
        }
    });
    view! {
        {notice}
        <section class="card">
            <h2 id="expiring-title">{t(Msg::DocsExpiringTitle)}</h2>
            <p class="muted">{until}</p>
            {expiring}
        </section>
        <section class="card" aria-labelledby="kinds-title">
            <h2 id="kinds-title">{t(Msg::DocsKindsTitle)}</h2>
            <FormAlert error=remove_error id="remove-kind-error"/>
            <FormAlert error=add_error id="add-kind-error"/>
            <ul class="plain">{kinds}</ul>
            {add}
        </section>
    }
}

/// A member's documents on their page; not there without `documents.view` (or with the
/// module off).
#[component]
pub fn MemberDocumentsCard(club: String, member: String) -> impl IntoView {
    let data = Resource::new(
        move || (club.clone(), member.clone()),
        |(c, m)| get_member_documents(c, m),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <MemberDocumentsBody docs=d/> }.into_any(),
                    Err(AppError::Forbidden | AppError::NotFound) => ().into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MemberDocumentsBody(docs: MemberDocuments) -> impl IntoView {
    let club = use_club().get_untracked();
    let lang = use_lang();
    let remove_error = form_error_of::<RemoveDocument>();
    let notice = match query("done").as_deref() {
        Some("document") | Some("document_removed") => {
            Some(view! { <Notice text=t(Msg::DocsDone)/> })
        }
        _ => None,
    };
    let can_manage = docs.can_manage;
    let list = if docs.documents.is_empty() {
        view! { <p class="muted" data-testid="documents-none">{t(Msg::DocsMemberNone)}</p> }
            .into_any()
    } else {
        let rows = docs
            .documents
            .into_iter()
            .map(|d| {
                let href = format!("/c/{club}/documents/file/{}", d.id);
                let aria = Msg::DocsRemoveFor.fill(lang, &[("name", &d.file_name)]);
                let expires = match (&d.expires_on, d.expired) {
                    (Some(e), true) => view! {
                        <span class="badge badge-ended">{t(Msg::DocsExpired)}</span> " "
                        {day(Some(e.clone()), DateStyle::Long)}
                    }.into_any(),
                    (Some(e), false) => view! { {day(Some(e.clone()), DateStyle::Long)} }.into_any(),
                    (None, _) => view! { "—" }.into_any(),
                };
                let remove = can_manage.then(|| {
                    view! {
                        <form method="post" action=RemoveDocument::PATH class="inline">
                            <ClubField club=club.clone()/>
                            <input type="hidden" name="id" value=d.id.to_string()/>
                            <button type="submit" class="button-quiet" aria-label=aria
                                data-testid="remove-document">{t(Msg::Remove)}</button>
                        </form>
                    }
                });
                view! {
                    <tr data-testid="document-row">
                        <td>{d.kind}</td>
                        <td><a href=href download="" data-testid="document-download">{d.file_name}</a>
                            " " <span class="muted">{size_text(d.size)}</span></td>
                        <td>{expires}</td>
                        <td>{remove}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="member-documents-table">
                    <thead><tr>
                        <th scope="col">{t(Msg::Kind)}</th>
                        <th scope="col">{t(Msg::DocsFile)}</th>
                        <th scope="col">{t(Msg::DocsExpiresOn)}</th>
                        <th scope="col"><span class="visually-hidden">{t(Msg::Remove)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let upload = can_manage.then(|| {
        if docs.kinds.is_empty() {
            return view! { <p class="muted">{t(Msg::DocsNoKinds)}</p> }.into_any();
        }
        let action = format!("/c/{club}/members/{}/documents", docs.member);
        let options = docs
            .kinds
            .iter()
            .map(|k| view! { <option value=k.id.to_string()>{k.name.clone()}</option> })
            .collect_view();
        // A refused upload comes back here (rendered by the upload route with its 4xx).
        let upload_error = crate::components::query_error("file_error");
        let kind_msg = field_message(&upload_error, "kind");
        let exp_msg = field_message(&upload_error, "expires_on");
        let file_msg = field_message(&upload_error, "file");
        let file_described = if file_msg.is_some() {
            "doc-file-help doc-file-error"
        } else {
            "doc-file-help"
        };
        view! {
            <h3 id="attach-title">{t(Msg::DocsAttachTitle)}</h3>
            <FormAlert error=upload_error.clone() id="attach-error"/>
            <form method="post" action=action enctype="multipart/form-data" class="stack"
                aria-labelledby="attach-title" data-testid="attach-document">
                <label for="doc-kind">{t(Msg::Kind)}</label>
                <select id="doc-kind" name="kind" required=true
                    aria-invalid=kind_msg.is_some().then_some("true")
                    aria-describedby=kind_msg.is_some().then_some("doc-kind-error")>{options}</select>
                <FieldError error=kind_msg id="doc-kind-error"/>
                <label for="doc-expires">{t(Msg::DocsExpiryOptional)}</label>
                <input type="date" id="doc-expires" name="expires_on"
                    aria-invalid=exp_msg.is_some().then_some("true")
                    aria-describedby=exp_msg.is_some().then_some("doc-expires-error")/>
                <FieldError error=exp_msg id="doc-expires-error"/>
                <label for="doc-file">{t(Msg::DocsFile)}</label>
                <input type="file" id="doc-file" name="file" required=true
                    accept="application/pdf,image/png,image/jpeg" aria-describedby=file_described
                    aria-invalid=file_msg.is_some().then_some("true")/>
                <FieldError error=file_msg id="doc-file-error"/>
                <p class="muted" id="doc-file-help">{t(Msg::DocsFileHelp)}</p>
                <button type="submit" class="button">{t(Msg::DocsAttach)}</button>
            </form>
        }
        .into_any()
    });
    view! {
        <section class="card" aria-labelledby="member-documents-title" data-testid="member-documents">
            <h2 id="member-documents-title">{t(Msg::DocsTitle)}</h2>
            {notice}
            <FormAlert error=remove_error id="remove-document-error"/>
            {list}
            {upload}
        </section>
    }
}

/// Birthdays this week on the club home; not there for a viewer who sees no birth dates.
#[component]
pub fn BirthdaysCard(club: String) -> impl IntoView {
    let data = Resource::new(move || club.clone(), get_birthdays);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(b)) => view! { <BirthdaysBody birthdays=b/> }.into_any(),
                    Ok(None) | Err(_) => ().into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BirthdaysBody(birthdays: Birthdays) -> impl IntoView {
    let club = use_club().get_untracked();
    let lang = use_lang();
    let body = if birthdays.people.is_empty() {
        view! { <p class="muted">{t(Msg::BirthdaysNone)}</p> }.into_any()
    } else {
        birthdays
            .people
            .into_iter()
            .map(|p| {
                let href = format!("/c/{club}/members/{}", p.member);
                let turns = Msg::BirthdayTurns.fill(lang, &[("age", &p.age.to_string())]);
                let today = p
                    .today
                    .then(|| view! { " " <span class="badge badge-active">{t(Msg::BirthdayToday)}</span> });
                view! {
                    <li data-testid="birthday">
                        <a href=href>{p.name}</a> " — " {day(Some(p.on), DateStyle::Long)}
                        ", " {turns} {today}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let more = birthdays.more.then(
        || view! { <p class="muted" data-testid="birthdays-more">{t(Msg::BirthdaysMore)}</p> },
    );
    view! {
        <section class="card" aria-labelledby="birthdays-title" data-testid="birthdays">
            <h2 id="birthdays-title">{t(Msg::BirthdaysTitle)}</h2>
            <ul class="plain">{body}</ul>
            {more}
        </section>
    }
}

/// The print hint on top of a print page: a print button needs script, so it says how.
#[component]
fn PrintHint(back: String) -> impl IntoView {
    view! {
        <div class="no-print print-hint">
            <p><a href=back>"← " {t(Msg::BackToList)}</a></p>
        </div>
    }
}

fn contacts_view(contacts: Vec<Contact>) -> impl IntoView {
    contacts
        .into_iter()
        .map(|c| {
            view! {
                <div class="contact">{c.name} {c.phone.map(|p| view! { " · " <span class="phone">{p}</span> })}</div>
            }
        })
        .collect_view()
}

/// `/c/{club}/lists/card/{member}`: a member card to print.
#[component]
pub fn MemberCardPage() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| {
        params.with(|p| {
            (
                p.get("club").unwrap_or_default(),
                p.get("member").unwrap_or_default(),
            )
        })
    });
    let data = Resource::new(move || key.get(), |(c, m)| get_member_card(c, m));
    view! {
        <Title text=t(Msg::CardTitle)/>
        <main id="content" class="page print-page" tabindex="-1">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(card) => {
                            let (club, member) = key.get_untracked();
                            view! { <CardView card=card back=format!("/c/{club}/members/{member}")/> }.into_any()
                        }
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn CardView(card: MemberCard, back: String) -> impl IntoView {
    let lang = use_lang();
    let row = |label: Msg, value: Option<String>| {
        value.map(|v| view! { <div><dt>{t(label)}</dt><dd>{v}</dd></div> })
    };
    let printed = Msg::ListPrintedOn.fill(
        lang,
        &[(
            "date",
            &day(Some(card.printed_on.clone()), DateStyle::Long).unwrap_or_default(),
        )],
    );
    let contacts = (!card.contacts.is_empty()).then(|| {
        view! {
            <div><dt>{t(Msg::TeamEmergency)}</dt><dd>{contacts_view(card.contacts.clone())}</dd></div>
        }
    });
    view! {
        <PrintHint back=back/>
        <article class="member-card" data-testid="member-card">
            <header class="member-card-head">
                {card.club_logo.clone().map(|src| view! { <img src=src alt="" class="member-card-logo"/> })}
                <p class="member-card-club">{card.club_name.clone()}</p>
            </header>
            <h1>{card.name.clone()}</h1>
            <dl class="fields">
                {row(Msg::BirthDate, day(card.birth_date.clone(), DateStyle::Long))}
                {row(Msg::JoinedOn, day(card.joined_on.clone(), DateStyle::Long))}
                {row(Msg::MembershipType, card.membership_type.clone())}
                {row(Msg::Season, card.season.clone())}
                {row(Msg::Phone, card.phone.clone())}
                {contacts}
            </dl>
            <p class="muted">"#" {card.member.to_string()} " · " {printed}</p>
        </article>
    }
}

/// `/c/{club}/lists/team/{group}`: a group's members with emergency contacts, to print.
#[component]
pub fn TeamListPage() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| {
        params.with(|p| {
            (
                p.get("club").unwrap_or_default(),
                p.get("group").unwrap_or_default(),
            )
        })
    });
    let data = Resource::new(move || key.get(), |(c, g)| get_team_list(c, g));
    view! {
        <Title text=t(Msg::TeamListTitle)/>
        <main id="content" class="page print-page" tabindex="-1">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => {
                            let (club, _) = key.get_untracked();
                            view! { <TeamView list=list back=format!("/c/{club}/members")/> }.into_any()
                        }
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn TeamView(list: TeamList, back: String) -> impl IntoView {
    let lang = use_lang();
    let printed = Msg::ListPrintedOn.fill(
        lang,
        &[(
            "date",
            &day(Some(list.on.clone()), DateStyle::Long).unwrap_or_default(),
        )],
    );
    let body = if list.rows.is_empty() {
        view! { <p>{t(Msg::TeamNone)}</p> }.into_any()
    } else {
        let rows = list
            .rows
            .into_iter()
            .map(|r| {
                let leader = r
                    .leader
                    .then(|| view! { " " <span class="badge">{t(Msg::TeamLeader)}</span> });
                view! {
                    <tr data-testid="team-row">
                        <td>{r.name}{leader}</td>
                        <td>{day(r.birth_date, DateStyle::Short)}</td>
                        <td>{r.phone}</td>
                        <td>{contacts_view(r.contacts)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="team-title">
                <table data-testid="team-list">
                    <thead><tr>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::BirthDate)}</th>
                        <th scope="col">{t(Msg::Phone)}</th>
                        <th scope="col">{t(Msg::TeamEmergency)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <PrintHint back=back/>
        <p class="muted">{list.club_name} " · " {list.kind}</p>
        <h1 id="team-title">{list.group}</h1>
        {body}
        <p class="muted">{printed}</p>
    }
}
