use crate::api::get_federation_home;
use crate::components::{ErrorView, Loading, PageFrame, StampLine};
use crate::pages::landing::roles_label;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::dto::FederationHome;
use tessera_common::Msg;

/// `/f/{federation}`: the federation's home page with its affiliated clubs.
#[component]
pub fn FederationPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("federation").unwrap_or_default());
    let data = Resource::new(move || slug.get(), get_federation_home);
    view! {
        <PageFrame>
            // licences: the federation's pages (its module's navigation)
            <nav aria-label=t(Msg::Federation)>
                <ul class="plain">
                    {tessera_common::modules::Module::of_kind(tessera_common::dto::TenantKind::Federation)
                        .flat_map(|m| m.nav.iter())
                        .map(|e| view! {
                            <li><a href=move || format!("/f/{}/{}", slug.get(), e.path)>{e.label.get(crate::i18n::use_lang())}</a></li>
                        })
                        .collect_view()}
                </ul>
            </nav>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(f) => view! { <FederationBody fed=f/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn FederationBody(fed: FederationHome) -> impl IntoView {
    let clubs = fed.clubs.clone();
    view! {
        <Title text=fed.name.clone()/>
        <h1>{fed.name.clone()}</h1>
        <p class="muted">{t(Msg::Federation)} " · " {t(Msg::YourRole)} ": " {roles_label(fed.admin, &fed.roles)}</p>
        <p><a href=format!("/f/{}/clubs", fed.slug) data-testid="federation-clubs-link">{t(Msg::AffClubsLink)}</a></p>
        // xfer18
        <p><a href=format!("/f/{}/people", fed.slug) data-testid="federation-people-link">{t(Msg::FedPeopleTitle)}</a></p>
        <p><a href=format!("/f/{}/templates", fed.slug) data-testid="federation-templates-link">{t(Msg::TemplatesTitle)}</a></p> // templates
        <section class="card" aria-labelledby="clubs-title">
            <h2 id="clubs-title">{t(Msg::AffiliatedClubs)}</h2>
            {if clubs.is_empty() {
                view! { <p>{t(Msg::NoAffiliatedClubs)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0">
                        <table data-testid="federation-clubs">
                            <thead><tr>
                                <th scope="col">{t(Msg::Club)}</th>
                                <th scope="col">{t(Msg::Address)}</th>
                                <th scope="col" class="num">{t(Msg::MemberCount)}</th>
                                <th scope="col" class="num">{t(Msg::ActiveMembers)}</th>
                            </tr></thead>
                            <tbody>
                                {clubs.into_iter().map(|c| view! {
                                    <tr>
                                        <td>{c.name.clone()}</td>
                                        <td>{c.city.clone().unwrap_or_default()}</td>
                                        <td class="num">{c.members}</td>
                                        <td class="num">{c.active_members}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <StampLine stamp=fed.stamp.clone()/>
    }
}
