//! Pieces shared by the pages: the page frame with its header, the language switch, the
//! last-change stamp, the error view, and the one multi-line text control ([`TextArea`]).

use crate::api::get_viewer;
use crate::{i18n::use_lang, t};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use tessera_common::dto::Stamp;
use tessera_common::time::{format_date_text, DateStyle, Timestamp};
use tessera_common::{AppError, Lang, Msg};

#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#content">{t(Msg::SkipToContent)}</a> }
}

/// The time zone of the club whose pages are shown (provided by the club's frame).
#[derive(Clone, Debug)]
pub struct ClubTimeZone(pub String);

/// The zone times are shown in: the club's, or the clubs' default outside a club.
pub fn use_time_zone() -> String {
    use_context::<ClubTimeZone>()
        .map(|z| z.0)
        .filter(|z| !z.is_empty())
        .unwrap_or_else(|| tessera_common::time::DEFAULT_TIME_ZONE.to_string())
}

/// An instant with the month written out (`4 december 2026 om 14:05`), for detail pages.
pub fn when_long(at: Timestamp) -> String {
    at.format_in(&use_time_zone(), use_lang(), DateStyle::Long)
}

/// An instant in numbers (`04/12/2026 14:05`), for tables.
pub fn when_short(at: Timestamp) -> String {
    at.format_in(&use_time_zone(), use_lang(), DateStyle::Short)
}

/// A stored day (`YYYY-MM-DD`) in the reader's locale; input fields keep the ISO value.
pub fn day(value: Option<String>, style: DateStyle) -> Option<String> {
    value.map(|v| format_date_text(&v, use_lang(), style))
}

/// Whether the club whose pages are shown is read-only (its trial ended; provided by the
/// club's frame).
#[derive(Clone, Copy, Debug)]
pub struct ClubReadOnly(pub bool);

/// The modules switched on in the club whose frame the page is in (pay20: a page offers a
/// module's links only when it is on).
#[derive(Clone, Debug)]
pub struct ClubModules(pub Vec<String>);

/// Whether the module `id` is on in the club of the page (false outside a club).
pub fn club_module_on(id: &str) -> bool {
    use_context::<ClubModules>().is_some_and(|m| m.0.iter().any(|x| x == id))
}

pub fn club_read_only() -> bool {
    use_context::<ClubReadOnly>().is_some_and(|r| r.0)
}

/// Whether forms that change something are shown: not in a read-only club (the server
/// refuses the change anyway).
pub fn writable() -> bool {
    !club_read_only()
}

