//! Reconciliation on SQLite and PostgreSQL: payments against invoices, CAMT.053 and CODA
//! statements written by hand from the published layouts, matching, the queue, and every
//! refusal (nothing stored).

use super::parse::{self, Format, ParseError};
use super::*;
use crate::jobs::SystemTask;
use crate::scope;
use crate::testing;
use crate::tests::{world, T0};
use proptest::prelude::*;
use tessera_common::dto::TenantKind;
use tessera_common::money::ogm_digits;
use tessera_common::Lang;

pub(crate) const CLUB_IBAN: &str = "BE68539007547034";
const OTHER_IBAN: &str = "BE71096123456769";
const PAYER_IBAN: &str = "BE62510007547061";

fn msg_of(e: &AppError) -> Msg {
    match e {
        AppError::Invalid(v) => v[0].problem.msg,
        AppError::BadRequest(p) | AppError::Conflict(p) => p.msg,
        other => panic!("unexpected {other:?}"),
    }
}

fn sys() -> Actor {
    Actor::system("test")
}

/// A club with fees on, its IBAN, a past and a current season.
async fn fees_club(db: &Db, club: &crate::tenancy::TenantRecord) -> TenantScope {
    let s = TenantScope::for_system_task(&SystemTask::background(), club.clone());
    crate::module_settings::switch(db, &s, &sys(), T0, "fees", true)
        .await
        .unwrap();
    let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
    tx.insert("fee_settings", vec![("iban", CLUB_IBAN.into())])
        .await
        .unwrap();
    for (id, name, a, b, cur) in [
        (1i64, "2025-2026", "2025-07-01", "2026-06-30", false),
        (2, "2026-2027", "2026-07-01", "2027-06-30", true),
    ] {
        tx.insert(
            "seasons",
            vec![
                ("id", id.into()),
                ("name", name.into()),
                ("starts_on", a.into()),
                ("ends_on", b.into()),
                ("is_current", cur.into()),
                ("created_at", T0.into()),
            ],
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    s
}

/// An invoice as inv20's generator would leave it (plain insert: the table is the
/// contract). Returns its id and the 12 digits of its structured communication.
pub(crate) async fn invoice(
    db: &Db,
    s: &TenantScope,
    number: i64,
    payer: &str,
    total: i64,
    status: &str,
) -> (i64, String) {
    let id = ids::new_id();
    let comm = ogm_digits(2_026_000_000 + number as u64);
    let mut tx = db.tenant_write(s, &sys(), T0).await.unwrap();
    tx.insert(
        "invoices",
        vec![
            ("id", id.into()),
            ("kind", "invoice".into()),
            ("year", 2026i64.into()),
            ("number", number.into()),
            ("season_id", 2i64.into()),
            ("payer_name", payer.into()),
            ("communication", comm.clone().into()),
            ("total_cents", total.into()),
            ("status", status.into()),
            ("issued_on", "2026-08-01".into()),
            ("due_on", "2026-08-31".into()),
            ("created_at", T0.into()),
        ],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (id, comm)
}

async fn inv_state(db: &Db, s: &TenantScope, id: i64) -> (i64, String, Option<String>) {
    let mut tx = db.tenant_read(s).await.unwrap();
    let r: (i64, String, Option<String>) = tx
        .fetch_one(
            "SELECT paid_cents, status, paid_on FROM invoices WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    r
}

async fn count(db: &Db, s: &TenantScope, table: &str) -> i64 {
    let mut tx = db.tenant_read(s).await.unwrap();
    let (n,): (i64,) = tx
        .fetch_one(
            &format!("SELECT count(*) FROM {table} WHERE tenant_id = $1"),
            args![],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    n
}

// ---------------------------------------------------------------------------------------
// Files written from the published layouts.

/// One CAMT.053 entry: amount as the XML writes it, credit?, booking day, payer name,
/// communication, structured?, the bank's reference.
#[derive(Clone)]
pub(crate) struct Entry {
    pub amount: &'static str,
    pub credit: bool,
    pub day: &'static str,
    pub name: String,
    pub comm: String,
    pub structured: bool,
    pub bank_ref: String,
}

pub(crate) fn entry(amount: &'static str, day: &'static str, name: &str, comm: &str) -> Entry {
    Entry {
        amount,
        credit: true,
        day,
        name: name.into(),
        comm: comm.into(),
        structured: false,
        bank_ref: String::new(),
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A CAMT.053 document (`version` 02 or 08: the party's name moved under `Pty` in 08).
pub(crate) fn camt(
    version: &str,
    iban: &str,
    ccy: &str,
    stmt_id: &str,
    entries: &[Entry],
) -> String {
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}\">\
         <BkToCstmrStmt><GrpHdr><MsgId>{stmt_id}-msg</MsgId><CreDtTm>2026-09-30T18:00:00</CreDtTm></GrpHdr>\
         <Stmt><Id>{stmt_id}</Id><CreDtTm>2026-09-30T18:00:00</CreDtTm><Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>{ccy}</Ccy></Acct>\
         <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"{ccy}\">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-09-01</Dt></Dt></Bal>"
    );
    for e in entries {
        let sts = if version == "02" {
            "<Sts>BOOK</Sts>".to_string()
        } else {
            "<Sts><Cd>BOOK</Cd></Sts>".to_string()
        };
        let (party, acct) = if e.credit {
            ("Dbtr", "DbtrAcct")
        } else {
            ("Cdtr", "CdtrAcct")
        };
        let name = if version == "02" {
            format!("<{party}><Nm>{}</Nm></{party}>", esc(&e.name))
        } else {
            format!("<{party}><Pty><Nm>{}</Nm></Pty></{party}>", esc(&e.name))
        };
        let rmt = if e.structured {
            format!(
                "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp><Ref>{}</Ref></CdtrRefInf></Strd>",
                esc(&e.comm)
            )
        } else {
            format!("<Ustrd>{}</Ustrd>", esc(&e.comm))
        };
        let r = if e.bank_ref.is_empty() {
            String::new()
        } else {
            format!("<AcctSvcrRef>{}</AcctSvcrRef>", esc(&e.bank_ref))
        };
        x.push_str(&format!(
            "<Ntry><Amt Ccy=\"{ccy}\">{}</Amt><CdtDbtInd>{}</CdtDbtInd>{sts}<BookgDt><Dt>{}</Dt></BookgDt>\
             <ValDt><Dt>{}</Dt></ValDt>{r}<BkTxCd/><NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>\
             <RltdPties>{name}<{acct}><Id><IBAN>{PAYER_IBAN}</IBAN></Id></{acct}></RltdPties><RmtInf>{rmt}</RmtInf></TxDtls></NtryDtls></Ntry>",
            e.amount,
            if e.credit { "CRDT" } else { "DBIT" },
            e.day,
            e.day,
        ));
    }
    x.push_str("</Stmt></BkToCstmrStmt></Document>\n");
    x
}

/// A 128-character CODA record with `parts` at their 1-based positions.
fn rec(parts: &[(usize, &str)]) -> String {
    let mut r: Vec<char> = vec![' '; 128];
    for (at, text) in parts {
        for (k, c) in text.chars().enumerate() {
            r[at - 1 + k] = c;
        }
    }
    r.into_iter().collect()
}

/// `YYYY-MM-DD` as CODA writes it (`DDMMYY`).
fn ddmmyy(day: &str) -> String {
    format!("{}{}{}", &day[8..10], &day[5..7], &day[2..4])
}

/// A CODA 2 file (records 0, 1, 2.1/2.2/2.3 per movement, 8, 9) for `iban` in `ccy`.
pub(crate) fn coda(iban: &str, ccy: &str, entries: &[Entry]) -> String {
    let mut recs = vec![rec(&[
        (1, "00000"),
        (6, "300926"),
        (12, "539"),
        (15, "05"),
        (35, "KONINKLIJKE SPORTCLUB"),
        (61, "HBKABE22"),
        (128, "2"),
    ])];
    recs.push(rec(&[
        (1, "12001"),
        (6, iban),
        (40, ccy),
        (43, "0"),
        (44, "000000001000000"),
        (59, "010926"),
        (65, "KONINKLIJKE SPORTCLUB"),
        (91, "ZICHTREKENING"),
        (126, "001"),
    ]));
    let (mut debit, mut credit) = (0i64, 0i64);
    for (k, e) in entries.iter().enumerate() {
        let seq = format!("{:04}", k + 1);
        let cents = xml_cents_for_test(e.amount);
        if e.credit {
            credit += cents;
        } else {
            debit += cents;
        }
        let amount = format!("{:015}", cents * 10);
        let day = ddmmyy(e.day);
        let bank_ref = if e.bank_ref.is_empty() {
            format!("REF{seq}")
        } else {
            e.bank_ref.clone()
        };
        let (ty, comm): (&str, String) = if e.structured {
            ("1", format!("101{}", e.comm))
        } else {
            ("0", e.comm.chars().take(53).collect())
        };
        recs.push(rec(&[
            (1, "21"),
            (3, &seq),
            (7, "0000"),
            (11, &bank_ref),
            (32, if e.credit { "0" } else { "1" }),
            (33, &amount),
            (48, &day),
            (54, "00150000"),
            (62, ty),
            (63, &comm),
            (116, &day),
            (122, "001"),
            (125, "0"),
            (126, "1"),
            (128, "0"),
        ]));
        recs.push(rec(&[
            (1, "22"),
            (3, &seq),
            (7, "0000"),
            (126, "1"),
            (128, "0"),
        ]));
        let name: String = e.name.chars().take(35).collect();
        recs.push(rec(&[
            (1, "23"),
            (3, &seq),
            (7, "0000"),
            (11, PAYER_IBAN),
            (48, &name),
            (126, "0"),
            (128, "0"),
        ]));
    }
    recs.push(rec(&[
        (1, "8001"),
        (5, iban),
        (40, ccy),
        (42, "0"),
        (43, "000000001000000"),
        (58, "300926"),
    ]));
    // Records 1, 2.x and 8 (not 0, not 9).
    let counted = recs.len() - 1;
    recs.push(rec(&[
        (1, "9"),
        (17, &format!("{counted:06}")),
        (23, &format!("{:015}", debit * 10)),
        (38, &format!("{:015}", credit * 10)),
        (128, "2"),
    ]));
    let mut s = recs.join("\r\n");
    s.push_str("\r\n");
    s
}

fn xml_cents_for_test(a: &str) -> i64 {
    parse::xml_cents(a).unwrap()
}

fn structured(amount: &'static str, day: &'static str, name: &str, comm: &str) -> Entry {
    Entry {
        structured: true,
        ..entry(amount, day, name, comm)
    }
}

// ---------------------------------------------------------------------------------------
// Payments

#[tokio::test]
async fn a_payment_moves_the_invoice_from_open_to_partial_paid_and_overpaid_and_back() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let s = fees_club(db, &w.club_a).await;
        let (id, _) = invoice(db, &s, 1, "Jan Peeters", 12_000, "open").await;
        let pay = |amount: i64, day: &str| NewPayment {
            invoice_id: id,
            amount_cents: amount,
            paid_on: Date::parse(day).unwrap(),
            method: Method::Cash,
            payer_name: String::new(),
            reference: String::new(),
            note: String::new(),
        };
        let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
        let a = apply_payment(&mut tx, pay(5_000, "2026-09-01"))
            .await
            .unwrap();
        assert_eq!((a.status.as_str(), a.outcome), ("partial", "partial"));
        let b = apply_payment(&mut tx, pay(7_000, "2026-09-05"))
            .await
            .unwrap();
        assert_eq!((b.status.as_str(), b.outcome), ("paid", "paid"));
        tx.commit().await.unwrap();
        assert_eq!(
            inv_state(db, &s, id).await,
            (12_000, "paid".into(), Some("2026-09-05".into()))
        );
        // Paid again: overpaid, shown as a double payment; the day it was paid stays.
        let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
        let c = apply_payment(&mut tx, pay(12_000, "2026-09-09"))
            .await
            .unwrap();
        assert_eq!((c.status.as_str(), c.outcome), ("overpaid", "double"));
        tx.commit().await.unwrap();
        assert_eq!(
            inv_state(db, &s, id).await,
            (24_000, "overpaid".into(), Some("2026-09-05".into()))
        );
        // Undone one by one: the invoice goes back.
        let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
        assert_eq!(unapply_payment(&mut tx, c.payment_id).await.unwrap(), id);
        tx.commit().await.unwrap();
        assert_eq!(
            inv_state(db, &s, id).await,
            (12_000, "paid".into(), Some("2026-09-05".into()))
        );
        let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
        unapply_payment(&mut tx, b.payment_id).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(inv_state(db, &s, id).await, (5_000, "partial".into(), None));
        let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
        unapply_payment(&mut tx, a.payment_id).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(inv_state(db, &s, id).await, (0, "open".into(), None));
        assert_eq!(count(db, &s, "payments").await, 0);

        // Refused: nothing positive, a draft, a cancelled or credited invoice, a credit note,
        // another club's invoice.
        let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
        let e = apply_payment(&mut tx, pay(0, "2026-09-01"))
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::BankErrAmountPositive);
        let e = apply_payment(&mut tx, pay(-5, "2026-09-01"))
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::BankErrAmountPositive);
        drop(tx);
        for (n, status) in [(2, "draft"), (3, "cancelled"), (4, "credited")] {
            let (other, _) = invoice(db, &s, n, "X", 100, status).await;
            let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
            let e = apply_payment(
                &mut tx,
                NewPayment {
                    invoice_id: other,
                    ..pay(100, "2026-09-01")
                },
            )
            .await
            .unwrap_err();
            assert_eq!(msg_of(&e), Msg::BankErrNotPayable, "{status}");
        }
        let sb = TenantScope::for_system_task(&SystemTask::background(), w.club_b.clone());
        let mut tx = db.tenant_write(&sb, &sys(), T0).await.unwrap();
        let e = apply_payment(&mut tx, pay(100, "2026-09-01"))
            .await
            .unwrap_err();
        assert_eq!(e, AppError::NotFound, "another club's invoice is not found");
    }
}

/// pay20: payments applied in one batch (the import's path) leave each invoice as the same
/// payments applied one by one would: in order, seeing each other, each refused one on its
/// own with nothing of it stored, every invoice updated with its stamp and version.
#[tokio::test]
async fn a_batch_of_payments_keeps_every_invoice_as_one_by_one() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let s = fees_club(db, &w.club_a).await;
        let (a, _) = invoice(db, &s, 1, "Jan Peeters", 12_000, "open").await;
        let (b, _) = invoice(db, &s, 2, "Els Maes", 10_000, "open").await;
        let (c, _) = invoice(db, &s, 3, "Cancelled", 5_000, "cancelled").await;
        let pay = |invoice_id: i64, amount: i64, day: &str| NewPayment {
            invoice_id,
            amount_cents: amount,
            paid_on: Date::parse(day).unwrap(),
            method: Method::Bank,
            payer_name: "Payer".into(),
            reference: String::new(),
            note: String::new(),
        };
        let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
        let out = apply_payments(
            &mut tx,
            vec![
                pay(a, 4_000, "2026-09-01"),
                pay(b, 10_000, "2026-09-02"),
                pay(a, 8_000, "2026-09-03"),
                pay(c, 5_000, "2026-09-03"),
                pay(a, 0, "2026-09-03"),
                pay(b, 1_000, "2026-09-04"),
                pay(ids::new_id(), 1_000, "2026-09-04"),
            ],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let seen: Vec<std::result::Result<(String, &str), String>> = out
            .iter()
            .map(|r| match r {
                Ok(x) => Ok((x.status.clone(), x.outcome)),
                Err(AppError::NotFound) => Err("not found".into()),
                Err(e) => Err(format!("{:?}", msg_of(e))),
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                Ok(("partial".to_string(), "partial")),
                Ok(("paid".to_string(), "paid")),
                Ok(("paid".to_string(), "paid")),
                Err(format!("{:?}", Msg::BankErrNotPayable)),
                Err(format!("{:?}", Msg::BankErrAmountPositive)),
                Ok(("overpaid".to_string(), "double")),
                Err("not found".into()),
            ]
        );
        assert_eq!(
            inv_state(db, &s, a).await,
            (12_000, "paid".into(), Some("2026-09-03".into()))
        );
        assert_eq!(
            inv_state(db, &s, b).await,
            (11_000, "overpaid".into(), Some("2026-09-02".into()))
        );
        assert_eq!(inv_state(db, &s, c).await, (0, "cancelled".into(), None));
        assert_eq!(count(db, &s, "payments").await, 4);
        // Each invoice written once, stamped, its version bumped once.
        let mut tx = db.tenant_read(&s).await.unwrap();
        let v: Vec<(i64, i64, Option<String>)> = tx
            .fetch_all(
                "SELECT id, version, updated_by_name FROM invoices WHERE tenant_id = $1 \
                 AND id IN ($2, $3, $4) ORDER BY number",
                args![a, b, c],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            v.iter().map(|r| r.1).collect::<Vec<_>>(),
            vec![2, 2, 1],
            "{v:?}"
        );
        assert_eq!(v[0].2, sys().stamp_name());
        // An empty batch writes nothing.
        let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
        assert!(apply_payments(&mut tx, vec![]).await.unwrap().is_empty());
        tx.commit().await.unwrap();
    }
}

#[tokio::test]
async fn payments_by_hand_are_recorded_and_removed_and_need_the_permission() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let s = fees_club(db, &w.club_a).await;
        let (id, comm) = invoice(db, &s, 7, "Els Maes", 9_000, "open").await;
        let form = |invoice: &str, amount: &str| ManualPaymentForm {
            club: "club-a".into(),
            invoice: invoice.into(),
            amount: amount.into(),
            paid_on: "2026-09-10".into(),
            method: "cash".into(),
            note: "<b>bar</b>".into(),
        };
        let a = record_manual_payment(db, &s, &sys(), T0, &form(&ogm_display(&comm), "40"))
            .await
            .unwrap();
        assert_eq!(a.status, "partial");
        record_manual_payment(db, &s, &sys(), T0, &form("2026-7", "50,00"))
            .await
            .unwrap();
        assert_eq!(inv_state(db, &s, id).await.1, "paid");
        let o = overview(db, &s, None).await.unwrap();
        assert_eq!(o.manual.len(), 2);
        assert_eq!(
            o.manual[0].note, "<b>bar</b>",
            "kept as text, escaped when shown"
        );
        // Bad input: each a field error, nothing recorded.
        for (f, field) in [
            (form("2026-99", "10"), "invoice"),
            (form("+++202/6000/00799+++", "10"), "invoice"),
            (form(&comm, "abc"), "amount"),
            (form(&comm, "0"), "amount"),
            (
                ManualPaymentForm {
                    paid_on: "31/09/2026".into(),
                    ..form(&comm, "1")
                },
                "paid_on",
            ),
            (
                ManualPaymentForm {
                    method: "bitcoin".into(),
                    ..form(&comm, "1")
                },
                "method",
            ),
        ] {
            match record_manual_payment(db, &s, &sys(), T0, &f)
                .await
                .unwrap_err()
            {
                AppError::Invalid(v) => assert_eq!(v[0].field, field),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(count(db, &s, "payments").await, 2);
        remove_manual_payment(db, &s, &sys(), T0, a.payment_id)
            .await
            .unwrap();
        assert_eq!(inv_state(db, &s, id).await, (5_000, "partial".into(), None));
        // A plain member has no fees.reconcile.
        let club = TenantKind::Club;
        let member = scope::resolve(db, &w.member_a, club, "club-a", T0)
            .await
            .unwrap();
        assert_eq!(
            record_manual_payment(db, &member, &w.member_a, T0, &form(&comm, "1"))
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            overview(db, &member, None).await.unwrap_err(),
            AppError::Forbidden
        );
    }
}

// ---------------------------------------------------------------------------------------
// Statements

#[test]
fn structured_communications_are_read_from_every_usual_spelling() {
    let good = ogm_digits(1_234_567_890);
    let shown = ogm_display(&good);
    assert_eq!(line_ogm(&shown, false), Ok(good.clone()));
    assert_eq!(line_ogm(&good, true), Ok(good.clone()));
    assert_eq!(
        line_ogm(&format!("lidgeld {shown} Emma"), false),
        Ok(good.clone())
    );
    assert_eq!(
        line_ogm(&format!("{shown} lidgeld"), false),
        Ok(good.clone())
    );
    assert_eq!(
        line_ogm(&format!("ref {good} thanks"), false),
        Ok(good.clone())
    );
    let mut bad = good.clone();
    bad.replace_range(11..12, if good.ends_with('0') { "1" } else { "0" });
    assert_eq!(line_ogm(&ogm_display(&bad), false), Err(true));
    assert_eq!(line_ogm(&bad, true), Err(true));
    assert_eq!(line_ogm(&bad, false), Err(true));
    // 12 digits inside free text with a wrong check: not a communication at all.
    assert_eq!(line_ogm(&format!("order {bad} x"), false), Err(false));
    assert_eq!(line_ogm("lidgeld Emma", false), Err(false));
    assert!(names_agree("JANSSENS-PEETERS MARC", "Marc Janssens"));
    assert!(names_agree("M. Van den Broeck", "Marie Van den Broeck"));
    assert!(names_agree("DUBOIS", "Sophie Dubois"));
    assert!(!names_agree("Jan Peeters", "Els Maes"));
    assert!(!names_agree("", "Els Maes"));
}

#[test]
fn both_formats_read_the_same_lines() {
    let c = ogm_digits(2_026_000_001);
    let lines = [
        structured("120.00", "2026-09-15", "Jan Peeters", &c),
        entry("35.5", "2026-09-16", "Els Maes", "lidgeld Emma"),
        Entry {
            credit: false,
            ..entry("10.00", "2026-09-16", "Bakkerij", "drank")
        },
    ];
    for st in [
        parse::parse(camt("02", CLUB_IBAN, "EUR", "S1", &lines).as_bytes()).unwrap(),
        parse::parse(camt("08", CLUB_IBAN, "EUR", "S1", &lines).as_bytes()).unwrap(),
        parse::parse(coda(CLUB_IBAN, "EUR", &lines).as_bytes()).unwrap(),
    ] {
        assert_eq!(
            st.accounts,
            vec![(CLUB_IBAN.to_string(), "EUR".to_string())]
        );
        assert_eq!(st.lines.len(), 3, "{:?}", st.format);
        assert_eq!(st.lines[0].amount_cents, 12_000);
        assert_eq!(st.lines[0].communication, c);
        assert!(st.lines[0].structured);
        assert_eq!(st.lines[0].counterparty_name, "Jan Peeters");
        assert_eq!(st.lines[0].counterparty_iban, PAYER_IBAN);
        assert_eq!(st.lines[1].amount_cents, 3_550);
        assert_eq!(st.lines[1].communication, "lidgeld Emma");
        assert_eq!(st.lines[1].booked_on.to_string(), "2026-09-16");
        assert_eq!(st.lines[2].amount_cents, -1_000);
    }
    let coda_text = coda(CLUB_IBAN, "EUR", &lines);
    assert_eq!(
        parse::parse(coda_text.as_bytes()).unwrap().format,
        Format::Coda
    );
    // A Latin-1 CODA file (as banks write them) reads too.
    let latin: Vec<u8> = coda(
        CLUB_IBAN,
        "EUR",
        &[entry("5.00", "2026-09-16", "Andre Dubois", "cafe")],
    )
    .replace("Andre", "Andr\u{e9}")
    .chars()
    .map(|c| c as u32 as u8)
    .collect();
    assert_eq!(
        parse::parse(&latin).unwrap().lines[0].counterparty_name,
        "André Dubois"
    );
}

#[test]
fn bad_files_are_refused_with_their_reason() {
    let c = ogm_digits(2_026_000_001);
    let lines = [structured("120.00", "2026-09-15", "Jan Peeters", &c)];
    let x = camt("02", CLUB_IBAN, "EUR", "S1", &lines);
    let k = coda(CLUB_IBAN, "EUR", &lines);
    let p = |b: &[u8]| parse::parse(b).unwrap_err();
    assert_eq!(p(b""), ParseError::Empty);
    assert_eq!(p(b" \n "), ParseError::Empty);
    assert_eq!(p(&x.as_bytes()[..x.len() / 2]), ParseError::Truncated);
    assert_eq!(p(&k.as_bytes()[..k.len() / 2]), ParseError::Truncated);
    // The CODA trailer cut off: no record 9.
    let no_trailer: String = k
        .lines()
        .filter(|l| !l.starts_with('9'))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(p(no_trailer.as_bytes()), ParseError::Truncated);
    // Movement records removed: the trailer's count does not add up.
    let fewer: String = k
        .lines()
        .filter(|l| !l.starts_with("22"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(p(fewer.as_bytes()), ParseError::Truncated);
    assert_eq!(
        p(b"date;amount;name\n2026-09-15;120;Jan\n"),
        ParseError::UnknownFormat
    );
    assert_eq!(p(b"%PDF-1.7\n"), ParseError::UnknownFormat);
    assert_eq!(
        p(b"<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>"),
        ParseError::UnknownFormat
    );
    assert_eq!(
        p(b"<html><body>statement</body></html>"),
        ParseError::UnknownFormat
    );
    // CODA version 1 (position 128 not 2).
    let v1 = k.replacen(
        &format!("{}2\r\n", &k[..127]),
        &format!("{}1\r\n", &k[..127]),
        1,
    );
    assert_eq!(p(v1.as_bytes()), ParseError::UnknownFormat);
    // An amount with a fraction of a cent, a sign, words.
    for bad in ["120.005", "-120.00", "12O.00", "1e3"] {
        let t = camt(
            "02",
            CLUB_IBAN,
            "EUR",
            "S1",
            &[structured(bad, "2026-09-15", "J", &c)],
        );
        assert!(matches!(p(t.as_bytes()), ParseError::Amount(_)), "{bad}");
    }
    let t = camt(
        "02",
        CLUB_IBAN,
        "EUR",
        "S1",
        &[structured("1.00", "2026-02-30", "J", &c)],
    );
    assert!(matches!(p(t.as_bytes()), ParseError::Date(_)));
    let t = camt("02", "BE00123", "EUR", "S1", &lines);
    assert!(matches!(p(t.as_bytes()), ParseError::Account(_)));
    // An entity bomb or a document type: refused before anything expands.
    let bomb = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">&b;</Document>";
    assert_eq!(p(bomb.as_bytes()), ParseError::UnknownFormat);
    let deep = format!(
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">{}{}</Document>",
        "<a>".repeat(10_000),
        "</a>".repeat(10_000)
    );
    assert!(matches!(p(deep.as_bytes()), ParseError::Malformed(_)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn no_input_makes_the_readers_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), cut in 0usize..4000, flip in 0usize..4000) {
        let _ = parse::parse(&bytes);
        let mut with_zero = b"0".to_vec();
        with_zero.extend(&bytes);
        let _ = parse::parse(&with_zero);
        let c = ogm_digits(2_026_000_001);
        let lines = [structured("120.00", "2026-09-15", "Jan Peeters", &c), entry("3.00", "2026-09-16", "Els", "x")];
        for f in [camt("08", CLUB_IBAN, "EUR", "S1", &lines), coda(CLUB_IBAN, "EUR", &lines)] {
            let b = f.as_bytes();
            let _ = parse::parse(&b[..cut.min(b.len())]);
            let mut changed = b.to_vec();
            let i = flip % changed.len();
            changed[i] = bytes.first().copied().unwrap_or(b'9');
            let _ = parse::parse(&changed);
        }
    }
}

#[tokio::test]
async fn a_statement_is_matched_by_communication_then_suggested_by_amount_and_name() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let s = fees_club(db, &w.club_a).await;
        let (paid, c_paid) = invoice(db, &s, 1, "Jan Peeters", 12_000, "open").await;
        let (part, c_part) = invoice(db, &s, 2, "Els Maes", 9_000, "open").await;
        let (twice, c_twice) = invoice(db, &s, 3, "Sophie Dubois", 5_000, "open").await;
        let (sugg, _) = invoice(db, &s, 4, "Marc Janssens", 7_500, "open").await;
        let (_, c_bad) = invoice(db, &s, 5, "Lotte Wouters", 4_000, "open").await;
        let mut wrong = c_bad.clone();
        wrong.replace_range(11..12, if c_bad.ends_with('0') { "1" } else { "0" });
        let hostile = "<script>alert(1)</script> Peeters";
        let entries = vec![
            structured("120.00", "2026-09-15", "J. Peeters", &c_paid),
            entry(
                "40.00",
                "2026-09-15",
                "MAES-GOOSSENS E",
                &ogm_display(&c_part),
            ),
            structured("50.00", "2026-09-16", "Dubois", &c_twice),
            structured("50.00", "2026-09-17", "Dubois", &c_twice),
            entry("75.00", "2026-09-17", "JANSSENS MARC", "lidgeld Lars"),
            entry("40.00", "2026-09-18", "Wouters", &ogm_display(&wrong)),
            entry("12.00", "2026-09-18", hostile, "\u{202e}gift"),
            Entry {
                credit: false,
                ..entry("30.00", "2026-09-18", "Sporthal", "huur")
            },
        ];
        let file = camt("08", CLUB_IBAN, "EUR", "2026-09", &entries);
        let out = import_statement(db, &s, &sys(), T0, "../sept.xml", file.as_bytes())
            .await
            .unwrap();
        assert!(!out.already);
        assert_eq!((out.lines_total, out.lines_new), (8, 8));
        assert_eq!((out.matched, out.suggested, out.unmatched), (4, 1, 2));
        assert_eq!(
            inv_state(db, &s, paid).await,
            (12_000, "paid".into(), Some("2026-09-15".into()))
        );
        assert_eq!(
            inv_state(db, &s, part).await,
            (4_000, "partial".into(), None)
        );
        assert_eq!(
            inv_state(db, &s, twice).await,
            (10_000, "overpaid".into(), Some("2026-09-16".into()))
        );
        assert_eq!(
            inv_state(db, &s, sugg).await,
            (0, "open".into(), None),
            "a suggestion waits"
        );
        let o = overview(db, &s, Some(out.statement_id)).await.unwrap();
        let (row, lines) = o.statement.clone().unwrap();
        assert_eq!(row.file_name, "sept.xml");
        assert_eq!(lines.len(), 8);
        let by_name = |n: &str, amount: i64| {
            lines
                .iter()
                .find(|l| l.counterparty_name == n && l.amount_cents == amount)
                .unwrap_or_else(|| panic!("{n}"))
                .clone()
        };
        assert_eq!(by_name("Dubois", 5_000).outcome.as_deref(), Some("paid"));
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.outcome.as_deref() == Some("double"))
                .count(),
            1,
            "the second payment shows as double"
        );
        assert_eq!(
            by_name("MAES-GOOSSENS E", 4_000).outcome.as_deref(),
            Some("partial")
        );
        let bad = by_name("Wouters", 4_000);
        assert_eq!((bad.state.as_str(), bad.ogm_invalid), ("unmatched", true));
        let h = by_name(hostile, 1_200);
        assert_eq!(h.state, "unmatched");
        assert_eq!(h.communication, "gift", "direction marks are dropped");
        assert_eq!(by_name("Sporthal", -3_000).state, "debit");
        let s_line = by_name("JANSSENS MARC", 7_500);
        assert_eq!(s_line.state, "suggested");
        assert_eq!(s_line.invoice.as_ref().unwrap().id, sugg);
        // The queue: the suggestion and the two unmatched lines, not the matched or debit.
        assert_eq!(o.queue.len(), 3);

        // Confirming the suggestion pays the invoice; confirming twice is refused.
        let a = confirm_line(db, &s, &sys(), T0, s_line.id).await.unwrap();
        assert_eq!(a.status, "paid");
        assert_eq!(
            msg_of(
                &confirm_line(db, &s, &sys(), T0, s_line.id)
                    .await
                    .unwrap_err()
            ),
            Msg::BankErrLineHandled
        );
        // The wrong check digit line assigned by hand by the invoice's number.
        assign_line(db, &s, &sys(), T0, bad.id, "2026-5")
            .await
            .unwrap();
        // The hostile line set aside, then back in the queue.
        set_aside_line(db, &s, &sys(), T0, h.id).await.unwrap();
        assert_eq!(overview(db, &s, None).await.unwrap().queue.len(), 0);
        release_line(db, &s, &sys(), T0, h.id).await.unwrap();
        assert_eq!(overview(db, &s, None).await.unwrap().queue.len(), 1);
        // A wrong match undone: the invoice goes back, the line waits again.
        let first = by_name("J. Peeters", 12_000);
        release_line(db, &s, &sys(), T0, first.id).await.unwrap();
        assert_eq!(inv_state(db, &s, paid).await, (0, "open".into(), None));
        assert_eq!(overview(db, &s, None).await.unwrap().queue.len(), 2);
        assign_line(db, &s, &sys(), T0, first.id, &c_paid)
            .await
            .unwrap();
        assert_eq!(inv_state(db, &s, paid).await.1, "paid");
        // A debit line is never assigned; another club's line is not found.
        let debit = by_name("Sporthal", -3_000);
        assert_eq!(
            msg_of(
                &assign_line(db, &s, &sys(), T0, debit.id, &c_part)
                    .await
                    .unwrap_err()
            ),
            Msg::BankErrLineHandled
        );
        let sb = fees_club(db, &w.club_b).await;
        assert_eq!(
            set_aside_line(db, &sb, &sys(), T0, h.id).await.unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            overview(db, &sb, Some(out.statement_id)).await.unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            assign_line(db, &sb, &sys(), T0, h.id, &c_part)
                .await
                .unwrap_err(),
            AppError::NotFound
        );
    }
}

