//! The federation's scoped, logged reads of licensed people (issue 18, item 4): what the
//! server functions of `/f/{federation}/people` return. Only the fields the person's club
//! shares are ever filled in; every read of them is logged in that club's event log.

use serde::{Deserialize, Serialize};

/// The kind of the club event that records a federation's read of its people.
pub const FEDERATION_READ: &str = "federation_read";

/// The kind of the federation's own event that counts an export of its licensed people
/// (fedlog18; the detail is `n=<people>`, never whom: the clubs' logs say whom).
pub const FEDERATION_EXPORT: &str = "federation_export";

/// One page of a federation's own event log (`/f/{federation}/log`, fedlog18): newest
/// first, [`FED_LOG_PAGE`] entries a page, the entries as the club's event log shows
/// them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FedLogPage {
    pub federation: String,
    pub federation_name: String,
    pub page: i64,
    pub has_more: bool,
    pub events: Vec<crate::dto::ClubEventEntry>,
}

/// Entries on one page of a federation's event log.
pub const FED_LOG_PAGE: i64 = 50;

/// One read (a queued read's detail, JSON; an entry of the club's log written before reads
/// were logged in batches): which federation, what was read (`search`, `person`,
/// `export`, `licences`, `transfers`), how many people and which (their member ids in the
/// club; entries written before the batches also held the name the federation saw, and
/// the club's log page fills in each person's name from the club's own record).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadDetail {
    pub federation: String,
    pub what: String,
    pub count: i64,
    #[serde(default)]
    pub people: Vec<ReadPerson>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadPerson {
    pub member: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The reads of one person of one federation that the job moved into the club's log at
/// once: one entry (the person is the entry's), each read with its instant, what, how many
/// and which members (ids only: no name of a person read is kept in the log, so an erasure
/// leaves these entries as they are and the erased record's placeholder is what they name).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadBatch {
    pub federation: String,
    pub reads: Vec<BatchedRead>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchedRead {
    pub at: i64,
    pub what: String,
    pub count: i64,
    pub people: Vec<i64>,
}

/// Every read a federation-read entry's (or a queued read's) detail records, each with
/// its instant: the reads of a batch, or the one read of a detail written before the
/// batches (at the entry's instant `at`). A detail that is neither (an erased one) records
/// none.
pub fn logged_reads(detail: &str, at: i64) -> Vec<(i64, ReadDetail)> {
    if let Ok(batch) = serde_json::from_str::<ReadBatch>(detail) {
        return batch
            .reads
            .into_iter()
            .map(|r| {
                let people = r
                    .people
                    .into_iter()
                    .map(|member| ReadPerson { member, name: None })
                    .collect();
                let read = ReadDetail {
                    federation: batch.federation.clone(),
                    what: r.what,
                    count: r.count,
                    people,
                };
                (r.at, read)
            })
            .collect();
    }
    ReadDetail::parse(detail)
        .map(|d| (at, d))
        .into_iter()
        .collect()
}

impl ReadDetail {
    pub fn parse(detail: &str) -> Option<ReadDetail> {
        serde_json::from_str(detail).ok()
    }
    /// Whether the read was about the club's member `member`.
    pub fn names_member(&self, member: i64) -> bool {
        self.people.iter().any(|p| p.member == member)
    }
}

/// A club the federation may search (actively affiliated, sharing terms accepted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedClubOption {
    pub slug: String,
    pub name: String,
}

/// One licensed person in a result: the licence number (the federation's own) and the
/// club, and each personal field only when the club shares it now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedPersonRow {
    pub id: i64,
    pub licence_number: String,
    pub club_slug: String,
    pub club_name: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
}

/// A page of the search of licensed people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedPeoplePage {
    pub federation: String,
    pub federation_name: String,
    pub q: String,
    pub club: String,
    pub page: i64,
    pub has_more: bool,
    pub rows: Vec<FedPersonRow>,
    /// The club filter's options (none when `many_clubs`).
    pub clubs: Vec<FedClubOption>,
    /// More clubs than a list holds (or none): the filter takes a typed club name.
    pub many_clubs: bool,
}

/// A shared field of a person: its key (`birth_date`, `email`, `fed:<key>`), its label for
/// the federation's own fields, and its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedField {
    pub key: String,
    pub label: Option<String>,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedLicence {
    pub season: String,
    pub category: String,
    pub club_name: String,
    pub status: String,
}

/// A person's federation view: only the shared fields, and their licences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FedPersonView {
    pub federation: String,
    pub id: i64,
    pub licence_number: String,
    pub club_slug: String,
    pub club_name: String,
    pub fields: Vec<FedField>,
    pub licences: Vec<FedLicence>,
}
