-- Tessera foundation schema (PostgreSQL). Same file names and shape as migrations/sqlite.
-- Platform tables: tenants, identities (reference tables under Citus). Tenant tables carry
-- tenant_id first in their key (distributed by tenant_id under Citus) and are protected by
-- row-level security: the application role sees only the rows of the tenant it set with
-- set_config('app.tenant_id', ..., true) for the transaction, and nothing when it set none.

CREATE TABLE tenants (
    id              BIGINT  NOT NULL PRIMARY KEY,
    parent_id       BIGINT  NULL REFERENCES tenants (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('operator', 'federation', 'club')),
    slug            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    city            TEXT    NULL,
    primary_color   TEXT    NOT NULL DEFAULT '#1f4e79',
    accent_color    TEXT    NOT NULL DEFAULT '#f2a900',
    default_lang    TEXT    NOT NULL DEFAULT 'nl' CHECK (default_lang IN ('en', 'nl', 'fr')),
    listed          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1
);
CREATE INDEX tenants_parent ON tenants (parent_id);

CREATE TABLE identities (
    id              BIGINT  NOT NULL PRIMARY KEY,
    email           TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    password_hash   TEXT    NULL,
    lang            TEXT    NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1
);

CREATE TABLE memberships (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    identity_id     BIGINT  NOT NULL REFERENCES identities (id),
    role            TEXT    NOT NULL CHECK (role IN ('member', 'staff', 'admin')),
    member_id       BIGINT  NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, identity_id)
);
CREATE INDEX memberships_identity ON memberships (identity_id);

CREATE TABLE members (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
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
    identity_id     BIGINT  NULL REFERENCES identities (id),
    sort_name       TEXT    NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX members_sort ON members (tenant_id, sort_name, id);
CREATE INDEX members_email ON members (tenant_id, email);
CREATE INDEX members_status ON members (tenant_id, status);

CREATE TABLE member_guardians (
    tenant_id       BIGINT  NOT NULL,
    guardian_id     BIGINT  NOT NULL,
    child_id        BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, guardian_id, child_id),
    FOREIGN KEY (tenant_id, guardian_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, child_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX member_guardians_child ON member_guardians (tenant_id, child_id);

-- Row-level security: the tenant set for the transaction, or nothing at all.
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON members
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);

ALTER TABLE member_guardians ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_guardians
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);

-- A person may also read their own memberships across tenants (the landing page).
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
CREATE POLICY own_memberships ON memberships FOR SELECT
    USING (identity_id = NULLIF(current_setting('app.identity_id', true), '')::bigint);

-- Usage counts per tenant, without access to the records themselves: federations see their
-- clubs' counts, the operator every tenant's (licensing). Runs as the owner, so it reads
-- across tenants, and returns numbers only.
CREATE FUNCTION tenant_usage(p_parent BIGINT)
RETURNS TABLE (tenant_id BIGINT, members BIGINT, active_members BIGINT, users BIGINT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT t.id,
           (SELECT count(*) FROM members m WHERE m.tenant_id = t.id),
           (SELECT count(*) FROM members m WHERE m.tenant_id = t.id AND m.status = 'active'),
           (SELECT count(*) FROM memberships s WHERE s.tenant_id = t.id)
    FROM tenants t
    WHERE p_parent IS NULL OR t.parent_id = p_parent
$$;
REVOKE ALL ON FUNCTION tenant_usage(BIGINT) FROM PUBLIC;

-- The session store of tower-sessions (same shape as its own migration).
CREATE SCHEMA IF NOT EXISTS tower_sessions;
CREATE TABLE tower_sessions.session (
    id          TEXT        PRIMARY KEY NOT NULL,
    data        BYTEA       NOT NULL,
    expiry_date TIMESTAMPTZ NOT NULL
);
