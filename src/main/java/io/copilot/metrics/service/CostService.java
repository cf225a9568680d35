package io.copilot.metrics.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.errors.BadUserInputException;
import io.copilot.metrics.model.ConversationCost;
import io.copilot.metrics.model.CostBucket;
import io.copilot.metrics.model.CostConnection;
import io.copilot.metrics.model.CostEstimate;
import io.copilot.metrics.model.CostFilter;
import io.copilot.metrics.model.CostRecord;
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
import io.copilot.metrics.repository.CostCursor;
import io.copilot.metrics.repository.CostRepository;
import io.copilot.metrics.repository.CostRepository.CostQuery;
import io.copilot.metrics.repository.MembershipRepository;
import io.copilot.metrics.repository.TimeRange;
import io.copilot.metrics.security.Caller;
import io.copilot.metrics.security.CallerResolver;
import io.smallrye.mutiny.Uni;

/**
 * The API's use cases: validate the arguments, resolve the caller, run the query as the
 * caller. Arguments are checked before the caller is resolved, so bad input never costs a
 * database round trip.
 */
@ApplicationScoped
public class CostService {

    private final CallerResolver callers;
    private final CostRepository costs;
    private final MembershipRepository memberships;
    private final Arguments arguments;

    public CostService(CallerResolver callers, CostRepository costs, MembershipRepository memberships,
            Arguments arguments) {
        this.callers = callers;
        this.costs = costs;
        this.memberships = memberships;
        this.arguments = arguments;
    }

    public Uni<Me> me() {
        return callers.caller().flatMap(caller -> memberships.memberships(caller).map(list -> new Me(
                caller.subject(), caller.tenantId().map(UUID::toString).orElse(null),
                caller.roles().stream().sorted().toList(), caller.admin(), list)));
    }

    public Uni<List<TenantCost>> costByTenant(OffsetDateTime from, OffsetDateTime to) throws BadUserInputException {
        TimeRange range = arguments.range(from, to);
        return callers.caller().flatMap(caller -> costs.costByTenant(caller, range));
    }

    public Uni<List<RankedTenant>> topSpendingTenants(OffsetDateTime from, OffsetDateTime to, Integer limit)
            throws BadUserInputException {
        TimeRange range = arguments.range(from, to);
        int size = limit == null ? 10 : arguments.pageSize(limit, "limit");
        return callers.caller().flatMap(caller -> costs.topSpendingTenants(caller, range, size));
    }

    public Uni<List<UserCost>> costByUser(OffsetDateTime from, OffsetDateTime to, Integer first)
            throws BadUserInputException {
        TimeRange range = arguments.range(from, to);
        int size = arguments.pageSize(first, "first");
        return callers.caller().flatMap(caller -> costs.costByUser(caller, range, size));
    }

    public Uni<List<ConversationCost>> costByConversation(OffsetDateTime from, OffsetDateTime to, Integer first)
            throws BadUserInputException {
        TimeRange range = arguments.range(from, to);
        int size = arguments.pageSize(first, "first");
        return callers.caller().flatMap(caller -> costs.costByConversation(caller, range, size));
    }

    public Uni<List<QuotaStatus>> quotaStatus() {
        return callers.caller().flatMap(costs::quotaStatus);
    }

    public Uni<List<ModelUsage>> llmModelUsage(OffsetDateTime from, OffsetDateTime to) throws BadUserInputException {
        TimeRange range = arguments.range(from, to);
        return callers.caller().flatMap(caller -> costs.llmModelUsage(caller, range));
    }

    public Uni<List<SandboxUsage>> e2bSandboxUsage(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        TimeRange range = arguments.range(from, to);
        return callers.caller().flatMap(caller -> costs.e2bSandboxUsage(caller, range));
    }

    public Uni<List<CostBucket>> costSeries(Granularity granularity, OffsetDateTime from, OffsetDateTime to,
            String timeZone, CostType costType) throws BadUserInputException {
        TimeRange range = arguments.range(from, to);
        var zone = arguments.timeZone(timeZone);
        Granularity unit = granularity == null ? Granularity.DAY : granularity;
        return callers.caller().flatMap(caller -> costs.costSeries(caller, range, unit, zone, costType));
    }

    public Uni<List<CostEstimate>> costEstimates(OffsetDateTime from, OffsetDateTime to, Integer first)
            throws BadUserInputException {
        TimeRange range = arguments.range(from, to);
        int size = arguments.pageSize(first, "first");
        return callers.caller().flatMap(caller -> costs.costEstimates(caller, range, size));
    }

    public Uni<List<TenantTotal>> tenantTotalCosts(OffsetDateTime from, OffsetDateTime to)
            throws BadUserInputException {
        TimeRange range = arguments.range(from, to);
        return callers.caller().flatMap(caller -> costs.tenantTotalCosts(caller, range));
    }

    public Uni<CostConnection> allCosts(CostFilter filter, Integer first, String after) throws BadUserInputException {
        CostFilter given = filter != null ? filter : new CostFilter(null, null, null, null, null, null, null);
        if (given.from() != null && given.to() != null && !given.from().isBefore(given.to())) {
            throw new BadUserInputException("'from' (" + given.from() + ") must be before 'to' (" + given.to() + ")");
        }
        CostQuery query = new CostQuery(given.from(), given.to(), given.costType(),
                arguments.optionalUuid(given.userId(), "filter.userId"),
                arguments.optionalUuid(given.conversationId(), "filter.conversationId"),
                given.provider(), given.model());
        int size = arguments.pageSize(first, "first");
        CostCursor cursor = arguments.cursor(after);
        return callers.caller()
                .flatMap(caller -> costs.allCosts(caller, query, cursor, size + 1))
                .map(rows -> page(rows, size, cursor != null));
    }

    private static CostConnection page(List<CostRecord> rows, int size, boolean hasPrevious) {
        List<CostConnection.CostEdge> edges = new ArrayList<>();
        for (CostRecord row : rows.subList(0, Math.min(size, rows.size()))) {
            String cursor = new CostCursor(row.occurredAt(), UUID.fromString(row.id())).encode();
            edges.add(new CostConnection.CostEdge(cursor, row));
        }
        String start = edges.isEmpty() ? null : edges.get(0).cursor();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new CostConnection(edges, new CostConnection.PageInfo(rows.size() > size, hasPrevious, start, end));
    }
}
