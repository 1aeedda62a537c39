-- Accounts: second factors, recovery codes, sign-in throttling, the sessions a person can
-- see and revoke, and the append-only security event log.

ALTER TABLE identities ADD COLUMN totp_secret TEXT NULL;
ALTER TABLE identities ADD COLUMN totp_pending_secret TEXT NULL;
ALTER TABLE identities ADD COLUMN totp_enabled_at BIGINT NULL;
-- The last 30-second step whose code was accepted: a code is accepted once, and only for a
-- step after this one (advanced by a conditional update, so two simultaneous submissions of
-- one code cannot both pass).
ALTER TABLE identities ADD COLUMN totp_last_step BIGINT NULL;
ALTER TABLE identities ADD COLUMN password_changed_at BIGINT NULL;

CREATE TABLE recovery_codes (
    identity_id BIGINT NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    code_hash   TEXT   NOT NULL,
    used_at     BIGINT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (identity_id, code_hash)
);

-- Failed attempts per key ('account:<id>', 'ip:<address>', 'totp:<id>', 'reset:<email>').
CREATE TABLE auth_throttle (
    key          TEXT   NOT NULL PRIMARY KEY,
    failures     BIGINT NOT NULL,
    window_start BIGINT NOT NULL,
    locked_until BIGINT NULL
);

-- The sessions of a person, for the "your sessions" page; the session data itself lives in
-- the session store under the same id.
CREATE TABLE account_sessions (
    session_id   TEXT   NOT NULL PRIMARY KEY,
    identity_id  BIGINT NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    address      TEXT   NULL,
    user_agent   TEXT   NULL
);
CREATE INDEX account_sessions_identity ON account_sessions (identity_id);

-- Append-only: the application inserts and reads, never updates or deletes.
CREATE TABLE security_events (
    id          BIGINT NOT NULL PRIMARY KEY,
    identity_id BIGINT NULL,
    tenant_id   BIGINT NULL,
    kind        TEXT   NOT NULL,
    detail      TEXT   NULL,
    address     TEXT   NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX security_events_identity ON security_events (identity_id, at);
CREATE INDEX security_events_tenant ON security_events (tenant_id, at);

-- The event log stays append-only for the application role whatever grants run later.
CREATE FUNCTION security_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'security_events is append-only';
END $$;
CREATE TRIGGER security_events_no_change BEFORE UPDATE OR DELETE ON security_events
    FOR EACH ROW EXECUTE FUNCTION security_events_append_only();
