//! The permission checkboxes of a role form: a live count and "select all in module".

use leptos::prelude::*;

/// Put inside a role form, before its `fieldset.perm-group`s: once the page runs, shows
/// how many permissions are ticked (updated as they are ticked) and gives each module's
/// group a button that ticks or clears the whole group. The form stays a plain form that
/// posts its checkboxes; without JavaScript the summary stays hidden and there are no
/// buttons.
///
/// Its texts come as props, in the page's language (`{n}`, `{total}` and `{module}` are
/// filled in the browser), so the browser needs no message table.
#[island]
pub fn PermissionSummary(selected: String, select_all: String, clear_all: String) -> impl IntoView {
    let anchor = NodeRef::<leptos::html::P>::new();
    #[cfg(feature = "hydrate")]
    {
        let started = std::cell::Cell::new(false);
        Effect::new(move |_| {
            if let Some(el) = anchor.get() {
                if !started.replace(true) {
                    client::attach(
                        el.into(),
                        selected.clone(),
                        select_all.clone(),
                        clear_all.clone(),
                    );
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (selected, select_all, clear_all);
    view! { <p class="perm-summary" aria-live="polite" data-testid="perm-summary" hidden node_ref=anchor></p> }
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use std::rc::Rc;
    use web_sys::{Element, HtmlInputElement};

    const BOX: &str = "input[type=\"checkbox\"][name=\"permissions[]\"]";

    fn boxes(root: &Element) -> Vec<HtmlInputElement> {
        let Ok(list) = root.query_selector_all(BOX) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<HtmlInputElement>().ok())
            .collect()
    }

    struct Group {
        set: Element,
        module: String,
        button: Element,
    }

    pub fn attach(summary: Element, selected: String, select_all: String, clear_all: String) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(form) = summary.closest("form").ok().flatten() else {
            return;
        };
        let Ok(sets) = form.query_selector_all("fieldset.perm-group") else {
            return;
        };
        let mut groups = Vec::new();
        for i in 0..sets.length() {
            let Some(set) = sets.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let Some(legend) = set.query_selector("legend").ok().flatten() else {
                continue;
            };
            let module = legend
                .first_child()
                .and_then(|n| n.text_content())
                .unwrap_or_default()
                .trim()
                .to_string();
            let Ok(button) = doc.create_element("button") else {
                continue;
            };
            let _ = button.set_attribute("type", "button");
            let _ = button.set_attribute("class", "button-quiet perm-all");
            let _ = button.set_attribute("data-testid", "perm-all");
            let _ = legend.after_with_node_1(&button);
            groups.push(Group {
                set,
                module,
                button,
            });
        }
        let groups = Rc::new(groups);
        let update = {
            let groups = groups.clone();
            let form = form.clone();
            Rc::new(move || {
                let all = boxes(&form);
                let ticked = all.iter().filter(|b| b.checked()).count();
                summary.set_text_content(Some(
                    &selected
                        .replace("{n}", &ticked.to_string())
                        .replace("{total}", &all.len().to_string()),
                ));
                let _ = summary.remove_attribute("hidden");
                for g in groups.iter() {
                    let full = boxes(&g.set).iter().all(|b| b.checked());
                    let label = if full { &clear_all } else { &select_all };
                    g.button
                        .set_text_content(Some(&label.replace("{module}", &g.module)));
                }
            })
        };
        for g in groups.iter() {
            let set = g.set.clone();
            let update = update.clone();
            let click = Closure::<dyn Fn()>::new(move || {
                let list = boxes(&set);
                let full = list.iter().all(|b| b.checked());
                for b in &list {
                    b.set_checked(!full);
                }
                update();
            });
            let _ = g
                .button
                .add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
            click.forget();
        }
        let on_change = {
            let update = update.clone();
            Closure::<dyn Fn()>::new(move || update())
        };
        let _ = form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
        update();
    }
}
