package io.copilot.metrics.costs;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A conversation's spending in the requested time range.")
public record ConversationCost(
        @NonNull @Id String tenantId,
        @NonNull @Id String conversationId,
        @Id String userId,
        String title,
        @NonNull BigDecimal llmCostUsd,
        @NonNull BigDecimal e2bCostUsd,
        @NonNull BigDecimal totalCostUsd,
        long llmRequestCount,
        long e2bExecutionCount,
        OffsetDateTime lastCostAt) {
}
