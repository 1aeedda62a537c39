-- The club's week (issue 19): groups of kinds the club names (teams, age categories,
-- training groups, committees), with members from / to dates and leaders.
--
-- A group membership is one row per period: from_date (inclusive) to to_date (inclusive,
-- NULL while it lasts), dates as 'YYYY-MM-DD' in the club's zone. A member is in the group
-- on day d when from_date <= d AND (to_date IS NULL OR to_date >= d). leader = 1 marks a
-- leader (trainer, coach, chair) of the group; a leader is a member record too, linked to an
-- account through memberships.member_id.
CREATE TABLE group_kinds (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    -- Age categories: groups of this kind are suggested from birth years (see club_groups).
    age_bands       INTEGER NOT NULL DEFAULT 0,
    sort            INTEGER NOT NULL DEFAULT 0,
    archived_at     INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

CREATE TABLE club_groups (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    kind_id         INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    -- Age band (for kinds with age_bands): members born in [min_birth_year, max_birth_year].
    min_birth_year  INTEGER NULL,
    max_birth_year  INTEGER NULL,
    archived_at     INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name),
    FOREIGN KEY (tenant_id, kind_id) REFERENCES group_kinds (tenant_id, id)
);

CREATE TABLE group_members (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    group_id        INTEGER NOT NULL,
    member_id       INTEGER NOT NULL,
    from_date       TEXT    NOT NULL,
    to_date         TEXT    NULL,
    leader          INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES club_groups (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX group_members_group ON group_members (tenant_id, group_id, to_date);
CREATE INDEX group_members_member ON group_members (tenant_id, member_id);

-- The week's modules: groups, activities and attendance, mailings and documents on the
-- trial, standard and premium plans.
UPDATE plans SET modules = trim(modules || ' groups activities mailings documents')
WHERE id IN ('trial', 'standard', 'premium');
