SELECT set_config('app.maintenance', 'on', true);
-- A federation's read (a search result page, a person opened, the licence list) is recorded
-- for each club it showed people of. Writing it into each club's hash-chained event log in
-- the read's own transaction locked up to 25 chain heads until the commit: eight federation
-- officers searching at once queued on the same heads, and the entries cost more than the
-- search itself. The read now goes, in the read's own transaction (no read without its
-- record), into this queue of the club (tenant_id = the club): one statement, no lock on
-- anything shared. A job of the server moves the queued reads into the club's chain within
-- a second (`fedreads::queue`); the club's log page and a person's count of federation reads
-- read the queue as well, and an erasure chains the club's queue first. No foreign key to
-- tenants (as the event log has none): its check locked each club's tenant row FOR KEY
-- SHARE for every read, shared by eight searches at once; a club's deletion empties every
-- tenant table, this one included.
CREATE TABLE federation_read_queue (
    tenant_id   BIGINT NOT NULL,
    id          BIGINT NOT NULL,
    identity_id BIGINT NULL,
    detail      TEXT   NOT NULL,
    at          BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

ALTER TABLE federation_read_queue ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON federation_read_queue
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
DO $$
BEGIN
    EXECUTE format(
        'CREATE POLICY owner_maintenance ON federation_read_queue '
        'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
        'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
        current_user, current_user);
END $$;
-- The federation's read writes into the queues of the clubs it showed, named for that one
-- statement in app.federation_read_tenants (`Tx::insert_federation_reads`): insert only,
-- nothing of those queues becomes visible to it.
CREATE POLICY federation_read_queue_insert ON federation_read_queue FOR INSERT
    WITH CHECK (tenant_id = ANY(CAST(string_to_array(
        NULLIF(current_setting('app.federation_read_tenants', true), ''), ',') AS BIGINT[])));
ALTER TABLE federation_read_queue FORCE ROW LEVEL SECURITY;

-- The policies of 0053 let the read write the clubs' chains directly; nothing does now.
DROP POLICY federation_read_log ON security_events;
DROP POLICY federation_read_log_select ON security_event_heads;
DROP POLICY federation_read_log_update ON security_event_heads;

SELECT set_config('app.maintenance', 'off', true);
