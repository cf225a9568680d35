package io.copilot.metrics.tenancy;

import java.util.List;

/** A page of a list and the length of the whole list. */
public record Counted<T>(List<T> rows, long totalCount) {
}
