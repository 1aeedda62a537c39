//! Registration forms: the public form `/c/{club}/join/{form}` (anyone, no JavaScript
//! needed, phone-sized), its confirmation step, the forms a club builds (`/c/{club}/forms`)
//! and the registrations it reviews (`/c/{club}/applications`).

use crate::api::{
    get_applications, get_forms, get_join_form, ApproveApplication, ConfirmRegistration,
    RejectApplication, SaveForm, SubmitRegistration,
};
use crate::components::{
    club_colors, field_message, form_error_of, query, ClubField, ErrorView, FieldError, FormAlert,
    Header, Loading, Notice, StampLine, TextArea,
};
use crate::i18n::use_lang;
use crate::islands::{BuilderLabels, FormBuilder, LiveCheck};
use crate::pages::club::use_club;
use crate::pages::fields::custom_input;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeMap;
use tessera_common::dto::{
    Application, Applications, CustomField, FormsOverview, PublicForm, RegForm, RegFormInput,
    FORM_STANDARD_FIELDS,
};
use tessera_common::{AppError, Msg};

fn standard_label(key: &str) -> &'static str {
    t(match key {
        "birth_date" => Msg::BirthDate,
        "gender" => Msg::Gender,
        "phone" => Msg::Phone,
        "street" => Msg::Street,
        "postcode" => Msg::Postcode,
        "city" => Msg::City,
        "given_name" => Msg::GivenName,
        "family_name" => Msg::FamilyName,
        _ => Msg::Name,
    })
}

// ------------------------------------------------------------------ the public form

