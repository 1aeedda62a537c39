-- The club environment (PostgreSQL; same shape as migrations/sqlite): plans (a reference table), per-tenant module switches, club-defined
-- roles with their permissions and who holds them, the logo, and a counter per identity
-- that moves whenever their rights change (their session id is then rotated).

CREATE TABLE plans (
    id              TEXT    NOT NULL PRIMARY KEY,
    name            TEXT    NOT NULL,
    -- Module ids, separated by spaces: the switchable modules a tenant on this plan may use.
    modules         TEXT    NOT NULL DEFAULT '',
    max_admins      BIGINT  NULL,
    trial_days      BIGINT  NULL,
    sort            BIGINT  NOT NULL DEFAULT 0
);
INSERT INTO plans (id, name, modules, max_admins, trial_days, sort) VALUES
    ('trial',    'Trial',    'audit exports', 2,    30,   1),
    ('basic',    'Basic',    '',              2,    NULL, 2),
    ('standard', 'Standard', 'audit',         5,    NULL, 3),
    ('premium',  'Premium',  'audit exports', NULL, NULL, 4);

ALTER TABLE tenants ADD COLUMN plan_id TEXT NULL REFERENCES plans (id);
ALTER TABLE tenants ADD COLUMN trial_ends_at BIGINT  NULL;
-- Clubs made before plans existed keep every module.
UPDATE tenants SET plan_id = 'premium' WHERE kind = 'club';

-- The logo: part of the tenant's public face (like its name), kept in the database so
-- every app server can serve it, never under the web root.
CREATE TABLE tenant_logos (
    tenant_id       BIGINT  NOT NULL PRIMARY KEY REFERENCES tenants (id),
    content_type    TEXT    NOT NULL,
    data            BYTEA    NOT NULL,
    hash            TEXT    NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL
);

CREATE TABLE tenant_modules (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              TEXT    NOT NULL,
    enabled         BOOLEAN NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
-- Clubs made before modules existed keep what they had: the event log.
INSERT INTO tenant_modules (tenant_id, id, enabled, updated_at)
    SELECT id, 'audit', TRUE, updated_at FROM tenants WHERE kind = 'club';

CREATE TABLE roles (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    name            TEXT    NOT NULL,
    -- Lower-cased, trimmed name: two roles of one tenant cannot differ by case only.
    name_key        TEXT    NOT NULL,
    -- 'admin' for the built-in administrator role (every permission, never empty).
    builtin         TEXT    NULL CHECK (builtin IN ('admin')),
    is_staff        BOOLEAN NOT NULL DEFAULT FALSE,
    -- Permission ids, separated by spaces.
    permissions     TEXT    NOT NULL DEFAULT '',
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name_key)
);
CREATE UNIQUE INDEX roles_builtin ON roles (tenant_id, builtin) WHERE builtin IS NOT NULL;

CREATE TABLE membership_roles (
    tenant_id       BIGINT  NOT NULL,
    membership_id   BIGINT  NOT NULL,
    role_id         BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, membership_id, role_id),
    FOREIGN KEY (tenant_id, membership_id) REFERENCES memberships (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX membership_roles_role ON membership_roles (tenant_id, role_id);

-- The fixed roles of the foundation become roles of each tenant.
INSERT INTO roles (tenant_id, id, name, name_key, builtin, is_staff, permissions, updated_at)
    SELECT id, 1, 'Administrator', 'administrator', 'admin', TRUE, '', updated_at FROM tenants;
INSERT INTO roles (tenant_id, id, name, name_key, builtin, is_staff, permissions, updated_at)
    SELECT id, 2, 'Staff', 'staff', NULL, TRUE,
           CASE kind WHEN 'club' THEN 'members.view' WHEN 'federation' THEN 'clubs.view' ELSE 'platform.view' END,
           updated_at
    FROM tenants;
INSERT INTO membership_roles (tenant_id, membership_id, role_id, updated_at)
    SELECT tenant_id, id, CASE role WHEN 'admin' THEN 1 ELSE 2 END, updated_at
    FROM memberships WHERE role IN ('admin', 'staff');
ALTER TABLE memberships DROP COLUMN role;

ALTER TABLE identities ADD COLUMN rights_serial BIGINT  NOT NULL DEFAULT 0;

-- Row-level security on the new tenant tables, as on the others.
ALTER TABLE tenant_modules ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_modules
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
ALTER TABLE roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON roles
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
ALTER TABLE membership_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON membership_roles
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);

-- The roles of the identity set for the transaction, across its tenants (the landing page
-- and the "is this person staff" check). Runs as the owner, returns that person's roles
-- only.
CREATE FUNCTION my_roles()
RETURNS TABLE (tenant_id BIGINT, name TEXT, builtin TEXT, is_staff BOOLEAN)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT mr.tenant_id, r.name, r.builtin, r.is_staff
    FROM memberships m
    JOIN membership_roles mr ON mr.tenant_id = m.tenant_id AND mr.membership_id = m.id
    JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id
    WHERE m.identity_id = NULLIF(current_setting('app.identity_id', true), '')::bigint
$$;
REVOKE ALL ON FUNCTION my_roles() FROM PUBLIC;
