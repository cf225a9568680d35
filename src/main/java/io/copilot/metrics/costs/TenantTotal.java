package io.copilot.metrics.costs;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A tenant's totals in the requested time range, zero when it spent nothing.")
public record TenantTotal(
        @NonNull @Id String tenantId,
        @NonNull String tenantName,
        @NonNull String plan,
        @NonNull BigDecimal llmCostUsd,
        @NonNull BigDecimal e2bCostUsd,
        @NonNull BigDecimal totalCostUsd) {
}
