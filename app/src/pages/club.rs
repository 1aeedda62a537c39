use crate::api::{get_club_frame, get_club_home};
use crate::components::{club_colors, ErrorView, Header, Loading, StampLine};
use crate::i18n::use_lang;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};
use tessera_common::dto::{ClubEventEntry, ClubFrame, ClubHome, TenantKind};
use tessera_common::modules::Module;
use tessera_common::time::DateStyle;
use tessera_common::{AppError, Msg};

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
    let lang = use_lang();
    provide_context(crate::components::ClubTimeZone(frame.time_zone.clone()));
    provide_context(crate::components::ClubReadOnly(
        frame.read_only_since.is_some(),
    ));
    provide_context(crate::components::ClubModules(frame.modules.clone()));
    let style = club_colors(&frame.primary_color, &frame.accent_color);
    let base = format!("/c/{}", frame.slug);
    let location = use_location();
    // The navigation: each switched-on module's entries the viewer has the right for, in
    // the registry's order.
    let entries: Vec<(String, &'static str)> = Module::of_kind(TenantKind::Club)
        .filter(|m| frame.modules.iter().any(|x| x == m.id))
        .flat_map(|m| m.nav.iter())
        .filter(|e| e.permission.is_none_or(|p| frame.can(p.id())))
        .filter(|e| !e.own_record || frame.has_record)
        // After the membership ended only the person's own data opens.
        .filter(|e| !frame.membership_ended || e.own_record)
        .map(|e| (format!("{base}/{}", e.path), e.label.get(lang)))
        .collect();
    // The entry the page belongs to: the most specific one whose address the path starts
    // with (`/privacy/requests` is under `/privacy/requests`, not also under `/privacy`),
    // so only one entry is marked current.
    let current = {
        let base = base.clone();
        let hrefs: Vec<String> = entries.iter().map(|(h, _)| h.clone()).collect();
        move |href: &str| {
            let path = location.pathname.get();
            let under = |h: &str| {
                if h == base {
                    path == base || path == format!("{base}/")
                } else {
                    path == h || path.starts_with(&format!("{h}/"))
                }
            };
            let active = under(href)
                && !hrefs
                    .iter()
                    .any(|h| h.len() > href.len() && h != href && under(h));
            active.then_some("page")
        }
    };
    let nav = entries
        .into_iter()
        .map(|(href, label)| {
            let current = current.clone();
            let h2 = href.clone();
            view! { <li><a href=href aria-current=move || current(&h2)>{label}</a></li> }
        })
        .collect_view();
    let home_current = {
        let current = current.clone();
        let base = base.clone();
        move || current(&base)
    };
    let roles = crate::pages::landing::roles_label(frame.admin, &frame.roles);
    // retention: a club whose contract ended has its own banner (and the export bundle).
    let contract = frame.contract.clone().map(|c| view! {
        <crate::pages::retention::ContractBanner contract=c ended=frame.read_only_since.is_some()
            admin=frame.admin club=frame.slug.clone()/>
    });
    let banner = match (frame.read_only_since.filter(|_| frame.contract.is_none()), frame.trial_ends_at) {
        (Some(since), _) => Some(
            view! {
                <div class="banner banner-readonly" role="status" data-testid="read-only-banner">
                    <strong>{t(Msg::ReadOnlyTitle)}</strong> " "
                    {Msg::ReadOnlyText.fill(lang, &[("date", &since.format_date_in(&frame.time_zone, lang, DateStyle::Long))])}
                </div>
            }
            .into_any(),
        ),
        (None, Some(ends)) => Some(
            view! {
                <div class="banner banner-trial" role="status" data-testid="trial-banner">
                    {Msg::TrialEnds.fill(lang, &[("date", &ends.format_date_in(&frame.time_zone, lang, DateStyle::Long))])}
                </div>
            }
            .into_any(),
        ),
        _ => None,
    };
    let ended = frame.membership_ended.then(|| {
        let me = format!("{base}/me");
        view! {
            <div class="banner banner-trial" role="status" data-testid="membership-ended">
                <strong>{t(Msg::MembershipEndedTitle)}</strong> " "
                {t(Msg::MembershipEndedText)} " "
                <a href=me>{Module::by_id("members").and_then(|m| m.nav.iter().find(|e| e.own_record)).map(|e| e.label.get(lang)).unwrap_or("")}</a>
            </div>
        }
    });
    // A page of a module that is off (or outside the plan) does not exist for this club.
    let modules = frame.modules.clone();
    let base_for_guard = base.clone();
    let module_off = move || {
        let path = location.pathname.get();
        let rel = path.strip_prefix(&base_for_guard).unwrap_or("");
        Module::owning(TenantKind::Club, rel).is_some_and(|m| !modules.iter().any(|x| x == m.id))
    };
    if let Some(terms) = frame.terms_pending.clone() {
        return view! {
            <div class="club" style=style data-testid="club-frame">
                <Header brand=frame.name.clone() brand_href=base.clone() logo=frame.logo.clone()/>
                {banner}
                <main id="content" class="page" tabindex="-1">
                    <crate::pages::settings::TermsGate terms=terms club=frame.slug.clone()/>
                </main>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="club" style=style data-testid="club-frame">
            <Header brand=frame.name.clone() brand_href=base.clone() logo=frame.logo.clone()/>
            {banner}
            {contract}
            {ended}
            <div class="club-body">
                <nav class="sidebar" aria-label=t(Msg::Club)>
                    <ul>
                        {(!frame.membership_ended).then(|| view! {
                            <li><a href=base.clone() aria-current=home_current>{t(Msg::Home)}</a></li>
                        })}
                        {nav}
                    </ul>
                    <p class="muted role" data-testid="your-roles">{t(Msg::YourRole)} ": " {roles}</p>
                </nav>
                <main id="content" class="page" tabindex="-1">
                    <Show when=module_off fallback=|| view! { <Outlet/> }>
                        <ErrorView error=AppError::NotFound/>
                    </Show>
                </main>
            </div>
        </div>
    }
    .into_any()
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
        <crate::pages::privacy::PrivacyBanner club=home.frame.slug.clone()/>
        <section class="club-hero">
            <h1>{welcome}</h1>
            {city}
            {part_of}
        </section>
        <crate::pages::rights::OverdueRequests club=home.frame.slug.clone()/>
        // birthdays this week (for roles that see birth dates)
        <crate::pages::documents::BirthdaysCard club=home.frame.slug.clone()/>
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

/// The detail of an event as shown: module ids become the module's name.
fn event_detail(kind: &str, detail: Option<String>) -> String {
    let detail = detail.unwrap_or_default();
    match kind {
        "module_on" | "module_off" => Module::by_id(&detail)
            .map(|m| m.name.get(use_lang()).to_string())
            .unwrap_or(detail),
        tessera_common::fedreads::FEDERATION_READ => {
            federation_read_text(&detail).unwrap_or(detail)
        }
        // fedlog18: counts as words (`n=3`, with the club or federation it concerns).
        k if k.starts_with("licences_") || k == tessera_common::fedreads::FEDERATION_EXPORT => {
            counted(k, &detail).unwrap_or(detail)
        }
        _ => detail,
    }
}

/// A detail of `key=value` words with a count `n` (licence requests and decisions, the
/// federation's exports) in words: "club-a: 3 licences".
fn counted(kind: &str, detail: &str) -> Option<String> {
    let (mut n, mut other) = (None, None);
    for part in detail.split_whitespace() {
        if let Some(v) = part.strip_prefix("n=") {
            n = Some(v);
        } else if let Some(v) = part
            .strip_prefix("club=")
            .or_else(|| part.strip_prefix("federation="))
        {
            other = Some(v);
        }
    }
    let n = n?;
    let count: i64 = n.parse().ok()?;
    let lang = use_lang();
    let msg = if kind == tessera_common::fedreads::FEDERATION_EXPORT {
        Msg::plural(lang, count, Msg::FedLogPeopleOne, Msg::FedLogPeople)
    } else {
        Msg::plural(lang, count, Msg::FedLogCountOne, Msg::FedLogCount)
    };
    let text = msg.fill(lang, &[("n", n)]);
    Some(match other {
        Some(o) => format!("{o}: {text}"),
        None => text,
    })
}

/// A federation read (xfer18) in words: which federation, what, how many, whom.
fn federation_read_text(detail: &str) -> Option<String> {
    let d = tessera_common::fedreads::ReadDetail::parse(detail)?;
    let lang = use_lang();
    let mut names: Vec<String> = d
        .people
        .iter()
        .take(10)
        .map(|p| p.name.clone().unwrap_or_else(|| format!("#{}", p.member)))
        .collect();
    if d.people.len() > 10 {
        names.push("…".into());
    }
    let msg = match d.what.as_str() {
        "person" => Msg::FedReadPerson,
        "export" => Msg::FedReadExport,
        "licences" => Msg::FedReadLicences,
        "transfers" => Msg::FedReadTransfers,
        _ => Msg::FedReadSearch,
    };
    Some(msg.fill(
        lang,
        &[
            ("federation", &d.federation),
            ("n", &d.count.to_string()),
            ("names", &names.join(", ")),
        ],
    ))
}

/// `/c/{club}/events`: the club's event log (the audit module): who changed what, when.
#[component]
pub fn ClubEventsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), crate::api::get_club_events);
    view! {
        <Title text=t(Msg::EventLog)/>
        <h1>{t(Msg::EventLog)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(events) => view! { <EventTable events=events testid="club-events"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An event log as a table, newest first: when, who, what in words (the club's log and,
/// fedlog18, the federation's own).
#[component]
pub fn EventTable(events: Vec<ClubEventEntry>, testid: &'static str) -> impl IntoView {
    if events.is_empty() {
        return view! { <p>{t(Msg::NoEvents)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid=testid>
                <thead><tr>
                    <th scope="col">{t(Msg::When)}</th>
                    <th scope="col">{t(Msg::Name)}</th>
                    <th scope="col">{t(Msg::What)}</th>
                </tr></thead>
                <tbody>
                    {events.into_iter().map(|e| view! {
                        <tr>
                            <td>{crate::components::when_short(e.at)}</td>
                            <td>{e.person.clone().unwrap_or_else(|| t(Msg::SystemActor).to_string())}</td>
                            <td>{crate::pages::account::event_label(&e.kind)} " " <span class="muted">{event_detail(&e.kind, e.detail.clone())}</span></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
