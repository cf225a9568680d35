package io.copilot.metrics.costs;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import io.copilot.metrics.api.Decimal;

@Description("A cost estimated before a call or sandbox run, with the actual cost once known.")
public record CostEstimate(
        @NonNull @Id String id,
        @NonNull CostType costType,
        @NonNull @Id String tenantId,
        @Id String userId,
        @Id String conversationId,
        @NonNull String provider,
        @NonNull String model,
        @NonNull Decimal estimatedCostUsd,
        Decimal actualCostUsd,
        @Description("actual minus estimated") Decimal varianceUsd,
        @NonNull OffsetDateTime createdAt) {
}
