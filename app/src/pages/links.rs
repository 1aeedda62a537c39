//! The pages that mail links lead to, and the request for a reset link. Plain forms: they
//! work without JavaScript.

use crate::components::PageFrame;
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tessera_common::Msg;

fn query(name: &'static str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name))
}

fn error_note() -> Option<impl IntoView> {
    crate::components::query_error("error").map(|e| {
        let e = e.text(crate::i18n::use_lang());
        view! { <p id="form-error" class="form-error" role="alert" data-testid="form-error">{e}</p> }
    })
}

/// `/login/forgot`: ask for a reset link.
#[component]
pub fn ForgotPage() -> impl IntoView {
    let sent = query("sent").map(
        |_| view! { <p class="notice" role="status" data-testid="notice">{t(Msg::ForgotSent)}</p> },
    );
    view! {
        <Title text=t(Msg::ForgotTitle)/>
        <PageFrame>
            <section class="card narrow">
                <h1>{t(Msg::ForgotTitle)}</h1>
                <p>{t(Msg::ForgotIntro)}</p>
                {sent}
                <form method="post" action="/login/forgot" class="stack" data-testid="forgot-form">
                    <div class="field">
                        <label for="email">{t(Msg::Email)}</label>
                        <input id="email" name="email" type="email" autocomplete="email" required maxlength="254"/>
                    </div>
                    <button type="submit" class="button">{t(Msg::SendLink)}</button>
                </form>
            </section>
        </PageFrame>
    }
}

/// A form that sets a password from a link (`/login/reset`, `/invite`).
#[component]
fn PasswordFromLink(action: &'static str, title: Msg, intro: Msg) -> impl IntoView {
    let token = query("token").unwrap_or_default();
    let error = error_note();
    let described = error
        .as_ref()
        .map(|_| "form-error pw-help")
        .unwrap_or("pw-help");
    view! {
        <Title text=t(title)/>
        <PageFrame>
            <section class="card narrow">
                <h1>{t(title)}</h1>
                <p>{t(intro)}</p>
                {error}
                <form method="post" action=action class="stack" data-testid="link-password-form">
                    <input type="hidden" name="token" value=token/>
                    <div class="field">
                        <label for="password">{t(Msg::NewPassword)}</label>
                        <input id="password" name="password" type="password" autocomplete="new-password" required
                            minlength="8" maxlength="256" aria-describedby=described/>
                        <p id="pw-help" class="help">{t(Msg::PasswordHelp)}</p>
                    </div>
                    <button type="submit" class="button">{t(Msg::Save)}</button>
                </form>
            </section>
        </PageFrame>
    }
}

/// `/login/reset?token=…`
#[component]
pub fn ResetPage() -> impl IntoView {
    view! { <PasswordFromLink action="/login/reset" title=Msg::ForgotTitle intro=Msg::InviteIntro/> }
}

/// `/invite?token=…`
#[component]
pub fn InvitePage() -> impl IntoView {
    view! { <PasswordFromLink action="/invite" title=Msg::InviteTitle intro=Msg::InviteIntro/> }
}

/// `/c/{club}/admin-invitation?token=…`: accept an invitation to become an administrator
/// of the club (a button, since opening a link must not change anything by itself; mail
/// scanners open links). The person signs in with the invited address first.
#[component]
pub fn AdminInvitationPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let club = params.read_untracked().get("club").unwrap_or_default();
    let token = query("token").unwrap_or_default();
    let error = error_note();
    let accept_path = <crate::api::AcceptAdminInvitation as leptos::server_fn::ServerFn>::PATH;
    view! {
        <Title text=t(Msg::AdminInvitationTitle)/>
        <PageFrame>
            <section class="card narrow">
                <h1>{t(Msg::AdminInvitationTitle)}</h1>
                {error}
                <p>{t(Msg::AdminInvitationIntro)}</p>
                <form method="post" action=accept_path data-testid="accept-admin-invitation">
                    <input type="hidden" name="club" value=club/>
                    <input type="hidden" name="token" value=token/>
                    <button type="submit" class="button">{t(Msg::AdminInvitationAccept)}</button>
                </form>
                <p><a href="/login">{t(Msg::SignIn)}</a></p>
            </section>
        </PageFrame>
    }
}

/// `/account/email?token=…`: confirm a new address (a button, since opening a link must not
/// change anything by itself).
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let token = query("token").unwrap_or_default();
    let done = query("done").is_some();
    let error = error_note();
    view! {
        <Title text=t(Msg::ConfirmEmailTitle)/>
        <PageFrame>
            <section class="card narrow">
                <h1>{t(Msg::ConfirmEmailTitle)}</h1>
                {error}
                {if done {
                    view! {
                        <p class="notice" role="status" data-testid="notice">{t(Msg::EmailChanged)}</p>
                        <p><a class="button" href="/account">{t(Msg::Account)}</a></p>
                    }.into_any()
                } else {
                    view! {
                        <form method="post" action="/account/email/confirm" data-testid="confirm-email-form">
                            <input type="hidden" name="token" value=token/>
                            <button type="submit" class="button">{t(Msg::SetupConfirm)}</button>
                        </form>
                    }.into_any()
                }}
            </section>
        </PageFrame>
    }
}
