//! The season report (`fees.view`, rep20): per season, what was billed, credited, paid and
//! is still outstanding, per group and per fee, with the totals, and the overpayments apart;
//! as a table, a chart (drawn by the page) and an XLSX file recorded in the export register.
//!
//! How it counts, in integer cents:
//! - The season's sent invoices count (open, partial, paid, overpaid, credited); drafts and
//!   cancelled ones do not (the report says how many drafts there are).
//! - A line counts for the group its fee rule named (`invoice_lines.group_id`, set by the
//!   pricing): a member in two groups is billed once, under the group that priced the fee;
//!   a fee for no group counts under "no group". Per fee, a line counts under its fee
//!   (`fee_key`): the schedule's fee, the sibling discount, the family cap.
//! - A credit note counts against the invoice it corrects (`credited_invoice_id`), spread
//!   over that invoice's lines in proportion to their amounts, and is subtracted from what
//!   was billed in the `credited` column (a credit note covers the whole invoice today, so
//!   each line is credited in full).
//! - An invoice's payments (`paid_cents`) count as paid up to what it still asks after its
//!   credit notes, spread over its lines in proportion to their amounts; the rest is an
//!   overpayment, shown apart and never counted as paid. An invoice paid and then credited
//!   is all overpayment (money to give back).
//! - The spreading is exact: each line gets `⌊cum·x/total⌋ − ⌊(cum − amount)·x/total⌋`,
//!   `cum` the sum of the invoice's lines up to it in their order, so the lines of an
//!   invoice add up to `x` exactly and every row keeps `billed − credited = paid +
//!   outstanding`.
//!
//! Every figure is aggregate SQL, bound to the tenant (`$1`) and the season (`$2`), never a
//! loop per invoice: one statement spreads the lines per group and fee at once (both
//! breakdowns are added up from its few rows), one counts the invoices.

use crate::db::Db;
use crate::error::Result;
use crate::members::exports;
use crate::scope::{Actor, TenantScope};
use std::collections::{BTreeMap, HashMap};
use tessera_common::invoices::{FeeReport, FeeReportRow, ReportKind, ReportSeason};
use tessera_common::modules::FEES_VIEW;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, Lang, Msg};

/// The season's sent invoices with what their credit notes take off and what their
/// payments cover (`applied`: paid, at most what the invoice asks after its credit notes).
const SETTLED: &str = "WITH credits AS (\
        SELECT c.credited_invoice_id AS invoice_id, CAST(sum(c.total_cents) AS BIGINT) AS credited \
        FROM invoices c WHERE c.tenant_id = $1 AND c.season_id = $2 AND c.kind = 'credit_note' \
        AND c.status <> 'cancelled' AND c.credited_invoice_id IS NOT NULL \
        GROUP BY c.credited_invoice_id), \
    billed AS (\
        SELECT i.id, i.total_cents AS total, i.paid_cents AS paid, \
        CASE WHEN coalesce(cr.credited, 0) > i.total_cents THEN i.total_cents \
        ELSE coalesce(cr.credited, 0) END AS credited \
        FROM invoices i LEFT JOIN credits cr ON cr.invoice_id = i.id \
        WHERE i.tenant_id = $1 AND i.season_id = $2 AND i.kind = 'invoice' \
        AND i.status NOT IN ('draft', 'cancelled')), \
    settled AS (\
        SELECT id, total, paid, credited, \
        CASE WHEN paid < total - credited THEN paid ELSE total - credited END AS applied \
        FROM billed), \
    priced AS (\
        SELECT l.group_id, l.fee_key, l.amount_cents AS amount, s.total, s.credited, \
        s.credited + s.applied AS covered, \
        CAST(sum(l.amount_cents) OVER (PARTITION BY l.invoice_id ORDER BY l.position) AS BIGINT) AS cum \
        FROM invoice_lines l JOIN settled s ON s.id = l.invoice_id WHERE l.tenant_id = $1), \
    shares AS (\
        SELECT group_id, fee_key, amount, \
        CASE WHEN total = 0 THEN 0 ELSE cum * credited / total - (cum - amount) * credited / total END AS credited, \
        CASE WHEN total = 0 THEN 0 ELSE cum * covered / total - (cum - amount) * covered / total END AS covered \
        FROM priced) ";

