package io.copilot.metrics.costs;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.Connection.PageInfo;

@Description("A cost breakdown, a page of groups at a time (Relay connection).")
public record CostBreakdownConnection(@NonNull List<@NonNull CostBreakdownEdge> edges, @NonNull PageInfo pageInfo,
        @Description("How many groups there are in the whole breakdown") long totalCount) {

    public record CostBreakdownEdge(@NonNull String cursor, @NonNull CostBreakdownRow node) {
    }
}
