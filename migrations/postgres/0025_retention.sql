-- Retention (issue 17): per-club retention policies, the log of the retention job's runs,
-- the mark of an anonymised member, a club's contract end (read-only from then, deleted at
-- deletion_at). Old entries leave the club's event log only through its hash chain's anchor
-- (migration 0026, `TenantTx::prune_events`).
CREATE TABLE retention_policies (
    tenant_id        BIGINT NOT NULL REFERENCES tenants (id),
    id               BIGINT NOT NULL,
    member_months    BIGINT NOT NULL,
    application_days BIGINT NOT NULL,
    link_days        BIGINT NOT NULL,
    event_months     BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    updated_by       BIGINT NULL,
    updated_by_name  TEXT   NULL,
    version          BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);

-- One row per run of the retention job in a club: counts only, never whom.
CREATE TABLE retention_runs (
    tenant_id            BIGINT NOT NULL REFERENCES tenants (id),
    id                   BIGINT NOT NULL,
    started_at           BIGINT NOT NULL,
    finished_at          BIGINT NULL,
    members_anonymised   BIGINT NOT NULL DEFAULT 0,
    applications_removed BIGINT NOT NULL DEFAULT 0,
    links_removed        BIGINT NOT NULL DEFAULT 0,
    events_removed       BIGINT NOT NULL DEFAULT 0,
    updated_at           BIGINT NOT NULL,
    updated_by           BIGINT NULL,
    updated_by_name      TEXT   NULL,
    version              BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX retention_runs_open ON retention_runs (tenant_id, finished_at);

ALTER TABLE members ADD COLUMN anonymised_at BIGINT NULL;
-- The retention job's question, "who ended before this day and is not anonymised yet",
-- answered from an index of exactly those records.
CREATE INDEX members_ended_on ON members (tenant_id, ended_on)
    WHERE ended_on IS NOT NULL AND anonymised_at IS NULL;

ALTER TABLE tenants ADD COLUMN contract_ends_at BIGINT NULL;
ALTER TABLE tenants ADD COLUMN contract_end_on TEXT NULL;
ALTER TABLE tenants ADD COLUMN deletion_at BIGINT NULL;
ALTER TABLE tenants ADD COLUMN deletion_on TEXT NULL;
ALTER TABLE tenants ADD COLUMN reminder_30_at BIGINT NULL;
ALTER TABLE tenants ADD COLUMN reminder_7_at BIGINT NULL;

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['retention_policies', 'retention_runs'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I '
            'USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint) '
            'WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint)', t);
        EXECUTE format(
            'CREATE POLICY owner_maintenance ON %I '
            'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
            'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
            t, current_user, current_user);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END $$;
