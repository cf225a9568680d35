package io.copilot.metrics.events;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An event of the last 24 hours, as of the last refresh of the recent-events summary.")
public record RecentEvent(@NonNull String tenantId, @NonNull String id,
        @NonNull String eventId, @NonNull String source, @NonNull String type,
        @NonNull EventCategory category, @NonNull EventSeverity severity, String subject, String message,
        String userId, String sessionId, String traceId, @NonNull OffsetDateTime time) {
}
