-- Tenancy as a type.
--
-- 1. Platform events (sign-in, factors, passwords, sessions, links: per person, no tenant)
--    move out of security_events into platform_events; security_events keeps the clubs'
--    event logs (a tenant on every row) under row-level security like every tenant table.
-- 2. Row-level security is FORCED on every tenant table, so it applies to the owner too:
--    an application that connects as the owner (misconfigured) is still kept to its tenant.
--    The owner's own maintenance (migrations, rebuilding the search index, the
--    SECURITY DEFINER functions my_roles() and tenant_usage()) reads across tenants through
--    the policy owner_maintenance, which needs both the owner as current_user and
--    app.maintenance = 'on' in the transaction (the functions set it around their query). The application
--    role never passes it: it is not the owner, whatever it sets.
--    Migrations after this one that read or write tenant rows begin with
--    SELECT set_config('app.maintenance', 'on', true);
SELECT set_config('app.maintenance', 'on', true);

CREATE TABLE platform_events (
    id          BIGINT NOT NULL PRIMARY KEY,
    identity_id BIGINT NULL,
    kind        TEXT   NOT NULL,
    detail      TEXT   NULL,
    address     TEXT   NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX platform_events_identity ON platform_events (identity_id, at);

CREATE FUNCTION platform_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'platform_events is append-only';
END $$;
CREATE TRIGGER platform_events_no_change BEFORE UPDATE OR DELETE ON platform_events
    FOR EACH ROW EXECUTE FUNCTION platform_events_append_only();

INSERT INTO platform_events (id, identity_id, kind, detail, address, at)
SELECT id, identity_id, kind, detail, address, at FROM security_events WHERE tenant_id IS NULL;
-- The one deletion the event log ever sees: the rows just copied to platform_events.
ALTER TABLE security_events DISABLE TRIGGER security_events_no_change;
DELETE FROM security_events WHERE tenant_id IS NULL;
ALTER TABLE security_events ENABLE TRIGGER security_events_no_change;
ALTER TABLE security_events ALTER COLUMN tenant_id SET NOT NULL;

ALTER TABLE security_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON security_events
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);

-- A club's logo is public (served at /c/{club}/logo to anyone, its hash read with the
-- tenant): everyone reads, only the tenant set for the transaction writes.
ALTER TABLE tenant_logos ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_logos
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
CREATE POLICY public_read ON tenant_logos FOR SELECT USING (true);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attname = 'tenant_id'
          AND NOT a.attisdropped
        ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY owner_maintenance ON %I '
            'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
            'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
            t, current_user, current_user);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END $$;

-- The two SECURITY DEFINER functions read across tenants as the owner: they switch the
-- maintenance setting on for their own query and back afterwards. (A function's own SET
-- clause cannot name a custom setting without a superuser.) They return what they did:
-- the caller's roles by app.identity_id, numbers per tenant.
CREATE OR REPLACE FUNCTION my_roles()
RETURNS TABLE (tenant_id BIGINT, name TEXT, builtin TEXT, is_staff BOOLEAN)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    before TEXT := coalesce(current_setting('app.maintenance', true), '');
BEGIN
    PERFORM set_config('app.maintenance', 'on', true);
    RETURN QUERY
    SELECT mr.tenant_id, r.name, r.builtin, r.is_staff
    FROM memberships m
    JOIN membership_roles mr ON mr.tenant_id = m.tenant_id AND mr.membership_id = m.id
    JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id
    WHERE m.identity_id = NULLIF(current_setting('app.identity_id', true), '')::bigint;
    PERFORM set_config('app.maintenance', before, true);
END
$$;

CREATE OR REPLACE FUNCTION tenant_usage(p_parent BIGINT)
RETURNS TABLE (tenant_id BIGINT, members BIGINT, active_members BIGINT, users BIGINT)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    before TEXT := coalesce(current_setting('app.maintenance', true), '');
BEGIN
    PERFORM set_config('app.maintenance', 'on', true);
    RETURN QUERY
    SELECT t.id,
           (SELECT count(*) FROM members m WHERE m.tenant_id = t.id),
           (SELECT count(*) FROM members m WHERE m.tenant_id = t.id AND m.status = 'active'),
           (SELECT count(*) FROM memberships s WHERE s.tenant_id = t.id)
    FROM tenants t
    WHERE p_parent IS NULL OR t.parent_id = p_parent;
    PERFORM set_config('app.maintenance', before, true);
END
$$;
