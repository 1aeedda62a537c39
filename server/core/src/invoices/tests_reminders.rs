//! Payment reminders on an injected clock, on SQLite and PostgreSQL: due after N days and
//! not before, each step once, paid and credited invoices skipped, a partly paid one
//! reminded of what is left, the payer's language, the reminder by hand, the overdue list,
//! hostile text escaped in the mail's HTML, another club's invoices out of reach.

use super::reminders::{overdue, save_settings, send_due, send_now, settings};
use super::tests::{fees_on, member, priced_season};
use super::{credit, generate, of_season, send, Selection};
use crate::db::Db;
use crate::jobs::SystemTask;
use crate::reconcile::{apply_payment, Method, NewPayment};
use crate::scope::{Actor, TenantScope};
use crate::testing;
use crate::tests::{world, T0};
use tessera_common::dto::TenantKind;
use tessera_common::invoices::*;
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, Lang, MemberId, Msg};

const DAY: i64 = 86_400;

fn outbox() -> (crate::mail::Mailer, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("tessera-rem-{}", crate::ids::new_id()));
    (
        crate::mail::Mailer::outbox(dir.clone(), "Tessera <t@tessera.test>").unwrap(),
        dir,
    )
}

/// Quoted-printable undone (soft line breaks, `=XX`), so the tests read the text.
fn unqp(s: &str) -> String {
    let s = s.replace("=\r\n", "").replace("=\n", "");
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn mails(dir: &std::path::Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .map(|e| unqp(&std::fs::read_to_string(e.unwrap().path()).unwrap()))
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn msg_of(e: &AppError) -> Msg {
    match e {
        AppError::Invalid(v) => v[0].problem.msg,
        AppError::BadRequest(p) | AppError::Conflict(p) => p.msg,
        other => panic!("unexpected {other:?}"),
    }
}

/// The instant `days` after T0.
fn at(days: i64) -> Timestamp {
    T0.plus_seconds(days * DAY)
}

struct Setup {
    a: TenantScope,
    sys: TenantScope,
    /// Unpaid, Dutch (the club's language).
    open: i64,
    /// Partly paid (€ 40 of € 150), French through the payer's account.
    partial: i64,
    /// Paid in full.
    paid: i64,
    /// Credited after sending.
    credited: i64,
    due: Date,
}

async fn setup(db: &Db, w: &crate::tests::World) -> Setup {
    let sys = fees_on(db, &w.club_a).await;
    let a = crate::scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
        .await
        .unwrap();
    let season = priced_season(db, &a, w).await;
    let ann = member(db, &sys, "Ann", "1985-01-01", Some("ann@example.be")).await;
    let eva = member(db, &sys, "Eva", "1986-01-01", Some("eva@example.be")).await;
    let paul = member(db, &sys, "Paul", "1987-01-01", Some("paul@example.be")).await;
    let cas = member(db, &sys, "Cas", "1988-01-01", Some("cas@example.be")).await;
    // Eva reads French: her record is linked to an account in French.
    let id = w.admin_a.identity.unwrap();
    crate::accounts::identities::set_lang(db, id, Lang::Fr)
        .await
        .unwrap();
    let mut tx = db
        .tenant_write(&sys, &Actor::system("t"), T0)
        .await
        .unwrap();
    tx.execute(
        "UPDATE members SET identity_id = $2 WHERE tenant_id = $1 AND id = $3",
        crate::args![id.0, eva.0],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    generate(
        db,
        &a,
        &w.admin_a,
        T0,
        season,
        Selection::Members(vec![ann, eva, paul, cas]),
    )
    .await
    .unwrap();
    let list = of_season(db, &a, season).await.unwrap();
    let of = |m: MemberId| list.iter().find(|i| i.payer == Some(m.0)).unwrap().id;
    let (open, partial, paid, credited) = (of(ann), of(eva), of(paul), of(cas));
    for i in [open, partial, paid, credited] {
        send(db, &a, &w.admin_a, T0, i).await.unwrap();
    }
    let mut tx = db
        .tenant_write(&sys, &Actor::system("t"), T0)
        .await
        .unwrap();
    for (invoice, cents) in [(partial, 4000), (paid, 15000)] {
        apply_payment(
            &mut tx,
            NewPayment {
                invoice_id: invoice,
                amount_cents: cents,
                paid_on: a.today(T0),
                method: Method::Cash,
                payer_name: String::new(),
                reference: String::new(),
                note: String::new(),
            },
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    credit(db, &a, &w.admin_a, T0, credited).await.unwrap();
    let due = Date::parse(&list.iter().find(|i| i.id == open).unwrap().due_on.clone()).unwrap();
    assert_eq!(
        due.days_since_epoch() - a.today(T0).days_since_epoch(),
        30,
        "due after the club's 30 payment days"
    );
    Setup {
        a,
        sys,
        open,
        partial,
        paid,
        credited,
        due,
    }
}

async fn sent_steps(db: &Db, scope: &TenantScope, invoice: i64) -> Vec<i64> {
    let mut tx = db.tenant_read(scope).await.unwrap();
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            "SELECT step FROM invoice_reminders WHERE tenant_id = $1 AND invoice_id = $2 \
             ORDER BY sent_at, step",
            crate::args![invoice],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    rows.into_iter().map(|r| r.0).collect()
}

#[tokio::test]
async fn reminders_go_out_on_their_day_once_to_the_unpaid_in_the_payers_language() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let s = setup(db, &w).await;
        let (mailer, dir) = outbox();
        let url = "https://t.test";
        // The defaults while the club saved nothing: 14 and 30 days.
        let set = settings(db, &s.a).await.unwrap();
        assert!(set.is_default);
        assert_eq!(
            set.steps.iter().map(|s| s.days).collect::<Vec<_>>(),
            vec![14, 30]
        );
        // The module switched off: nothing, even when due.
        let sys = Actor::system("t");
        crate::module_settings::switch(db, &s.sys, &sys, T0, "fees", false)
            .await
            .unwrap();
        assert_eq!(
            send_due(db, &mailer, url, &s.sys, at(30 + 14))
                .await
                .unwrap(),
            0
        );
        crate::module_settings::switch(db, &s.sys, &sys, T0, "fees", true)
            .await
            .unwrap();
        // 13 days after the due date: nothing yet.
        assert_eq!(
            send_due(db, &mailer, url, &s.sys, at(30 + 13))
                .await
                .unwrap(),
            0
        );
        assert!(mails(&dir).is_empty());
        // 14 days after: the open and the partly paid ones, never the paid or credited.
        assert_eq!(
            send_due(db, &mailer, url, &s.sys, at(30 + 14))
                .await
                .unwrap(),
            2
        );
        assert_eq!(sent_steps(db, &s.a, s.open).await, vec![1]);
        assert_eq!(sent_steps(db, &s.a, s.partial).await, vec![1]);
        assert!(sent_steps(db, &s.a, s.paid).await.is_empty());
        assert!(sent_steps(db, &s.a, s.credited).await.is_empty());
        let got = mails(&dir);
        assert_eq!(got.len(), 2);
        let ann = got.iter().find(|m| m.contains("ann@example.be")).unwrap();
        assert!(
            ann.contains("Herinnering: factuur"),
            "Dutch, the club's: {ann}"
        );
        assert!(ann.contains("+++"), "the structured communication");
        assert!(ann.contains("150,00"), "the full amount is open: {ann}");
        let eva = got.iter().find(|m| m.contains("eva@example.be")).unwrap();
        assert!(
            eva.contains("Rappel : facture"),
            "French, the payer's: {eva}"
        );
        assert!(
            eva.contains("110,00"),
            "what is left of 150 after 40: {eva}"
        );
        assert!(!eva.contains("150,00"), "not the full amount: {eva}");
        // Not twice: again the same day and the next day.
        assert_eq!(
            send_due(db, &mailer, url, &s.sys, at(30 + 14))
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            send_due(db, &mailer, url, &s.sys, at(30 + 15))
                .await
                .unwrap(),
            0
        );
        assert_eq!(mails(&dir).len(), 2);
        // Paid meanwhile: Ann pays; at 30 days only Eva gets step 2.
        let mut tx = db
            .tenant_write(&s.sys, &Actor::system("t"), at(40))
            .await
            .unwrap();
        apply_payment(
            &mut tx,
            NewPayment {
                invoice_id: s.open,
                amount_cents: 15000,
                paid_on: s.due,
                method: Method::Cash,
                payer_name: String::new(),
                reference: String::new(),
                note: String::new(),
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            send_due(db, &mailer, url, &s.sys, at(30 + 30))
                .await
                .unwrap(),
            1
        );
        assert_eq!(sent_steps(db, &s.a, s.partial).await, vec![1, 2]);
        assert_eq!(sent_steps(db, &s.a, s.open).await, vec![1]);
        assert_eq!(
            send_due(db, &mailer, url, &s.sys, at(30 + 90))
                .await
                .unwrap(),
            0
        );
        // The overdue list: Eva's invoice past the last step, with both reminders.
        let list = overdue(db, &s.a, at(61), None, true).await.unwrap();
        assert_eq!(list.invoices.len(), 1);
        let o = &list.invoices[0];
        assert_eq!(o.id, s.partial);
        assert_eq!(o.outstanding_cents, 11000);
        assert_eq!(o.days_overdue, 31);
        assert!(o.after_last_step);
        assert_eq!(
            o.reminders.iter().map(|r| r.step).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!(list.total_outstanding_cents, 11000);
        // Another club's job, list and hand never reach club A's invoices.
        let b = TenantScope::for_system_task(&SystemTask::background(), w.club_b.clone());
        fees_on(db, &w.club_b).await;
        assert_eq!(send_due(db, &mailer, url, &b, at(400)).await.unwrap(), 0);
        assert!(overdue(db, &b, at(61), None, false)
            .await
            .unwrap()
            .invoices
            .is_empty());
        let e = send_now(db, &b, &Actor::system("t"), at(61), url, s.partial)
            .await
            .err()
            .unwrap();
        assert_eq!(e.status(), 404);
        // A reminder by hand: recorded as step 0, the schedule untouched; a paid or
        // credited invoice is refused (409), nothing recorded.
        let (mail, _) = send_now(db, &s.a, &w.admin_a, at(61), url, s.partial)
            .await
            .unwrap();
        assert_eq!(mail.to, "eva@example.be");
        assert!(mail.body.contains("110,00"), "{}", mail.body);
        assert_eq!(sent_steps(db, &s.a, s.partial).await, vec![1, 2, 0]);
        for (i, what) in [(s.open, "paid"), (s.paid, "paid"), (s.credited, "credited")] {
            let e = send_now(db, &s.a, &w.admin_a, at(61), url, i)
                .await
                .err()
                .unwrap();
            assert_eq!((e.status(), msg_of(&e)), (409, Msg::RemErrNotDue), "{what}");
        }
        assert!(sent_steps(db, &s.a, s.paid).await.is_empty());
        // The member page's payments card lists the reminders of the payer's invoices.
        let eva_id: (i64,) = {
            let mut tx = db.tenant_read(&s.a).await.unwrap();
            let r = tx
                .fetch_one(
                    "SELECT payer_member_id FROM invoices WHERE tenant_id = $1 AND id = $2",
                    crate::args![s.partial],
                )
                .await
                .unwrap();
            tx.commit().await.unwrap();
            r
        };
        let p = crate::reconcile::member_payments(db, &s.a, MemberId(eva_id.0))
            .await
            .unwrap();
        assert_eq!(
            p.reminders.iter().map(|r| r.step).collect::<Vec<_>>(),
            vec![1, 2, 0]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[tokio::test]
async fn the_club_sets_its_schedule_and_texts_and_bad_ones_are_refused() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let s = setup(db, &w).await;
        let (mailer, dir) = outbox();
        let url = "https://t.test";
        let form = |days1: &str, text: &str| ReminderSettingsForm {
            club: "club-a".into(),
            days1: days1.into(),
            text1_nl: text.into(),
            text1_fr: "Rappel {invoice_number}: {amount}".into(),
            ..Default::default()
        };
        // An unknown placeholder: 400 naming it; nothing stored.
        let e = save_settings(db, &s.a, &w.admin_a, T0, &form("7", "Dag {voornaam}"))
            .await
            .unwrap_err();
        assert_eq!((e.status(), msg_of(&e)), (400, Msg::RemErrPlaceholder));
        assert!(
            e.text(Lang::En).contains("{voornaam}"),
            "{}",
            e.text(Lang::En)
        );
        let e = save_settings(db, &s.a, &w.admin_a, T0, &form("0", "x"))
            .await
            .unwrap_err();
        assert_eq!(e.status(), 400);
        assert!(settings(db, &s.a).await.unwrap().is_default);
        // A member without fees.manage may not.
        let m = TenantScope::for_tests_member(&s.a, MemberId(1));
        assert_eq!(
            save_settings(db, &m, &w.admin_a, T0, &form("7", "x"))
                .await
                .unwrap_err()
                .status(),
            403
        );
        // One step after 7 days, hostile text.
        let hostile = "Dag {first_name} <script>alert(1)</script> & {club_name}, betaal {amount}";
        save_settings(db, &s.a, &w.admin_a, T0, &form("7", hostile))
            .await
            .unwrap();
        let set = settings(db, &s.a).await.unwrap();
        assert!(!set.is_default);
        assert_eq!(set.steps.len(), 1);
        assert_eq!(set.steps[0].days, 7);
        assert_eq!(set.steps[0].text_nl, hostile);
        assert_eq!(
            send_due(db, &mailer, url, &s.sys, at(30 + 6))
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            send_due(db, &mailer, url, &s.sys, at(30 + 7))
                .await
                .unwrap(),
            2
        );
        let got = mails(&dir);
        let ann = got.iter().find(|m| m.contains("ann@example.be")).unwrap();
        assert!(
            ann.contains("Dag Ann <script>alert(1)</script>"),
            "the plain text as written"
        );
        let html = ann.split("text/html").nth(1).expect("an HTML part");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"),
            "{html}"
        );
        assert!(!html.contains("<script>"), "{html}");
        let eva = got.iter().find(|m| m.contains("eva@example.be")).unwrap();
        assert!(eva.contains("Rappel 2026-"), "the French text: {eva}");
        // Past the only step: on the list after the last step, nothing more sent.
        assert_eq!(
            send_due(db, &mailer, url, &s.sys, at(30 + 100))
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            overdue(db, &s.a, at(40), None, true)
                .await
                .unwrap()
                .invoices
                .len(),
            2
        );
        // Every step off: no reminders at all.
        save_settings(db, &s.a, &w.admin_a, T0, &form("", ""))
            .await
            .unwrap();
        assert!(settings(db, &s.a).await.unwrap().steps.is_empty());
        let _ = (s.open, s.paid, s.credited);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
