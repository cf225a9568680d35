package io.copilot.metrics.pricing;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.copilot.metrics.api.ApiEdge;
import io.copilot.metrics.api.Arguments;
import io.copilot.metrics.api.BadUserInputException;
import io.smallrye.mutiny.Uni;

/** The price catalogue: the same for every tenant, read like everything else through the caller's transaction. */
@GraphQLApi
@ApiEdge
public class PricingApi {

    private final PricingService prices;
    private final Arguments arguments;

    public PricingApi(PricingService prices, Arguments arguments) {
        this.prices = prices;
        this.arguments = arguments;
    }

    @Query
    @Description("The LLM models and sandbox tiers with the prices in force at 'at' (default now).")
    public Uni<@NonNull PriceCatalogue> priceCatalogue(OffsetDateTime at) throws BadUserInputException {
        return prices.catalogue(arguments.instantOrNow(at, "at"));
    }

    @Query
    @Description("Every price a model has had, oldest first.")
    public Uni<@NonNull List<@NonNull LlmPrice>> llmPriceHistory(@NonNull String provider, @NonNull String model)
            throws BadUserInputException {
        return prices.llmHistory(arguments.optionalText(provider, "provider"), arguments.optionalText(model, "model"));
    }

    @Query
    @Description("Every price a sandbox tier has had, per region, oldest first.")
    public Uni<@NonNull List<@NonNull SandboxPrice>> sandboxPriceHistory(@NonNull String tier)
            throws BadUserInputException {
        return prices.sandboxHistory(arguments.optionalText(tier, "tier"));
    }
}
