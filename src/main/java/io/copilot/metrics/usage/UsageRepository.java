package io.copilot.metrics.usage;

import static io.copilot.metrics.tenancy.Rows.id;
import static io.copilot.metrics.tenancy.Rows.money;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.quotas.QuotaState;
import io.copilot.metrics.tenancy.ServiceAccount;
import io.copilot.metrics.tenancy.TenantDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The write API's calls (schema usage), each one statement as usage_writer. */
@ApplicationScoped
public class UsageRepository {

    static final String RESERVE = "SELECT r.* FROM usage.reserve($1::jsonb, $2::text::interval) r";
    static final String RECORD = "SELECT r.* FROM usage.record($1::jsonb) r";
    static final String RELEASE_EXPIRED = "SELECT usage.release_expired_reservations($1)";
    static final String PRUNE_RECEIPTS = "SELECT usage.prune_receipts($1::text::interval, $2)";
    static final String ANNOUNCE_REFUSAL = "SELECT usage.announce_refused_reservation($1::uuid)";

    /** What one maintenance run did. */
    public record MaintenanceRun(int releasedReservations, int prunedKeys) {
    }

    /** What the database answered for one item of a batch: a receipt, or its SQLSTATE and message. */
    public record Outcome(int index, UsageReceipt receipt, String sqlState, String message) {
    }

    private final TenantDatabase database;

    public UsageRepository(TenantDatabase database) {
        this.database = database;
    }

    public Uni<Reservation> reserve(ServiceAccount account, JsonObject item, Duration ttl) {
        UsageKind kind = UsageKind.of(item.getString("kind"));
        return database.recordUsage(account, RESERVE, Tuple.of(item, interval(ttl)))
                .map(rows -> reservation(rows.iterator().next(), kind));
    }

    /** Tells the quota's alert subscribers that a reservation on it was refused (the refusal itself rolled back). */
    public Uni<Void> announceRefusal(ServiceAccount account, String quotaId) {
        return database.recordUsage(account, ANNOUNCE_REFUSAL, Tuple.of(quotaId)).replaceWithVoid();
    }

    /** One outcome per item, in order. */
    public Uni<List<Outcome>> record(ServiceAccount account, JsonArray items) {
        return database.recordUsage(account, RECORD, Tuple.of(items)).map(rows -> {
            List<Outcome> outcomes = new ArrayList<>(rows.size());
            rows.forEach(row -> outcomes.add(outcome(row)));
            return outcomes;
        });
    }

    /** Releases expired reservations and prunes idempotency keys past the retention; answers both counts. */
    public Uni<MaintenanceRun> maintain(ServiceAccount maintenance, Duration retention, int limit) {
        return database.recordUsage(maintenance, connection -> connection.preparedQuery(RELEASE_EXPIRED)
                .execute(Tuple.of(limit))
                .flatMap(released -> connection.preparedQuery(PRUNE_RECEIPTS).execute(Tuple.of(interval(retention),
                        limit)).map(pruned -> new MaintenanceRun(released.iterator().next().getInteger(0),
                                pruned.iterator().next().getInteger(0)))));
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }

    private static Reservation reservation(Row row, UsageKind kind) {
        return new Reservation(ReservationDecision.ALLOWED, id(row, "estimate_id"), kind,
                money(row, "estimated_cost_usd"), id(row, "pricing_id"), QuotaState.valueOf(row.getString("quota_status")),
                row.getOffsetDateTime("reserved_until"));
    }

    private static Outcome outcome(Row row) {
        int index = row.getInteger("item_index");
        if (row.getString("error_sqlstate") != null) {
            return new Outcome(index, null, row.getString("error_sqlstate"), row.getString("error_message"));
        }
        UsageReceipt receipt = new UsageReceipt(id(row, "record_id"), UsageKind.of(row.getString("resource_type")),
                id(row, "tenant_id"), row.getString("idempotency_key"), row.getOffsetDateTime("occurred_at"),
                id(row, "pricing_id"), money(row, "input_cost_usd"), money(row, "cached_input_cost_usd"),
                money(row, "cache_write_cost_usd"), money(row, "output_cost_usd"), money(row, "reasoning_cost_usd"),
                money(row, "execution_cost_usd"), money(row, "resource_cost_usd"), money(row, "total_cost_usd"),
                row.getBoolean("price_estimated"), QuotaState.valueOf(row.getString("quota_status")),
                row.getBoolean("replayed"));
        return new Outcome(index, receipt, null, null);
    }
}
