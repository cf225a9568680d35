package io.copilot.metrics.costs;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Spending in one time bucket. Buckets without any cost are omitted.")
public record CostBucket(
        @NonNull @Description("Start of the bucket, at the boundary in the requested time zone") OffsetDateTime start,
        @NonNull BigDecimal llmCostUsd,
        @NonNull BigDecimal e2bCostUsd,
        @NonNull BigDecimal totalCostUsd,
        long llmRequestCount,
        long e2bExecutionCount) {
}
