package io.copilot.metrics.costs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.copilot.metrics.api.TimeRange;
import io.copilot.metrics.quotas.QuotaRepository;
import io.copilot.metrics.tenancy.SqlFragment;
import io.copilot.metrics.tenancy.TenantDatabase;

/**
 * The service's own SQL for the benchmark's floor (pgbench), with the parameters the service
 * would bind written in as literals, or as pgbench variables where they vary per caller. Lives
 * beside CostRepository to read its statements.
 */
public final class BenchSql {

    private static final UUID TENANT = new UUID(0, 1);
    private static final OffsetDateTime CURSOR_AT = Instant.EPOCH.atOffset(ZoneOffset.UTC);
    private static final UUID CURSOR_ID = new UUID(0, 2);

    private BenchSql() {
    }

    public static String costByTenant(TimeRange range) {
        return literal(CostRepository.costByTenantStatement(range), Map.of());
    }

    public static String costSeries(TimeRange range, Granularity unit, String zone) {
        return literal(CostRepository.costSeriesStatement(range, unit, ZoneId.of(zone), null), Map.of());
    }

    /** Tenant and cursor as SQL text (pgbench variables such as :t); the cursor null for the first page. */
    public static String allCosts(TimeRange range, int limit, String tenant, String afterAt, String afterId) {
        CostCursor cursor = afterAt == null ? null : new CostCursor(CURSOR_AT, CURSOR_ID);
        AllCostsQuery query = new AllCostsQuery(range.from(), range.to(), null, null, null, null, null, cursor);
        return literal(query.statement(TENANT, limit),
                afterAt == null ? Map.of(TENANT, tenant) : Map.of(TENANT, tenant, CURSOR_AT, afterAt, CURSOR_ID, afterId));
    }

    /** A tenant's breakdown by model per UTC day over the range, its first page of {@code limit} groups. */
    public static String costBreakdownByModelPerDay(TimeRange range, int limit, String tenant) {
        CostBreakdownQuery query = modelPerDay(range);
        return literal(TenantDatabase.pageStatement(query.list(TENANT), query.orderBy(), limit, 0),
                Map.of(TENANT, tenant));
    }

    static CostBreakdownQuery modelPerDay(TimeRange range) {
        return new CostBreakdownQuery(range, List.of(BreakdownDimension.MODEL), null, Granularity.DAY, ZoneOffset.UTC,
                BreakdownOrder.KEYS, null, null, null, null, null, null, null, null);
    }

    public static String quotaStatus() {
        return literal(QuotaRepository.IN_FORCE, Map.of());
    }

    public static String topSpendingTenants(TimeRange range, int limit) {
        return literal(CostRepository.topSpendingTenantsStatement(range, limit), Map.of());
    }

    /** Each placeholder replaced by its value as a literal, or by the SQL text given for that value. */
    private static String literal(SqlFragment statement, Map<Object, String> raw) {
        StringBuilder sql = new StringBuilder();
        int parameter = 0;
        for (char character : statement.text().toCharArray()) {
            if (character == '?') {
                Object value = statement.parameters().get(parameter++);
                sql.append(value != null && raw.containsKey(value) ? raw.get(value) : literal(value));
            } else {
                sql.append(character);
            }
        }
        return sql.toString();
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
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
