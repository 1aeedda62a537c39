//! The copy of a member's shared fields in a federation (issue 18, licences).
//!
//! A licence request copies the fields the club agreed to share (`Affiliation::shares`)
//! into the federation's `fed_people`; this module says what that copy is, and keeps it
//! right afterwards: [`refresh_shared`] runs in the club's own write transaction when a
//! record changes (the register's edit, the restriction of a record), so a changed name or
//! birth date reaches the federation with the change, and a restricted record is marked
//! restricted there at once (federation views never show it).
//!
//! A folder of its own below `members` (which calls it) and `licences` (which uses it for
//! the requests): `members` cannot import `licences`, which reads the register.

use crate::affiliations::{self, Affiliation};
use crate::args;
use crate::db::{TenantTx, Value};
use crate::error::Result;
use std::collections::BTreeMap;
use tessera_common::{MemberId, TenantId};

/// The standard member fields a federation may receive (keys of the sharing terms).
pub const STANDARD_KEYS: &[&str] = &[
    "given_name",
    "family_name",
    "birth_date",
    "gender",
    "email",
    "phone",
    "address",
];

/// A member record as the copy reads it (from the club's tables, in the club's
/// transaction).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberSource {
    pub id: i64,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub status: String,
    pub restricted_at: Option<i64>,
    pub erased_at: Option<i64>,
}

impl MemberSource {
    /// Restricted or erased: never shown to a federation.
    pub fn withheld(&self) -> bool {
        self.restricted_at.is_some() || self.erased_at.is_some()
    }

    /// The value of a standard key, when the record has one.
    pub fn value(&self, key: &str) -> Option<String> {
        let v = match key {
            "given_name" => Some(self.given_name.clone()),
            "family_name" => Some(self.family_name.clone()),
            "birth_date" => self.birth_date.clone(),
            "gender" => self.gender.clone(),
            "email" => self.email.clone(),
            "phone" => self.phone.clone(),
            "address" => {
                let parts: Vec<&str> = [&self.street, &self.postcode, &self.city]
                    .into_iter()
                    .filter_map(|p| p.as_deref())
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            }
            _ => None,
        };
        v.filter(|s| !s.trim().is_empty())
    }
}

const SOURCE_COLUMNS: &str = "id, given_name, family_name, birth_date, gender, email, phone, \
     street, postcode, city, status, restricted_at, erased_at";

/// The records `ids` of the club of `tx` (those that exist), in the order asked.
pub async fn read_sources(tx: &mut TenantTx, ids: &[MemberId]) -> Result<Vec<MemberSource>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let list: Vec<String> = chunk.iter().map(|i| i.0.to_string()).collect();
        // The ids are numbers (MemberId), written into the statement as such.
        let rows: Vec<MemberSource> = tx
            .fetch_all(
                &format!(
                    "SELECT {SOURCE_COLUMNS} FROM members WHERE tenant_id = $1 AND id IN ({})",
                    list.join(", ")
                ),
                args![],
            )
            .await?;
        out.extend(rows);
    }
    let order: BTreeMap<i64, usize> = ids.iter().enumerate().map(|(i, m)| (m.0, i)).collect();
    out.sort_by_key(|m| order.get(&m.id).copied().unwrap_or(usize::MAX));
    Ok(out)
}

/// The copy of `m` a federation receives under `terms`: the name columns (empty when not
/// shared), birth date and gender when shared, and the other shared standard fields in
/// the `shared` object. `fed:` keys are not the record's: the caller adds them.
pub struct Copy {
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    pub shared: BTreeMap<String, String>,
}

pub fn copy_of(m: &MemberSource, terms: &Affiliation) -> Copy {
    let shared = ["email", "phone", "address"]
        .into_iter()
        .filter(|k| terms.shares(k))
        .filter_map(|k| m.value(k).map(|v| (k.to_string(), v)))
        .collect();
    Copy {
        given_name: if terms.shares("given_name") {
            m.given_name.clone()
        } else {
            String::new()
        },
        family_name: if terms.shares("family_name") {
            m.family_name.clone()
        } else {
            String::new()
        },
        birth_date: m.birth_date.clone().filter(|_| terms.shares("birth_date")),
        gender: m.gender.clone().filter(|_| terms.shares("gender")),
        shared,
    }
}

