-- The tenant context helpers every policy calls, as (SELECT public.current_tenant_id()): their
-- first definitions are in V2__tenant_context_functions (applied migrations never change);
-- these are the ones in force. They have no SET search_path, so PostgreSQL inlines them into
-- the statement: a policy's check is then one expression evaluated once per statement and
-- table instead of a separately planned function call (about 0.1 ms each, several per
-- dashboard query). Every name in a body is schema-qualified or in pg_catalog, which is
-- searched first.
-- Repeatable: re-run whenever this file changes.

CREATE OR REPLACE FUNCTION public.current_jwt_claims()
    RETURNS jsonb
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
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
AS $$
    -- NULL for a tenant that is not active (V23): it reads nothing.
    SELECT CASE
               WHEN copilot_private.tenant_is_active(public.uuid_or_null(public.current_jwt_claims() ->> 'tenant_id'))
                   THEN public.uuid_or_null(public.current_jwt_claims() ->> 'tenant_id')
           END
$$;

CREATE OR REPLACE FUNCTION public.current_user_id()
    RETURNS uuid
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
AS $$
    SELECT public.uuid_or_null(public.current_jwt_claims() ->> 'sub')
$$;
