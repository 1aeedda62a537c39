-- Nothing to change on SQLite: the PostgreSQL migration of the same name notifies changes
-- to sessions for the per-process memory of loaded sessions, which SQLite does not keep.
SELECT 1;
