package io.copilot.metrics.repository;

import static io.copilot.metrics.repository.Rows.count;
import static io.copilot.metrics.repository.Rows.id;
import static io.copilot.metrics.repository.Rows.money;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.model.ConversationCost;
import io.copilot.metrics.model.CostBucket;
import io.copilot.metrics.model.CostEstimate;
import io.copilot.metrics.model.CostRecord;
import io.copilot.metrics.model.CostType;
import io.copilot.metrics.model.Granularity;
import io.copilot.metrics.model.ModelUsage;
import io.copilot.metrics.model.QuotaState;
import io.copilot.metrics.model.QuotaStatus;
import io.copilot.metrics.model.RankedTenant;
import io.copilot.metrics.model.SandboxUsage;
import io.copilot.metrics.model.TenantCost;
import io.copilot.metrics.model.TenantTotal;
import io.copilot.metrics.model.UserCost;
import io.copilot.metrics.security.Caller;
import io.copilot.metrics.security.TenantScopedTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every query of the API, over the metrics views, as parameterised prepared statements run in
 * the caller's tenant-scoped transaction. Row-level security decides which tenants' rows
 * exist; nothing here filters by tenant. The time range is applied before grouping: totals
 * and time series read the cost rollups for whole buckets and the row-level views for the
 * edges ({@link RollupRange}); the other aggregates read the row-level views.
 */
@ApplicationScoped
public class CostRepository {

    /** Spending split by cost type, shared by the per-tenant, -user and -conversation aggregates. */
    private static final String SPLIT_SUMS = """
            coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'llm'), 0) AS llm_cost_usd,
            coalesce(sum(c.cost_usd) FILTER (WHERE c.cost_type = 'e2b'), 0) AS e2b_cost_usd,
            coalesce(sum(c.cost_usd), 0)                                    AS total_cost_usd,
            count(*) FILTER (WHERE c.cost_type = 'llm')                     AS llm_request_count,
            count(*) FILTER (WHERE c.cost_type = 'e2b')                     AS e2b_execution_count
            """;

    // Padded with spaces: text blocks strip the trailing space of the line it is appended to.
    private static final String IN_RANGE = " c.occurred_at >= $1 AND c.occurred_at < $2 ";

    /** The same split summed from {@link RollupRange} spend rows (rollup rows count many costs). */
    private static final String ROLLUP_SUMS = """
            coalesce(sum(s.cost_usd) FILTER (WHERE s.cost_type = 'llm'), 0)   AS llm_cost_usd,
            coalesce(sum(s.cost_usd) FILTER (WHERE s.cost_type = 'e2b'), 0)   AS e2b_cost_usd,
            coalesce(sum(s.cost_usd), 0)                                      AS total_cost_usd,
            coalesce(sum(s.cost_count) FILTER (WHERE s.cost_type = 'llm'), 0) AS llm_request_count,
            coalesce(sum(s.cost_count) FILTER (WHERE s.cost_type = 'e2b'), 0) AS e2b_execution_count
            """;

    // Totals per tenant come from the rollups: $1-$14 are the RollupRange pieces.
    static final String COST_BY_TENANT = "WITH spend AS (" + RollupRange.SPEND + ")\n"
            + "SELECT s.tenant_id, t.name AS tenant_name, " + ROLLUP_SUMS + """
            , min(s.first_at) AS first_cost_at, max(s.last_at) AS last_cost_at
            FROM spend s
            JOIN copilot_internal.tenants t ON t.id = s.tenant_id
            GROUP BY s.tenant_id, t.name
            ORDER BY total_cost_usd DESC, s.tenant_id
            """;

    static final String TOP_SPENDING_TENANTS = "WITH spend AS (" + RollupRange.SPEND + ")\n" + """
            SELECT dense_rank() OVER (ORDER BY totals.total_cost_usd DESC) AS spend_rank, totals.*
            FROM (SELECT s.tenant_id, t.name AS tenant_name, """ + ROLLUP_SUMS + """
                  FROM spend s
                  JOIN copilot_internal.tenants t ON t.id = s.tenant_id
                  GROUP BY s.tenant_id, t.name) AS totals
            ORDER BY totals.total_cost_usd DESC, totals.tenant_id
            LIMIT $15
            """;

