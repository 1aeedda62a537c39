-- Accounts: second factors, recovery codes, sign-in throttling, the sessions a person can
-- see and revoke, and the append-only security event log.

ALTER TABLE identities ADD COLUMN totp_secret TEXT NULL;
ALTER TABLE identities ADD COLUMN totp_pending_secret TEXT NULL;
ALTER TABLE identities ADD COLUMN totp_enabled_at INTEGER NULL;
-- The last 30-second step whose code was accepted: a code is accepted once, and only for a
-- step after this one (advanced by a conditional update, so two simultaneous submissions of
-- one code cannot both pass).
ALTER TABLE identities ADD COLUMN totp_last_step INTEGER NULL;
ALTER TABLE identities ADD COLUMN password_changed_at INTEGER NULL;

CREATE TABLE recovery_codes (
    identity_id INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    code_hash   TEXT   NOT NULL,
    used_at     INTEGER NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (identity_id, code_hash)
);

-- Failed attempts per key ('account:<id>', 'ip:<address>', 'totp:<id>', 'reset:<email>').
CREATE TABLE auth_throttle (
    key          TEXT   NOT NULL PRIMARY KEY,
    failures     INTEGER NOT NULL,
    window_start INTEGER NOT NULL,
    locked_until INTEGER NULL
);

-- The sessions of a person, for the "your sessions" page; the session data itself lives in
-- the session store under the same id.
CREATE TABLE account_sessions (
    session_id   TEXT   NOT NULL PRIMARY KEY,
    identity_id  INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    address      TEXT   NULL,
    user_agent   TEXT   NULL
);
CREATE INDEX account_sessions_identity ON account_sessions (identity_id);

-- Append-only: the application inserts and reads, never updates or deletes.
CREATE TABLE security_events (
    id          INTEGER NOT NULL PRIMARY KEY,
    identity_id INTEGER NULL,
    tenant_id   INTEGER NULL,
    kind        TEXT   NOT NULL,
    detail      TEXT   NULL,
    address     TEXT   NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX security_events_identity ON security_events (identity_id, at);
CREATE INDEX security_events_tenant ON security_events (tenant_id, at);

CREATE TRIGGER security_events_no_update BEFORE UPDATE ON security_events
BEGIN SELECT RAISE(ABORT, 'security_events is append-only'); END;
CREATE TRIGGER security_events_no_delete BEFORE DELETE ON security_events
BEGIN SELECT RAISE(ABORT, 'security_events is append-only'); END;
