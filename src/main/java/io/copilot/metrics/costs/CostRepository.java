package io.copilot.metrics.costs;

import static io.copilot.metrics.tenancy.Rows.count;
import static io.copilot.metrics.tenancy.Rows.id;
import static io.copilot.metrics.tenancy.Rows.exact;
import static io.copilot.metrics.tenancy.Rows.money;
import static io.copilot.metrics.tenancy.SqlFragment.sql;

import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.api.TimeRange;
import io.copilot.metrics.tenancy.Caller;
import io.copilot.metrics.tenancy.Counted;
import io.copilot.metrics.tenancy.SqlFragment;
import io.copilot.metrics.tenancy.TenantDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The cost reads, each one statement over the metrics schema (its views, or its functions for a
 * time range), run in the caller's tenant-scoped transaction. Row-level security decides whose
 * rows exist; nothing here filters by tenant or repeats what the schema computes.
 */
@ApplicationScoped
public class CostRepository {

    private final TenantDatabase database;

    public CostRepository(TenantDatabase database) {
        this.database = database;
    }

    public Uni<List<TenantCost>> costByTenant(Caller caller, TimeRange range) {
        return database.list(caller, costByTenantStatement(range), CostRepository::tenantCost);
    }

    public Uni<List<RankedTenant>> topSpendingTenants(Caller caller, TimeRange range, int limit) {
        return database.list(caller, topSpendingTenantsStatement(range, limit), CostRepository::rankedTenant);
    }

    public Uni<List<TenantTotal>> tenantTotalCosts(Caller caller, TimeRange range) {
        return database.list(caller, tenantTotalCostsStatement(range), CostRepository::tenantTotal);
    }

    public Uni<Counted<UserCost>> costByUser(Caller caller, TimeRange range, int limit, long offset) {
        return database.page(caller, costByUserList(range), "total_cost_usd DESC, tenant_id, user_id", limit, offset,
                CostRepository::userCost);
    }

    public Uni<Counted<ConversationCost>> costByConversation(Caller caller, TimeRange range, int limit, long offset) {
        return database.page(caller, costByConversationList(range), "total_cost_usd DESC, tenant_id, conversation_id",
                limit, offset, CostRepository::conversationCost);
    }

    public Uni<List<ModelUsage>> llmModelUsage(Caller caller, TimeRange range) {
        return database.list(caller, llmModelUsageStatement(range), CostRepository::modelUsage);
    }

    public Uni<List<SandboxUsage>> e2bSandboxUsage(Caller caller, TimeRange range) {
        return database.list(caller, e2bSandboxUsageStatement(range), CostRepository::sandboxUsage);
    }

    public Uni<List<CostBucket>> costSeries(Caller caller, TimeRange range, Granularity granularity, ZoneId zone,
            CostType costType) {
        return database.list(caller, costSeriesStatement(range, granularity, zone, costType),
                row -> costBucket(row, zone));
    }

    public Uni<Counted<CostEstimate>> costEstimates(Caller caller, TimeRange range, int limit, long offset) {
        return database.page(caller, costEstimatesList(range), "created_at DESC, id", limit, offset,
                CostRepository::costEstimate);
    }

    public Uni<Counted<CostBreakdownRow>> costBreakdown(Caller caller, CostBreakdownQuery query, int limit,
            long offset) {
        return database.page(caller, query.list(caller.tenantId().orElse(null)), query.orderBy(), limit, offset,
                query::row);
    }

    /** Up to {@code limit} costs in (occurred_at, id) order; see {@link AllCostsQuery}. */
    public Uni<List<CostRecord>> allCosts(Caller caller, AllCostsQuery query, int limit) {
        return database.list(caller, query.statement(caller.tenantId().orElse(null), limit), CostRepository::costRecord);
    }

    // The statements, apart from their execution so the benchmark's floor can send the same SQL.

    static SqlFragment costByTenantStatement(TimeRange range) {
        return sql("SELECT c.* FROM metrics.cost_by_tenant_between(?, ?) c ORDER BY c.total_cost_usd DESC, c.tenant_id",
                range.from(), range.to());
    }

    static SqlFragment topSpendingTenantsStatement(TimeRange range, int limit) {
        return sql("SELECT t.* FROM metrics.top_spending_tenants_between(?, ?) t "
                + "ORDER BY t.total_cost_usd DESC, t.tenant_id LIMIT ?", range.from(), range.to(), limit);
    }

    static SqlFragment tenantTotalCostsStatement(TimeRange range) {
        return sql("SELECT t.* FROM metrics.tenant_total_costs_between(?, ?) t "
                + "ORDER BY t.total_cost_usd DESC, t.tenant_name, t.tenant_id", range.from(), range.to());
    }

    static SqlFragment costByUserList(TimeRange range) {
        return sql("SELECT u.*, t.tenant_name FROM metrics.cost_by_user_between(?, ?) u "
                + "LEFT JOIN metrics.tenants t ON t.tenant_id = u.tenant_id", range.from(), range.to());
    }

    static SqlFragment costByConversationList(TimeRange range) {
        return sql("SELECT c.*, t.tenant_name FROM metrics.cost_by_conversation_between(?, ?) c "
                + "LEFT JOIN metrics.tenants t ON t.tenant_id = c.tenant_id", range.from(), range.to());
    }

    static SqlFragment llmModelUsageStatement(TimeRange range) {
        return sql("SELECT u.* FROM metrics.llm_model_usage_between(?, ?) u "
                + "ORDER BY u.total_cost_usd DESC, u.tenant_id, u.provider, u.model", range.from(), range.to());
    }

