package io.copilot.metrics.costs;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.Decimal;

@Description("One group of a cost breakdown: the values it was grouped by (the others are null) and its sums.")
public record CostBreakdownRow(
        @Description("The bucket's start in the requested time zone, when a bucket was asked for")
        OffsetDateTime bucketStart,
        @Id String tenantId,
        @Description("When grouped by tenant") String tenantName,
        String provider,
        String model,
        @Id String userId,
        @Id String conversationId,
        String taskType,
        String sandboxTier,
        CostType costType,
        @Description("The value of the tag named by tagKey") String tag,
        @NonNull Decimal totalCostUsd,
        @NonNull Decimal llmCostUsd,
        @NonNull Decimal e2bCostUsd,
        long llmRequestCount,
        long e2bExecutionCount,
        long inputTokens,
        long outputTokens,
        long cachedInputTokens,
        long reasoningTokens,
        @NonNull BigDecimal executionSeconds) {
}
