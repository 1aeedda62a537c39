//! The club's settings: modules (`/settings/modules`), roles and their rights
//! (`/settings/roles`, `/settings/roles/{id}`), administrators (`/settings/admins`) and
//! look & feel (`/settings/look`). Every form is a plain POST to a server function, so it
//! works without JavaScript; errors come back next to the fields.

use crate::api::{
    get_admins, get_look, get_module_settings, get_role, get_roles, get_terms_settings,
    AcceptTerms, AddRoleHolder, AssignRoles, CreateRole, DeleteRole, InviteAdmin, PublishTerms,
    RemoveAdmin, RemoveLogo, RemoveRoleHolder, SwitchModule, UpdateLook, UpdateRole,
    WithdrawAdminInvitation,
};
use crate::components::{
    field_message, form_error_of, query, ClubField, ErrorView, FieldError, FormAlert, Loading,
    Notice, StampLine, TextArea,
};
use crate::i18n::use_lang;
use crate::islands::PermissionSummary;
use crate::pages::club::use_club;
use crate::pages::landing::role_name;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::color::{contrast_ratio, TEXT_ON_ACCENT, TEXT_ON_PRIMARY};
use tessera_common::dto::*;
use tessera_common::modules::Module;
use tessera_common::{Lang, Msg};

fn module_name(id: &str) -> String {
    Module::by_id(id)
        .map(|m| m.name.get(use_lang()).to_string())
        .unwrap_or_else(|| id.to_string())
}

