package io.copilot.metrics.costs;


import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import io.copilot.metrics.api.Decimal;

@Description("A tenant among the top spenders; equal totals share a rank.")
public record RankedTenant(
        int rank,
        @NonNull @Id String tenantId,
        String tenantName,
        @NonNull Decimal llmCostUsd,
        @NonNull Decimal e2bCostUsd,
        @NonNull Decimal totalCostUsd) {
}
