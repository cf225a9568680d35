-- The metrics schema: the read-only analytical layer dashboards, BI tools and the GraphQL API
-- read. In dependency order: the row-level views, the parameterised reads (functions over a
-- half-open time range [p_from, p_to)), and the aggregate views, which are those functions over
-- all time, so the API's answer for a range and a view's answer cannot drift apart.
--
-- Every view is security_invoker, so the caller's RLS applies: a tenant sees only its rows,
-- analytics_reader sees all tenants, and nobody can write through them. Every function is
-- LANGUAGE sql, STABLE, SECURITY INVOKER and has no SET clause: that is what lets PostgreSQL
-- inline it into the calling statement, so the caller's prepared statement is planned (and
-- cached) as one query and row-level security applies as if the body were written in place.
-- Without SET search_path, every name in a body is schema-qualified (pg_catalog is searched
-- first anyway, and no API role may create objects anywhere).
--
-- Repeatable: Flyway re-runs this file whenever it changes. It drops every view in the schema
-- first, so a renamed or removed view does not linger; CREATE OR REPLACE cannot change a
-- function's result columns, so to change them drop the function in the block below.

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
-- Columns one kind lacks are NULL for the other (E2B has no tokens, task type or request id).
CREATE VIEW metrics.all_costs WITH (security_invoker = true) AS
SELECT r.id, 'llm'::text AS cost_type, r.tenant_id, r.user_id, r.conversation_id, r.provider, r.model,
       r.input_tokens, r.output_tokens, NULL::numeric AS execution_seconds, r.total_cost_usd AS cost_usd,
       r.occurred_at, r.task_type, r.cached_input_tokens, r.cache_write_tokens, r.reasoning_tokens,
       r.request_id, r.trace_id, r.metadata
FROM copilot_internal.llm_cost_records r
UNION ALL
SELECT r.id, 'e2b'::text, r.tenant_id, r.user_id, r.conversation_id, 'e2b'::text, r.tier,
       NULL::bigint, NULL::bigint, r.execution_time_seconds, r.total_cost_usd, r.occurred_at,
       NULL::text, NULL::bigint, NULL::bigint, NULL::bigint, NULL::text, r.trace_id, r.metadata
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

