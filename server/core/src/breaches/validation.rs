//! What a breach, a follow-up, a sub-processor or an objection may hold. Every rule names
//! the field it is about; texts are trimmed, bounded and free of control characters other
//! than line breaks and tabs.

use crate::error::Result;
use tessera_common::breach::{BreachFacts, BreachInput, MAX_COUNT, MAX_SHORT, MAX_TEXT};
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, FieldError, Msg};

/// `value` trimmed when it holds 1 to `max` characters and no control character other than
/// a line break or a tab.
pub fn text(
    field: &str,
    value: &str,
    max: usize,
    msg: Msg,
) -> std::result::Result<String, FieldError> {
    let v = value.trim();
    let ok = !v.is_empty()
        && v.chars().count() <= max
        && !v
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t');
    if ok {
        Ok(v.replace("\r\n", "\n"))
    } else {
        Err(FieldError::new(field, msg))
    }
}

/// A count of people or records: a whole number from 0 to [`MAX_COUNT`].
pub fn count(field: &str, value: &str) -> std::result::Result<i64, FieldError> {
    let v = value.trim().replace(['.', ' ', '\u{a0}'], "");
    match v.parse::<i64>() {
        Ok(n) if (0..=MAX_COUNT).contains(&n) => Ok(n),
        _ => Err(FieldError::new(field, Msg::ErrBreachCount)),
    }
}

/// An instant typed on the wall clock of `tz` that is not after `now` (and not before
/// `not_before`, when given).
pub fn instant(
    field: &str,
    value: &str,
    tz: &str,
    now: Timestamp,
    not_before: Option<Timestamp>,
    msg: Msg,
) -> std::result::Result<Timestamp, FieldError> {
    match Timestamp::parse_local(value, tz) {
        // A minute of slack: the form shows minutes, the clock has milliseconds.
        Some(t) if t.0 <= now.0 + 60_000 && not_before.is_none_or(|b| t.0 >= b.0 - 60_000) => {
            Ok(Timestamp(t.0.min(now.0)))
        }
        _ => Err(FieldError::new(field, msg)),
    }
}

/// The facts of a breach from its form, every field checked (all problems at once).
pub fn facts(input: &BreachInput, tz: &str, now: Timestamp) -> Result<BreachFacts> {
    let mut errors = Vec::new();
    let mut take = |r: std::result::Result<String, FieldError>| match r {
        Ok(v) => v,
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    let nature = take(text("nature", &input.nature, MAX_TEXT, Msg::ErrBreachText));
    let categories = take(text(
        "categories",
        &input.categories,
        MAX_SHORT,
        Msg::ErrBreachShort,
    ));
    let consequences = take(text(
        "consequences",
        &input.consequences,
        MAX_TEXT,
        Msg::ErrBreachText,
    ));
    let measures = take(text(
        "measures",
        &input.measures,
        MAX_TEXT,
        Msg::ErrBreachText,
    ));
    let mut num = |field: &str, v: &str| match count(field, v) {
        Ok(n) => n,
        Err(e) => {
            errors.push(e);
            0
        }
    };
    let people_count = num("people_count", &input.people_count);
    let records_count = num("records_count", &input.records_count);
    let discovered_at = match instant(
        "discovered_at",
        &input.discovered_at,
        tz,
        now,
        None,
        Msg::ErrBreachDiscoveredAt,
    ) {
        Ok(t) => t,
        Err(e) => {
            errors.push(e);
            now
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(BreachFacts {
        discovered_at,
        nature,
        categories,
        people_count,
        records_count,
        consequences,
        measures,
    })
}

/// A sub-processor's start date, `YYYY-MM-DD`, not after today (`today`).
pub fn since(value: &str, today: Date) -> std::result::Result<String, FieldError> {
    match Date::parse(value.trim()) {
        Some(d) if d <= today && d >= Date::new(1990, 1, 1).unwrap_or(d) => Ok(d.to_string()),
        _ => Err(FieldError::new("since", Msg::ErrSubprocessorSince)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_texts_and_instants() {
        assert_eq!(count("n", " 1.200 ").unwrap(), 1200);
        assert_eq!(count("n", "0").unwrap(), 0);
        for bad in ["-1", "", "x", "1e3", "99999999999", "1,5"] {
            assert!(count("n", bad).is_err(), "{bad}");
        }
        assert!(text("t", "  ", 10, Msg::ErrBreachText).is_err());
        assert!(text("t", &"a".repeat(11), 10, Msg::ErrBreachText).is_err());
        assert!(text("t", "a\u{0}b", 10, Msg::ErrBreachText).is_err());
        assert_eq!(
            text("t", " <b>x</b>\r\ny ", 20, Msg::ErrBreachText).unwrap(),
            "<b>x</b>\ny"
        );
        let now = Timestamp::parse_local("2026-12-04T12:00", "Europe/Brussels").unwrap();
        assert!(instant(
            "d",
            "2026-12-04T12:30",
            "Europe/Brussels",
            now,
            None,
            Msg::ErrBreachDiscoveredAt
        )
        .is_err());
        assert_eq!(
            instant(
                "d",
                "2026-12-04T11:00",
                "Europe/Brussels",
                now,
                None,
                Msg::ErrBreachDiscoveredAt
            )
            .unwrap(),
            Timestamp(now.0 - 3_600_000)
        );
        assert!(instant(
            "d",
            "yesterday",
            "Europe/Brussels",
            now,
            None,
            Msg::ErrBreachDiscoveredAt
        )
        .is_err());
        assert!(instant(
            "d",
            "2026-12-01T11:00",
            "Europe/Brussels",
            now,
            Some(now),
            Msg::ErrBreachDiscoveredAt
        )
        .is_err());
    }
}
