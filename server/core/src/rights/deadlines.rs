//! The calendar of a request: due one calendar month after the day it was received (in
//! the club's time zone; 31 January → 28 or 29 February), extended once by one or two
//! more months, with a reason, before that first deadline. Pure functions, tested on
//! their own: the clock is the caller's.

use tessera_common::rights::RequestStatus;
use tessera_common::time::Date;
use tessera_common::{AppError, Msg};

/// The day a request received on `received` is due.
pub fn first_deadline(received: Date) -> Date {
    received.plus_months(1)
}

/// The day a request received on `received` is due when extended by `months` (1 or 2):
/// counted from the day it was received, so no day is lost to a short month.
pub fn extended_deadline(received: Date, months: i32) -> Date {
    received.plus_months(1 + months)
}

/// Whether a request in `status`, first due on `first_due`, may be extended by `months`
/// on `today` with `reason`; the new deadline when it may.
pub fn check_extension(
    status: RequestStatus,
    received: Date,
    first_due: Date,
    today: Date,
    months: i32,
    reason: &str,
) -> Result<Date, AppError> {
    if status.is_closed() {
        return Err(AppError::conflict(Msg::ErrRightsClosed));
    }
    if status == RequestStatus::Extended {
        return Err(AppError::conflict(Msg::ErrRightsExtendTwice));
    }
    if !(1..=2).contains(&months) {
        return Err(AppError::field("months", Msg::ErrRightsMonths));
    }
    if reason.trim().is_empty() {
        return Err(AppError::field("reason", Msg::ErrRightsReason));
    }
    if today > first_due {
        return Err(AppError::conflict(Msg::ErrRightsExtendLate));
    }
    Ok(extended_deadline(received, months))
}

/// Open past its deadline on `today` (the deadline day itself is still in time).
pub fn is_overdue(status: RequestStatus, due: Date, today: Date) -> bool {
    !status.is_closed() && today > due
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_month_ends_on_the_same_day_or_the_last_of_a_shorter_month() {
        for (received, due) in [
            ("2026-01-15", "2026-02-15"),
            ("2026-01-31", "2026-02-28"),
            ("2028-01-31", "2028-02-29"),
            ("2028-01-29", "2028-02-29"),
            ("2028-02-29", "2028-03-29"),
            ("2026-03-31", "2026-04-30"),
            ("2026-12-31", "2027-01-31"),
            ("2026-08-31", "2026-09-30"),
        ] {
            assert_eq!(first_deadline(d(received)), d(due), "{received}");
        }
    }

    #[test]
    fn an_extension_counts_from_the_day_received() {
        assert_eq!(extended_deadline(d("2026-01-31"), 1), d("2026-03-31"));
        assert_eq!(extended_deadline(d("2026-01-31"), 2), d("2026-04-30"));
        assert_eq!(extended_deadline(d("2027-11-30"), 2), d("2028-02-29"));
        assert_eq!(extended_deadline(d("2028-12-31"), 2), d("2029-03-31"));
    }

    #[test]
    fn an_extension_needs_a_reason_one_or_two_months_and_comes_before_the_first_deadline() {
        let received = d("2028-01-31");
        let first = first_deadline(received);
        let open = RequestStatus::Open;
        assert_eq!(
            check_extension(open, received, first, d("2028-02-29"), 2, "many records"),
            Ok(d("2028-04-30"))
        );
        assert_eq!(
            check_extension(
                RequestStatus::InProgress,
                received,
                first,
                d("2028-02-01"),
                1,
                "x"
            ),
            Ok(d("2028-03-31"))
        );
        // The day after the first deadline: too late.
        assert!(matches!(
            check_extension(open, received, first, d("2028-03-01"), 1, "late"),
            Err(AppError::Conflict(_))
        ));
        for months in [0, 3, -1] {
            assert!(matches!(
                check_extension(open, received, first, d("2028-02-01"), months, "r"),
                Err(AppError::Invalid(_))
            ));
        }
        assert!(matches!(
            check_extension(open, received, first, d("2028-02-01"), 1, "  "),
            Err(AppError::Invalid(_))
        ));
        for closed in [
            RequestStatus::Extended,
            RequestStatus::Done,
            RequestStatus::Refused,
        ] {
            assert!(matches!(
                check_extension(closed, received, first, d("2028-02-01"), 1, "r"),
                Err(AppError::Conflict(_))
            ));
        }
    }

    #[test]
    fn overdue_from_the_day_after_the_deadline_until_closed() {
        let due = d("2026-02-28");
        assert!(!is_overdue(RequestStatus::Open, due, d("2026-02-28")));
        assert!(is_overdue(RequestStatus::Open, due, d("2026-03-01")));
        assert!(is_overdue(RequestStatus::Extended, due, d("2026-03-01")));
        assert!(!is_overdue(RequestStatus::Done, due, d("2027-01-01")));
        assert!(!is_overdue(RequestStatus::Refused, due, d("2027-01-01")));
    }
}
