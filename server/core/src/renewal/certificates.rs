//! Health-insurer certificates (issue 20, item 7): a member, or a guardian for their minor
//! child, downloads for a season they paid a filled-in certificate as PDF (the club, the
//! member, the national register number when the club keeps one, the season, the amount
//! and date paid, the signature of the club's officer), ready for their insurer
//! (mutualiteit / mutualité). Every download is recorded in the export register.
//!
//! A season counts as paid for a member when an invoice of that season (kind `invoice`)
//! with status `paid` or `overpaid` holds a line for them (a line's `member_id`, or the
//! invoice's `member_id` for a line that names nobody): the tables of migration 0036 are
//! the contract, whoever issued the invoice or recorded its payment. The amount is the net
//! paid for the season: the sum of those lines less the lines for the member of the credit
//! notes correcting those invoices (a paid invoice credited in full is `credited` and counts
//! for nothing; a season whose net is not above zero is not paid); the date paid the
//! invoice's `paid_on` (else its last payment's day).
//!
//! The national register number is the club's own custom field of kind
//! `national_number` (the first one by position), when the club has one and the member's
//! record holds a value: Tessera has no standard field for it.
//!
//! The signature (name, role, image) is the club's `certificate_settings` row, changed with
//! `fees.manage`; the image is checked by [`super::signature`].

use super::signature::{self, PdfImage};
use crate::args;
use crate::db::Db;
use crate::error::{internal, Result};
use crate::members::exports;
use crate::scope::{Actor, TenantScope};
use printpdf::{
    BuiltinFont, ColorBits, ColorSpace, CustomPdfConformance, Image, ImageFilter, ImageTransform,
    ImageXObject, Mm, PdfConformance, PdfDocument, Px,
};
use tessera_common::dto::Stamp;
use tessera_common::modules::FEES_MANAGE;
use tessera_common::money::format_eur;
use tessera_common::renewal::{CertificateSettings, PaidSeason};
use tessera_common::time::{format_date_text, DateStyle, Timestamp};
use tessera_common::{AppError, Lang, MemberId, Msg, Problem};

/// The officer's name and role: at most this many characters each.
pub const MAX_OFFICER: usize = 100;

fn fees_on(scope: &TenantScope) -> Result<()> {
    if scope.module_active("fees") {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    officer_name: String,
    officer_role: String,
    signature_type: Option<String>,
    version: i64,
    updated_at: i64,
    updated_by_name: Option<String>,
}

async fn national_number_field(tx: &mut crate::db::TenantTx) -> Result<Option<(i64, String)>> {
    tx.fetch_optional(
        "SELECT id, label FROM custom_fields WHERE tenant_id = $1 AND kind = 'national_number' \
         ORDER BY position, id LIMIT 1",
        args![],
    )
    .await
}

/// The club's certificate settings (`fees.manage`).
pub async fn settings(db: &Db, scope: &TenantScope) -> Result<CertificateSettings> {
    scope.require(FEES_MANAGE)?;
    let mut tx = db.tenant_read(scope).await?;
    let row: Option<SettingsRow> = tx
        .fetch_optional(
            "SELECT officer_name, officer_role, signature_type, version, updated_at, updated_by_name \
             FROM certificate_settings WHERE tenant_id = $1",
            args![],
        )
        .await?;
    let field = national_number_field(&mut tx).await?;
    tx.commit().await?;
    let mut out = match row {
        Some(r) => CertificateSettings {
            officer_name: r.officer_name,
            officer_role: r.officer_role,
            signature_type: r.signature_type,
            national_number_field: None,
            version: r.version,
            stamp: Some(Stamp {
                at: Timestamp(r.updated_at),
                by: r.updated_by_name,
            }),
        },
        None => CertificateSettings::default(),
    };
    out.national_number_field = field.map(|(_, label)| label);
    Ok(out)
}

fn check_officer(field: &str, v: &str) -> Result<String> {
    let v = v.trim();
    if v.is_empty() {
        return Err(AppError::field(field, Msg::ErrRequired));
    }
    if v.chars().count() > MAX_OFFICER || v.chars().any(char::is_control) {
        return Err(AppError::field(
            field,
            Problem::new(Msg::ErrMaxCharsOneLine).arg("max", MAX_OFFICER as i64),
        ));
    }
    Ok(v.to_string())
}

/// Makes the settings row when the club has none yet (in the transaction), and returns
/// its version.
async fn ensure_row(tx: &mut crate::db::TenantTx) -> Result<i64> {
    let v: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT version FROM certificate_settings WHERE tenant_id = $1",
            args![],
        )
        .await?;
    if let Some((v,)) = v {
        return Ok(v);
    }
    tx.insert("certificate_settings", vec![]).await?;
    Ok(1)
}

