package io.copilot.metrics.costs;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.copilot.metrics.api.ApiEdge;
import io.copilot.metrics.api.Arguments;
import io.copilot.metrics.api.BadUserInputException;
import io.smallrye.mutiny.Uni;

/**
 * The cost queries. Each answers for the caller's tenant only (or, for a platform administrator
 * without a tenant header, across tenants); time ranges are [from, to), defaulting to the last
 * 30 days. Arguments are checked here, before any database work.
 */
@GraphQLApi
@ApiEdge
public class CostQueries {

    private final CostService costs;
    private final Arguments arguments;

    public CostQueries(CostService costs, Arguments arguments) {
        this.costs = costs;
        this.arguments = arguments;
    }

    @Query
    @Description("Every cost, oldest first, a page at a time (Relay connection).")
    public Uni<@NonNull CostConnection> allCosts(CostFilter filter, @DefaultValue("20") Integer first,
            String after) throws BadUserInputException {
        CostFilter given = filter != null ? filter : CostFilter.NONE;
        arguments.optionalRange(given.from(), given.to());
        AllCostsQuery query = new AllCostsQuery(given.from(), given.to(), given.costType(),
                arguments.optionalUuid(given.userId(), "filter.userId"),
                arguments.optionalUuid(given.conversationId(), "filter.conversationId"),
                given.provider(), given.model(), CostCursor.parse(after));
        return costs.allCosts(query, arguments.pageSize(first, "first"));
    }

    @Query
    @Description("Spending per tenant.")
    public Uni<@NonNull List<@NonNull TenantCost>> costByTenant(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        return costs.costByTenant(arguments.range(from, to));
    }

    @Query
    @Description("The tenants that spent most, highest first.")
    public Uni<@NonNull List<@NonNull RankedTenant>> topSpendingTenants(OffsetDateTime from, OffsetDateTime to,
            @DefaultValue("10") @Description("1 to 100") Integer limit) throws BadUserInputException {
        return costs.topSpendingTenants(arguments.range(from, to), limit == null ? 10 : arguments.pageSize(limit, "limit"));
    }

    @Query
    @Description("Spending per user, highest first.")
    public Uni<@NonNull List<@NonNull UserCost>> costByUser(OffsetDateTime from, OffsetDateTime to,
            @DefaultValue("20") Integer first) throws BadUserInputException {
        return costs.costByUser(arguments.range(from, to), arguments.pageSize(first, "first"));
    }

    @Query
    @Description("Spending per conversation, highest first.")
    public Uni<@NonNull List<@NonNull ConversationCost>> costByConversation(OffsetDateTime from, OffsetDateTime to,
            @DefaultValue("20") Integer first) throws BadUserInputException {
        return costs.costByConversation(arguments.range(from, to), arguments.pageSize(first, "first"));
    }

    @Query
    @Description("LLM use per provider and model.")
    public Uni<@NonNull List<@NonNull ModelUsage>> llmModelUsage(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        return costs.llmModelUsage(arguments.range(from, to));
    }

    @Query
    @Description("Spending over time in buckets whose boundaries follow the given IANA time zone (default UTC). "
            + "costType narrows to LLM or E2B costs; without it both are counted.")
    public Uni<@NonNull List<@NonNull CostBucket>> costSeries(@DefaultValue("DAY") Granularity granularity,
            OffsetDateTime from, OffsetDateTime to, @DefaultValue("UTC") @Name("timeZone") String timeZone,
            CostType costType) throws BadUserInputException {
        return costs.costSeries(arguments.range(from, to), granularity == null ? Granularity.DAY : granularity,
                arguments.timeZone(timeZone), costType);
    }

    @Query
    @Description("E2B sandbox use per tier and template.")
    public Uni<@NonNull List<@NonNull SandboxUsage>> e2bSandboxUsage(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        return costs.e2bSandboxUsage(arguments.range(from, to));
    }

    @Query
    @Description("Estimates made before calls and sandbox runs, newest first, with the actual cost once known.")
    public Uni<@NonNull List<@NonNull CostEstimate>> costEstimates(OffsetDateTime from, OffsetDateTime to,
            @DefaultValue("20") Integer first) throws BadUserInputException {
        return costs.costEstimates(arguments.range(from, to), arguments.pageSize(first, "first"));
    }

    @Query
    @Description("Totals per tenant, including tenants that spent nothing.")
    public Uni<@NonNull List<@NonNull TenantTotal>> tenantTotalCosts(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        return costs.tenantTotalCosts(arguments.range(from, to));
    }
}