/// Merges the standard shared fields of `copy` into a stored `shared` object: the `fed:`
/// values stay, the standard keys are replaced by the copy's (a field no longer shared
/// or emptied leaves).
pub fn merged_shared(stored: &str, copy: &BTreeMap<String, String>) -> String {
    let mut map: BTreeMap<String, String> = serde_json::from_str(stored).unwrap_or_default();
    map.retain(|k, _| k.starts_with("fed:"));
    map.extend(copy.iter().map(|(k, v)| (k.clone(), v.clone())));
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".into())
}

/// Brings the federation copies of the records `ids` of the club of `tx` up to date, in
/// that (write) transaction: for each federation the club is actively affiliated to, the
/// shared fields as they are now; for every federation the club ever belonged to, the
/// restricted mark (a restricted or erased record is hidden from the federation at once).
/// Records a federation does not license are left alone (nothing crosses for them).
pub async fn refresh_shared(tx: &mut TenantTx, ids: &[MemberId]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let club = tx.tenant();
    let feds = affiliations::of_club(tx.platform_part()?, club).await?;
    if feds.is_empty() {
        return Ok(());
    }
    let sources = read_sources(tx, ids).await?;
    let (at, by, by_name) = tx.stamp_values()?;
    let mut seen: Vec<TenantId> = Vec::new();
    for aff in feds {
        if seen.contains(&aff.federation) {
            continue;
        }
        seen.push(aff.federation);
        let active = aff.is_active() && aff.accepted_at.is_some();
        let back = tx.switch_tenant(aff.federation).await?;
        let result = async {
            for m in &sources {
                let stored: Option<(i64, String)> = tx
                    .fetch_optional(
                        "SELECT id, shared FROM fed_people \
                         WHERE tenant_id = $1 AND club_id = $2 AND member_id = $3",
                        args![club.0, m.id],
                    )
                    .await?;
                let Some((person, stored)) = stored else {
                    continue;
                };
                let restricted = Value::from(m.withheld());
                if active && !m.withheld() {
                    let c = copy_of(m, &aff);
                    let shared = merged_shared(&stored, &c.shared);
                    tx.execute(
                        "UPDATE fed_people SET given_name = $3, family_name = $4, \
                         birth_date = $5, gender = $6, shared = $7, restricted = $8, \
                         updated_at = $9, updated_by = $10, updated_by_name = $11, \
                         version = version + 1 WHERE tenant_id = $1 AND id = $2",
                        vec![
                            Value::from(person),
                            c.given_name.into(),
                            c.family_name.into(),
                            c.birth_date.into(),
                            c.gender.into(),
                            shared.into(),
                            restricted,
                            at.clone(),
                            by.clone(),
                            by_name.clone(),
                        ],
                    )
                    .await?;
                } else {
                    tx.execute(
                        "UPDATE fed_people SET restricted = $3, updated_at = $4, \
                         updated_by = $5, updated_by_name = $6, version = version + 1 \
                         WHERE tenant_id = $1 AND id = $2",
                        vec![
                            Value::from(person),
                            restricted,
                            at.clone(),
                            by.clone(),
                            by_name.clone(),
                        ],
                    )
                    .await?;
                }
            }
            Ok::<(), tessera_common::AppError>(())
        }
        .await;
        tx.switch_tenant(back).await?;
        result?;
    }
    Ok(())
}

/// What an erased person's copy keeps in place of their family name (the erasure's
/// placeholder).
const ERASED: &str = crate::event_chain::ERASED;

