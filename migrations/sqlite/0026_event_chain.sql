-- Tamper evidence (issue 17): each club's event log (security_events, per tenant) and the
-- platform's (platform_events, one chain) become hash chains. Every entry gets its place
-- in its chain (`seq`, 1, 2, 3, … per chain), the hash of the entry before it
-- (`prev_hash`) and its own hash over its content and `prev_hash` (`hash`, SHA-256 in hex;
-- see server/core/src/event_chain.rs). A chain's head (the newest seq and hash) and its
-- anchor (where verification starts after the oldest entries were pruned) are kept in a
-- row of their own, updated in the transaction that appends, so two writers cannot fork a
-- chain and deleting the newest entries shows.
--
-- The existing entries are chained right after the migrations by the application
-- (`event_chain::chain_existing`, the same SHA-256 code that writes new entries: SQLite
-- has no SHA-256 in SQL), once per chain that has no head yet; the append-only triggers
-- let exactly that through: setting seq, prev_hash and hash on an entry that has no hash,
-- its content unchanged.
--
-- The hash covers an entry's detail through its digest: `detail_sha` = SHA-256 over a
-- random `detail_salt` of the entry and the detail. An erasure (rights::erasure) replaces a
-- detail that names the erased person by the placeholder '[erased]' and removes the salt,
-- the one change the log allows: the chain stays intact (the digest is unchanged), the
-- verifier counts the entry as erased, and without the salt the digest gives nothing away
-- about the detail it covered (no guessing a name and comparing). Any other change of a
-- detail no longer matches its digest.
ALTER TABLE security_events ADD COLUMN seq INTEGER NULL;
ALTER TABLE security_events ADD COLUMN prev_hash TEXT NULL;
ALTER TABLE security_events ADD COLUMN hash TEXT NULL;
ALTER TABLE security_events ADD COLUMN detail_salt TEXT NULL;
ALTER TABLE security_events ADD COLUMN detail_sha TEXT NULL;
CREATE UNIQUE INDEX security_events_chain ON security_events (tenant_id, seq);

ALTER TABLE platform_events ADD COLUMN seq INTEGER NULL;
ALTER TABLE platform_events ADD COLUMN prev_hash TEXT NULL;
ALTER TABLE platform_events ADD COLUMN hash TEXT NULL;
ALTER TABLE platform_events ADD COLUMN detail_salt TEXT NULL;
ALTER TABLE platform_events ADD COLUMN detail_sha TEXT NULL;
CREATE UNIQUE INDEX platform_events_chain ON platform_events (seq);

CREATE TABLE security_event_heads (
    tenant_id   INTEGER NOT NULL PRIMARY KEY,
    head_seq    INTEGER NOT NULL,
    head_hash   TEXT    NOT NULL,
    anchor_seq  INTEGER NOT NULL,
    anchor_hash TEXT    NOT NULL
);

CREATE TABLE platform_event_head (
    id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    head_seq    INTEGER NOT NULL,
    head_hash   TEXT    NOT NULL,
    anchor_seq  INTEGER NOT NULL,
    anchor_hash TEXT    NOT NULL
);

-- Two changes of an entry pass: chaining an entry written before the chain (seq,
-- prev_hash, hash, detail_salt, detail_sha set on an entry without a hash, its content
-- unchanged), and an erasure (the detail becomes '[erased]' and the salt goes, nothing
-- else changes).
DROP TRIGGER security_events_no_update;
CREATE TRIGGER security_events_no_update BEFORE UPDATE ON security_events
WHEN NOT (
    (OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.id IS OLD.id
        AND NEW.tenant_id IS OLD.tenant_id AND NEW.identity_id IS OLD.identity_id
        AND NEW.kind IS OLD.kind AND NEW.detail IS OLD.detail
        AND NEW.address IS OLD.address AND NEW.at IS OLD.at)
    OR (OLD.detail IS NOT NULL AND NEW.detail = '[erased]' AND NEW.detail_salt IS NULL
        AND NEW.id IS OLD.id AND NEW.tenant_id IS OLD.tenant_id
        AND NEW.identity_id IS OLD.identity_id AND NEW.kind IS OLD.kind
        AND NEW.address IS OLD.address AND NEW.at IS OLD.at AND NEW.seq IS OLD.seq
        AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash
        AND NEW.detail_sha IS OLD.detail_sha))
BEGIN SELECT RAISE(ABORT, 'security_events is append-only'); END;

DROP TRIGGER platform_events_no_update;
CREATE TRIGGER platform_events_no_update BEFORE UPDATE ON platform_events
WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.id IS NOT OLD.id
    OR NEW.identity_id IS NOT OLD.identity_id
    OR NEW.kind IS NOT OLD.kind OR NEW.detail IS NOT OLD.detail
    OR NEW.address IS NOT OLD.address OR NEW.at IS NOT OLD.at
BEGIN SELECT RAISE(ABORT, 'platform_events is append-only'); END;

-- Pruning (the retention of security events) and a club's deletion remove the oldest
-- entries of a chain this way only: first the chain's anchor moves forward to the newest
-- entry that goes (its seq and hash), then the entries up to the anchor are deleted. The
-- anchor never moves back nor past the head; an entry after the anchor cannot be deleted.
-- A chain's head row goes only after its last entry (a club's deletion prunes the whole
-- chain, then deletes the head).
DROP TRIGGER security_events_no_delete;
CREATE TRIGGER security_events_no_delete BEFORE DELETE ON security_events
WHEN OLD.seq IS NULL OR OLD.seq > coalesce(
    (SELECT h.anchor_seq FROM security_event_heads h WHERE h.tenant_id = OLD.tenant_id), 0)
BEGIN SELECT RAISE(ABORT, 'security_events is append-only'); END;

DROP TRIGGER platform_events_no_delete;
CREATE TRIGGER platform_events_no_delete BEFORE DELETE ON platform_events
WHEN OLD.seq IS NULL OR OLD.seq > coalesce(
    (SELECT h.anchor_seq FROM platform_event_head h WHERE h.id = 1), 0)
BEGIN SELECT RAISE(ABORT, 'platform_events is append-only'); END;

CREATE TRIGGER security_event_heads_forward BEFORE UPDATE ON security_event_heads
WHEN NEW.tenant_id IS NOT OLD.tenant_id OR NEW.head_seq < OLD.head_seq
    OR NEW.anchor_seq < OLD.anchor_seq OR NEW.anchor_seq > NEW.head_seq
BEGIN SELECT RAISE(ABORT, 'an event chain only moves forward'); END;

CREATE TRIGGER platform_event_head_forward BEFORE UPDATE ON platform_event_head
WHEN NEW.head_seq < OLD.head_seq OR NEW.anchor_seq < OLD.anchor_seq
    OR NEW.anchor_seq > NEW.head_seq
BEGIN SELECT RAISE(ABORT, 'an event chain only moves forward'); END;

CREATE TRIGGER security_event_heads_no_delete BEFORE DELETE ON security_event_heads
WHEN EXISTS (SELECT 1 FROM security_events e WHERE e.tenant_id = OLD.tenant_id)
BEGIN SELECT RAISE(ABORT, 'an event chain''s head goes only after its last entry'); END;

CREATE TRIGGER platform_event_head_no_delete BEFORE DELETE ON platform_event_head
WHEN EXISTS (SELECT 1 FROM platform_events)
BEGIN SELECT RAISE(ABORT, 'an event chain''s head goes only after its last entry'); END;
