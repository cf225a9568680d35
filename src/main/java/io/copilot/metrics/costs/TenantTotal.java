package io.copilot.metrics.costs;


import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import io.copilot.metrics.api.Decimal;

@Description("A tenant's totals in the requested time range, zero when it spent nothing.")
public record TenantTotal(
        @NonNull @Id String tenantId,
        @NonNull String tenantName,
        @NonNull String plan,
        @NonNull Decimal llmCostUsd,
        @NonNull Decimal e2bCostUsd,
        @NonNull Decimal totalCostUsd) {
}
