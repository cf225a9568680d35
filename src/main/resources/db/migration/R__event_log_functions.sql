-- How events and sessions enter the unified event log, and how the API reads its materialized
-- views. Service accounts reach the writers through the service as usage_writer, which may
-- EXECUTE the usage.* entry points and nothing else (V24):
--
--   record_events(events, retention, max_skew)   per event: checked (active tenant, time within
--                                                the retention and the clock skew, metadata
--                                                rules of V31) and written; idempotent by
--                                                (tenant, source, id); one failing event never
--                                                rejects the others
--   record_sessions(sessions)                    per session: created or brought up to date
--                                                by (tenant, session id); an update older than
--                                                the stored last activity changes nothing
--   *_of_caller()                                the materialized views' rows of the caller's
--                                                tenant (every tenant for analytics_reader)
--
-- The metrics views over these are in R__metrics_views.sql (which drops every metrics view
-- when it re-runs): a function here changes with CREATE OR REPLACE only, never DROP ... CASCADE.
-- Project SQLSTATEs as in R__usage_recording.sql; CM003: an event id already holds another event.
-- Repeatable: re-run whenever this file changes.

-- The number of keys of a JSON object. A function of its own that is never inlined (SET), so
-- that validate_metadata holds no subquery: PL/pgSQL evaluates an expression without one
-- directly, but one with a subquery through a full executor start, for every row the trigger
-- checks.
CREATE OR REPLACE FUNCTION unified.object_key_count(p_object jsonb)
    RETURNS bigint
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
    SET search_path = pg_catalog
AS $$
    SELECT count(*) FROM jsonb_object_keys(p_object)
$$;

-- The rules every event's metadata follows (first defined in V31, which its trigger needed):
-- the same rule, cheaper, as the trigger and the recording both run it for every event. The
-- size is the stored binary size, not the text's (no serialisation); the keys are counted only
-- when there can be more than 64: an object of 65 keys takes more than 512 bytes (8 bytes of
-- entries per key and value, and at most one key is empty). STABLE as pg_column_size is, and so
-- is metadata_violation, which calls it: a SQL function is inlined into its caller only when
-- nothing in it is more volatile than it says, and run through the executor row by row if not.
CREATE OR REPLACE FUNCTION unified.validate_metadata(p_metadata jsonb)
    RETURNS boolean
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
AS $$
    SELECT p_metadata IS NOT NULL
           AND jsonb_typeof(p_metadata) = 'object'
           AND pg_column_size(p_metadata) <= 8192
           AND (pg_column_size(p_metadata) < 512 OR unified.object_key_count(p_metadata) <= 64)
$$;

ALTER FUNCTION unified.metadata_violation(text, jsonb) STABLE;

REVOKE ALL ON FUNCTION unified.object_key_count(jsonb) FROM PUBLIC;
-- the trigger checks with the writer's rights (V31)
GRANT EXECUTE ON FUNCTION unified.object_key_count(jsonb) TO service_role;

DROP FUNCTION IF EXISTS copilot_private.record_events(jsonb, interval, interval);
DROP TYPE IF EXISTS copilot_private.event_item CASCADE;

CREATE TYPE copilot_private.event_item AS (
    item_index     integer,
    tenant_id      uuid,
    event_id       text,
    source         text,
    event_type     text,
    category       text,
    severity       text,
    subject        text,
    message        text,
    metadata       jsonb,
    user_id        uuid,
    session_id     text,
    trace_id       text,
    occurred_at    timestamptz,
    id             uuid,
    replayed       boolean,
    error_sqlstate text,
    error_message  text);

-- An item's answer when it fails: its index, SQLSTATE and message.
CREATE OR REPLACE FUNCTION copilot_private.event_failure(p_index integer, p_sqlstate text, p_message text)
    RETURNS copilot_private.event_item
    LANGUAGE sql
    IMMUTABLE
AS $$
    SELECT ROW(p_index, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               p_sqlstate, p_message)::copilot_private.event_item
$$;

