package io.copilot.metrics.events;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.copilot.metrics.config.EventLogConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the event log in bounds, on schedules from configuration (no pg_cron or pg_partman
 * needed): the partitions from the retention's start to the configured months ahead exist,
 * partitions past the retention are dropped, and each materialized view is refreshed on its own
 * cadence. Every replica schedules every job; the job's advisory lock lets one run it and the
 * others skip. Each run is logged when it changed something, and counted.
 */
@ApplicationScoped
public class EventLogMaintenance {

    private static final Logger LOG = Logger.getLogger(EventLogMaintenance.class);

    private final EventLogRepository events;
    private final EventLogConfig config;
    private final MeterRegistry registry;

    public EventLogMaintenance(EventLogRepository events, EventLogConfig config, MeterRegistry registry) {
        this.events = events;
        this.config = config;
        this.registry = registry;
    }

    @Scheduled(identity = "event-log-partitions", every = "${copilot-metrics.events.partitions-every}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void partitions() {
        runScheduled(EventLogJob.PARTITIONS);
    }

    @Scheduled(identity = "event-log-retention", every = "${copilot-metrics.events.retention-every}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void retention() {
        runScheduled(EventLogJob.RETENTION);
    }

    @Scheduled(identity = "event-log-recent-events", every = "${copilot-metrics.events.recent-events-every}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void recentEvents() {
        runScheduled(EventLogJob.RECENT_EVENTS);
    }

    @Scheduled(identity = "event-log-error-summary", every = "${copilot-metrics.events.error-summary-every}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void errorSummary() {
        runScheduled(EventLogJob.ERROR_SUMMARY);
    }

    @Scheduled(identity = "event-log-performance-metrics",
            every = "${copilot-metrics.events.performance-metrics-every}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void performanceMetrics() {
        runScheduled(EventLogJob.PERFORMANCE_METRICS);
    }

    /** Runs {@code job} once now, unless another instance is running it. */
    public Uni<EventLogJobRun> run(EventLogJob job) {
        Timer.Sample started = Timer.start(registry);
        return events.runExclusively(job, config.maintenanceStatementTimeout(), connection -> work(job, connection))
                .invoke(run -> {
                    started.stop(Timer.builder("copilot_metrics_event_log_job_seconds")
                            .description("How long the event log's maintenance jobs ran").tag("job", job.label())
                            .register(registry));
                    count(job, run.ran() ? "ran" : "skipped");
                    if (run.ran() && !run.changed().isEmpty() && job.materializedView() == null) {
                        LOG.infof("Event log %s: %s", job.label(), String.join(", ", run.changed()));
                    } else {
                        LOG.debugf("Event log %s: %s", job.label(), run);
                    }
                })
                .onFailure().invoke(failure -> count(job, "failed"));
    }

    private Uni<List<String>> work(EventLogJob job, io.vertx.mutiny.sqlclient.SqlConnection connection) {
        return switch (job) {
            case PARTITIONS -> events.ensurePartitions(connection, config.retention(), config.monthsAhead());
            case RETENTION -> events.dropExpiredPartitions(connection, config.retention());
            default -> events.refresh(connection, job.materializedView());
        };
    }

    private void runScheduled(EventLogJob job) {
        Duration patience = config.maintenanceStatementTimeout().plusSeconds(10);
        try {
            run(job).await().atMost(patience);
        } catch (RuntimeException failure) {
            LOG.warnf("Event log %s failed; retried at its next run: %s", job.label(), failure.getMessage());
        }
    }

    private void count(EventLogJob job, String outcome) {
        Counter.builder("copilot_metrics_event_log_jobs").description("Runs of the event log's maintenance jobs")
                .tag("job", job.label()).tag("outcome", outcome).register(registry).increment();
    }
}
