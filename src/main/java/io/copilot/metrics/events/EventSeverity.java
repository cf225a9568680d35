package io.copilot.metrics.events;

import java.util.Locale;

public enum EventSeverity {
    DEBUG, INFO, WARNING, ERROR, CRITICAL;

    static EventSeverity of(String databaseValue) {
        return valueOf(databaseValue.toUpperCase(Locale.ROOT));
    }

    String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
