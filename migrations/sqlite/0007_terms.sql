-- Terms of use, versioned per club, and who accepted which version when.
CREATE TABLE terms (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    number          INTEGER NOT NULL,
    body            TEXT NOT NULL,
    published_at    INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, number)
);

CREATE TABLE terms_acceptances (
    tenant_id       INTEGER NOT NULL,
    membership_id   INTEGER NOT NULL,
    number          INTEGER NOT NULL,
    accepted_at     INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    PRIMARY KEY (tenant_id, membership_id, number),
    FOREIGN KEY (tenant_id, membership_id) REFERENCES memberships (tenant_id, id) ON DELETE CASCADE
);
