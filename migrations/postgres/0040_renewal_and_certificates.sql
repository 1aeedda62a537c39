-- Season renewal and health-insurer certificates (issue 20).
--
-- certificate_settings: who signs the club's health-insurer certificates (the officer's
-- name and role) and the image of their signature (PNG or JPEG, checked by its bytes and
-- size-capped at upload), one row per club.
SELECT set_config('app.maintenance', 'on', true);
CREATE TABLE certificate_settings (
    tenant_id       BIGINT  NOT NULL PRIMARY KEY REFERENCES tenants (id),
    officer_name    TEXT    NOT NULL DEFAULT '',
    officer_role    TEXT    NOT NULL DEFAULT '',
    signature       BYTEA   NULL,
    signature_type  TEXT    NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1
);

-- A renewal into a season (`season_id`, the new one): opened once per season, for a
-- selection of the register; members who have not renewed end on `ends_on` ('YYYY-MM-DD'
-- in the club's zone), which the daily job carries out (`ended_at`).
CREATE TABLE renewals (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    season_id       BIGINT  NOT NULL,
    ends_on         TEXT    NOT NULL,
    filter          TEXT    NOT NULL DEFAULT '',
    opened_at       BIGINT  NOT NULL,
    ended_at        BIGINT  NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, season_id),
    FOREIGN KEY (tenant_id, season_id) REFERENCES seasons (tenant_id, id)
);

-- One member asked to renew: the link mailed (its token stored as SHA-256, to the member
-- or, for a child, to a guardian: `addressee_id`), the answer (`pending`, `renewed`,
-- `declined`) and, when they did not renew by the renewal's end date, `ended_at`.
-- A member is asked at most once per season.
CREATE TABLE renewal_members (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    renewal_id      BIGINT  NOT NULL,
    season_id       BIGINT  NOT NULL,
    member_id       BIGINT  NOT NULL,
    addressee_id    BIGINT  NULL,
    token_hash      TEXT    NOT NULL,
    expires_at      BIGINT  NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'renewed', 'declined')),
    answered_at     BIGINT  NULL,
    ended_at        BIGINT  NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, season_id, member_id),
    UNIQUE (token_hash),
    FOREIGN KEY (tenant_id, renewal_id) REFERENCES renewals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX renewal_members_state ON renewal_members (tenant_id, renewal_id, state);

-- As every tenant table since 0018: row-level security forced (the owner too), the
-- tenant set for the transaction, and the owner's maintenance policy.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['certificate_settings', 'renewals', 'renewal_members']
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
