//! The club's own fields: `/c/{club}/settings/fields` (defining them, `members.fields`),
//! and the pieces every record page uses to show and change their values.

use crate::api::{get_field_settings, CreateField, DeleteField, MoveField, UpdateField};
use crate::components::{
    field_message, form_error_of, query, ClubField, ErrorView, FieldError, FormAlert, Loading,
    Notice, StampLine, TextArea,
};
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use std::collections::BTreeMap;
use tessera_common::dto::{
    CustomField, CustomValue, FieldForm, FieldKind, FieldSettings, FieldVisibility,
};
use tessera_common::{AppError, Msg};

pub fn kind_label(k: FieldKind) -> &'static str {
    t(match k {
        FieldKind::Text => Msg::KindText,
        FieldKind::LongText => Msg::KindLongText,
        FieldKind::Number => Msg::KindNumber,
        FieldKind::Date => Msg::KindDate,
        FieldKind::Choice => Msg::KindChoice,
        FieldKind::Multi => Msg::KindMulti,
        FieldKind::YesNo => Msg::KindYesNo,
        FieldKind::Email => Msg::Email,
        FieldKind::Phone => Msg::Phone,
        FieldKind::Iban => Msg::KindIban,
        FieldKind::NationalNumber => Msg::KindNationalNumber,
    })
}

fn visibility_label(v: FieldVisibility) -> &'static str {
    t(match v {
        FieldVisibility::Member => Msg::VisibleToMember,
        FieldVisibility::Staff => Msg::VisibleToStaff,
        FieldVisibility::Sensitive => Msg::VisibleSensitive,
    })
}

/// A stored value as a person reads it.
pub fn display_value(f: &CustomField, values: &[String]) -> String {
    if values.is_empty() {
        return "—".to_string();
    }
    match f.kind {
        FieldKind::YesNo => match values[0].as_str() {
            "yes" => t(Msg::Yes).to_string(),
            _ => t(Msg::No).to_string(),
        },
        FieldKind::Date => tessera_common::time::format_date_text(
            &values[0],
            crate::i18n::use_lang(),
            tessera_common::time::DateStyle::Long,
        ),
        _ => values.join(", "),
    }
}

/// The custom values of a record, read-only (as `<dt>`/`<dd>` rows of a `<dl>`).
#[component]
pub fn CustomRows(values: Vec<CustomValue>) -> impl IntoView {
    values
        .into_iter()
        .map(|v| {
            let shown = display_value(&v.field, &v.values);
            let long = v.field.kind == FieldKind::LongText;
            view! {
                <div data-testid="custom-value">
                    <dt>{v.field.label.clone()}</dt>
                    <dd class:pre=long>{shown}</dd>
                </div>
            }
        })
        .collect_view()
}

/// The inputs of the custom fields the viewer may change, named `cf[{id}]` (one per chosen
/// option of a multiple choice: `cf[{id}~{n}]`), filled from `posted` (the record, or what
/// was typed in a refused save).
#[component]
pub fn CustomInputs(
    values: Vec<CustomValue>,
    posted: BTreeMap<String, String>,
    error: Option<AppError>,
) -> impl IntoView {
    values
        .into_iter()
        .filter(|v| v.editable)
        .map(|v| {
            let base = format!("c{}", v.field.id);
            custom_input(
                &v.field,
                &posted,
                &error,
                "cf",
                &base,
                &format!("cf{}", v.field.id),
            )
        })
        .collect_view()
}

