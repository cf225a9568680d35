package io.copilot.metrics.events;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Errors of the last 7 days (severity ERROR or CRITICAL) of one source, type and error code, as of the "
        + "last refresh of the error summary.")
public record ErrorSummary(@NonNull String tenantId, @NonNull String source, @NonNull String type,
        @NonNull @Description("data.error_code; empty when the events had none") String errorCode,
        @NonNull long count, @NonNull long criticalCount, @NonNull OffsetDateTime firstSeenAt,
        @NonNull OffsetDateTime lastSeenAt, @Description("The message of the latest") String lastMessage) {
}
