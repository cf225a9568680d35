package io.copilot.metrics.costs;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.copilot.metrics.api.Connection.PageInfo;

@Description("Users by spending, highest first, a page at a time (Relay connection).")
public record UserCostConnection(@NonNull List<@NonNull UserCostEdge> edges, @NonNull PageInfo pageInfo,
        @Description("How many there are in the whole list") long totalCount) {

    public record UserCostEdge(@NonNull String cursor, @NonNull UserCost node) {
    }
}
