package io.copilot.metrics.sessions;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A platform session, as the platform last reported it; ACTIVE or IDLE past expiresAt reads EXPIRED.")
public record Session(@NonNull String id, @NonNull String tenantId,
        @NonNull @Description("The platform's own id of the session") String sessionId, @NonNull String userId,
        @NonNull SessionState state,
        @NonNull @Description("As JSON text (an object)") String metadata, @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt, @NonNull OffsetDateTime lastActivityAt, OffsetDateTime expiresAt,
        @NonNull long requestCount, @NonNull long errorCount, @NonNull double totalDurationMs) {
}
