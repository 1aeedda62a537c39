use crate::api::{get_member, list_members};
use crate::components::{urlencode, ErrorView, Loading, StampLine};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use tessera_common::dto::{MemberDetail, MemberPage, MemberStatus};
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

/// `/c/{club}/members?q=…&page=…`: the register, searched and paged on the server, with
/// its state in the URL so it can be bookmarked and works without JavaScript.
#[component]
pub fn MemberListPage() -> impl IntoView {
    let club = use_club();
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let page = Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
            .max(1)
    });
    let data = Resource::new(
        move || (club.get(), q.get(), page.get()),
        |(c, q, p)| list_members(c, q, p),
    );
    view! {
        <Title text=t(Msg::MemberList)/>
        <h1>{t(Msg::MemberList)}</h1>
        <form method="get" class="search" role="search">
            <label for="q">{t(Msg::SearchMembers)}</label>
            <div class="search-row">
                <input id="q" name="q" type="search" value=move || q.get() maxlength="100"/>
                <button type="submit" class="button">{t(Msg::Search)}</button>
            </div>
        </form>
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
    let link = {
        let club = club.clone();
        let q = page.query.clone();
        move |p: i64| {
            if q.is_empty() {
                format!("/c/{club}/members?page={p}")
            } else {
                format!("/c/{club}/members?q={}&page={p}", urlencode(&q))
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
    if page.rows.is_empty() {
        return view! { <p data-testid="no-members">{t(Msg::NoMembersFound)}</p> }.into_any();
    }
    view! {
        <p class="muted" aria-live="polite" data-testid="member-count">{summary}</p>
        <div class="table-wrap">
            <table data-testid="member-table">
                <thead><tr>
                    <th scope="col">{t(Msg::Name)}</th>
                    <th scope="col">{t(Msg::BirthDate)}</th>
                    <th scope="col">{t(Msg::Email)}</th>
                    <th scope="col">{t(Msg::Address)}</th>
                    <th scope="col">{t(Msg::Status)}</th>
                </tr></thead>
                <tbody>
                    {page.rows.into_iter().map(|m| {
                        let href = format!("/c/{club}/members/{}", m.id);
                        view! {
                            <tr>
                                <td><a href=href>{m.family_name.clone()} ", " {m.given_name.clone()}</a></td>
                                <td>{m.birth_date.clone().unwrap_or_default()}</td>
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
    let name = format!("{} {}", member.given_name, member.family_name);
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
            _ => t(Msg::FactorResetDone),
        };
        view! { <p class="notice" role="status" data-testid="notice">{text}</p> }
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
                <form method="post" action=action>
                    <button type="submit" class="button-quiet" data-testid="reset-factor">{t(Msg::ResetFactor)}</button>
                </form>
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
        {member.can_edit.then(|| {
            let href = format!("/c/{club}/members/{}/edit", member.id);
            view! { <p><a class="button" href=href data-testid="edit-member">{t(Msg::EditMember)}</a></p> }
        })}
        <section class="card">
            <dl class="fields">
                {row(Msg::Status, Some(status_label(member.status).to_string()))}
                {row(Msg::BirthDate, member.birth_date.clone())}
                {row(Msg::Email, member.email.clone())}
                {row(Msg::Phone, member.phone.clone())}
                {row(Msg::Address, (!address.is_empty()).then_some(address))}
                {row(Msg::JoinedOn, member.joined_on.clone())}
                {row(Msg::EndedOn, member.ended_on.clone())}
                {row(Msg::MembershipType, member.membership_type.clone())}
                {row(Msg::Season, member.season.clone())}
                {row(Msg::Gender, member.gender.as_deref().map(|g| gender_label(g).to_string()))}
                {guardians}
                {children}
            </dl>
        </section>
        {roles}
        {reset}
        <StampLine stamp=member.stamp.clone()/>
    }
}
