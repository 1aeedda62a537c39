use crate::api::get_admin_overview;
use crate::components::{ErrorView, Loading, PageFrame, StampLine};
use crate::pages::landing::kind_label;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use tessera_common::dto::AdminOverview;
use tessera_common::Msg;

/// `/admin`: the operator's overview of every tenant and its usage counts (licensing).
#[component]
pub fn AdminPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_overview());
    view! {
        <Title text=t(Msg::Overview)/>
        <PageFrame>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => view! { <AdminBody overview=o/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn AdminBody(overview: AdminOverview) -> impl IntoView {
    view! {
        <h1>{t(Msg::Overview)}</h1>
        <section class="card" aria-labelledby="tenants-title">
            <h2 id="tenants-title">{t(Msg::Tenants)}</h2>
            <div class="table-wrap">
                <table data-testid="tenants">
                    <thead><tr>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::Kind)}</th>
                        <th scope="col">{t(Msg::Parent)}</th>
                        <th scope="col">{t(Msg::Status)}</th>
                        <th scope="col" class="num">{t(Msg::MemberCount)}</th>
                        <th scope="col" class="num">{t(Msg::Users)}</th>
                    </tr></thead>
                    <tbody>
                        {overview.tenants.into_iter().map(|r| view! {
                            <tr>
                                <td>{r.name.clone()}</td>
                                <td>{kind_label(r.kind)}</td>
                                <td>{r.parent.clone().unwrap_or_default()}</td>
                                <td>{r.status.clone()}</td>
                                <td class="num">{r.members}</td>
                                <td class="num">{r.users}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <StampLine stamp=overview.stamp/>
    }
}
