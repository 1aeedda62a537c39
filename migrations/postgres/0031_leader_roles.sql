-- Groups (issue 19): leader-scoped roles and the age categories' reference date.
--
-- A role with group_scoped = 1 reaches only the members of the groups its holder leads
-- (a member of such a group on the day of the request), and of their records only the
-- fields in member_fields: a space-separated list of standard field keys (birth_date,
-- email, phone, address, guardians_phone) and custom fields (cf<id>); the name always.
ALTER TABLE roles ADD COLUMN group_scoped BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE roles ADD COLUMN member_fields TEXT NOT NULL DEFAULT '';

-- The day on which the age of an age category's band is taken ('YYYY-MM-DD'; NULL: the
-- 31st of December of the current year).
ALTER TABLE group_kinds ADD COLUMN reference_date TEXT NULL;
