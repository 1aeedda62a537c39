//! Money and Belgian payment references, shared by the fee features and their pages.
//!
//! Amounts are integer cents in euro (`i64`), never floating point. A Belgian structured
//! communication (`+++123/4567/89002+++`, "OGM/VCS") is 10 digits followed by their
//! remainder modulo 97 as two digits (97 when the remainder is 0). An IBAN is checked
//! with ISO 13616's modulo 97 (the rearranged number leaves 1).

use crate::Lang;

/// Parses an amount in euro as people type it: `12`, `12,5`, `12.50`, `1 234,56`,
/// `1.234,56`, `€ 12,50`. At most two decimals; negative amounts and anything else are
/// refused (`None`). The result is in cents.
pub fn parse_cents(input: &str) -> Option<i64> {
    let s: String = input
        .trim()
        .trim_start_matches('€')
        .trim_end_matches('€')
        .trim()
        .chars()
        .filter(|c| *c != ' ' && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if s.is_empty() || s.len() > 20 {
        return None;
    }
    // The decimal separator is the last ',' or '.' followed by one or two digits only;
    // any other separator groups thousands.
    let (int_part, frac_part) = match s.rfind([',', '.']) {
        Some(i) if (1..=2).contains(&(s.len() - i - 1)) => (&s[..i], &s[i + 1..]),
        _ => (s.as_str(), ""),
    };
    let int_digits: String = int_part
        .chars()
        .filter(|c| *c != '.' && *c != ',')
        .collect();
    if int_digits.is_empty() && frac_part.is_empty() {
        return None;
    }
    // Thousands separators must group by three.
    if int_part.contains(['.', ',']) {
        let groups: Vec<&str> = int_part.split(['.', ',']).collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    if !int_digits.chars().all(|c| c.is_ascii_digit())
        || !frac_part.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let euros: i64 = if int_digits.is_empty() {
        0
    } else {
        int_digits.parse().ok()?
    };
    let cents: i64 = match frac_part.len() {
        0 => 0,
        1 => frac_part.parse::<i64>().ok()? * 10,
        _ => frac_part.parse().ok()?,
    };
    euros.checked_mul(100)?.checked_add(cents)
}

/// An amount in cents as the language writes it: `€ 1.234,50` (Dutch), `1 234,50 €`
/// (French), `€1,234.50` (English). Negative amounts get a leading minus.
pub fn format_eur(cents: i64, lang: Lang) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let (euros, rest) = (abs / 100, abs % 100);
    let digits = euros.to_string();
    let group = match lang {
        Lang::En => ',',
        Lang::Nl => '.',
        Lang::Fr => '\u{202f}',
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    match lang {
        Lang::En => format!("{sign}€{grouped}.{rest:02}"),
        Lang::Nl => format!("{sign}€ {grouped},{rest:02}"),
        Lang::Fr => format!("{sign}{grouped},{rest:02} €"),
    }
}

/// An amount in cents as a plain decimal with a point (`1234.50`): for CSV, XLSX and the
/// EPC QR payload (`EUR1234.50`).
pub fn decimal(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// The two check digits of a structured communication's 10-digit base.
fn ogm_check(base: u64) -> u64 {
    match base % 97 {
        0 => 97,
        r => r,
    }
}

/// The 12 digits of the structured communication for a 10-digit base (the base is taken
/// modulo 10^10).
pub fn ogm_digits(base: u64) -> String {
    let base = base % 10_000_000_000;
    format!("{base:010}{:02}", ogm_check(base))
}

/// The 12 digits shown as people and banks write them: `+++123/4567/89002+++`.
pub fn ogm_display(digits: &str) -> String {
    if digits.len() != 12 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return digits.to_string();
    }
    format!("+++{}/{}/{}+++", &digits[..3], &digits[3..7], &digits[7..])
}

/// Why a structured communication is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OgmError {
    /// Not 12 digits (after removing `+`, `*`, `/`, spaces).
    Shape,
    /// 12 digits whose last two are not the modulo-97 check of the first ten.
    CheckDigits,
}

/// Reads a structured communication in any of its usual spellings (`+++123/4567/89002+++`,
/// `***123/4567/89002***`, `123456789002`) and returns its 12 digits when the check
/// digits are right.
pub fn parse_ogm(input: &str) -> Result<String, OgmError> {
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, '+' | '*' | '/' | ' '))
        .collect();
    if digits.len() != 12 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(OgmError::Shape);
    }
    let base: u64 = digits[..10].parse().map_err(|_| OgmError::Shape)?;
    let check: u64 = digits[10..].parse().map_err(|_| OgmError::Shape)?;
    if check != ogm_check(base) {
        return Err(OgmError::CheckDigits);
    }
    Ok(digits)
}

