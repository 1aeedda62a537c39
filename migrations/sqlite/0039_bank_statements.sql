-- Reconciliation (issue 20): the bank statements a treasurer imports (CAMT.053 or CODA),
-- their lines and each line's match state, and the reminders sent for unpaid invoices.
--
-- A statement is stored once per file (`sha256`); a line once per club (`line_key`: the
-- bank's own reference when the file gives one, else a digest of the account, day, amount,
-- counterparty and communication with its occurrence number in the file), so importing
-- the same statement twice, or two files holding the same lines, adds nothing.
-- A credit line is `matched` (a payment recorded against `invoice_id`, `payment_id`),
-- `suggested` (same amount and payer name as `invoice_id`: waits for the treasurer's
-- confirmation; `outcome` says how the payment left the invoice), `unmatched` (in the queue; `ogm_invalid` when its structured
-- communication has a wrong check digit) or `not_fee` (the treasurer set it aside); a
-- debit line is `debit` and never matched.
CREATE TABLE bank_statements (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    format          TEXT    NOT NULL CHECK (format IN ('camt053', 'coda')),
    account_iban    TEXT    NOT NULL,
    reference       TEXT    NOT NULL,
    file_name       TEXT    NOT NULL,
    sha256          TEXT    NOT NULL,
    first_day       TEXT    NULL,
    last_day        TEXT    NULL,
    lines_total     INTEGER NOT NULL,
    lines_new       INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, sha256)
);

CREATE TABLE bank_lines (
    tenant_id         INTEGER NOT NULL REFERENCES tenants (id),
    id                INTEGER NOT NULL,
    statement_id      INTEGER NOT NULL,
    line_key          TEXT    NOT NULL,
    booked_on         TEXT    NOT NULL,
    amount_cents      INTEGER NOT NULL,
    counterparty_name TEXT    NOT NULL DEFAULT '',
    counterparty_iban TEXT    NOT NULL DEFAULT '',
    communication     TEXT    NOT NULL DEFAULT '',
    ogm               TEXT    NULL,
    ogm_invalid       INTEGER NOT NULL DEFAULT 0,
    state             TEXT    NOT NULL
        CHECK (state IN ('matched', 'suggested', 'unmatched', 'not_fee', 'debit')),
    invoice_id        INTEGER NULL,
    outcome           TEXT    NULL CHECK (outcome IN ('paid', 'partial', 'overpaid', 'double')),
    payment_id        INTEGER NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    updated_by        INTEGER NULL,
    updated_by_name   TEXT    NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, line_key),
    FOREIGN KEY (tenant_id, statement_id) REFERENCES bank_statements (tenant_id, id)
);
CREATE INDEX bank_lines_statement ON bank_lines (tenant_id, statement_id);
CREATE INDEX bank_lines_day ON bank_lines (tenant_id, booked_on);
-- The queue: lines waiting for the treasurer, oldest first.
CREATE INDEX bank_lines_queue ON bank_lines (tenant_id, state, booked_on)
    WHERE state IN ('suggested', 'unmatched');
CREATE INDEX bank_lines_payment ON bank_lines (tenant_id, payment_id) WHERE payment_id IS NOT NULL;

-- The register's filter "unpaid this season": the members with an open or partly paid
-- invoice of a season, by season (one range per season, member ids in order).
CREATE INDEX invoices_unpaid ON invoices (tenant_id, season_id, member_id)
    WHERE kind = 'invoice' AND status IN ('open', 'partial');