-- The events of a batch (numbered from p_first), read and checked, with their tenants: a rule
-- an event breaks is its answer. One statement for the whole batch: checking event by event in
-- PL/pgSQL cost more than writing them. Raises only for a value that is not even of its type (a
-- uuid or timestamp that does not parse), which the service never sends.
CREATE OR REPLACE FUNCTION copilot_private.checked_events(p_events jsonb, p_first integer, p_retention interval,
                                                          p_max_skew interval)
    RETURNS SETOF copilot_private.event_item
    LANGUAGE sql
    STABLE
    SET search_path = pg_catalog
AS $$
    SELECT CASE WHEN v.violation IS NULL
                THEN ROW(e.item_index, e.tenant_id, e.event_id, e.source, e.event_type, e.category, e.severity,
                         e.subject, e.message, e.metadata, e.user_id, e.session_id, e.trace_id, e.occurred_at,
                         NULL, NULL, NULL, NULL)::copilot_private.event_item
                ELSE copilot_private.event_failure(e.item_index, v.sqlstate, v.violation) END
    FROM (SELECT (x.n - 1 + p_first)::integer AS item_index,
                 (x.value ->> 'tenantId')::uuid AS tenant_id,
                 x.value ->> 'id' AS event_id,
                 x.value ->> 'source' AS source,
                 x.value ->> 'type' AS event_type,
                 lower(x.value ->> 'category') AS category,
                 lower(coalesce(x.value ->> 'severity', 'info')) AS severity,
                 x.value ->> 'subject' AS subject,
                 x.value ->> 'message' AS message,
                 coalesce(x.value -> 'data', '{}') AS metadata,
                 (x.value ->> 'userId')::uuid AS user_id,
                 x.value ->> 'sessionId' AS session_id,
                 x.value ->> 'traceId' AS trace_id,
                 (x.value ->> 'time')::timestamptz AS occurred_at
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x (value, n)
          -- each field computed once, not once for every rule that reads it
          OFFSET 0) e
    LEFT JOIN copilot_internal.tenants t ON t.id = e.tenant_id
    CROSS JOIN LATERAL (
        SELECT CASE WHEN e.tenant_id IS NULL OR t.id IS NULL OR t.status <> 'active' THEN
                        CASE WHEN t.id IS NULL THEN 'P0002' ELSE 'CM002' END
                    WHEN r.violation IS NOT NULL THEN '22023' END AS sqlstate,
               CASE WHEN e.tenant_id IS NULL THEN 'tenantId is required'
                    WHEN t.id IS NULL THEN format('tenant %s does not exist', e.tenant_id)
                    WHEN t.status <> 'active'
                        THEN format('tenant %s is %s, not active: it may not record events', e.tenant_id, t.status)
                    ELSE r.violation END AS violation
        FROM (SELECT CASE
            WHEN coalesce(length(e.event_id) NOT BETWEEN 1 AND 256 OR length(e.source) NOT BETWEEN 1 AND 256
                          OR length(e.event_type) NOT BETWEEN 1 AND 256, true)
                THEN 'id, source and type are required, 1 to 256 characters each'
            WHEN coalesce(e.category NOT IN ('performance', 'error', 'usage', 'audit', 'system'), true)
                THEN 'category must be one of performance, error, usage, audit, system'
            WHEN e.severity NOT IN ('debug', 'info', 'warning', 'error', 'critical')
                THEN 'severity must be one of debug, info, warning, error, critical'
            WHEN coalesce(e.occurred_at > now() + p_max_skew OR e.occurred_at < now() - p_retention, true)
                THEN format('time must lie between now - %s (the retention) and now + %s (the clock skew), got %s',
                            p_retention, p_max_skew, coalesce(e.occurred_at::text, 'none'))
            WHEN length(e.subject) > 1024 OR length(e.message) > 4096 OR length(e.trace_id) > 128
                 OR length(e.session_id) > 256
                THEN 'subject (1024), message (4096), traceId (128) or sessionId (256) is too long'
            ELSE unified.metadata_violation(e.category, e.metadata) END AS violation) r) v
    ORDER BY e.item_index
