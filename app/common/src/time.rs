//! Calendar helpers without a clock: instants are milliseconds since the Unix epoch (UTC),
//! dates are proleptic Gregorian. The current time is always a parameter, never read here.
//!
//! The calendar (month lengths, leap years, day arithmetic) and time zones are `jiff`'s. On
//! the server (feature `tz`) zones come from the time-zone database (the system's, with
//! jiff's bundled copy as the fallback); the browser bundle carries no database, and there
//! every zone reads as Brussels' rule (the clubs' default zone), written as a POSIX TZ rule.

use crate::{Lang, Msg};
use jiff::civil;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The time zone of a club that has not chosen another one.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Brussels";

/// Brussels (CET/CEST) as a POSIX TZ rule: summer time from the last Sunday of March at
/// 02:00 to the last Sunday of October at 03:00, local time.
const BRUSSELS_RULE: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

/// The zone named `name` (a time-zone database name such as `Europe/Brussels`); an unknown
/// name, or none in the browser, reads as Brussels.
pub fn zone(name: &str) -> TimeZone {
    TimeZone::get(name)
        .or_else(|_| TimeZone::posix(BRUSSELS_RULE))
        .unwrap_or(TimeZone::UTC)
}

/// Whether the time-zone database knows this zone name (for the setting a club chooses).
pub fn is_known_zone(name: &str) -> bool {
    !name.is_empty() && name.len() <= 64 && TimeZone::get(name).is_ok()
}

/// Milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

/// How a date is written: numeric for tables, the month written out where there is room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// `04/12/2026`
    Short,
    /// `4 December 2026`, `4 december 2026`, `4 décembre 2026`
    Long,
}

impl Timestamp {
    pub fn millis(self) -> i64 {
        self.0
    }
    pub fn plus_seconds(self, s: i64) -> Timestamp {
        Timestamp(self.0 + s * 1000)
    }

    /// The date and time on the wall clock of `tz` (`None` outside jiff's range of years
    /// -9999 to 9999).
    fn local(self, tz: &TimeZone) -> Option<civil::DateTime> {
        let t = jiff::Timestamp::from_millisecond(self.0).ok()?;
        Some(tz.to_datetime(t))
    }

    /// The calendar date of this instant in UTC.
    pub fn utc_date(self) -> Date {
        self.date_in_zone(&TimeZone::UTC)
    }

    /// The day this instant falls on in the time zone named `tz` (a club's zone): what
    /// "today" is for dates that belong to a day (joined, ended, ages).
    pub fn date_in(self, tz: &str) -> Date {
        self.date_in_zone(&zone(tz))
    }

    fn date_in_zone(self, tz: &TimeZone) -> Date {
        match self.local(tz) {
            Some(dt) => Date::from_jiff(dt.date()),
            None if self.0 < 0 => Date::from_jiff(civil::Date::MIN),
            None => Date::from_jiff(civil::Date::MAX),
        }
    }

    /// `YYYY-MM-DD HH:MM` in Belgian local time (CET/CEST): for logs and files, where a
    /// sortable form is wanted.
    pub fn format_brussels(self) -> String {
        match self.local(&zone(DEFAULT_TIME_ZONE)) {
            Some(dt) => format!(
                "{} {:02}:{:02}",
                Date::from_jiff(dt.date()),
                dt.hour(),
                dt.minute()
            ),
            None => String::new(),
        }
    }

    /// The day in Brussels, `YYYY-MM-DD`.
    pub fn format_brussels_date(self) -> String {
        self.date_in(DEFAULT_TIME_ZONE).to_string()
    }

    /// Date and time in zone `tz` as a reader of `lang` writes them: `04/12/2026 14:05`, or
    /// `4 December 2026 at 14:05` in the long style.
    pub fn format_in(self, tz: &str, lang: Lang, style: DateStyle) -> String {
        let Some(dt) = self.local(&zone(tz)) else {
            return String::new();
        };
        let date = Date::from_jiff(dt.date()).format(lang, style);
        let time = format!("{:02}:{:02}", dt.hour(), dt.minute());
        match style {
            DateStyle::Short => format!("{date} {time}"),
            DateStyle::Long => Msg::DateAtTime.fill(lang, &[("date", &date), ("time", &time)]),
        }
    }

