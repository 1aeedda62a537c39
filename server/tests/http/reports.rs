//! The season fee report over HTTP (rep20), on both databases: the page with its table and
//! its SVG chart (hostile group and fee names escaped in both), the XLSX download (a zip
//! whose sheet holds the amounts as numbers) recorded in the export register, another
//! club's season not found, and no permission refused.

use super::*;
use sha2::{Digest, Sha256};
use std::io::Read;
use tessera_core::jobs::SystemTask;
use tessera_core::scope::{Actor, TenantScope};

async fn club_scope(s: &Server, slug: &str) -> TenantScope {
    let t = tessera_core::tenants::find_by_slug(&s.db.db, TenantKind::Club, slug)
        .await
        .unwrap()
        .unwrap();
    TenantScope::for_system_task(&SystemTask::command_line(), t)
}

async fn adult(s: &Server, scope: &TenantScope, given: &str) -> tessera_common::MemberId {
    tessera_core::members::create_from_input(
        &s.db.db,
        scope,
        &Actor::system("test"),
        s.shared.clock.now(),
        &tessera_core::members::MemberInput {
            given_name: given.into(),
            family_name: "Rapport".into(),
            birth_date: "1980-01-01".into(),
            status: "active".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The XLSX route answered as raw bytes (the client's `Resp` keeps text).
async fn xlsx(c: &Client, club: &str, season: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let origin = c.origin();
    exchange(
        c.addr,
        &c.cookies,
        "POST",
        &format!("/c/{club}/fees/report.xlsx"),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", &origin),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        format!("season={season}").as_bytes(),
    )
    .await
}

fn zip_text(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut f = z.by_name(name).unwrap();
    let mut out = String::new();
    f.read_to_string(&mut out).unwrap();
    out
}

#[tokio::test]
async fn the_treasurer_reads_the_season_report_and_downloads_it_as_xlsx() {
    for s in servers().await {
        let db = &s.db.db;
        let now = s.shared.clock.now();
        let sys = Actor::system("test");
        let scope = club_scope(&s, CLUB_A).await;
        tessera_core::module_settings::switch(db, &scope, &sys, now, "fees", true)
            .await
            .unwrap();
        let season = tessera_core::invoices::save_season(
            db,
            &scope,
            &sys,
            now,
            &tessera_common::invoices::SeasonForm {
                club: CLUB_A.into(),
                name: "Rapport <i>2090</i>".into(),
                starts_on: "2090-07-01".into(),
                ends_on: "2091-06-30".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let p1 = adult(&s, &scope, "Piet").await;
        let p2 = adult(&s, &scope, "Paula").await;
        let hostile_group = "Ploeg <script>alert(1)</script>";
        let mut tx = db.tenant_write(&scope, &sys, now).await.unwrap();
        let (kind, group) = (tessera_core::ids::new_id(), tessera_core::ids::new_id());
        tx.insert(
            "group_kinds",
            vec![
                ("id", kind.into()),
                ("name", "Rapport kinds".into()),
                ("created_at", now.into()),
            ],
        )
        .await
        .unwrap();
        tx.insert(
            "club_groups",
            vec![
                ("id", group.into()),
                ("kind_id", kind.into()),
                ("name", hostile_group.into()),
                ("created_at", now.into()),
            ],
        )
        .await
        .unwrap();
        tx.insert(
            "group_members",
            vec![
                ("id", tessera_core::ids::new_id().into()),
                ("group_id", group.into()),
                ("member_id", p1.0.into()),
                ("from_date", "2090-01-01".into()),
                ("created_at", now.into()),
            ],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        for (name, amount, group) in [
            ("Competitie </textarea><b>x</b>", "200", group.to_string()),
            ("Leden", "100", String::new()),
        ] {
            tessera_core::invoices::add_fee(
                db,
                &scope,
                &sys,
                now,
                &tessera_common::invoices::SeasonFeeForm {
                    club: CLUB_A.into(),
                    season: season.to_string(),
                    kind: "membership".into(),
                    name: name.into(),
                    amount: amount.into(),
                    group,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        }
        // Two invoices, sent: Piet (the group's fee) pays € 50 of € 200, Paula € 120 of
        // € 100 (€ 20 too much).
        let mut tx = db.tenant_write(&scope, &sys, now).await.unwrap();
        let made = tessera_core::invoices::issue_for_members(
            &mut tx,
            &scope,
            season,
            &[p1, p2],
            scope.today(now),
        )
        .await
        .unwrap();
        assert_eq!(made.len(), 2);
        tx.execute(
            "UPDATE invoices SET status = 'open', sent_at = $3 WHERE tenant_id = $1 \
             AND season_id = $2",
            tessera_core::args![season, now.millis()],
        )
        .await
        .unwrap();
        let ids: Vec<(i64, i64)> = tx
            .fetch_all(
                "SELECT id, payer_member_id FROM invoices WHERE tenant_id = $1 AND season_id = $2",
                tessera_core::args![season],
            )
            .await
            .unwrap();
        for (id, payer) in ids {
            let amount = if payer == p1.0 { 5_000 } else { 12_000 };
            tessera_core::reconcile::apply_payment(
                &mut tx,
                tessera_core::reconcile::NewPayment {
                    invoice_id: id,
                    amount_cents: amount,
                    paid_on: tessera_common::time::Date::parse("2090-08-01").unwrap(),
                    method: tessera_core::reconcile::Method::Manual,
                    payer_name: String::new(),
                    reference: String::new(),
                    note: String::new(),
                },
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();

        let mut c = Client::new(&s);
        c.sign_in(&account("admin.kempenvlug")).await;
        // The fees page links to the report.
        let fees = c.get(&format!("/c/{CLUB_A}/fees")).await;
        assert_eq!(fees.status, 200);
        assert!(fees
            .body
            .contains(&format!("href=\"/c/{CLUB_A}/fees/report\"")));
        let page = format!("/c/{CLUB_A}/fees/report?season={season}");
        let r = c.get(&page).await;
        assert_eq!(r.status, 200, "{}", r.body);
        // The club's language (Dutch): the group, the other fee, the totals, the overpayment.
        for amount in [
            "€ 200,00",
            "€ 150,00",
            "€ 300,00",
            "€ 100,00",
            "€ 50,00",
            "€ 20,00",
        ] {
            assert!(r.body.contains(amount), "{amount}");
        }
        assert!(r.body.contains("Geen groep"));
        assert!(r.body.contains("role=\"img\""));
        assert!(r.body.contains("data-testid=\"report-chart\""));
        assert!(r.body.contains("<title id=\"rep-chart-title\">"));
        // Hostile names escaped in the table and in the chart.
        assert!(!r.body.contains("<script>alert(1)"), "escaped");
        assert!(
            r.body.matches("Ploeg &lt;script&gt;alert(1)&lt;/").count() >= 2,
            "in the table and in the chart (shortened there)"
        );
        assert!(r
            .body
            .contains("Ploeg &lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!r.body.contains("</textarea><b>"));
        assert!(r
            .body
            .contains("Competitie &lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;"));
        assert!(!r.body.contains("<i>2090</i>"));
        // Without a season: the current one.
        assert_eq!(c.get(&format!("/c/{CLUB_A}/fees/report")).await.status, 200);
        // The server function gives the same figures.
        let f = c
            .call("fee_report", &format!("club={CLUB_A}&season={season}"))
            .await;
        assert_eq!(f.status, 200, "{}", f.body);
        let rep: tessera_common::invoices::FeeReport = serde_json::from_str(&f.body).unwrap();
        assert_eq!(
            (
                rep.total.billed_cents,
                rep.total.paid_cents,
                rep.total.outstanding_cents
            ),
            (30_000, 15_000, 15_000)
        );
        assert_eq!((rep.overpaid_invoices, rep.overpaid_cents), (1, 2_000));

        // The XLSX: a zip with the amounts as numbers, the names as escaped text; its hash
        // in the header and in the export register.
        let (status, headers, bytes) = xlsx(&c, CLUB_A, &season.to_string()).await;
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
        let header = |n: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert!(header("content-type").starts_with("application/vnd.openxmlformats"));
        assert!(header("content-disposition").contains(".xlsx"));
        assert_eq!(header("x-export-sha256"), hex(&bytes));
        assert!(bytes.starts_with(b"PK"));
        let sheet = zip_text(&bytes, "xl/worksheets/sheet1.xml");
        for v in ["<v>300</v>", "<v>150</v>", "<v>200</v>", "<v>50</v>"] {
            assert!(sheet.contains(v), "{v} in {sheet}");
        }
        let strings = zip_text(&bytes, "xl/sharedStrings.xml");
        assert!(strings.contains("Ploeg &lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!strings.contains("<script>"));
        let styles = zip_text(&bytes, "xl/styles.xml");
        assert!(styles.contains("€"), "a euro number format");
        let mut tx = db.tenant_read(&scope).await.unwrap();
        let entries: Vec<(String, String, String, i64)> = tx
            .fetch_all(
                "SELECT filter, sha256, columns, people FROM export_register WHERE tenant_id = $1 \
                 AND kind = 'fee_report'",
                tessera_core::args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(entries.len(), 1, "recorded once");
        assert_eq!(entries[0].0, format!("season {season}"));
        assert_eq!(entries[0].1, hex(&bytes));
        assert!(entries[0].2.contains("billed"));
        assert_eq!(entries[0].3, 0, "sums only: no person");

        // Another club's season, or no season at all: not found, nothing recorded.
        let b = club_scope(&s, CLUB_B).await;
        tessera_core::module_settings::switch(db, &b, &sys, now, "fees", true)
            .await
            .unwrap();
        let b_season = tessera_core::invoices::save_season(
            db,
            &b,
            &sys,
            now,
            &tessera_common::invoices::SeasonForm {
                club: CLUB_B.into(),
                name: "B rapport".into(),
                starts_on: "2090-07-01".into(),
                ends_on: "2091-06-30".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let r = c
            .get(&format!("/c/{CLUB_A}/fees/report?season={b_season}"))
            .await;
        assert_eq!(r.status, 404);
        assert!(!r.body.contains("B rapport"));
        let r = c
            .call("fee_report", &format!("club={CLUB_A}&season={b_season}"))
            .await;
        assert_eq!(r.status, 404);
        for bad in [b_season.to_string(), "abc".to_string(), String::new()] {
            let (status, _, _) = xlsx(&c, CLUB_A, &bad).await;
            assert_eq!(status, 404, "season {bad:?}");
        }
        let mut tx = db.tenant_read(&scope).await.unwrap();
        let (n,): (i64,) = tx
            .fetch_one(
                "SELECT count(*) FROM export_register WHERE tenant_id = $1 AND kind = 'fee_report'",
                tessera_core::args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(n, 1);

        // A plain member: refused (403) everywhere, no navigation entry.
        let mut m = Client::new(&s);
        m.sign_in(&account("member.kempenvlug")).await;
        assert_eq!(m.get(&page).await.status, 403);
        let r = m
            .call("fee_report", &format!("club={CLUB_A}&season={season}"))
            .await;
        assert_eq!(r.status, 403);
        let (status, _, _) = xlsx(&m, CLUB_A, &season.to_string()).await;
        assert_eq!(status, 403);
        let home = m.get(&format!("/c/{CLUB_A}")).await;
        assert!(!home
            .body
            .contains(&format!("href=\"/c/{CLUB_A}/fees/report\"")));
    }
}
