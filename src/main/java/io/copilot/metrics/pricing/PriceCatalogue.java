package io.copilot.metrics.pricing;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The prices in force at an instant: what usage recorded then is priced at.")
public record PriceCatalogue(
        @NonNull OffsetDateTime at,
        @NonNull List<@NonNull LlmPrice> llmModels,
        @NonNull List<@NonNull SandboxPrice> sandboxTiers) {
}
