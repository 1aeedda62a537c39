-- Data protection (issue 17): the breach register, the sub-processors and objections to
-- their changes.
--
-- Tenant table `breaches`: a club's own register of personal-data breaches, under row-level
-- security like every tenant table. A breach the platform operator notified to the club is
-- a row here too (`incident_id` names the operator's incident, `notified_at` when the club
-- was told, `acknowledged_at` when an administrator of the club saw the banner). The club
-- records whether and when it notified the authority (GBA/APD) and the people concerned:
-- an instant when it did, a reason when it decided not to. No person is named here: counts
-- and descriptions only.
CREATE TABLE breaches (
    tenant_id             BIGINT  NOT NULL REFERENCES tenants (id),
    id                    BIGINT  NOT NULL,
    incident_id           BIGINT  NULL,
    discovered_at         BIGINT  NOT NULL,
    nature                TEXT    NOT NULL,
    categories            TEXT    NOT NULL,
    people_count          BIGINT  NOT NULL CHECK (people_count >= 0),
    records_count         BIGINT  NOT NULL CHECK (records_count >= 0),
    consequences          TEXT    NOT NULL,
    measures              TEXT    NOT NULL,
    recorded_at           BIGINT  NOT NULL,
    notified_at           BIGINT  NULL,
    acknowledged_at       BIGINT  NULL,
    acknowledged_by       BIGINT  NULL,
    authority_notified_at BIGINT  NULL,
    authority_reason      TEXT    NULL,
    people_notified_at    BIGINT  NULL,
    people_reason         TEXT    NULL,
    resolved_at           BIGINT  NULL,
    updated_at            BIGINT  NOT NULL,
    updated_by            BIGINT  NULL,
    updated_by_name       TEXT    NULL,
    version               BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, incident_id)
);

ALTER TABLE breaches ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON breaches
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
DO $$
BEGIN
    EXECUTE format(
        'CREATE POLICY owner_maintenance ON breaches '
        'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
        'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
        current_user, current_user);
END $$;
ALTER TABLE breaches FORCE ROW LEVEL SECURITY;

-- Platform tables (like tenants and plans: the operator's own records, no tenant column, no
-- row-level security). An incident of the platform, and the clubs it affects with when
-- each was notified (the 72-hour clock runs from `discovered_at`).
CREATE TABLE platform_incidents (
    id              BIGINT  NOT NULL PRIMARY KEY,
    discovered_at   BIGINT  NOT NULL,
    nature          TEXT    NOT NULL,
    categories      TEXT    NOT NULL,
    people_count    BIGINT  NOT NULL CHECK (people_count >= 0),
    records_count   BIGINT  NOT NULL CHECK (records_count >= 0),
    consequences    TEXT    NOT NULL,
    measures        TEXT    NOT NULL,
    recorded_at     BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1
);
CREATE TABLE platform_incident_clubs (
    incident_id BIGINT NOT NULL REFERENCES platform_incidents (id),
    club_id     BIGINT NOT NULL REFERENCES tenants (id),
    notified_at BIGINT NULL,
    PRIMARY KEY (incident_id, club_id)
);
CREATE INDEX platform_incident_clubs_club ON platform_incident_clubs (club_id);

-- The sub-processors the platform uses, and every change to the list: a change is
-- announced to every club and can be objected to until `closes_at` (14 days).
CREATE TABLE subprocessors (
    id              BIGINT  NOT NULL PRIMARY KEY,
    name            TEXT    NOT NULL,
    location        TEXT    NOT NULL,
    service         TEXT    NOT NULL,
    since           TEXT    NOT NULL,
    removed_at      BIGINT  NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1
);
CREATE TABLE subprocessor_changes (
    id              BIGINT  NOT NULL PRIMARY KEY,
    subprocessor_id BIGINT  NOT NULL REFERENCES subprocessors (id),
    change          TEXT    NOT NULL CHECK (change IN ('added', 'modified', 'removed')),
    name            TEXT    NOT NULL,
    location        TEXT    NOT NULL,
    service         TEXT    NOT NULL,
    announced_at    BIGINT  NOT NULL,
    closes_at       BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL
);
CREATE INDEX subprocessor_changes_closes ON subprocessor_changes (closes_at);
-- A club's objection to a change, kept with the change (one per club and change); its
-- last-change stamp says when and by whom the club objected.
CREATE TABLE subprocessor_objections (
    change_id       BIGINT NOT NULL REFERENCES subprocessor_changes (id),
    club_id         BIGINT NOT NULL REFERENCES tenants (id),
    reason          TEXT   NOT NULL,
    updated_at      BIGINT NOT NULL,
    updated_by      BIGINT NULL,
    updated_by_name TEXT   NULL,
    PRIMARY KEY (change_id, club_id)
);
CREATE INDEX subprocessor_objections_club ON subprocessor_objections (club_id);