#[tokio::test]
async fn importing_the_same_lines_twice_changes_nothing() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let s = fees_club(db, &w.club_a).await;
        let (id, c) = invoice(db, &s, 1, "Jan Peeters", 12_000, "open").await;
        let (id2, c2) = invoice(db, &s, 2, "Els Maes", 6_000, "open").await;
        let e1 = structured("60.00", "2026-09-15", "Jan Peeters", &c);
        // The same person paying the same amount twice the same day: two lines, both kept.
        let lines = vec![e1.clone(), e1.clone()];
        let file = camt("02", CLUB_IBAN, "EUR", "A", &lines);
        let a = import_statement(db, &s, &sys(), T0, "a.xml", file.as_bytes())
            .await
            .unwrap();
        assert_eq!((a.lines_new, a.matched), (2, 2));
        assert_eq!(inv_state(db, &s, id).await.1, "paid");
        // The same file again: nothing.
        let again = import_statement(db, &s, &sys(), T0, "a.xml", file.as_bytes())
            .await
            .unwrap();
        assert!(again.already);
        assert_eq!(again.statement_id, a.statement_id);
        // Another file (another statement id and header) holding the same two lines and a
        // new one: only the new one counts.
        let mut more = lines.clone();
        more.push(structured("60.00", "2026-09-20", "Els Maes", &c2));
        let file2 = camt("02", CLUB_IBAN, "EUR", "B", &more);
        let b = import_statement(db, &s, &sys(), T0, "b.xml", file2.as_bytes())
            .await
            .unwrap();
        assert!(!b.already);
        assert_eq!((b.lines_total, b.lines_new, b.matched), (3, 1, 1));
        assert_eq!(
            inv_state(db, &s, id).await,
            (12_000, "paid".into(), Some("2026-09-15".into()))
        );
        assert_eq!(inv_state(db, &s, id2).await.1, "paid");
        assert_eq!(count(db, &s, "payments").await, 3);
        assert_eq!(count(db, &s, "bank_lines").await, 3);
        // The same lines in CODA, with the bank's references, then again: nothing twice.
        let (id3, c3) = invoice(db, &s, 3, "Sophie Dubois", 2_500, "open").await;
        let k = coda(
            CLUB_IBAN,
            "EUR",
            &[structured("25.00", "2026-09-21", "DUBOIS SOPHIE", &c3)],
        );
        let first = import_statement(db, &s, &sys(), T0, "s.cod", k.as_bytes())
            .await
            .unwrap();
        assert_eq!((first.lines_new, first.matched), (1, 1));
        let again = import_statement(db, &s, &sys(), T0, "s-copy.cod", k.as_bytes())
            .await
            .unwrap();
        assert!(again.already);
        // The same statement downloaded another day (another creation date in record 0).
        let k2 = k.replacen("300926", "011026", 1);
        assert_ne!(k, k2);
        let second = import_statement(db, &s, &sys(), T0, "s2.cod", k2.as_bytes())
            .await
            .unwrap();
        assert!(!second.already);
        assert_eq!((second.lines_new, second.matched), (0, 0));
        assert_eq!(inv_state(db, &s, id3).await.0, 2_500);
    }
}

