//! The EPC QR code of a SEPA credit transfer (EPC069-12, "Quick Response Code: Guidelines to
//! Enable the Data Capture for the Initiation of a SEPA Credit Transfer", version 002), the
//! code Belgian and European banking apps scan to fill in a transfer.
//!
//! The payload is up to 12 lines separated by a line feed, in this order: service tag `BCD`,
//! version `002`, character set `1` (UTF-8), identification `SCT`, the beneficiary bank's
//! BIC (optional in version 002 within the EEA: an empty line), the beneficiary's name
//! (1–70 characters), the IBAN (at most 34), the amount `EUR` followed by the amount with a
//! decimal point (0.01–999999999.99; empty for none), the purpose (empty), the structured
//! remittance reference (at most 35), the unstructured remittance (at most 140; only when
//! there is no structured one) and the information to the originator (empty). Nothing
//! follows the last non-empty element; the whole payload is at most 331 bytes; the QR code
//! uses error correction level M.
//!
//! The Belgian structured communication (OGM/VCS) goes into the structured remittance
//! element as its 12 digits, without the `+++…+++` and slashes, which are only how it is
//! printed: the structured element exists for a creditor's reference, which the OGM is in
//! Belgium, and Belgian banking apps then fill the transfer's structured communication
//! field with it (as Odoo's `account_qr_code_sepa` does for Belgian invoices: the
//! structured reference in that element, the free text left empty).

use qrcode::{EcLevel, QrCode};
use tessera_common::money::{decimal, normalize_iban, parse_ogm};

/// Why a payment cannot be put into an EPC QR code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EpcError {
    /// The beneficiary's name is empty or longer than 70 characters, or spans lines.
    Name,
    /// The IBAN is not one (modulo 97).
    Iban,
    /// The BIC is not 8 or 11 letters and digits.
    Bic,
    /// The amount is outside 0.01–999,999,999.99 euro.
    Amount,
    /// The structured communication's check digits are wrong.
    Communication,
    /// The payload would exceed 331 bytes.
    TooLong,
}

/// What the QR code asks to pay.
#[derive(Clone, Debug)]
pub struct EpcPayment<'a> {
    pub bic: Option<&'a str>,
    pub beneficiary: &'a str,
    pub iban: &'a str,
    pub amount_cents: i64,
    /// The 12 digits of the structured communication (any usual spelling is read).
    pub communication: &'a str,
}

/// The EPC069-12 version 002 payload of `p`.
pub fn payload(p: &EpcPayment<'_>) -> Result<String, EpcError> {
    let name = p.beneficiary.trim();
    if name.is_empty() || name.chars().count() > 70 || name.chars().any(char::is_control) {
        return Err(EpcError::Name);
    }
    let iban = normalize_iban(p.iban).ok_or(EpcError::Iban)?;
    if iban.len() > 34 {
        return Err(EpcError::Iban);
    }
    let bic = match p.bic.map(str::trim).filter(|b| !b.is_empty()) {
        Some(b) => {
            let ok = matches!(b.len(), 8 | 11) && b.chars().all(|c| c.is_ascii_alphanumeric());
            if !ok {
                return Err(EpcError::Bic);
            }
            b.to_ascii_uppercase()
        }
        None => String::new(),
    };
    if !(1..=99_999_999_999).contains(&p.amount_cents) {
        return Err(EpcError::Amount);
    }
    let reference = parse_ogm(p.communication).map_err(|_| EpcError::Communication)?;
    let lines = [
        "BCD".to_string(),
        "002".to_string(),
        "1".to_string(),
        "SCT".to_string(),
        bic,
        name.to_string(),
        iban,
        format!("EUR{}", decimal(p.amount_cents)),
        String::new(),
        reference,
    ];
    let out = lines.join("\n");
    if out.len() > 331 {
        return Err(EpcError::TooLong);
    }
    Ok(out)
}

/// The QR code of a payload (error correction M, as EPC069-12 asks).
pub fn code(payload: &str) -> Result<QrCode, qrcode::types::QrError> {
    QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
}

/// The QR code as its modules: (width, dark modules row by row), without the quiet zone.
pub fn modules(payload: &str) -> Result<(usize, Vec<bool>), qrcode::types::QrError> {
    let c = code(payload)?;
    let w = c.width();
    let dark = c
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Ok((w, dark))
}

