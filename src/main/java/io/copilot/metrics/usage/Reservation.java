package io.copilot.metrics.usage;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.quotas.QuotaState;
import io.copilot.metrics.api.Decimal;

@Description("An estimate written and its cost held on every quota that applies, until its usage is recorded "
        + "(pass estimateId) or the reservation expires.")
public record Reservation(
        @NonNull ReservationDecision decision,
        @NonNull @Id String estimateId,
        @NonNull UsageKind kind,
        @NonNull @Description("Priced in the database at the price in force now") Decimal estimatedCostUsd,
        @NonNull @Id String pricingId,
        @NonNull @Description("The worst state of the applicable quotas after the reservation (OK when none apply)")
        QuotaState quotaStatus,
        @NonNull OffsetDateTime reservedUntil) {
}
