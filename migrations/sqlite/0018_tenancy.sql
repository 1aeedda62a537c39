-- Tenancy as a type: platform events (sign-in, factors, passwords, sessions, links: per
-- person, no tenant) move out of security_events into platform_events; security_events
-- keeps the clubs' event logs. (Row-level security is PostgreSQL's; see its 0018.)
CREATE TABLE platform_events (
    id          INTEGER NOT NULL PRIMARY KEY,
    identity_id INTEGER NULL,
    kind        TEXT    NOT NULL,
    detail      TEXT    NULL,
    address     TEXT    NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX platform_events_identity ON platform_events (identity_id, at);
CREATE TRIGGER platform_events_no_update BEFORE UPDATE ON platform_events
BEGIN SELECT RAISE(ABORT, 'platform_events is append-only'); END;
CREATE TRIGGER platform_events_no_delete BEFORE DELETE ON platform_events
BEGIN SELECT RAISE(ABORT, 'platform_events is append-only'); END;

INSERT INTO platform_events (id, identity_id, kind, detail, address, at)
SELECT id, identity_id, kind, detail, address, at FROM security_events WHERE tenant_id IS NULL;
-- The one deletion the event log ever sees: the rows just copied to platform_events.
DROP TRIGGER security_events_no_delete;
DELETE FROM security_events WHERE tenant_id IS NULL;
CREATE TRIGGER security_events_no_delete BEFORE DELETE ON security_events
BEGIN SELECT RAISE(ABORT, 'security_events is append-only'); END;
