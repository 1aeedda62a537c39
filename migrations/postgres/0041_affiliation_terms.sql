SELECT set_config('app.maintenance', 'on', true);
-- Affiliation flows and sharing terms (issue 18, affil18).
--
-- The federation proposes terms (`proposed_fields` at `proposed_version`); the club's
-- admin accepts them, which copies them into `shared_fields` / `terms_version` with the
-- date and the name. Until a newer proposal is accepted only the previously accepted
-- fields are shared: the accepted set and the proposed set are kept apart.
ALTER TABLE affiliations ADD COLUMN proposed_fields TEXT NOT NULL DEFAULT '';
ALTER TABLE affiliations ADD COLUMN proposed_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX affiliations_federation ON affiliations (federation_id, status);

-- No affiliation, no access: a federation's club counts (p_parent = the federation) come
-- from its ACTIVE affiliations, no longer from tenants.parent_id. The operator's usage
-- counts (p_parent NULL) are unchanged. Counts only, restricted records left out of the
-- federation's.
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
    WHERE p_parent IS NULL
       OR EXISTS (SELECT 1 FROM affiliations a WHERE a.federation_id = p_parent
                  AND a.club_id = t.id AND a.status = 'active');
    PERFORM set_config('app.maintenance', before, true);
END
$$;

SELECT set_config('app.maintenance', 'off', true);
