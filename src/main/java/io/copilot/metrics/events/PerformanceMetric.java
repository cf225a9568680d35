package io.copilot.metrics.events;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Durations of the last hour's PERFORMANCE events of one source and type, in milliseconds, as of the last "
        + "refresh of the performance summary. Percentiles are observed durations.")
public record PerformanceMetric(@NonNull String tenantId, @NonNull String source, @NonNull String type,
        @NonNull long count,
        @NonNull double avgDurationMs, @NonNull double minDurationMs, @NonNull double p50DurationMs,
        @NonNull double p95DurationMs, @NonNull double p99DurationMs, @NonNull double maxDurationMs) {
}
