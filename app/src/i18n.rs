//! The page language: chosen on the server (the user's choice, then the club's default,
//! then `Accept-Language`), written into `<html lang>`, and read back from there when the
//! page hydrates, so server and browser always render the same strings.

use leptos::prelude::*;
use tessera_common::Lang;

/// The language for this render: from context on the server, from `<html lang>` in the
/// browser.
pub fn current_lang() -> Lang {
    if let Some(lang) = use_context::<Lang>() {
        return lang;
    }
    #[cfg(feature = "hydrate")]
    {
        if let Some(code) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
        {
            return Lang::parse(&code).unwrap_or_default();
        }
    }
    Lang::default()
}

/// The language provided by [`crate::App`].
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}
