package io.copilot.metrics.quotas;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.tenancy.CurrentCaller;
import io.smallrye.mutiny.Uni;

/** The quota use cases, each one read for the current caller. */
@ApplicationScoped
public class QuotaService {

    private final CurrentCaller callers;
    private final QuotaRepository quotas;

    public QuotaService(CurrentCaller callers, QuotaRepository quotas) {
        this.callers = callers;
        this.quotas = quotas;
    }

    public Uni<List<QuotaStatus>> quotaStatus() {
        return callers.ask(quotas::inForce);
    }
}
