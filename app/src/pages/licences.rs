//! Licences (issue 18):
//! - `/f/{federation}/licences`: the federation's seasons, licence categories and the
//!   licences clubs requested, with the decisions (`licences.manage`);
//! - `/c/{club}/licences`: the club's request form and its members' licences
//!   (`licences.request`);
//! - [`MyLicencesCard`]: a member's own licences on My details.

use crate::api::{
    get_club_licences, get_fed_licences, get_my_licences, AddFedSeason, AddLicenceCategory,
    DecideLicences, RequestLicences,
};
use crate::components::{
    day, field_message, form_error_of, query, ClubField, ErrorView, FieldError, FormAlert, Loading,
    Notice, PageFrame,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::licence::*;
use tessera_common::money::format_eur;
use tessera_common::time::DateStyle;
use tessera_common::Msg;

/// The word for a licence status.
pub fn status_msg(s: &str) -> Msg {
    match s {
        "approved" => Msg::LicStatusApproved,
        "refused" => Msg::LicStatusRefused,
        "suspended" => Msg::LicStatusSuspended,
        "ended" => Msg::LicStatusEnded,
        _ => Msg::LicStatusRequested,
    }
}

fn ages(c: &LicenceCategory) -> String {
    match (c.min_age, c.max_age) {
        (None, None) => String::new(),
        (a, b) => format!(
            "{}–{} ({})",
            a.map(|a| a.to_string()).unwrap_or_default(),
            b.map(|b| b.to_string()).unwrap_or_default(),
            c.age_on.clone().unwrap_or_default()
        ),
    }
}

/// `/f/{federation}/licences`.
#[component]
pub fn FedLicencesPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("federation").unwrap_or_default());
    let season = query("season").unwrap_or_default();
    let status = query("status").unwrap_or_default();
    let data = Resource::new(
        move || (slug.get(), season.clone(), status.clone()),
        |(f, s, st)| get_fed_licences(f, s, st),
    );
    view! {
        <PageFrame>
            <Title text=t(Msg::LicTitle)/>
            <p><a href=move || format!("/f/{}", slug.get())>{t(Msg::Federation)}</a></p>
            <h1>{t(Msg::LicTitle)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <FedLicencesBody data=d fed=slug.get_untracked()/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn FedLicencesBody(data: FedLicences, fed: String) -> impl IntoView {
    let lang = use_lang();
    let notice = match query("done").as_deref() {
        Some("season") => Some(t(Msg::LicSeasonAdded)),
        Some("category") => Some(t(Msg::LicCategoryAdded)),
        Some("decided") => Some(t(Msg::LicDecided)),
        _ => None,
    }
    .map(|m| view! { <Notice text=m/> });
    let season_error = form_error_of::<AddFedSeason>();
    let category_error = form_error_of::<AddLicenceCategory>();
    let decide_error = form_error_of::<DecideLicences>();
    let seasons = if data.seasons.is_empty() {
        view! { <p class="muted">{t(Msg::LicSeasonsNone)}</p> }.into_any()
    } else {
        view! {
            <ul data-testid="fed-seasons">
                {data.seasons.iter().map(|s| view! {
                    <li>
                        <strong>{s.name.clone()}</strong> " "
                        {day(Some(s.starts_on.clone()), DateStyle::Short)} " – "
                        {day(Some(s.ends_on.clone()), DateStyle::Short)}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let categories = if data.categories.is_empty() {
        view! { <p class="muted">{t(Msg::LicCategoriesNone)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="licence-categories">
                    <thead><tr>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col" class="num">{t(Msg::LicFee)}</th>
                        <th scope="col">{t(Msg::LicAges)}</th>
                    </tr></thead>
                    <tbody>
                        {data.categories.iter().map(|c| view! {
                            <tr>
                                <td>{c.name.clone()}</td>
                                <td class="num">{format_eur(c.fee_cents, lang)}</td>
                                <td>{ages(c)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let current_season = query("season").unwrap_or_default();
    let current_status = query("status").unwrap_or_default();
    let season_options = data
        .seasons
        .iter()
        .map(|s| {
            let v = s.id.to_string();
            let sel = v == current_season;
            view! { <option value=v selected=sel>{s.name.clone()}</option> }
        })
        .collect_view();
    let status_options = ["requested", "approved", "refused", "suspended", "ended"]
        .into_iter()
        .map(|s| {
            let sel = s == current_status;
            view! { <option value=s selected=sel>{t(status_msg(s))}</option> }
        })
        .collect_view();
    let total = if data.total > tessera_common::licence::COUNT_CAP {
        Msg::LicTotalMore.fill(
            lang,
            &[("n", &tessera_common::licence::COUNT_CAP.to_string())],
        )
    } else {
        Msg::LicTotal.fill(lang, &[("n", &data.total.to_string())])
    };
    let licences = if data.licences.is_empty() {
        view! { <p data-testid="fed-licences-none">{t(Msg::LicNone)}</p> }.into_any()
    } else {
        let rows = data
            .licences
            .iter()
            .map(|l| {
                let label = format!("{} {} {}", t(Msg::LicSelectOne), l.given_name, l.family_name);
                view! {
                    <tr data-testid="fed-licence">
                        <td><input type="checkbox" name="ids[]" value=l.id.to_string() aria-label=label/></td>
                        <td>{l.licence_number.clone()}</td>
                        <td>{format!("{} {}", l.given_name, l.family_name)}</td>
                        <td>{day(l.birth_date.clone(), DateStyle::Short)}</td>
                        <td>{l.club.clone()}</td>
                        <td>{l.season.clone()}</td>
                        <td>{l.category.clone()}</td>
                        <td data-testid="fed-licence-status">{t(status_msg(&l.status))}</td>
                        <td>{l.reason.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <p class="muted">{total}</p>
            <div class="table-wrap" tabindex="0">
                <table data-testid="fed-licences">
                    <thead><tr>
                        <th scope="col"><span class="visually-hidden">{t(Msg::LicSelectOne)}</span></th>
                        <th scope="col">{t(Msg::LicNumber)}</th>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::BirthDate)}</th>
                        <th scope="col">{t(Msg::Club)}</th>
                        <th scope="col">{t(Msg::LicSeason)}</th>
                        <th scope="col">{t(Msg::LicCategory)}</th>
                        <th scope="col">{t(Msg::Status)}</th>
                        <th scope="col">{t(Msg::LicReason)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <fieldset>
                <legend>{t(Msg::LicDecision)}</legend>
                <label for="lic-action">{t(Msg::LicDecision)}</label>
                <select id="lic-action" name="action">
                    <option value="approve">{t(Msg::LicApprove)}</option>
                    <option value="refuse">{t(Msg::LicRefuse)}</option>
                    <option value="suspend">{t(Msg::LicSuspend)}</option>
                    <option value="end">{t(Msg::LicEnd)}</option>
                </select>
                <label for="lic-reason">{t(Msg::LicReason)}</label>
                <input id="lic-reason" name="reason" type="text" maxlength="1000"/>
                <FieldError error=field_message(&decide_error, "reason") id="lic-reason-error"/>
                <button type="submit">{t(Msg::LicApply)}</button>
            </fieldset>
        }
        .into_any()
    };
    view! {
        {notice}
        <section class="card" aria-labelledby="licences-title">
            <h2 id="licences-title">{t(Msg::LicTitle)}</h2>
            <form method="get" class="inline" data-testid="licence-filter">
                <label for="f-season">{t(Msg::LicSeason)}</label>
                <select id="f-season" name="season">
                    <option value="">{t(Msg::LicAllSeasons)}</option>
                    {season_options}
                </select>
                <label for="f-status">{t(Msg::Status)}</label>
                <select id="f-status" name="status">
                    <option value="">{t(Msg::LicAllStatuses)}</option>
                    {status_options}
                </select>
                <button type="submit" class="button-quiet">{t(Msg::LicShow)}</button>
            </form>
            <FormAlert error=decide_error.clone() id="decide-alert"/>
            <form method="post" action=DecideLicences::PATH data-testid="decide-form">
                <input type="hidden" name="federation" value=fed.clone()/>
                {licences}
            </form>
        </section>
        <section class="card" aria-labelledby="seasons-title">
            <h2 id="seasons-title">{t(Msg::LicSeasons)}</h2>
            {seasons}
            <FormAlert error=season_error.clone() id="season-alert"/>
            <form method="post" action=AddFedSeason::PATH data-testid="season-form">
                <input type="hidden" name="federation" value=fed.clone()/>
                <label for="s-name">{t(Msg::Name)}</label>
                <input id="s-name" name="name" type="text" required maxlength="80"/>
                <FieldError error=field_message(&season_error, "name") id="s-name-error"/>
                <label for="s-start">{t(Msg::LicStartsOn)}</label>
                <input id="s-start" name="starts_on" type="date" required/>
                <FieldError error=field_message(&season_error, "starts_on") id="s-start-error"/>
                <label for="s-end">{t(Msg::LicEndsOn)}</label>
                <input id="s-end" name="ends_on" type="date" required/>
                <FieldError error=field_message(&season_error, "ends_on") id="s-end-error"/>
                <button type="submit">{t(Msg::LicAddSeason)}</button>
            </form>
        </section>
        <section class="card" aria-labelledby="categories-title">
            <h2 id="categories-title">{t(Msg::LicCategories)}</h2>
            {categories}
            <FormAlert error=category_error.clone() id="category-alert"/>
            <form method="post" action=AddLicenceCategory::PATH data-testid="category-form">
                <input type="hidden" name="federation" value=fed/>
                <label for="c-name">{t(Msg::Name)}</label>
                <input id="c-name" name="name" type="text" required maxlength="80"/>
                <FieldError error=field_message(&category_error, "name") id="c-name-error"/>
                <label for="c-fee">{t(Msg::LicFee)}</label>
                <input id="c-fee" name="fee" type="text" inputmode="decimal"/>
                <FieldError error=field_message(&category_error, "fee") id="c-fee-error"/>
                <label for="c-min">{t(Msg::LicMinAge)}</label>
                <input id="c-min" name="min_age" type="number" min="0" max="120"/>
                <FieldError error=field_message(&category_error, "min_age") id="c-min-error"/>
                <label for="c-max">{t(Msg::LicMaxAge)}</label>
                <input id="c-max" name="max_age" type="number" min="0" max="120"/>
                <FieldError error=field_message(&category_error, "max_age") id="c-max-error"/>
                <label for="c-on">{t(Msg::LicAgeOn)}</label>
                <input id="c-on" name="age_on" type="text" placeholder="12-31" maxlength="5"/>
                <FieldError error=field_message(&category_error, "age_on") id="c-on-error"/>
                <button type="submit">{t(Msg::LicAddCategory)}</button>
            </form>
        </section>
    }
}

/// `/c/{club}/licences`.
#[component]
pub fn ClubLicencesPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_club_licences);
    view! {
        <Title text=t(Msg::LicTitle)/>
        <h1>{t(Msg::LicTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <ClubLicencesBody data=d club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClubLicencesBody(data: ClubLicences, club: String) -> impl IntoView {
    let lang = use_lang();
    let notice = (query("done").as_deref() == Some("requested"))
        .then(|| view! { <Notice text=t(Msg::LicRequested)/> });
    let error = form_error_of::<RequestLicences>();
    let list = if data.licences.is_empty() {
        view! { <p data-testid="club-licences-none">{t(Msg::LicNone)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="club-licences">
                    <thead><tr>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::Federation)}</th>
                        <th scope="col">{t(Msg::LicNumber)}</th>
                        <th scope="col">{t(Msg::LicSeason)}</th>
                        <th scope="col">{t(Msg::LicCategory)}</th>
                        <th scope="col">{t(Msg::Status)}</th>
                        <th scope="col">{t(Msg::LicReason)}</th>
                    </tr></thead>
                    <tbody>
                        {data.licences.iter().map(|l| view! {
                            <tr data-testid="club-licence">
                                <td><a href=format!("/c/{club}/members/{}", l.member_id)>{l.name.clone()}</a></td>
                                <td>{l.federation.clone()}</td>
                                <td>{l.licence_number.clone()}</td>
                                <td>{l.season.clone()}</td>
                                <td>{l.category.clone()}</td>
                                <td data-testid="club-licence-status">{t(status_msg(&l.status))}</td>
                                <td>{l.reason.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let forms = if data.federations.is_empty() {
        view! { <p data-testid="licence-no-federation">{t(Msg::LicNoFederation)}</p> }.into_any()
    } else {
        data.federations
            .iter()
            .map(|f| {
                let id = |s: &str| format!("{}-{s}", f.slug);
                let members = data
                    .members
                    .iter()
                    .map(|(mid, name)| {
                        let input_id = format!("{}-m{mid}", f.slug);
                        view! {
                            <li>
                                <input type="checkbox" id=input_id.clone() name="ids[]" value=mid.to_string()/>
                                <label for=input_id>{name.clone()}</label>
                            </li>
                        }
                    })
                    .collect_view();
                let fields = f
                    .fields
                    .iter()
                    .map(|field| {
                        let name = format!("fed[{}]", field.key);
                        let fid = format!("{}-fed-{}", f.slug, field.key);
                        let input = match field.kind.as_str() {
                            "choice" => view! {
                                <select id=fid.clone() name=name.clone()>
                                    <option value="">"—"</option>
                                    {field.choices.iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                                </select>
                            }
                            .into_any(),
                            "yes_no" => view! {
                                <select id=fid.clone() name=name.clone()>
                                    <option value="">"—"</option>
                                    <option value="yes">{t(Msg::LicYes)}</option>
                                    <option value="no">{t(Msg::LicNo)}</option>
                                </select>
                            }
                            .into_any(),
                            "date" => view! { <input id=fid.clone() name=name.clone() type="date"/> }.into_any(),
                            _ => view! { <input id=fid.clone() name=name.clone() type="text" maxlength="200"/> }.into_any(),
                        };
                        let err = field_message(&error, &name);
                        view! {
                            <label for=fid.clone()>{field.label.clone()}</label>
                            {input}
                            <FieldError error=err id=format!("{fid}-error")/>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="card" aria-labelledby=id("title")>
                        <h2 id=id("title")>{t(Msg::LicRequestTitle)} " · " {f.name.clone()}</h2>
                        <p class="muted">{t(Msg::LicRequestHelp)}</p>
                        <form method="post" action=RequestLicences::PATH data-testid="licence-request">
                            <ClubField club=club.clone()/>
                            <input type="hidden" name="federation" value=f.slug.clone()/>
                            <label for=id("season")>{t(Msg::LicSeason)}</label>
                            <select id=id("season") name="season" required>
                                {f.seasons.iter().map(|s| view! { <option value=s.id.to_string()>{s.name.clone()}</option> }).collect_view()}
                            </select>
                            <FieldError error=field_message(&error, "season") id=id("season-error")/>
                            <label for=id("category")>{t(Msg::LicCategory)}</label>
                            <select id=id("category") name="category" required>
                                {f.categories.iter().map(|c| {
                                    let label = format!("{} ({}) {}", c.name, format_eur(c.fee_cents, lang), ages(c));
                                    view! { <option value=c.id.to_string()>{label}</option> }
                                }).collect_view()}
                            </select>
                            <FieldError error=field_message(&error, "category") id=id("category-error")/>
                            {fields}
                            <fieldset>
                                <legend>{t(Msg::Members)}</legend>
                                <ul class="plain">{members}</ul>
                                <FieldError error=field_message(&error, "ids") id=id("ids-error")/>
                                <input type="checkbox" id=id("all") name="all" value="on"/>
                                <label for=id("all")>{t(Msg::LicAllFiltered)}</label>
                                <label for=id("q")>{t(Msg::LicFilterQuery)}</label>
                                <input id=id("q") name="q" type="text" maxlength="100"/>
                                <label for=id("status")>{t(Msg::LicFilterStatus)}</label>
                                <select id=id("status") name="status">
                                    <option value="">{t(Msg::All)}</option>
                                    <option value="active" selected>{t(Msg::StatusActive)}</option>
                                </select>
                            </fieldset>
                            <button type="submit">{t(Msg::LicRequest)}</button>
                        </form>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        {notice}
        <FormAlert error=error.clone() id="request-alert"/>
        {forms}
        <section class="card" aria-labelledby="club-licences-title">
            <h2 id="club-licences-title">{t(Msg::LicClubList)}</h2>
            {list}
        </section>
    }
}

/// A member's own licences on My details (nothing when there are none or the caller has
/// no record of their own).
#[component]
pub fn MyLicencesCard(club: String) -> impl IntoView {
    let data = Resource::new(move || club.clone(), get_my_licences);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) if !list.is_empty() => view! {
                        <section class="card" aria-labelledby="my-licences-title">
                            <h2 id="my-licences-title">{t(Msg::LicMine)}</h2>
                            <div class="table-wrap" tabindex="0">
                                <table data-testid="my-licences">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::LicNumber)}</th>
                                        <th scope="col">{t(Msg::Federation)}</th>
                                        <th scope="col">{t(Msg::LicSeason)}</th>
                                        <th scope="col">{t(Msg::LicCategory)}</th>
                                        <th scope="col">{t(Msg::Status)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|l| view! {
                                            <tr data-testid="my-licence">
                                                <td>{l.licence_number}</td>
                                                <td>{l.federation}</td>
                                                <td>{l.season}</td>
                                                <td>{l.category}</td>
                                                <td>{t(status_msg(&l.status))}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        </section>
                    }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}
