-- PostgreSQL only (running_member_imports() under forced row-level security, the owner's
-- maintenance policies its own); SQLite has
-- neither functions nor row-level security.
SELECT 1;