$$;

-- Answers one row per event, in order: its id and whether it was a replay, or its error.
--   1. The events checked, with their tenants: a failure is the item's answer.
--   2. The partitions of the events' months created if missing (the partition job normally has).
--   3. An event whose (tenant, source, id) is already recorded at another time within the
--      retention: CM003.
--   4. The first copy of each key not yet recorded inserted, all at once, in key order; when a
--      racing batch committed one of the keys meanwhile, 3 and 4 again.
--   5. One that met its key already recorded is a replay if it is the same event, CM003 if not.
CREATE FUNCTION copilot_private.record_events(p_events jsonb, p_retention interval, p_max_skew interval)
    RETURNS TABLE (item_index integer, error_sqlstate text, error_message text, id uuid, replayed boolean)
    LANGUAGE plpgsql
    VOLATILE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    event jsonb;
    n integer;
    items copilot_private.event_item[];
    month date;
    created_items integer[];
    created_ids uuid[];
    failure_message text;
BEGIN
    -- 1. check: the whole batch at once; only if a value does not even parse, again one by one,
    --    each in its own subtransaction (which costs more than checking it)
    BEGIN
        items := ARRAY(SELECT c FROM copilot_private.checked_events(p_events, 0, p_retention, p_max_skew) c);
    EXCEPTION WHEN OTHERS THEN
        n := 0;
        items := '{}';
        FOR event IN SELECT value FROM jsonb_array_elements(p_events) LOOP
            BEGIN
                items := items || ARRAY(SELECT c FROM copilot_private.checked_events(jsonb_build_array(event), n,
                                                                                      p_retention, p_max_skew) c);
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS failure_message = MESSAGE_TEXT;
                items := items || copilot_private.event_failure(n, '22023', failure_message);
            END;
            n := n + 1;
        END LOOP;
    END;

    -- 2. partitions
    FOR month IN SELECT DISTINCT date_trunc('month', i.occurred_at, 'UTC')::date FROM unnest(items) i
                 WHERE i.error_sqlstate IS NULL LOOP
        PERFORM unified.create_monthly_partition(month);
    END LOOP;

    LOOP
        -- 3. keys already recorded: at another time CM003; at the same time, answered in 5
        items := ARRAY(
            SELECT CASE WHEN i.error_sqlstate IS NOT NULL OR r.occurred_at IS NULL THEN i
                        WHEN r.occurred_at <> i.occurred_at
                            THEN copilot_private.event_failure(i.item_index, 'CM003',
                                     format('event %s from %s is already recorded at another time', i.event_id,
                                            i.source))
                        ELSE ROW(i.item_index, i.tenant_id, i.event_id, i.source, i.event_type, i.category,
                                 i.severity, i.subject, i.message, i.metadata, i.user_id, i.session_id, i.trace_id,
                                 i.occurred_at, NULL, true, NULL, NULL)::copilot_private.event_item END
            FROM unnest(items) i
            LEFT JOIN LATERAL (
                SELECT r.occurred_at FROM unified.event_metric_events r
                WHERE i.error_sqlstate IS NULL AND r.tenant_id = i.tenant_id AND r.source = i.source
                  AND r.event_id = i.event_id
                  -- a key is kept for the retention: older events are being dropped, and their
                  -- months' partitions need not be searched
                  AND r.occurred_at >= now() - p_retention
                ORDER BY r.occurred_at <> i.occurred_at
                LIMIT 1) r ON true
            ORDER BY i.item_index);

        -- 4. the first copy of each new key inserted, in key order, without ON CONFLICT (speculative
        --    insertion costs a third more). A key a concurrent batch committed meanwhile fails the
        --    insert: then 3 again, in a new snapshot that sees it, and again until none is left.
        BEGIN
            -- ids chosen here, so the inserted rows need not be matched back to their items
            -- (the key without the time: a later copy at another time is a conflict, answered in 5)
            WITH firsts AS (
                SELECT DISTINCT ON (i.tenant_id, i.source, i.event_id) i.*, gen_random_uuid() AS new_id
                FROM unnest(items) i
                WHERE i.error_sqlstate IS NULL AND i.replayed IS NULL
                ORDER BY i.tenant_id, i.source, i.event_id, i.item_index),
            inserted AS (
                INSERT INTO unified.event_metric_events
                    (id, tenant_id, event_id, source, event_type, category, severity, subject, message, metadata,
                     user_id, session_id, trace_id, occurred_at)
                SELECT f.new_id, f.tenant_id, f.event_id, f.source, f.event_type, f.category, f.severity,
                       f.subject, f.message, f.metadata, f.user_id, f.session_id, f.trace_id, f.occurred_at
                FROM firsts f
                ORDER BY f.tenant_id, f.source, f.event_id, f.occurred_at)
            SELECT coalesce(array_agg(f.item_index), '{}'), coalesce(array_agg(f.new_id), '{}')
            INTO created_items, created_ids
            FROM firsts f;
            EXIT;
        EXCEPTION WHEN unique_violation THEN
            -- a racing copy committed first
        END;
    END LOOP;

    -- 5. answer; a new statement, so it sees the keys other transactions committed meanwhile
    RETURN QUERY
    SELECT i.item_index,
           CASE WHEN i.error_sqlstate IS NOT NULL THEN i.error_sqlstate
                WHEN c.id IS NOT NULL OR same.id IS NOT NULL THEN NULL
                ELSE 'CM003' END,
           CASE WHEN i.error_sqlstate IS NOT NULL THEN i.error_message
                WHEN c.id IS NOT NULL OR same.id IS NOT NULL THEN NULL
                ELSE format('event %s from %s is already recorded with other content', i.event_id, i.source) END,
           coalesce(c.id, same.id),
           c.id IS NULL AND same.id IS NOT NULL
    FROM unnest(items) i
    LEFT JOIN unnest(created_items, created_ids) AS c (item_index, id) ON c.item_index = i.item_index
    LEFT JOIN LATERAL (
        SELECT r.id FROM unified.event_metric_events r
        WHERE c.id IS NULL AND i.error_sqlstate IS NULL
          AND r.tenant_id = i.tenant_id AND r.source = i.source AND r.event_id = i.event_id
          AND r.occurred_at = i.occurred_at
          AND (r.event_type, r.category, r.severity, r.subject, r.message, r.metadata, r.user_id, r.session_id,
               r.trace_id) IS NOT DISTINCT FROM (i.event_type, i.category, i.severity, i.subject, i.message,
               i.metadata, i.user_id, i.session_id, i.trace_id)
        -- a lookup per item, never a join with the whole table
        LIMIT 1) same ON true
    ORDER BY i.item_index;
