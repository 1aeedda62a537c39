-- The club's week (issue 19): groups of kinds the club names (teams, age categories,
-- training groups, committees), with members from / to dates and leaders.
--
-- A group membership is one row per period: from_date (inclusive) to to_date (inclusive,
-- NULL while it lasts), dates as 'YYYY-MM-DD' in the club's zone. A member is in the group
-- on day d when from_date <= d AND (to_date IS NULL OR to_date >= d). leader = 1 marks a
-- leader (trainer, coach, chair) of the group; a leader is a member record too, linked to an
-- account through memberships.member_id.
SELECT set_config('app.maintenance', 'on', true);
CREATE TABLE group_kinds (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    name            TEXT    NOT NULL,
    -- Age categories: groups of this kind are suggested from birth years (see club_groups).
    age_bands       BOOLEAN NOT NULL DEFAULT FALSE,
    sort            BIGINT  NOT NULL DEFAULT 0,
    archived_at     BIGINT  NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

CREATE TABLE club_groups (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    kind_id         BIGINT  NOT NULL,
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    -- Age band (for kinds with age_bands): members born in [min_birth_year, max_birth_year].
    min_birth_year  BIGINT  NULL,
    max_birth_year  BIGINT  NULL,
    archived_at     BIGINT  NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name),
    FOREIGN KEY (tenant_id, kind_id) REFERENCES group_kinds (tenant_id, id)
);

CREATE TABLE group_members (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    group_id        BIGINT  NOT NULL,
    member_id       BIGINT  NOT NULL,
    from_date       TEXT    NOT NULL,
    to_date         TEXT    NULL,
    leader          BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES club_groups (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX group_members_group ON group_members (tenant_id, group_id, to_date);
CREATE INDEX group_members_member ON group_members (tenant_id, member_id);

-- As every tenant table since 0018: row-level security forced (the owner too), the
-- tenant set for the transaction, and the owner's maintenance policy.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['group_kinds', 'club_groups', 'group_members']
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

-- The week's modules: groups, activities and attendance, mailings and documents on the
-- trial, standard and premium plans.
UPDATE plans SET modules = trim(modules || ' groups activities mailings documents')
WHERE id IN ('trial', 'standard', 'premium');