/// In a read-only club, the notice shown where a form would be.
pub fn read_only_notice() -> Option<impl IntoView> {
    club_read_only().then(|| {
        view! {
            <p class="notice notice-readonly" role="status" data-testid="read-only-form">{t(Msg::ReadOnlyNoForm)}</p>
        }
    })
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

/// Percent-encodes a value for a query string (a path as `next=`: its slashes stay).
pub fn urlencode(s: &str) -> String {
    const PATH_VALUE: &percent_encoding::AsciiSet = &tessera_common::dto::QUERY_VALUE.remove(b'/');
    percent_encoding::utf8_percent_encode(s, PATH_VALUE).to_string()
}

/// "Last changed by … on …", shown on every detail page.
#[component]
pub fn StampLine(stamp: Stamp) -> impl IntoView {
    let lang = use_lang();
    let who = stamp
        .by
        .clone()
        .unwrap_or_else(|| Msg::SystemActor.text(lang).to_string());
    let when = when_long(stamp.at);
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
        // Every error page has a title (a club's 401 and 404 pages had none).
        <leptos_meta::Title text=title/>
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
///
/// The value is read strictly ([`AppError::from_url_param`]): a malformed one is ignored,
/// never a 500. And the server renders no page whose `__err` it did not sign itself
/// (`security::signed_messages`), so no one can put words on a page through a link.
pub fn form_error(endpoint: &str) -> Option<AppError> {
    let q = leptos_router::hooks::use_query_map();
    q.with_untracked(|q| {
        if q.get("__path").as_deref() != Some(format!("/api/{endpoint}").as_str()) {
            return None;
        }
        q.get("__err").and_then(|e| AppError::from_url_param(&e))
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

/// The one multi-line text control of the app. Every `<textarea>` goes through it (a test
/// checks that no other exists in app/src).
///
/// Leptos 0.8's renderer (tachys 0.2.19, the newest 0.2 release) writes the children of a
/// `<textarea>` unescaped, as it does for `<script>`: a stored value containing
/// `</textarea><script>…` would end the control and run as script in the reader's session.
/// So the value never is a child: it is the element's inner HTML, escaped here
/// ([`textarea_html`]). The browser decodes the character references inside a textarea,
/// so the control shows and posts the original text. When hydrating, inner HTML is left as
/// the server wrote it; when the page is rendered in the browser, it is set through
/// `innerHTML`, which parses the escaped text back to the same characters.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    /// The text shown in the control (what the form posts unless the person changes it).
    #[prop(into)]
    value: String,
    rows: u32,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] required: bool,
    /// `aria-invalid="true"` when the field has a message.
    #[prop(optional)]
    invalid: bool,
    #[prop(optional_no_strip)] describedby: Option<String>,
) -> impl IntoView {
    view! {
        <textarea id=id name=name rows=rows maxlength=maxlength required=required
            aria-invalid=invalid.then_some("true") aria-describedby=describedby
            inner_html=textarea_html(&value)></textarea>
    }
}

/// The content of a `<textarea>` as HTML: `&`, `<` and `>` as character references, so no
/// value can end the element or start markup. On the server, a value that starts with a
/// line break gets one more in front: the HTML parser drops the first line break right
/// after `<textarea>` (the browser's `innerHTML` does not, so the client adds none).
pub fn textarea_html(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    if cfg!(feature = "ssr") && value.starts_with(['\n', '\r']) {
        out.push('\n');
    }
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The encoder this crate had before `percent-encoding`, kept to show the output is
    /// unchanged.
    fn old_urlencode(s: &str) -> String {
        let mut out = String::new();
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

    #[test]
    fn next_addresses_are_encoded_as_before() {
        for next in [
            "/c/kbc-lier/members",
            "/c/kbc-lier/members?q=Ann%C3%A9e&status=active",
            "/c/kbc-lier/members/123/edit",
            "/c/ré/members?q=a b&x=1#top",
            "/account/two-factor",
            "",
        ] {
            assert_eq!(urlencode(next), old_urlencode(next), "{next}");
        }
        assert_eq!(urlencode("/c/a/members?q=é"), "/c/a/members%3Fq%3D%C3%A9");
    }

    #[test]
    fn textarea_text_cannot_end_the_element() {
        let html = textarea_html("</textarea><script>alert(1)</script> & &amp;");
        assert_eq!(
            html,
            "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &amp;amp;"
        );
        assert!(!html.contains('<'));
    }

    #[test]
    fn the_component_writes_the_text_escaped() {
        let owner = Owner::new();
        owner.set();
        let html = view! {
            <TextArea id="t" name="t" rows=2 value="</textarea><script>alert(1)</script>"/>
        }
        .to_html();
        assert!(
            html.contains(">&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"),
            "{html}"
        );
    }

    #[test]
    fn a_leading_line_break_survives_the_html_parser() {
        // On the server one line break is added (the parser drops it again); the browser's
        // innerHTML keeps every line break, so there none is added.
        let expected = if cfg!(feature = "ssr") {
            "\n\nx"
        } else {
            "\nx"
        };
        assert_eq!(textarea_html("\nx"), expected);
        assert_eq!(textarea_html("x\n"), "x\n");
    }

    /// Every `<textarea>` in the app is the one in [`TextArea`]: tachys writes a
    /// textarea's children unescaped, so a textarea written anywhere else could put stored
    /// text into the page as markup. The same holds for `<script>`, `<style>` and
    /// `<noscript>`, which the app does not write at all.
    #[test]
    fn no_raw_text_element_outside_the_component() {
        fn walk(dir: &std::path::Path, needle: &str, found: &mut Vec<String>) {
            let entries = std::fs::read_dir(dir).expect("app/src is readable");
            for entry in entries {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    walk(&path, needle, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("a source file");
                    // Tests (like this module's) may name the elements in strings.
                    let code_part = text.split("#[cfg(test)]\nmod tests").next();
                    for (n, line) in code_part.unwrap_or("").lines().enumerate() {
                        let code = line.trim_start();
                        if !code.starts_with("//") && code.contains(needle) {
                            found.push(format!("{}:{}: {}", path.display(), n + 1, code));
                        }
                    }
                }
            }
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let tag = |name: &str| ["<", name].concat();
        let mut found = Vec::new();
        walk(&src, &tag("textarea"), &mut found);
        assert_eq!(found.len(), 1, "write these through TextArea: {found:#?}");
        assert!(
            found[0].contains("components.rs") && found[0].contains("id=id name=name"),
            "write this through TextArea: {found:#?}"
        );
        for name in ["script", "style", "noscript"] {
            let mut found = Vec::new();
            walk(&src, &tag(name), &mut found);
            assert!(
                found.is_empty(),
                "children of <{name}> are not escaped: {found:#?}"
            );
        }
    }
}