/// Per group the line's fee was priced by (its name when the group still exists) and per
/// fee key (`fee:<id>`, `discount:sibling`, `discount:cap`) at once: both breakdowns are
/// sums of these few rows, so the season's lines are spread once, not once per breakdown
/// (100,000 invoices: about 0.7 s a pass on SQLite).
const BY_GROUP_AND_FEE: &str = "SELECT x.group_id, g.name, x.fee_key, count(*), \
    CAST(sum(x.amount) AS BIGINT), CAST(sum(x.credited) AS BIGINT), \
    CAST(sum(x.covered) AS BIGINT) \
    FROM shares x LEFT JOIN club_groups g ON g.tenant_id = $1 AND g.id = x.group_id \
    GROUP BY x.group_id, g.name, x.fee_key";

/// The invoices counted and the overpayments (paid beyond what is asked after credits).
const INVOICES: &str = "SELECT count(*), \
    CAST(coalesce(sum(CASE WHEN paid > applied THEN 1 ELSE 0 END), 0) AS BIGINT), \
    CAST(coalesce(sum(CASE WHEN paid > applied THEN paid - applied ELSE 0 END), 0) AS BIGINT) \
    FROM settled";

/// Lines, billed, credited and covered (credited + paid), in cents.
type Sums = (i64, i64, i64, i64);

fn add(to: &mut Sums, f: Sums) {
    to.0 += f.0;
    to.1 += f.1;
    to.2 += f.2;
    to.3 += f.3;
}

fn row(kind: ReportKind, name: Option<String>, f: Sums) -> FeeReportRow {
    let (lines, billed, credited, covered) = f;
    FeeReportRow {
        kind,
        name,
        lines,
        billed_cents: billed,
        credited_cents: credited,
        paid_cents: covered - credited,
        outstanding_cents: billed - covered,
    }
}

/// Merges rows that read the same (two removed fees are one "removed fee" row).
fn merge(rows: Vec<(usize, FeeReportRow)>) -> Vec<FeeReportRow> {
    let mut out: Vec<(usize, FeeReportRow)> = Vec::new();
    for (order, r) in rows {
        if r.kind != ReportKind::Named {
            if let Some((_, o)) = out.iter_mut().find(|(_, o)| o.kind == r.kind) {
                o.add(&r);
                continue;
            }
        }
        out.push((order, r));
    }
    out.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.name.cmp(&b.1.name))
            .then_with(|| (a.1.kind as u8).cmp(&(b.1.kind as u8)))
    });
    out.into_iter().map(|(_, r)| r).collect()
}

