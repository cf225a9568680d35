package io.copilot.metrics.costs;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A cost estimated before a call or sandbox run, with the actual cost once known.")
public record CostEstimate(
        @NonNull @Id String id,
        @NonNull CostType costType,
        @NonNull @Id String tenantId,
        @Id String userId,
        @Id String conversationId,
        @NonNull String provider,
        @NonNull String model,
        @NonNull BigDecimal estimatedCostUsd,
        BigDecimal actualCostUsd,
        @Description("actual minus estimated") BigDecimal varianceUsd,
        @NonNull OffsetDateTime createdAt) {
}
