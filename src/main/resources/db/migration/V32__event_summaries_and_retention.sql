-- The seed's three materialized views, keyed by tenant, and the functions that keep the event
-- log in bounds. A materialized view has no row-level security: none is granted to any API role;
-- the API reads them through owner-rights functions that answer the caller's tenant only
-- (copilot_private.*_of_caller, R__event_log_functions.sql). Each has a unique index over its
-- key, which REFRESH ... CONCURRENTLY needs: readers are never blocked by a refresh.

-- The last 24 hours of events, for the activity feed.
CREATE MATERIALIZED VIEW unified.mv_recent_events AS
SELECT e.tenant_id, e.id, e.event_id, e.source, e.event_type, e.category, e.severity, e.subject, e.message,
       e.user_id, e.session_id, e.trace_id, e.occurred_at
FROM unified.event_metric_events e
WHERE e.occurred_at >= now() - interval '24 hours';

CREATE UNIQUE INDEX mv_recent_events_key ON unified.mv_recent_events (tenant_id, source, event_id, occurred_at);
CREATE INDEX mv_recent_events_tenant_time ON unified.mv_recent_events (tenant_id, occurred_at DESC, id DESC);

-- Errors of the last 7 days (severity error or critical, any category), per tenant, source, type
-- and error code.
CREATE MATERIALIZED VIEW unified.mv_error_summary AS
SELECT e.tenant_id, e.source, e.event_type, coalesce(e.metadata ->> 'error_code', '') AS error_code,
       count(*) AS error_count,
       count(*) FILTER (WHERE e.severity = 'critical') AS critical_count,
       min(e.occurred_at) AS first_seen_at,
       max(e.occurred_at) AS last_seen_at,
       (array_agg(e.message ORDER BY e.occurred_at DESC))[1] AS last_message
FROM unified.event_metric_events e
WHERE e.occurred_at >= now() - interval '7 days' AND e.severity IN ('error', 'critical')
GROUP BY e.tenant_id, e.source, e.event_type, coalesce(e.metadata ->> 'error_code', '');

CREATE UNIQUE INDEX mv_error_summary_key ON unified.mv_error_summary (tenant_id, source, event_type, error_code);

-- Durations of the last hour's performance events, per tenant, source and type. Percentiles are
-- observed durations (percentile_disc): exact, in the unit they were recorded in.
CREATE MATERIALIZED VIEW unified.mv_performance_metrics AS
SELECT e.tenant_id, e.source, e.event_type,
       count(*) AS event_count,
       round(avg(e.duration_ms), 3) AS avg_duration_ms,
       min(e.duration_ms) AS min_duration_ms,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY e.duration_ms) AS p50_duration_ms,
       percentile_disc(0.95) WITHIN GROUP (ORDER BY e.duration_ms) AS p95_duration_ms,
       percentile_disc(0.99) WITHIN GROUP (ORDER BY e.duration_ms) AS p99_duration_ms,
       max(e.duration_ms) AS max_duration_ms
FROM unified.event_metric_events e
WHERE e.occurred_at >= now() - interval '1 hour' AND e.category = 'performance'
GROUP BY e.tenant_id, e.source, e.event_type;

CREATE UNIQUE INDEX mv_performance_metrics_key ON unified.mv_performance_metrics (tenant_id, source, event_type);

REVOKE ALL ON unified.mv_recent_events, unified.mv_error_summary, unified.mv_performance_metrics
    FROM PUBLIC, anon, authenticated, analytics_reader, service_role;

-- Refreshes the named materialized views (all three by default) without blocking their readers;
-- answers the names refreshed. Only these three can be named.
CREATE FUNCTION unified.refresh_materialized_views(
    p_views text[] DEFAULT ARRAY['mv_recent_events', 'mv_error_summary', 'mv_performance_metrics'])
    RETURNS SETOF text
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    view_name text;
BEGIN
    FOREACH view_name IN ARRAY p_views LOOP
        IF view_name NOT IN ('mv_recent_events', 'mv_error_summary', 'mv_performance_metrics') THEN
            RAISE EXCEPTION 'no materialized view % in the event log', view_name USING ERRCODE = '22023';
        END IF;
        EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY unified.%I', view_name);
        RETURN NEXT view_name;
    END LOOP;
END
$$;

-- Drops every monthly partition whose whole month lies before now() - p_retention, one
-- DROP TABLE each (no row is deleted one by one); answers the names dropped. Waits at most 5 s
-- for its lock, so a long reader delays retention to the next run instead of queueing every
-- other statement behind it.
CREATE FUNCTION unified.cleanup_old_partitions(p_retention interval DEFAULT interval '90 days')
    RETURNS SETOF text
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
    SET lock_timeout = '5s'
AS $$
DECLARE
    partition text;
BEGIN
    IF p_retention < interval '1 day' THEN
        RAISE EXCEPTION 'a retention of % would drop the current month', p_retention USING ERRCODE = '22023';
    END IF;
    FOR partition IN
        SELECT c.relname
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'unified.event_metric_events'::regclass
          AND c.relname ~ '^event_metric_events_[0-9]{4}_[0-9]{2}$'
          AND (to_date(right(c.relname, 7), 'YYYY_MM') + interval '1 month')::timestamp AT TIME ZONE 'UTC'
              <= now() - p_retention
        ORDER BY c.relname
    LOOP
        EXECUTE format('DROP TABLE unified.%I', partition);
        RETURN NEXT partition;
    END LOOP;
END
$$;

REVOKE ALL ON FUNCTION unified.refresh_materialized_views(text[]), unified.cleanup_old_partitions(interval)
    FROM PUBLIC;