-- Tenants by id, with their names: what a list of costs per user or per conversation joins to
-- name the tenant (the caller's own, or every tenant for analytics_reader). Users have no names
-- here: they are the identity provider's subjects.
CREATE VIEW metrics.tenants WITH (security_invoker = true) AS
SELECT t.id AS tenant_id, t.slug AS tenant_slug, t.name AS tenant_name, t.plan, t.status
FROM copilot_internal.tenants t;

-- The price catalogue: every price row with the interval it is (or was) in force, [effective_from,
-- effective_until); the row in force at an instant is the one whose interval holds it. Prices
-- are the same for every tenant (their policies read USING (true)).
CREATE VIEW metrics.llm_prices WITH (security_invoker = true) AS
SELECT p.id, p.provider, p.model, p.input_price_per_million, p.output_price_per_million,
       p.cached_input_price_per_million, p.cache_write_price_per_million, p.reasoning_price_per_million,
       p.effective_date AS effective_from,
       lead(p.effective_date) OVER (PARTITION BY p.provider, p.model ORDER BY p.effective_date) AS effective_until,
       p.notes
FROM copilot_internal.model_pricing p;

CREATE VIEW metrics.e2b_prices WITH (security_invoker = true) AS
SELECT p.id, p.tier, p.region, p.price_per_second, p.price_per_cpu_core_second, p.price_per_gb_memory_second,
       p.price_per_gb_disk_io, p.effective_date AS effective_from,
       lead(p.effective_date) OVER (PARTITION BY p.tier, p.region ORDER BY p.effective_date) AS effective_until,
       p.notes
FROM copilot_internal.e2b_pricing p;

-- Parameterised reads ---------------------------------------------------------------

-- UTC bucket boundaries of copilot_internal.cost_rollups, whatever the session's TimeZone (in
-- timestamptz arithmetic "+ 1 month" would follow the session's zone).
CREATE OR REPLACE FUNCTION metrics.utc_floor(p_grain text, p_at timestamptz)
    RETURNS timestamptz
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT date_trunc(p_grain, p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
$$;

CREATE OR REPLACE FUNCTION metrics.utc_ceil(p_grain text, p_at timestamptz)
    RETURNS timestamptz
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT CASE
               WHEN date_trunc(p_grain, p_at AT TIME ZONE 'UTC') = p_at AT TIME ZONE 'UTC' THEN p_at
               ELSE (date_trunc(p_grain, p_at AT TIME ZONE 'UTC')
                     + CASE p_grain WHEN 'month' THEN interval '1 month'
                                    WHEN 'day' THEN interval '1 day'
                                    ELSE interval '1 hour' END) AT TIME ZONE 'UTC'
           END
$$;

-- Every cost in [p_from, p_to) as spend rows: one per rollup bucket for the whole UTC months,
-- days and hours the range covers, one per record for the partial hours at its ends. The range
-- is cut coarse-to-fine into pieces: whole months, then the whole days and hours left at each
-- end, then raw records. Exact: the rollups are kept by triggers (V19__cost_rollups) and
-- RollupConsistencyTest compares them with the records.
-- Each piece is read by a LATERAL subquery kept apart with OFFSET 0, so that it is always an
-- index range scan on that piece's bounds: under a generic plan (prepared statements) a plain
-- join may instead scan a tenant's whole history and filter it by the pieces afterwards.
CREATE OR REPLACE FUNCTION metrics.cost_spend(p_from timestamptz, p_to timestamptz)
    RETURNS TABLE (tenant_id uuid, cost_type text, cost_count bigint, cost_usd numeric,
                   first_at timestamptz, last_at timestamptz)
    LANGUAGE sql
    STABLE
AS $$
    WITH whole AS (
        SELECT metrics.utc_ceil('month', p_from) AS fm, metrics.utc_floor('month', p_to) AS tm,
               metrics.utc_ceil('day', p_from) AS fd, metrics.utc_floor('day', p_to) AS td,
               metrics.utc_ceil('hour', p_from) AS fh, metrics.utc_floor('hour', p_to) AS th
    ),
    piece (grain, lo, hi) AS (
        SELECT 'month', fm, tm FROM whole WHERE fm < tm
        UNION ALL SELECT 'day', fd, CASE WHEN fm < tm THEN fm ELSE td END FROM whole WHERE fd < td
        UNION ALL SELECT 'day', tm, td FROM whole WHERE fd < td AND fm < tm
        UNION ALL SELECT 'hour', fh, CASE WHEN fd < td THEN fd ELSE th END FROM whole WHERE fh < th
        UNION ALL SELECT 'hour', td, th FROM whole WHERE fh < th AND fd < td
        UNION ALL SELECT 'raw', p_from, CASE WHEN fh < th THEN fh ELSE p_to END FROM whole
        UNION ALL SELECT 'raw', th, p_to FROM whole WHERE fh < th
    )
    SELECT r.*
    FROM piece p
    CROSS JOIN LATERAL (
        SELECT r.tenant_id, r.cost_type, r.cost_count, r.cost_usd, r.first_at, r.last_at
        FROM copilot_internal.cost_rollups r
        WHERE r.grain = p.grain AND r.bucket >= p.lo AND r.bucket < p.hi
        OFFSET 0) r
    WHERE p.grain <> 'raw'
    UNION ALL
    SELECT c.*
    FROM piece p
    CROSS JOIN LATERAL (
        SELECT c.tenant_id, c.cost_type, 1::bigint, c.cost_usd, c.occurred_at, c.occurred_at
        FROM metrics.all_costs c
        WHERE c.occurred_at >= p.lo AND c.occurred_at < p.hi
        OFFSET 0) c
    -- only pieces that are not empty: a range on whole hours (what dashboards ask) then reads no
    -- record table, and skips their row-security checks
    WHERE p.grain = 'raw' AND p.lo < p.hi
$$;

CREATE OR REPLACE FUNCTION metrics.cost_by_tenant_between(p_from timestamptz, p_to timestamptz)
    RETURNS TABLE (tenant_id uuid, tenant_name text, llm_cost_usd numeric, e2b_cost_usd numeric,
                   total_cost_usd numeric, llm_request_count bigint, e2b_execution_count bigint,
                   first_cost_at timestamptz, last_cost_at timestamptz)
    LANGUAGE sql
    STABLE
AS $$
    SELECT s.tenant_id,
           t.name,
           coalesce(sum(s.cost_usd) FILTER (WHERE s.cost_type = 'llm'), 0),
           coalesce(sum(s.cost_usd) FILTER (WHERE s.cost_type = 'e2b'), 0),
           sum(s.cost_usd),
           coalesce(sum(s.cost_count) FILTER (WHERE s.cost_type = 'llm'), 0)::bigint,
           coalesce(sum(s.cost_count) FILTER (WHERE s.cost_type = 'e2b'), 0)::bigint,
           min(s.first_at),
           max(s.last_at)
    FROM metrics.cost_spend(p_from, p_to) s
    JOIN copilot_internal.tenants t ON t.id = s.tenant_id
    GROUP BY s.tenant_id, t.name
$$;

-- Tenants that spent something, ranked; equal totals share a rank.
CREATE OR REPLACE FUNCTION metrics.top_spending_tenants_between(p_from timestamptz, p_to timestamptz)
    RETURNS TABLE (spend_rank bigint, tenant_id uuid, tenant_name text, llm_cost_usd numeric,
                   e2b_cost_usd numeric, total_cost_usd numeric)
    LANGUAGE sql
    STABLE
AS $$
    SELECT dense_rank() OVER (ORDER BY c.total_cost_usd DESC), c.tenant_id, c.tenant_name, c.llm_cost_usd,
           c.e2b_cost_usd, c.total_cost_usd
    FROM metrics.cost_by_tenant_between(p_from, p_to) c
    WHERE c.total_cost_usd > 0
$$;

-- Every tenant the caller may see, with zeros where it spent nothing.
CREATE OR REPLACE FUNCTION metrics.tenant_total_costs_between(p_from timestamptz, p_to timestamptz)
    RETURNS TABLE (tenant_id uuid, tenant_name text, plan text, llm_cost_usd numeric, e2b_cost_usd numeric,
                   total_cost_usd numeric)
    LANGUAGE sql
    STABLE
AS $$
    SELECT t.id,
           t.name,
           t.plan,
           coalesce(sum(s.cost_usd) FILTER (WHERE s.cost_type = 'llm'), 0),
           coalesce(sum(s.cost_usd) FILTER (WHERE s.cost_type = 'e2b'), 0),
           coalesce(sum(s.cost_usd), 0)
    FROM copilot_internal.tenants t
    LEFT JOIN metrics.cost_spend(p_from, p_to) s ON s.tenant_id = t.id
    GROUP BY t.id, t.name, t.plan
$$;

CREATE OR REPLACE FUNCTION metrics.cost_by_user_between(p_from timestamptz, p_to timestamptz)
    RETURNS TABLE (tenant_id uuid, user_id uuid, llm_cost_usd numeric, e2b_cost_usd numeric, total_cost_usd numeric,
                   llm_request_count bigint, e2b_execution_count bigint, first_cost_at timestamptz,
                   last_cost_at timestamptz)
    LANGUAGE sql
    STABLE
AS $$
    SELECT c.tenant_id,
           c.user_id,
           coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'llm'), 0),
           coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'e2b'), 0),
           sum(c.cost_usd),
           count(*) FILTER (WHERE c.cost_type = 'llm'),
           count(*) FILTER (WHERE c.cost_type = 'e2b'),
           min(c.occurred_at),
           max(c.occurred_at)
    FROM metrics.all_costs c
    WHERE c.user_id IS NOT NULL AND c.occurred_at >= p_from AND c.occurred_at < p_to
    GROUP BY c.tenant_id, c.user_id
