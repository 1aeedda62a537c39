-- Data protection (issue 17): consent per purpose and the export register.
--
-- A club defines purposes (a newsletter, photos on the website, sharing with the
-- federation, ...). Each has a text in English, Dutch and French; once people consented to a
-- text, changing it makes a new version, and every consent keeps the version it was given on.
CREATE TABLE consent_purposes (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    -- The current text version (consent_texts.text_version).
    text_version    INTEGER NOT NULL DEFAULT 1,
    archived_at     INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE consent_texts (
    tenant_id       INTEGER NOT NULL,
    id              INTEGER NOT NULL,
    purpose_id      INTEGER NOT NULL,
    text_version    INTEGER NOT NULL,
    title_en        TEXT    NOT NULL,
    title_nl        TEXT    NOT NULL,
    title_fr        TEXT    NOT NULL,
    body_en         TEXT    NOT NULL,
    body_nl         TEXT    NOT NULL,
    body_fr         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, purpose_id, text_version),
    FOREIGN KEY (tenant_id, purpose_id) REFERENCES consent_purposes (tenant_id, id) ON DELETE CASCADE
);

-- Every consent given or withdrawn, never changed afterwards: when, on which text version,
-- how (source: member, guardian, registration, paper, import, unsubscribe, ...) and who
-- recorded it (recorded_by; the stamp's name is the recorder's). note: staff's note on a
-- consent given on paper.
CREATE TABLE consent_events (
    tenant_id       INTEGER NOT NULL,
    id              INTEGER NOT NULL,
    member_id       INTEGER NOT NULL,
    purpose_id      INTEGER NOT NULL,
    text_version    INTEGER NOT NULL,
    given           INTEGER NOT NULL,
    source          TEXT    NOT NULL,
    note            TEXT    NULL,
    at              INTEGER NOT NULL,
    recorded_by     INTEGER NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, purpose_id) REFERENCES consent_purposes (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX consent_events_member ON consent_events (tenant_id, member_id, at);

-- The latest event per member and purpose (the latest wins), kept in the transaction that
-- records the event: what the register's filter "who may receive newsletter X" reads.
CREATE TABLE member_consents (
    tenant_id       INTEGER NOT NULL,
    member_id       INTEGER NOT NULL,
    purpose_id      INTEGER NOT NULL,
    given           INTEGER NOT NULL,
    text_version    INTEGER NOT NULL,
    event_id        INTEGER NOT NULL,
    at              INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
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
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    at              INTEGER NOT NULL,
    identity_id     INTEGER NULL,
    kind            TEXT    NOT NULL,
    purpose         TEXT    NOT NULL,
    filter          TEXT    NOT NULL,
    columns         TEXT    NOT NULL,
    people          INTEGER NOT NULL,
    sha256          TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX export_register_at ON export_register (tenant_id, at);

-- Which members an export included ("how many exports included me, and when").
CREATE TABLE export_register_members (
    tenant_id       INTEGER NOT NULL,
    member_id       INTEGER NOT NULL,
    export_id       INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, member_id, export_id)
);
CREATE INDEX export_register_members_export ON export_register_members (tenant_id, export_id);

-- The single consent text of a registration form becomes a purpose of its own (same id as
-- the form, version 1 with the form's consent version as its number), asked by that form;
-- the consents given through it become consent events (source 'registration') of the
-- records the submissions created, so the existing data keeps its meaning.
INSERT INTO consent_purposes (tenant_id, id, text_version, created_at, updated_at, updated_by, updated_by_name)
SELECT tenant_id, id, max(consent_version, 1), updated_at, updated_at, NULL, 'migration 0024'
FROM reg_forms WHERE consent_text IS NOT NULL;
INSERT INTO consent_texts (tenant_id, id, purpose_id, text_version, title_en, title_nl, title_fr,
    body_en, body_nl, body_fr, created_at, updated_at, updated_by, updated_by_name)
SELECT tenant_id, id, id, max(consent_version, 1), title, title, title, consent_text, consent_text,
    consent_text, updated_at, updated_at, NULL, 'migration 0024'
FROM reg_forms WHERE consent_text IS NOT NULL;
UPDATE reg_forms SET consent_purposes = CAST(id AS TEXT) WHERE consent_text IS NOT NULL;

WITH RECURSIVE split (tenant_id, form_id, text_version, at, rest, member) AS (
    SELECT tenant_id, form_id, consent_version, coalesce(confirmed_at, submitted_at),
        trim(member_ids) || ' ', NULL
    FROM reg_submissions
    WHERE consent_version IS NOT NULL AND member_ids IS NOT NULL AND trim(member_ids) <> ''
    UNION ALL
    SELECT tenant_id, form_id, text_version, at, ltrim(substr(rest, instr(rest, ' ') + 1)),
        CAST(substr(rest, 1, instr(rest, ' ') - 1) AS INTEGER)
    FROM split WHERE rest <> ''
)
INSERT INTO consent_events (tenant_id, id, member_id, purpose_id, text_version, given, source,
    note, at, recorded_by, updated_at, updated_by, updated_by_name)
SELECT s.tenant_id, s.member, s.member, s.form_id, max(s.text_version, 1), 1, 'registration',
    NULL, s.at, NULL, s.at, NULL, 'migration 0024'
FROM split s
JOIN members m ON m.tenant_id = s.tenant_id AND m.id = s.member
JOIN consent_purposes p ON p.tenant_id = s.tenant_id AND p.id = s.form_id
WHERE s.member IS NOT NULL;

INSERT INTO member_consents (tenant_id, member_id, purpose_id, given, text_version, event_id, at,
    updated_at, updated_by, updated_by_name)
SELECT tenant_id, member_id, purpose_id, given, text_version, id, at, at, NULL, 'migration 0024'
FROM consent_events;
