-- /healthz proves a write can be made: it updates this one row in a real write transaction.
-- A platform table (no tenant): the application role gets its rights with every table's.
CREATE TABLE platform_health (
    id         BIGINT PRIMARY KEY,
    checked_at BIGINT NOT NULL
);
INSERT INTO platform_health (id, checked_at) VALUES (1, 0);

-- A web import's progress and its end live in the database: rows stored so far and of how
-- many (written while it runs), and when an import found running with nobody running it
-- (its process ended mid-way, nothing of it stored) was marked failed.
ALTER TABLE member_imports
    ADD COLUMN progress_done BIGINT NULL,
    ADD COLUMN progress_total BIGINT NULL,
    ADD COLUMN interrupted_at BIGINT NULL;
CREATE INDEX member_imports_running ON member_imports (status) WHERE status = 'running';

-- The imports marked running, in every tenant (numbers only), for the recovery at start-up,
-- which then looks at each one in its own tenant's scope.
CREATE FUNCTION running_member_imports() RETURNS TABLE (tenant_id BIGINT, id BIGINT)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT tenant_id, id FROM member_imports WHERE status = 'running' $$;
