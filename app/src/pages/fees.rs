//! `/c/{club}/fees` (issue 20, inv20): the club's seasons with their pricing rules and fee
//! schedules, and its bank details (`fees.manage`). Plain forms, working without JavaScript.

use crate::api::{get_fees_overview, AddSeasonFee, RemoveSeasonFee, SaveFeeSettings, SaveSeason};
use crate::components::{
    field_message, form_error_of, query, ClubField, ErrorView, FieldError, FormAlert, Loading,
    Notice,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use tessera_common::invoices::*;
use tessera_common::money::{decimal, format_eur, iban_display};
use tessera_common::{AppError, Msg};

/// `/c/{club}/fees`.
#[component]
pub fn FeesPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_fees_overview);
    view! {
        <Title text=t(Msg::FeesTitle)/>
        <h1>{t(Msg::FeesTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(o) => view! { <FeesBody overview=o club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A labelled input with its message.
#[component]
fn Input(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    label: Msg,
    #[prop(into)] value: String,
    error: Option<AppError>,
    #[prop(optional, into)] kind: Option<String>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let message = field_message(&error, &name);
    let err_id = format!("{id}-error");
    view! {
        <label for=id.clone()>{t(label)}</label>
        <input id=id name=name value=value type=kind.unwrap_or_else(|| "text".into())
            required=required
            aria-invalid=message.is_some().then_some("true")
            aria-describedby=message.is_some().then_some(err_id.clone())/>
        <FieldError error=message id=err_id/>
    }
}

/// Every field message of a refused form, for the forms repeated per season.
#[component]
fn FieldList(error: Option<AppError>) -> impl IntoView {
    let lang = use_lang();
    match error {
        Some(AppError::Invalid(fields)) => {
            let items = fields
                .into_iter()
                .map(|f| view! { <li>{f.problem.render(lang)}</li> })
                .collect_view();
            view! { <ul class="field-error" data-testid="field-error">{items}</ul> }.into_any()
        }
        _ => ().into_any(),
    }
}

#[component]
fn FeesBody(overview: FeesOverview, club: String) -> impl IntoView {
    let lang = use_lang();
    // The reminders' card says its own "saved".
    let notice = query("done")
        .filter(|d| d != "reminders")
        .map(|_| view! { <Notice text=t(Msg::FeesDone)/> });
    let season_error = form_error_of::<SaveSeason>();
    let bank_error = form_error_of::<SaveFeeSettings>();
    let fee_error = form_error_of::<AddSeasonFee>();
    let remove_error = form_error_of::<RemoveSeasonFee>();
    let s = overview.settings.clone();
    let bank = view! {
        <section class="card" aria-labelledby="bank-title">
            <h2 id="bank-title">{t(Msg::FeesBankTitle)}</h2>
            <FormAlert error=bank_error.clone() id="bank-error"/>
            <form method="post" action=SaveFeeSettings::PATH class="stack" data-testid="bank-form">
                <ClubField club=club.clone()/>
                <input type="hidden" name="version" value=s.version.to_string()/>
                <Input id="fee-iban" name="iban" label=Msg::FeesIban
                    value=s.iban.as_deref().map(iban_display).unwrap_or_default() error=bank_error.clone()/>
                <Input id="fee-bic" name="bic" label=Msg::FeesBic
                    value=s.bic.clone().unwrap_or_default() error=bank_error.clone()/>
                <Input id="fee-beneficiary" name="beneficiary" label=Msg::FeesBeneficiary
                    value=s.beneficiary.clone().unwrap_or_default() error=bank_error.clone()/>
                <Input id="fee-days" name="payment_days" label=Msg::FeesPaymentDays kind="number"
                    value=s.payment_days.to_string() error=bank_error.clone()/>
                <button type="submit" class="button">{t(Msg::FeesBankSave)}</button>
            </form>
        </section>
    };
    let groups = overview.groups.clone();
    let seasons = if overview.seasons.is_empty() {
        view! { <p class="muted" data-testid="seasons-none">{t(Msg::FeesSeasonNone)}</p> }
            .into_any()
    } else {
        overview
            .seasons
            .into_iter()
            .map(|s| {
                view! { <SeasonCard season=s club=club.clone() groups=groups.clone()/> }
            })
            .collect_view()
            .into_any()
    };
    let new_form = view! {
        <details class="card" open=season_error.is_some()>
            <summary>{t(Msg::FeesSeasonNew)}</summary>
            <SeasonFields club=club.clone() season=None error=season_error.clone()/>
        </details>
    };
    let _ = lang;
    view! {
        {notice}
        // rep20: the season report
        <p><a href=format!("/c/{club}/fees/report") data-testid="fee-report-link">{t(Msg::RepTitle)}</a></p>
        <section class="card" aria-labelledby="seasons-title">
            <h2 id="seasons-title">{t(Msg::FeesSeasonsTitle)}</h2>
            <FormAlert error=season_error.clone() id="season-error"/>
            <FormAlert error=fee_error.clone() id="fee-error"/>
            <FieldList error=fee_error/>
            <FormAlert error=remove_error id="remove-fee-error"/>
            {seasons}
        </section>
        {new_form}
        {bank}
        <crate::pages::reminders::ReminderSettingsCard club=club.clone()/>
    }
}

/// The form of a season (new when `season` is `None`).
#[component]
fn SeasonFields(club: String, season: Option<Season>, error: Option<AppError>) -> impl IntoView {
    let key = season
        .as_ref()
        .map(|s| s.id.to_string())
        .unwrap_or_else(|| "new".into());
    let id = |f: &str| format!("season-{key}-{f}");
    let s = season.clone();
    let get = |f: fn(&Season) -> String| s.as_ref().map(f).unwrap_or_default();
    let prorata = s.as_ref().map(|s| s.prorata).unwrap_or_default();
    let option = move |p: Prorata, label: Msg| {
        view! { <option value=p.key() selected=prorata == p>{t(label)}</option> }
    };
    let error = if season.is_some() { None } else { error };
    view! {
        <form method="post" action=SaveSeason::PATH class="stack" data-testid="season-form">
            <ClubField club=club/>
            <input type="hidden" name="id" value=get(|s| s.id.to_string())/>
            <input type="hidden" name="version" value=get(|s| s.version.to_string())/>
            <Input id=id("name") name="name" label=Msg::Name value=get(|s| s.name.clone())
                error=error.clone() required=true/>
            <Input id=id("starts") name="starts_on" label=Msg::FeesStartsOn kind="date"
                value=get(|s| s.starts_on.clone()) error=error.clone() required=true/>
            <Input id=id("ends") name="ends_on" label=Msg::FeesEndsOn kind="date"
                value=get(|s| s.ends_on.clone()) error=error.clone() required=true/>
            <div class="check">
                <input type="checkbox" id=id("current") name="current" value="on"
                    checked=s.as_ref().is_some_and(|s| s.is_current)/>
                <label for=id("current")>{t(Msg::FeesCurrent)}</label>
            </div>
            <Input id=id("reference") name="reference_date" label=Msg::FeesReferenceDate kind="date"
                value=get(|s| s.reference_date.clone().unwrap_or_default()) error=error.clone()/>
            <Input id=id("sibling") name="sibling_percent" label=Msg::FeesSiblingPercent
                value=get(|s| s.sibling_percent.to_string()) error=error.clone()/>
            <Input id=id("cap") name="family_cap" label=Msg::FeesFamilyCap
                value=get(|s| s.family_cap_cents.map(decimal).unwrap_or_default()) error=error.clone()/>
            <label for=id("prorata")>{t(Msg::FeesProrata)}</label>
            <select id=id("prorata") name="prorata">
                {option(Prorata::None, Msg::FeesProrataNone)}
                {option(Prorata::Monthly, Msg::FeesProrataMonthly)}
                {option(Prorata::AfterDate, Msg::FeesProrataAfterDate)}
            </select>
            <FieldError error=field_message(&error, "prorata") id=id("prorata-error")/>
            <Input id=id("prorata-date") name="prorata_date" label=Msg::FeesProrataDate kind="date"
                value=get(|s| s.prorata_date.clone().unwrap_or_default()) error=error.clone()/>
            <Input id=id("prorata-percent") name="prorata_percent" label=Msg::FeesProrataPercent
                value=get(|s| s.prorata_percent.to_string()) error=error.clone()/>
            <button type="submit" class="button">{t(Msg::FeesSeasonSave)}</button>
        </form>
    }
}

#[component]
fn SeasonCard(season: Season, club: String, groups: Vec<FeeGroupChoice>) -> impl IntoView {
    let lang = use_lang();
    let title = season.name.clone();
    let heading_id = format!("season-{}", season.id);
    let current = season
        .is_current
        .then(|| view! { " " <span class="badge">{t(Msg::FeesCurrent)}</span> });
    let table_label = heading_id.clone();
    let article_label = heading_id.clone();
    let fees = if season.fees.is_empty() {
        view! { <p class="muted">{t(Msg::FeesFeeNone)}</p> }.into_any()
    } else {
        let rows = season
            .fees
            .iter()
            .map(|f| {
                let mut cond = Vec::new();
                if f.min_age.is_some() || f.max_age.is_some() {
                    cond.push(format!(
                        "{} {}–{}",
                        t(Msg::FeesMinAge),
                        f.min_age.map(|a| a.to_string()).unwrap_or_default(),
                        f.max_age.map(|a| a.to_string()).unwrap_or_default()
                    ));
                }
                if f.birth_year_from.is_some() || f.birth_year_to.is_some() {
                    cond.push(format!(
                        "{}–{}",
                        f.birth_year_from.map(|a| a.to_string()).unwrap_or_default(),
                        f.birth_year_to.map(|a| a.to_string()).unwrap_or_default()
                    ));
                }
                if let Some(g) = &f.group_name {
                    cond.push(g.clone());
                }
                let kind = if f.kind == "one_off" {
                    t(Msg::FeesKindOneOff)
                } else {
                    t(Msg::FeesKindMembership)
                };
                let aria = Msg::FeesFeeRemoveFor.fill(lang, &[("name", &f.name)]);
                view! {
                    <tr data-testid="season-fee">
                        <td>{f.name.clone()}</td>
                        <td>{kind}</td>
                        <td class="num">{format_eur(f.amount_cents, lang)}</td>
                        <td>{cond.join(" · ")}</td>
                        <td>
                            <form method="post" action=RemoveSeasonFee::PATH class="inline">
                                <ClubField club=club.clone()/>
                                <input type="hidden" name="id" value=f.id.to_string()/>
                                <button type="submit" class="button-quiet" aria-label=aria>{t(Msg::Remove)}</button>
                            </form>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby=table_label>
                <table>
                    <thead><tr>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::FeesKind)}</th>
                        <th scope="col">{t(Msg::FeesAmount)}</th>
                        <th scope="col">{t(Msg::FeesConditions)}</th>
                        <th scope="col"><span class="visually-hidden">{t(Msg::Remove)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let sid = season.id;
    let fid = |f: &str| format!("fee-{sid}-{f}");
    let group_options = groups
        .into_iter()
        .map(|g| view! { <option value=g.id.to_string()>{g.name}</option> })
        .collect_view();
    let edit_label = Msg::FeesEdit.fill(lang, &[("name", &season.name)]);
    let report_label = Msg::RepTitleOf.fill(lang, &[("season", &season.name)]);
    let schedule = Msg::FeesScheduleOf.fill(lang, &[("season", &season.name)]);
    view! {
        <article class="card" aria-labelledby=article_label data-testid="season">
            <h3 id=heading_id>{title}{current}</h3>
            <p>
                <a href=format!("/c/{club}/fees/{sid}") data-testid="season-invoices">{t(Msg::InvShow)}</a>
                " · "
                // rep20
                <a href=format!("/c/{club}/fees/report?season={sid}") data-testid="season-report" aria-label=report_label>{t(Msg::RepTitle)}</a>
            </p>
            <p class="muted">{format!("{} – {}", season.starts_on, season.ends_on)}</p>
            <h4>{schedule}</h4>
            {fees}
            <form method="post" action=AddSeasonFee::PATH class="stack" data-testid="fee-form">
                <ClubField club=club.clone()/>
                <input type="hidden" name="season" value=sid.to_string()/>
                <label for=fid("kind")>{t(Msg::FeesKind)}</label>
                <select id=fid("kind") name="kind">
                    <option value="membership">{t(Msg::FeesKindMembership)}</option>
                    <option value="one_off">{t(Msg::FeesKindOneOff)}</option>
                </select>
                <Input id=fid("name") name="name" label=Msg::Name value="" error=None required=true/>
                <Input id=fid("amount") name="amount" label=Msg::FeesAmount value="" error=None required=true/>
                <Input id=fid("min-age") name="min_age" label=Msg::FeesMinAge value="" error=None/>
                <Input id=fid("max-age") name="max_age" label=Msg::FeesMaxAge value="" error=None/>
                <Input id=fid("by-from") name="birth_year_from" label=Msg::FeesBirthFrom value="" error=None/>
                <Input id=fid("by-to") name="birth_year_to" label=Msg::FeesBirthTo value="" error=None/>
                <label for=fid("group")>{t(Msg::FeesGroup)}</label>
                <select id=fid("group") name="group">
                    <option value="">{t(Msg::FeesAnyGroup)}</option>
                    {group_options}
                </select>
                <button type="submit" class="button">{t(Msg::FeesFeeAdd)}</button>
            </form>
            <details>
                <summary>{edit_label}</summary>
                <SeasonFields club=club season=Some(season) error=None/>
            </details>
        </article>
    }
}

fn status_text(status: &str) -> &'static str {
    t(match status {
        "draft" => Msg::InvStatusDraft,
        "open" => Msg::InvStatusOpen,
        "partial" => Msg::InvStatusPartial,
        "paid" => Msg::InvStatusPaid,
        "overpaid" => Msg::InvStatusOverpaid,
        "credited" => Msg::InvStatusCredited,
        _ => Msg::InvStatusCancelled,
    })
}

/// `/c/{club}/fees/{season}`: a season's invoices (`fees.manage`): issue them, send the
/// drafts, add a one-off fee to a draft, credit a sent one.
#[component]
pub fn SeasonInvoicesPage() -> impl IntoView {
    let club = use_club();
    let params = leptos_router::hooks::use_params_map();
    let season = move || params.with(|p| p.get("season").unwrap_or_default());
    let data = Resource::new(
        move || (club.get(), season()),
        |(c, s)| crate::api::get_season_invoices(c, s),
    );
    view! {
        <Title text=t(Msg::InvShow)/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <SeasonInvoicesBody data=d club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <h1>{t(Msg::InvShow)}</h1><ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SeasonInvoicesBody(data: SeasonInvoices, club: String) -> impl IntoView {
    use crate::api::{AddInvoiceFee, CreditInvoice, GenerateInvoices, SendInvoice};
    let lang = use_lang();
    let title = Msg::InvTitle.fill(lang, &[("season", &data.season.name)]);
    let notice = match query("done").as_deref() {
        Some("issued") => {
            Some(Msg::InvIssued.fill(lang, &[("n", &query("n").unwrap_or_default())]))
        }
        Some(_) => Some(t(Msg::InvDone).to_string()),
        None => None,
    }
    .map(|text| view! { <Notice text=text/> });
    let errors = [
        form_error_of::<GenerateInvoices>(),
        form_error_of::<SendInvoice>(),
        form_error_of::<CreditInvoice>(),
        form_error_of::<AddInvoiceFee>(),
        form_error_of::<crate::api::GenerateInvoicesFiltered>(),
    ];
    let alerts = errors
        .into_iter()
        .enumerate()
        .map(|(i, e)| view! { <FormAlert error=e.clone() id=format!("invoice-error-{i}")/><FieldList error=e/> })
        .collect_view();
    let sid = data.season.id.to_string();
    let one_off = data.one_off.clone();
    let rows = data
        .invoices
        .into_iter()
        .map(|inv| {
            let pdf = format!("/c/{club}/invoices/{}/pdf", inv.id);
            let pdf_label = Msg::InvPdfFor.fill(lang, &[("number", &inv.number)]);
            let kind = if inv.kind == "credit_note" { t(Msg::InvCreditNote) } else { t(Msg::InvInvoice) };
            let send = (inv.status == "draft").then(|| {
                let aria = Msg::InvSendFor.fill(lang, &[("number", &inv.number)]);
                view! {
                    <form method="post" action=SendInvoice::PATH class="inline">
                        <ClubField club=club.clone()/>
                        <input type="hidden" name="id" value=inv.id.to_string()/>
                        <button type="submit" class="button" aria-label=aria data-testid="send-invoice">{t(Msg::InvSend)}</button>
                    </form>
                }
            });
            let add = (inv.status == "draft" && !one_off.is_empty()).then(|| {
                let options = one_off
                    .iter()
                    .map(|f| view! { <option value=f.id.to_string()>{format!("{} ({})", f.name, format_eur(f.amount_cents, lang))}</option> })
                    .collect_view();
                let sel_id = format!("add-fee-{}", inv.id);
                view! {
                    <form method="post" action=AddInvoiceFee::PATH class="inline">
                        <ClubField club=club.clone()/>
                        <input type="hidden" name="id" value=inv.id.to_string()/>
                        <label for=sel_id.clone() class="visually-hidden">{t(Msg::FeesKindOneOff)}</label>
                        <select id=sel_id name="fee">{options}</select>
                        <button type="submit" class="button-quiet">{t(Msg::InvAddFee)}</button>
                    </form>
                }
            });
            let credit = (inv.kind == "invoice" && !matches!(inv.status.as_str(), "credited" | "cancelled")).then(|| {
                let aria = Msg::InvCreditFor.fill(lang, &[("number", &inv.number)]);
                view! {
                    <form method="post" action=CreditInvoice::PATH class="inline">
                        <ClubField club=club.clone()/>
                        <input type="hidden" name="id" value=inv.id.to_string()/>
                        <button type="submit" class="button-quiet" aria-label=aria>{t(Msg::InvCredit)}</button>
                    </form>
                }
            });
            view! {
                <tr data-testid="invoice-row">
                    <td>{kind} " " {inv.number.clone()}</td>
                    <td>{inv.payer_name.clone()}</td>
                    <td class="num">{format_eur(inv.total_cents, lang)}</td>
                    <td>{status_text(&inv.status)}</td>
                    <td><code>{inv.communication.clone()}</code></td>
                    <td><a href=pdf aria-label=pdf_label>{t(Msg::InvPdf)}</a> {send} {add} {credit}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>{title}</h1>
        <p><a href=format!("/c/{club}/fees")>{t(Msg::FeesTitle)}</a></p>
        {notice}
        {alerts}
        <section class="card" aria-labelledby="generate-title">
            <h2 id="generate-title">{t(Msg::InvGenerateAll)}</h2>
            <form method="post" action=GenerateInvoices::PATH class="stack" data-testid="generate-all">
                <ClubField club=club.clone()/>
                <input type="hidden" name="season" value=sid.clone()/>
                <input type="hidden" name="all" value="on"/>
                <button type="submit" class="button">{t(Msg::InvGenerateAll)}</button>
            </form>
            <form method="post" action=GenerateInvoices::PATH class="stack" data-testid="generate-some">
                <ClubField club=club.clone()/>
                <input type="hidden" name="season" value=sid/>
                <label for="generate-members">{t(Msg::InvGenerateOne)}</label>
                <input id="generate-members" name="members" required=true/>
                <button type="submit" class="button">{t(Msg::InvGenerateOne)}</button>
            </form>
        </section>
        <FilterGenerate club=club.clone() season=data.season.id/>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="invoices-title">
            <h2 id="invoices-title">{t(Msg::InvShow)}</h2>
            <table data-testid="invoices">
                <thead><tr>
                    <th scope="col">{t(Msg::InvNumber)}</th>
                    <th scope="col">{t(Msg::InvPayer)}</th>
                    <th scope="col">{t(Msg::InvTotal)}</th>
                    <th scope="col">{t(Msg::InvStatus)}</th>
                    <th scope="col">{t(Msg::InvCommunication)}</th>
                    <th scope="col"><span class="visually-hidden">{t(Msg::InvPdf)}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// pay20: the season's invoices for the register's filter. The filter is the register's own
/// (its form and its reading of the address, `members::filter_of_query`) on this page's
/// address; with `preview=1` the page counts the selection, and only then offers to issue.
#[component]
fn FilterGenerate(club: String, season: i64) -> impl IntoView {
    use crate::api::{list_members, preview_invoice_filter, GenerateInvoicesFiltered};
    let lang = use_lang();
    let query = leptos_router::hooks::use_query_map();
    let (filter, previewing) = query.with_untracked(|q| {
        (
            crate::pages::members::filter_of_query(q),
            q.get("preview").is_some(),
        )
    });
    let form = InvoiceFilterForm::of(&club, season, &filter);
    let register = Resource::new(
        {
            let (club, filter) = (club.clone(), filter.clone());
            move || (club.clone(), filter.clone())
        },
        |(c, f)| {
            list_members(
                c,
                f.query,
                1,
                f.status,
                f.membership_type,
                f.season,
                f.sort,
                f.fields,
                25,
                f.consent,
                f.group,
                f.unpaid,
            )
        },
    );
    let preview = Resource::new(
        {
            let form = form.clone();
            move || form.clone()
        },
        move |f| async move {
            if previewing {
                Some(preview_invoice_filter(f).await)
            } else {
                None
            }
        },
    );
    let reset = format!("/c/{club}/fees/{season}");
    view! {
        <section class="card" aria-labelledby="filter-title" data-testid="generate-filter">
            <h2 id="filter-title">{t(Msg::InvFilterTitle)}</h2>
            <p class="muted">{t(Msg::InvFilterHelp)}</p>
            <Suspense fallback=Loading>
                {move || {
                    let (club, reset) = (club.clone(), reset.clone());
                    Suspend::new(async move {
                        match register.await {
                            Ok(p) => view! {
                                <crate::pages::members::MemberFilters page=p club=club reset=reset preview=true/>
                            }
                            .into_any(),
                            Err(e) => view! { <p class="error" role="alert">{e.text(lang)}</p> }.into_any(),
                        }
                    })
                }}
            </Suspense>
            <Suspense fallback=Loading>
                {move || {
                    let form = form.clone();
                    Suspend::new(async move {
                        match preview.await {
                            Some(Ok(p)) => {
                                let count = Msg::InvFilterCount.fill(
                                    lang,
                                    &[
                                        ("members", &p.members.to_string()),
                                        ("already", &p.already.to_string()),
                                    ],
                                );
                                let left = p.members - p.already;
                                let action = if left > 0 {
                                    let label = Msg::InvFilterGenerate
                                        .fill(lang, &[("n", &left.to_string())]);
                                    view! {
                                        <form method="post" action=GenerateInvoicesFiltered::PATH class="stack"
                                            data-testid="generate-filtered">
                                            <ClubField club=form.club.clone()/>
                                            <input type="hidden" name="for_season" value=form.for_season.clone()/>
                                            <input type="hidden" name="q" value=form.q.clone()/>
                                            <input type="hidden" name="status" value=form.status.clone()/>
                                            <input type="hidden" name="membership_type" value=form.membership_type.clone()/>
                                            <input type="hidden" name="season" value=form.season.clone()/>
                                            <input type="hidden" name="group" value=form.group.clone()/>
                                            <input type="hidden" name="consent" value=form.consent.clone()/>
                                            <input type="hidden" name="unpaid" value=form.unpaid.clone()/>
                                            <input type="hidden" name="fields" value=form.fields.clone()/>
                                            <button type="submit" class="button">{label}</button>
                                        </form>
                                    }
                                    .into_any()
                                } else {
                                    view! { <p>{t(Msg::InvFilterNothing)}</p> }.into_any()
                                };
                                view! {
                                    <p role="status" data-testid="filter-count">{count}</p>
                                    {action}
                                }
                                .into_any()
                            }
                            Some(Err(e)) => view! { <p class="error" role="alert">{e.text(lang)}</p> }.into_any(),
                            None => ().into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// `/c/{club}/fees/member/{id}` (pay20): a member's invoices and credit notes of every
/// season, for the staff (`fees.view`), reached from the payments card on the member page.
#[component]
pub fn MemberInvoicesPage() -> impl IntoView {
    let club = use_club();
    let params = leptos_router::hooks::use_params_map();
    let member = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(
        move || (club.get(), member()),
        |(c, m)| crate::api::get_member_invoices(c, m),
    );
    view! {
        <Title text=t(Msg::InvShow)/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <MemberInvoicesBody data=d club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <h1>{t(Msg::InvShow)}</h1><ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MemberInvoicesBody(data: MemberInvoices, club: String) -> impl IntoView {
    let lang = use_lang();
    let title = Msg::InvMemberTitle.fill(lang, &[("name", &data.name)]);
    let back = format!("/c/{club}/members/{}", data.member);
    let rows = data
        .invoices
        .into_iter()
        .map(|inv| {
            let kind = if inv.kind == "credit_note" { t(Msg::InvCreditNote) } else { t(Msg::InvInvoice) };
            let pdf = data.can_manage.then(|| {
                let href = format!("/c/{club}/invoices/{}/pdf", inv.id);
                let label = Msg::InvPdfFor.fill(lang, &[("number", &inv.number)]);
                view! { <a href=href aria-label=label>{t(Msg::InvPdf)}</a> }
            });
            view! {
                <tr data-testid="member-invoice-row">
                    <td>{kind} " " {inv.number.clone()}</td>
                    <td>{inv.payer_name.clone()}</td>
                    <td class="num">{format_eur(inv.paid_cents, lang)} " / " {format_eur(inv.total_cents, lang)}</td>
                    <td>{status_text(&inv.status)}</td>
                    <td><code>{inv.communication.clone()}</code></td>
                    <td>{inv.due_on.clone()}</td>
                    <td>{pdf}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>{title}</h1>
        <p><a href=back>{t(Msg::InvBackToMember)}</a></p>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="member-invoices-title">
            <h2 id="member-invoices-title">{t(Msg::InvShow)}</h2>
            <table data-testid="member-invoices">
                <thead><tr>
                    <th scope="col">{t(Msg::InvNumber)}</th>
                    <th scope="col">{t(Msg::InvPayer)}</th>
                    <th scope="col">{t(Msg::InvTotal)}</th>
                    <th scope="col">{t(Msg::InvStatus)}</th>
                    <th scope="col">{t(Msg::InvCommunication)}</th>
                    <th scope="col">{t(Msg::InvDueOn)}</th>
                    <th scope="col"><span class="visually-hidden">{t(Msg::InvPdf)}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// `/c/{club}/me/invoices`: the caller's invoices and their children's, with the amount,
/// status, structured communication, the QR code to pay and the PDF.
#[component]
pub fn MyInvoicesPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), crate::api::get_my_invoices);
    view! {
        <Title text=t(Msg::InvMine)/>
        <h1>{t(Msg::InvMine)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <MyInvoicesBody data=d club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyInvoicesBody(data: MyInvoices, club: String) -> impl IntoView {
    let lang = use_lang();
    if data.invoices.is_empty() {
        return view! { <p data-testid="my-invoices-none">{t(Msg::InvMineNone)}</p> }.into_any();
    }
    data.invoices
        .into_iter()
        .map(|inv| {
            let kind = if inv.kind == "credit_note" { t(Msg::InvCreditNote) } else { t(Msg::InvInvoice) };
            let pdf = format!("/c/{club}/invoices/{}/pdf", inv.id);
            let pdf_label = Msg::InvPdfFor.fill(lang, &[("number", &inv.number)]);
            // The SVG is built on the server from digits and path data only (epc::svg).
            let qr = inv.qr_svg.clone().map(|svg| view! {
                <figure class="qr" data-testid="invoice-qr">
                    <div inner_html=svg></div>
                    <figcaption>{t(Msg::InvQrHelp)}</figcaption>
                </figure>
            });
            let heading = format!("{kind} {}", inv.number);
            view! {
                <article class="card" data-testid="my-invoice">
                    <h2>{heading}</h2>
                    <p>
                        <strong>{format_eur(inv.total_cents, lang)}</strong> " · "
                        {status_text(&inv.status)} " · " {inv.payer_name.clone()}
                    </p>
                    <p>{t(Msg::InvCommunication)} ": " <code data-testid="invoice-communication">{inv.communication.clone()}</code></p>
                    <p>{t(Msg::InvDueOn)} ": " {inv.due_on.clone()}</p>
                    {qr}
                    <p><a href=pdf aria-label=pdf_label class="button-quiet">{t(Msg::InvPdf)}</a></p>
                </article>
            }
        })
        .collect_view()
        .into_any()
}
