-- Seed 001's two helper functions in public ("Part 3: Helper Functions"), which the seed names
-- without bodies. Both run with the caller's rights over the metrics views and the quota rows,
-- so row-level security decides what they see: a caller asking about another tenant gets
-- nothing, and a quota it cannot see is not checked.
-- Repeatable: re-run whenever this file changes.

-- A tenant's costs over all time: LLM and E2B spend, counts, first and last cost. No row for a
-- tenant the caller may not see.
CREATE OR REPLACE FUNCTION public.get_tenant_cost_summary(p_tenant_id uuid)
    RETURNS TABLE (tenant_id uuid, tenant_name text, llm_cost_usd numeric, e2b_cost_usd numeric,
                   total_cost_usd numeric, llm_request_count bigint, e2b_execution_count bigint,
                   first_cost_at timestamptz, last_cost_at timestamptz)
    LANGUAGE sql
    STABLE
AS $$
    SELECT c.* FROM metrics.cost_by_tenant_between('-infinity', 'infinity') c WHERE c.tenant_id = p_tenant_id
$$;

-- Whether an operation of p_estimated_cost_usd on p_resource_type (llm or e2b) would fit every
-- quota in force now for the caller's tenant and user (of the resource and 'all'), counting what
-- reservations hold: the read-only counterpart of check_and_increment_quota (nothing is
-- reserved; usage.reserve does that atomically). No applicable quota means unlimited.
CREATE OR REPLACE FUNCTION public.check_quota_before_operation(p_resource_type text, p_estimated_cost_usd numeric)
    RETURNS TABLE (allowed boolean, quotas_checked integer, remaining_usd numeric, denied_quota_id uuid)
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog
AS $$
BEGIN
    IF p_estimated_cost_usd IS NULL OR p_estimated_cost_usd < 0 THEN
        RAISE EXCEPTION 'estimated cost must be >= 0, got %', p_estimated_cost_usd USING ERRCODE = '22023';
    END IF;
    IF p_resource_type IS NULL OR p_resource_type NOT IN ('llm', 'e2b') THEN
        RAISE EXCEPTION 'resource type must be llm or e2b, got %', p_resource_type USING ERRCODE = '22023';
    END IF;
    RETURN QUERY
    WITH applicable AS (
        SELECT q.id, q.limit_usd - q.current_spend_usd - q.reserved_usd AS left_usd
        FROM copilot_internal.cost_quotas q
        WHERE q.resource_type IN (p_resource_type, 'all')
          AND q.period_start <= now() AND q.period_end > now()
          AND (q.scope = 'platform'
               OR (q.scope = 'tenant' AND q.scope_id = (SELECT public.current_tenant_id()))
               OR (q.scope = 'user' AND q.tenant_id = (SELECT public.current_tenant_id())
                   AND q.scope_id = (SELECT public.current_user_id()))))
    SELECT coalesce(bool_and(a.left_usd >= p_estimated_cost_usd), true),
           count(*)::integer,
           greatest(min(a.left_usd), 0),
           (SELECT b.id FROM applicable b WHERE b.left_usd < p_estimated_cost_usd ORDER BY b.id LIMIT 1)
    FROM applicable a;
END
$$;

REVOKE ALL ON FUNCTION public.get_tenant_cost_summary(uuid), public.check_quota_before_operation(text, numeric)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.get_tenant_cost_summary(uuid), public.check_quota_before_operation(text, numeric)
    TO authenticated, service_role, analytics_reader;
