//! STAND-IN DATA (xfer18), until the affiliation and licensing flows (affil18, lic18) are
//! merged: accepted sharing terms and licensed people written with plain statements into
//! the tables of migration 0037, for the tests, the demo seed and the benchmark. Only a
//! system task (the command line, the seed, a test) may call these. After the merge the
//! demo should take its people from lic18's seed and these stay for tests only.

use crate::args;
use crate::db::Db;
use crate::error::Result;
use crate::jobs::SystemTask;
use tessera_common::time::Timestamp;
use tessera_common::TenantId;

/// Sets the accepted sharing terms (`fields`: space-separated keys) of the active
/// affiliation of `club` to `federation`; `false` when there is none.
pub async fn accept_terms(
    db: &Db,
    _task: &SystemTask,
    federation: TenantId,
    club: TenantId,
    fields: &str,
    now: Timestamp,
) -> Result<bool> {
    let mut tx = db.platform(true).await?;
    let n = tx
        .execute(
            "UPDATE affiliations SET shared_fields = $1, terms_version = terms_version + 1, \
             accepted_at = $2, accepted_by_name = 'stand-in', updated_at = $2, \
             version = version + 1 WHERE federation_id = $3 AND club_id = $4 AND status = 'active'",
            args![fields, now.0, federation.0, club.0],
        )
        .await?;
    tx.commit().await?;
    Ok(n == 1)
}

/// Ends the active affiliation of `club` to `federation` (a club that leaves).
pub async fn end_affiliation(
    db: &Db,
    _task: &SystemTask,
    federation: TenantId,
    club: TenantId,
    now: Timestamp,
) -> Result<()> {
    let mut tx = db.platform(true).await?;
    tx.execute(
        "UPDATE affiliations SET status = 'ended', ended_at = $1, updated_at = $1, \
         version = version + 1 WHERE federation_id = $2 AND club_id = $3 AND status = 'active'",
        args![now.0, federation.0, club.0],
    )
    .await?;
    tx.commit().await
}

/// A person the federation licenses.
#[derive(Clone, Debug, Default)]
pub struct Licensed {
    pub club: i64,
    pub member: i64,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    /// The other shared keys, a JSON object.
    pub shared: String,
    pub restricted: bool,
}

/// Licenses `people` in `federation` for a season "Stand-in" (made when missing) in a
/// category "Stand-in": their `fed_people` row with a new licence number, and an approved
/// licence. Returns each person's id and licence number.
pub async fn license(
    db: &Db,
    _task: &SystemTask,
    federation: TenantId,
    people: &[Licensed],
    now: Timestamp,
) -> Result<Vec<(i64, String)>> {
    let mut tx = db.platform(true).await?;
    tx.as_tenant(federation, None).await?;
    let season: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM fed_seasons WHERE tenant_id = $1 AND name = 'Stand-in'",
            args![federation.0],
        )
        .await?;
    let season = match season {
        Some((id,)) => id,
        None => {
            let id = crate::ids::new_id();
            tx.execute(
                "INSERT INTO fed_seasons (tenant_id, id, name, starts_on, ends_on, created_at, updated_at, updated_by_name) \
                 VALUES ($1, $2, 'Stand-in', '2000-01-01', '2099-12-31', $3, $3, 'stand-in')",
                args![federation.0, id, now.0],
            )
            .await?;
            id
        }
    };
    let category: Option<(i64,)> = tx
        .fetch_optional(
            "SELECT id FROM licence_categories WHERE tenant_id = $1 AND name = 'Stand-in'",
            args![federation.0],
        )
        .await?;
    let category = match category {
        Some((id,)) => id,
        None => {
            let id = crate::ids::new_id();
            tx.execute(
                "INSERT INTO licence_categories (tenant_id, id, name, created_at, updated_at, updated_by_name) \
                 VALUES ($1, $2, 'Stand-in', $3, $3, 'stand-in')",
                args![federation.0, id, now.0],
            )
            .await?;
            id
        }
    };
    let (count,): (i64,) = tx
        .fetch_one(
            "SELECT count(*) FROM fed_people WHERE tenant_id = $1",
            args![federation.0],
        )
        .await?;
    let mut out = Vec::new();
    for (k, p) in people.iter().enumerate() {
        let id = crate::ids::new_id();
        let number = format!("S{:07}", count + k as i64 + 1);
        tx.execute(
            "INSERT INTO fed_people (tenant_id, id, licence_number, given_name, family_name, birth_date, \
             gender, shared, club_id, member_id, restricted, created_at, updated_at, updated_by_name) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, 'stand-in')",
            args![
                federation.0,
                id,
                number.as_str(),
                p.given_name.as_str(),
                p.family_name.as_str(),
                p.birth_date.clone(),
                p.gender.clone(),
                if p.shared.is_empty() { "{}" } else { p.shared.as_str() },
                p.club,
                p.member,
                p.restricted,
                now.0
            ],
        )
        .await?;
        tx.execute(
            "INSERT INTO licences (tenant_id, id, season_id, category_id, person_id, club_id, status, \
             requested_at, decided_at, created_at, updated_at, updated_by_name) \
             VALUES ($1, $2, $3, $4, $5, $6, 'approved', $7, $7, $7, $7, 'stand-in')",
            args![federation.0, crate::ids::new_id(), season, category, id, p.club, now.0],
        )
        .await?;
        out.push((id, number));
    }
    tx.commit().await?;
    Ok(out)
}