$$;

CREATE OR REPLACE FUNCTION metrics.cost_by_conversation_between(p_from timestamptz, p_to timestamptz)
    RETURNS TABLE (tenant_id uuid, conversation_id uuid, user_id uuid, conversation_title text,
                   llm_cost_usd numeric, e2b_cost_usd numeric, total_cost_usd numeric, llm_request_count bigint,
                   e2b_execution_count bigint, last_cost_at timestamptz)
    LANGUAGE sql
    STABLE
AS $$
    SELECT c.tenant_id,
           c.conversation_id,
           conv.user_id,
           conv.title,
           coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'llm'), 0),
           coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'e2b'), 0),
           sum(c.cost_usd),
           count(*) FILTER (WHERE c.cost_type = 'llm'),
           count(*) FILTER (WHERE c.cost_type = 'e2b'),
           max(c.occurred_at)
    FROM metrics.all_costs c
    LEFT JOIN copilot_internal.conversations conv ON conv.id = c.conversation_id
    WHERE c.conversation_id IS NOT NULL AND c.occurred_at >= p_from AND c.occurred_at < p_to
    GROUP BY c.tenant_id, c.conversation_id, conv.user_id, conv.title
$$;

CREATE OR REPLACE FUNCTION metrics.llm_model_usage_between(p_from timestamptz, p_to timestamptz)
    RETURNS TABLE (tenant_id uuid, provider text, model text, request_count bigint, input_tokens numeric,
                   output_tokens numeric, cached_input_tokens numeric, total_cost_usd numeric,
                   avg_cost_per_request numeric, first_used_at timestamptz, last_used_at timestamptz)
    LANGUAGE sql
    STABLE
