package io.copilot.metrics.sessions;

import java.util.Locale;

public enum SessionState {
    ACTIVE, IDLE, EXPIRED, TERMINATED;

    static SessionState of(String databaseValue) {
        return valueOf(databaseValue.toUpperCase(Locale.ROOT));
    }

    String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
