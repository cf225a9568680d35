package io.copilot.metrics.pricing;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.Decimal;

@Description("An E2B sandbox tier's prices in a region, in force from effectiveFrom until effectiveUntil (open when "
        + "null). Resource prices without a value are not billed.")
public record SandboxPrice(
        @NonNull @Id String id,
        @NonNull String tier,
        @NonNull String region,
        @NonNull Decimal pricePerSecondUsd,
        Decimal pricePerCpuCoreSecondUsd,
        Decimal pricePerGbMemorySecondUsd,
        Decimal pricePerGbDiskIoUsd,
        @NonNull OffsetDateTime effectiveFrom,
        OffsetDateTime effectiveUntil,
        String notes) {
}
