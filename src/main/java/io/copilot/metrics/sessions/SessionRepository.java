package io.copilot.metrics.sessions;

import static io.copilot.metrics.tenancy.Rows.count;
import static io.copilot.metrics.tenancy.Rows.id;
import static io.copilot.metrics.tenancy.Rows.json;
import static io.copilot.metrics.tenancy.SqlFragment.sql;
import static io.copilot.metrics.tenancy.SqlFragment.whenGiven;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.costs.CostCursor;
import io.copilot.metrics.tenancy.Caller;
import io.copilot.metrics.tenancy.ServiceAccount;
import io.copilot.metrics.tenancy.SqlFragment;
import io.copilot.metrics.tenancy.TenantDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Sessions: recorded as usage_writer, read through metrics.sessions. */
@ApplicationScoped
public class SessionRepository {

    static final String RECORD = "SELECT r.* FROM usage.record_sessions($1::jsonb) r";

    /** What the database answered for one session of a batch. */
    public record Outcome(int index, String id, Boolean created, Boolean applied, String sqlState, String message) {
    }

    private final TenantDatabase database;

    public SessionRepository(TenantDatabase database) {
        this.database = database;
    }

    public Uni<List<Outcome>> record(ServiceAccount account, JsonArray sessions) {
        return database.recordUsage(account, RECORD, Tuple.of(sessions)).map(rows -> {
            List<Outcome> outcomes = new ArrayList<>(rows.size());
            rows.forEach(row -> outcomes.add(new Outcome(row.getInteger("item_index"), id(row, "id"),
                    row.getBoolean("created"), row.getBoolean("applied"), row.getString("error_sqlstate"),
                    row.getString("error_message"))));
            return outcomes;
        });
    }

    /**
     * A page of the sessions the caller may see, most recently active first.
     *
     * @param limit rows to read (a page and one more)
     */
    public Uni<List<Session>> sessions(Caller caller, UUID tenant, UUID user, SessionState state, CostCursor after,
            int limit) {
        List<SqlFragment> conditions = new ArrayList<>();
        whenGiven(conditions, "s.tenant_id = ?", caller.tenantId().orElse(tenant));
        whenGiven(conditions, "s.user_id = ?", user);
        whenGiven(conditions, "s.state = ?", state == null ? null : state.databaseValue());
        if (after != null) {
            conditions.add(sql("(s.last_activity_at, s.id) < (?, ?)", after.occurredAt(), after.id()));
        }
        SqlFragment query = sql("SELECT s.* FROM metrics.sessions s")
                .append(conditions.isEmpty() ? sql("") : sql(" WHERE ").append(SqlFragment.join(" AND ", conditions)))
                .append(" ORDER BY s.last_activity_at DESC, s.id DESC LIMIT ?", limit);
        return database.list(caller, query, SessionRepository::session);
    }

    private static Session session(Row row) {
        return new Session(id(row, "id"), id(row, "tenant_id"), row.getString("session_id"), id(row, "user_id"),
                SessionState.of(row.getString("state")), json(row, "metadata"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"),
                row.getOffsetDateTime("last_activity_at"), row.getOffsetDateTime("expires_at"),
                count(row, "request_count"), count(row, "error_count"), row.getDouble("total_duration_ms"));
    }
}
