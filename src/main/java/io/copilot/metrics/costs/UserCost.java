package io.copilot.metrics.costs;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import io.copilot.metrics.api.Decimal;

@Description("A user's spending within a tenant in the requested time range.")
public record UserCost(
        @NonNull @Id String tenantId,
        String tenantName,
        @NonNull @Id String userId,
        @NonNull Decimal llmCostUsd,
        @NonNull Decimal e2bCostUsd,
        @NonNull Decimal totalCostUsd,
        long llmRequestCount,
        long e2bExecutionCount,
        OffsetDateTime lastCostAt) {
}
