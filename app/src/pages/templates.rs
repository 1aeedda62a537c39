//! Federation templates (issue 18):
//! - `/f/{federation}/templates`: the federation's templates and the editor of a new one,
//!   one form per kind (`templates.manage`);
//! - `/f/{federation}/templates/{id}`: one template with every version and the editor of
//!   the next version, filled in with the newest;
//! - `/c/{club}/templates`: the templates of the club's federations, what the club adopted,
//!   what changed in a newer version, and the adopt buttons.
//!
//! Every text of a template (names, labels, terms) is the federation's and is shown as
//! text, never as markup.

use crate::api::{
    get_club_templates, get_federation_template, get_federation_templates, AdoptFieldsTemplate,
    AdoptFormTemplate, AdoptRoleTemplate, AdoptTermsTemplate, PublishTemplate,
};
use crate::components::when_long;
use crate::components::{
    error_text, form_error_of, query, ClubField, ErrorView, Loading, Notice, PageFrame, TextArea,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::pages::fields::kind_label;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::dto::{FieldKind, FieldVisibility, FORM_STANDARD_FIELDS};
use tessera_common::modules::{permission_msgs, Permission};
use tessera_common::templates::*;
use tessera_common::{AppError, Msg};

pub fn template_kind_label(kind: &str) -> &'static str {
    t(match kind {
        "role" => Msg::TemplateKindRole,
        "fields" => Msg::TemplateKindFields,
        "form" => Msg::TemplateKindForm,
        _ => Msg::TemplateKindTerms,
    })
}

fn permission_label(id: &str) -> String {
    Permission::parse(id)
        .and_then(permission_msgs)
        .map(|(m, _)| t(m).to_string())
        .unwrap_or_else(|| id.to_string())
}

fn standard_label(key: &str) -> &'static str {
    t(match key {
        "birth_date" => Msg::BirthDate,
        "gender" => Msg::Gender,
        "phone" => Msg::Phone,
        "street" => Msg::Street,
        "postcode" => Msg::Postcode,
        "city" => Msg::City,
        "email" => Msg::Email,
        _ => Msg::Name,
    })
}

fn visibility_label(v: FieldVisibility) -> &'static str {
    t(match v {
        FieldVisibility::Member => Msg::VisibleToMember,
        FieldVisibility::Staff => Msg::VisibleToStaff,
        FieldVisibility::Sensitive => Msg::VisibleSensitive,
    })
}

/// A refusal with every field's message (the editor has many fields).
#[component]
fn EditorAlert(error: Option<AppError>) -> impl IntoView {
    let lang = use_lang();
    error.map(|e| {
        #[cfg(feature = "ssr")]
        crate::ssr::set_error_status(&e);
        let text = match &e {
            AppError::Invalid(fields) => fields
                .iter()
                .map(|f| f.problem.render(lang))
                .collect::<Vec<_>>()
                .join("; "),
            other => error_text(other),
        };
        view! { <p class="form-error" role="alert" data-testid="template-error">{text}</p> }
    })
}

/// What a version holds, in words.
#[component]
fn BodyView(body: TemplateBody) -> impl IntoView {
    match body {
        TemplateBody::Role { staff, permissions } => view! {
            <p>{staff.then(|| t(Msg::TemplateStaffRole))}</p>
            <ul>{permissions.iter().map(|p| view! { <li>{permission_label(p)}</li> }).collect_view()}</ul>
        }
        .into_any(),
        TemplateBody::Fields { fields } => view! {
            <ul>{fields.into_iter().map(|f| {
                let kind = FieldKind::parse(&f.kind).map(kind_label).unwrap_or("");
                let options = (!f.options.is_empty()).then(|| format!(" ({})", f.options.replace('\n', ", ")));
                view! { <li><strong>{f.label}</strong> " · " {kind}{options}</li> }
            }).collect_view()}</ul>
        }
        .into_any(),
        TemplateBody::Form { slug, intro, fields, .. } => {
            let asked: Vec<&str> = FORM_STANDARD_FIELDS
                .iter()
                .copied()
                .filter(|k| fields.get(*k).map(String::as_str) == Some("on"))
                .collect();
            view! {
                <p class="muted">{slug}</p>
                <p>{intro}</p>
                <ul>{asked.into_iter().map(|k| view! { <li>{standard_label(k)}</li> }).collect_view()}</ul>
            }
            .into_any()
        }
        TemplateBody::Terms { body } => view! { <p class="pre-line">{body}</p> }.into_any(),
    }
}

