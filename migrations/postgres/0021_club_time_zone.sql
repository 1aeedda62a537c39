-- The time zone of each tenant (a time-zone database name): the day a date that belongs to a
-- day (joined, ended, an age) falls on is taken there, so a member who joins at 00:30 in
-- Brussels joined that day, not the day before in UTC. `tenants` is a platform table (no
-- tenant_id, no row-level security); every existing tenant gets the default.
ALTER TABLE tenants ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Brussels';

-- A person whose member record has ended reaches only their own data (scope.rs reads the
-- linked record's status and end date with their membership): a change to either must make
-- the kept scopes stale like a change of roles does (access_cache, migration 0014). Only
-- updates naming those columns and deletions notify, so imports and other edits do not.
CREATE TRIGGER access_changed AFTER UPDATE OF status, ended_on OR DELETE ON members
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
