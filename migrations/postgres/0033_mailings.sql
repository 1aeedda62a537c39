-- Mailings (issue 19): a mail to a group, a selection of the register or the subscribers of
-- a newsletter topic (a consent purpose), with a subject and text per language.
--
-- kind: 'newsletter' (purpose_id required; only people whose latest answer for it is given)
-- or 'service' (everyone in the selection). audience: 'group' (group_id), 'selection'
-- (selection: the register's filter as a query string) or 'topic' (the purpose's
-- subscribers). status: 'draft' until it is sent, then 'sending', then 'done'.
SELECT set_config('app.maintenance', 'on', true);
CREATE TABLE mailings (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('newsletter', 'service')),
    purpose_id      BIGINT  NULL,
    audience        TEXT    NOT NULL CHECK (audience IN ('group', 'selection', 'topic')),
    group_id        BIGINT  NULL,
    selection       TEXT    NULL,
    subject_en      TEXT    NOT NULL DEFAULT '',
    subject_nl      TEXT    NOT NULL DEFAULT '',
    subject_fr      TEXT    NOT NULL DEFAULT '',
    body_en         TEXT    NOT NULL DEFAULT '',
    body_nl         TEXT    NOT NULL DEFAULT '',
    body_fr         TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL CHECK (status IN ('draft', 'sending', 'done')),
    created_at      BIGINT  NOT NULL,
    queued_at       BIGINT  NULL,
    finished_at     BIGINT  NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
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
    tenant_id       BIGINT  NOT NULL,
    id              BIGINT  NOT NULL,
    mailing_id      BIGINT  NOT NULL,
    member_id       BIGINT  NOT NULL,
    to_member_id    BIGINT  NOT NULL,
    email           TEXT    NOT NULL,
    first_name      TEXT    NOT NULL,
    lang            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'interrupted')),
    attempts        BIGINT  NOT NULL DEFAULT 0,
    next_at         BIGINT  NOT NULL,
    sent_at         BIGINT  NULL,
    error           TEXT    NULL,
    unsubscribed_at BIGINT  NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, mailing_id, member_id, to_member_id),
    FOREIGN KEY (tenant_id, mailing_id) REFERENCES mailings (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX mailing_recipients_due ON mailing_recipients (tenant_id, mailing_id, status, next_at);
CREATE INDEX mailing_recipients_member ON mailing_recipients (tenant_id, member_id);
CREATE INDEX mailing_recipients_to ON mailing_recipients (tenant_id, to_member_id);

-- As every tenant table since 0018: row-level security forced (the owner too), the
-- tenant set for the transaction, and the owner's maintenance policy.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['mailings', 'mailing_recipients']
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
