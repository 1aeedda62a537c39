-- Payment reminders (issue 20, deliverable 5).
--
-- `reminder_steps`: a club's schedule of at most three reminders, one row per step
-- (`id` = the step, 1 to 3); `days` after the invoice's due date, NULL for a step switched
-- off; the text per language with placeholders. A club without rows has the default
-- schedule (14 and 30 days, the default texts).
--
-- `invoice_reminders`: every reminder sent, with the step (0 for one sent by hand), when,
-- to whom (the payer's record and address), in which language and for what outstanding
-- amount. A step of the schedule is sent once per invoice (the unique index).
CREATE TABLE reminder_steps (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL CHECK (id BETWEEN 1 AND 3),
    days            INTEGER NULL CHECK (days BETWEEN 1 AND 365),
    text_en         TEXT    NOT NULL DEFAULT '',
    text_nl         TEXT    NOT NULL DEFAULT '',
    text_fr         TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE invoice_reminders (
    tenant_id         INTEGER NOT NULL REFERENCES tenants (id),
    id                INTEGER NOT NULL,
    invoice_id        INTEGER NOT NULL,
    step              INTEGER NOT NULL CHECK (step BETWEEN 0 AND 3),
    sent_at           INTEGER NOT NULL,
    to_member_id      INTEGER NULL,
    sent_to           TEXT    NOT NULL,
    lang              TEXT    NOT NULL,
    outstanding_cents INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    updated_by        INTEGER NULL,
    updated_by_name   TEXT    NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX invoice_reminders_step ON invoice_reminders (tenant_id, invoice_id, step)
    WHERE step > 0;
CREATE INDEX invoice_reminders_invoice ON invoice_reminders (tenant_id, invoice_id, sent_at);
