package io.copilot.metrics.tenancy;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.copilot.metrics.api.ApiEdge;
import io.smallrye.mutiny.Uni;

/** "Who am I": the caller as the service resolved it, with the memberships the database shows. */
@GraphQLApi
@ApiEdge
public class MeQuery {

    private final CurrentCaller callers;
    private final Memberships memberships;

    public MeQuery(CurrentCaller callers, Memberships memberships) {
        this.callers = callers;
        this.memberships = memberships;
    }

    @Query
    @Description("Who the service thinks the caller is: subject, tenant, roles and memberships.")
    public Uni<@NonNull Me> me() {
        return callers.ask(caller -> memberships.of(caller).map(list -> Me.of(caller, list)));
    }
}
