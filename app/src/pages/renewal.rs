//! Health-insurer certificates and season renewal (issue 20):
//! - [`MyCertificatesCard`]: on the member's own page, a download form per paid season of
//!   theirs or of a minor child (a plain POST to `/c/{club}/me/certificate`, no script);
//! - `/c/{club}/fees/certificates`: who signs the certificates and the signature image
//!   (`fees.manage`; the image is a multipart POST to
//!   `/c/{club}/fees/certificates/signature`).

use crate::api::{get_certificate_settings, get_my_certificates, SaveCertificateOfficer};
use crate::components::{
    field_message, form_error_of, query, query_error, ClubField, ErrorView, FieldError, FormAlert,
    Loading, Notice, StampLine,
};
use crate::i18n::use_lang;
use crate::pages::club::use_club;
use crate::t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use tessera_common::money::format_eur;
use tessera_common::renewal::*;
use tessera_common::time::DateStyle;
use tessera_common::{AppError, Msg};

/// The caller's (and their minor children's) paid seasons with a certificate each; nothing
/// when the fees module is off.
#[component]
pub fn MyCertificatesCard(club: String) -> impl IntoView {
    let data = Resource::new(move || club.clone(), get_my_certificates);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <MyCertificatesBody list=list/> }.into_any(),
                    Err(AppError::Forbidden | AppError::NotFound) => ().into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyCertificatesBody(list: Vec<PaidSeason>) -> impl IntoView {
    let club = use_club().get_untracked();
    let lang = use_lang();
    let action = format!("/c/{club}/me/certificate");
    let body = if list.is_empty() {
        view! { <p class="muted" data-testid="certificates-none">{t(Msg::CertNone)}</p> }.into_any()
    } else {
        let rows = list
            .into_iter()
            .map(|p| {
                let child = p.child.map(|c| c.to_string()).unwrap_or_default();
                let label = format!("{} — {}", p.member_name, p.season_name);
                let paid = crate::components::day(p.paid_on.clone(), DateStyle::Long)
                    .unwrap_or_default();
                view! {
                    <li data-testid="certificate">
                        <form method="post" action=action.clone() class="inline">
                            <input type="hidden" name="season" value=p.season_id.to_string()/>
                            <input type="hidden" name="child" value=child/>
                            <strong>{label}</strong> " "
                            <span class="muted">{format_eur(p.amount_cents, lang)} " · " {paid}</span> " "
                            <button type="submit" class="button-quiet" data-testid="certificate-download">
                                {t(Msg::CertDownload)}
                            </button>
                        </form>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plain" data-testid="certificates">{rows}</ul> }.into_any()
    };
    view! {
        <section class="card" aria-labelledby="certificates-title">
            <h2 id="certificates-title">{t(Msg::CertMineTitle)}</h2>
            <p class="muted">{t(Msg::CertMineIntro)}</p>
            {body}
        </section>
    }
}

/// `/c/{club}/fees/certificates`.
#[component]
pub fn CertificateSettingsPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_certificate_settings);
    view! {
        <Title text=t(Msg::CertSettingsTitle)/>
        <h1>{t(Msg::CertSettingsTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => view! { <CertificateSettingsBody settings=s club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CertificateSettingsBody(settings: CertificateSettings, club: String) -> impl IntoView {
    let lang = use_lang();
    let error = form_error_of::<SaveCertificateOfficer>();
    let upload_error = query_error("signature_error").map(|e| {
        #[cfg(feature = "ssr")]
        crate::ssr::set_error_status(&e);
        let text = e.text(lang);
        view! { <p id="signature-error" class="form-error" role="alert" data-testid="signature-error">{text}</p> }
    });
    let notice = query("done").map(|_| view! { <Notice text=t(Msg::CertSaved)/> });
    let national = match &settings.national_number_field {
        Some(f) => Msg::CertNationalNumberUsed.fill(lang, &[("field", f)]),
        None => t(Msg::CertNationalNumberNone).to_string(),
    };
    let signature = if settings.signature_type.is_some() {
        t(Msg::CertSignatureStored)
    } else {
        t(Msg::CertSignatureNone)
    };
    let help = Msg::CertSignatureHelp.fill(lang, &[("max", "256")]);
    let upload = format!("/c/{club}/fees/certificates/signature");
    let stamp = settings
        .stamp
        .clone()
        .map(|s| view! { <StampLine stamp=s/> });
    view! {
        <p class="muted">{t(Msg::CertSettingsIntro)}</p>
        {notice}
        <section class="card" aria-labelledby="officer-title">
            <h2 id="officer-title">{t(Msg::CertOfficerName)}</h2>
            <FormAlert error=error.clone() id="officer-error"/>
            {crate::components::read_only_notice()}
            {crate::components::writable().then(|| view! {
            <form method="post" action=SaveCertificateOfficer::PATH class="stack" data-testid="officer-form">
                <ClubField club=club.clone()/>
                <input type="hidden" name="version" value=settings.version.to_string()/>
                <label for="officer-name">{t(Msg::CertOfficerName)}</label>
                <input id="officer-name" name="officer_name" type="text" required maxlength="100"
                    value=settings.officer_name.clone()/>
                <FieldError error=field_message(&error, "officer_name") id="officer-name-error"/>
                <label for="officer-role">{t(Msg::CertOfficerRole)}</label>
                <input id="officer-role" name="officer_role" type="text" required maxlength="100"
                    value=settings.officer_role.clone()/>
                <FieldError error=field_message(&error, "officer_role") id="officer-role-error"/>
                <button type="submit" class="button">{t(Msg::CertSave)}</button>
            </form>
            })}
        </section>
        <section class="card" aria-labelledby="signature-title">
            <h2 id="signature-title">{t(Msg::CertSignatureLabel)}</h2>
            <p data-testid="signature-state">{signature}</p>
            {upload_error}
            {crate::components::writable().then(|| view! {
            <form method="post" action=upload enctype="multipart/form-data" class="stack" data-testid="signature-upload">
                <label for="signature-file">{t(Msg::CertSignatureLabel)}</label>
                <input id="signature-file" name="signature" type="file" accept="image/png,image/jpeg" required
                    aria-describedby="signature-help"/>
                <p id="signature-help" class="muted">{help}</p>
                <button type="submit" class="button">{t(Msg::CertUpload)}</button>
            </form>
            })}
        </section>
        <section class="card">
            <p data-testid="national-number">{national}</p>
        </section>
        {stamp}
    }
}
