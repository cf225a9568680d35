-- Demo data for dev mode only (quarkus.flyway.locations adds db/dev-data in the dev profile;
-- it is never part of a production build). Five tenants with users, conversations, 90 days
-- of LLM and E2B costs across providers and models, estimates, and quotas at OK, WARNING and
-- EXCEEDED, so every GraphQL query returns a believable dashboard.
--
-- Tenant and user ids match docker/keycloak/copilot-realm.json and the dev token endpoint:
--   acme     a0000000-...-000000000001  alice (owner), carol (member)
--   globex   a0000000-...-000000000002  bob (owner), carol (member)
--   initech  a0000000-...-000000000003  dave (owner)
--   umbrella a0000000-...-000000000004  erin (owner)
--   hooli    a0000000-...-000000000005  frank (owner)
--
-- Repeatable: edited, it re-runs and replaces the demo tenants wholesale. Deterministic apart
-- from dates, which are relative to when it runs.
--
-- Tables only (copilot_internal.*), never views or functions of the repeatable migrations:
-- Flyway runs repeatable migrations in the order of their descriptions, so on a fresh database
-- this file ("demo_data") runs before R__metrics_views. DemoDataTest applies the whole stack
-- with this location to an empty database.

SELECT setseed(0.42);

DELETE FROM copilot_internal.tenants WHERE slug IN ('acme', 'globex', 'initech', 'umbrella', 'hooli');

CREATE TEMPORARY TABLE demo_tenant (id uuid, slug text, name text, plan text, daily_llm int, daily_e2b int)
    ON COMMIT DROP;
INSERT INTO demo_tenant VALUES
    ('a0000000-0000-4000-8000-000000000001', 'acme',     'Acme Corp',         'team',        24, 6),
    ('a0000000-0000-4000-8000-000000000002', 'globex',   'Globex',            'enterprise',  48, 12),
    ('a0000000-0000-4000-8000-000000000003', 'initech',  'Initech',           'free',         4, 1),
    ('a0000000-0000-4000-8000-000000000004', 'umbrella', 'Umbrella Research', 'team',        16, 8),
    ('a0000000-0000-4000-8000-000000000005', 'hooli',    'Hooli',             'enterprise',  32, 4);

INSERT INTO copilot_internal.tenants (id, slug, name, plan, created_at)
SELECT id, slug, name, plan, now() - interval '120 days' FROM demo_tenant;

-- Named users of the realm, then a few synthetic colleagues per tenant.
CREATE TEMPORARY TABLE demo_user (tenant_id uuid, user_id uuid, role text) ON COMMIT DROP;
INSERT INTO demo_user VALUES
    ('a0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'owner'),
    ('a0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000003', 'member'),
    ('a0000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000002', 'owner'),
    ('a0000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000003', 'member'),
    ('a0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000004', 'owner'),
    ('a0000000-0000-4000-8000-000000000004', 'b0000000-0000-4000-8000-000000000005', 'owner'),
    ('a0000000-0000-4000-8000-000000000005', 'b0000000-0000-4000-8000-000000000006', 'owner');
INSERT INTO demo_user
SELECT t.id, md5(t.slug || '-user-' || i)::uuid, 'member'
FROM demo_tenant t, generate_series(1, 4) AS i;

INSERT INTO copilot_internal.tenant_memberships (tenant_id, user_id, role, joined_at)
SELECT tenant_id, user_id, role, now() - interval '100 days' FROM demo_user;

INSERT INTO copilot_internal.tenant_llm_policies (tenant_id, default_provider, default_model)
SELECT id, 'openai', 'gpt-4o-mini' FROM demo_tenant;

-- Ten conversations per user.
CREATE TEMPORARY TABLE demo_conversation ON COMMIT DROP AS
SELECT md5(u.tenant_id::text || u.user_id::text || '-conversation-' || i)::uuid AS id, u.tenant_id, u.user_id,
       (ARRAY['Quarterly cost review', 'Refactor the billing service', 'Explain this SQL plan',
              'Draft the release notes', 'Analyse churn data', 'Summarise the incident',
              'Write unit tests', 'Plan the migration', 'Compare vendor offers', 'Tune the dashboard'])[i] AS title
FROM demo_user u, generate_series(1, 10) AS i;

INSERT INTO copilot_internal.conversations (id, tenant_id, user_id, title, created_at, last_message_at)
SELECT id, tenant_id, user_id, title, now() - interval '95 days', now() - interval '1 hour' FROM demo_conversation;

-- 90 days of LLM calls priced from the seeded model prices.
CREATE TEMPORARY TABLE demo_model ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY provider, model) AS n, provider, model,
       input_price_per_million, output_price_per_million
FROM copilot_internal.model_pricing;

WITH calls AS (
    SELECT t.id AS tenant_id,
           now() - make_interval(days => d) - random() * interval '1 day' AS occurred_at,
           1 + floor(random() * (SELECT count(*) FROM demo_model))::int AS model_n,
           (200 + floor(random() * 6000))::bigint AS input_tokens,
           (50 + floor(random() * 1500))::bigint AS output_tokens,
           random() AS pick
    FROM demo_tenant t, generate_series(0, 89) AS d, generate_series(1, t.daily_llm) AS k),
