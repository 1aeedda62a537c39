//! `/f/{federation}/log` (fedlog18): the federation's own event log, for its staff with
//! `clubs.view`: affiliation steps, seasons and categories, licence requests and
//! decisions, templates published, transfer windows and exports, newest first, paged by
//! plain links (no JavaScript), each entry in words as the club's event log shows it
//! (`club::EventTable`). Reads of people are not here: they are in each club's own log.

use crate::api::get_federation_log;
use crate::components::{query, ErrorView, Loading, PageFrame};
use crate::pages::club::EventTable;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::fedreads::FedLogPage;
use tessera_common::Msg;

/// `/f/{federation}/log`.
#[component]
pub fn FederationLogPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params
        .read_untracked()
        .get("federation")
        .unwrap_or_default();
    let page = query("page").unwrap_or_default();
    let data = Resource::new(
        move || (slug.clone(), page.clone()),
        |(f, p)| get_federation_log(f, p),
    );
    view! {
        <PageFrame>
            <Title text=t(Msg::FedLogTitle)/>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <LogBody page=p/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn LogBody(page: FedLogPage) -> impl IntoView {
    let FedLogPage {
        federation: fed,
        federation_name,
        page,
        has_more,
        events,
    } = page;
    let link = |p: i64| format!("/f/{fed}/log?page={p}");
    let prev = (page > 1).then(|| link(page - 1));
    let next = has_more.then(|| link(page + 1));
    view! {
        <p><a href=format!("/f/{fed}")>"← " {federation_name}</a></p>
        <h1>{t(Msg::FedLogTitle)}</h1>
        <p class="muted">{t(Msg::FedLogHelp)}</p>
        <EventTable events=events testid="federation-log"/>
        <nav class="pager" aria-label=t(Msg::FedLogTitle)>
            {prev.map(|h| view! { <a href=h rel="prev" data-testid="log-prev">{t(Msg::FedPrevPage)}</a> " " })}
            {next.map(|h| view! { <a href=h rel="next" data-testid="log-next">{t(Msg::FedNextPage)}</a> })}
        </nav>
    }
}
