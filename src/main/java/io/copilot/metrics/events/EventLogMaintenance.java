package io.copilot.metrics.events;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.copilot.metrics.config.EventLogConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Keeps the event log in bounds, on the Quarkus scheduler at intervals from configuration (no
 * pg_cron or pg_partman needed): the partitions from the retention's start to the configured
 * months ahead exist, partitions past the retention are dropped, and each materialized view is
 * refreshed on its own cadence. Every replica schedules every job; the job's advisory lock lets one run it and the
 * others skip. Each run is logged when it changed something, and counted.
 */
@ApplicationScoped
public class EventLogMaintenance {

    private static final Logger LOG = Logger.getLogger(EventLogMaintenance.class);

    private final EventLogRepository events;
    private final EventLogConfig config;
    private final MeterRegistry registry;
    private final Scheduler scheduler;

    public EventLogMaintenance(EventLogRepository events, EventLogConfig config, MeterRegistry registry,
            Scheduler scheduler) {
        this.events = events;
        this.config = config;
        this.registry = registry;
        this.scheduler = scheduler;
    }

    /**
     * Every job on its own interval; a run still going when the next is due makes it skip. Only
     * the partitions are seen to at once: retention and the summaries (which a restart keeps) wait
     * one interval, so a starting instance does not spend its first seconds refreshing.
     */
    void schedule(@Observes StartupEvent started) {
        for (EventLogJob job : EventLogJob.values()) {
            var definition = scheduler.newJob("event-log-" + job.label()).setInterval(interval(job).toString())
                    .setConcurrentExecution(ConcurrentExecution.SKIP)
                    .setAsyncTask(execution -> run(job).replaceWithVoid().onFailure().recoverWithUni(failure -> {
                        LOG.warnf("Event log %s failed; retried at its next run: %s", job.label(), failure.getMessage());
                        return Uni.createFrom().voidItem();
                    }));
            if (job != EventLogJob.PARTITIONS) {
                definition.setDelayed(interval(job).toString());
            }
            definition.schedule();
        }
    }

    private Duration interval(EventLogJob job) {
        return switch (job) {
            case PARTITIONS -> config.partitionsEvery();
            case RETENTION -> config.retentionEvery();
            case RECENT_EVENTS -> config.recentEventsEvery();
            case ERROR_SUMMARY -> config.errorSummaryEvery();
            case PERFORMANCE_METRICS -> config.performanceMetricsEvery();
        };
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

    private Uni<List<String>> work(EventLogJob job, SqlConnection connection) {
        return switch (job) {
            case PARTITIONS -> events.ensurePartitions(connection, config.retention(), config.monthsAhead());
            case RETENTION -> events.dropExpiredPartitions(connection, config.retention());
            default -> events.refresh(connection, job.materializedView());
        };
    }

    private void count(EventLogJob job, String outcome) {
        Counter.builder("copilot_metrics_event_log_jobs").description("Runs of the event log's maintenance jobs")
                .tag("job", job.label()).tag("outcome", outcome).register(registry).increment();
    }
}
