-- The club's week (issue 19), member documents: kinds the club defines (medical
-- certificate, a guardian's ID, a signed form), each saying whether an expiry date is
-- required, and the files staff attach to a member, stored in the database per tenant like
-- the logo. expires_on is a 'YYYY-MM-DD' day in the club's zone (inclusive: valid through
-- that day); reminded_at is set when the daily job mailed the reminder before expiry (once
-- per document).
CREATE TABLE document_kinds (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    expiry_required INTEGER NOT NULL DEFAULT 0,
    archived_at     INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

CREATE TABLE member_documents (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    member_id       INTEGER NOT NULL,
    kind_id         INTEGER NOT NULL,
    file_name       TEXT    NOT NULL,
    content_type    TEXT    NOT NULL,
    size            INTEGER NOT NULL,
    sha256          TEXT    NOT NULL,
    data            BLOB    NOT NULL,
    expires_on      TEXT    NULL,
    reminded_at     INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, kind_id) REFERENCES document_kinds (tenant_id, id)
);
CREATE INDEX member_documents_member ON member_documents (tenant_id, member_id);
-- The list of what expires soon and the reminders: a range on the expiry day.
CREATE INDEX member_documents_expiry ON member_documents (tenant_id, expires_on)
    WHERE expires_on IS NOT NULL;

-- Birthdays this week: the active, unrestricted register by month and day of birth
-- ('MM-DD'), in the register's order within a day (one range per day, no sort).
CREATE INDEX members_birthdays ON members (tenant_id, substr(birth_date, 6, 5), sort_name, id)
    WHERE birth_date IS NOT NULL AND status = 'active' AND restricted_at IS NULL
    AND erased_at IS NULL;
