-- Fee schedules per season (issue 20, inv20).
--
-- `fee_settings` gets the `id` every stamped tenant row has (always 1: one row per club),
-- so its form saves through the stamped, versioned update like every other form.
ALTER TABLE fee_settings ADD COLUMN id INTEGER NOT NULL DEFAULT 1;

-- The season's pricing rules: the day ages are taken on (NULL: the season's first day),
-- the discount on each child after the first of one payer (percent), the most one payer
-- pays for the season's membership fees (NULL: no cap), and pro rata for joining late:
-- 'none', 'monthly' (the months left of the season, the joining month counted), or
-- 'after_date' (`prorata_percent` off for who joins on or after `prorata_date`).
ALTER TABLE seasons ADD COLUMN reference_date TEXT NULL;
ALTER TABLE seasons ADD COLUMN sibling_percent INTEGER NOT NULL DEFAULT 0
    CHECK (sibling_percent BETWEEN 0 AND 100);
ALTER TABLE seasons ADD COLUMN family_cap_cents INTEGER NULL CHECK (family_cap_cents >= 0);
ALTER TABLE seasons ADD COLUMN prorata TEXT NOT NULL DEFAULT 'none'
    CHECK (prorata IN ('none', 'monthly', 'after_date'));
ALTER TABLE seasons ADD COLUMN prorata_date TEXT NULL;
ALTER TABLE seasons ADD COLUMN prorata_percent INTEGER NOT NULL DEFAULT 0
    CHECK (prorata_percent BETWEEN 0 AND 100);

-- A fee of a season. 'membership': the member's season fee; of these the first by
-- `position` whose conditions all hold applies (age on the reference date, birth-year
-- band, group). 'one_off': a fee charged only when asked (a tournament, a kit).
CREATE TABLE season_fees (
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id),
    id              INTEGER NOT NULL,
    season_id       INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('membership', 'one_off')),
    name            TEXT    NOT NULL,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
    min_age         INTEGER NULL,
    max_age         INTEGER NULL,
    birth_year_from INTEGER NULL,
    birth_year_to   INTEGER NULL,
    group_id        INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER NULL,
    updated_by_name TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, season_id) REFERENCES seasons (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX season_fees_season ON season_fees (tenant_id, season_id, position);
