-- Spending limits per platform, tenant or user, per resource (llm, e2b or all) and period,
-- and the atomic operations that enforce them.

CREATE TABLE copilot_internal.cost_quotas (
    id                uuid            PRIMARY KEY DEFAULT gen_random_uuid(),
    -- NULL only for platform-wide quotas, which no tenant can see.
    tenant_id         uuid            REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    scope             text            NOT NULL CHECK (scope IN ('platform', 'tenant', 'user')),
    scope_id          uuid,
    resource_type     text            NOT NULL DEFAULT 'llm' CHECK (resource_type IN ('llm', 'e2b', 'all')),
    limit_usd         numeric(20, 10) NOT NULL CHECK (limit_usd >= 0),
    current_spend_usd numeric(20, 10) NOT NULL DEFAULT 0 CHECK (current_spend_usd >= 0),
    warning_threshold numeric(5, 4)   NOT NULL DEFAULT 0.8 CHECK (warning_threshold > 0 AND warning_threshold <= 1),
    period            text            NOT NULL CHECK (period IN ('hour', 'day', 'week', 'month', 'year')),
    period_start      timestamptz     NOT NULL,
    period_end        timestamptz     NOT NULL,
    created_at        timestamptz     NOT NULL DEFAULT now(),
    updated_at        timestamptz     NOT NULL DEFAULT now(),
    CHECK (period_end > period_start),
    CHECK ((scope = 'platform' AND tenant_id IS NULL AND scope_id IS NULL)
        OR (scope = 'tenant' AND tenant_id IS NOT NULL AND scope_id = tenant_id)
        OR (scope = 'user' AND tenant_id IS NOT NULL AND scope_id IS NOT NULL))
);

COMMENT ON COLUMN copilot_internal.cost_quotas.warning_threshold IS 'Fraction of limit_usd at which the quota reports WARNING.';