// ------------------------------------------------------------------ the federation

/// The editor of one kind: a new template (`id` none) or the next version of one.
#[component]
fn Editor(
    federation: String,
    kind: &'static str,
    #[prop(optional)] id: Option<i64>,
    #[prop(optional)] current: Option<TemplateVersion>,
    permissions: Vec<String>,
) -> impl IntoView {
    let p = |s: &str| format!("{kind}-{s}");
    let name = current.as_ref().map(|c| c.name.clone()).unwrap_or_default();
    let body = current.map(|c| c.body);
    let fields = match kind {
        "role" => {
            let (staff, chosen) = match &body {
                Some(TemplateBody::Role { staff, permissions }) => (*staff, permissions.clone()),
                _ => (false, Vec::new()),
            };
            view! {
                <div class="check">
                    <input type="checkbox" id=p("staff") name="staff" value="on" checked=staff/>
                    <label for=p("staff")>{t(Msg::TemplateStaffRole)}</label>
                </div>
                <fieldset>
                    <legend>{t(Msg::TemplatePermissions)}</legend>
                    {permissions.into_iter().map(|perm| {
                        let input_id = format!("{}-{}", p("perm"), perm.replace('.', "-"));
                        let checked = chosen.contains(&perm);
                        view! {
                            <div class="check">
                                <input type="checkbox" id=input_id.clone() name="permissions[]" value=perm.clone() checked=checked/>
                                <label for=input_id>{permission_label(&perm)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        "fields" => {
            let existing = match &body {
                Some(TemplateBody::Fields { fields }) => fields.clone(),
                _ => Vec::new(),
            };
            view! {
                <p class="muted">{t(Msg::TemplateFieldsHelp)}</p>
                {(1..=MAX_TEMPLATE_FIELDS).map(|n| {
                    let f = existing.get(n - 1).cloned().unwrap_or_default();
                    let id = |s: &str| format!("{}{n}", p(s));
                    let name = |s: &str| format!("rows[{s}{n}]");
                    let legend = Msg::TemplateFieldN.fill(use_lang(), &[("n", &n.to_string())]);
                    view! {
                        <fieldset data-testid="template-field-row">
                            <legend>{legend}</legend>
                            <label for=id("label")>{t(Msg::TemplateFieldLabel)}</label>
                            <input id=id("label") name=name("label") maxlength="80" value=f.label.clone()/>
                            <label for=id("kind")>{t(Msg::Kind)}</label>
                            <select id=id("kind") name=name("kind")>
                                {FieldKind::ALL.into_iter().map(|k| view! {
                                    <option value=k.as_str() selected=f.kind == k.as_str()>{kind_label(k)}</option>
                                }).collect_view()}
                            </select>
                            <label for=id("options")>{t(Msg::TemplateOptions)}</label>
                            <TextArea id=id("options") name=name("options") value=f.options.clone() rows=2/>
                            <label for=id("visibility")>{t(Msg::TemplateVisibility)}</label>
                            <select id=id("visibility") name=name("visibility")>
                                {FieldVisibility::ALL.into_iter().map(|v| view! {
                                    <option value=v.as_str() selected=f.visibility == v.as_str()>{visibility_label(v)}</option>
                                }).collect_view()}
                            </select>
                            <div class="check">
                                <input type="checkbox" id=id("required") name=name("required") value="on" checked=f.required/>
                                <label for=id("required")>{t(Msg::TemplateRequired)}</label>
                            </div>
                        </fieldset>
                    }
                }).collect_view()}
            }
            .into_any()
        }
        "form" => {
            let (slug, intro, asked, consent) = match &body {
                Some(TemplateBody::Form {
                    slug,
                    intro,
                    fields,
                    consent_text,
                    ..
                }) => (
                    slug.clone(),
                    intro.clone(),
                    fields.clone(),
                    consent_text.clone(),
                ),
                _ => Default::default(),
            };
            view! {
                <label for=p("slug")>{t(Msg::TemplateSlug)}</label>
                <input id=p("slug") name="slug" maxlength="40" value=slug pattern="[a-z0-9-]{2,40}"/>
                <label for=p("intro")>{t(Msg::TemplateIntro)}</label>
                <TextArea id=p("intro") name="intro" value=intro rows=3 maxlength=2000/>
                <input type="hidden" name="audience" value="self"/>
                <fieldset>
                    <legend>{t(Msg::TemplateAsked)}</legend>
                    {FORM_STANDARD_FIELDS.iter().map(|k| {
                        let input_id = format!("{}-{k}", p("ask"));
                        let req_id = format!("{}-{k}", p("req"));
                        let on = asked.get(*k).map(String::as_str) == Some("on");
                        let req = asked.get(&format!("req:{k}")).map(String::as_str) == Some("on");
                        view! {
                            <div class="check">
                                <input type="checkbox" id=input_id.clone() name=format!("fields[{k}]") value="on" checked=on/>
                                <label for=input_id>{standard_label(k)}</label>
                                " "
                                <input type="checkbox" id=req_id.clone() name=format!("fields[req:{k}]") value="on" checked=req/>
                                <label for=req_id>{t(Msg::TemplateRequired)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <label for=p("consent")>{t(Msg::TemplateConsent)}</label>
                <TextArea id=p("consent") name="consent_text" value=consent rows=3 maxlength=2000/>
            }
            .into_any()
        }
        _ => {
            let text = match &body {
                Some(TemplateBody::Terms { body }) => body.clone(),
                _ => String::new(),
            };
            view! {
                <label for=p("body")>{t(Msg::TemplateTermsBody)}</label>
                <TextArea id=p("body") name="body" value=text rows=8 maxlength=20000 required=true/>
            }
            .into_any()
        }
    };
    let button = if id.is_some() {
        t(Msg::TemplatePublishVersion)
    } else {
        t(Msg::TemplatePublish)
    };
    view! {
        <form method="post" action=PublishTemplate::PATH class="stack" data-testid=format!("template-editor-{kind}")>
            <input type="hidden" name="federation" value=federation/>
            <input type="hidden" name="id" value=id.map(|i| i.to_string()).unwrap_or_default()/>
            <input type="hidden" name="kind" value=kind/>
            <label for=p("name")>{t(Msg::TemplateName)}</label>
            <input id=p("name") name="name" maxlength="80" required=true value=name/>
            {fields}
            <label for=p("note")>{t(Msg::TemplateNote)}</label>
            <input id=p("note") name="note" maxlength="500"/>
            <button type="submit" class="button">{button}</button>
        </form>
    }
}

/// `/f/{federation}/templates`.
#[component]
pub fn FederationTemplatesPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("federation").unwrap_or_default());
    let data = Resource::new(move || slug.get(), get_federation_templates);
    view! {
        <PageFrame>
            <Title text=t(Msg::TemplatesTitle)/>
            <h1>{t(Msg::TemplatesTitle)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <FederationTemplatesBody data=d federation=slug.get_untracked()/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn FederationTemplatesBody(data: FederationTemplates, federation: String) -> impl IntoView {
    let error = form_error_of::<PublishTemplate>();
    let base = format!("/f/{federation}");
    let list = if data.templates.is_empty() {
        view! { <p>{t(Msg::TemplatesNone)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0">
                <table data-testid="federation-templates">
                    <thead><tr>
                        <th scope="col">{t(Msg::TemplateName)}</th>
                        <th scope="col">{t(Msg::Kind)}</th>
                        <th scope="col" class="num">{t(Msg::TemplateVersionCol)}</th>
                        <th scope="col">{t(Msg::TemplatePublished)}</th>
                    </tr></thead>
                    <tbody>
                        {data.templates.into_iter().map(|s| view! {
                            <tr>
                                <td><a href=format!("{base}/templates/{}", s.id)>{s.name}</a></td>
                                <td>{template_kind_label(&s.kind)}</td>
                                <td class="num">{s.latest}</td>
                                <td>{when_long(s.published_at)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <p><a href=base.clone()>{t(Msg::TemplatesBack)}</a></p>
        <p class="muted">{t(Msg::TemplatesFederationHelp)}</p>
        <section class="card" aria-labelledby="templates-list">
            <h2 id="templates-list">{t(Msg::TemplatesPublished)}</h2>
            {list}
        </section>
        <crate::pages::usage::OwnUsageCard federation=federation.clone()/>
        <section class="card" aria-labelledby="templates-new">
            <h2 id="templates-new">{t(Msg::TemplateNew)}</h2>
            <EditorAlert error=error/>
            {TEMPLATE_KINDS.into_iter().map(|kind| view! {
                <details>
                    <summary>{template_kind_label(kind)}</summary>
                    <Editor federation=federation.clone() kind=kind permissions=data.club_permissions.clone()/>
                </details>
            }).collect_view()}
        </section>
    }
}

/// `/f/{federation}/templates/{id}`.
#[component]
pub fn FederationTemplatePage() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| {
        let p = params.read();
        (
            p.get("federation").unwrap_or_default(),
            p.get("id").unwrap_or_default(),
        )
    });
    let data = Resource::new(move || key.get(), |(f, id)| get_federation_template(f, id));
    let perms = Resource::new(move || key.get().0, get_federation_templates);
    view! {
        <PageFrame>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match (data.await, perms.await) {
                        (Ok(d), Ok(p)) => view! {
                            <FederationTemplateBody data=d federation=key.get_untracked().0 permissions=p.club_permissions/>
                        }.into_any(),
                        (Err(e), _) | (_, Err(e)) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn FederationTemplateBody(
    data: TemplateDetail,
    federation: String,
    permissions: Vec<String>,
) -> impl IntoView {
    let error = form_error_of::<PublishTemplate>();
    let notice = (query("done").as_deref() == Some("published"))
        .then(|| view! { <Notice text=t(Msg::TemplatePublishedDone)/> });
    let kind: &'static str = TEMPLATE_KINDS
        .into_iter()
        .find(|k| *k == data.summary.kind)
        .unwrap_or("terms");
    let current = data.versions.first().cloned();
    let heading = data.summary.name.clone();
    view! {
        <Title text=heading.clone()/>
        <h1>{heading}</h1>
        <p><a href=format!("/f/{federation}/templates")>{t(Msg::TemplatesTitle)}</a></p>
        {notice}
        <p class="muted">{template_kind_label(kind)}</p>
        <section class="card" aria-labelledby="versions-title">
            <h2 id="versions-title">{t(Msg::TemplateVersions)}</h2>
            {data.versions.into_iter().map(|v| {
                let title = Msg::TemplateVersionN.fill(use_lang(), &[("n", &v.number.to_string())]);
                view! {
                    <article data-testid="template-version">
                        <h3>{title} " · " {v.name.clone()}</h3>
                        <p class="muted">{when_long(v.published_at)} " · " {v.published_by.clone().unwrap_or_default()}</p>
                        {(!v.note.is_empty()).then(|| view! { <p>{v.note.clone()}</p> })}
                        <BodyView body=v.body/>
                    </article>
                }
            }).collect_view()}
        </section>
        <section class="card" aria-labelledby="next-version">
            <h2 id="next-version">{t(Msg::TemplateNextVersion)}</h2>
            <EditorAlert error=error/>
            <Editor federation=federation kind=kind id=data.summary.id current=current.unwrap_or(TemplateVersion {
                number: 0,
                name: String::new(),
                note: String::new(),
                body: TemplateBody::Terms { body: String::new() },
                published_at: tessera_common::time::Timestamp(0),
                published_by: None,
            }) permissions=permissions/>
        </section>
    }
}

// ------------------------------------------------------------------ the club

fn change_text(kind: &str, c: &TemplateChange) -> String {
    let lang = use_lang();
    let item = if kind == "role" && c.op != "changed" {
        permission_label(&c.item)
    } else if kind == "form" && c.op != "changed" {
        let key = c.item.trim_end_matches(" (required)");
        standard_label(key).to_string()
    } else {
        c.item.clone()
    };
    let msg = match c.op.as_str() {
        "added" => Msg::TemplateChangeAdded,
        "removed" => Msg::TemplateChangeRemoved,
        _ => Msg::TemplateChangeChanged,
    };
    msg.fill(lang, &[("item", &item), ("detail", &c.detail)])
}

/// `/c/{club}/templates`.
#[component]
pub fn ClubTemplatesPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_club_templates);
    view! {
        <Title text=t(Msg::TemplatesTitle)/>
        <h1>{t(Msg::TemplatesTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <ClubTemplatesBody data=d club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClubTemplatesBody(data: ClubTemplates, club: String) -> impl IntoView {
    let lang = use_lang();
    let notice = (query("done").as_deref() == Some("adopted"))
        .then(|| view! { <Notice text=t(Msg::TemplateAdoptedDone)/> });
    let error = form_error_of::<AdoptRoleTemplate>()
        .or_else(form_error_of::<AdoptFieldsTemplate>)
        .or_else(form_error_of::<AdoptFormTemplate>)
        .or_else(form_error_of::<AdoptTermsTemplate>);
    let body = if data.federations.is_empty() {
        view! { <p data-testid="templates-none">{t(Msg::TemplatesNoneForClub)}</p> }.into_any()
    } else {
        data.federations
            .into_iter()
            .map(|f| {
                let club = club.clone();
                view! {
                    <section class="card">
                        <h2>{f.federation.clone()}</h2>
                        {f.templates.into_iter().map(|tpl| {
                            let action = match tpl.kind.as_str() {
                                "role" => AdoptRoleTemplate::PATH,
                                "fields" => AdoptFieldsTemplate::PATH,
                                "form" => AdoptFormTemplate::PATH,
                                _ => AdoptTermsTemplate::PATH,
                            };
                            let version = Msg::TemplateVersionN.fill(lang, &[("n", &tpl.latest.number.to_string())]);
                            let status = match tpl.adopted {
                                Some(n) if n == tpl.latest.number => Some(Msg::TemplateAdoptedLatest.fill(lang, &[("n", &n.to_string())])),
                                Some(n) => Some(Msg::TemplateNewerVersion.fill(lang, &[("n", &n.to_string()), ("latest", &tpl.latest.number.to_string())])),
                                None => None,
                            };
                            let newer = tpl.adopted.is_some_and(|n| n < tpl.latest.number);
                            let kind = tpl.kind.clone();
                            let changes = (!tpl.changes.is_empty()).then(|| view! {
                                <h4>{t(Msg::TemplateWhatChanged)}</h4>
                                <ul data-testid="template-changes">
                                    {tpl.changes.iter().map(|c| view! { <li>{change_text(&kind, c)}</li> }).collect_view()}
                                </ul>
                            });
                            let can = tpl.may_adopt && tpl.adopted != Some(tpl.latest.number);
                            let adopt = can.then(|| view! {
                                <form method="post" action=action class="inline">
                                    <ClubField club=club.clone()/>
                                    <input type="hidden" name="id" value=tpl.id.to_string()/>
                                    <input type="hidden" name="number" value=tpl.latest.number.to_string()/>
                                    <button type="submit" class="button">{t(Msg::TemplateAdopt)}</button>
                                </form>
                            });
                            view! {
                                <article data-testid="club-template">
                                    <h3>{tpl.name.clone()}</h3>
                                    <p class="muted">{template_kind_label(&tpl.kind)} " · " {version} " · " {when_long(tpl.latest.published_at)}</p>
                                    {status.map(|s| view! { <p class=if newer { "notice" } else { "muted" } data-testid="template-status">{s}</p> })}
                                    {changes}
                                    <details>
                                        <summary>{t(Msg::TemplateContent)}</summary>
                                        <BodyView body=tpl.latest.body.clone()/>
                                    </details>
                                    {adopt}
                                </article>
                            }
                        }).collect_view()}
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        {notice}
        <p class="muted">{t(Msg::TemplatesClubHelp)}</p>
        <EditorAlert error=error/>
        {body}
    }
}
