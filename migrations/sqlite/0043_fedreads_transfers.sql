-- A federation's search of the people it licenses (issue 18, item 4): by the start of the
-- family name across its clubs, or within one club, in name order, read in index order
-- and stopped at the page's end (the order `fedreads::search` asks for).
CREATE INDEX fed_people_search ON fed_people (tenant_id, lower(family_name), lower(given_name), id);
CREATE INDEX fed_people_club_search ON fed_people (tenant_id, club_id, lower(family_name), lower(given_name), id);

-- Transfers (issue 18, item 5; xfer18), the federation's tables (tenant_id = the
-- federation): windows per season with the old club's objection period in days; a
-- transfer of a licensed person from their club to another of the federation's clubs
-- (status: `consent` waiting for the person, `open` waiting for the old club until
-- `answer_due_at`, `released` or `objected` waiting for the federation, then `approved` or
-- `refused`); one open transfer per person; every step kept as history.
CREATE TABLE transfer_windows (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    season_id       INTEGER NOT NULL,
    opens_on        TEXT NOT NULL,
    closes_on       TEXT NOT NULL,
    objection_days  INTEGER NOT NULL CHECK (objection_days BETWEEN 1 AND 60),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, season_id) REFERENCES fed_seasons (tenant_id, id),
    CHECK (closes_on >= opens_on)
);
CREATE INDEX transfer_windows_days ON transfer_windows (tenant_id, opens_on);

CREATE TABLE transfers (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    person_id       INTEGER NOT NULL,
    window_id       INTEGER NOT NULL,
    from_club       INTEGER NOT NULL,
    from_member     INTEGER NOT NULL,
    to_club         INTEGER NOT NULL,
    to_member       INTEGER NULL,
    status          TEXT NOT NULL CHECK (status IN ('consent', 'open', 'released', 'objected', 'approved', 'refused')),
    asked_by        TEXT NOT NULL CHECK (asked_by IN ('member', 'club')),
    consent_at      INTEGER NULL,
    answer_due_at   INTEGER NULL,
    objection       TEXT NULL,
    decision_reason TEXT NULL,
    decided_at      INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES fed_people (tenant_id, id),
    FOREIGN KEY (tenant_id, window_id) REFERENCES transfer_windows (tenant_id, id)
);
CREATE UNIQUE INDEX transfers_open ON transfers (tenant_id, person_id)
    WHERE status IN ('consent', 'open', 'released', 'objected');
CREATE INDEX transfers_due ON transfers (tenant_id, status, answer_due_at);
CREATE INDEX transfers_from ON transfers (tenant_id, from_club);
CREATE INDEX transfers_to ON transfers (tenant_id, to_club);

CREATE TABLE transfer_steps (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    transfer_id     INTEGER NOT NULL,
    step            TEXT NOT NULL,
    reason          TEXT NULL,
    at              INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, transfer_id) REFERENCES transfers (tenant_id, id)
);
CREATE INDEX transfer_steps_transfer ON transfer_steps (tenant_id, transfer_id, at);
