package io.copilot.metrics.events;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.api.Connection;
import io.copilot.metrics.api.Cursor;
import io.copilot.metrics.config.EventLogConfig;
import io.copilot.metrics.costs.CostCursor;
import io.copilot.metrics.events.EventConnection.EventEdge;
import io.copilot.metrics.events.EventLogRepository.Outcome;
import io.copilot.metrics.tenancy.CurrentCaller;
import io.copilot.metrics.tenancy.ServiceAccount;
import io.copilot.metrics.usage.CheckedBatch;
import io.copilot.metrics.usage.UsageError;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;

/** The event log's use cases: reads for the caller's tenant, recording for a service account. */
@ApplicationScoped
public class EventService {

    private final EventLogRepository events;
    private final CurrentCaller callers;
    private final Cursor cursors;
    private final EventLogConfig config;

    public EventService(EventLogRepository events, CurrentCaller callers, Cursor cursors, EventLogConfig config) {
        this.events = events;
        this.callers = callers;
        this.cursors = cursors;
        this.config = config;
    }

    public Uni<EventConnection> events(EventsQuery query, int size) {
        return callers.ask(caller -> events.events(caller, query, size + 1)).map(rows -> Connection.page(rows, size,
                query.after() != null, event -> new CostCursor(event.time(), UUID.fromString(event.id())).encode(cursors), EventEdge::new,
                EventConnection::new));
    }

    public Uni<List<RecentEvent>> recentEvents(int limit) {
        return callers.ask(caller -> events.recentEvents(caller, limit));
    }

    public Uni<List<ErrorSummary>> errorSummary(int limit) {
        return callers.ask(caller -> events.errorSummary(caller, limit));
    }

    public Uni<List<PerformanceMetric>> performanceMetrics(int limit) {
        return callers.ask(caller -> events.performanceMetrics(caller, limit));
    }

    /** A batch: the refused events answered as they are, the others recorded in one call, each with its id or error. */
    public Uni<List<EventItemResult>> record(ServiceAccount account, CheckedBatch batch) {
        JsonArray items = batch.accepted();
        Uni<List<Outcome>> recorded = items.isEmpty() ? Uni.createFrom().item(List.of())
                : events.record(account, items, config.retention(), config.maxClockSkew());
        return recorded.map(outcomes -> batch.answers(outcomes, Outcome::index,
                (index, outcome) -> outcome.sqlState() == null
                        ? new EventItemResult(index, outcome.id(), outcome.replayed(), null)
                        : new EventItemResult(index, null, null, UsageError.of(outcome.sqlState(), outcome.message())),
                (index, error) -> new EventItemResult(index, null, null, error)));
    }
}
