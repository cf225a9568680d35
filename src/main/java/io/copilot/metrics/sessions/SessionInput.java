package io.copilot.metrics.sessions;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SessionInput")
@Description("A session's current state, created or brought up to date by (tenantId, sessionId). A report older than "
        + "the stored lastActivityAt changes nothing (reports may arrive out of order).")
public record SessionInput(
        @NonNull @Description("The tenant (UUID); it must be active") String tenantId,
        @NonNull @Description("The platform's own id of the session (1 to 256 characters)") String sessionId,
        @NonNull @Description("The session's user (UUID)") String userId,
        @Description("ACTIVE unless given") SessionState state,
        @Description("As JSON text: an object of at most 64 keys and 8 KiB") String metadata,
        @Description("Now unless given") OffsetDateTime lastActivityAt,
        OffsetDateTime expiresAt,
        @Description("Requests served in the session so far") Integer requestCount,
        @Description("Of which failed") Integer errorCount,
        @Description("Their total duration in milliseconds") Double totalDurationMs) {
}