/// The season report (`fees.view`) of `season` (`None`: the current season, else the
/// latest). Another club's season or an unknown id: not found. A club without seasons gets
/// an empty report.
pub async fn report(db: &Db, scope: &TenantScope, season: Option<i64>) -> Result<FeeReport> {
    scope.require(FEES_VIEW)?;
    let mut tx = db.tenant_read(scope).await?;
    let seasons: Vec<(i64, String, String, String, bool)> = tx
        .fetch_all(
            "SELECT id, name, starts_on, ends_on, is_current FROM seasons WHERE tenant_id = $1 \
             ORDER BY starts_on DESC, id",
            crate::args![],
        )
        .await?;
    let seasons: Vec<ReportSeason> = seasons
        .into_iter()
        .map(|(id, name, starts_on, ends_on, is_current)| ReportSeason {
            id,
            name,
            starts_on,
            ends_on,
            is_current,
        })
        .collect();
    let chosen = match season {
        Some(id) => Some(
            seasons
                .iter()
                .find(|s| s.id == id)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => seasons
            .iter()
            .find(|s| s.is_current)
            .or(seasons.first())
            .cloned(),
    };
    let Some(chosen) = chosen else {
        tx.commit().await?;
        return Ok(FeeReport {
            total: FeeReportRow {
                kind: ReportKind::Total,
                ..Default::default()
            },
            ..Default::default()
        });
    };
    let sid = chosen.id;
    type SharesRow = (
        Option<i64>,
        Option<String>,
        Option<String>,
        i64,
        i64,
        i64,
        i64,
    );
    let shares: Vec<SharesRow> = tx
        .fetch_all(&format!("{SETTLED}{BY_GROUP_AND_FEE}"), crate::args![sid])
        .await?;
    let mut groups: BTreeMap<(Option<i64>, Option<String>), Sums> = BTreeMap::new();
    let mut fees: BTreeMap<Option<String>, Sums> = BTreeMap::new();
    for (group, name, key, lines, billed, credited, covered) in shares {
        let f = (lines, billed, credited, covered);
        add(groups.entry((group, name)).or_default(), f);
        add(fees.entry(key).or_default(), f);
    }
    let (invoices, overpaid_invoices, overpaid_cents): (i64, i64, i64) = tx
        .fetch_one(&format!("{SETTLED}{INVOICES}"), crate::args![sid])
        .await?;
    let (drafts,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM invoices WHERE tenant_id = $1 AND season_id = $2 \
             AND kind = 'invoice' AND status = 'draft'",
            crate::args![sid],
        )
        .await?;
    let names: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, name FROM season_fees WHERE tenant_id = $1 AND season_id = $2 \
             ORDER BY position, id",
            crate::args![sid],
        )
        .await?;
    tx.commit().await?;

    let by_group = merge(
        groups
            .into_iter()
            .map(|((id, name), f)| match (id, name) {
                (Some(_), Some(n)) => (0, row(ReportKind::Named, Some(n), f)),
                (Some(_), None) => (1, row(ReportKind::GroupGone, None, f)),
                (None, _) => (2, row(ReportKind::NoGroup, None, f)),
            })
            .collect(),
    );
    let position: HashMap<String, (usize, String)> = names
        .into_iter()
        .enumerate()
        .map(|(i, (id, name))| (format!("fee:{id}"), (i, name)))
        .collect();
    let after = position.len();
    let by_fee = merge(
        fees.into_iter()
            .map(|(key, f)| {
                let key = key.unwrap_or_default();
                match position.get(&key) {
                    Some((i, name)) => (*i, row(ReportKind::Named, Some(name.clone()), f)),
                    None => {
                        let (o, kind) = match key.as_str() {
                            "discount:sibling" => (1, ReportKind::Sibling),
                            "discount:cap" => (2, ReportKind::Cap),
                            k if k.starts_with("fee:") => (3, ReportKind::FeeGone),
                            _ => (4, ReportKind::Other),
                        };
                        (after + o, row(kind, None, f))
                    }
                }
            })
            .collect(),
    );
    let mut total = FeeReportRow {
        kind: ReportKind::Total,
        ..Default::default()
    };
    for r in &by_group {
        total.add(r);
    }
    Ok(FeeReport {
        season: Some(chosen),
        seasons,
        by_group,
        by_fee,
        total,
        invoices,
        overpaid_invoices,
        overpaid_cents,
        drafts,
    })
}

/// The report as an XLSX file.
pub struct ReportFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

