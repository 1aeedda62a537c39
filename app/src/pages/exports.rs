//! `/c/{club}/exports`: download the member register as CSV (the exports module). Every
//! export is recorded; the page lists the ones executed.

use crate::api::get_export_history;
use crate::components::{ErrorView, Loading};
use crate::pages::club::use_club;
use crate::pages::members::status_label;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use tessera_common::dto::{ExportEntry, MemberStatus};
use tessera_common::Msg;

#[component]
pub fn ExportsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_export_history);
    view! {
        <Title text=t(Msg::Exports)/>
        <h1>{t(Msg::Exports)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(h) => view! { <ExportsBody history=h club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ExportsBody(history: Vec<ExportEntry>, club: String) -> impl IntoView {
    let action = format!("/c/{club}/exports/members.csv");
    let statuses = [
        MemberStatus::Active,
        MemberStatus::Applicant,
        MemberStatus::Suspended,
        MemberStatus::Ended,
    ]
    .into_iter()
    .map(|s| view! { <option value=s.as_str()>{status_label(s)}</option> })
    .collect_view();
    let list = if history.is_empty() {
        view! { <p class="muted">{t(Msg::NoExportsYet)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="export-history">
                    <thead><tr>
                        <th scope="col">{t(Msg::When)}</th>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::What)}</th>
                    </tr></thead>
                    <tbody>
                        {history.into_iter().map(|e| view! {
                            <tr>
                                <td>{crate::components::when_short(e.at)}</td>
                                <td>{e.person.unwrap_or_default()}</td>
                                <td>{e.detail.unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="export-title">
            <h2 id="export-title">{t(Msg::ExportMembers)}</h2>
            <p class="muted">{t(Msg::ExportHelp)}</p>
            <form method="post" action=action class="stack" data-testid="export-form">
                <label for="export-status">{t(Msg::Status)}</label>
                <select id="export-status" name="status">
                    <option value="">{t(Msg::AllStatuses)}</option>
                    {statuses}
                </select>
                <button type="submit" class="button">{t(Msg::DownloadCsv)}</button>
            </form>
        </section>
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{t(Msg::ExportsExecuted)}</h2>
            {list}
        </section>
    }
}