/// The erasure of the records `ids` of the club of `tx` reaches the federations' copies
/// (fedlog18), in the erasure's own transaction, for every federation the club ever
/// belonged to:
/// - the copy licensed THROUGH this club (`fed_people` row with this club and record) is
///   anonymised: names, birth date, gender and the shared fields (the federation's own
///   fields with them) go, the family name becomes the placeholder and the row is marked
///   restricted, so no federation view shows it again; the licence number and the licence
///   rows (season, category, status, dates) stay as the federation's anonymous licensing
///   history, their reasons replaced by the placeholder; the person's transfers keep their
///   clubs and dates, their objections, decision reasons and steps' reasons (which may
///   name them) become the placeholder;
/// - a person licensed through ANOTHER club now (they moved on: the copy is that club's,
///   maintained by it) keeps that copy: only this club's link goes, the words of the
///   transfers out of (or into) this club's record become the placeholder. The record
///   ids left behind point at this club's anonymous placeholder.
pub async fn erase_copies(tx: &mut TenantTx, ids: &[MemberId]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let club = tx.tenant();
    let feds = affiliations::of_club(tx.platform_part()?, club).await?;
    if feds.is_empty() {
        return Ok(());
    }
    let (at, by, by_name) = tx.stamp_values()?;
    let mut seen: Vec<TenantId> = Vec::new();
    for aff in feds {
        if seen.contains(&aff.federation) {
            continue;
        }
        seen.push(aff.federation);
        let back = tx.switch_tenant(aff.federation).await?;
        let result = async {
            // Set by set, as the erasure works (the ids are numbers, written as such).
            for chunk in ids.chunks(500) {
                let list: Vec<String> = chunk.iter().map(|m| m.0.to_string()).collect();
                let list = list.join(", ");
                let copies: Vec<(i64,)> = tx
                    .fetch_all(
                        &format!(
                            "SELECT id FROM fed_people \
                             WHERE tenant_id = $1 AND club_id = $2 AND member_id IN ({list})"
                        ),
                        args![club.0],
                    )
                    .await?;
                if !copies.is_empty() {
                    let people: Vec<String> = copies.iter().map(|c| c.0.to_string()).collect();
                    let people = people.join(", ");
                    tx.execute(
                        &format!(
                            "UPDATE fed_people SET given_name = '', family_name = $2, \
                             birth_date = NULL, gender = NULL, shared = '{{}}', restricted = $3, \
                             updated_at = $4, updated_by = $5, updated_by_name = $6, \
                             version = version + 1 WHERE tenant_id = $1 AND id IN ({people})"
                        ),
                        vec![
                            Value::from(ERASED),
                            Value::from(true),
                            at.clone(),
                            by.clone(),
                            by_name.clone(),
                        ],
                    )
                    .await?;
                    tx.execute(
                        &format!(
                            "UPDATE licences SET reason = $2 WHERE tenant_id = $1 \
                             AND person_id IN ({people}) AND reason IS NOT NULL"
                        ),
                        vec![Value::from(ERASED)],
                    )
                    .await?;
                    tx.execute(
                        &format!(
                            "UPDATE transfer_steps SET reason = $2 WHERE tenant_id = $1 \
                             AND reason IS NOT NULL AND transfer_id IN \
                             (SELECT id FROM transfers WHERE tenant_id = $1 AND person_id IN ({people}))"
                        ),
                        vec![Value::from(ERASED)],
                    )
                    .await?;
                    tx.execute(
                        &format!(
                            "UPDATE transfers SET \
                             objection = CASE WHEN objection IS NULL THEN NULL ELSE $2 END, \
                             decision_reason = CASE WHEN decision_reason IS NULL THEN NULL ELSE $2 END \
                             WHERE tenant_id = $1 AND person_id IN ({people})"
                        ),
                        vec![Value::from(ERASED)],
                    )
                    .await?;
                }
                // This club's records in the transfers of people licensed elsewhere now.
                let theirs = format!(
                    "((from_club = $2 AND from_member IN ({list})) \
                     OR (to_club = $2 AND to_member IN ({list})))"
                );
                tx.execute(
                    &format!(
                        "UPDATE transfer_steps SET reason = $3 WHERE tenant_id = $1 \
                         AND reason IS NOT NULL AND transfer_id IN \
                         (SELECT id FROM transfers WHERE tenant_id = $1 AND {theirs})"
                    ),
                    vec![Value::from(club.0), Value::from(ERASED)],
                )
                .await?;
                tx.execute(
                    &format!(
                        "UPDATE transfers SET \
                         objection = CASE WHEN objection IS NULL THEN NULL ELSE $3 END, \
                         decision_reason = CASE WHEN decision_reason IS NULL THEN NULL ELSE $3 END \
                         WHERE tenant_id = $1 AND {theirs}"
                    ),
                    vec![Value::from(club.0), Value::from(ERASED)],
                )
                .await?;
            }
            Ok::<(), tessera_common::AppError>(())
        }
        .await;
        tx.switch_tenant(back).await?;
        result?;
    }
    Ok(())
}
