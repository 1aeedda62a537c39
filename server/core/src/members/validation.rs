//! The member register: the rules a record and a form must meet (names, dates, contact
//! details, the club's own fields), each problem reported on its field.

use super::model::*;
use crate::error::Result;
use tessera_common::dto::MemberStatus;
use tessera_common::time::Date;
use tessera_common::{AppError, Msg, Problem};

pub(super) fn check_name(field: &str, v: &str) -> Result<()> {
    let n = v.trim().chars().count();
    if n == 0 || n > 100 {
        return Err(AppError::field(field, Msg::ErrChars1To100));
    }
    Ok(())
}

impl NewMember {
    pub(super) fn validate(&self) -> Result<()> {
        check_name("given_name", &self.given_name)?;
        check_name("family_name", &self.family_name)?;
        for (field, v) in [
            ("birth_date", &self.birth_date),
            ("joined_on", &self.joined_on),
        ] {
            if let Some(d) = v {
                if Date::parse(d).is_none() {
                    return Err(AppError::field(field, Msg::ErrDateFormat));
                }
            }
        }
        if let Some(e) = &self.email {
            if crate::accounts::identities::normalize_email(e).is_none() {
                return Err(AppError::field("email", Msg::ErrEmailInvalid));
            }
        }
        Ok(())
    }
}

/// Collects the problems of a form, one message per field.
#[derive(Default)]
pub(crate) struct Problems(Vec<tessera_common::FieldError>);

