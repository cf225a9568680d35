package io.copilot.metrics.usage;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.config.UsageConfig;
import io.copilot.metrics.tenancy.ServiceAccount;
import io.copilot.metrics.usage.UsageRepository.Outcome;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;

/** The write path's use cases, for a service account. Items arrive checked, as the write API's JSON. */
@ApplicationScoped
public class UsageService {

    private final UsageRepository usage;
    private final SingleRecordBatcher singles;
    private final UsageConfig config;

    public UsageService(UsageRepository usage, SingleRecordBatcher singles, UsageConfig config) {
        this.usage = usage;
        this.singles = singles;
        this.config = config;
    }

    /** A refusal is announced to the quota's alert subscribers before it is answered; a failed announcement costs only the alert. */
    public Uni<Reservation> reserve(ServiceAccount account, JsonObject item) {
        return usage.reserve(account, item, config.reservationTtl())
                .onFailure(UsageService::refusedQuota).call(refusal -> usage.announceRefusal(account,
                        refusedQuotaId((PgException) refusal)).onFailure().recoverWithNull());
    }

    private static boolean refusedQuota(Throwable failure) {
        return failure instanceof PgException refusal && "CM001".equals(refusal.getSqlState())
                && refusedQuotaId(refusal) != null;
    }

    private static String refusedQuotaId(PgException refusal) {
        try {
            return refusal.getDetail() == null ? null : new JsonObject(refusal.getDetail()).getString("quotaId");
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** One usage: its receipt, or its failure as the error of the whole call. */
    public Uni<UsageReceipt> recordOne(ServiceAccount account, JsonObject item) {
        return singles.record(account, item).flatMap(outcome -> outcome.receipt() != null
                ? Uni.createFrom().item(outcome.receipt())
                : Uni.createFrom().failure(new PgException(outcome.message(), "ERROR", outcome.sqlState(), null)));
    }

    /** A batch: the refused items answered as they are, the others recorded in one call, each with its receipt or error. */
    public Uni<List<UsageItemResult>> recordBatch(ServiceAccount account, CheckedBatch batch) {
        JsonArray items = batch.accepted();
        Uni<List<Outcome>> recorded = items.isEmpty() ? Uni.createFrom().item(List.of()) : usage.record(account, items);
        return recorded.map(outcomes -> batch.answers(outcomes, Outcome::index,
                (index, outcome) -> new UsageItemResult(index, outcome.receipt(), outcome.receipt() == null
                        ? UsageError.of(outcome.sqlState(), outcome.message()) : null),
                (index, error) -> new UsageItemResult(index, null, error)));
    }
}
