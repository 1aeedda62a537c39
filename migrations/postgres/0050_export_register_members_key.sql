SELECT set_config('app.maintenance', 'on', true);
-- Each export writes one row per person it included: 10,000 for the export of a large club.
-- The table kept them in the rows and three indexes (the primary key, an index by export that
-- no query reads, and the index by person, kind and time that My data reads). The person,
-- kind and time now lead the primary key, and the two other indexes are gone. (The kind and
-- time follow from the export, so the person and the export stay unique.)
ALTER TABLE export_register_members DROP CONSTRAINT export_register_members_pkey;
ALTER TABLE export_register_members ADD PRIMARY KEY (tenant_id, member_id, kind, at, export_id);
DROP INDEX export_register_members_kind;
DROP INDEX export_register_members_export;
SELECT set_config('app.maintenance', 'off', true);
