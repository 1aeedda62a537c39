-- A person's My data (page and download) counts the federation reads that named them among
-- the club's `federation_read` events. Without an index on the kind that read every event
-- of the club, and each download logs one more: in the benchmark's 100,000-member club the
-- download scanned thousands of rows, more with every download.
CREATE INDEX security_events_kind ON security_events (tenant_id, kind, at);
