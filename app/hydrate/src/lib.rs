//! The wasm entry point. Pages are server-rendered HTML with full-page navigation; only the
//! islands (`tessera_app::islands`) hydrate. Leptos' island script calls `hydrate()` first
//! and then hydrates each `<leptos-island>` on the page.

use leptos::prelude::*;
use std::time::Duration;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    tessera_app::islands::focus_after_navigation();
    // A marker for the browser tests (and anyone curious) that the page is now interactive.
    // The island script hydrates the islands right after this function returns, within the
    // same task; a zero timeout runs after it, so the marker means "islands hydrated".
    set_timeout(
        || {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        Duration::ZERO,
    );
}
