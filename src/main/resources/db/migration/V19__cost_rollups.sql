-- Rollups of spending per tenant, cost type and UTC hour, day and month, maintained by
-- statement-level triggers as costs arrive, so dashboards sum a few thousand rollup rows
-- instead of millions of cost records. They hold tenant data, so they are under the same
-- forced row-level security as the records. A time range is answered exactly by combining
-- whole months, days and hours from here with the raw records of its partial-hour edges
-- (see CostRepository and RollupRange).

CREATE TABLE copilot_internal.cost_rollups (
    tenant_id  uuid            NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    grain      text            NOT NULL CHECK (grain IN ('hour', 'day', 'month')),
    bucket     timestamptz     NOT NULL,
    cost_type  text            NOT NULL CHECK (cost_type IN ('llm', 'e2b')),
    cost_count bigint          NOT NULL CHECK (cost_count > 0),
    cost_usd   numeric(24, 10) NOT NULL,
    first_at   timestamptz     NOT NULL,
    last_at    timestamptz     NOT NULL,
    PRIMARY KEY (tenant_id, grain, bucket, cost_type),
    CHECK (bucket = date_trunc(grain, bucket, 'UTC'))
);

COMMENT ON TABLE copilot_internal.cost_rollups IS
    'Sums of llm_cost_records / e2b_cost_records per tenant, cost type and UTC hour/day/month. Maintained by triggers; never written directly.';

-- Platform-wide ranges (analytics) scan one grain across all tenants.
CREATE INDEX idx_cost_rollups_grain_bucket ON copilot_internal.cost_rollups (grain, bucket);

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.cost_rollups', false, true);

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
        -- New costs only add: one upsert per touched bucket, however many rows arrived.
        INSERT INTO copilot_internal.cost_rollups AS r
            (tenant_id, grain, bucket, cost_type, cost_count, cost_usd, first_at, last_at)
        SELECT a.tenant_id, g.grain, date_trunc(g.grain, a.occurred_at, 'UTC'), kind,
               count(*), sum(a.total_cost_usd), min(a.occurred_at), max(a.occurred_at)
        FROM added a CROSS JOIN (VALUES ('hour'), ('day'), ('month')) AS g (grain)
        GROUP BY 1, 2, 3
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
        $sql$, touched, TG_TABLE_SCHEMA, TG_TABLE_NAME) USING kind;
    RETURN NULL;
END
$$;

CREATE TRIGGER llm_cost_records_rollup_insert AFTER INSERT ON copilot_internal.llm_cost_records
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_cost_rollups('llm');
CREATE TRIGGER llm_cost_records_rollup_update AFTER UPDATE ON copilot_internal.llm_cost_records
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_cost_rollups('llm');
CREATE TRIGGER llm_cost_records_rollup_delete AFTER DELETE ON copilot_internal.llm_cost_records
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_cost_rollups('llm');
CREATE TRIGGER llm_cost_records_rollup_truncate AFTER TRUNCATE ON copilot_internal.llm_cost_records
    FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_cost_rollups('llm');

CREATE TRIGGER e2b_cost_records_rollup_insert AFTER INSERT ON copilot_internal.e2b_cost_records
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_cost_rollups('e2b');
CREATE TRIGGER e2b_cost_records_rollup_update AFTER UPDATE ON copilot_internal.e2b_cost_records
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_cost_rollups('e2b');
CREATE TRIGGER e2b_cost_records_rollup_delete AFTER DELETE ON copilot_internal.e2b_cost_records
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_cost_rollups('e2b');
CREATE TRIGGER e2b_cost_records_rollup_truncate AFTER TRUNCATE ON copilot_internal.e2b_cost_records
    FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_cost_rollups('e2b');

-- Costs recorded before this migration (the metrics views come later, as repeatable migrations).
INSERT INTO copilot_internal.cost_rollups (tenant_id, grain, bucket, cost_type, cost_count, cost_usd, first_at, last_at)
SELECT c.tenant_id, g.grain, date_trunc(g.grain, c.occurred_at, 'UTC'), c.cost_type, count(*), sum(c.cost_usd),
       min(c.occurred_at), max(c.occurred_at)
FROM (SELECT tenant_id, occurred_at, total_cost_usd AS cost_usd, 'llm' AS cost_type FROM copilot_internal.llm_cost_records
      UNION ALL
      SELECT tenant_id, occurred_at, total_cost_usd, 'e2b' FROM copilot_internal.e2b_cost_records) c
CROSS JOIN (VALUES ('hour'), ('day'), ('month')) AS g (grain)
GROUP BY 1, 2, 3, 4;
