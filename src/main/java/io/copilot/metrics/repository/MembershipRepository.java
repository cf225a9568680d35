package io.copilot.metrics.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.model.Membership;
import io.copilot.metrics.security.Caller;
import io.copilot.metrics.security.TenantScopedTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The caller's own memberships, answered by the database for the subject in the claims alone,
 * before any tenant is chosen.
 */
@ApplicationScoped
public class MembershipRepository {

    private final TenantScopedTransactions transactions;

    public MembershipRepository(TenantScopedTransactions transactions) {
        this.transactions = transactions;
    }

    public Uni<Boolean> hasActiveMembership(Caller caller, UUID tenantId) {
        return transactions.read(caller.subjectOnly(), connection -> connection
                .preparedQuery("SELECT public.has_active_membership($1) AS member")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.iterator().next().getBoolean("member")));
    }

    public Uni<List<Membership>> memberships(Caller caller) {
        return transactions.list(caller.subjectOnly(),
                "SELECT tenant_id, tenant_slug, tenant_name, role FROM public.my_memberships()", Tuple.tuple(),
                row -> new Membership(Rows.id(row, "tenant_id"), row.getString("tenant_slug"),
                        row.getString("tenant_name"), row.getString("role")));
    }
}
