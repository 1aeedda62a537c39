use crate::api::{get_member, list_members};
use crate::components::{ErrorView, Loading, StampLine};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::pages::fields::CustomRows;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use tessera_common::dto::{FieldKind, MemberDetail, MemberFilter, MemberPage, MemberStatus};
use tessera_common::time::DateStyle;
use tessera_common::Msg;

pub fn gender_label(g: &str) -> &'static str {
    t(match g {
        "f" => Msg::GenderF,
        "m" => Msg::GenderM,
        "x" => Msg::GenderX,
        _ => Msg::GenderUnknown,
    })
}

pub fn status_label(s: MemberStatus) -> &'static str {
    t(match s {
        MemberStatus::Active => Msg::StatusActive,
        MemberStatus::Applicant => Msg::StatusApplicant,
        MemberStatus::Suspended => Msg::StatusSuspended,
        MemberStatus::Ended => Msg::StatusEnded,
    })
}

/// The register's filter as an address carries it (`q`, `status`, `type`, `season`,
/// `sort`, `cf{id}`, `consent`, `per`, `group`, `unpaid`): the one reading of it, for the
/// register and for the season's invoices issued by the register's filter (pay20).
pub fn filter_of_query(q: &leptos_router::params::ParamsMap) -> MemberFilter {
    let get = |k: &str| q.get(k).unwrap_or_default();
    MemberFilter {
        query: get("q"),
        status: get("status"),
        membership_type: get("type"),
        season: get("season"),
        sort: get("sort"),
        fields: q
            .latest_values()
            .filter_map(|(k, v)| {
                let id = k.strip_prefix("cf")?.parse::<i64>().ok()?;
                Some((id, v.to_string()))
            })
            .collect(),
        consent: get("consent"),
        per_page: q.get("per").and_then(|v| v.parse().ok()).unwrap_or(0),
        group: get("group"),
        unpaid: get("unpaid"),
    }
}

