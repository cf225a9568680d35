-- Every tenant starts with monthly LLM and E2B quotas sized by its plan. The same function
-- opens the next period's quotas when a scheduler calls it at the turn of the month.

CREATE OR REPLACE FUNCTION copilot_internal.initialize_tenant_quotas(
    p_tenant_id uuid,
    p_at timestamptz DEFAULT now())
    RETURNS integer
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    tenant_plan text;
    month_start timestamptz := date_trunc('month', p_at, 'UTC');
    created integer;
BEGIN
    SELECT t.plan INTO tenant_plan FROM copilot_internal.tenants t WHERE t.id = p_tenant_id;
    IF tenant_plan IS NULL THEN
        RAISE EXCEPTION 'tenant % does not exist', p_tenant_id USING ERRCODE = '23503';
    END IF;

    INSERT INTO copilot_internal.cost_quotas
        (tenant_id, scope, scope_id, resource_type, limit_usd, period, period_start, period_end)
    SELECT p_tenant_id, 'tenant', p_tenant_id, defaults.resource_type, defaults.limit_usd, 'month',
           month_start, month_start + interval '1 month'
    FROM (VALUES ('free', 'llm', 10.00), ('free', 'e2b', 5.00),
                 ('team', 'llm', 500.00), ('team', 'e2b', 100.00),
                 ('enterprise', 'llm', 10000.00), ('enterprise', 'e2b', 2000.00))
         AS defaults (plan, resource_type, limit_usd)
    WHERE defaults.plan = tenant_plan
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS created = ROW_COUNT;
    RETURN created;
END
$$;

CREATE OR REPLACE FUNCTION copilot_internal.initialize_quotas_for_new_tenant()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    PERFORM copilot_internal.initialize_tenant_quotas(NEW.id, NEW.created_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER tenants_initialize_quotas AFTER INSERT ON copilot_internal.tenants
    FOR EACH ROW EXECUTE FUNCTION copilot_internal.initialize_quotas_for_new_tenant();

GRANT EXECUTE ON FUNCTION copilot_internal.initialize_tenant_quotas(uuid, timestamptz) TO service_role;
