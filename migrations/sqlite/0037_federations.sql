-- Federations (issue 18), the shared core.
--
-- `affiliations` ties a club to a federation (a platform table: it belongs to both). A
-- club may belong to several federations; one open row (invited, requested, active) per
-- pair, history kept (refused, ended rows stay). The data-sharing terms are on the row:
-- `shared_fields`, the field keys the federation receives (standard keys such as
-- `given_name birth_date gender email`, and `fed:<key>` for the federation's own fields),
-- accepted by the club's admin at `terms_version` (`accepted_at` NULL: not accepted, nothing
-- personal is shared). No active affiliation, no access of any kind.
--
-- The federation's own data lives in its tenant (tenant_id = the federation): its seasons,
-- licence categories, its own fields, the people it licenses (`fed_people`: the shared
-- fields as the club sent them, with the licence number that stays with the person across
-- clubs and seasons) and the licences per season. A club never reads these tables, and
-- a federation never reads the club's tables: what crosses is written by the club's action
-- (a licence request copies the shared fields) under the affiliation's terms.
CREATE TABLE affiliations (
    id               INTEGER NOT NULL PRIMARY KEY,
    federation_id    INTEGER NOT NULL REFERENCES tenants (id),
    club_id          INTEGER NOT NULL REFERENCES tenants (id),
    status           TEXT    NOT NULL CHECK (status IN ('invited', 'requested', 'active', 'refused', 'ended')),
    initiated_by     TEXT    NOT NULL CHECK (initiated_by IN ('federation', 'club', 'operator')),
    shared_fields    TEXT    NOT NULL DEFAULT '',
    terms_version    INTEGER NOT NULL DEFAULT 0,
    accepted_at      INTEGER NULL,
    accepted_by_name TEXT    NULL,
    started_at       INTEGER NULL,
    ended_at         INTEGER NULL,
    reason           TEXT    NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    updated_by       INTEGER NULL,
    updated_by_name  TEXT    NULL,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX affiliations_open ON affiliations (federation_id, club_id)
    WHERE status IN ('invited', 'requested', 'active');
CREATE INDEX affiliations_club ON affiliations (club_id);

CREATE TABLE fed_seasons (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    starts_on       TEXT    NOT NULL,
    ends_on         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name),
    CHECK (ends_on >= starts_on)
);

-- A licence category with its fee; an age band when min_age/max_age are set, the age
-- taken on the season's reference date `age_on` ('MM-DD', e.g. '12-31').
CREATE TABLE licence_categories (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    fee_cents       INTEGER NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
    min_age         INTEGER NULL,
    max_age         INTEGER NULL,
    age_on          TEXT    NULL,
    archived_at     INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

-- The federation's own fields, which clubs fill in for the members they license.
CREATE TABLE fed_fields (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    key             TEXT    NOT NULL,
    label           TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice', 'yes_no')),
    choices         TEXT    NOT NULL DEFAULT '',
    required        INTEGER NOT NULL DEFAULT 0,
    archived_at     INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, key)
);

-- A person the federation licenses: the shared fields as the club sent them (`shared`: a
-- JSON object of the other shared keys), the current club and the record there.
CREATE TABLE fed_people (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    licence_number  TEXT    NOT NULL,
    given_name      TEXT    NOT NULL,
    family_name     TEXT    NOT NULL,
    birth_date      TEXT    NULL,
    gender          TEXT    NULL,
    shared          TEXT    NOT NULL DEFAULT '{}',
    club_id         INTEGER NOT NULL,
    member_id       INTEGER NOT NULL,
    restricted      INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, licence_number),
    UNIQUE (tenant_id, club_id, member_id)
);
CREATE INDEX fed_people_name ON fed_people (tenant_id, family_name, given_name);

CREATE TABLE licences (
    tenant_id         INTEGER NOT NULL REFERENCES tenants (id),
    id                INTEGER NOT NULL,
    season_id         INTEGER NOT NULL,
    category_id       INTEGER NOT NULL,
    person_id         INTEGER NOT NULL,
    club_id           INTEGER NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('requested', 'approved', 'refused', 'suspended', 'ended')),
    reason            TEXT    NULL,
    requested_at      INTEGER NOT NULL,
    requested_by_name TEXT    NULL,
    decided_at        INTEGER NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    updated_by        INTEGER NULL,
    updated_by_name   TEXT    NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, season_id, person_id),
    FOREIGN KEY (tenant_id, season_id) REFERENCES fed_seasons (tenant_id, id),
    FOREIGN KEY (tenant_id, category_id) REFERENCES licence_categories (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES fed_people (tenant_id, id)
);
CREATE INDEX licences_club ON licences (tenant_id, club_id, season_id, status);
CREATE INDEX licences_person ON licences (tenant_id, person_id);

-- Every club that had a federation as its parent is affiliated to it, on no terms yet:
-- counts as before, nothing personal until the club's admin accepts terms.
INSERT INTO affiliations (id, federation_id, club_id, status, initiated_by, started_at,
                          created_at, updated_at, updated_by_name)
SELECT c.id, c.parent_id, c.id, 'active', 'operator', c.created_at, c.created_at, c.created_at, 'migration'
FROM tenants c JOIN tenants f ON f.id = c.parent_id AND f.kind = 'federation'
WHERE c.kind = 'club';
