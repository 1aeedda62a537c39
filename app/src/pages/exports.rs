//! `/c/{club}/exports`: download the member register as CSV (the exports module). Every
//! export is recorded; the page lists the ones executed.

use crate::api::{get_export_choices, get_export_history};
use crate::components::{ErrorView, Loading};
use crate::pages::club::use_club;
use crate::pages::members::status_label;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use tessera_common::consent::{standard_column_label, ExportChoices};
use tessera_common::dto::{ExportEntry, MemberStatus};
use tessera_common::Msg;

#[component]
pub fn ExportsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(
        move || club.get(),
        |c| async move {
            // Both calls start at once: a server call begun after another's await may find the
            // page already gone (its owner disposed) and no request context left.
            futures_util::future::try_join(get_export_history(c.clone()), get_export_choices(c))
                .await
        },
    );
    view! {
        <Title text=t(Msg::Exports)/>
        <h1>{t(Msg::Exports)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((h, c)) => view! { <ExportsBody history=h choices=c club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ExportsBody(history: Vec<ExportEntry>, choices: ExportChoices, club: String) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let action = format!("/c/{club}/exports/members.csv");
    let xlsx = format!("/c/{club}/exports/members.xlsx");
    let print = format!("/c/{club}/exports/members.html");
    let columns = choices
        .columns
        .iter()
        .map(|c| {
            let id = format!("col-{}", c.id);
            let label = c.label.clone().unwrap_or_else(|| match c.id.as_str() {
                "last_changed_by" => t(Msg::ExportColLastChangedBy).to_string(),
                other => standard_column_label(other)
                    .map(|m| t(m).to_string())
                    .unwrap_or_else(|| other.to_string()),
            });
            let note = c.sensitive.then(|| {
                let text = if c.allowed {
                    t(Msg::ExportSensitive)
                } else {
                    t(Msg::ExportSensitiveNeeds)
                };
                view! { " " <span class="badge">{text}</span> }
            });
            view! {
                <div class="check">
                    <input type="checkbox" id=id.clone() name="columns[]" value=c.id.clone()
                        disabled=!c.allowed data-testid=format!("column-{}", c.id)/>
                    <label for=id>{label}{note}</label>
                </div>
            }
        })
        .collect_view();
    let purposes = choices
        .purposes
        .iter()
        .map(|(id, title)| view! { <option value=id.to_string()>{title.get(lang).to_string()}</option> })
        .collect_view();
    let register_link = choices.can_see_register.then(|| {
        let href = format!("/c/{club}/privacy/exports");
        view! { <p><a href=href data-testid="export-register-link">{t(Msg::ExportRegister)}</a></p> }
    });
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
                <label for="export-purpose">{t(Msg::ExportPurpose)}</label>
                <input id="export-purpose" name="purpose" type="text" required=true maxlength="300"
                    aria-describedby="export-purpose-help"/>
                <p class="help muted" id="export-purpose-help">{t(Msg::ExportPurposeHelp)}</p>
                <label for="export-status">{t(Msg::Status)}</label>
                <select id="export-status" name="status">
                    <option value="">{t(Msg::AllStatuses)}</option>
                    {statuses}
                </select>
                <label for="export-consent">{t(Msg::ExportConsentFilter)}</label>
                <select id="export-consent" name="consent">
                    <option value="">{t(Msg::NoneFilter)}</option>
                    {purposes}
                </select>
                <fieldset class="choices columns" aria-describedby="export-columns-help">
                    <legend>{t(Msg::ExportColumns)}</legend>
                    <p class="help muted" id="export-columns-help">{t(Msg::ExportColumnsHelp)}</p>
                    {columns}
                </fieldset>
                <div class="actions">
                    <button type="submit" class="button" data-testid="export-csv">{t(Msg::DownloadCsv)}</button>
                    <button type="submit" class="button" formaction=xlsx data-testid="export-xlsx">{t(Msg::DownloadXlsx)}</button>
                    <button type="submit" class="button-quiet" formaction=print data-testid="export-print">{t(Msg::PrintList)}</button>
                </div>
            </form>
            {register_link}
        </section>
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{t(Msg::ExportsExecuted)}</h2>
            {list}
        </section>
    }
}
