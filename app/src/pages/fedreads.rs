//! A federation's pages of its licensed people (xfer18): `/f/{federation}/people` (the
//! search, one logged read per result page) and `/f/{federation}/people/{person}` (a
//! person's federation view, one logged read). Plain GET forms and links: no JavaScript.

use crate::api::{get_federation_people, get_federation_person};
use crate::components::{query, ErrorView, Loading, PageFrame};
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::fedreads::{FedPeoplePage, FedPersonView};
use tessera_common::Msg;

fn field_label(key: &str, label: Option<String>) -> String {
    if let Some(l) = label {
        return l;
    }
    let m = match key {
        "given_name" => Msg::GivenName,
        "family_name" => Msg::FamilyName,
        "birth_date" => Msg::BirthDate,
        "gender" => Msg::Gender,
        "email" => Msg::Email,
        "phone" => Msg::Phone,
        "address" => Msg::Address,
        other => return other.to_string(),
    };
    t(m).to_string()
}

fn or_not_shared(v: Option<String>) -> AnyView {
    match v {
        Some(v) => view! { <span>{v}</span> }.into_any(),
        None => view! { <span class="muted">{t(Msg::FedNotShared)}</span> }.into_any(),
    }
}

/// `/f/{federation}/people`.
#[component]
pub fn FederationPeoplePage() -> impl IntoView {
    let params = use_params_map();
    let slug = params
        .read_untracked()
        .get("federation")
        .unwrap_or_default();
    let q = query("q").unwrap_or_default();
    let club = query("club").unwrap_or_default();
    let page = query("page").unwrap_or_default();
    let data = Resource::new(
        move || (slug.clone(), q.clone(), club.clone(), page.clone()),
        |(f, q, c, p)| get_federation_people(f, q, c, p),
    );
    view! {
        <PageFrame>
            <Title text=t(Msg::FedPeopleTitle)/>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <PeopleBody page=p/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn PeopleBody(page: FedPeoplePage) -> impl IntoView {
    let fed = page.federation.clone();
    let action = format!("/f/{fed}/people");
    let export = format!("/f/{fed}/people.csv");
    let link = |p: i64, q: &str, club: &str| {
        format!(
            "/f/{fed}/people?q={}&club={}&page={p}",
            crate::components::urlencode(q),
            crate::components::urlencode(club)
        )
    };
    let club_link = |club: &str| link(1, &page.q, club);
    let prev = (page.page > 1).then(|| link(page.page - 1, &page.q, &page.club));
    let next = page
        .has_more
        .then(|| link(page.page + 1, &page.q, &page.club));
    let club_options = page
        .clubs
        .iter()
        .map(|c| {
            let selected = c.slug == page.club;
            view! { <option value=c.slug.clone() selected=selected>{c.name.clone()}</option> }
        })
        .collect_view();
    let rows = if page.rows.is_empty() {
        view! { <p data-testid="people-none">{t(Msg::FedPeopleNone)}</p> }.into_any()
    } else {
        let fed = fed.clone();
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="federation-people">
                    <thead><tr>
                        <th scope="col">{t(Msg::FedLicenceNumber)}</th>
                        <th scope="col">{t(Msg::FamilyName)}</th>
                        <th scope="col">{t(Msg::GivenName)}</th>
                        <th scope="col">{t(Msg::BirthDate)}</th>
                        <th scope="col">{t(Msg::Club)}</th>
                    </tr></thead>
                    <tbody>
                        {page.rows.iter().map(|r| view! {
                            <tr>
                                <td><a href=format!("/f/{fed}/people/{}", r.id)>{r.licence_number.clone()}</a></td>
                                <td>{or_not_shared(r.family_name.clone())}</td>
                                <td>{or_not_shared(r.given_name.clone())}</td>
                                <td>{or_not_shared(r.birth_date.clone())}</td>
                                <td><a href=club_link(&r.club_slug)>{r.club_name.clone()}</a></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <p><a href=format!("/f/{fed}")>"← " {page.federation_name.clone()}</a></p>
        <h1>{t(Msg::FedPeopleTitle)}</h1>
        <p class="muted">{t(Msg::FedPeopleHelp)}</p>
        <section class="card">
            <form method="get" action=action.clone() class="stack" role="search" data-testid="people-search">
                <label for="people-q">{t(Msg::FedPeopleQuery)}</label>
                <input id="people-q" name="q" type="search" maxlength="100" value=page.q.clone()/>
                {if page.many_clubs {
                    view! {
                        <label for="people-club">{t(Msg::FedPeopleClubTyped)}</label>
                        <input id="people-club" name="club" type="text" maxlength="200" value=page.club.clone()/>
                    }
                    .into_any()
                } else {
                    view! {
                        <label for="people-club">{t(Msg::Club)}</label>
                        <select id="people-club" name="club">
                            <option value="">{t(Msg::FedPeopleAllClubs)}</option>
                            {club_options}
                        </select>
                    }
                    .into_any()
                }}
                <button type="submit" class="button">{t(Msg::Search)}</button>
            </form>
        </section>
        {rows}
        <nav class="pager">
            {prev.map(|h| view! { <a href=h rel="prev">{t(Msg::FedPrevPage)}</a> " " })}
            {next.map(|h| view! { <a href=h rel="next">{t(Msg::FedNextPage)}</a> })}
        </nav>
        {(!page.rows.is_empty()).then(|| view! {
            <form method="post" action=export class="stack" data-testid="people-export">
                <input type="hidden" name="q" value=page.q.clone()/>
                <input type="hidden" name="club" value=page.club.clone()/>
                <button type="submit" class="button-quiet">{t(Msg::FedPeopleExport)}</button>
            </form>
        })}
    }
}

/// `/f/{federation}/people/{person}`.
#[component]
pub fn FederationPersonPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params
        .read_untracked()
        .get("federation")
        .unwrap_or_default();
    let person = params.read_untracked().get("person").unwrap_or_default();
    let data = Resource::new(
        move || (slug.clone(), person.clone()),
        |(f, p)| get_federation_person(f, p),
    );
    view! {
        <PageFrame>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <PersonBody person=p/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn PersonBody(person: FedPersonView) -> impl IntoView {
    let title = format!("{} · {}", t(Msg::FedLicenceNumber), person.licence_number);
    let fields = if person.fields.is_empty() {
        view! { <p>{t(Msg::FedPersonNoFields)}</p> }.into_any()
    } else {
        view! {
            <dl data-testid="person-fields">
                {person.fields.into_iter().map(|f| view! {
                    <dt>{field_label(&f.key, f.label.clone())}</dt>
                    <dd>{f.value.clone()}</dd>
                }).collect_view()}
            </dl>
        }
        .into_any()
    };
    view! {
        <Title text=title.clone()/>
        <p><a href=format!("/f/{}/people", person.federation)>"← " {t(Msg::FedPeopleTitle)}</a></p>
        <h1>{title}</h1>
        <p>{t(Msg::Club)} ": " {person.club_name.clone()}</p>
        <p class="muted">{t(Msg::FedPersonLogged)}</p>
        <section class="card">
            <h2>{t(Msg::FedPersonFields)}</h2>
            {fields}
        </section>
        <section class="card">
            <h2>{t(Msg::FedLicences)}</h2>
            <div class="table-wrap" tabindex="0">
                <table data-testid="person-licences">
                    <thead><tr>
                        <th scope="col">{t(Msg::FedSeason)}</th>
                        <th scope="col">{t(Msg::FedCategory)}</th>
                        <th scope="col">{t(Msg::Club)}</th>
                        <th scope="col">{t(Msg::FedStatus)}</th>
                    </tr></thead>
                    <tbody>
                        {person.licences.into_iter().map(|l| view! {
                            <tr>
                                <td>{l.season}</td>
                                <td>{l.category}</td>
                                <td>{l.club_name}</td>
                                <td>{l.status}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
