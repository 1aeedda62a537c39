-- Retention (issue 17): per-club retention policies, the log of the retention job's runs,
-- the mark of an anonymised member, a club's contract end (read-only from then, deleted at
-- deletion_at). Old entries leave the club's event log only through its hash chain's anchor
-- (migration 0026, `TenantTx::prune_events`).
CREATE TABLE retention_policies (
    tenant_id        INTEGER NOT NULL REFERENCES tenants (id),
    id               INTEGER NOT NULL,
    member_months    INTEGER NOT NULL,
    application_days INTEGER NOT NULL,
    link_days        INTEGER NOT NULL,
    event_months     INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    updated_by       INTEGER NULL,
    updated_by_name  TEXT    NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);

-- One row per run of the retention job in a club: counts only, never whom.
CREATE TABLE retention_runs (
    tenant_id            INTEGER NOT NULL REFERENCES tenants (id),
    id                   INTEGER NOT NULL,
    started_at           INTEGER NOT NULL,
    finished_at          INTEGER NULL,
    members_anonymised   INTEGER NOT NULL DEFAULT 0,
    applications_removed INTEGER NOT NULL DEFAULT 0,
    links_removed        INTEGER NOT NULL DEFAULT 0,
    events_removed       INTEGER NOT NULL DEFAULT 0,
    updated_at           INTEGER NOT NULL,
    updated_by           INTEGER NULL,
    updated_by_name      TEXT    NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX retention_runs_open ON retention_runs (tenant_id, finished_at);

ALTER TABLE members ADD COLUMN anonymised_at INTEGER NULL;
-- The retention job's question, "who ended before this day and is not anonymised yet",
-- answered from an index of exactly those records.
CREATE INDEX members_ended_on ON members (tenant_id, ended_on)
    WHERE ended_on IS NOT NULL AND anonymised_at IS NULL;

ALTER TABLE tenants ADD COLUMN contract_ends_at INTEGER NULL;
ALTER TABLE tenants ADD COLUMN contract_end_on TEXT NULL;
ALTER TABLE tenants ADD COLUMN deletion_at INTEGER NULL;
ALTER TABLE tenants ADD COLUMN deletion_on TEXT NULL;
ALTER TABLE tenants ADD COLUMN reminder_30_at INTEGER NULL;
ALTER TABLE tenants ADD COLUMN reminder_7_at INTEGER NULL;

