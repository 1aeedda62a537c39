-- Throttle counters keyed by the SHA-256 of their key (32 bytes whatever the key), with the
-- end of their window so an hourly job can delete the ones that ended. The old table held
-- keys of any length, never deleted; its counters are short-lived, so it is replaced rather
-- than converted.
DROP TABLE auth_throttle;
CREATE TABLE auth_throttle (
    key_hash   BLOB    NOT NULL PRIMARY KEY CHECK (length(key_hash) = 32),
    attempts   INTEGER NOT NULL,
    window_end INTEGER NOT NULL
);
CREATE INDEX auth_throttle_window_end ON auth_throttle (window_end);

-- Secrets of the platform shared by every application server (the registration form's
-- signing key). Each is created once, by whichever server needs it first
-- (INSERT … ON CONFLICT DO NOTHING, then read back), so all servers use the same one.
CREATE TABLE platform_secrets (
    name       TEXT    NOT NULL PRIMARY KEY,
    value      BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);
