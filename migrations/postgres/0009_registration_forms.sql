-- Registration forms: a club builds public forms (/c/{club}/join/{slug}) from standard and
-- custom fields; a submission waits for its e-mail address to be confirmed, then creates
-- applicant records, approved at once or by the club (approve, or reject with a reason).
CREATE TABLE reg_forms (
    tenant_id       BIGINT NOT NULL REFERENCES tenants (id),
    id              BIGINT NOT NULL,
    slug            TEXT NOT NULL,
    title           TEXT NOT NULL,
    intro           TEXT NULL,
    -- 'self': people register themselves; 'family': a guardian registers one or more children.
    audience        TEXT NOT NULL,
    -- One line per field: key|required(0/1)|help text. Keys: birth_date, gender, phone,
    -- street, postcode, city, cf{id}.
    fields          TEXT NOT NULL,
    consent_text    TEXT NULL,
    consent_version BIGINT NOT NULL DEFAULT 0,
    auto_approve    BOOLEAN NOT NULL DEFAULT FALSE,
    published       BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at      BIGINT NOT NULL,
    updated_by      BIGINT NULL,
    updated_by_name TEXT NULL,
    version         BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, slug)
);

CREATE TABLE reg_submissions (
    tenant_id       BIGINT NOT NULL,
    id              BIGINT NOT NULL,
    form_id         BIGINT NOT NULL,
    email           TEXT NOT NULL,
    -- The people as submitted (JSON), checked when submitted.
    data            TEXT NOT NULL,
    -- A digest of the data: the same submission twice is one submission.
    digest          TEXT NOT NULL,
    consent_version BIGINT NULL,
    terms_number    BIGINT NULL,
    -- unconfirmed, pending, approved, rejected
    status          TEXT NOT NULL,
    token_hash      TEXT NULL,
    expires_at      BIGINT NOT NULL,
    submitted_at    BIGINT NOT NULL,
    confirmed_at    BIGINT NULL,
    decided_at      BIGINT NULL,
    reason          TEXT NULL,
    -- The records the submission created, space-separated (removed again on rejection).
    member_ids      TEXT NULL,
    updated_at      BIGINT NOT NULL,
    updated_by      BIGINT NULL,
    updated_by_name TEXT NULL,
    version         BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, form_id) REFERENCES reg_forms (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX reg_submissions_by_status ON reg_submissions (tenant_id, status, submitted_at);
CREATE UNIQUE INDEX reg_submissions_by_token ON reg_submissions (token_hash);

-- Registration forms come with the Standard and Premium plans and the trial.
UPDATE plans SET modules = trim(modules || ' forms') WHERE id IN ('trial', 'standard', 'premium');

ALTER TABLE reg_forms ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reg_forms
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
ALTER TABLE reg_submissions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reg_submissions
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
