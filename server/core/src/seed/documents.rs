//! The demo's member documents and everyday lists: three kinds of document, a
//! medical certificate for some active members (a few expire within 30 days, two have
//! expired), a signed form for some, and members whose birthday falls in this week
//! (relative to the seeding time). A fixed number of rows whatever the club's size.

use crate::args;
use crate::db::Db;
use crate::documents;
use crate::error::Result;
use crate::ids;
use crate::scope::{Actor, TenantScope};
use tessera_common::time::{Date, Timestamp};

/// A small valid PDF with one line of text.
pub(crate) fn demo_pdf(line: &str) -> Vec<u8> {
    let text: String = line
        .chars()
        .filter(|c| c.is_ascii() && !matches!(c, '(' | ')' | '\\'))
        .collect();
    let content = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Seeds one demo club's documents and this week's birthdays.
pub(super) async fn seed(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<()> {
    let sys = Actor::system("seed-demo");
    let certificate =
        documents::add_kind(db, scope, &sys, now, "Medical certificate", true).await?;
    let _guardian_id = documents::add_kind(db, scope, &sys, now, "ID of a guardian", false).await?;
    let rules = documents::add_kind(db, scope, &sys, now, "Signed club rules", false).await?;
    let today = scope.today(now);
    let mut tx = db.tenant_read(scope).await?;
    let people: Vec<(i64, String, String, Option<String>)> = tx
        .fetch_all(
            "SELECT id, given_name, family_name, birth_date FROM members WHERE tenant_id = $1 \
             AND status = 'active' AND restricted_at IS NULL AND erased_at IS NULL \
             ORDER BY id LIMIT 60",
            args![],
        )
        .await?;
    tx.commit().await?;
    let mut rows = Vec::new();
    for (n, (id, given, family, _)) in people.iter().enumerate() {
        // Expiry: five within 30 days, two expired, the rest later in the season.
        let days = match n {
            0..=4 => 4 + 5 * n as i64,
            5 | 6 => -(10 + n as i64),
            _ => 45 + (n as i64 * 7) % 300,
        };
        let expires = Date::from_days(today.days_since_epoch() + days).to_string();
        let pdf = demo_pdf(&format!(
            "Medical certificate: {given} {family}, valid to {expires}"
        ));
        rows.push(vec![
            ("id", ids::new_id().into()),
            ("member_id", (*id).into()),
            ("kind_id", certificate.into()),
            ("file_name", format!("certificate-{}.pdf", n + 1).into()),
            ("content_type", "application/pdf".into()),
            ("size", (pdf.len() as i64).into()),
            ("sha256", crate::members::exports::sha256_hex(&pdf).into()),
            ("data", pdf.into()),
            ("expires_on", Some(expires).into()),
            ("created_at", now.into()),
        ]);
        if n % 4 == 0 {
            let pdf = demo_pdf(&format!("Club rules signed by {given} {family}"));
            rows.push(vec![
                ("id", ids::new_id().into()),
                ("member_id", (*id).into()),
                ("kind_id", rules.into()),
                ("file_name", "club-rules-signed.pdf".into()),
                ("content_type", "application/pdf".into()),
                ("size", (pdf.len() as i64).into()),
                ("sha256", crate::members::exports::sha256_hex(&pdf).into()),
                ("data", pdf.into()),
                ("expires_on", None::<String>.into()),
                ("created_at", now.into()),
            ]);
        }
    }
    let mut tx = db.tenant_write(scope, &sys, now).await?;
    tx.insert_many("member_documents", rows).await?;
    // Birthdays this week: five members of the end of the list get a birthday on a day of
    // this week (their birth year kept).
    let week = documents::lists::week_days(today);
    for (n, (id, _, _, born)) in people.iter().rev().take(5).enumerate() {
        let year = born
            .as_deref()
            .and_then(Date::parse)
            .map(|d| d.year)
            .unwrap_or(1990);
        let (day, _) = week[(n * 2) % week.len()];
        let Some(date) = Date::new(year, day.month, day.day)
            .or_else(|| Date::new(year, day.month, day.day.saturating_sub(1)))
        else {
            continue;
        };
        tx.update(
            "members",
            *id,
            vec![("birth_date", date.to_string().into())],
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
