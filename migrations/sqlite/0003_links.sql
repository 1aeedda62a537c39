-- Links sent by mail (invitation, password reset, e-mail change): single use, expiring,
-- stored only as a hash of the token.
CREATE TABLE auth_tokens (
    token_hash  TEXT   NOT NULL PRIMARY KEY,
    identity_id INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    purpose     TEXT   NOT NULL CHECK (purpose IN ('invite', 'reset', 'email_change')),
    new_email   TEXT   NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX auth_tokens_identity ON auth_tokens (identity_id, purpose);
