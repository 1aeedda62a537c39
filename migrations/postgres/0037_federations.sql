SELECT set_config('app.maintenance', 'on', true);
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
    id               BIGINT  NOT NULL PRIMARY KEY,
    federation_id    BIGINT  NOT NULL REFERENCES tenants (id),
    club_id          BIGINT  NOT NULL REFERENCES tenants (id),
    status           TEXT    NOT NULL CHECK (status IN ('invited', 'requested', 'active', 'refused', 'ended')),
    initiated_by     TEXT    NOT NULL CHECK (initiated_by IN ('federation', 'club', 'operator')),
    shared_fields    TEXT    NOT NULL DEFAULT '',
    terms_version    BIGINT  NOT NULL DEFAULT 0,
    accepted_at      BIGINT  NULL,
    accepted_by_name TEXT    NULL,
    started_at       BIGINT  NULL,
    ended_at         BIGINT  NULL,
    reason           TEXT    NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    updated_by       BIGINT  NULL,
    updated_by_name  TEXT    NULL,
    version          BIGINT  NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX affiliations_open ON affiliations (federation_id, club_id)
    WHERE status IN ('invited', 'requested', 'active');
CREATE INDEX affiliations_club ON affiliations (club_id);

CREATE TABLE fed_seasons (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    name            TEXT    NOT NULL,
    starts_on       TEXT    NOT NULL,
    ends_on         TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name),
    CHECK (ends_on >= starts_on)
);

-- A licence category with its fee; an age band when min_age/max_age are set, the age
-- taken on the season's reference date `age_on` ('MM-DD', e.g. '12-31').
CREATE TABLE licence_categories (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    name            TEXT    NOT NULL,
    fee_cents       BIGINT  NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
    min_age         BIGINT  NULL,
    max_age         BIGINT  NULL,
    age_on          TEXT    NULL,
    archived_at     BIGINT  NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

-- The federation's own fields, which clubs fill in for the members they license.
CREATE TABLE fed_fields (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    key             TEXT    NOT NULL,
    label           TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice', 'yes_no')),
    choices         TEXT    NOT NULL DEFAULT '',
    required        BOOLEAN NOT NULL DEFAULT FALSE,
    archived_at     BIGINT  NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, key)
);

-- A person the federation licenses: the shared fields as the club sent them (`shared`: a
-- JSON object of the other shared keys), the current club and the record there.
CREATE TABLE fed_people (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    licence_number  TEXT    NOT NULL,
    given_name      TEXT    NOT NULL,
    family_name     TEXT    NOT NULL,
    birth_date      TEXT    NULL,
    gender          TEXT    NULL,
    shared          TEXT    NOT NULL DEFAULT '{}',
    club_id         BIGINT  NOT NULL,
    member_id       BIGINT  NOT NULL,
    restricted      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, licence_number),
    UNIQUE (tenant_id, club_id, member_id)
);
CREATE INDEX fed_people_name ON fed_people (tenant_id, family_name, given_name);

CREATE TABLE licences (
    tenant_id         BIGINT  NOT NULL REFERENCES tenants (id),
    id                BIGINT  NOT NULL,
    season_id         BIGINT  NOT NULL,
    category_id       BIGINT  NOT NULL,
    person_id         BIGINT  NOT NULL,
    club_id           BIGINT  NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('requested', 'approved', 'refused', 'suspended', 'ended')),
    reason            TEXT    NULL,
    requested_at      BIGINT  NOT NULL,
    requested_by_name TEXT    NULL,
    decided_at        BIGINT  NULL,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    updated_by        BIGINT  NULL,
    updated_by_name   TEXT    NULL,
    version           BIGINT  NOT NULL DEFAULT 1,
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

-- As every tenant table since 0018: row-level security forced (the owner too), the
-- tenant set for the transaction, and the owner's maintenance policy.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['fed_seasons', 'licence_categories', 'fed_fields', 'fed_people', 'licences']
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
