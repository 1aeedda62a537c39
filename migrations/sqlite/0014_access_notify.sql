-- Nothing to change on SQLite: the PostgreSQL migration of the same name adds change
-- notifications for the per-process memory of sessions' persons and scopes, which SQLite
-- does not keep (its reads run in the process and cost little).
SELECT 1;
