package io.copilot.metrics.pricing;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.Decimal;

@Description("An LLM model's prices per million tokens, in force from effectiveFrom until effectiveUntil (open when "
        + "null). A price without a value bills those tokens at the input or output price.")
public record LlmPrice(
        @NonNull @Id String id,
        @NonNull String provider,
        @NonNull String model,
        @NonNull Decimal inputPricePerMillionUsd,
        @NonNull Decimal outputPricePerMillionUsd,
        Decimal cachedInputPricePerMillionUsd,
        Decimal cacheWritePricePerMillionUsd,
        Decimal reasoningPricePerMillionUsd,
        @NonNull OffsetDateTime effectiveFrom,
        OffsetDateTime effectiveUntil,
        String notes) {
}
