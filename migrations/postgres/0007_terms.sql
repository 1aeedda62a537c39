-- Terms of use, versioned per club, and who accepted which version when.
CREATE TABLE terms (
    tenant_id       BIGINT NOT NULL REFERENCES tenants (id),
    id              BIGINT NOT NULL,
    number          BIGINT NOT NULL,
    body            TEXT NOT NULL,
    published_at    BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    updated_by      BIGINT NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, number)
);

CREATE TABLE terms_acceptances (
    tenant_id       BIGINT NOT NULL,
    membership_id   BIGINT NOT NULL,
    number          BIGINT NOT NULL,
    accepted_at     BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    updated_by      BIGINT NULL,
    updated_by_name TEXT    NULL,
    PRIMARY KEY (tenant_id, membership_id, number),
    FOREIGN KEY (tenant_id, membership_id) REFERENCES memberships (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE terms ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terms
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
ALTER TABLE terms_acceptances ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terms_acceptances
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
