package io.copilot.metrics.graphql;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.copilot.metrics.errors.BadUserInputException;
import io.copilot.metrics.model.ConversationCost;
import io.copilot.metrics.model.CostBucket;
import io.copilot.metrics.model.CostConnection;
import io.copilot.metrics.model.CostEstimate;
import io.copilot.metrics.model.CostFilter;
import io.copilot.metrics.model.CostType;
import io.copilot.metrics.model.Granularity;
import io.copilot.metrics.model.Me;
import io.copilot.metrics.model.ModelUsage;
import io.copilot.metrics.model.QuotaStatus;
import io.copilot.metrics.model.RankedTenant;
import io.copilot.metrics.model.SandboxUsage;
import io.copilot.metrics.model.TenantCost;
import io.copilot.metrics.model.TenantTotal;
import io.copilot.metrics.model.UserCost;
import io.copilot.metrics.service.CostService;
import io.smallrye.mutiny.Uni;

/**
 * The GraphQL queries. Each answers for the caller's tenant only (or, for a platform
 * administrator without a tenant header, across tenants); time ranges are [from, to),
 * defaulting to the last 30 days.
 */
@GraphQLApi
public class CostQueries {

    private final CostService costs;

    public CostQueries(CostService costs) {
        this.costs = costs;
    }

    @Query
    @Description("Who the service thinks the caller is: subject, tenant, roles and memberships.")
    public Uni<@NonNull Me> me() {
        return costs.me();
    }

    @Query
    @Description("Every cost, oldest first, a page at a time (Relay connection).")
    public Uni<@NonNull CostConnection> allCosts(CostFilter filter, @DefaultValue("20") Integer first, String after)
            throws BadUserInputException {
        return costs.allCosts(filter, first, after);
    }

    @Query
    @Description("Spending per tenant.")
    public Uni<@NonNull List<@NonNull TenantCost>> costByTenant(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        return costs.costByTenant(from, to);
    }

    @Query
    @Description("The tenants that spent most, highest first.")
    public Uni<@NonNull List<@NonNull RankedTenant>> topSpendingTenants(OffsetDateTime from, OffsetDateTime to,
            @DefaultValue("10") @Description("1 to 100") Integer limit) throws BadUserInputException {
        return costs.topSpendingTenants(from, to, limit);
    }

    @Query
    @Description("Spending per user, highest first.")
    public Uni<@NonNull List<@NonNull UserCost>> costByUser(OffsetDateTime from, OffsetDateTime to,
            @DefaultValue("20") Integer first) throws BadUserInputException {
        return costs.costByUser(from, to, first);
    }

    @Query
    @Description("Spending per conversation, highest first.")
    public Uni<@NonNull List<@NonNull ConversationCost>> costByConversation(OffsetDateTime from, OffsetDateTime to,
            @DefaultValue("20") Integer first) throws BadUserInputException {
        return costs.costByConversation(from, to, first);
    }

    @Query
    @Description("Quotas in force now, with OK / WARNING / EXCEEDED.")
    public Uni<@NonNull List<@NonNull QuotaStatus>> quotaStatus() {
        return costs.quotaStatus();
    }

    @Query
    @Description("LLM use per provider and model.")
    public Uni<@NonNull List<@NonNull ModelUsage>> llmModelUsage(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        return costs.llmModelUsage(from, to);
    }

    @Query
    @Description("Spending over time in buckets whose boundaries follow the given IANA time zone (default UTC). "
            + "costType narrows to LLM or E2B costs; without it both are counted.")
    public Uni<@NonNull List<@NonNull CostBucket>> costSeries(@DefaultValue("DAY") Granularity granularity,
            OffsetDateTime from, OffsetDateTime to, @DefaultValue("UTC") @Name("timeZone") String timeZone,
            CostType costType) throws BadUserInputException {
        return costs.costSeries(granularity, from, to, timeZone, costType);
    }

    @Query
    @Description("E2B sandbox use per tier and template.")
    public Uni<@NonNull List<@NonNull SandboxUsage>> e2bSandboxUsage(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        return costs.e2bSandboxUsage(from, to);
    }

    @Query
    @Description("Estimates made before calls and sandbox runs, newest first, with the actual cost once known.")
    public Uni<@NonNull List<@NonNull CostEstimate>> costEstimates(OffsetDateTime from, OffsetDateTime to,
            @DefaultValue("20") Integer first) throws BadUserInputException {
        return costs.costEstimates(from, to, first);
    }

    @Query
    @Description("Totals per tenant, including tenants that spent nothing.")
    public Uni<@NonNull List<@NonNull TenantTotal>> tenantTotalCosts(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        return costs.tenantTotalCosts(from, to);
    }
}
