-- Links sent by mail (invitation, password reset, e-mail change): single use, expiring,
-- stored only as a hash of the token.
CREATE TABLE auth_tokens (
    token_hash  TEXT   NOT NULL PRIMARY KEY,
    identity_id BIGINT NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    purpose     TEXT   NOT NULL CHECK (purpose IN ('invite', 'reset', 'email_change')),
    new_email   TEXT   NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX auth_tokens_identity ON auth_tokens (identity_id, purpose);