END
$$;

-- One session of a batch, read and checked against every constraint of public.sessions, so that
-- writing it cannot fail.
CREATE OR REPLACE FUNCTION copilot_private.checked_session(p_session jsonb)
    RETURNS public.sessions
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog
AS $$
DECLARE
    s public.sessions;
BEGIN
    s.tenant_id := (p_session ->> 'tenantId')::uuid;
    s.session_id := p_session ->> 'sessionId';
    s.user_id := (p_session ->> 'userId')::uuid;
    s.state := lower(coalesce(p_session ->> 'state', 'active'));
    s.metadata := coalesce(p_session -> 'metadata', '{}');
    s.last_activity_at := coalesce((p_session ->> 'lastActivityAt')::timestamptz, now());
    s.created_at := least(now(), s.last_activity_at);
    s.expires_at := (p_session ->> 'expiresAt')::timestamptz;
    s.request_count := coalesce((p_session ->> 'requestCount')::bigint, 0);
    s.error_count := coalesce((p_session ->> 'errorCount')::bigint, 0);
    s.total_duration_ms := coalesce((p_session ->> 'totalDurationMs')::numeric, 0);
    PERFORM copilot_private.require_recording_tenant(s.tenant_id);
    IF s.session_id IS NULL OR length(s.session_id) NOT BETWEEN 1 AND 256 OR s.user_id IS NULL THEN
        RAISE EXCEPTION 'sessionId (1 to 256 characters) and userId are required' USING ERRCODE = '22023';
    END IF;
    IF s.state NOT IN ('active', 'idle', 'expired', 'terminated') THEN
        RAISE EXCEPTION 'state must be one of active, idle, expired, terminated' USING ERRCODE = '22023';
    END IF;
    IF NOT unified.validate_metadata(s.metadata) THEN
        RAISE EXCEPTION 'metadata must be a JSON object of at most 64 keys and 8192 bytes' USING ERRCODE = '22023';
    END IF;
    IF s.request_count < 0 OR s.error_count < 0 OR s.total_duration_ms < 0 OR s.error_count > s.request_count THEN
        RAISE EXCEPTION 'request metrics must not be negative, nor errors exceed requests' USING ERRCODE = '22023';
    END IF;
    IF s.expires_at < s.created_at THEN
        RAISE EXCEPTION 'expiresAt must not be before the session began' USING ERRCODE = '22023';
    END IF;
    RETURN s;
