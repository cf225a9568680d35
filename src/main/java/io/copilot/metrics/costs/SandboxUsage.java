package io.copilot.metrics.costs;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import io.copilot.metrics.api.Decimal;

@Description("Use of one E2B sandbox tier and template by a tenant in the requested time range.")
public record SandboxUsage(
        @NonNull @Id String tenantId,
        @NonNull String tier,
        String templateId,
        long executionCount,
        @NonNull BigDecimal totalExecutionSeconds,
        @NonNull BigDecimal avgExecutionSeconds,
        @NonNull Decimal totalCostUsd,
        OffsetDateTime firstUsedAt,
        OffsetDateTime lastUsedAt) {
}
