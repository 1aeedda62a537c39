-- Data protection (issue 17): the members' requests about their data (access,
-- rectification, erasure, restriction, objection), each with the day it is due: one
-- calendar month after it was received (in the club's time zone), extended once by up to
-- two months with a reason given before the first deadline. `details` is the member's own
-- words (what to correct, the purpose objected to): personal data, cleared by an erasure.
-- `requested_by` is the account that asked (the member, or a guardian for a minor child).
SELECT set_config('app.maintenance', 'on', true);

CREATE TABLE privacy_requests (
    tenant_id        BIGINT  NOT NULL REFERENCES tenants (id),
    id               BIGINT  NOT NULL,
    member_id        BIGINT  NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'restriction', 'objection')),
    details          TEXT    NULL,
    requested_by     BIGINT  NULL,
    status           TEXT    NOT NULL CHECK (status IN ('open', 'in_progress', 'extended', 'done', 'refused')),
    received_at      BIGINT  NOT NULL,
    first_due_on     TEXT    NOT NULL,
    due_on           TEXT    NOT NULL,
    extension_reason TEXT    NULL,
    refusal_reason   TEXT    NULL,
    closed_at        BIGINT  NULL,
    updated_at       BIGINT  NOT NULL,
    updated_by       BIGINT  NULL,
    updated_by_name  TEXT    NULL,
    version          BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX privacy_requests_due ON privacy_requests (tenant_id, closed_at, due_on);
CREATE INDEX privacy_requests_member ON privacy_requests (tenant_id, member_id);

-- As every tenant table since 0018: row-level security forced (the owner too), the
-- tenant set for the transaction, and the owner's maintenance policy.
ALTER TABLE privacy_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON privacy_requests
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
DO $$
BEGIN
    EXECUTE format(
        'CREATE POLICY owner_maintenance ON privacy_requests '
        'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
        'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
        current_user, current_user);
END $$;
ALTER TABLE privacy_requests FORCE ROW LEVEL SECURITY;

-- An erased record stays as an anonymous placeholder (the stamps and requests point to it);
-- `erased_at` says when, and refuses a second erasure and any other request on it.
ALTER TABLE members ADD COLUMN erased_at BIGINT NULL;
-- The few restricted records, found without reading the register.
CREATE INDEX members_restricted ON members (tenant_id, id) WHERE restricted_at IS NOT NULL;

-- The event log's one allowed change for an erasure (a detail that names the erased person
-- becomes the placeholder '[erased]') is defined with its hash chain in migration 0026.
