-- Nothing to change on SQLite: the PostgreSQL migration of the same name replaces indexes on
-- lower() and substr(), which row-level security kept from being used; SQLite has no
-- row-level security and uses them.
SELECT 1;
