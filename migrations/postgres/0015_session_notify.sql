-- Every change to a session notifies the channel `tessera_sessions` with the session's id:
-- each application process keeps the sessions it loaded while it listens there, and forgets
-- the one named (server/core's access_cache). A new session needs no notification: a
-- session that does not exist is never kept.
CREATE FUNCTION tessera_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tessera_sessions', OLD.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER session_changed AFTER UPDATE OR DELETE ON tower_sessions.session
    FOR EACH ROW EXECUTE FUNCTION tessera_session_changed();

-- Emptied at once: an empty payload stands for every session.
CREATE FUNCTION tessera_sessions_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tessera_sessions', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER sessions_emptied AFTER TRUNCATE ON tower_sessions.session
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_sessions_emptied();
