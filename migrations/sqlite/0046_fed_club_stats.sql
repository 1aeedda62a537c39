-- The federation's oversight dashboard (issue 18, deliverable 3): one row of counts per
-- affiliated club, kept in the federation (tenant_id = the federation), so the dashboard
-- reads O(clubs) rows instead of aggregating a million members per request. Written by the
-- daily job, at seed time and by the federation's "count again"; numbers only, nothing
-- personal: `ages` (7 bands), `genders` (female, male, other, unknown), `growth`
-- ("<season id>:<members at its start>" …) and `licences` ("<season id>:<category id>:<n>"
-- …) are space-separated counts.
CREATE TABLE fed_club_stats (
    tenant_id         INTEGER NOT NULL REFERENCES tenants (id),
    id                INTEGER NOT NULL,
    club_id           INTEGER NOT NULL,
    members           INTEGER NOT NULL DEFAULT 0,
    active_members    INTEGER NOT NULL DEFAULT 0,
    ages              TEXT    NOT NULL DEFAULT '',
    genders           TEXT    NOT NULL DEFAULT '',
    growth            TEXT    NOT NULL DEFAULT '',
    licences          TEXT    NOT NULL DEFAULT '',
    staff             INTEGER NOT NULL DEFAULT 0,
    staff_without_2fa INTEGER NOT NULL DEFAULT 0,
    overdue_requests  INTEGER NOT NULL DEFAULT 0,
    reference_on      TEXT    NOT NULL,
    computed_at       INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    updated_by        INTEGER NULL,
    updated_by_name   TEXT    NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, club_id)
);
