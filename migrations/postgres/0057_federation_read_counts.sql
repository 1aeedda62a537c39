SELECT set_config('app.maintenance', 'on', true);
-- A person's My data counts the federation reads that named them. Counting meant reading
-- and parsing every federation read in the club's log on each visit and download: at a
-- club a busy federation searches thousands of times, tens of milliseconds. The job that
-- moves a club's queued reads into its log (`fedreads::queue`) now adds them to one row per
-- person here, in the same transaction; My data reads that row and the few reads still
-- queued. A merge adds two records' rows, an erasure deletes the person's. Numbers only.
CREATE TABLE federation_read_counts (
    tenant_id  BIGINT NOT NULL,
    member_id  BIGINT NOT NULL,
    reads      BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, member_id)
);
INSERT INTO federation_read_counts (tenant_id, member_id, reads)
    SELECT e.tenant_id, CAST(p.value ->> 'member' AS BIGINT), count(DISTINCT e.id)
    FROM security_events e
    CROSS JOIN LATERAL json_array_elements(CAST(CASE WHEN e.detail LIKE '{%}'
        THEN e.detail ELSE '{"people": []}' END AS JSON) -> 'people') p
    WHERE e.kind = 'federation_read'
    GROUP BY e.tenant_id, CAST(p.value ->> 'member' AS BIGINT);

ALTER TABLE federation_read_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON federation_read_counts
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
DO $$
BEGIN
    EXECUTE format(
        'CREATE POLICY owner_maintenance ON federation_read_counts '
        'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
        'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
        current_user, current_user);
END $$;
ALTER TABLE federation_read_counts FORCE ROW LEVEL SECURITY;

SELECT set_config('app.maintenance', 'off', true);
