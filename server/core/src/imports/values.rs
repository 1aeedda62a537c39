//! A row's values as the register's form: Belgian dates, genders and statuses in the
//! words clubs use, rewritten before the register's own rules judge them.

use super::import::*;
use crate::db::Value;
use crate::members::MemberInput;
use tessera_common::dto::MemberForm;

// ---------------------------------------------------------------- values

/// A date written DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY (one-digit days and months too)
/// rewritten as YYYY-MM-DD; anything else is returned as it is, for the rules to judge.
pub(super) fn normalize_date(v: &str) -> String {
    let v = v.trim();
    let parts: Vec<&str> = v.split(['/', '-', '.']).collect();
    if let [d, m, y] = parts.as_slice() {
        let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4) {
            return format!("{y}-{m:0>2}-{d:0>2}");
        }
    }
    v.to_string()
}

/// The usual ways of writing a gender, in the three languages, as the form's codes.
pub(super) fn normalize_gender(v: &str) -> String {
    let f = fold(v);
    match f.as_str() {
        "m" | "male" | "man" | "mannelijk" | "jongen" | "h" | "homme" | "masculin" | "garcon" => {
            "m".into()
        }
        "f" | "v" | "female" | "woman" | "vrouw" | "vrouwelijk" | "meisje" | "femme"
        | "feminin" | "fille" => "f".into(),
        "x" | "other" | "ander" | "andere" | "autre" | "nonbinary" | "nonbinair" => "x".into(),
        _ => v.trim().to_string(),
    }
}

/// A status in the three languages as the form's codes; empty means active.
pub(super) fn normalize_status(v: &str) -> String {
    let f = fold(v);
    match f.as_str() {
        "" | "active" | "actief" | "actif" => "active".into(),
        "applicant" | "kandidaat" | "aanvraag" | "candidat" | "demande" => "applicant".into(),
        "suspended" | "geschorst" | "suspendu" => "suspended".into(),
        "ended" | "beeindigd" | "gestopt" | "uitgeschreven" | "termine" | "fini" => "ended".into(),
        _ => v.trim().to_string(),
    }
}

pub(super) fn slot<'a>(f: &'a mut MemberForm, field: &str) -> Option<&'a mut String> {
    Some(match field {
        "given_name" => &mut f.given_name,
        "family_name" => &mut f.family_name,
        "birth_date" => &mut f.birth_date,
        "gender" => &mut f.gender,
        "email" => &mut f.email,
        "phone" => &mut f.phone,
        "street" => &mut f.street,
        "postcode" => &mut f.postcode,
        "city" => &mut f.city,
        "membership_type" => &mut f.membership_type,
        "season" => &mut f.season,
        "status" => &mut f.status,
        "joined_on" => &mut f.joined_on,
        "ended_on" => &mut f.ended_on,
        _ => return None,
    })
}

/// A row of the file as the member form would hold it.
pub(super) fn form_of(record: &csv::StringRecord, plan: &Plan) -> MemberInput {
    let mut f = MemberForm::default();
    for &(col, field) in plan {
        let name = FIELDS[field];
        let v = record.get(col).unwrap_or("");
        let v = match name {
            "birth_date" | "joined_on" | "ended_on" => normalize_date(v),
            "gender" => normalize_gender(v),
            "status" => normalize_status(v),
            _ => v.trim().to_string(),
        };
        if let Some(s) = slot(&mut f, name) {
            *s = v;
        }
    }
    if f.status.is_empty() {
        f.status = "active".into();
    }
    f
}

/// The columns to store, as the form shows them.
pub(super) fn form_of_columns(cols: &[(&'static str, Value)]) -> MemberForm {
    let mut f = MemberForm::default();
    for (name, v) in cols {
        if let (Some(s), Value::Text(Some(t))) = (slot(&mut f, name), v) {
            *s = t.clone();
        }
    }
    f
}

pub(super) fn text_of<'a>(cols: &'a [(&'static str, Value)], name: &str) -> Option<&'a str> {
    cols.iter().find_map(|(c, v)| match v {
        Value::Text(Some(t)) if *c == name => Some(t.as_str()),
        _ => None,
    })
}
