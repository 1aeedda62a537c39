//! Groups (issue 19):
//! - `/c/{club}/groups`: the kinds of group with their groups and numbers today; forms to
//!   create / rename / archive kinds and groups, to make an age kind's bands and put the
//!   suggested members in them, and the roles limited to the groups their holders lead;
//! - `/c/{club}/groups/{id}`: the group's members and leaders over time, with forms to add
//!   a member, end a period and mark a leader;
//! - [`RegisterGroups`]: the register's group filter and its bulk "add to group" / "end in
//!   group" for the members the filter shows or those ticked in the register's table;
//! - [`MemberGroupsCard`]: the member page's groups (read-only, `members.view`) and the
//!   mails to the member's address that bounced.

use crate::api::{
    get_band_suggestions, get_group, get_groups, get_member_groups, get_register_groups,
    get_role_scopes, ApplyAgeBands, BulkGroup, CreateAgeBands, SaveGroup, SaveGroupKind,
    SaveGroupPeriod, SaveRoleScope,
};
use crate::components::{
    form_error, query, ClubField, ErrorView, FormAlert, Loading, Notice, StampLine,
};
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::dto::MemberFilter;
use tessera_common::groups::*;
use tessera_common::{AppError, Msg};

fn any_error() -> Option<AppError> {
    [
        SaveGroupKind::PATH,
        SaveGroup::PATH,
        CreateAgeBands::PATH,
        ApplyAgeBands::PATH,
        SaveGroupPeriod::PATH,
        BulkGroup::PATH,
        SaveRoleScope::PATH,
    ]
    .into_iter()
    .find_map(|p| form_error(p.trim_start_matches("/api/")))
}

fn done_notice() -> Option<impl IntoView> {
    query("done").map(|d| {
        let n = query("n").unwrap_or_default();
        let text = match d.as_str() {
            "bulk" | "added" => {
                Msg::GroupMembersChanged.fill(crate::i18n::use_lang(), &[("n", &n)])
            }
            _ => t(Msg::Saved).to_string(),
        };
        view! { <Notice text=text/> }
    })
}