#[tokio::test]
async fn a_refused_statement_stores_nothing_and_says_why() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let s = fees_club(db, &w.club_a).await;
        let (_, c) = invoice(db, &s, 1, "Jan Peeters", 12_000, "open").await;
        let ok = [structured("120.00", "2026-09-15", "Jan Peeters", &c)];
        let full = camt("02", CLUB_IBAN, "EUR", "S", &ok);
        let cases: Vec<(Vec<u8>, Msg)> = vec![
            (
                full.as_bytes()[..full.len() - 40].to_vec(),
                Msg::BankErrTruncated,
            ),
            (
                b"Datum;Bedrag\n15/09/2026;120,00\n".to_vec(),
                Msg::BankErrFormat,
            ),
            (
                camt("02", OTHER_IBAN, "EUR", "S", &ok).into_bytes(),
                Msg::BankErrOtherAccount,
            ),
            (
                coda(OTHER_IBAN, "EUR", &ok).into_bytes(),
                Msg::BankErrOtherAccount,
            ),
            (
                camt("02", CLUB_IBAN, "USD", "S", &ok).into_bytes(),
                Msg::BankErrCurrency,
            ),
            (
                coda(CLUB_IBAN, "GBP", &ok).into_bytes(),
                Msg::BankErrCurrency,
            ),
            (
                camt(
                    "02",
                    CLUB_IBAN,
                    "EUR",
                    "S",
                    &[structured("120.00", "2024-09-15", "J", &c)],
                )
                .into_bytes(),
                Msg::BankErrOutsideSeason,
            ),
            (
                camt(
                    "02",
                    CLUB_IBAN,
                    "EUR",
                    "S",
                    &[structured("120,00", "2026-09-15", "J", &c)],
                )
                .into_bytes(),
                Msg::BankErrAmount,
            ),
        ];
        for (data, want) in cases {
            let e = import_statement(db, &s, &sys(), T0, "x", &data)
                .await
                .unwrap_err();
            assert_eq!(
                e.status(),
                if want == Msg::BankErrNoIban { 409 } else { 400 }
            );
            assert_eq!(msg_of(&e), want);
            for lang in [Lang::En, Lang::Nl, Lang::Fr] {
                assert!(!e.text(lang).contains('{'), "{}", e.text(lang));
            }
        }
        let e = import_statement(
            db,
            &s,
            &sys(),
            T0,
            "x",
            camt("02", OTHER_IBAN, "EUR", "S", &ok).as_bytes(),
        )
        .await
        .unwrap_err();
        assert!(
            e.text(Lang::En).contains("BE71 0961 2345 6769"),
            "{}",
            e.text(Lang::En)
        );
        assert_eq!(count(db, &s, "bank_statements").await, 0);
        assert_eq!(count(db, &s, "bank_lines").await, 0);
        assert_eq!(count(db, &s, "payments").await, 0);
        // A club without its account set: told to set it first.
        let sb = TenantScope::for_system_task(&SystemTask::background(), w.club_b.clone());
        crate::module_settings::switch(db, &sb, &sys(), T0, "fees", true)
            .await
            .unwrap();
        let e = import_statement(db, &sb, &sys(), T0, "x", full.as_bytes())
            .await
            .unwrap_err();
        assert_eq!(msg_of(&e), Msg::BankErrNoIban);
        // And the import needs fees.reconcile.
        let member = scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        assert_eq!(
            import_statement(db, &member, &w.member_a, T0, "x", full.as_bytes())
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
    }
}

