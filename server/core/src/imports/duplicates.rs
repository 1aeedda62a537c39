//! The people already in the register (and earlier in the file), so a row for the same
//! person is skipped rather than stored twice.

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
}

/// What identifies a person for finding duplicates.
pub(super) struct Identity {
    pub(super) email: Option<String>,
    pub(super) sort_name: String,
    pub(super) birth_date: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct KeyRow {
    pub(super) email: Option<String>,
    pub(super) sort_name: String,
    pub(super) birth_date: Option<String>,
}

impl Known {
    /// The club's members, read once (not one query per row).
    pub(super) async fn load(tx: &mut TenantTx) -> Result<Known> {
        let rows: Vec<KeyRow> = tx
            .fetch_all(
                "SELECT email, sort_name, birth_date FROM members WHERE tenant_id = $1",
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
