package io.copilot.metrics.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.copilot.metrics.config.TenancyConfig;
import io.copilot.metrics.errors.BadUserInputException;
import io.copilot.metrics.errors.ForbiddenException;
import io.copilot.metrics.repository.MembershipRepository;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Turns the verified token of the current request into a {@link Caller}: subject, roles from
 * the configured claims, and the tenant, either the token's or one picked with the tenant
 * header. A picked tenant is honoured only if the database shows an active membership (or
 * the caller is a platform administrator). Resolved once per request.
 */
@RequestScoped
public class CallerResolver {

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private final TenancyConfig tenancy;
    private final MembershipRepository memberships;
    private Uni<Caller> resolved;

    public CallerResolver(SecurityIdentity identity, CurrentVertxRequest request, TenancyConfig tenancy,
            MembershipRepository memberships) {
        this.identity = identity;
        this.request = request;
        this.tenancy = tenancy;
        this.memberships = memberships;
    }

    /** The caller, or FORBIDDEN when no tenant can be resolved and the caller is no administrator. */
    public Uni<Caller> caller() {
        if (resolved == null) {
            resolved = resolve().memoize().indefinitely();
        }
        return resolved;
    }

    /** The caller without a tenant requirement: enough to answer "who am I". */
    public Caller authenticatedCaller() {
        JsonObject claims = verifiedClaims();
        Set<String> roles = new LinkedHashSet<>();
        tenancy.rolesClaims().forEach(path -> roles.addAll(ClaimPaths.strings(claims, path)));
        String subject = ClaimPaths.text(claims, "sub")
                .orElseThrow(() -> new IllegalStateException("verified token without subject"));
        Optional<UUID> tokenTenant = ClaimPaths.text(claims, tenancy.tenantClaim()).flatMap(CallerResolver::uuid);
        return new Caller(subject, tokenTenant, Set.copyOf(roles), roles.contains(tenancy.adminRole()), claims);
    }

    private Uni<Caller> resolve() {
        Caller caller;
        try {
            caller = authenticatedCaller();
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        Optional<String> header = Optional.ofNullable(request.getCurrent().request().getHeader(tenancy.tenantHeader()))
                .map(String::trim).filter(value -> !value.isEmpty());
        if (header.isEmpty()) {
            if (caller.tenantId().isEmpty() && !caller.admin()) {
                return Uni.createFrom().failure(new ForbiddenException(
                        "The token names no tenant (claim '" + tenancy.tenantClaim() + "') and grants no platform access"));
            }
            return Uni.createFrom().item(caller);
        }
        Optional<UUID> requested = uuid(header.get());
        if (requested.isEmpty()) {
            return Uni.createFrom().failure(new BadUserInputException(
                    "Header " + tenancy.tenantHeader() + " must be a tenant id (UUID), got '" + header.get() + "'"));
        }
        UUID tenant = requested.get();
        if (caller.admin() || caller.tenantId().equals(requested)) {
            return Uni.createFrom().item(caller.inTenant(tenant));
        }
        return memberships.hasActiveMembership(caller, tenant).flatMap(member -> member
                ? Uni.createFrom().item(caller.inTenant(tenant))
                : Uni.createFrom().failure(new ForbiddenException("No active membership in tenant " + tenant)));
    }

    private JsonObject verifiedClaims() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || token.getRawToken() == null) {
            throw new IllegalStateException("request without a verified bearer token");
        }
        String[] parts = token.getRawToken().split("\\.");
        return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value)).filter(parsed -> parsed.toString().equalsIgnoreCase(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
