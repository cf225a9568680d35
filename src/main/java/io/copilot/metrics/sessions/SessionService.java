package io.copilot.metrics.sessions;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.api.Connection;
import io.copilot.metrics.api.Cursor;
import io.copilot.metrics.costs.CostCursor;
import io.copilot.metrics.sessions.SessionConnection.SessionEdge;
import io.copilot.metrics.sessions.SessionRepository.Outcome;
import io.copilot.metrics.tenancy.CurrentCaller;
import io.copilot.metrics.tenancy.ServiceAccount;
import io.copilot.metrics.usage.CheckedBatch;
import io.copilot.metrics.usage.UsageError;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;

/** Sessions' use cases: a user reads their own (an administrator every tenant's); service accounts write. */
@ApplicationScoped
public class SessionService {

    private final SessionRepository sessions;
    private final CurrentCaller callers;
    private final Cursor cursors;

    public SessionService(SessionRepository sessions, CurrentCaller callers, Cursor cursors) {
        this.sessions = sessions;
        this.callers = callers;
        this.cursors = cursors;
    }

    public Uni<SessionConnection> sessions(UUID tenant, UUID user, SessionState state, CostCursor after, int size) {
        return callers.ask(caller -> sessions.sessions(caller, tenant, user, state, after, size + 1))
                .map(rows -> Connection.page(rows, size, after != null,
                        session -> new CostCursor(session.lastActivityAt(), UUID.fromString(session.id()))
                                .encode(cursors), SessionEdge::new, SessionConnection::new));
    }

    public Uni<List<SessionItemResult>> record(ServiceAccount account, CheckedBatch batch) {
        JsonArray items = batch.accepted();
        Uni<List<Outcome>> recorded = items.isEmpty() ? Uni.createFrom().item(List.of())
                : sessions.record(account, items);
        return recorded.map(outcomes -> batch.answers(outcomes, Outcome::index,
                (index, outcome) -> outcome.sqlState() == null
                        ? new SessionItemResult(index, outcome.id(), outcome.created(), outcome.applied(), null)
                        : new SessionItemResult(index, null, null, null,
                                UsageError.of(outcome.sqlState(), outcome.message())),
                (index, error) -> new SessionItemResult(index, null, null, null, error)));
    }
}
