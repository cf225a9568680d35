package io.copilot.metrics.events;

import static io.copilot.metrics.tenancy.Rows.count;
import static io.copilot.metrics.tenancy.Rows.id;
import static io.copilot.metrics.tenancy.Rows.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.tenancy.Caller;
import io.copilot.metrics.tenancy.ServiceAccount;
import io.copilot.metrics.tenancy.SqlFragment;
import io.copilot.metrics.tenancy.TenantDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The event log's statements: recording as usage_writer, reads through metrics, maintenance as event_maintainer. */
@ApplicationScoped
public class EventLogRepository {

    static final String RECORD = "SELECT r.* FROM usage.record_events($1::jsonb, $2::text::interval, $3::text::interval) r";
    static final String RECENT = "SELECT m.* FROM metrics.recent_events m ORDER BY m.occurred_at DESC, m.id DESC LIMIT ?";
    static final String ERRORS = "SELECT m.* FROM metrics.error_summary m "
            + "ORDER BY m.error_count DESC, m.last_seen_at DESC, m.tenant_id, m.source, m.event_type, m.error_code LIMIT ?";
    static final String PERFORMANCE = "SELECT m.* FROM metrics.performance_metrics m "
            + "ORDER BY m.event_count DESC, m.tenant_id, m.source, m.event_type LIMIT ?";
    static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock($1)";
    static final String ENSURE_PARTITIONS = "SELECT p FROM unified.ensure_partitions($1::text::interval, $2) p";
    static final String DROP_EXPIRED = "SELECT p FROM unified.cleanup_old_partitions($1::text::interval) p";
    static final String REFRESH = "SELECT v FROM unified.refresh_materialized_views(ARRAY[$1]) v";

    /** What the database answered for one event of a batch: its id, or its SQLSTATE and message. */
    public record Outcome(int index, String id, boolean replayed, String sqlState, String message) {
    }

    private final TenantDatabase database;

    public EventLogRepository(TenantDatabase database) {
        this.database = database;
    }

    public Uni<List<Outcome>> record(ServiceAccount account, JsonArray events, Duration retention, Duration maxSkew) {
        return database.recordUsage(account, RECORD, Tuple.of(events, interval(retention), interval(maxSkew)))
                .map(rows -> {
                    List<Outcome> outcomes = new ArrayList<>(rows.size());
                    rows.forEach(row -> outcomes.add(new Outcome(row.getInteger("item_index"), id(row, "id"),
                            Boolean.TRUE.equals(row.getBoolean("replayed")), row.getString("error_sqlstate"),
                            row.getString("error_message"))));
                    return outcomes;
                });
    }

    public Uni<List<Event>> events(Caller caller, EventsQuery query, int limit) {
        return database.list(caller, query.statement(caller.tenantId().orElse(null), limit), EventLogRepository::event);
    }

    public Uni<List<RecentEvent>> recentEvents(Caller caller, int limit) {
        return database.list(caller, SqlFragment.sql(RECENT, limit), row -> new RecentEvent(
                id(row, "tenant_id"), id(row, "id"), row.getString("event_id"), row.getString("source"),
                row.getString("event_type"), EventCategory.of(row.getString("category")),
                EventSeverity.of(row.getString("severity")), row.getString("subject"), row.getString("message"),
                id(row, "user_id"), row.getString("session_id"), row.getString("trace_id"),
                row.getOffsetDateTime("occurred_at")));
    }

    public Uni<List<ErrorSummary>> errorSummary(Caller caller, int limit) {
        return database.list(caller, SqlFragment.sql(ERRORS, limit), row -> new ErrorSummary(
                id(row, "tenant_id"), row.getString("source"), row.getString("event_type"),
                row.getString("error_code"), count(row, "error_count"), count(row, "critical_count"),
                row.getOffsetDateTime("first_seen_at"), row.getOffsetDateTime("last_seen_at"),
                row.getString("last_message")));
    }

    public Uni<List<PerformanceMetric>> performanceMetrics(Caller caller, int limit) {
        return database.list(caller, SqlFragment.sql(PERFORMANCE, limit),
                row -> new PerformanceMetric(id(row, "tenant_id"), row.getString("source"),
                        row.getString("event_type"), count(row, "event_count"), row.getDouble("avg_duration_ms"),
                        row.getDouble("min_duration_ms"), row.getDouble("p50_duration_ms"),
                        row.getDouble("p95_duration_ms"), row.getDouble("p99_duration_ms"),
                        row.getDouble("max_duration_ms")));
    }

    /**
     * Runs {@code work} as event_maintainer if this instance gets the job's advisory lock, held
     * until the transaction ends; otherwise another instance is running the job and this round is
     * skipped.
     */
    public Uni<EventLogJobRun> runExclusively(EventLogJob job, Duration statementTimeout,
            Function<SqlConnection, Uni<List<String>>> work) {
        return database.maintainEventLog(statementTimeout, connection -> connection.preparedQuery(TRY_LOCK)
                .execute(Tuple.of(job.lockKey())).flatMap(locked -> locked.iterator().next().getBoolean(0)
                        ? work.apply(connection).map(changed -> new EventLogJobRun(job, true, changed))
                        : Uni.createFrom().item(new EventLogJobRun(job, false, List.of()))));
    }

    Uni<List<String>> ensurePartitions(SqlConnection connection, Duration back, int monthsAhead) {
        return connection.preparedQuery(ENSURE_PARTITIONS).execute(Tuple.of(interval(back), monthsAhead))
                .map(EventLogRepository::names);
    }

    Uni<List<String>> dropExpiredPartitions(SqlConnection connection, Duration retention) {
        return connection.preparedQuery(DROP_EXPIRED).execute(Tuple.of(interval(retention)))
                .map(EventLogRepository::names);
    }

    Uni<List<String>> refresh(SqlConnection connection, String materializedView) {
        return connection.preparedQuery(REFRESH).execute(Tuple.of(materializedView)).map(EventLogRepository::names);
    }

    private static List<String> names(RowSet<Row> rows) {
        List<String> names = new ArrayList<>(rows.size());
        rows.forEach(row -> names.add(row.getString(0)));
        return names;
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }

    static Event event(Row row) {
        return new Event(id(row, "id"), id(row, "tenant_id"), row.getString("event_id"), row.getString("source"),
                row.getString("event_type"), EventCategory.of(row.getString("category")),
                EventSeverity.of(row.getString("severity")), row.getString("subject"), row.getString("message"),
                json(row, "metadata"), row.getDouble("duration_ms"), id(row, "user_id"),
                row.getString("session_id"), row.getString("trace_id"), row.getOffsetDateTime("occurred_at"),
                row.getOffsetDateTime("received_at"));
    }
}
