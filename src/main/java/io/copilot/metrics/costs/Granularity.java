package io.copilot.metrics.costs;

/** Width of a time-series bucket; buckets start at the boundary in the requested time zone. */
public enum Granularity {
    HOUR,
    DAY,
    WEEK,
    MONTH;

    /** The unit PostgreSQL's date_trunc understands. */
    public String databaseUnit() {
        return name().toLowerCase();
    }
}
