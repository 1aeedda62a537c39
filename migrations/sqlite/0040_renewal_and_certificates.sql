-- Season renewal and health-insurer certificates (issue 20).
--
-- certificate_settings: who signs the club's health-insurer certificates (the officer's
-- name and role) and the image of their signature (PNG or JPEG, checked by its bytes and
-- size-capped at upload), one row per club.
CREATE TABLE certificate_settings (
    tenant_id       INTEGER NOT NULL PRIMARY KEY REFERENCES tenants (id),
    officer_name    TEXT    NOT NULL DEFAULT '',
    officer_role    TEXT    NOT NULL DEFAULT '',
    signature       BLOB    NULL,
    signature_type  TEXT    NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

-- A renewal into a season (`season_id`, the new one): opened once per season, for a
-- selection of the register; members who have not renewed end on `ends_on` ('YYYY-MM-DD'
-- in the club's zone), which the daily job carries out (`ended_at`).
CREATE TABLE renewals (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    season_id       INTEGER NOT NULL,
    ends_on         TEXT    NOT NULL,
    filter          TEXT    NOT NULL DEFAULT '',
    opened_at       INTEGER NOT NULL,
    ended_at        INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, season_id),
    FOREIGN KEY (tenant_id, season_id) REFERENCES seasons (tenant_id, id)
);

-- One member asked to renew: the link mailed (its token stored as SHA-256, to the member
-- or, for a child, to a guardian: `addressee_id`), the answer (`pending`, `renewed`,
-- `declined`) and, when they did not renew by the renewal's end date, `ended_at`.
-- A member is asked at most once per season.
CREATE TABLE renewal_members (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    renewal_id      INTEGER NOT NULL,
    season_id       INTEGER NOT NULL,
    member_id       INTEGER NOT NULL,
    addressee_id    INTEGER NULL,
    token_hash      TEXT    NOT NULL,
    expires_at      INTEGER NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'renewed', 'declined')),
    answered_at     INTEGER NULL,
    ended_at        INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, season_id, member_id),
    UNIQUE (token_hash),
    FOREIGN KEY (tenant_id, renewal_id) REFERENCES renewals (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX renewal_members_state ON renewal_members (tenant_id, renewal_id, state);
