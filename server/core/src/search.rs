//! The register's search by name or e-mail address, as an index both backends answer
//! quickly: `member_search` holds, per member, the normalised words of the family name, the
//! given name and the e-mail address (lowercase, accents folded, punctuation dropped), and
//! a query word matches a member when one of their words starts with it. Several query words
//! must all match (the sets intersect). Each lookup is a range scan of the primary key
//! `(tenant_id, term, member_id)`, so it costs what it finds, never the size of the club.
//!
//! The words of a record are rewritten in the transaction that writes the record: on
//! insert (`members::insert`, `members::insert_many`) and on every update
//! ([`reindex`]); a deleted member's words go with it (a trigger, see migration 0011).
//! [`rebuild_if_stale`] fills the index for records written before it existed, or after
//! [`VERSION`] changes what a word is.

use crate::args;
use crate::db::{TenantTx, Tx, Value};
use crate::error::Result;
use tessera_common::MemberId;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// What the index holds; bump when [`terms`] changes, so existing records are indexed again.
pub const VERSION: i64 = 2;

/// The longest word kept (and the longest query word looked up).
const MAX_TERM: usize = 64;

/// The most query words looked up; more are ignored.
const MAX_QUERY_WORDS: usize = 5;

/// The key the register is sorted by: family name, then given name, lowercase.
pub fn sort_name(given: &str, family: &str) -> String {
    format!("{} {}", family.trim(), given.trim()).to_lowercase()
}

/// Lowercase, accents and ligatures folded to plain letters ("Hélène" → "helene",
/// "Œuvray" → "oeuvray", "Straße" → "strasse"); anything that is not a letter or a digit
/// becomes a space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'ı' => out.push('i'),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out
}

fn truncate(mut w: String) -> String {
    if w.len() > MAX_TERM {
        let mut end = MAX_TERM;
        while !w.is_char_boundary(end) {
            end -= 1;
        }
        w.truncate(end);
    }
    w
}

/// The words of a name: each word, and the whole name run together, so "Van den Broeck" is
/// found by "broeck", "van den b" and "vandenbroeck", and "D'Hondt" by "hondt" and "dhondt".
fn name_words(name: &str, into: &mut Vec<String>) {
    let folded = fold(name);
    into.extend(folded.split_whitespace().map(str::to_string));
    into.push(folded.split_whitespace().collect());
}

/// The words a member is found by: the words of their names, the words of the e-mail
/// address's local part (numbers alone left out), the whole address and the domain run
/// together ("jan.peeters@telenet.be" → "jan", "peeters", "janpeeterstelenetbe",
/// "telenetbe"). A word that starts another word of the same member is left out, since
/// every prefix search that finds it finds the longer one too.
pub fn terms(given: &str, family: &str, email: Option<&str>) -> Vec<String> {
    let mut all = Vec::new();
    name_words(family, &mut all);
    name_words(given, &mut all);
    if let Some(email) = email {
        let (local, domain) = email.rsplit_once('@').unwrap_or((email, ""));
        all.extend(
            fold(local)
                .split_whitespace()
                .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
                .map(str::to_string),
        );
        all.push(fold(email).split_whitespace().collect());
        all.push(fold(domain).split_whitespace().collect());
    }
    let mut all: Vec<String> = all
        .into_iter()
        .filter(|w| !w.is_empty())
        .map(truncate)
        .collect();
    // Sorted, a word that starts another one sits right before one that it starts.
    all.sort();
    all.dedup();
    let mut kept: Vec<String> = Vec::with_capacity(all.len());
    for (i, w) in all.iter().enumerate() {
        if !all[i + 1..]
            .iter()
            .any(|longer| longer.starts_with(w.as_str()))
        {
            kept.push(w.clone());
        }
    }
    kept
}

