-- running_member_imports() (0016) reads member_imports across tenants for the start-up
-- recovery of interrupted imports. Since 0018 forces row-level security on every tenant
-- table, its owner sees rows only through the owner_maintenance policy: like my_roles() and
-- tenant_usage(), it sets app.maintenance around its own query. It returns ids only.
CREATE OR REPLACE FUNCTION running_member_imports() RETURNS TABLE (tenant_id BIGINT, id BIGINT)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    before TEXT := coalesce(current_setting('app.maintenance', true), '');
BEGIN
    PERFORM set_config('app.maintenance', 'on', true);
    RETURN QUERY SELECT m.tenant_id, m.id FROM member_imports m WHERE m.status = 'running';
    PERFORM set_config('app.maintenance', before, true);
END
$$;

-- The owner_maintenance policies of 0018 applied to every role, so for the application role
-- each tenant table's row filter was `tenant_id = … OR (app.maintenance AND owner)`: an OR
-- that kept PostgreSQL from using the tenant's index condition alone (the member register
-- and member page at 100,000 members fell to about 60 % of their throughput). They are
-- the owner's only: the application role sees tenant_isolation and nothing else.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOR t IN
        SELECT p.tablename FROM pg_policies p
        WHERE p.schemaname = 'public' AND p.policyname = 'owner_maintenance'
        ORDER BY p.tablename
    LOOP
        EXECUTE format('ALTER POLICY owner_maintenance ON %I TO %I', t, current_user);
    END LOOP;
END $$;
