//! `/f/{federation}`: the federation's home page, its oversight dashboard (dash18, issue 18
//! deliverable 3): per affiliated club and in total, members, active members, licences of
//! a season by category, the active members by age and by gender, growth over the seasons,
//! staff without a second factor and data-protection requests past their deadline; counts
//! only, read from the counts kept per club (`tessera_core::fedstats`), with when they were
//! taken. The charts are SVG drawn here on the server (no script), each followed by its
//! table as the text alternative; every table downloads as CSV (`fed_files.rs`).

use crate::api::{get_fed_dashboard, RefreshFedDashboard};
use crate::components::{
    form_error_of, query, ErrorView, FormAlert, Loading, Notice, PageFrame, StampLine,
};
use crate::i18n::use_lang;
use crate::pages::landing::roles_label;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::dto::{FedDashboard, FED_AGE_BANDS};
use tessera_common::time::{format_date_text, DateStyle};
use tessera_common::Msg;

/// `/f/{federation}`: the federation's dashboard.
#[component]
pub fn FederationPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("federation").unwrap_or_default());
    let season = query("season").unwrap_or_default();
    let page = query("page").unwrap_or_default();
    let data = Resource::new(
        move || (slug.get(), season.clone(), page.clone()),
        |(f, s, p)| get_fed_dashboard(f, s, p),
    );
    view! {
        <PageFrame>
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

/// A horizontal bar chart drawn on the server: one row per label, one bar per series.
/// `id` makes the title's and description's ids unique on the page.
fn bar_chart(
    id: &'static str,
    title: String,
    series: Vec<(&'static str, String)>,
    rows: Vec<(String, Vec<i64>)>,
) -> impl IntoView {
    let bar_h: i64 = 16;
    let gap: i64 = 8;
    let label_w: i64 = 170;
    let width: i64 = 560;
    let n = series.len().max(1) as i64;
    let row_h = bar_h * n + gap;
    let legend_h: i64 = if series.len() > 1 { 22 } else { 0 };
    let height = legend_h + (rows.len() as i64) * row_h + 6;
    let max = rows
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let room = width - label_w - 60;
    let legend = (series.len() > 1).then(|| {
        series
            .iter()
            .enumerate()
            .map(|(i, (colour, name))| {
                let x = label_w + (i as i64) * 170;
                view! {
                    <g>
                        <rect x=x.to_string() y="4" width="12" height="12" fill=*colour></rect>
                        <text x=(x + 18).to_string() y="15" font-size="12">{name.clone()}</text>
                    </g>
                }
            })
            .collect_view()
    });
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, values))| {
            let y0 = legend_h + (i as i64) * row_h + 4;
            let label_y = y0 + (bar_h * n) / 2 + 4;
            let shown: String = if label.chars().count() > 24 {
                format!("{}…", label.chars().take(23).collect::<String>())
            } else {
                label
            };
            let bars = values
                .iter()
                .enumerate()
                .map(|(k, v)| {
                    let y = y0 + (k as i64) * bar_h;
                    let w = room * v / max;
                    let colour = series.get(k).map(|s| s.0).unwrap_or("#1d3557");
                    view! {
                        <rect x=label_w.to_string() y=y.to_string() width=w.to_string() height=(bar_h - 2).to_string() fill=colour></rect>
                        <text x=(label_w + w + 4).to_string() y=(y + bar_h - 4).to_string() font-size="11">{v.to_string()}</text>
                    }
                })
                .collect_view();
            view! {
                <g>
                    <text x=(label_w - 6).to_string() y=label_y.to_string() text-anchor="end" font-size="12">{shown}</text>
                    {bars}
                </g>
            }
        })
        .collect_view();
    let title_id = format!("chart-{id}-title");
    let desc_id = format!("chart-{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby=labelled_by
            viewBox=format!("0 0 {width} {height}") width="100%" class="chart" data-testid=format!("chart-{id}")>
            <title id=title_id>{title}</title>
            <desc id=desc_id>{t(Msg::FedDashChartDesc)}</desc>
            {legend}
            {bars}
        </svg>
    }
}