/// `/c/{club}/join/{form}`.
#[component]
pub fn JoinPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("club").unwrap_or_default(),
                p.get("form").unwrap_or_default(),
            )
        },
        |(c, f)| get_join_form(c, f),
    );
    view! {
        <Suspense fallback=|| view! { <main id="content" class="page join" tabindex="-1"><Loading/></main> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(f) => {
                        // In the club's colours, under its name and logo, with the language
                        // switch: people arrive here from the club's own site, mostly on a
                        // phone.
                        let style = club_colors(&f.club_primary_color, &f.club_accent_color);
                        let home = format!("/c/{}/join/{}", params.read_untracked().get("club").unwrap_or_default(), f.form.slug);
                        view! {
                            <div class="club" style=style data-testid="join-frame">
                                <Header brand=f.club_name.clone() brand_href=home logo=f.club_logo.clone()/>
                                <main id="content" class="page join" tabindex="-1"><JoinBody form=f/></main>
                            </div>
                        }
                        .into_any()
                    }
                    Err(e) => view! {
                        <Header/>
                        <main id="content" class="page join" tabindex="-1"><ErrorView error=e/></main>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// One text-like input of a person block (its arguments are the input's attributes).
#[allow(clippy::too_many_arguments)]
fn text_input(
    name: String,
    id: String,
    label: String,
    value: String,
    kind: &'static str,
    required: bool,
    help: String,
    message: Option<String>,
    auto: &'static str,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    let invalid = message.is_some().then_some("true");
    let described = message.is_some().then(|| err_id.clone());
    let help = (!help.is_empty()).then(|| view! { <p class="help">{help}</p> });
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            <input id=id name=name type=kind value=value required=required
                maxlength=(kind != "date").then_some("120")
                autocomplete=auto aria-invalid=invalid aria-describedby=described/>
            {help}
            <FieldError error=message id=err_id/>
        </div>
    }
}

fn person_block(
    pf: &PublicForm,
    n: usize,
    draft: &BTreeMap<String, String>,
    error: &Option<AppError>,
) -> impl IntoView {
    let get = |k: &str| draft.get(&format!("p{n}.{k}")).cloned().unwrap_or_default();
    let msg = |k: &str| field_message(error, &format!("p{n}.{k}"));
    let family = pf.form.audience == "family";
    let names = ["given_name", "family_name"]
        .into_iter()
        .map(|k| {
            text_input(
                format!("f[p{n}.{k}]"),
                format!("p{n}-{k}"),
                standard_label(k).to_string(),
                get(k),
                "text",
                n == 0,
                String::new(),
                msg(k),
                if family {
                    "off"
                } else if k == "given_name" {
                    "given-name"
                } else {
                    "family-name"
                },
            )
        })
        .collect_view();
    let fields = pf
        .form
        .fields
        .iter()
        .map(|f| {
            if let Some(id) = f.key.strip_prefix("cf").and_then(|i| i.parse::<i64>().ok()) {
                let Some(def) = pf.custom.iter().find(|c| c.id == id) else {
                    return ().into_any();
                };
                let mut def: CustomField = def.clone();
                def.required |= f.required && n == 0;
                if !f.help.is_empty() {
                    def.help = Some(f.help.clone());
                }
                let base = format!("p{n}.cf{id}");
                return custom_input(&def, draft, error, "f", &base, &base);
            }
            let required = f.required && n == 0;
            if f.key == "gender" {
                let current = get("gender");
                let opts = [
                    ("", Msg::GenderUnknown),
                    ("f", Msg::GenderF),
                    ("m", Msg::GenderM),
                    ("x", Msg::GenderX),
                ]
                .into_iter()
                .map(|(v, l)| view! { <option value=v selected=current == v>{t(l)}</option> })
                .collect_view();
                let id = format!("p{n}-gender");
                return view! {
                    <div class="field">
                        <label for=id.clone()>{t(Msg::Gender)}</label>
                        <select id=id name=format!("f[p{n}.gender]")>{opts}</select>
                        <FieldError error=msg("gender") id=format!("p{n}-gender-error")/>
                    </div>
                }
                .into_any();
            }
            let (kind, auto) = match f.key.as_str() {
                "birth_date" => ("date", "bday"),
                "phone" => ("tel", "tel"),
                // One line: street and number (`street-address` is for a multi-line field).
                "street" => ("text", "address-line1"),
                "postcode" => ("text", "postal-code"),
                "city" => ("text", "address-level2"),
                _ => ("text", "off"),
            };
            text_input(
                format!("f[p{n}.{}]", f.key),
                format!("p{n}-{}", f.key),
                standard_label(&f.key).to_string(),
                get(&f.key),
                kind,
                required,
                f.help.clone(),
                msg(&f.key),
                if family { "off" } else { auto },
            )
            .into_any()
        })
        .collect_view();
    let lang = use_lang();
    let legend = if family {
        Msg::ChildN.fill(lang, &[("n", &(n + 1).to_string())])
    } else {
        t(Msg::Person).to_string()
    };
    let filled = draft
        .iter()
        .any(|(k, v)| k.starts_with(&format!("p{n}.")) && !v.is_empty());
    let block = view! {
        <fieldset class="person" data-testid="person">
            <legend>{legend}</legend>
            {names}
            {fields}
        </fieldset>
    };
    if n == 0 {
        block.into_any()
    } else {
        view! {
            <details class="more-people" open=filled>
                <summary>{t(Msg::AddChild)}</summary>
                {block}
            </details>
        }
        .into_any()
    }
}

#[component]
fn JoinBody(form: PublicForm) -> impl IntoView {
    let club = use_params_map().with_untracked(|p| p.get("club").unwrap_or_default());
    let title = form.form.title.clone();
    if query("sent").is_some() {
        return view! {
            <Title text=title.clone()/>
            <h1>{title}</h1>
            <p class="lead">{form.club_name.clone()}</p>
            <div class="notice" role="status" data-testid="join-sent">{t(Msg::JoinSent)}</div>
        }
        .into_any();
    }
    if let Some(c) = query("confirmed") {
        let text = if c == "approved" {
            t(Msg::JoinApproved)
        } else {
            t(Msg::JoinQueued)
        };
        return view! {
            <Title text=title.clone()/>
            <h1>{title}</h1>
            <p class="lead">{form.club_name.clone()}</p>
            <div class="notice" role="status" data-testid="join-confirmed">{text}</div>
        }
        .into_any();
    }
    let error = form_error_of::<SubmitRegistration>();
    let draft = form.draft.clone().unwrap_or_default();
    let family = form.form.audience == "family";
    let guardian = family.then(|| {
        let g = |k: &str| draft.get(&format!("g.{k}")).cloned().unwrap_or_default();
        let m = |k: &str| field_message(&error, &format!("g.{k}"));
        view! {
            <fieldset class="person">
                <legend>{t(Msg::YouAsGuardian)}</legend>
                {text_input("f[g.given_name]".into(), "g-given_name".into(), t(Msg::GivenName).into(), g("given_name"), "text", true, String::new(), m("given_name"), "given-name")}
                {text_input("f[g.family_name]".into(), "g-family_name".into(), t(Msg::FamilyName).into(), g("family_name"), "text", true, String::new(), m("family_name"), "family-name")}
                {text_input("f[g.phone]".into(), "g-phone".into(), t(Msg::Phone).into(), g("phone"), "tel", false, String::new(), m("phone"), "tel")}
            </fieldset>
        }
    });
    let people = (0..form.max_people)
        .map(|n| person_block(&form, n, &draft, &error))
        .collect_view();
    let consent = form.form.consent_text.clone().map(|text| {
        view! {
            <fieldset class="consent" data-testid="consent">
                <legend>{t(Msg::ConsentHeading)}</legend>
                <p class="terms-text">{text}</p>
                <div class="check">
                    <input type="checkbox" id="join-consent" name="consent" value="on" aria-describedby="join-consent-help"/>
                    <label for="join-consent">{t(Msg::IAgree)}</label>
                </div>
                <p class="muted" id="join-consent-help">{t(Msg::ConsentOptional)}</p>
            </fieldset>
        }
    });
    // The club's consent purposes, one box each, never ticked in advance.
    let lang = crate::i18n::use_lang();
    let purposes = (!form.purposes.is_empty()).then(|| {
        let boxes = form
            .purposes
            .iter()
            .map(|p| {
                let id = format!("join-purpose-{}", p.id);
                let text_id = format!("{id}-text");
                view! {
                    <div class="purpose-choice">
                        <div class="check">
                            <input type="checkbox" id=id.clone() name="purposes[]" value=p.id.to_string()
                                aria-describedby=text_id.clone() data-testid="join-purpose"/>
                            <label for=id>{p.title.get(lang).to_string()}</label>
                        </div>
                        <p class="muted pre" id=text_id>{p.body.get(lang).to_string()}</p>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset class="consent" data-testid="consent-purposes">
                <legend>{t(Msg::ConsentPurposesHeading)}</legend>
                {boxes}
                <p class="muted">{t(Msg::ConsentOptional)}</p>
                <FieldError error=field_message(&error, "purposes") id="purposes-error"/>
            </fieldset>
        }
    });
    let terms = form.terms.clone().map(|terms| {
        view! {
            <div class="consent terms-box" data-testid="membership-terms">
                <h2>{t(Msg::TermsHeading)}</h2>
                <details>
                    <summary>{t(Msg::ReadTerms)}</summary>
                    <div class="terms-text">{terms.body.clone()}</div>
                </details>
                <label class="check">
                    <input type="checkbox" name="terms" value="on" required/>
                    {t(Msg::IAcceptTerms)}
                </label>
                <FieldError error=field_message(&error, "terms") id="terms-error"/>
            </div>
        }
    });
    let intro = form
        .form
        .intro
        .clone()
        .map(|i| view! { <p class="pre">{i}</p> });
    let email = draft.get("email").cloned().unwrap_or_default();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="lead">{form.club_name.clone()}</p>
        {intro}
        <FormAlert error=error.clone() id="join-error"/>
        <form method="post" action=SubmitRegistration::PATH class="stack join-form" data-testid="join-form">
            <LiveCheck club=club.clone() kind="join".to_string() form=form.form.slug.clone()/>
            <ClubField club=club/>
            <input type="hidden" name="form" value=form.form.slug.clone()/>
            <input type="hidden" name="started" value=form.started.clone()/>
            <div class="hp" aria-hidden="true">
                <label for="website">"Website"</label>
                <input id="website" name="website" type="text" tabindex="-1" autocomplete="off"/>
            </div>
            {text_input("email".into(), "join-email".into(), t(Msg::Email).into(), email, "email", true, t(Msg::JoinEmailHelp).into(), field_message(&error, "email"), "email")}
            {guardian}
            {people}
            {consent}
            {purposes}
            {terms}
            <button type="submit" class="button">{t(Msg::SendRegistration)}</button>
        </form>
    }
    .into_any()
}

/// `/c/{club}/join/{form}/confirm?token=…`: the link in the mail opens this page; the
/// button confirms (a link alone never changes anything: mail scanners open links).
#[component]
pub fn JoinConfirmPage() -> impl IntoView {
    let params = use_params_map();
    let (club, form) = params.with_untracked(|p| {
        (
            p.get("club").unwrap_or_default(),
            p.get("form").unwrap_or_default(),
        )
    });
    let token = query("token").unwrap_or_default();
    let error = form_error_of::<ConfirmRegistration>();
    view! {
        <Title text=t(Msg::ConfirmRegistration)/>
        <Header/>
        <main id="content" class="page join" tabindex="-1">
            <h1>{t(Msg::ConfirmRegistration)}</h1>
            <FormAlert error=error id="confirm-error"/>
            <form method="post" action=ConfirmRegistration::PATH class="stack" data-testid="confirm-form">
                <ClubField club=club/>
                <input type="hidden" name="form" value=form/>
                <input type="hidden" name="token" value=token/>
                <p>{t(Msg::ConfirmRegistrationHelp)}</p>
                <button type="submit" class="button">{t(Msg::ConfirmRegistration)}</button>
            </form>
        </main>
    }
}

// ------------------------------------------------------------------ building forms

/// `/c/{club}/forms`.
#[component]
pub fn FormsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_forms);
    view! {
        <Title text=t(Msg::RegistrationForms)/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(o) => view! { <FormsBody overview=o club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FormsBody(overview: FormsOverview, club: String) -> impl IntoView {
    let lang = use_lang();
    let notice = query("done").map(|_| view! { <Notice text=t(Msg::Saved)/> });
    let pending = (overview.pending > 0).then(|| {
        let href = format!("/c/{club}/applications");
        let text = Msg::plural(
            lang,
            overview.pending,
            Msg::RegistrationsWaitingOne,
            Msg::RegistrationsWaiting,
        )
        .fill(lang, &[("n", &overview.pending.to_string())]);
        view! { <p class="notice notice-warn"><a href=href>{text}</a></p> }
    });
    let cards = overview
        .forms
        .iter()
        .map(|f| {
            let draft = (overview.draft_for.as_deref() == Some(&f.id.to_string()))
                .then(|| overview.draft.clone())
                .flatten();
            let public = format!("/c/{club}/join/{}", f.slug);
            let state = if f.published { t(Msg::Published) } else { t(Msg::NotPublished) };
            let open = draft.is_some();
            view! {
                <section class="card" data-testid="form-card">
                    <h2>{f.title.clone()}</h2>
                    <p class="muted">{state} " · " <a href=public.clone()>{public.clone()}</a></p>
                    <details open=open>
                        <summary>{t(Msg::ChangeForm)}</summary>
                        <FormEditor form=Some(f.clone()) custom=overview.custom.clone() draft=draft club=club.clone()/>
                    </details>
                    <StampLine stamp=f.stamp.clone()/>
                </section>
            }
        })
        .collect_view();
    let new_draft = (overview.draft_for.as_deref() == Some("new"))
        .then(|| overview.draft.clone())
        .flatten();
    view! {
        <h1>{t(Msg::RegistrationForms)}</h1>
        <p class="muted">{t(Msg::RegistrationFormsIntro)}</p>
        {notice}
        {pending}
        <div class="stack">{cards}</div>
        <section class="card" aria-labelledby="new-form-title">
            <h2 id="new-form-title">{t(Msg::NewForm)}</h2>
            <FormEditor form=None custom=overview.custom.clone() draft=new_draft club=club.clone()/>
        </section>
    }
}

#[component]
fn FormEditor(
    form: Option<RegForm>,
    custom: Vec<CustomField>,
    draft: Option<RegFormInput>,
    club: String,
) -> impl IntoView {
    let error = draft.is_some().then(form_error_of::<SaveForm>).flatten();
    let f = draft.unwrap_or_else(|| match &form {
        Some(x) => {
            let mut fields = BTreeMap::new();
            for (i, ff) in x.fields.iter().enumerate() {
                fields.insert(ff.key.clone(), "on".to_string());
                fields.insert(format!("pos:{}", ff.key), i.to_string());
                if ff.required {
                    fields.insert(format!("req:{}", ff.key), "on".to_string());
                }
                fields.insert(format!("help:{}", ff.key), ff.help.clone());
            }
            RegFormInput {
                title: x.title.clone(),
                slug: x.slug.clone(),
                intro: x.intro.clone().unwrap_or_default(),
                audience: x.audience.clone(),
                fields,
                consent_text: x.consent_text.clone().unwrap_or_default(),
                auto_approve: x.auto_approve,
                published: x.published,
            }
        }
        None => RegFormInput {
            audience: "self".into(),
            ..Default::default()
        },
    });
    let p = form
        .as_ref()
        .map(|x| format!("rf-{}", x.id))
        .unwrap_or_else(|| "rf-new".into());
    let ids = form.as_ref().map(|x| {
        view! {
            <input type="hidden" name="id" value=x.id.to_string()/>
            <input type="hidden" name="version" value=x.version.to_string()/>
        }
    });
    // The questions asked first, in the form's order (`pos:{key}`, as the server orders
    // them), then the others in the standard order; each row posts its place.
    let mut rows: Vec<(String, String)> = FORM_STANDARD_FIELDS
        .iter()
        .map(|k| (k.to_string(), standard_label(k).to_string()))
        .chain(
            custom
                .iter()
                .map(|c| (format!("cf{}", c.id), c.label.clone())),
        )
        .collect();
    rows.sort_by_key(|(key, _)| {
        let asked = f.fields.get(key).map(String::as_str) == Some("on");
        let pos = f
            .fields
            .get(&format!("pos:{key}"))
            .and_then(|p| p.trim().parse::<u16>().ok())
            .map_or(u32::MAX, u32::from);
        (!asked, pos)
    });
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, (key, label))| {
            let on = f.fields.get(&key).map(String::as_str) == Some("on");
            let req = f.fields.get(&format!("req:{key}")).map(String::as_str) == Some("on");
            let help = f.fields.get(&format!("help:{key}")).cloned().unwrap_or_default();
            let hid = format!("{p}-help-{key}");
            view! {
                <tr data-key=key.clone()>
                    <th scope="row">{label.clone()}</th>
                    <td class="fb-ask">
                        <input type="checkbox" name=format!("fields[{key}]") value="on" checked=on aria-label=format!("{} {label}", t(Msg::Ask))/>
                        <input type="hidden" name=format!("fields[pos:{key}]") value=i.to_string()/>
                    </td>
                    <td><input type="checkbox" name=format!("fields[req:{key}]") value="on" checked=req aria-label=format!("{} {label}", t(Msg::FieldRequired))/></td>
                    <td>
                        <input id=hid.clone() type="text" name=format!("fields[help:{key}]") value=help maxlength="200" aria-label=format!("{} {label}", t(Msg::FieldHelp))/>
                        <FieldError error=field_message(&error, &format!("help:{key}")) id=format!("{hid}-error")/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let audiences = [("self", Msg::AudienceSelf), ("family", Msg::AudienceFamily)]
        .into_iter()
        .map(|(v, l)| view! { <option value=v selected=f.audience == v>{t(l)}</option> })
        .collect_view();
    let msg = |k: &str| field_message(&error, k);
    let order_error = FORM_STANDARD_FIELDS
        .iter()
        .map(|k| k.to_string())
        .chain(custom.iter().map(|c| format!("cf{}", c.id)))
        .find_map(|k| msg(&format!("pos:{k}")));
    view! {
        <FormAlert error=error.clone() id=format!("{p}-error")/>
        {crate::components::read_only_notice()}
        {crate::components::writable().then(|| view! {
        <form method="post" action=SaveForm::PATH class="stack" data-testid="form-editor">
            <ClubField club=club/>
            {ids}
            <label for=format!("{p}-title")>{t(Msg::FormTitle)}</label>
            <input id=format!("{p}-title") name="title" type="text" required maxlength="120" value=f.title.clone()/>
            <FieldError error=msg("title") id=format!("{p}-title-error")/>
            <label for=format!("{p}-slug")>{t(Msg::FormAddress)}</label>
            <input id=format!("{p}-slug") name="slug" type="text" required maxlength="40" value=f.slug.clone()/>
            <FieldError error=msg("slug") id=format!("{p}-slug-error")/>
            <label for=format!("{p}-intro")>{t(Msg::FormIntro)}</label>
            <TextArea id=format!("{p}-intro") name="intro" rows=3 value=f.intro.clone()/>
            <FieldError error=msg("intro") id=format!("{p}-intro-error")/>
            <label for=format!("{p}-audience")>{t(Msg::FormAudience)}</label>
            <select id=format!("{p}-audience") name="audience">{audiences}</select>
            <FieldError error=msg("audience") id=format!("{p}-audience-error")/>
            <div class="table-wrap" tabindex="0">
                <table class="fb-table">
                    <caption>{t(Msg::FormFields)}</caption>
                    <thead><tr><th scope="col">{t(Msg::FieldLabel)}</th><th scope="col" class="fb-ask">{t(Msg::Ask)}</th><th scope="col">{t(Msg::FieldRequired)}</th><th scope="col">{t(Msg::FieldHelp)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <FormBuilder prefix=p.clone() labels=builder_labels()/>
            <FieldError error=order_error id=format!("{p}-order-error")/>
            <label for=format!("{p}-consent")>{t(Msg::ConsentText)}</label>
            <TextArea id=format!("{p}-consent") name="consent_text" rows=3 value=f.consent_text.clone()/>
            <p class="muted">{t(Msg::ConsentTextHelp)}</p>
            <FieldError error=msg("consent_text") id=format!("{p}-consent-error")/>
            <label class="check">
                <input type="checkbox" name="auto_approve" value="on" checked=f.auto_approve/>
                {t(Msg::AutoApprove)}
            </label>
            <label class="check">
                <input type="checkbox" name="published" value="on" checked=f.published/>
                {t(Msg::Published)}
            </label>
            <button type="submit" class="button">{t(Msg::Save)}</button>
        </form>
        })}
    }
}

/// The form builder's texts, in the page's language.
fn builder_labels() -> BuilderLabels {
    BuilderLabels {
        order: t(Msg::FbOrder).into(),
        up: t(Msg::FbUp).into(),
        down: t(Msg::FbDown).into(),
        remove: t(Msg::FbRemove).into(),
        move_up: t(Msg::FbMoveUp).into(),
        move_down: t(Msg::FbMoveDown).into(),
        remove_field: t(Msg::FbRemoveField).into(),
        add_question: t(Msg::FbAddQuestion).into(),
        add: t(Msg::FbAdd).into(),
        moved: t(Msg::FbMoved).into(),
        added: t(Msg::FbAdded).into(),
        removed: t(Msg::FbRemoved).into(),
    }
}

// ------------------------------------------------------------------ reviewing

/// `/c/{club}/applications`.
#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_applications);
    view! {
        <Title text=t(Msg::Registrations)/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(a) => view! { <ApplicationsBody apps=a club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn people_view(a: &Application, club: &str) -> impl IntoView {
    a.people
        .iter()
        .map(|p| {
            let values = p
                .values
                .iter()
                .map(|(k, v)| {
                    let label = if FORM_STANDARD_FIELDS.contains(&k.as_str()) {
                        standard_label(k).to_string()
                    } else {
                        k.clone()
                    };
                    // A date (a birth date, a date field) in the reader's locale.
                    let shown = tessera_common::time::format_date_text(
                        v,
                        crate::i18n::use_lang(),
                        tessera_common::time::DateStyle::Long,
                    );
                    view! { <div><dt>{label}</dt><dd>{shown}</dd></div> }
                })
                .collect_view();
            // the records that may be this person, for the reviewer only.
            let duplicates = (!p.duplicates.is_empty()).then(|| {
                let items = p
                    .duplicates
                    .iter()
                    .map(|d| {
                        let href = format!("/c/{club}/members/{}", d.id);
                        view! { <li><a href=href>{format!("{} {}", d.given_name, d.family_name)}</a></li> }
                    })
                    .collect_view();
                view! {
                    <div class="notice" data-testid="registration-duplicates">
                        <p>{t(Msg::DupRegistrationFlag)}</p>
                        <ul class="plain">{items}</ul>
                    </div>
                }
            });
            view! {
                <h3>{p.name.clone()}</h3>
                {duplicates}
                <dl class="fields">{values}</dl>
            }
        })
        .collect_view()
}

#[component]
fn ApplicationsBody(apps: Applications, club: String) -> impl IntoView {
    let error = form_error_of::<RejectApplication>().or_else(form_error_of::<ApproveApplication>);
    let notice = query("done").map(|d| {
        let text = if d == "approved" {
            t(Msg::RegistrationApproved)
        } else {
            t(Msg::RegistrationRejected)
        };
        view! { <Notice text=text/> }
    });
    let pending = if apps.pending.is_empty() {
        view! { <p class="muted">{t(Msg::NoRegistrationsWaiting)}</p> }.into_any()
    } else {
        apps.pending
            .iter()
            .map(|a| {
                let when = crate::components::when_short(a.submitted_at);
                let guardian = a.guardian.clone().map(|g| {
                    view! { <p>{t(Msg::Guardians)} ": " {g}</p> }
                });
                let rid = format!("reason-{}", a.id);
                view! {
                    <section class="card" data-testid="application">
                        <h2>{a.form_title.clone()}</h2>
                        <p class="muted">{a.email.clone()} " · " {when}</p>
                        {a.consent_version.map(|_| view! { <p><span class="badge badge-on">{t(Msg::ConsentGiven)}</span></p> })}
                        {guardian}
                        {people_view(a, &club)}
                        <div class="actions">
                            {crate::components::writable().then(|| view! {
                            <form method="post" action=ApproveApplication::PATH class="inline">
                                <ClubField club=club.clone()/>
                                <input type="hidden" name="id" value=a.id.to_string()/>
                                <input type="hidden" name="version" value=a.version.to_string()/>
                                <button type="submit" class="button">{t(Msg::Approve)}</button>
                            </form>
                            })}
                        </div>
                        {crate::components::writable().then(|| view! {
                        <form method="post" action=RejectApplication::PATH class="stack">
                            <ClubField club=club.clone()/>
                            <input type="hidden" name="id" value=a.id.to_string()/>
                            <input type="hidden" name="version" value=a.version.to_string()/>
                            <label for=rid.clone()>{t(Msg::RejectReason)}</label>
                            <TextArea id=rid name="reason" rows=2 maxlength=1000 required=true value=""/>
                            <button type="submit" class="button-danger">{t(Msg::Reject)}</button>
                        </form>
                        })}
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    let recent = apps
        .recent
        .iter()
        .map(|a| {
            let names: Vec<String> = a.people.iter().map(|p| p.name.clone()).collect();
            let state = if a.status == "approved" {
                t(Msg::RegistrationApproved)
            } else {
                t(Msg::RegistrationRejected)
            };
            view! {
                <tr>
                    <td>{names.join(", ")}</td>
                    <td>{a.email.clone()}</td>
                    <td>{state}</td>
                    <td>{a.reason.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>{t(Msg::Registrations)}</h1>
        {notice}
        <FormAlert error=error id="application-error"/>
        <div class="stack">{pending}</div>
        <h2>{t(Msg::RecentlyDecided)}</h2>
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr><th scope="col">{t(Msg::Name)}</th><th scope="col">{t(Msg::Email)}</th><th scope="col">{t(Msg::Status)}</th><th scope="col">{t(Msg::RejectReason)}</th></tr></thead>
                <tbody>{recent}</tbody>
            </table>
        </div>
    }
}