/// An IBAN without spaces, upper case, when its shape and ISO 13616 check digits are
/// right (`None` otherwise). Belgian IBANs are 16 characters (`BE` + 14).
pub fn normalize_iban(input: &str) -> Option<String> {
    let s: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if s.len() < 15 || s.len() > 34 || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let (country, check) = (&s[..2], &s[2..4]);
    if !country.chars().all(|c| c.is_ascii_alphabetic())
        || !check.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    if country == "BE" && s.len() != 16 {
        return None;
    }
    let rearranged = format!("{}{}", &s[4..], &s[..4]);
    let mut rem: u32 = 0;
    for c in rearranged.chars() {
        let v = c.to_digit(36)?;
        for d in v.to_string().chars() {
            rem = (rem * 10 + d.to_digit(10)?) % 97;
        }
    }
    (rem == 1).then_some(s)
}

/// An IBAN grouped by four for reading (`BE68 5390 0754 7034`).
pub fn iban_display(iban: &str) -> String {
    iban.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_type_them_and_nothing_else() {
        for (s, c) in [
            ("12", 1200),
            ("12,5", 1250),
            ("12.50", 1250),
            ("0,05", 5),
            (",5", 50),
            ("1 234,56", 123456),
            ("1.234,56", 123456),
            ("1,234.56", 123456),
            ("€ 12,50", 1250),
            ("12,50 €", 1250),
            ("1.234", 123400),
        ] {
            assert_eq!(parse_cents(s), Some(c), "{s}");
        }
        for s in [
            "",
            "-5",
            "12,5050",
            "abc",
            "1e3",
            "12,,5",
            "1.23.4",
            "€",
            "99999999999999999999",
            "12.5.0",
            "NaN",
        ] {
            assert_eq!(parse_cents(s), None, "{s}");
        }
    }

    #[test]
    fn amounts_are_written_in_each_language() {
        assert_eq!(format_eur(123456, Lang::Nl), "€ 1.234,56");
        assert_eq!(format_eur(123456, Lang::En), "€1,234.56");
        assert_eq!(format_eur(123456, Lang::Fr), "1\u{202f}234,56 €");
        assert_eq!(format_eur(-5, Lang::Nl), "-€ 0,05");
        assert_eq!(decimal(123405), "1234.05");
    }

    #[test]
    fn structured_communications_follow_the_modulo_97_rule() {
        // 0123456789 mod 97 = 39 (published example form: +++012/3456/78939+++).
        assert_eq!(ogm_digits(123456789), "012345678939");
        assert_eq!(ogm_display("012345678939"), "+++012/3456/78939+++");
        // A base divisible by 97 gets 97, never 00.
        assert_eq!(ogm_digits(97), "000000009797");
        assert_eq!(parse_ogm("+++012/3456/78939+++"), Ok("012345678939".into()));
        assert_eq!(parse_ogm("***012/3456/78939***"), Ok("012345678939".into()));
        assert_eq!(parse_ogm("012345678938"), Err(OgmError::CheckDigits));
        assert_eq!(parse_ogm("12345"), Err(OgmError::Shape));
        assert_eq!(parse_ogm("+++012/3456/7893a+++"), Err(OgmError::Shape));
    }

    #[test]
    fn ibans_are_checked_by_their_digits() {
        assert_eq!(
            normalize_iban("be68 5390 0754 7034").as_deref(),
            Some("BE68539007547034")
        );
        assert_eq!(normalize_iban("BE68539007547035"), None);
        assert_eq!(normalize_iban("BE6853900754703"), None);
        assert_eq!(
            normalize_iban("NL91ABNA0417164300").as_deref(),
            Some("NL91ABNA0417164300")
        );
        assert_eq!(iban_display("BE68539007547034"), "BE68 5390 0754 7034");
    }
}
