-- The unified event log of seed 004: one JSONB-flexible table for every monitoring event
-- (performance, error, usage, audit, system: the five tables it replaces), partitioned by month
-- on occurred_at. Multi-tenant like the rest: every event carries its tenant_id and the API
-- roles see their tenant's rows only.
--
-- Partitions: a partition addressed directly does not apply its parent's policies, so each one
-- gets row-level security enabled and forced with no policy, and no privilege for any API role;
-- reads and writes go through the parent. Retention drops whole partitions (one DDL statement
-- each), never row by row: an event lives until its month has wholly passed the retention, so up
-- to a month longer than the retention itself.
--
-- No primary key: a partitioned table's unique keys must contain occurred_at, and the natural key
-- (tenant, source, event id, time) is one already (idx_event_metric_events_source); id is the
-- row's handle in the API. Idempotency is by that key: a replayed CloudEvent (same source, id and
-- time) is recognised by it; the same id at another time is refused by the recording function
-- (R__event_log_functions.sql).

CREATE SCHEMA unified;
COMMENT ON SCHEMA unified IS 'The unified event log (seed 004): partitioned events, their summaries and maintenance.';
REVOKE ALL ON SCHEMA unified FROM PUBLIC;
GRANT USAGE ON SCHEMA unified TO authenticated, service_role, analytics_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA unified REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

CREATE TABLE unified.event_metric_events (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    tenant_id     uuid        NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    -- the CloudEvents id and source: unique per tenant and time
    event_id      text        NOT NULL CHECK (length(event_id) BETWEEN 1 AND 256),
    source        text        NOT NULL CHECK (length(source) BETWEEN 1 AND 256),
    event_type    text        NOT NULL CHECK (length(event_type) BETWEEN 1 AND 256),
    category      text        NOT NULL CHECK (category IN ('performance', 'error', 'usage', 'audit', 'system')),
    severity      text        NOT NULL DEFAULT 'info'
                              CHECK (severity IN ('debug', 'info', 'warning', 'error', 'critical')),
    subject       text        CHECK (length(subject) <= 1024),
    message       text        CHECK (length(message) <= 4096),
    -- the CloudEvents data, checked by validate_metadata (V31)
    metadata      jsonb       NOT NULL DEFAULT '{}',
    -- metadata.duration_ms of a performance event, copied by the validation trigger so the
    -- performance summary reads a column
    duration_ms   numeric     CHECK (duration_ms >= 0),
    user_id       uuid,
    session_id    text,
    trace_id      text        CHECK (length(trace_id) <= 128),
    occurred_at   timestamptz NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (occurred_at);

COMMENT ON TABLE unified.event_metric_events IS
    'Every monitoring event of every tenant, partitioned by month (event_metric_events_YYYY_MM); retention drops whole partitions.';

-- Policies with the seed's names, adapted to tenants; RLS enabled and forced (the owner too).
ALTER TABLE unified.event_metric_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE unified.event_metric_events FORCE ROW LEVEL SECURITY;
CREATE POLICY "Allow service role full access" ON unified.event_metric_events
    FOR ALL TO service_role USING (true) WITH CHECK (true);
CREATE POLICY "Allow authenticated users to read events" ON unified.event_metric_events
    FOR SELECT TO authenticated USING (tenant_id = (SELECT public.current_tenant_id()));
CREATE POLICY "Allow analytics reader to read every tenant's events" ON unified.event_metric_events
    FOR SELECT TO analytics_reader USING (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON unified.event_metric_events TO service_role;
GRANT SELECT ON unified.event_metric_events TO authenticated, analytics_reader;

-- The eight indexes, created on the parent so every partition gets them. Tenant first wherever
-- a tenant's page is read; plain occurred_at for the platform-wide windows the materialized views
-- and maintenance read.
CREATE INDEX idx_event_metric_events_timestamp ON unified.event_metric_events (occurred_at);
CREATE INDEX idx_event_metric_events_tenant_timestamp
    ON unified.event_metric_events (tenant_id, occurred_at DESC, id DESC);
CREATE INDEX idx_event_metric_events_type ON unified.event_metric_events (tenant_id, event_type, occurred_at DESC);
CREATE INDEX idx_event_metric_events_category ON unified.event_metric_events (tenant_id, category, occurred_at DESC);
-- platform-wide, per category (error summary, analytics)
CREATE INDEX idx_event_metric_events_category_timestamp ON unified.event_metric_events (category, occurred_at DESC);
-- the natural key: a source's events, and the idempotency of recording
CREATE UNIQUE INDEX idx_event_metric_events_source
    ON unified.event_metric_events (tenant_id, source, event_id, occurred_at);
CREATE INDEX idx_event_metric_events_severity ON unified.event_metric_events (tenant_id, severity, occurred_at DESC);
-- What full-text search matches: type, subject and message, without stemming (identifiers and
-- error text, in any language). An expression, not a stored column: metrics.events computes the
-- same expression as search_vector, which the planner matches to this index.
CREATE INDEX idx_event_metric_events_fts ON unified.event_metric_events
    USING gin (to_tsvector('simple'::regconfig, event_type || ' ' || coalesce(subject, '') || ' ' || coalesce(message, '')));

-- The partition of the month holding p_month (event_metric_events_YYYY_MM), created if missing,
-- closed to every API role; answers its name. Concurrent callers are serialised on the parent.
CREATE FUNCTION unified.create_monthly_partition(p_month date DEFAULT current_date)
    RETURNS text
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    month_start date := date_trunc('month', p_month)::date;
    partition   text := format('event_metric_events_%s', to_char(month_start, 'YYYY_MM'));
BEGIN
    IF to_regclass(format('unified.%I', partition)) IS NOT NULL THEN
        RETURN partition;
    END IF;
    LOCK TABLE unified.event_metric_events IN SHARE UPDATE EXCLUSIVE MODE;
    IF to_regclass(format('unified.%I', partition)) IS NOT NULL THEN
        RETURN partition;
    END IF;
    -- bounds at UTC midnight, whatever the session's time zone
    EXECUTE format('CREATE TABLE unified.%I PARTITION OF unified.event_metric_events FOR VALUES FROM (%L) TO (%L)',
                   partition, month_start::timestamp AT TIME ZONE 'UTC',
                   (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
    EXECUTE format('ALTER TABLE unified.%I ENABLE ROW LEVEL SECURITY', partition);
    EXECUTE format('ALTER TABLE unified.%I FORCE ROW LEVEL SECURITY', partition);
    EXECUTE format('REVOKE ALL ON unified.%I FROM PUBLIC, anon, authenticated, analytics_reader, service_role',
                   partition);
    RETURN partition;
END
$$;

COMMENT ON FUNCTION unified.create_monthly_partition(date) IS
    'Creates the monthly partition holding p_month if it is missing (RLS forced, no API privilege); answers its name.';

-- The seed's first partitions were its current and next month; here, the months an event may be
-- recorded for at migration time (the default 90-day retention back, two months ahead). The
-- service's partition job keeps them (partitions job, events.EventLogMaintenance).
SELECT unified.create_monthly_partition((date_trunc('month', now()) + make_interval(months => m))::date)
FROM generate_series(-3, 2) AS m;
