//! Secrets of the platform kept in the database (`platform_secrets`), so that every
//! application server behind one address uses the same ones: a key made on one server
//! verifies on the others and survives restarts. Each secret is made once, by whichever
//! server needs it first: `INSERT … ON CONFLICT DO NOTHING`, then the stored value is read
//! back, so two servers starting at once both end up with the one that was stored.

use crate::db::Db;
use crate::error::Result;
use crate::{args, ids};
use tessera_common::time::Timestamp;
use tessera_common::AppError;

/// The key that signs the start token of public registration forms.
pub const FORM_KEY: &str = "registration_form_key";

/// The key that signs the messages a redirect puts into a page's address (`__err`, …).
pub const MESSAGE_KEY: &str = "page_message_key";

/// Length of the keys made here: 256 bits.
pub const KEY_BYTES: usize = 32;

#[derive(sqlx::FromRow)]
struct Stored {
    value: Vec<u8>,
}

/// The secret `name`, made (from the OS's random bytes; failing when there are none) and
/// stored the first time it is asked for.
pub async fn get_or_create(db: &Db, name: &str, now: Timestamp) -> Result<Vec<u8>> {
    let mut tx = db.platform(false).await?;
    let found: Option<Stored> = tx
        .fetch_optional(
            "SELECT value FROM platform_secrets WHERE name = $1",
            args![name],
        )
        .await?;
    tx.commit().await?;
    if let Some(s) = found {
        return checked(s.value);
    }
    let fresh = ids::random_bytes::<KEY_BYTES>()?.to_vec();
    let mut tx = db.platform(true).await?;
    tx.execute(
        "INSERT INTO platform_secrets (name, value, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO NOTHING",
        args![name, fresh, now],
    )
    .await?;
    let stored: Stored = tx
        .fetch_one(
            "SELECT value FROM platform_secrets WHERE name = $1",
            args![name],
        )
        .await?;
    tx.commit().await?;
    checked(stored.value)
}

fn checked(value: Vec<u8>) -> Result<Vec<u8>> {
    if value.len() < KEY_BYTES {
        return Err(AppError::Internal(
            "a platform secret is shorter than 256 bits".into(),
        ));
    }
    Ok(value)
}