AS $$
    SELECT r.tenant_id,
           r.provider,
           r.model,
           count(*),
           sum(r.input_tokens),
           sum(r.output_tokens),
           sum(r.cached_input_tokens),
           sum(r.total_cost_usd),
           round(avg(r.total_cost_usd), 10),
           min(r.occurred_at),
           max(r.occurred_at)
    FROM copilot_internal.llm_cost_records r
    WHERE r.occurred_at >= p_from AND r.occurred_at < p_to
    GROUP BY r.tenant_id, r.provider, r.model
$$;

CREATE OR REPLACE FUNCTION metrics.e2b_sandbox_usage_between(p_from timestamptz, p_to timestamptz)
    RETURNS TABLE (tenant_id uuid, tier text, template_id text, execution_count bigint,
                   total_execution_seconds numeric, avg_execution_seconds numeric, total_cost_usd numeric,
                   first_used_at timestamptz, last_used_at timestamptz)
    LANGUAGE sql
    STABLE
AS $$
    SELECT r.tenant_id,
           r.tier,
           r.template_id,
           count(*),
           sum(r.execution_time_seconds),
           round(avg(r.execution_time_seconds), 3),
           sum(r.total_cost_usd),
           min(r.occurred_at),
           max(r.occurred_at)
    FROM copilot_internal.e2b_cost_records r
    WHERE r.occurred_at >= p_from AND r.occurred_at < p_to
    GROUP BY r.tenant_id, r.tier, r.template_id
$$;

