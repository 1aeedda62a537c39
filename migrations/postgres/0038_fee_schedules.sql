SELECT set_config('app.maintenance', 'on', true);
-- Fee schedules per season (issue 20, inv20).
--
-- `fee_settings` gets the `id` every stamped tenant row has (always 1: one row per club),
-- so its form saves through the stamped, versioned update like every other form.
ALTER TABLE fee_settings ADD COLUMN id BIGINT NOT NULL DEFAULT 1;

-- The season's pricing rules: the day ages are taken on (NULL: the season's first day),
-- the discount on each child after the first of one payer (percent), the most one payer
-- pays for the season's membership fees (NULL: no cap), and pro rata for joining late:
-- 'none', 'monthly' (the months left of the season, the joining month counted), or
-- 'after_date' (`prorata_percent` off for who joins on or after `prorata_date`).
ALTER TABLE seasons ADD COLUMN reference_date TEXT NULL;
ALTER TABLE seasons ADD COLUMN sibling_percent BIGINT NOT NULL DEFAULT 0
    CHECK (sibling_percent BETWEEN 0 AND 100);
ALTER TABLE seasons ADD COLUMN family_cap_cents BIGINT NULL CHECK (family_cap_cents >= 0);
ALTER TABLE seasons ADD COLUMN prorata TEXT NOT NULL DEFAULT 'none'
    CHECK (prorata IN ('none', 'monthly', 'after_date'));
ALTER TABLE seasons ADD COLUMN prorata_date TEXT NULL;
ALTER TABLE seasons ADD COLUMN prorata_percent BIGINT NOT NULL DEFAULT 0
    CHECK (prorata_percent BETWEEN 0 AND 100);

-- A fee of a season. 'membership': the member's season fee; of these the first by
-- `position` whose conditions all hold applies (age on the reference date, birth-year
-- band, group). 'one_off': a fee charged only when asked (a tournament, a kit).
CREATE TABLE season_fees (
    tenant_id       BIGINT NOT NULL REFERENCES tenants (id),
    id              BIGINT NOT NULL,
    season_id       BIGINT NOT NULL,
    position        BIGINT NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('membership', 'one_off')),
    name            TEXT    NOT NULL,
    amount_cents    BIGINT NOT NULL CHECK (amount_cents >= 0),
    min_age         BIGINT NULL,
    max_age         BIGINT NULL,
    birth_year_from BIGINT NULL,
    birth_year_to   BIGINT NULL,
    group_id        BIGINT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    updated_by      BIGINT NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, season_id) REFERENCES seasons (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX season_fees_season ON season_fees (tenant_id, season_id, position);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['season_fees']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I '
            'USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint) '
            'WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint)',
            t);
        EXECUTE format(
            'CREATE POLICY owner_maintenance ON %I '
            'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
            'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
            t, current_user, current_user);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END $$;

SELECT set_config('app.maintenance', 'off', true);
