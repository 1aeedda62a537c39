-- Nothing to change on SQLite: the PostgreSQL migration of the same name adds the
-- row-level security policies that let one statement record a federation's read in many
-- clubs' event logs; SQLite has no row-level security.
SELECT 1;
