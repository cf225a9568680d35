-- Schemas and roles. Roles are cluster-wide, so every CREATE ROLE is guarded: the same
-- migration runs against many databases of one cluster (one per environment or test run).
--
--   anon              unauthenticated callers: no access to tenant data
--   authenticated     a verified user; sees one tenant, the one in request.jwt.claims
--   service_role      trusted backends; full access, RLS policies grant it everything
--   analytics_reader  platform-wide, read-only analytics (the seeds' "future_analytics_role")
--   copilot_metrics_app  the service's runtime login. NOINHERIT and no grants of its own:
--                     it can read nothing until a transaction switches to one of the roles
--                     above with set_config('role', ..., true), so a forgotten switch fails
--                     closed instead of leaking.

CREATE SCHEMA IF NOT EXISTS copilot_internal;
CREATE SCHEMA IF NOT EXISTS metrics;

COMMENT ON SCHEMA copilot_internal IS 'Tenant data tables; row-level security enabled and forced on every one.';
COMMENT ON SCHEMA metrics IS 'Read-only analytical views over copilot_internal (security_invoker, so RLS applies to the caller).';

DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['anon', 'authenticated', 'service_role', 'analytics_reader'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
        END IF;
    END LOOP;

    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'copilot_metrics_app') THEN
        CREATE ROLE copilot_metrics_app LOGIN NOINHERIT;
    END IF;
END
$$;

-- Re-asserted on every fresh database so a role created by hand cannot carry dangerous attributes.
ALTER ROLE copilot_metrics_app NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
ALTER ROLE analytics_reader NOBYPASSRLS;
ALTER ROLE authenticated NOBYPASSRLS;
ALTER ROLE anon NOBYPASSRLS;

GRANT anon, authenticated, analytics_reader TO copilot_metrics_app;

-- Nothing is reachable by default; each migration grants what its objects need.
REVOKE ALL ON SCHEMA copilot_internal FROM PUBLIC;
REVOKE ALL ON SCHEMA metrics FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

GRANT USAGE ON SCHEMA copilot_internal TO authenticated, service_role, analytics_reader;
GRANT USAGE ON SCHEMA metrics TO authenticated, service_role, analytics_reader;
GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role, analytics_reader;

-- Functions are executable by PUBLIC by default; here only the roles that need them get EXECUTE.
ALTER DEFAULT PRIVILEGES IN SCHEMA copilot_internal REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA metrics GRANT SELECT ON TABLES TO authenticated, service_role, analytics_reader;
