use crate::api::take_login_draft;
use crate::components::{Loading, PageFrame};
use crate::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use tessera_common::local_path::safe_next;
use tessera_common::Msg;

/// `/login`: a plain form posted to the server, so it works with and without JavaScript.
/// The server answers every failure with the same message.
#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let error = query.with_untracked(|q| q.get("error"));
    let next = safe_next(&query.with_untracked(|q| q.get("next")).unwrap_or_default());
    // A failed sign-in's address comes back from the session, never from the address bar.
    let draft = Resource::new(|| (), |_| take_login_draft());
    let message = error.map(|e| {
        let text = if e == "throttled" { t(Msg::SignInThrottled) } else { t(Msg::SignInFailed) };
        view! { <p id="login-error" class="form-error" role="alert" data-testid="login-error">{text}</p> }
    });
    let described = message.as_ref().map(|_| "login-error");
    let notice = query.with_untracked(|q| q.get("reset")).map(|_| {
        view! { <p class="notice" role="status" data-testid="notice">{t(Msg::ResetDone)}</p> }
    });
    view! {
        <Title text=t(Msg::SignIn)/>
        <PageFrame>
            <section class="card narrow">
                <h1>{t(Msg::SignIn)}</h1>
                {notice}
                {message}
                <Suspense fallback=Loading>
                    {move || {
                        let next = next.clone();
                        let described = described;
                        Suspend::new(async move {
                            let email = draft.await.ok().flatten().unwrap_or_default();
                            view! {
                                <form method="post" action="/login" class="stack" data-testid="login-form">
                                    <input type="hidden" name="next" value=next/>
                                    <div class="field">
                                        <label for="email">{t(Msg::Email)}</label>
                                        <input id="email" name="email" type="email" autocomplete="email" required
                                            value=email aria-describedby=described/>
                                    </div>
                                    <div class="field">
                                        <label for="password">{t(Msg::Password)}</label>
                                        <input id="password" name="password" type="password" autocomplete="current-password" required
                                            aria-describedby=described/>
                                    </div>
                                    <button type="submit" class="button">{t(Msg::SignIn)}</button>
                                </form>
                            }
                        })
                    }}
                </Suspense>
                <p><a href="/login/forgot">{t(Msg::ForgotLink)}</a></p>
            </section>
        </PageFrame>
    }
}
