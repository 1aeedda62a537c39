-- Data protection (issue 17): a restricted record (members.restricted_at) drops out of
-- federation views. tenant_usage() serves the federation's club list (p_parent set) and
-- the operator's usage counts (p_parent NULL): the federation's member counts leave
-- restricted records out; the operator's usage still counts every stored record.
CREATE OR REPLACE FUNCTION tenant_usage(p_parent BIGINT)
RETURNS TABLE (tenant_id BIGINT, members BIGINT, active_members BIGINT, users BIGINT)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    before TEXT := coalesce(current_setting('app.maintenance', true), '');
BEGIN
    PERFORM set_config('app.maintenance', 'on', true);
    RETURN QUERY
    SELECT t.id,
           (SELECT count(*) FROM members m WHERE m.tenant_id = t.id
                AND (p_parent IS NULL OR m.restricted_at IS NULL)),
           (SELECT count(*) FROM members m WHERE m.tenant_id = t.id AND m.status = 'active'
                AND (p_parent IS NULL OR m.restricted_at IS NULL)),
           (SELECT count(*) FROM memberships s WHERE s.tenant_id = t.id)
    FROM tenants t
    WHERE p_parent IS NULL OR t.parent_id = p_parent;
    PERFORM set_config('app.maintenance', before, true);
END
$$;