/// The input of one custom field, posted as `{wrap}[{base}]` (each chosen option of a
/// multiple choice as `{wrap}[{base}~{n}]`), filled from `posted[base]`, its message under
/// `err_key`.
pub fn custom_input(
    f: &CustomField,
    posted: &BTreeMap<String, String>,
    error: &Option<AppError>,
    wrap: &str,
    base: &str,
    err_key: &str,
) -> AnyView {
    let key = base.to_string();
    let name = format!("{wrap}[{base}]");
    let dom = base.replace(['.', '~'], "-");
    let id = format!("cf-{dom}");
    let err_id = format!("cf-{dom}-error");
    let message = field_message(error, err_key);
    let invalid = message.is_some().then_some("true");
    let help_id = format!("cf-{dom}-help");
    let described = {
        let mut d = Vec::new();
        if f.help.is_some() {
            d.push(help_id.clone());
        }
        if message.is_some() {
            d.push(err_id.clone());
        }
        (!d.is_empty()).then(|| d.join(" "))
    };
    let help = f
        .help
        .clone()
        .map(|h| view! { <p class="help" id=help_id.clone()>{h}</p> });
    let value = posted.get(&key).cloned().unwrap_or_default();
    let label = f.label.clone();
    let required = f.required;
    let control = match f.kind {
        FieldKind::LongText => view! {
            <TextArea id=id.clone() name=name rows=4 maxlength=4000 required=required
                invalid=invalid.is_some() describedby=described.clone() value=value/>
        }
        .into_any(),
        FieldKind::Choice | FieldKind::YesNo => {
            let options: Vec<(String, String)> = if f.kind == FieldKind::YesNo {
                vec![
                    ("yes".into(), t(Msg::Yes).to_string()),
                    ("no".into(), t(Msg::No).to_string()),
                ]
            } else {
                f.options.iter().map(|o| (o.clone(), o.clone())).collect()
            };
            let mut items: Vec<(String, String)> = options;
            // A value chosen before the club removed the option stays selectable.
            if !value.is_empty() && !items.iter().any(|(v, _)| *v == value) {
                items.push((value.clone(), value.clone()));
            }
            let opts = items
                .into_iter()
                .map(|(v, l)| {
                    let sel = v == value;
                    view! { <option value=v selected=sel>{l}</option> }
                })
                .collect_view();
            view! {
                <select id=id.clone() name=name required=required aria-invalid=invalid
                    aria-describedby=described.clone()>
                    <option value="">"—"</option>
                    {opts}
                </select>
            }
            .into_any()
        }
        FieldKind::Multi => {
            let prefix = format!("{base}~");
            let chosen: Vec<String> = posted
                .iter()
                .filter(|(k, _)| k.starts_with(&prefix))
                .map(|(_, v)| v.clone())
                .collect();
            let boxes = f
                .options
                .iter()
                .enumerate()
                .map(|(n, o)| {
                    let box_id = format!("cf-{dom}-{n}");
                    let checked = chosen.contains(o);
                    view! {
                        <label class="check" for=box_id.clone()>
                            <input type="checkbox" id=box_id.clone() name=format!("{wrap}[{base}~{n}]")
                                value=o.clone() checked=checked/>
                            {o.clone()}
                        </label>
                    }
                })
                .collect_view();
            return view! {
                <fieldset class="field choices" aria-describedby=described>
                    <legend>{label}{required.then_some(" *")}</legend>
                    {boxes}
                    {help}
                    <FieldError error=message id=err_id/>
                </fieldset>
            }
            .into_any();
        }
        kind => {
            let (input_type, max, mode, auto) = match kind {
                FieldKind::Number => ("text", 20, Some("decimal"), None),
                FieldKind::Date => ("date", 10, None, None),
                FieldKind::Email => ("email", 254, None, Some("email")),
                FieldKind::Phone => ("tel", 30, None, Some("tel")),
                FieldKind::Iban => ("text", 42, None, Some("off")),
                FieldKind::NationalNumber => ("text", 15, Some("numeric"), Some("off")),
                _ => ("text", 200, None, None),
            };
            view! {
                <input id=id.clone() name=name type=input_type value=value
                    maxlength=(input_type != "date").then_some(max)
                    required=required inputmode=mode autocomplete=auto
                    aria-invalid=invalid aria-describedby=described.clone()/>
            }
            .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}{required.then_some(" *")}</label>
            {control}
            {help}
            <FieldError error=message id=err_id/>
        </div>
    }
    .into_any()
}

