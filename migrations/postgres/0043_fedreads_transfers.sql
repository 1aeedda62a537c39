-- A federation's search of the people it licenses (issue 18, item 4): by the start of the
-- family name across its clubs, or within one club, in name order, read in index order
-- and stopped at the page's end (the order `fedreads::search` asks for). Compared byte by
-- byte (COLLATE "C"), so a prefix is a range whatever the database's collation.
CREATE INDEX fed_people_search ON fed_people (tenant_id, (lower(family_name) COLLATE "C"), (lower(given_name) COLLATE "C"), id);
CREATE INDEX fed_people_club_search ON fed_people (tenant_id, club_id, (lower(family_name) COLLATE "C"), (lower(given_name) COLLATE "C"), id);

-- Transfers (issue 18, item 5; xfer18), the federation's tables (tenant_id = the
-- federation): windows per season with the old club's objection period in days; a
-- transfer of a licensed person from their club to another of the federation's clubs
-- (status: `consent` waiting for the person, `open` waiting for the old club until
-- `answer_due_at`, `released` or `objected` waiting for the federation, then `approved` or
-- `refused`); one open transfer per person; every step kept as history.
CREATE TABLE transfer_windows (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    season_id       BIGINT  NOT NULL,
    opens_on        TEXT NOT NULL,
    closes_on       TEXT NOT NULL,
    objection_days  BIGINT  NOT NULL CHECK (objection_days BETWEEN 1 AND 60),
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, season_id) REFERENCES fed_seasons (tenant_id, id),
    CHECK (closes_on >= opens_on)
);
CREATE INDEX transfer_windows_days ON transfer_windows (tenant_id, opens_on);

CREATE TABLE transfers (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    person_id       BIGINT  NOT NULL,
    window_id       BIGINT  NOT NULL,
    from_club       BIGINT  NOT NULL,
    from_member     BIGINT  NOT NULL,
    to_club         BIGINT  NOT NULL,
    to_member       BIGINT  NULL,
    status          TEXT NOT NULL CHECK (status IN ('consent', 'open', 'released', 'objected', 'approved', 'refused')),
    asked_by        TEXT NOT NULL CHECK (asked_by IN ('member', 'club')),
    consent_at      BIGINT  NULL,
    answer_due_at   BIGINT  NULL,
    objection       TEXT NULL,
    decision_reason TEXT NULL,
    decided_at      BIGINT  NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
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
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    transfer_id     BIGINT  NOT NULL,
    step            TEXT NOT NULL,
    reason          TEXT NULL,
    at              BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, transfer_id) REFERENCES transfers (tenant_id, id)
);
CREATE INDEX transfer_steps_transfer ON transfer_steps (tenant_id, transfer_id, at);

-- As every tenant table since 0018: row-level security forced (the owner too), the
-- tenant set for the transaction, and the owner's maintenance policy.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['transfer_windows', 'transfers', 'transfer_steps']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I '
            'USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint) '
            'WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint)',
            t);
        EXECUTE format(
            'CREATE POLICY owner_maintenance ON %I '
            'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
            'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
            t, current_user, current_user);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END $$;

SELECT set_config('app.maintenance', 'off', true);
