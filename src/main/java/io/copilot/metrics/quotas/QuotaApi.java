package io.copilot.metrics.quotas;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.copilot.metrics.api.ApiEdge;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The quota API, for the caller's tenant (or all tenants for a platform administrator): the state now, and live alerts. */
@GraphQLApi
@ApiEdge
public class QuotaApi {

    private final QuotaService quotas;

    public QuotaApi(QuotaService quotas) {
        this.quotas = quotas;
    }

    @Query
    @Description("Quotas in force now, with OK / WARNING / EXCEEDED.")
    public Uni<@NonNull List<@NonNull QuotaStatus>> quotaStatus() {
        return quotas.quotaStatus();
    }

    @Subscription
    @Description("From now on, each time one of the caller's quotas crosses into WARNING or EXCEEDED (or back), a new "
            + "period starts, or a reservation on it is refused. Over WebSocket (graphql-transport-ws); subscribe "
            + "first, then read quotaStatus, and nothing falls between the two.")
    public Multi<QuotaAlert> quotaAlerts() {
        return quotas.quotaAlerts();
    }
}
