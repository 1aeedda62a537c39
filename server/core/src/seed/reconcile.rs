//! The demo's reconciliation: one bank statement (CAMT.053) already imported and matched
//! against the club's invoices of the current season: most paid in full by their
//! structured communication, some partly, one paid twice, one suggested by amount and
//! name for the treasurer to confirm, one with a wrong check digit and one nobody knows in
//! the queue; the rest stay unpaid (overdue). A fixed number of lines whatever the club's
//! size (at most [`MAX_DEMO_INVOICES`] invoices are paid through it).
//! The club's seasons, bank account and invoices come from the invoices feature's seeding,
//! which runs before this one.

use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::reconcile;
use crate::scope::{Actor, TenantScope};
use tessera_common::money::{decimal, ogm_display};
use tessera_common::time::{Date, Timestamp};

/// The most invoices the demo statement pays.
pub const MAX_DEMO_INVOICES: i64 = 300;

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Seeds one demo club's reconciled bank statement (after its invoices).
pub(super) async fn seed(db: &Db, scope: &TenantScope, now: Timestamp) -> Result<()> {
    if !scope.can(tessera_common::modules::FEES_RECONCILE) {
        return Ok(());
    }
    let sys = Actor::system("seed-demo");
    let today = scope.today(now);
    let mut tx = db.tenant_read(scope).await?;
    let iban: Option<(Option<String>,)> = tx
        .fetch_optional(
            "SELECT iban FROM fee_settings WHERE tenant_id = $1",
            args![],
        )
        .await?;
    let season: Option<(String,)> = tx
        .fetch_optional(
            "SELECT starts_on FROM seasons WHERE tenant_id = $1 AND starts_on <= $2 \
             AND ends_on >= $2",
            args![today.to_string()],
        )
        .await?;
    let invoices: Vec<(String, i64, String)> = tx
        .fetch_all(
            &format!(
                "SELECT communication, total_cents - paid_cents, payer_name FROM invoices \
                 WHERE tenant_id = $1 AND kind = 'invoice' AND status = 'open' \
                 AND issued_on <= $2 ORDER BY year, number LIMIT {MAX_DEMO_INVOICES}"
            ),
            args![today.to_string()],
        )
        .await?;
    tx.commit().await?;
    let (Some((Some(iban),)), Some((season_start,))) = (iban, season) else {
        return Ok(());
    };
    if invoices.is_empty() {
        return Ok(());
    }
    let first = Date::parse(&season_start).unwrap_or(today);
    // Bookings over the last four weeks, not before the season.
    let day_of = |n: usize| {
        let d = today.days_since_epoch() - 28 + (n as i64 % 28);
        Date::from_days(
            d.max(first.days_since_epoch())
                .min(today.days_since_epoch()),
        )
    };
    let mut entries = Vec::new();
    let mut push = |amount: i64, n: usize, name: &str, comm: String, structured: bool| {
        let rmt = if structured {
            format!(
                "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp>\
                 <Ref>{comm}</Ref></CdtrRefInf></Strd>"
            )
        } else {
            format!("<Ustrd>{}</Ustrd>", xml(&comm))
        };
        let day = day_of(n);
        entries.push(format!(
            "<Ntry><Amt Ccy=\"EUR\">{}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>\
             <BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt>\
             <AcctSvcrRef>DEMO{n:06}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>{}</Nm></Pty></Dbtr>\
             </RltdPties><RmtInf>{rmt}</RmtInf></TxDtls></NtryDtls></Ntry>",
            decimal(amount),
            xml(name)
        ));
    };
    let count = invoices.len();
    for (n, (comm, due, payer)) in invoices.iter().enumerate() {
        let bank_name = payer.to_uppercase();
        match n % 20 {
            // Unpaid: overdue (a reminder's work).
            3 | 11 => {}
            // Partly paid.
            7 => push(due / 2, n, &bank_name, comm.clone(), true),
            // Paid twice (the second transfer a week later).
            13 if n < 40 => {
                push(*due, n, &bank_name, comm.clone(), true);
                push(*due, n + 7, &bank_name, ogm_display(comm), false);
            }
            // Paid without the communication: a suggestion by amount and name.
            17 if n < 40 => push(*due, n, &bank_name, "lidgeld".into(), false),
            // The communication in the free text, as some banking apps send it.
            5 => push(
                *due,
                n,
                &bank_name,
                format!("{} lidgeld", ogm_display(comm)),
                false,
            ),
            _ => push(*due, n, &bank_name, comm.clone(), true),
        }
    }
    // A structured communication with a wrong check digit, and a gift: the queue.
    if let Some((comm, due, payer)) = invoices.get(3) {
        let mut wrong = comm.clone();
        let last = if comm.ends_with('0') { "1" } else { "0" };
        wrong.replace_range(11..12, last);
        push(
            *due,
            count,
            &payer.to_uppercase(),
            ogm_display(&wrong),
            false,
        );
    }
    push(
        2_500,
        count + 1,
        "Sponsor Bakkerij Janssens",
        "sponsoring tornooi".into(),
        false,
    );
    let file = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">\
         <BkToCstmrStmt><GrpHdr><MsgId>DEMO-{today}</MsgId><CreDtTm>{today}T18:00:00</CreDtTm></GrpHdr>\
         <Stmt><Id>DEMO-{today}</Id><Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>{}</Stmt>\
         </BkToCstmrStmt></Document>\n",
        entries.concat()
    );
    reconcile::import_statement(db, scope, &sys, now, "statement-demo.xml", file.as_bytes())
        .await?;
    Ok(())
}