/// The words of a search: each word typed, folded and with its punctuation dropped
/// ("D'Hondt" → "dhondt", "jan.peeters@tel" → "janpeeterstel"). Empty when nothing
/// searchable was typed.
pub fn query_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = query
        .split_whitespace()
        .map(|w| truncate(fold(w).split_whitespace().collect()))
        .filter(|w: &String| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    words.truncate(MAX_QUERY_WORDS);
    words
}

/// The smallest string after every string that starts with `prefix`.
fn after_prefix(prefix: &str) -> String {
    let mut s = prefix.to_string();
    while let Some(c) = s.pop() {
        let mut next = c as u32 + 1;
        if (0xD800..0xE000).contains(&next) {
            next = 0xE000;
        }
        if let Some(n) = char::from_u32(next) {
            s.push(n);
            return s;
        }
    }
    // Only reached for a prefix of U+10FFFF characters: nothing sorts after it.
    "\u{10FFFF}\u{10FFFF}".to_string()
}

/// The index range of each search word, bound: `param` binds a value and returns its
/// placeholder. For [`matches`] and [`matches_sorted`].
pub(crate) fn bind_ranges(
    words: &[String],
    mut param: impl FnMut(Value) -> String,
) -> Vec<(String, String)> {
    words
        .iter()
        .map(|w| (param(w.as_str().into()), param(after_prefix(w).into())))
        .collect()
}

/// The ids of the members every word matches, as SQL (`member_id`, each once): a range scan
/// per word, intersected. (`+member_id` is an expression, so SQLite does not answer
/// DISTINCT by walking the tenant's whole `member_search_member` index when it has no
/// statistics.)
pub(crate) fn matches(ranges: &[(String, String)]) -> String {
    intersect(ranges, "+member_id AS member_id")
}

/// [`matches`] with each member's name order (`member_id`, `sort_name`), from the index
/// alone: a page of a search in name order is taken from this before any record is read.
pub(crate) fn matches_sorted(ranges: &[(String, String)]) -> String {
    intersect(ranges, "+member_id AS member_id, sort_name")
}

fn intersect(ranges: &[(String, String)], columns: &str) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|(from, to)| {
            format!(
                "SELECT DISTINCT {columns} FROM member_search WHERE tenant_id = $1 \
                 AND term >= {from} AND term < {to}"
            )
        })
        .collect();
    parts.join(" INTERSECT ")
}

/// Rows of `member_search` for one member, for [`TenantTx::insert_index_rows`].
pub(crate) fn rows(
    id: MemberId,
    given: &str,
    family: &str,
    email: Option<&str>,
) -> Vec<Vec<Value>> {
    let sort_name = sort_name(given, family);
    terms(given, family, email)
        .into_iter()
        .map(|t| vec![Value::from(t), Value::from(id), Value::from(&sort_name)])
        .collect()
}

pub(crate) const COLUMNS: &[&str] = &["term", "member_id", "sort_name"];

/// Writes the words of a new member, in the transaction that inserts it.
pub(crate) async fn index(
    tx: &mut TenantTx,
    id: MemberId,
    given: &str,
    family: &str,
    email: Option<&str>,
) -> Result<()> {
    tx.insert_index_rows("member_search", COLUMNS, rows(id, given, family, email))
        .await
}

