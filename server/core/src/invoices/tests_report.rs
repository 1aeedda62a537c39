//! The season report (rep20) against a report computed by hand, on SQLite and PostgreSQL:
//! invoices in two groups (a member in both), a one-off fee, a partial payment, a credit
//! note after a payment, an overpayment, a draft; another season and another club that
//! must not count; another club's season not found; no permission refused; the XLSX and
//! its entry in the export register.

use super::issue::{add_one_off, credit, generate, Selection};
use super::report::{report, report_xlsx};
use super::seasons::{add_fee, save_season};
use super::tests::{fees_on, season_form};
use crate::db::{Db, TenantTx};
use crate::reconcile::{apply_payment, Method, NewPayment};
use crate::scope::{Actor, TenantScope};
use crate::testing;
use crate::tests::{world, T0};
use crate::{args, ids};
use tessera_common::dto::TenantKind;
use tessera_common::invoices::*;
use tessera_common::time::Date;
use tessera_common::{AppError, Lang, MemberId};

async fn adult(db: &Db, scope: &TenantScope, given: &str) -> MemberId {
    crate::members::create(
        db,
        scope,
        &Actor::system("test"),
        T0,
        crate::members::NewMember {
            given_name: given.into(),
            family_name: "Janssens".into(),
            birth_date: Some("1980-02-02".into()),
            email: Some(format!("{}@example.be", given.to_lowercase())),
            status: Some(tessera_common::dto::MemberStatus::Active),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

async fn fee(
    db: &Db,
    a: &TenantScope,
    season: i64,
    kind: &str,
    name: &str,
    amount: &str,
    group: Option<i64>,
) -> i64 {
    add_fee(
        db,
        a,
        &Actor::system("test"),
        T0,
        &SeasonFeeForm {
            club: a.tenant().slug.clone(),
            season: season.to_string(),
            kind: kind.into(),
            name: name.into(),
            amount: amount.into(),
            group: group.map(|g| g.to_string()).unwrap_or_default(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

/// A kind and a group, and members in it from the 1st of January 2026.
async fn group(tx: &mut TenantTx, kind: i64, name: &str, members: &[MemberId]) -> i64 {
    let id = ids::new_id();
    tx.insert(
        "club_groups",
        vec![
            ("id", id.into()),
            ("kind_id", kind.into()),
            ("name", name.into()),
            ("created_at", T0.into()),
        ],
    )
    .await
    .unwrap();
    for m in members {
        tx.insert(
            "group_members",
            vec![
                ("id", ids::new_id().into()),
                ("group_id", id.into()),
                ("member_id", m.0.into()),
                ("from_date", "2026-01-01".into()),
                ("created_at", T0.into()),
            ],
        )
        .await
        .unwrap();
    }
    id
}

/// Sends every draft of the season (as the demo does: the mail is not the point here).
async fn open_all(db: &Db, scope: &TenantScope, season: i64) {
    let mut tx = db
        .tenant_write(scope, &Actor::system("test"), T0)
        .await
        .unwrap();
    tx.execute(
        "UPDATE invoices SET status = 'open', sent_at = $3 WHERE tenant_id = $1 \
         AND season_id = $2 AND status = 'draft'",
        args![season, T0.millis()],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn pay(db: &Db, scope: &TenantScope, invoice: i64, cents: i64) {
    let mut tx = db
        .tenant_write(scope, &Actor::system("test"), T0)
        .await
        .unwrap();
    apply_payment(
        &mut tx,
        NewPayment {
            invoice_id: invoice,
            amount_cents: cents,
            paid_on: Date::parse("2026-09-20").unwrap(),
            method: Method::Manual,
            payer_name: String::new(),
            reference: String::new(),
            note: String::new(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn invoice_of(db: &Db, scope: &TenantScope, season: i64, member: MemberId) -> i64 {
    let mut tx = db.tenant_read(scope).await.unwrap();
    let (id,): (i64,) = tx
        .fetch_one(
            "SELECT id FROM invoices WHERE tenant_id = $1 AND season_id = $2 \
             AND payer_member_id = $3 AND kind = 'invoice'",
            args![season, member.0],
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

fn r(name: Option<&str>, kind: ReportKind, f: [i64; 5]) -> FeeReportRow {
    FeeReportRow {
        kind,
        name: name.map(Into::into),
        lines: f[0],
        billed_cents: f[1],
        credited_cents: f[2],
        paid_cents: f[3],
        outstanding_cents: f[4],
    }
}

#[tokio::test]
async fn the_season_report_matches_the_one_computed_by_hand() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let sys = fees_on(db, &w.club_a).await;
        let sys_b = fees_on(db, &w.club_b).await;
        let a = crate::scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let admin = &w.admin_a;
        // Last season (must not count) and this one.
        let past = save_season(
            db,
            &a,
            admin,
            T0,
            &season_form("2025-2026", "2025-07-01", "2026-06-30", false),
        )
        .await
        .unwrap();
        let season = save_season(
            db,
            &a,
            admin,
            T0,
            &season_form("2026-2027", "2026-07-01", "2027-06-30", true),
        )
        .await
        .unwrap();
        let ann = adult(db, &sys, "Ann").await;
        let bert = adult(db, &sys, "Bert").await;
        let cas = adult(db, &sys, "Cas").await;
        let dirk = adult(db, &sys, "Dirk").await;
        let eva = adult(db, &sys, "Eva").await;
        let fay = adult(db, &sys, "Fay").await;
        let hostile = "Team <script>alert(1)</script> & \"co\"";
        let mut tx = db
            .tenant_write(&sys, &Actor::system("test"), T0)
            .await
            .unwrap();
        let kind = ids::new_id();
        tx.insert(
            "group_kinds",
            vec![
                ("id", kind.into()),
                ("name", "Teams".into()),
                ("created_at", T0.into()),
            ],
        )
        .await
        .unwrap();
        // Ann is in both teams.
        let g1 = group(&mut tx, kind, hostile, &[ann]).await;
        let g2 = group(&mut tx, kind, "Team B", &[ann, bert]).await;
        tx.commit().await.unwrap();
        // The first fee whose conditions hold applies: Ann pays team A's fee only.
        fee(db, &a, season, "membership", "Team A fee", "200", Some(g1)).await;
        fee(db, &a, season, "membership", "Team B fee", "150", Some(g2)).await;
        fee(db, &a, season, "membership", "Adults", "100", None).await;
        let kit = fee(db, &a, season, "one_off", "Kit <b>", "35", None).await;
        fee(db, &a, past, "membership", "Adults", "90", None).await;
        generate(
            db,
            &a,
            admin,
            T0,
            season,
            Selection::Members(vec![ann, bert, cas, dirk, eva]),
        )
        .await
        .unwrap();
        generate(db, &a, admin, T0, past, Selection::Members(vec![cas]))
            .await
            .unwrap();
        let inv = |m| invoice_of(db, &sys, season, m);
        let (i_ann, i_bert, i_dirk, i_eva) = (
            inv(ann).await,
            inv(bert).await,
            inv(dirk).await,
            inv(eva).await,
        );
        add_one_off(db, &a, admin, T0, i_ann, kit).await.unwrap();
        open_all(db, &sys, season).await;
        open_all(db, &sys, past).await;
        // Fay's invoice stays a draft: not counted.
        generate(db, &a, admin, T0, season, Selection::Members(vec![fay]))
            .await
            .unwrap();
        // Ann pays half of € 235 (€ 117.50), Bert in full, Cas nothing, Dirk € 30 too
        // much, Eva € 40 and then her invoice is credited (all € 40 to give back).
        pay(db, &sys, i_ann, 11_750).await;
        pay(db, &sys, i_bert, 15_000).await;
        pay(db, &sys, i_dirk, 13_000).await;
        pay(db, &sys, i_eva, 4_000).await;
        credit(db, &a, admin, T0, i_eva).await.unwrap();
        // Last season's invoice paid: not this season's money.
        let i_past = invoice_of(db, &sys, past, cas).await;
        pay(db, &sys, i_past, 9_000).await;
        // Club B: a season of the same name, an invoice, a payment.
        let mut fb = season_form("2026-2027", "2026-07-01", "2027-06-30", true);
        fb.club = "club-b".into();
        let b_season = save_season(db, &sys_b, &Actor::system("t"), T0, &fb)
            .await
            .unwrap();
        fee(db, &sys_b, b_season, "membership", "B fee", "500", None).await;
        let b_member = adult(db, &sys_b, "Bob").await;
        generate(
            db,
            &sys_b,
            &Actor::system("t"),
            T0,
            b_season,
            Selection::Members(vec![b_member]),
        )
        .await
        .unwrap();
        open_all(db, &sys_b, b_season).await;
        pay(
            db,
            &sys_b,
            invoice_of(db, &sys_b, b_season, b_member).await,
            20_000,
        )
        .await;

        let rep = report(db, &a, None).await.unwrap();
        assert_eq!(
            rep.season.as_ref().unwrap().id,
            season,
            "the current season"
        );
        assert_eq!(rep.seasons.len(), 2);
        use ReportKind::*;
        assert_eq!(
            rep.by_group,
            vec![
                r(Some(hostile), Named, [1, 20_000, 0, 10_000, 10_000]),
                r(Some("Team B"), Named, [1, 15_000, 0, 15_000, 0]),
                // Ann's kit, Cas, Dirk (paid in full, € 30 apart), Eva (credited).
                r(None, NoGroup, [4, 33_500, 10_000, 11_750, 11_750]),
            ]
        );
        assert_eq!(
            rep.by_fee,
            vec![
                r(Some("Team A fee"), Named, [1, 20_000, 0, 10_000, 10_000]),
                r(Some("Team B fee"), Named, [1, 15_000, 0, 15_000, 0]),
                r(Some("Adults"), Named, [3, 30_000, 10_000, 10_000, 10_000]),
                r(Some("Kit <b>"), Named, [1, 3_500, 0, 1_750, 1_750]),
            ]
        );
        assert_eq!(
            rep.total,
            r(None, Total, [6, 68_500, 10_000, 36_750, 21_750])
        );
        assert_eq!(rep.invoices, 5, "Fay's draft is not counted");
        assert_eq!(rep.drafts, 1);
        assert_eq!((rep.overpaid_invoices, rep.overpaid_cents), (2, 7_000));
        assert_eq!(rep.total.label(Lang::Nl), "Totaal");
        assert_eq!(rep.by_group[2].label(Lang::Fr), "Aucun groupe");

        // Last season on its own: only Cas's € 90, paid.
        let old = report(db, &a, Some(past)).await.unwrap();
        assert_eq!(old.total, r(None, Total, [1, 9_000, 0, 9_000, 0]));
        assert_eq!(
            old.by_group,
            vec![r(None, NoGroup, [1, 9_000, 0, 9_000, 0])]
        );
        assert_eq!(old.invoices, 1);

        // Another club's season: not found; a plain member: refused.
        let e = report(db, &a, Some(b_season)).await.unwrap_err();
        assert!(matches!(e, AppError::NotFound), "{e:?}");
        let e = report_xlsx(db, &a, admin, T0, b_season, Lang::En)
            .await
            .err()
            .unwrap();
        assert!(matches!(e, AppError::NotFound), "{e:?}");
        let m = crate::scope::resolve(db, &w.member_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let e = report(db, &m, None).await.unwrap_err();
        assert!(matches!(e, AppError::Forbidden), "{e:?}");
        // Club B sees its own figures only.
        let b = report(db, &sys_b, None).await.unwrap();
        assert_eq!(b.total, r(None, Total, [1, 50_000, 0, 20_000, 30_000]));

        // The XLSX: a zip, recorded in the export register with the season and the hash.
        let file = report_xlsx(db, &a, admin, T0, season, Lang::Nl)
            .await
            .unwrap();
        assert!(file.bytes.starts_with(b"PK"));
        let mut tx = db.tenant_read(&sys).await.unwrap();
        let rows: Vec<(String, String, String, i64, String)> = tx
            .fetch_all(
                "SELECT kind, purpose, filter, people, sha256 FROM export_register \
                 WHERE tenant_id = $1 AND kind = 'fee_report'",
                args![],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            rows,
            vec![(
                "fee_report".to_string(),
                "lidgeldrapport van het seizoen".to_string(),
                format!("season {season}"),
                0,
                file.sha256.clone()
            )]
        );
    }
}

/// An empty club: no season, an empty report (not an error).
#[tokio::test]
async fn a_club_without_seasons_gets_an_empty_report() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        fees_on(db, &w.club_a).await;
        let a = crate::scope::resolve(db, &w.admin_a, TenantKind::Club, "club-a", T0)
            .await
            .unwrap();
        let rep = report(db, &a, None).await.unwrap();
        assert!(rep.season.is_none());
        assert_eq!(rep.total.billed_cents, 0);
        assert_eq!(rep.total.kind, ReportKind::Total);
    }
}