    /// The day of this instant in zone `tz`, written for a reader of `lang`.
    pub fn format_date_in(self, tz: &str, lang: Lang, style: DateStyle) -> String {
        self.date_in(tz).format(lang, style)
    }

    /// `YYYY-MM-DDTHH:MM` on the wall clock of zone `tz`: the value of an
    /// `<input type="datetime-local">` (empty outside jiff's range).
    pub fn local_input(self, tz: &str) -> String {
        match self.local(&zone(tz)) {
            Some(dt) => format!(
                "{}T{:02}:{:02}",
                Date::from_jiff(dt.date()),
                dt.hour(),
                dt.minute()
            ),
            None => String::new(),
        }
    }

    /// Reads `YYYY-MM-DDTHH:MM` (seconds allowed) as a time on the wall clock of zone `tz`
    /// (a gap or an overlap of a summer-time change takes the earlier reading); `None` for
    /// anything else.
    pub fn parse_local(s: &str, tz: &str) -> Option<Timestamp> {
        let s = s.trim();
        if s.len() > 32 {
            return None;
        }
        let dt: civil::DateTime = s.parse().ok()?;
        let t = zone(tz).to_ambiguous_timestamp(dt).earlier().ok()?;
        Some(Timestamp(t.as_millisecond()))
    }
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// A stored date (`YYYY-MM-DD`) written for a reader of `lang`; anything that is not such a
/// date is returned as it is.
pub fn format_date_text(s: &str, lang: Lang, style: DateStyle) -> String {
    match Date::parse(s) {
        Some(d) => d.format(lang, style),
        None => s.to_string(),
    }
}

const MONTHS: [Msg; 12] = [
    Msg::Month1,
    Msg::Month2,
    Msg::Month3,
    Msg::Month4,
    Msg::Month5,
    Msg::Month6,
    Msg::Month7,
    Msg::Month8,
    Msg::Month9,
    Msg::Month10,
    Msg::Month11,
    Msg::Month12,
];

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let d = civil::Date::new(
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        )
        .ok()?;
        Some(Date::from_jiff(d))
    }

    fn from_jiff(d: civil::Date) -> Date {
        Date {
            year: i32::from(d.year()),
            month: u8::try_from(d.month()).unwrap_or(1),
            day: u8::try_from(d.day()).unwrap_or(1),
        }
    }

    fn to_jiff(self) -> Option<civil::Date> {
        civil::Date::new(
            i16::try_from(self.year).ok()?,
            i8::try_from(self.month).ok()?,
            i8::try_from(self.day).ok()?,
        )
        .ok()
    }

    /// Parses `YYYY-MM-DD`, refusing impossible dates such as 2023-02-29.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = i32::try_from(digits(0..4)?).ok()?;
        let month = u8::try_from(digits(5..7)?).ok()?;
        let day = u8::try_from(digits(8..10)?).ok()?;
        Date::new(year, month, day)
    }

    /// The same day `n` years later (29 February becomes 28 February in common years).
    pub fn plus_years(self, n: i32) -> Date {
        self.to_jiff()
            .and_then(|d| d.checked_add(jiff::Span::new().years(n)).ok())
            .map(Date::from_jiff)
            .unwrap_or(Date {
                year: self.year + n,
                ..self
            })
    }

    /// The same day `n` calendar months later, clamped to the month's last day (31 January
    /// plus one month is 28 February, or 29 in a leap year).
    pub fn plus_months(self, n: i32) -> Date {
        self.to_jiff()
            .and_then(|d| d.checked_add(jiff::Span::new().months(n)).ok())
            .map(Date::from_jiff)
            .unwrap_or(self)
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        self.to_jiff()
            .and_then(|d| TimeZone::UTC.to_timestamp(d.at(0, 0, 0, 0)).ok())
            .map(|t| t.as_second().div_euclid(86_400))
            .unwrap_or(0)
    }

    pub fn from_days(days: i64) -> Date {
        Timestamp(days.saturating_mul(86_400_000)).utc_date()
    }

    /// Age in whole years on `on`; someone born on 29 February comes of age on 1 March in
    /// common years.
    pub fn age_on(self, on: Date) -> i32 {
        let mut age = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            age -= 1;
        }
        age
    }

    /// This date as a reader of `lang` writes it: `04/12/2026` (nl-BE and fr-BE write
    /// day/month/year; English here follows British usage), or with the month written out.
    pub fn format(self, lang: Lang, style: DateStyle) -> String {
        match style {
            DateStyle::Short => format!("{:02}/{:02}/{:04}", self.day, self.month, self.year),
            DateStyle::Long => {
                let month = MONTHS
                    .get(usize::from(self.month.saturating_sub(1)))
                    .map(|m| m.text(lang))
                    .unwrap_or("");
                let day = if lang == Lang::Fr && self.day == 1 {
                    "1er".to_string()
                } else {
                    self.day.to_string()
                };
                format!("{day} {month} {}", self.year)
            }
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for days in [-800_000, -1, 0, 1, 10_957, 19_000, 20_000, 2_000_000] {
            assert_eq!(Date::from_days(days).days_since_epoch(), days);
        }
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_414).to_string(), "2025-11-22");
    }

    #[test]
    fn parse_refuses_impossible_dates() {
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert!(Date::parse("2023-1-01").is_none());
        assert!(Date::parse("+023-01-01").is_none());
        assert!(Date::parse("").is_none());
        assert!(Date::parse("2023-01-0é").is_none());
    }

    #[test]
    fn age_counts_whole_years() {
        let born = Date::new(2008, 11, 23).unwrap();
        assert_eq!(born.age_on(Date::new(2026, 11, 22).unwrap()), 17);
        assert_eq!(born.age_on(Date::new(2026, 11, 23).unwrap()), 18);
        let leap = Date::new(2008, 2, 29).unwrap();
        assert_eq!(leap.age_on(Date::new(2026, 2, 28).unwrap()), 17);
        assert_eq!(leap.age_on(Date::new(2026, 3, 1).unwrap()), 18);
    }

    /// The instant of a wall-clock time in Brussels.
    fn brussels(y: i16, m: i8, d: i8, h: i8, min: i8) -> Timestamp {
        let t = zone(DEFAULT_TIME_ZONE)
            .to_timestamp(civil::date(y, m, d).at(h, min, 0, 0))
            .unwrap();
        Timestamp(t.as_millisecond())
    }

    #[test]
    fn a_day_is_taken_in_the_clubs_time_zone() {
        // Joined at 00:30 in Brussels in winter (23:30 UTC the day before): today, not yesterday.
        let winter = brussels(2026, 1, 15, 0, 30);
        assert_eq!(winter.utc_date(), Date::new(2026, 1, 14).unwrap());
        assert_eq!(
            winter.date_in(DEFAULT_TIME_ZONE),
            Date::new(2026, 1, 15).unwrap()
        );
        // In summer time (22:30 UTC the day before).
        let summer = brussels(2026, 7, 15, 0, 30);
        assert_eq!(summer.millis() % 86_400_000, 22 * 3_600_000 + 30 * 60_000);
        assert_eq!(
            summer.date_in(DEFAULT_TIME_ZONE),
            Date::new(2026, 7, 15).unwrap()
        );
        // 23:30 UTC on 31 December is already New Year in Brussels.
        let new_year = Timestamp(
            Date::new(2026, 12, 31).unwrap().days_since_epoch() * 86_400_000
                + 23 * 3_600_000
                + 30 * 60_000,
        );
        assert_eq!(
            new_year.date_in(DEFAULT_TIME_ZONE),
            Date::new(2027, 1, 1).unwrap()
        );
        assert_eq!(new_year.utc_date(), Date::new(2026, 12, 31).unwrap());
        // A leap day: 00:30 on 29 February 2028 in Brussels.
        let leap = brussels(2028, 2, 29, 0, 30);
        assert_eq!(
            leap.date_in(DEFAULT_TIME_ZONE),
            Date::new(2028, 2, 29).unwrap()
        );
        assert_eq!(leap.utc_date(), Date::new(2028, 2, 28).unwrap());
    }

    /// With the time-zone database (the server): other zones are real zones.
    #[cfg(feature = "tz")]
    #[test]
    fn other_zones_come_from_the_database() {
        let winter = brussels(2026, 1, 15, 0, 30);
        assert_eq!(
            winter.date_in("America/New_York"),
            Date::new(2026, 1, 14).unwrap()
        );
        assert!(is_known_zone("Europe/Brussels"));
        assert!(!is_known_zone("Europe/Nowhere"));
        assert!(!is_known_zone(""));
    }

    #[test]
    fn leap_years_and_month_lengths() {
        assert!(Date::new(2028, 2, 29).is_some());
        assert!(
            Date::new(2100, 2, 29).is_none(),
            "1900-style century: not a leap year"
        );
        assert!(
            Date::new(2000, 2, 29).is_some(),
            "divisible by 400: a leap year"
        );
        assert!(Date::new(2026, 4, 31).is_none());
        assert_eq!(
            Date::new(2028, 2, 29).unwrap().plus_years(1),
            Date::new(2029, 2, 28).unwrap()
        );
    }

    #[test]
    fn dates_are_written_in_the_readers_locale() {
        let d = Date::new(2026, 12, 4).unwrap();
        assert_eq!(d.format(Lang::Nl, DateStyle::Short), "04/12/2026");
        assert_eq!(d.format(Lang::Fr, DateStyle::Short), "04/12/2026");
        assert_eq!(d.format(Lang::En, DateStyle::Short), "04/12/2026");
        assert_eq!(d.format(Lang::Nl, DateStyle::Long), "4 december 2026");
        assert_eq!(d.format(Lang::Fr, DateStyle::Long), "4 décembre 2026");
        assert_eq!(d.format(Lang::En, DateStyle::Long), "4 December 2026");
        assert_eq!(
            Date::new(2026, 3, 1)
                .unwrap()
                .format(Lang::Fr, DateStyle::Long),
            "1er mars 2026"
        );
        assert_eq!(
            format_date_text("2026-12-04", Lang::Nl, DateStyle::Short),
            "04/12/2026"
        );
        assert_eq!(
            format_date_text("not a date", Lang::Nl, DateStyle::Short),
            "not a date"
        );
        let t = brussels(2026, 12, 4, 14, 5);
        assert_eq!(
            t.format_in(DEFAULT_TIME_ZONE, Lang::Nl, DateStyle::Long),
            "4 december 2026 om 14:05"
        );
        assert_eq!(
            t.format_in(DEFAULT_TIME_ZONE, Lang::Fr, DateStyle::Short),
            "04/12/2026 14:05"
        );
        assert_eq!(
            t.format_in(DEFAULT_TIME_ZONE, Lang::En, DateStyle::Long),
            "4 December 2026 at 14:05"
        );
    }

    #[test]
    fn brussels_time_follows_summer_time() {
        // 2026-01-15 12:00 UTC is 13:00 in Brussels (CET).
        let winter = Timestamp(
            Date::new(2026, 1, 15).unwrap().days_since_epoch() * 86_400_000 + 12 * 3_600_000,
        );
        assert_eq!(winter.format_brussels(), "2026-01-15 13:00");
        // 2026-07-15 12:00 UTC is 14:00 (CEST).
        let summer = Timestamp(
            Date::new(2026, 7, 15).unwrap().days_since_epoch() * 86_400_000 + 12 * 3_600_000,
        );
        assert_eq!(summer.format_brussels(), "2026-07-15 14:00");
        // Summer time 2026 starts on 29 March at 01:00 UTC.
        let before =
            Timestamp(Date::new(2026, 3, 29).unwrap().days_since_epoch() * 86_400_000 + 3_599_999);
        assert_eq!(before.format_brussels(), "2026-03-29 01:59");
        let after =
            Timestamp(Date::new(2026, 3, 29).unwrap().days_since_epoch() * 86_400_000 + 3_600_000);
        assert_eq!(after.format_brussels(), "2026-03-29 03:00");
    }
}
