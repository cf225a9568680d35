package io.copilot.metrics.usage;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("LlmUsageInput")
@Description("An LLM call that was made, with the tokens it used.")
public record LlmUsageInput(
        @NonNull @Description("Unique per tenant for this usage, e.g. the provider's request id: a replay answers "
                + "the first receipt and records nothing again") String idempotencyKey,
        @NonNull @Id String tenantId,
        @Id String userId,
        @Id String conversationId,
        @Description("chat unless given") String taskType,
        @NonNull String provider,
        @NonNull String model,
        @NonNull @Description("All prompt tokens, cached and cache-write ones included") Integer inputTokens,
        @NonNull @Description("All completion tokens, reasoning ones included") Integer outputTokens,
        @Description("The part of inputTokens read from the provider's cache") Integer cachedInputTokens,
        @Description("The part of inputTokens written to the provider's cache") Integer cacheWriteTokens,
        @Description("The part of outputTokens spent reasoning") Integer reasoningTokens,
        @NonNull @Description("When the call was made: priced at the price in force then") OffsetDateTime occurredAt,
        @Id @Description("The reservation's estimate: linked, and its reservation released") String estimateId,
        String requestId,
        String traceId,
        List<MetadataEntry> metadata) {
}
