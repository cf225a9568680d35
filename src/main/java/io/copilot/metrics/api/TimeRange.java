package io.copilot.metrics.api;

import java.time.OffsetDateTime;

/** A half-open interval [from, to) of instants; every aggregate is computed over one. */
public record TimeRange(OffsetDateTime from, OffsetDateTime to) {

    public TimeRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}
