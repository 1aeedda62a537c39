//! TOTP (RFC 6238): 30-second steps, six digits, one step of skew either way. totp-rs
//! computes codes; accepting each code only once is ours (see `accounts::verify_totp`).

use crate::error::{internal, Result};
use qrcode::render::svg;
use qrcode::QrCode;
use tessera_common::time::Timestamp;
use totp_rs::{Algorithm, Builder, Secret, Totp};

pub const STEP_SECS: i64 = 30;
pub const ISSUER: &str = "Tessera";

/// A new random secret (160 bits), base32 encoded as authenticator apps expect.
pub fn new_secret() -> Result<String> {
    Ok(Secret::from(crate::ids::random_bytes::<20>()?).to_base32())
}

fn totp(secret_b32: &str, account: &str) -> Result<Totp> {
    let secret = Secret::try_from_base32(secret_b32).map_err(internal)?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(STEP_SECS as u64)
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(internal)
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn otpauth_url(secret_b32: &str, account: &str) -> Result<String> {
    totp(secret_b32, account)?.to_url().map_err(internal)
}

/// The QR code of `url` as an SVG element, to be put inside a page: without the XML
/// declaration the renderer writes first (an HTML page may hold none).
pub fn qr_svg(url: &str) -> Result<String> {
    let code = QrCode::new(url.as_bytes()).map_err(internal)?;
    let svg = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(match svg.find("<svg") {
        Some(start) => svg[start..].to_string(),
        None => svg,
    })
}

/// The step whose code `code` is, within one step of `now`, if any.
pub fn matching_step(secret_b32: &str, code: &str, now: Timestamp) -> Result<Option<i64>> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let t = totp(secret_b32, "x")?;
    let secs = u64::try_from(now.0.div_euclid(1000)).unwrap_or(0);
    Ok(t.check(&code, secs).map(|s| s as i64))
}

/// The code of `secret` at `now` (tests, and the test helpers of other crates).
pub fn code_at(secret_b32: &str, now: Timestamp) -> Result<String> {
    let t = totp(secret_b32, "x")?;
    let secs = u64::try_from(now.0.div_euclid(1000)).unwrap_or(0);
    Ok(t.generate(secs).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_sha1_vector() {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", T = 59 s → 94287082
        // (8 digits); its last six digits are the 6-digit code.
        let secret = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        assert_eq!(code_at(&secret, Timestamp(59_000)).unwrap(), "287082");
        assert_eq!(
            code_at(&secret, Timestamp(1_111_111_109_000)).unwrap(),
            "081804"
        );
    }

    #[test]
    fn one_step_either_way_and_no_further() {
        let s = new_secret().unwrap();
        let now = Timestamp(1_790_000_000_000);
        let step = now.0.div_euclid(1000 * STEP_SECS);
        for (offset, accepted) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = code_at(&s, now.plus_seconds(offset * STEP_SECS)).unwrap();
            let got = matching_step(&s, &code, now).unwrap();
            assert_eq!(got.is_some(), accepted, "offset {offset}");
            if accepted {
                assert_eq!(got, Some(step + offset));
            }
        }
        assert_eq!(matching_step(&s, "12345", now).unwrap(), None);
        assert_eq!(matching_step(&s, "abcdef", now).unwrap(), None);
    }

    #[test]
    fn the_qr_code_is_an_svg_of_the_otpauth_url() {
        let url = otpauth_url(&new_secret().unwrap(), "anne@example.be").unwrap();
        assert!(
            url.starts_with("otpauth://totp/Tessera:anne%40example.be?"),
            "{url}"
        );
        let svg = qr_svg(&url).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{svg}"
        );
        assert!(!svg.contains("<?xml"));
    }
}
