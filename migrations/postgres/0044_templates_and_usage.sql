SELECT set_config('app.maintenance', 'on', true);
-- Templates and usage (issue 18, deliverables 6 and 7).
--
-- A federation publishes versioned templates for its clubs (`fed_templates`, one row per
-- template, tenant_id = the federation; `fed_template_versions`, one row per published
-- version, the content as JSON, never changed once published). A club actively affiliated
-- adopts a version as a copy made through its own roles, fields, forms and terms; the
-- adoption is recorded in the club (`template_adoptions`, tenant_id = the club).
--
-- `usage_snapshots` is a platform table: one row per tenant and month with the counts the
-- operator bills and plans by (members, accounts, admins, active modules, stored bytes).
CREATE TABLE fed_templates (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('role', 'fields', 'form', 'terms')),
    name            TEXT    NOT NULL,
    name_key        TEXT    NOT NULL,
    latest          BIGINT  NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, kind, name_key)
);

CREATE TABLE fed_template_versions (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    template_id     BIGINT  NOT NULL,
    number          BIGINT  NOT NULL,
    name            TEXT    NOT NULL,
    content         TEXT    NOT NULL,
    note            TEXT    NOT NULL DEFAULT '',
    published_at    BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, template_id, number),
    FOREIGN KEY (tenant_id, template_id) REFERENCES fed_templates (tenant_id, id)
);

CREATE TABLE template_adoptions (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    id              BIGINT  NOT NULL,
    federation_id   BIGINT  NOT NULL,
    template_id     BIGINT  NOT NULL,
    kind            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    number          BIGINT  NOT NULL,
    content         TEXT    NOT NULL,
    adopted_at      BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      BIGINT  NULL,
    updated_by_name TEXT    NULL,
    version         BIGINT  NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, template_id, number)
);

CREATE TABLE usage_snapshots (
    subject_id      BIGINT  NOT NULL REFERENCES tenants (id),
    month           TEXT    NOT NULL,
    members         BIGINT  NOT NULL,
    accounts        BIGINT  NOT NULL,
    admins          BIGINT  NOT NULL,
    modules         BIGINT  NOT NULL,
    storage_bytes   BIGINT  NOT NULL,
    taken_at        BIGINT  NOT NULL,
    PRIMARY KEY (subject_id, month)
);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['fed_templates', 'fed_template_versions', 'template_adoptions']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I '
            'USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint) '
            'WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::bigint)',
            t);
        EXECUTE format(
            'CREATE POLICY owner_maintenance ON %I '
            'USING (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L) '
            'WITH CHECK (current_setting(''app.maintenance'', true) = ''on'' AND current_user = %L)',
            t, current_user, current_user);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END $$;

-- The operator's usage counts per club and federation (numbers and module ids only):
-- stored records (members, and a federation's licensed people), accounts, holders of the
-- Administrator role, the switched-on modules, and the bytes of stored files (logo,
-- member documents, import uploads still kept).
CREATE FUNCTION usage_counts()
RETURNS TABLE (tenant_id BIGINT, members BIGINT, accounts BIGINT, admins BIGINT,
               storage_bytes BIGINT, modules TEXT)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    before TEXT := coalesce(current_setting('app.maintenance', true), '');
BEGIN
    PERFORM set_config('app.maintenance', 'on', true);
    RETURN QUERY
    SELECT t.id,
           (SELECT count(*) FROM members m WHERE m.tenant_id = t.id)
             + (SELECT count(*) FROM fed_people p WHERE p.tenant_id = t.id),
           (SELECT count(*) FROM memberships s WHERE s.tenant_id = t.id),
           (SELECT count(DISTINCT mr.membership_id) FROM membership_roles mr
              JOIN roles r ON r.tenant_id = mr.tenant_id AND r.id = mr.role_id
             WHERE mr.tenant_id = t.id AND r.builtin = 'admin'),
           ((SELECT coalesce(sum(octet_length(l.data)), 0) FROM tenant_logos l WHERE l.tenant_id = t.id)
             + (SELECT coalesce(sum(d.size), 0) FROM member_documents d WHERE d.tenant_id = t.id)
             + (SELECT coalesce(sum(octet_length(i.content)), 0) FROM member_imports i WHERE i.tenant_id = t.id))::bigint,
           coalesce((SELECT string_agg(tm.id, ' ' ORDER BY tm.id) FROM tenant_modules tm
                      WHERE tm.tenant_id = t.id AND tm.enabled), '')
    FROM tenants t
    WHERE t.kind <> 'operator';
    PERFORM set_config('app.maintenance', before, true);
END
$$;

SELECT set_config('app.maintenance', 'off', true);
