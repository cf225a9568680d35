package io.copilot.metrics.events;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("EventFilter")
@Description("Narrows events; every field is optional. The time range is [from, to), the last 24 hours by default.")
public record EventFilter(
        String type,
        EventCategory category,
        String source,
        EventSeverity severity,
        OffsetDateTime from,
        OffsetDateTime to,
        @Description("Words to find in the type, subject and message (web search syntax: \"quoted phrase\", -not, or)")
        String search) {

    static final EventFilter NONE = new EventFilter(null, null, null, null, null, null, null);
}
