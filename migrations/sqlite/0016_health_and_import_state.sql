-- /healthz proves a write can be made: it updates this one row in a real write transaction.
CREATE TABLE platform_health (
    id         INTEGER PRIMARY KEY,
    checked_at INTEGER NOT NULL
);
INSERT INTO platform_health (id, checked_at) VALUES (1, 0);

-- A web import's progress and its end live in the database: rows stored so far and of how
-- many (written while it runs where the database allows it: PostgreSQL), and when an import
-- found running at start-up (its process ended mid-way, nothing of it stored) was marked
-- failed.
ALTER TABLE member_imports ADD COLUMN progress_done INTEGER NULL;
ALTER TABLE member_imports ADD COLUMN progress_total INTEGER NULL;
ALTER TABLE member_imports ADD COLUMN interrupted_at INTEGER NULL;
CREATE INDEX member_imports_running ON member_imports (status) WHERE status = 'running';
