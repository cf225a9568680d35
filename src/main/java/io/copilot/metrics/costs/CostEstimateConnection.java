package io.copilot.metrics.costs;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.Connection.PageInfo;

@Description("Estimates, newest first, a page at a time (Relay connection).")
public record CostEstimateConnection(@NonNull List<@NonNull CostEstimateEdge> edges, @NonNull PageInfo pageInfo,
        @Description("How many there are in the whole list") long totalCount) {

    public record CostEstimateEdge(@NonNull String cursor, @NonNull CostEstimate node) {
    }
}
