//! Duplicate member records (issue 19): finding the records that may be the same person
//! (when staff add a member, when a registration is reviewed, in imports), merging two
//! records of a club into one, linking a guardian to a child by hand, and deleting a record.
//!
//! A possible duplicate is a record of the club (not erased, not restricted) with the same
//! e-mail address, or with the same birth date and the same or a similar name. Names are
//! compared folded ([`name_key`]: case, accents, spaces, hyphens and apostrophes aside);
//! similar is one edit apart (a letter added, dropped, changed or two swapped) or given
//! and family name swapped. Only two index lookups are made (`members_email`,
//! `members_birth`): the cost is the few records sharing a birth date, never the size of
//! the club.
//!
//! Layer: above accounts and members.

mod family;
mod merge;
mod remove;

pub use family::*;
pub use merge::*;
pub use remove::*;

use crate::db::{Db, TenantTx};
use crate::error::Result;
use crate::scope::TenantScope;
use crate::{args, search};
use tessera_common::dupes::{Duplicate, DuplicateReason};
use tessera_common::modules::MEMBERS_EDIT;
use tessera_common::MemberId;

/// The most possible duplicates shown for one person.
pub const MAX_SHOWN: usize = 20;

/// A person as typed, to look for in the register.
#[derive(Clone, Debug, Default)]
pub struct Probe {
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub birth_date: Option<String>,
}

/// A name folded for comparing: lowercase, accents folded, without spaces, hyphens or
/// other punctuation ("Van den Broeck-D'Hondt" → "vandenbroeckdhondt").
pub fn name_key(name: &str) -> String {
    search::fold(name).split_whitespace().collect()
}

/// Whether two strings are at most one edit apart (insert, delete, substitute, or swap of
/// two neighbouring letters).
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    // The common prefix, then what is left must be one edit.
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if p == la && p == lb {
        return true;
    }
    let (ra, rb) = (&a[p..], &b[p..]);
    if la == lb {
        // Substitution, or a swap of two neighbours.
        ra[1..] == rb[1..]
            || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
    } else if la > lb {
        ra[1..] == *rb
    } else {
        *ra == rb[1..]
    }
}

/// How two names compare: the same, similar, or neither.
pub fn compare_names((g1, f1): (&str, &str), (g2, f2): (&str, &str)) -> Option<DuplicateReason> {
    let (g1, f1, g2, f2) = (name_key(g1), name_key(f1), name_key(g2), name_key(f2));
    if g1.is_empty() || f1.is_empty() {
        return None;
    }
    if g1 == g2 && f1 == f2 {
        return Some(DuplicateReason::NameAndBirthDate);
    }
    // Swapped first and last name, or the whole name one edit off (a name shorter than
    // four letters all told is too short to call anything similar).
    let whole1 = format!("{g1}{f1}");
    if (g1 == f2 && f1 == g2)
        || (whole1.chars().count() >= 4
            && ((g1 == g2 && one_edit_apart(&f1, &f2)) || (f1 == f2 && one_edit_apart(&g1, &g2))))
    {
        return Some(DuplicateReason::SimilarName);
    }
    None
}

#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: i64,
    given_name: String,
    family_name: String,
    birth_date: Option<String>,
    email: Option<String>,
}

/// The possible duplicates of `p` among the club's records, best reasons first, without
/// the records in `except`. Inside the caller's transaction; two index lookups.
pub async fn find_in(tx: &mut TenantTx, p: &Probe, except: &[MemberId]) -> Result<Vec<Duplicate>> {
    let email = p
        .email
        .as_deref()
        .and_then(crate::accounts::identities::normalize_email);
    let birth = p
        .birth_date
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(str::to_string);
    if email.is_none() && birth.is_none() {
        return Ok(Vec::new());
    }
    // Each branch answers from its own index; at most a few hundred rows either way.
    let rows: Vec<CandidateRow> = tx
        .fetch_all(
            "SELECT id, given_name, family_name, birth_date, email FROM members \
             WHERE tenant_id = $1 AND email = $2 AND erased_at IS NULL AND restricted_at IS NULL \
             UNION \
             SELECT id, given_name, family_name, birth_date, email FROM members \
             WHERE tenant_id = $1 AND birth_date = $3 AND erased_at IS NULL AND restricted_at IS NULL \
             LIMIT 500",
            args![email.clone(), birth.clone()],
        )
        .await?;
    let mut found: Vec<Duplicate> = rows
        .into_iter()
        .filter(|r| !except.contains(&MemberId(r.id)))
        .filter_map(|r| {
            let reason = if email.is_some() && r.email == email {
                Some(DuplicateReason::Email)
            } else if birth.is_some() && r.birth_date == birth {
                compare_names(
                    (&p.given_name, &p.family_name),
                    (&r.given_name, &r.family_name),
                )
            } else {
                None
            }?;
            Some(Duplicate {
                id: MemberId(r.id),
                given_name: r.given_name,
                family_name: r.family_name,
                birth_date: r.birth_date,
                email: r.email,
                reason,
            })
        })
        .collect();
    let rank = |r: DuplicateReason| match r {
        DuplicateReason::Email => 0,
        DuplicateReason::NameAndBirthDate => 1,
        DuplicateReason::SimilarName => 2,
    };
    found.sort_by_key(|d| (rank(d.reason), d.id.0));
    found.truncate(MAX_SHOWN);
    Ok(found)
}