/// Loads `fetch(club)` and shows it with `body`, or the error page.
macro_rules! club_page {
    ($title:expr, $fetch:expr, $body:expr) => {{
        let club = use_club();
        let data = Resource::new(move || club.get(), $fetch);
        view! {
            <Title text=t($title)/>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => ($body)(d, club.get_untracked()).into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }};
}

// ------------------------------------------------------------------ modules

/// `/c/{club}/settings/modules`: switch modules on and off within the plan.
#[component]
pub fn ModulesPage() -> impl IntoView {
    club_page!(
        Msg::Modules,
        get_module_settings,
        |s: ModuleSettings, club: String| {
            view! { <ModulesBody settings=s club=club/> }
        }
    )
}

#[component]
fn ModulesBody(settings: ModuleSettings, club: String) -> impl IntoView {
    let lang = use_lang();
    let error = form_error_of::<SwitchModule>();
    let notice = query("done").map(|d| {
        let text = if d == "module_on" {
            t(Msg::ModuleSwitchedOn)
        } else {
            t(Msg::ModuleSwitchedOff)
        };
        view! { <Notice text=text/> }
    });
    let plan = settings
        .plan
        .as_ref()
        .map(|p| Msg::PlanIs.fill(lang, &[("plan", &p.name)]))
        .unwrap_or_else(|| t(Msg::NoPlan).to_string());
    let cards = settings
        .modules
        .iter()
        .map(|m| {
            let decl = Module::by_id(&m.id);
            let description = decl.map(|d| d.description.get(lang)).unwrap_or("");
            let needs = decl
                .map(|d| d.needs.iter().map(|n| module_name(n)).collect::<Vec<_>>())
                .unwrap_or_default();
            let needs = (!needs.is_empty()).then(|| {
                view! { <p class="muted">{Msg::ModuleNeeds.fill(lang, &[("modules", &needs.join(", "))])}</p> }
            });
            let perms = decl
                .map(|d| {
                    d.permissions
                        .iter()
                        .map(|p| view! { <li>{perm_label(p.permission, lang)}</li> })
                        .collect_view()
                })
                .unwrap_or_default();
            let state = if m.on {
                view! { <span class="badge badge-on">{t(Msg::On)}</span> }.into_any()
            } else {
                view! { <span class="badge">{t(Msg::Off)}</span> }.into_any()
            };
            let action = if m.always_on {
                view! { <p class="muted">{t(Msg::AlwaysOn)}</p> }.into_any()
            } else if !m.in_plan {
                view! { <p class="muted">{t(Msg::NotInPlan)}</p> }.into_any()
            } else {
                let (value, label) = if m.on {
                    ("off", t(Msg::SwitchOff))
                } else {
                    ("on", t(Msg::SwitchOn))
                };
                view! {
                    {crate::components::writable().then(|| view! {
                    <form method="post" action=SwitchModule::PATH>
                        <ClubField club=club.clone()/>
                        <input type="hidden" name="module" value=m.id.clone()/>
                        <input type="hidden" name="on" value=value/>
                        <button type="submit" class="button" data-testid=format!("switch-{}", m.id)>{label}</button>
                    </form>
                    })}
                }
                .into_any()
            };
            let stamp = m.stamp.clone().map(|s| view! { <StampLine stamp=s/> });
            view! {
                <li class="card module" data-testid=format!("module-{}", m.id) data-on=m.on.to_string()>
                    <div class="module-head">
                        <h2>{module_name(&m.id)}</h2>
                        {state}
                    </div>
                    <p>{description}</p>
                    {needs}
                    <details>
                        <summary>{t(Msg::PermissionsItBrings)}</summary>
                        <ul class="plain">{perms}</ul>
                    </details>
                    {action}
                    {stamp}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{t(Msg::Modules)}</h1>
        <p class="muted" data-testid="plan">{plan}</p>
        {notice}
        <FormAlert error=error id="module-error"/>
        <ul class="module-list">{cards}</ul>
        <crate::pages::usage::OwnUsageCard club=club.clone()/> // templates (usage)
    }
}

// ------------------------------------------------------------------ roles

/// A permission as a secretary reads it: its translated name, and under it what it allows
/// in one line (never the bare id; the module's own label where no name exists yet).
fn perm_label(p: tessera_common::modules::Permission, lang: tessera_common::Lang) -> impl IntoView {
    match tessera_common::modules::permission_msgs(p) {
        Some((name, help)) => view! {
            <strong>{name.text(lang)}</strong>
            <span class="perm-help">{help.text(lang)}</span>
        }
        .into_any(),
        None => {
            let label = p
                .declaration()
                .map(|(_, d)| d.label.get(lang))
                .unwrap_or(p.id());
            view! { <strong>{label}</strong> }.into_any()
        }
    }
}

/// The permission checkboxes of a role form, grouped by module; `checked` are ticked.
fn permission_boxes(grantable: &[String], active: &[String], checked: &[String]) -> impl IntoView {
    let lang = use_lang();
    Module::of_kind(TenantKind::Club)
        .filter(|m| {
            m.permissions
                .iter()
                .any(|p| grantable.iter().any(|g| g == p.permission.id()))
        })
        .map(|m| {
            let off = !m
                .permissions
                .iter()
                .any(|p| active.iter().any(|a| a == p.permission.id()));
            let boxes = m
                .permissions
                .iter()
                .map(|p| {
                    let id = p.permission.id();
                    let input_id = format!("perm-{}", id.replace('.', "-"));
                    let is_checked = checked.iter().any(|c| c == id);
                    view! {
                        <div class="check">
                            <input type="checkbox" id=input_id.clone() name="permissions[]" value=id checked=is_checked/>
                            <label for=input_id>{perm_label(p.permission, lang)}</label>
                        </div>
                    }
                })
                .collect_view();
            let off_note = off.then(|| view! { <span class="muted">" · " {t(Msg::ModuleIsOff)}</span> });
            view! {
                <fieldset class="perm-group">
                    <legend>{m.name.get(lang)} {off_note}</legend>
                    {boxes}
                </fieldset>
            }
        })
        .collect_view()
}

/// `/c/{club}/settings/roles`: the roles × permissions matrix and a form for a new role.
#[component]
pub fn RolesPage() -> impl IntoView {
    club_page!(Msg::Roles, get_roles, |r: RolesOverview, club: String| {
        view! { <RolesBody roles=r club=club/> }
    })
}

#[component]
fn RolesBody(roles: RolesOverview, club: String) -> impl IntoView {
    let lang = use_lang();
    let error = form_error_of::<CreateRole>();
    let notice = query("done")
        .filter(|d| d == "deleted")
        .map(|_| view! { <Notice text=t(Msg::RoleDeleted)/> });
    let header = roles
        .roles
        .iter()
        .map(|r| {
            let href = format!("/c/{club}/settings/roles/{}", r.id);
            let staff = r.staff.then(|| view! { <span class="badge" title=t(Msg::StaffRoleHelp)>{t(Msg::Staff)}</span> });
            view! { <th scope="col"><a href=href>{role_name(r.admin, &r.name)}</a> " " {staff}</th> }
        })
        .collect_view();
    let rows = Module::of_kind(TenantKind::Club)
        .map(|m| {
            let group = view! {
                <tr class="group"><th scope="rowgroup" colspan=roles.roles.len() + 1>{m.name.get(lang)}</th></tr>
            };
            let perms = m
                .permissions
                .iter()
                .map(|p| {
                    let cells = roles
                        .roles
                        .iter()
                        .map(|r| {
                            let has = r.admin || r.permissions.iter().any(|x| x == p.permission.id());
                            if has {
                                view! { <td class="yes"><span aria-hidden="true">"✓"</span><span class="visually-hidden">{t(Msg::Yes)}</span></td> }.into_any()
                            } else {
                                view! { <td class="no"><span aria-hidden="true">"–"</span><span class="visually-hidden">{t(Msg::No)}</span></td> }.into_any()
                            }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{perm_label(p.permission, lang)}</th>{cells}</tr> }
                })
                .collect_view();
            view! { {group} {perms} }
        })
        .collect_view();
    let holders = roles
        .roles
        .iter()
        .map(|r| view! { <td class="num">{r.holders}</td> })
        .collect_view();
    view! {
        <h1>{t(Msg::Roles)}</h1>
        <p class="muted">{t(Msg::RolesIntro)}</p>
        {notice}
        <section class="card" aria-labelledby="matrix-title">
            <h2 id="matrix-title">{t(Msg::RolesMatrix)}</h2>
            <div class="table-wrap" tabindex="0">
                <table class="matrix" data-testid="role-matrix">
                    <thead><tr><th scope="col">{t(Msg::Permission)}</th>{header}</tr></thead>
                    <tbody>
                        {rows}
                        <tr class="total"><th scope="row">{t(Msg::Holders)}</th>{holders}</tr>
                    </tbody>
                </table>
            </div>
        </section>
        <section class="card" aria-labelledby="new-role-title">
            <h2 id="new-role-title">{t(Msg::NewRole)}</h2>
            <FormAlert error=error.clone() id="role-error"/>
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=CreateRole::PATH class="stack" data-testid="new-role">
                <ClubField club=club.clone()/>
                <label for="role-name">{t(Msg::RoleName)}</label>
                <input id="role-name" name="name" type="text" required maxlength="60" autocomplete="off"
                    // Only when the message is there (the checker refuses a dangling reference).
                    aria-describedby=field_message(&error, "name").map(|_| "role-name-error")/>
                <FieldError error=field_message(&error, "name") id="role-name-error"/>
                <div class="check">
                    <input type="checkbox" id="role-staff" name="staff" value="on"/>
                    <label for="role-staff">{t(Msg::StaffRole)} <span class="muted">" — " {t(Msg::StaffRoleHelp)}</span></label>
                </div>
                <FieldError error=field_message(&error, "permissions") id="role-perms-error"/>
                <PermissionSummary selected=t(Msg::PermSelected).to_string() select_all=t(Msg::PermSelectAllIn).to_string() clear_all=t(Msg::PermClearAllIn).to_string()/>
                {permission_boxes(&roles.grantable, &roles.active, &[])}
                <button type="submit" class="button">{t(Msg::CreateRole)}</button>
            </form>
            })}
        </section>
    }
}

/// `/c/{club}/settings/roles/{id}`: rename a role, set its rights, see who holds it, delete it.
#[component]
pub fn RolePage() -> impl IntoView {
    let club = use_club();
    let params = use_params_map();
    let data = Resource::new(
        move || (club.get(), params.read().get("id").unwrap_or_default()),
        |(club, id)| get_role(club, id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <RoleBody detail=d club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoleBody(detail: RoleDetail, club: String) -> impl IntoView {
    let role = detail.role.clone();
    let error = form_error_of::<UpdateRole>();
    let delete_error = form_error_of::<DeleteRole>();
    let holder_error = form_error_of::<AddRoleHolder>();
    let remove_holder_error = form_error_of::<RemoveRoleHolder>();
    let notice = query("done").map(|d| {
        let text = match d.as_str() {
            "created" => t(Msg::RoleCreated),
            "holder_added" => t(Msg::HolderAdded),
            "holder_removed" => t(Msg::HolderRemoved),
            _ => t(Msg::Saved),
        };
        view! { <Notice text=text/> }
    });
    let back = format!("/c/{club}/settings/roles");
    let holders = if detail.holders.is_empty() {
        view! { <p class="muted">{t(Msg::NoHolders)}</p> }.into_any()
    } else {
        let items = detail
            .holders
            .iter()
            .map(|p| {
                let name = match p.member {
                    Some(m) => {
                        let href = format!("/c/{club}/members/{m}");
                        view! { <a href=href>{p.name.clone()}</a> }.into_any()
                    }
                    None => view! { <span>{p.name.clone()}</span> }.into_any(),
                };
                let remove = (!role.admin).then(|| view! {
                    {crate::components::writable().then(|| view! {
                    <form method="post" action=RemoveRoleHolder::PATH class="inline">
                        <ClubField club=club.clone()/>
                        <input type="hidden" name="id" value=role.id.to_string()/>
                        <input type="hidden" name="membership" value=p.membership.to_string()/>
                        <button type="submit" class="button-quiet">{t(Msg::Remove)}</button>
                    </form>
                    })}
                });
                view! { <li class="holder">{name} " " <span class="muted">{p.email.clone()}</span> {remove}</li> }
            })
            .collect_view();
        view! { <ul class="plain" data-testid="holders">{items}</ul> }.into_any()
    };
    let add_holder = if role.admin {
        view! { <p class="muted">{t(Msg::AdminHoldersElsewhere)}</p> }.into_any()
    } else {
        view! {
            <FormAlert error=holder_error.clone() id="holder-error"/>
            {crate::components::writable().then(|| view! {
            <form method="post" action=AddRoleHolder::PATH class="inline-form" data-testid="add-holder">
                <ClubField club=club.clone()/>
                <input type="hidden" name="id" value=role.id.to_string()/>
                <label for="holder-email">{t(Msg::GiveRoleTo)}</label>
                <input id="holder-email" name="email" type="email" required maxlength="254" autocomplete="off"
                    aria-describedby="holder-email-error"/>
                <button type="submit" class="button">{t(Msg::GiveRole)}</button>
            </form>
            })}
            <FieldError error=field_message(&holder_error, "email") id="holder-email-error"/>
            <p class="muted">{t(Msg::AssignOnMemberPage)}</p>
        }
        .into_any()
    };
    let editor = if role.admin {
        view! { <p data-testid="builtin-role">{t(Msg::AdminRoleFixed)}</p> }.into_any()
    } else {
        view! {
            <FormAlert error=error.clone() id="role-error"/>
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=UpdateRole::PATH class="stack" data-testid="edit-role">
                <ClubField club=club.clone()/>
                <input type="hidden" name="id" value=role.id.to_string()/>
                <input type="hidden" name="version" value=role.version.to_string()/>
                <label for="role-name">{t(Msg::RoleName)}</label>
                <input id="role-name" name="name" type="text" required maxlength="60" value=role.name.clone()
                    aria-describedby=field_message(&error, "name").map(|_| "role-name-error")/>
                <FieldError error=field_message(&error, "name") id="role-name-error"/>
                <div class="check">
                    <input type="checkbox" id="role-staff" name="staff" value="on" checked=role.staff/>
                    <label for="role-staff">{t(Msg::StaffRole)} <span class="muted">" — " {t(Msg::StaffRoleHelp)}</span></label>
                </div>
                <FieldError error=field_message(&error, "permissions") id="role-perms-error"/>
                <PermissionSummary selected=t(Msg::PermSelected).to_string() select_all=t(Msg::PermSelectAllIn).to_string() clear_all=t(Msg::PermClearAllIn).to_string()/>
                {permission_boxes(&detail.grantable, &detail.active, &role.permissions)}
                <button type="submit" class="button">{t(Msg::Save)}</button>
            </form>
            })}
            <details class="danger">
                <summary>{t(Msg::DeleteRole)}</summary>
                <FormAlert error=delete_error id="delete-error"/>
                <p>{t(Msg::DeleteRoleHelp)}</p>
                {crate::components::writable().then(|| view! {
                <form method="post" action=DeleteRole::PATH>
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="id" value=role.id.to_string()/>
                    <button type="submit" class="button button-danger" data-testid="delete-role">{t(Msg::DeleteRole)}</button>
                </form>
                })}
            </details>
        }
        .into_any()
    };
    view! {
        <Title text=role_name(role.admin, &role.name)/>
        <p><a href=back>"← " {t(Msg::Roles)}</a></p>
        <h1 data-testid="role-name">{role_name(role.admin, &role.name)}</h1>
        {notice}
        <section class="card">{editor}</section>
        // groups: the leader scope of this role (limited to the groups its holders lead).
        {(!role.admin).then(|| view! { <crate::pages::groups::RoleScopeCard club=club.clone() role=role.id.0/> })}
        <section class="card" aria-labelledby="holders-title">
            <h2 id="holders-title">{t(Msg::Holders)}</h2>
            <FormAlert error=remove_holder_error id="remove-holder-error"/>
            {holders}
            {add_holder}
        </section>
        <StampLine stamp=role.stamp.clone()/>
    }
}

/// The roles section of a member page: which of the club's roles the member's account holds.
#[component]
pub fn AccountRolesForm(account: AccountRoles, club: String, member: String) -> impl IntoView {
    let error = form_error_of::<AssignRoles>();
    let boxes = account
        .roles
        .iter()
        .map(|r| {
            let id = format!("role-{}", r.id);
            let staff = r.staff.then(|| view! { <span class="badge">{t(Msg::Staff)}</span> });
            view! {
                <div class="check">
                    <input type="checkbox" id=id.clone() name="roles[]" value=r.id.to_string() checked=r.held/>
                    <label for=id>{role_name(r.admin, &r.name)} " " {staff}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="roles-title">
            <h2 id="roles-title">{t(Msg::Roles)}</h2>
            <p class="muted">{Msg::AccountIs.fill(use_lang(), &[("email", &account.email)])}</p>
            <FormAlert error=error id="roles-error"/>
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=AssignRoles::PATH class="stack" data-testid="assign-roles">
                <ClubField club=club/>
                <input type="hidden" name="member" value=member/>
                <input type="hidden" name="membership" value=account.membership.to_string()/>
                <fieldset>
                    <legend>{t(Msg::RolesHeld)}</legend>
                    {boxes}
                </fieldset>
                <button type="submit" class="button">{t(Msg::SaveRoles)}</button>
            </form>
            })}
        </section>
    }
}

