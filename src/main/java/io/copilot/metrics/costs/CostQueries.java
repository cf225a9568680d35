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
import io.copilot.metrics.api.Cursor;
import io.smallrye.mutiny.Uni;

/**
 * The cost queries. Each answers for the caller's tenant only (or, for a platform administrator
 * without a tenant header, across tenants); time ranges are [from, to), defaulting to the last
 * 30 days. Arguments are checked here, before any database work.
 */
@GraphQLApi
@ApiEdge
public class CostQueries {

    private static final String PAGE_SIZE = "1 to the configured maximum (100 unless changed); default 20 unless changed";

    private final CostService costs;
    private final Arguments arguments;
    private final Cursor cursors;

    public CostQueries(CostService costs, Arguments arguments, Cursor cursors) {
        this.costs = costs;
        this.arguments = arguments;
        this.cursors = cursors;
    }

    @Query
    @Description("Every cost, oldest first, a page at a time (Relay connection).")
    public Uni<@NonNull CostConnection> allCosts(CostFilter filter, @Description(PAGE_SIZE) Integer first,
            String after) throws BadUserInputException {
        CostFilter given = filter != null ? filter : CostFilter.NONE;
        arguments.optionalRange(given.from(), given.to(), "filter");
        AllCostsQuery query = new AllCostsQuery(given.from(), given.to(), given.costType(),
                arguments.optionalUuid(given.userId(), "filter.userId"),
                arguments.optionalUuid(given.conversationId(), "filter.conversationId"),
                arguments.optionalText(given.provider(), "filter.provider"),
                arguments.optionalText(given.model(), "filter.model"),
                CostCursor.parse(arguments.optionalText(after, "after"), cursors));
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
            @Description("1 to the configured maximum (100 unless changed); default 10 unless changed") Integer limit)
            throws BadUserInputException {
        return costs.topSpendingTenants(arguments.range(from, to), arguments.topLimit(limit));
    }

    @Query
    @Description("Spending per user, highest first.")
    public Uni<@NonNull List<@NonNull UserCost>> costByUser(OffsetDateTime from, OffsetDateTime to,
            @Description(PAGE_SIZE) Integer first) throws BadUserInputException {
        return costs.costByUser(arguments.range(from, to), arguments.pageSize(first, "first"));
    }

    @Query
    @Description("Spending per conversation, highest first.")
    public Uni<@NonNull List<@NonNull ConversationCost>> costByConversation(OffsetDateTime from, OffsetDateTime to,
            @Description(PAGE_SIZE) Integer first) throws BadUserInputException {
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
        Granularity buckets = granularity == null ? Granularity.DAY : granularity;
        return costs.costSeries(arguments.seriesRange(from, to, buckets.shortest, buckets.name()), buckets,
                arguments.timeZone(arguments.optionalText(timeZone, "timeZone")), costType);
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
            @Description(PAGE_SIZE) Integer first) throws BadUserInputException {
        return costs.costEstimates(arguments.range(from, to), arguments.pageSize(first, "first"));
    }

    @Query
    @Description("Totals per tenant, including tenants that spent nothing.")
    public Uni<@NonNull List<@NonNull TenantTotal>> tenantTotalCosts(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        return costs.tenantTotalCosts(arguments.range(from, to));
    }
}
