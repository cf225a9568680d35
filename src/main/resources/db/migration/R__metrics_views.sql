-- The metrics schema: the read-only analytical layer dashboards and the GraphQL API read.
-- Every view is security_invoker, so the caller's RLS applies: a tenant sees only its rows,
-- analytics_reader sees all tenants, and nobody can write through them.
-- Repeatable: Flyway re-runs this file whenever it changes; it drops every view in the
-- schema first so a renamed or removed view does not linger.

DO $$
DECLARE
    view_name text;
BEGIN
    FOR view_name IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'metrics' AND c.relkind = 'v' LOOP
        EXECUTE format('DROP VIEW IF EXISTS metrics.%I CASCADE', view_name);
    END LOOP;
END
$$;

-- Row level ----------------------------------------------------------------------------

CREATE VIEW metrics.llm_costs WITH (security_invoker = true) AS
SELECT r.id, r.tenant_id, r.user_id, r.conversation_id, r.task_type, r.provider, r.model,
       r.input_tokens, r.output_tokens, r.cached_input_tokens, r.cache_write_tokens, r.reasoning_tokens,
       r.input_cost_usd, r.output_cost_usd, r.total_cost_usd, r.request_id, r.trace_id, r.occurred_at
FROM copilot_internal.llm_cost_records r;

CREATE VIEW metrics.e2b_costs WITH (security_invoker = true) AS
SELECT r.id, r.tenant_id, r.user_id, r.conversation_id, r.execution_context_id, r.sandbox_id, r.template_id,
       r.tier, r.region, r.execution_time_seconds, r.cpu_core_seconds, r.memory_gb_seconds, r.disk_io_gb,
       r.execution_cost_usd, r.resource_cost_usd, r.total_cost_usd, r.is_estimated, r.trace_id,
       r.started_at, r.occurred_at
FROM copilot_internal.e2b_cost_records r;

-- One row per cost, LLM and E2B alike. For E2B, provider is 'e2b' and model is the tier, so
-- one filter on provider/model works for both.
CREATE VIEW metrics.all_costs WITH (security_invoker = true) AS
SELECT r.id, 'llm'::text AS cost_type, r.tenant_id, r.user_id, r.conversation_id, r.provider, r.model,
       r.input_tokens, r.output_tokens, NULL::numeric AS execution_seconds, r.total_cost_usd AS cost_usd,
       r.occurred_at
FROM copilot_internal.llm_cost_records r
UNION ALL
SELECT r.id, 'e2b'::text, r.tenant_id, r.user_id, r.conversation_id, 'e2b'::text, r.tier,
       NULL::bigint, NULL::bigint, r.execution_time_seconds, r.total_cost_usd, r.occurred_at
FROM copilot_internal.e2b_cost_records r;

CREATE VIEW metrics.cost_estimates WITH (security_invoker = true) AS
SELECT e.id, 'llm'::text AS estimate_type, e.tenant_id, e.user_id, e.conversation_id, e.provider, e.model,
       e.estimated_cost_usd, actual.total_cost_usd AS actual_cost_usd,
       actual.total_cost_usd - e.estimated_cost_usd AS variance_usd, e.created_at
FROM copilot_internal.llm_cost_estimates e
LEFT JOIN copilot_internal.llm_cost_records actual ON actual.id = e.llm_cost_record_id
UNION ALL
SELECT e.id, 'e2b'::text, e.tenant_id, e.user_id, e.conversation_id, 'e2b'::text, e.tier,
       e.estimated_cost_usd, actual.total_cost_usd, actual.total_cost_usd - e.estimated_cost_usd, e.created_at
FROM copilot_internal.e2b_cost_estimates e
LEFT JOIN copilot_internal.e2b_cost_records actual ON actual.id = e.e2b_cost_record_id;

-- Aggregates ---------------------------------------------------------------------------

CREATE VIEW metrics.cost_by_tenant WITH (security_invoker = true) AS
SELECT c.tenant_id,
       t.name                                                        AS tenant_name,
       coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'llm'), 0) AS llm_cost_usd,
       coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'e2b'), 0) AS e2b_cost_usd,
       sum(c.cost_usd)                                               AS total_cost_usd,
       count(*) FILTER (WHERE c.cost_type = 'llm')                   AS llm_request_count,
       count(*) FILTER (WHERE c.cost_type = 'e2b')                   AS e2b_execution_count,
       min(c.occurred_at)                                            AS first_cost_at,
       max(c.occurred_at)                                            AS last_cost_at
FROM metrics.all_costs c
JOIN copilot_internal.tenants t ON t.id = c.tenant_id
GROUP BY c.tenant_id, t.name;

CREATE VIEW metrics.cost_by_user WITH (security_invoker = true) AS
SELECT c.tenant_id,
       c.user_id,
       coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'llm'), 0) AS llm_cost_usd,
       coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'e2b'), 0) AS e2b_cost_usd,
       sum(c.cost_usd)                                               AS total_cost_usd,
       count(*) FILTER (WHERE c.cost_type = 'llm')                   AS llm_request_count,
       count(*) FILTER (WHERE c.cost_type = 'e2b')                   AS e2b_execution_count,
       min(c.occurred_at)                                            AS first_cost_at,
       max(c.occurred_at)                                            AS last_cost_at
FROM metrics.all_costs c
WHERE c.user_id IS NOT NULL
GROUP BY c.tenant_id, c.user_id;

