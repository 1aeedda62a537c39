//! Importing members from a CSV file: `/c/{club}/members/import` (upload) and
//! `/c/{club}/members/import/{id}` (map the columns, read the report per row, import all or
//! nothing, follow the progress). Plain forms; while an import runs the page refreshes
//! itself, so it works without JavaScript.

use crate::api::{get_import, MapImport, StartImport};
use crate::components::{
    form_error_of, query, ClubField, ErrorView, FieldError, FormAlert, Loading,
};
use crate::i18n::use_lang;
use crate::islands::{ImportLabels, ImportLivePreview};
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use tessera_common::dto::{ImportJob, ImportPreview};
use tessera_common::{AppError, Msg};

fn target_label(key: &str) -> String {
    let m = match key {
        "given_name" => Msg::GivenName,
        "family_name" => Msg::FamilyName,
        "birth_date" => Msg::BirthDate,
        "gender" => Msg::Gender,
        "email" => Msg::Email,
        "phone" => Msg::Phone,
        "street" => Msg::Street,
        "postcode" => Msg::Postcode,
        "city" => Msg::City,
        "membership_type" => Msg::MembershipType,
        "season" => Msg::Season,
        "status" => Msg::Status,
        "joined_on" => Msg::JoinedOn,
        "ended_on" => Msg::EndedOn,
        "ignore" => Msg::DoNotImport,
        other => return other.to_string(),
    };
    t(m).to_string()
}

/// `/c/{club}/members/import`.
#[component]
pub fn ImportPage() -> impl IntoView {
    let club = use_club();
    let error = crate::components::query_error("file_error").map(|e| {
        #[cfg(feature = "ssr")]
        crate::ssr::set_error_status(&e);
        let e = e.text(crate::i18n::use_lang());
        view! { <p id="file-error" class="form-error" role="alert" data-testid="file-error">{e}</p> }
    });
    let action = move || format!("/c/{}/members/import", club.get());
    let back = move || format!("/c/{}/members", club.get());
    view! {
        <Title text=t(Msg::ImportMembers)/>
        <p><a href=back>"← " {t(Msg::MemberList)}</a></p>
        <h1>{t(Msg::ImportMembers)}</h1>
        <p class="muted">{t(Msg::ImportIntro)}</p>
        <section class="card">
            {error}
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=action enctype="multipart/form-data" class="stack" data-testid="import-upload">
                <label for="import-file">{t(Msg::ChooseCsv)}</label>
                <input id="import-file" name="file" type="file" accept=".csv,text/csv" required
                    aria-describedby="import-help"/>
                <p id="import-help" class="muted">{t(Msg::ImportFileHelp)}</p>
                <button type="submit" class="button">{t(Msg::Upload)}</button>
            </form>
            })}
        </section>
    }
}

