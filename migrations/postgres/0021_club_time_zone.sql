-- The time zone of each tenant (a time-zone database name): the day a date that belongs to a
-- day (joined, ended, an age) falls on is taken there, so a member who joins at 00:30 in
-- Brussels joined that day, not the day before in UTC. `tenants` is a platform table (no
-- tenant_id, no row-level security); every existing tenant gets the default.
ALTER TABLE tenants ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Brussels';

-- A person whose member record has ended reaches only their own data (scope.rs reads the
-- linked record's status and end date with their membership): a change to either must make
-- the kept scopes stale like a change of roles does (access_cache, migration 0014). Only a
-- row whose status or end date really changes notifies (and a deleted row), so imports,
-- other edits and refused (stale-version) updates do not empty every process's memory.
CREATE TRIGGER access_changed_member_end AFTER UPDATE ON members
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.ended_on IS DISTINCT FROM NEW.ended_on)
    EXECUTE FUNCTION tessera_access_changed();
CREATE TRIGGER access_changed_member_gone AFTER DELETE ON members
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
