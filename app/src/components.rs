//! Pieces shared by the pages: the page frame with its header, the language switch, the
//! last-change stamp, and the error view.

use crate::api::get_viewer;
use crate::{i18n::use_lang, t};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use tessera_common::dto::Stamp;
use tessera_common::{AppError, Lang, Msg};

#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#content">{t(Msg::SkipToContent)}</a> }
}

/// The current path with its query, for forms that come back here.
fn here() -> String {
    let loc = use_location();
    let path = loc.pathname.get_untracked();
    let search = loc.search.get_untracked();
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

/// A club's colours as the style attribute of its frame: the custom properties the stylesheet
/// paints with. Colours are checked as `#rrggbb` when stored, so they are safe there.
pub fn club_colors(primary: &str, accent: &str) -> String {
    format!("--club-primary:{primary};--club-accent:{accent}")
}

/// The language switch: a plain form, so it works without JavaScript.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = use_lang();
    let return_to = here();
    view! {
        <form class="lang-switch" method="post" action="/lang">
            <label for="lang-select">{t(Msg::Language)}</label>
            <select id="lang-select" name="lang">
                {Lang::ALL
                    .into_iter()
                    .map(|l| view! {
                        <option value=l.code() selected=l == current lang=l.code()>{l.native_name()}</option>
                    })
                    .collect_view()}
            </select>
            <input type="hidden" name="return_to" value=return_to/>
            <button type="submit" class="button-quiet">{t(Msg::ChangeLanguage)}</button>
        </form>
    }
}

/// The header bar: brand (or the club's name), the signed-in person, sign-in or sign-out,
/// and the language switch.
#[component]
pub fn Header(
    #[prop(optional, into)] brand: Option<String>,
    #[prop(optional, into)] brand_href: Option<String>,
    #[prop(default = None)] logo: Option<String>,
) -> impl IntoView {
    let who = Resource::new(|| (), |_| get_viewer());
    let next = here();
    let brand = brand.unwrap_or_else(|| t(Msg::AppName).to_string());
    let brand_href = brand_href.unwrap_or_else(|| "/".to_string());
    view! {
        <header class="topbar">
            <a class="brand" href=brand_href rel="external">
                {logo.map(|src| view! { <img class="brand-logo" src=src alt="" width="40" height="40"/> })}
                <span>{brand}</span>
            </a>
            <div class="topbar-right">
                <Suspense fallback=|| ()>
                        {move || {
                        let next = next.clone();
                        Suspend::new(async move {
                        match who.await {
                            Ok(Some(v)) => view! {
                                <a class="who" href="/account" data-testid="account-link">{Msg::SignedInAs.fill(use_lang(), &[("name", &v.name)])}</a>
                                <form method="post" action="/logout" class="inline">
                                    <button type="submit" class="button-quiet">{t(Msg::SignOut)}</button>
                                </form>
                            }.into_any(),
                            _ => {
                                let href = format!("/login?next={}", urlencode(&next));
                                view! { <a class="button-quiet" href=href>{t(Msg::SignIn)}</a> }.into_any()
                            }
                        }
                    })}}
                </Suspense>
                <LanguageSwitch/>
            </div>
        </header>
    }
}

/// Percent-encodes a value for a query string.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// "Last changed by … on …", shown on every detail page.
#[component]
pub fn StampLine(stamp: Stamp) -> impl IntoView {
    let lang = use_lang();
    let who = stamp
        .by
        .clone()
        .unwrap_or_else(|| Msg::SystemActor.text(lang).to_string());
    let when = stamp.at.format_brussels();
    view! {
        <p class="stamp" data-testid="stamp">
            {Msg::LastChange.fill(lang, &[("who", &who), ("when", &when)])}
        </p>
    }
}

