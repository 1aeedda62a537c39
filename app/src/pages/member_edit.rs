//! Changing member records: `/c/{club}/members/{id}/edit` (staff with `members.edit`) and
//! `/c/{club}/me` (a member's own record; they change their contact details). Plain forms
//! posted to server functions; a refused save comes back with the messages next to the
//! fields and with everything that was typed.

use crate::api::{
    get_child_record, get_member_edit, get_member_new, get_my_record, CreateMember,
    UpdateChildRecord, UpdateMember, UpdateMyRecord,
};
use crate::components::{
    field_message, form_error_of, query, ClubField, ErrorView, FieldError, FormAlert, Loading,
    Notice, StampLine,
};
use crate::islands::LiveCheck;
use crate::pages::club::use_club;
use crate::pages::fields::{CustomInputs, CustomRows};
use crate::pages::members::status_label;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use tessera_common::dto::{MemberEdit, MemberForm, MemberStatus, MyRecord};
use tessera_common::time::DateStyle;
use tessera_common::{AppError, Msg};

/// One labelled input with its message.
#[component]
fn Input(
    name: &'static str,
    label: Msg,
    value: String,
    error: Option<AppError>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(default = false)] required: bool,
    #[prop(default = 120)] max: usize,
    #[prop(default = "")] list: &'static str,
    #[prop(default = "")] help: &'static str,
) -> impl IntoView {
    let id = format!("f-{name}");
    let err_id = format!("f-{name}-error");
    let message = field_message(&error, name);
    let invalid = message.is_some().then_some("true");
    let described = if message.is_some() {
        err_id.clone()
    } else {
        String::new()
    };
    let help_view = (!help.is_empty()).then(|| view! { <p class="help">{help}</p> });
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <input id=id name=name type=kind value=value required=required
                // A date input takes no length (the HTML checker refuses it).
                maxlength=(kind != "date").then_some(max)
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                list=(!list.is_empty()).then_some(list)
                aria-invalid=invalid aria-describedby=(!described.is_empty()).then_some(described)/>
            {help_view}
            <FieldError error=message id=err_id/>
        </div>
    }
}

