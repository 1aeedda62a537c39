//! Accounts ("Trust", deliverable 6): a password reset and the end of the sessions commit
//! together or not at all.

use crate::accounts::links::{self, Purpose};
use crate::db::{Db, DbUrl};
use crate::scope::Actor;
use crate::{accounts, accounts::identities, testing};
use tessera_common::time::Timestamp;

const OLD: &str = "an old and long enough passphrase";
const NEW: &str = "violet tractor lagoon sings";

/// Makes every delete of a session record fail, as a failing disk or a lost connection
/// would in the middle of ending the sessions.
async fn refuse_session_deletes(t: &testing::TestDb) {
    match &t.url {
        DbUrl::Sqlite(_) => {
            t.db.raw_execute(
                "CREATE TRIGGER refuse_session_delete BEFORE DELETE ON account_sessions \
                 BEGIN SELECT RAISE(ABORT, 'refused for the test'); END",
            )
            .await
            .unwrap()
        }
        DbUrl::Postgres(app) => {
            // The application role may not make triggers: the owner does, on this database.
            let name = app.rsplit('/').next().unwrap();
            let owner = std::env::var("TESSERA_TEST_PG_OWNER_URL").unwrap();
            let owner = format!("{}/{name}", owner.trim_end_matches('/'));
            let db = Db::connect(&DbUrl::Postgres(owner), 1).await.unwrap();
            db.raw_execute(
                "CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$",
            )
            .await
            .unwrap();
            db.raw_execute(
                "CREATE TRIGGER refuse_session_delete BEFORE DELETE ON account_sessions \
                 FOR EACH ROW EXECUTE FUNCTION refuse_for_test()",
            )
            .await
            .unwrap();
            db.close().await;
        }
    }
}

#[tokio::test]
async fn a_reset_that_cannot_end_the_sessions_changes_nothing() {
    for t in testing::all().await {
        let db = &t.db;
        let now = Timestamp(1_790_000_000_000);
        let sys = Actor::system("test");
        let email = "reset.atomic@example.be";
        let id = identities::create(db, &sys, now, email, "Reset Atomic", Some(OLD.into()))
            .await
            .unwrap();
        accounts::record_session(db, "session-one", id, now, None, None)
            .await
            .unwrap();
        let token = links::issue(db, id, Purpose::Reset, None, now, links::RESET_SECS)
            .await
            .unwrap();
        refuse_session_deletes(&t).await;
        let r = links::complete_reset(db, &token, NEW.into(), now).await;
        assert!(r.is_err(), "{:?}", t.backend());
        // Nothing of the reset happened: the old password works, the new one does not,
        // the link is still good, the session is still listed.
        assert_eq!(
            identities::authenticate(db, email, OLD.into())
                .await
                .unwrap(),
            Some(id),
            "{:?}",
            t.backend()
        );
        assert_eq!(
            identities::authenticate(db, email, NEW.into())
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            links::check(db, &token, Purpose::Reset, now).await.unwrap(),
            id
        );
        let mut tx = db.platform(false).await.unwrap();
        let (n,): (i64,) = tx
            .fetch_one(
                "SELECT COUNT(*) FROM account_sessions WHERE identity_id = $1",
                crate::args![id],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(n, 1);
    }
}

#[tokio::test]
async fn a_reset_changes_the_password_and_ends_every_session_at_once() {
    for t in testing::all().await {
        let db = &t.db;
        let now = Timestamp(1_790_000_000_000);
        let sys = Actor::system("test");
        let email = "reset.whole@example.be";
        let id = identities::create(db, &sys, now, email, "Reset Whole", Some(OLD.into()))
            .await
            .unwrap();
        for sid in ["s-one", "s-two"] {
            accounts::record_session(db, sid, id, now, None, None)
                .await
                .unwrap();
        }
        let token = links::issue(db, id, Purpose::Reset, None, now, links::RESET_SECS)
            .await
            .unwrap();
        links::complete_reset(db, &token, NEW.into(), now)
            .await
            .unwrap();
        assert_eq!(
            identities::authenticate(db, email, NEW.into())
                .await
                .unwrap(),
            Some(id)
        );
        let mut tx = db.platform(false).await.unwrap();
        let (n,): (i64,) = tx
            .fetch_one(
                "SELECT COUNT(*) FROM account_sessions WHERE identity_id = $1",
                crate::args![id],
            )
            .await
            .unwrap();
        let (events,): (i64,) = tx
            .fetch_one(
                "SELECT COUNT(*) FROM platform_events WHERE identity_id = $1 AND kind IN ('password_reset', 'sessions_revoked')",
                crate::args![id],
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!((n, events), (0, 2));
        assert!(links::check(db, &token, Purpose::Reset, now).await.is_err());
    }
}
