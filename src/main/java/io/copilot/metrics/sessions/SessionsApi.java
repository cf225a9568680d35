package io.copilot.metrics.sessions;

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
import io.copilot.metrics.events.EventArguments;
import io.copilot.metrics.tenancy.CurrentCaller;
import io.copilot.metrics.usage.CheckedBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Session persistence (seed 004): the platform's service accounts report their sessions; a user
 * reads their own, a platform administrator without a tenant header every tenant's.
 */
@GraphQLApi
@ApiEdge
public class SessionsApi {

    private final SessionService sessions;
    private final Arguments arguments;
    private final EventArguments eventArguments;
    private final Cursor cursors;
    private final CurrentCaller callers;

    public SessionsApi(SessionService sessions, Arguments arguments, EventArguments eventArguments, Cursor cursors,
            CurrentCaller callers) {
        this.sessions = sessions;
        this.arguments = arguments;
        this.eventArguments = eventArguments;
        this.cursors = cursors;
        this.callers = callers;
    }

    @Query
    @Description("The caller's own sessions, most recently active first (Relay connection); a platform administrator "
            + "without a tenant header reads every tenant's.")
    public Uni<@NonNull SessionConnection> sessions(SessionFilter filter,
            @Description("1 to the configured maximum (100 unless changed); default 20 unless changed") Integer first,
            String after) throws BadUserInputException {
        SessionFilter given = filter != null ? filter : SessionFilter.NONE;
        return sessions.sessions(arguments.optionalUuid(given.tenantId(), "filter.tenantId"),
                arguments.optionalUuid(given.userId(), "filter.userId"), given.state(),
                CostCursor.parse(arguments.optionalText(after, "after"), cursors, "sessions"), arguments.pageSize(first, "first"));
    }

    @Mutation
    @Description("Reports sessions (at most the configured number, 1000 unless changed), each created or brought up "
            + "to date by (tenantId, sessionId) and answered at its index. For service accounts holding the "
            + "usage-writer role.")
    public Uni<@NonNull List<@NonNull SessionItemResult>> recordSessions(@NonNull List<@NonNull SessionInput> sessions)
            throws ForbiddenException, BadUserInputException {
        var account = callers.serviceAccount();
        eventArguments.batchSize(sessions, "sessions");
        return this.sessions.record(account, CheckedBatch.of(sessions, "sessions", this::session));
    }

    private JsonObject session(SessionInput input, String name) throws BadUserInputException {
        return new JsonObject()
                .put("tenantId", arguments.optionalUuid(input.tenantId(), name + ".tenantId").toString())
                .put("sessionId", arguments.optionalText(input.sessionId(), name + ".sessionId"))
                .put("userId", arguments.optionalUuid(input.userId(), name + ".userId").toString())
                .put("state", input.state() == null ? null : input.state().databaseValue())
                .put("metadata", EventArguments.jsonObject(input.metadata(), name + ".metadata"))
                .put("lastActivityAt", input.lastActivityAt() == null ? null : input.lastActivityAt().toString())
                .put("expiresAt", input.expiresAt() == null ? null : input.expiresAt().toString())
                .put("requestCount", input.requestCount())
                .put("errorCount", input.errorCount())
                .put("totalDurationMs", input.totalDurationMs());
    }
}
