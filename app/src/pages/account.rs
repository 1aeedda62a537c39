use crate::api::{get_account, get_totp_setup, take_recovery_codes};
use crate::components::{ErrorView, Loading, PageFrame};
use crate::i18n::use_lang;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tessera_common::dto::{AccountOverview, TotpSetup};
use tessera_common::local_path::{local_path, safe_next};
use tessera_common::Msg;

fn query(name: &'static str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name))
}

/// `/login/verify`: the second step of signing in.
#[component]
pub fn LoginVerifyPage() -> impl IntoView {
    let next = safe_next(&query("next").unwrap_or_default());
    let error = query("error").map(|_| {
        view! { <p id="code-error" class="form-error" role="alert" data-testid="code-error">{t(Msg::CodeWrong)}</p> }
    });
    let described = error.as_ref().map(|_| "code-error");
    view! {
        <Title text=t(Msg::TwoStepTitle)/>
        <PageFrame>
            <section class="card narrow">
                <h1>{t(Msg::TwoStepTitle)}</h1>
                <p>{t(Msg::VerifyIntro)}</p>
                {error}
                <form method="post" action="/login/verify" class="stack" data-testid="verify-form">
                    <input type="hidden" name="next" value=next/>
                    <div class="field">
                        <label for="code">{t(Msg::Code)}</label>
                        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                            required maxlength="64" autofocus aria-describedby=described/>
                    </div>
                    <button type="submit" class="button">{t(Msg::Verify)}</button>
                </form>
            </section>
        </PageFrame>
    }
}

