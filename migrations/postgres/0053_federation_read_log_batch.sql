-- A federation's page of people read from many clubs (a search result page, the licences
-- list, the transfers page) records the read in each club's event log. One club at a time
-- that took five statements per club (the tenant set and restored, the chain's head moved,
-- the entry written, the head's hash set): 125 for a page of 25 people of 25 clubs.
--
-- fedreads::log_read now writes them all at once: the clubs are named for the transaction
-- in app.federation_read_tenants (a comma-separated list of tenant ids, set and cleared
-- around the write by Tx::insert_federation_reads), and these policies let that write, and
-- nothing else, reach those clubs' chains: their head rows (read, locked and moved) and a
-- new entry of the kind 'federation_read' in their logs. No other row of any tenant table
-- becomes visible; the application role sets the list only in that one function, as it
-- sets app.tenant_id for every other tenant write.
CREATE POLICY federation_read_log ON security_events FOR INSERT
    WITH CHECK (kind = 'federation_read' AND tenant_id = ANY(CAST(string_to_array(
        NULLIF(current_setting('app.federation_read_tenants', true), ''), ',') AS BIGINT[])));
CREATE POLICY federation_read_log_select ON security_event_heads FOR SELECT
    USING (tenant_id = ANY(CAST(string_to_array(
        NULLIF(current_setting('app.federation_read_tenants', true), ''), ',') AS BIGINT[])));
CREATE POLICY federation_read_log_update ON security_event_heads FOR UPDATE
    USING (tenant_id = ANY(CAST(string_to_array(
        NULLIF(current_setting('app.federation_read_tenants', true), ''), ',') AS BIGINT[])))
    WITH CHECK (tenant_id = ANY(CAST(string_to_array(
        NULLIF(current_setting('app.federation_read_tenants', true), ''), ',') AS BIGINT[])));
