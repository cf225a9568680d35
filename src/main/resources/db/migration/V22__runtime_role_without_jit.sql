-- The runtime login answers dashboard statements that run for a millisecond or a few. With
-- prepared statements PostgreSQL plans them generically, and a generic plan's row estimates for
-- a time range it cannot see can pass jit_above_cost: the statement then spends tens of
-- milliseconds compiling itself to run in two (measured: platform-wide top spenders 24 ms
-- without JIT, 139 ms with it). JIT pays off for long analytical scans, which this role never
-- runs. Applies to every new session of the role, in every database of the cluster.

ALTER ROLE copilot_metrics_app SET jit = off;
