package io.copilot.metrics.tenancy;

import static io.copilot.metrics.tenancy.SqlFragment.sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.api.ForbiddenException;
import io.copilot.metrics.config.DatabaseConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.AsyncResultUni;
import io.smallrye.mutiny.vertx.TypeArg;
import io.vertx.core.Future;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The only way the service touches tenant data: one transaction per unit of work whose first
 * statement makes the caller's identity the database's, in one round trip and
 * transaction-locally (PostgREST's pre-request), so a pooled connection carries nothing from
 * one request to the next. Reads run read-only as the caller's read role; writes as its write
 * role, which a caller without one does not get. Row-level security decides the rest. Failures
 * are left as they are: the API edge translates them (api.DatabaseErrors).
 * <p>
 * A unit of work of one statement (nearly every request) is pipelined: BEGIN, the identity, the
 * statement and COMMIT are sent without waiting, one round trip instead of four
 * ({@link #inOneRoundTrip}).
 */
@ApplicationScoped
public class TenantDatabase {

    private static final String BECOME_CALLER = """
            SELECT set_config('role', $1, true),
                   set_config('request.jwt.claims', $2, true),
                   set_config('transaction_read_only', $3, true),
                   set_config('statement_timeout', $4, true)
            """;

    /** How the Mutiny API wraps the pg client's rows. */
    private static final TypeArg<Row> ROWS = new TypeArg<>(row -> Row.newInstance((io.vertx.sqlclient.Row) row),
            Row::getDelegate);

    private static final String EVENT_MAINTAINER = "event_maintainer";
    private static final String MAINTENANCE_CLAIMS = "{\"sub\":\"copilot-metrics/maintenance\"}";

    private final Pool pool;
    private final String statementTimeout;

    public TenantDatabase(Pool pool, DatabaseConfig database) {
        this.pool = pool;
        this.statementTimeout = database.statementTimeout().toMillis() + "ms";
    }

    /** Runs {@code work} as the caller in a read-only transaction. */
    public <T> Uni<T> read(Caller caller, Function<SqlConnection, Uni<T>> work) {
        return transaction(caller.readRole(), caller, true, work);
    }

    /** Runs {@code work} as the caller in a read-write transaction; FORBIDDEN for a caller that may not write. */
    public <T> Uni<T> write(Caller caller, Function<SqlConnection, Uni<T>> work) {
        return caller.writeRole()
                .map(role -> transaction(role, caller, false, work))
                .orElseGet(() -> Uni.createFrom().failure(new ForbiddenException("This caller may not record anything")));
    }

    /** Runs {@code work} as usage_writer in a read-write transaction: it can call the write API (schema usage) only. */
    public <T> Uni<T> recordUsage(ServiceAccount account, Function<SqlConnection, Uni<T>> work) {
        return transaction(ServiceAccount.USAGE_WRITER, account.claims().encode(), false, work);
    }

    /** One statement as usage_writer, committed: {@link #recordUsage(ServiceAccount, Function)} in one round trip. */
    public Uni<RowSet<Row>> recordUsage(ServiceAccount account, String statement, Tuple parameters) {
        return inOneRoundTrip(identity(ServiceAccount.USAGE_WRITER, account.claims().encode(), false), statement,
                parameters);
    }

    /**
     * Runs {@code work} as event_maintainer in a read-write transaction with its own statement
     * timeout: it can call the event log's maintenance functions only.
     */
    public <T> Uni<T> maintainEventLog(Duration statementTimeout, Function<SqlConnection, Uni<T>> work) {
        return transaction(Tuple.of(EVENT_MAINTAINER, MAINTENANCE_CLAIMS, "off", statementTimeout.toMillis() + "ms"),
                work);
    }

    /** One read statement as the caller, each row mapped to a record. */
    public <T> Uni<List<T>> list(Caller caller, SqlFragment query, Function<Row, T> mapper) {
        return readOne(caller, query).map(rows -> mapped(rows, mapper));
    }

    /** One statement on a connection of a unit of work, each row mapped to a record. */
    public static <T> Uni<List<T>> list(SqlConnection connection, SqlFragment query, Function<Row, T> mapper) {
        return connection.preparedQuery(query.statement()).execute(query.tuple()).map(rows -> mapped(rows, mapper));
    }

    private static <T> List<T> mapped(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> result = new ArrayList<>(rows.size());
        rows.forEach(row -> result.add(mapper.apply(row)));
        return result;
    }

    /**
     * A page of a list that PostgreSQL computes whole for any page anyway (an aggregate, or a
     * range it must count), and the list's length, in one statement: the list is a CTE read
     * twice, once counted and once ordered and cut. A page past the end still answers the count.
     *
     * @param order an ORDER BY list of the list's own column names, unqualified, ending in a unique key
     */
    public <T> Uni<Counted<T>> page(Caller caller, SqlFragment list, String order, int limit, long offset,
            Function<Row, T> mapper) {
        SqlFragment statement = pageStatement(list, order, limit, offset);
        return readOne(caller, statement).map(rows -> {
            List<T> page = new ArrayList<>(rows.size());
            long total = 0;
            for (Row row : rows) {
                total = row.getLong("total_count");
                if (row.getBoolean("on_page") != null) {
                    page.add(mapper.apply(row));
                }
            }
            return new Counted<>(page, total);
        });
    }

    /** The statement {@link #page} sends (apart, so the benchmark's floor can send the same SQL). */
    public static SqlFragment pageStatement(SqlFragment list, String order, int limit, long offset) {
        return sql("WITH listed AS (").append(list)
                .append(") SELECT n.total_count, page.* FROM (SELECT count(*) AS total_count FROM listed) n "
                        + "LEFT JOIN LATERAL (SELECT l.*, true AS on_page FROM listed l ORDER BY " + order
                        + " LIMIT ? OFFSET ?) page ON true ORDER BY " + order, limit, offset);
    }

    /**
     * The rows of one read statement as the caller, in one read-only transaction held until the
     * stream ends, fetched {@code fetchSize} at a time through a portal, and only as fast as the
     * subscriber asks for them: memory stays constant however many rows there are.
     */
    public Multi<Row> stream(Caller caller, SqlFragment query, int fetchSize) {
        Tuple identity = identity(caller.readRole(), caller.claimsJson(), true);
        return Multi.createFrom().resourceFromUni(() -> pool.getConnection().flatMap(connection -> connection.begin()
                .call(() -> connection.preparedQuery(BECOME_CALLER).execute(identity))
                .map(transaction -> new OpenTransaction(connection, transaction))
                .onFailure().call(connection::close)),
                open -> open.connection().prepare(query.statement()).onItem()
                        .transformToMulti(statement -> statement.createStream(fetchSize, query.tuple()).toMulti()))
                .withFinalizer(OpenTransaction::end, (open, failure) -> open.end(), OpenTransaction::end);
    }

    /** A connection taken from the pool with a transaction begun on it. */
    private record OpenTransaction(SqlConnection connection, Transaction transaction) {

        /** Read-only, so nothing to commit: rolled back, and the connection goes back to the pool either way. */
        Uni<Void> end() {
            return transaction.rollback().onFailure().recoverWithNull().eventually(connection::close);
        }
    }

    /** One read statement as the caller, in one round trip. */
    private Uni<RowSet<Row>> readOne(Caller caller, SqlFragment query) {
        return inOneRoundTrip(identity(caller.readRole(), caller.claimsJson(), true), query.statement(), query.tuple());
    }

    /**
     * One statement in a transaction of its own, as the identity, in one round trip: the four
     * commands are queued on the connection at once, and the pg client pipelines them. Should
     * the identity fail, the transaction is aborted and the statement fails with it (25P02);
     * should the statement fail, COMMIT rolls back. Either way the connection goes back to the
     * pool outside any transaction, and the first failure is the answer. Vert.x futures, not
     * Unis: nothing can cancel the unit between BEGIN and COMMIT.
     */
    private Uni<RowSet<Row>> inOneRoundTrip(Tuple identity, String statement, Tuple parameters) {
        return AsyncResultUni.<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> toUni(handler -> pool.getDelegate()
                .withConnection(connection -> {
                    Future<?> begin = connection.query("BEGIN").execute();
                    Future<?> become = connection.preparedQuery(BECOME_CALLER).execute(identity.getDelegate());
                    Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> rows = connection
                            .preparedQuery(statement).execute(parameters.getDelegate());
                    Future<?> commit = connection.query("COMMIT").execute();
                    return Future.join(begin, become, rows, commit).transform(all -> {
                        for (Future<?> step : List.of(begin, become, rows, commit)) {
                            if (step.failed()) {
                                return Future.failedFuture(step.cause());
                            }
                        }
                        return rows;
                    });
                }).onComplete(handler)).map(rows -> RowSet.newInstance(rows, ROWS));
    }

    private <T> Uni<T> transaction(String role, Caller caller, boolean readOnly,
            Function<SqlConnection, Uni<T>> work) {
        return transaction(role, caller.claimsJson(), readOnly, work);
    }

    private <T> Uni<T> transaction(String role, String claimsJson, boolean readOnly,
            Function<SqlConnection, Uni<T>> work) {
        return transaction(identity(role, claimsJson, readOnly), work);
    }

    private <T> Uni<T> transaction(Tuple identity, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(connection -> connection.preparedQuery(BECOME_CALLER).execute(identity)
                .flatMap(ignored -> work.apply(connection)));
    }

    /** The parameters of {@link #BECOME_CALLER}. */
    private Tuple identity(String role, String claimsJson, boolean readOnly) {
        return Tuple.of(role, claimsJson, readOnly ? "on" : "off", statementTimeout);
    }
}
