-- Every recorded cost updates its tenant's hour, day and month rows of cost_rollups. V20 made
-- idx_cost_rollups_grain_bucket covering (INCLUDE cost_count, cost_usd, first_at, last_at) for
-- index-only platform-wide totals, and so no such update could be HOT: each one wrote a new row
-- version and new entries in both indexes, and until the next vacuum every lookup of those rows
-- stepped over the dead ones. On the 1M benchmark database (bench/sql-cpu.sh, one writer) a
-- single record's database CPU rose from 1.7 to 2.6 ms within 12,600 records; with the plain
-- index every update is HOT, pruned within its page, and it stays at 1.6-2.3 ms. Platform-wide
-- totals read the rows from the heap instead: topSpendingTenants over twelve months of 1,000
-- tenants 21 -> 29 ms of database CPU, an administrator's report, against every write.
DROP INDEX copilot_internal.idx_cost_rollups_grain_bucket;
CREATE INDEX idx_cost_rollups_grain_bucket ON copilot_internal.cost_rollups (grain, bucket);
