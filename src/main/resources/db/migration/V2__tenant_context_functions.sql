-- The only way identity reaches SQL: the verified token claims, set per transaction by the
-- service as request.jwt.claims (the PostgREST convention). Each helper reads that setting
-- with missing_ok, treats an empty string as absent, and returns NULL for anything that is
-- not well-formed, so that a missing or malformed claim matches no row instead of raising.
-- Policies call them as (select public.current_tenant_id()) so they run once per statement.

CREATE OR REPLACE FUNCTION public.current_jwt_claims()
    RETURNS jsonb
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
    SET search_path = pg_catalog
AS $$
    SELECT CASE
               WHEN nullif(current_setting('request.jwt.claims', true), '') IS NULL THEN '{}'::jsonb
               ELSE current_setting('request.jwt.claims', true)::jsonb
           END
$$;

CREATE OR REPLACE FUNCTION public.uuid_or_null(p_value text)
    RETURNS uuid
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
    SET search_path = pg_catalog
AS $$
    SELECT CASE
               WHEN p_value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN p_value::uuid
           END
$$;

CREATE OR REPLACE FUNCTION public.current_tenant_id()
    RETURNS uuid
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
    SET search_path = pg_catalog
AS $$
    SELECT public.uuid_or_null(public.current_jwt_claims() ->> 'tenant_id')
$$;

CREATE OR REPLACE FUNCTION public.current_user_id()
    RETURNS uuid
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
    SET search_path = pg_catalog
AS $$
    SELECT public.uuid_or_null(public.current_jwt_claims() ->> 'sub')
$$;

-- Application roles of the caller (e.g. platform-admin), as the service resolved them from the token.
CREATE OR REPLACE FUNCTION public.current_user_roles()
    RETURNS text[]
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
    SET search_path = pg_catalog
AS $$
    SELECT coalesce(array_agg(role_name), ARRAY[]::text[])
    FROM jsonb_array_elements_text(
             CASE jsonb_typeof(public.current_jwt_claims() -> 'roles')
                 WHEN 'array' THEN public.current_jwt_claims() -> 'roles'
                 ELSE '[]'::jsonb
             END) AS role_name
$$;

REVOKE ALL ON FUNCTION public.current_jwt_claims() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.uuid_or_null(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.current_tenant_id() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.current_user_id() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.current_user_roles() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.current_jwt_claims(), public.uuid_or_null(text), public.current_tenant_id(),
    public.current_user_id(), public.current_user_roles()
    TO anon, authenticated, service_role, analytics_reader;

-- Shared by every table with an updated_at column.
CREATE OR REPLACE FUNCTION copilot_internal.touch_updated_at()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

-- Every tenant table gets the same isolation, so migrations declare it with one call instead
-- of repeating five policies:
--   <table>_service_role_full_access  service_role: everything
--   <table>_tenant_read               authenticated: rows of the tenant in request.jwt.claims
--   <table>_tenant_write/_update      authenticated may insert/update only its tenant's rows
--                                     (when p_tenant_writable)
--   <table>_analytics_read            analytics_reader: every tenant, read-only
--                                     (when p_analytics_readable)
-- RLS is enabled and forced, so even the table owner is subject to the policies.
CREATE OR REPLACE FUNCTION copilot_internal.enable_tenant_isolation(
    p_table regclass,
    p_tenant_writable boolean,
    p_analytics_readable boolean,
    p_tenant_column name DEFAULT 'tenant_id')
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    table_name  text := (SELECT relname FROM pg_class WHERE oid = p_table);
    same_tenant text := format('%I = (SELECT public.current_tenant_id())', p_tenant_column);
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', p_table);

    EXECUTE format('CREATE POLICY %I ON %s FOR ALL TO service_role USING (true) WITH CHECK (true)',
                   table_name || '_service_role_full_access', p_table);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO service_role', p_table);

    EXECUTE format('CREATE POLICY %I ON %s FOR SELECT TO authenticated USING (%s)',
                   table_name || '_tenant_read', p_table, same_tenant);
    EXECUTE format('GRANT SELECT ON %s TO authenticated', p_table);

    IF p_tenant_writable THEN
        EXECUTE format('CREATE POLICY %I ON %s FOR INSERT TO authenticated WITH CHECK (%s)',
                       table_name || '_tenant_write', p_table, same_tenant);
        EXECUTE format('CREATE POLICY %I ON %s FOR UPDATE TO authenticated USING (%s) WITH CHECK (%s)',
                       table_name || '_tenant_update', p_table, same_tenant, same_tenant);
        EXECUTE format('GRANT INSERT, UPDATE ON %s TO authenticated', p_table);
    END IF;

    IF p_analytics_readable THEN
        EXECUTE format('CREATE POLICY %I ON %s FOR SELECT TO analytics_reader USING (true)',
                       table_name || '_analytics_read', p_table);
        EXECUTE format('GRANT SELECT ON %s TO analytics_reader', p_table);
    END IF;
END
$$;

REVOKE ALL ON FUNCTION copilot_internal.enable_tenant_isolation(regclass, boolean, boolean, name) FROM PUBLIC;
