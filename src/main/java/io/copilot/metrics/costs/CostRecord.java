package io.copilot.metrics.costs;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One cost: an LLM call or an E2B sandbox run. For E2B, provider is 'e2b' and model is the tier.")
public record CostRecord(
        @NonNull @Id String id,
        @NonNull CostType costType,
        @NonNull @Id String tenantId,
        @Id String userId,
        @Id String conversationId,
        @NonNull String provider,
        @NonNull String model,
        Long inputTokens,
        Long outputTokens,
        BigDecimal executionSeconds,
        @NonNull BigDecimal costUsd,
        @NonNull OffsetDateTime occurredAt) {
}
