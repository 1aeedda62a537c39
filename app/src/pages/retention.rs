//! Retention (issue 17): `/c/{club}/privacy/retention`, the club's retention policy with
//! what the next run of the daily job would do and the latest runs (`privacy.manage`), and
//! the notice of a club whose contract the operator ended, with the export bundle's button
//! for its administrators (shown in the club's frame).

use crate::api::{get_retention, SaveRetention};
use crate::components::{
    field_message, form_error_of, query, ClubField, ErrorView, FieldError, FormAlert, Loading,
    Notice, StampLine,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use tessera_common::dto::{
    ContractEnd, RetentionPage, RetentionPreview, RetentionRule, RetentionRules, RetentionRun,
};
use tessera_common::time::{format_date_text, DateStyle};
use tessera_common::Msg;

#[component]
pub fn RetentionPolicyPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_retention);
    view! {
        <Title text=t(Msg::RetentionTitle)/>
        <h1>{t(Msg::RetentionTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <RetentionBody page=p club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn rule_text(rule: RetentionRule) -> Msg {
    match rule {
        RetentionRule::EndedMember => Msg::RuleEndedMember,
        RetentionRule::Application => Msg::RuleApplication,
        RetentionRule::Invitation => Msg::RuleInvitation,
        RetentionRule::Event => Msg::RuleEvent,
    }
}

fn rule_short(rule: RetentionRule) -> &'static str {
    t(match rule {
        RetentionRule::EndedMember => Msg::RuleShortMember,
        RetentionRule::Application => Msg::RuleShortApplication,
        RetentionRule::Invitation => Msg::RuleShortInvitation,
        RetentionRule::Event => Msg::RuleEvent,
    })
}

#[component]
fn RetentionBody(page: RetentionPage, club: String) -> impl IntoView {
    let error = form_error_of::<SaveRetention>();
    let notice = query("done").map(|_| view! { <Notice text=t(Msg::RetentionSaved)/> });
    let lang = use_lang();
    let r = page.rules;
    let fields: Vec<(&'static str, Msg, i64)> = vec![
        ("member_months", Msg::RetentionMemberMonths, r.member_months),
        (
            "application_days",
            Msg::RetentionApplicationDays,
            r.application_days,
        ),
        ("link_days", Msg::RetentionLinkDays, r.link_days),
        ("event_months", Msg::RetentionEventMonths, r.event_months),
    ];
    let inputs = fields
        .into_iter()
        .map(|(name, label, value)| {
            let (_, min, max) = RetentionRules::BOUNDS
                .iter()
                .find(|(f, _, _)| *f == name)
                .copied()
                .unwrap_or((name, 1, 1));
            let id = format!("ret-{name}");
            let help = format!("{id}-help");
            let err = field_message(&error, name);
            let described = if err.is_some() {
                format!("{help} {id}-error")
            } else {
                help.clone()
            };
            view! {
                <label for=id.clone()>{t(label)}</label>
                <input id=id.clone() name=name type="number" inputmode="numeric" required
                    min=min.to_string() max=max.to_string() value=value.to_string()
                    aria-describedby=described aria-invalid=err.is_some().then_some("true")/>
                <p id=help class="muted">{Msg::RetentionRangeHelp.fill(lang, &[("min", &min.to_string()), ("max", &max.to_string())])}</p>
                <FieldError error=err id=format!("{id}-error")/>
            }
        })
        .collect_view();
    let stamp = match page.stamp.clone() {
        Some(s) => view! { <StampLine stamp=s/> }.into_any(),
        None => view! { <p class="muted" data-testid="retention-defaults">{t(Msg::RetentionDefaults)}</p> }.into_any(),
    };
    view! {
        {notice}
        <p class="lead">{t(Msg::RetentionIntro)}</p>
        <section class="card" aria-labelledby="policy-title">
            <h2 id="policy-title">{t(Msg::RetentionPolicy)}</h2>
            <FormAlert error=error.clone() id="retention-error"/>
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
                <form method="post" action=SaveRetention::PATH class="stack" data-testid="retention-form" novalidate>
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="version" value=page.version.to_string()/>
                    {inputs}
                    <button type="submit" class="button">{t(Msg::RetentionSave)}</button>
                </form>
            })}
            {stamp}
        </section>
        <DryRun preview=page.preview club=club.clone()/>
        <Runs runs=page.runs/>
    }
}

