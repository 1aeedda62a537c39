//! The SQL of the breach register and the sub-processors: row types and their selects.

use tessera_common::breach::{
    notified_late, BreachFacts, ClubBreach, SubProcessor, SubProcessorChange,
};
use tessera_common::dto::Stamp;
use tessera_common::time::Timestamp;

/// The columns of a club's breach, for `SELECT {BREACH_COLUMNS} FROM breaches b`.
pub(super) const BREACH_COLUMNS: &str = "b.id, b.version, b.incident_id, b.discovered_at, \
    b.nature, b.categories, b.people_count, b.records_count, b.consequences, b.measures, \
    b.recorded_at, b.notified_at, b.acknowledged_at, b.authority_notified_at, \
    b.authority_reason, b.people_notified_at, b.people_reason, b.resolved_at, b.updated_at, \
    b.updated_by_name";

#[derive(sqlx::FromRow)]
pub(super) struct BreachRow {
    pub(super) id: i64,
    pub(super) version: i64,
    pub(super) incident_id: Option<i64>,
    pub(super) discovered_at: i64,
    pub(super) nature: String,
    pub(super) categories: String,
    pub(super) people_count: i64,
    pub(super) records_count: i64,
    pub(super) consequences: String,
    pub(super) measures: String,
    pub(super) recorded_at: i64,
    pub(super) notified_at: Option<i64>,
    pub(super) acknowledged_at: Option<i64>,
    pub(super) authority_notified_at: Option<i64>,
    pub(super) authority_reason: Option<String>,
    pub(super) people_notified_at: Option<i64>,
    pub(super) people_reason: Option<String>,
    pub(super) resolved_at: Option<i64>,
    pub(super) updated_at: i64,
    pub(super) updated_by_name: Option<String>,
}

impl From<BreachRow> for ClubBreach {
    fn from(r: BreachRow) -> ClubBreach {
        let discovered_at = Timestamp(r.discovered_at);
        ClubBreach {
            id: r.id,
            version: r.version,
            from_operator: r.incident_id.is_some(),
            recorded_at: Timestamp(r.recorded_at),
            notified_at: r.notified_at.map(Timestamp),
            notified_late: r
                .notified_at
                .is_some_and(|n| notified_late(discovered_at, Timestamp(n))),
            acknowledged_at: r.acknowledged_at.map(Timestamp),
            authority_notified_at: r.authority_notified_at.map(Timestamp),
            authority_reason: r.authority_reason,
            people_notified_at: r.people_notified_at.map(Timestamp),
            people_reason: r.people_reason,
            resolved_at: r.resolved_at.map(Timestamp),
            stamp: Stamp {
                at: Timestamp(r.updated_at),
                by: r.updated_by_name,
            },
            facts: BreachFacts {
                discovered_at,
                nature: r.nature,
                categories: r.categories,
                people_count: r.people_count,
                records_count: r.records_count,
                consequences: r.consequences,
                measures: r.measures,
            },
        }
    }
}

/// The columns of an operator incident.
pub(super) const INCIDENT_COLUMNS: &str = "id, discovered_at, nature, categories, \
    people_count, records_count, consequences, measures, recorded_at, updated_at, \
    updated_by_name";

#[derive(sqlx::FromRow)]
pub(super) struct IncidentRow {
    pub(super) id: i64,
    pub(super) discovered_at: i64,
    pub(super) nature: String,
    pub(super) categories: String,
    pub(super) people_count: i64,
    pub(super) records_count: i64,
    pub(super) consequences: String,
    pub(super) measures: String,
    pub(super) recorded_at: i64,
    pub(super) updated_at: i64,
    pub(super) updated_by_name: Option<String>,
}

impl IncidentRow {
    pub(super) fn facts(&self) -> BreachFacts {
        BreachFacts {
            discovered_at: Timestamp(self.discovered_at),
            nature: self.nature.clone(),
            categories: self.categories.clone(),
            people_count: self.people_count,
            records_count: self.records_count,
            consequences: self.consequences.clone(),
            measures: self.measures.clone(),
        }
    }
}

pub(super) const SUBPROCESSOR_SELECT: &str = "SELECT id, name, location, service, since, version \
    FROM subprocessors WHERE removed_at IS NULL ORDER BY name, id";

#[derive(sqlx::FromRow)]
pub(super) struct SubProcessorRow {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) location: String,
    pub(super) service: String,
    pub(super) since: String,
    pub(super) version: i64,
}

impl From<SubProcessorRow> for SubProcessor {
    fn from(r: SubProcessorRow) -> SubProcessor {
        SubProcessor {
            id: r.id,
            name: r.name,
            location: r.location,
            service: r.service,
            since: r.since,
            version: r.version,
        }
    }
}

pub(super) const CHANGE_COLUMNS: &str =
    "id, change, name, location, service, announced_at, closes_at";

#[derive(sqlx::FromRow)]
pub(super) struct ChangeRow {
    pub(super) id: i64,
    pub(super) change: String,
    pub(super) name: String,
    pub(super) location: String,
    pub(super) service: String,
    pub(super) announced_at: i64,
    pub(super) closes_at: i64,
}

impl ChangeRow {
    pub(super) fn into_change(self, now: Timestamp) -> SubProcessorChange {
        SubProcessorChange {
            id: self.id,
            open: now.0 < self.closes_at,
            change: self.change,
            name: self.name,
            location: self.location,
            service: self.service,
            announced_at: Timestamp(self.announced_at),
            closes_at: Timestamp(self.closes_at),
            objections: Vec::new(),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct AdminAddress {
    pub(super) email: String,
    pub(super) lang: Option<String>,
}

/// The e-mail addresses of a club's administrators with their language, for
/// `SELECT … FROM` inside a transaction of that club.
pub(super) const ADMIN_ADDRESSES: &str = "SELECT DISTINCT i.email, i.lang FROM memberships m \
    JOIN membership_roles mr ON mr.tenant_id = m.tenant_id AND mr.membership_id = m.id \
    JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id AND r.builtin = 'admin' \
    JOIN identities i ON i.id = m.identity_id \
    WHERE m.tenant_id = $1 ORDER BY i.email";
