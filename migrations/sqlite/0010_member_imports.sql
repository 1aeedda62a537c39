-- Member imports through the web: the uploaded file, its column mapping, and how the
-- (all-or-nothing) import went. Kept for the club's history; the file can be dropped.
CREATE TABLE member_imports (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    file_name       TEXT NOT NULL,
    -- The file's header row (one name per line) and number of rows, read at upload, so the
    -- page (which refreshes every second while the import runs) never reads the file again.
    headers         TEXT NOT NULL,
    row_count       INTEGER NOT NULL,
    content         BLOB NULL,
    -- One line per column: index=target.
    mapping         TEXT NOT NULL,
    -- uploaded, running, done, failed
    status          TEXT NOT NULL,
    added           INTEGER NULL,
    skipped         INTEGER NULL,
    error           TEXT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
