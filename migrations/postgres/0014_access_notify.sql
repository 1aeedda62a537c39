-- Every change to what a session's person and a tenant scope are read from notifies the
-- channel `tessera_access`: each application process keeps those reads between requests
-- while it listens there, and forgets them on every notification (server/core's
-- access_cache). One notification per statement; PostgreSQL folds a transaction's identical
-- notifications into one, delivered when it commits.
CREATE FUNCTION tessera_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tessera_access', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON identities
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recovery_codes
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON membership_roles
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON roles
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenants
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plans
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenant_logos
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenant_modules
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON terms
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON terms_acceptances
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed();
