//! Affiliations between a federation and its clubs (issue 18): the one place that says
//! whether a federation may reach a club, and on which sharing terms.
//!
//! The row is a platform table (`affiliations`, migration 0037) because it belongs to both
//! tenants. Every federation feature asks here first: no active affiliation, no access of
//! any kind; no accepted terms, nothing personal. Leaving a federation ends the row, and
//! with it every access, at once (nothing is cached).

mod flows;
pub use flows::*;

use crate::args;
use crate::db::Tx;
use crate::error::Result;
use tessera_common::time::Timestamp;
use tessera_common::TenantId;

/// An affiliation as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Affiliation {
    pub id: i64,
    pub federation: TenantId,
    pub club: TenantId,
    /// `invited`, `requested`, `active`, `refused` or `ended`.
    pub status: String,
    /// `federation`, `club` or `operator`.
    pub initiated_by: String,
    /// The field keys the federation receives (standard keys, `fed:<key>` for its own).
    pub shared_fields: Vec<String>,
    pub terms_version: i64,
    pub accepted_at: Option<Timestamp>,
    pub accepted_by_name: Option<String>,
    pub started_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    pub reason: Option<String>,
}

impl Affiliation {
    pub fn is_active(&self) -> bool {
        self.status == "active"
    }

    /// Whether the club agreed to share `key` (a standard key such as `birth_date`, or
    /// `fed:<key>`): only on an active affiliation whose terms the club accepted.
    pub fn shares(&self, key: &str) -> bool {
        self.is_active()
            && self.accepted_at.is_some()
            && self.shared_fields.iter().any(|f| f == key)
    }
}

#[derive(sqlx::FromRow)]
struct AffiliationRow {
    id: i64,
    federation_id: i64,
    club_id: i64,
    status: String,
    initiated_by: String,
    shared_fields: String,
    terms_version: i64,
    accepted_at: Option<i64>,
    accepted_by_name: Option<String>,
    started_at: Option<i64>,
    ended_at: Option<i64>,
    reason: Option<String>,
}

impl From<AffiliationRow> for Affiliation {
    fn from(r: AffiliationRow) -> Self {
        Affiliation {
            id: r.id,
            federation: TenantId(r.federation_id),
            club: TenantId(r.club_id),
            status: r.status,
            initiated_by: r.initiated_by,
            shared_fields: r
                .shared_fields
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            terms_version: r.terms_version,
            accepted_at: r.accepted_at.map(Timestamp),
            accepted_by_name: r.accepted_by_name,
            started_at: r.started_at.map(Timestamp),
            ended_at: r.ended_at.map(Timestamp),
            reason: r.reason,
        }
    }
}

const SELECT: &str = "SELECT id, federation_id, club_id, status, initiated_by, shared_fields, \
     terms_version, accepted_at, accepted_by_name, started_at, ended_at, reason FROM affiliations";

/// The federation's condition where its affiliations are asked club by club: `+` keeps it
/// out of the choice of index, so they are found by club (`affiliations_club`, a club has
/// few). SQLite, without statistics, preferred the index on the federation and status and
/// read every active affiliation of the federation for each: 1,000 at 1,000 clubs.
const BY_CLUB: &str = "+federation_id = $1";

/// The active affiliation of `club` to `federation`, if there is one.
pub async fn active(
    tx: &mut Tx,
    federation: TenantId,
    club: TenantId,
) -> Result<Option<Affiliation>> {
    let row: Option<AffiliationRow> = tx
        .fetch_optional(
            &format!("{SELECT} WHERE {BY_CLUB} AND club_id = $2 AND status = 'active'"),
            args![federation.0, club.0],
        )
        .await?;
    Ok(row.map(Into::into))
}

/// The clubs actively affiliated to `federation`.
pub async fn active_clubs(tx: &mut Tx, federation: TenantId) -> Result<Vec<Affiliation>> {
    let rows: Vec<AffiliationRow> = tx
        .fetch_all(
            &format!("{SELECT} WHERE federation_id = $1 AND status = 'active' ORDER BY club_id"),
            args![federation.0],
        )
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The active affiliations to `federation` of those among `clubs` that have one: one
/// query whatever their number (a result page's clubs).
pub async fn active_of(
    tx: &mut Tx,
    federation: TenantId,
    clubs: &[i64],
) -> Result<Vec<Affiliation>> {
    if clubs.is_empty() {
        return Ok(Vec::new());
    }
    let within = crate::db::in_json_ids(tx.backend(), "club_id", "$2");
    let rows: Vec<AffiliationRow> = tx
        .fetch_all(
            // By club (see `BY_CLUB`).
            &format!(
                "{SELECT} WHERE {BY_CLUB} AND status = 'active' AND {within} ORDER BY club_id"
            ),
            args![federation.0, crate::db::json_ids(clubs)],
        )
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Every affiliation of `club`, open and past (newest first): the club's federations page.
pub async fn of_club(tx: &mut Tx, club: TenantId) -> Result<Vec<Affiliation>> {
    let rows: Vec<AffiliationRow> = tx
        .fetch_all(
            &format!("{SELECT} WHERE club_id = $1 ORDER BY created_at DESC, id DESC"),
            args![club.0],
        )
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_accepted_terms_of_an_active_affiliation_share_a_field() {
        let mut a = Affiliation {
            id: 1,
            federation: TenantId(1),
            club: TenantId(2),
            status: "active".into(),
            initiated_by: "club".into(),
            shared_fields: vec!["birth_date".into(), "fed:level".into()],
            terms_version: 1,
            accepted_at: Some(Timestamp(5)),
            accepted_by_name: Some("Ann".into()),
            started_at: Some(Timestamp(5)),
            ended_at: None,
            reason: None,
        };
        assert!(a.shares("birth_date") && a.shares("fed:level"));
        assert!(!a.shares("email"));
        a.accepted_at = None;
        assert!(!a.shares("birth_date"));
        a.accepted_at = Some(Timestamp(5));
        a.status = "ended".into();
        assert!(!a.shares("birth_date"));
    }
}
