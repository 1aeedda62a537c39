//! Plain inserts into the tables of migration 0036 (seasons, invoices with one line,
//! payments), standing in for the invoice generator and the reconciliation, which are
//! built in parallel: the demo's paid seasons and the tests use them. After the merge the
//! demo may call the invoices feature instead; the certificates read the tables whoever
//! wrote them.

use crate::db::TenantTx;
use crate::error::Result;
use crate::{args, ids};
use tessera_common::money::ogm_digits;
use tessera_common::MemberId;

/// Adds a season (`YYYY-MM-DD` days), the current one when `current` (the previous
/// current one stops being it).
pub async fn season(
    tx: &mut TenantTx,
    name: &str,
    starts_on: &str,
    ends_on: &str,
    current: bool,
    now: tessera_common::time::Timestamp,
) -> Result<i64> {
    if current {
        tx.execute(
            "UPDATE seasons SET is_current = $2 WHERE tenant_id = $1 AND is_current = $3",
            args![false, true],
        )
        .await?;
    }
    let id = ids::new_id();
    tx.insert(
        "seasons",
        vec![
            ("id", id.into()),
            ("name", name.into()),
            ("starts_on", starts_on.into()),
            ("ends_on", ends_on.into()),
            ("is_current", current.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    Ok(id)
}

/// An invoice of `season` for `member` (paid by `payer`) with one line of `cents`, in
/// `status`; when `paid_on` is given, a bank payment of the whole amount that day.
#[allow(clippy::too_many_arguments)]
pub async fn invoice(
    tx: &mut TenantTx,
    season: i64,
    member: MemberId,
    payer: MemberId,
    payer_name: &str,
    cents: i64,
    status: &str,
    issued_on: &str,
    paid_on: Option<&str>,
    now: tessera_common::time::Timestamp,
) -> Result<i64> {
    let year: i64 = issued_on
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2026);
    let (next,): (i64,) = tx
        .fetch_one(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM invoices WHERE tenant_id = $1 \
             AND kind = 'invoice' AND year = $2",
            args![year],
        )
        .await?;
    let id = ids::new_id();
    let paid = if paid_on.is_some() { cents } else { 0 };
    tx.insert(
        "invoices",
        vec![
            ("id", id.into()),
            ("kind", "invoice".into()),
            ("year", year.into()),
            ("number", next.into()),
            ("season_id", season.into()),
            ("member_id", member.into()),
            ("payer_member_id", payer.into()),
            ("payer_name", payer_name.into()),
            ("communication", ogm_digits(id.unsigned_abs()).into()),
            ("total_cents", cents.into()),
            ("paid_cents", paid.into()),
            ("status", status.into()),
            ("issued_on", issued_on.into()),
            ("due_on", issued_on.into()),
            ("paid_on", paid_on.map(str::to_string).into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    tx.insert(
        "invoice_lines",
        vec![
            ("id", ids::new_id().into()),
            ("invoice_id", id.into()),
            ("position", 1i64.into()),
            ("description", "Membership fee".into()),
            ("member_id", member.into()),
            ("fee_key", "membership".into()),
            ("amount_cents", cents.into()),
            ("created_at", now.into()),
        ],
    )
    .await?;
    if let Some(day) = paid_on {
        tx.insert(
            "payments",
            vec![
                ("id", ids::new_id().into()),
                ("invoice_id", id.into()),
                ("amount_cents", cents.into()),
                ("paid_on", day.into()),
                ("method", "bank".into()),
                ("payer_name", payer_name.into()),
                ("created_at", now.into()),
            ],
        )
        .await?;
    }
    Ok(id)
}