    private static final String COST_BY_USER = "SELECT c.tenant_id, c.user_id, " + SPLIT_SUMS + """
            , max(c.occurred_at) AS last_cost_at
            FROM metrics.all_costs c
            WHERE c.user_id IS NOT NULL AND """ + IN_RANGE + """
             GROUP BY c.tenant_id, c.user_id
            ORDER BY total_cost_usd DESC, c.tenant_id, c.user_id
            LIMIT $3
            """;

    private static final String COST_BY_CONVERSATION = """
            SELECT c.tenant_id, c.conversation_id, conv.user_id, conv.title, """ + SPLIT_SUMS + """
            , max(c.occurred_at) AS last_cost_at
            FROM metrics.all_costs c
            LEFT JOIN copilot_internal.conversations conv ON conv.id = c.conversation_id
            WHERE c.conversation_id IS NOT NULL AND """ + IN_RANGE + """
             GROUP BY c.tenant_id, c.conversation_id, conv.user_id, conv.title
            ORDER BY total_cost_usd DESC, c.tenant_id, c.conversation_id
            LIMIT $3
            """;

    static final String QUOTA_STATUS = """
            SELECT * FROM metrics.quota_status
            ORDER BY tenant_id NULLS FIRST, scope, scope_id, resource_type
            """;

    private static final String LLM_MODEL_USAGE = """
            SELECT c.tenant_id, c.provider, c.model, count(*) AS request_count,
                   coalesce(sum(c.input_tokens), 0) AS input_tokens, coalesce(sum(c.output_tokens), 0) AS output_tokens,
                   coalesce(sum(c.cached_input_tokens), 0) AS cached_input_tokens,
                   sum(c.total_cost_usd) AS total_cost_usd, round(avg(c.total_cost_usd), 10) AS avg_cost_usd,
                   min(c.occurred_at) AS first_used_at, max(c.occurred_at) AS last_used_at
            FROM metrics.llm_costs c
            WHERE """ + IN_RANGE + """
             GROUP BY c.tenant_id, c.provider, c.model
            ORDER BY total_cost_usd DESC, c.tenant_id, c.provider, c.model
            """;

    private static final String E2B_SANDBOX_USAGE = """
            SELECT c.tenant_id, c.tier, c.template_id, count(*) AS execution_count,
                   sum(c.execution_time_seconds) AS total_execution_seconds,
                   round(avg(c.execution_time_seconds), 3) AS avg_execution_seconds,
                   sum(c.total_cost_usd) AS total_cost_usd,
                   min(c.occurred_at) AS first_used_at, max(c.occurred_at) AS last_used_at
            FROM metrics.e2b_costs c
            WHERE """ + IN_RANGE + """
             GROUP BY c.tenant_id, c.tier, c.template_id
            ORDER BY total_cost_usd DESC, c.tenant_id, c.tier, c.template_id NULLS FIRST
            """;

    // $3 unit, $4 IANA zone: date_trunc with a zone cuts at that zone's local boundaries (DST-aware).
    private static final String COST_SERIES = """
            SELECT date_trunc($3, c.occurred_at, $4) AS bucket_start, """ + SPLIT_SUMS + """
            FROM metrics.all_costs c
            WHERE """ + IN_RANGE + """
             AND ($5::text IS NULL OR c.cost_type = $5)
            GROUP BY bucket_start
            ORDER BY bucket_start
            """;

    // The same from hourly rollups (zones whose offsets are whole hours): $1-$6 RollupRange.hourly pieces.
    static final String COST_SERIES_FROM_ROLLUPS = "WITH spend AS (" + RollupRange.HOURLY_SPEND + ")\n"
            + "SELECT date_trunc($7, s.at, $8) AS bucket_start, " + ROLLUP_SUMS + """
            FROM spend s
            WHERE $9::text IS NULL OR s.cost_type = $9
            GROUP BY bucket_start
            ORDER BY bucket_start
            """;

    private static final String COST_ESTIMATES = """
            SELECT c.* FROM metrics.cost_estimates c
            WHERE c.created_at >= $1 AND c.created_at < $2
            ORDER BY c.created_at DESC, c.id
            LIMIT $3
            """;

