package io.copilot.metrics.sessions;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("SessionFilter")
@Description("Narrows sessions; every field is optional.")
public record SessionFilter(
        @Description("A tenant (UUID), for a platform administrator reading across tenants") String tenantId,
        @Description("A user (UUID): a user sees only their own sessions anyway") String userId,
        SessionState state) {

    static final SessionFilter NONE = new SessionFilter(null, null, null);
}