/// The possible duplicates of a person typed by staff (`members.edit`).
pub async fn find(db: &Db, scope: &TenantScope, p: &Probe) -> Result<Vec<Duplicate>> {
    scope.require(MEMBERS_EDIT)?;
    let mut tx = db.tenant_read(scope).await?;
    let found = find_in(&mut tx, p, &[]).await?;
    tx.commit().await?;
    Ok(found)
}

/// The possible duplicates of one record (`members.edit`), for its page.
pub async fn of_member(db: &Db, scope: &TenantScope, id: MemberId) -> Result<Vec<Duplicate>> {
    scope.require(MEMBERS_EDIT)?;
    let mut tx = db.tenant_read(scope).await?;
    let row: Option<CandidateRow> = tx
        .fetch_optional(
            "SELECT id, given_name, family_name, birth_date, email FROM members \
             WHERE tenant_id = $1 AND id = $2 AND erased_at IS NULL",
            args![id],
        )
        .await?;
    let found = match row {
        Some(r) => {
            let p = Probe {
                given_name: r.given_name,
                family_name: r.family_name,
                email: r.email,
                birth_date: r.birth_date,
            };
            find_in(&mut tx, &p, &[id]).await?
        }
        None => Vec::new(),
    };
    tx.commit().await?;
    Ok(found)
}

/// The probe of a record as typed in the staff form.
pub fn probe_of(input: &crate::members::MemberInput) -> Probe {
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    Probe {
        given_name: input.given_name.clone(),
        family_name: input.family_name.clone(),
        email: opt(&input.email),
        birth_date: opt(&input.birth_date),
    }
}

/// Adds a member record typed by staff (`members.edit`), as `members::create_from_input`
/// does, after the form's checks: unless `different` (staff confirmed that this is
/// someone else), a record with possible duplicates is refused with [`Msg::DupFound`]
/// and nothing is stored; the form then shows the duplicates ([`find`]).
pub async fn create_member(
    db: &Db,
    scope: &TenantScope,
    actor: &crate::scope::Actor,
    now: tessera_common::time::Timestamp,
    input: &crate::members::MemberInput,
    different: bool,
) -> Result<MemberId> {
    scope.require(MEMBERS_EDIT)?;
    if !different {
        crate::members::check_input(db, scope, input, scope.today(now)).await?;
        if !find(db, scope, &probe_of(input)).await?.is_empty() {
            return Err(tessera_common::AppError::conflict(
                tessera_common::Msg::DupFound,
            ));
        }
    }
    crate::members::create_from_input(db, scope, actor, now, input).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_folded_and_one_edit_apart() {
        let same = Some(DuplicateReason::NameAndBirthDate);
        let similar = Some(DuplicateReason::SimilarName);
        assert_eq!(compare_names(("Jan", "Peeters"), ("jan", "PEETERS")), same);
        assert_eq!(
            compare_names(("Hélène", "Dubois"), ("Helene", "Dubois")),
            same
        );
        assert_eq!(
            compare_names(
                ("Anne-Marie", "Van den Broeck"),
                ("Anne Marie", "Vandenbroeck")
            ),
            same
        );
        assert_eq!(
            compare_names(("Jan", "Peeters"), ("Jan", "Peters")),
            similar
        );
        assert_eq!(
            compare_names(("Jan", "Peeters"), ("Jna", "Peeters")),
            similar
        );
        assert_eq!(
            compare_names(("Jan", "Peeters"), ("Peeters", "Jan")),
            similar
        );
        assert_eq!(compare_names(("Jan", "Peeters"), ("Jan", "Maes")), None);
        assert_eq!(compare_names(("Jan", "Peeters"), ("Jef", "Peeters")), None);
        assert_eq!(compare_names(("Jan", "Peeters"), ("Jan", "Pieterse")), None);
        assert!(one_edit_apart("abc", "abcd"));
        assert!(one_edit_apart("abcd", "acbd"));
        assert!(!one_edit_apart("abcd", "badc"));
        assert!(!one_edit_apart("ab", "abcd"));
    }
}