impl Problems {
    pub(crate) fn add(&mut self, field: &str, problem: impl Into<tessera_common::Problem>) {
        self.0.push(tessera_common::FieldError::new(field, problem));
    }
    pub(crate) fn done(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
    /// `checked`'s result with these problems added to its own.
    pub(super) fn join<T>(self, checked: Result<T>) -> Result<T> {
        match checked {
            Err(AppError::Invalid(mut v)) => {
                v.extend(self.0);
                Err(AppError::Invalid(v))
            }
            Err(e) => Err(e),
            Ok(t) => self.done().map(|_| t),
        }
    }
}

pub(super) fn optional(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

pub(super) fn check_text(p: &mut Problems, field: &str, v: &str, max: usize) -> Option<String> {
    let v = optional(v);
    if let Some(t) = &v {
        if t.chars().count() > max || t.chars().any(char::is_control) {
            p.add(field, Problem::new(Msg::ErrMaxCharsOneLine).arg("max", max));
        }
    }
    v
}

pub(super) fn check_date(p: &mut Problems, field: &str, v: &str, today: Date) -> Option<Date> {
    let v = optional(v)?;
    match Date::parse(&v) {
        Some(d) if d.year >= 1900 && d <= today.plus_years(1) => Some(d),
        Some(_) => {
            p.add(field, Msg::ErrDateRange);
            None
        }
        None => {
            p.add(field, Msg::ErrDateFormat);
            None
        }
    }
}

/// A phone number: digits with the usual separators and an optional leading +, that
/// libphonenumber (the `phonenumber` crate) knows as a valid number, national numbers taken
/// as Belgian. Stored as typed: the records already stored keep their format, and members
/// see their number the way they wrote it. The character check stays our own because
/// libphonenumber also reads letters (vanity numbers) and extensions, which a register
/// field should not hold.
pub fn check_phone(v: &str) -> bool {
    let digits = v.chars().filter(char::is_ascii_digit).count();
    (6..=20).contains(&digits)
        && v.chars().enumerate().all(|(i, c)| {
            c.is_ascii_digit()
                || matches!(c, ' ' | '-' | '.' | '/' | '(' | ')')
                || (c == '+' && i == 0)
        })
        && phonenumber::parse(Some(phonenumber::country::Id::BE), v)
            .is_ok_and(|n| phonenumber::is_valid(&n))
}

pub(super) fn check_contact(
    p: &mut Problems,
    email: &str,
    phone: &str,
    street: &str,
    postcode: &str,
    city: &str,
) -> [Option<String>; 5] {
    let email =
        optional(email).and_then(|e| match crate::accounts::identities::normalize_email(&e) {
            Some(n) => Some(n),
            None => {
                p.add("email", Msg::ErrEmailExample);
                None
            }
        });
    let phone = optional(phone).filter(|v| {
        let ok = check_phone(v);
        if !ok {
            p.add("phone", Msg::ErrPhone);
        }
        ok
    });
    let street = check_text(p, "street", street, 120);
    let postcode = optional(postcode).filter(|v| {
        let ok = v.chars().count() <= 10
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
        if !ok {
            p.add("postcode", Msg::ErrPostcode);
        }
        ok
    });
    let city = check_text(p, "city", city, 80);
    [email, phone, street, postcode, city]
}

/// Checks a submitted record; every problem is reported at once, per field. The one set
/// of rules for a record, whether typed in the form, read from an import file or sent with
/// a registration form. Returns the columns to store.
pub(crate) fn validate_input(
    input: &MemberInput,
    today: Date,
) -> Result<Vec<(&'static str, crate::db::Value)>> {
    let mut p = Problems::default();
    let mut name = |field: &str, v: &str| {
        let t = v.trim().to_string();
        if t.is_empty() || t.chars().count() > 100 || t.chars().any(char::is_control) {
            p.add(field, Msg::ErrChars1To100);
        }
        t
    };
    let given = name("given_name", &input.given_name);
    let family = name("family_name", &input.family_name);
    let birth = check_date(&mut p, "birth_date", &input.birth_date, today);
    if birth.is_some_and(|b| b > today) {
        p.add("birth_date", Msg::ErrBirthFuture);
    }
    let gender = optional(&input.gender);
    if gender
        .as_deref()
        .is_some_and(|g| !matches!(g, "f" | "m" | "x"))
    {
        p.add("gender", Msg::ErrChooseOptionOrEmpty);
    }
    let [email, phone, street, postcode, city] = check_contact(
        &mut p,
        &input.email,
        &input.phone,
        &input.street,
        &input.postcode,
        &input.city,
    );
    let membership_type = check_text(&mut p, "membership_type", &input.membership_type, 40);
    let season = optional(&input.season);
    if let Some(s) = &season {
        let ok = s.len() == 9
            && s.as_bytes()[4] == b'-'
            && matches!(
                (s[..4].parse::<i32>(), s[5..].parse::<i32>()),
                (Ok(a), Ok(b)) if b == a + 1 && (1900..=2200).contains(&a)
            );
        if !ok {
            p.add("season", Msg::ErrSeason);
        }
    }
    let status = MemberStatus::parse(input.status.trim());
    if status.is_none() {
        p.add("status", Msg::ErrChooseStatus);
    }
    let joined = check_date(&mut p, "joined_on", &input.joined_on, today);
    let ended = check_date(&mut p, "ended_on", &input.ended_on, today);
    if let (Some(j), Some(e)) = (joined, ended) {
        if e < j {
            p.add("ended_on", Msg::ErrEndBeforeJoin);
        }
    }
    if status == Some(MemberStatus::Ended) && ended.is_none() && optional(&input.ended_on).is_none()
    {
        p.add("ended_on", Msg::ErrEndDateMissing);
    }
    p.done()?;
    Ok(vec![
        ("given_name", given.clone().into()),
        ("family_name", family.clone().into()),
        ("sort_name", sort_name(&given, &family).into()),
        ("birth_date", birth.map(|d| d.to_string()).into()),
        ("gender", gender.into()),
        ("email", email.into()),
        ("phone", phone.into()),
        ("street", street.into()),
        ("postcode", postcode.into()),
        ("city", city.into()),
        ("membership_type", membership_type.into()),
        ("season", season.into()),
        (
            "status",
            status.unwrap_or(MemberStatus::Active).as_str().into(),
        ),
        ("joined_on", joined.map(|d| d.to_string()).into()),
        ("ended_on", ended.map(|d| d.to_string()).into()),
    ])
}

/// Whether a birth date makes someone a minor on `today` (unknown: not a minor, so no one
/// keeps access to a record on a guess).
pub fn is_minor(birth_date: Option<&str>, today: Date) -> bool {
    birth_date
        .and_then(Date::parse)
        .is_some_and(|b| b.age_on(today) < AGE_OF_MAJORITY)
}

#[cfg(test)]
mod phone_tests {
    use super::check_phone;

    #[test]
    fn phone_numbers_are_judged_by_libphonenumber_with_belgium_as_default() {
        for good in [
            "+32 470 12 34 56",
            "0470 12 34 56",
            "0470/12.34.56",
            "(03) 234 56 78",
            "+31 6 12345678",
            "+33 6 12 34 56 78",
            "02-555-12-12",
        ] {
            assert!(check_phone(good), "{good}");
        }
        for bad in [
            "",
            "+32 999",
            "123456",
            "0470 12 34 5",
            "0470 12 34 56 78 90 12 34 56",
            "32+470123456",
            "+32 470 CALL ME",
            "0470 12 34 56 ext. 5",
            "<script>",
            "+99 123 456 789",
        ] {
            assert!(!check_phone(bad), "{bad}");
        }
    }
}
