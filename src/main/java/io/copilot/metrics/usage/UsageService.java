package io.copilot.metrics.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.copilot.metrics.api.DatabaseErrors;
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

    private static final Logger LOG = Logger.getLogger(UsageService.class);

    private final UsageRepository usage;
    private final UsageConfig config;

    public UsageService(UsageRepository usage, UsageConfig config) {
        this.usage = usage;
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
        return usage.record(account, new JsonArray().add(item)).flatMap(outcomes -> {
            Outcome outcome = outcomes.get(0);
            return outcome.receipt() != null ? Uni.createFrom().item(outcome.receipt())
                    : Uni.createFrom().failure(new PgException(outcome.message(), "ERROR", outcome.sqlState(), null));
        });
    }

    /**
     * A batch: the items already refused (by index) are answered as they are, the others are
     * recorded in one call, each answered with its receipt or its own error.
     */
    public Uni<List<UsageItemResult>> recordBatch(ServiceAccount account, List<JsonObject> checked,
            Map<Integer, UsageError> refused) {
        JsonArray items = new JsonArray();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            if (checked.get(i) != null) {
                items.add(checked.get(i));
                positions.add(i);
            }
        }
        Uni<List<Outcome>> recorded = items.isEmpty() ? Uni.createFrom().item(List.of()) : usage.record(account, items);
        return recorded.map(outcomes -> {
            UsageItemResult[] results = new UsageItemResult[checked.size()];
            refused.forEach((index, error) -> results[index] = new UsageItemResult(index, null, error));
            for (Outcome outcome : outcomes) {
                int index = positions.get(outcome.index());
                results[index] = new UsageItemResult(index, outcome.receipt(),
                        outcome.receipt() == null ? error(outcome) : null);
            }
            return List.of(results);
        });
    }

    private static UsageError error(Outcome failed) {
        DatabaseErrors.Code code = DatabaseErrors.classify(failed.sqlState());
        String correlationId = UUID.randomUUID().toString();
        if (code == DatabaseErrors.Code.INTERNAL) {
            LOG.errorf("Recording an item failed [correlation id %s]: SQLSTATE %s %s", correlationId,
                    failed.sqlState(), failed.message());
        }
        return new UsageError(code.name(), DatabaseErrors.message(code, failed.sqlState(), failed.message(),
                correlationId));
    }
}
