//! The people already in the register (and earlier in the file), so a row for the same
//! person is skipped rather than stored twice. The rules are those of `dupes` (issue 19):
//! the same e-mail address, the same name and birth date, or a similar name
//! (`dupes::compare_names`) with the same birth date.

use crate::args;
use crate::db::TenantTx;
use crate::error::Result;
use std::collections::HashMap;

// ---------------------------------------------------------------- duplicates

/// Who is already there: by e-mail address, and by sort name and birth date. `None` is a
/// member of the club, `Some(row)` an earlier row of the file. People with neither an
/// e-mail address nor a birth date are known by their name among such people only, so a
/// second run of a file adds them no more than the others.
#[derive(Default)]
pub(super) struct Known {
    pub(super) emails: HashMap<String, Option<usize>>,
    pub(super) people: HashMap<(String, String), Option<usize>>,
    pub(super) unidentified: HashMap<String, Option<usize>>,
    /// Per birth date, the names born that day (given, family), for similar names.
    pub(super) births: HashMap<String, Vec<(String, String, Option<usize>)>>,
}

/// What identifies a person for finding duplicates.
pub(super) struct Identity {
    pub(super) email: Option<String>,
    pub(super) sort_name: String,
    pub(super) birth_date: Option<String>,
    pub(super) given_name: String,
    pub(super) family_name: String,
}

#[derive(sqlx::FromRow)]
pub(super) struct KeyRow {
    pub(super) email: Option<String>,
    pub(super) sort_name: String,
    pub(super) birth_date: Option<String>,
    pub(super) given_name: String,
    pub(super) family_name: String,
}

impl Known {
    /// The club's members, read once (not one query per row).
    pub(super) async fn load(tx: &mut TenantTx) -> Result<Known> {
        let rows: Vec<KeyRow> = tx
            .fetch_all(
                "SELECT email, sort_name, birth_date, given_name, family_name FROM members \
                 WHERE tenant_id = $1 AND erased_at IS NULL",
                args![],
            )
            .await?;
        let mut k = Known::default();
        for r in rows {
            k.remember(
                Identity {
                    email: r.email.map(|e| e.to_lowercase()),
                    sort_name: r.sort_name,
                    birth_date: r.birth_date,
                    given_name: r.given_name,
                    family_name: r.family_name,
                },
                None,
            );
        }
        Ok(k)
    }

    pub(super) fn remember(&mut self, id: Identity, origin: Option<usize>) {
        if id.email.is_none() && id.birth_date.is_none() {
            self.unidentified.insert(id.sort_name, origin);
            return;
        }
        if let Some(e) = id.email {
            self.emails.insert(e, origin);
        }
        if let Some(b) = id.birth_date {
            self.births
                .entry(b.clone())
                .or_default()
                .push((id.given_name, id.family_name, origin));
            self.people.insert((id.sort_name, b), origin);
        }
    }

    /// Whether the row is a duplicate (and why, and whether of a member of the club);
    /// otherwise the row is remembered for the rows after it.
    pub(super) fn check(&mut self, row: usize, id: Identity) -> Option<(bool, String)> {
        let of = |origin: Option<usize>, what: &str| match origin {
            None => (true, format!("a member of the club has the same {what}")),
            Some(r) => (false, format!("row {r} has the same {what}")),
        };
        if let Some(o) = id.email.as_ref().and_then(|e| self.emails.get(e)) {
            return Some(of(*o, "e-mail address"));
        }
        if let Some(b) = &id.birth_date {
            if let Some(o) = self.people.get(&(id.sort_name.clone(), b.clone())) {
                return Some(of(*o, "name and birth date"));
            }
            let similar = self.births.get(b).and_then(|born| {
                born.iter().find_map(|(g, f, o)| {
                    crate::dupes::compare_names(
                        (&id.given_name, &id.family_name),
                        (g.as_str(), f.as_str()),
                    )
                    .map(|r| (r, *o))
                })
            });
            if let Some((reason, o)) = similar {
                return Some(of(
                    o,
                    match reason {
                        tessera_common::dupes::DuplicateReason::SimilarName => {
                            "birth date and a similar name"
                        }
                        _ => "name and birth date",
                    },
                ));
            }
        }
        if id.email.is_none() && id.birth_date.is_none() {
            if let Some(o) = self.unidentified.get(&id.sort_name) {
                return Some(of(
                    *o,
                    "name, and neither has an e-mail address or a birth date",
                ));
            }
        }
        self.remember(id, Some(row));
        None
    }
}
