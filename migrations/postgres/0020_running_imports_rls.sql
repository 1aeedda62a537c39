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
