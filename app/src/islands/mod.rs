//! The islands: the only parts of a page that run in the browser. Every page is
//! server-rendered HTML with full-page navigation (`leptos::mount::hydrate_islands` in
//! `app/hydrate`); an island adds to a form that already works without JavaScript, and
//! shows nothing the page needs when it does not run.
//!
//! - [`LiveCheck`]: validation as you type, by the server's own rules (`check_form`).
//! - [`PermissionSummary`]: the live count and "select all in module" of a role form.
//! - [`ImportLivePreview`]: an import's report following its column mapping.
//! - [`FormBuilder`]: a registration form's questions added, removed and ordered.
//!
//! Islands get what they need as props (serialised once, into the island's
//! `data-props`) or read it from the page they sit in; nothing else of a page is
//! serialised. They read the page language from `<html lang>` (`i18n::current_lang`):
//! the app's context does not exist in the browser.

mod form_builder;
mod import_preview;
mod live_check;
mod permissions;

pub use form_builder::{BuilderLabels, FormBuilder};
pub use import_preview::{ImportLabels, ImportLivePreview};
pub use live_check::LiveCheck;
pub use permissions::PermissionSummary;

/// After a full-page navigation from this site (a link or a form, `document.referrer` is
/// of this origin), moves the focus to the new page's main heading, as a client-side
/// router would: unless the address has a fragment (the skip link, an anchor), something
/// has `autofocus`, or the person already moved the focus.
#[cfg(feature = "hydrate")]
pub fn focus_after_navigation() {
    use leptos::wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(doc) = window.document() else {
        return;
    };
    let loc = window.location();
    if loc.hash().map(|h| !h.is_empty()).unwrap_or(true) {
        return;
    }
    let origin = loc.origin().unwrap_or_default();
    let referrer = doc.referrer();
    if origin.is_empty() || !(referrer == origin || referrer.starts_with(&format!("{origin}/"))) {
        return;
    }
    if doc.query_selector("[autofocus]").ok().flatten().is_some() {
        return;
    }
    if doc
        .active_element()
        .is_some_and(|a| !a.tag_name().eq_ignore_ascii_case("body"))
    {
        return;
    }
    let heading = doc
        .query_selector("main h1")
        .ok()
        .flatten()
        .or_else(|| doc.query_selector("h1").ok().flatten());
    let Some(Ok(h1)) = heading.map(|h| h.dyn_into::<web_sys::HtmlElement>()) else {
        return;
    };
    if !h1.has_attribute("tabindex") {
        let _ = h1.set_attribute("tabindex", "-1");
    }
    let _ = h1.focus();
}

/// On the server there is nothing to focus.
#[cfg(not(feature = "hydrate"))]
pub fn focus_after_navigation() {}
