package io.copilot.metrics.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The unified event log: what may be recorded, how long it is kept, how often it is maintained.
 */
@ConfigMapping(prefix = "copilot-metrics.events")
public interface EventLogConfig {

    /** How long events are kept; a month's partition is dropped once the whole month is older. */
    @WithDefault("90d")
    Duration retention();

    /** Months after the current one whose partitions always exist. */
    @WithDefault("2")
    int monthsAhead();

    /** Most events (or sessions) one recording call may carry. */
    @WithDefault("1000")
    int maxBatchSize();

    /** How far in the future an event's time may lie (the callers' clocks drift). */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** Longest one maintenance statement may run (a refresh at 10M events takes well under a second). */
    @WithDefault("120s")
    Duration maintenanceStatementTimeout();

    // How often each of events.EventLogMaintenance's jobs runs.

    /** How often the partitions from the retention's start to the months ahead are made to exist. */
    @WithDefault("1h")
    Duration partitionsEvery();

    /** How often partitions past the retention are dropped. */
    @WithDefault("1h")
    Duration retentionEvery();

    /** How often the last 24 hours' events (mv_recent_events) are refreshed. */
    @WithDefault("1m")
    Duration recentEventsEvery();

    /** How often the 7-day error summary (mv_error_summary) is refreshed. */
    @WithDefault("5m")
    Duration errorSummaryEvery();

    /** How often the last hour's performance metrics (mv_performance_metrics) are refreshed. */
    @WithDefault("1m")
    Duration performanceMetricsEvery();
}
