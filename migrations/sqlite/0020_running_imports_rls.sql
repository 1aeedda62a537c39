-- PostgreSQL only (running_member_imports() under forced row-level security); SQLite has
-- neither functions nor row-level security.
SELECT 1;
