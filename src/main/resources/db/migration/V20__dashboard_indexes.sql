-- Indexes measured with the benchmark (see README, "Benchmark"). A tenant's costs in time
-- order carry their amount, so totals over the partial-hour edges of a range and keyset pages
-- of allCosts are index-only scans. With prepared statements PostgreSQL plans generically and
-- would otherwise pick the (tenant, user, time) index for a tenant's time range and walk every
-- user's rows.

DROP INDEX copilot_internal.idx_llm_cost_records_tenant_time;
CREATE INDEX idx_llm_cost_records_tenant_time ON copilot_internal.llm_cost_records (tenant_id, occurred_at, id)
    INCLUDE (total_cost_usd);

DROP INDEX copilot_internal.idx_e2b_cost_records_tenant_time;
CREATE INDEX idx_e2b_cost_records_tenant_time ON copilot_internal.e2b_cost_records (tenant_id, occurred_at, id)
    INCLUDE (total_cost_usd);

-- Platform-wide totals read one grain of the rollups across all tenants: covering, so twelve
-- months of 1,000 tenants are an index-only scan instead of thousands of scattered heap reads.
DROP INDEX copilot_internal.idx_cost_rollups_grain_bucket;
CREATE INDEX idx_cost_rollups_grain_bucket ON copilot_internal.cost_rollups (grain, bucket)
    INCLUDE (tenant_id, cost_type, cost_count, cost_usd, first_at, last_at);
