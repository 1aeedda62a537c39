-- Nothing to change on SQLite: the PostgreSQL migration of the same name rewrites the
-- my_roles() function, which SQLite has no counterpart of (the roles are read with a join).
SELECT 1;
