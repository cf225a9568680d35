package io.copilot.metrics.tenancy;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Who is asking, as far as the database needs to know: the verified token's claims, the tenant
 * the request is resolved to, and the caller's roles.
 *
 * @param subject       the token's sub
 * @param tenantId      the resolved tenant; empty only for a platform administrator reading across tenants
 * @param roles         role names gathered from the configured role claims
 * @param platformAdmin whether roles contain the platform-admin role
 * @param claims        the verified token claims, handed to PostgreSQL as request.jwt.claims
 */
public record Caller(String subject, Optional<UUID> tenantId, Set<String> roles, boolean platformAdmin,
        JsonObject claims) {

    static final String TENANT_READER = "authenticated";
    static final String PLATFORM_READER = "analytics_reader";

    /** The database role reads run as: administrators without a tenant read across tenants, everyone else as one. */
    public String readRole() {
        return platformAdmin && tenantId.isEmpty() ? PLATFORM_READER : TENANT_READER;
    }

    /**
     * The database role writes run as, if the caller may write at all: a caller scoped to a tenant
     * writes as that tenant (row-level security keeps it there); reading across tenants grants
     * no writes.
     */
    public Optional<String> writeRole() {
        return tenantId.map(tenant -> TENANT_READER);
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
        return new Caller(subject, Optional.of(tenant), roles, platformAdmin, claims);
    }
}
