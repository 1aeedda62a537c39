use crate::api::{get_club_frame, get_club_home};
use crate::components::{ErrorView, Header, Loading, StampLine};
use crate::i18n::use_lang;
use crate::pages::landing::role_label;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};
use tessera_common::dto::{ClubFrame, ClubHome};
use tessera_common::Msg;

/// The club slug of the current route.
pub fn use_club() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("club").unwrap_or_default())
}

/// `/c/{club}/…`: the club's frame (its name and colours in the header, the navigation of
/// what the viewer may use) around the club's pages.
#[component]
pub fn ClubLayout() -> impl IntoView {
    let club = use_club();
    let frame = Resource::new(move || club.get(), get_club_frame);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match frame.await {
                    Ok(f) => view! { <ClubFrameView frame=f/> }.into_any(),
                    Err(e) => view! {
                        <Header/>
                        <main id="content" class="page" tabindex="-1"><ErrorView error=e/></main>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClubFrameView(frame: ClubFrame) -> impl IntoView {
    // Colours are validated as #rrggbb when stored, so they are safe in a style attribute.
    let style = format!(
        "--club-primary:{};--club-accent:{}",
        frame.primary_color, frame.accent_color
    );
    let base = format!("/c/{}", frame.slug);
    let location = use_location();
    let members_href = format!("{base}/members");
    let current = {
        let base = base.clone();
        move |href: &str| {
            let path = location.pathname.get();
            let active = if href == base {
                path == base || path == format!("{base}/")
            } else {
                path.starts_with(href)
            };
            if active {
                Some("page")
            } else {
                None
            }
        }
    };
    let home_current = {
        let current = current.clone();
        let base = base.clone();
        move || current(&base)
    };
    let events_nav = frame.can_administer.then(|| {
        let href = format!("{base}/security");
        let current = current.clone();
        let h2 = href.clone();
        view! { <li><a href=href aria-current=move || current(&h2)>{t(Msg::SecurityLog)}</a></li> }
    });
    let members_nav = frame.can_view_members.then(|| {
        let href = members_href.clone();
        let current = current.clone();
        let h2 = href.clone();
        view! { <li><a href=href aria-current=move || current(&h2)>{t(Msg::Members)}</a></li> }
    });
    view! {
        <div class="club" style=style data-testid="club-frame">
            <Header brand=frame.name.clone() brand_href=base.clone()/>
            <div class="club-body">
                <nav class="sidebar" aria-label=t(Msg::Club)>
                    <ul>
                        <li><a href=base.clone() aria-current=home_current>{t(Msg::Home)}</a></li>
                        {members_nav}
                        {events_nav}
                    </ul>
                    <p class="muted role">{t(Msg::YourRole)} ": " {role_label(frame.role)}</p>
                </nav>
                <main id="content" class="page" tabindex="-1">
                    <Outlet/>
                </main>
            </div>
        </div>
    }
}

/// `/c/{club}`: the club home page.
#[component]
pub fn ClubHomePage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_club_home);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(h) => view! { <ClubHomeBody home=h/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClubHomeBody(home: ClubHome) -> impl IntoView {
    let lang = use_lang();
    let welcome = Msg::ClubWelcome.fill(lang, &[("club", &home.frame.name)]);
    let part_of = home.federation.clone().map(|(slug, name)| {
        let text = Msg::ClubPartOf.fill(lang, &[("federation", &name)]);
        let _ = slug;
        view! { <p class="muted">{text}</p> }
    });
    let city = home
        .city
        .clone()
        .map(|c| view! { <p class="muted">{c}</p> });
    let stats = [
        (Msg::MemberCount, home.members, "members"),
        (Msg::ActiveMembers, home.active_members, "active"),
        (Msg::Minors, home.minors, "minors"),
        (Msg::Families, home.families, "families"),
    ];
    view! {
        <Title text=home.frame.name.clone()/>
        <section class="club-hero">
            <h1>{welcome}</h1>
            {city}
            {part_of}
        </section>
        <section aria-labelledby="glance" class="card">
            <h2 id="glance">{t(Msg::AtAGlance)}</h2>
            <dl class="stats">
                {stats.into_iter().map(|(label, n, id)| view! {
                    <div class="stat" data-testid=format!("stat-{id}")>
                        <dt>{t(label)}</dt>
                        <dd>{n}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
        <StampLine stamp=home.stamp.clone()/>
    }
}

/// `/c/{club}/security`: the club's security events (administrators).
#[component]
pub fn ClubEventsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), crate::api::get_club_events);
    view! {
        <Title text=t(Msg::SecurityLog)/>
        <h1>{t(Msg::SecurityLog)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(events) if events.is_empty() => view! { <p>{t(Msg::NoEvents)}</p> }.into_any(),
                    Ok(events) => view! {
                        <div class="table-wrap">
                            <table data-testid="club-events">
                                <thead><tr>
                                    <th scope="col">{t(Msg::When)}</th>
                                    <th scope="col">{t(Msg::Name)}</th>
                                    <th scope="col">{t(Msg::What)}</th>
                                </tr></thead>
                                <tbody>
                                    {events.into_iter().map(|e| view! {
                                        <tr>
                                            <td>{e.at.format_brussels()}</td>
                                            <td>{e.person.clone().unwrap_or_default()}</td>
                                            <td>{crate::pages::account::event_label(&e.kind)} " " <span class="muted">{e.detail.clone().unwrap_or_default()}</span></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
