package io.copilot.metrics.events;

/**
 * The event log's scheduled jobs. Each holds its own PostgreSQL advisory lock while it runs, so
 * that of N replicas one runs it and the others skip that round.
 */
public enum EventLogJob {

    PARTITIONS("partitions"),
    RETENTION("retention"),
    RECENT_EVENTS("refresh-recent-events", "mv_recent_events"),
    ERROR_SUMMARY("refresh-error-summary", "mv_error_summary"),
    PERFORMANCE_METRICS("refresh-performance-metrics", "mv_performance_metrics");

    /** Advisory lock keys of this service: "cmev" (copilot-metrics events) and the job's ordinal. */
    private static final long LOCK_KEY_PREFIX = 0x636d_6576_0000_0000L;

    private final String label;
    private final String materializedView;

    EventLogJob(String label) {
        this(label, null);
    }

    EventLogJob(String label, String materializedView) {
        this.label = label;
        this.materializedView = materializedView;
    }

    /** The job's name in logs and metrics. */
    public String label() {
        return label;
    }

    /** The materialized view a refresh job refreshes; null for the others. */
    String materializedView() {
        return materializedView;
    }

    public long lockKey() {
        return LOCK_KEY_PREFIX + ordinal();
    }
}
