//! Reconciliation over HTTP, on SQLite and PostgreSQL: the statement upload (its own body
//! limit, refusals back on the bank page with the reason and nothing stored, 403 without
//! fees.reconcile, 404 for another club), the bank page (hostile payer names and
//! communications echoed escaped), re-importing the same file, and the queue's forms.

use super::*;
use tessera_common::money::ogm_digits;
use tessera_core::identities;
use tessera_core::roles::{self, RoleInput};

pub(super) const CLUB_IBAN: &str = "BE68539007547034";
const OTHER_IBAN: &str = "BE71096123456769";

/// Club A's system scope, with its account set (kept when the seed set one) and a season
/// covering September 2026; returns the scope and the account.
pub(super) async fn fees_ready(s: &Server) -> (tessera_core::scope::TenantScope, String) {
    let db = &s.db.db;
    let sys = tessera_core::scope::Actor::system("test");
    let now = s.shared.clock.now();
    let club = tessera_core::tenants::find_by_slug(db, TenantKind::Club, CLUB_A)
        .await
        .unwrap()
        .unwrap();
    let scope = tessera_core::scope::TenantScope::for_system_task(
        &tessera_core::jobs::SystemTask::command_line(),
        club,
    );
    let mut tx = db.tenant_write(&scope, &sys, now).await.unwrap();
    let iban: Option<(Option<String>,)> = tx
        .fetch_optional(
            "SELECT iban FROM fee_settings WHERE tenant_id = $1",
            tessera_core::args![],
        )
        .await
        .unwrap();
    let iban = match iban {
        Some((Some(i),)) if !i.is_empty() => i,
        Some(_) => {
            tx.execute(
                "UPDATE fee_settings SET iban = $2 WHERE tenant_id = $1",
                tessera_core::args![CLUB_IBAN],
            )
            .await
            .unwrap();
            CLUB_IBAN.to_string()
        }
        None => {
            tx.insert("fee_settings", vec![("iban", CLUB_IBAN.into())])
                .await
                .unwrap();
            CLUB_IBAN.to_string()
        }
    };
    let (covered,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM seasons WHERE tenant_id = $1 AND starts_on <= '2026-09-01' \
             AND ends_on >= '2026-09-30'",
            tessera_core::args![],
        )
        .await
        .unwrap();
    if covered == 0 {
        tx.insert(
            "seasons",
            vec![
                ("id", tessera_core::ids::new_id().into()),
                (
                    "name",
                    format!("Harness {}", tessera_core::ids::new_id()).into(),
                ),
                ("starts_on", "2026-07-01".into()),
                ("ends_on", "2027-06-30".into()),
                ("created_at", now.into()),
            ],
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    (scope, iban)
}

/// An open invoice of club A (a plain insert: the table is the contract); returns its id,
/// its number as `year-number` and its structured communication's 12 digits.
pub(super) async fn open_invoice(
    s: &Server,
    scope: &tessera_core::scope::TenantScope,
    payer: &str,
    total: i64,
) -> (i64, String, String) {
    let db = &s.db.db;
    let sys = tessera_core::scope::Actor::system("test");
    let now = s.shared.clock.now();
    let id = tessera_core::ids::new_id();
    let number = id.rem_euclid(1_000_000_000);
    let comm = ogm_digits(id.unsigned_abs());
    let mut tx = db.tenant_write(scope, &sys, now).await.unwrap();
    tx.insert(
        "invoices",
        vec![
            ("id", id.into()),
            ("kind", "invoice".into()),
            ("year", 2098i64.into()),
            ("number", number.into()),
            ("payer_name", payer.into()),
            ("communication", comm.clone().into()),
            ("total_cents", total.into()),
            ("status", "open".into()),
            ("issued_on", "2026-08-01".into()),
            ("due_on", "2026-08-31".into()),
            ("created_at", now.into()),
        ],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (id, format!("2098-{number}"), comm)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A CAMT.053.001.02 statement of `iban` with credit lines (amount, day, payer name,
/// communication: structured when it is 12 digits).
pub(super) fn camt(iban: &str, stmt: &str, lines: &[(&str, &str, &str, &str)]) -> String {
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\
         <BkToCstmrStmt><GrpHdr><MsgId>{stmt}</MsgId><CreDtTm>2026-09-30T18:00:00</CreDtTm></GrpHdr><Stmt><Id>{stmt}</Id>\
         <Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>"
    );
    for (amount, day, name, comm) in lines {
        let rmt = if comm.len() == 12 && comm.bytes().all(|b| b.is_ascii_digit()) {
            format!("<Strd><CdtrRefInf><Ref>{comm}</Ref></CdtrRefInf></Strd>")
        } else {
            format!("<Ustrd>{}</Ustrd>", esc(comm))
        };
        x.push_str(&format!(
            "<Ntry><Amt Ccy=\"EUR\">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>\
             <BookgDt><Dt>{day}</Dt></BookgDt><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>{}</Nm></Dbtr>\
             <DbtrAcct><Id><IBAN>BE62510007547061</IBAN></Id></DbtrAcct></RltdPties><RmtInf>{rmt}</RmtInf>\
             </TxDtls></NtryDtls></Ntry>",
            esc(name)
        ));
    }
    x.push_str("</Stmt></BkToCstmrStmt></Document>");
    x
}

/// What the harness's fixture needs of reconciliation in club A: a statement
/// (`bank_statement`) with a suggested line (`bank_suggested`), two unmatched ones
/// (`bank_unmatched`, `bank_unmatched2`) and a matched one (`bank_matched`); an open
/// invoice to assign to (`bank_invoice`, its number) and a cash payment (`bank_payment`).
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    use tessera_core::reconcile;
    let db = &s.db.db;
    let sys = tessera_core::scope::Actor::system("test");
    let now = s.shared.clock.now();
    let (scope, iban) = fees_ready(s).await;
    let tag = tessera_core::ids::new_id().rem_euclid(100_000);
    let (_, _, matched_comm) = open_invoice(s, &scope, "Harness Matched", 1_000).await;
    let suggested_name = format!("Harness Suggested{tag}");
    open_invoice(s, &scope, &suggested_name, 1_234 + tag).await;
    let (_, assign_to, _) = open_invoice(s, &scope, "Harness Assign", 5_000).await;
    let amount = |c: i64| format!("{}.{:02}", c / 100, c % 100);
    let file = camt(
        &iban,
        &format!("harness-{tag}"),
        &[
            ("10.00", "2026-09-15", "Harness Matched", &matched_comm),
            (&amount(1_234 + tag), "2026-09-15", &suggested_name, "fee"),
            ("3.00", "2026-09-15", "Nobody Known", &format!("gift {tag}")),
            (
                "4.00",
                "2026-09-15",
                "Nobody Known",
                &format!("other {tag}"),
            ),
        ],
    );
    let out = reconcile::import_statement(db, &scope, &sys, now, "harness.xml", file.as_bytes())
        .await
        .unwrap();
    assert_eq!((out.matched, out.suggested, out.unmatched), (1, 1, 2));
    let o = reconcile::overview(db, &scope, Some(out.statement_id))
        .await
        .unwrap();
    let lines = o.statement.unwrap().1;
    let find = |state: &str, cents: i64| {
        lines
            .iter()
            .find(|l| l.state == state && l.amount_cents == cents)
            .expect("the harness's line")
            .id
            .to_string()
    };
    let paid = reconcile::record_manual_payment(
        db,
        &scope,
        &sys,
        now,
        &tessera_common::reconcile::ManualPaymentForm {
            club: CLUB_A.into(),
            invoice: assign_to.clone(),
            amount: "1".into(),
            paid_on: "2026-09-16".into(),
            method: "cash".into(),
            note: String::new(),
        },
    )
    .await
    .unwrap();
    vec![
        ("bank_statement", out.statement_id.to_string()),
        ("bank_matched", find("matched", 1_000)),
        ("bank_suggested", find("suggested", 1_234 + tag)),
        ("bank_unmatched", find("unmatched", 300)),
        ("bank_unmatched2", find("unmatched", 400)),
        ("bank_invoice", assign_to),
        ("bank_payment", paid.payment_id.to_string()),
    ]
}

/// The treasurer of club A: a person with only fees.reconcile (and members.view to reach
/// the club).
async fn treasurer(s: &Server, scope: &tessera_core::scope::TenantScope) -> Client {
    let db = &s.db.db;
    let sys = tessera_core::scope::Actor::system("test");
    let now = s.shared.clock.now();
    let email = "treasurer.probe@example.be";
    let id = identities::create(db, &sys, now, email, "Tina Treasurer", Some(PW.into()))
        .await
        .unwrap();
    let membership = identities::add_membership(db, scope, &sys, now, id, None)
        .await
        .unwrap();
    let role = roles::create(
        db,
        scope,
        &sys,
        now,
        RoleInput {
            name: "Treasurer probe".into(),
            staff: false,
            permissions: vec!["fees.reconcile".into()],
        },
    )
    .await
    .unwrap();
    roles::assign(db, scope, &sys, now, membership, &[role])
        .await
        .unwrap();
    let mut c = Client::new(s);
    c.sign_in(email).await;
    c
}

#[tokio::test]
async fn the_treasurer_imports_a_statement_and_sees_the_member_paid() {
    for s in servers().await {
        let (scope, iban) = fees_ready(&s).await;
        let (inv, _, comm) = open_invoice(&s, &scope, "Lotte Peeters", 12_500).await;
        let hostile = "<img src=x onerror=alert(1)>Peeters";
        let file = camt(
            &iban,
            "sept",
            &[
                ("125.00", "2026-09-15", "PEETERS LOTTE", &comm),
                ("7.00", "2026-09-16", hostile, "<script>alert(2)</script>"),
            ],
        );
        let mut c = treasurer(&s, &scope).await;
        let path = format!("/c/{CLUB_A}/fees/bank/import");
        let r = c.upload(&path, "file", "sept.xml", file.as_bytes()).await;
        assert_eq!(r.status, 303, "{}", r.body);
        let to = r.header("location").unwrap().to_string();
        assert!(to.contains("done=imported"), "{to}");
        let page = c.get(&to).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("data-state=\"matched\""),
            "{}",
            page.body
        );
        assert!(page.body.contains("PEETERS LOTTE"));
        assert!(
            !page.body.contains("<img src=x"),
            "a payer name is echoed escaped"
        );
        assert!(!page.body.contains("<script>alert(2)"));
        assert!(page
            .body
            .contains("&lt;img src=x onerror=alert(1)&gt;Peeters"));
        let (paid, status): (i64, String) = {
            let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
            let r = tx
                .fetch_one(
                    "SELECT paid_cents, status FROM invoices WHERE tenant_id = $1 AND id = $2",
                    tessera_core::args![inv],
                )
                .await
                .unwrap();
            tx.commit().await.unwrap();
            r
        };
        assert_eq!((paid, status.as_str()), (12_500, "paid"));
        // The same file again: nothing changes, and the page says so.
        let r = c.upload(&path, "file", "sept.xml", file.as_bytes()).await;
        assert_eq!(r.status, 303);
        assert!(r.header("location").unwrap().contains("done=already"));
        // Refused files come back to the bank page with the reason; nothing stored.
        let count = |s: &Server| {
            let db = s.db.db.clone();
            let scope = scope.clone();
            async move {
                let mut tx = db.tenant_read(&scope).await.unwrap();
                let (n,): (i64,) = tx
                    .fetch_one(
                        "SELECT count(*) FROM bank_statements WHERE tenant_id = $1",
                        tessera_core::args![],
                    )
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                n
            }
        };
        let before = count(&s).await;
        for (data, says) in [
            (
                camt(OTHER_IBAN, "x", &[("1.00", "2026-09-15", "A", "b")]),
                "BE71 0961 2345 6769",
            ),
            (file[..file.len() / 2].to_string(), "afgebroken"),
            ("a;b;c\n1;2;3\n".to_string(), "CAMT.053"),
            (
                camt(&iban, "x", &[("1.00", "2019-09-15", "A", "b")]),
                "buiten elk seizoen",
            ),
        ] {
            let r = c.upload(&path, "file", "x.xml", data.as_bytes()).await;
            assert_eq!(r.status, 303, "{}", r.body);
            let to = r.header("location").unwrap().to_string();
            assert!(to.contains("file_error="), "{to}");
            let page = c.get(&to).await;
            assert_eq!(page.status, 400);
            assert!(page.body.contains(says), "{says}: {}", page.body);
        }
        assert_eq!(count(&s).await, before);
        // Over the route's limit: refused while reading, said as too large.
        let big = vec![b'<'; tessera_core::reconcile::parse::MAX_BYTES + 10];
        let r = c.upload(&path, "file", "big.xml", &big).await;
        assert!(matches!(r.status, 303 | 413), "{}", r.status);
        assert_eq!(count(&s).await, before);
        // Without fees.reconcile: 403; another club's admin: 404; nothing stored.
        let mut member = Client::new(&s);
        member.sign_in(&account("member.kempenvlug")).await;
        let r = member
            .upload(&path, "file", "sept.xml", file.as_bytes())
            .await;
        assert_eq!(r.status, 403);
        let mut other = Client::new(&s);
        other.sign_in(&account("admin.confluent")).await;
        let r = other
            .upload(&path, "file", "sept.xml", file.as_bytes())
            .await;
        assert_eq!(r.status, 404);
        assert_eq!(count(&s).await, before);
        let r = member.get(&format!("/c/{CLUB_A}/fees/bank")).await;
        assert_eq!(r.status, 403);
    }
}

#[tokio::test]
async fn the_queue_is_worked_through_plain_forms() {
    for s in servers().await {
        let (scope, iban) = fees_ready(&s).await;
        let (_, number, _) = open_invoice(&s, &scope, "Jonas Wouters", 4_000).await;
        let file = camt(
            &iban,
            "q",
            &[("40.00", "2026-09-18", "J. W.", "lidgeld Jonas")],
        );
        let mut c = treasurer(&s, &scope).await;
        let r = c
            .upload(
                &format!("/c/{CLUB_A}/fees/bank/import"),
                "file",
                "q.xml",
                file.as_bytes(),
            )
            .await;
        let to = r.header("location").unwrap().to_string();
        let page = c.get(&to).await;
        let line = page
            .body
            .split("name=\"id\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a line's form")
            .to_string();
        // A wrong number: back with the reason; then the right one.
        let from = format!("/c/{CLUB_A}/fees/bank");
        let r = form_post(
            &mut c,
            "assign_bank_line",
            &from,
            &format!("club={CLUB_A}&id={line}&invoice=2098-0&statement="),
        )
        .await;
        assert!(matches!(r.status, 302 | 303), "{}", r.status);
        let back = c.get(r.header("location").unwrap()).await;
        assert_eq!(back.status, 400);
        assert!(back
            .body
            .contains("geen factuur met deze gestructureerde mededeling"));
        let r = form_post(
            &mut c,
            "assign_bank_line",
            &from,
            &format!("club={CLUB_A}&id={line}&invoice={number}&statement="),
        )
        .await;
        assert!(matches!(r.status, 302 | 303), "{}", r.status);
        let page = c.get(r.header("location").unwrap()).await;
        assert_eq!(page.status, 200);
        // The line left the queue (the demo's own queued lines stay).
        assert!(
            !page.body.contains(&format!("name=\"id\" value=\"{line}\"")),
            "{}",
            page.body
        );
        let mut tx = s.db.db.tenant_read(&scope).await.unwrap();
        let (state,): (String,) = tx
            .fetch_one(
                "SELECT state FROM bank_lines WHERE tenant_id = $1 AND id = $2",
                tessera_core::args![line.parse::<i64>().unwrap()],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(state, "matched");
    }
}
