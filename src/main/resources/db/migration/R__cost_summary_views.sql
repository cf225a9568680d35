-- Per-tenant cost summaries in copilot_internal. security_invoker = true on every view: a
-- plain view runs with its owner's rights and would show every tenant's rows.
-- Repeatable: Flyway re-runs this file whenever it changes.

DROP VIEW IF EXISTS copilot_internal.cost_summary_by_tenant, copilot_internal.cost_summary_by_model,
    copilot_internal.cost_summary_by_task, copilot_internal.e2b_cost_summary_by_tenant,
    copilot_internal.e2b_cost_summary_by_tier, copilot_internal.e2b_cost_summary_by_conversation,
    copilot_internal.combined_cost_summary_by_tenant;

CREATE VIEW copilot_internal.cost_summary_by_tenant WITH (security_invoker = true) AS
SELECT r.tenant_id,
       count(*)                 AS request_count,
       sum(r.input_tokens)      AS total_input_tokens,
       sum(r.output_tokens)     AS total_output_tokens,
       sum(r.total_cost_usd)    AS total_cost_usd,
       min(r.occurred_at)       AS first_request_at,
       max(r.occurred_at)       AS last_request_at
FROM copilot_internal.llm_cost_records r
GROUP BY r.tenant_id;

CREATE VIEW copilot_internal.cost_summary_by_model WITH (security_invoker = true) AS
SELECT r.tenant_id,
       r.provider,
       r.model,
       count(*)                 AS request_count,
       sum(r.input_tokens)      AS total_input_tokens,
       sum(r.output_tokens)     AS total_output_tokens,
       sum(r.total_cost_usd)    AS total_cost_usd,
       avg(r.total_cost_usd)    AS avg_cost_per_request
FROM copilot_internal.llm_cost_records r
GROUP BY r.tenant_id, r.provider, r.model;

CREATE VIEW copilot_internal.cost_summary_by_task WITH (security_invoker = true) AS
SELECT r.tenant_id,
       r.task_type,
       count(*)                 AS request_count,
       sum(r.input_tokens)      AS total_input_tokens,
       sum(r.output_tokens)     AS total_output_tokens,
       sum(r.total_cost_usd)    AS total_cost_usd,
       avg(r.total_cost_usd)    AS avg_cost_per_request
FROM copilot_internal.llm_cost_records r
GROUP BY r.tenant_id, r.task_type;

CREATE VIEW copilot_internal.e2b_cost_summary_by_tenant WITH (security_invoker = true) AS
SELECT r.tenant_id,
       count(*)                      AS execution_count,
       sum(r.execution_time_seconds) AS total_execution_seconds,
       sum(r.total_cost_usd)         AS total_cost_usd,
       min(r.occurred_at)            AS first_execution_at,
       max(r.occurred_at)            AS last_execution_at
FROM copilot_internal.e2b_cost_records r
GROUP BY r.tenant_id;

CREATE VIEW copilot_internal.e2b_cost_summary_by_tier WITH (security_invoker = true) AS
SELECT r.tenant_id,
       r.tier,
       count(*)                      AS execution_count,
       sum(r.execution_time_seconds) AS total_execution_seconds,
       sum(r.total_cost_usd)         AS total_cost_usd,
       avg(r.total_cost_usd)         AS avg_cost_per_execution
FROM copilot_internal.e2b_cost_records r
GROUP BY r.tenant_id, r.tier;

CREATE VIEW copilot_internal.e2b_cost_summary_by_conversation WITH (security_invoker = true) AS
SELECT r.tenant_id,
       r.conversation_id,
       count(*)                      AS execution_count,
       sum(r.execution_time_seconds) AS total_execution_seconds,
       sum(r.total_cost_usd)         AS total_cost_usd,
       max(r.occurred_at)            AS last_execution_at
FROM copilot_internal.e2b_cost_records r
WHERE r.conversation_id IS NOT NULL
GROUP BY r.tenant_id, r.conversation_id;

CREATE VIEW copilot_internal.combined_cost_summary_by_tenant WITH (security_invoker = true) AS
SELECT t.id AS tenant_id,
       coalesce(llm.total_cost_usd, 0)                                AS llm_cost_usd,
       coalesce(e2b.total_cost_usd, 0)                                AS e2b_cost_usd,
       coalesce(llm.total_cost_usd, 0) + coalesce(e2b.total_cost_usd, 0) AS total_cost_usd,
       coalesce(llm.request_count, 0)                                 AS llm_request_count,
       coalesce(e2b.execution_count, 0)                               AS e2b_execution_count
FROM copilot_internal.tenants t
LEFT JOIN copilot_internal.cost_summary_by_tenant llm ON llm.tenant_id = t.id
LEFT JOIN copilot_internal.e2b_cost_summary_by_tenant e2b ON e2b.tenant_id = t.id;

GRANT SELECT ON copilot_internal.cost_summary_by_tenant, copilot_internal.cost_summary_by_model,
    copilot_internal.cost_summary_by_task, copilot_internal.e2b_cost_summary_by_tenant,
    copilot_internal.e2b_cost_summary_by_tier, copilot_internal.e2b_cost_summary_by_conversation,
    copilot_internal.combined_cost_summary_by_tenant
    TO authenticated, service_role, analytics_reader;
