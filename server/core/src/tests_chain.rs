//! The event log's hash chains against the erasure (issue 17): a detail erased to the
//! placeholder keeps every chain intact, any other change of a detail is caught. On
//! SQLite and PostgreSQL.

use crate::db::Backend;
use crate::event_chain::{self, Chain, ERASED};
use crate::scope::{Actor, TenantScope};
use crate::tests::{world, T0};
use crate::tests_backup::{assert_chains_intact, owner_of, tamper};
use crate::{args, testing};

fn report(all: &[(String, event_chain::ChainReport)], chain: Chain) -> event_chain::ChainReport {
    all.iter()
        .find(|(_, r)| r.chain == chain)
        .unwrap()
        .1
        .clone()
}

#[tokio::test]
async fn an_erased_detail_keeps_the_chain_intact_and_any_other_change_is_caught() {
    for t in testing::all().await {
        let db = &t.db;
        let w = world(db).await;
        let club = w.club_a.id;
        let scope =
            TenantScope::for_system_task(&crate::jobs::SystemTask::background(), w.club_a.clone());
        let sys = Actor::system("test");
        let mut ids = Vec::new();
        for detail in [
            "Yolanda Brakkeveld joined",
            "Yolanda Brakkeveld left",
            "kept",
        ] {
            let mut tx = db.tenant_write(&scope, &sys, T0).await.unwrap();
            tx.log("named", Some(detail)).await.unwrap();
            let (id,): (i64,) = tx
                .fetch_one(
                    "SELECT id FROM security_events WHERE tenant_id = $1 AND detail = $2",
                    args![detail],
                )
                .await
                .unwrap();
            tx.commit().await.unwrap();
            ids.push(id);
        }
        let (first, second, kept) = (ids[0], ids[1], ids[2]);
        // The application cannot change a detail to anything but the placeholder with its
        // salt gone, nor anything else of an entry while erasing it.
        for sql in [
            "UPDATE security_events SET detail = 'nothing happened' WHERE tenant_id = $1 AND id = $2",
            "UPDATE security_events SET detail = 'nothing happened', detail_salt = NULL WHERE tenant_id = $1 AND id = $2",
            "UPDATE security_events SET detail = '[erased]' WHERE tenant_id = $1 AND id = $2",
            "UPDATE security_events SET detail = '[erased]', detail_salt = NULL, kind = 'other' WHERE tenant_id = $1 AND id = $2",
            "UPDATE security_events SET detail = '[erased]', detail_salt = NULL, detail_sha = 'x' WHERE tenant_id = $1 AND id = $2",
        ] {
            let mut tx = db.tenant_write(&scope, &sys, T0).await.unwrap();
            assert!(tx.execute(sql, args![first]).await.is_err(), "{sql}");
        }
        // The erasure's change passes (as rights::erasure does it), and every chain verifies,
        // the entries counted as erased.
        let mut tx = db.tenant_write(&scope, &sys, T0).await.unwrap();
        let n = tx
            .execute(
                "UPDATE security_events SET detail = '[erased]', detail_salt = NULL \
                 WHERE tenant_id = $1 AND id IN ($2, $3)",
                args![first, second],
            )
            .await
            .unwrap();
        assert_eq!(n, 2);
        tx.commit().await.unwrap();
        let all = assert_chains_intact(&t).await;
        let r = report(&all, Chain::Tenant(club));
        assert_eq!(r.erased, 2, "{r:?}");
        assert_eq!(r.entries as i64, r.head_seq - r.anchor_seq);
        // Nothing of the erased detail is left in the row (the digest without its salt
        // gives nothing to compare a guess with).
        let owner = owner_of(&t).await;
        let mut tx = owner.owner_snapshot().await.unwrap();
        let row: (Option<String>, Option<String>, Option<String>) = tx
            .fetch_one(
                "SELECT detail, detail_salt, detail_sha FROM security_events WHERE id = $1",
                args![first],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(row.0.as_deref(), Some(ERASED));
        assert_eq!(row.1, None);
        assert!(row.2.is_some());

        // Past the triggers: an erased detail changed to anything else is caught at it.
        tamper(
            &t,
            &owner,
            "security_events",
            &format!("UPDATE security_events SET detail = 'forged' WHERE id = {second}"),
        )
        .await;
        let b = report(
            &event_chain::verify_log(&owner, None).await.unwrap(),
            Chain::Tenant(club),
        )
        .broken
        .unwrap();
        assert_eq!(b.entry_id, Some(second));
        assert!(b.problem.contains("changed after"), "{b:?}");
        tamper(
            &t,
            &owner,
            "security_events",
            &format!("UPDATE security_events SET detail = '[erased]' WHERE id = {second}"),
        )
        .await;
        assert_chains_intact(&t).await;
        // A detail replaced by the placeholder but its salt kept: not an erasure, caught.
        tamper(
            &t,
            &owner,
            "security_events",
            &format!("UPDATE security_events SET detail = '[erased]' WHERE id = {kept}"),
        )
        .await;
        let b = report(
            &event_chain::verify_log(&owner, None).await.unwrap(),
            Chain::Tenant(club),
        )
        .broken
        .unwrap();
        assert_eq!(b.entry_id, Some(kept));
        // Its salt dropped too (an "erasure" of a detail by hand): the chain verifies, the
        // entry counts as erased: the one change the log allows, and verify-log shows it.
        tamper(
            &t,
            &owner,
            "security_events",
            &format!("UPDATE security_events SET detail_salt = NULL WHERE id = {kept}"),
        )
        .await;
        let r = report(&assert_chains_intact(&t).await, Chain::Tenant(club));
        assert_eq!(r.erased, 3);
        // The digest of an erased entry changed: its hash no longer matches.
        tamper(
            &t,
            &owner,
            "security_events",
            &format!("UPDATE security_events SET detail_sha = 'ff' WHERE id = {first}"),
        )
        .await;
        let b = report(
            &event_chain::verify_log(&owner, None).await.unwrap(),
            Chain::Tenant(club),
        )
        .broken
        .unwrap();
        assert_eq!(b.entry_id, Some(first));
        if t.backend() == Backend::Postgres {
            owner.close().await;
        }
    }
}
