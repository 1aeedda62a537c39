//! `/c/{club}/fees/report?season=` (rep20, `fees.view`): a season's fee report: billed,
//! credited, paid and outstanding per group and per fee with the totals, the overpayments
//! apart, a stacked bar chart drawn as SVG on the server (paid and outstanding per group;
//! the tables are its text alternative) and the XLSX download (a plain form POST to
//! `/c/{club}/fees/report.xlsx`, recorded in the export register). Works without
//! JavaScript: the season is chosen by a GET form.

use crate::api::get_fee_report;
use crate::components::{query, ErrorView, Loading};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use tessera_common::invoices::{FeeReport, FeeReportRow};
use tessera_common::money::format_eur;
use tessera_common::{Lang, Msg};

/// `/c/{club}/fees/report`.
#[component]
pub fn FeeReportPage() -> impl IntoView {
    let club = use_club();
    let season = query("season").unwrap_or_default();
    let data = Resource::new(
        move || (club.get(), season.clone()),
        |(c, s)| get_fee_report(c, s),
    );
    view! {
        <Title text=t(Msg::RepTitle)/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => view! { <ReportBody report=r club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <h1>{t(Msg::RepTitle)}</h1><ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportBody(report: FeeReport, club: String) -> impl IntoView {
    let lang = use_lang();
    let Some(season) = report.season.clone() else {
        return view! {
            <h1>{t(Msg::RepTitle)}</h1>
            <p data-testid="report-no-season">{t(Msg::RepNoSeason)}</p>
        }
        .into_any();
    };
    let title = Msg::RepTitleOf.fill(lang, &[("season", &season.name)]);
    let options = report
        .seasons
        .iter()
        .map(|s| {
            view! { <option value=s.id.to_string() selected=s.id == season.id>{s.name.clone()}</option> }
        })
        .collect_view();
    let chooser = view! {
        <form method="get" action=format!("/c/{club}/fees/report") class="inline no-print" data-testid="report-season">
            <label for="report-season">{t(Msg::RepSeason)}</label>
            " "
            <select id="report-season" name="season">{options}</select>
            " "
            <button type="submit" class="button-quiet">{t(Msg::RepShow)}</button>
        </form>
    };
    let counts = {
        let mut parts = vec![Msg::RepInvoices.fill(lang, &[("n", &report.invoices.to_string())])];
        if report.drafts > 0 {
            parts.push(Msg::RepDrafts.fill(lang, &[("n", &report.drafts.to_string())]));
        }
        parts.join(" ")
    };
    let overpaid = if report.overpaid_invoices > 0 {
        Msg::RepOverpaid.fill(
            lang,
            &[
                ("amount", &format_eur(report.overpaid_cents, lang)),
                ("n", &report.overpaid_invoices.to_string()),
            ],
        )
    } else {
        t(Msg::RepOverpaidNone).to_string()
    };
    let body = if report.invoices == 0 {
        view! { <p data-testid="report-empty">{t(Msg::RepEmpty)}</p> }.into_any()
    } else {
        view! {
            <ReportChart report=report.clone() season=season.name.clone()/>
            <ReportTable id="by-group" caption=Msg::RepByGroup first=Msg::RepGroup
                rows=report.by_group.clone() total=report.total.clone()/>
            <ReportTable id="by-fee" caption=Msg::RepByFee first=Msg::RepFee
                rows=report.by_fee.clone() total=report.total.clone()/>
        }
        .into_any()
    };
    view! {
        <h1>{title}</h1>
        <p class="muted">{format!("{} – {}", season.starts_on, season.ends_on)}</p>
        {chooser}
        <p class="muted">{t(Msg::RepExplain)}</p>
        <p data-testid="report-counts">{counts}</p>
        {body}
        <p data-testid="report-overpaid">{overpaid}</p>
        <form method="post" action=format!("/c/{club}/fees/report.xlsx") class="stack no-print" data-testid="report-xlsx">
            <input type="hidden" name="season" value=season.id.to_string()/>
            <button type="submit" class="button" data-testid="report-xlsx-button">{t(Msg::RepXlsx)}</button>
            <p class="muted">{t(Msg::RepXlsxHelp)}</p>
        </form>
    }
    .into_any()
}

/// One breakdown as a table, with the totals in its foot.
#[component]
fn ReportTable(
    id: &'static str,
    caption: Msg,
    first: Msg,
    rows: Vec<FeeReportRow>,
    total: FeeReportRow,
) -> impl IntoView {
    let lang = use_lang();
    let cells = move |r: &FeeReportRow| {
        view! {
            <td class="num">{r.lines}</td>
            <td class="num">{format_eur(r.billed_cents, lang)}</td>
            <td class="num">{format_eur(r.credited_cents, lang)}</td>
            <td class="num">{format_eur(r.paid_cents, lang)}</td>
            <td class="num">{format_eur(r.outstanding_cents, lang)}</td>
        }
    };
    let body = rows
        .iter()
        .map(|r| {
            view! {
                <tr data-testid="report-row">
                    <th scope="row">{r.label(lang)}</th>
                    {cells(r)}
                </tr>
            }
        })
        .collect_view();
    let caption_id = format!("{id}-caption");
    let labelled_by = caption_id.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby=labelled_by>
            <table data-testid=id>
                <caption id=caption_id>{t(caption)}</caption>
                <thead><tr>
                    <th scope="col">{t(first)}</th>
                    <th scope="col">{t(Msg::RepLines)}</th>
                    <th scope="col">{t(Msg::RepBilled)}</th>
                    <th scope="col">{t(Msg::RepCredited)}</th>
                    <th scope="col">{t(Msg::RepPaid)}</th>
                    <th scope="col">{t(Msg::RepOutstanding)}</th>
                </tr></thead>
                <tbody>{body}</tbody>
                <tfoot>
                    <tr data-testid="report-total">
                        <th scope="row">{total.label(lang)}</th>
                        {cells(&total)}
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// A label shortened for the chart (the table has it whole).
fn short(label: String, max: usize) -> String {
    if label.chars().count() <= max {
        label
    } else {
        let mut s: String = label.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

const PAID: &str = "#1d3557";
const OUTSTANDING: &str = "#e9c46a";

/// Stacked horizontal bars per group: paid (dark) then outstanding (light, striped), on one
/// scale (the largest amount billed less credited). Drawn on the server; every text in the
/// reader's language; the tables are the text alternative.
#[component]
fn ReportChart(report: FeeReport, season: String) -> impl IntoView {
    let lang: Lang = use_lang();
    let (label_w, bar_h, top, width) = (190i64, 26i64, 34i64, 640i64);
    let area = width - label_w - 90;
    let rows = report.by_group;
    let height = top + (rows.len() as i64) * bar_h + 8;
    let scale = rows
        .iter()
        .map(|r| r.paid_cents.max(0) + r.outstanding_cents.max(0))
        .max()
        .unwrap_or(0)
        .max(1);
    let title = Msg::RepChartTitle.fill(lang, &[("season", &season)]);
    let desc = t(Msg::RepChartDesc);
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (paid, open) = (r.paid_cents.max(0), r.outstanding_cents.max(0));
            let y = top + (i as i64) * bar_h;
            let wp = area * paid / scale;
            let wo = area * open / scale;
            let pct = if paid + open > 0 { paid * 100 / (paid + open) } else { 0 };
            view! {
                <g>
                    <text x=(label_w - 8).to_string() y=(y + 17).to_string() text-anchor="end" font-size="13">{short(r.label(lang), 26)}</text>
                    <rect x=label_w.to_string() y=(y + 3).to_string() width=wp.to_string() height=(bar_h - 8).to_string() fill=PAID></rect>
                    <rect x=(label_w + wp).to_string() y=(y + 3).to_string() width=wo.to_string() height=(bar_h - 8).to_string() fill="url(#rep-stripes)" stroke=OUTSTANDING></rect>
                    <text x=(label_w + wp + wo + 6).to_string() y=(y + 17).to_string() font-size="13">{format!("{pct}%")}</text>
                </g>
            }
        })
        .collect_view();
    let legend_paid = t(Msg::RepPaid);
    let legend_open = t(Msg::RepOutstanding);
    view! {
        <figure class="report-chart">
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="rep-chart-title rep-chart-desc"
                viewBox=format!("0 0 {width} {height}") width="100%" class="chart chart-wide" data-testid="report-chart">
                <title id="rep-chart-title">{title}</title>
                <desc id="rep-chart-desc">{desc}</desc>
                <defs>
                    <pattern id="rep-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="6" height="6" fill=OUTSTANDING></rect>
                        <line x1="0" y1="0" x2="0" y2="6" stroke="#b08a2e" stroke-width="2"></line>
                    </pattern>
                </defs>
                <rect x=label_w.to_string() y="6" width="14" height="14" fill=PAID></rect>
                <text x=(label_w + 20).to_string() y="18" font-size="13">{legend_paid}</text>
                <rect x=(label_w + 150).to_string() y="6" width="14" height="14" fill="url(#rep-stripes)" stroke=OUTSTANDING></rect>
                <text x=(label_w + 170).to_string() y="18" font-size="13">{legend_open}</text>
                {bars}
            </svg>
        </figure>
    }
}
