//! Health-insurer certificates and season renewal (issue 20):
//! - [`MyCertificatesCard`]: on the member's own page, a download form per paid season of
//!   theirs or of a minor child (a plain POST to `/c/{club}/me/certificate`, no script);
//! - `/c/{club}/fees/certificates`: who signs the certificates and the signature image
//!   (`fees.manage`; the image is a multipart POST to
//!   `/c/{club}/fees/certificates/signature`).

use crate::api::{
    get_certificate_settings, get_my_certificates, get_renewal_invitation, get_renewal_overview,
    AnswerRenewal, OpenRenewal, SaveCertificateOfficer,
};
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

/// `/c/{club}/fees/renewal`: open renewal into a season; who renewed, who did not answer,
/// who left (`renewal.manage`).
#[component]
pub fn RenewalPage() -> impl IntoView {
    let club = use_club();
    let data = Resource::new(move || club.get(), get_renewal_overview);
    view! {
        <Title text=t(Msg::RenewalTitle)/>
        <h1>{t(Msg::RenewalTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(o) => view! { <RenewalBody overview=o club=club.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn state_label(state: &str) -> &'static str {
    match state {
        "renewed" => t(Msg::RenewalRenewed),
        "declined" => t(Msg::RenewalDeclined),
        _ => t(Msg::RenewalPending),
    }
}

#[component]
fn RenewalBody(overview: RenewalOverview, club: String) -> impl IntoView {
    let lang = use_lang();
    let error = form_error_of::<OpenRenewal>();
    let notice = query("done").and_then(|n| n.parse::<i64>().ok()).map(|n| {
        view! { <Notice text=Msg::RenewalOpenedCount.fill(lang, &[("n", &n.to_string())])/> }
    });
    let form = if overview.seasons.is_empty() {
        view! { <p class="muted">{t(Msg::RenewalNoSeason)}</p> }.into_any()
    } else {
        let options = overview
            .seasons
            .iter()
            .map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> })
            .collect_view();
        view! {
            {crate::components::writable().then(|| view! {
            <form method="post" action=OpenRenewal::PATH class="stack" data-testid="renewal-open">
                <ClubField club=club.clone()/>
                <label for="renewal-season">{t(Msg::RenewalSeason)}</label>
                <select id="renewal-season" name="season" required>{options}</select>
                <FieldError error=field_message(&error, "season") id="renewal-season-error"/>
                <label for="renewal-ends">{t(Msg::RenewalEndsOn)}</label>
                <input id="renewal-ends" name="ends_on" type="date" required/>
                <FieldError error=field_message(&error, "ends_on") id="renewal-ends-error"/>
                <label for="renewal-type">{t(Msg::MembershipType)}</label>
                <input id="renewal-type" name="membership_type" type="text" maxlength="80"
                    aria-describedby="renewal-type-help"/>
                <p id="renewal-type-help" class="muted">{t(Msg::RenewalFilterHelp)}</p>
                <button type="submit" class="button">{t(Msg::RenewalOpen)}</button>
            </form>
            })}
        }
        .into_any()
    };
    let renewals = if overview.renewals.is_empty() {
        view! { <p class="muted" data-testid="renewals-none">{t(Msg::RenewalNone)}</p> }.into_any()
    } else {
        overview
            .renewals
            .into_iter()
            .map(|r| {
                let opened = Msg::RenewalOpenedOn.fill(
                    lang,
                    &[("at", &crate::components::day(Some(r.opened_at.date_in("Europe/Brussels").to_string()), DateStyle::Long).unwrap_or_default())],
                );
                let ends = crate::components::day(Some(r.ends_on.clone()), DateStyle::Long)
                    .unwrap_or_default();
                let rows = r
                    .entries
                    .into_iter()
                    .map(|e| {
                        let href = format!("/c/{club}/members/{}", e.member);
                        let ended = e.ended.then(|| view! { " · " {t(Msg::RenewalEnded)} });
                        view! {
                            <tr data-testid="renewal-row" data-state=e.state.clone()>
                                <td><a href=href>{e.name}</a></td>
                                <td>{state_label(&e.state)}{ended}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="card" data-testid="renewal">
                        <h2>{r.season_name}</h2>
                        <p class="muted">{opened} " · " {t(Msg::RenewalEndsOn)} " " {ends}</p>
                        <p data-testid="renewal-counts">
                            {t(Msg::RenewalRenewed)} ": " {r.renewed} " · "
                            {t(Msg::RenewalPending)} ": " {r.pending} " · "
                            {t(Msg::RenewalDeclined)} ": " {r.declined}
                        </p>
                        <div class="table-wrap" tabindex="0" role="region" aria-label=t(Msg::RenewalTitle)>
                            <table>
                                <thead><tr>
                                    <th scope="col">{t(Msg::Name)}</th>
                                    <th scope="col">{t(Msg::RenewalStateLabel)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <p class="muted">{t(Msg::RenewalIntro)}</p>
        {notice}
        <section class="card">
            <FormAlert error=error.clone() id="renewal-error"/>
            {crate::components::read_only_notice()}
            {form}
        </section>
        {renewals}
    }
}

/// `/c/{club}/renew/{token}`: the public page of a renewal link (no sign-in, no script
/// needed): the details on record, the consents, and the two answers as plain form posts.
#[component]
pub fn RenewalLinkPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let (club, token) = params.with_untracked(|p| {
        (
            p.get("club").unwrap_or_default(),
            p.get("token").unwrap_or_default(),
        )
    });
    let data = Resource::new(
        move || (club.clone(), token.clone()),
        |(c, tk)| get_renewal_invitation(c, tk),
    );
    view! {
        <crate::components::Header/>
        <main id="content" class="page join" tabindex="-1">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let (club, token) = params.with_untracked(|p| {
                        (p.get("club").unwrap_or_default(), p.get("token").unwrap_or_default())
                    });
                    match data.await {
                        Ok(inv) => view! { <RenewalLinkBody inv=inv club=club token=token/> }.into_any(),
                        Err(e) => view! { <Title text=t(Msg::RenewalTitle)/><h1>{t(Msg::RenewalTitle)}</h1><ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn RenewalLinkBody(inv: RenewalInvitation, club: String, token: String) -> impl IntoView {
    let lang = use_lang();
    let error = form_error_of::<AnswerRenewal>();
    let title = Msg::RenewalConfirmTitle.fill(lang, &[("season", &inv.season_name)]);
    let intro = Msg::RenewalConfirmIntro.fill(
        lang,
        &[("club", &inv.club_name), ("name", &inv.member_name)],
    );
    let row = |label: Msg, v: Option<String>| {
        view! { <div><dt>{t(label)}</dt><dd>{v.unwrap_or_else(|| "—".to_string())}</dd></div> }
    };
    let address = [inv.street.clone(), inv.postcode.clone(), inv.city.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let body = match inv.state.as_str() {
        "renewed" => view! {
            <p class="notice" role="status" data-testid="renewal-done">
                {Msg::RenewalThanks.fill(lang, &[("season", &inv.season_name)])}
            </p>
        }
        .into_any(),
        "declined" => view! {
            <p class="notice" role="status" data-testid="renewal-done">
                {Msg::RenewalLeftDone.fill(lang, &[("season", &inv.season_name), ("name", &inv.member_name)])}
            </p>
        }
        .into_any(),
        _ => {
            let purposes = inv
                .purposes
                .iter()
                .map(|p| {
                    let id = format!("purpose-{}", p.id);
                    view! {
                        <div class="check">
                            <input type="checkbox" id=id.clone() name="purposes[]" value=p.id.to_string()
                                checked=p.agreed/>
                            <label for=id>
                                <strong>{p.title.get(lang).to_string()}</strong> " "
                                <span class="muted">{p.text.get(lang).to_string()}</span>
                            </label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <FormAlert error=error.clone() id="renewal-answer-error"/>
                <form method="post" action=AnswerRenewal::PATH class="stack" data-testid="renewal-confirm">
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="token" value=token.clone()/>
                    <input type="hidden" name="decision" value="renew"/>
                    <fieldset>
                        <legend>{t(Msg::RenewalConsents)}</legend>
                        {purposes}
                    </fieldset>
                    <button type="submit" class="button" data-testid="renewal-renew">{t(Msg::RenewalConfirmButton)}</button>
                </form>
                <form method="post" action=AnswerRenewal::PATH class="stack" data-testid="renewal-leave">
                    <ClubField club=club.clone()/>
                    <input type="hidden" name="token" value=token.clone()/>
                    <input type="hidden" name="decision" value="leave"/>
                    <button type="submit" class="button-quiet" data-testid="renewal-leave-button">{t(Msg::RenewalDeclineButton)}</button>
                </form>
            }
            .into_any()
        }
    };
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p>{intro}</p>
        <section class="card">
            <h2>{t(Msg::RenewalDetails)}</h2>
            <dl class="fields">
                {row(Msg::Name, Some(inv.member_name.clone()))}
                {row(Msg::Email, inv.email.clone())}
                {row(Msg::Phone, inv.phone.clone())}
                {row(Msg::Street, (!address.is_empty()).then_some(address))}
            </dl>
        </section>
        {body}
    }
}