/// `/c/{club}/members?q=…&status=…&type=…&season=…&sort=…&page=…`: the register, searched,
/// filtered, sorted and paged on the server, with its state in the address so it can be
/// bookmarked; the filters are a plain GET form, so it works without JavaScript.
#[component]
pub fn MemberListPage() -> impl IntoView {
    let club = use_club();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        (
            filter_of_query(&q),
            q.get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(1)
                .max(1),
        )
    });
    let data = Resource::new(
        move || (club.get(), filter.get()),
        |(c, (f, p))| {
            list_members(
                c,
                f.query,
                p,
                f.status,
                f.membership_type,
                f.season,
                f.sort,
                f.fields,
                f.per_page,
                f.consent,
                f.group,
                f.unpaid,
            )
        },
    );
    view! {
        <Title text=t(Msg::MemberList)/>
        <h1>{t(Msg::MemberList)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <MemberTable page=p club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The register's filters as a GET form to the page it is on. `reset` is where "clear the
/// filters" leads (the register by default); `preview` adds `preview=1` (pay20: the season's
/// invoices page counts the selection before issuing).
#[component]
pub fn MemberFilters(
    page: MemberPage,
    club: String,
    #[prop(optional)] reset: Option<String>,
    #[prop(optional)] preview: bool,
) -> impl IntoView {
    let f = page.filter.clone();
    let statuses = [
        MemberStatus::Active,
        MemberStatus::Applicant,
        MemberStatus::Suspended,
        MemberStatus::Ended,
    ]
    .into_iter()
    .map(|s| view! { <option value=s.as_str() selected=f.status == s.as_str()>{status_label(s)}</option> })
    .collect_view();
    let options = |values: &[String], current: &str| {
        values
            .iter()
            .map(|v| view! { <option value=v.clone() selected=v == current>{v.clone()}</option> })
            .collect_view()
    };
    let types = options(&page.types, &f.membership_type);
    let custom = page
        .filter_fields
        .iter()
        .map(|field| {
            let current = f.fields.get(&field.id).cloned().unwrap_or_default();
            let values: Vec<(String, String)> = if field.kind == FieldKind::YesNo {
                vec![
                    ("yes".into(), t(Msg::Yes).to_string()),
                    ("no".into(), t(Msg::No).to_string()),
                ]
            } else {
                field
                    .options
                    .iter()
                    .map(|o| (o.clone(), o.clone()))
                    .collect()
            };
            let opts = values
                .into_iter()
                .map(|(v, l)| {
                    let sel = v == current;
                    view! { <option value=v selected=sel>{l}</option> }
                })
                .collect_view();
            let id = format!("f-cf{}", field.id);
            view! {
                <div class="field">
                    <label for=id.clone()>{field.label.clone()}</label>
                    <select id=id name=format!("cf{}", field.id)>
                        <option value="">{t(Msg::All)}</option>
                        {opts}
                    </select>
                </div>
            }
        })
        .collect_view();
    let seasons = options(&page.seasons, &f.season);
    let lang = crate::i18n::use_lang();
    let consent_filter = (!page.purposes.is_empty()).then(|| {
        let opts = page
            .purposes
            .iter()
            .map(|(id, title)| {
                let v = id.to_string();
                let sel = v == f.consent;
                view! { <option value=v selected=sel>{title.get(lang).to_string()}</option> }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for="f-consent">{t(Msg::FilterConsent)}</label>
                <select id="f-consent" name="consent" data-testid="consent-filter">
                    <option value="">{t(Msg::AnyConsent)}</option>
                    {opts}
                </select>
            </div>
        }
    });
    let sorts = [
        ("name", Msg::SortName),
        ("-name", Msg::SortNameDesc),
        ("birth", Msg::SortBirth),
        ("-birth", Msg::SortBirthDesc),
        ("joined", Msg::SortJoined),
        ("-joined", Msg::SortJoinedDesc),
    ]
    .into_iter()
    .map(|(v, label)| view! { <option value=v selected=f.sort == v>{t(label)}</option> })
    .collect_view();
    let per = f.rows_per_page();
    let sizes = MemberFilter::PAGE_SIZES
        .into_iter()
        .map(|n| view! { <option value=n.to_string() selected=n == per>{n.to_string()}</option> })
        .collect_view();
    let reset = reset.unwrap_or_else(|| format!("/c/{club}/members"));
    view! {
        <form method="get" class="filters" role="search" data-testid="member-filters">
            {preview.then(|| view! { <input type="hidden" name="preview" value="1"/> })}
            <div class="field grow">
                <label for="q">{t(Msg::SearchMembers)}</label>
                <input id="q" name="q" type="search" value=f.query.clone() maxlength="100"/>
            </div>
            <div class="field">
                <label for="f-status">{t(Msg::Status)}</label>
                <select id="f-status" name="status">
                    <option value="">{t(Msg::AllStatuses)}</option>
                    {statuses}
                </select>
            </div>
            <div class="field">
                <label for="f-type">{t(Msg::MembershipType)}</label>
                <select id="f-type" name="type">
                    <option value="">{t(Msg::All)}</option>
                    {types}
                </select>
            </div>
            <div class="field">
                <label for="f-season">{t(Msg::Season)}</label>
                <select id="f-season" name="season">
                    <option value="">{t(Msg::All)}</option>
                    {seasons}
                </select>
            </div>
            {custom}
            {consent_filter}
            // reconcile
            {page.can_see_fees.then(|| view! {
                <div class="field check">
                    <input type="checkbox" id="f-unpaid" name="unpaid" value="1" checked=!f.unpaid.is_empty()
                        data-testid="unpaid-filter"/>
                    <label for="f-unpaid">{t(Msg::FilterUnpaid)}</label>
                </div>
            })}
            // the group filter (its own form below) kept while other filters change.
            {(!f.group.is_empty()).then(|| view! { <input type="hidden" name="group" value=f.group.clone()/> })}
            <div class="field">
                <label for="f-sort">{t(Msg::SortBy)}</label>
                <select id="f-sort" name="sort">{sorts}</select>
            </div>
            <div class="field">
                <label for="f-per">{t(Msg::RowsPerPage)}</label>
                <select id="f-per" name="per">{sizes}</select>
            </div>
            <div class="actions">
                <button type="submit" class="button">{if preview { t(Msg::InvFilterPreview) } else { t(Msg::Search) }}</button>
                <a class="button-quiet" href=reset>{t(Msg::ClearFilters)}</a>
            </div>
        </form>
    }
}

#[component]
fn MemberTable(page: MemberPage, club: String) -> impl IntoView {
    let lang = use_lang();
    let from = if page.total == 0 {
        0
    } else {
        (page.page - 1) * page.per_page + 1
    };
    let to = (page.page * page.per_page).min(page.total);
    let summary = Msg::Showing.fill(
        lang,
        &[
            ("from", &from.to_string()),
            ("to", &to.to_string()),
            ("total", &page.total.to_string()),
        ],
    );
    let base = format!("/c/{club}/members");
    let link = {
        let base = base.clone();
        let f = page.filter.clone();
        move |p: i64| {
            let q = f.to_query(p);
            if q.is_empty() {
                base.clone()
            } else {
                format!("{base}?{q}")
            }
        }
    };
    let prev = (page.page > 1).then(|| {
        let href = link(page.page - 1);
        view! { <a class="button-quiet" rel="prev" href=href>{t(Msg::Previous)}</a> }
    });
    let next = (to < page.total).then(|| {
        let href = link(page.page + 1);
        view! { <a class="button-quiet" rel="next" href=href>{t(Msg::Next)}</a> }
    });
    // A column header sorts by its column; a second click turns the order round.
    let sort_header = |label: Msg, key: &'static str| {
        let current = page.filter.sort.trim_start_matches('-') == key
            || (page.filter.sort.is_empty() && key == "name");
        let descending = page.filter.sort.starts_with('-');
        let next_sort = if current && !descending {
            format!("-{key}")
        } else {
            key.to_string()
        };
        let f = MemberFilter {
            sort: next_sort,
            ..page.filter.clone()
        };
        let href = format!("{base}?{}", f.to_query(1));
        let aria = current.then_some(if descending {
            "descending"
        } else {
            "ascending"
        });
        let arrow = current.then_some(if descending { " ↓" } else { " ↑" });
        view! { <th scope="col" aria-sort=aria><a href=href>{t(label)}{arrow}</a></th> }
    };
    let new_member = page.can_edit.then(|| {
        let href = format!("/c/{club}/members/new");
        let import = format!("/c/{club}/members/import");
        view! {
            <p class="actions">
                <a class="button" href=href data-testid="new-member">{t(Msg::NewMember)}</a>
                <a class="button-quiet" href=import data-testid="import-members">{t(Msg::ImportMembers)}</a>
            </p>
        }
    });
    let filters = view! {
        <MemberFilters page=page.clone() club=club.clone()/>
        // groups
        <crate::pages::groups::RegisterGroups club=club.clone() filter=page.filter.clone() manage=true/>
    };
    // groups: a box per row, part of the bulk form above (`form=`), so ticking works
    // without JavaScript.
    let ticks = page.can_manage_groups && crate::components::writable();
    if page.rows.is_empty() {
        return view! {
            {new_member}
            {filters}
            <p data-testid="no-members">{t(Msg::NoMembersFound)}</p>
        }
        .into_any();
    }
    // mailings: the selection shown, as a mailing's audience (its recipient count on the draft).
    let mail = (page.can_mail && crate::components::writable()).then(|| {
        let f = MemberFilter {
            sort: String::new(),
            per_page: 0,
            ..page.filter.clone()
        };
        let href = format!(
            "/c/{club}/mailings?selection={}",
            percent_encoding::utf8_percent_encode(&f.to_query(1), percent_encoding::NON_ALPHANUMERIC)
        );
        view! { <p class="no-print"><a href=href data-testid="mail-selection">{t(Msg::MailThisSelection)}</a></p> }
    });
    view! {
        {new_member}
        {filters}
        <p class="muted" aria-live="polite" data-testid="member-count">{summary}</p>
        {mail}
        <div class="table-wrap" tabindex="0">
            <table data-testid="member-table">
                <thead><tr>
                    {ticks.then(|| view! { <th scope="col"><span class="visually-hidden">{t(Msg::TickColumn)}</span></th> })}
                    {sort_header(Msg::Name, "name")}
                    {sort_header(Msg::BirthDate, "birth")}
                    <th scope="col">{t(Msg::Email)}</th>
                    <th scope="col">{t(Msg::Address)}</th>
                    <th scope="col">{t(Msg::Status)}</th>
                </tr></thead>
                <tbody>
                    {page.rows.into_iter().map(|m| {
                        let href = format!("/c/{club}/members/{}", m.id);
                        let tick = ticks.then(|| {
                            let label = Msg::TickMember.fill(lang, &[("name", &format!("{} {}", m.given_name, m.family_name))]);
                            view! {
                                <td><input type="checkbox" name="ids[]" value=m.id.to_string() form="bulk-group-form"
                                    aria-label=label data-testid="tick-member"/></td>
                            }
                        });
                        view! {
                            <tr>
                                {tick}
                                <td><a href=href data-testid="member-link">{m.family_name.clone()} ", " {m.given_name.clone()}</a></td>
                                <td>{crate::components::day(m.birth_date.clone(), DateStyle::Short).unwrap_or_default()}</td>
                                <td>{m.email.clone().unwrap_or_default()}</td>
                                <td>{m.city.clone().unwrap_or_default()}</td>
                                <td><span class=format!("badge badge-{}", m.status.as_str())>{status_label(m.status)}</span></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label="pagination">{prev}{next}</nav>
    }
    .into_any()
}

/// `/c/{club}/members/{id}`: one member, with guardians, children and the last change.
#[component]
pub fn MemberPage() -> impl IntoView {
    let club = use_club();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(move || (club.get(), id.get()), |(c, i)| get_member(c, i));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(m) => view! { <MemberBody member=m club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MemberBody(member: MemberDetail, club: String) -> impl IntoView {
    let name = if member.erased {
        t(Msg::RightsErasedName).to_string()
    } else {
        format!("{} {}", member.given_name, member.family_name)
    };
    let address = [
        member.street.clone(),
        match (&member.postcode, &member.city) {
            (Some(p), Some(c)) => Some(format!("{p} {c}")),
            (None, Some(c)) => Some(c.clone()),
            _ => None,
        },
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let people = |list: Vec<tessera_common::dto::PersonLink>, club: String| {
        list.into_iter()
            .map(|p| {
                let href = format!("/c/{club}/members/{}", p.id);
                view! { <li><a href=href>{p.name}</a></li> }
            })
            .collect_view()
    };
    let guardians = (!member.guardians.is_empty()).then(|| {
        let items = people(member.guardians.clone(), club.clone());
        view! { <div><dt>{t(Msg::Guardians)}</dt><dd><ul class="plain">{items}</ul></dd></div> }
    });
    let children = (!member.children.is_empty()).then(|| {
        let items = people(member.children.clone(), club.clone());
        view! { <div><dt>{t(Msg::Children)}</dt><dd><ul class="plain">{items}</ul></dd></div> }
    });
    let back = format!("/c/{club}/members");
    let done = use_query_map().with_untracked(|q| q.get("done")).map(|d| {
        let text = match d.as_str() {
            "roles_saved" => t(Msg::RolesSaved),
            "saved" => t(Msg::Saved),
            "created" => t(Msg::MemberCreated),
            "invited" => t(Msg::MemberInvited),
            "linked" => t(Msg::MemberLinked),
            "lifted" => t(Msg::RightsDone),
            "consent" => t(Msg::ConsentDone),
            "merged" => t(Msg::DupMerged),
            _ => t(Msg::FactorResetDone),
        };
        view! { <p class="notice" role="status" data-testid="notice">{text}</p> }
    });
    let invite_error = crate::components::form_error("invite_member");
    let invite = (member.can_edit && !member.has_account).then(|| {
        let has_email = member.email.is_some();
        view! {
            <section class="card" aria-labelledby="account-title">
                <h2 id="account-title">{t(Msg::AccountTitle)}</h2>
                <crate::components::FormAlert error=invite_error.clone() id="invite-error"/>
                <p>{t(if has_email { Msg::InviteMemberHelp } else { Msg::InviteNeedsEmail })}</p>
                {crate::components::read_only_notice()}
                {crate::components::writable().then(|| view! {
                <form method="post" action="/api/invite_member">
                    <crate::components::ClubField club=club.clone()/>
                    <input type="hidden" name="id" value=member.id.to_string()/>
                    <button type="submit" class="button" disabled=!has_email data-testid="invite-member">{t(Msg::InviteMember)}</button>
                </form>
                })}
            </section>
        }
    });
    let roles = member.account.clone().map(|a| {
        view! { <crate::pages::settings::AccountRolesForm account=a club=club.clone() member=member.id.to_string()/> }
    });
    let reset = member.can_reset_factor.then(|| {
        let action = format!("/c/{club}/members/{}/reset-factor", member.id);
        view! {
            <section class="card">
                <h2>{t(Msg::SecondFactor)}</h2>
                <p>{t(Msg::ResetFactorHelp)}</p>
                {crate::components::writable().then(|| view! {
                <form method="post" action=action>
                    <button type="submit" class="button-quiet" data-testid="reset-factor">{t(Msg::ResetFactor)}</button>
                </form>
                })}
            </section>
        }
    });
    let row = |label: Msg, value: Option<String>| {
        view! { <div><dt>{t(label)}</dt><dd>{value.unwrap_or_else(|| "—".to_string())}</dd></div> }
    };
    view! {
        <Title text=name.clone()/>
        <p><a href=back>"← " {t(Msg::BackToList)}</a></p>
        <h1 data-testid="member-name">{name}</h1>
        {done}
        {crate::pages::rights::restriction_notice(&member, &club)}
        {(member.can_edit && member.restricted_at.is_none() && !member.erased
            && !crate::components::club_read_only()).then(|| {
            let href = format!("/c/{club}/members/{}/edit", member.id);
            view! { <p><a class="button" href=href data-testid="edit-member">{t(Msg::EditMember)}</a></p> }
        })}
        <section class="card">
            <dl class="fields">
                {row(Msg::Status, Some(status_label(member.status).to_string()))}
                {row(Msg::BirthDate, crate::components::day(member.birth_date.clone(), DateStyle::Long))}
                {row(Msg::Email, member.email.clone())}
                {row(Msg::Phone, member.phone.clone())}
                {row(Msg::Address, (!address.is_empty()).then_some(address))}
                {row(Msg::JoinedOn, crate::components::day(member.joined_on.clone(), DateStyle::Long))}
                {row(Msg::EndedOn, crate::components::day(member.ended_on.clone(), DateStyle::Long))}
                {row(Msg::MembershipType, member.membership_type.clone())}
                {row(Msg::Season, member.season.clone())}
                <CustomRows values=member.custom.clone()/>
                {row(Msg::Gender, member.gender.as_deref().map(|g| gender_label(g).to_string()))}
                {guardians}
                {children}
            </dl>
        </section>
        // groups (read-only with members.view) and mail that bounced
        <crate::pages::groups::MemberGroupsCard club=club.clone() member=member.id.to_string()/>
        <crate::pages::consents::MemberConsentsCard club=club.clone() member=member.id.to_string()/>
        // reconcile
        <crate::pages::reconcile::MemberPaymentsCard club=club.clone() member=member.id.to_string()/>
        // documents, and the member card to print
        <crate::pages::documents::MemberDocumentsCard club=club.clone() member=member.id.to_string()/>
        {(!member.erased && member.restricted_at.is_none()).then(|| {
            let href = format!("/c/{club}/lists/card/{}", member.id);
            view! { <p class="no-print"><a href=href data-testid="member-card-link">{t(Msg::CardTitle)}</a></p> }
        })}
        {(member.can_edit && member.restricted_at.is_none() && !member.erased
            && !crate::components::club_read_only()).then(|| view! {
            <crate::pages::dupes::MemberDupesCard club=club.clone() member=member.clone()/>
        })}
        {invite}
        {roles}
        {reset}
        <StampLine stamp=member.stamp.clone()/>
    }
}
