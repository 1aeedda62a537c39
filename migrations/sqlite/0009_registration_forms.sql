-- Registration forms: a club builds public forms (/c/{club}/join/{slug}) from standard and
-- custom fields; a submission waits for its e-mail address to be confirmed, then creates
-- applicant records, approved at once or by the club (approve, or reject with a reason).
CREATE TABLE reg_forms (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    slug            TEXT NOT NULL,
    title           TEXT NOT NULL,
    intro           TEXT NULL,
    -- 'self': people register themselves; 'family': a guardian registers one or more children.
    audience        TEXT NOT NULL,
    -- One line per field: key|required(0/1)|help text. Keys: birth_date, gender, phone,
    -- street, postcode, city, cf{id}.
    fields          TEXT NOT NULL,
    consent_text    TEXT NULL,
    consent_version INTEGER NOT NULL DEFAULT 0,
    auto_approve    INTEGER NOT NULL DEFAULT 0,
    published       INTEGER NOT NULL DEFAULT 0,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, slug)
);

CREATE TABLE reg_submissions (
    tenant_id       INTEGER NOT NULL,
    id              INTEGER NOT NULL,
    form_id         INTEGER NOT NULL,
    email           TEXT NOT NULL,
    -- The people as submitted (JSON), checked when submitted.
    data            TEXT NOT NULL,
    -- A digest of the data: the same submission twice is one submission.
    digest          TEXT NOT NULL,
    consent_version INTEGER NULL,
    terms_number    INTEGER NULL,
    -- unconfirmed, pending, approved, rejected
    status          TEXT NOT NULL,
    token_hash      TEXT NULL,
    expires_at      INTEGER NOT NULL,
    submitted_at    INTEGER NOT NULL,
    confirmed_at    INTEGER NULL,
    decided_at      INTEGER NULL,
    reason          TEXT NULL,
    -- The records the submission created, space-separated (removed again on rejection).
    member_ids      TEXT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, form_id) REFERENCES reg_forms (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX reg_submissions_by_status ON reg_submissions (tenant_id, status, submitted_at);
CREATE UNIQUE INDEX reg_submissions_by_token ON reg_submissions (token_hash);

-- Registration forms come with the Standard and Premium plans and the trial.
UPDATE plans SET modules = trim(modules || ' forms') WHERE id IN ('trial', 'standard', 'premium');
