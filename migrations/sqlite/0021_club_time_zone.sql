-- The time zone of each tenant (a time-zone database name): the day a date that belongs to a
-- day (joined, ended, an age) falls on is taken there, so a member who joins at 00:30 in
-- Brussels joined that day, not the day before in UTC. `tenants` is a platform table (no
-- tenant_id, no row-level security); every existing tenant gets the default.
ALTER TABLE tenants ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Brussels';
