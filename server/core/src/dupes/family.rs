//! Linking a guardian to a minor by hand (`members.edit`): an adult member of the club
//! becomes a guardian of a minor; never of themselves, never twice, never in a circle.

use crate::args;
use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::members::is_minor;
use crate::scope::{Actor, TenantScope};
use tessera_common::dto::PersonLink;
use tessera_common::dupes::GuardianChoice;
use tessera_common::modules::MEMBERS_EDIT;
use tessera_common::time::{Date, Timestamp};
use tessera_common::{AppError, MemberId, Msg};

#[derive(sqlx::FromRow)]
struct PersonRow {
    birth_date: Option<String>,
    restricted_at: Option<i64>,
    erased_at: Option<i64>,
}

async fn person(tx: &mut TenantTx, id: MemberId) -> Result<PersonRow> {
    let row: Option<PersonRow> = tx
        .fetch_optional(
            "SELECT birth_date, restricted_at, erased_at FROM members WHERE tenant_id = $1 AND id = $2",
            args![id],
        )
        .await?;
    let row = row.ok_or(AppError::NotFound)?;
    if row.erased_at.is_some() {
        return Err(AppError::conflict(Msg::ErrRightsErased));
    }
    if row.restricted_at.is_some() {
        return Err(AppError::conflict(Msg::ErrRightsRestricted));
    }
    Ok(row)
}

/// Whether `to` is `from` or among the people `from` is a guardian of, at any depth.
async fn reaches(tx: &mut TenantTx, from: MemberId, to: MemberId) -> Result<bool> {
    let mut seen = vec![from];
    let mut next = vec![from];
    while let Some(g) = next.pop() {
        if g == to {
            return Ok(true);
        }
        let kids: Vec<(i64,)> = tx
            .fetch_all(
                "SELECT child_id FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2",
                args![g],
            )
            .await?;
        for (k,) in kids {
            let k = MemberId(k);
            if !seen.contains(&k) && seen.len() < 1000 {
                seen.push(k);
                next.push(k);
            }
        }
    }
    Ok(false)
}

/// Makes `guardian` a guardian of `child` (`members.edit`): the child a minor on `today`,
/// the guardian not one, both of this club; refused for the same person, a link that
/// exists, and a link that would make someone their own guardian's guardian.
pub async fn link_guardian(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    child: MemberId,
    guardian: MemberId,
) -> Result<()> {
    scope.require(MEMBERS_EDIT)?;
    if child == guardian {
        return Err(AppError::bad_request(Msg::ErrOwnGuardian));
    }
    let today = scope.today(now);
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let c = person(&mut tx, child).await?;
    let g = person(&mut tx, guardian).await?;
    if !is_minor(c.birth_date.as_deref(), today) {
        return Err(AppError::bad_request(Msg::DupGuardianChildAdult));
    }
    if is_minor(g.birth_date.as_deref(), today) {
        return Err(AppError::bad_request(Msg::DupGuardianMinor));
    }
    let exists: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT child_id FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2 AND child_id = $3",
            args![guardian, child],
        )
        .await?;
    if exists.is_some() {
        return Err(AppError::conflict(Msg::DupGuardianTwice));
    }
    if reaches(&mut tx, child, guardian).await? {
        return Err(AppError::conflict(Msg::DupGuardianCycle));
    }
    tx.insert(
        "member_guardians",
        vec![("guardian_id", guardian.into()), ("child_id", child.into())],
    )
    .await?;
    tx.log(
        "guardian_linked",
        Some(&format!(
            "member #{} guardian of member #{}",
            guardian.0, child.0
        )),
    )
    .await?;
    tx.commit().await
}

/// Ends `guardian`'s link to `child` (`members.edit`); a link that does not exist is not found.
pub async fn unlink_guardian(
    db: &Db,
    scope: &TenantScope,
    actor: &Actor,
    now: Timestamp,
    child: MemberId,
    guardian: MemberId,
) -> Result<()> {
    scope.require(MEMBERS_EDIT)?;
    let mut tx = db.tenant_write(scope, actor, now).await?;
    let n = tx
        .execute(
            "DELETE FROM member_guardians WHERE tenant_id = $1 AND guardian_id = $2 AND child_id = $3",
            args![guardian, child],
        )
        .await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    tx.log(
        "guardian_unlinked",
        Some(&format!(
            "member #{} no longer guardian of member #{}",
            guardian.0, child.0
        )),
    )
    .await?;
    tx.commit().await
}

/// The guardian page of a minor (`members.edit`): the child, and the adults the search
/// `query` finds (not the child, not their guardians already).
pub async fn guardian_choice(
    db: &Db,
    scope: &TenantScope,
    now: Timestamp,
    child: MemberId,
    query: &str,
) -> Result<GuardianChoice> {
    let detail = crate::members::get_for_edit(db, scope, child).await?;
    let today: Date = scope.today(now);
    let words = crate::search::query_words(query);
    let mut candidates = Vec::new();
    if !words.is_empty() {
        // The register's search index (a range scan per word, intersected), the first 200
        // records found in name order: the few adults among them are offered.
        let mut args: Vec<crate::db::Value> = Vec::new();
        let ranges = crate::search::bind_ranges(&words, |v| {
            args.push(v);
            format!("${}", args.len() + 1)
        });
        let sql = format!(
            "SELECT m.id, m.given_name, m.family_name, m.birth_date FROM ({}) s \
             CROSS JOIN members m WHERE m.tenant_id = $1 AND m.id = s.member_id \
             AND m.restricted_at IS NULL AND m.erased_at IS NULL \
             ORDER BY s.sort_name, s.member_id LIMIT 200",
            crate::search::matches_sorted(&ranges)
        );
        let mut tx = db.tenant_read(scope).await?;
        let rows: Vec<(i64, String, String, Option<String>)> = tx.fetch_all(&sql, args).await?;
        tx.commit().await?;
        candidates = rows
            .into_iter()
            .filter(|r| MemberId(r.0) != child && !is_minor(r.3.as_deref(), today))
            .filter(|r| !detail.guardians.iter().any(|g| g.id.0 == r.0))
            .take(20)
            .map(|r| PersonLink {
                id: MemberId(r.0),
                name: format!("{} {}", r.1, r.2),
            })
            .collect();
    }
    Ok(GuardianChoice {
        child: detail,
        candidates,
        query: query.to_string(),
    })
}
