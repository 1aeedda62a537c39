//! What changed between two versions of a template, item by item, in words a club's
//! administrator reads before adopting the newer one.

use std::collections::BTreeMap;
use tessera_common::dto::FieldForm;
use tessera_common::templates::{TemplateBody, TemplateChange};

fn change(op: &str, item: impl Into<String>, detail: impl Into<String>) -> TemplateChange {
    TemplateChange {
        op: op.to_string(),
        item: item.into(),
        detail: detail.into(),
    }
}

fn changed(out: &mut Vec<TemplateChange>, item: &str, old: &str, new: &str) {
    if old != new {
        out.push(change("changed", item, format!("{old} → {new}")));
    }
}

/// Items of `new` not in `old` (added) and of `old` not in `new` (removed), in order.
fn sets(out: &mut Vec<TemplateChange>, old: &[String], new: &[String]) {
    for x in new.iter().filter(|x| !old.contains(x)) {
        out.push(change("added", x.clone(), ""));
    }
    for x in old.iter().filter(|x| !new.contains(x)) {
        out.push(change("removed", x.clone(), ""));
    }
}

fn describe(f: &FieldForm) -> String {
    let mut parts = vec![f.kind.clone(), f.visibility.clone()];
    if f.required {
        parts.push("required".into());
    }
    if f.member_editable {
        parts.push("member_editable".into());
    }
    if !f.options.is_empty() {
        parts.push(f.options.replace('\n', ", "));
    }
    if !f.help.is_empty() {
        parts.push(f.help.clone());
    }
    parts.join("; ")
}

fn asked(fields: &BTreeMap<String, String>) -> Vec<String> {
    fields
        .iter()
        .filter(|(k, v)| !k.contains(':') && v.as_str() == "on")
        .map(|(k, _)| {
            if fields.get(&format!("req:{k}")).map(String::as_str) == Some("on") {
                format!("{k} (required)")
            } else {
                k.clone()
            }
        })
        .collect()
}

/// The changes from (`old_name`, `old`) to (`new_name`, `new`); two bodies of different
/// kinds compare as everything removed and added.
pub fn changes(
    old_name: &str,
    old: &TemplateBody,
    new_name: &str,
    new: &TemplateBody,
) -> Vec<TemplateChange> {
    let mut out = Vec::new();
    changed(&mut out, "name", old_name, new_name);
    match (old, new) {
        (
            TemplateBody::Role {
                staff: s0,
                permissions: p0,
            },
            TemplateBody::Role {
                staff: s1,
                permissions: p1,
            },
        ) => {
            changed(&mut out, "staff", &s0.to_string(), &s1.to_string());
            sets(&mut out, p0, p1);
        }
        (TemplateBody::Fields { fields: f0 }, TemplateBody::Fields { fields: f1 }) => {
            let key = |f: &FieldForm| f.label.to_lowercase();
            for f in f1 {
                match f0.iter().find(|o| key(o) == key(f)) {
                    None => out.push(change("added", f.label.clone(), describe(f))),
                    Some(o) => changed(&mut out, &f.label, &describe(o), &describe(f)),
                }
            }
            for o in f0.iter().filter(|o| !f1.iter().any(|f| key(f) == key(o))) {
                out.push(change("removed", o.label.clone(), describe(o)));
            }
        }
        (
            TemplateBody::Form {
                slug: s0,
                intro: i0,
                audience: a0,
                fields: f0,
                consent_text: c0,
            },
            TemplateBody::Form {
                slug: s1,
                intro: i1,
                audience: a1,
                fields: f1,
                consent_text: c1,
            },
        ) => {
            changed(&mut out, "slug", s0, s1);
            changed(&mut out, "intro", i0, i1);
            changed(&mut out, "audience", a0, a1);
            changed(&mut out, "consent", c0, c1);
            sets(&mut out, &asked(f0), &asked(f1));
        }
        (TemplateBody::Terms { body: b0 }, TemplateBody::Terms { body: b1 }) => {
            let lines = |b: &str| -> Vec<String> {
                b.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            sets(&mut out, &lines(b0), &lines(b1));
        }
        _ => {
            out.push(change("removed", old.kind(), ""));
            out.push(change("added", new.kind(), ""));
        }
    }
    out
}