use tessera_common::money::ogm_display;

// ---------------------------------------------------------------------------------------
// The register's filter "unpaid this season"

#[tokio::test]
async fn the_register_filters_the_members_unpaid_this_season() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let s = fees_club(db, &w.club_a).await;
        let mut ids = Vec::new();
        for given in ["Anna", "Bert", "Chris", "Dirk", "Eva"] {
            let id = crate::members::create(
                db,
                &s,
                &sys(),
                T0,
                crate::members::NewMember {
                    given_name: given.into(),
                    family_name: "Unpaid".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            ids.push(id);
        }
        // Anna open, Bert paid, Chris partly paid (all this season); Dirk open in the past
        // season; Eva has no invoice.
        for (n, (member, status, season)) in [
            (ids[0], "open", 2i64),
            (ids[1], "paid", 2),
            (ids[2], "partial", 2),
            (ids[3], "open", 1),
        ]
        .into_iter()
        .enumerate()
        {
            let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
            tx.insert(
                "invoices",
                vec![
                    ("id", ids::new_id().into()),
                    ("year", 2026i64.into()),
                    ("number", (100 + n as i64).into()),
                    ("season_id", season.into()),
                    ("member_id", member.into()),
                    ("payer_name", "X".into()),
                    ("communication", ogm_digits(5_000 + n as u64).into()),
                    ("total_cents", 100i64.into()),
                    ("status", status.into()),
                    ("issued_on", "2026-08-01".into()),
                    ("due_on", "2026-08-31".into()),
                    ("created_at", T0.into()),
                ],
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        }
        let list = |unpaid: &str| {
            let f = tessera_common::dto::MemberFilter {
                query: "Unpaid".into(),
                unpaid: unpaid.into(),
                ..Default::default()
            };
            let s = s.clone();
            async move { crate::members::list_filtered(db, &s, &f, 1).await }
        };
        let all = list("").await.unwrap();
        assert_eq!(all.total, 5);
        assert!(all.can_see_fees);
        let p = list("1").await.unwrap();
        let names: Vec<&str> = p.rows.iter().map(|r| r.given_name.as_str()).collect();
        assert_eq!(names, vec!["Anna", "Chris"]);
        assert_eq!(p.total, 2);
        assert_eq!(p.filter.unpaid, "1");
        // Without a search too (the count is not the tallies then).
        let f = tessera_common::dto::MemberFilter {
            unpaid: "1".into(),
            ..Default::default()
        };
        assert_eq!(
            crate::members::list_filtered(db, &s, &f, 1)
                .await
                .unwrap()
                .total,
            2
        );
        // The member page's status: Anna unpaid, Bert paid, Dirk's open invoice is of the
        // past season; another club's member is not found.
        let anna = member_payments(db, &s, ids[0]).await.unwrap();
        assert!(anna.unpaid_this_season);
        assert_eq!(anna.invoices.len(), 1);
        assert!(
            !member_payments(db, &s, ids[1])
                .await
                .unwrap()
                .unpaid_this_season
        );
        let dirk = member_payments(db, &s, ids[3]).await.unwrap();
        assert!(!dirk.unpaid_this_season);
        assert_eq!(dirk.invoices[0].status, "open");
        let sb = fees_club(db, &w.club_b).await;
        assert_eq!(
            member_payments(db, &sb, ids[0]).await.unwrap_err(),
            AppError::NotFound
        );
    }
}

/// The figure of the benchmark by hand (`cargo nextest run -p tessera_core --run-ignored
/// only reconcile_10000`): a CAMT.053 of 10,000 lines, each paying one of 10,000 open
/// invoices by its structured communication, imported and matched; then the same file
/// again. Prints the times on each database.
#[tokio::test]
#[ignore = "a measurement: run by hand"]
#[allow(
    clippy::disallowed_methods,
    reason = "a measurement reads the wall clock"
)]
async fn reconcile_10000_lines_timing() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let s = fees_club(db, &w.club_a).await;
        let mut rows = Vec::new();
        let mut entries = Vec::new();
        for n in 0..10_000i64 {
            let comm = ogm_digits(3_000_000_000 + n as u64);
            rows.push(vec![
                ("id", ids::new_id().into()),
                ("year", 2026i64.into()),
                ("number", (n + 1).into()),
                ("season_id", 2i64.into()),
                ("payer_name", format!("Payer {n}").into()),
                ("communication", comm.clone().into()),
                ("total_cents", 5_000i64.into()),
                ("status", "open".into()),
                ("issued_on", "2026-08-01".into()),
                ("due_on", "2026-08-31".into()),
                ("created_at", T0.into()),
            ]);
            entries.push(Entry {
                bank_ref: format!("B{n}"),
                ..structured("50.00", "2026-09-15", &format!("PAYER {n}"), &comm)
            });
        }
        let mut tx = db.tenant_write(&s, &sys(), T0).await.unwrap();
        tx.insert_many("invoices", rows).await.unwrap();
        tx.commit().await.unwrap();
        let file = camt("08", CLUB_IBAN, "EUR", "BENCH", &entries);
        let t0 = std::time::Instant::now();
        let out = import_statement(db, &s, &sys(), T0, "bench.xml", file.as_bytes())
            .await
            .unwrap();
        let first = t0.elapsed();
        assert_eq!(out.matched, 10_000);
        let t1 = std::time::Instant::now();
        let again = import_statement(db, &s, &sys(), T0, "bench.xml", file.as_bytes())
            .await
            .unwrap();
        assert!(again.already);
        let second = t1.elapsed();
        println!(
            "FIGURE {:?}: CAMT.053 10,000 lines ({} KiB) imported and matched in {:.2} s; again in {:.3} s",
            t.backend(),
            file.len() / 1024,
            first.as_secs_f64(),
            second.as_secs_f64()
        );
    }
}
