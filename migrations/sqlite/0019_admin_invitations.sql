-- Administrator invitations: a person who is not yet a member of the club is invited by a
-- mailed, single-use, 7-day link (stored only as a hash) and becomes an administrator only
-- when they accept it themselves. `email` and `name` are what the inviter typed; nothing of
-- an existing account is copied in.
CREATE TABLE admin_invitations (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    email           TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    token_hash      TEXT    NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    invited_by      INTEGER NULL REFERENCES identities (id) ON DELETE SET NULL,
    accepted_at     INTEGER NULL,
    accepted_by     INTEGER NULL REFERENCES identities (id) ON DELETE SET NULL,
    withdrawn_at    INTEGER NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX admin_invitations_email ON admin_invitations (tenant_id, email);
