package io.copilot.metrics.tenancy;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** An active membership of the caller. */
public record Membership(@NonNull @Id String tenantId, @NonNull String tenantSlug, @NonNull String tenantName,
        @NonNull String role) {
}