/// What a person sees when a page cannot be shown. On the server it also sets the HTTP
/// status through `AppError::status`.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::ssr::set_error_status(&error);
    let (title, text) = match &error {
        AppError::NotFound => (t(Msg::NotFoundTitle), t(Msg::NotFoundText).to_string()),
        AppError::Unauthenticated => (
            t(Msg::SignInRequiredTitle),
            t(Msg::SignInRequiredText).to_string(),
        ),
        AppError::Forbidden => (t(Msg::ErrorTitle), t(Msg::ForbiddenText).to_string()),
        other => (t(Msg::ErrorTitle), other.text(use_lang())),
    };
    let sign_in = matches!(error, AppError::Unauthenticated).then(|| {
        let href = format!("/login?next={}", urlencode(&here()));
        view! { <p><a class="button" href=href>{t(Msg::SignIn)}</a></p> }
    });
    view! {
        <section class="error-view" role="alert" data-testid="error" data-status=error.status()>
            <h1>{title}</h1>
            <p>{text}</p>
            {sign_in}
            <p><a href="/" rel="external">{t(Msg::GoHome)}</a></p>
        </section>
    }
}

/// The frame of a page that is not inside a club: header, then the content.
#[component]
pub fn PageFrame(children: Children) -> impl IntoView {
    view! {
        <Header/>
        <main id="content" class="page" tabindex="-1">{children()}</main>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-live="polite">{t(Msg::Loading)}</p> }
}

/// A query parameter of the current page.
pub fn query(name: &'static str) -> Option<String> {
    leptos_router::hooks::use_query_map().with_untracked(|q| q.get(name))
}

/// The refusal of the server function `F`, when the page comes back from it (see
/// [`form_error`]).
pub fn form_error_of<F: leptos::server_fn::ServerFn>() -> Option<AppError> {
    form_error(F::PATH.trim_start_matches("/api/"))
}

/// The error a plain form post to the server function `endpoint` came back with. A server
/// function answers a form post by redirecting to the page it came from, with its error in
/// the query (`__path`, `__err`); this reads it back, so forms work without JavaScript.
pub fn form_error(endpoint: &str) -> Option<AppError> {
    use leptos::server_fn::error::ServerFnUrlError;
    let q = leptos_router::hooks::use_query_map();
    q.with_untracked(|q| {
        if q.get("__path").as_deref() != Some(format!("/api/{endpoint}").as_str()) {
            return None;
        }
        q.get("__err")
            .map(|e| ServerFnUrlError::<AppError>::decode_err(&e))
    })
}

/// The message for one field, if the error names it.
pub fn field_message(error: &Option<AppError>, field: &str) -> Option<String> {
    match error {
        Some(AppError::Invalid(fields)) => {
            let msgs: Vec<String> = fields
                .iter()
                .filter(|f| f.field == field)
                .map(|f| f.problem.render(use_lang()))
                .collect();
            (!msgs.is_empty()).then(|| msgs.join("; "))
        }
        _ => None,
    }
}

/// The text of an error in the page's language ([`AppError::text`]).
pub fn error_text(error: &AppError) -> String {
    error.text(use_lang())
}

/// The error a redirect put into the query parameter `name` (JSON of an [`AppError`]).
/// Anything that is not such an error is ignored, so an address cannot put text of its
/// choosing on a page.
pub fn query_error(name: &str) -> Option<AppError> {
    let raw = leptos_router::hooks::use_query_map().with_untracked(|q| q.get(name))?;
    AppError::from_json(&raw)
}

/// The error of a form as a whole, shown above it and announced; on the server it also
/// gives the page the error's HTTP status, so a form post without JavaScript ends on a 4xx.
#[component]
pub fn FormAlert(error: Option<AppError>, #[prop(into)] id: String) -> impl IntoView {
    error.map(|e| {
        #[cfg(feature = "ssr")]
        crate::ssr::set_error_status(&e);
        let text = match &e {
            AppError::Invalid(_) => t(Msg::FixFields).to_string(),
            other => error_text(other),
        };
        view! { <p id=id.clone() class="form-error" role="alert" data-testid=id>{text}</p> }
    })
}

/// The message next to one field.
#[component]
pub fn FieldError(error: Option<String>, #[prop(into)] id: String) -> impl IntoView {
    error.map(|m| view! { <p id=id class="field-error" data-testid="field-error">{m}</p> })
}

/// A confirmation that a change was saved.
#[component]
pub fn Notice(#[prop(into)] text: String) -> impl IntoView {
    view! { <p class="notice" role="status" data-testid="notice">{text}</p> }
}

/// The hidden field that names the club in a form to a club's server function.
#[component]
pub fn ClubField(#[prop(into)] club: String) -> impl IntoView {
    view! { <input type="hidden" name="club" value=club/> }
}