/// `/c/{club}/members/import/{id}`.
#[component]
pub fn ImportJobPage() -> impl IntoView {
    let club = use_club();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            (
                club.get(),
                params.read().get("id").unwrap_or_default(),
                query("preview").unwrap_or_default(),
            )
        },
        |(c, id, p)| get_import(c, id, p),
    );
    view! {
        <Title text=t(Msg::ImportMembers)/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(j) => view! { <ImportBody job=j club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ImportBody(job: ImportJob, club: String) -> impl IntoView {
    let lang = use_lang();
    let back = format!("/c/{club}/members");
    let map_error = form_error_of::<MapImport>();
    let start_error = form_error_of::<StartImport>();
    let summary = Msg::plural(
        lang,
        job.rows as i64,
        Msg::ImportFileSummaryOne,
        Msg::ImportFileSummary,
    )
    .fill(
        lang,
        &[("file", &job.file_name), ("rows", &job.rows.to_string())],
    );
    let state = match job.status.as_str() {
        "running" => {
            let (done, total) = job.progress.unwrap_or((0, 0));
            let text = Msg::plural(
                lang,
                total as i64,
                Msg::ImportProgressOne,
                Msg::ImportProgress,
            )
            .fill(
                lang,
                &[("done", &done.to_string()), ("total", &total.to_string())],
            );
            view! {
                <Meta http_equiv="refresh" content="1"/>
                <section class="card" data-testid="import-running">
                    <label for="import-progress">{text.clone()}</label>
                    <progress id="import-progress" max=total.max(1).to_string() value=done.to_string()>{text}</progress>
                </section>
            }
            .into_any()
        }
        "done" => {
            let (added, skipped) = (job.added.unwrap_or(0), job.skipped.unwrap_or(0));
            let added = Msg::plural(lang, added, Msg::ImportAddedOne, Msg::ImportAddedOther)
                .fill(lang, &[("n", &added.to_string())]);
            let skipped = Msg::plural(
                lang,
                skipped,
                Msg::ImportSkippedOne,
                Msg::ImportSkippedOther,
            )
            .fill(lang, &[("n", &skipped.to_string())]);
            let text = Msg::ImportDoneOf.fill(lang, &[("added", &added), ("skipped", &skipped)]);
            view! {
                <div class="notice" role="status" data-testid="import-done">{text}</div>
                <p><a class="button" href=back.clone()>{t(Msg::MemberList)}</a></p>
            }
            .into_any()
        }
        _ => {
            let failed = job.error.clone().map(|e| {
                let e = AppError::from_json(&e)
                    .map(|e| e.text(use_lang()))
                    .unwrap_or(e);
                view! { <p class="form-error" role="alert" data-testid="import-failed">{e}</p> }
            });
            let interrupted = job.interrupted.then(|| {
                view! { <p class="form-error" role="alert" data-testid="import-interrupted">{t(Msg::ImportInterrupted)}</p> }
            });
            view! {
                {failed}
                {interrupted}
                <MappingForm job=job.clone() club=club.clone() error=map_error/>
                {job.preview.clone().map(|p| view! { <Report preview=p job=job.clone() club=club.clone() error=start_error/> })}
            }
            .into_any()
        }
    };
    view! {
        <p><a href=back.clone()>"← " {t(Msg::MemberList)}</a></p>
        <h1>{t(Msg::ImportMembers)}</h1>
        <p class="muted">{summary}</p>
        {state}
    }
}

#[component]
fn MappingForm(job: ImportJob, club: String, error: Option<AppError>) -> impl IntoView {
    let rows = job
        .mapping
        .iter()
        .map(|c| {
            let id = format!("map-{}", c.column);
            let options = std::iter::once(("ignore".to_string(), String::new()))
                .chain(job.targets.iter().cloned())
                .map(|(tg, label)| {
                    let sel = tg == c.target;
                    let label = if label.is_empty() {
                        target_label(&tg)
                    } else {
                        label
                    };
                    view! { <option value=tg.clone() selected=sel>{label}</option> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row"><label for=id.clone()>{c.header.clone()}</label></th>
                    <td><select id=id name=format!("map[c{}]", c.column)>{options}</select></td>
                </tr>
            }
        })
        .collect_view();
    let message = crate::components::field_message(&error, "mapping");
    let labels = ImportLabels {
        totals: t(Msg::ImportTotals).to_string(),
        caption: t(Msg::FirstRows).to_string(),
        columns: [Msg::Row, Msg::Name, Msg::BirthDate, Msg::Email, Msg::City]
            .map(|m| t(m).to_string()),
    };
    let live = view! { <ImportLivePreview club=club.clone() id=job.id.to_string() labels/> };
    view! {
        <section class="card" aria-labelledby="mapping-title">
            <h2 id="mapping-title">{t(Msg::MapColumns)}</h2>
            <FormAlert error=error.clone() id="mapping-error"/>
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=MapImport::PATH class="stack" data-testid="import-mapping">
                <ClubField club=club/>
                <input type="hidden" name="id" value=job.id.to_string()/>
                <div class="table-wrap" tabindex="0">
                    <table>
                        <thead><tr><th scope="col">{t(Msg::FileColumn)}</th><th scope="col">{t(Msg::GoesTo)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {live}
                <FieldError error=message id="mapping-field-error"/>
                <button type="submit" class="button">{t(Msg::CheckFile)}</button>
            </form>
            })}
        </section>
    }
}

#[component]
fn Report(
    preview: ImportPreview,
    job: ImportJob,
    club: String,
    error: Option<AppError>,
) -> impl IntoView {
    let lang = use_lang();
    let totals = Msg::plural(
        lang,
        preview.rows as i64,
        Msg::ImportTotalsOne,
        Msg::ImportTotals,
    )
    .fill(
        lang,
        &[
            ("rows", &preview.rows.to_string()),
            ("valid", &preview.valid.to_string()),
            ("invalid", &preview.invalid.to_string()),
            (
                "duplicates",
                &(preview.duplicates_existing + preview.duplicates_in_file).to_string(),
            ),
            ("add", &preview.to_add.to_string()),
        ],
    );
    let problems = (!preview.problems.is_empty()).then(|| {
        let more = (preview.problem_count > preview.problems.len()).then(|| {
            let more = preview.problem_count - preview.problems.len();
            Msg::plural(lang, more as i64, Msg::MoreProblemsOne, Msg::MoreProblems)
                .fill(lang, &[("n", &more.to_string())])
        });
        let rows = preview
            .problems
            .iter()
            .map(|p| {
                view! {
                    <tr>
                        <td class="num">{p.row}</td>
                        <td>{p.header.clone()}</td>
                        <td>{p.problem.render(lang)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3>{t(Msg::RowProblems)}</h3>
            <div class="table-wrap" tabindex="0">
                <table data-testid="import-problems">
                    <thead><tr><th scope="col">{t(Msg::Row)}</th><th scope="col">{t(Msg::FileColumn)}</th><th scope="col">{t(Msg::What)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {more.map(|m| view! { <p class="muted">{m}</p> })}
        }
    });
    let duplicates = (!preview.duplicates.is_empty()).then(|| {
        let items = preview
            .duplicates
            .iter()
            .take(20)
            .map(|d| view! { <li>{t(Msg::Row)} " " {d.row} ": " {d.reason.clone()}</li> })
            .collect_view();
        view! {
            <details>
                <summary>{t(Msg::DuplicatesSkipped)}</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    let sample = (!preview.sample.is_empty()).then(|| {
        let rows = preview
            .sample
            .iter()
            .take(10)
            .map(|s| {
                let m = &s.member;
                view! {
                    <tr>
                        <td class="num">{s.row}</td>
                        <td>{format!("{} {}", m.given_name, m.family_name)}</td>
                        <td>{tessera_common::time::format_date_text(&m.birth_date, lang, tessera_common::time::DateStyle::Short)}</td>
                        <td>{m.email.clone()}</td>
                        <td>{m.city.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3>{t(Msg::FirstRows)}</h3>
            <div class="table-wrap" tabindex="0">
                <table data-testid="import-sample">
                    <thead><tr><th scope="col">{t(Msg::Row)}</th><th scope="col">{t(Msg::Name)}</th><th scope="col">{t(Msg::BirthDate)}</th><th scope="col">{t(Msg::Email)}</th><th scope="col">{t(Msg::City)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let start = (preview.invalid == 0 && preview.to_add > 0).then(|| {
        let label = Msg::plural(lang, preview.to_add as i64, Msg::ImportNOne, Msg::ImportN)
            .fill(lang, &[("n", &preview.to_add.to_string())]);
        view! {
            <FormAlert error=error.clone() id="start-error"/>
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=StartImport::PATH data-testid="import-start">
                <ClubField club=club.clone()/>
                <input type="hidden" name="id" value=job.id.to_string()/>
                <button type="submit" class="button">{label}</button>
            </form>
            })}
        }
    });
    let nothing = (preview.invalid == 0 && preview.to_add == 0)
        .then(|| view! { <p class="notice" role="status">{t(Msg::NothingToImport)}</p> });
    let blocked = (preview.invalid > 0)
        .then(|| view! { <p class="form-error" role="alert">{t(Msg::FixRowsFirst)}</p> });
    view! {
        <section class="card" aria-labelledby="report-title" data-testid="import-report">
            <h2 id="report-title">{t(Msg::ImportReport)}</h2>
            <p>{totals}</p>
            {blocked}
            {problems}
            {duplicates}
            {sample}
            {nothing}
            {start}
        </section>
    }
}
