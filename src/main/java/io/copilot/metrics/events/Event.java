package io.copilot.metrics.events;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One event of the unified event log.")
public record Event(
        @NonNull @Description("This service's id of the event") String id,
        @NonNull String tenantId,
        @NonNull @Description("The id its source gave it") String eventId,
        @NonNull String source,
        @NonNull String type,
        @NonNull EventCategory category,
        @NonNull EventSeverity severity,
        String subject,
        String message,
        @NonNull @Description("The event's data as JSON text (an object)") String data,
        @Description("data.duration_ms of a performance event") Double durationMs,
        String userId,
        String sessionId,
        String traceId,
        @NonNull OffsetDateTime time,
        @NonNull @Description("When this service recorded it") OffsetDateTime receivedAt) {
}
