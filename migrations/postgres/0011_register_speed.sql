-- The register at 100,000 members per club (the same change as the SQLite migration).
--
-- The search index: per member, the normalised words of the names and the e-mail address
-- (written by the application in the transaction that writes the record, see
-- server/core/src/search.rs); a search word is a range scan of the primary key, compared
-- byte by byte (COLLATE "C") whatever the database's collation. The application fills it
-- for existing records after the migrations, when the version in member_search_state is
-- behind its own.
CREATE TABLE member_search (
    tenant_id BIGINT NOT NULL,
    term      TEXT COLLATE "C" NOT NULL,
    member_id BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, term, member_id)
);
CREATE INDEX member_search_member ON member_search (tenant_id, member_id);
CREATE TABLE member_search_state (version BIGINT NOT NULL);
INSERT INTO member_search_state (version) VALUES (0);

-- How many members each club has per status, membership type and season (none: ''): the
-- register's total without a search, and the seasons and types its filters offer, without
-- reading the members. Kept by statement triggers in the transaction that changes members
-- (one upsert per statement, so a multi-row insert costs one, in key order).
CREATE TABLE member_tallies (
    tenant_id       BIGINT NOT NULL,
    status          TEXT   NOT NULL,
    membership_type TEXT   NOT NULL,
    season          TEXT   NOT NULL,
    n               BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, status, membership_type, season)
);
INSERT INTO member_tallies (tenant_id, status, membership_type, season, n)
SELECT tenant_id, status, coalesce(membership_type, ''), coalesce(season, ''), count(*)
FROM members GROUP BY 1, 2, 3, 4;

CREATE FUNCTION members_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO member_tallies AS t (tenant_id, status, membership_type, season, n)
    SELECT tenant_id, status, coalesce(membership_type, ''), coalesce(season, ''), count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (tenant_id, status, membership_type, season) DO UPDATE SET n = t.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION members_tally_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO member_tallies AS t (tenant_id, status, membership_type, season, n)
    SELECT tenant_id, status, membership_type, season, sum(d) FROM (
        SELECT tenant_id, status, coalesce(membership_type, '') AS membership_type,
               coalesce(season, '') AS season, -1 AS d FROM old_rows
        UNION ALL
        SELECT tenant_id, status, coalesce(membership_type, ''), coalesce(season, ''), 1 FROM new_rows
    ) c GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (tenant_id, status, membership_type, season) DO UPDATE SET n = t.n + EXCLUDED.n;
    RETURN NULL;
END $$;

CREATE FUNCTION members_tally_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO member_tallies AS t (tenant_id, status, membership_type, season, n)
    SELECT tenant_id, status, coalesce(membership_type, ''), coalesce(season, ''), -count(*)
    FROM old_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (tenant_id, status, membership_type, season) DO UPDATE SET n = t.n + EXCLUDED.n;
    DELETE FROM member_search s USING old_rows o
    WHERE s.tenant_id = o.tenant_id AND s.member_id = o.id;
    RETURN NULL;
END $$;

CREATE TRIGGER members_tally_insert AFTER INSERT ON members
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_tally_insert();
CREATE TRIGGER members_tally_update AFTER UPDATE ON members
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION members_tally_update();
CREATE TRIGGER members_tally_delete AFTER DELETE ON members
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION members_tally_delete();

ALTER TABLE member_search ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_search
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
ALTER TABLE member_tallies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_tallies
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);

-- members_status_sort (tenant_id, status, sort_name, id) answers everything this one did.
DROP INDEX members_status;

-- A child's guardians are read by (tenant_id, child_id); with guardian_id in the index it
-- covers that read, so SQLite prefers it to the primary key even without statistics
-- (it walked a whole club's guardians for every member page).
DROP INDEX member_guardians_child;
CREATE INDEX member_guardians_child ON member_guardians (tenant_id, child_id, guardian_id);
