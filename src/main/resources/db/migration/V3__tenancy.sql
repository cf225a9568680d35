-- Tenants, who belongs to them, and per-user preferences.

CREATE TABLE copilot_internal.tenants (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    plan        text        NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'team', 'enterprise')),
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
    is_personal boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE copilot_internal.tenant_memberships (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid        NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL,
    role       text        NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    status     text        NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'suspended', 'removed')),
    invited_by uuid,
    joined_at  timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, user_id)
);

CREATE INDEX idx_tenant_memberships_user ON copilot_internal.tenant_memberships (user_id) WHERE status = 'active';

CREATE TABLE copilot_internal.user_preferences (
    user_id           uuid        PRIMARY KEY,
    current_tenant_id uuid        REFERENCES copilot_internal.tenants (id) ON DELETE SET NULL,
    locale            text        NOT NULL DEFAULT 'en',
    time_zone         text        NOT NULL DEFAULT 'UTC',
    preferences       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER tenants_touch_updated_at BEFORE UPDATE ON copilot_internal.tenants
    FOR EACH ROW EXECUTE FUNCTION copilot_internal.touch_updated_at();
CREATE TRIGGER tenant_memberships_touch_updated_at BEFORE UPDATE ON copilot_internal.tenant_memberships
    FOR EACH ROW EXECUTE FUNCTION copilot_internal.touch_updated_at();
CREATE TRIGGER user_preferences_touch_updated_at BEFORE UPDATE ON copilot_internal.user_preferences
    FOR EACH ROW EXECUTE FUNCTION copilot_internal.touch_updated_at();

-- A tenant is its own isolation key: its "tenant column" is id.
SELECT copilot_internal.enable_tenant_isolation('copilot_internal.tenants', false, true, 'id');
SELECT copilot_internal.enable_tenant_isolation('copilot_internal.tenant_memberships', false, true);

-- Preferences belong to a user, not a tenant.
ALTER TABLE copilot_internal.user_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE copilot_internal.user_preferences FORCE ROW LEVEL SECURITY;
CREATE POLICY user_preferences_service_role_full_access ON copilot_internal.user_preferences
    FOR ALL TO service_role USING (true) WITH CHECK (true);
CREATE POLICY user_preferences_owner_all ON copilot_internal.user_preferences
    FOR ALL TO authenticated
    USING (user_id = (SELECT public.current_user_id()))
    WITH CHECK (user_id = (SELECT public.current_user_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON copilot_internal.user_preferences TO service_role;
GRANT SELECT, INSERT, UPDATE ON copilot_internal.user_preferences TO authenticated;

-- A user's own active memberships, across tenants. SECURITY DEFINER because the caller has
-- not chosen a tenant yet (it is what the service asks before honouring an X-Tenant-Id
-- header); it returns only rows of the subject in request.jwt.claims.
CREATE OR REPLACE FUNCTION public.my_memberships()
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

CREATE OR REPLACE FUNCTION public.has_active_membership(p_tenant_id uuid)
    RETURNS boolean
    LANGUAGE sql
    STABLE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT EXISTS (SELECT 1 FROM public.my_memberships() m WHERE m.tenant_id = p_tenant_id)
$$;

REVOKE ALL ON FUNCTION public.my_memberships() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.has_active_membership(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.my_memberships(), public.has_active_membership(uuid) TO authenticated, service_role;
