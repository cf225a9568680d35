package io.copilot.metrics.costs;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import io.copilot.metrics.api.Decimal;

@Description("Spending in one time bucket. Buckets without any cost are omitted.")
public record CostBucket(
        @NonNull @Description("Start of the bucket, at the boundary in the requested time zone") OffsetDateTime start,
        @NonNull Decimal llmCostUsd,
        @NonNull Decimal e2bCostUsd,
        @NonNull Decimal totalCostUsd,
        long llmRequestCount,
        long e2bExecutionCount) {
}
