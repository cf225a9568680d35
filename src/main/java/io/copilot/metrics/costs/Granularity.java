package io.copilot.metrics.costs;

import java.time.Duration;

/** Width of a time-series bucket; buckets start at the boundary in the requested time zone. */
public enum Granularity {
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1)),
    WEEK(Duration.ofDays(7)),
    MONTH(Duration.ofDays(28));

    /** The shortest a bucket can be (daylight saving aside), to bound how many a range holds. */
    public final Duration shortest;

    Granularity(Duration shortest) {
        this.shortest = shortest;
    }

    /** The unit PostgreSQL's date_trunc understands. */
    public String databaseUnit() {
        return name().toLowerCase();
    }
}
