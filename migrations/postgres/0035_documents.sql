-- The club's week (issue 19), member documents: kinds the club defines (medical
-- certificate, a guardian's ID, a signed form), each saying whether an expiry date is
-- required, and the files staff attach to a member, stored in the database per tenant like
-- the logo. expires_on is a 'YYYY-MM-DD' day in the club's zone (inclusive: valid through
-- that day); reminded_at is set when the daily job mailed the reminder before expiry (once
-- per document).
SELECT set_config('app.maintenance', 'on', true);
CREATE TABLE document_kinds (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    name            TEXT    NOT NULL,
    expiry_required BOOLEAN NOT NULL DEFAULT FALSE,
    archived_at     BIGINT  NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

CREATE TABLE member_documents (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    member_id       BIGINT  NOT NULL,
    kind_id         BIGINT  NOT NULL,
    file_name       TEXT    NOT NULL,
    content_type    TEXT    NOT NULL,
    size            BIGINT  NOT NULL,
    sha256          TEXT    NOT NULL,
    data            BYTEA   NOT NULL,
    expires_on      TEXT    NULL,
    reminded_at     BIGINT  NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, kind_id) REFERENCES document_kinds (tenant_id, id)
);
CREATE INDEX member_documents_member ON member_documents (tenant_id, member_id);
-- The list of what expires soon and the reminders: a range on the expiry day.
CREATE INDEX member_documents_expiry ON member_documents (tenant_id, expires_on)
    WHERE expires_on IS NOT NULL;

-- Birthdays this week: the active, unrestricted register by month and day of birth
-- ('MM-DD'), in the register's order within a day (one range per day, no sort).
CREATE INDEX members_birthdays ON members (tenant_id, substr(birth_date, 6, 5), sort_name, id)
    WHERE birth_date IS NOT NULL AND status = 'active' AND restricted_at IS NULL
    AND erased_at IS NULL;

-- As every tenant table since 0018: row-level security forced (the owner too), the
-- tenant set for the transaction, and the owner's maintenance policy.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['document_kinds', 'member_documents']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I '
            'USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint) '
            'WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint)',
            t);
        EXECUTE format(
            'CREATE POLICY owner_maintenance ON %I '
            'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
            'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
            t, current_user, current_user);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END $$;

SELECT set_config('app.maintenance', 'off', true);
