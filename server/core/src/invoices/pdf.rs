//! An invoice or credit note as a PDF (printpdf, A4, the built-in Helvetica), with the EPC
//! QR code drawn as vector squares for an invoice still to pay.

use super::epc;
use crate::error::{internal, Result};
use printpdf::path::PaintMode;
use printpdf::{BuiltinFont, Color, Mm, PdfDocument, Rect, Rgb};
use tessera_common::invoices::{FeeSettings, Invoice};
use tessera_common::money::{decimal, iban_display};
use tessera_common::{Lang, Msg};

/// Text as the built-in fonts can show it (Latin-1; anything else becomes `?`), on one line.
fn latin(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => c,
            '–' | '—' | '−' => '-',
            _ => '?',
        })
        .take(120)
        .collect()
}

fn eur(cents: i64) -> String {
    format!("EUR {}", decimal(cents))
}

/// The PDF of `inv` for the club named `club`.
pub fn render(inv: &Invoice, settings: &FeeSettings, club: &str, lang: Lang) -> Result<Vec<u8>> {
    let title = if inv.kind == "credit_note" {
        Msg::InvCreditNote.text(lang)
    } else {
        Msg::InvInvoice.text(lang)
    };
    let (doc, page, layer) = PdfDocument::new(
        latin(&format!("{title} {}", inv.number)),
        Mm(210.0),
        Mm(297.0),
        "invoice",
    );
    let font = doc
        .add_builtin_font(BuiltinFont::Helvetica)
        .map_err(internal)?;
    let bold = doc
        .add_builtin_font(BuiltinFont::HelveticaBold)
        .map_err(internal)?;
    let l = doc.get_page(page).get_layer(layer);
    let text = |s: &str, size: f32, x: f32, y: f32, b: bool| {
        l.use_text(latin(s), size, Mm(x), Mm(y), if b { &bold } else { &font });
    };
    text(club, 16.0, 20.0, 275.0, true);
    text(&format!("{title} {}", inv.number), 14.0, 20.0, 262.0, true);
    text(
        &format!("{}: {}", Msg::InvIssuedOn.text(lang), inv.issued_on),
        10.0,
        20.0,
        254.0,
        false,
    );
    if inv.kind == "invoice" {
        text(
            &format!("{}: {}", Msg::InvDueOn.text(lang), inv.due_on),
            10.0,
            20.0,
            249.0,
            false,
        );
    }
    text(&inv.payer_name, 11.0, 120.0, 254.0, true);
    let mut y = 230.0;
    for line in &inv.lines {
        text(&line.description, 10.0, 20.0, y, false);
        text(&eur(line.amount_cents), 10.0, 160.0, y, false);
        y -= 6.0;
        if y < 110.0 {
            break;
        }
    }
    y -= 4.0;
    text(Msg::InvTotal.text(lang), 11.0, 20.0, y, true);
    text(&eur(inv.total_cents), 11.0, 160.0, y, true);
    if inv.kind != "invoice" {
        return doc.save_to_bytes().map_err(internal);
    }
    let iban = settings.iban.as_deref().unwrap_or("");
    let beneficiary = settings.beneficiary.as_deref().unwrap_or(club);
    let mut py = 80.0;
    for (label, value) in [
        (Msg::FeesBeneficiary.text(lang), beneficiary.to_string()),
        (Msg::FeesIban.text(lang), iban_display(iban)),
        (
            Msg::FeesBic.text(lang),
            settings.bic.clone().unwrap_or_default(),
        ),
        (
            Msg::FeesAmount.text(lang),
            eur(inv.total_cents - inv.paid_cents),
        ),
        (Msg::InvCommunication.text(lang), inv.communication.clone()),
    ] {
        text(&format!("{label}: {value}"), 10.0, 20.0, py, false);
        py -= 6.0;
    }
    if let Ok(payload) = epc::payload(&epc::EpcPayment {
        bic: settings.bic.as_deref(),
        beneficiary,
        iban,
        amount_cents: inv.total_cents - inv.paid_cents,
        communication: &inv.communication,
    }) {
        if let Ok((w, dark)) = epc::modules(&payload) {
            // 40 mm wide, its lower left corner at (150, 40).
            let module = 40.0 / w as f32;
            l.set_fill_color(Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)));
            for (i, d) in dark.iter().enumerate() {
                if !*d {
                    continue;
                }
                let (x, row) = ((i % w) as f32, (i / w) as f32);
                let llx = 150.0 + x * module;
                let lly = 80.0 - (row + 1.0) * module;
                l.add_rect(
                    Rect::new(Mm(llx), Mm(lly), Mm(llx + module), Mm(lly + module))
                        .with_mode(PaintMode::Fill),
                );
            }
        }
    }
    doc.save_to_bytes().map_err(internal)
}