/// The QR code as an inline SVG element (no XML declaration), `px` wide, with a title for
/// screen readers. Only digits, letters and the path data are written: nothing typed.
pub fn svg(payload: &str, px: u32, title: &str) -> Result<String, qrcode::types::QrError> {
    let (w, dark) = modules(payload)?;
    let size = w + 8;
    let mut path = String::new();
    for (i, d) in dark.iter().enumerate() {
        if *d {
            path.push_str(&format!("M{} {}h1v1h-1z", i % w + 4, i / w + 4));
        }
    }
    let title = crate::mail::escape_html(title);
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{px}\" height=\"{px}\" \
         viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><title>{title}</title>\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tessera_common::money::ogm_digits;

    fn pay(amount: i64) -> EpcPayment<'static> {
        EpcPayment {
            bic: Some("GEBABEBB"),
            beneficiary: "VC Kempenvlug Herentals",
            iban: "BE68 5390 0754 7034",
            amount_cents: amount,
            communication: "+++090/9337/55493+++",
        }
    }

    #[test]
    fn the_payload_follows_the_published_field_rules() {
        let p = payload(&pay(12550)).unwrap();
        assert_eq!(
            p,
            "BCD\n002\n1\nSCT\nGEBABEBB\nVC Kempenvlug Herentals\nBE68539007547034\nEUR125.50\n\n090933755493"
        );
        let lines: Vec<&str> = p.split('\n').collect();
        assert_eq!(lines.len(), 10, "nothing after the last element");
        assert!(!p.ends_with('\n'));
        // Without a BIC (optional in version 002): an empty line in its place.
        let mut q = pay(1);
        q.bic = None;
        let p = payload(&q).unwrap();
        assert_eq!(p.split('\n').nth(4), Some(""));
        assert_eq!(p.split('\n').nth(7), Some("EUR0.01"));
        // The largest amount there is.
        assert!(payload(&pay(99_999_999_999))
            .unwrap()
            .contains("EUR999999999.99"));
    }

    #[test]
    fn what_the_rules_forbid_is_refused() {
        assert_eq!(payload(&pay(0)), Err(EpcError::Amount));
        assert_eq!(payload(&pay(-5)), Err(EpcError::Amount));
        assert_eq!(payload(&pay(100_000_000_000)), Err(EpcError::Amount));
        let mut p = pay(100);
        p.communication = "+++090/9337/55494+++";
        assert_eq!(payload(&p), Err(EpcError::Communication));
        let mut p = pay(100);
        p.iban = "BE68 5390 0754 7035";
        assert_eq!(payload(&p), Err(EpcError::Iban));
        let mut p = pay(100);
        p.bic = Some("GEBA");
        assert_eq!(payload(&p), Err(EpcError::Bic));
        let long = "x".repeat(71);
        let mut p = pay(100);
        p.beneficiary = &long;
        assert_eq!(payload(&p), Err(EpcError::Name));
        let mut p = pay(100);
        p.beneficiary = "Club\nBCD";
        assert_eq!(
            payload(&p),
            Err(EpcError::Name),
            "no line feed can shift the fields"
        );
        // 70 characters, accents (UTF-8, character set 1) included: fine and within 331 bytes.
        let name = "é".repeat(70);
        let mut p = pay(100);
        p.beneficiary = &name;
        assert!(payload(&p).unwrap().len() <= 331);
    }

    #[test]
    fn the_qr_code_decodes_back_to_the_payload() {
        let comm = ogm_digits(2_612_345_678);
        let mut p = pay(7_500);
        p.communication = &comm;
        p.beneficiary = "Cercle Royal \"Namur\" <&>";
        let text = payload(&p).unwrap();
        let (w, dark) = modules(&text).unwrap();
        // Draw it as a greyscale image, 4 pixels a module and a quiet zone of 4 modules.
        let scale = 4;
        let size = (w + 8) * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
            let (mx, my) = ((x / scale) as isize - 4, (y / scale) as isize - 4);
            if mx < 0 || my < 0 || mx >= w as isize || my >= w as isize {
                255
            } else if dark[my as usize * w + mx as usize] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        let (meta, content) = grids[0].decode().unwrap();
        assert_eq!(content, text);
        assert_eq!(meta.ecc_level, 0, "error correction M");
        assert!(content.ends_with(&comm));
        // The SVG holds nothing of the typed name but escaped text.
        let svg = svg(&text, 160, "<b>QR</b>").unwrap();
        assert!(svg.starts_with("<svg") && !svg.contains("<b>"));
    }
}