/// Saves who signs the club's certificates (`fees.manage`): name and role, one line each.
/// `version` is the one the form showed (0 for none yet); a change made meanwhile is a
/// conflict.
pub async fn save_officer(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    name: &str,
    role: &str,
    version: i64,
) -> Result<()> {
    scope.require(FEES_MANAGE)?;
    let (name, role) = match (
        check_officer("officer_name", name),
        check_officer("officer_role", role),
    ) {
        (Ok(n), Ok(r)) => (n, r),
        (Err(AppError::Invalid(mut a)), Err(AppError::Invalid(b))) => {
            a.extend(b);
            return Err(AppError::Invalid(a));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let current = ensure_row(&mut tx).await?;
    if version != 0 && version != current {
        return Err(AppError::conflict(Msg::CertErrChangedMeanwhile));
    }
    let n = tx
        .execute(
            "UPDATE certificate_settings SET officer_name = $2, officer_role = $3, \
             updated_at = $4, updated_by = $5, updated_by_name = $6, version = version + 1 \
             WHERE tenant_id = $1",
            args![name, role, now, actor.identity, actor.stamp_name()],
        )
        .await?;
    if n != 1 {
        return Err(AppError::NotFound);
    }
    tx.log("certificate_officer", None).await?;
    tx.commit().await
}

/// Stores the officer's signature image (`fees.manage`), checked by its bytes
/// ([`signature::check`]).
pub async fn set_signature(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    data: Vec<u8>,
) -> Result<()> {
    scope.require(FEES_MANAGE)?;
    let kind = signature::check(&data)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    ensure_row(&mut tx).await?;
    tx.execute(
        "UPDATE certificate_settings SET signature = $2, signature_type = $3, \
         updated_at = $4, updated_by = $5, updated_by_name = $6, version = version + 1 \
         WHERE tenant_id = $1",
        args![data, kind, now, actor.identity, actor.stamp_name()],
    )
    .await?;
    tx.log("certificate_signature", Some(kind)).await?;
    tx.commit().await
}

#[derive(sqlx::FromRow)]
struct PaidRow {
    season_id: i64,
    season_name: String,
    amount: i64,
    paid_on: Option<String>,
}

/// The paid seasons of one member, oldest first: `(season, name, amount, day paid)`.
async fn paid_of(
    tx: &mut crate::db::TenantTx,
    member: MemberId,
    season: Option<i64>,
) -> Result<Vec<PaidRow>> {
    let rows: Vec<PaidRow> = tx
        .fetch_all(
            "SELECT s.id AS season_id, s.name AS season_name, \
             CAST(SUM(x.amount) AS BIGINT) AS amount, MAX(x.paid_on) AS paid_on FROM ( \
             SELECT i.season_id, COALESCE(l.amount_cents, i.total_cents) AS amount, \
             COALESCE(i.paid_on, (SELECT MAX(p.paid_on) FROM payments p \
                 WHERE p.tenant_id = i.tenant_id AND p.invoice_id = i.id)) AS paid_on \
             FROM invoices i \
             LEFT JOIN invoice_lines l ON l.tenant_id = i.tenant_id AND l.invoice_id = i.id \
             WHERE i.tenant_id = $1 AND i.kind = 'invoice' AND i.status IN ('paid', 'overpaid') \
             AND ($3 = 0 OR i.season_id = $3) \
             AND (l.member_id = $2 OR ((l.id IS NULL OR l.member_id IS NULL) AND i.member_id = $2)) \
             UNION ALL \
             SELECT c.season_id, -COALESCE(l.amount_cents, c.total_cents) AS amount, \
             NULL AS paid_on \
             FROM invoices c \
             JOIN invoices i ON i.tenant_id = c.tenant_id AND i.id = c.credited_invoice_id \
             LEFT JOIN invoice_lines l ON l.tenant_id = c.tenant_id AND l.invoice_id = c.id \
             WHERE c.tenant_id = $1 AND c.kind = 'credit_note' AND c.status <> 'cancelled' \
             AND i.status IN ('paid', 'overpaid') AND ($3 = 0 OR c.season_id = $3) \
             AND (l.member_id = $2 OR ((l.id IS NULL OR l.member_id IS NULL) AND c.member_id = $2)) \
             ) x JOIN seasons s ON s.tenant_id = $1 AND s.id = x.season_id \
             GROUP BY s.id, s.name, s.starts_on HAVING SUM(x.amount) > 0 \
             ORDER BY s.starts_on, s.id",
            args![member, season.unwrap_or(0)],
        )
        .await?;
    Ok(rows)
}

/// The seasons the caller and their minor children paid, for the download links on their
/// own page. Not found without a record of their own or when the fees module is off.
pub async fn paid_seasons(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<Vec<PaidSeason>> {
    fees_on(scope)?;
    // Someone without a record of their own here has no paid season either.
    let me = scope.member_id().ok_or(AppError::NotFound)?;
    let today = scope.today(now);
    let mut people = vec![(me, None)];
    for c in crate::members::my_children(db, scope, today).await? {
        if crate::members::require_guardian(db, scope, c.id, today)
            .await
            .is_ok()
        {
            people.push((c.id, Some(c.id)));
        }
    }
    let mut tx = db.tenant_read(scope).await?;
    let mut out = Vec::new();
    for (member, child) in people {
        let name: Option<(String, String)> = tx
            .fetch_optional(
                "SELECT given_name, family_name FROM members WHERE tenant_id = $1 AND id = $2 \
                 AND erased_at IS NULL",
                args![member],
            )
            .await?;
        let Some((given, family)) = name else {
            continue;
        };
        for r in paid_of(&mut tx, member, None).await? {
            out.push(PaidSeason {
                member,
                child,
                member_name: format!("{given} {family}"),
                season_id: r.season_id,
                season_name: r.season_name,
                amount_cents: r.amount,
                paid_on: r.paid_on,
            });
        }
    }
    tx.commit().await?;
    Ok(out)
}

/// Everything a certificate says.
#[derive(Clone, Debug)]
pub struct CertificateData {
    pub club_name: String,
    pub club_city: Option<String>,
    pub member_name: String,
    pub birth_date: Option<String>,
    pub address: Option<String>,
    pub national_number: Option<String>,
    pub season_name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub amount_cents: i64,
    pub paid_on: Option<String>,
    pub officer_name: String,
    pub officer_role: String,
    pub signature: Option<PdfImage>,
    pub issued_on: String,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    street: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SignatureRow {
    officer_name: String,
    officer_role: String,
    signature: Option<Vec<u8>>,
    signature_type: Option<String>,
}

/// The certificate for season `season` of the caller (or of their minor child `child`) as
/// PDF, and its file name; recorded in the export register. Someone else's record (not
/// the caller, not a minor child of theirs, another club's) is not found; a season not
/// paid is refused with the reason.
pub async fn certificate_pdf(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    lang: Lang,
    child: Option<MemberId>,
    season: i64,
) -> Result<(String, Vec<u8>)> {
    fees_on(scope)?;
    let today = scope.today(now);
    let member = match child {
        None => scope.member_id().ok_or(AppError::NotFound)?,
        Some(c) => {
            crate::members::require_guardian(db, scope, c, today).await?;
            c
        }
    };
    let mut tx = db.tenant_snapshot(scope).await?;
    let m: MemberRow = tx
        .fetch_optional(
            "SELECT given_name, family_name, birth_date, street, postcode, city FROM members \
             WHERE tenant_id = $1 AND id = $2 AND erased_at IS NULL",
            args![member],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let s: (String, String, String) = tx
        .fetch_optional(
            "SELECT name, starts_on, ends_on FROM seasons WHERE tenant_id = $1 AND id = $2",
            args![season],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let paid = paid_of(&mut tx, member, Some(season)).await?;
    let Some(paid) = paid.into_iter().next() else {
        return Err(AppError::bad_request(
            Problem::new(Msg::CertErrNotPaid).arg("season", s.0.clone()),
        ));
    };
    let national_number = match national_number_field(&mut tx).await? {
        Some((field, _)) => tx
            .fetch_optional::<(String,)>(
                "SELECT value FROM member_field_values WHERE tenant_id = $1 AND member_id = $2 \
                 AND field_id = $3 ORDER BY value LIMIT 1",
                args![member, field],
            )
            .await?
            .map(|(v,)| v),
        None => None,
    };
    let sig: Option<SignatureRow> = tx
        .fetch_optional(
            "SELECT officer_name, officer_role, signature, signature_type FROM certificate_settings \
             WHERE tenant_id = $1",
            args![],
        )
        .await?;
    tx.commit().await?;
    let (officer_name, officer_role, signature) = match sig {
        Some(r) => {
            let image = match (r.signature_type, r.signature) {
                (Some(t), Some(d)) => signature::for_pdf(&t, &d).ok(),
                _ => None,
            };
            (r.officer_name, r.officer_role, image)
        }
        None => (String::new(), String::new(), None),
    };
    let tenant = scope.tenant();
    let address = [
        m.street,
        m.postcode
            .map(|p| format!("{p} {}", m.city.clone().unwrap_or_default()))
            .or(m.city),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    let data = CertificateData {
        club_name: tenant.name.clone(),
        club_city: tenant.city.clone(),
        member_name: format!("{} {}", m.given_name, m.family_name),
        birth_date: m.birth_date,
        address: (!address.is_empty()).then_some(address),
        national_number,
        season_name: s.0,
        starts_on: s.1,
        ends_on: s.2,
        amount_cents: paid.amount,
        paid_on: paid.paid_on,
        officer_name,
        officer_role,
        signature,
        issued_on: today.to_string(),
    };
    let bytes = render(&data, lang)?;
    exports::record_export(
        db,
        scope,
        actor,
        now,
        &exports::ExportLog {
            kind: "certificate",
            purpose: "health-insurer certificate asked by the person",
            filter: &format!("member {}, season {}", member.0, season),
            columns: &["certificate".to_string()],
            members: &[member],
            sha256: &exports::sha256_hex(&bytes),
        },
    )
    .await?;
    let name = format!("{}-certificate-{}-{}.pdf", tenant.slug, member.0, season);
    Ok((name, bytes))
}

/// Lays the certificate out on one A4 page (built-in Helvetica, WinAnsi text).
pub fn render(d: &CertificateData, lang: Lang) -> Result<Vec<u8>> {
    let title = Msg::CertPdfTitle.text(lang);
    let (doc, page, layer) = PdfDocument::new(title, Mm(210.0), Mm(297.0), "certificate");
    let doc = doc.with_conformance(PdfConformance::Custom(CustomPdfConformance {
        requires_icc_profile: false,
        requires_xmp_metadata: false,
        ..Default::default()
    }));
    let regular = doc
        .add_builtin_font(BuiltinFont::Helvetica)
        .map_err(internal)?;
    let bold = doc
        .add_builtin_font(BuiltinFont::HelveticaBold)
        .map_err(internal)?;
    let layer = doc.get_page(page).get_layer(layer);
    let date = |s: &str| format_date_text(s, lang, DateStyle::Long);
    let mut y = 270.0;
    layer.use_text(title, 16.0, Mm(20.0), Mm(y), &bold);
    y -= 8.0;
    layer.use_text(
        Msg::CertPdfIntro.text(lang),
        10.0,
        Mm(20.0),
        Mm(y),
        &regular,
    );
    y -= 14.0;
    let mut rows: Vec<(Msg, String)> = vec![(
        Msg::CertPdfClub,
        match &d.club_city {
            Some(c) if !c.trim().is_empty() => format!("{}, {c}", d.club_name),
            _ => d.club_name.clone(),
        },
    )];
    rows.push((Msg::CertPdfMember, d.member_name.clone()));
    if let Some(b) = &d.birth_date {
        rows.push((Msg::CertPdfBirthDate, date(b)));
    }
    if let Some(a) = &d.address {
        rows.push((Msg::CertPdfAddress, a.clone()));
    }
    if let Some(n) = &d.national_number {
        rows.push((Msg::CertPdfNationalNumber, n.clone()));
    }
    rows.push((
        Msg::CertPdfPeriod,
        format!(
            "{} ({} – {})",
            d.season_name,
            date(&d.starts_on),
            date(&d.ends_on)
        ),
    ));
    rows.push((Msg::CertPdfAmount, format_eur(d.amount_cents, lang)));
    rows.push((
        Msg::CertPdfPaidOn,
        d.paid_on.as_deref().map(date).unwrap_or_else(|| "—".into()),
    ));
    for (label, value) in rows {
        layer.use_text(label.text(lang), 11.0, Mm(20.0), Mm(y), &bold);
        layer.use_text(value, 11.0, Mm(75.0), Mm(y), &regular);
        y -= 8.0;
    }
    y -= 6.0;
    layer.use_text(
        Msg::CertPdfStatement
            .text(lang)
            .replace("{club}", &d.club_name)
            .replace("{member}", &d.member_name),
        10.0,
        Mm(20.0),
        Mm(y),
        &regular,
    );
    y -= 8.0;
    layer.use_text(
        Msg::CertPdfIssued
            .text(lang)
            .replace("{date}", &date(&d.issued_on)),
        10.0,
        Mm(20.0),
        Mm(y),
        &regular,
    );
    y -= 10.0;
    if let Some(img) = &d.signature {
        // At most 60 mm wide and 25 mm high, keeping its proportions.
        let (w, h) = (img.width as f32, img.height as f32);
        let scale_mm = (60.0 / w).min(25.0 / h);
        let (wmm, hmm) = (w * scale_mm, h * scale_mm);
        let dpi = 25.4 / scale_mm;
        let x = ImageXObject {
            width: Px(img.width as usize),
            height: Px(img.height as usize),
            color_space: if img.components == 1 {
                ColorSpace::Greyscale
            } else {
                ColorSpace::Rgb
            },
            bits_per_component: ColorBits::Bit8,
            interpolate: true,
            image_data: img.data.clone(),
            image_filter: img.dct.then_some(ImageFilter::DCT),
            smask: None,
            clipping_bbox: None,
        };
        y -= hmm;
        Image::from(x).add_to_layer(
            layer.clone(),
            ImageTransform {
                translate_x: Some(Mm(20.0)),
                translate_y: Some(Mm(y)),
                dpi: Some(dpi),
                ..Default::default()
            },
        );
        let _ = wmm;
        y -= 6.0;
    } else {
        y -= 20.0;
    }
    if !d.officer_name.is_empty() {
        layer.use_text(d.officer_name.clone(), 11.0, Mm(20.0), Mm(y), &bold);
        y -= 6.0;
        layer.use_text(
            format!("{}, {}", d.officer_role, d.club_name),
            10.0,
            Mm(20.0),
            Mm(y),
            &regular,
        );
    }
    doc.save_to_bytes().map_err(internal)
}

/// The text a PDF shows, as its content streams write it (hexadecimal strings drawn with
/// `Tj`, compressed streams inflated), one string a line, each byte read as Latin-1 (the
/// WinAnsi of the built-in fonts for every letter of our languages). For the tests.
pub fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Read;
    let mut streams = Vec::new();
    let mut rest = pdf;
    while let Some(start) = find(rest, b"stream") {
        let mut body = &rest[start + 6..];
        body = body.strip_prefix(b"\r").unwrap_or(body);
        body = body.strip_prefix(b"\n").unwrap_or(body);
        let Some(end) = find(body, b"endstream") else {
            break;
        };
        let raw = &body[..end];
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(raw)
            .read_to_end(&mut inflated)
            .is_ok()
        {
            streams.push(inflated);
        } else {
            streams.push(raw.to_vec());
        }
        rest = &body[end + 9..];
    }
    let mut out = String::new();
    for s in streams {
        let text = String::from_utf8_lossy(&s).into_owned();
        let mut t = text.as_str();
        while let Some(open) = t.find('<') {
            let after = &t[open + 1..];
            let Some(close) = after.find('>') else { break };
            let hex = &after[..close];
            let tail = after[close + 1..].trim_start();
            if tail.starts_with("Tj") && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                let bytes: Vec<u8> = (0..hex.len() / 2)
                    .filter_map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok())
                    .collect();
                out.extend(bytes.iter().map(|&b| b as char));
                out.push('\n');
            }
            t = &after[close + 1..];
        }
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
