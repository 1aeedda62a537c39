-- My data tells a person how many times they downloaded their data, and when first and
-- last. Counting their own rows of `export_register_members` on every download grew with
-- each download. One row per person keeps the count, written in the download's own
-- transaction; a merge adds the two records' rows together. Numbers and ids only.
CREATE TABLE my_data_downloads (
    tenant_id  INTEGER NOT NULL REFERENCES tenants (id),
    member_id  INTEGER NOT NULL,
    downloads  INTEGER NOT NULL,
    first_at   INTEGER NOT NULL,
    last_at    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, member_id)
) WITHOUT ROWID;
INSERT INTO my_data_downloads (tenant_id, member_id, downloads, first_at, last_at)
    SELECT tenant_id, member_id, count(*), min(at), max(at) FROM export_register_members
    WHERE kind = 'my_data' GROUP BY tenant_id, member_id;
