package io.copilot.metrics.tenancy;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.copilot.metrics.api.BadUserInputException;
import io.copilot.metrics.api.Echo;
import io.copilot.metrics.api.ForbiddenException;
import io.copilot.metrics.config.TenancyConfig;
import io.vertx.core.json.JsonObject;

/**
 * The tenancy rule, with no I/O: verified claims and the tenant a request asks for (header or
 * connection payload) decide the {@link Caller}. The token's tenant is taken as the identity
 * provider asserts it; another tenant is honoured for a platform administrator, or for a
 * member once the database confirms an active membership ({@link MembershipNeeded}).
 */
@ApplicationScoped
public class TenantSelection {

    /** The outcome: a caller, or a caller that still needs the database's word on a membership. */
    public sealed interface Selection permits Chosen, MembershipNeeded {
    }

    public record Chosen(Caller caller) implements Selection {
    }

    /**
     * @param asking the caller without a tenant, who asks about its own memberships
     * @param tenant the tenant asked for
     */
    public record MembershipNeeded(Caller asking, UUID tenant) implements Selection {

        /** The caller in the tenant when the database shows an active membership; FORBIDDEN otherwise. */
        public Caller confirm(boolean activeMember) throws ForbiddenException {
            if (!activeMember) {
                throw new ForbiddenException("No active membership in tenant " + tenant);
            }
            return asking.inTenant(tenant);
        }
    }

    private final TenancyConfig tenancy;

    public TenantSelection(TenancyConfig tenancy) {
        this.tenancy = tenancy;
    }

    /** The caller as the token alone describes it (the token's tenant, if any). */
    private Caller fromToken(JsonObject claims) {
        Set<String> roles = new LinkedHashSet<>();
        tenancy.rolesClaims().forEach(path -> roles.addAll(ClaimPaths.strings(claims, path)));
        String subject = ClaimPaths.text(claims, "sub")
                .orElseThrow(() -> new IllegalStateException("verified token without subject"));
        Optional<UUID> tokenTenant = ClaimPaths.text(claims, tenancy.tenantClaim()).flatMap(TenantSelection::uuid);
        return new Caller(subject, tokenTenant, Set.copyOf(roles), roles.contains(tenancy.adminRole()), claims);
    }

    /**
     * @param requestedTenant the raw text of the tenant header (or connection payload entry), if sent
     * @throws ForbiddenException    no tenant can be resolved and the caller is no administrator
     * @throws BadUserInputException the requested tenant is not a tenant id
     */
    public Selection select(JsonObject claims, Optional<String> requestedTenant)
            throws ForbiddenException, BadUserInputException {
        Caller caller = fromToken(claims);
        Optional<String> requested = requestedTenant.map(String::trim).filter(value -> !value.isEmpty());
        if (requested.isEmpty()) {
            if (caller.tenantId().isEmpty() && !caller.platformAdmin()) {
                throw new ForbiddenException("The token names no tenant (claim '" + tenancy.tenantClaim()
                        + "') and grants no platform access");
            }
            return new Chosen(caller);
        }
        UUID tenant = uuid(requested.get()).orElseThrow(() -> new BadUserInputException(tenancy.tenantHeader()
                + " must be a tenant id (UUID), got '" + Echo.of(requested.get()) + "'"));
        if (caller.platformAdmin() || caller.tenantId().equals(Optional.of(tenant))) {
            return new Chosen(caller.inTenant(tenant));
        }
        return new MembershipNeeded(caller.subjectOnly(), tenant);
    }

    /**
     * The caller as a recorder of usage: any token holding the usage-writer role, whatever tenant
     * it names (the usage names its own).
     *
     * @throws ForbiddenException the token does not hold the role (end users, analysts, administrators)
     */
    public ServiceAccount serviceAccount(JsonObject claims) throws ForbiddenException {
        Caller caller = fromToken(claims);
        if (!caller.roles().contains(tenancy.usageWriterRole())) {
            throw new ForbiddenException("Only service accounts with the role '" + tenancy.usageWriterRole()
                    + "' may reserve or record usage");
        }
        return new ServiceAccount(caller.subject(), claims);
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value)).filter(parsed -> parsed.toString().equalsIgnoreCase(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
