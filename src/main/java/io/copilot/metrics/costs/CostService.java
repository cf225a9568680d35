package io.copilot.metrics.costs;

import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.api.Connection;
import io.copilot.metrics.api.Cursor;
import io.copilot.metrics.api.ListPosition;
import io.copilot.metrics.api.TimeRange;
import io.copilot.metrics.tenancy.CurrentCaller;
import io.smallrye.mutiny.Uni;

/** The cost use cases: each runs one read for the current caller. Arguments arrive checked. */
@ApplicationScoped
public class CostService {

    private final CurrentCaller callers;
    private final CostRepository costs;
    private final Cursor cursors;

    public CostService(CurrentCaller callers, CostRepository costs, Cursor cursors) {
        this.callers = callers;
        this.costs = costs;
        this.cursors = cursors;
    }

    public Uni<List<TenantCost>> costByTenant(TimeRange range) {
        return callers.ask(caller -> costs.costByTenant(caller, range));
    }

    public Uni<List<RankedTenant>> topSpendingTenants(TimeRange range, int limit) {
        return callers.ask(caller -> costs.topSpendingTenants(caller, range, limit));
    }

    public Uni<List<TenantTotal>> tenantTotalCosts(TimeRange range) {
        return callers.ask(caller -> costs.tenantTotalCosts(caller, range));
    }

    public Uni<UserCostConnection> costByUser(TimeRange range, int size, ListPosition position, long offset) {
        return callers.ask(caller -> costs.costByUser(caller, range, size, offset)).map(page -> position
                .connection(page, offset, cursors, UserCostConnection.UserCostEdge::new, UserCostConnection::new));
    }

    public Uni<ConversationCostConnection> costByConversation(TimeRange range, int size, ListPosition position,
            long offset) {
        return callers.ask(caller -> costs.costByConversation(caller, range, size, offset)).map(page -> position
                .connection(page, offset, cursors, ConversationCostConnection.ConversationCostEdge::new,
                        ConversationCostConnection::new));
    }

    public Uni<List<ModelUsage>> llmModelUsage(TimeRange range) {
        return callers.ask(caller -> costs.llmModelUsage(caller, range));
    }

    public Uni<List<SandboxUsage>> e2bSandboxUsage(TimeRange range) {
        return callers.ask(caller -> costs.e2bSandboxUsage(caller, range));
    }

    public Uni<List<CostBucket>> costSeries(TimeRange range, Granularity granularity, ZoneId zone, CostType costType) {
        return callers.ask(caller -> costs.costSeries(caller, range, granularity, zone, costType));
    }

    public Uni<CostEstimateConnection> costEstimates(TimeRange range, int size, ListPosition position, long offset) {
        return callers.ask(caller -> costs.costEstimates(caller, range, size, offset)).map(page -> position
                .connection(page, offset, cursors, CostEstimateConnection.CostEstimateEdge::new,
                        CostEstimateConnection::new));
    }

    public Uni<CostBreakdownConnection> costBreakdown(CostBreakdownQuery query, int size, ListPosition position,
            long offset) {
        return callers.ask(caller -> costs.costBreakdown(caller, query, size, offset)).map(page -> position
                .connection(page, offset, cursors, CostBreakdownConnection.CostBreakdownEdge::new,
                        CostBreakdownConnection::new));
    }

    /** A page of {@code size} costs: one more row is read to tell whether another page follows. */
    public Uni<CostConnection> allCosts(AllCostsQuery query, int size) {
        return callers.ask(caller -> costs.allCosts(caller, query, size + 1)).map(rows -> Connection.page(rows, size,
                query.after() != null, row -> CostCursor.of(row).encode(cursors), CostConnection.CostEdge::new,
                CostConnection::new));
    }
}