/// The season report as XLSX (`fees.view`): a sheet per breakdown, amounts as numbers in
/// euro with a euro number format, names as text (never a formula); recorded in the export
/// register (who, when, the purpose, the season, the columns, no person: the report holds
/// sums only, and the hash).
pub async fn report_xlsx(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    season: i64,
    lang: Lang,
) -> Result<ReportFile> {
    let r = report(db, scope, Some(season)).await?;
    let Some(s) = r.season.clone() else {
        return Err(AppError::NotFound);
    };
    let bytes = write_xlsx(&r, &s, lang)?;
    let sha256 = exports::sha256_hex(&bytes);
    let columns: Vec<String> = [
        "breakdown",
        "name",
        "lines",
        "billed",
        "credited",
        "paid",
        "outstanding",
    ]
    .iter()
    .map(|c| c.to_string())
    .collect();
    exports::record_export(
        db,
        scope,
        actor,
        now,
        &exports::ExportLog {
            kind: "fee_report",
            purpose: Msg::RepPurpose.text(lang),
            filter: &format!("season {}", s.id),
            columns: &columns,
            members: &[],
            sha256: &sha256,
        },
    )
    .await?;
    let name = format!("{}-fee-report-{}.xlsx", scope.tenant().slug, s.id);
    Ok(ReportFile {
        name,
        bytes,
        sha256,
    })
}

/// Cents as euro for a cell: the one place the report leaves integers, for the sheet's
/// number (exact for any amount below 2^53 cents).
fn euro(cents: i64) -> f64 {
    cents as f64 / 100.0
}

fn write_xlsx(r: &FeeReport, s: &ReportSeason, lang: Lang) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let e = crate::error::internal;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let plain = Format::new();
    let money = Format::new().set_num_format("€ #,##0.00;-€ #,##0.00");
    let money_bold = money.clone().set_bold();
    let heads = [
        Msg::RepLines,
        Msg::RepBilled,
        Msg::RepCredited,
        Msg::RepPaid,
        Msg::RepOutstanding,
    ];
    for (title, first, rows) in [
        (Msg::RepByGroup, Msg::RepGroup, &r.by_group),
        (Msg::RepByFee, Msg::RepFee, &r.by_fee),
    ] {
        let sheet = book.add_worksheet();
        // Sheet names: at most 31 characters, none of []:*?/\ (ours have none).
        sheet.set_name(title.text(lang)).map_err(e)?;
        let heading = Msg::RepTitleOf.fill(lang, &[("season", &s.name)]);
        sheet
            .write_string_with_format(0, 0, &heading, &bold)
            .map_err(e)?;
        sheet
            .write_string(1, 0, format!("{} – {}", s.starts_on, s.ends_on))
            .map_err(e)?;
        sheet
            .write_string_with_format(3, 0, first.text(lang), &bold)
            .map_err(e)?;
        for (c, h) in heads.iter().enumerate() {
            sheet
                .write_string_with_format(3, c as u16 + 1, h.text(lang), &bold)
                .map_err(e)?;
        }
        let mut y = 4u32;
        for row in rows.iter().chain(std::iter::once(&r.total)) {
            let total = row.kind == ReportKind::Total;
            let (text, num) = if total {
                (&bold, &money_bold)
            } else {
                (&plain, &money)
            };
            // Text only: a name is never a formula, whatever it reads.
            sheet
                .write_string_with_format(y, 0, row.label(lang), text)
                .map_err(e)?;
            sheet.write_number(y, 1, row.lines as f64).map_err(e)?;
            for (c, v) in [
                row.billed_cents,
                row.credited_cents,
                row.paid_cents,
                row.outstanding_cents,
            ]
            .into_iter()
            .enumerate()
            {
                sheet
                    .write_number_with_format(y, c as u16 + 2, euro(v), num)
                    .map_err(e)?;
            }
            y += 1;
        }
        y += 1;
        let over = if r.overpaid_invoices > 0 {
            Msg::RepOverpaid.fill(
                lang,
                &[
                    (
                        "amount",
                        &tessera_common::money::format_eur(r.overpaid_cents, lang),
                    ),
                    ("n", &r.overpaid_invoices.to_string()),
                ],
            )
        } else {
            Msg::RepOverpaidNone.text(lang).to_string()
        };
        sheet.write_string(y, 0, over).map_err(e)?;
        sheet.set_column_width(0, 36).map_err(e)?;
        for c in 1..=5u16 {
            sheet.set_column_width(c, 14).map_err(e)?;
        }
        sheet.set_freeze_panes(4, 1).map_err(e)?;
    }
    book.save_to_buffer().map_err(e)
}