#[component]
fn DryRun(preview: RetentionPreview, club: String) -> impl IntoView {
    let lang = use_lang();
    let nothing = preview.counts.iter().all(|c| c.1 == 0);
    let counts = preview
        .counts
        .iter()
        .map(|(rule, n, since)| {
            let text = rule_text(*rule).fill(
                lang,
                &[("date", &format_date_text(since, lang, DateStyle::Long))],
            );
            view! {
                <tr>
                    <td>{text}</td>
                    <td class="num" data-testid=format!("dry-count-{rule:?}")>{*n}</td>
                </tr>
            }
        })
        .collect_view();
    let items = (!preview.items.is_empty()).then(|| {
        let rows = preview
            .items
            .iter()
            .map(|i| {
                let label = if i.label.is_empty() { "—".to_string() } else { i.label.clone() };
                let record = if i.rule == RetentionRule::EndedMember {
                    let href = format!("/c/{club}/members/{}", i.id);
                    view! { <a href=href>{label}</a> }.into_any()
                } else {
                    view! { <span>{label}</span> }.into_any()
                };
                view! {
                    <tr>
                        <td>{rule_short(i.rule)}</td>
                        <td class="wrap">{record}</td>
                        <td>{format_date_text(&i.since, lang, DateStyle::Short)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3>{t(Msg::DryRunRecords)}</h3>
            <div class="table-wrap" tabindex="0">
                <table data-testid="dry-run-items">
                    <thead><tr>
                        <th scope="col">{t(Msg::DryRunRule)}</th>
                        <th scope="col">{t(Msg::DryRunRecord)}</th>
                        <th scope="col">{t(Msg::DryRunSince)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="muted">{Msg::DryRunMore.fill(lang, &[("n", &RetentionPreview::LISTED.to_string())])}</p>
        }
    });
    view! {
        <section class="card" aria-labelledby="dry-title" data-testid="dry-run">
            <h2 id="dry-title">{t(Msg::DryRunTitle)}</h2>
            <p class="muted">{t(Msg::DryRunIntro)}</p>
            {nothing.then(|| view! { <p data-testid="dry-run-nothing">{t(Msg::DryRunNothing)}</p> })}
            <div class="table-wrap" tabindex="0">
                <table data-testid="dry-run-counts">
                    <thead><tr>
                        <th scope="col">{t(Msg::DryRunRule)}</th>
                        <th scope="col" class="num">{t(Msg::RetentionCount)}</th>
                    </tr></thead>
                    <tbody>{counts}</tbody>
                </table>
            </div>
            {items}
        </section>
    }
}

#[component]
fn Runs(runs: Vec<RetentionRun>) -> impl IntoView {
    let body = if runs.is_empty() {
        view! { <p class="muted">{t(Msg::RetentionNoRuns)}</p> }.into_any()
    } else {
        let rows = runs
            .into_iter()
            .map(|r| {
                let finished = match r.finished_at {
                    Some(at) => crate::components::when_short(at),
                    None => t(Msg::RunUnfinished).to_string(),
                };
                view! {
                    <tr>
                        <td>{crate::components::when_short(r.started_at)}</td>
                        <td>{finished}</td>
                        <td class="num">{r.members_anonymised}</td>
                        <td class="num">{r.applications_removed}</td>
                        <td class="num">{r.links_removed}</td>
                        <td class="num">{r.events_removed}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="retention-runs">
                    <thead><tr>
                        <th scope="col">{t(Msg::RunStarted)}</th>
                        <th scope="col">{t(Msg::RunFinished)}</th>
                        <th scope="col" class="num">{t(Msg::MembersAnonymised)}</th>
                        <th scope="col" class="num">{t(Msg::ApplicationsRemoved)}</th>
                        <th scope="col" class="num">{t(Msg::InvitationsRemoved)}</th>
                        <th scope="col" class="num">{t(Msg::EventsRemoved)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="runs-title">
            <h2 id="runs-title">{t(Msg::RetentionRuns)}</h2>
            {body}
        </section>
    }
}

/// The banner of a club whose contract the operator ended: before the end day, when it
/// ends; from then on, that it is read-only and when it is deleted. Administrators get the
/// button for the export bundle.
#[component]
pub fn ContractBanner(
    contract: ContractEnd,
    ended: bool,
    admin: bool,
    club: String,
) -> impl IntoView {
    let lang = use_lang();
    let day = |d: &str| format_date_text(d, lang, DateStyle::Long);
    let text = if ended {
        view! {
            <strong>{t(Msg::ContractEndedTitle)}</strong> " "
            {Msg::ContractEndedText.fill(lang, &[("date", &day(&contract.deletion_on))])}
        }
        .into_any()
    } else {
        view! {
            {Msg::ContractEndsText.fill(lang, &[("end", &day(&contract.ends_on)), ("date", &day(&contract.deletion_on))])}
        }
        .into_any()
    };
    let action = format!("/c/{club}/privacy/bundle.zip");
    view! {
        <div class="banner banner-readonly" role="status" data-testid="contract-banner">
            {text} " "
            {admin.then(|| view! {
                <form method="post" action=action class="inline" data-testid="bundle-form">
                    <button type="submit" class="button-quiet">{t(Msg::BundleDownload)}</button>
                </form>
            })}
        </div>
    }
}

/// On the operator's console: end a club's contract (a club, its last day, the delay
/// before its deletion).
#[component]
pub fn EndContractForm(clubs: Vec<(String, String)>) -> impl IntoView {
    use crate::api::EndContract;
    let error = form_error_of::<EndContract>();
    let options = clubs
        .into_iter()
        .map(|(slug, name)| view! { <option value=slug>{name}</option> })
        .collect_view();
    let end_err = field_message(&error, "end_on");
    let delay_err = field_message(&error, "delay_days");
    view! {
        <section class="card" aria-labelledby="contract-title">
            <h2 id="contract-title">{t(Msg::EndContract)}</h2>
            <p class="muted" id="contract-help">{t(Msg::EndContractHelp)}</p>
            <FormAlert error=error.clone() id="contract-error"/>
            <form method="post" action=EndContract::PATH class="stack" data-testid="end-contract" novalidate>
                <label for="c-slug">{t(Msg::Club)}</label>
                <select id="c-slug" name="slug">{options}</select>
                <label for="c-end">{t(Msg::ContractEndOn)}</label>
                <input id="c-end" name="end_on" type="date" required
                    aria-invalid=end_err.is_some().then_some("true")
                    aria-describedby=end_err.is_some().then_some("c-end-error")/>
                <FieldError error=end_err id="c-end-error"/>
                <label for="c-delay">{t(Msg::DeletionDelayDays)}</label>
                <input id="c-delay" name="delay_days" type="number" inputmode="numeric" min="0" max="184" value="90" required
                    aria-invalid=delay_err.is_some().then_some("true")
                    aria-describedby=delay_err.is_some().then_some("c-delay-error")/>
                <FieldError error=delay_err id="c-delay-error"/>
                <button type="submit" class="button">{t(Msg::EndContractButton)}</button>
            </form>
        </section>
    }
}

/// The contract cell of a club on the operator's console, once its contract was ended.
pub fn contract_cell(contract: &Option<ContractEnd>) -> Option<String> {
    let lang = use_lang();
    contract.as_ref().map(|c| {
        Msg::ContractCell.fill(
            lang,
            &[
                ("end", &format_date_text(&c.ends_on, lang, DateStyle::Short)),
                (
                    "date",
                    &format_date_text(&c.deletion_on, lang, DateStyle::Short),
                ),
            ],
        )
    })
}