-- The parts of [p_from, p_to) that hourly rollups cannot answer, which the records must: the
-- partial hours at the ends, and the UTC hours that hold a boundary of a p_unit bucket in the
-- IANA zone p_zone (cut true; only zones whose offset is not whole hours have them, e.g. +05:30;
-- p_unit NULL: no buckets, no cut hours). The rollups answer every other whole hour.
CREATE OR REPLACE FUNCTION metrics.raw_pieces(p_from timestamptz, p_to timestamptz, p_unit text, p_zone text)
    RETURNS TABLE (lo timestamptz, hi timestamptz, cut boolean)
    LANGUAGE sql
    STABLE
AS $$
    WITH whole AS (
        SELECT metrics.utc_ceil('hour', p_from) AS fh, metrics.utc_floor('hour', p_to) AS th
    ),
    cut_hour AS (
        SELECT DISTINCT metrics.utc_floor('hour', boundary.at) AS hour
        FROM whole,
             generate_series(date_trunc(p_unit, whole.fh AT TIME ZONE p_zone), whole.th AT TIME ZONE p_zone,
                             CASE p_unit WHEN 'hour' THEN interval '1 hour' WHEN 'day' THEN interval '1 day'
                                         WHEN 'week' THEN interval '1 week' ELSE interval '1 month' END) AS local_start,
             LATERAL (SELECT local_start AT TIME ZONE p_zone AS at) AS boundary
        WHERE whole.fh < whole.th AND boundary.at > whole.fh AND boundary.at < whole.th
          AND boundary.at <> metrics.utc_floor('hour', boundary.at)
    )
    SELECT p.* FROM (
        SELECT p_from AS lo, CASE WHEN fh < th THEN fh ELSE p_to END AS hi, false AS cut FROM whole
        UNION ALL SELECT th, p_to, false FROM whole WHERE fh < th
        UNION ALL SELECT h.hour, h.hour + interval '1 hour', true FROM cut_hour h) p
    WHERE p.lo < p.hi  -- no empty pieces (see metrics.cost_spend)
$$;

-- Spending per bucket of p_unit (hour, day, week, month) whose boundaries are those of the IANA
-- zone p_zone (date_trunc with a zone is DST-aware); only buckets with costs. Hourly rollups
-- answer every UTC hour that lies inside one bucket; the few hours a bucket boundary cuts
-- through (zones at +05:30, +05:45, ...) and the partial hours at the ends are summed from the
-- records, so the answer is exact for every zone.
CREATE OR REPLACE FUNCTION metrics.cost_series(p_from timestamptz, p_to timestamptz, p_unit text, p_zone text,
        p_cost_type text DEFAULT NULL)
    RETURNS TABLE (bucket_start timestamptz, llm_cost_usd numeric, e2b_cost_usd numeric, total_cost_usd numeric,
                   llm_request_count bigint, e2b_execution_count bigint)
    LANGUAGE sql
    STABLE
AS $$
    WITH piece AS (
        SELECT p.* FROM metrics.raw_pieces(p_from, p_to, p_unit, p_zone) p
    ),
    spend AS (
        SELECT r.bucket AS at, r.cost_type, r.cost_count, r.cost_usd
        FROM (
            SELECT r.bucket, r.cost_type, r.cost_count, r.cost_usd
            FROM copilot_internal.cost_rollups r
            WHERE r.grain = 'hour' AND r.bucket >= metrics.utc_ceil('hour', p_from)
              AND r.bucket < metrics.utc_floor('hour', p_to)
              AND (p_cost_type IS NULL OR r.cost_type = p_cost_type)
            OFFSET 0) r
        WHERE r.bucket NOT IN (SELECT p.lo FROM piece p WHERE p.cut)
        UNION ALL
        SELECT c.*
        FROM piece p
        CROSS JOIN LATERAL (  -- kept apart: an index range scan per piece (see metrics.cost_spend)
            SELECT c.occurred_at, c.cost_type, 1::bigint, c.cost_usd
            FROM metrics.all_costs c
            WHERE c.occurred_at >= p.lo AND c.occurred_at < p.hi
              AND (p_cost_type IS NULL OR c.cost_type = p_cost_type)
            OFFSET 0) c
    )
    SELECT date_trunc(p_unit, s.at, p_zone),
           coalesce(sum(s.cost_usd) FILTER (WHERE s.cost_type = 'llm'), 0),
           coalesce(sum(s.cost_usd) FILTER (WHERE s.cost_type = 'e2b'), 0),
           coalesce(sum(s.cost_usd), 0),
           coalesce(sum(s.cost_count) FILTER (WHERE s.cost_type = 'llm'), 0)::bigint,
           coalesce(sum(s.cost_count) FILTER (WHERE s.cost_type = 'e2b'), 0)::bigint
    FROM spend s
    GROUP BY 1