END
$$;

-- Answers one row per session, in order: its id, whether this call created it, whether it was
-- applied (an update older than the stored last activity is not: sessions reported out of order
-- keep their newest state), or its error. Checked first, each on its own; then written one by
-- one, in the batch's order.
CREATE OR REPLACE FUNCTION copilot_private.record_sessions(p_sessions jsonb)
    RETURNS TABLE (item_index integer, error_sqlstate text, error_message text, id uuid, created boolean,
                   applied boolean)
    LANGUAGE plpgsql
    VOLATILE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
DECLARE
    given jsonb;
    n integer := 0;
    s public.sessions;
    written record;
BEGIN
    FOR given IN SELECT value FROM jsonb_array_elements(p_sessions) LOOP
        item_index := n;
        n := n + 1;
        BEGIN
            s := copilot_private.checked_session(given);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS error_sqlstate = RETURNED_SQLSTATE, error_message = MESSAGE_TEXT;
            id := NULL; created := NULL; applied := NULL;
            RETURN NEXT;
            CONTINUE;
        END;
        INSERT INTO public.sessions AS stored
            (tenant_id, session_id, user_id, state, metadata, created_at, last_activity_at, expires_at,
             request_count, error_count, total_duration_ms)
        VALUES (s.tenant_id, s.session_id, s.user_id, s.state, s.metadata, s.created_at, s.last_activity_at,
                s.expires_at, s.request_count, s.error_count, s.total_duration_ms)
        ON CONFLICT (tenant_id, session_id) DO UPDATE
            SET user_id = excluded.user_id, state = excluded.state, metadata = excluded.metadata,
                last_activity_at = excluded.last_activity_at, expires_at = excluded.expires_at,
                request_count = excluded.request_count, error_count = excluded.error_count,
                total_duration_ms = excluded.total_duration_ms
            WHERE stored.last_activity_at <= excluded.last_activity_at
        RETURNING stored.id, (xmax = 0) AS was_created INTO written;
        IF written IS NULL THEN
            SELECT stored.id INTO written FROM public.sessions stored
            WHERE stored.tenant_id = s.tenant_id AND stored.session_id = s.session_id;
            error_sqlstate := NULL; error_message := NULL; id := written.id; created := false; applied := false;
        ELSE
            error_sqlstate := NULL; error_message := NULL; id := written.id; created := written.was_created;
            applied := true;
        END IF;
        RETURN NEXT;
        written := NULL;
    END LOOP;
END
$$;

-- The materialized views, as the caller may see them: its tenant's rows, every tenant's for
-- analytics_reader (the role the service switched to, which an owner-rights function cannot
-- read from current_user). Owner rights because the views grant nothing to API roles. Two
-- branches, each with a condition evaluated once: the tenant's rows along the view's index, or
-- all of them; "tenant OR role" would call current_tenant_id() for every row of every tenant.
CREATE OR REPLACE FUNCTION copilot_private.recent_events_of_caller()
    RETURNS SETOF unified.mv_recent_events
    LANGUAGE sql
    STABLE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT m.* FROM unified.mv_recent_events m WHERE m.tenant_id = (SELECT public.current_tenant_id())
    UNION ALL
    SELECT m.* FROM unified.mv_recent_events m WHERE current_setting('role') = 'analytics_reader'