placed AS (
    SELECT c.*, u.user_id,
           (SELECT dc.id FROM demo_conversation dc WHERE dc.user_id = u.user_id AND dc.tenant_id = c.tenant_id
            ORDER BY md5(dc.id::text || c.occurred_at::text) LIMIT 1) AS conversation_id
    FROM calls c
    CROSS JOIN LATERAL (SELECT du.user_id FROM demo_user du WHERE du.tenant_id = c.tenant_id
                        ORDER BY md5(du.user_id::text || c.pick::text) LIMIT 1) u)
-- A third of the input read from the prompt cache for one call in four, tagged by feature
-- (costBreakdown(groupBy: [TAG], tagKey: "feature")), with the provider's request id. Cached
-- tokens are priced like the rest here: demo figures, not a price check.
INSERT INTO copilot_internal.llm_cost_records
    (tenant_id, user_id, conversation_id, task_type, provider, model, input_tokens, output_tokens,
     cached_input_tokens, request_id, metadata, input_cost_usd, output_cost_usd, total_cost_usd, occurred_at)
SELECT p.tenant_id, p.user_id, p.conversation_id,
       (ARRAY['chat', 'chat', 'chat', 'summarization', 'compaction', 'embedding'])[1 + floor(p.pick * 6)::int],
       m.provider, m.model, p.input_tokens, p.output_tokens,
       CASE WHEN p.input_tokens % 4 = 0 THEN p.input_tokens / 3 ELSE 0 END,
       'req_' || substr(md5(p.tenant_id::text || p.occurred_at::text || p.pick::text), 1, 24),
       jsonb_build_object('feature', (ARRAY['assistant', 'search', 'reports', 'code-review'])[1 + floor(p.pick * 4)::int]),
       round(p.input_tokens * m.input_price_per_million / 1000000, 10),
       round(p.output_tokens * m.output_price_per_million / 1000000, 10),
       round(p.input_tokens * m.input_price_per_million / 1000000, 10)
           + round(p.output_tokens * m.output_price_per_million / 1000000, 10),
       p.occurred_at
FROM placed p JOIN demo_model m ON m.n = p.model_n;

-- 90 days of sandbox runs.
WITH runs AS (
    SELECT t.id AS tenant_id,
           now() - make_interval(days => d) - random() * interval '1 day' AS occurred_at,
           (ARRAY['standard', 'standard', 'standard', 'high-cpu', 'high-memory', 'gpu'])[1 + floor(random() * 6)::int] AS tier,
           (ARRAY['python-3.12', 'node-20', 'data-science'])[1 + floor(random() * 3)::int] AS template_id,
           (5 + floor(random() * 900))::numeric AS seconds,
           random() AS pick
    FROM demo_tenant t, generate_series(0, 89) AS d, generate_series(1, t.daily_e2b) AS k)
INSERT INTO copilot_internal.e2b_cost_records
    (tenant_id, user_id, sandbox_id, template_id, tier, region, execution_time_seconds, execution_cost_usd,
     total_cost_usd, started_at, occurred_at)
SELECT r.tenant_id,
       (SELECT du.user_id FROM demo_user du WHERE du.tenant_id = r.tenant_id
        ORDER BY md5(du.user_id::text || r.pick::text) LIMIT 1),
       'sbx-' || substr(md5(r.pick::text), 1, 12), r.template_id, r.tier, 'us-east-1', r.seconds,
       r.seconds * p.price_per_second, r.seconds * p.price_per_second,
       r.occurred_at - make_interval(secs => r.seconds), r.occurred_at
FROM runs r JOIN copilot_internal.e2b_pricing p ON p.tier = r.tier AND p.region = 'us-east-1';

-- Estimates for one call in ten, within 20% of what it cost.
INSERT INTO copilot_internal.llm_cost_estimates
    (tenant_id, user_id, conversation_id, task_type, provider, model, estimated_input_tokens,
     estimated_output_tokens, estimated_cost_usd, llm_cost_record_id, created_at)
SELECT r.tenant_id, r.user_id, r.conversation_id, r.task_type, r.provider, r.model, r.input_tokens,
       r.output_tokens, round(r.total_cost_usd * (0.8 + random() * 0.4)::numeric, 10), r.id,
       r.occurred_at - interval '2 seconds'
FROM copilot_internal.llm_cost_records r
WHERE r.tenant_id IN (SELECT id FROM demo_tenant) AND random() < 0.1;

