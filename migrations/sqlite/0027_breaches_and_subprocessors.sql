-- (SQLite: the same tables as migrations/postgres; SQLite has no row-level security.)
-- Data protection (issue 17): the breach register, the sub-processors and objections to
-- their changes.
--
-- Tenant table `breaches`: a club's own register of personal-data breaches, under row-level
-- security like every tenant table. A breach the platform operator notified to the club is
-- a row here too (`incident_id` names the operator's incident, `notified_at` when the club
-- was told, `acknowledged_at` when an administrator of the club saw the banner). The club
-- records whether and when it notified the authority (GBA/APD) and the people concerned:
-- an instant when it did, a reason when it decided not to. No person is named here: counts
-- and descriptions only.
CREATE TABLE breaches (
    tenant_id             INTEGER NOT NULL REFERENCES tenants (id),
    id                    INTEGER NOT NULL,
    incident_id           INTEGER NULL,
    discovered_at         INTEGER NOT NULL,
    nature                TEXT    NOT NULL,
    categories            TEXT    NOT NULL,
    people_count          INTEGER NOT NULL CHECK (people_count >= 0),
    records_count         INTEGER NOT NULL CHECK (records_count >= 0),
    consequences          TEXT    NOT NULL,
    measures              TEXT    NOT NULL,
    recorded_at           INTEGER NOT NULL,
    notified_at           INTEGER NULL,
    acknowledged_at       INTEGER NULL,
    acknowledged_by       INTEGER NULL,
    authority_notified_at INTEGER NULL,
    authority_reason      TEXT    NULL,
    people_notified_at    INTEGER NULL,
    people_reason         TEXT    NULL,
    resolved_at           INTEGER NULL,
    updated_at            INTEGER NOT NULL,
    updated_by            INTEGER NULL,
    updated_by_name       TEXT    NULL,
    version               INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, incident_id)
);


-- Platform tables (like tenants and plans: the operator's own records, no tenant column, no
-- row-level security). An incident of the platform, and the clubs it affects with when
-- each was notified (the 72-hour clock runs from `discovered_at`).
CREATE TABLE platform_incidents (
    id              INTEGER NOT NULL PRIMARY KEY,
    discovered_at   INTEGER NOT NULL,
    nature          TEXT    NOT NULL,
    categories      TEXT    NOT NULL,
    people_count    INTEGER NOT NULL CHECK (people_count >= 0),
    records_count   INTEGER NOT NULL CHECK (records_count >= 0),
    consequences    TEXT    NOT NULL,
    measures        TEXT    NOT NULL,
    recorded_at     INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE platform_incident_clubs (
    incident_id INTEGER NOT NULL REFERENCES platform_incidents (id),
    club_id     INTEGER NOT NULL REFERENCES tenants (id),
    notified_at INTEGER NULL,
    PRIMARY KEY (incident_id, club_id)
);
CREATE INDEX platform_incident_clubs_club ON platform_incident_clubs (club_id);

-- The sub-processors the platform uses, and every change to the list: a change is
-- announced to every club and can be objected to until `closes_at` (14 days).
CREATE TABLE subprocessors (
    id              INTEGER NOT NULL PRIMARY KEY,
    name            TEXT    NOT NULL,
    location        TEXT    NOT NULL,
    service         TEXT    NOT NULL,
    since           TEXT    NOT NULL,
    removed_at      INTEGER NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE subprocessor_changes (
    id              INTEGER NOT NULL PRIMARY KEY,
    subprocessor_id INTEGER NOT NULL REFERENCES subprocessors (id),
    change          TEXT    NOT NULL CHECK (change IN ('added', 'modified', 'removed')),
    name            TEXT    NOT NULL,
    location        TEXT    NOT NULL,
    service         TEXT    NOT NULL,
    announced_at    INTEGER NOT NULL,
    closes_at       INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL
);
CREATE INDEX subprocessor_changes_closes ON subprocessor_changes (closes_at);
-- A club's objection to a change, kept with the change (one per club and change); its
-- last-change stamp says when and by whom the club objected.
CREATE TABLE subprocessor_objections (
    change_id       INTEGER NOT NULL REFERENCES subprocessor_changes (id),
    club_id         INTEGER NOT NULL REFERENCES tenants (id),
    reason          TEXT   NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT   NULL,
    PRIMARY KEY (change_id, club_id)
);
CREATE INDEX subprocessor_objections_club ON subprocessor_objections (club_id);
