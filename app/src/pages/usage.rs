//! Usage and licensing counts (issue 18): the operator's table of every club and federation
//! now with the monthly history and its CSV download ([`UsageSection`] on `/admin`), and a
//! tenant's own usage against its plan ([`OwnUsageCard`], on a club's settings page and a
//! federation's templates page).

use crate::api::{get_club_usage, get_federation_usage, get_usage_overview, MeasureUsage};
use crate::components::{ErrorView, Loading};
use crate::i18n::use_lang;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use tessera_common::templates::{OwnUsage, UsageRow};
use tessera_common::{AppError, Msg};

fn bytes(n: i64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KiB", (n + 1023) / 1024)
    }
}

#[component]
fn UsageTable(rows: Vec<UsageRow>, #[prop(into)] testid: String, month: bool) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid=testid>
                <thead><tr>
                    {month.then(|| view! { <th scope="col">{t(Msg::UsageMonth)}</th> })}
                    <th scope="col">{t(Msg::UsageTenant)}</th>
                    <th scope="col" class="num">{t(Msg::UsageMembers)}</th>
                    <th scope="col" class="num">{t(Msg::UsageAccounts)}</th>
                    <th scope="col" class="num">{t(Msg::UsageAdmins)}</th>
                    <th scope="col" class="num">{t(Msg::UsageModules)}</th>
                    <th scope="col" class="num">{t(Msg::UsageStorage)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            {month.then(|| view! { <td>{r.month.clone()}</td> })}
                            <td>{r.name.clone()}</td>
                            <td class="num">{r.members}</td>
                            <td class="num">{r.accounts}</td>
                            <td class="num">{r.admins}</td>
                            <td class="num">{r.modules}</td>
                            <td class="num">{bytes(r.storage_bytes)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The operator's usage: every tenant now, measuring now, the CSV, the monthly history.
#[component]
pub fn UsageSection(manage: bool) -> impl IntoView {
    let data = Resource::new(|| (), |_| get_usage_overview());
    view! {
        <section class="card" aria-labelledby="usage-title" data-testid="usage">
            <h2 id="usage-title">{t(Msg::UsageTitle)}</h2>
            <p class="muted">{t(Msg::UsageHelp)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => view! {
                            <UsageTable rows=o.current testid="usage-now" month=false/>
                            <div class="actions">
                                {manage.then(|| view! {
                                    <form method="post" action=MeasureUsage::PATH class="inline">
                                        <button type="submit" class="button-quiet">{t(Msg::UsageMeasure)}</button>
                                    </form>
                                })}
                                <form method="post" action="/admin/usage.csv" class="inline">
                                    <button type="submit" class="button-quiet">{t(Msg::UsageCsv)}</button>
                                </form>
                            </div>
                            <h3>{t(Msg::UsageHistory)}</h3>
                            <UsageTable rows=o.history testid="usage-history" month=true/>
                        }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn OwnUsageBody(usage: OwnUsage) -> impl IntoView {
    let lang = use_lang();
    let admins = match usage.max_admins {
        Some(max) => Msg::UsageOfMax.fill(
            lang,
            &[
                ("n", &usage.now.admins.to_string()),
                ("max", &max.to_string()),
            ],
        ),
        None => usage.now.admins.to_string(),
    };
    let plan = Msg::UsagePlan.fill(lang, &[("plan", &usage.plan)]);
    view! {
        <p>{plan}</p>
        <dl class="facts" data-testid="own-usage">
            <dt>{t(Msg::UsageMembers)}</dt><dd>{usage.now.members}</dd>
            <dt>{t(Msg::UsageAccounts)}</dt><dd>{usage.now.accounts}</dd>
            <dt>{t(Msg::UsageAdmins)}</dt><dd>{admins}</dd>
            <dt>{t(Msg::UsageModules)}</dt><dd>{usage.now.modules}</dd>
            <dt>{t(Msg::UsageStorage)}</dt><dd>{bytes(usage.now.storage_bytes)}</dd>
        </dl>
        {(!usage.history.is_empty()).then(|| view! {
            <h3>{t(Msg::UsageHistory)}</h3>
            <UsageTable rows=usage.history testid="own-usage-history" month=true/>
        })}
    }
}

/// A club's (`club`) or a federation's (`federation`) own usage against its plan; nothing
/// for those without the right.
#[component]
pub fn OwnUsageCard(
    #[prop(optional, into)] club: Option<String>,
    #[prop(optional, into)] federation: Option<String>,
) -> impl IntoView {
    let data = Resource::new(
        move || (club.clone(), federation.clone()),
        |(club, federation)| async move {
            match (club, federation) {
                (Some(c), _) => get_club_usage(c).await,
                (None, Some(f)) => get_federation_usage(f).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(u) => view! {
                        <section class="card" aria-labelledby="own-usage-title">
                            <h2 id="own-usage-title">{t(Msg::UsageOwnTitle)}</h2>
                            <OwnUsageBody usage=u/>
                        </section>
                    }.into_any(),
                    Err(AppError::Forbidden | AppError::NotFound) => ().into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
