-- Each export writes one row per person it included: 10,000 for the export of a large club.
-- The table kept them in four trees (the rows, the primary key, an index by export that no
-- query reads, and the index by person, kind and time that My data reads), so an export of
-- 10,000 wrote 40,000 entries. The person, kind and time now lead the key of a table without
-- rowids: one tree, and My data reads it as before. (The kind and time follow from the
-- export, so the person and the export stay unique.) The old table's indexes go with it.
ALTER TABLE export_register_members RENAME TO export_register_members_old;
CREATE TABLE export_register_members (
    tenant_id       INTEGER NOT NULL,
    member_id       INTEGER NOT NULL,
    export_id       INTEGER NOT NULL,
    kind            TEXT    NOT NULL DEFAULT '',
    at              INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, member_id, kind, at, export_id)
) WITHOUT ROWID;
INSERT INTO export_register_members (tenant_id, member_id, export_id, kind, at)
    SELECT tenant_id, member_id, export_id, kind, at FROM export_register_members_old;
DROP TABLE export_register_members_old;
