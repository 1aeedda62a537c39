//! Payment reminders over HTTP (issue 20, deliverable 5), on both databases: the schedule
//! saved from the fees page (an unknown placeholder refused naming it, hostile text shown
//! escaped, the refused form back as typed without JavaScript), the overdue list, a
//! reminder sent by hand (its mail's HTML escaped; a paid invoice refused with 409), the
//! member page's payments card, another club's ids not found.

use super::*;
use tessera_core::jobs::SystemTask;
use tessera_core::scope::{Actor, TenantScope};

async fn club_scope(s: &Server, slug: &str) -> TenantScope {
    let t = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, slug)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::command_line(), t)
}

/// A sent invoice of club A for a new payer with an address (fees on, a season with a
/// membership fee, the bank details); returns (invoice, payer).
async fn sent_invoice(s: &Server, season_name: &str, start: i64, given: &str) -> (i64, i64) {
    use tessera_core::invoices;
    let db = &s.db.db;
    let now = s.shared.clock.now();
    let scope = club_scope(s, CLUB_A).await;
    let sys = Actor::system("test");
    tessera_core::module_settings::switch(db, &scope, &sys, now, "fees", true)
        .await
        .unwrap();
    let existing = invoices::overview(db, &scope, now).await.unwrap();
    let season = match existing.seasons.iter().find(|x| x.name == season_name) {
        Some(x) => x.id,
        None => {
            let season = invoices::save_season(
                db,
                &scope,
                &sys,
                now,
                &tessera_common::invoices::SeasonForm {
                    club: CLUB_A.into(),
                    name: season_name.into(),
                    starts_on: format!("{start}-07-01"),
                    ends_on: format!("{}-06-30", start + 1),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            invoices::add_fee(
                db,
                &scope,
                &sys,
                now,
                &tessera_common::invoices::SeasonFeeForm {
                    club: CLUB_A.into(),
                    season: season.to_string(),
                    kind: "membership".into(),
                    name: "Reminder fee".into(),
                    amount: "80".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            season
        }
    };
    if existing.settings.iban.is_none() {
        invoices::save_settings(
            db,
            &scope,
            &sys,
            now,
            &tessera_common::invoices::FeeSettingsForm {
                club: CLUB_A.into(),
                version: existing.settings.version.to_string(),
                iban: "BE68539007547034".into(),
                bic: "GEBABEBB".into(),
                beneficiary: "Reminder club".into(),
                payment_days: "30".into(),
            },
        )
        .await
        .unwrap();
    }
    let payer = tessera_core::members::create_from_input(
        db,
        &scope,
        &sys,
        now,
        &tessera_core::members::MemberInput {
            given_name: given.into(),
            family_name: "Reminded".into(),
            birth_date: "1980-01-01".into(),
            email: format!("{}.reminded@example.be", given.to_lowercase()),
            status: "active".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut tx = db.tenant_write(&scope, &sys, now).await.unwrap();
    let made = invoices::issue_for_members(&mut tx, &scope, season, &[payer], scope.today(now))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    invoices::send(db, &scope, &sys, now, made[0])
        .await
        .unwrap();
    (made[0], payer.0)
}

/// The placeholders of the cross-tenant harness: a sent, unpaid invoice of club A.
pub(super) async fn fixture_values(s: &Server) -> Vec<(&'static str, String)> {
    let (invoice, _) = sent_invoice(s, "Harness reminders", 2100, "Harnessa").await;
    vec![("reminder_invoice", invoice.to_string())]
}

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Quoted-printable undone, to read a mail's text.
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

#[tokio::test]
async fn the_treasurer_sets_reminders_sees_the_overdue_and_reminds_by_hand() {
    for s in servers().await {
        let db = &s.db.db;
        let now = s.shared.clock.now();
        let scope = club_scope(&s, CLUB_A).await;
        let (invoice, payer) = sent_invoice(&s, "Reminders 2102", 2102, "Rita").await;
        let (paid, _) = sent_invoice(&s, "Reminders 2102", 2102, "Pieter").await;
        let mut c = Client::new(&s);
        c.sign_in(&account("admin.kempenvlug")).await;
        let fees = format!("/c/{CLUB_A}/fees");
        // The fees page shows the schedule's form (the defaults or what the demo saved).
        let page = c.get(&fees).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("data-testid=\"reminder-form\""));
        // An unknown placeholder: 400 naming it, nothing stored.
        let before = tessera_core::invoices::reminders::settings(db, &scope)
            .await
            .unwrap();
        let r = c
            .call(
                "save_reminder_settings",
                &format!("club={CLUB_A}&days1=10&text1_nl={}", enc("Dag {voornaam}")),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(said(&r.body).contains("{voornaam}"), "{}", said(&r.body));
        assert_eq!(
            tessera_core::invoices::reminders::settings(db, &scope)
                .await
                .unwrap(),
            before
        );
        // Steps out of order: 400 on the later step.
        let r = c
            .call(
                "save_reminder_settings",
                &format!("club={CLUB_A}&days1=20&days2=10"),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        // Without JavaScript: back on the page with the message and the text as typed.
        let r = form_post(
            &mut c,
            "save_reminder_settings",
            &fees,
            &format!(
                "club={CLUB_A}&days1=10&text1_nl={}",
                enc("Kept <b>typed</b> {voornaam}")
            ),
        )
        .await;
        assert!(matches!(r.status, 302 | 303), "{}", r.status);
        let back = r
            .header("location")
            .unwrap()
            .trim_start_matches(&c.origin())
            .to_string();
        let shown = c.get(&back).await;
        assert_eq!(shown.status, 400);
        assert!(shown.body.contains("{voornaam}"), "the message names it");
        assert!(
            shown.body.contains("Kept &lt;b&gt;typed&lt;/b&gt;"),
            "kept as typed"
        );
        // A good schedule with hostile text (both steps: a reminder by hand after the first
        // has the second's text): stored, shown escaped.
        let hostile = "Dag {first_name} </textarea><script>alert(1)</script> & {amount}";
        let r = c
            .call(
                "save_reminder_settings",
                &format!(
                    "club={CLUB_A}&days1=10&text1_en={h}&text1_nl={h}&text1_fr={h}&days2=40\
                     &text2_en={h}&text2_nl={h}&text2_fr={h}",
                    h = enc(hostile)
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let shown = c.get(&fees).await;
        assert!(!shown.body.contains("<script>alert(1)"), "escaped");
        assert!(shown
            .body
            .contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        // The invoice 12 days past due: the job sends step 1; the list shows it.
        let mut tx = db
            .tenant_write(&scope, &Actor::system("t"), now)
            .await
            .unwrap();
        let past = tessera_common::time::Date::from_days(scope.today(now).days_since_epoch() - 12)
            .to_string();
        tx.execute(
            "UPDATE invoices SET due_on = $3 WHERE tenant_id = $1 AND id IN ($2, $4)",
            tessera_core::args![invoice, past, paid],
        )
        .await
        .unwrap();
        tessera_core::reconcile::apply_payment(
            &mut tx,
            tessera_core::reconcile::NewPayment {
                invoice_id: paid,
                amount_cents: 8000,
                paid_on: scope.today(now),
                method: tessera_core::reconcile::Method::Cash,
                payer_name: String::new(),
                reference: String::new(),
                note: String::new(),
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let (mailer, dir) = {
            let dir = std::env::temp_dir()
                .join(format!("tessera-rem-http-{}", tessera_core::ids::new_id()));
            (
                tessera_core::mail::Mailer::outbox(dir.clone(), "T <t@tessera.test>").unwrap(),
                dir,
            )
        };
        let sent =
            tessera_core::invoices::reminders::send_due(db, &mailer, "http://t", &scope, now)
                .await
                .unwrap();
        assert!(sent >= 1, "at least the invoice 12 days late");
        let list = c.get(&format!("/c/{CLUB_A}/fees/overdue")).await;
        assert_eq!(list.status, 200);
        let card = list
            .body
            .split(&format!("data-invoice=\"{invoice}\""))
            .nth(1)
            .expect("the overdue invoice is listed");
        let card = card.split("</li>").next().unwrap_or("");
        assert!(card.contains("80,00"), "the amount still to pay: {card}");
        assert!(card.contains("data-testid=\"overdue-days\">12"), "{card}");
        assert!(card.contains(&format!("/c/{CLUB_A}/members/{payer}")));
        assert!(
            !list.body.contains(&format!("data-invoice=\"{paid}\"")),
            "paid: not overdue"
        );
        // Filtered by another season: not there.
        let other = tessera_core::invoices::overview(db, &scope, now)
            .await
            .unwrap()
            .seasons
            .into_iter()
            .find(|x| x.name != "Reminders 2102")
            .map(|x| x.id);
        if let Some(other) = other {
            let r = c
                .get(&format!("/c/{CLUB_A}/fees/overdue?season={other}"))
                .await;
            assert_eq!(r.status, 200);
            assert!(!r.body.contains(&format!("data-invoice=\"{invoice}\"")));
        }
        // By hand: the mail to the payer, its HTML escaped; the member page lists it.
        let r = c
            .call("send_reminder_now", &format!("club={CLUB_A}&id={invoice}"))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let mail = unqp(&mail_to(&s.mail_dir, "rita.reminded@example.be").await);
        assert!(mail.contains("+++"), "the structured communication");
        let html = mail.split("text/html").nth(1).expect("an HTML part");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<script>"), "{html}");
        let member = c.get(&format!("/c/{CLUB_A}/members/{payer}")).await;
        assert_eq!(member.status, 200);
        assert!(
            member
                .body
                .matches("data-testid=\"member-reminder\"")
                .count()
                >= 2,
            "step 1 and the one by hand"
        );
        // A paid invoice: 409, nothing recorded.
        let r = c
            .call("send_reminder_now", &format!("club={CLUB_A}&id={paid}"))
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        assert!(said(&r.body).contains("not awaiting payment"));
        // Another club's admin, on their own club with club A's invoice: not found.
        let mut b = Client::new(&s);
        b.sign_in(&account("admin.confluent")).await;
        let b_scope = club_scope(&s, CLUB_B).await;
        tessera_core::module_settings::switch(db, &b_scope, &Actor::system("t"), now, "fees", true)
            .await
            .unwrap();
        let r = b
            .call("send_reminder_now", &format!("club={CLUB_B}&id={invoice}"))
            .await;
        assert_eq!(r.status, 404, "{}", r.body);
        let r = b.get(&format!("/c/{CLUB_B}/fees/overdue")).await;
        assert!(!r.body.contains(&format!("data-invoice=\"{invoice}\"")));
        // A plain member: the list is refused.
        let mut m = Client::new(&s);
        m.sign_in(&account("member.kempenvlug")).await;
        assert_eq!(
            m.get(&format!("/c/{CLUB_A}/fees/overdue")).await.status,
            403
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
