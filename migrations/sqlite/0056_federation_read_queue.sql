-- A federation's read is recorded for each club it showed people of: in the read's own
-- transaction into this queue of the club (tenant_id = the club), one statement, no chain
-- head to move; a job of the server moves the queued reads into the club's hash-chained
-- event log within a second (`fedreads::queue`). The club's log page and a person's count
-- of federation reads read the queue as well; an erasure chains the club's queue first.
CREATE TABLE federation_read_queue (
    tenant_id   INTEGER NOT NULL,
    id          INTEGER NOT NULL,
    identity_id INTEGER NULL,
    detail      TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
