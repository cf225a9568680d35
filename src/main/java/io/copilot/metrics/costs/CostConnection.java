package io.copilot.metrics.costs;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.Connection.PageInfo;

@Description("A page of costs, oldest first (Relay connection).")
public record CostConnection(@NonNull List<@NonNull CostEdge> edges, @NonNull PageInfo pageInfo) {

    public record CostEdge(@NonNull String cursor, @NonNull CostRecord node) {
    }
}
