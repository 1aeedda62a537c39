SELECT set_config('app.maintenance', 'on', true);
-- My data tells a person how many times they downloaded their data, and when first and
-- last. Counting their own rows of `export_register_members` on every download grew with
-- each download (2.5 ms of the request after a few thousand, rows not yet all-visible read
-- one by one from the table). One row per person keeps the count, written in the download's
-- own transaction; a merge adds the two records' rows together. Numbers and ids only.
CREATE TABLE my_data_downloads (
    tenant_id  BIGINT NOT NULL REFERENCES tenants (id),
    member_id  BIGINT NOT NULL,
    downloads  BIGINT NOT NULL,
    first_at   BIGINT NOT NULL,
    last_at    BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, member_id)
);
INSERT INTO my_data_downloads (tenant_id, member_id, downloads, first_at, last_at)
    SELECT tenant_id, member_id, count(*), min(at), max(at) FROM export_register_members
    WHERE kind = 'my_data' GROUP BY tenant_id, member_id;

ALTER TABLE my_data_downloads ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON my_data_downloads
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
DO $$
BEGIN
    EXECUTE format(
        'CREATE POLICY owner_maintenance ON my_data_downloads '
        'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
        'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
        current_user, current_user);
END $$;
ALTER TABLE my_data_downloads FORCE ROW LEVEL SECURITY;

SELECT set_config('app.maintenance', 'off', true);
