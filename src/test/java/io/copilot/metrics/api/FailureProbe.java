package io.copilot.metrics.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Test sources only (never in the packaged application): a query that fails the way the
 * database would with a given SQLSTATE, or like a bug without one, so the API edge can be
 * watched end to end.
 */
@GraphQLApi
@ApiEdge
public class FailureProbe {

    public static final String MESSAGE = "the database's own words";

    @Query
    @Description("Test only.")
    public Uni<String> failureProbe(String sqlState) {
        if (sqlState == null) {
            return Uni.createFrom().failure(new IllegalStateException("a bug with internals: SELECT secret"));
        }
        return Uni.createFrom().failure(new PgException(MESSAGE, "ERROR", sqlState, "detail: SELECT secret"));
    }
}
