//! Licence numbers: an 8-digit serial, unique within the federation, followed by its Luhn
//! check digit (ISO/IEC 7812-1, the "modulus 10" scheme of payment cards): a single
//! mistyped digit and most swaps of two neighbouring digits are caught.

use crate::db::TenantTx;
use crate::error::Result;

/// The digits of the serial part.
pub const SERIAL_DIGITS: usize = 8;

/// The Luhn check digit of `payload` (ASCII digits), `None` for anything else.
pub fn luhn_digit(payload: &str) -> Option<u8> {
    if payload.is_empty() || !payload.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut sum = 0u32;
    // From the right: the digit next to the check digit is doubled, and every second one.
    for (i, b) in payload.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    u8::try_from((10 - sum % 10) % 10).ok()
}

/// Whether `number` (digits, the last one the check digit) passes the Luhn check.
pub fn is_valid(number: &str) -> bool {
    match number.len().checked_sub(1) {
        Some(n) if n > 0 => number
            .get(..n)
            .and_then(luhn_digit)
            .is_some_and(|d| number.as_bytes()[n] == b'0' + d),
        _ => false,
    }
}

/// The licence number of `serial`: the serial on [`SERIAL_DIGITS`] digits and its check
/// digit.
pub fn number_of(serial: u64) -> String {
    let payload = format!("{serial:0width$}", width = SERIAL_DIGITS);
    let d = luhn_digit(&payload).unwrap_or(0);
    format!("{payload}{d}")
}

/// Allocates `n` new numbers in the federation of `tx` (a write transaction on the
/// federation). The federation's lock `licence_numbers` makes every allocation wait for
/// the one before it to commit (PostgreSQL; SQLite writes one transaction at a time), so
/// the highest serial read here is the last one given: two requests or approvals at once
/// never give two people the same number (and the unique index would refuse it).
pub async fn allocate(tx: &mut TenantTx, n: usize) -> Result<Vec<String>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    lock(tx).await?;
    let (top,): (Option<String>,) = tx
        .fetch_one(
            "SELECT max(licence_number) FROM fed_people WHERE tenant_id = $1",
            crate::args![],
        )
        .await?;
    let last: u64 = top
        .as_deref()
        .and_then(|t| t.get(..SERIAL_DIGITS))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((1..=n as u64).map(|k| number_of(last + k)).collect())
}

/// Takes the federation's allocation lock (see [`allocate`]); taken before a request
/// looks for the people it licenses, so two requests for one person wait for each other.
pub async fn lock(tx: &mut TenantTx) -> Result<()> {
    tx.lock("licence_numbers").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_matches_the_published_examples() {
        // ISO/IEC 7812-1's worked example: 7992739871 → check digit 3.
        assert_eq!(luhn_digit("7992739871"), Some(3));
        assert!(is_valid("79927398713"));
        assert!(!is_valid("79927398710"));
        // A well-known test card number.
        assert!(is_valid("4111111111111111"));
        assert_eq!(luhn_digit(""), None);
        assert_eq!(luhn_digit("12a"), None);
        assert!(!is_valid("7"));
        assert!(!is_valid(""));
    }

    #[test]
    fn every_single_digit_error_is_caught() {
        for serial in [1u64, 42, 1234, 99_999_999, 10_000_000] {
            let n = number_of(serial);
            assert_eq!(n.len(), SERIAL_DIGITS + 1);
            assert!(is_valid(&n), "{n}");
            for pos in 0..n.len() {
                for d in b'0'..=b'9' {
                    let mut b = n.clone().into_bytes();
                    if b[pos] == d {
                        continue;
                    }
                    b[pos] = d;
                    let wrong = String::from_utf8(b).unwrap();
                    assert!(!is_valid(&wrong), "{wrong} passes for {n}");
                }
            }
        }
        assert_eq!(number_of(1), "000000018");
    }
}
