package io.copilot.metrics.costs;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A tenant among the top spenders; equal totals share a rank.")
public record RankedTenant(
        int rank,
        @NonNull @Id String tenantId,
        String tenantName,
        @NonNull BigDecimal llmCostUsd,
        @NonNull BigDecimal e2bCostUsd,
        @NonNull BigDecimal totalCostUsd) {
}
