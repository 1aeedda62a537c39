-- Data protection (issue 17): consent per purpose and the export register.
--
-- A club defines purposes (a newsletter, photos on the website, sharing with the
-- federation, ...). Each has a text in English, Dutch and French; once people consented to a
-- text, changing it makes a new version, and every consent keeps the version it was given on.
SELECT set_config('app.maintenance', 'on', true);

CREATE TABLE consent_purposes (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    -- The current text version (consent_texts.text_version).
    text_version    BIGINT  NOT NULL DEFAULT 1,
    archived_at     BIGINT  NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE consent_texts (
    tenant_id       BIGINT  NOT NULL,
    id              BIGINT  NOT NULL,
    purpose_id      BIGINT  NOT NULL,
    text_version    BIGINT  NOT NULL,
    title_en        TEXT    NOT NULL,
    title_nl        TEXT    NOT NULL,
    title_fr        TEXT    NOT NULL,
    body_en         TEXT    NOT NULL,
    body_nl         TEXT    NOT NULL,
    body_fr         TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, purpose_id, text_version),
    FOREIGN KEY (tenant_id, purpose_id) REFERENCES consent_purposes (tenant_id, id) ON DELETE CASCADE
);

-- Every consent given or withdrawn, never changed afterwards: when, on which text version,
-- how (source: member, guardian, registration, paper, import, unsubscribe, ...) and who
-- recorded it (recorded_by; the stamp's name is the recorder's). note: staff's note on a
-- consent given on paper.
CREATE TABLE consent_events (
    tenant_id       BIGINT  NOT NULL,
    id              BIGINT  NOT NULL,
    member_id       BIGINT  NOT NULL,
    purpose_id      BIGINT  NOT NULL,
    text_version    BIGINT  NOT NULL,
    given           BOOLEAN NOT NULL,
    source          TEXT    NOT NULL,
    note            TEXT    NULL,
    at              BIGINT  NOT NULL,
    recorded_by     BIGINT  NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, purpose_id) REFERENCES consent_purposes (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX consent_events_member ON consent_events (tenant_id, member_id, at);

-- The latest event per member and purpose (the latest wins), kept in the transaction that
-- records the event: what the register's filter "who may receive newsletter X" reads.
CREATE TABLE member_consents (
    tenant_id       BIGINT  NOT NULL,
    member_id       BIGINT  NOT NULL,
    purpose_id      BIGINT  NOT NULL,
    given           BOOLEAN NOT NULL,
    text_version    BIGINT  NOT NULL,
    event_id        BIGINT  NOT NULL,
    at              BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, member_id, purpose_id),
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, purpose_id) REFERENCES consent_purposes (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX member_consents_purpose ON member_consents (tenant_id, purpose_id, given, member_id);

-- The registration forms ask per purpose: the purposes a form asks, space-separated ids.
ALTER TABLE reg_forms ADD COLUMN consent_purposes TEXT NULL;

-- Every way data leaves Tessera: who (identity_id; the stamp's name), when, how (kind:
-- csv, xlsx, print, my_data, bundle, api), the purpose the person gave, the filter, the
-- columns, how many people and the SHA-256 of the file.
CREATE TABLE export_register (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    at              BIGINT  NOT NULL,
    identity_id     BIGINT  NULL,
    kind            TEXT    NOT NULL,
    purpose         TEXT    NOT NULL,
    filter          TEXT    NOT NULL,
    columns         TEXT    NOT NULL,
    people          BIGINT  NOT NULL,
    sha256          TEXT    NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX export_register_at ON export_register (tenant_id, at);

-- Which members an export included ("how many exports included me, and when").
CREATE TABLE export_register_members (
    tenant_id       BIGINT  NOT NULL,
    member_id       BIGINT  NOT NULL,
    export_id       BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, member_id, export_id)
);
CREATE INDEX export_register_members_export ON export_register_members (tenant_id, export_id);

-- The single consent text of a registration form becomes a purpose of its own (same id as
-- the form, version 1 with the form's consent version as its number), asked by that form;
-- the consents given through it become consent events (source 'registration') of the
-- records the submissions created, so the existing data keeps its meaning.
INSERT INTO consent_purposes (tenant_id, id, text_version, created_at, updated_at, updated_by, updated_by_name)
SELECT tenant_id, id, greatest(consent_version, 1), updated_at, updated_at, NULL, 'migration 0024'
FROM reg_forms WHERE consent_text IS NOT NULL;
INSERT INTO consent_texts (tenant_id, id, purpose_id, text_version, title_en, title_nl, title_fr,
    body_en, body_nl, body_fr, created_at, updated_at, updated_by, updated_by_name)
SELECT tenant_id, id, id, greatest(consent_version, 1), title, title, title, consent_text,
    consent_text, consent_text, updated_at, updated_at, NULL, 'migration 0024'
FROM reg_forms WHERE consent_text IS NOT NULL;
UPDATE reg_forms SET consent_purposes = CAST(id AS TEXT) WHERE consent_text IS NOT NULL;

INSERT INTO consent_events (tenant_id, id, member_id, purpose_id, text_version, given, source,
    note, at, recorded_by, updated_at, updated_by, updated_by_name)
SELECT s.tenant_id, m.id, m.id, s.form_id, greatest(s.consent_version, 1), TRUE, 'registration',
    NULL, coalesce(s.confirmed_at, s.submitted_at), NULL, coalesce(s.confirmed_at, s.submitted_at),
    NULL, 'migration 0024'
FROM reg_submissions s
CROSS JOIN LATERAL unnest(string_to_array(trim(s.member_ids), ' ')) AS u (mid)
JOIN members m ON m.tenant_id = s.tenant_id AND u.mid ~ '^[0-9]+$' AND m.id = u.mid::bigint
JOIN consent_purposes p ON p.tenant_id = s.tenant_id AND p.id = s.form_id
WHERE s.consent_version IS NOT NULL AND s.member_ids IS NOT NULL;

INSERT INTO member_consents (tenant_id, member_id, purpose_id, given, text_version, event_id, at,
    updated_at, updated_by, updated_by_name)
SELECT tenant_id, member_id, purpose_id, given, text_version, id, at, at, NULL, 'migration 0024'
FROM consent_events;

-- As every tenant table since 0018: row-level security forced (the owner too), the
-- tenant set for the transaction, and the owner's maintenance policy.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['consent_purposes', 'consent_texts', 'consent_events',
        'member_consents', 'export_register', 'export_register_members']
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
