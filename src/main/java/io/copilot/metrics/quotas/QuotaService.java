package io.copilot.metrics.quotas;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.api.SlowClientGuard;
import io.copilot.metrics.config.QuotaAlertConfig;
import io.copilot.metrics.tenancy.CurrentCaller;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The quota use cases, each one for the current caller. */
@ApplicationScoped
public class QuotaService {

    private final CurrentCaller callers;
    private final QuotaRepository quotas;
    private final QuotaAlertHub alerts;
    private final CurrentVertxRequest connection;
    private final QuotaAlertConfig alertConfig;

    public QuotaService(CurrentCaller callers, QuotaRepository quotas, QuotaAlertHub alerts,
            CurrentVertxRequest connection, QuotaAlertConfig alertConfig) {
        this.callers = callers;
        this.quotas = quotas;
        this.alerts = alerts;
        this.connection = connection;
        this.alertConfig = alertConfig;
    }

    public Uni<List<QuotaStatus>> quotaStatus() {
        return callers.ask(quotas::inForce);
    }

    public Multi<QuotaAlert> quotaAlerts() {
        SlowClientGuard guard = SlowClientGuard.of(connection.getCurrent(), alertConfig.maxPendingPerSubscription());
        return callers.follow(caller -> alerts.follow(caller, guard));
    }
}
