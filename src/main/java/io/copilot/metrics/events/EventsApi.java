package io.copilot.metrics.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.copilot.metrics.api.ApiEdge;
import io.copilot.metrics.api.Arguments;
import io.copilot.metrics.api.BadUserInputException;
import io.copilot.metrics.api.Cursor;
import io.copilot.metrics.api.ForbiddenException;
import io.copilot.metrics.costs.CostCursor;
import io.copilot.metrics.tenancy.CurrentCaller;
import io.copilot.metrics.usage.CheckedBatch;
import io.smallrye.mutiny.Uni;

/**
 * The unified event log: service accounts record events (the usage-writer role, as for usage);
 * a tenant's users read its events page by page with full-text search, and the three summaries
 * the materialized views keep. A platform administrator without a tenant header reads every
 * tenant's.
 */
@GraphQLApi
@ApiEdge
public class EventsApi {

    private static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    private static final String PAGE_SIZE = "1 to the configured maximum (100 unless changed); default 20 unless changed";

    private final EventService events;
    private final EventArguments eventArguments;
    private final Arguments arguments;
    private final Cursor cursors;
    private final CurrentCaller callers;

    public EventsApi(EventService events, EventArguments eventArguments, Arguments arguments, Cursor cursors,
            CurrentCaller callers) {
        this.events = events;
        this.eventArguments = eventArguments;
        this.arguments = arguments;
        this.cursors = cursors;
        this.callers = callers;
    }

    @Query
    @Description("Events, newest first, a page at a time (Relay connection); by default those of the last 24 hours.")
    public Uni<@NonNull EventConnection> events(EventFilter filter, @Description(PAGE_SIZE) Integer first,
            String after) throws BadUserInputException {
        EventFilter given = filter != null ? filter : EventFilter.NONE;
        OffsetDateTime to = arguments.instantOrNow(given.to(), "filter.to");
        OffsetDateTime from = given.from() != null ? given.from() : to.minus(DEFAULT_RANGE);
        arguments.optionalRange(from, to, "filter");
        EventsQuery query = new EventsQuery(from.withOffsetSameInstant(ZoneOffset.UTC), to,
                arguments.optionalText(given.type(), "filter.type"), given.category(),
                arguments.optionalText(given.source(), "filter.source"), given.severity(),
                search(arguments.optionalText(given.search(), "filter.search")),
                CostCursor.parse(arguments.optionalText(after, "after"), cursors, "events"));
        return events.events(query, arguments.pageSize(first, "first"));
    }

    @Query
    @Description("The latest events of the last 24 hours, newest first, as of the last refresh of that summary "
            + "(every minute unless changed).")
    public Uni<@NonNull List<@NonNull RecentEvent>> recentEvents(@Description(PAGE_SIZE) Integer first)
            throws BadUserInputException {
        return events.recentEvents(arguments.pageSize(first, "first"));
    }

    @Query
    @Description("Errors of the last 7 days per source, type and error code, most frequent first, as of the last "
            + "refresh of that summary (every 5 minutes unless changed).")
    public Uni<@NonNull List<@NonNull ErrorSummary>> errorSummary(@Description(PAGE_SIZE) Integer first)
            throws BadUserInputException {
        return events.errorSummary(arguments.pageSize(first, "first"));
    }

    @Query
    @Description("Durations of the last hour's performance events per source and type, busiest first, as of the last "
            + "refresh of that summary (every minute unless changed).")
    public Uni<@NonNull List<@NonNull PerformanceMetric>> performanceMetrics(@Description(PAGE_SIZE) Integer first)
            throws BadUserInputException {
        return events.performanceMetrics(arguments.pageSize(first, "first"));
    }

    @Mutation
    @Description("Records a batch of events (at most the configured number, 1000 unless changed), answering each at "
            + "its index with its id or its own error: one bad event never rejects the others. Recorded once per "
            + "(tenantId, source, id): the same event again is answered with replayed true, another event under the "
            + "same key is CONFLICT. For service accounts holding the usage-writer role.")
    public Uni<@NonNull List<@NonNull EventItemResult>> recordEvents(@NonNull List<@NonNull EventInput> events)
            throws ForbiddenException, BadUserInputException {
        var account = callers.serviceAccount();
        eventArguments.batchSize(events, "events");
        return this.events.record(account, CheckedBatch.of(events, "events", eventArguments::event));
    }

    /** Blank search text searches nothing: treated as absent. */
    private static String search(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
