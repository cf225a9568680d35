package io.copilot.metrics.costs;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.Decimal;

@Description("One cost: an LLM call or an E2B sandbox run. For E2B, provider is 'e2b' and model is the tier; "
        + "the token counts, task type and request id are LLM only.")
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
        @Description("The part of inputTokens read from the provider's prompt cache") Long cachedInputTokens,
        @Description("The part of inputTokens written to the provider's prompt cache") Long cacheWriteTokens,
        @Description("The part of outputTokens spent on reasoning") Long reasoningTokens,
        BigDecimal executionSeconds,
        @NonNull Decimal costUsd,
        @NonNull OffsetDateTime occurredAt,
        String taskType,
        @Description("The provider's request id, as recorded") String requestId,
        @Description("The trace the call or run belongs to") String traceId,
        @NonNull @Description("The tags recorded with the usage") List<@NonNull CostTag> tags) {
}