// ------------------------------------------------------------------ administrators

/// `/c/{club}/settings/admins`: the club's administrators; invite and remove.
#[component]
pub fn AdminsPage() -> impl IntoView {
    club_page!(
        Msg::Admins,
        get_admins,
        |a: AdminsOverview, club: String| {
            view! { <AdminsBody admins=a club=club/> }
        }
    )
}

#[component]
fn AdminsBody(admins: AdminsOverview, club: String) -> impl IntoView {
    let lang = use_lang();
    let invite_error = form_error_of::<InviteAdmin>();
    let remove_error = form_error_of::<RemoveAdmin>();
    let withdraw_error = form_error_of::<WithdrawAdminInvitation>();
    let notice = query("done").map(|d| {
        let text = match d.as_str() {
            "invited" => t(Msg::AdminInvited),
            "added" => t(Msg::AdminAddedNow),
            "withdrawn" => t(Msg::AdminInvitationWithdrawn),
            _ => t(Msg::AdminRemoved),
        };
        view! { <Notice text=text/> }
    });
    let count = admins.admins.len() as i64;
    let cap = admins
        .max_admins
        .map(|m| {
            // "1 of 3 administrators" (the noun follows the limit) but "2 administrateurs
            // sur 3" (it follows the count).
            let counted = if lang == tessera_common::Lang::Fr {
                count
            } else {
                m
            };
            Msg::plural(lang, counted, Msg::AdminCapOne, Msg::AdminCap)
                .fill(lang, &[("n", &count.to_string()), ("max", &m.to_string())])
        })
        .unwrap_or_else(|| {
            Msg::plural(lang, count, Msg::AdminNoCapOne, Msg::AdminNoCap)
                .fill(lang, &[("n", &count.to_string())])
        });
    let full = admins.max_admins.is_some_and(|m| count >= m);
    let last = count <= 1;
    let rows = admins
        .admins
        .iter()
        .map(|a| {
            let state = if a.invited {
                t(Msg::InvitationPending)
            } else {
                t(Msg::Active)
            };
            view! {
                <tr>
                    <td>{a.person.name.clone()}</td>
                    <td>{a.person.email.clone()}</td>
                    <td>{state}</td>
                    <td>{crate::components::when_short(a.stamp.at)}</td>
                    <td>
                        {if last {
                            view! { <span class="muted">{t(Msg::LastAdmin)}</span> }.into_any()
                        } else {
                            view! {
                                {crate::components::writable().then(|| view! {
                                <form method="post" action=RemoveAdmin::PATH class="inline">
                                    <ClubField club=club.clone()/>
                                    <input type="hidden" name="membership" value=a.person.membership.to_string()/>
                                    <button type="submit" class="button-quiet">{t(Msg::Remove)}</button>
                                </form>
                                })}
                            }.into_any()
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let pending_rows = admins
        .pending
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <td>{p.name.clone()}</td>
                    <td>{p.email.clone()}</td>
                    <td>{crate::components::when_short(p.invited_at)}</td>
                    <td>{crate::components::when_short(p.expires_at)}</td>
                    <td>
                        {crate::components::writable().then(|| view! {
                        <form method="post" action=WithdrawAdminInvitation::PATH class="inline">
                            <ClubField club=club.clone()/>
                            <input type="hidden" name="invitation" value=p.id.to_string()/>
                            <button type="submit" class="button-quiet">{t(Msg::AdminInvitationWithdraw)}</button>
                        </form>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let pending = (!admins.pending.is_empty()).then(|| view! {
        <section class="card" aria-labelledby="pending-title">
            <h2 id="pending-title">{t(Msg::AdminInvitationsPending)}</h2>
            <FormAlert error=withdraw_error id="withdraw-error"/>
            <div class="table-wrap" tabindex="0">
                <table data-testid="admin-invitations">
                    <thead><tr>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::Email)}</th>
                        <th scope="col">{t(Msg::AdminInvitationInvitedAt)}</th>
                        <th scope="col">{t(Msg::AdminInvitationExpires)}</th>
                        <th scope="col"><span class="visually-hidden">{t(Msg::Actions)}</span></th>
                    </tr></thead>
                    <tbody>{pending_rows}</tbody>
                </table>
            </div>
        </section>
    });
    let full_note = full.then(|| view! { <p class="notice notice-warn" data-testid="cap-reached">{t(Msg::AdminCapReached)}</p> });
    view! {
        <h1>{t(Msg::Admins)}</h1>
        <p class="muted" data-testid="admin-cap">{cap}</p>
        {notice}
        <FormAlert error=remove_error id="remove-error"/>
        <section class="card">
            <div class="table-wrap" tabindex="0">
                <table data-testid="admins">
                    <thead><tr>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::Email)}</th>
                        <th scope="col">{t(Msg::Status)}</th>
                        <th scope="col">{t(Msg::Since)}</th>
                        <th scope="col"><span class="visually-hidden">{t(Msg::Actions)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
        {pending}
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{t(Msg::InviteAdmin)}</h2>
            {full_note}
            <FormAlert error=invite_error.clone() id="invite-error"/>
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=InviteAdmin::PATH class="stack" data-testid="invite-admin">
                <ClubField club=club.clone()/>
                <label for="admin-name">{t(Msg::Name)}</label>
                <input id="admin-name" name="name" type="text" required maxlength="120" autocomplete="off"/>
                <FieldError error=field_message(&invite_error, "name") id="admin-name-error"/>
                <label for="admin-email">{t(Msg::Email)}</label>
                <input id="admin-email" name="email" type="email" required maxlength="254" autocomplete="off"/>
                <FieldError error=field_message(&invite_error, "email") id="admin-email-error"/>
                <button type="submit" class="button">{t(Msg::SendInvitation)}</button>
            </form>
            })}
        </section>
    }
}

// ------------------------------------------------------------------ terms of use

/// What a person sees of a club until they accept its latest terms of use.
#[component]
pub fn TermsGate(terms: TermsText, club: String) -> impl IntoView {
    let lang = use_lang();
    let error = form_error_of::<AcceptTerms>();
    view! {
        <Title text=t(Msg::TermsOfUse)/>
        <section class="card terms" data-testid="terms-gate" aria-labelledby="terms-title">
            <h1 id="terms-title">{t(Msg::TermsOfUse)}</h1>
            <p class="muted">{Msg::TermsVersion.fill(lang, &[("n", &terms.number.to_string()), ("date", &terms.published_at.format_date_in(&crate::components::use_time_zone(), lang, tessera_common::time::DateStyle::Long))])}</p>
            <p>{t(Msg::TermsAcceptFirst)}</p>
            <div class="terms-text" data-testid="terms-text">{terms.body.clone()}</div>
            <FormAlert error=error id="terms-error"/>
            <form method="post" action=AcceptTerms::PATH>
                <ClubField club=club/>
                <input type="hidden" name="number" value=terms.number.to_string()/>
                <button type="submit" class="button" data-testid="accept-terms">{t(Msg::AcceptTerms)}</button>
            </form>
        </section>
    }
}

/// `/c/{club}/settings/terms`: the current terms, who accepted them, a new version.
#[component]
pub fn TermsPage() -> impl IntoView {
    club_page!(
        Msg::TermsOfUse,
        get_terms_settings,
        |s: TermsSettings, club: String| {
            view! { <TermsBody settings=s club=club/> }
        }
    )
}

#[component]
fn TermsBody(settings: TermsSettings, club: String) -> impl IntoView {
    let lang = use_lang();
    let error = form_error_of::<PublishTerms>();
    let current = match settings.current.clone() {
        Some(t) => view! {
            <p class="muted" data-testid="terms-accepted">{(if settings.people == 1 { Msg::TermsAcceptedOne } else { Msg::TermsAccepted }).fill(lang, &[("n", &settings.accepted.to_string()), ("total", &settings.people.to_string())])}</p>
            <p class="muted">{Msg::TermsVersion.fill(lang, &[("n", &t.number.to_string()), ("date", &t.published_at.format_date_in(&crate::components::use_time_zone(), lang, tessera_common::time::DateStyle::Long))])}</p>
            <div class="terms-text">{t.body.clone()}</div>
            <StampLine stamp=t.stamp.clone()/>
        }
        .into_any(),
        None => view! { <p class="muted">{t(Msg::NoTermsYet)}</p> }.into_any(),
    };
    let draft = settings
        .current
        .as_ref()
        .map(|t| t.body.clone())
        .unwrap_or_default();
    view! {
        <h1>{t(Msg::TermsOfUse)}</h1>
        <section class="card" aria-labelledby="current-terms">
            <h2 id="current-terms">{t(Msg::CurrentTerms)}</h2>
            {current}
        </section>
        <section class="card" aria-labelledby="new-terms">
            <h2 id="new-terms">{t(Msg::PublishNewTerms)}</h2>
            <p class="muted">{t(Msg::PublishTermsHelp)}</p>
            <FormAlert error=error.clone() id="terms-error"/>
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=PublishTerms::PATH class="stack" data-testid="terms-form">
                <ClubField club=club/>
                <label for="terms-body">{t(Msg::TermsText)}</label>
                <TextArea id="terms-body" name="body" rows=12 required=true maxlength=20000 value=draft/>
                <FieldError error=field_message(&error, "body") id="terms-body-error"/>
                <button type="submit" class="button">{t(Msg::PublishTerms)}</button>
            </form>
            })}
        </section>
    }
}

