//! Anonymising members: every personal column of the record and of what depends on it is
//! blanked or removed, table by table ([`ANONYMISED`]), in the caller's transaction. The
//! record itself stays (counts, seasons and the join and end dates stay true) with an
//! anonymous placeholder for a name.

use crate::db::{TenantTx, Value};
use crate::error::Result;
use tessera_common::time::Timestamp;
use tessera_common::MemberId;

/// What anonymising a member does to each table of the tenant, in the order it is done:
/// (table, what happens). Kept as data so the erasure of a person (issue 17, "rights") and
/// this list can be compared and joined.
pub const ANONYMISED: &[(&str, &str)] = &[
    ("member_field_values", "every custom value of the member deleted (sensitive ones too)"),
    ("member_guardians", "every family link deleted, as guardian and as child"),
    ("member_search", "the member's words deleted from the register's search index"),
    ("reg_submissions", "every application that named the member deleted (its e-mail address and the people as submitted)"),
    ("terms_acceptances", "deleted for the member's account in the club when that account holds no role"),
    ("memberships", "the account unlinked from the record; deleted when it holds no role (the person no longer belongs to the club)"),
    ("members", "given and family name replaced by a placeholder; birth date, gender, e-mail, phone, street, postcode, city, linked account and restriction cleared; anonymised_at set"),
];

/// The placeholder that replaces an anonymised member's family name (the given name is
/// left empty); pages show it as it is.
pub const PLACEHOLDER: &str = "—";

fn list(ids: &[MemberId], first: usize) -> (String, Vec<Value>) {
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", first + i)).collect();
    (
        marks.join(", "),
        ids.iter().map(|i| Value::from(i.0)).collect(),
    )
}

/// Anonymises the members `ids` of the transaction's tenant (see [`ANONYMISED`]), skipping
/// those already anonymised. Returns how many were anonymised now. Idempotent: a member is
/// anonymised once.
pub async fn anonymise_members(tx: &mut TenantTx, ids: &[MemberId], now: Timestamp) -> Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let (marks, values) = list(ids, 2);
    let todo: Vec<(i64,)> = tx
        .fetch_all(
            &format!(
                "SELECT id FROM members WHERE tenant_id = $1 AND anonymised_at IS NULL AND id IN ({marks})"
            ),
            values,
        )
        .await?;
    let ids: Vec<MemberId> = todo.into_iter().map(|(i,)| MemberId(i)).collect();
    if ids.is_empty() {
        return Ok(0);
    }
    let (marks, values) = list(&ids, 2);
    tx.execute(
        &format!("DELETE FROM member_field_values WHERE tenant_id = $1 AND member_id IN ({marks})"),
        values.clone(),
    )
    .await?;
    // Two statements, each over an index (guardian: the key; child: member_guardians_child).
    tx.execute(
        &format!("DELETE FROM member_guardians WHERE tenant_id = $1 AND guardian_id IN ({marks})"),
        values.clone(),
    )
    .await?;
    tx.execute(
        &format!("DELETE FROM member_guardians WHERE tenant_id = $1 AND child_id IN ({marks})"),
        values.clone(),
    )
    .await?;
    tx.execute(
        &format!("DELETE FROM member_search WHERE tenant_id = $1 AND member_id IN ({marks})"),
        values.clone(),
    )
    .await?;
    delete_applications_naming(tx, &ids).await?;
    tx.execute(
        &format!(
            "DELETE FROM terms_acceptances WHERE tenant_id = $1 AND membership_id IN \
             (SELECT m.id FROM memberships m WHERE m.tenant_id = $1 AND m.member_id IN ({marks}) \
             AND NOT EXISTS (SELECT 1 FROM membership_roles r WHERE r.tenant_id = $1 AND r.membership_id = m.id))"
        ),
        values.clone(),
    )
    .await?;
    tx.execute(
        &format!(
            "DELETE FROM memberships WHERE tenant_id = $1 AND member_id IN ({marks}) \
             AND NOT EXISTS (SELECT 1 FROM membership_roles r WHERE r.tenant_id = $1 AND r.membership_id = memberships.id)"
        ),
        values.clone(),
    )
    .await?;
    tx.execute(
        &format!(
            "UPDATE memberships SET member_id = NULL, version = version + 1 WHERE tenant_id = $1 AND member_id IN ({marks})"
        ),
        values.clone(),
    )
    .await?;
    // The record: every personal column blanked in one statement, stamped like every
    // change (the job's actor).
    let n = ids.len();
    let mut args = values;
    args.push(Value::from(PLACEHOLDER));
    args.push(Value::from(now));
    let p = n + 2;
    tx.execute(
        &format!(
            "UPDATE members SET given_name = '', family_name = ${p}, sort_name = ${p}, \
             birth_date = NULL, gender = NULL, email = NULL, phone = NULL, street = NULL, \
             postcode = NULL, city = NULL, identity_id = NULL, restricted_at = NULL, \
             anonymised_at = ${q}, updated_at = ${q}, updated_by = NULL, updated_by_name = NULL, \
             version = version + 1 \
             WHERE tenant_id = $1 AND anonymised_at IS NULL AND id IN ({marks})",
            q = p + 1
        ),
        args,
    )
    .await
}

/// Deletes the applications (registration submissions) that named any of `ids` among the
/// records they created.
async fn delete_applications_naming(tx: &mut TenantTx, ids: &[MemberId]) -> Result<u64> {
    let rows: Vec<(i64, String)> = tx
        .fetch_all(
            "SELECT id, member_ids FROM reg_submissions WHERE tenant_id = $1 AND member_ids IS NOT NULL",
            vec![],
        )
        .await?;
    let wanted: std::collections::HashSet<i64> = ids.iter().map(|i| i.0).collect();
    let hits: Vec<MemberId> = rows
        .into_iter()
        .filter(|(_, members)| {
            members
                .split_whitespace()
                .filter_map(|m| m.parse::<i64>().ok())
                .any(|m| wanted.contains(&m))
        })
        .map(|(id, _)| MemberId(id))
        .collect();
    if hits.is_empty() {
        return Ok(0);
    }
    let (marks, values) = list(&hits, 2);
    tx.execute(
        &format!("DELETE FROM reg_submissions WHERE tenant_id = $1 AND id IN ({marks})"),
        values,
    )
    .await
}