/// Rewrites the words of a member from the record as it now is, in the transaction that
/// changed it.
pub(crate) async fn reindex(tx: &mut TenantTx, id: MemberId) -> Result<()> {
    let row: Option<(String, String, Option<String>)> = tx
        .fetch_optional(
            "SELECT given_name, family_name, email FROM members WHERE tenant_id = $1 AND id = $2 \
             AND restricted_at IS NULL AND erased_at IS NULL",
            args![id],
        )
        .await?;
    tx.execute(
        "DELETE FROM member_search WHERE tenant_id = $1 AND member_id = $2",
        args![id],
    )
    .await?;
    if let Some((given, family, email)) = row {
        index(tx, id, &given, &family, email.as_deref()).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SourceRow {
    tenant_id: i64,
    id: i64,
    given_name: String,
    family_name: String,
    email: Option<String>,
    /// A restricted record stays out of the index (issue 17).
    restricted_at: Option<i64>,
}

/// Indexes every record again when the index is older than [`VERSION`] (records written
/// before the index existed, or a change of what a word is). Runs with the migrations, as
/// the owner of the tables, across tenants; does nothing when the index is current.
pub(crate) async fn rebuild_if_stale(mut tx: Tx) -> Result<()> {
    let (version,): (i64,) = tx
        .fetch_one("SELECT version FROM member_search_state", vec![])
        .await?;
    if version >= VERSION {
        return tx.commit().await;
    }
    tx.execute("DELETE FROM member_search", vec![]).await?;
    let mut after = (i64::MIN, i64::MIN);
    loop {
        let batch: Vec<SourceRow> = tx
            .fetch_all(
                "SELECT tenant_id, id, given_name, family_name, email, restricted_at FROM members \
                 WHERE tenant_id > $1 OR (tenant_id = $1 AND id > $2) \
                 ORDER BY tenant_id, id LIMIT 5000",
                vec![after.0.into(), after.1.into()],
            )
            .await?;
        let Some(last) = batch.last() else { break };
        after = (last.tenant_id, last.id);
        let mut rows = Vec::new();
        for r in batch.iter().filter(|r| r.restricted_at.is_none()) {
            let id = MemberId(r.id);
            for row in self::rows(id, &r.given_name, &r.family_name, r.email.as_deref()) {
                rows.push(std::iter::once(r.tenant_id.into()).chain(row).collect());
            }
        }
        let cols: Vec<&str> = std::iter::once("tenant_id")
            .chain(COLUMNS.iter().copied())
            .collect();
        tx.insert_rows("member_search", &[], &cols, rows).await?;
    }
    tx.execute(
        "UPDATE member_search_state SET version = $1",
        vec![VERSION.into()],
    )
    .await?;
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_accents_and_punctuation() {
        assert_eq!(fold("Hélène"), "helene");
        assert_eq!(fold("D'Hondt"), "d hondt");
        assert_eq!(fold("Œuvray-Straße"), "oeuvray strasse");
        assert_eq!(fold("ÇÀÏÔÜ"), "caiou");
    }

    #[test]
    fn a_member_is_found_by_name_words_and_address() {
        let t = terms("Hélène", "Van den Broeck", Some("helene.vdb@telenet.be"));
        // "helene" starts the address and "van" starts "vandenbroeck": a prefix search
        // for either finds the longer word, so they are not kept on their own.
        assert_eq!(
            t,
            vec![
                "broeck",
                "den",
                "helenevdbtelenetbe",
                "telenetbe",
                "vandenbroeck",
                "vdb"
            ]
        );
        assert_eq!(
            terms("Jan", "D'Hondt", None),
            vec!["dhondt", "hondt", "jan"]
        );
        // Numbers alone in the address add nothing beyond the whole address.
        assert_eq!(
            terms("Jan", "Jansens", Some("jan.jansens.12@x.be")),
            vec!["janjansens12xbe", "jansens", "xbe"]
        );
    }

    #[test]
    fn query_words_are_folded_like_the_index() {
        assert_eq!(query_words("  HÉLÈNE  van "), vec!["helene", "van"]);
        assert_eq!(query_words("d'hondt"), vec!["dhondt"]);
        assert_eq!(query_words("jan.peeters@tel"), vec!["janpeeterstel"]);
        assert!(query_words("% _ -").is_empty());
    }

    #[test]
    fn the_prefix_range_ends_after_every_continuation() {
        assert_eq!(after_prefix("jan"), "jao");
        assert_eq!(after_prefix("z"), "{");
        assert!("janssens" < after_prefix("jan").as_str());
        assert!("jao" >= after_prefix("jan").as_str());
    }
}
