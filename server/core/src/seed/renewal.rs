//! The demo's season renewal and health-insurer certificates (issue 20): a past, a
//! current and a next season (the ones the invoices' seed made are reused), the demo
//! member's and their first child's past season paid (the family's invoice of the invoices'
//! seed paid on its day, or plain inserts through `renewal::stand_in` where that seed
//! billed them nothing: the certificate download shows on the demo member's page), the club's signing officer with a signature image drawn in
//! code, and a renewal into the next season open for the first members of the register,
//! some renewed, one left, the rest not answered yet. Bounded work whatever the club's
//! size (`seed-demo --members 100000`).

use crate::db::Db;
use crate::error::Result;
use crate::renewal::{signature, stand_in};
use crate::scope::{Actor, TenantScope};
use crate::{args, ids};
use sha2::{Digest, Sha256};
use tessera_common::time::Timestamp;
use tessera_common::MemberId;

/// Members asked in the demo's renewal.
const ASKED: i64 = 40;

pub(super) async fn seed(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    linked: Option<MemberId>,
) -> Result<()> {
    let sys = Actor::system("seed-demo");
    let today = scope.today(now);
    // The season running today starts on 1 July.
    let y = if today.month >= 7 {
        today.year
    } else {
        today.year - 1
    };
    let name = |y: i32| format!("{y}-{}", y + 1);
    let mut tx = db.tenant_write(scope, &sys, now).await?;
    let mut season_of = Vec::new();
    for (year, current) in [(y - 1, false), (y, true), (y + 1, false)] {
        let found: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT id FROM seasons WHERE tenant_id = $1 AND starts_on = $2",
                args![format!("{year}-07-01")],
            )
            .await?;
        let id = match found {
            Some((id,)) => id,
            None => {
                let has_current: Option<(i64,)> = tx
                    .fetch_optional(
                        "SELECT id FROM seasons WHERE tenant_id = $1 AND is_current = $2",
                        args![true],
                    )
                    .await?;
                stand_in::season(
                    &mut tx,
                    &name(year),
                    &format!("{year}-07-01"),
                    &format!("{}-06-30", year + 1),
                    current && has_current.is_none(),
                    now,
                )
                .await?
            }
        };
        season_of.push(id);
    }
    let (past, next) = (season_of[0], season_of[2]);
    // The demo member and their first child: last season paid.
    if let Some(me) = linked {
        let child: Option<(i64,)> = tx
            .fetch_optional(
                "SELECT child_id FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2 \
                 ORDER BY child_id LIMIT 1",
                args![me],
            )
            .await?;
        let payer: (String, String) = tx
            .fetch_one(
                "SELECT given_name, family_name FROM members WHERE tenant_id = $1 AND id = $2",
                args![me],
            )
            .await?;
        let payer_name = format!("{} {}", payer.0, payer.1);
        let mut people = vec![me];
        if let Some((c,)) = child {
            people.push(MemberId(c));
        }
        for (i, m) in people.into_iter().enumerate() {
            // The invoice of last season that bills them (a line of theirs, as the
            // certificate reads it: the family's invoice names the payer, its lines the
            // people), paid in full on its day if it is not yet; a stand-in only where the
            // invoices' seed billed them nothing (a second paid invoice would count twice).
            let billed: Option<(i64, String, i64, i64, String)> = tx
                .fetch_optional(
                    "SELECT i.id, i.status, i.total_cents, i.paid_cents, i.payer_name \
                     FROM invoices i LEFT JOIN invoice_lines l ON l.tenant_id = i.tenant_id \
                     AND l.invoice_id = i.id WHERE i.tenant_id = $1 AND i.season_id = $2 \
                     AND i.kind = 'invoice' AND i.status <> 'cancelled' \
                     AND (l.member_id = $3 OR ((l.id IS NULL OR l.member_id IS NULL) \
                     AND i.member_id = $3)) ORDER BY i.id LIMIT 1",
                    args![past, m],
                )
                .await?;
            if let Some((invoice, status, total, paid, payer)) = billed {
                if status != "paid" && status != "overpaid" && total > paid {
                    let day = format!("{}-08-{}", y - 1, 12 + i);
                    tx.update(
                        "invoices",
                        invoice,
                        vec![
                            ("status", "paid".into()),
                            ("paid_cents", total.into()),
                            ("paid_on", day.clone().into()),
                        ],
                        None,
                    )
                    .await?;
                    tx.insert(
                        "payments",
                        vec![
                            ("id", ids::new_id().into()),
                            ("invoice_id", invoice.into()),
                            ("amount_cents", (total - paid).into()),
                            ("paid_on", day.into()),
                            ("method", "bank".into()),
                            ("payer_name", payer.into()),
                            ("created_at", now.into()),
                        ],
                    )
                    .await?;
                }
                continue;
            }
            {
                // The inserts stand in for the invoices' and reconciliation's seeds.
                stand_in::invoice(
                    &mut tx,
                    past,
                    m,
                    me,
                    &payer_name,
                    if i == 0 { 18_000 } else { 12_500 },
                    "paid",
                    &format!("{}-08-01", y - 1),
                    Some(&format!("{}-08-{}", y - 1, 12 + i)),
                    now,
                )
                .await?;
            }
        }
    }
    // Who signs the certificates, with a signature drawn in code.
    tx.execute(
        "DELETE FROM certificate_settings WHERE tenant_id = $1",
        args![],
    )
    .await?;
    tx.insert(
        "certificate_settings",
        vec![
            ("officer_name", "An Secretaris".into()),
            ("officer_role", "Secretary".into()),
            ("signature", signature::sample_png(240, 80).into()),
            ("signature_type", "image/png".into()),
        ],
    )
    .await?;
    // A renewal into next season for the first members of the register.
    let opened: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM renewals WHERE tenant_id = $1 AND season_id = $2",
            args![next],
        )
        .await?;
    if opened.is_none() {
        let renewal = ids::new_id();
        tx.insert(
            "renewals",
            vec![
                ("id", renewal.into()),
                ("season_id", next.into()),
                ("ends_on", format!("{}-09-30", y + 1).into()),
                ("filter", "".into()),
                ("opened_at", now.into()),
                ("created_at", now.into()),
            ],
        )
        .await?;
        let asked: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT id FROM members WHERE tenant_id = $1 AND status = 'active' \
                 AND erased_at IS NULL ORDER BY id LIMIT $2",
                args![ASKED],
            )
            .await?;
        let mut rows = Vec::new();
        for (i, (m,)) in asked.iter().enumerate() {
            // The demo's links were never mailed: their tokens are random and unknown.
            let token: String = ids::random_bytes::<32>()?
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let hash: String = Sha256::digest(token.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let state = match i % 10 {
                0..=5 => "renewed",
                6 => "declined",
                _ => "pending",
            };
            rows.push(vec![
                ("id", ids::new_id().into()),
                ("renewal_id", renewal.into()),
                ("season_id", next.into()),
                ("member_id", (*m).into()),
                ("addressee_id", (*m).into()),
                ("token_hash", hash.into()),
                ("expires_at", Timestamp(now.0 + 60 * 86_400_000).into()),
                ("state", state.into()),
                (
                    "answered_at",
                    (state != "pending")
                        .then_some(now.0 - (i as i64) * 3_600_000)
                        .into(),
                ),
                ("created_at", now.into()),
            ]);
        }
        tx.insert_many("renewal_members", rows).await?;
        tx.log("renewal_opened", Some("demo")).await?;
    }
    tx.commit().await
}
