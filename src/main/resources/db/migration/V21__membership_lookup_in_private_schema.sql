-- Which tenants the caller belongs to must be answerable before a tenant is chosen (it is what
-- the service asks before honouring a tenant header), so it cannot go through the tenant-scoped
-- policies and runs with its owner's rights. A SECURITY DEFINER function in an exposed schema is
-- callable by every API role (Supabase splinter lint 0029), so the lookup moves out of public into
-- a schema no API exposes, with EXECUTE for authenticated only. The API reads it through
-- metrics.my_memberships() (R__metrics_functions.sql).

CREATE SCHEMA copilot_private;
COMMENT ON SCHEMA copilot_private IS
    'Functions that must run with their owner''s rights; never exposed by an API, each granted narrowly.';
REVOKE ALL ON SCHEMA copilot_private FROM PUBLIC;
GRANT USAGE ON SCHEMA copilot_private TO authenticated;
ALTER DEFAULT PRIVILEGES IN SCHEMA copilot_private REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- The active memberships of the subject in request.jwt.claims, in active tenants, and nothing else.
CREATE FUNCTION copilot_private.my_memberships()
    RETURNS TABLE (tenant_id uuid, tenant_slug text, tenant_name text, role text)
    LANGUAGE sql
    STABLE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT t.id, t.slug, t.name, m.role
    FROM copilot_internal.tenant_memberships m
    JOIN copilot_internal.tenants t ON t.id = m.tenant_id
    WHERE m.user_id = public.current_user_id()
      AND m.status = 'active'
      AND t.status = 'active'
    ORDER BY t.name
$$;

REVOKE ALL ON FUNCTION copilot_private.my_memberships() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION copilot_private.my_memberships() TO authenticated;

DROP FUNCTION public.has_active_membership(uuid);
DROP FUNCTION public.my_memberships();
