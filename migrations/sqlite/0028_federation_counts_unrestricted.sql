-- Data protection (issue 17): a restricted record drops out of federation views. On SQLite
-- the federation's counts are a query in tenants/storage.rs (no function to replace); this
-- migration exists so both folders keep the same names.
SELECT 1;
