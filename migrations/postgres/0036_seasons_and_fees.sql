SELECT set_config('app.maintenance', 'on', true);
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
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    name            TEXT    NOT NULL,
    starts_on       TEXT    NOT NULL,
    ends_on         TEXT    NOT NULL,
    is_current      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name),
    CHECK (ends_on >= starts_on)
);
CREATE UNIQUE INDEX seasons_one_current ON seasons (tenant_id) WHERE is_current;

CREATE TABLE invoices (
    tenant_id           BIGINT  NOT NULL REFERENCES tenants (id),
    id                  BIGINT  NOT NULL,
    kind                TEXT    NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
    year                BIGINT  NOT NULL,
    number              BIGINT  NOT NULL,
    season_id           BIGINT  NULL,
    -- The member the fee is for, and who pays it (a guardian for a child; the member
    -- otherwise). No foreign key: an invoice outlives a deleted or erased record.
    member_id           BIGINT  NULL,
    payer_member_id     BIGINT  NULL,
    payer_name          TEXT    NOT NULL,
    payer_email         TEXT    NULL,
    credited_invoice_id BIGINT  NULL,
    communication       TEXT    NOT NULL,
    total_cents         BIGINT  NOT NULL CHECK (total_cents >= 0),
    paid_cents          BIGINT  NOT NULL DEFAULT 0,
    status              TEXT    NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'open', 'partial', 'paid', 'overpaid', 'credited', 'cancelled')),
    issued_on           TEXT    NOT NULL,
    due_on              TEXT    NOT NULL,
    sent_at             BIGINT  NULL,
    paid_on             TEXT    NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    updated_by          BIGINT  NULL,
    updated_by_name     TEXT    NULL,
    version             BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, kind, year, number),
    UNIQUE (tenant_id, communication)
);
CREATE INDEX invoices_member ON invoices (tenant_id, member_id);
CREATE INDEX invoices_payer ON invoices (tenant_id, payer_member_id);
CREATE INDEX invoices_season ON invoices (tenant_id, season_id, status);

CREATE TABLE invoice_lines (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    invoice_id      BIGINT  NOT NULL,
    position        BIGINT  NOT NULL,
    description     TEXT    NOT NULL,
    -- For the reports: which member the line is for and which group it was priced by.
    member_id       BIGINT  NULL,
    group_id        BIGINT  NULL,
    fee_key         TEXT    NULL,
    amount_cents    BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, invoice_id, position),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id) ON DELETE CASCADE
);

-- A payment received (a bank line matched and confirmed, cash at the bar, an online
-- provider), allocated to one invoice; `invoice_id` NULL while it waits in the queue.
CREATE TABLE payments (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    invoice_id      BIGINT  NULL,
    amount_cents    BIGINT  NOT NULL,
    paid_on         TEXT    NOT NULL,
    method          TEXT    NOT NULL CHECK (method IN ('bank', 'cash', 'provider', 'manual')),
    payer_name      TEXT    NOT NULL DEFAULT '',
    reference       TEXT    NOT NULL DEFAULT '',
    note            TEXT    NOT NULL DEFAULT '',
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);
CREATE INDEX payments_invoice ON payments (tenant_id, invoice_id);

-- The club's bank details and payment terms: the account invoices ask to be paid into
-- (and the EPC QR code names), the account a bank statement must be of.
CREATE TABLE fee_settings (
    tenant_id       BIGINT  NOT NULL PRIMARY KEY REFERENCES tenants (id),
    iban            TEXT    NULL,
    bic             TEXT    NULL,
    beneficiary     TEXT    NULL,
    payment_days    BIGINT  NOT NULL DEFAULT 30 CHECK (payment_days BETWEEN 0 AND 365),
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1
);

-- As every tenant table since 0018: row-level security forced (the owner too), the
-- tenant set for the transaction, and the owner's maintenance policy.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['seasons', 'invoices', 'invoice_lines', 'payments', 'fee_settings']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I '
            'USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint) '
            'WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint)',
            t);
        EXECUTE format(
            'CREATE POLICY owner_maintenance ON %I '
            'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
            'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
            t, current_user, current_user);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END $$;

SELECT set_config('app.maintenance', 'off', true);

-- Fees on the trial, standard and premium plans.
UPDATE plans SET modules = trim(modules || ' fees') WHERE id IN ('trial', 'standard', 'premium');