/// `/c/{club}/members/{id}/edit`.
#[component]
pub fn MemberEditPage() -> impl IntoView {
    let club = use_club();
    let params = use_params_map();
    let data = Resource::new(
        move || (club.get(), params.read().get("id").unwrap_or_default()),
        |(c, id)| get_member_edit(c, id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(e) => view! { <MemberEditBody edit=e club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MemberEditBody(edit: MemberEdit, club: String) -> impl IntoView {
    let m = edit.member.clone();
    let error = match &m {
        Some(_) => form_error_of::<UpdateMember>(),
        None => form_error_of::<CreateMember>(),
    };
    let f = edit.draft.clone().unwrap_or_else(|| match &m {
        Some(m) => MemberForm::of(m),
        None => MemberForm {
            status: "active".into(),
            ..Default::default()
        },
    });
    let (name, back, action, title) = match &m {
        Some(m) => (
            format!("{} {}", m.given_name, m.family_name),
            format!("/c/{club}/members/{}", m.id),
            UpdateMember::PATH,
            t(Msg::EditMember),
        ),
        None => (
            t(Msg::MemberList).to_string(),
            format!("/c/{club}/members"),
            CreateMember::PATH,
            t(Msg::NewMember),
        ),
    };
    let ids = m.as_ref().map(|m| {
        view! {
            <input type="hidden" name="id" value=m.id.to_string()/>
            <input type="hidden" name="version" value=m.version.to_string()/>
        }
    });
    let stamp = m
        .as_ref()
        .map(|m| view! { <StampLine stamp=m.stamp.clone()/> });
    let statuses = [
        MemberStatus::Applicant,
        MemberStatus::Active,
        MemberStatus::Suspended,
        MemberStatus::Ended,
    ]
    .into_iter()
    .map(|s| view! { <option value=s.as_str() selected=f.status == s.as_str()>{status_label(s)}</option> })
    .collect_view();
    let genders = [
        ("", Msg::GenderUnknown),
        ("f", Msg::GenderF),
        ("m", Msg::GenderM),
        ("x", Msg::GenderX),
    ]
    .into_iter()
    .map(|(v, label)| view! { <option value=v selected=f.gender == v>{t(label)}</option> })
    .collect_view();
    let types = edit
        .types
        .iter()
        .map(|ty| view! { <option value=ty.clone()></option> })
        .collect_view();
    let custom_fieldset = edit.custom.iter().any(|v| v.editable).then(|| {
        view! {
            <fieldset data-testid="custom-fields">
                <legend>{t(Msg::ClubDetails)}</legend>
                <CustomInputs values=edit.custom.clone() posted=f.custom.clone() error=error.clone()/>
            </fieldset>
        }
    });
    let e = || error.clone();
    // the records that may be the same person, and the explicit "someone else".
    let has_duplicates = !edit.duplicates.is_empty();
    let duplicates = has_duplicates.then(|| {
        view! { <crate::pages::dupes::DuplicateList club=club.clone() duplicates=edit.duplicates.clone() merge_into=None/> }
    });
    let different = has_duplicates.then(|| {
        view! {
            <div class="field">
                <label><input type="checkbox" name="different" value="1" data-testid="different"/>" " {t(Msg::DupAddAnyway)}</label>
            </div>
        }
    });
    view! {
        <Title text=title/>
        <p><a href=back.clone()>"← " {name.clone()}</a></p>
        <h1>{title}</h1>
        <FormAlert error=error.clone() id="member-error"/>
        {duplicates}
        {crate::components::read_only_notice()}
        {crate::components::writable().then(|| view! {
        <form method="post" action=action class="stack record-form" data-testid="member-form">
            <ClubField club=club.clone()/>
            <LiveCheck club=club.clone() kind="member".to_string() form=String::new()/>
            {ids}
            <fieldset>
                <legend>{t(Msg::Person)}</legend>
                <Input name="given_name" label=Msg::GivenName value=f.given_name.clone() error=e() required=true max=100 autocomplete="off"/>
                <Input name="family_name" label=Msg::FamilyName value=f.family_name.clone() error=e() required=true max=100 autocomplete="off"/>
                <Input name="birth_date" label=Msg::BirthDate value=f.birth_date.clone() error=e() kind="date"/>
                <div class="field">
                    <label for="f-gender">{t(Msg::Gender)}</label>
                    <select id="f-gender" name="gender">{genders}</select>
                    <FieldError error=field_message(&error, "gender") id="f-gender-error"/>
                </div>
            </fieldset>
            <fieldset>
                <legend>{t(Msg::Contact)}</legend>
                <Input name="email" label=Msg::Email value=f.email.clone() error=e() kind="email" max=254 autocomplete="off"/>
                <Input name="phone" label=Msg::Phone value=f.phone.clone() error=e() kind="tel" max=30 autocomplete="off"/>
                <Input name="street" label=Msg::Street value=f.street.clone() error=e() autocomplete="off"/>
                <Input name="postcode" label=Msg::Postcode value=f.postcode.clone() error=e() max=10 autocomplete="off"/>
                <Input name="city" label=Msg::City value=f.city.clone() error=e() max=80 autocomplete="off"/>
            </fieldset>
            <fieldset>
                <legend>{t(Msg::Membership)}</legend>
                <div class="field">
                    <label for="f-status">{t(Msg::Status)}</label>
                    <select id="f-status" name="status">{statuses}</select>
                    <FieldError error=field_message(&error, "status") id="f-status-error"/>
                </div>
                <Input name="membership_type" label=Msg::MembershipType value=f.membership_type.clone() error=e() max=40 list="types"/>
                <datalist id="types">{types}</datalist>
                <Input name="season" label=Msg::Season value=f.season.clone() error=e() max=9 help="2026-2027"/>
                <Input name="joined_on" label=Msg::JoinedOn value=f.joined_on.clone() error=e() kind="date"/>
                <Input name="ended_on" label=Msg::EndedOn value=f.ended_on.clone() error=e() kind="date"/>
            </fieldset>
            {custom_fieldset}
            {different}
            <div class="actions">
                <button type="submit" class="button">{t(Msg::Save)}</button>
                <a href=back class="button-quiet">{t(Msg::Cancel)}</a>
            </div>
        </form>
        })}
        {stamp}
    }
}

/// `/c/{club}/members/new`.
#[component]
pub fn MemberNewPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_member_new);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(e) => view! { <MemberEditBody edit=e club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/c/{club}/me`: the member's own record; they change their contact details.
#[component]
pub fn MyRecordPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_my_record);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => view! { <MyRecordBody record=r club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
        // licences
        <crate::pages::licences::MyLicencesCard club=club.get_untracked()/>
        // xfer18: transfers
        <crate::pages::transfers::MyTransfersCard club=club.get_untracked()/>
    }
}

/// `/c/{club}/me/children/{id}`: a guardian's view of their minor child's record.
#[component]
pub fn ChildRecordPage() -> impl IntoView {
    let club = use_club();
    let params = use_params_map();
    let data = Resource::new(
        move || (club.get(), params.read().get("id").unwrap_or_default()),
        |(c, id)| get_child_record(c, id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => view! { <MyRecordBody record=r club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyRecordBody(record: MyRecord, club: String) -> impl IntoView {
    let m = record.member.clone();
    let (error, action, title) = if record.as_guardian {
        (
            form_error_of::<UpdateChildRecord>(),
            UpdateChildRecord::PATH,
            format!("{} {}", m.given_name, m.family_name),
        )
    } else {
        (
            form_error_of::<UpdateMyRecord>(),
            UpdateMyRecord::PATH,
            t(Msg::MyDetails).to_string(),
        )
    };
    let f = record.draft.clone().unwrap_or_else(|| MemberForm::of(&m));
    let notice = query("done").map(|_| view! { <Notice text=t(Msg::Saved)/> });
    let child_id = record
        .as_guardian
        .then(|| view! { <input type="hidden" name="id" value=m.id.to_string()/> });
    let back = record.as_guardian.then(|| {
        let href = format!("/c/{club}/me");
        view! { <p><a href=href>"← " {t(Msg::MyDetails)}</a></p> }
    });
    let children = (!record.children.is_empty()).then(|| {
        let items = record
            .children
            .iter()
            .map(|ch| {
                let href = format!("/c/{club}/me/children/{}", ch.id);
                view! { <li><a href=href>{ch.name.clone()}</a></li> }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="children-title">
                <h2 id="children-title">{t(Msg::MyChildren)}</h2>
                <p class="muted">{t(Msg::MyChildrenHelp)}</p>
                <ul class="plain links" data-testid="my-children">{items}</ul>
            </section>
        }
    });
    let fixed_custom: Vec<_> = m.custom.iter().filter(|v| !v.editable).cloned().collect();
    let row = |label: Msg, value: Option<String>| {
        view! { <div><dt>{t(label)}</dt><dd>{value.unwrap_or_else(|| "—".to_string())}</dd></div> }
    };
    let e = || error.clone();
    let privacy_href = if record.as_guardian {
        format!("/c/{club}/me/privacy?child={}", m.id)
    } else {
        format!("/c/{club}/me/privacy")
    };
    view! {
        <Title text=title.clone()/>
        {back}
        <h1>{title}</h1>
        {notice}
        <section class="card">
            <h2 data-testid="my-name">{format!("{} {}", m.given_name, m.family_name)}</h2>
            <dl class="fields">
                {row(Msg::Status, Some(status_label(m.status).to_string()))}
                {row(Msg::BirthDate, crate::components::day(m.birth_date.clone(), DateStyle::Long))}
                {row(Msg::MembershipType, m.membership_type.clone())}
                {row(Msg::Season, m.season.clone())}
                {row(Msg::JoinedOn, crate::components::day(m.joined_on.clone(), DateStyle::Long))}
                <CustomRows values=fixed_custom/>
            </dl>
            <p class="muted">{t(Msg::AskClubToChange)}</p>
            <p><a href=privacy_href data-testid="my-data-link">{t(Msg::RightsMyDataTitle)}</a></p>
        </section>
        <section class="card" aria-labelledby="contact-title">
            <h2 id="contact-title">{t(Msg::Contact)}</h2>
            <FormAlert error=error.clone() id="me-error"/>
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=action class="stack record-form" data-testid="me-form">
                <ClubField club=club.clone()/>
                {child_id}
                <input type="hidden" name="version" value=m.version.to_string()/>
                <Input name="email" label=Msg::Email value=f.email.clone() error=e() kind="email" max=254 autocomplete="email"/>
                <Input name="phone" label=Msg::Phone value=f.phone.clone() error=e() kind="tel" max=30 autocomplete="tel"/>
                <Input name="street" label=Msg::Street value=f.street.clone() error=e() autocomplete="address-line1"/>
                <Input name="postcode" label=Msg::Postcode value=f.postcode.clone() error=e() max=10 autocomplete="postal-code"/>
                <Input name="city" label=Msg::City value=f.city.clone() error=e() max=80 autocomplete="address-level2"/>
                <CustomInputs values=m.custom.clone() posted=f.custom.clone() error=error.clone()/>
                <button type="submit" class="button">{t(Msg::Save)}</button>
            </form>
            })}
        </section>
        {children}
        // pay20: the person's invoices (and their children's) to pay, with the QR code.
        {(!record.as_guardian && crate::components::club_module_on("fees")).then(|| {
            let href = format!("/c/{club}/me/invoices");
            view! {
                <section class="card" aria-labelledby="my-invoices-title">
                    <h2 id="my-invoices-title">{t(Msg::InvMine)}</h2>
                    <p><a href=href data-testid="my-invoices-link">{t(Msg::InvMyLink)}</a></p>
                </section>
            }
        })}
        // wk19: the member's (or the guardian's child's) own attendance figures.
        <crate::pages::activities::MyAttendanceCard club=club.clone()
            member=record.as_guardian.then(|| m.id.to_string())/>
        // renewal: the health-insurer certificates of the paid seasons.
        {(!record.as_guardian).then(|| view! {
            <crate::pages::renewal::MyCertificatesCard club=club.clone()/>
        })}
        {(!record.as_guardian).then(|| {
            let href = format!("/c/{club}/me/consents");
            view! {
                <section class="card" aria-labelledby="my-consents-title">
                    <h2 id="my-consents-title">{t(Msg::Consents)}</h2>
                    <p><a href=href data-testid="my-consents-link">{t(Msg::MyConsents)}</a></p>
                </section>
            }
        })}
        <StampLine stamp=m.stamp.clone()/>
    }
}
