use crate::api::{
    get_admin_overview, AssignPlan, CreateTenant, InviteTenantAdmin, SetTenantStatus,
};
use crate::components::{
    field_message, form_error_of, query, ErrorView, FieldError, FormAlert, Loading, Notice,
    PageFrame, StampLine,
};
use crate::i18n::use_lang;
use crate::pages::landing::kind_label;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use tessera_common::dto::{AdminOverview, PlanInfo, TenantKind};
use tessera_common::modules::Module;
use tessera_common::{Lang, Msg};

/// `/admin`: the operator console: every tenant with its plan, status and usage counts
/// (licensing); creating tenants, suspending and reactivating them, assigning plans.
#[component]
pub fn AdminPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_overview());
    view! {
        <Title text=t(Msg::Overview)/>
        <PageFrame>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => view! { <AdminBody overview=o/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

fn plan_modules(p: &PlanInfo) -> String {
    let lang = use_lang();
    if p.modules.is_empty() {
        return t(Msg::CoreModulesOnly).to_string();
    }
    p.modules
        .iter()
        .map(|m| {
            Module::by_id(m)
                .map(|d| d.name.get(lang).to_string())
                .unwrap_or_else(|| m.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn AdminBody(overview: AdminOverview) -> impl IntoView {
    let lang = use_lang();
    let manage = overview.can_manage;
    let notice = query("done").map(|d| {
        let text = match d.as_str() {
            "created" => t(Msg::TenantCreated),
            "suspended" => t(Msg::TenantSuspended),
            "reactivated" => t(Msg::TenantReactivated),
            "plan" => t(Msg::PlanAssigned),
            "invited" => t(Msg::AdminInvited),
            "contract" => t(Msg::ContractEndedDone),
            "affiliation" => t(Msg::AffDone),
            _ => t(Msg::Saved),
        };
        view! { <Notice text=text/> }
    });
    let row_errors = [
        form_error_of::<SetTenantStatus>(),
        form_error_of::<AssignPlan>(),
    ]
    .into_iter()
    .flatten()
    .next();
    let plans = overview.plans.clone();
    let rows = overview
        .tenants
        .iter()
        .map(|r| {
            let plan_cell = if r.kind == TenantKind::Club && manage {
                let options = plans
                    .iter()
                    .map(|p| {
                        let selected = r.plan.as_deref() == Some(p.name.as_str());
                        view! { <option value=p.id.clone() selected=selected>{p.name.clone()}</option> }
                    })
                    .collect_view();
                let id = format!("plan-{}", r.slug);
                view! {
                    <form method="post" action=AssignPlan::PATH class="inline-form">
                        <input type="hidden" name="slug" value=r.slug.clone()/>
                        <label for=id.clone() class="visually-hidden">{t(Msg::Plan)}</label>
                        <select id=id name="plan">{options}</select>
                        <button type="submit" class="button-quiet">{t(Msg::Assign)}</button>
                    </form>
                }
                .into_any()
            } else {
                view! { {r.plan.clone().unwrap_or_else(|| "—".into())} }.into_any()
            };
            let active = r.status == "active";
            let status_label = if active { t(Msg::Active) } else { t(Msg::Suspended) };
            let status_action = manage.then(|| {
                let (value, label) = if active {
                    ("no", t(Msg::Suspend))
                } else {
                    ("yes", t(Msg::Reactivate))
                };
                view! {
                    <form method="post" action=SetTenantStatus::PATH class="inline">
                        <input type="hidden" name="slug" value=r.slug.clone()/>
                        <input type="hidden" name="active" value=value/>
                        <button type="submit" class="button-quiet" data-testid=format!("status-{}", r.slug)>{label}</button>
                    </form>
                }
            });
            let trial = r.trial_ends_at.map(crate::components::when_short).unwrap_or_default();
            view! {
                <tr data-testid=format!("tenant-{}", r.slug)>
                    <td>{r.name.clone()} <br/><span class="muted">{r.slug.clone()}</span></td>
                    <td>{kind_label(r.kind)}</td>
                    <td>{r.parent.clone().unwrap_or_default()}</td>
                    <td>{plan_cell}</td>
                    <td>{trial}</td>
                    <td><span class=if active { "badge badge-on" } else { "badge" }>{status_label}</span> {status_action}
                        {crate::pages::retention::contract_cell(&r.contract).map(|c| view! { <br/><span class="muted" data-testid=format!("contract-{}", r.slug)>{t(Msg::ContractColumn)} ": " {c}</span> })}</td>
                    <td class="num">{r.members}</td>
                    <td class="num">{r.users}</td>
                </tr>
            }
        })
        .collect_view();
    let plan_rows = overview
        .plans
        .iter()
        .map(|p| {
            let cap = p
                .max_admins
                .map(|m| m.to_string())
                .unwrap_or_else(|| t(Msg::NoLimit).to_string());
            let trial = p
                .trial_days
                .map(|d| Msg::plural(lang, d, Msg::TrialDaysOne, Msg::TrialDays).fill(lang, &[("n", &d.to_string())]))
                .unwrap_or_else(|| "—".into());
            view! {
                <tr><td>{p.name.clone()}</td><td>{plan_modules(p)}</td><td class="num">{cap}</td><td>{trial}</td></tr>
            }
        })
        .collect_view();
    let federations: Vec<(String, String)> = overview
        .tenants
        .iter()
        .filter(|r| r.kind == TenantKind::Federation)
        .map(|r| (r.slug.clone(), r.name.clone()))
        .collect();
    let tenants: Vec<(String, String)> = overview
        .tenants
        .iter()
        .map(|r| (r.slug.clone(), r.name.clone()))
        .collect();
    let clubs: Vec<(String, String)> = overview
        .tenants
        .iter()
        .filter(|r| r.kind == TenantKind::Club && r.contract.is_none())
        .map(|r| (r.slug.clone(), r.name.clone()))
        .collect();
    let all_clubs: Vec<(String, String)> = overview
        .tenants
        .iter()
        .filter(|r| r.kind == TenantKind::Club)
        .map(|r| (r.slug.clone(), r.name.clone()))
        .collect();
    let manage_forms = manage.then(|| {
        view! {
            <CreateTenantForm plans=overview.plans.clone() federations=federations.clone()/>
            <AffiliationForm federations=federations clubs=all_clubs/>
            <InviteAdminForm tenants=tenants/>
            <crate::pages::retention::EndContractForm clubs=clubs/>
        }
    });
    view! {
        <h1>{t(Msg::Overview)}</h1>
        {manage.then(|| view! { <p><a href="/admin/privacy" data-testid="admin-privacy-link">{t(Msg::OpPrivacyLink)}</a></p> })}
        {notice}
        <FormAlert error=row_errors id="tenant-error"/>
        <section class="card" aria-labelledby="tenants-title">
            <h2 id="tenants-title">{t(Msg::Tenants)}</h2>
            <div class="table-wrap" tabindex="0">
                <table data-testid="tenants">
                    <thead><tr>
                        <th scope="col">{t(Msg::Name)}</th>
                        <th scope="col">{t(Msg::Kind)}</th>
                        <th scope="col">{t(Msg::Parent)}</th>
                        <th scope="col">{t(Msg::Plan)}</th>
                        <th scope="col">{t(Msg::TrialUntil)}</th>
                        <th scope="col">{t(Msg::Status)}</th>
                        <th scope="col" class="num">{t(Msg::MemberCount)}</th>
                        <th scope="col" class="num">{t(Msg::Users)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
        {manage_forms}
        <crate::pages::usage::UsageSection manage=manage/> // templates (usage)
        <section class="card" aria-labelledby="plans-title">
            <h2 id="plans-title">{t(Msg::Plans)}</h2>
            <div class="table-wrap" tabindex="0">
                <table data-testid="plans">
                    <thead><tr>
                        <th scope="col">{t(Msg::Plan)}</th>
                        <th scope="col">{t(Msg::Modules)}</th>
                        <th scope="col" class="num">{t(Msg::Admins)}</th>
                        <th scope="col">{t(Msg::Trial)}</th>
                    </tr></thead>
                    <tbody>{plan_rows}</tbody>
                </table>
            </div>
        </section>
        <StampLine stamp=overview.stamp/>
    }
}

#[component]
fn CreateTenantForm(plans: Vec<PlanInfo>, federations: Vec<(String, String)>) -> impl IntoView {
    let error = form_error_of::<CreateTenant>();
    let fe = move |f: &str| field_message(&error, f);
    let plan_options = plans
        .into_iter()
        .map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> })
        .collect_view();
    let parents = federations
        .into_iter()
        .map(|(slug, name)| view! { <option value=slug>{name}</option> })
        .collect_view();
    let langs = Lang::ALL
        .into_iter()
        .map(|l| view! { <option value=l.code() selected=l == Lang::Nl>{l.native_name()}</option> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="create-title">
            <h2 id="create-title">{t(Msg::CreateTenant)}</h2>
            <FormAlert error={form_error_of::<CreateTenant>()} id="create-error"/>
            <form method="post" action=CreateTenant::PATH class="stack" data-testid="create-tenant">
                <label for="t-kind">{t(Msg::Kind)}</label>
                <select id="t-kind" name="kind">
                    <option value="club">{t(Msg::KindClub)}</option>
                    <option value="federation">{t(Msg::KindFederation)}</option>
                </select>
                <label for="t-name">{t(Msg::Name)}</label>
                <input id="t-name" name="name" type="text" required maxlength="120"/>
                <FieldError error=fe("name") id="t-name-error"/>
                <label for="t-slug">{t(Msg::WebAddress)}</label>
                <input id="t-slug" name="slug" type="text" required pattern="[a-z0-9]+(-[a-z0-9]+)*" minlength="2" maxlength="63"
                    aria-describedby="t-slug-help"/>
                <p id="t-slug-help" class="muted">{t(Msg::SlugHelp)}</p>
                <FieldError error=fe("slug") id="t-slug-error"/>
                <label for="t-parent">{t(Msg::Federation)}</label>
                <select id="t-parent" name="parent">
                    <option value="">{t(Msg::NoFederation)}</option>
                    {parents}
                </select>
                <FieldError error=fe("parent") id="t-parent-error"/>
                <label for="t-plan">{t(Msg::Plan)}</label>
                <select id="t-plan" name="plan">{plan_options}</select>
                <FieldError error=fe("plan") id="t-plan-error"/>
                <label for="t-city">{t(Msg::City)}</label>
                <input id="t-city" name="city" type="text" maxlength="120"/>
                <label for="t-lang">{t(Msg::DefaultLanguage)}</label>
                <select id="t-lang" name="default_lang">{langs}</select>
                <fieldset>
                    <legend>{t(Msg::FirstAdmin)}</legend>
                    <label for="t-admin-name">{t(Msg::Name)}</label>
                    <input id="t-admin-name" name="admin_name" type="text" maxlength="120"/>
                    <FieldError error=fe("admin_name") id="t-admin-name-error"/>
                    <label for="t-admin-email">{t(Msg::Email)}</label>
                    <input id="t-admin-email" name="admin_email" type="email" maxlength="254"/>
                    <FieldError error=fe("admin_email") id="t-admin-email-error"/>
                </fieldset>
                <button type="submit" class="button">{t(Msg::CreateTenant)}</button>
            </form>
        </section>
    }
}

#[component]
fn InviteAdminForm(tenants: Vec<(String, String)>) -> impl IntoView {
    let error = form_error_of::<InviteTenantAdmin>();
    let options = tenants
        .into_iter()
        .map(|(slug, name)| view! { <option value=slug>{name}</option> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{t(Msg::InviteTenantAdmin)}</h2>
            <FormAlert error=error.clone() id="invite-error"/>
            <form method="post" action=InviteTenantAdmin::PATH class="stack" data-testid="invite-tenant-admin">
                <label for="i-slug">{t(Msg::Tenant)}</label>
                <select id="i-slug" name="slug">{options}</select>
                <label for="i-name">{t(Msg::Name)}</label>
                <input id="i-name" name="name" type="text" required maxlength="120"/>
                <FieldError error=field_message(&error, "name") id="i-name-error"/>
                <label for="i-email">{t(Msg::Email)}</label>
                <input id="i-email" name="email" type="email" required maxlength="254"/>
                <FieldError error=field_message(&error, "email") id="i-email-error"/>
                <button type="submit" class="button">{t(Msg::SendInvitation)}</button>
            </form>
        </section>
    }
}

// affiliations
/// The operator sets or ends an affiliation directly.
#[component]
fn AffiliationForm(
    federations: Vec<(String, String)>,
    clubs: Vec<(String, String)>,
) -> impl IntoView {
    let error = form_error_of::<crate::api::SetAffiliation>();
    let options = |list: Vec<(String, String)>| {
        list.into_iter()
            .map(|(slug, name)| view! { <option value=slug>{name}</option> })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="affiliation-title">
            <h2 id="affiliation-title">{t(Msg::AffOperatorTitle)}</h2>
            <p class="muted">{t(Msg::AffOperatorHelp)}</p>
            <FormAlert error=error.clone() id="affiliation-error"/>
            <form method="post" action=crate::api::SetAffiliation::PATH class="stack" data-testid="set-affiliation">
                <label for="a-federation">{t(Msg::Federation)}</label>
                <select id="a-federation" name="federation">{options(federations)}</select>
                <FieldError error=field_message(&error, "federation") id="a-federation-error"/>
                <label for="a-club">{t(Msg::Club)}</label>
                <select id="a-club" name="club">{options(clubs)}</select>
                <FieldError error=field_message(&error, "club") id="a-club-error"/>
                <button type="submit" class="button" name="active" value="yes">{t(Msg::AffOperatorSet)}</button>
                <button type="submit" class="button-quiet" name="active" value="no">{t(Msg::AffOperatorEnd)}</button>
            </form>
        </section>
    }
}
