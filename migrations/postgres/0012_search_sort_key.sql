-- The register's name order kept with each search word, so a search sorted by name (the
-- default) reads its page from the index and only the page's members from the register,
-- instead of every match. Filled for existing records by the application after the
-- migrations (search::VERSION 2 rebuilds the index).
ALTER TABLE member_search ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
-- The key's index carries the sort name too, so the matches of a word and their order are
-- read from the index alone (an index-only scan) instead of a table row per match.
ALTER TABLE member_search DROP CONSTRAINT member_search_pkey,
    ADD PRIMARY KEY (tenant_id, term, member_id) INCLUDE (sort_name);
