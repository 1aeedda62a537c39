-- Administrator invitations: a person who is not yet a member of the club is invited by a
-- mailed, single-use, 7-day link (stored only as a hash) and becomes an administrator only
-- when they accept it themselves. `email` and `name` are what the inviter typed; nothing of
-- an existing account is copied in.
CREATE TABLE admin_invitations (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    email           TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    token_hash      TEXT    NOT NULL UNIQUE,
    created_at      BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    invited_by      BIGINT  NULL REFERENCES identities (id) ON DELETE SET NULL,
    accepted_at     BIGINT  NULL,
    accepted_by     BIGINT  NULL REFERENCES identities (id) ON DELETE SET NULL,
    withdrawn_at    BIGINT  NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX admin_invitations_email ON admin_invitations (tenant_id, email);

-- As every tenant table since 0018: row-level security forced (the owner too), the
-- tenant set for the transaction, and the owner's maintenance policy.
ALTER TABLE admin_invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON admin_invitations
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
DO $$
BEGIN
    EXECUTE format(
        'CREATE POLICY owner_maintenance ON admin_invitations '
        'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
        'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
        current_user, current_user);
END $$;
ALTER TABLE admin_invitations FORCE ROW LEVEL SECURITY;
