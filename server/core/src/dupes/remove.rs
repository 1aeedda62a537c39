//! Deleting a member record: the record and what hangs off it, in one transaction; the
//! event log keeps "member #id deleted" with who did it (the entry's identity), without
//! personal data.

use super::merge::{run, state, MEMBER_REFERENCES};
use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::scope::{Actor, TenantScope};
use tessera_common::modules::MEMBERS_EDIT;
use tessera_common::time::Timestamp;
use tessera_common::{AppError, MemberId, Msg};

/// Deletes a member record (`members.edit`: the permission that adds records and merges
/// them, which removes one too). Refused with a reason for a record with an account
/// linked (its roles and sign-in hang off it: unlink or close the account first), for one
/// that leads a group, and for a restricted or erased one (their requests are accounted
/// for with the record). `version` is the version the confirmation page showed.
pub async fn delete(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    id: MemberId,
    version: i64,
) -> Result<()> {
    scope.require(MEMBERS_EDIT)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let s = state(&mut tx, id).await?;
    if s.version != version {
        return Err(AppError::conflict(Msg::DupMergeChanged));
    }
    if s.account.is_some() || s.identity_id.is_some() {
        return Err(AppError::conflict(Msg::DupDeleteAccount));
    }
    let leads: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM group_members WHERE tenant_id = $1 AND member_id = $2 AND leader = $3 AND to_date IS NULL",
            args![id, true],
        )
        .await?;
    if leads.is_some() {
        return Err(AppError::conflict(Msg::DupDeleteLeader));
    }
    for r in MEMBER_REFERENCES {
        run(&mut tx, r.delete, id, None).await?;
    }
    tx.execute(
        "DELETE FROM members WHERE tenant_id = $1 AND id = $2",
        args![id],
    )
    .await?;
    tx.log("member_deleted", Some(&format!("member #{} deleted", id.0)))
        .await?;
    tx.commit().await
}
