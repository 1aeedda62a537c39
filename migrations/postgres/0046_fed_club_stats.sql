SELECT set_config('app.maintenance', 'on', true);
-- The federation's oversight dashboard (issue 18, deliverable 3): one row of counts per
-- affiliated club, kept in the federation (tenant_id = the federation), so the dashboard
-- reads O(clubs) rows instead of aggregating a million members per request. Written by the
-- daily job, at seed time and by the federation's "count again"; numbers only, nothing
-- personal: `ages` (7 bands), `genders` (female, male, other, unknown), `growth`
-- ("<season id>:<members at its start>" …) and `licences` ("<season id>:<category id>:<n>"
-- …) are space-separated counts.
CREATE TABLE fed_club_stats (
    tenant_id         BIGINT  NOT NULL REFERENCES tenants (id),
    id                BIGINT  NOT NULL,
    club_id           BIGINT  NOT NULL,
    members           BIGINT  NOT NULL DEFAULT 0,
    active_members    BIGINT  NOT NULL DEFAULT 0,
    ages              TEXT    NOT NULL DEFAULT '',
    genders           TEXT    NOT NULL DEFAULT '',
    growth            TEXT    NOT NULL DEFAULT '',
    licences          TEXT    NOT NULL DEFAULT '',
    staff             BIGINT  NOT NULL DEFAULT 0,
    staff_without_2fa BIGINT  NOT NULL DEFAULT 0,
    overdue_requests  BIGINT  NOT NULL DEFAULT 0,
    reference_on      TEXT    NOT NULL,
    computed_at       BIGINT  NOT NULL,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    updated_by        BIGINT  NULL,
    updated_by_name   TEXT    NULL,
    version           BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, club_id)
);

ALTER TABLE fed_club_stats ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fed_club_stats
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint);
DO $$
BEGIN
    EXECUTE format(
        'CREATE POLICY owner_maintenance ON fed_club_stats '
        'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
        'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
        current_user, current_user);
END $$;
ALTER TABLE fed_club_stats FORCE ROW LEVEL SECURITY;

SELECT set_config('app.maintenance', 'off', true);
