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

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['identities', 'recovery_codes', 'memberships', 'membership_roles',
        'roles', 'tenants', 'plans', 'tenant_logos', 'tenant_modules', 'terms',
        'terms_acceptances']
    LOOP
        EXECUTE format('CREATE TRIGGER access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
            'ON %I FOR EACH STATEMENT EXECUTE FUNCTION tessera_access_changed()', t);
    END LOOP;
END
$$;