/// `/c/{club}/groups`.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_groups);
    view! {
        <Title text=t(Msg::GroupsTitle)/>
        <h1>{t(Msg::GroupsTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(o) => view! { <GroupsBody overview=o club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GroupsBody(overview: GroupsOverview, club: String) -> impl IntoView {
    let manage = overview.can_manage && crate::components::writable();
    let kinds = if overview.kinds.is_empty() {
        view! { <p class="muted" data-testid="no-groups">{t(Msg::NoGroups)}</p> }.into_any()
    } else {
        overview
            .kinds
            .into_iter()
            .map(|k| view! { <KindCard kind=k club=club.clone() manage=manage/> })
            .collect_view()
            .into_any()
    };
    let new_kind = manage.then(|| {
        view! {
            <section class="card" aria-labelledby="new-kind-title">
                <h2 id="new-kind-title">{t(Msg::NewGroupKind)}</h2>
                <form method="post" action=SaveGroupKind::PATH data-testid="new-kind">
                    <ClubField club=club.clone()/>
                    <div class="field">
                        <label for="kind-name">{t(Msg::Name)}</label>
                        <input id="kind-name" name="name" required maxlength="60"/>
                    </div>
                    <div class="field">
                        <label><input type="checkbox" name="age_bands" value="on"/>" "{t(Msg::AgeBandsKind)}</label>
                    </div>
                    <div class="field">
                        <label for="kind-ref">{t(Msg::ReferenceDate)}</label>
                        <input id="kind-ref" name="reference_date" type="date"/>
                    </div>
                    <button type="submit" class="button">{t(Msg::Save)}</button>
                </form>
            </section>
        }
    });
    let roles = manage.then(|| view! { <LeaderRoles club=club.clone()/> });
    view! {
        <p class="muted">{t(Msg::GroupsHelp)}</p>
        {done_notice()}
        <FormAlert error=any_error() id="groups-error"/>
        {crate::components::read_only_notice()}
        <div data-testid="group-kinds">{kinds}</div>
        {new_kind}
        {roles}
    }
}

#[component]
fn KindCard(kind: GroupKind, club: String, manage: bool) -> impl IntoView {
    let title_id = format!("kind-{}-title", kind.id);
    let labelled = title_id.clone();
    let rows = kind
        .groups
        .iter()
        .map(|g| {
            let href = format!("/c/{club}/groups/{}", g.id);
            let years = match (g.min_birth_year, g.max_birth_year) {
                (None, None) => String::new(),
                (a, b) => format!(
                    "{}–{}",
                    a.map(|y| y.to_string()).unwrap_or_default(),
                    b.map(|y| y.to_string()).unwrap_or_default()
                ),
            };
            view! {
                <tr data-testid="group-row">
                    <td><a href=href>{g.name.clone()}</a>{g.archived.then(|| view! { " " <span class="badge">{t(Msg::Archived)}</span> })}</td>
                    <td>{years}</td>
                    <td>{g.members_today.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let kind_id = kind.id.to_string();
    let forms = manage.then(|| {
        let bands = kind.age_bands.then(|| {
            view! {
                <details>
                    <summary>{t(Msg::MakeBands)}</summary>
                    <form method="post" action=CreateAgeBands::PATH>
                        <ClubField club=club.clone()/>
                        <input type="hidden" name="kind" value=kind_id.clone()/>
                        <div class="field">
                            <label for=format!("limits-{kind_id}")>{t(Msg::BandLimits)}</label>
                            <input id=format!("limits-{kind_id}") name="limits" placeholder="8 10 12 14 16 18"/>
                        </div>
                        <div class="field">
                            <label for=format!("seniors-{kind_id}")>{t(Msg::SeniorsName)}</label>
                            <input id=format!("seniors-{kind_id}") name="seniors" maxlength="60"/>
                        </div>
                        <button type="submit" class="button">{t(Msg::Save)}</button>
                    </form>
                </details>
                <SuggestionsOnDemand club=club.clone() kind=kind_id.clone()/>
            }
        });
        view! {
            <details>
                <summary>{t(Msg::NewGroup)}</summary>
                <form method="post" action=SaveGroup::PATH data-testid="new-group">
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="kind" value=kind_id.clone()/>
                    <div class="field">
                        <label for=format!("g-name-{kind_id}")>{t(Msg::Name)}</label>
                        <input id=format!("g-name-{kind_id}") name="name" required maxlength="60"/>
                    </div>
                    <div class="field">
                        <label for=format!("g-desc-{kind_id}")>{t(Msg::GroupDescription)}</label>
                        <input id=format!("g-desc-{kind_id}") name="description" maxlength="500"/>
                    </div>
                    {kind.age_bands.then(|| view! {
                        <div class="field">
                            <label for=format!("g-min-{kind_id}")>{t(Msg::MinBirthYear)}</label>
                            <input id=format!("g-min-{kind_id}") name="min_birth_year" inputmode="numeric"/>
                        </div>
                        <div class="field">
                            <label for=format!("g-max-{kind_id}")>{t(Msg::MaxBirthYear)}</label>
                            <input id=format!("g-max-{kind_id}") name="max_birth_year" inputmode="numeric"/>
                        </div>
                    })}
                    <button type="submit" class="button">{t(Msg::Save)}</button>
                </form>
            </details>
            <details>
                <summary>{t(Msg::ChangeKind)}</summary>
                <form method="post" action=SaveGroupKind::PATH>
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="id" value=kind_id.clone()/>
                    <input type="hidden" name="version" value=kind.version.to_string()/>
                    <div class="field">
                        <label for=format!("k-name-{kind_id}")>{t(Msg::Name)}</label>
                        <input id=format!("k-name-{kind_id}") name="name" value=kind.name.clone() required maxlength="60"/>
                    </div>
                    <div class="field">
                        <label for=format!("k-ref-{kind_id}")>{t(Msg::ReferenceDate)}</label>
                        <input id=format!("k-ref-{kind_id}") name="reference_date" type="date" value=kind.reference_date.clone().unwrap_or_default()/>
                    </div>
                    <div class="field">
                        <label><input type="checkbox" name="archived" value="on" checked=kind.archived/>" "{t(Msg::Archived)}</label>
                    </div>
                    <button type="submit" class="button">{t(Msg::Save)}</button>
                </form>
            </details>
            {bands}
        }
    });
    view! {
        <section class="card" aria-labelledby=labelled data-testid="group-kind">
            <h2 id=title_id>{kind.name.clone()}{kind.archived.then(|| view! { " " <span class="badge">{t(Msg::Archived)}</span> })}</h2>
            {kind.reference_date.clone().map(|d| view! { <p class="muted">{t(Msg::ReferenceDate)}": "{d}</p> })}
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::BirthYears)}</th>
                        <th scope="col">{t(Msg::MembersToday)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {forms}
        </section>
    }
}

/// The age categories suggested for a kind, on demand (`?suggest={kind}`): finding the
/// members in none of its groups reads every active member, too much for each view of the
/// page in a large club.
#[component]
fn SuggestionsOnDemand(club: String, kind: String) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let anchor = format!("kind-{kind}-suggestions");
    let href = format!("/c/{club}/groups?suggest={kind}#{anchor}");
    let k = kind.clone();
    let shown = move || query.with(|q| q.get("suggest").as_deref() == Some(k.as_str()));
    view! {
        <div id=anchor>
            {move || if shown() {
                view! { <BandSuggestions club=club.clone() kind=kind.clone()/> }.into_any()
            } else {
                view! {
                    <p><a class="button secondary" href=href.clone() data-testid="suggest-bands">{t(Msg::ShowBandSuggestions)}</a></p>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn BandSuggestions(club: String, kind: String) -> impl IntoView {
    let c2 = club.clone();
    let k2 = kind.clone();
    let data = Resource::new(
        move || (c2.clone(), k2.clone()),
        |(c, k)| get_band_suggestions(c, k),
    );
    view! {
        <Suspense fallback=Loading>
            {move || {
                let club = club.clone();
                let kind = kind.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(s) if s.is_empty() => view! { <p class="muted">{t(Msg::NoSuggestions)}</p> }.into_any(),
                        Ok(s) => {
                            let n = s.len();
                            let rows = s.into_iter().take(50).map(|x| view! {
                                <tr><td>{x.name}</td><td>{x.birth_date}</td><td>{x.group_name}</td></tr>
                            }).collect_view();
                            view! {
                                <details open>
                                    <summary>{Msg::SuggestedBands.fill(crate::i18n::use_lang(), &[("n", &n.to_string())])}</summary>
                                    <div class="table-wrap"><table>
                                        <thead><tr>
                                            <th scope="col">{t(Msg::Name)}</th>
                                            <th scope="col">{t(Msg::BirthDate)}</th>
                                            <th scope="col">{t(Msg::GroupsTitle)}</th>
                                        </tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table></div>
                                    <form method="post" action=ApplyAgeBands::PATH>
                                        <ClubField club=club/>
                                        <input type="hidden" name="kind" value=kind/>
                                        <button type="submit" class="button">{t(Msg::ApplyBands)}</button>
                                    </form>
                                </details>
                            }.into_any()
                        }
                        Err(_) => ().into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

const STANDARD_FIELDS: [(&str, Msg); 6] = [
    ("birth_date", Msg::BirthDate),
    ("email", Msg::Email),
    ("phone", Msg::Phone),
    ("address", Msg::AddressFields),
    ("membership", Msg::MembershipFields),
    ("guardians_phone", Msg::GuardiansPhone),
];

/// One role's leader-scope form: limited to the groups its holders lead or not, and the
/// member fields it grants. `back` = `role`: the save returns to the role's page.
fn scope_form(r: &RoleScopeInfo, club: &str, back: &'static str) -> impl IntoView {
    let custom = r
        .member_fields
        .iter()
        .filter(|f| f.starts_with("cf"))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let checks = STANDARD_FIELDS.iter().map(|(k, label)| {
        let checked = r.member_fields.iter().any(|f| f == k);
        view! {
            <label class="inline"><input type="checkbox" name=format!("f_{k}") value="on" checked=checked/>" "{t(*label)}</label>" "
        }
    }).collect_view();
    let rid = r.id.to_string();
    view! {
        <form method="post" action=SaveRoleScope::PATH data-testid="role-scope">
            <h3>{r.name.clone()}</h3>
            <p class="muted">{r.permissions.join(", ")}</p>
            <ClubField club=club.to_string()/>
            <input type="hidden" name="role" value=rid.clone()/>
            <input type="hidden" name="version" value=r.version.to_string()/>
            {(!back.is_empty()).then(|| view! { <input type="hidden" name="back" value=back/> })}
            <div class="field">
                <label><input type="checkbox" name="scoped" value="on" checked=r.group_scoped data-testid="scope-limited"/>" "{t(Msg::LimitToLedGroups)}</label>
            </div>
            <fieldset><legend>{t(Msg::GrantedFields)}</legend>{checks}</fieldset>
            <div class="field">
                <label for=format!("custom-{rid}")>{t(Msg::GrantedCustomFields)}</label>
                <input id=format!("custom-{rid}") name="custom" value=custom/>
            </div>
            <button type="submit" class="button">{t(Msg::Save)}</button>
        </form>
    }
}

/// The role page's leader scope (`roles.manage`, groups on): the same form as the groups
/// page's, for this role, with the refusal's reason next to it; nothing for the
/// administrator role or while the groups module is off.
#[component]
pub fn RoleScopeCard(club: String, role: i64) -> impl IntoView {
    let c2 = club.clone();
    let data = Resource::new(move || c2.clone(), get_role_scopes);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let club = club.clone();
                Suspend::new(async move {
                    let Ok(roles) = data.await else { return ().into_any() };
                    let Some(r) = roles.into_iter().find(|r| r.id == role) else { return ().into_any() };
                    let error = crate::components::form_error_of::<SaveRoleScope>();
                    let perms = crate::components::field_message(&error, "permissions");
                    let fields = crate::components::field_message(&error, "fields");
                    view! {
                        <section class="card" aria-labelledby="role-scope-title" data-testid="role-scope-card">
                            <h2 id="role-scope-title">{t(Msg::LeaderRoles)}</h2>
                            <p class="muted">{t(Msg::LeaderRolesHelp)}</p>
                            <FormAlert error=error.clone() id="role-scope-error"/>
                            <crate::components::FieldError error=perms id="role-scope-perms-error"/>
                            <crate::components::FieldError error=fields id="role-scope-fields-error"/>
                            {crate::components::writable().then(|| scope_form(&r, &club, "role"))}
                        </section>
                    }.into_any()
                })
            }}
        </Suspense>
    }
}

/// The roles limited to the groups their holders lead, with the fields they grant.
#[component]
fn LeaderRoles(club: String) -> impl IntoView {
    let c2 = club.clone();
    let data = Resource::new(move || c2.clone(), get_role_scopes);
    view! {
        <section class="card" aria-labelledby="leader-roles-title" data-testid="leader-roles">
            <h2 id="leader-roles-title">{t(Msg::LeaderRoles)}</h2>
            <p class="muted">{t(Msg::LeaderRolesHelp)}</p>
            <Suspense fallback=Loading>
                {move || {
                    let club = club.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(roles) => roles.into_iter().map(|r| scope_form(&r, &club, "")).collect_view().into_any(),
                            Err(_) => ().into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// `/c/{club}/groups/{id}`.
#[component]
pub fn GroupPage() -> impl IntoView {
    let club = use_club();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(move || (club.get(), id.get()), |(c, i)| get_group(c, i));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <GroupBody detail=d club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GroupBody(detail: GroupDetail, club: String) -> impl IntoView {
    let g = detail.group.clone();
    let gid = g.id.to_string();
    let manage = detail.can_manage && crate::components::writable();
    let open = detail.can_open_members;
    let rows = detail
        .periods
        .iter()
        .map(|p| {
            let name = if open {
                view! { <a href=format!("/c/{club}/members/{}", p.member)>{p.name.clone()}</a> }.into_any()
            } else {
                view! { <span>{p.name.clone()}</span> }.into_any()
            };
            let change = manage.then(|| view! {
                <form method="post" action=SaveGroupPeriod::PATH class="inline">
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="group" value=gid.clone()/>
                    <input type="hidden" name="period" value=p.id.to_string()/>
                    <input type="hidden" name="version" value=p.version.to_string()/>
                    <label class="visually-hidden" for=format!("to-{}", p.id)>{t(Msg::ToDate)}</label>
                    <input id=format!("to-{}", p.id) name="to_date" type="date" value=p.to_date.clone().unwrap_or_default()/>
                    <label class="inline"><input type="checkbox" name="leader" value="on" checked=p.leader/>" "{t(Msg::GroupLeader)}</label>
                    <button type="submit" class="button-quiet">{t(Msg::Save)}</button>
                </form>
            });
            view! {
                <tr data-testid=if p.current { "period-current" } else { "period-past" }>
                    <td>{name}{p.leader.then(|| view! { " " <span class="badge badge-active">{t(Msg::GroupLeader)}</span> })}</td>
                    <td>{p.from_date.clone()}</td>
                    <td>{p.to_date.clone().unwrap_or_default()}</td>
                    <td>{p.birth_date.clone().unwrap_or_default()}</td>
                    <td>{p.phone.clone().unwrap_or_default()}</td>
                    <td>{p.email.clone().unwrap_or_default()}</td>
                    <td>{p.guardians_phone.join(", ")}</td>
                    <td>{change}</td>
                </tr>
            }
        })
        .collect_view();
    let add = manage.then(|| view! {
        <section class="card" aria-labelledby="add-member-title">
            <h2 id="add-member-title">{t(Msg::AddToGroup)}</h2>
            <form method="post" action=SaveGroupPeriod::PATH data-testid="add-member">
                <ClubField club=club.clone()/>
                <input type="hidden" name="group" value=gid.clone()/>
                <div class="field">
                    <label for="add-member">{t(Msg::MemberNumber)}</label>
                    <input id="add-member" name="member" required inputmode="numeric"/>
                </div>
                <div class="field">
                    <label for="add-from">{t(Msg::FromDate)}</label>
                    <input id="add-from" name="from_date" type="date" required value=detail.today.clone()/>
                </div>
                <div class="field">
                    <label for="add-to">{t(Msg::ToDate)}</label>
                    <input id="add-to" name="to_date" type="date"/>
                </div>
                <div class="field">
                    <label><input type="checkbox" name="leader" value="on"/>" "{t(Msg::GroupLeader)}</label>
                </div>
                <button type="submit" class="button">{t(Msg::AddToGroup)}</button>
            </form>
            <p class="muted"><a href=format!("/c/{club}/members?group={gid}")>{t(Msg::GroupInRegister)}</a></p>
        </section>
        <section class="card" aria-labelledby="edit-group-title">
            <h2 id="edit-group-title">{t(Msg::ChangeGroup)}</h2>
            <form method="post" action=SaveGroup::PATH>
                <ClubField club=club.clone()/>
                <input type="hidden" name="id" value=gid.clone()/>
                <input type="hidden" name="version" value=g.version.to_string()/>
                <div class="field">
                    <label for="g-name">{t(Msg::Name)}</label>
                    <input id="g-name" name="name" value=g.name.clone() required maxlength="60"/>
                </div>
                <div class="field">
                    <label for="g-desc">{t(Msg::GroupDescription)}</label>
                    <input id="g-desc" name="description" value=g.description.clone() maxlength="500"/>
                </div>
                <div class="field">
                    <label for="g-min">{t(Msg::MinBirthYear)}</label>
                    <input id="g-min" name="min_birth_year" value=g.min_birth_year.map(|y| y.to_string()).unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="g-max">{t(Msg::MaxBirthYear)}</label>
                    <input id="g-max" name="max_birth_year" value=g.max_birth_year.map(|y| y.to_string()).unwrap_or_default()/>
                </div>
                <div class="field">
                    <label><input type="checkbox" name="archived" value="on" checked=g.archived/>" "{t(Msg::Archived)}</label>
                </div>
                <button type="submit" class="button">{t(Msg::Save)}</button>
            </form>
        </section>
    });
    view! {
        <Title text=g.name.clone()/>
        <h1 data-testid="group-name">{g.name.clone()}</h1>
        <p class="muted">{detail.kind_name.clone()}{(!g.description.is_empty()).then(|| format!(" · {}", g.description))}</p>
        {done_notice()}
        <FormAlert error=any_error() id="group-error"/>
        {crate::components::read_only_notice()}
        <StampLine stamp=g.stamp.clone()/>
        <section class="card">
            <h2 id="periods-title">{t(Msg::GroupMembersTitle)}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="periods-title">
                <table data-testid="group-members">
                    <thead><tr>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::FromDate)}</th>
                        <th scope="col">{t(Msg::ToDate)}</th>
                        <th scope="col">{t(Msg::BirthDate)}</th>
                        <th scope="col">{t(Msg::Phone)}</th>
                        <th scope="col">{t(Msg::Email)}</th>
                        <th scope="col">{t(Msg::GuardiansPhone)}</th>
                        <th scope="col"><span class="visually-hidden">{t(Msg::Save)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            // the team list with emergency contacts, to print (staff who see the register,
            // the group's trainers)
            {open.then(|| view! {
                <p class="no-print">
                    <a href=format!("/c/{club}/lists/team/{gid}") data-testid="team-list-link">{t(Msg::TeamListPrint)}</a>
                </p>
            })}
        </section>
        {add}
    }
}

/// The register's group filter and bulk action (for those who manage groups and see the
/// register); nothing when the groups module is off or the caller has neither right.
#[component]
pub fn RegisterGroups(club: String, filter: MemberFilter, manage: bool) -> impl IntoView {
    let c2 = club.clone();
    // The groups without their counts (the register must not count a club's members in every
    // group on each page): those who manage or lead groups get theirs, those who only see
    // the register the groups to filter on, read-only.
    let data = Resource::new(move || c2.clone(), get_register_groups);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let club = club.clone();
                let f = filter.clone();
                Suspend::new(async move {
                    let Ok(o) = data.await else { return ().into_any() };
                    let groups: Vec<(String, String)> = o.groups.iter().map(|(id, label)| (id.to_string(), label.clone())).collect();
                    if groups.is_empty() {
                        return ().into_any();
                    }
                    let options = |sel: &str| groups.iter().map(|(id, name)| {
                        let s = id == sel;
                        view! { <option value=id.clone() selected=s>{name.clone()}</option> }
                    }).collect_view();
                    let hidden = |skip_group: bool| {
                        let mut v = vec![
                            ("q", f.query.clone()),
                            ("status", f.status.clone()),
                            ("type", f.membership_type.clone()),
                            ("season", f.season.clone()),
                            ("consent", f.consent.clone()),
                        ];
                        if !skip_group {
                            v.push(("group", f.group.clone()));
                        }
                        v.into_iter().filter(|(_, x)| !x.is_empty()).map(|(k, x)| view! { <input type="hidden" name=k value=x/> }).collect_view()
                    };
                    let can_manage = o.can_manage;
                    let today = o.today.clone();
                    let bulk = (manage && can_manage && crate::components::writable()).then(|| view! {
                        <form method="post" action=BulkGroup::PATH class="filters" id="bulk-group-form" data-testid="bulk-group">
                            <ClubField club=club.clone()/>
                            {hidden(false)}
                            <div class="field">
                                <label for="bulk-action">{t(Msg::BulkGroupAction)}</label>
                                <select id="bulk-action" name="action">
                                    <option value="add">{t(Msg::AddToGroup)}</option>
                                    <option value="end">{t(Msg::EndInGroup)}</option>
                                </select>
                            </div>
                            <div class="field">
                                <label for="bulk-target">{t(Msg::GroupsTitle)}</label>
                                <select id="bulk-target" name="target">{options("")}</select>
                            </div>
                            <div class="field">
                                <label for="bulk-date">{t(Msg::FromDate)}</label>
                                <input id="bulk-date" name="date" type="date" required value=today/>
                            </div>
                            <button type="submit" class="button" name="pick" value="shown">{t(Msg::ApplyToShown)}</button>
                            <button type="submit" class="button" name="pick" value="ticked" data-testid="bulk-ticked">{t(Msg::ApplyToTicked)}</button>
                        </form>
                    });
                    view! {
                        <form method="get" class="filters" data-testid="group-filter">
                            {hidden(true)}
                            <div class="field">
                                <label for="f-group">{t(Msg::FilterGroup)}</label>
                                <select id="f-group" name="group">
                                    <option value="">{t(Msg::All)}</option>
                                    {options(&f.group)}
                                </select>
                            </div>
                            <button type="submit" class="button-quiet">{t(Msg::FilterGroupApply)}</button>
                        </form>
                        {bulk}
                    }.into_any()
                })
            }}
        </Suspense>
    }
}

/// The member page's groups over time and the mails to the member's current address that
/// bounced: read-only, for those who see the register; nothing when neither applies.
#[component]
pub fn MemberGroupsCard(club: String, member: String) -> impl IntoView {
    let data = Resource::new(
        move || (club.clone(), member.clone()),
        |(c, m)| get_member_groups(c, m),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(info) = data.await else { return ().into_any() };
                let lang = crate::i18n::use_lang();
                let bounces = (!info.bounces.is_empty()).then(|| {
                    let items = info.bounces.iter().map(|b| {
                        let date = crate::components::day(Some(b.day.clone()), tessera_common::time::DateStyle::Long)
                            .unwrap_or_else(|| b.day.clone());
                        let text = Msg::MailBounced.fill(lang, &[
                            ("email", &b.email),
                            ("date", &date),
                            ("reason", &tessera_common::mailing::reason_text(&b.reason, lang)),
                        ]);
                        view! { <li>{text}</li> }
                    }).collect_view();
                    view! {
                        <div class="notice notice-warn" role="note" data-testid="mail-bounces">
                            <p><strong>{t(Msg::MailBouncesTitle)}</strong></p>
                            <ul>{items}</ul>
                        </div>
                    }
                });
                let groups = if info.groups.is_empty() {
                    view! { <p class="muted" data-testid="member-no-groups">{t(Msg::MemberNoGroups)}</p> }.into_any()
                } else {
                    let rows = info.groups.iter().map(|g| {
                        view! {
                            <tr data-testid=if g.current { "member-group-current" } else { "member-group-past" }>
                                <td>{g.kind_name.clone()}" · "{g.group_name.clone()}
                                    {g.leader.then(|| view! { " " <span class="badge badge-active">{t(Msg::GroupLeader)}</span> })}
                                    {(!g.current).then(|| view! { " " <span class="badge">{t(Msg::MemberGroupPast)}</span> })}
                                </td>
                                <td>{g.from_date.clone()}</td>
                                <td>{g.to_date.clone().unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view();
                    view! {
                        <div class="table-wrap" tabindex="0">
                            <table data-testid="member-groups">
                                <thead><tr>
                                    <th scope="col">{t(Msg::GroupsTitle)}</th>
                                    <th scope="col">{t(Msg::FromDate)}</th>
                                    <th scope="col">{t(Msg::ToDate)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }.into_any()
                };
                let card = info.groups_active.then(|| view! {
                    <section class="card" aria-labelledby="member-groups-title">
                        <h2 id="member-groups-title">{t(Msg::MemberGroupsTitle)}</h2>
                        {groups}
                    </section>
                });
                view! { {bounces} {card} }.into_any()
            })}
        </Suspense>
    }
}
