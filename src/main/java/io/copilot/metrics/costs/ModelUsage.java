package io.copilot.metrics.costs;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import io.copilot.metrics.api.Decimal;

@Description("Use of one LLM model by a tenant in the requested time range.")
public record ModelUsage(
        @NonNull @Id String tenantId,
        @NonNull String provider,
        @NonNull String model,
        long requestCount,
        long inputTokens,
        long outputTokens,
        long cachedInputTokens,
        @NonNull Decimal totalCostUsd,
        @NonNull Decimal avgCostPerRequestUsd,
        OffsetDateTime firstUsedAt,
        OffsetDateTime lastUsedAt) {
}
