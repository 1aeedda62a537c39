-- A person's My data counts the federation reads that named them: one row per person,
-- added to by the job that moves a club's queued reads into its log (`fedreads::queue`), in
-- the same transaction, instead of parsing every federation read of the club on each
-- visit. A merge adds two records' rows, an erasure deletes the person's. Numbers only.
CREATE TABLE federation_read_counts (
    tenant_id  INTEGER NOT NULL,
    member_id  INTEGER NOT NULL,
    reads      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, member_id)
) WITHOUT ROWID;
INSERT INTO federation_read_counts (tenant_id, member_id, reads)
    SELECT e.tenant_id, json_extract(p.value, '$.member'), count(DISTINCT e.id)
    FROM security_events e, json_each(json_extract(CASE WHEN json_valid(e.detail)
        THEN e.detail ELSE '{"people": []}' END, '$.people')) p
    WHERE e.kind = 'federation_read'
    GROUP BY e.tenant_id, json_extract(p.value, '$.member');
