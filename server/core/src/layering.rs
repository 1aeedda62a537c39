//! The layering of the crate, checked: each feature folder may import (`crate::<feature>`)
//! only the features listed for it below, and the infrastructure files at the top of
//! `src/` import no feature at all. A new import against the table, and so any circle
//! between features, fails this test. Tests (`tests*.rs`, `#[cfg(test)]` modules) may
//! reach everything and are not read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Feature → the features it may import. Infrastructure (db, scope, tenancy, search,
/// mail, jobs, …) is below all of them and open to all.
const LAYERS: &[(&str, &[&str])] = &[
    ("accounts", &[]),
    ("backup", &[]),
    ("affiliations", &[]),
    ("reconcile", &[]),
    ("fedreads", &["affiliations", "members"]),
    ("transfers", &["affiliations", "members", "fedreads"]),
    ("roles", &["accounts"]),
    ("tenants", &["accounts", "roles"]),
    ("members", &["accounts", "roles", "fedcopy"]),
    // licences (issue 18): the copy of shared fields below members, which refreshes it.
    ("fedcopy", &["affiliations"]),
    (
        "licences",
        &["accounts", "affiliations", "members", "fedcopy", "fedreads"],
    ),
    ("consents", &["accounts", "members"]),
    // A merge moves the club's queued federation reads into its log first.
    ("dupes", &["accounts", "members", "fedreads"]),
    (
        "registration",
        &["accounts", "tenants", "members", "consents", "dupes"],
    ),
    ("imports", &["accounts", "tenants", "members", "dupes"]),
    (
        "rights",
        &[
            "accounts", "tenants", "members", "consents", "fedreads", "fedcopy",
        ],
    ),
    (
        "retention",
        &[
            "accounts",
            "roles",
            "tenants",
            "members",
            "registration",
            "rights",
        ],
    ),
    ("breaches", &["accounts", "consents", "retention"]),
    // The everyday lists (documents/lists.rs): a team list is a group's, for its leaders too.
    ("documents", &["accounts", "members", "groups"]),
    ("groups", &["accounts", "roles", "members"]),
    // A cancelled training tells the group's service-mail recipients (mailings).
    ("activities", &["accounts", "members", "groups", "mailings"]),
    ("mailings", &["accounts", "members", "consents"]),
    (
        "renewal",
        &["accounts", "tenants", "members", "consents", "invoices"],
    ),
    (
        "templates",
        &[
            "affiliations",
            "roles",
            "tenants",
            "members",
            "registration",
        ],
    ),
    ("usage", &["tenants", "members"]),
    // dash18: the federation's dashboard counts
    ("fedstats", &["affiliations"]),
    // invoices (inv20)
    ("invoices", &["accounts", "members", "groups"]),
    (
        "seed",
        &[
            "accounts",
            "roles",
            "tenants",
            "members",
            "registration",
            "imports",
            "rights",
            "retention",
            "breaches",
            "consents",
            "documents",
            "dupes",
            "activities",
            "groups",
            "mailings",
            "reconcile",
            "affiliations",
            "renewal",
            "fedreads",
            "templates",
            "usage",
            "licences",
            "fedcopy",
            "invoices",
            "fedstats",
            "transfers",
        ],
    ),
];

/// The names a feature's modules are also reachable by (re-exported at the crate root for
/// the app and server crates), each with its feature.
const ALIASES: &[(&str, &str)] = &[
    ("identities", "accounts"),
    ("links", "accounts"),
    ("password", "accounts"),
    ("throttle", "accounts"),
    ("totp", "accounts"),
    ("import", "imports"),
    ("member_imports", "imports"),
    ("custom_fields", "members"),
    ("exports", "members"),
    ("logo", "tenants"),
    ("module_settings", "tenants"),
    ("terms", "tenants"),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs")
            && !p
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("tests")
        {
            out.push(p);
        }
    }
}

/// The code of a file without its test module(s) and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => &text,
    };
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The features a piece of code names, by `crate::x` or in `use crate::{x, …}`.
fn features_named(code: &str) -> Vec<String> {
    let feature_of = |name: &str| -> Option<String> {
        if LAYERS.iter().any(|(f, _)| *f == name) {
            return Some(name.to_string());
        }
        ALIASES
            .iter()
            .find(|(a, _)| *a == name)
            .map(|(_, f)| f.to_string())
    };
    let mut names = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let head = part.trim().split("::").next().unwrap_or("");
                names.extend(feature_of(head.trim()));
            }
        } else {
            let head: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            names.extend(feature_of(&head));
        }
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn features_import_only_the_layers_below() {
    let allowed: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut wrong = Vec::new();
    for (feature, may) in &allowed {
        let mut files = Vec::new();
        rust_files(&src().join(feature), &mut files);
        assert!(!files.is_empty(), "no sources for feature {feature}");
        for f in files {
            for used in features_named(&code(&f)) {
                if used != *feature && !may.contains(&used.as_str()) {
                    wrong.push(format!("{} imports {used}", f.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layering:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn infrastructure_imports_no_feature() {
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(src()).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() || name.starts_with("tests") || name == "lib.rs" || name == "layering.rs" {
            continue;
        }
        for used in features_named(&code(&p)) {
            wrong.push(format!("{name} imports {used}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "infrastructure importing features:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_checker_sees_both_forms_of_import() {
    assert_eq!(
        features_named("use crate::{args, identities::x, roles};\nlet a = crate::members::f();"),
        vec!["accounts", "members", "roles"]
    );
    assert!(features_named("use crate::db::Db; crate::scope::x").is_empty());
}

/// Every feature folder is in the table (a new one must be placed in a layer).
#[test]
fn every_feature_folder_has_a_layer() {
    for entry in std::fs::read_dir(src()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            assert!(
                LAYERS.iter().any(|(f, _)| *f == name),
                "folder {name} has no layer in layering.rs"
            );
        }
    }
}
