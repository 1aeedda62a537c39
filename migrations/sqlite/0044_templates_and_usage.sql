-- Templates and usage (issue 18, deliverables 6 and 7).
--
-- A federation publishes versioned templates for its clubs (`fed_templates`, one row per
-- template, tenant_id = the federation; `fed_template_versions`, one row per published
-- version, the content as JSON, never changed once published). A club actively affiliated
-- adopts a version as a copy made through its own roles, fields, forms and terms; the
-- adoption is recorded in the club (`template_adoptions`, tenant_id = the club).
--
-- `usage_snapshots` is a platform table: one row per tenant and month with the counts the
-- operator bills and plans by (members, accounts, admins, active modules, stored bytes).
CREATE TABLE fed_templates (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('role', 'fields', 'form', 'terms')),
    name            TEXT    NOT NULL,
    name_key        TEXT    NOT NULL,
    latest          INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, kind, name_key)
);

CREATE TABLE fed_template_versions (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    template_id     INTEGER NOT NULL,
    number          INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    content         TEXT    NOT NULL,
    note            TEXT    NOT NULL DEFAULT '',
    published_at    INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, template_id, number),
    FOREIGN KEY (tenant_id, template_id) REFERENCES fed_templates (tenant_id, id)
);

CREATE TABLE template_adoptions (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    federation_id   INTEGER NOT NULL,
    template_id     INTEGER NOT NULL,
    kind            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    number          INTEGER NOT NULL,
    content         TEXT    NOT NULL,
    adopted_at      INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, template_id, number)
);

CREATE TABLE usage_snapshots (
    subject_id      INTEGER NOT NULL REFERENCES tenants (id),
    month           TEXT    NOT NULL,
    members         INTEGER NOT NULL,
    accounts        INTEGER NOT NULL,
    admins          INTEGER NOT NULL,
    modules         INTEGER NOT NULL,
    storage_bytes   INTEGER NOT NULL,
    taken_at        INTEGER NOT NULL,
    PRIMARY KEY (subject_id, month)
);
