//! The rules of each kind of custom field: text without control characters, numbers,
//! dates, choices, e-mail, phone, IBAN (`iban_validate`) and the Belgian national register
//! number (checksum for both centuries). Re-exported from `custom_fields`.

use tessera_common::dto::{CustomField, FieldKind};
use tessera_common::time::Date;
use tessera_common::{Msg, Problem};

/// Checks one field's posted value(s) and gives them as stored; the message says what to
/// do.
pub fn check_values(f: &CustomField, raw: &[&str]) -> std::result::Result<Vec<String>, Problem> {
    let raw: Vec<&str> = raw
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if raw.is_empty() {
        return if f.required {
            Err(Msg::ErrRequired.into())
        } else {
            Ok(Vec::new())
        };
    }
    if f.kind != FieldKind::Multi && raw.len() > 1 {
        return Err(Msg::ErrOneValue.into());
    }
    let mut out = Vec::new();
    for v in raw {
        let stored = check_value(f, v)?;
        if !out.contains(&stored) {
            out.push(stored);
        }
    }
    Ok(out)
}

pub(super) fn no_controls(
    v: &str,
    max: usize,
    lines: bool,
) -> std::result::Result<String, Problem> {
    let bad = v
        .chars()
        .any(|c| c.is_control() && !(lines && (c == '\n' || c == '\r' || c == '\t')));
    if v.chars().count() > max || bad {
        let msg = if lines {
            Msg::ErrMaxChars
        } else {
            Msg::ErrMaxCharsOneLine
        };
        return Err(Problem::new(msg).arg("max", max));
    }
    Ok(v.replace("\r\n", "\n"))
}

pub(super) fn check_value(f: &CustomField, v: &str) -> std::result::Result<String, Problem> {
    match f.kind {
        FieldKind::Text => no_controls(v, 200, false),
        FieldKind::LongText => no_controls(v, 4000, true),
        FieldKind::Number => parse_number(v).ok_or_else(|| Problem::new(Msg::ErrNumber)),
        FieldKind::Date => match Date::parse(v) {
            Some(d) if (1900..=2200).contains(&d.year) => Ok(d.to_string()),
            _ => Err(Msg::ErrDateFormat.into()),
        },
        FieldKind::Choice | FieldKind::Multi => {
            if f.options.iter().any(|o| o == v) {
                Ok(v.to_string())
            } else {
                Err(Msg::ErrChooseOption.into())
            }
        }
        FieldKind::YesNo => match v {
            "yes" | "no" => Ok(v.to_string()),
            _ => Err(Msg::ErrYesNo.into()),
        },
        FieldKind::Email => crate::accounts::identities::normalize_email(v)
            .ok_or_else(|| Problem::new(Msg::ErrEmailExample)),
        FieldKind::Phone => {
            if crate::members::check_phone(v) {
                Ok(v.to_string())
            } else {
                Err(Msg::ErrPhone.into())
            }
        }
        FieldKind::Iban => normalize_iban(v).ok_or_else(|| Problem::new(Msg::ErrIban)),
        FieldKind::NationalNumber => {
            normalize_national_number(v).ok_or_else(|| Problem::new(Msg::ErrNationalNumber))
        }
    }
}

/// A decimal number with a dot or a comma, stored with a dot.
pub fn parse_number(v: &str) -> Option<String> {
    let s = v.replace(',', ".");
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", s.as_str()),
    };
    let mut parts = body.split('.');
    let int = parts.next()?;
    let frac = parts.next();
    if parts.next().is_some()
        || int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
        || int.len() + frac.map_or(0, str::len) > 15
    {
        return None;
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    Some(match frac {
        Some(f) => format!("{sign}{int}.{f}"),
        None => format!("{sign}{int}"),
    })
}

/// An IBAN without spaces, upper case, with the length of its country and a valid mod-97
/// checksum (judged by `iban_validate`); stored in groups of four. Spaces and dashes typed
/// anywhere are dropped first, as people copy them from bank statements.
pub fn normalize_iban(v: &str) -> Option<String> {
    let s: String = v
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_uppercase();
    let iban: iban::Iban = s.parse().ok()?;
    Some(iban.to_string())
}

/// A Belgian national register number (rijksregisternummer / numéro de registre
/// national): 11 digits, the last two 97 minus the first nine modulo 97 (with a 2 in front
/// of the nine for people born from 2000). Stored as `YY.MM.DD-SSS.CC`.
pub fn normalize_national_number(v: &str) -> Option<String> {
    if !v
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ' '))
    {
        return None;
    }
    let d: String = v.chars().filter(char::is_ascii_digit).collect();
    if d.len() != 11 {
        return None;
    }
    let base: u64 = d[..9].parse().ok()?;
    let check: u64 = d[9..].parse().ok()?;
    let ok = 97 - base % 97 == check || 97 - (2_000_000_000 + base) % 97 == check;
    // The month may carry 20 or 40 for numbers given to people without a known birth date
    // (bis numbers); the day is 00 to 31.
    let month: u32 = d[2..4].parse().ok()?;
    let day: u32 = d[4..6].parse().ok()?;
    if !ok || month % 20 > 12 || month > 52 || day > 31 {
        return None;
    }
    Some(format!(
        "{}.{}.{}-{}.{}",
        &d[..2],
        &d[2..4],
        &d[4..6],
        &d[6..9],
        &d[9..]
    ))
}
