SELECT set_config('app.maintenance', 'on', true);
-- My data (issue 17) lists the exports that included the person and counts their own My-data
-- downloads. Both joined every row of the person in `export_register_members` to the register
-- to learn its kind, so each download of a person who downloaded often read more than the
-- last (24 downloads per second at 8 connections after a few hundred). The kind and time of
-- each export now stand beside the person, read from one index without the join.
ALTER TABLE export_register_members ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE export_register_members ADD COLUMN at BIGINT NOT NULL DEFAULT 0;
UPDATE export_register_members x SET kind = r.kind, at = r.at
FROM export_register r WHERE r.tenant_id = x.tenant_id AND r.id = x.export_id;
CREATE INDEX export_register_members_kind ON export_register_members (tenant_id, member_id, kind, at);
SELECT set_config('app.maintenance', 'off', true);
