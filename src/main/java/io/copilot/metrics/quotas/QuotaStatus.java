package io.copilot.metrics.quotas;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import io.copilot.metrics.api.Decimal;

@Description("A quota in force now and how much of it is spent.")
public record QuotaStatus(
        @NonNull @Id String quotaId,
        @Id String tenantId,
        @NonNull @Description("platform, tenant or user") String scope,
        @Id String scopeId,
        @NonNull @Description("llm, e2b or all") String resourceType,
        @NonNull Decimal limitUsd,
        @NonNull Decimal currentSpendUsd,
        @NonNull @Description("What reservations may still take: the limit less the spend and the amount reserved")
        Decimal remainingUsd,
        BigDecimal usagePercentage,
        @NonNull BigDecimal warningThreshold,
        @NonNull QuotaState status,
        @NonNull String period,
        @NonNull OffsetDateTime periodStart,
        @NonNull OffsetDateTime periodEnd,
        @NonNull @Description("Held by reservations whose usage is not recorded yet") Decimal reservedUsd) {
}
