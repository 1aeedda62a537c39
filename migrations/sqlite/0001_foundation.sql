-- Tessera foundation schema (SQLite). Same file names and shape as migrations/postgres.
-- Platform tables: tenants, identities. Tenant tables carry tenant_id first in their key.
-- Every record carries its last change: updated_at (ms since epoch), updated_by
-- (identity id, NULL for the system), updated_by_name, and a version for optimistic
-- concurrency.

CREATE TABLE tenants (
    id              INTEGER NOT NULL PRIMARY KEY,
    parent_id       INTEGER NULL REFERENCES tenants (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('operator', 'federation', 'club')),
    slug            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    city            TEXT    NULL,
    primary_color   TEXT    NOT NULL DEFAULT '#1f4e79',
    accent_color    TEXT    NOT NULL DEFAULT '#f2a900',
    default_lang    TEXT    NOT NULL DEFAULT 'nl' CHECK (default_lang IN ('en', 'nl', 'fr')),
    listed          INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tenants_parent ON tenants (parent_id);

CREATE TABLE identities (
    id              INTEGER NOT NULL PRIMARY KEY,
    email           TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    password_hash   TEXT    NULL,
    lang            TEXT    NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE memberships (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    identity_id     INTEGER NOT NULL REFERENCES identities (id),
    role            TEXT    NOT NULL CHECK (role IN ('member', 'staff', 'admin')),
    member_id       INTEGER NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, identity_id)
);
CREATE INDEX memberships_identity ON memberships (identity_id);

CREATE TABLE members (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    given_name      TEXT    NOT NULL,
    family_name     TEXT    NOT NULL,
    birth_date      TEXT    NULL,
    gender          TEXT    NULL,
    email           TEXT    NULL,
    phone           TEXT    NULL,
    street          TEXT    NULL,
    postcode        TEXT    NULL,
    city            TEXT    NULL,
    status          TEXT    NOT NULL CHECK (status IN ('applicant', 'active', 'suspended', 'ended')),
    joined_on       TEXT    NULL,
    ended_on        TEXT    NULL,
    identity_id     INTEGER NULL REFERENCES identities (id),
    sort_name       TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX members_sort ON members (tenant_id, sort_name, id);
CREATE INDEX members_email ON members (tenant_id, email);
CREATE INDEX members_status ON members (tenant_id, status);

CREATE TABLE member_guardians (
    tenant_id       INTEGER NOT NULL,
    guardian_id     INTEGER NOT NULL,
    child_id        INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, guardian_id, child_id),
    FOREIGN KEY (tenant_id, guardian_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, child_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX member_guardians_child ON member_guardians (tenant_id, child_id);

-- The session store of tower-sessions (same shape as its own migration).
CREATE TABLE tower_sessions (
    id          TEXT    PRIMARY KEY NOT NULL,
    data        BLOB    NOT NULL,
    expiry_date INTEGER NOT NULL
);
