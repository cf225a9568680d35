package io.copilot.metrics.usage;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.quotas.QuotaState;
import io.copilot.metrics.api.Decimal;

@Description("What recording usage wrote: the cost record and its price, the same for every replay of its key.")
public record UsageReceipt(
        @NonNull @Id String recordId,
        @NonNull UsageKind kind,
        @NonNull @Id String tenantId,
        @NonNull String idempotencyKey,
        @NonNull OffsetDateTime occurredAt,
        @NonNull @Id @Description("The price row used (model_pricing or e2b_pricing)") String pricingId,
        @Description("LLM: all input tokens' cost") Decimal inputCostUsd,
        @Description("LLM: the part of inputCostUsd for cached input tokens") Decimal cachedInputCostUsd,
        @Description("LLM: the part of inputCostUsd for cache-write tokens") Decimal cacheWriteCostUsd,
        @Description("LLM: all output tokens' cost") Decimal outputCostUsd,
        @Description("LLM: the part of outputCostUsd for reasoning tokens") Decimal reasoningCostUsd,
        @Description("Sandbox: the execution time's cost") Decimal executionCostUsd,
        @Description("Sandbox: the metered resources' cost") Decimal resourceCostUsd,
        @NonNull Decimal totalCostUsd,
        @NonNull @Description("Sandbox: priced from another region's price for the tier") boolean priceEstimated,
        @NonNull @Description("The worst state of the applicable quotas right after the record (OK when none apply)")
        QuotaState quotaStatus,
        @NonNull @Description("true when the key had been recorded already: nothing was recorded again") boolean replayed) {
}
