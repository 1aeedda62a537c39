-- Families: when a child with guardians comes of age, the guardians' access ends (checked on
-- every request against the birth date) and the now-adult member is invited to an account
-- of their own, once: this records when.
ALTER TABLE members ADD COLUMN adult_invited_at INTEGER NULL;
