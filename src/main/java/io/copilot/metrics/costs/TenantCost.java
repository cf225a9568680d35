package io.copilot.metrics.costs;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A tenant's spending in the requested time range.")
public record TenantCost(
        @NonNull @Id String tenantId,
        String tenantName,
        @NonNull BigDecimal llmCostUsd,
        @NonNull BigDecimal e2bCostUsd,
        @NonNull BigDecimal totalCostUsd,
        long llmRequestCount,
        long e2bExecutionCount,
        OffsetDateTime firstCostAt,
        OffsetDateTime lastCostAt) {
}