    private static final String TENANT_TOTAL_COSTS = "WITH spend AS (" + RollupRange.SPEND + ")\n"
            + "SELECT t.id AS tenant_id, t.name AS tenant_name, t.plan, " + ROLLUP_SUMS + """
            FROM copilot_internal.tenants t
            LEFT JOIN spend s ON s.tenant_id = t.id
            GROUP BY t.id, t.name, t.plan
            ORDER BY total_cost_usd DESC, t.name, t.id
            """;

    private final TenantScopedTransactions transactions;

    public CostRepository(TenantScopedTransactions transactions) {
        this.transactions = transactions;
    }

    public Uni<List<TenantCost>> costByTenant(Caller caller, TimeRange range) {
        return transactions.list(caller, COST_BY_TENANT, Tuple.from(RollupRange.of(range).parameters()), row -> new TenantCost(
                id(row, "tenant_id"), row.getString("tenant_name"), money(row, "llm_cost_usd"),
                money(row, "e2b_cost_usd"), money(row, "total_cost_usd"), count(row, "llm_request_count"),
                count(row, "e2b_execution_count"), row.getOffsetDateTime("first_cost_at"),
                row.getOffsetDateTime("last_cost_at")));
    }

    public Uni<List<RankedTenant>> topSpendingTenants(Caller caller, TimeRange range, int limit) {
        List<Object> parameters = new ArrayList<>(RollupRange.of(range).parameters());
        parameters.add(limit);
        return transactions.list(caller, TOP_SPENDING_TENANTS, Tuple.from(parameters), row -> new RankedTenant(
                (int) count(row, "spend_rank"), id(row, "tenant_id"), row.getString("tenant_name"),
                money(row, "llm_cost_usd"), money(row, "e2b_cost_usd"), money(row, "total_cost_usd")));
    }

    public Uni<List<UserCost>> costByUser(Caller caller, TimeRange range, int limit) {
        return transactions.list(caller, COST_BY_USER, Tuple.of(range.from(), range.to(), limit), row -> new UserCost(
                id(row, "tenant_id"), id(row, "user_id"), money(row, "llm_cost_usd"), money(row, "e2b_cost_usd"),
                money(row, "total_cost_usd"), count(row, "llm_request_count"), count(row, "e2b_execution_count"),
                row.getOffsetDateTime("last_cost_at")));
    }

    public Uni<List<ConversationCost>> costByConversation(Caller caller, TimeRange range, int limit) {
        return transactions.list(caller, COST_BY_CONVERSATION, Tuple.of(range.from(), range.to(), limit),
                row -> new ConversationCost(id(row, "tenant_id"), id(row, "conversation_id"), id(row, "user_id"),
                        row.getString("title"), money(row, "llm_cost_usd"), money(row, "e2b_cost_usd"),
                        money(row, "total_cost_usd"), count(row, "llm_request_count"),
                        count(row, "e2b_execution_count"), row.getOffsetDateTime("last_cost_at")));
    }

    public Uni<List<QuotaStatus>> quotaStatus(Caller caller) {
        return transactions.list(caller, QUOTA_STATUS, Tuple.tuple(), row -> new QuotaStatus(id(row, "quota_id"),
                id(row, "tenant_id"), row.getString("scope"), id(row, "scope_id"), row.getString("resource_type"),
                money(row, "limit_usd"), money(row, "current_spend_usd"), money(row, "remaining_usd"),
                money(row, "usage_percentage"), money(row, "warning_threshold"),
                QuotaState.valueOf(row.getString("status")), row.getString("period"),
                row.getOffsetDateTime("period_start"), row.getOffsetDateTime("period_end")));
    }

    public Uni<List<ModelUsage>> llmModelUsage(Caller caller, TimeRange range) {
        return transactions.list(caller, LLM_MODEL_USAGE, Tuple.of(range.from(), range.to()), row -> new ModelUsage(
                id(row, "tenant_id"), row.getString("provider"), row.getString("model"), count(row, "request_count"),
                count(row, "input_tokens"), count(row, "output_tokens"), count(row, "cached_input_tokens"),
                money(row, "total_cost_usd"), money(row, "avg_cost_usd"), row.getOffsetDateTime("first_used_at"),
                row.getOffsetDateTime("last_used_at")));
    }

