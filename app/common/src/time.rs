//! Calendar helpers without a clock: instants are milliseconds since the Unix epoch (UTC),
//! dates are proleptic Gregorian. The current time is always a parameter, never read here.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn millis(self) -> i64 {
        self.0
    }
    pub fn plus_seconds(self, s: i64) -> Timestamp {
        Timestamp(self.0 + s * 1000)
    }
    /// The calendar date of this instant in UTC.
    pub fn utc_date(self) -> Date {
        Date::from_days(self.0.div_euclid(86_400_000))
    }
    /// `YYYY-MM-DD HH:MM` in Belgian local time (CET/CEST), the time zone of the clubs.
    /// The day in Brussels, `YYYY-MM-DD`.
    pub fn format_brussels_date(self) -> String {
        let full = self.format_brussels();
        full.split(' ').next().unwrap_or(&full).to_string()
    }

    pub fn format_brussels(self) -> String {
        let offset_ms = if is_eu_summer_time(self) {
            7_200_000
        } else {
            3_600_000
        };
        let local = self.0 + offset_ms;
        let date = Date::from_days(local.div_euclid(86_400_000));
        let ms_of_day = local.rem_euclid(86_400_000);
        let minutes = ms_of_day / 60_000;
        format!("{} {:02}:{:02}", date, minutes / 60, minutes % 60)
    }
}

/// EU summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
/// Sunday of October.
fn is_eu_summer_time(t: Timestamp) -> bool {
    let year = t.utc_date().year;
    let start = last_sunday(year, 3).days_since_epoch() * 86_400_000 + 3_600_000;
    let end = last_sunday(year, 10).days_since_epoch() * 86_400_000 + 3_600_000;
    t.0 >= start && t.0 < end
}

fn last_sunday(year: i32, month: u8) -> Date {
    let last = Date {
        year,
        month,
        day: days_in_month(year, month),
    };
    let days = last.days_since_epoch();
    // 1970-01-01 was a Thursday; weekday 0 = Monday.
    let weekday = (days + 3).rem_euclid(7);
    let back = (weekday + 1) % 7; // Sunday is weekday 6
    Date::from_days(days - back)
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
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
        let year = self.year + n;
        Date::new(year, self.month, self.day).unwrap_or(Date {
            year,
            month: self.month,
            day: days_in_month(year, self.month),
        })
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
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