CREATE VIEW metrics.cost_by_conversation WITH (security_invoker = true) AS
SELECT c.tenant_id,
       c.conversation_id,
       conv.user_id,
       conv.title                                                    AS conversation_title,
       coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'llm'), 0) AS llm_cost_usd,
       coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'e2b'), 0) AS e2b_cost_usd,
       sum(c.cost_usd)                                               AS total_cost_usd,
       count(*) FILTER (WHERE c.cost_type = 'llm')                   AS llm_request_count,
       count(*) FILTER (WHERE c.cost_type = 'e2b')                   AS e2b_execution_count,
       max(c.occurred_at)                                            AS last_cost_at
FROM metrics.all_costs c
LEFT JOIN copilot_internal.conversations conv ON conv.id = c.conversation_id
WHERE c.conversation_id IS NOT NULL
GROUP BY c.tenant_id, c.conversation_id, conv.user_id, conv.title;

-- Quotas in force now, with their state: EXCEEDED at or over the limit, WARNING at or over
-- warning_threshold of it, OK otherwise.
CREATE VIEW metrics.quota_status WITH (security_invoker = true) AS
SELECT q.id AS quota_id,
       q.tenant_id,
       q.scope,
       q.scope_id,
       q.resource_type,
       q.limit_usd,
       q.current_spend_usd,
       greatest(q.limit_usd - q.current_spend_usd, 0)                       AS remaining_usd,
       round(q.current_spend_usd / nullif(q.limit_usd, 0) * 100, 2)         AS usage_percentage,
       q.warning_threshold,
       CASE
           WHEN q.current_spend_usd >= q.limit_usd THEN 'EXCEEDED'
           WHEN q.current_spend_usd >= q.limit_usd * q.warning_threshold THEN 'WARNING'
           ELSE 'OK'
       END                                                                  AS status,
       q.period,
       q.period_start,
       q.period_end
FROM copilot_internal.cost_quotas q
WHERE q.period_start <= now() AND q.period_end > now();

CREATE VIEW metrics.llm_model_usage WITH (security_invoker = true) AS
SELECT r.tenant_id,
       r.provider,
       r.model,
       count(*)                   AS request_count,
       sum(r.input_tokens)        AS input_tokens,
       sum(r.output_tokens)       AS output_tokens,
       sum(r.cached_input_tokens) AS cached_input_tokens,
       sum(r.total_cost_usd)      AS total_cost_usd,
       avg(r.total_cost_usd)      AS avg_cost_per_request,
       min(r.occurred_at)         AS first_used_at,
       max(r.occurred_at)         AS last_used_at
FROM copilot_internal.llm_cost_records r
GROUP BY r.tenant_id, r.provider, r.model;

-- Daily series use UTC days; the API buckets raw records for other time zones.
CREATE VIEW metrics.llm_costs_daily WITH (security_invoker = true) AS
SELECT r.tenant_id,
       (r.occurred_at AT TIME ZONE 'UTC')::date AS day,
       r.provider,
       r.model,
       count(*)                                 AS request_count,
       sum(r.input_tokens)                      AS input_tokens,
       sum(r.output_tokens)                     AS output_tokens,
       sum(r.total_cost_usd)                    AS total_cost_usd
FROM copilot_internal.llm_cost_records r
GROUP BY r.tenant_id, (r.occurred_at AT TIME ZONE 'UTC')::date, r.provider, r.model;

CREATE VIEW metrics.e2b_sandbox_usage WITH (security_invoker = true) AS
SELECT r.tenant_id,
       r.tier,
       r.template_id,
       count(*)                      AS execution_count,
       sum(r.execution_time_seconds) AS total_execution_seconds,
       avg(r.execution_time_seconds) AS avg_execution_seconds,
       sum(r.total_cost_usd)         AS total_cost_usd,
       min(r.occurred_at)            AS first_used_at,
       max(r.occurred_at)            AS last_used_at
FROM copilot_internal.e2b_cost_records r
GROUP BY r.tenant_id, r.tier, r.template_id;

CREATE VIEW metrics.e2b_costs_daily WITH (security_invoker = true) AS
SELECT r.tenant_id,
       (r.occurred_at AT TIME ZONE 'UTC')::date AS day,
       r.tier,
       count(*)                                 AS execution_count,
       sum(r.execution_time_seconds)            AS execution_seconds,
       sum(r.total_cost_usd)                    AS total_cost_usd
FROM copilot_internal.e2b_cost_records r
GROUP BY r.tenant_id, (r.occurred_at AT TIME ZONE 'UTC')::date, r.tier;

CREATE VIEW metrics.tenant_total_costs WITH (security_invoker = true) AS
SELECT t.id                                                                        AS tenant_id,
       t.name                                                                      AS tenant_name,
       t.plan,
       coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'llm'), 0)             AS llm_cost_usd,
       coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'e2b'), 0)             AS e2b_cost_usd,
       coalesce(sum(c.cost_usd), 0)                                                AS total_cost_usd,
       coalesce(sum(c.cost_usd) FILTER (WHERE c.occurred_at >= date_trunc('month', now(), 'UTC')), 0)
                                                                                   AS month_to_date_cost_usd
FROM copilot_internal.tenants t
LEFT JOIN metrics.all_costs c ON c.tenant_id = t.id
GROUP BY t.id, t.name, t.plan;

CREATE VIEW metrics.top_spending_tenants WITH (security_invoker = true) AS
SELECT dense_rank() OVER (ORDER BY tt.total_cost_usd DESC) AS spend_rank,
       tt.tenant_id,
       tt.tenant_name,
       tt.llm_cost_usd,
       tt.e2b_cost_usd,
       tt.total_cost_usd
FROM metrics.tenant_total_costs tt
WHERE tt.total_cost_usd > 0
ORDER BY tt.total_cost_usd DESC, tt.tenant_id;

GRANT SELECT ON ALL TABLES IN SCHEMA metrics TO authenticated, service_role, analytics_reader;
