package io.copilot.metrics.security;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.eclipse.microprofile.graphql.GraphQLException;

import io.copilot.metrics.errors.InternalException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The only way the service touches tenant data: one read-only transaction per unit of work,
 * whose first statement makes the caller's identity the database's, in one round trip and
 * transaction-locally (the PostgREST way), so a pooled connection carries nothing over.
 */
@ApplicationScoped
public class TenantScopedTransactions {

    private static final Logger LOG = Logger.getLogger(TenantScopedTransactions.class);

    private static final String BECOME_CALLER = """
            SELECT set_config('role', $1, true),
                   set_config('request.jwt.claims', $2, true),
                   set_config('transaction_read_only', 'on', true)
            """;

    private final Pool pool;

    public TenantScopedTransactions(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs {@code work} as the caller. Failures that are not already API errors become
     * INTERNAL with a correlation id that is also logged with the cause.
     */
    public <T> Uni<T> read(Caller caller, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(connection -> connection.preparedQuery(BECOME_CALLER)
                        .execute(Tuple.of(caller.databaseRole(), caller.claimsJson()))
                        .flatMap(ignored -> work.apply(connection)))
                .onFailure(failure -> !(failure instanceof GraphQLException))
                .transform(TenantScopedTransactions::internalError);
    }

    /** One prepared statement as the caller, each row mapped to a record. */
    public <T> Uni<List<T>> list(Caller caller, String sql, Tuple parameters, Function<Row, T> mapper) {
        return read(caller, connection -> connection.preparedQuery(sql).execute(parameters).map(rows -> {
            List<T> result = new ArrayList<>(rows.size());
            rows.forEach(row -> result.add(mapper.apply(row)));
            return result;
        }));
    }

    private static Throwable internalError(Throwable cause) {
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(cause, "Database work failed [correlation id %s]", correlationId);
        return new InternalException(correlationId);
    }
}
