package io.copilot.metrics.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of costs, oldest first (Relay connection).")
public record CostConnection(@NonNull List<@NonNull CostEdge> edges, @NonNull PageInfo pageInfo) {

    public record CostEdge(@NonNull String cursor, @NonNull CostRecord node) {
    }

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }
}
