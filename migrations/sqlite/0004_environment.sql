-- The club environment: plans (a reference table), per-tenant module switches, club-defined
-- roles with their permissions and who holds them, the logo, and a counter per identity
-- that moves whenever their rights change (their session id is then rotated).

CREATE TABLE plans (
    id              TEXT    NOT NULL PRIMARY KEY,
    name            TEXT    NOT NULL,
    -- Module ids, separated by spaces: the switchable modules a tenant on this plan may use.
    modules         TEXT    NOT NULL DEFAULT '',
    max_admins      INTEGER NULL,
    trial_days      INTEGER NULL,
    sort            INTEGER NOT NULL DEFAULT 0
);
INSERT INTO plans (id, name, modules, max_admins, trial_days, sort) VALUES
    ('trial',    'Trial',    'audit exports', 2,    30,   1),
    ('basic',    'Basic',    '',              2,    NULL, 2),
    ('standard', 'Standard', 'audit',         5,    NULL, 3),
    ('premium',  'Premium',  'audit exports', NULL, NULL, 4);

ALTER TABLE tenants ADD COLUMN plan_id TEXT NULL REFERENCES plans (id);
ALTER TABLE tenants ADD COLUMN trial_ends_at INTEGER NULL;
-- Clubs made before plans existed keep every module.
UPDATE tenants SET plan_id = 'premium' WHERE kind = 'club';

-- The logo: part of the tenant's public face (like its name), kept in the database so
-- every app server can serve it, never under the web root.
CREATE TABLE tenant_logos (
    tenant_id       INTEGER NOT NULL PRIMARY KEY REFERENCES tenants (id),
    content_type    TEXT    NOT NULL,
    data            BLOB    NOT NULL,
    hash            TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL
);

CREATE TABLE tenant_modules (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              TEXT    NOT NULL,
    enabled         INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
-- Clubs made before modules existed keep what they had: the event log.
INSERT INTO tenant_modules (tenant_id, id, enabled, updated_at)
    SELECT id, 'audit', 1, updated_at FROM tenants WHERE kind = 'club';

CREATE TABLE roles (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    -- Lower-cased, trimmed name: two roles of one tenant cannot differ by case only.
    name_key        TEXT    NOT NULL,
    -- 'admin' for the built-in administrator role (every permission, never empty).
    builtin         TEXT    NULL CHECK (builtin IN ('admin')),
    is_staff        INTEGER NOT NULL DEFAULT 0,
    -- Permission ids, separated by spaces.
    permissions     TEXT    NOT NULL DEFAULT '',
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name_key)
);
CREATE UNIQUE INDEX roles_builtin ON roles (tenant_id, builtin) WHERE builtin IS NOT NULL;

CREATE TABLE membership_roles (
    tenant_id       INTEGER NOT NULL,
    membership_id   INTEGER NOT NULL,
    role_id         INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, membership_id, role_id),
    FOREIGN KEY (tenant_id, membership_id) REFERENCES memberships (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX membership_roles_role ON membership_roles (tenant_id, role_id);

-- The fixed roles of the foundation become roles of each tenant.
INSERT INTO roles (tenant_id, id, name, name_key, builtin, is_staff, permissions, updated_at)
    SELECT id, 1, 'Administrator', 'administrator', 'admin', 1, '', updated_at FROM tenants;
INSERT INTO roles (tenant_id, id, name, name_key, builtin, is_staff, permissions, updated_at)
    SELECT id, 2, 'Staff', 'staff', NULL, 1,
           CASE kind WHEN 'club' THEN 'members.view' WHEN 'federation' THEN 'clubs.view' ELSE 'platform.view' END,
           updated_at
    FROM tenants;
INSERT INTO membership_roles (tenant_id, membership_id, role_id, updated_at)
    SELECT tenant_id, id, CASE role WHEN 'admin' THEN 1 ELSE 2 END, updated_at
    FROM memberships WHERE role IN ('admin', 'staff');
ALTER TABLE memberships DROP COLUMN role;

ALTER TABLE identities ADD COLUMN rights_serial INTEGER NOT NULL DEFAULT 0;
