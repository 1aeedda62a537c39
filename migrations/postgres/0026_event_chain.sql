-- Tamper evidence (issue 17): each club's event log (security_events, per tenant) and the
-- platform's (platform_events, one chain) become hash chains. Every entry gets its place
-- in its chain (`seq`, 1, 2, 3, … per chain), the hash of the entry before it
-- (`prev_hash`) and its own hash over its content and `prev_hash` (`hash`, SHA-256 in hex;
-- see server/core/src/event_chain.rs). A chain's head (the newest seq and hash) and its
-- anchor (where verification starts after the oldest entries were pruned) are kept in a
-- row of their own, updated in the transaction that appends: the row lock serialises two
-- writers of one chain, so they cannot fork it, and deleting the newest entries shows.
--
-- The existing entries are chained right after the migrations by the application
-- (`event_chain::chain_existing`, the same SHA-256 code that writes new entries, on both
-- databases), once per chain that has no head yet; the append-only triggers let exactly
-- that through: setting seq, prev_hash and hash on an entry that has no hash, its content
-- unchanged.
--
-- The hash covers an entry's detail through its digest: `detail_sha` = SHA-256 over a
-- random `detail_salt` of the entry and the detail. An erasure (rights::erasure) replaces a
-- detail that names the erased person by the placeholder '[erased]' and removes the salt,
-- the one change the log allows: the chain stays intact (the digest is unchanged), the
-- verifier counts the entry as erased, and without the salt the digest gives nothing away
-- about the detail it covered (no guessing a name and comparing). Any other change of a
-- detail no longer matches its digest.
SELECT set_config('app.maintenance', 'on', true);

ALTER TABLE security_events ADD COLUMN seq BIGINT NULL;
ALTER TABLE security_events ADD COLUMN prev_hash TEXT NULL;
ALTER TABLE security_events ADD COLUMN hash TEXT NULL;
ALTER TABLE security_events ADD COLUMN detail_salt TEXT NULL;
ALTER TABLE security_events ADD COLUMN detail_sha TEXT NULL;
CREATE UNIQUE INDEX security_events_chain ON security_events (tenant_id, seq);

ALTER TABLE platform_events ADD COLUMN seq BIGINT NULL;
ALTER TABLE platform_events ADD COLUMN prev_hash TEXT NULL;
ALTER TABLE platform_events ADD COLUMN hash TEXT NULL;
ALTER TABLE platform_events ADD COLUMN detail_salt TEXT NULL;
ALTER TABLE platform_events ADD COLUMN detail_sha TEXT NULL;
CREATE UNIQUE INDEX platform_events_chain ON platform_events (seq);

CREATE TABLE security_event_heads (
    tenant_id   BIGINT NOT NULL PRIMARY KEY,
    head_seq    BIGINT NOT NULL,
    head_hash   TEXT   NOT NULL,
    anchor_seq  BIGINT NOT NULL,
    anchor_hash TEXT   NOT NULL
);

CREATE TABLE platform_event_head (
    id          BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    head_seq    BIGINT NOT NULL,
    head_hash   TEXT   NOT NULL,
    anchor_seq  BIGINT NOT NULL,
    anchor_hash TEXT   NOT NULL
);

-- As every tenant table since 0018: row-level security forced (the owner too), the
-- tenant set for the transaction, and the owner's maintenance policy.
ALTER TABLE security_event_heads ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON security_event_heads
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
DO $$
BEGIN
    EXECUTE format(
        'CREATE POLICY owner_maintenance ON security_event_heads TO %I '
        'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
        'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
        current_user, current_user, current_user);
END $$;
ALTER TABLE security_event_heads FORCE ROW LEVEL SECURITY;

-- Pruning (the retention of security events) and a club's deletion remove the oldest
-- entries of a chain this way only: first the chain's anchor moves forward to the newest
-- entry that goes (its seq and hash), then the entries up to the anchor are deleted. The
-- anchor never moves back nor past the head; an entry after the anchor cannot be deleted.
-- Two changes of an entry pass: chaining an entry written before the chain (seq,
-- prev_hash, hash, detail_salt, detail_sha set on an entry without a hash, its content
-- unchanged), and an erasure (the detail becomes '[erased]' and the salt goes, nothing
-- else changes). A chain's head row goes only after its last entry (a club's deletion
-- prunes the whole chain, then deletes the head).
CREATE OR REPLACE FUNCTION security_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND (NEW.id, NEW.tenant_id, NEW.identity_id, NEW.kind, NEW.detail, NEW.address, NEW.at)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.tenant_id, OLD.identity_id, OLD.kind, OLD.detail, OLD.address, OLD.at)
    THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.detail IS NOT NULL AND NEW.detail = '[erased]'
       AND NEW.detail_salt IS NULL
       AND (NEW.id, NEW.tenant_id, NEW.identity_id, NEW.kind, NEW.address, NEW.at, NEW.seq,
            NEW.prev_hash, NEW.hash, NEW.detail_sha)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.tenant_id, OLD.identity_id, OLD.kind, OLD.address, OLD.at, OLD.seq,
            OLD.prev_hash, OLD.hash, OLD.detail_sha)
    THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND OLD.seq IS NOT NULL AND OLD.seq <= coalesce(
        (SELECT h.anchor_seq FROM security_event_heads h WHERE h.tenant_id = OLD.tenant_id), 0)
    THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'security_events is append-only';
END $$;

CREATE OR REPLACE FUNCTION platform_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND (NEW.id, NEW.identity_id, NEW.kind, NEW.detail, NEW.address, NEW.at)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.identity_id, OLD.kind, OLD.detail, OLD.address, OLD.at)
    THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND OLD.seq IS NOT NULL AND OLD.seq <= coalesce(
        (SELECT h.anchor_seq FROM platform_event_head h WHERE h.id = 1), 0)
    THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'platform_events is append-only';
END $$;

CREATE FUNCTION event_chain_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.head_seq < OLD.head_seq OR NEW.anchor_seq < OLD.anchor_seq
       OR NEW.anchor_seq > NEW.head_seq THEN
        RAISE EXCEPTION 'an event chain only moves forward';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER security_event_heads_forward BEFORE UPDATE ON security_event_heads
    FOR EACH ROW EXECUTE FUNCTION event_chain_forward();
CREATE TRIGGER platform_event_head_forward BEFORE UPDATE ON platform_event_head
    FOR EACH ROW EXECUTE FUNCTION event_chain_forward();

CREATE FUNCTION security_event_heads_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM security_events e WHERE e.tenant_id = OLD.tenant_id) THEN
        RAISE EXCEPTION 'an event chain''s head goes only after its last entry';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER security_event_heads_no_delete BEFORE DELETE ON security_event_heads
    FOR EACH ROW EXECUTE FUNCTION security_event_heads_no_delete();

CREATE FUNCTION platform_event_head_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM platform_events) THEN
        RAISE EXCEPTION 'an event chain''s head goes only after its last entry';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER platform_event_head_no_delete BEFORE DELETE ON platform_event_head
    FOR EACH ROW EXECUTE FUNCTION platform_event_head_no_delete();
