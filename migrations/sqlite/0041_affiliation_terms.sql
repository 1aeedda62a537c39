-- Affiliation flows and sharing terms (issue 18, affil18).
--
-- The federation proposes terms (`proposed_fields` at `proposed_version`); the club's
-- admin accepts them, which copies them into `shared_fields` / `terms_version` with the
-- date and the name. Until a newer proposal is accepted only the previously accepted
-- fields are shared: the accepted set and the proposed set are kept apart.
ALTER TABLE affiliations ADD COLUMN proposed_fields TEXT NOT NULL DEFAULT '';
ALTER TABLE affiliations ADD COLUMN proposed_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX affiliations_federation ON affiliations (federation_id, status);