$$;

-- Spending per tenant, cost type, provider and model in [p_from, p_to), for breakdowns over those
-- dimensions (costs.CostBreakdownQuery): whole UTC hours from copilot_internal.model_rollups, the
-- partial hours at the ends from the records, and so are the hours that hold a boundary of a
-- p_unit bucket in p_zone (zones whose offset is not whole hours; p_unit NULL: no buckets).
-- Each row is stamped with the start of what it sums: its hour, or the record's instant.
CREATE OR REPLACE FUNCTION metrics.model_spend(p_from timestamptz, p_to timestamptz, p_unit text, p_zone text)
    RETURNS TABLE (at timestamptz, tenant_id uuid, cost_type text, provider text, model text, cost_count bigint,
                   cost_usd numeric, input_tokens numeric, output_tokens numeric, cached_input_tokens numeric,
                   reasoning_tokens numeric, execution_seconds numeric)
    LANGUAGE sql
    STABLE
AS $$
    WITH piece AS (
        SELECT p.* FROM metrics.raw_pieces(p_from, p_to, p_unit, p_zone) p
    )
    SELECT r.hour, r.tenant_id, r.cost_type, r.provider, r.model, r.cost_count, r.cost_usd, r.input_tokens,
           r.output_tokens, r.cached_input_tokens, r.reasoning_tokens, r.execution_seconds
    FROM copilot_internal.model_rollups r
    WHERE r.hour >= metrics.utc_ceil('hour', p_from) AND r.hour < metrics.utc_floor('hour', p_to)
      AND r.hour NOT IN (SELECT p.lo FROM piece p WHERE p.cut)
    UNION ALL
    SELECT c.*
    FROM piece p
    CROSS JOIN LATERAL (  -- kept apart: an index range scan per piece (see metrics.cost_spend)
        SELECT c.occurred_at, c.tenant_id, c.cost_type, c.provider, c.model, 1::bigint, c.cost_usd,
               c.input_tokens::numeric, c.output_tokens::numeric, c.cached_input_tokens::numeric,
               c.reasoning_tokens::numeric, c.execution_seconds
        FROM metrics.all_costs c
        WHERE c.occurred_at >= p.lo AND c.occurred_at < p.hi
        OFFSET 0) c
$$;

-- The caller's active memberships (across tenants), through the narrowly granted owner-rights
-- lookup of V21__membership_lookup_in_private_schema; empty for callers without a subject.
CREATE OR REPLACE FUNCTION metrics.my_memberships()
    RETURNS TABLE (tenant_id uuid, tenant_slug text, tenant_name text, role text)
    LANGUAGE sql
    STABLE
AS $$
    SELECT m.tenant_id, m.tenant_slug, m.tenant_name, m.role FROM copilot_private.my_memberships() m
$$;

-- Aggregates ---------------------------------------------------------------------------
-- The parameterised reads above, over all time.

CREATE VIEW metrics.cost_by_tenant WITH (security_invoker = true) AS
SELECT c.* FROM metrics.cost_by_tenant_between('-infinity', 'infinity') c;

CREATE VIEW metrics.cost_by_user WITH (security_invoker = true) AS
SELECT c.* FROM metrics.cost_by_user_between('-infinity', 'infinity') c;

