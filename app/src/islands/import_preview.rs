//! The import's column mapping: the report follows the mapping as it changes.

use leptos::prelude::*;
use tessera_common::dto::ImportPreview;

/// The texts of [`ImportLivePreview`], in the page's language: the totals (with `{rows}`,
/// `{valid}`, `{invalid}`, `{duplicates}`, `{add}`), the sample's caption and its column
/// headings (row, name, birth date, e-mail, city). Props, so the browser needs no message
/// table.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportLabels {
    pub totals: String,
    pub caption: String,
    pub columns: [String; 5],
}

/// Put inside an import's mapping form: when a column's field changes, asks the server for
/// the report under the mapping the form shows now (`preview_import`, stored nowhere) and
/// shows its totals and first rows in place. Without JavaScript it is empty, and the
/// form's button shows the same report on a page of its own.
#[island]
pub fn ImportLivePreview(club: String, id: String, labels: ImportLabels) -> impl IntoView {
    let preview = RwSignal::new(None::<ImportPreview>);
    let anchor = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let started = std::cell::Cell::new(false);
        Effect::new(move |_| {
            if let Some(el) = anchor.get() {
                if !started.replace(true) {
                    client::attach(el.into(), club.clone(), id.clone(), preview);
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (club, id);
    view! {
        <div class="import-live" aria-live="polite" data-testid="import-live" node_ref=anchor>
            {move || preview.get().map(|p| live_report(p, &labels))}
        </div>
    }
}

fn live_report(p: ImportPreview, labels: &ImportLabels) -> impl IntoView {
    let mut totals = labels.totals.clone();
    for (name, value) in [
        ("rows", p.rows),
        ("valid", p.valid),
        ("invalid", p.invalid),
        ("duplicates", p.duplicates_existing + p.duplicates_in_file),
        ("add", p.to_add),
    ] {
        totals = totals.replace(&format!("{{{name}}}"), &value.to_string());
    }
    let heads = labels
        .columns
        .iter()
        .map(|c| view! { <th scope="col">{c.clone()}</th> })
        .collect_view();
    let rows = p
        .sample
        .into_iter()
        .take(10)
        .map(|s| {
            let m = s.member;
            view! {
                <tr>
                    <td class="num">{s.row}</td>
                    <td>{format!("{} {}", m.given_name, m.family_name)}</td>
                    <td>{m.birth_date}</td>
                    <td>{m.email}</td>
                    <td>{m.city}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p data-testid="import-live-totals">{totals}</p>
        <div class="table-wrap">
            <table data-testid="import-live-sample">
                <caption>{labels.caption.clone()}</caption>
                <thead><tr>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use std::cell::Cell;
    use std::collections::BTreeMap;
    use std::rc::Rc;
    use tessera_common::dto::ImportPreview;
    use web_sys::{Element, HtmlSelectElement};

    /// The form's mapping: `map[c{n}]` → `c{n}` and the chosen field.
    fn mapping(form: &Element) -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        let Ok(list) = form.query_selector_all("select[name^=\"map[\"]") else {
            return map;
        };
        for i in 0..list.length() {
            let Some(sel) = list
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlSelectElement>().ok())
            else {
                continue;
            };
            let name = sel.name();
            if let Some(key) = name.strip_prefix("map[").and_then(|k| k.strip_suffix(']')) {
                map.insert(key.to_string(), sel.value());
            }
        }
        map
    }

    pub fn attach(el: Element, club: String, id: String, preview: RwSignal<Option<ImportPreview>>) {
        let Some(form) = el.closest("form").ok().flatten() else {
            return;
        };
        let seq = Rc::new(Cell::new(0u64));
        let on_change = {
            let form = form.clone();
            Closure::<dyn Fn()>::new(move || {
                let n = seq.get() + 1;
                seq.set(n);
                let (club, id, map, seq) = (club.clone(), id.clone(), mapping(&form), seq.clone());
                leptos::task::spawn_local(async move {
                    let result = crate::api::preview_import(club, id, map).await;
                    if seq.get() == n {
                        // A mapping the server cannot use: no preview; the form's button
                        // shows why, per column.
                        preview.set(result.ok());
                    }
                });
            })
        };
        let _ = form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
}
