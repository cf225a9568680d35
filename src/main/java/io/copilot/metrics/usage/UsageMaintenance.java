package io.copilot.metrics.usage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.copilot.metrics.config.UsageConfig;
import io.copilot.metrics.tenancy.ServiceAccount;
import io.copilot.metrics.usage.UsageRepository.MaintenanceRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

/**
 * What the write path leaves behind, kept in bounds on a timer: reservations whose usage was
 * never recorded are released (a new reservation releases the expired ones on its own quotas
 * too), and idempotency keys past the retention are pruned. Both are row-level and safe to run
 * on every replica at once.
 */
@ApplicationScoped
public class UsageMaintenance {

    private static final Logger LOG = Logger.getLogger(UsageMaintenance.class);
    private static final int BATCH = 1000;
    private static final ServiceAccount MAINTENANCE = new ServiceAccount("copilot-metrics/maintenance",
            new JsonObject().put("sub", "copilot-metrics/maintenance"));

    private final UsageRepository usage;
    private final UsageConfig config;
    private final Vertx vertx;
    private final Counter released;
    private final Counter pruned;
    private long timer = -1;

    public UsageMaintenance(UsageRepository usage, UsageConfig config, Vertx vertx, MeterRegistry registry) {
        this.usage = usage;
        this.config = config;
        this.vertx = vertx;
        this.released = Counter.builder("copilot_metrics_reservations_expired")
                .description("Reservations released because their usage was not recorded in time").register(registry);
        this.pruned = Counter.builder("copilot_metrics_idempotency_keys_pruned")
                .description("Idempotency keys forgotten after the retention").register(registry);
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.maintenanceInterval().toMillis(),
                tick -> runOnce().subscribe().with(run -> { }, failure -> LOG.warnf(
                        "Usage maintenance failed, retried in %s: %s", config.maintenanceInterval(),
                        failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public Uni<MaintenanceRun> runOnce() {
        return usage.maintain(MAINTENANCE, config.idempotencyRetention(), BATCH).invoke(run -> {
            released.increment(run.releasedReservations());
            pruned.increment(run.prunedKeys());
            if (run.releasedReservations() + run.prunedKeys() > 0) {
                LOG.infof("Usage maintenance: %d expired reservations released, %d idempotency keys pruned",
                        run.releasedReservations(), run.prunedKeys());
            }
        });
    }
}
