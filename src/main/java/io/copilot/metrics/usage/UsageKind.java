package io.copilot.metrics.usage;

/** What usage was spent on. */
public enum UsageKind {
    LLM("llm"),
    SANDBOX("e2b");

    /** The value the database uses (resource_type). */
    final String databaseValue;

    UsageKind(String databaseValue) {
        this.databaseValue = databaseValue;
    }

    static UsageKind of(String databaseValue) {
        return "llm".equals(databaseValue) ? LLM : SANDBOX;
    }
}
