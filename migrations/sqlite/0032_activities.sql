-- Activities and attendance (issue 19): trainings (weekly, with an end date), matches and
-- one-off events per group, exceptions per occurrence, attendance marks, absences reported
-- beforehand, private calendar feeds.
--
-- An activity's times are local in the club's zone: start_time 'HH:MM' on each date, so an
-- occurrence keeps its wall-clock time across summer-time changes. A weekly activity has
-- weekday (0 = Monday) and runs on that weekday from first_date to end_date (inclusive); a
-- match or event has weekday NULL and first_date = end_date. An occurrence is named by its
-- scheduled date (occ_date, 'YYYY-MM-DD').
CREATE TABLE activities (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    group_id        INTEGER NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('training', 'match', 'event')),
    title           TEXT    NOT NULL,
    place           TEXT    NOT NULL DEFAULT '',
    weekday         INTEGER NULL CHECK (weekday IS NULL OR weekday BETWEEN 0 AND 6),
    start_time      TEXT    NOT NULL,
    duration_min    INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),
    first_date      TEXT    NOT NULL,
    end_date        TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES club_groups (tenant_id, id) ON DELETE CASCADE,
    CHECK (end_date >= first_date)
);
CREATE INDEX activities_group ON activities (tenant_id, group_id, end_date);

-- One occurrence changed: cancelled (with a reason), or moved to another date/time/place.
CREATE TABLE activity_exceptions (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    activity_id     INTEGER NOT NULL,
    occ_date        TEXT    NOT NULL,
    cancelled       INTEGER NOT NULL DEFAULT 0,
    reason          TEXT    NOT NULL DEFAULT '',
    new_date        TEXT    NULL,
    new_time        TEXT    NULL,
    new_place       TEXT    NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, activity_id, occ_date),
    FOREIGN KEY (tenant_id, activity_id) REFERENCES activities (tenant_id, id) ON DELETE CASCADE
);

-- Attendance marked by a leader: present, absent or excused.
CREATE TABLE attendance (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    activity_id     INTEGER NOT NULL,
    occ_date        TEXT    NOT NULL,
    member_id       INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, activity_id, occ_date, member_id),
    FOREIGN KEY (tenant_id, activity_id) REFERENCES activities (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX attendance_member ON attendance (tenant_id, member_id, occ_date);

-- An absence reported beforehand by the member or a guardian, with a reason.
CREATE TABLE activity_absences (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    activity_id     INTEGER NOT NULL,
    occ_date        TEXT    NOT NULL,
    member_id       INTEGER NOT NULL,
    reason          TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, activity_id, occ_date, member_id),
    FOREIGN KEY (tenant_id, activity_id) REFERENCES activities (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX activity_absences_member ON activity_absences (tenant_id, member_id);

-- A private calendar feed: of a member (their groups) or of a group. Only the SHA-256 of
-- the random token is kept; revoked feeds answer 404.
CREATE TABLE calendar_feeds (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    member_id       INTEGER NULL,
    group_id        INTEGER NULL,
    token_hash      TEXT    NOT NULL,
    revoked_at      INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, group_id) REFERENCES club_groups (tenant_id, id) ON DELETE CASCADE,
    CHECK ((member_id IS NULL) <> (group_id IS NULL))
);