// ------------------------------------------------------------------ settings page

/// `/c/{club}/settings/fields`.
#[component]
pub fn FieldsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_field_settings);
    view! {
        <Title text=t(Msg::MemberFields)/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => view! { <FieldsBody settings=s club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FieldsBody(settings: FieldSettings, club: String) -> impl IntoView {
    let notice = query("done").map(|d| {
        let text = match d.as_str() {
            "field_deleted" => t(Msg::FieldDeleted),
            _ => t(Msg::FieldSaved),
        };
        view! { <Notice text=text/> }
    });
    let delete_error = form_error_of::<DeleteField>();
    let count = settings.fields.len();
    let list = if settings.fields.is_empty() {
        view! { <p class="muted">{t(Msg::NoFieldsYet)}</p> }.into_any()
    } else {
        settings
            .fields
            .iter()
            .enumerate()
            .map(|(n, f)| {
                let draft = (settings.draft_for.as_deref() == Some(&f.id.to_string()))
                    .then(|| settings.draft.clone())
                    .flatten();
                view! { <FieldCard field=f.clone() draft=draft club=club.clone() first=n == 0 last=n + 1 == count/> }
            })
            .collect_view()
            .into_any()
    };
    let new_draft = (settings.draft_for.as_deref() == Some("new"))
        .then(|| settings.draft.clone())
        .flatten();
    view! {
        <h1>{t(Msg::MemberFields)}</h1>
        <p class="muted">{t(Msg::MemberFieldsIntro)}</p>
        {notice}
        <FormAlert error=delete_error id="field-delete-error"/>
        <div class="stack" data-testid="fields">{list}</div>
        <section class="card" aria-labelledby="new-field-title">
            <h2 id="new-field-title">{t(Msg::NewField)}</h2>
            <FieldDefinitionForm field=None draft=new_draft club=club.clone()/>
        </section>
    }
}

#[component]
fn FieldCard(
    field: CustomField,
    draft: Option<FieldForm>,
    club: String,
    first: bool,
    last: bool,
) -> impl IntoView {
    let title_id = format!("field-{}-title", field.id);
    let mover = |dir: &'static str, label: Msg, hide: bool| {
        (!hide).then(|| {
            view! {
                {crate::components::writable().then(|| view! {
                <form method="post" action=MoveField::PATH class="inline">
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="id" value=field.id.to_string()/>
                    <input type="hidden" name="direction" value=dir/>
                    <button type="submit" class="button-quiet">{t(label)}</button>
                </form>
                })}
            }
        })
    };
    let up = mover("up", Msg::MoveUp, first);
    let down = mover("down", Msg::MoveDown, last);
    let open = draft.is_some();
    let summary = format!(
        "{} · {}",
        kind_label(field.kind),
        visibility_label(field.visibility)
    );
    view! {
        <section class="card" aria-labelledby=title_id.clone() data-testid="field-card">
            <h2 id=title_id.clone()>{field.label.clone()}</h2>
            <p class="muted">{summary}</p>
            <details open=open>
                <summary>{t(Msg::ChangeField)}</summary>
                <FieldDefinitionForm field=Some(field.clone()) draft=draft club=club.clone()/>
                {crate::components::writable().then(|| view! {
                <form method="post" action=DeleteField::PATH class="inline">
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="id" value=field.id.to_string()/>
                    <button type="submit" class="button-danger">{t(Msg::DeleteField)}</button>
                </form>
                })}
            </details>
            <div class="actions">{up}{down}</div>
            <StampLine stamp=field.stamp.clone()/>
        </section>
    }
}

#[component]
fn FieldDefinitionForm(
    field: Option<CustomField>,
    draft: Option<FieldForm>,
    club: String,
) -> impl IntoView {
    let error = if draft.is_some() {
        match &field {
            Some(_) => form_error_of::<UpdateField>(),
            None => form_error_of::<CreateField>(),
        }
    } else {
        None
    };
    let f = draft.unwrap_or_else(|| match &field {
        Some(x) => FieldForm {
            label: x.label.clone(),
            kind: x.kind.as_str().to_string(),
            help: x.help.clone().unwrap_or_default(),
            required: x.required,
            options: x.options.join("\n"),
            visibility: x.visibility.as_str().to_string(),
            member_editable: x.member_editable,
        },
        None => FieldForm {
            kind: "text".into(),
            visibility: "member".into(),
            ..Default::default()
        },
    });
    let p = match &field {
        Some(x) => format!("fd-{}", x.id),
        None => "fd-new".to_string(),
    };
    let (action, button) = match &field {
        Some(_) => (UpdateField::PATH, t(Msg::Save)),
        None => (CreateField::PATH, t(Msg::AddField)),
    };
    let ids = field.as_ref().map(|x| {
        view! {
            <input type="hidden" name="id" value=x.id.to_string()/>
            <input type="hidden" name="version" value=x.version.to_string()/>
        }
    });
    let kind_control = match &field {
        // A field keeps its kind: shown, posted as it is.
        Some(x) => view! {
            <input type="hidden" name="kind" value=x.kind.as_str()/>
            <p id=format!("{p}-kind")>{kind_label(x.kind)} " — " <span class="muted">{t(Msg::FieldKindFixed)}</span></p>
        }
        .into_any(),
        None => {
            let kinds = FieldKind::ALL
                .into_iter()
                .map(|k| view! { <option value=k.as_str() selected=f.kind == k.as_str()>{kind_label(k)}</option> })
                .collect_view();
            view! { <select id=format!("{p}-kind") name="kind">{kinds}</select> }.into_any()
        }
    };
    let visibilities = FieldVisibility::ALL
        .into_iter()
        .map(|v| view! { <option value=v.as_str() selected=f.visibility == v.as_str()>{visibility_label(v)}</option> })
        .collect_view();
    let msg = |name: &str| field_message(&error, name);
    view! {
        <FormAlert error=error.clone() id=format!("{p}-error")/>
        {crate::components::read_only_notice()}
        {crate::components::writable().then(|| view! {
        <form method="post" action=action class="stack" data-testid="field-form">
            <ClubField club=club/>
            {ids}
            <label for=format!("{p}-label")>{t(Msg::FieldLabel)}</label>
            <input id=format!("{p}-label") name="label" type="text" required maxlength="80" value=f.label.clone()/>
            <FieldError error=msg("label") id=format!("{p}-label-error")/>
            // A label names a control: the fixed kind of an existing field is text.
            <label for=field.is_none().then(|| format!("{p}-kind"))>{t(Msg::FieldKind)}</label>
            {kind_control}
            <FieldError error=msg("kind") id=format!("{p}-kind-error")/>
            <label for=format!("{p}-options")>{t(Msg::FieldOptions)}</label>
            <TextArea id=format!("{p}-options") name="options" rows=3 value=f.options.clone()/>
            <FieldError error=msg("options") id=format!("{p}-options-error")/>
            <label for=format!("{p}-help")>{t(Msg::FieldHelp)}</label>
            <input id=format!("{p}-help") name="help" type="text" maxlength="300" value=f.help.clone()/>
            <FieldError error=msg("help") id=format!("{p}-help-error")/>
            <label for=format!("{p}-visibility")>{t(Msg::FieldVisibility)}</label>
            <select id=format!("{p}-visibility") name="visibility">{visibilities}</select>
            <FieldError error=msg("visibility") id=format!("{p}-visibility-error")/>
            <label class="check">
                <input type="checkbox" name="required" value="on" checked=f.required/>
                {t(Msg::FieldRequired)}
            </label>
            <label class="check">
                <input type="checkbox" name="member_editable" value="on" checked=f.member_editable/>
                {t(Msg::FieldMemberEditable)}
            </label>
            <FieldError error=msg("member_editable") id=format!("{p}-editable-error")/>
            <button type="submit" class="button">{button}</button>
        </form>
        })}
    }
}
