package io.copilot.metrics.security;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Who is asking, as far as the database needs to know: the token's verified claims, the
 * tenant the request is resolved to, and the caller's roles.
 *
 * @param subject  the token's sub
 * @param tenantId the resolved tenant; empty only for a platform administrator reading across tenants
 * @param roles    role names gathered from the configured role claims
 * @param admin    whether roles contain the platform-admin role
 * @param claims   the verified token claims, to be handed to PostgreSQL as request.jwt.claims
 */
public record Caller(String subject, Optional<UUID> tenantId, Set<String> roles, boolean admin, JsonObject claims) {

    /** The database role: administrators without a tenant read across tenants, everyone else as one. */
    public String databaseRole() {
        return admin && tenantId.isEmpty() ? "analytics_reader" : "authenticated";
    }

    /** request.jwt.claims: the verified claims with the resolved tenant, subject and roles. */
    public String claimsJson() {
        JsonObject sessionClaims = claims.copy();
        sessionClaims.remove("tenant_id");
        tenantId.ifPresent(tenant -> sessionClaims.put("tenant_id", tenant.toString()));
        sessionClaims.put("sub", subject);
        sessionClaims.put("roles", new JsonArray(roles.stream().sorted().toList()));
        return sessionClaims.encode();
    }

    /** The same caller with no tenant and no platform access: enough to ask about its own memberships. */
    public Caller subjectOnly() {
        return new Caller(subject, Optional.empty(), roles, false, claims);
    }

    /** The same caller, scoped to one tenant. */
    public Caller inTenant(UUID tenant) {
        return new Caller(subject, Optional.of(tenant), roles, admin, claims);
    }
}
