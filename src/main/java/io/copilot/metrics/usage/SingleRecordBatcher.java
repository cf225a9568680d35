package io.copilot.metrics.usage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.config.UsageConfig;
import io.copilot.metrics.tenancy.ServiceAccount;
import io.copilot.metrics.usage.UsageRepository.Outcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Single records sent together: at most {@link UsageConfig#singleRecordWriters()} write
 * transactions run at once, and the singles that arrive meanwhile go as one batch in the next
 * (no timer: a single that finds a writer free goes at once). A transaction of one record costs
 * the database ~2-3 ms of CPU, a batch item a tenth of that (bench/sql-cpu.sh), so under load the
 * singles get the batch's throughput and the latency that follows from it.
 * <p>
 * Nothing is lost by sharing: {@code usage.record} answers each item on its own (a failing item
 * rejects no other, copies of one key in a batch replay the first), each caller gets its item's
 * outcome, and a failure of the whole call is every caller's. The items' writers were each
 * checked at the edge; a transaction runs as usage_writer with its items' service account, or,
 * when they came from several, with the service's own claims: the write functions never read
 * the claims (every item names its tenant).
 */
@ApplicationScoped
public class SingleRecordBatcher {

    /** The identity of a shared transaction (request.jwt.claims of a write that carries several callers' items). */
    static final ServiceAccount SHARED = new ServiceAccount("copilot-metrics",
            new JsonObject().put("sub", "copilot-metrics").put("roles", List.of("usage-writer")));

    private record Waiting(ServiceAccount account, JsonObject item, UniEmitter<? super Outcome> answer) {
    }

    private final UsageRepository usage;
    private final int writers;
    private final int maxBatchSize;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int busyWriters;

    public SingleRecordBatcher(UsageRepository usage, UsageConfig config) {
        this.usage = usage;
        this.writers = Math.max(1, config.singleRecordWriters());
        this.maxBatchSize = config.maxBatchSize();
    }

    /** The item's outcome, from a write of its own or shared with the singles waiting with it. */
    public Uni<Outcome> record(ServiceAccount account, JsonObject item) {
        return Uni.createFrom().emitter(answer -> {
            List<Waiting> batch;
            synchronized (this) {
                waiting.add(new Waiting(account, item, answer));
                batch = nextBatch();
            }
            send(batch);
        });
    }

    /** The waiting singles, up to a batch, if a writer is free (which they then take); called holding the lock. */
    private List<Waiting> nextBatch() {
        if (waiting.isEmpty() || busyWriters >= writers) {
            return null;
        }
        busyWriters++;
        List<Waiting> batch = new ArrayList<>(Math.min(waiting.size(), maxBatchSize));
        while (!waiting.isEmpty() && batch.size() < maxBatchSize) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    private void send(List<Waiting> batch) {
        if (batch == null) {
            return;
        }
        JsonArray items = new JsonArray(new ArrayList<>(batch.size()));
        batch.forEach(single -> items.add(single.item()));
        // one account's tokens differ in their times, not in who they are: compared by subject
        ServiceAccount account = batch.stream().map(single -> single.account().subject()).distinct().count() == 1
                ? batch.get(0).account() : SHARED;
        usage.record(account, items).subscribe().with(outcomes -> {
            sendNext();
            boolean[] answered = new boolean[batch.size()];
            for (Outcome outcome : outcomes) {
                answered[outcome.index()] = true;
                batch.get(outcome.index()).answer().complete(outcome);
            }
            // usage.record answers every item; should one go missing, its caller hears so rather than wait forever
            for (int index = 0; index < batch.size(); index++) {
                if (!answered[index]) {
                    batch.get(index).answer().fail(new IllegalStateException("usage.record answered "
                            + outcomes.size() + " of " + batch.size() + " items"));
                }
            }
        }, failure -> {
            sendNext();
            batch.forEach(single -> single.answer().fail(failure));
        });
    }

    /** A writer is free again: the singles that waited for it go. */
    private void sendNext() {
        List<Waiting> next;
        synchronized (this) {
            busyWriters--;
            next = nextBatch();
        }
        send(next);
    }
}
