-- Member records: the membership type and season of each member, and the indexes the
-- register's filters and sorting use within one club.
ALTER TABLE members ADD COLUMN membership_type TEXT NULL;
ALTER TABLE members ADD COLUMN season TEXT NULL;
CREATE INDEX members_status_sort ON members (tenant_id, status, sort_name, id);
CREATE INDEX members_type_sort ON members (tenant_id, membership_type, sort_name, id);
CREATE INDEX members_season_sort ON members (tenant_id, season, sort_name, id);
CREATE INDEX members_birth ON members (tenant_id, birth_date, id);
CREATE INDEX members_joined ON members (tenant_id, joined_on, id);
