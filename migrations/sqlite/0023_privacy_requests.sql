-- Data protection (issue 17): the members' requests about their data (access,
-- rectification, erasure, restriction, objection), each with the day it is due: one
-- calendar month after it was received (in the club's time zone), extended once by up to
-- two months with a reason given before the first deadline. `details` is the member's own
-- words (what to correct, the purpose objected to): personal data, cleared by an erasure.
-- `requested_by` is the account that asked (the member, or a guardian for a minor child).
CREATE TABLE privacy_requests (
    tenant_id        INTEGER NOT NULL REFERENCES tenants (id),
    id               INTEGER NOT NULL,
    member_id        INTEGER NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'restriction', 'objection')),
    details          TEXT    NULL,
    requested_by     INTEGER NULL,
    status           TEXT    NOT NULL CHECK (status IN ('open', 'in_progress', 'extended', 'done', 'refused')),
    received_at      INTEGER NOT NULL,
    first_due_on     TEXT    NOT NULL,
    due_on           TEXT    NOT NULL,
    extension_reason TEXT    NULL,
    refusal_reason   TEXT    NULL,
    closed_at        INTEGER NULL,
    updated_at       INTEGER NOT NULL,
    updated_by       INTEGER NULL,
    updated_by_name  TEXT    NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
-- The staff queue: the open ones by deadline.
CREATE INDEX privacy_requests_due ON privacy_requests (tenant_id, closed_at, due_on);
CREATE INDEX privacy_requests_member ON privacy_requests (tenant_id, member_id);

-- An erased record stays as an anonymous placeholder (the stamps and requests point to it);
-- `erased_at` says when, and refuses a second erasure and any other request on it.
ALTER TABLE members ADD COLUMN erased_at INTEGER NULL;
-- The few restricted records, found without reading the register.
CREATE INDEX members_restricted ON members (tenant_id, id) WHERE restricted_at IS NOT NULL;

-- The event log's one allowed change for an erasure (a detail that names the erased person
-- becomes the placeholder '[erased]') is defined with its hash chain in migration 0026.