CREATE VIEW metrics.cost_by_conversation WITH (security_invoker = true) AS
SELECT c.* FROM metrics.cost_by_conversation_between('-infinity', 'infinity') c;

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
       -- what a new reservation may still take: the limit less the spend and what is reserved
       greatest(q.limit_usd - q.current_spend_usd - q.reserved_usd, 0)      AS remaining_usd,
       round(q.current_spend_usd / nullif(q.limit_usd, 0) * 100, 2)         AS usage_percentage,
       q.warning_threshold,
       public.quota_state(q.current_spend_usd, q.limit_usd, q.warning_threshold) AS status,
       q.period,
       q.period_start,
       q.period_end,
       q.reserved_usd
FROM copilot_internal.cost_quotas q
WHERE q.period_start <= now() AND q.period_end > now();

CREATE VIEW metrics.llm_model_usage WITH (security_invoker = true) AS
SELECT u.* FROM metrics.llm_model_usage_between('-infinity', 'infinity') u;

-- Per provider/model and UTC day; metrics.cost_series cuts buckets in any time zone.
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
SELECT u.* FROM metrics.e2b_sandbox_usage_between('-infinity', 'infinity') u;

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
SELECT t.*, coalesce(m.total_cost_usd, 0) AS month_to_date_cost_usd
FROM metrics.tenant_total_costs_between('-infinity', 'infinity') t
LEFT JOIN metrics.cost_by_tenant_between(metrics.utc_floor('month', now()), 'infinity') m ON m.tenant_id = t.tenant_id;

CREATE VIEW metrics.top_spending_tenants WITH (security_invoker = true) AS
SELECT r.* FROM metrics.top_spending_tenants_between('-infinity', 'infinity') r
ORDER BY r.total_cost_usd DESC, r.tenant_id;

-- The unified event log (seed 004) ------------------------------------------------------

-- Every event the caller may see (row-level security of unified.event_metric_events).
CREATE VIEW metrics.events WITH (security_invoker = true) AS
SELECT e.id, e.tenant_id, e.event_id, e.source, e.event_type, e.category, e.severity, e.subject, e.message,
       e.metadata, e.duration_ms, e.user_id, e.session_id, e.trace_id, e.occurred_at, e.received_at,
       -- the expression of idx_event_metric_events_fts, so a search uses that index
       to_tsvector('simple'::regconfig, e.event_type || ' ' || coalesce(e.subject, '') || ' ' || coalesce(e.message, ''))
           AS search_vector
FROM unified.event_metric_events e;

-- The materialized views have no row-level security: their rows come filtered to the caller's
-- tenant by owner-rights functions (R__event_log_functions.sql).
CREATE VIEW metrics.recent_events WITH (security_invoker = true) AS
SELECT m.* FROM copilot_private.recent_events_of_caller() m;

CREATE VIEW metrics.error_summary WITH (security_invoker = true) AS
SELECT m.* FROM copilot_private.error_summary_of_caller() m;

CREATE VIEW metrics.performance_metrics WITH (security_invoker = true) AS
SELECT m.* FROM copilot_private.performance_metrics_of_caller() m;

-- Sessions as their users see them: an active or idle session past its expiry reads as expired.
CREATE VIEW metrics.sessions WITH (security_invoker = true) AS
SELECT s.id, s.tenant_id, s.session_id, s.user_id,
       CASE WHEN s.state IN ('active', 'idle') AND s.expires_at <= now() THEN 'expired' ELSE s.state END AS state,
       s.metadata, s.created_at, s.updated_at, s.last_activity_at, s.expires_at, s.request_count, s.error_count,
       s.total_duration_ms
FROM public.sessions s;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA metrics FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA metrics TO authenticated, service_role, analytics_reader;
REVOKE EXECUTE ON FUNCTION metrics.my_memberships() FROM service_role, analytics_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA metrics TO authenticated, service_role, analytics_reader;
