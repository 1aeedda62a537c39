use crate::api::get_landing;
use crate::components::{ErrorView, Loading, PageFrame};
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use tessera_common::dto::{Landing, TenantKind};
use tessera_common::Msg;

/// The roles someone holds in a tenant (the built-in administrator role in the page's
/// language), or "Member" for none.
pub fn roles_label(admin: bool, roles: &[String]) -> String {
    let mut all: Vec<String> = Vec::new();
    if admin {
        all.push(t(Msg::RoleAdmin).to_string());
    }
    all.extend(roles.iter().cloned());
    if all.is_empty() {
        t(Msg::RoleMember).to_string()
    } else {
        all.join(", ")
    }
}

/// A role's name as shown: the built-in administrator role in the page's language.
pub fn role_name(admin: bool, name: &str) -> String {
    if admin {
        t(Msg::RoleAdmin).to_string()
    } else {
        name.to_string()
    }
}

pub fn kind_label(kind: TenantKind) -> &'static str {
    t(match kind {
        TenantKind::Operator => Msg::KindOperator,
        TenantKind::Federation => Msg::KindFederation,
        TenantKind::Club => Msg::KindClub,
    })
}

/// `/`: the visitor's clubs, or sign-in and the public club directory.
#[component]
pub fn LandingPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_landing());
    view! {
        <Title text=""/>
        <PageFrame>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <LandingBody data=d/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn LandingBody(data: Landing) -> impl IntoView {
    let signed_in = data.viewer.is_some();
    let mine = signed_in.then(|| {
        let items = data.memberships.clone();
        view! {
            <section class="card" aria-labelledby="mine-title">
                // The page's heading for someone signed in (axe: a page has one <h1>).
                <h1 id="mine-title">{t(Msg::YourClubs)}</h1>
                {if items.is_empty() {
                    view! { <p>{t(Msg::NoMemberships)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="tile-list" data-testid="my-tenants">
                            {items.into_iter().map(|m| {
                                let href = m.href();
                                view! {
                                    <li class="tile">
                                        // A full page load: another tenant may speak another language.
                                        <a href=href rel="external">{m.name.clone()}</a>
                                        <span class="muted">{kind_label(m.kind)} " · " {roles_label(m.admin, &m.roles)}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
    });
    let intro = (!signed_in).then(|| {
        view! {
            <section class="hero">
                <h1>{t(Msg::AppName)}</h1>
                <p class="lead">{t(Msg::Tagline)}</p>
                <p>{t(Msg::SignInIntro)}</p>
                <p><a class="button" href="/login">{t(Msg::SignIn)}</a></p>
            </section>
        }
    });
    let directory = data.directory;
    view! {
        {intro}
        {mine}
        <section class="card" aria-labelledby="dir-title">
            <h2 id="dir-title">{t(Msg::ClubDirectory)}</h2>
            {if directory.is_empty() {
                view! { <p>{t(Msg::ClubDirectoryEmpty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="tile-list" data-testid="directory">
                        {directory.into_iter().map(|c| {
                            let href = format!("/c/{}", c.slug);
                            let meta = [c.city.clone(), c.federation.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                            view! {
                                <li class="tile">
                                    <a href=href rel="external">{c.name.clone()}</a>
                                    <span class="muted">{meta}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
