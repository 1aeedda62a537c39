//! The form builder: a registration form's questions added, removed and put in order in
//! the browser, before the form's plain save.

use leptos::prelude::*;

/// The texts of [`FormBuilder`], in the page's language (`{field}`, `{n}` and `{total}` are
/// filled in the browser). Props, so the browser needs no message table.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BuilderLabels {
    /// The heading of the buttons' column.
    pub order: String,
    pub up: String,
    pub down: String,
    pub remove: String,
    /// The buttons' accessible names, with `{field}`.
    pub move_up: String,
    pub move_down: String,
    pub remove_field: String,
    pub add_question: String,
    pub add: String,
    /// What the live region says after a change.
    pub moved: String,
    pub added: String,
    pub removed: String,
}

/// Put inside a registration form's editor, after its table of questions
/// (`tr[data-key]` rows, each with the checkbox `fields[{key}]`, its place
/// `fields[pos:{key}]` and its label in the row's `th`). Once the page runs, the table
/// shows only the questions the form asks, each with "up", "down" and "remove" buttons,
/// and a list below adds one of the others; every change is announced in a live region,
/// and rewrites the places the save posts. The save is the form's own post, checked by the
/// server (`registration::check_form`). Without JavaScript the table is the form as
/// before: a box per question, in the form's order.
#[island]
pub fn FormBuilder(prefix: String, labels: BuilderLabels) -> impl IntoView {
    // An empty element the browser fills (the add list and the live region): without
    // JavaScript there is nothing to show, and the wasm carries no view code for it.
    let anchor = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let started = std::cell::Cell::new(false);
        Effect::new(move |_| {
            if let Some(el) = anchor.get() {
                if !started.replace(true) {
                    client::attach(el.into(), &prefix, labels.clone());
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (prefix, labels);
    view! { <div class="fb-tools" hidden data-testid="fb-tools" node_ref=anchor></div> }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::BuilderLabels;
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use std::rc::Rc;
    use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

    struct Builder {
        tbody: Element,
        select: HtmlSelectElement,
        add_box: Element,
        live: Element,
        labels: BuilderLabels,
    }

    fn input(row: &Element, name: &str) -> Option<HtmlInputElement> {
        row.query_selector(&format!("input[name=\"{name}\"]"))
            .ok()
            .flatten()
            .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
    }

    fn key(row: &Element) -> String {
        row.get_attribute("data-key").unwrap_or_default()
    }

    fn label(row: &Element) -> String {
        row.query_selector("th")
            .ok()
            .flatten()
            .and_then(|th| th.text_content())
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    fn asked(row: &Element) -> bool {
        input(row, &format!("fields[{}]", key(row))).is_some_and(|b| b.checked())
    }

    fn button(row: &Element, what: &str) -> Option<HtmlElement> {
        row.query_selector(&format!("button[data-fb=\"{what}\"]"))
            .ok()
            .flatten()
            .and_then(|n| n.dyn_into::<HtmlElement>().ok())
    }

    impl Builder {
        fn rows(&self) -> Vec<Element> {
            let Ok(list) = self.tbody.query_selector_all("tr[data-key]") else {
                return Vec::new();
            };
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into::<Element>().ok())
                .collect()
        }

        fn shown(&self) -> Vec<Element> {
            self.rows().into_iter().filter(asked).collect()
        }

        /// Puts the asked rows first (in their order), the others after them hidden,
        /// numbers every row's place, and sets the buttons and the list of the others.
        fn refresh(&self) {
            let rows = self.rows();
            let (on, off): (Vec<_>, Vec<_>) = rows.into_iter().partition(asked);
            for row in on.iter().chain(off.iter()) {
                let _ = self.tbody.append_child(row);
            }
            for (i, row) in on.iter().chain(off.iter()).enumerate() {
                if let Some(pos) = input(row, &format!("fields[pos:{}]", key(row))) {
                    pos.set_value(&i.to_string());
                }
            }
            let last = on.len().saturating_sub(1);
            for (i, row) in on.iter().enumerate() {
                let _ = row.remove_attribute("hidden");
                if let Some(b) = button(row, "up") {
                    let _ = b.toggle_attribute_with_force("disabled", i == 0);
                }
                if let Some(b) = button(row, "down") {
                    let _ = b.toggle_attribute_with_force("disabled", i == last);
                }
            }
            for row in &off {
                let _ = row.set_attribute("hidden", "");
            }
            self.select.set_inner_html("");
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                for row in &off {
                    if let Ok(opt) = doc.create_element("option") {
                        let _ = opt.set_attribute("value", &key(row));
                        opt.set_text_content(Some(&label(row)));
                        let _ = self.select.append_child(&opt);
                    }
                }
            }
            let _ = self
                .add_box
                .toggle_attribute_with_force("hidden", off.is_empty());
        }

        fn say(&self, text: &str, row: &Element) {
            let shown = self.shown();
            let n = shown.iter().position(|r| r == row).map_or(0, |i| i + 1);
            let text = text
                .replace("{field}", &label(row))
                .replace("{n}", &n.to_string())
                .replace("{total}", &shown.len().to_string());
            self.live.set_text_content(Some(&text));
        }

        fn act(&self, row: &Element, what: &str) {
            match what {
                "up" | "down" => {
                    let shown = self.shown();
                    let Some(i) = shown.iter().position(|r| r == row) else {
                        return;
                    };
                    let other = if what == "up" {
                        i.checked_sub(1).and_then(|j| shown.get(j))
                    } else {
                        shown.get(i + 1)
                    };
                    let Some(other) = other else {
                        return;
                    };
                    if what == "up" {
                        let _ = other.before_with_node_1(row);
                    } else {
                        let _ = other.after_with_node_1(row);
                    }
                    self.refresh();
                    // The focus stays with the question; at the top or the bottom it goes
                    // to the button that can still move it.
                    let back = if what == "up" { "down" } else { "up" };
                    let target = button(row, what)
                        .filter(|b| !b.has_attribute("disabled"))
                        .or_else(|| button(row, back));
                    if let Some(b) = target {
                        let _ = b.focus();
                    }
                    self.say(&self.labels.moved, row);
                }
                "remove" => {
                    let shown = self.shown();
                    let i = shown.iter().position(|r| r == row).unwrap_or(0);
                    if let Some(b) = input(row, &format!("fields[{}]", key(row))) {
                        b.set_checked(false);
                    }
                    self.refresh();
                    let next = shown
                        .get(i + 1)
                        .or_else(|| i.checked_sub(1).and_then(|j| shown.get(j)));
                    match next.and_then(|r| button(r, "remove")) {
                        Some(b) => {
                            let _ = b.focus();
                        }
                        None => {
                            let _ = self.select.focus();
                        }
                    }
                    self.say(&self.labels.removed, row);
                }
                _ => {}
            }
        }

        fn add(&self) {
            let want = self.select.value();
            let Some(row) = self.rows().into_iter().find(|r| key(r) == want) else {
                return;
            };
            if let Some(b) = input(&row, &format!("fields[{want}]")) {
                b.set_checked(true);
            }
            // Asked last: after the questions already asked.
            if let Some(last) = self.shown().into_iter().filter(|r| r != &row).last() {
                let _ = last.after_with_node_1(&row);
            }
            self.refresh();
            // The focus stays on the list to add another; when none is left, it goes to
            // the new question.
            if self.add_box.has_attribute("hidden") {
                if let Some(b) = button(&row, "remove") {
                    let _ = b.focus();
                }
            } else {
                let _ = self.select.focus();
            }
            self.say(&self.labels.added, &row);
        }
    }

    fn make_button(doc: &Document, what: &str, text: &str, name: &str) -> Option<Element> {
        let b = doc.create_element("button").ok()?;
        let _ = b.set_attribute("type", "button");
        let _ = b.set_attribute("class", "button-quiet");
        let _ = b.set_attribute("data-fb", what);
        let _ = b.set_attribute("data-testid", &format!("fb-{what}"));
        let _ = b.set_attribute("aria-label", name);
        b.set_text_content(Some(text));
        Some(b)
    }

    fn element(doc: &Document, tag: &str, attrs: &[(&str, &str)], text: &str) -> Option<Element> {
        let el = doc.create_element(tag).ok()?;
        for (name, value) in attrs {
            let _ = el.set_attribute(name, value);
        }
        if !text.is_empty() {
            el.set_text_content(Some(text));
        }
        Some(el)
    }

    /// Fills the builder's element: the list of the questions not asked with its button,
    /// and the live region.
    fn tools(doc: &Document, tools: &Element, prefix: &str, labels: &BuilderLabels) -> Option<()> {
        let id = format!("{prefix}-fb-add");
        let add = element(doc, "div", &[("class", "fb-add")], "")?;
        let label = element(doc, "label", &[("for", &id)], &labels.add_question)?;
        let select = element(
            doc,
            "select",
            &[("id", &id), ("data-testid", "fb-add-select")],
            "",
        )?;
        let button = element(
            doc,
            "button",
            &[
                ("type", "button"),
                ("class", "button-quiet"),
                ("data-testid", "fb-add"),
            ],
            &labels.add,
        )?;
        let live = element(
            doc,
            "p",
            &[
                ("class", "visually-hidden"),
                ("aria-live", "polite"),
                ("data-testid", "fb-live"),
            ],
            "",
        )?;
        for child in [&label, &select, &button] {
            add.append_child(child).ok()?;
        }
        tools.append_child(&add).ok()?;
        tools.append_child(&live).ok()?;
        Some(())
    }

    pub fn attach(tools: Element, prefix: &str, labels: BuilderLabels) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if self::tools(&doc, &tools, prefix, &labels).is_none() {
            return;
        }
        let Some(form) = tools.closest("form").ok().flatten() else {
            return;
        };
        let Some(table) = form.query_selector("table.fb-table").ok().flatten() else {
            return;
        };
        let Some(tbody) = table.query_selector("tbody").ok().flatten() else {
            return;
        };
        let Some(select) = tools
            .query_selector("select")
            .ok()
            .flatten()
            .and_then(|n| n.dyn_into::<HtmlSelectElement>().ok())
        else {
            return;
        };
        let (Some(add_box), Some(add_button), Some(live)) = (
            tools.query_selector(".fb-add").ok().flatten(),
            tools.query_selector("button").ok().flatten(),
            tools.query_selector("[aria-live]").ok().flatten(),
        ) else {
            return;
        };
        // The heading of the buttons' column, and the buttons of each row.
        if let (Some(tr), Ok(th)) = (
            table.query_selector("thead tr").ok().flatten(),
            doc.create_element("th"),
        ) {
            let _ = th.set_attribute("scope", "col");
            th.set_text_content(Some(&labels.order));
            let _ = tr.append_child(&th);
        }
        let b = Rc::new(Builder {
            tbody,
            select,
            add_box,
            live,
            labels,
        });
        for row in b.rows() {
            let Ok(td) = doc.create_element("td") else {
                continue;
            };
            let _ = td.set_attribute("class", "fb-buttons");
            let name = label(&row);
            for (what, text, aria) in [
                ("up", &b.labels.up, &b.labels.move_up),
                ("down", &b.labels.down, &b.labels.move_down),
                ("remove", &b.labels.remove, &b.labels.remove_field),
            ] {
                let Some(button) = make_button(&doc, what, text, &aria.replace("{field}", &name))
                else {
                    continue;
                };
                let _ = td.append_child(&button);
                let (b, row, what) = (b.clone(), row.clone(), what.to_string());
                let click = Closure::<dyn Fn()>::new(move || b.act(&row, &what));
                let _ = button
                    .add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
                click.forget();
            }
            let _ = row.append_child(&td);
        }
        {
            let b2 = b.clone();
            let click = Closure::<dyn Fn()>::new(move || b2.add());
            let _ = add_button
                .add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
            click.forget();
        }
        // The "ask" boxes are now the buttons' business: their column goes, their values
        // are still posted.
        let _ = table.class_list().add_1("fb-on");
        b.refresh();
        let _ = tools.remove_attribute("hidden");
    }
}
