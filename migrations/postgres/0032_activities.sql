-- Activities and attendance (issue 19): trainings (weekly, with an end date), matches and
-- one-off events per group, exceptions per occurrence, attendance marks, absences reported
-- beforehand, private calendar feeds.
--
-- An activity's times are local in the club's zone: start_time 'HH:MM' on each date, so an
-- occurrence keeps its wall-clock time across summer-time changes. A weekly activity has
-- weekday (0 = Monday) and runs on that weekday from first_date to end_date (inclusive); a
-- match or event has weekday NULL and first_date = end_date. An occurrence is named by its
-- scheduled date (occ_date, 'YYYY-MM-DD').
SELECT set_config('app.maintenance', 'on', true);
CREATE TABLE activities (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    group_id        BIGINT  NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('training', 'match', 'event')),
    title           TEXT    NOT NULL,
    place           TEXT    NOT NULL DEFAULT '',
    weekday         BIGINT  NULL CHECK (weekday IS NULL OR weekday BETWEEN 0 AND 6),
    start_time      TEXT    NOT NULL,
    duration_min    BIGINT  NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),
    first_date      TEXT    NOT NULL,
    end_date        TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES club_groups (tenant_id, id) ON DELETE CASCADE,
    CHECK (end_date >= first_date)
);
CREATE INDEX activities_group ON activities (tenant_id, group_id, end_date);

-- One occurrence changed: cancelled (with a reason), or moved to another date/time/place.
CREATE TABLE activity_exceptions (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    activity_id     BIGINT  NOT NULL,
    occ_date        TEXT    NOT NULL,
    cancelled       BOOLEAN NOT NULL DEFAULT FALSE,
    reason          TEXT    NOT NULL DEFAULT '',
    new_date        TEXT    NULL,
    new_time        TEXT    NULL,
    new_place       TEXT    NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, activity_id, occ_date),
    FOREIGN KEY (tenant_id, activity_id) REFERENCES activities (tenant_id, id) ON DELETE CASCADE
);

-- Attendance marked by a leader: present, absent or excused.
CREATE TABLE attendance (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    activity_id     BIGINT  NOT NULL,
    occ_date        TEXT    NOT NULL,
    member_id       BIGINT  NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, activity_id, occ_date, member_id),
    FOREIGN KEY (tenant_id, activity_id) REFERENCES activities (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX attendance_member ON attendance (tenant_id, member_id, occ_date);

-- An absence reported beforehand by the member or a guardian, with a reason.
CREATE TABLE activity_absences (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    activity_id     BIGINT  NOT NULL,
    occ_date        TEXT    NOT NULL,
    member_id       BIGINT  NOT NULL,
    reason          TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, activity_id, occ_date, member_id),
    FOREIGN KEY (tenant_id, activity_id) REFERENCES activities (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX activity_absences_member ON activity_absences (tenant_id, member_id);

-- A private calendar feed: of a member (their groups) or of a group. Only the SHA-256 of
-- the random token is kept; revoked feeds answer 404.
CREATE TABLE calendar_feeds (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    member_id       BIGINT  NULL,
    group_id        BIGINT  NULL,
    token_hash      TEXT    NOT NULL,
    revoked_at      BIGINT  NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, group_id) REFERENCES club_groups (tenant_id, id) ON DELETE CASCADE,
    CHECK ((member_id IS NULL) <> (group_id IS NULL))
);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['activities', 'activity_exceptions', 'attendance',
                             'activity_absences', 'calendar_feeds']
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
