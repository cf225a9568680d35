package io.copilot.metrics.costs;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import io.copilot.metrics.api.Decimal;

@Description("A conversation's spending in the requested time range.")
public record ConversationCost(
        @NonNull @Id String tenantId,
        String tenantName,
        @NonNull @Id String conversationId,
        @Id String userId,
        String title,
        @NonNull Decimal llmCostUsd,
        @NonNull Decimal e2bCostUsd,
        @NonNull Decimal totalCostUsd,
        long llmRequestCount,
        long e2bExecutionCount,
        OffsetDateTime lastCostAt) {
}
