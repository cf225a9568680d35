-- How the rollups of V19 (copilot_internal.cost_rollups) follow the cost records: the trigger
-- function, first defined there and here since it changed. Its upserts run in key order:
-- grouped by hashing, the buckets came in an order that depended on the rest of the batch, so
-- two transactions recording for the same tenant could lock the same buckets in opposite
-- orders and deadlock (40P01, answered UNAVAILABLE: 5 of 1,500 racing batches did, pgbench
-- -c 8 on the benchmark database, with generic plans or custom ones alike). model_rollups
-- (V29) has upserted in key order from the start.
-- Repeatable: re-run whenever this file changes.

CREATE OR REPLACE FUNCTION copilot_internal.maintain_cost_rollups()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    kind      text := TG_ARGV[0];
    touched   text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- New costs only add: one upsert per touched bucket, however many rows arrived, in key
        -- order, so that two transactions touching the same buckets lock them in the same order.
        INSERT INTO copilot_internal.cost_rollups AS r
            (tenant_id, grain, bucket, cost_type, cost_count, cost_usd, first_at, last_at)
        SELECT a.tenant_id, g.grain, date_trunc(g.grain, a.occurred_at, 'UTC'), kind,
               count(*), sum(a.total_cost_usd), min(a.occurred_at), max(a.occurred_at)
        FROM added a CROSS JOIN (VALUES ('hour'), ('day'), ('month')) AS g (grain)
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
        ON CONFLICT (tenant_id, grain, bucket, cost_type) DO UPDATE
            SET cost_count = r.cost_count + EXCLUDED.cost_count,
                cost_usd   = r.cost_usd + EXCLUDED.cost_usd,
                first_at   = least(r.first_at, EXCLUDED.first_at),
                last_at    = greatest(r.last_at, EXCLUDED.last_at);
        RETURN NULL;
    END IF;

    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM copilot_internal.cost_rollups r WHERE r.cost_type = kind;
        RETURN NULL;
    END IF;

    -- Updates and deletes are rare: recompute every bucket the old (and new) rows touch.
    touched := CASE TG_OP WHEN 'UPDATE' THEN '(SELECT tenant_id, occurred_at FROM removed UNION ALL '
                                             || 'SELECT tenant_id, occurred_at FROM added)'
                          ELSE '(SELECT tenant_id, occurred_at FROM removed)' END;
    EXECUTE format($sql$
        DELETE FROM copilot_internal.cost_rollups r
        USING (SELECT DISTINCT t.tenant_id, g.grain, date_trunc(g.grain, t.occurred_at, 'UTC') AS bucket
               FROM %s t CROSS JOIN (VALUES ('hour'), ('day'), ('month')) AS g (grain)) k
        WHERE r.tenant_id = k.tenant_id AND r.grain = k.grain AND r.bucket = k.bucket AND r.cost_type = $1
        $sql$, touched) USING kind;
    EXECUTE format($sql$
        INSERT INTO copilot_internal.cost_rollups
            (tenant_id, grain, bucket, cost_type, cost_count, cost_usd, first_at, last_at)
        SELECT k.tenant_id, k.grain, k.bucket, $1, count(*), sum(c.total_cost_usd), min(c.occurred_at),
               max(c.occurred_at)
        FROM (SELECT DISTINCT t.tenant_id, g.grain, date_trunc(g.grain, t.occurred_at, 'UTC') AS bucket
              FROM %s t CROSS JOIN (VALUES ('hour'), ('day'), ('month')) AS g (grain)) k
        JOIN %I.%I c ON c.tenant_id = k.tenant_id AND c.occurred_at >= k.bucket
                    AND c.occurred_at < k.bucket + ('1 ' || k.grain)::interval
        GROUP BY k.tenant_id, k.grain, k.bucket
        ORDER BY k.tenant_id, k.grain, k.bucket
        $sql$, touched, TG_TABLE_SCHEMA, TG_TABLE_NAME) USING kind;
    RETURN NULL;
END
$$;
