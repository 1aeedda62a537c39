-- Custom fields a club defines for its member records, and their values. A field has a
-- kind (text, long text, number, date, choice, multiple choice, yes/no, e-mail, phone, IBAN,
-- Belgian national register number), a label, a help text, whether it is required, who may
-- see it (member: staff and the member; staff: staff only; sensitive: only with the
-- members.sensitive permission) and whether the member may change it. A multiple choice
-- stores one row per chosen option.
CREATE TABLE custom_fields (
    tenant_id       BIGINT NOT NULL REFERENCES tenants (id),
    id              BIGINT NOT NULL,
    label           TEXT NOT NULL,
    label_key       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    help            TEXT NULL,
    required        BOOLEAN NOT NULL DEFAULT FALSE,
    options         TEXT NULL,
    visibility      TEXT NOT NULL,
    member_editable BOOLEAN NOT NULL DEFAULT FALSE,
    position        BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    updated_by      BIGINT NULL,
    updated_by_name TEXT NULL,
    version         BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, label_key)
);

CREATE TABLE member_field_values (
    tenant_id       BIGINT NOT NULL,
    member_id       BIGINT NOT NULL,
    field_id        BIGINT NOT NULL,
    value           TEXT NOT NULL,
    updated_at      BIGINT NOT NULL,
    updated_by      BIGINT NULL,
    updated_by_name TEXT NULL,
    PRIMARY KEY (tenant_id, member_id, field_id, value),
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, field_id) REFERENCES custom_fields (tenant_id, id) ON DELETE CASCADE
);
-- The register's filters on a choice field.
CREATE INDEX member_field_values_by_value ON member_field_values (tenant_id, field_id, value, member_id);

ALTER TABLE custom_fields ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON custom_fields
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
ALTER TABLE member_field_values ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_field_values
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
