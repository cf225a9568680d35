package io.copilot.metrics.pricing;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.tenancy.CurrentCaller;
import io.smallrye.mutiny.Uni;

/** The price catalogue's use cases, each one read for the current caller. Arguments arrive checked. */
@ApplicationScoped
public class PricingService {

    private final CurrentCaller callers;
    private final PricingRepository prices;

    public PricingService(CurrentCaller callers, PricingRepository prices) {
        this.callers = callers;
        this.prices = prices;
    }

    public Uni<PriceCatalogue> catalogue(OffsetDateTime at) {
        return callers.ask(caller -> prices.catalogue(caller, at));
    }

    public Uni<List<LlmPrice>> llmHistory(String provider, String model) {
        return callers.ask(caller -> prices.llmHistory(caller, provider, model));
    }

    public Uni<List<SandboxPrice>> sandboxHistory(String tier) {
        return callers.ask(caller -> prices.sandboxHistory(caller, tier));
    }
}
