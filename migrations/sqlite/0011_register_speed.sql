-- The register at 100,000 members per club (the same change as the PostgreSQL migration).
--
-- The search index: per member, the normalised words of the names and the e-mail address
-- (written by the application in the transaction that writes the record, see
-- server/core/src/search.rs); a search word is a range scan of the primary key. The
-- application fills it for existing records after the migrations, when the version in
-- member_search_state is behind its own.
CREATE TABLE member_search (
    tenant_id INTEGER NOT NULL,
    term      TEXT    NOT NULL,
    member_id INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, term, member_id)
) WITHOUT ROWID;
CREATE INDEX member_search_member ON member_search (tenant_id, member_id);
CREATE TABLE member_search_state (version INTEGER NOT NULL);
INSERT INTO member_search_state (version) VALUES (0);

-- How many members each club has per status, membership type and season (none: ''): the
-- register's total without a search, and the seasons and types its filters offer, without
-- reading the members. Kept by triggers in the transaction that changes a member.
CREATE TABLE member_tallies (
    tenant_id       INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    membership_type TEXT    NOT NULL,
    season          TEXT    NOT NULL,
    n               INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, status, membership_type, season)
) WITHOUT ROWID;
INSERT INTO member_tallies (tenant_id, status, membership_type, season, n)
SELECT tenant_id, status, coalesce(membership_type, ''), coalesce(season, ''), count(*)
FROM members GROUP BY 1, 2, 3, 4;

CREATE TRIGGER members_tally_insert AFTER INSERT ON members BEGIN
    INSERT INTO member_tallies (tenant_id, status, membership_type, season, n)
    VALUES (NEW.tenant_id, NEW.status, coalesce(NEW.membership_type, ''), coalesce(NEW.season, ''), 1)
    ON CONFLICT (tenant_id, status, membership_type, season) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER members_tally_update AFTER UPDATE OF status, membership_type, season ON members
WHEN OLD.status IS NOT NEW.status OR OLD.membership_type IS NOT NEW.membership_type
    OR OLD.season IS NOT NEW.season
BEGIN
    UPDATE member_tallies SET n = n - 1
    WHERE tenant_id = OLD.tenant_id AND status = OLD.status
      AND membership_type = coalesce(OLD.membership_type, '') AND season = coalesce(OLD.season, '');
    INSERT INTO member_tallies (tenant_id, status, membership_type, season, n)
    VALUES (NEW.tenant_id, NEW.status, coalesce(NEW.membership_type, ''), coalesce(NEW.season, ''), 1)
    ON CONFLICT (tenant_id, status, membership_type, season) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER members_tally_delete AFTER DELETE ON members BEGIN
    UPDATE member_tallies SET n = n - 1
    WHERE tenant_id = OLD.tenant_id AND status = OLD.status
      AND membership_type = coalesce(OLD.membership_type, '') AND season = coalesce(OLD.season, '');
    DELETE FROM member_search WHERE tenant_id = OLD.tenant_id AND member_id = OLD.id;
END;

-- members_status_sort (tenant_id, status, sort_name, id) answers everything this one did.
DROP INDEX members_status;

-- A child's guardians are read by (tenant_id, child_id); with guardian_id in the index it
-- covers that read, so SQLite prefers it to the primary key even without statistics
-- (it walked a whole club's guardians for every member page).
DROP INDEX member_guardians_child;
CREATE INDEX member_guardians_child ON member_guardians (tenant_id, child_id, guardian_id);
