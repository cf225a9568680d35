package io.copilot.metrics.tenancy;

import java.util.function.Function;

import jakarta.enterprise.context.RequestScoped;

import io.copilot.metrics.api.ForbiddenException;
import io.copilot.metrics.tenancy.TenantSelection.Chosen;
import io.copilot.metrics.tenancy.TenantSelection.MembershipNeeded;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The caller of the current request: the verified token, the tenant it asks for and, where the
 * rule needs it, the database's answer on a membership, put together by {@link TenantSelection}.
 * Resolved once per request (per connection over WebSocket).
 */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private final RequestedTenant requestedTenant;
    private final TenantSelection selection;
    private final Memberships memberships;
    private Uni<Caller> resolved;

    public CurrentCaller(SecurityIdentity identity, RequestedTenant requestedTenant, TenantSelection selection,
            Memberships memberships) {
        this.identity = identity;
        this.requestedTenant = requestedTenant;
        this.selection = selection;
        this.memberships = memberships;
    }

    /** Runs {@code work} for the caller; FORBIDDEN when no tenant can be resolved and the caller is no administrator. */
    public <T> Uni<T> ask(Function<Caller, Uni<? extends T>> work) {
        return caller().flatMap(work);
    }

    /** Streams {@code work} for the caller, resolved once when the stream starts; fails FORBIDDEN as {@link #ask} does. */
    public <T> Multi<T> follow(Function<Caller, Multi<T>> work) {
        return caller().onItem().transformToMulti(work);
    }

    /** The caller as a recorder of usage; FORBIDDEN unless it holds the usage-writer role. Needs no database. */
    public ServiceAccount serviceAccount() throws ForbiddenException {
        return selection.serviceAccount(VerifiedClaims.of(identity));
    }

    Uni<Caller> caller() {
        if (resolved == null) {
            resolved = resolve().memoize().indefinitely();
        }
        return resolved;
    }

    private Uni<Caller> resolve() {
        try {
            TenantSelection.Selection selection = this.selection.select(VerifiedClaims.of(identity),
                    requestedTenant.value());
            if (selection instanceof MembershipNeeded needed) {
                return memberships.isActiveMember(needed.asking(), needed.tenant())
                        .flatMap(member -> confirmed(needed, member));
            }
            return Uni.createFrom().item(((Chosen) selection).caller());
        } catch (Exception refused) {
            return Uni.createFrom().failure(refused);
        }
    }

    private static Uni<Caller> confirmed(MembershipNeeded needed, boolean member) {
        try {
            return Uni.createFrom().item(needed.confirm(member));
        } catch (ForbiddenException refused) {
            return Uni.createFrom().failure(refused);
        }
    }
}