// ------------------------------------------------------------------ look & feel

/// `/c/{club}/settings/look`: display name, logo, colours, default language.
#[component]
pub fn LookPage() -> impl IntoView {
    club_page!(
        Msg::LookAndFeel,
        get_look,
        |l: LookSettings, club: String| {
            view! { <LookBody look=l club=club/> }
        }
    )
}

fn contrast_note(color: &str, text: &str) -> String {
    let lang = use_lang();
    contrast_ratio(color, text)
        .map(|r| Msg::ContrastIs.fill(lang, &[("ratio", &format!("{r:.1}"))]))
        .unwrap_or_default()
}

#[component]
fn LookBody(look: LookSettings, club: String) -> impl IntoView {
    let error = form_error_of::<UpdateLook>();
    let logo_error = crate::components::query_error("logo_error");
    let remove_error = form_error_of::<RemoveLogo>();
    let notice = query("done").map(|d| {
        let text = match d.as_str() {
            "logo" => t(Msg::LogoSaved),
            "logo_removed" => t(Msg::LogoRemoved),
            _ => t(Msg::Saved),
        };
        view! { <Notice text=text/> }
    });
    let logo = match look.logo.clone() {
        Some(src) => view! {
            <img class="logo-preview" src=src alt=t(Msg::CurrentLogo) data-testid="logo-preview"/>
            {crate::components::writable().then(|| view! {
            <form method="post" action=RemoveLogo::PATH class="logo-remove">
                <ClubField club=club.clone()/>
                <button type="submit" class="button-quiet">{t(Msg::RemoveLogo)}</button>
            </form>
            })}
        }
        .into_any(),
        None => view! { <p class="muted">{t(Msg::NoLogo)}</p> }.into_any(),
    };
    let upload = format!("/c/{club}/settings/look/logo");
    let langs = Lang::ALL
        .into_iter()
        .map(|l| {
            view! { <option value=l.code() selected=l.code() == look.default_lang>{l.native_name()}</option> }
        })
        .collect_view();
    let logo_alert = logo_error.map(|e| {
        #[cfg(feature = "ssr")]
        crate::ssr::set_error_status(&e);
        let e = e.text(use_lang());
        view! { <p id="logo-error" class="form-error" role="alert" data-testid="logo-error">{e}</p> }
    });
    view! {
        <h1>{t(Msg::LookAndFeel)}</h1>
        {notice}
        <section class="card" aria-labelledby="logo-title">
            <h2 id="logo-title">{t(Msg::Logo)}</h2>
            {logo}
            <FormAlert error=remove_error id="remove-logo-error"/>
            {logo_alert}
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=upload enctype="multipart/form-data" class="stack" data-testid="logo-upload">
                <label for="logo-file">{t(Msg::ChooseLogo)}</label>
                <input id="logo-file" name="logo" type="file" accept="image/png,image/jpeg,image/svg+xml" required
                    aria-describedby="logo-help"/>
                <p id="logo-help" class="muted">{t(Msg::LogoHelp)}</p>
                <button type="submit" class="button">{t(Msg::UploadLogo)}</button>
            </form>
            })}
        </section>
        <section class="card" aria-labelledby="look-title">
            <h2 id="look-title">{t(Msg::NameColoursLanguage)}</h2>
            <FormAlert error=error.clone() id="look-error"/>
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=UpdateLook::PATH class="stack" data-testid="look-form">
                <ClubField club=club.clone()/>
                <input type="hidden" name="version" value=look.version.to_string()/>
                <label for="look-name">{t(Msg::DisplayName)}</label>
                <input id="look-name" name="name" type="text" required maxlength="120" value=look.name.clone()/>
                <FieldError error=field_message(&error, "name") id="look-name-error"/>
                <label for="look-primary">{t(Msg::PrimaryColour)}</label>
                <div class="colour-row">
                    <input id="look-primary" name="primary_color" type="color" value=look.primary_color.clone()
                        aria-describedby="look-primary-help"/>
                    <span class="swatch" style=format!("background:{};color:{TEXT_ON_PRIMARY}", look.primary_color)>"Aa"</span>
                    <span id="look-primary-help" class="muted">{t(Msg::PrimaryHelp)} " " {contrast_note(&look.primary_color, TEXT_ON_PRIMARY)}</span>
                </div>
                <FieldError error=field_message(&error, "primary_color") id="look-primary-error"/>
                <label for="look-accent">{t(Msg::AccentColour)}</label>
                <div class="colour-row">
                    <input id="look-accent" name="accent_color" type="color" value=look.accent_color.clone()
                        aria-describedby="look-accent-help"/>
                    <span class="swatch" style=format!("background:{};color:{TEXT_ON_ACCENT}", look.accent_color)>"Aa"</span>
                    <span id="look-accent-help" class="muted">{t(Msg::AccentHelp)} " " {contrast_note(&look.accent_color, TEXT_ON_ACCENT)}</span>
                </div>
                <FieldError error=field_message(&error, "accent_color") id="look-accent-error"/>
                <label for="look-lang">{t(Msg::DefaultLanguage)}</label>
                <select id="look-lang" name="default_lang">{langs}</select>
                <FieldError error=field_message(&error, "default_lang") id="look-lang-error"/>
                <button type="submit" class="button">{t(Msg::Save)}</button>
            </form>
            })}
        </section>
        <StampLine stamp=look.stamp.clone()/>
    }
}