/// `/account/two-factor`: set up the authenticator app (required for staff).
#[component]
pub fn TwoFactorSetupPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_totp_setup());
    let next = query("next")
        .and_then(|n| local_path(&n).map(str::to_string))
        .unwrap_or_else(|| "/account".into());
    let error = query("error").is_some();
    view! {
        <Title text=t(Msg::SetupTitle)/>
        <PageFrame>
            <Suspense fallback=Loading>
                {move || {
                    let next = next.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(s) => view! { <SetupBody setup=s next=next error=error/> }.into_any(),
                            Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn SetupBody(setup: TotpSetup, next: String, error: bool) -> impl IntoView {
    // The key in groups of four, as authenticator apps show it.
    let grouped = setup
        .pending_key
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let intro = if setup.required {
        t(Msg::SetupIntro)
    } else {
        t(Msg::SetupOptional)
    };
    let error = error.then(
        || view! { <p id="setup-error" class="form-error" role="alert">{t(Msg::CodeWrong)}</p> },
    );
    view! {
        <section class="card narrow">
            <h1>{t(Msg::SetupTitle)}</h1>
            <p>{intro}</p>
            // The one inner_html of the app. The SVG is made on our server by the qrcode
            // crate from the otpauth address: only rectangles for the code's modules, none
            // of the address's text (which holds the account's e-mail) is written as text.
            <div class="qr" role="img" aria-label=t(Msg::SetupTitle) inner_html=setup.qr_svg></div>
            <p>{t(Msg::SetupKeyText)}</p>
            <p><code class="key" data-testid="totp-key" data-key=setup.pending_key.clone()>{grouped}</code></p>
            {error}
            <form method="post" action="/account/two-factor" class="stack" data-testid="setup-form">
                <input type="hidden" name="next" value=next/>
                <div class="field">
                    <label for="setup-code">{t(Msg::Code)}</label>
                    <input id="setup-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="10"/>
                </div>
                <button type="submit" class="button">{t(Msg::SetupConfirm)}</button>
            </form>
        </section>
    }
}

/// `/account/recovery-codes`: the recovery codes just made, shown once.
#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| take_recovery_codes());
    let next = safe_next(&query("next").unwrap_or_default());
    view! {
        <Title text=t(Msg::RecoveryTitle)/>
        <PageFrame>
            <section class="card narrow">
                <h1>{t(Msg::RecoveryTitle)}</h1>
                <Suspense fallback=Loading>
                    {move || {
                        let next = next.clone();
                        Suspend::new(async move {
                            match data.await {
                                Ok(codes) if codes.is_empty() => view! {
                                    <p>{t(Msg::RecoveryGone)}</p>
                                    <p><a class="button" href="/account">{t(Msg::Account)}</a></p>
                                }.into_any(),
                                Ok(codes) => view! {
                                    <p>{t(Msg::RecoveryIntro)}</p>
                                    <ul class="codes" data-testid="recovery-codes">
                                        {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                                    </ul>
                                    <p><a class="button" href=next>{t(Msg::Continue)}</a></p>
                                }.into_any(),
                                Err(e) => view! { <ErrorView error=e/> }.into_any(),
                            }
                        })
                    }}
                </Suspense>
            </section>
        </PageFrame>
    }
}

/// `/account`: password, second step, sessions and security events of the signed-in person.
#[component]
pub fn AccountPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_account());
    view! {
        <Title text=t(Msg::Account)/>
        <PageFrame>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(a) => view! { <AccountBody account=a/> }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}

pub fn event_label(kind: &str) -> String {
    let m = match kind {
        "sign_in_password" => Msg::EvSignInPassword,
        "sign_in_failure" => Msg::EvSignInFailure,
        "second_factor_success" => Msg::EvSecondFactorSuccess,
        "second_factor_failure" => Msg::EvSecondFactorFailure,
        "second_factor_enrolled" => Msg::EvEnrolled,
        "second_factor_removed" => Msg::EvRemoved,
        "second_factor_reset" => Msg::EvFactorReset,
        "recovery_code_used" => Msg::EvRecoveryUsed,
        "recovery_codes_regenerated" => Msg::EvRecoveryNew,
        "password_changed" => Msg::EvPasswordChanged,
        "sessions_revoked" => Msg::EvSessionsRevoked,
        "password_reset_requested" | "password_reset" => Msg::ForgotTitle,
        "email_change_requested" | "email_changed" => Msg::ChangeEmail,
        "invited" | "invitation_accepted" => Msg::InviteTitle,
        "role_created" => Msg::EvRoleCreated,
        "role_changed" => Msg::EvRoleChanged,
        "role_deleted" => Msg::EvRoleDeleted,
        "roles_assigned" => Msg::EvRolesAssigned,
        "admin_added" | "admin_invited" => Msg::EvAdminAdded,
        "admin_invitation_sent" => Msg::EvAdminInvitationSent,
        "admin_invitation_withdrawn" => Msg::AdminInvitationWithdrawn,
        "admin_invitation_accepted" => Msg::EvAdminInvitationAccepted,
        "admin_removed" => Msg::EvAdminRemoved,
        "module_on" => Msg::EvModuleOn,
        "federation_read" => Msg::EvFederationRead,
        "module_off" => Msg::EvModuleOff,
        "look_changed" => Msg::EvLookChanged,
        "logo_changed" => Msg::EvLogoChanged,
        "logo_removed" => Msg::EvLogoRemoved,
        "plan_assigned" => Msg::EvPlanAssigned,
        "tenant_created" => Msg::EvTenantCreated,
        "tenant_suspended" => Msg::EvTenantSuspended,
        "tenant_reactivated" => Msg::EvTenantReactivated,
        "export" => Msg::EvExport,
        "member_invited" => Msg::MemberInvited,
        "terms_published" => Msg::EvTermsPublished,
        "terms_accepted" => Msg::EvTermsAccepted,
        "field_created" => Msg::EvFieldCreated,
        "field_changed" => Msg::EvFieldChanged,
        "field_deleted" => Msg::EvFieldDeleted,
        "form_created" | "form_changed" => Msg::RegistrationForms,
        "registration_submitted" | "registration_confirmed" => Msg::Registrations,
        "registration_approved" => Msg::RegistrationApproved,
        "members_imported" => Msg::EvMembersImported,
        "registration_rejected" => Msg::RegistrationRejected,
        "breach_recorded" => Msg::EvBreachRecorded,
        "breach_notified" => Msg::EvBreachNotified,
        "breach_notified_late" => Msg::EvBreachNotifiedLate,
        "breach_acknowledged" => Msg::EvBreachAcknowledged,
        "breach_follow_up" => Msg::EvBreachFollowUp,
        "subprocessor_objection" => Msg::EvSubprocessorObjection,
        "incident_recorded" => Msg::EvIncidentRecorded,
        "incident_club_notified" => Msg::EvIncidentClubNotified,
        "subprocessor_change" => Msg::EvSubprocessorChange,
        // affiliations
        "affiliation_invited" => Msg::EvAffInvited,
        "affiliation_requested" => Msg::EvAffRequested,
        "affiliation_accepted" => Msg::EvAffAccepted,
        "affiliation_refused" => Msg::EvAffRefused,
        "affiliation_terms_proposed" => Msg::EvAffTermsProposed,
        "affiliation_terms_accepted" => Msg::EvAffTermsAccepted,
        "affiliation_ended" => Msg::EvAffEnded,
        "affiliation_set" => Msg::EvAffSet,
        // fedlog18: what the federation's own log (and the clubs' part of it) records
        "fed_season_added" => Msg::EvFedSeasonAdded,
        "licence_category_added" => Msg::EvLicenceCategoryAdded,
        "licences_requested" => Msg::EvLicencesRequested,
        "licences_approve" => Msg::EvLicencesApproved,
        "licences_refuse" => Msg::EvLicencesRefused,
        "licences_suspend" => Msg::EvLicencesSuspended,
        "licences_end" => Msg::EvLicencesEnded,
        "template_published" => Msg::EvTemplatePublished,
        "template_adopted" => Msg::EvTemplateAdopted,
        "fed_field_added" => Msg::EvFedFieldAdded,
        "fed_field_archived" => Msg::EvFedFieldArchived,
        "fed_field_restored" => Msg::EvFedFieldRestored,
        "transfer_window_set" => Msg::EvTransferWindowSet,
        "transfer_asked" => Msg::EvTransferAsked,
        "transfer_released" => Msg::EvTransferReleased,
        "transfer_objected" => Msg::EvTransferObjected,
        "transfer_in" => Msg::EvTransferIn,
        "transfer_out" => Msg::EvTransferOut,
        "federation_export" => Msg::EvFederationExport,
        other => return other.to_string(),
    };
    t(m).to_string()
}

#[component]
fn AccountBody(account: AccountOverview) -> impl IntoView {
    let lang = use_lang();
    let done = query("done").map(|d| {
        let text = match d.as_str() {
            "password" => t(Msg::PasswordChanged),
            "sessions" => t(Msg::SessionsRevoked),
            "factor_removed" => t(Msg::FactorRemoved),
            "email_sent" => t(Msg::EmailSent),
            _ => "",
        };
        view! { <p class="notice" role="status" data-testid="notice">{text}</p> }
    });
    let error_form = query("error_form").unwrap_or_default();
    let error_text = crate::components::query_error("error")
        .map(|e| e.text(lang))
        .unwrap_or_default();
    let error_for = move |form: &str| {
        (error_form == form && !error_text.is_empty()).then(|| {
            let id = format!("{form}-error");
            view! { <p id=id class="form-error" role="alert" data-testid=format!("{form}-error")>{error_text.clone()}</p> }
        })
    };
    let password_error = error_for("password");
    let remove_error = error_for("remove");
    let email_error = error_for("email");
    let factor = if account.totp_enabled {
        let codes = Msg::CodesLeft.fill(lang, &[("n", &account.recovery_codes_left.to_string())]);
        let remove = if account.is_staff {
            view! { <p class="muted">{t(Msg::StaffKeepsFactor)}</p> }.into_any()
        } else {
            view! {
                {remove_error}
                <form method="post" action="/account/two-factor/remove" class="inline-form">
                    <label for="remove-password">{t(Msg::Password)}</label>
                    <input id="remove-password" name="password" type="password" autocomplete="current-password" required/>
                    <button type="submit" class="button-quiet">{t(Msg::RemoveFactor)}</button>
                </form>
            }
            .into_any()
        };
        view! {
            <p data-testid="factor-on">{t(Msg::SecondFactorOn)}</p>
            <p class="muted">{codes}</p>
            <form method="post" action="/account/recovery-codes">
                <button type="submit" class="button-quiet">{t(Msg::NewCodes)}</button>
            </form>
            {remove}
        }
        .into_any()
    } else {
        view! {
            <p data-testid="factor-off">{t(Msg::SecondFactorOff)}</p>
            <p><a class="button" href="/account/two-factor">{t(Msg::SetUpNow)}</a></p>
        }
        .into_any()
    };
    let sessions = account.sessions.clone();
    let events = account.events.clone();
    view! {
        <h1>{t(Msg::Account)}</h1>
        <p class="muted">{account.viewer.name.clone()} " · " {account.viewer.email.clone()}</p>
        {done}
        <section class="card" aria-labelledby="pw-title">
            <h2 id="pw-title">{t(Msg::ChangePassword)}</h2>
            {password_error}
            <form method="post" action="/account/password" class="stack narrow-form" data-testid="password-form">
                <div class="field">
                    <label for="current_password">{t(Msg::CurrentPassword)}</label>
                    <input id="current_password" name="current_password" type="password" autocomplete="current-password" required/>
                </div>
                <div class="field">
                    <label for="new_password">{t(Msg::NewPassword)}</label>
                    <input id="new_password" name="new_password" type="password" autocomplete="new-password" required
                        minlength="8" maxlength="256" aria-describedby="pw-help"/>
                    <p id="pw-help" class="help">{t(Msg::PasswordHelp)}</p>
                </div>
                <button type="submit" class="button">{t(Msg::Save)}</button>
            </form>
        </section>
        <section class="card" aria-labelledby="email-title">
            <h2 id="email-title">{t(Msg::ChangeEmail)}</h2>
            {email_error}
            <form method="post" action="/account/email" class="stack narrow-form" data-testid="email-form">
                <div class="field">
                    <label for="new_email">{t(Msg::NewEmail)}</label>
                    <input id="new_email" name="email" type="email" autocomplete="email" required maxlength="254"/>
                </div>
                <button type="submit" class="button">{t(Msg::SendLink)}</button>
            </form>
        </section>
        <section class="card" aria-labelledby="factor-title">
            <h2 id="factor-title">{t(Msg::SecondFactor)}</h2>
            {factor}
        </section>
        <section class="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{t(Msg::Sessions)}</h2>
            <ul class="plain sessions" data-testid="sessions">
                {sessions.into_iter().map(|s| {
                    let signed = Msg::SignedInOn.fill(lang, &[("when", &crate::components::when_long(s.created_at))]);
                    let seen = Msg::LastSeen.fill(lang, &[("when", &crate::components::when_long(s.last_seen_at))]);
                    let device = s.device.clone().unwrap_or_default();
                    let action = if s.current {
                        view! { <strong>{t(Msg::ThisDevice)}</strong> }.into_any()
                    } else {
                        view! {
                            <form method="post" action="/account/sessions/revoke" class="inline">
                                <input type="hidden" name="session" value=s.handle.clone()/>
                                <button type="submit" class="button-quiet">{t(Msg::Revoke)}</button>
                            </form>
                        }.into_any()
                    };
                    view! {
                        <li class="session">
                            <span>{signed} ", " {seen}</span>
                            <span class="muted">{s.address.clone().unwrap_or_default()} " " {device}</span>
                            {action}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form method="post" action="/account/sessions/revoke">
                <input type="hidden" name="session" value="others"/>
                <button type="submit" class="button-quiet">{t(Msg::RevokeOthers)}</button>
            </form>
        </section>
        <section class="card" aria-labelledby="events-title">
            <h2 id="events-title">{t(Msg::SecurityLog)}</h2>
            {if events.is_empty() {
                view! { <p>{t(Msg::NoEvents)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0">
                        <table data-testid="events">
                            <thead><tr>
                                <th scope="col">{t(Msg::When)}</th>
                                <th scope="col">{t(Msg::What)}</th>
                                <th scope="col">{t(Msg::From)}</th>
                            </tr></thead>
                            <tbody>
                                {events.into_iter().map(|e| view! {
                                    <tr>
                                        <td>{crate::components::when_short(e.at)}</td>
                                        <td>{event_label(&e.kind)}</td>
                                        <td>{e.address.clone().unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
