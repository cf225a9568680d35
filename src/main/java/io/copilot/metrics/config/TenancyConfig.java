package io.copilot.metrics.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a verified token's claims map onto a tenant and roles. */
@ConfigMapping(prefix = "copilot-metrics.tenancy")
public interface TenancyConfig {

    /** Claim holding the caller's tenant id; a dotted path reaches into nested objects. */
    @WithDefault("tenant_id")
    String tenantClaim();

    /** Claims holding role names (arrays of strings); dotted paths allowed. All are merged. */
    @WithDefault("realm_access.roles,groups")
    List<String> rolesClaims();

    /** Role that marks platform administrators, who read across tenants. */
    @WithDefault("platform-admin")
    String adminRole();

    /** Role of the service accounts that reserve and record usage (OAuth2 client-credentials tokens). */
    @WithDefault("usage-writer")
    String usageWriterRole();

    /** Request header by which a member of several tenants picks one. */
    @WithDefault("X-Tenant-Id")
    String tenantHeader();
}
