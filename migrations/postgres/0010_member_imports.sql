-- Member imports through the web: the uploaded file, its column mapping, and how the
-- (all-or-nothing) import went. Kept for the club's history; the file can be dropped.
CREATE TABLE member_imports (
    tenant_id       BIGINT NOT NULL REFERENCES tenants (id),
    id              BIGINT NOT NULL,
    file_name       TEXT NOT NULL,
    -- The file's header row (one name per line) and number of rows, read at upload, so the
    -- page (which refreshes every second while the import runs) never reads the file again.
    headers         TEXT NOT NULL,
    row_count       BIGINT NOT NULL,
    content         BYTEA NULL,
    -- One line per column: index=target.
    mapping         TEXT NOT NULL,
    -- uploaded, running, done, failed
    status          TEXT NOT NULL,
    added           BIGINT NULL,
    skipped         BIGINT NULL,
    error           TEXT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    updated_by      BIGINT NULL,
    updated_by_name TEXT NULL,
    version         BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);

ALTER TABLE member_imports ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_imports
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
