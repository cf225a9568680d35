package io.copilot.metrics.events;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("EventInput")
@Description("One event to record, shaped like a CloudEvent: recorded once per (tenantId, source, id).")
public record EventInput(
        @NonNull @Description("The tenant the event belongs to (UUID); it must be active") String tenantId,
        @NonNull @Description("The event's id, unique within its source (1 to 256 characters)") String id,
        @NonNull @Description("Who emitted it, e.g. a service URI (1 to 256 characters)") String source,
        @NonNull @Description("What happened, e.g. llm.request.completed (1 to 256 characters)") String type,
        @NonNull EventCategory category,
        @DefaultValue("INFO") EventSeverity severity,
        @Description("What the event is about, e.g. a model or a conversation (at most 1024 characters)")
        String subject,
        @Description("Text for people and for full-text search (at most 4096 characters)") String message,
        @NonNull @Description("When it happened: within the retention, not beyond the clock skew ahead") OffsetDateTime time,
        @Description("The event's data as JSON text: an object of at most 64 keys and 8 KiB, with its category's keys, "
                + "e.g. {\"duration_ms\": 120}")
        String data,
        @Description("The user it concerns (UUID)") String userId,
        @Description("The platform session it belongs to") String sessionId,
        String traceId) {
}
