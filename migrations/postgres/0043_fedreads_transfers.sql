-- A federation's search of the people it licenses (issue 18, item 4): by the start of the
-- family name across its clubs, or within one club, in name order, read in index order
-- and stopped at the page's end (the order `fedreads::search` asks for). Compared byte by
-- byte (COLLATE "C"), so a prefix is a range whatever the database's collation.
CREATE INDEX fed_people_search ON fed_people (tenant_id, (lower(family_name) COLLATE "C"), (lower(given_name) COLLATE "C"), id);
CREATE INDEX fed_people_club_search ON fed_people (tenant_id, club_id, (lower(family_name) COLLATE "C"), (lower(given_name) COLLATE "C"), id);
