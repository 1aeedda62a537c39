//! Usage counts on both databases: the job on an injected clock writes one row per tenant
//! and month, a second run in the month replaces it, the history and the CSV.

use super::*;
use crate::members::{self, NewMember};
use crate::tenants::{self, NewTenant, TenantRecord};
use crate::testing;
use tessera_common::Lang;

const T0: Timestamp = Timestamp(1_790_000_000_000);
const DAY: i64 = 86_400_000;

fn new_tenant(
    parent: Option<&TenantRecord>,
    kind: TenantKind,
    slug: &str,
    name: &str,
) -> NewTenant {
    NewTenant {
        parent: parent.map(|p| p.id),
        kind,
        slug: slug.into(),
        name: name.into(),
        city: None,
        primary_color: "#1d3557".into(),
        accent_color: "#f4a261".into(),
        default_lang: Lang::En,
        plan: (kind == TenantKind::Club).then(|| "standard".to_string()),
    }
}

#[tokio::test]
async fn the_job_keeps_one_row_per_tenant_and_month_and_the_csv_has_them() {
    for t in testing::all().await {
        let db = &t.db;
        let sys = Actor::system("test");
        let task = SystemTask::command_line();
        let op = tenants::create(
            db,
            &sys,
            T0,
            new_tenant(None, TenantKind::Operator, "platform", "Op"),
        )
        .await
        .unwrap();
        let fed = tenants::create(
            db,
            &sys,
            T0,
            new_tenant(Some(&op), TenantKind::Federation, "fed", "Fed"),
        )
        .await
        .unwrap();
        let club = tenants::create(
            db,
            &sys,
            T0,
            new_tenant(
                Some(&fed),
                TenantKind::Club,
                "club",
                "=HYPERLINK(\"x\") Club",
            ),
        )
        .await
        .unwrap();
        let scope = TenantScope::for_system_task(&task, club.clone());
        let op_scope = TenantScope::for_system_task(&task, op.clone());
        let add = |given: &'static str| NewMember {
            given_name: given.into(),
            family_name: "Peeters".into(),
            ..Default::default()
        };
        members::create(db, &scope, &sys, T0, add("Lotte"))
            .await
            .unwrap();
        assert_eq!(snapshot(db, &task, T0).await.unwrap(), 2);
        // The same month again: replaced, not added.
        members::create(db, &scope, &sys, T0, add("Wout"))
            .await
            .unwrap();
        snapshot(db, &task, Timestamp(T0.0 + DAY)).await.unwrap();
        let later = Timestamp(T0.0 + 40 * DAY);
        members::create(db, &scope, &sys, later, add("Emma"))
            .await
            .unwrap();
        snapshot(db, &task, later).await.unwrap();
        let o = overview(db, &op_scope, later).await.unwrap();
        let club_rows: Vec<&UsageRow> = o.history.iter().filter(|r| r.slug == "club").collect();
        assert_eq!(club_rows.len(), 2, "{club_rows:?}");
        assert_eq!(club_rows[0].month, month_of(later));
        assert_eq!((club_rows[0].members, club_rows[1].members), (3, 2));
        assert!(club_rows[0].modules >= 1);
        let now_row = o.current.iter().find(|r| r.slug == "club").unwrap();
        assert_eq!(now_row.members, 3);
        // A club sees its own, against its plan.
        let mine = own(db, &scope, later).await.unwrap();
        assert_eq!(mine.now.members, 3);
        assert_eq!(mine.history.len(), 2);
        assert_eq!(mine.max_admins, Some(5));
        // The CSV: a header, one line per tenant and month; a name is never a formula.
        let text = csv(db, &op_scope, &sys, later).await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "month,tenant,name,kind,members,accounts,admins,modules,storage_bytes"
        );
        assert_eq!(lines.len(), 1 + 4);
        assert!(text.contains("\"'=HYPERLINK(\"\"x\"\") Club\""), "{text}");
        // Neither a club nor a federation reads the operator's page.
        assert!(overview(db, &scope, later).await.is_err());
    }
}
