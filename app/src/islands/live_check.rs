//! Validation as you type on a form that already works without JavaScript.

use leptos::prelude::*;

/// Put inside a `<form>`: when a field changes or loses the focus, sends everything typed
/// so far to `check_form`, which runs the rules a save runs (in `tessera_core`, on the
/// server: none of them is copied into the browser), and shows each message of the fields
/// the person has been to next to its input, the way a refused save shows it
/// (`.field-error`, `aria-invalid`, `aria-describedby`). Without JavaScript it renders an
/// empty, hidden element and the form posts as before.
///
/// `kind` is `member` (the staff form of a record) or `join` (a registration form, whose
/// slug is `form`).
#[island]
pub fn LiveCheck(club: String, kind: String, form: String) -> impl IntoView {
    let anchor = NodeRef::<leptos::html::Span>::new();
    #[cfg(feature = "hydrate")]
    {
        let started = std::cell::Cell::new(false);
        Effect::new(move |_| {
            if let Some(el) = anchor.get() {
                if !started.replace(true) {
                    client::attach(el.into(), club.clone(), kind.clone(), form.clone());
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (club, kind, form);
    view! { <span hidden node_ref=anchor></span> }
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use std::cell::RefCell;
    use std::collections::BTreeSet;
    use std::rc::Rc;
    use tessera_common::dto::{FieldMessage, FormCheck};
    use web_sys::{Element, Event, FormData, HtmlFormElement, UrlSearchParams};

    /// The name a message is given under: an option's box of a multiple choice
    /// (`cf[c7~2]`, `f[p0.cf7~2]`) answers to its field's (`cf[c7]`, `f[p0.cf7]`).
    fn group(name: &str) -> String {
        if let (Some(i), Some(inner)) = (name.rfind('~'), name.strip_suffix(']')) {
            let n = &inner[(i + 1).min(inner.len())..];
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                return format!("{}]", &name[..i]);
            }
        }
        name.to_string()
    }

    #[derive(Default)]
    struct State {
        /// The inputs (by name) the person has changed or left.
        touched: BTreeSet<String>,
        /// The number of the newest check: an older answer arriving late is dropped.
        seq: u64,
    }

    pub fn attach(anchor: Element, club: String, kind: String, slug: String) {
        let Some(form) = anchor
            .closest("form")
            .ok()
            .flatten()
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let state = Rc::new(RefCell::new(State::default()));
        let handler = {
            let form = form.clone();
            Closure::<dyn Fn(Event)>::new(move |ev: Event| {
                let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                    return;
                };
                let Some(name) = target.get_attribute("name") else {
                    return;
                };
                let ty = target.get_attribute("type").unwrap_or_default();
                if matches!(ty.as_str(), "hidden" | "submit" | "button") {
                    return;
                }
                let seq = {
                    let mut s = state.borrow_mut();
                    s.touched.insert(group(&name));
                    s.seq += 1;
                    s.seq
                };
                let Ok(data) = FormData::new_with_form(&form) else {
                    return;
                };
                let Ok(params) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
                    return;
                };
                let check = FormCheck {
                    club: club.clone(),
                    kind: kind.clone(),
                    form: slug.clone(),
                    body: params.to_string().into(),
                    lang: crate::i18n::current_lang().code().to_string(),
                };
                let state = state.clone();
                let form = form.clone();
                leptos::task::spawn_local(async move {
                    // No answer (offline, an error): the save still checks everything.
                    let Ok(problems) = crate::api::check_form(check).await else {
                        return;
                    };
                    let s = state.borrow();
                    if s.seq == seq {
                        show(&form, &s.touched, &problems);
                    }
                });
            })
        };
        for ev in ["change", "focusout"] {
            let _ = form.add_event_listener_with_callback(ev, handler.as_ref().unchecked_ref());
        }
        handler.forget();
    }

    /// Puts each touched field's message next to it, or takes the old one away.
    fn show(form: &HtmlFormElement, touched: &BTreeSet<String>, problems: &[FieldMessage]) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        for name in touched {
            let text: Vec<String> = problems
                .iter()
                .filter(|p| &p.name == name)
                .map(|p| p.text.clone())
                .collect();
            let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
            // The input of that name, or the boxes of a multiple choice.
            let selector = match quoted.strip_suffix(']') {
                Some(open) => format!("[name=\"{quoted}\"], [name^=\"{open}~\"]"),
                None => format!("[name=\"{quoted}\"]"),
            };
            let Ok(inputs) = form.query_selector_all(&selector) else {
                continue;
            };
            let Some(first) = inputs.item(0).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let Some(container) = first
                .closest(".field")
                .ok()
                .flatten()
                .or_else(|| first.parent_element())
            else {
                continue;
            };
            let existing = container.query_selector(".field-error").ok().flatten();
            let base = if first.id().is_empty() {
                format!(
                    "live-{}",
                    name.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
                )
            } else {
                first.id()
            };
            let message_id = match &existing {
                Some(e) if !e.id().is_empty() => e.id(),
                _ => format!("{base}-error"),
            };
            if text.is_empty() {
                if let Some(e) = existing {
                    e.remove();
                }
            } else {
                let el = match existing {
                    Some(e) => e,
                    None => {
                        let Ok(p) = doc.create_element("p") else {
                            continue;
                        };
                        let _ = p.set_attribute("class", "field-error");
                        let _ = p.set_attribute("data-testid", "field-error");
                        let _ = container.append_child(&p);
                        p
                    }
                };
                el.set_id(&message_id);
                el.set_text_content(Some(&text.join("; ")));
            }
            for i in 0..inputs.length() {
                let Some(input) = inputs.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                    continue;
                };
                let mut ids: Vec<String> = input
                    .get_attribute("aria-describedby")
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter(|id| *id != message_id)
                    .map(str::to_string)
                    .collect();
                if text.is_empty() {
                    let _ = input.remove_attribute("aria-invalid");
                } else {
                    ids.push(message_id.clone());
                    let _ = input.set_attribute("aria-invalid", "true");
                }
                if ids.is_empty() {
                    let _ = input.remove_attribute("aria-describedby");
                } else {
                    let _ = input.set_attribute("aria-describedby", &ids.join(" "));
                }
            }
        }
    }
}