$$;

CREATE OR REPLACE FUNCTION copilot_private.error_summary_of_caller()
    RETURNS SETOF unified.mv_error_summary
    LANGUAGE sql
    STABLE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT m.* FROM unified.mv_error_summary m WHERE m.tenant_id = (SELECT public.current_tenant_id())
    UNION ALL
    SELECT m.* FROM unified.mv_error_summary m WHERE current_setting('role') = 'analytics_reader'
$$;

CREATE OR REPLACE FUNCTION copilot_private.performance_metrics_of_caller()
    RETURNS SETOF unified.mv_performance_metrics
    LANGUAGE sql
    STABLE
    SECURITY DEFINER
    SET search_path = pg_catalog
AS $$
    SELECT m.* FROM unified.mv_performance_metrics m WHERE m.tenant_id = (SELECT public.current_tenant_id())
    UNION ALL
    SELECT m.* FROM unified.mv_performance_metrics m WHERE current_setting('role') = 'analytics_reader'
$$;

REVOKE ALL ON FUNCTION copilot_private.checked_events(jsonb, integer, interval, interval),
    copilot_private.event_failure(integer, text, text),
    copilot_private.record_events(jsonb, interval, interval), copilot_private.checked_session(jsonb),
    copilot_private.record_sessions(jsonb), copilot_private.recent_events_of_caller(),
    copilot_private.error_summary_of_caller(), copilot_private.performance_metrics_of_caller() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION copilot_private.record_events(jsonb, interval, interval),
    copilot_private.record_sessions(jsonb) TO usage_writer;
GRANT EXECUTE ON FUNCTION copilot_private.recent_events_of_caller(), copilot_private.error_summary_of_caller(),
    copilot_private.performance_metrics_of_caller() TO authenticated, analytics_reader;

-- The write API's entry points (schema usage, as R__usage_recording.sql).
CREATE OR REPLACE FUNCTION usage.record_events(p_events jsonb, p_retention interval, p_max_skew interval)
    RETURNS TABLE (item_index integer, error_sqlstate text, error_message text, id uuid, replayed boolean)
    LANGUAGE sql
    VOLATILE
AS $$
    SELECT * FROM copilot_private.record_events(p_events, p_retention, p_max_skew)
$$;

CREATE OR REPLACE FUNCTION usage.record_sessions(p_sessions jsonb)
    RETURNS TABLE (item_index integer, error_sqlstate text, error_message text, id uuid, created boolean,
                   applied boolean)
    LANGUAGE sql
    VOLATILE
AS $$
    SELECT * FROM copilot_private.record_sessions(p_sessions)
$$;

REVOKE ALL ON FUNCTION usage.record_events(jsonb, interval, interval), usage.record_sessions(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION usage.record_events(jsonb, interval, interval), usage.record_sessions(jsonb)
    TO usage_writer;

-- The partition job's work: the partitions from the month p_back ago to p_months_ahead months
-- ahead, created where missing; answers the names it created.
CREATE OR REPLACE FUNCTION unified.ensure_partitions(p_back interval, p_months_ahead integer)
    RETURNS SETOF text
    LANGUAGE sql
    VOLATILE
    SET search_path = pg_catalog
AS $$
    SELECT unified.create_monthly_partition(m.month::date)
    FROM generate_series(date_trunc('month', now() - p_back, 'UTC'),
                         date_trunc('month', now(), 'UTC') + make_interval(months => p_months_ahead),
                         interval '1 month') AS m (month)
    WHERE to_regclass(format('unified.event_metric_events_%s', to_char(m.month AT TIME ZONE 'UTC', 'YYYY_MM'))) IS NULL
$$;

REVOKE ALL ON FUNCTION unified.ensure_partitions(interval, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION unified.ensure_partitions(interval, integer) TO event_maintainer;
