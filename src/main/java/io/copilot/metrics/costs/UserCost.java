package io.copilot.metrics.costs;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A user's spending within a tenant in the requested time range.")
public record UserCost(
        @NonNull @Id String tenantId,
        @NonNull @Id String userId,
        @NonNull BigDecimal llmCostUsd,
        @NonNull BigDecimal e2bCostUsd,
        @NonNull BigDecimal totalCostUsd,
        long llmRequestCount,
        long e2bExecutionCount,
        OffsetDateTime lastCostAt) {
}
