-- Hourly sums of spending per tenant, cost type, provider and model (for E2B: 'e2b' and the
-- tier), with the token and sandbox-second sums a breakdown shows. costBreakdown by model,
-- provider, tier or cost type reads these instead of the raw records: a large tenant's 30 days
-- are ~20k rows here against ~150k records (metrics.model_spend combines them with the raw
-- records of the partial hours at a range's ends). Maintained by statement-level triggers like
-- cost_rollups; under the same forced row-level security.

CREATE TABLE copilot_internal.model_rollups (
    tenant_id           uuid            NOT NULL REFERENCES copilot_internal.tenants (id) ON DELETE CASCADE,
    hour                timestamptz     NOT NULL CHECK (hour = date_trunc('hour', hour, 'UTC')),
    cost_type           text            NOT NULL CHECK (cost_type IN ('llm', 'e2b')),
    provider            text            NOT NULL,
    model               text            NOT NULL,
    cost_count          bigint          NOT NULL CHECK (cost_count > 0),
    cost_usd            numeric(24, 10) NOT NULL,
    input_tokens        numeric         NOT NULL,
    output_tokens       numeric         NOT NULL,
    cached_input_tokens numeric         NOT NULL,
    reasoning_tokens    numeric         NOT NULL,
    execution_seconds   numeric         NOT NULL,
    PRIMARY KEY (tenant_id, hour, cost_type, provider, model)
);

COMMENT ON TABLE copilot_internal.model_rollups IS
    'Sums of llm_cost_records / e2b_cost_records per tenant, UTC hour, cost type, provider and model (E2B: e2b and the tier). Maintained by triggers; never written directly.';

-- Platform-wide ranges (analytics) scan hours across all tenants.
CREATE INDEX idx_model_rollups_hour ON copilot_internal.model_rollups (hour);

SELECT copilot_internal.enable_tenant_isolation('copilot_internal.model_rollups', false, true);

-- Keeps model_rollups equal to the sums of the records, whatever a statement did; kind is the
-- trigger argument, llm or e2b.
CREATE OR REPLACE FUNCTION copilot_internal.maintain_model_rollups()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    kind    text := TG_ARGV[0];
    touched text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM copilot_internal.model_rollups r WHERE r.cost_type = kind;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        -- rare: recompute every (tenant, hour) the old (and new) rows touch from the records; dynamic,
        -- as a DELETE trigger has no "added" table to name
        touched := CASE TG_OP WHEN 'UPDATE' THEN '(SELECT tenant_id, occurred_at FROM removed UNION ALL '
                                                 || 'SELECT tenant_id, occurred_at FROM added)'
                              ELSE '(SELECT tenant_id, occurred_at FROM removed)' END;
        EXECUTE format($sql$
            DELETE FROM copilot_internal.model_rollups r
            USING (SELECT DISTINCT t.tenant_id, date_trunc('hour', t.occurred_at, 'UTC') AS hour FROM %s t) k
            WHERE r.tenant_id = k.tenant_id AND r.hour = k.hour AND r.cost_type = $1
            $sql$, touched) USING kind;
        EXECUTE format($sql$
            INSERT INTO copilot_internal.model_rollups
            SELECT c.tenant_id, k.hour, $1, %s, count(*), sum(c.total_cost_usd), %s
            FROM (SELECT DISTINCT t.tenant_id, date_trunc('hour', t.occurred_at, 'UTC') AS hour FROM %s t) k
            JOIN %I.%I c ON c.tenant_id = k.tenant_id AND c.occurred_at >= k.hour
                        AND c.occurred_at < k.hour + interval '1 hour'
            GROUP BY 1, 2, 4, 5
            $sql$,
            CASE kind WHEN 'llm' THEN 'c.provider, c.model' ELSE '''e2b'', c.tier' END,
            CASE kind WHEN 'llm' THEN 'sum(c.input_tokens), sum(c.output_tokens), sum(c.cached_input_tokens), '
                                      || 'sum(c.reasoning_tokens), 0'
                      ELSE '0, 0, 0, 0, sum(c.execution_time_seconds)' END,
            touched, TG_TABLE_SCHEMA, TG_TABLE_NAME) USING kind;
        RETURN NULL;
    END IF;
    -- New rows only add: one upsert per touched (tenant, hour, model), in key order so that two
    -- batches touching the same rows lock them in the same order.
    IF kind = 'llm' THEN
        INSERT INTO copilot_internal.model_rollups AS r
        SELECT a.tenant_id, date_trunc('hour', a.occurred_at, 'UTC'), 'llm', a.provider, a.model, count(*),
               sum(a.total_cost_usd), sum(a.input_tokens), sum(a.output_tokens), sum(a.cached_input_tokens),
               sum(a.reasoning_tokens), 0
        FROM added a GROUP BY 1, 2, 4, 5 ORDER BY 1, 2, 4, 5
        ON CONFLICT (tenant_id, hour, cost_type, provider, model) DO UPDATE
            SET cost_count = r.cost_count + EXCLUDED.cost_count, cost_usd = r.cost_usd + EXCLUDED.cost_usd,
                input_tokens = r.input_tokens + EXCLUDED.input_tokens,
                output_tokens = r.output_tokens + EXCLUDED.output_tokens,
                cached_input_tokens = r.cached_input_tokens + EXCLUDED.cached_input_tokens,
                reasoning_tokens = r.reasoning_tokens + EXCLUDED.reasoning_tokens;
    ELSE
        INSERT INTO copilot_internal.model_rollups AS r
        SELECT a.tenant_id, date_trunc('hour', a.occurred_at, 'UTC'), 'e2b', 'e2b', a.tier, count(*),
               sum(a.total_cost_usd), 0, 0, 0, 0, sum(a.execution_time_seconds)
        FROM added a GROUP BY 1, 2, 4, 5 ORDER BY 1, 2, 4, 5
        ON CONFLICT (tenant_id, hour, cost_type, provider, model) DO UPDATE
            SET cost_count = r.cost_count + EXCLUDED.cost_count, cost_usd = r.cost_usd + EXCLUDED.cost_usd,
                execution_seconds = r.execution_seconds + EXCLUDED.execution_seconds;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER llm_cost_records_model_rollup_insert AFTER INSERT ON copilot_internal.llm_cost_records
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_model_rollups('llm');
CREATE TRIGGER llm_cost_records_model_rollup_update AFTER UPDATE ON copilot_internal.llm_cost_records
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_model_rollups('llm');
CREATE TRIGGER llm_cost_records_model_rollup_delete AFTER DELETE ON copilot_internal.llm_cost_records
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_model_rollups('llm');
CREATE TRIGGER llm_cost_records_model_rollup_truncate AFTER TRUNCATE ON copilot_internal.llm_cost_records
    FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_model_rollups('llm');

CREATE TRIGGER e2b_cost_records_model_rollup_insert AFTER INSERT ON copilot_internal.e2b_cost_records
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_model_rollups('e2b');
CREATE TRIGGER e2b_cost_records_model_rollup_update AFTER UPDATE ON copilot_internal.e2b_cost_records
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_model_rollups('e2b');
CREATE TRIGGER e2b_cost_records_model_rollup_delete AFTER DELETE ON copilot_internal.e2b_cost_records
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_model_rollups('e2b');
CREATE TRIGGER e2b_cost_records_model_rollup_truncate AFTER TRUNCATE ON copilot_internal.e2b_cost_records
    FOR EACH STATEMENT EXECUTE FUNCTION copilot_internal.maintain_model_rollups('e2b');

-- Costs recorded before this migration.
INSERT INTO copilot_internal.model_rollups
SELECT r.tenant_id, date_trunc('hour', r.occurred_at, 'UTC'), 'llm', r.provider, r.model, count(*),
       sum(r.total_cost_usd), sum(r.input_tokens), sum(r.output_tokens), sum(r.cached_input_tokens),
       sum(r.reasoning_tokens), 0
FROM copilot_internal.llm_cost_records r GROUP BY 1, 2, 4, 5;
INSERT INTO copilot_internal.model_rollups
SELECT r.tenant_id, date_trunc('hour', r.occurred_at, 'UTC'), 'e2b', 'e2b', r.tier, count(*),
       sum(r.total_cost_usd), 0, 0, 0, 0, sum(r.execution_time_seconds)
FROM copilot_internal.e2b_cost_records r GROUP BY 1, 2, 4, 5;