    public Uni<List<SandboxUsage>> e2bSandboxUsage(Caller caller, TimeRange range) {
        return transactions.list(caller, E2B_SANDBOX_USAGE, Tuple.of(range.from(), range.to()), row -> new SandboxUsage(
                id(row, "tenant_id"), row.getString("tier"), row.getString("template_id"),
                count(row, "execution_count"), money(row, "total_execution_seconds"),
                money(row, "avg_execution_seconds"), money(row, "total_cost_usd"),
                row.getOffsetDateTime("first_used_at"), row.getOffsetDateTime("last_used_at")));
    }

    public Uni<List<CostBucket>> costSeries(Caller caller, TimeRange range, Granularity granularity, ZoneId zone,
            CostType costType) {
        String type = costType == null ? null : costType.databaseValue();
        String sql;
        List<Object> parameters;
        if (RollupRange.alignsWithHours(zone, range)) {
            sql = COST_SERIES_FROM_ROLLUPS;
            parameters = new ArrayList<>(RollupRange.hourly(range).parameters());
            parameters.addAll(Arrays.asList(granularity.databaseUnit(), zone.getId(), type));
        } else {
            sql = COST_SERIES;
            parameters = Arrays.asList(range.from(), range.to(), granularity.databaseUnit(), zone.getId(), type);
        }
        return transactions.list(caller, sql, Tuple.from(parameters), row -> new CostBucket(
                row.getOffsetDateTime("bucket_start").atZoneSameInstant(zone).toOffsetDateTime(),
                money(row, "llm_cost_usd"), money(row, "e2b_cost_usd"), money(row, "total_cost_usd"),
                count(row, "llm_request_count"), count(row, "e2b_execution_count")));
    }

    public Uni<List<CostEstimate>> costEstimates(Caller caller, TimeRange range, int limit) {
        return transactions.list(caller, COST_ESTIMATES, Tuple.of(range.from(), range.to(), limit), row -> new CostEstimate(
                id(row, "id"), CostType.valueOf(row.getString("estimate_type").toUpperCase()), id(row, "tenant_id"),
                id(row, "user_id"), id(row, "conversation_id"), row.getString("provider"), row.getString("model"),
                money(row, "estimated_cost_usd"), money(row, "actual_cost_usd"), money(row, "variance_usd"),
                row.getOffsetDateTime("created_at")));
    }

    public Uni<List<TenantTotal>> tenantTotalCosts(Caller caller, TimeRange range) {
        return transactions.list(caller, TENANT_TOTAL_COSTS, Tuple.from(RollupRange.of(range).parameters()), row -> new TenantTotal(
                id(row, "tenant_id"), row.getString("tenant_name"), row.getString("plan"),
                money(row, "llm_cost_usd"), money(row, "e2b_cost_usd"), money(row, "total_cost_usd")));
    }

    /**
     * Up to {@code limit} costs after {@code after}, in (occurred_at, id) order (keyset
     * pagination; one row more than a page tells whether a next page exists).
     */
    public Uni<List<CostRecord>> allCosts(Caller caller, CostQuery query, CostCursor after, int limit) {
        AllCostsStatement statement = AllCostsStatement.of(query, after, limit, caller.tenantId().orElse(null));
        return transactions.list(caller, statement.sql(), Tuple.from(statement.parameters()), row -> new CostRecord(id(row, "id"),
                CostType.valueOf(row.getString("cost_type").toUpperCase()), id(row, "tenant_id"), id(row, "user_id"),
                id(row, "conversation_id"), row.getString("provider"), row.getString("model"),
                row.getLong("input_tokens"), row.getLong("output_tokens"), money(row, "execution_seconds"),
                money(row, "cost_usd"), row.getOffsetDateTime("occurred_at")));
    }

    /** Validated allCosts filter; ids already parsed. */
    public record CostQuery(OffsetDateTime from, OffsetDateTime to, CostType costType,
            UUID userId, UUID conversationId, String provider, String model) {
    }
}
