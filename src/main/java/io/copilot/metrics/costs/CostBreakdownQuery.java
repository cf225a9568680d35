package io.copilot.metrics.costs;

import static io.copilot.metrics.tenancy.Rows.count;
import static io.copilot.metrics.tenancy.Rows.exact;
import static io.copilot.metrics.tenancy.Rows.id;
import static io.copilot.metrics.tenancy.Rows.money;
import static io.copilot.metrics.tenancy.SqlFragment.sql;
import static io.copilot.metrics.tenancy.SqlFragment.whenGiven;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.copilot.metrics.api.TimeRange;
import io.copilot.metrics.tenancy.SqlFragment;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A validated costBreakdown request and its SQL: one GROUP BY over metrics.all_costs, written for
 * the dimensions and filters actually given (as {@link AllCostsQuery} is, so the time range and
 * the tenant reach the index and a cost type prunes the other branch of the union view).
 *
 * @param bucket     the time bucket, or null for none
 * @param tags       the tags filter as a JSON object (bound as jsonb: a String would be bound as a
 *                   JSON string), or null for none
 */
public record CostBreakdownQuery(TimeRange range, List<BreakdownDimension> groupBy, String tagKey,
        Granularity bucket, ZoneId zone, BreakdownOrder order, CostType costType, String provider, String model,
        UUID userId, UUID conversationId, String taskType, String sandboxTier, JsonObject tags) {

    /** Dimensions the hourly model rollups keep: a breakdown over only these, without finer filters, reads them. */
    private static final Set<BreakdownDimension> ROLLED_UP = EnumSet.of(BreakdownDimension.TENANT,
            BreakdownDimension.PROVIDER, BreakdownDimension.MODEL, BreakdownDimension.SANDBOX_TIER,
            BreakdownDimension.COST_TYPE);

    /** @param tenant the caller's tenant, named again for the index (see {@link AllCostsQuery#statement}) */
    SqlFragment list(UUID tenant) {
        boolean rolledUp = readsRollups();
        List<SqlFragment> selected = new ArrayList<>();
        if (bucket != null) {
            selected.add(sql("date_trunc(?, " + (rolledUp ? "c.at" : "c.occurred_at") + ", ?) AS bucket_start",
                    bucket.databaseUnit(), zone.getId()));
        }
        for (BreakdownDimension dimension : groupBy) {
            selected.add(dimension == BreakdownDimension.TAG
                    ? sql(dimension.expression + " AS " + dimension.column(), tagKey)
                    : sql(dimension.expression + " AS " + dimension.column()));
        }
        StringBuilder positions = new StringBuilder();
        for (int i = 1; i <= selected.size(); i++) {
            positions.append(i == 1 ? "" : ", ").append(i);
        }
        List<SqlFragment> conditions = new ArrayList<>();
        whenGiven(conditions, "c.tenant_id = ?", tenant);
        if (!rolledUp) {
            conditions.add(sql("c.occurred_at >= ? AND c.occurred_at < ?", range.from(), range.to()));
        }
        if (costType != null) {
            // a constant, so the planner keeps only the union view's branch of this type
            conditions.add(sql("c.cost_type = '" + costType.databaseValue() + "'"));
        }
        whenGiven(conditions, "c.provider = ?", provider);
        whenGiven(conditions, "c.model = ?", model);
        whenGiven(conditions, "c.user_id = ?", userId);
        whenGiven(conditions, "c.conversation_id = ?", conversationId);
        whenGiven(conditions, "c.task_type = ?", taskType);
        if (sandboxTier != null) {
            conditions.add(sql("c.cost_type = 'e2b' AND c.model = ?", sandboxTier));
        }
        whenGiven(conditions, "c.metadata @> ?", tags);
        SqlFragment source = rolledUp
                ? sql("metrics.model_spend(?, ?, ?, ?) c", range.from(), range.to(),
                        bucket == null ? null : bucket.databaseUnit(), bucket == null ? null : zone.getId())
                : sql("metrics.all_costs c");
        SqlFragment grouped = sql("SELECT ").append(SqlFragment.join(", ", selected))
                .append(", " + sums(rolledUp ? "c.cost_count" : "1") + " FROM ").append(source)
                .append(conditions.isEmpty() ? sql("") : sql(" WHERE ").append(SqlFragment.join(" AND ", conditions)))
                .append(" GROUP BY " + positions);
        if (!groupBy.contains(BreakdownDimension.TENANT)) {
            return grouped;
        }
        // named after grouping: one lookup per tenant, not per cost
        return sql("SELECT g.*, t.tenant_name FROM (").append(grouped)
                .append(") g LEFT JOIN metrics.tenants t ON t.tenant_id = g.tenant");
    }

    /** Whether the hourly model rollups can answer: only their dimensions asked and filtered on. */
    boolean readsRollups() {
        return ROLLED_UP.containsAll(groupBy) && userId == null && conversationId == null && taskType == null
                && tags == null;
    }

    /**
     * The sums of a group. {@code costs} is how many costs a source row stands for: 1 for a record,
     * its cost_count for a row of metrics.model_spend.
     */
    private static String sums(String costs) {
        return "sum(c.cost_usd) AS total_cost_usd, "
                + "coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'llm'), 0) AS llm_cost_usd, "
                + "coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'e2b'), 0) AS e2b_cost_usd, "
                + "sum(" + costs + ") AS cost_count, "
                + "coalesce(sum(" + costs + ") FILTER (WHERE c.cost_type = 'llm'), 0) AS llm_request_count, "
                + "coalesce(sum(" + costs + ") FILTER (WHERE c.cost_type = 'e2b'), 0) AS e2b_execution_count, "
                + "coalesce(sum(c.input_tokens), 0) AS input_tokens, coalesce(sum(c.output_tokens), 0) AS output_tokens, "
                + "coalesce(sum(c.cached_input_tokens), 0) AS cached_input_tokens, "
                + "coalesce(sum(c.reasoning_tokens), 0) AS reasoning_tokens, "
                + "coalesce(sum(c.execution_seconds), 0) AS execution_seconds";
    }


    /** The rows' order over the result's column names, ending in the group's key, which is unique. */
    String orderBy() {
        List<String> keys = new ArrayList<>();
        if (order.leading != null) {
            keys.add(order.leading);
        }
        if (bucket != null) {
            keys.add("bucket_start");
        }
        groupBy.forEach(dimension -> keys.add(dimension.column()));
        return String.join(", ", keys);
    }

    CostBreakdownRow row(Row row) {
        return new CostBreakdownRow(
                bucket == null ? null : row.getOffsetDateTime("bucket_start").atZoneSameInstant(zone).toOffsetDateTime(),
                groupBy.contains(BreakdownDimension.TENANT) ? id(row, "tenant") : null,
                text(row, BreakdownDimension.TENANT, "tenant_name"),
                text(row, BreakdownDimension.PROVIDER), text(row, BreakdownDimension.MODEL),
                groupBy.contains(BreakdownDimension.USER) ? id(row, "user") : null,
                groupBy.contains(BreakdownDimension.CONVERSATION) ? id(row, "conversation") : null,
                text(row, BreakdownDimension.TASK_TYPE), text(row, BreakdownDimension.SANDBOX_TIER),
                groupBy.contains(BreakdownDimension.COST_TYPE)
                        ? CostType.valueOf(row.getString("cost_type").toUpperCase()) : null,
                text(row, BreakdownDimension.TAG), money(row, "total_cost_usd"), money(row, "llm_cost_usd"),
                money(row, "e2b_cost_usd"), count(row, "llm_request_count"), count(row, "e2b_execution_count"),
                exactCount(row, "input_tokens"), exactCount(row, "output_tokens"),
                exactCount(row, "cached_input_tokens"), exactCount(row, "reasoning_tokens"),
                exact(row, "execution_seconds"));
    }

    private String text(Row row, BreakdownDimension dimension) {
        return text(row, dimension, dimension.column());
    }

    private String text(Row row, BreakdownDimension dimension, String column) {
        return groupBy.contains(dimension) ? row.getString(column) : null;
    }

    /** Token sums are numeric in PostgreSQL (sum of bigint); they fit a long. */
    private static long exactCount(Row row, String column) {
        return row.getBigDecimal(column).longValueExact();
    }
}
