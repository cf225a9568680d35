package io.copilot.metrics.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's own SQL for the benchmark's floor (pgbench), with the parameters the service
 * would bind written in as literals. Lives beside CostRepository to read its statements.
 */
public final class BenchSql {

    private BenchSql() {
    }

    public static String costByTenant(TimeRange range) {
        return bind(CostRepository.COST_BY_TENANT, RollupRange.of(range).parameters());
    }

    public static String costSeries(TimeRange range, String unit, String zone) {
        List<Object> parameters = new ArrayList<>(RollupRange.hourly(range).parameters());
        parameters.add(unit);
        parameters.add(zone);
        parameters.add(null);
        return bind(CostRepository.COST_SERIES_FROM_ROLLUPS, parameters);
    }

    /**
     * Tenant and cursor are given as SQL text (pgbench variables such as :t), the cursor null
     * for the first page.
     */
    public static String allCosts(TimeRange range, int limit, String tenant, String afterAt, String afterId) {
        CostRepository.CostQuery query = new CostRepository.CostQuery(range.from(), range.to(), null, null, null,
                null, null);
        CostCursor cursor = afterAt == null ? null : new CostCursor(range.from(), java.util.UUID.randomUUID());
        AllCostsStatement statement = AllCostsStatement.of(query, cursor, limit, java.util.UUID.randomUUID());
        List<Object> parameters = new ArrayList<>(statement.parameters());
        parameters.set(statement.tenantParameter() - 1, new Raw(tenant));
        if (cursor != null) {
            parameters.set(statement.cursorParameter() - 1, new Raw(afterAt));
            parameters.set(statement.cursorParameter(), new Raw(afterId));
        }
        return bind(statement.sql(), parameters);
    }

    /** SQL text to put in place of a parameter as it is. */
    private record Raw(String sql) {
    }

    public static String quotaStatus() {
        return CostRepository.QUOTA_STATUS;
    }

    public static String topSpendingTenants(TimeRange range, int limit) {
        List<Object> parameters = new ArrayList<>(RollupRange.of(range).parameters());
        parameters.add(limit);
        return bind(CostRepository.TOP_SPENDING_TENANTS, parameters);
    }

    private static String bind(String sql, List<Object> parameters) {
        String bound = sql;
        for (int i = parameters.size(); i >= 1; i--) {
            bound = bound.replace("$" + i, literal(parameters.get(i - 1)));
        }
        return bound;
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Raw raw) {
            return raw.sql();
        }
        if (value instanceof OffsetDateTime instant) {
            return "'" + instant + "'::timestamptz";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }
}