CREATE UNIQUE INDEX idx_cost_quotas_unique_period ON copilot_internal.cost_quotas
    (scope, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'::uuid), resource_type, period_start);
CREATE INDEX idx_cost_quotas_lookup ON copilot_internal.cost_quotas (scope, scope_id, period_end);
CREATE INDEX idx_cost_quotas_tenant ON copilot_internal.cost_quotas (tenant_id);

CREATE TRIGGER cost_quotas_touch_updated_at BEFORE UPDATE ON copilot_internal.cost_quotas
    FOR EACH ROW EXECUTE FUNCTION copilot_internal.touch_updated_at();

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.cost_quotas', false, true);

-- Check and increment in ONE statement: the applicable quotas (the resource's own and the
-- 'all' ones, in force at p_at) are locked in id order, judged on their latest committed
-- spend, and incremented only if every one of them stays within its limit. Concurrent calls
-- serialise on the row locks, so spend never passes a limit and no increment is lost.
-- No applicable quota means unlimited: allowed, nothing incremented.
CREATE OR REPLACE FUNCTION copilot_internal.check_and_increment_quota(
    p_scope text,
    p_scope_id uuid,
    p_resource_type text,
    p_amount numeric,
    p_at timestamptz DEFAULT now())
    RETURNS TABLE (allowed boolean, quotas_checked integer, remaining_usd numeric, denied_quota_id uuid)
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
BEGIN
    IF p_amount IS NULL OR p_amount < 0 THEN
        RAISE EXCEPTION 'amount must be >= 0, got %', p_amount USING ERRCODE = '22023';
    END IF;
    IF p_resource_type NOT IN ('llm', 'e2b') THEN
        RAISE EXCEPTION 'resource type must be llm or e2b, got %', p_resource_type USING ERRCODE = '22023';
    END IF;

    RETURN QUERY
    WITH applicable AS (
        SELECT q.id, q.limit_usd, q.current_spend_usd
        FROM copilot_internal.cost_quotas q
        WHERE q.scope = p_scope
          AND q.scope_id IS NOT DISTINCT FROM p_scope_id
          AND q.resource_type IN (p_resource_type, 'all')
          AND p_at >= q.period_start AND p_at < q.period_end
        ORDER BY q.id
        FOR UPDATE),
    verdict AS (
        SELECT coalesce(bool_and(a.current_spend_usd + p_amount <= a.limit_usd), true) AS ok,
               count(*)::integer AS checked,
               (SELECT a2.id FROM applicable a2 WHERE a2.current_spend_usd + p_amount > a2.limit_usd
                ORDER BY a2.id LIMIT 1) AS blocked_by
        FROM applicable a),
    incremented AS (
        UPDATE copilot_internal.cost_quotas q
        SET current_spend_usd = q.current_spend_usd + p_amount
        FROM applicable a, verdict v
        WHERE q.id = a.id AND v.ok
        RETURNING q.limit_usd - q.current_spend_usd AS remaining)
    SELECT v.ok, v.checked, (SELECT min(i.remaining) FROM incremented i), v.blocked_by
    FROM verdict v;
END
$$;

-- Pre-flight check for an E2B run: would p_estimated_cost fit every applicable quota?
-- Read-only; the authoritative decision is check_and_increment_quota.
CREATE OR REPLACE FUNCTION copilot_internal.check_e2b_quota(
    p_scope text,
    p_scope_id uuid,
    p_estimated_cost numeric DEFAULT 0)
    RETURNS TABLE (allowed boolean, current_spend_usd numeric, limit_usd numeric, remaining_usd numeric,
                   quota_id uuid)
    LANGUAGE sql
    STABLE
    SET search_path = pg_catalog
AS $$
    WITH tightest AS (
        SELECT q.id, q.current_spend_usd, q.limit_usd, q.limit_usd - q.current_spend_usd AS remaining
        FROM copilot_internal.cost_quotas q
        WHERE q.scope = p_scope
          AND q.scope_id IS NOT DISTINCT FROM p_scope_id
          AND q.resource_type IN ('e2b', 'all')
          AND now() >= q.period_start AND now() < q.period_end
        ORDER BY q.limit_usd - q.current_spend_usd, q.id
        LIMIT 1)
    SELECT coalesce(t.remaining >= coalesce(p_estimated_cost, 0), true), t.current_spend_usd, t.limit_usd,
           t.remaining, t.id
    FROM (SELECT 1) AS one
    LEFT JOIN tightest t ON true
$$;

-- Records actual E2B spend after a run, whatever the limit (the run already happened).
-- A single UPDATE: concurrent increments serialise on the row lock and none is lost.
CREATE OR REPLACE FUNCTION copilot_internal.increment_e2b_quota_spend(
    p_scope text,
    p_scope_id uuid,
    p_amount numeric)
    RETURNS integer
    LANGUAGE plpgsql
    VOLATILE
    SET search_path = pg_catalog
AS $$
DECLARE
    updated integer;
BEGIN
    IF p_amount IS NULL OR p_amount < 0 THEN
        RAISE EXCEPTION 'amount must be >= 0, got %', p_amount USING ERRCODE = '22023';
    END IF;
    UPDATE copilot_internal.cost_quotas q
    SET current_spend_usd = q.current_spend_usd + p_amount
    WHERE q.scope = p_scope
      AND q.scope_id IS NOT DISTINCT FROM p_scope_id
      AND q.resource_type IN ('e2b', 'all')
      AND now() >= q.period_start AND now() < q.period_end;
    GET DIAGNOSTICS updated = ROW_COUNT;
    RETURN updated;
END
$$;

GRANT EXECUTE ON FUNCTION copilot_internal.check_and_increment_quota(text, uuid, text, numeric, timestamptz),
    copilot_internal.check_e2b_quota(text, uuid, numeric),
    copilot_internal.increment_e2b_quota_spend(text, uuid, numeric)
    TO service_role;
