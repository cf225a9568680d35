package io.copilot.metrics.usage;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("LlmUsageReservationInput")
@Description("An LLM call about to be made, with the tokens it is expected to use.")
public record LlmUsageReservationInput(
        @NonNull @Id String tenantId,
        @Id String userId,
        @Id String conversationId,
        @Description("chat unless given") String taskType,
        @NonNull String provider,
        @NonNull String model,
        @NonNull @Description("All prompt tokens, cached and cache-write ones included") Integer inputTokens,
        @NonNull @Description("All completion tokens, reasoning ones included") Integer outputTokens,
        Integer cachedInputTokens,
        Integer cacheWriteTokens,
        Integer reasoningTokens) {
}
