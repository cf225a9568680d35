-- A tenant that is not active (suspended, deleted) reads nothing, whichever way the caller
-- named it (token claim or tenant header): public.current_tenant_id() (R__tenant_context_functions)
-- answers NULL for it, so every tenant policy matches no row. The status lives in
-- copilot_internal.tenants, whose own policy calls current_tenant_id(); reading it from there
-- would recurse, hence an owner-rights function in the private schema.
-- PL/pgSQL rather than SQL: a non-inlined SQL function is planned on every call, PL/pgSQL
-- caches its plan per session.

GRANT USAGE ON SCHEMA copilot_private TO anon, service_role, analytics_reader;

CREATE FUNCTION copilot_private.tenant_is_active(p_tenant_id uuid)
    RETURNS boolean
    LANGUAGE plpgsql
    STABLE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM copilot_internal.tenants t WHERE t.id = p_tenant_id AND t.status = 'active');
END
$$;

REVOKE ALL ON FUNCTION copilot_private.tenant_is_active(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION copilot_private.tenant_is_active(uuid)
    TO anon, authenticated, service_role, analytics_reader;
