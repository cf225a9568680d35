package io.copilot.metrics.quotas;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.copilot.metrics.api.ApiEdge;
import io.smallrye.mutiny.Uni;

/** The quota queries, for the caller's tenant (or all tenants for a platform administrator). */
@GraphQLApi
@ApiEdge
public class QuotaQueries {

    private final QuotaService quotas;

    public QuotaQueries(QuotaService quotas) {
        this.quotas = quotas;
    }

    @Query
    @Description("Quotas in force now, with OK / WARNING / EXCEEDED.")
    public Uni<@NonNull List<@NonNull QuotaStatus>> quotaStatus() {
        return quotas.quotaStatus();
    }
}