-- This month's quotas carry the month-to-date spend; a few limits are set so the dashboard
-- shows every state. (The tenants' trigger opened quotas for the month they were created in.)
SELECT copilot_internal.initialize_tenant_quotas(id) FROM demo_tenant;
UPDATE copilot_internal.cost_quotas q
SET current_spend_usd = coalesce((
        SELECT sum(c.total_cost_usd) FROM copilot_internal.llm_cost_records c
        WHERE q.resource_type = 'llm' AND c.tenant_id = q.tenant_id
          AND c.occurred_at >= q.period_start AND c.occurred_at < q.period_end), 0)
    + coalesce((
        SELECT sum(c.total_cost_usd) FROM copilot_internal.e2b_cost_records c
        WHERE q.resource_type = 'e2b' AND c.tenant_id = q.tenant_id
          AND c.occurred_at >= q.period_start AND c.occurred_at < q.period_end), 0)
WHERE q.tenant_id IN (SELECT id FROM demo_tenant);

UPDATE copilot_internal.cost_quotas SET limit_usd = round(current_spend_usd / 0.85, 2)   -- WARNING
WHERE tenant_id = 'a0000000-0000-4000-8000-000000000001' AND resource_type = 'llm' AND current_spend_usd > 0;
UPDATE copilot_internal.cost_quotas SET limit_usd = round(current_spend_usd * 0.9, 2)    -- EXCEEDED
WHERE tenant_id = 'a0000000-0000-4000-8000-000000000002' AND resource_type = 'e2b' AND current_spend_usd > 0;
UPDATE copilot_internal.cost_quotas SET limit_usd = greatest(round(current_spend_usd * 2, 2), 1) -- OK
WHERE tenant_id IN ('a0000000-0000-4000-8000-000000000004', 'a0000000-0000-4000-8000-000000000005');

-- The event log (seed 004): a week of the platform's events per tenant (timings, errors, usage,
-- audit), so events, recentEvents, errorSummary and performanceMetrics show something, and a
-- session for each named user. (Deleting the tenants above took their events and sessions.)
INSERT INTO unified.event_metric_events
    (tenant_id, event_id, source, event_type, category, severity, subject, message, metadata, user_id, occurred_at)
SELECT t.id, 'demo-' || t.slug || '-' || g, e.source, e.event_type, e.category, e.severity, e.model,
       e.message, e.metadata, u.user_id, now() - (g * interval '7 days') / (t.daily_llm * 14)
FROM demo_tenant t
CROSS JOIN generate_series(1, t.daily_llm * 14) AS g
CROSS JOIN LATERAL (SELECT d.user_id FROM demo_user d WHERE d.tenant_id = t.id ORDER BY d.user_id
                    OFFSET g % (SELECT count(*) FROM demo_user d2 WHERE d2.tenant_id = t.id) LIMIT 1) u
CROSS JOIN LATERAL (
    SELECT m.model, c.category,
           CASE c.category WHEN 'error' THEN (ARRAY['error', 'error', 'critical'])[1 + g % 3]
                           WHEN 'performance' THEN CASE WHEN g % 7 = 0 THEN 'warning' ELSE 'info' END
                           ELSE 'info' END AS severity,
           CASE c.category WHEN 'error' THEN 'gateway' WHEN 'performance' THEN 'gateway'
                           WHEN 'usage' THEN 'sandbox' ELSE 'console' END AS source,
           CASE c.category WHEN 'error' THEN 'llm.request.failed' WHEN 'performance' THEN 'llm.request.completed'
                           WHEN 'usage' THEN 'sandbox.run.finished' ELSE 'api_key.rotated' END AS event_type,
           CASE c.category
               WHEN 'error' THEN (ARRAY['Rate limited by the provider', 'Upstream timed out',
                                        'Context window exceeded'])[1 + g % 3] || ' (' || m.model || ')'
               WHEN 'performance' THEN 'Completion from ' || m.model || ' in ' || (200 + (g * 37) % 2400) || ' ms'
               WHEN 'usage' THEN 'Sandbox run of ' || (5 + g % 300) || ' s'
               ELSE 'API key rotated' END AS message,
           CASE c.category
               WHEN 'error' THEN jsonb_build_object('error_code', (ARRAY['rate_limit', 'timeout',
                                                                        'context_length'])[1 + g % 3], 'model', m.model)
               WHEN 'performance' THEN jsonb_build_object('duration_ms', 200 + (g * 37) % 2400, 'model', m.model)
               WHEN 'usage' THEN jsonb_build_object('quantity', 5 + g % 300, 'unit', 'seconds')
               ELSE jsonb_build_object('action', 'api_key.rotated') END AS metadata
    FROM (SELECT (ARRAY['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet', 'gemini-1.5-pro'])[1 + g % 4] AS model) m
    CROSS JOIN (SELECT CASE WHEN g % 10 = 0 THEN 'error' WHEN g % 10 < 7 THEN 'performance'
                            WHEN g % 10 < 9 THEN 'usage' ELSE 'audit' END AS category) c) e;

INSERT INTO public.sessions (tenant_id, session_id, user_id, state, metadata, created_at, last_activity_at,
                             expires_at, request_count, error_count, total_duration_ms)
SELECT d.tenant_id, 'demo-session-' || right(d.user_id::text, 2), d.user_id,
       'active', '{"client": "web"}', now() - interval '2 hours', now() - interval '5 minutes',
       now() + interval '1 hour', 42, 1, 31500
FROM demo_user d WHERE d.user_id::text LIKE 'b0000000-%';
