-- Mailings (issue 19): a mail to a group, a selection of the register or the subscribers of
-- a newsletter topic (a consent purpose), with a subject and text per language.
--
-- kind: 'newsletter' (purpose_id required; only people whose latest answer for it is given)
-- or 'service' (everyone in the selection). audience: 'group' (group_id), 'selection'
-- (selection: the register's filter as a query string) or 'topic' (the purpose's
-- subscribers). status: 'draft' until it is sent, then 'sending', then 'done'.
CREATE TABLE mailings (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('newsletter', 'service')),
    purpose_id      INTEGER NULL,
    audience        TEXT    NOT NULL CHECK (audience IN ('group', 'selection', 'topic')),
    group_id        INTEGER NULL,
    selection       TEXT    NULL,
    subject_en      TEXT    NOT NULL DEFAULT '',
    subject_nl      TEXT    NOT NULL DEFAULT '',
    subject_fr      TEXT    NOT NULL DEFAULT '',
    body_en         TEXT    NOT NULL DEFAULT '',
    body_nl         TEXT    NOT NULL DEFAULT '',
    body_fr         TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL CHECK (status IN ('draft', 'sending', 'done')),
    created_at      INTEGER NOT NULL,
    queued_at       INTEGER NULL,
    finished_at     INTEGER NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX mailings_status ON mailings (tenant_id, status);

-- The outbox of a mailing: one row per mail to send. member_id is the person the mail is
-- about (its {first_name}), to_member_id the person whose address it goes to (the member
-- or, for a minor, a guardian), first_name the about-person's first name as queued. status: 'queued' (due at next_at), 'sending' (claimed by a
-- sender), 'sent', 'failed' (refused by the mail server, or too many attempts; error says
-- why) or 'interrupted' (claimed by a process that stopped: perhaps sent, never sent
-- again). unsubscribed_at: when the newsletter's unsubscribe link of this mail was used.
CREATE TABLE mailing_recipients (
    tenant_id       INTEGER NOT NULL,
    id              INTEGER NOT NULL,
    mailing_id      INTEGER NOT NULL,
    member_id       INTEGER NOT NULL,
    to_member_id    INTEGER NOT NULL,
    email           TEXT    NOT NULL,
    first_name      TEXT    NOT NULL,
    lang            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'interrupted')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_at         INTEGER NOT NULL,
    sent_at         INTEGER NULL,
    error           TEXT    NULL,
    unsubscribed_at INTEGER NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, mailing_id, member_id, to_member_id),
    FOREIGN KEY (tenant_id, mailing_id) REFERENCES mailings (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX mailing_recipients_due ON mailing_recipients (tenant_id, mailing_id, status, next_at);
CREATE INDEX mailing_recipients_member ON mailing_recipients (tenant_id, member_id);
CREATE INDEX mailing_recipients_to ON mailing_recipients (tenant_id, to_member_id);
