-- Seasons and fees (issue 20), the shared core: the club's seasons, its invoices and credit
-- notes with their lines, and the payments allocated to them. Money is integer cents in
-- euro. Dates are 'YYYY-MM-DD' in the club's zone.
--
-- An invoice is numbered without gaps per club, kind and year (`number`), carries the
-- 12 digits of its Belgian structured communication (`communication`, unique in the club),
-- and is never edited once sent: corrections are credit notes (`kind = 'credit_note'`,
-- `credited_invoice_id` the invoice they correct, amounts positive). Its state:
-- draft → open → partial → paid | overpaid, or credited (a credit note covers it) /
-- cancelled (a draft dropped). `paid_cents` is the sum of its payments, kept in the
-- transaction that records a payment.
CREATE TABLE seasons (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    starts_on       TEXT    NOT NULL,
    ends_on         TEXT    NOT NULL,
    is_current      INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name),
    CHECK (ends_on >= starts_on)
);
CREATE UNIQUE INDEX seasons_one_current ON seasons (tenant_id) WHERE is_current = 1;

CREATE TABLE invoices (
    tenant_id           INTEGER NOT NULL REFERENCES tenants (id),
    id                  INTEGER NOT NULL,
    kind                TEXT    NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
    year                INTEGER NOT NULL,
    number              INTEGER NOT NULL,
    season_id           INTEGER NULL,
    -- The member the fee is for, and who pays it (a guardian for a child; the member
    -- otherwise). No foreign key: an invoice outlives a deleted or erased record.
    member_id           INTEGER NULL,
    payer_member_id     INTEGER NULL,
    payer_name          TEXT    NOT NULL,
    payer_email         TEXT    NULL,
    credited_invoice_id INTEGER NULL,
    communication       TEXT    NOT NULL,
    total_cents         INTEGER NOT NULL CHECK (total_cents >= 0),
    paid_cents          INTEGER NOT NULL DEFAULT 0,
    status              TEXT    NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'open', 'partial', 'paid', 'overpaid', 'credited', 'cancelled')),
    issued_on           TEXT    NOT NULL,
    due_on              TEXT    NOT NULL,
    sent_at             INTEGER NULL,
    paid_on             TEXT    NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    updated_by          INTEGER NULL,
    updated_by_name     TEXT    NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, kind, year, number),
    UNIQUE (tenant_id, communication)
);
CREATE INDEX invoices_member ON invoices (tenant_id, member_id);
CREATE INDEX invoices_payer ON invoices (tenant_id, payer_member_id);
CREATE INDEX invoices_season ON invoices (tenant_id, season_id, status);

CREATE TABLE invoice_lines (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    invoice_id      INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    description     TEXT    NOT NULL,
    -- For the reports: which member the line is for and which group it was priced by.
    member_id       INTEGER NULL,
    group_id        INTEGER NULL,
    fee_key         TEXT    NULL,
    amount_cents    INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, invoice_id, position),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id) ON DELETE CASCADE
);

-- A payment received (a bank line matched and confirmed, cash at the bar, an online
-- provider), allocated to one invoice; `invoice_id` NULL while it waits in the queue.
CREATE TABLE payments (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    invoice_id      INTEGER NULL,
    amount_cents    INTEGER NOT NULL,
    paid_on         TEXT    NOT NULL,
    method          TEXT    NOT NULL CHECK (method IN ('bank', 'cash', 'provider', 'manual')),
    payer_name      TEXT    NOT NULL DEFAULT '',
    reference       TEXT    NOT NULL DEFAULT '',
    note            TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);
CREATE INDEX payments_invoice ON payments (tenant_id, invoice_id);

-- The club's bank details and payment terms: the account invoices ask to be paid into
-- (and the EPC QR code names), the account a bank statement must be of.
CREATE TABLE fee_settings (
    tenant_id       INTEGER NOT NULL PRIMARY KEY REFERENCES tenants (id),
    iban            TEXT    NULL,
    bic             TEXT    NULL,
    beneficiary     TEXT    NULL,
    payment_days    INTEGER NOT NULL DEFAULT 30 CHECK (payment_days BETWEEN 0 AND 365),
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

-- Fees on the trial, standard and premium plans.
UPDATE plans SET modules = trim(modules || ' fees') WHERE id IN ('trial', 'standard', 'premium');
