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
import io.copilot.metrics.api.ListPosition;
import io.copilot.metrics.usage.MetadataEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * The cost queries. Each answers for the caller's tenant only (or, for a platform administrator
 * without a tenant header, across tenants); time ranges are [from, to), defaulting to the last
 * 30 days. Arguments are checked here, before any database work.
 */
@GraphQLApi
@ApiEdge
public class CostQueries {

    private static final int MAX_TAG_FILTERS = 10;
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
    @Description("Spending per user, highest first, a page at a time (Relay connection).")
    public Uni<@NonNull UserCostConnection> costByUser(OffsetDateTime from, OffsetDateTime to,
            @Description(PAGE_SIZE) Integer first, String after) throws BadUserInputException {
        ListPosition position = ListPosition.of("costByUser", from, to);
        return costs.costByUser(arguments.range(from, to), arguments.pageSize(first, "first"), position,
                position.offset(arguments.optionalText(after, "after"), cursors));
    }

    @Query
    @Description("Spending per conversation, highest first, a page at a time (Relay connection).")
    public Uni<@NonNull ConversationCostConnection> costByConversation(OffsetDateTime from, OffsetDateTime to,
            @Description(PAGE_SIZE) Integer first, String after) throws BadUserInputException {
        ListPosition position = ListPosition.of("costByConversation", from, to);
        return costs.costByConversation(arguments.range(from, to), arguments.pageSize(first, "first"), position,
                position.offset(arguments.optionalText(after, "after"), cursors));
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
    @Description("Costs grouped by one or two dimensions and/or a time bucket (whose boundaries follow timeZone), "
            + "with sums of cost, calls, runs and tokens per group, ordered and a page at a time. To compare two "
            + "periods, ask twice in one request under two aliases.")
    public Uni<@NonNull CostBreakdownConnection> costBreakdown(OffsetDateTime from, OffsetDateTime to,
            CostBreakdownFilter filter, @NonNull @Description("0 to 2 dimensions; none only with a bucket")
            List<@NonNull BreakdownDimension> groupBy,
            @Description("The tag grouped by, when groupBy holds TAG") String tagKey, Granularity bucket,
            @DefaultValue("UTC") @Name("timeZone") String timeZone, @DefaultValue("COST_DESC") BreakdownOrder orderBy,
            @Description(PAGE_SIZE) Integer first, String after) throws BadUserInputException {
        CostBreakdownFilter given = filter != null ? filter : CostBreakdownFilter.NONE;
        CostBreakdownQuery query = new CostBreakdownQuery(
                bucket == null ? arguments.range(from, to) : arguments.seriesRange(from, to, bucket.shortest, bucket.name()),
                breakdownDimensions(groupBy, bucket), breakdownTagKey(groupBy, tagKey), bucket,
                arguments.timeZone(arguments.optionalText(timeZone, "timeZone")),
                orderBy == null ? BreakdownOrder.COST_DESC : orderBy, given.costType(),
                arguments.optionalText(given.provider(), "filter.provider"),
                arguments.optionalText(given.model(), "filter.model"),
                arguments.optionalUuid(given.userId(), "filter.userId"),
                arguments.optionalUuid(given.conversationId(), "filter.conversationId"),
                arguments.optionalText(given.taskType(), "filter.taskType"),
                arguments.optionalText(given.sandboxTier(), "filter.sandboxTier"), tags(given.tags()));
        ListPosition position = ListPosition.of("costBreakdown", from, to, given, groupBy, tagKey, bucket, timeZone,
                orderBy);
        return costs.costBreakdown(query, arguments.pageSize(first, "first"), position,
                position.offset(arguments.optionalText(after, "after"), cursors));
    }

    private static List<BreakdownDimension> breakdownDimensions(List<BreakdownDimension> groupBy, Granularity bucket)
            throws BadUserInputException {
        if (groupBy.size() > 2 || groupBy.stream().distinct().count() != groupBy.size()) {
            throw new BadUserInputException("'groupBy' takes at most 2 different dimensions, got " + groupBy);
        }
        if (groupBy.isEmpty() && bucket == null) {
            throw new BadUserInputException("'groupBy' may be empty only when a 'bucket' is given");
        }
        return List.copyOf(groupBy);
    }

    private String breakdownTagKey(List<BreakdownDimension> groupBy, String tagKey) throws BadUserInputException {
        String key = arguments.optionalText(tagKey, "tagKey");
        if (groupBy.contains(BreakdownDimension.TAG) != (key != null)) {
            throw new BadUserInputException("'tagKey' names the tag to group by: give it exactly when 'groupBy' "
                    + "holds TAG");
        }
        return key;
    }

    private JsonObject tags(List<MetadataEntry> tags) throws BadUserInputException {
        if (tags == null || tags.isEmpty()) {
            return null;
        }
        if (tags.size() > MAX_TAG_FILTERS) {
            throw new BadUserInputException("'filter.tags' takes at most " + MAX_TAG_FILTERS + " tags, got "
                    + tags.size());
        }
        JsonObject json = new JsonObject();
        for (MetadataEntry tag : tags) {
            if (tag == null) {
                throw new BadUserInputException("'filter.tags' must not hold null");
            }
            json.put(arguments.optionalText(tag.key(), "filter.tags.key"),
                    arguments.optionalText(tag.value(), "filter.tags.value"));
        }
        return json;
    }

    @Query
    @Description("E2B sandbox use per tier and template.")
    public Uni<@NonNull List<@NonNull SandboxUsage>> e2bSandboxUsage(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        return costs.e2bSandboxUsage(arguments.range(from, to));
    }

    @Query
    @Description("Estimates made before calls and sandbox runs, newest first, with the actual cost once known, "
            + "a page at a time (Relay connection).")
    public Uni<@NonNull CostEstimateConnection> costEstimates(OffsetDateTime from, OffsetDateTime to,
            @Description(PAGE_SIZE) Integer first, String after) throws BadUserInputException {
        ListPosition position = ListPosition.of("costEstimates", from, to);
        return costs.costEstimates(arguments.range(from, to), arguments.pageSize(first, "first"), position,
                position.offset(arguments.optionalText(after, "after"), cursors));
    }

    @Query
    @Description("Totals per tenant, including tenants that spent nothing.")
    public Uni<@NonNull List<@NonNull TenantTotal>> tenantTotalCosts(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        return costs.tenantTotalCosts(arguments.range(from, to));
    }
}
