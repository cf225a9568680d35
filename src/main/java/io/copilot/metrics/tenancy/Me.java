package io.copilot.metrics.tenancy;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Who the service thinks the caller is.")
public record Me(
        @NonNull String subject,
        @Id @Description("The tenant this request is scoped to; null for a platform administrator reading across tenants")
        String tenantId,
        @NonNull List<@NonNull String> roles,
        boolean platformAdmin,
        @NonNull List<@NonNull Membership> memberships) {

    static Me of(Caller caller, List<Membership> memberships) {
        return new Me(caller.subject(), caller.tenantId().map(UUID::toString).orElse(null),
                caller.roles().stream().sorted().toList(), caller.platformAdmin(), memberships);
    }
}
