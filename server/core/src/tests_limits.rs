//! Tests of the Trust limits: throttles that count before they decide, hashed and purged
//! keys, the platform secret shared by servers, random bytes that fail closed. Each storage
//! test runs on SQLite and on PostgreSQL.

use crate::testing;
use crate::throttle::{self, Limit};
use tessera_common::time::Timestamp;
use tessera_common::AppError;

const T0: Timestamp = Timestamp(1_790_000_000_000);

#[tokio::test]
async fn simultaneous_attempts_get_exactly_the_limit_through() {
    for t in testing::all().await {
        let db = &t.db;
        let limit = Limit {
            max_attempts: 7,
            window_secs: 60,
        };
        let tasks: Vec<_> = (0..40)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    throttle::attempt(&db, "account:x@example.be", limit, T0).await
                })
            })
            .collect();
        let (mut passed, mut refused) = (0, 0);
        for task in tasks {
            match task.await.unwrap() {
                Ok(()) => passed += 1,
                Err(AppError::TooManyRequests(s)) => {
                    assert!((1..=60).contains(&s), "{s}");
                    refused += 1
                }
                Err(e) => panic!("{:?}: {e:?}", t.backend()),
            }
        }
        assert_eq!((passed, refused), (7, 33), "{:?}", t.backend());
        // The window ends: a new one starts.
        let later = T0.plus_seconds(61);
        throttle::attempt(db, "account:x@example.be", limit, later)
            .await
            .unwrap();
        // A refund gives one attempt back; a clear all of them.
        let other = "totp:1";
        for _ in 0..7 {
            throttle::attempt(db, other, limit, T0).await.unwrap();
        }
        assert!(throttle::attempt(db, other, limit, T0).await.is_err());
        throttle::clear(db, other).await.unwrap();
        throttle::attempt(db, other, limit, T0).await.unwrap();
    }
}

#[tokio::test]
async fn keys_are_stored_hashed_at_a_fixed_size_and_ended_windows_are_purged() {
    for t in testing::all().await {
        let db = &t.db;
        let limit = Limit {
            max_attempts: 3,
            window_secs: 60,
        };
        let huge = "k".repeat(1024 * 1024);
        throttle::attempt(db, &huge, limit, T0).await.unwrap();
        throttle::attempt(db, "short", limit, T0.plus_seconds(30))
            .await
            .unwrap();
        assert_eq!(throttle::stored_keys(db).await.unwrap(), (2, true));
        // The first window ended at T0 + 60 s, the second not yet.
        let n = throttle::purge_expired(db, T0.plus_seconds(61))
            .await
            .unwrap();
        assert_eq!(n, 1, "{:?}", t.backend());
        assert_eq!(throttle::stored_keys(db).await.unwrap(), (1, true));
    }
}

#[tokio::test]
async fn the_form_key_is_made_once_and_shared_by_every_server_on_the_database() {
    for t in testing::all().await {
        // Two servers: two handles on the same database, asking at the same moment.
        let other = crate::db::Db::connect(&t.url, 2).await.unwrap();
        let tasks: Vec<_> = [t.db.clone(), other.clone(), t.db.clone(), other.clone()]
            .into_iter()
            .map(|db| {
                tokio::spawn(async move {
                    crate::secrets::get_or_create(&db, crate::secrets::FORM_KEY, T0).await
                })
            })
            .collect();
        let mut keys = Vec::new();
        for task in tasks {
            keys.push(task.await.unwrap().unwrap());
        }
        assert_eq!(keys[0].len(), crate::secrets::KEY_BYTES);
        assert!(keys.iter().all(|k| *k == keys[0]), "{:?}", t.backend());
        // A token handed out by one is accepted by the other.
        let tok = crate::registration::started_token(&t.db, 42, T0)
            .await
            .unwrap();
        let again = crate::registration::started_token(&other, 42, T0)
            .await
            .unwrap();
        assert_eq!(tok, again);
        other.close().await;
    }
}
