-- Data protection (issue 17): one marker for an erased record. The retention of ended
-- members and a member's erasure request are one mechanism (rights::erasure), so the
-- retention job's former mark `anonymised_at` is folded into `erased_at`: a record it
-- anonymised counts as erased (and, as an erased record is, restricted: out of lists,
-- searches, exports and counts). The old column goes, with the index that named it; the
-- job's question, "who ended before this day and is not erased yet", gets the same index
-- over `erased_at`.
UPDATE members SET erased_at = coalesce(erased_at, anonymised_at),
    restricted_at = coalesce(restricted_at, anonymised_at)
    WHERE anonymised_at IS NOT NULL;
DROP INDEX members_ended_on;
ALTER TABLE members DROP COLUMN anonymised_at;
CREATE INDEX members_ended_on ON members (tenant_id, ended_on)
    WHERE ended_on IS NOT NULL AND erased_at IS NULL;
