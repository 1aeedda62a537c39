-- Every change to a session notifies the channel `tessera_sessions` with the session's id
-- (an empty id when the table is emptied): each application process keeps the sessions it
-- loaded while it listens there, and forgets the one named (server/core's access_cache). A
-- new session needs no notification: a session that does not exist is never kept.
CREATE FUNCTION tessera_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('tessera_sessions', '');
    ELSE
        PERFORM pg_notify('tessera_sessions', OLD.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER session_changed AFTER UPDATE OR DELETE ON tower_sessions.session
    FOR EACH ROW EXECUTE FUNCTION tessera_session_changed();
CREATE TRIGGER sessions_emptied AFTER TRUNCATE ON tower_sessions.session
    FOR EACH STATEMENT EXECUTE FUNCTION tessera_session_changed();