/// The download form of one table: a POST to the federation's file route.
fn download(fed: String, table: &'static str, season: String) -> impl IntoView {
    view! {
        <form method="post" action=format!("/f/{fed}/dashboard.csv") class="inline no-print">
            <input type="hidden" name="table" value=table/>
            <input type="hidden" name="season" value=season/>
            <button type="submit" class="button-quiet" data-testid=format!("csv-{table}")>{t(Msg::FedDashDownloadTable)}</button>
        </form>
    }
}

fn gender_label(i: usize) -> Msg {
    match i {
        0 => Msg::GenderF,
        1 => Msg::GenderM,
        2 => Msg::GenderX,
        _ => Msg::GenderUnknown,
    }
}

fn age_label(i: usize) -> String {
    FED_AGE_BANDS
        .get(i)
        .map(|b| b.2.to_string())
        .unwrap_or_else(|| t(Msg::FedDashUnknownAge).to_string())
}

#[component]
fn FederationBody(fed: FedDashboard) -> impl IntoView {
    let lang = use_lang();
    let slug = fed.slug.clone();
    let season = fed.season.clone().unwrap_or_default();
    let season_name = fed
        .seasons
        .iter()
        .find(|s| s.id == season)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let notice = (query("done").as_deref() == Some("counted"))
        .then(|| view! { <Notice text=t(Msg::FedDashCounted)/> });
    let error = form_error_of::<RefreshFedDashboard>();
    let as_of = match (fed.as_of, &fed.reference_on) {
        (Some(at), Some(day)) => Msg::FedDashAsOf.fill(
            lang,
            &[
                ("at", &at.format_in(&fed.time_zone, lang, DateStyle::Long)),
                ("day", &format_date_text(day, lang, DateStyle::Long)),
            ],
        ),
        _ => t(Msg::FedDashNeverCounted).to_string(),
    };

    // The clubs table, a page at a time (read a page at a time); the chart of the largest
    // clubs.
    let (page, pages) = (fed.page, fed.pages);
    let page_link = |p: usize| {
        format!(
            "/f/{}?season={}&page={p}",
            slug,
            crate::components::urlencode(&season)
        )
    };
    let prev = (page > 1).then(|| page_link(page - 1));
    let next = (page < pages).then(|| page_link(page + 1));
    let shown = fed.largest.len();
    let members_chart = (!fed.largest.is_empty()).then(|| {
        bar_chart(
            "clubs",
            Msg::FedDashChartClubs.fill(lang, &[("n", &shown.to_string())]),
            vec![
                ("#1d3557", t(Msg::MemberCount).to_string()),
                ("#e76f51", t(Msg::ActiveMembers).to_string()),
            ],
            fed.largest
                .iter()
                .map(|c| (c.name.clone(), vec![c.members, c.active_members]))
                .collect(),
        )
    });
    let not_counted = t(Msg::FedDashNotCounted);
    // Each club's growth: members at the start of the first and the last season shown.
    let growth_head = match (fed.growth.first(), fed.growth.last()) {
        (Some(a), Some(b)) if fed.growth.len() > 1 => Some(Msg::FedDashGrowthCol.fill(
            lang,
            &[("from", a.season.as_str()), ("to", b.season.as_str())],
        )),
        _ => None,
    };
    let growth_cell = |v: &[i64]| match (v.first(), v.last()) {
        (Some(a), Some(b)) if v.len() > 1 => {
            let d = b - a;
            let sign = if d > 0 { "+" } else { "" };
            format!("{a} → {b} ({sign}{d})")
        }
        _ => String::new(),
    };
    let growth_cols = growth_head.is_some();
    let club_rows = fed
        .clubs
        .iter()
        .map(|c| {
            let cells = if c.counted {
                view! {
                    <td class="num">{c.members}</td>
                    <td class="num">{c.active_members}</td>
                    <td class="num">{c.licences_total}</td>
                    <td class="num">{c.staff_without_2fa}</td>
                    <td class="num">{c.overdue_requests}</td>
                    {growth_cols.then(|| view! { <td class="num" data-testid="club-growth">{growth_cell(&c.growth_members)}</td> })}
                }
                .into_any()
            } else {
                let span = if growth_cols { "6" } else { "5" };
                view! { <td colspan=span class="muted">{not_counted}</td> }.into_any()
            };
            view! {
                <tr data-testid="club-row">
                    <th scope="row">{c.name.clone()}</th>
                    <td>{c.city.clone().unwrap_or_default()}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let total = fed.total.clone();
    let (clubs_no2fa, clubs_overdue) = (fed.clubs_no2fa, fed.clubs_overdue);

    // Licences of the season by category (totals; per club in the CSV).
    let season_options = fed
        .seasons
        .iter()
        .map(|s| {
            let selected = s.id == season;
            view! { <option value=s.id.clone() selected=selected>{s.name.clone()}</option> }
        })
        .collect_view();
    let licence_rows = fed
        .categories
        .iter()
        .zip(&total.licences)
        .map(|(name, n)| view! { <tr><th scope="row">{name.clone()}</th><td class="num">{*n}</td></tr> })
        .collect_view();
    let licences_chart = (!fed.categories.is_empty()).then(|| {
        bar_chart(
            "licences",
            Msg::FedDashLicences.fill(lang, &[("season", &season_name)]),
            vec![("#2a9d8f", t(Msg::FedDashLicencesCol).to_string())],
            fed.categories
                .iter()
                .zip(&total.licences)
                .map(|(c, n)| (c.clone(), vec![*n]))
                .collect(),
        )
    });

    // Ages and genders of the active members.
    let ages: Vec<(String, Vec<i64>)> = total
        .ages
        .iter()
        .enumerate()
        .map(|(i, n)| (age_label(i), vec![*n]))
        .collect();
    let age_rows = ages
        .iter()
        .map(
            |(l, v)| view! { <tr><th scope="row">{l.clone()}</th><td class="num">{v[0]}</td></tr> },
        )
        .collect_view();
    let ages_chart = bar_chart(
        "ages",
        t(Msg::FedDashAges).to_string(),
        vec![("#264653", t(Msg::ActiveMembers).to_string())],
        ages.clone(),
    );
    let genders: Vec<(String, Vec<i64>)> = total
        .genders
        .iter()
        .enumerate()
        .map(|(i, n)| (t(gender_label(i)).to_string(), vec![*n]))
        .collect();
    let gender_rows = genders
        .iter()
        .map(
            |(l, v)| view! { <tr><th scope="row">{l.clone()}</th><td class="num">{v[0]}</td></tr> },
        )
        .collect_view();
    let genders_chart = bar_chart(
        "genders",
        t(Msg::FedDashGenders).to_string(),
        vec![("#6d597a", t(Msg::ActiveMembers).to_string())],
        genders.clone(),
    );

    // Growth over the last seasons.
    let growth_chart = (!fed.growth.is_empty()).then(|| {
        bar_chart(
            "growth",
            t(Msg::FedDashChartGrowth).to_string(),
            vec![
                ("#1d3557", t(Msg::FedDashMembersAtStart).to_string()),
                ("#2a9d8f", t(Msg::FedDashLicencesCol).to_string()),
            ],
            fed.growth
                .iter()
                .map(|g| (g.season.clone(), vec![g.members, g.licences]))
                .collect(),
        )
    });
    let growth_rows = fed
        .growth
        .iter()
        .map(|g| {
            view! {
                <tr>
                    <th scope="row">{g.season.clone()}</th>
                    <td>{format_date_text(&g.starts_on, lang, DateStyle::Short)}</td>
                    <td class="num">{g.members}</td>
                    <td class="num">{g.licences}</td>
                </tr>
            }
        })
        .collect_view();

    let module_links =
        tessera_common::modules::Module::of_kind(tessera_common::dto::TenantKind::Federation)
            .flat_map(|m| m.nav.iter())
            .filter(|e| e.path != "templates")
            .map(|e| {
                let href = format!("/f/{}/{}", fed.slug, e.path);
                view! { <li><a href=href>{e.label.get(lang)}</a></li> }
            })
            .collect_view();
    view! {
        <Title text=fed.name.clone()/>
        <h1>{fed.name.clone()}</h1>
        <p class="muted">{t(Msg::Federation)} " · " {t(Msg::YourRole)} ": " {roles_label(fed.admin, &fed.roles)}</p>
        // The federation's pages: its clubs, its licensed people, and its modules' pages
        // (licences, log, transfers, templates), in one list.
        <nav aria-label=t(Msg::Federation)>
            <ul class="plain">
                <li><a href=format!("/f/{}/clubs", fed.slug) data-testid="federation-clubs-link">{t(Msg::AffClubsLink)}</a></li>
                <li><a href=format!("/f/{}/people", fed.slug) data-testid="federation-people-link">{t(Msg::FedPeopleTitle)}</a></li>
                {module_links}
                <li><a href=format!("/f/{}/templates", fed.slug) data-testid="federation-templates-link">{t(Msg::TemplatesTitle)}</a></li>
            </ul>
        </nav>
        {notice}
        <FormAlert error=error id="refresh-error"/>
        <section class="card" aria-labelledby="dash-title">
            <h2 id="dash-title">{t(Msg::FedDashTitle)}</h2>
            <p>{t(Msg::FedDashIntro)}</p>
            <p data-testid="dash-as-of">{as_of}</p>
            <form method="post" action=RefreshFedDashboard::PATH class="inline">
                <input type="hidden" name="federation" value=slug.clone()/>
                <button type="submit" class="button-quiet" data-testid="dash-refresh">{t(Msg::FedDashCountAgain)}</button>
            </form>
            {if fed.seasons.is_empty() {
                view! { <p class="muted">{t(Msg::FedDashNoSeasons)}</p> }.into_any()
            } else {
                view! {
                    <form method="get" action=format!("/f/{slug}") class="inline-form" data-testid="dash-season">
                        <label for="dash-season">{t(Msg::Season)}</label>" "
                        <select id="dash-season" name="season">{season_options}</select>" "
                        <button type="submit" class="button">{t(Msg::FedDashShow)}</button>
                    </form>
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="clubs-title">
            <h2 id="clubs-title">{t(Msg::FedDashClubs)}</h2>
            {if fed.club_count == 0 {
                view! { <p>{t(Msg::NoAffiliatedClubs)}</p> }.into_any()
            } else {
                view! {
                    {members_chart}
                    <div class="table-wrap" tabindex="0">
                        <table data-testid="federation-clubs">
                            <caption id="clubs-caption" class="visually-hidden">{t(Msg::FedDashClubs)}</caption>
                            <thead><tr>
                                <th scope="col">{t(Msg::Club)}</th>
                                <th scope="col">{t(Msg::Address)}</th>
                                <th scope="col" class="num">{t(Msg::MemberCount)}</th>
                                <th scope="col" class="num">{t(Msg::ActiveMembers)}</th>
                                <th scope="col" class="num">{t(Msg::FedDashLicencesCol)}" "{season_name.clone()}</th>
                                <th scope="col" class="num">{t(Msg::FedDashStaffNo2fa)}</th>
                                <th scope="col" class="num">{t(Msg::FedDashOverdue)}</th>
                                {growth_head.clone().map(|h| view! { <th scope="col" class="num">{h}</th> })}
                            </tr></thead>
                            <tbody>{club_rows}</tbody>
                            <tfoot><tr data-testid="clubs-total">
                                <th scope="row">{t(Msg::FedDashTotal)}</th>
                                <td></td>
                                <td class="num">{total.members}</td>
                                <td class="num">{total.active_members}</td>
                                <td class="num">{total.licences_total}</td>
                                <td class="num">{total.staff_without_2fa}</td>
                                <td class="num">{total.overdue_requests}</td>
                                {growth_cols.then(|| view! { <td class="num" data-testid="total-growth">{growth_cell(&total.growth_members)}</td> })}
                            </tr></tfoot>
                        </table>
                    </div>
                    {(pages > 1).then(|| view! {
                        <nav class="pager" aria-label=t(Msg::FedDashClubs)>
                            {prev.map(|h| view! { <a class="button-quiet" href=h rel="prev">{t(Msg::Previous)}</a> })}
                            <span>{format!("{page} / {pages}")}</span>
                            {next.map(|h| view! { <a class="button-quiet" href=h rel="next">{t(Msg::Next)}</a> })}
                        </nav>
                    })}
                    {download(slug.clone(), "clubs", season.clone())}
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="compliance-title">
            <h2 id="compliance-title">{t(Msg::FedDashCompliance)}</h2>
            <ul>
                <li data-testid="clubs-no2fa">{Msg::FedDashClubsNo2fa.fill(lang, &[("n", &clubs_no2fa.to_string())])}</li>
                <li data-testid="clubs-overdue">{Msg::FedDashClubsOverdue.fill(lang, &[("n", &clubs_overdue.to_string())])}</li>
            </ul>
        </section>
        {(!fed.seasons.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="licences-title">
                <h2 id="licences-title">{Msg::FedDashLicences.fill(lang, &[("season", &season_name)])}</h2>
                {licences_chart}
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="licences-caption">
                    <table data-testid="dash-licences">
                        <caption id="licences-caption" class="visually-hidden">{t(Msg::FedDashLicencesCol)}</caption>
                        <thead><tr><th scope="col">{t(Msg::LicCategory)}</th><th scope="col" class="num">{t(Msg::FedDashLicencesCol)}</th></tr></thead>
                        <tbody>{licence_rows}</tbody>
                        <tfoot><tr><th scope="row">{t(Msg::FedDashTotal)}</th><td class="num">{total.licences_total}</td></tr></tfoot>
                    </table>
                </div>
                {download(slug.clone(), "licences", season.clone())}
            </section>
        })}
        <section class="card" aria-labelledby="ages-title">
            <h2 id="ages-title">{t(Msg::FedDashAges)}</h2>
            {ages_chart}
            <div class="table-wrap" tabindex="0">
                <table data-testid="dash-ages">
                    <caption id="ages-caption" class="visually-hidden">{t(Msg::FedDashAges)}</caption>
                    <thead><tr><th scope="col">{t(Msg::FedDashAge)}</th><th scope="col" class="num">{t(Msg::ActiveMembers)}</th></tr></thead>
                    <tbody>{age_rows}</tbody>
                </table>
            </div>
            {download(slug.clone(), "ages", season.clone())}
        </section>
        <section class="card" aria-labelledby="genders-title">
            <h2 id="genders-title">{t(Msg::FedDashGenders)}</h2>
            {genders_chart}
            <div class="table-wrap" tabindex="0">
                <table data-testid="dash-genders">
                    <caption id="genders-caption" class="visually-hidden">{t(Msg::FedDashGenders)}</caption>
                    <thead><tr><th scope="col">{t(Msg::Gender)}</th><th scope="col" class="num">{t(Msg::ActiveMembers)}</th></tr></thead>
                    <tbody>{gender_rows}</tbody>
                </table>
            </div>
            {download(slug.clone(), "genders", season.clone())}
        </section>
        <section class="card" aria-labelledby="growth-title">
            <h2 id="growth-title">{t(Msg::FedDashGrowth)}</h2>
            {growth_chart}
            <div class="table-wrap" tabindex="0">
                <table data-testid="dash-growth">
                    <caption id="growth-caption" class="visually-hidden">{t(Msg::FedDashGrowth)}</caption>
                    <thead><tr>
                        <th scope="col">{t(Msg::Season)}</th>
                        <th scope="col">{t(Msg::LicStartsOn)}</th>
                        <th scope="col" class="num">{t(Msg::FedDashMembersAtStart)}</th>
                        <th scope="col" class="num">{t(Msg::FedDashLicencesCol)}</th>
                    </tr></thead>
                    <tbody>{growth_rows}</tbody>
                </table>
            </div>
            {download(slug.clone(), "growth", season.clone())}
        </section>
        <StampLine stamp=fed.stamp.clone()/>
    }
}
