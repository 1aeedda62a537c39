//! Registration: the rules. A form definition (slug, fields, consent), the people of a
//! submission, and the signed started-at token that keeps bots and replays out.

use super::model::*;
use crate::error::Result;
use crate::members::custom_fields::check_values;
use crate::members::Problems;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::BTreeMap;
use tessera_common::dto::{
    CustomField, FieldKind, FormField, MemberForm, RegForm, RegFormInput, FORM_STANDARD_FIELDS,
};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, Msg, Problem};

pub(super) fn valid_slug(s: &str) -> bool {
    (2..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

pub(crate) fn check_form(input: &RegFormInput, custom: &[CustomField]) -> Result<CheckedForm> {
    let mut p = Problems::default();
    let title = input.title.trim().to_string();
    if title.is_empty() || title.chars().count() > 120 || title.chars().any(char::is_control) {
        p.add("title", Msg::ErrTitleLength);
    }
    let slug = input.slug.trim().to_lowercase();
    if !valid_slug(&slug) {
        p.add("slug", Msg::ErrFormSlug);
    }
    let intro = input.intro.trim().replace("\r\n", "\n");
    if intro.chars().count() > 2000 {
        p.add("intro", Problem::new(Msg::ErrMaxChars).arg("max", 2000));
    }
    let audience = input.audience.trim().to_string();
    if !matches!(audience.as_str(), "self" | "family") {
        p.add("audience", Msg::ErrChooseAudience);
    }
    let keys = FORM_STANDARD_FIELDS
        .iter()
        .map(|k| k.to_string())
        .chain(custom.iter().map(|f| format!("cf{}", f.id)));
    let mut fields = Vec::new();
    for key in keys {
        if input.fields.get(&key).map(String::as_str) != Some("on") {
            continue;
        }
        let help = input
            .fields
            .get(&format!("help:{key}"))
            .map(|h| h.trim().to_string())
            .unwrap_or_default();
        if help.chars().count() > 200 || help.chars().any(char::is_control) || help.contains('|') {
            p.add(&format!("help:{key}"), Msg::ErrFormHelp);
        }
        // The question's place on the form (`pos:{key}`, a number from the form builder);
        // without one it comes after those that have one, in the standard order.
        let pos = match input.fields.get(&format!("pos:{key}")).map(|s| s.trim()) {
            None | Some("") => u32::MAX,
            Some(s) => match s.parse::<u16>() {
                Ok(n) => u32::from(n),
                Err(_) => {
                    p.add(&format!("pos:{key}"), Msg::ErrFormOrder);
                    u32::MAX
                }
            },
        };
        fields.push((
            pos,
            FormField {
                required: input.fields.get(&format!("req:{key}")).map(String::as_str) == Some("on"),
                key,
                help,
            },
        ));
    }
    // A stable sort: equal places keep the standard order.
    fields.sort_by_key(|(pos, _)| *pos);
    let mut fields: Vec<FormField> = fields.into_iter().map(|(_, f)| f).collect();
    if audience == "family" && !fields.iter().any(|f| f.key == "birth_date") {
        // A guardian registers minors: the birth date is how the club knows they are.
        fields.insert(
            0,
            FormField {
                key: "birth_date".into(),
                required: true,
                help: String::new(),
            },
        );
    }
    for f in fields.iter_mut() {
        if audience == "family" && f.key == "birth_date" {
            f.required = true;
        }
    }
    let consent = input.consent_text.trim().replace("\r\n", "\n");
    if consent.chars().count() > 4000 {
        p.add(
            "consent_text",
            Problem::new(Msg::ErrMaxChars).arg("max", 4000),
        );
    }
    p.done()?;
    Ok(CheckedForm {
        title,
        slug,
        intro: (!intro.is_empty()).then_some(intro),
        audience,
        fields,
        consent: (!consent.is_empty()).then_some(consent),
    })
}

pub(super) type FormMac = Hmac<Sha256>;

/// The MAC of a form handed out at `at`: HMAC-SHA-256 under the platform's form key
/// (`secrets::FORM_KEY`, kept in the database, so every server verifies what another
/// handed out).
pub(super) fn form_mac(key: &[u8], form: i64, at: i64) -> Result<FormMac> {
    let mut mac =
        <FormMac as Mac>::new_from_slice(key).map_err(|e| AppError::Internal(e.to_string()))?;
    mac.update(format!("{form}:{at}").as_bytes());
    Ok(mac)
}

pub(crate) fn started_token_with(key: &[u8], form: i64, now: Timestamp) -> Result<String> {
    let tag = form_mac(key, form, now.0)?.finalize().into_bytes();
    let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("{}.{hex}", now.0))
}

pub(super) fn from_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

pub(crate) fn check_started_with(key: &[u8], form: i64, token: &str, now: Timestamp) -> Result<()> {
    let stale = || AppError::bad_request(Msg::ErrFormStale);
    let (at, sig) = token.split_once('.').ok_or_else(stale)?;
    let at: i64 = at.parse().map_err(|_| stale())?;
    let sig = from_hex(sig).ok_or_else(stale)?;
    // Compared in constant time (`verify_slice`).
    if form_mac(key, form, at)?.verify_slice(&sig).is_err()
        || now.0 - at > MAX_FILL_SECS * 1000
        || now.0 < at
    {
        return Err(stale());
    }
    if now.0 - at < MIN_FILL_SECS * 1000 {
        return Err(AppError::bad_request(Msg::ErrFormTooQuick));
    }
    Ok(())
}

pub(super) fn read_person(
    form: &RegForm,
    custom: &[CustomField],
    values: &BTreeMap<String, String>,
    n: usize,
    today: Date,
    p: &mut Problems,
) -> Option<Person> {
    let prefix = format!("p{n}.");
    let get = |k: &str| {
        values
            .get(&format!("{prefix}{k}"))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let present = values
        .iter()
        .any(|(k, v)| k.starts_with(&prefix) && !v.trim().is_empty());
    if n > 0 && !present {
        return None;
    }
    let mut input = MemberForm {
        given_name: get("given_name"),
        family_name: get("family_name"),
        status: "applicant".into(),
        ..Default::default()
    };
    let mut standard = BTreeMap::new();
    let mut person_custom = BTreeMap::new();
    for f in &form.fields {
        let field_name = format!("{prefix}{}", f.key);
        if let Some(id) = f.key.strip_prefix("cf").and_then(|i| i.parse::<i64>().ok()) {
            let Some(def) = custom.iter().find(|c| c.id == id) else {
                continue;
            };
            let raw: Vec<&str> = if def.kind == FieldKind::Multi {
                let multi = format!("{field_name}~");
                values
                    .iter()
                    .filter(|(k, _)| k.starts_with(&multi))
                    .map(|(_, v)| v.as_str())
                    .collect()
            } else {
                values
                    .get(&field_name)
                    .map(|v| vec![v.as_str()])
                    .unwrap_or_default()
            };
            let mut def = def.clone();
            def.required |= f.required;
            match check_values(&def, &raw) {
                Ok(v) if !v.is_empty() => {
                    person_custom.insert(id, v);
                }
                Ok(_) => {}
                Err(m) => p.add(&field_name, m),
            }
            continue;
        }
        let v = get(&f.key);
        if f.required && v.is_empty() {
            p.add(&field_name, Msg::ErrRequired);
        }
        match f.key.as_str() {
            "birth_date" => input.birth_date = v.clone(),
            "gender" => input.gender = v.clone(),
            "phone" => input.phone = v.clone(),
            "street" => input.street = v.clone(),
            "postcode" => input.postcode = v.clone(),
            "city" => input.city = v.clone(),
            _ => continue,
        }
        if !v.is_empty() {
            standard.insert(f.key.clone(), v);
        }
    }
    if let Err(AppError::Invalid(errors)) = crate::members::validate_input(&input, today) {
        for e in errors {
            p.add(&format!("{prefix}{}", e.field), e.problem);
        }
    }
    if form.audience == "family" {
        if let Some(b) = Date::parse(&input.birth_date) {
            if b.age_on(today) >= crate::members::AGE_OF_MAJORITY {
                p.add(&format!("{prefix}birth_date"), Msg::ErrGuardianAdult);
            }
        }
    }
    Some(Person {
        given_name: input.given_name,
        family_name: input.family_name,
        standard,
        custom: person_custom,
    })
}

pub(super) fn read_guardian(values: &BTreeMap<String, String>, p: &mut Problems) -> Person {
    let get = |k: &str| {
        values
            .get(&format!("g.{k}"))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut person = Person {
        given_name: get("given_name"),
        family_name: get("family_name"),
        ..Default::default()
    };
    for (k, v) in [
        ("given_name", &person.given_name),
        ("family_name", &person.family_name),
    ] {
        if v.is_empty() || v.chars().count() > 100 || v.chars().any(char::is_control) {
            p.add(&format!("g.{k}"), Msg::ErrChars1To100);
        }
    }
    let phone = get("phone");
    if !phone.is_empty() {
        if crate::members::check_phone(&phone) {
            person.standard.insert("phone".into(), phone);
        } else {
            p.add("g.phone", Msg::ErrPhone);
        }
    }
    person
}