    static SqlFragment e2bSandboxUsageStatement(TimeRange range) {
        return sql("SELECT u.* FROM metrics.e2b_sandbox_usage_between(?, ?) u "
                + "ORDER BY u.total_cost_usd DESC, u.tenant_id, u.tier, u.template_id NULLS FIRST", range.from(),
                range.to());
    }

    static SqlFragment costSeriesStatement(TimeRange range, Granularity granularity, ZoneId zone, CostType costType) {
        return sql("SELECT s.* FROM metrics.cost_series(?, ?, ?, ?, ?) s ORDER BY s.bucket_start", range.from(),
                range.to(), granularity.databaseUnit(), zone.getId(), costType == null ? null : costType.databaseValue());
    }

    static SqlFragment costEstimatesList(TimeRange range) {
        return sql("SELECT e.* FROM metrics.cost_estimates e WHERE e.created_at >= ? AND e.created_at < ?",
                range.from(), range.to());
    }

    private static TenantCost tenantCost(Row row) {
        return new TenantCost(id(row, "tenant_id"), row.getString("tenant_name"), money(row, "llm_cost_usd"),
                money(row, "e2b_cost_usd"), money(row, "total_cost_usd"), count(row, "llm_request_count"),
                count(row, "e2b_execution_count"), row.getOffsetDateTime("first_cost_at"),
                row.getOffsetDateTime("last_cost_at"));
    }

    private static RankedTenant rankedTenant(Row row) {
        return new RankedTenant((int) count(row, "spend_rank"), id(row, "tenant_id"), row.getString("tenant_name"),
                money(row, "llm_cost_usd"), money(row, "e2b_cost_usd"), money(row, "total_cost_usd"));
    }

    private static TenantTotal tenantTotal(Row row) {
        return new TenantTotal(id(row, "tenant_id"), row.getString("tenant_name"), row.getString("plan"),
                money(row, "llm_cost_usd"), money(row, "e2b_cost_usd"), money(row, "total_cost_usd"));
    }

    private static UserCost userCost(Row row) {
        return new UserCost(id(row, "tenant_id"), row.getString("tenant_name"), id(row, "user_id"), money(row, "llm_cost_usd"),
                money(row, "e2b_cost_usd"), money(row, "total_cost_usd"), count(row, "llm_request_count"),
                count(row, "e2b_execution_count"), row.getOffsetDateTime("last_cost_at"));
    }

    private static ConversationCost conversationCost(Row row) {
        return new ConversationCost(id(row, "tenant_id"), row.getString("tenant_name"), id(row, "conversation_id"), id(row, "user_id"),
                row.getString("conversation_title"), money(row, "llm_cost_usd"), money(row, "e2b_cost_usd"),
                money(row, "total_cost_usd"), count(row, "llm_request_count"), count(row, "e2b_execution_count"),
                row.getOffsetDateTime("last_cost_at"));
    }

    private static ModelUsage modelUsage(Row row) {
        return new ModelUsage(id(row, "tenant_id"), row.getString("provider"), row.getString("model"),
                count(row, "request_count"), count(row, "input_tokens"), count(row, "output_tokens"),
                count(row, "cached_input_tokens"), money(row, "total_cost_usd"), money(row, "avg_cost_per_request"),
                row.getOffsetDateTime("first_used_at"), row.getOffsetDateTime("last_used_at"));
    }

    private static SandboxUsage sandboxUsage(Row row) {
        return new SandboxUsage(id(row, "tenant_id"), row.getString("tier"), row.getString("template_id"),
                count(row, "execution_count"), exact(row, "total_execution_seconds"),
                exact(row, "avg_execution_seconds"), money(row, "total_cost_usd"),
                row.getOffsetDateTime("first_used_at"), row.getOffsetDateTime("last_used_at"));
    }

    private static CostBucket costBucket(Row row, ZoneId zone) {
        return new CostBucket(row.getOffsetDateTime("bucket_start").atZoneSameInstant(zone).toOffsetDateTime(),
                money(row, "llm_cost_usd"), money(row, "e2b_cost_usd"), money(row, "total_cost_usd"),
                count(row, "llm_request_count"), count(row, "e2b_execution_count"));
    }

    private static CostEstimate costEstimate(Row row) {
        return new CostEstimate(id(row, "id"), CostType.valueOf(row.getString("estimate_type").toUpperCase()),
                id(row, "tenant_id"), id(row, "user_id"), id(row, "conversation_id"), row.getString("provider"),
                row.getString("model"), money(row, "estimated_cost_usd"), money(row, "actual_cost_usd"),
                money(row, "variance_usd"), row.getOffsetDateTime("created_at"));
    }

    private static CostRecord costRecord(Row row) {
        return new CostRecord(id(row, "id"), CostType.valueOf(row.getString("cost_type").toUpperCase()),
                id(row, "tenant_id"), id(row, "user_id"), id(row, "conversation_id"), row.getString("provider"),
                row.getString("model"), row.getLong("input_tokens"), row.getLong("output_tokens"),
                row.getLong("cached_input_tokens"), row.getLong("cache_write_tokens"), row.getLong("reasoning_tokens"),
                exact(row, "execution_seconds"), money(row, "cost_usd"), row.getOffsetDateTime("occurred_at"),
                row.getString("task_type"), row.getString("request_id"), row.getString("trace_id"),
                CostTag.of(row.getJsonObject("metadata")));
    }
}
