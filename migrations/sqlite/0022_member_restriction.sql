-- Data protection (issue 17): a member may ask that the processing of their data be
-- restricted (GDPR art. 18). While `restricted_at` is set the record stays but drops out of
-- lists, searches, exports and federation views, and it can only be edited to lift the
-- restriction. NULL: not restricted. Milliseconds since the epoch, like every timestamp.
ALTER TABLE members ADD COLUMN restricted_at INTEGER NULL;
