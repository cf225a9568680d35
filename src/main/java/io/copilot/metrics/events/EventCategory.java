package io.copilot.metrics.events;

import java.util.Locale;

import org.eclipse.microprofile.graphql.Description;

@Description("What an event is about; each category has its required data keys (README, \"Event log\").")
public enum EventCategory {
    @Description("A timing: data.duration_ms, a number >= 0, is required")
    PERFORMANCE,
    @Description("A failure: data.error_code, a string, is required")
    ERROR,
    @Description("Something used: data.quantity, a number >= 0, is required")
    USAGE,
    @Description("Who did what: data.action, a string, is required")
    AUDIT,
    @Description("Anything else about the platform")
    SYSTEM;

    static EventCategory of(String databaseValue) {
        return valueOf(databaseValue.toUpperCase(Locale.ROOT));
    }

    String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
